"""Regenerate the Word templates in this folder: ``python templates/make_templates.py [OUT_DIR]``.

Writes
- ``base-nl.docx`` and ``base-en.docx``: the house-style base templates (styles, list numbering, A4 page
  setup, document language). Their body only shows the styles; an authority copies one, restyles it in
  Word and passes it with ``--template``.
- ``tender-document.docx``: the docxtpl template of the tender document's body, header and footer, in
  the house style. Its wording comes from the render context, so it serves both languages.

The output is deterministic (fixed zip timestamps), so a test can check the committed files are current.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from housestyle import (  # noqa: E402
    LANG_TAGS,
    R_NS,
    W_NS,
    font_table_xml,
    numbering_xml,
    sect_pr,
    settings_xml,
    styles_xml,
)
from tender_body import body_xml, footer_body, header_body, para, run  # noqa: E402

HERE = Path(__file__).resolve().parent
STAMP = (2026, 1, 1, 0, 0, 0)
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

SHOWCASE = {
    "nl": {
        "title": "Huisstijl tenderpack",
        "intro": "Dit basissjabloon bevat de stijlen waarmee tenderpack de aanbestedingsleidraad opmaakt. "
                 "Pas de stijlen aan in Word (Start > Stijlen > Wijzigen) en geef het bestand mee met "
                 "--template. De tekst hieronder wordt bij het genereren vervangen; stijlen, "
                 "lijstnummering, paginaformaat en marges blijven behouden.",
        "required": "Verplichte stijlen: Normal, Title, Heading 1, Heading 2, Heading 3. Ontbrekende "
                    "overige stijlen (Tender Fact, Tender Table, ...) vult tenderpack aan uit dit sjabloon.",
        "h1": "Kop 1 (Heading 1)", "h2": "Kop 2 (Heading 2)", "h3": "REQ-01\tKop 3 (Heading 3) met een ID",
        "body": "Platte tekst (Normal).", "bullet": "Opsomming (List Bullet)",
        "number": "Nummering (List Number)",
        "fact": ("Kenmerk", "Tender Fact: een label met een waarde"),
    },
    "en": {
        "title": "tenderpack house style",
        "intro": "This base template holds the styles tenderpack lays out the tender document with. Change "
                 "the styles in Word (Home > Styles > Modify) and pass the file with --template. The text "
                 "below is replaced when the document is built; styles, list numbering, page size and "
                 "margins are kept.",
        "required": "Required styles: Normal, Title, Heading 1, Heading 2, Heading 3. Other styles "
                    "(Tender Fact, Tender Table, ...) missing from your template are taken from this one.",
        "h1": "Heading 1", "h2": "Heading 2", "h3": "REQ-01\tHeading 3 with an ID",
        "body": "Body text (Normal).", "bullet": "Bullet list (List Bullet)",
        "number": "Numbered list (List Number)",
        "fact": ("Reference", "Tender Fact: a label with a value"),
    },
}


def _runs(value: str) -> str:
    pieces = value.split("\t")
    return "<w:r><w:tab/></w:r>".join(run(piece) for piece in pieces)


def showcase_body(lang: str) -> str:
    """The body of a base template: one example of each house style, then the page setup."""
    s = SHOWCASE[lang]
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="4535" w:type="dxa"/></w:tcPr>{para(style, run(value))}</w:tc>'
        for style, value in (("TenderTableHeading", "Tender Table"),
                             ("TenderTableHeading", "Tender Table Heading"))
    )
    cells2 = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="4535" w:type="dxa"/></w:tcPr>{para("TenderTableText", run(value))}</w:tc>'
        for value in ("Tender Table Text", "...")
    )
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TenderTable"/><w:tblW w:w="9070" w:type="dxa"/>'
        '<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="4535"/><w:gridCol w:w="4535"/></w:tblGrid>'
        f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr><w:tr>{cells2}</w:tr></w:tbl>'
    )
    label, value = s["fact"]
    return (
        "<w:body>" + para("Title", run(s["title"])) + para("Subtitle", run("Title / Subtitle"))
        + para(None, run(s["intro"])) + para(None, run(s["required"]))
        + para("Heading1", run(s["h1"]), ppr='<w:pageBreakBefore w:val="0"/>')
        + para("Heading2", run(s["h2"]))
        + para("Heading3", _runs(s["h3"])) + para(None, run(s["body"]))
        + para("ListBullet", run(s["bullet"])) + para("ListNumber", run(s["number"]))
        + para("TenderFact", run(label, "Strong"), "<w:r><w:tab/></w:r>", run(value))
        + para("TenderFormula", run("Tender Formula")) + table + para(None)
        + sect_pr() + "</w:body>"
    )


def _document(body: str) -> str:
    return f'{XML_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:document>'


def _story(tag: str, content: str) -> str:
    return f'{XML_DECL}<w:{tag} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{content}</w:{tag}>'


def _core(title: str, lang: str) -> str:
    return (
        f'{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>tenderpack</dc:creator>"
        f"<dc:language>{LANG_TAGS[lang]}</dc:language>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP = (
    f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>tenderpack</Application></Properties>"
)


def package(lang: str, body: str, title: str, stories: dict[str, str] | None = None) -> dict[str, str]:
    """All parts of a .docx as ``{name: xml}``; ``stories`` adds header/footer parts by file name."""
    stories = stories or {}
    overrides = {
        "/word/document.xml": f"{CT_MAIN}.document.main+xml",
        "/word/styles.xml": f"{CT_MAIN}.styles+xml",
        "/word/numbering.xml": f"{CT_MAIN}.numbering+xml",
        "/word/settings.xml": f"{CT_MAIN}.settings+xml",
        "/word/fontTable.xml": f"{CT_MAIN}.fontTable+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    rels = {"rId1": ("styles", "styles.xml"), "rId2": ("numbering", "numbering.xml"),
            "rId3": ("settings", "settings.xml"), "rId4": ("fontTable", "fontTable.xml")}
    for i, name in enumerate(sorted(stories), start=5):
        kind = re.sub(r"\d*\.xml$", "", name)
        overrides[f"/word/{name}"] = f"{CT_MAIN}.{kind}+xml"
        rels[f"rId{i}"] = (kind, name)
    content_types = (
        f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{ct}"/>' for p, ct in overrides.items())
        + "</Types>"
    )
    root_rels = (
        f'{XML_DECL}<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        f'{XML_DECL}<Relationships xmlns="{PKG_REL}">'
        + "".join(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>'
                  for rid, (kind, target) in rels.items())
        + "</Relationships>"
    )
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": root_rels,
        "docProps/core.xml": _core(title, lang),
        "docProps/app.xml": APP,
        "word/document.xml": _document(body),
        "word/_rels/document.xml.rels": doc_rels,
        "word/styles.xml": styles_xml(lang),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": settings_xml(lang),
        "word/fontTable.xml": font_table_xml(),
    }
    parts.update({f"word/{name}": xml for name, xml in stories.items()})
    return parts


def write(path: Path, parts: dict[str, str]) -> None:
    """Write ``parts`` as a zip with fixed timestamps, ``[Content_Types].xml`` first."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, xml.encode("utf-8"))


def tender_document_parts() -> dict[str, str]:
    """The parts of ``tender-document.docx``: the body template with its headers and footers.

    Relationship ids follow the sorted story names: footer1 (default), footer2 (first page, empty),
    header1 (default), header2 (first page, empty).
    """
    stories = {
        "footer1.xml": _story("ftr", footer_body()),
        "footer2.xml": _story("ftr", para("Footer")),
        "header1.xml": _story("hdr", header_body()),
        "header2.xml": _story("hdr", para("Header")),
    }
    body = body_xml({"default": "rId7", "first": "rId8"}, {"default": "rId5", "first": "rId6"})
    return package("nl", body, "tenderpack tender document template", stories)


def main(out_dir: Path = HERE) -> None:
    """Write the three templates into ``out_dir`` (default: next to this script)."""
    for lang in ("nl", "en"):
        write(out_dir / f"base-{lang}.docx", package(lang, showcase_body(lang), SHOWCASE[lang]["title"]))
    write(out_dir / "tender-document.docx", tender_document_parts())
    print(f"wrote base-nl.docx, base-en.docx, tender-document.docx in {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
