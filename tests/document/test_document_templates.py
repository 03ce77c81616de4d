"""Base templates: the bundled house style, an authority's own .docx, and the ones that are refused."""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from docxcheck import BUILT, NS, ROOT, paragraph_text, paragraphs_in_style, part, parts, stories, style_ids, w
from factories import make_tender

from generator.document import REQUIRED_STYLES, check_template, render_tender_document
from generator.errors import TemplateError
from generator.resources import templates_dir

TEMPLATES = ROOT / "templates"


def rewrite(source: bytes, changes: dict[str, object]) -> bytes:
    """``source`` with parts replaced: a value is new bytes, a function of the old bytes, or None (drop)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            blob = src.read(name)
            change = changes.get(name, blob)
            if callable(change):
                change = change(blob)
            if change is not None:
                dst.writestr(name, change)
    return out.getvalue()


def drop_styles(styles: bytes, *style_ids: str) -> bytes:
    text = styles.decode()
    for style_id in style_ids:
        text = re.sub(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', "", text)
    return text.encode()


@pytest.fixture(scope="module")
def house() -> bytes:
    return (TEMPLATES / "base-nl.docx").read_bytes()


@pytest.fixture(scope="module")
def tender():
    return make_tender("nl")


def save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bundled_templates_are_current(tmp_path):
    spec = importlib.util.spec_from_file_location("make_templates", TEMPLATES / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("base-nl.docx", "base-en.docx", "tender-document.docx"):
        fresh = (tmp_path / name).read_bytes()
        assert fresh == (TEMPLATES / name).read_bytes(), f"{name} is stale: run templates/make_templates.py"
    assert templates_dir() == TEMPLATES


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_bundled_base_templates_pass_the_check_and_set_a4(lang):
    path = TEMPLATES / f"base-{lang}.docx"
    check_template(path)
    section = docx.Document(path).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert section.left_margin.twips == section.right_margin.twips == 1418


def test_plain_python_docx_template_works_and_borrows_the_missing_house_styles(tmp_path, tender):
    path = tmp_path / "plain.docx"
    docx.Document().save(path)
    data = render_tender_document(tender, path, built=BUILT)
    styles = part(data, "word/styles.xml")
    names = style_ids(styles)
    assert {"tender table", "tender fact", "tender table text", "list bullet"} <= set(names)
    numbering = part(data, "word/numbering.xml")
    kinds = [c.tag.split("}")[1] for c in numbering]
    assert max(i for i, k in enumerate(kinds) if k == "abstractNum") < kinds.index("num")
    # Tables fill the template's own text width (US Letter, 1.25 inch margins in python-docx's default).
    document = part(data, "word/document.xml")
    sect_pr = document.find("w:body/w:sectPr", NS)
    width = int(sect_pr.find("w:pgSz", NS).get(w("w"))) - int(sect_pr.find("w:pgMar", NS).get(w("left"))) \
        - int(sect_pr.find("w:pgMar", NS).get(w("right")))
    for table in document.iterfind("w:body/w:tbl", NS):
        grid = sum(int(c.get(w("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS))
        assert width - 10 <= grid <= width
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == tender.title


def test_restyled_template_gives_its_look_to_the_document(tmp_path, tender):
    authority = docx.Document()
    heading = authority.styles["Heading 1"]
    heading.font.name = "Courier New"
    heading.font.size = Pt(21)
    authority.styles["Normal"].font.name = "Georgia"
    path = tmp_path / "authority.docx"
    authority.save(path)
    data = render_tender_document(tender, path, built=BUILT)
    styles = part(data, "word/styles.xml")
    ids = style_ids(styles)
    h1 = styles.xpath("w:style[@w:styleId=$s]", namespaces=NS, s=ids["heading 1"])[0]
    assert h1.find("w:rPr/w:rFonts", NS).get(w("ascii")) == "Courier New"
    assert h1.find("w:rPr/w:sz", NS).get(w("val")) == "42"
    document = part(data, "word/document.xml")
    assert paragraph_text(paragraphs_in_style(document, ids["heading 1"])[0]) == "Inleiding en leeswijzer"
    # The house Normal (Arial) did not overwrite the authority's.
    normal = styles.xpath("w:style[@w:styleId=$s]", namespaces=NS, s=ids["normal"])[0]
    assert normal.find("w:rPr/w:rFonts", NS).get(w("ascii")) == "Georgia"


def test_localised_style_ids_are_followed_by_name(tmp_path, house, tender):
    """Dutch Word saves "heading 1" with the ID Kop1; the document must use the template's IDs."""
    def localise(blob: bytes) -> bytes:
        text = blob.decode()
        for house_id, dutch in (("Heading1", "Kop1"), ("Heading2", "Kop2"), ("Heading3", "Kop3")):
            text = text.replace(f'"{house_id}"', f'"{dutch}"')
        return text.encode()

    path = save(tmp_path, "nl-word.docx", rewrite(house, {"word/styles.xml": localise,
                                                           "word/numbering.xml": localise}))
    document = part(render_tender_document(tender, path, built=BUILT), "word/document.xml")
    assert len(paragraphs_in_style(document, "Kop1")) == 9
    assert not paragraphs_in_style(document, "Heading1")
    assert len(paragraphs_in_style(document, "Kop3")) >= 5
    assert document.xpath("//w:hyperlink", namespaces=NS)  # the TOC still finds the headings


