"""Helpers for the tender-document tests: unzipped parts, XPath, texts, and the sample tenders."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from generator.assemble import assemble
from generator.library import load_library
from generator.models.tender import Tender
from generator.spec import load_spec

BUILT = dt.datetime(2027, 1, 10, 9, 30, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{name}"


def parts(data: bytes) -> dict[str, bytes]:
    """Every zip entry of ``data`` by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def part(data: bytes, name: str) -> etree._Element:
    """The parsed XML part ``name`` (e.g. ``word/document.xml``)."""
    return etree.fromstring(parts(data)[name])


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a paragraph: its w:t texts, a tab for each w:tab."""
    return "".join(node.text or "" if node.tag == w("t") else "\t"
                   for node in paragraph.iter(w("t"), w("tab")))


def texts(root: etree._Element) -> list[str]:
    """The text of every paragraph under ``root``, in order."""
    return [paragraph_text(p) for p in root.iter(w("p"))]


def style_ids(styles: etree._Element) -> dict[str, str]:
    """Lower-case style name -> style ID."""
    return {s.find("w:name", NS).get(w("val")).casefold(): s.get(w("styleId"))
            for s in styles.iterfind("w:style", NS)}


def paragraphs_in_style(document: etree._Element, style_id: str) -> list[etree._Element]:
    """The body paragraphs whose paragraph style is ``style_id``."""
    return document.xpath("//w:body/w:p[w:pPr/w:pStyle/@w:val=$s]", namespaces=NS, s=style_id)


def stories(data: bytes) -> dict[tuple[str, str], etree._Element]:
    """The header and footer parts by (``header``/``footer``, type) as the body's sectPr references them."""
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels.iterfind("pr:Relationship", NS)}
    sect_pr = part(data, "word/document.xml").find("w:body/w:sectPr", NS)
    out = {}
    for ref in sect_pr:
        kind = etree.QName(ref).localname.replace("Reference", "")
        if kind in ("header", "footer"):
            out[(kind, ref.get(w("type")))] = part(data, "word/" + targets[ref.get(f"{{{NS['r']}}}id")])
    return out


def cover(data: bytes) -> dict[str, str]:
    """The facts (paragraphs ``label<tab>value``, as on the cover) of a .docx, by label."""
    lines = texts(part(data, "word/document.xml"))
    return dict(line.split("\t", 1) for line in lines if line.count("\t") == 1)


def footer(data: bytes) -> str:
    """The text of the default footer of a .docx."""
    return "".join(texts(stories(data)[("footer", "default")]))


def created(data: bytes) -> str:
    """The creation time in the core properties: file metadata, the build time."""
    return part(data, "docProps/core.xml").findtext("dcterms:created", namespaces=NS)


def ids(tender: Tender) -> list[str]:
    """Every ID the document must show: requirements, criteria, contract clauses, KPIs, activities."""
    return [x.id for group in (tender.requirements, tender.criteria, tender.contract_clauses, tender.kpis,
                               tender.activities) for x in group]


@lru_cache(maxsize=1)
def _library():
    return load_library()


@lru_cache(maxsize=8)
def sample_tender(name: str, lang: str) -> Tender:
    """The sample spec ``samples/<name>.yaml`` assembled in ``lang`` with the bundled library."""
    library = _library()
    return assemble(library, load_spec(ROOT / "samples" / f"{name}.yaml", library), lang)
