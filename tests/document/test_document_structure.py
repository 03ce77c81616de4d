"""The tender document's structure, asserted with XPath on its unzipped parts."""

from __future__ import annotations

import io

import docx
import pytest
from docxcheck import (
    BUILT,
    NS,
    SAMPLES,
    paragraph_text,
    paragraphs_in_style,
    part,
    parts,
    sample_tender,
    stories,
    style_ids,
    texts,
    w,
)
from factories import make_tender

from generator.document import render_tender_document
from generator.document.wording import wording

HEADING_KEYS = ("h_intro", "h_respond", "h_requirements", "h_award", "h_kpis", "h_raci", "h_collaboration",
                "h_glossary", "h_changes")


@pytest.fixture(scope="module")
def tender():
    return make_tender("nl")


@pytest.fixture(scope="module")
def data(tender) -> bytes:
    return render_tender_document(tender, built=BUILT)


@pytest.fixture(scope="module")
def document(data):
    return part(data, "word/document.xml")


@pytest.fixture(scope="module")
def styles(data):
    return part(data, "word/styles.xml")


def test_house_styles_are_defined(styles):
    names = style_ids(styles)
    for name in ("normal", "title", "heading 1", "heading 2", "heading 3", "toc 1", "toc 2", "header",
                 "footer",
                 "list bullet", "list number", "tender table", "tender table text", "tender fact"):
        assert name in names, name
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(w("val")) == "nl-NL"


