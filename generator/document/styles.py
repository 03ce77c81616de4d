"""Base templates: opening one, checking its required styles, and lending it the house styles it lacks.

A base template decides the look: its styles, list numbering and page setup are kept, its body and
headers/footers are replaced by the tender document. The content template refers to the house styles
by their style IDs; :class:`StyleMap` translates each to the base template's own ID *by style name*,
because Word writes localised IDs (a Dutch Word saves "heading 1" as ``Kop1``) and LibreOffice writes
names in lower case (python-docx PR #958). Styles the base lacks are copied from the house style,
except the :data:`REQUIRED_STYLES`, which carry the authority's look and must be present.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.parts.numbering import NumberingPart
from lxml import etree

from ..errors import Location, TemplateError

REQUIRED_STYLES: tuple[str, ...] = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")
"""The styles a base template must define (by name, any case): the authority's own look."""

_TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_STYLE_REFERENCES = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
_VAL = qn("w:val")
_NUMBERING_XML = '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


def open_template(path: Path) -> Document:
    """Open the Word file at ``path`` as a python-docx document; a .dotx template is accepted too.

    python-docx refuses a .dotx by its content type (python-docx #363), so the main part's content
    type is rewritten in memory. Macro-enabled files (.docm/.dotm) stay refused. Raises
    :class:`TemplateError` when the file is missing or is not a Word document.
    """
    where = Location(path=str(path))
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TemplateError(f"cannot read the template: {exc.strerror or exc}", where) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            content_types = zf.read("[Content_Types].xml")
            if _TEMPLATE_CT.encode() in content_types:
                data = _replace_part(zf, "[Content_Types].xml",
                                     content_types.replace(_TEMPLATE_CT.encode(), _DOCUMENT_CT.encode()))
    except (zipfile.BadZipFile, KeyError):
        raise TemplateError("not a Word .docx/.dotx file", where) from None
    try:
        return docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"not a usable Word document ({exc})", where) from None