def test_missing_required_styles_are_all_named(tmp_path, house, tender):
    stripped = rewrite(house, {"word/styles.xml": lambda b: drop_styles(b, "Heading2", "Title")})
    path = save(tmp_path, "bare.docx", stripped)
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    message = str(caught.value)
    assert '"Title"' in message and '"Heading 2"' in message and str(path) in message
    assert '"Heading 1"' not in message
    with pytest.raises(TemplateError, match="Heading 2"):
        render_tender_document(tender, path, built=BUILT)
    assert "Heading 2" in REQUIRED_STYLES


def test_style_names_match_regardless_of_case(tmp_path, house, tender):
    """LibreOffice writes built-in style names in lower case ("title"), Word in mixed case ("Title")."""
    path = save(tmp_path, "lower.docx", rewrite(house, {"word/styles.xml": lambda b: b.replace(
        b'<w:name w:val="Title"/>', b'<w:name w:val="title"/>').replace(
        b'<w:name w:val="heading 1"/>', b'<w:name w:val="Heading 1"/>')}))
    check_template(path)
    render_tender_document(tender, path, built=BUILT)


def test_template_without_numbering_gets_the_house_lists(tmp_path, house, tender):
    def strip(blob: bytes) -> bytes:
        text = drop_styles(blob, "ListBullet", "ListNumber").decode()
        return re.sub(r"<w:numPr>.*?</w:numPr>", "", text).encode()

    changes = {
        "word/numbering.xml": None,
        "word/styles.xml": strip,
        "word/_rels/document.xml.rels": lambda b: re.sub(rb'<Relationship [^>]*numbering.xml"/>', b"", b),
        "[Content_Types].xml": lambda b: re.sub(rb'<Override PartName="/word/numbering.xml"[^>]*/>', b"", b),
    }
    path = save(tmp_path, "nolists.docx", rewrite(house, changes))
    data = render_tender_document(tender, path, built=BUILT)
    styles, numbering = part(data, "word/styles.xml"), part(data, "word/numbering.xml")
    bullet = styles.xpath("w:style[@w:styleId=$s]", namespaces=NS, s=style_ids(styles)["list bullet"])[0]
    num_id = bullet.find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
    abstract = numbering.xpath("w:num[@w:numId=$n]/w:abstractNumId/@w:val", namespaces=NS, n=num_id)[0]
    formats = numbering.xpath("w:abstractNum[@w:abstractNumId=$a]//w:numFmt/@w:val", namespaces=NS,
                              a=abstract)
    assert formats[0] == "bullet"
    assert "word/numbering.xml" in parts(data)
    listed = part(data, "word/document.xml").xpath("//w:p[w:hyperlink]", namespaces=NS)
    entries = [paragraph_text(p) for p in listed]
    assert entries[0] == "Inleiding en leeswijzer"  # unnumbered headings: no number in the TOC either


def test_even_page_headers_are_filled_when_the_template_asks_for_them(tmp_path, tender):
    authority = docx.Document()
    authority.settings.odd_and_even_pages_header_footer = True
    path = tmp_path / "even.docx"
    authority.save(path)
    found = stories(render_tender_document(tender, path, built=BUILT))
    assert {("header", "even"), ("footer", "even")} <= set(found)
    assert tender.reference in paragraph_text(found[("header", "even")].find("w:p", NS))


def test_dotx_template_is_accepted(tmp_path, house, tender):
    template_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    path = save(tmp_path, "huisstijl.dotx", rewrite(house, {"[Content_Types].xml": lambda b: b.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", template_type)}))
    check_template(path)
    assert render_tender_document(tender, path, built=BUILT)[:2] == b"PK"


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_a_file_that_is_not_word_is_refused(tmp_path, content):
    path = save(tmp_path, "x.docx", content)
    with pytest.raises(TemplateError, match="not a Word"):
        check_template(path)


def test_a_missing_template_is_refused(tmp_path):
    with pytest.raises(TemplateError, match="cannot read"):
        check_template(tmp_path / "nowhere.docx")


def test_the_templates_own_body_headers_and_sections_are_replaced(tmp_path, tender):
    authority = docx.Document()
    authority.add_paragraph("Voorbeeldtekst {{ geen_tag }} van het sjabloon")
    authority.sections[0].header.paragraphs[0].text = "Oude koptekst {% if x %}"
    authority.add_section()
    authority.sections[1].header.is_linked_to_previous = False
    authority.sections[1].header.paragraphs[0].text = "Tweede sectie {{ y }}"
    path = tmp_path / "with-sections.docx"
    authority.save(path)
    data = render_tender_document(tender, path, built=BUILT)
    document = part(data, "word/document.xml")
    assert document.xpath("count(//w:body/w:p/w:pPr/w:sectPr)", namespaces=NS) == 0
    assert "Voorbeeldtekst" not in parts(data)["word/document.xml"].decode()
    headers = [name for name in parts(data) if name.startswith("word/header")]
    assert len(headers) == 2
    assert not any(b"Oude koptekst" in parts(data)[name] or b"Tweede sectie" in parts(data)[name]
                   for name in headers)