def test_page_setup_is_a4_portrait_with_margins(document):
    sect_pr = document.find("w:body/w:sectPr", NS)
    size, margins = sect_pr.find("w:pgSz", NS), sect_pr.find("w:pgMar", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    assert size.get(w("orient")) in (None, "portrait")
    assert all(int(margins.get(w(side))) >= 1134 for side in ("top", "bottom", "left", "right"))


def test_numbering_definitions_precede_instances_and_number_the_headings(data, styles):
    numbering = part(data, "word/numbering.xml")
    children = [etree_name(c) for c in numbering]
    assert "num" in children and "abstractNum" in children
    assert max(i for i, c in enumerate(children) if c == "abstractNum") < children.index("num")
    ids = style_ids(styles)
    for level, name in enumerate(("heading 1", "heading 2")):
        style = styles.xpath("w:style[@w:styleId=$s]", namespaces=NS, s=ids[name])[0]
        num_id = style.find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
        abstract_id = numbering.xpath("w:num[@w:numId=$n]/w:abstractNumId/@w:val", namespaces=NS, n=num_id)[0]
        lvl = numbering.xpath("w:abstractNum[@w:abstractNumId=$a]/w:lvl[@w:ilvl=$l]", namespaces=NS,
                              a=abstract_id, l=str(level))[0]
        assert lvl.find("w:pStyle", NS).get(w("val")) == ids[name]
        assert lvl.find("w:numFmt", NS).get(w("val")) == "decimal"


def etree_name(element) -> str:
    return element.tag.split("}")[1]


def test_toc_field_lists_the_headings_with_bookmarks(document, styles):
    instructions = [i.text for i in document.iter(w("instrText"))]
    assert any(text.strip() == 'TOC \\o "1-2" \\h \\z \\u' for text in instructions)
    begin = document.xpath("//w:p[w:r/w:instrText[contains(., 'TOC')]]", namespaces=NS)[0]
    kinds = [f.get(w("fldCharType")) for f in document.iter(w("fldChar"))]
    assert kinds.count("begin") == kinds.count("end") and kinds.count("separate") == kinds.count("begin")
    ids = style_ids(styles)
    headings = [p for name in ("heading 1", "heading 2") for p in paragraphs_in_style(document, ids[name])]
    anchors = document.xpath("//w:hyperlink/@w:anchor", namespaces=NS)
    bookmarks = set(document.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    assert len(anchors) == len(headings) and set(anchors) <= bookmarks
    listed = document.xpath("//w:p[w:hyperlink]", namespaces=NS)
    entries = [paragraph_text(h) for h in listed]
    assert entries[0] == "1 Inleiding en leeswijzer" and listed[0] is begin
    assert "2.2 Planning" in entries


def test_update_fields_is_set_in_schema_order(data):
    settings = part(data, "word/settings.xml")
    names = [etree_name(c) for c in settings]
    assert settings.find("w:updateFields", NS).get(w("val")) == "true"
    position = names.index("updateFields")
    for successor in ("compat", "rsids", "themeFontLang", "decimalSymbol", "listSeparator"):
        if successor in names:
            assert names.index(successor) > position, successor
    assert names.index("defaultTabStop") < position


def test_headers_and_footers_carry_reference_revision_and_page_fields(data, tender):
    found = stories(data)
    assert set(found) == {(kind, page) for kind in ("header", "footer") for page in ("default", "first")}
    assert part(data, "word/document.xml").find("w:body/w:sectPr/w:titlePg", NS) is not None
    header = " ".join(texts(found[("header", "default")]))
    footer = found[("footer", "default")]
    assert tender.reference in header and tender.authority.name in header
    assert "Revisie 1" in " ".join(texts(footer)) and "Pagina" in " ".join(texts(footer))
    instructions = [i.text.strip() for i in footer.iter(w("instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert not texts(found[("header", "first")])[0]


def test_tables_repeat_headers_do_not_split_rows_and_size_every_cell(document):
    tables = document.findall("w:body/w:tbl", NS)
    assert len(tables) >= 8
    for table in tables:
        rows = table.findall("w:tr", NS)
        label_table = table.find("w:tblPr/w:tblLook", NS).get(w("firstColumn")) == "1"
        assert label_table or rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        grid = sum(int(c.get(w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS))
        assert grid <= 11906 - 2 * 1418
        for row in rows:
            widths = [int(c.find("w:tcPr/w:tcW", NS).get(w("w"))) for c in row.findall("w:tc", NS)]
            assert len(widths) == len(table.findall("w:tblGrid/w:gridCol", NS)) and sum(widths) <= grid


def test_every_id_is_visible(document, tender):
    body = "\n".join(texts(document))
    for item in tender.requirements + tender.criteria + tender.kpis + tender.activities:
        assert item.id in body, item.id


def test_no_template_tags_are_left(data):
    for name, blob in parts(data).items():
        if name.endswith(".xml"):
            text = blob.decode("utf-8")
            assert "{{" not in text and "{%" not in text and "{#" not in text, name


def test_headings_are_never_empty_and_always_followed_by_content(document, styles):
    ids = style_ids(styles)
    levels = {ids["heading 1"]: 1, ids["heading 2"]: 2, ids["heading 3"]: 3}
    body = [c for c in document.find("w:body", NS) if etree_name(c) in ("p", "tbl")]
    sequence = []
    for element in body:
        style = element.find("w:pPr/w:pStyle", NS)
        level = levels.get(style.get(w("val"))) if style is not None and etree_name(element) == "p" else None
        sequence.append(level)
        if level:
            assert paragraph_text(element).strip(), "empty heading"
    for i, level in enumerate(sequence):
        if level:
            following = sequence[i + 1] if i + 1 < len(sequence) else 0
            assert following is None or following > level, f"heading without content at {i}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter_headings_follow_the_language(lang):
    data = render_tender_document(make_tender(lang), built=BUILT)
    document, styles = part(data, "word/document.xml"), part(data, "word/styles.xml")
    chapters = [paragraph_text(p) for p in paragraphs_in_style(document, style_ids(styles)["heading 1"])]
    assert chapters == [wording(lang)[key] for key in HEADING_KEYS]
    lang_tag = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(w("val"))
    assert lang_tag == {"nl": "nl-NL", "en": "en-GB"}[lang]
    assert ("Inhoudsopgave" in texts(document)) == (lang == "nl")


def test_empty_sections_say_so_instead_of_showing_empty_headings():
    bare = make_tender("en").model_copy(update=dict(requirements=[], kpis=[], activities=[], meetings=[],
                                                    escalation=[], contract_clauses=[]))
    body = texts(part(render_tender_document(bare, built=BUILT), "word/document.xml"))
    for key in ("requirements_none", "kpi_none", "raci_none", "collaboration_none"):
        assert wording("en")[key] in body
    assert wording("en")["h_kpi_overview"] not in body and wording("en")["h_meetings"] not in body


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_documents_to_be_attached_are_listed_with_the_clauses_referring_to_them(lang):
    data = render_tender_document(sample_tender("gemeente-it-beheer", lang), built=BUILT)
    document, styles = part(data, "word/document.xml"), part(data, "word/styles.xml")
    sections = [paragraph_text(p) for p in paragraphs_in_style(document, style_ids(styles)["heading 2"])]
    heading = {"nl": "Bij te voegen documenten", "en": "Documents to be attached"}[lang]
    assert heading in sections
    table = next(t for t in document.iterfind("w:body/w:tbl", NS)
                 if texts(t)[:3] == [wording(lang)["col_document"], wording(lang)["col_description"],
                                     wording(lang)["col_document_clauses"]])
    rows = [[" ".join(texts(tc)) for tc in tr.iterfind("w:tc", NS)] for tr in table.iterfind("w:tr", NS)][1:]
    titles = {"nl": ["Dienstbeschrijving", "Model Verwerkersovereenkomst",
                     "Overzicht van toepasselijke BIO-maatregelen", "Waarderingskader social return",
                     "Gebruiksvoorwaarden en beveiligingseisen Samenwerkingsplatform"],
              "en": ["Service description", "Model data processing agreement", "Applicable BIO controls",
                     "Social return valuation framework",
                     "Terms of use and security requirements of the Collaboration Platform"]}[lang]
    referring = ["PRF-04, PRF-05", "SEC-01", "SEC-04", "SRO-01", "FAC-03"]
    assert [(r[0], r[2]) for r in rows] == list(zip(titles, referring))
    bare = render_tender_document(make_tender(lang), built=BUILT)
    assert heading in texts(part(bare, "word/document.xml"))
    assert wording(lang)["documents_none"] in texts(part(bare, "word/document.xml"))


def test_core_properties_come_from_the_tender_and_the_build_time(data, tender):
    core = part(data, "docProps/core.xml")
    assert core.findtext("dc:identifier", namespaces=NS) == tender.reference
    assert core.findtext("dc:title", namespaces=NS) == tender.title
    assert core.findtext("dcterms:created", namespaces=NS) == "2027-01-10T09:30:00Z"
    assert core.findtext("dcterms:modified", namespaces=NS) == "2027-01-10T09:30:00Z"
    assert "Datum\t10 januari 2027" in texts(part(data, "word/document.xml"))


def test_rendering_is_deterministic_and_dated_by_built(tender, data):
    assert render_tender_document(tender, built=BUILT) == data
    later = render_tender_document(tender, built=BUILT.replace(year=2028))
    assert later != data
    assert "2028-01-10T09:30:00Z" in parts(later)["docProps/core.xml"].decode()


def test_python_docx_reads_it_back(data, tender):
    reread = docx.Document(io.BytesIO(data))
    assert reread.paragraphs[0].text == tender.title
    assert reread.core_properties.identifier == tender.reference
    assert len(reread.tables) >= 8


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_samples_show_every_id_and_no_tags(path, lang):
    tender = sample_tender(path.stem, lang)
    data = render_tender_document(tender, built=BUILT)
    document = part(data, "word/document.xml")
    body = "\n".join(texts(document))
    for item_id in [x.id for x in tender.requirements + tender.criteria + tender.contract_clauses
                    + tender.kpis + tender.activities]:
        assert item_id in body, item_id
    assert "{{" not in body and "{%" not in body
    for kpi in tender.kpis:
        if kpi.override_reason:
            assert kpi.override_reason in body
    assert docx.Document(io.BytesIO(data)).core_properties.identifier == tender.reference
