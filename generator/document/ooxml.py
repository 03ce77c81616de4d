"""WordprocessingML details python-docx has no API for: fields, settings, page width, languages.

Each helper works on lxml elements of an open python-docx document, names the OOXML element it
touches, and inserts children in schema order where the schema fixes one.
"""

from __future__ import annotations

import re

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from lxml import etree

# CT_Settings children that must follow w:updateFields (ECMA-376 Part 1, 17.15.1.78); Word rejects a
# settings part with them out of order, so the element cannot simply be appended (docxtpl #151).
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
_SUCCESSORS = {qn(tag) for tag in _AFTER_UPDATE_FIELDS}
_PARAGRAPH_STYLE = etree.XPath("string(w:pPr/w:pStyle/@w:val)", namespaces={"w": nsmap["w"]})
_P, _INSTR_TEXT = qn("w:p"), qn("w:instrText")


def set_update_fields(settings: etree._Element) -> None:
    """Make Word refresh all fields (the TOC, PAGE, NUMPAGES) when it opens the document.

    Sets ``<w:updateFields w:val="true"/>`` in ``w:settings``, before its schema successors. Word then
    asks the reader whether to update fields; no setting avoids that prompt (WriteDocx.jl #47).
    """
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    successor = next((child for child in settings if child.tag in _SUCCESSORS), None)
    if successor is not None:
        successor.addprevious(element)
    else:
        settings.append(element)


def set_language(styles: etree._Element, tag: str) -> None:
    """Set the document's default language (``w:docDefaults/w:rPrDefault/w:rPr/w:lang``) to ``tag``.

    Spelling, hyphenation and the decimal sign in Word follow it, so an English tender keeps English
    proofing even on a Dutch base template.
    """
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        # w:lang comes after every other run property but w:eastAsianLayout, w:specVanish, w:oMath.
        lang = etree.Element(qn("w:lang"))
        late_tags = {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath")}
        late = next((c for c in rpr if c.tag in late_tags), None)
        (late.addprevious if late is not None else rpr.append)(lang)
    lang.set(qn("w:val"), tag)


def text_width(sect_pr: etree._Element) -> int:
    """The width between the margins of a section (``w:pgSz`` minus ``w:pgMar``), in twips."""
    size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))

    def twips(element: etree._Element | None, attr: str, default: int) -> int:
        value = element.get(qn(attr)) if element is not None else None
        return int(float(value)) if value else default

    return (twips(size, "w:w", 11906) - twips(margins, "w:left", 1440) - twips(margins, "w:right", 1440)
            - twips(margins, "w:gutter", 0))


def _level_format(numbering: etree._Element | None, num_id: str, ilvl: int) -> str | None:
    """The ``w:lvlText`` of level ``ilvl`` of list ``num_id`` ("%1", "%1.%2"), or ``None``."""
    if numbering is None:
        return None
    num = next((n for n in numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
    if num is None:
        return None
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    for abstract in numbering.iter(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == abstract_id:
            for lvl in abstract.iter(qn("w:lvl")):
                if lvl.get(qn("w:ilvl")) == str(ilvl):
                    text = lvl.find(qn("w:lvlText"))
                    return text.get(qn("w:val")) if text is not None else None
    return None


def heading_number_formats(styles: etree._Element, numbering: etree._Element | None,
                           heading_ids: list[str]) -> list[str | None]:
    """Per heading style (level 1, 2, ...) the number format its list gives it, or ``None``.

    Follows ``w:basedOn`` to find the ``w:numPr`` a heading style inherits.
    """
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    formats: list[str | None] = []
    for level, style_id in enumerate(heading_ids):
        style, seen, found = by_id.get(style_id), set(), None
        while style is not None and found is None and style_id not in seen:
            seen.add(style_id)
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None and num_pr.find(qn("w:numId")) is not None:
                ilvl = num_pr.find(qn("w:ilvl"))
                found = _level_format(numbering, num_pr.find(qn("w:numId")).get(qn("w:val")),
                                      int(ilvl.get(qn("w:val"))) if ilvl is not None else level)
                break
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else ""
            style = by_id.get(style_id)
        formats.append(found)
    return formats


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def fill_toc(body: etree._Element, heading_ids: list[str], toc_ids: list[str],
             formats: list[str | None]) -> None:
    """Put the headings into the cached result of the document's TOC field.

    Word rebuilds the field on open (``w:updateFields``), but LibreOffice shows the cached result
    as is and never refreshes a TOC on load, so the result must already list the headings. Each
    heading of level ``n`` (style ``heading_ids[n]``) gets a ``_Toc`` bookmark and an entry in
    style ``toc_ids[n]`` linking to it, numbered as ``formats[n]`` numbers it. Page numbers are
    left to Word: LibreOffice does not recompute PAGEREF fields inside a TOC result either.
    """
    # The TOC field's instruction is found by its w:instrText (a few per document), not by searching
    # every paragraph; the field's paragraph is the outermost one around it.
    instruction = next((i for i in body.iter(_INSTR_TEXT) if " TOC " in (i.text or "")), None)
    if instruction is None:
        return
    field = list(instruction.iterancestors(_P))[-1]
    separate = next(r for r in field.iter(qn("w:r"))
                    if any(f.get(qn("w:fldCharType")) == "separate" for f in r.iter(qn("w:fldChar"))))
    for placeholder in list(separate.itersiblings(qn("w:r"))):
        field.remove(placeholder)
    level_of = {style_id: level for level, style_id in enumerate(heading_ids)}
    numbered = ((p, level_of[_PARAGRAPH_STYLE(p)]) for p in _paragraphs_in_styles(body, heading_ids))
    counters = [0] * len(heading_ids)
    last = None
    for number, (paragraph, level) in enumerate(numbered, start=1):
        counters[level] += 1
        counters[level + 1:] = [0] * (len(counters) - level - 1)
        anchor = f"_Toc{number:08d}"
        _bookmark(paragraph, anchor, number)
        label = _paragraph_text(paragraph)
        if formats[level] is not None:
            prefix = re.sub(r"%(\d)", lambda m: str(counters[int(m.group(1)) - 1]), formats[level])
            label = f"{prefix} {label}"
        link = parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="{anchor}" w:history="1"><w:r><w:t '
                         f'xml:space="preserve"/></w:r></w:hyperlink>')
        link.find(f"{qn('w:r')}/{qn('w:t')}").text = label
        if last is None:
            _set_style(field, toc_ids[level])
            field.append(link)
            last = field
        else:
            entry = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{toc_ids[level]}"/></w:pPr>'
                              "</w:p>")
            entry.append(link)
            last.addnext(entry)
            last = entry


def _paragraphs_in_styles(body: etree._Element, style_ids: list[str]) -> list[etree._Element]:
    """The body's own paragraphs (not those in tables) in one of the styles ``style_ids``, in order.

    One XPath query, rather than reading the style of each of the body's thousands of paragraphs.
    """
    test = " or ".join(f"string(w:pPr/w:pStyle/@w:val) = $s{i}" for i in range(len(style_ids)))
    query = etree.XPath(f"w:p[{test}]", namespaces={"w": nsmap["w"]})
    return query(body, **{f"s{i}": style_id for i, style_id in enumerate(style_ids)}) if style_ids else []


def _set_style(paragraph: etree._Element, style_id: str) -> None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    style.set(qn("w:val"), style_id)


def _bookmark(paragraph: etree._Element, name: str, bookmark_id: int) -> None:
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>')
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)
