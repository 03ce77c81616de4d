"""The tenderpack house style as WordprocessingML: styles, list numbering, settings, page setup.

Used by ``make_templates.py`` only. Every style the tender document uses is defined here, so the base
templates carry them as real (not latent) styles: Word stores only styles a document uses, and a
latent style cannot be looked up by name (python-docx #1333, #504).
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# A4 portrait in twentieths of a point (dxa), 2.5 cm margins: 16 cm of text width.
PAGE_W, PAGE_H = 11906, 16838
MARGIN = 1418
TEXT_WIDTH = PAGE_W - 2 * MARGIN

FONT = "Arial"
ACCENT = "1F4E79"  # dark blue: headings and table header rows
MUTED = "595959"  # grey: subtitle, header and footer
RULE = "A6A6A6"  # table borders
LIGHT = "DEEAF6"  # first column of fact tables

LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}

# Heading 3 indents its text past the ID that starts it ("REQ-01<tab>Title"), so wrapped titles align.
ID_INDENT = 1247


def _para_style(style_id: str, name: str, ppr: str = "", rpr: str = "", *, based_on: str | None = "Normal",
                next_style: str | None = None, extra: str = "") -> str:
    custom = ' w:customStyle="1"' if name.startswith("Tender") else ""
    parts = [f'<w:style w:type="paragraph" w:styleId="{style_id}"{custom}><w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    parts.append(f"{extra}<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def _border(side: str) -> str:
    return f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'


def styles_xml(lang: str) -> str:
    """The ``word/styles.xml`` part: document defaults in ``lang`` and every house style."""
    lang_tag = LANG_TAGS[lang]
    heading = f'<w:b/><w:color w:val="{ACCENT}"/>'
    borders = "".join(_border(s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _para_style("Title", "Title",
                    '<w:spacing w:before="2400" w:after="240" w:line="240" w:lineRule="auto"/>',
                    f'{heading}<w:sz w:val="48"/><w:szCs w:val="48"/>', next_style="Normal"),
        _para_style("Subtitle", "Subtitle", '<w:spacing w:after="720"/>',
                    f'<w:color w:val="{MUTED}"/><w:sz w:val="28"/><w:szCs w:val="28"/>', next_style="Normal"),
        _para_style("Heading1", "heading 1",
                    '<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:numPr><w:numId w:val="1"/></w:numPr>'
                    '<w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="0"/>',
                    f'{heading}<w:sz w:val="32"/><w:szCs w:val="32"/>', next_style="Normal"),
        _para_style("Heading2", "heading 2",
                    '<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
                    '<w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="1"/>',
                    f'{heading}<w:sz w:val="26"/><w:szCs w:val="26"/>', next_style="Normal"),
        _para_style("Heading3", "heading 3",
                    f'<w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{ID_INDENT}"/></w:tabs>'
                    '<w:spacing w:before="280" w:after="80"/>'
                    f'<w:ind w:left="{ID_INDENT}" w:hanging="{ID_INDENT}"/>'
                    '<w:outlineLvl w:val="2"/>',
                    '<w:b/><w:sz w:val="22"/><w:szCs w:val="22"/>', next_style="Normal"),
        _para_style("TOCHeading", "TOC Heading", '<w:keepNext/><w:spacing w:before="0" w:after="360"/>',
                    f'{heading}<w:sz w:val="32"/><w:szCs w:val="32"/>', next_style="Normal"),
        _para_style("TOC1", "toc 1",
                    f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
                    '<w:spacing w:before="120" w:after="40"/>', "<w:b/>", next_style="Normal",
                    extra='<w:uiPriority w:val="39"/>'),
        _para_style("TOC2", "toc 2",
                    f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
                    '<w:spacing w:after="40"/><w:ind w:left="284"/>', next_style="Normal",
                    extra='<w:uiPriority w:val="39"/>'),
        _para_style("Header", "header",
                    f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
                    f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/>',
                    f'<w:color w:val="{MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
        _para_style("Footer", "footer",
                    f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
                    f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/>',
                    f'<w:color w:val="{MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
        _para_style("ListBullet", "List Bullet",
                    '<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="60"/>'),
        _para_style("ListNumber", "List Number",
                    '<w:numPr><w:numId w:val="3"/></w:numPr><w:spacing w:after="60"/>'),
        _para_style("TenderFact", "Tender Fact",
                    '<w:tabs><w:tab w:val="left" w:pos="2552"/></w:tabs><w:spacing w:after="60"/>'
                    '<w:ind w:left="2552" w:hanging="2552"/>'),
        _para_style("TenderFormula", "Tender Formula",
                    '<w:spacing w:before="60" w:after="60"/><w:ind w:left="567"/>', "<w:i/>"),
        _para_style("TenderTableText", "Tender Table Text",
                    '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>',
                    '<w:sz w:val="18"/><w:szCs w:val="18"/>'),
        _para_style("TenderTableHeading", "Tender Table Heading", "<w:keepNext/>", "<w:b/>",
                    based_on="TenderTableText"),
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="22"/><w:qFormat/><w:rPr><w:b/><w:bCs/>'
        "</w:rPr></w:style>",
        # Header-row and first-column looks live in the table style's conditional formatting, so an
        # authority restyles every table by redefining one style (tblLook switches them on per table).
        '<w:style w:type="table" w:customStyle="1" w:styleId="TenderTable"><w:name w:val="Tender Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
        f'<w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar><w:left w:w="70" w:type="dxa"/>'
        '<w:right w:w="70" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ACCENT}"/></w:tcPr></w:tblStylePr>'
        '<w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{LIGHT}"/></w:tcPr></w:tblStylePr></w:style>',
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}"'
        f' w:cs="{FONT}"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="{lang_tag}" w:eastAsia="en-US"'
        ' w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        + "".join(styles) + "</w:styles>"
    )


def _level(ilvl: int, fmt: str, text: str, indent: int, hanging: int, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def numbering_xml() -> str:
    """The ``word/numbering.xml`` part: heading, bullet and numbered-list definitions.

    Every ``w:abstractNum`` precedes every ``w:num``: Word silently misreads a numbering part where
    they interleave (CT_Numbering schema order). Heading levels link to their styles through
    ``w:pStyle`` and the styles point back through ``w:numPr``, the way Word itself stores them.
    """
    headings = (
        '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A1C0001"/><w:multiLevelType w:val="multilevel"/>'
        + _level(0, "decimal", "%1", 567, 567, '<w:pStyle w:val="Heading1"/>')
        + _level(1, "decimal", "%1.%2", 709, 709, '<w:pStyle w:val="Heading2"/>')
        + "</w:abstractNum>"
    )
    bullets = (
        '<w:abstractNum w:abstractNumId="1"><w:nsid w:val="5A1C0002"/>'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        + _level(0, "bullet", "\u2022", 357, 357)
        + _level(1, "bullet", "\u2013", 714, 357)
        + "</w:abstractNum>"
    )
    numbers = (
        '<w:abstractNum w:abstractNumId="2"><w:nsid w:val="5A1C0003"/>'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        + _level(0, "decimal", "%1.", 357, 357)
        + _level(1, "lowerLetter", "%2.", 714, 357)
        + "</w:abstractNum>"
    )
    nums = "".join(f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>' for i in range(3))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        f"{headings}{bullets}{numbers}{nums}</w:numbering>"
    )


def settings_xml(lang: str) -> str:
    """The ``word/settings.xml`` part, children in CT_Settings schema order."""
    decimal, separator = (",", ";") if lang == "nl" else (".", ",")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/><w:hyphenationZone w:val="425"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat>'
        f'<w:themeFontLang w:val="{LANG_TAGS[lang]}"/><w:decimalSymbol w:val="{decimal}"/>'
        f'<w:listSeparator w:val="{separator}"/></w:settings>'
    )


def font_table_xml() -> str:
    """The ``word/fontTable.xml`` part naming the house font."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">'
        f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    )


def sect_pr(references: str = "", title_page: bool = False) -> str:
    """The body's section properties: A4 portrait, house margins, optional header/footer references."""
    return (
        f"<w:sectPr>{references}<w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>"
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="709"'
        ' w:footer="709" w:gutter="0"/><w:cols w:space="708"/>'
        + ("<w:titlePg/>" if title_page else "")
        + '<w:docGrid w:linePitch="360"/></w:sectPr>'
    )