def _replace_part(zf: zipfile.ZipFile, name: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            dst.writestr(info, blob if info.filename == name else zf.read(info.filename))
    return out.getvalue()


def _style_name(style: etree._Element) -> str:
    name = style.find(qn("w:name"))
    return (name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId"), "")).casefold()


def _index(styles: etree._Element) -> dict[tuple[str, str], str]:
    """``(type, lower-case name) -> style ID`` of every style defined in a styles part."""
    return {(s.get(qn("w:type"), "paragraph"), _style_name(s)): s.get(qn("w:styleId"))
            for s in styles.iter(qn("w:style"))}


def missing_styles(document: Document) -> list[str]:
    """The :data:`REQUIRED_STYLES` that ``document`` does not define as paragraph styles."""
    index = _index(document.styles.element)
    return [name for name in REQUIRED_STYLES if ("paragraph", name.casefold()) not in index]


def check_template(path: Path) -> None:
    """Check that the Word file at ``path`` can serve as base template.

    Raises :class:`TemplateError` when it cannot be opened, or naming every missing required style.
    """
    _check(open_template(path), path)


def _check(document: Document, path: Path) -> None:
    missing = missing_styles(document)
    if missing:
        names = ", ".join(f'"{name}"' for name in missing)
        raise TemplateError(f"the template lacks the required style(s) {names}; define them in Word "
                            "(Home > Styles) and save the template again", Location(path=str(path)))


class StyleMap:
    """Translates house style IDs to the base template's IDs, copying missing house styles into it.

    ``house`` is the document whose styles and numbering are the house style (the content
    template). Look-ups are by type and name; a copied style keeps its house ID unless the base
    already uses that ID for another style.
    """

    def __init__(self, base: Document, house: Document, path: Path) -> None:
        _check(base, path)
        self._base = base
        self._styles = base.styles.element
        self._index = _index(self._styles)
        self._ids = {s.get(qn("w:styleId")) for s in self._styles.iter(qn("w:style"))}
        self._house = {s.get(qn("w:styleId")): s for s in house.styles.element.iter(qn("w:style"))}
        self._house_numbering = house.part.numbering_part.element
        self._map: dict[str, str] = {}

    def __getitem__(self, house_id: str) -> str:
        """The base template's ID for the house style ``house_id`` (copied over if needed)."""
        if house_id not in self._map:
            self._map[house_id] = self._resolve(house_id)
        return self._map[house_id]

    def remap(self, element: etree._Element) -> None:
        """Rewrite every paragraph, character and table style reference under ``element``."""
        for ref in element.iter(_STYLE_REFERENCES):
            house_id = ref.get(_VAL)
            base_id = self[house_id]
            if base_id != house_id:
                ref.set(_VAL, base_id)

    def _resolve(self, house_id: str) -> str:
        style = self._house[house_id]
        key = (style.get(qn("w:type"), "paragraph"), _style_name(style))
        if key in self._index:
            return self._index[key]
        new_id = house_id
        while new_id in self._ids:
            new_id = f"Tender{new_id}"
        self._ids.add(new_id)
        self._index[key] = new_id
        self._map[house_id] = new_id  # before recursing: a style may name itself as next
        clone = copy.deepcopy(style)
        clone.set(qn("w:styleId"), new_id)
        clone.attrib.pop(qn("w:default"), None)
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = clone.find(qn(tag))
            if ref is not None:
                ref.set(qn("w:val"), self[ref.get(qn("w:val"))])
        num_id = clone.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            num_id.set(qn("w:val"), self._copy_numbering(num_id.get(qn("w:val"))))
        self._styles.append(clone)
        return new_id

    def _numbering(self) -> etree._Element:
        for rel in self._base.part.rels.values():
            if rel.reltype == RT.NUMBERING and not rel.is_external:
                return rel.target_part.element
        # python-docx cannot create a numbering part (NumberingPart.new raises NotImplementedError),
        # so build an empty one for a base template that never had a list.
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(_NUMBERING_XML),
                             self._base.part.package)
        self._base.part.relate_to(part, RT.NUMBERING)
        return part.element

    def _copy_numbering(self, house_num_id: str) -> str:
        """Copy the house list ``house_num_id`` (its w:num and w:abstractNum) into the base; new numId.

        The copy gets fresh IDs and a fresh ``w:nsid`` (Word merges lists with equal nsids), and its
        ``w:abstractNum`` goes before the first ``w:num``: CT_Numbering requires every abstractNum
        before any num, and Word misreads the part otherwise.
        """
        house = self._house_numbering
        num = next(n for n in house.iter(qn("w:num")) if n.get(qn("w:numId")) == house_num_id)
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(a for a in house.iter(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == abstract_id)
        target = self._numbering()
        new_abstract = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in target.iter(qn("w:abstractNum"))),
                               default=-1)
        new_num = 1 + max((int(n.get(qn("w:numId"))) for n in target.iter(qn("w:num"))), default=0)
        clone = copy.deepcopy(abstract)
        clone.set(qn("w:abstractNumId"), str(new_abstract))
        for link in clone.iter(qn("w:pStyle")):
            link.getparent().remove(link)
        nsid = clone.find(qn("w:nsid"))
        if nsid is not None:
            nsid.set(qn("w:val"), f"{0x7E5A0000 + new_abstract:08X}")
        nums = target.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(clone)
        else:
            cleanup = target.find(qn("w:numIdMacAtCleanup"))
            (cleanup.addprevious if cleanup is not None else target.append)(clone)
        entry = parse_xml(f'<w:num xmlns:w="{clone.nsmap["w"]}" w:numId="{new_num}">'
                          f'<w:abstractNumId w:val="{new_abstract}"/></w:num>')
        (target.findall(qn("w:num")) or [clone])[-1].addnext(entry)
        return str(new_num)
