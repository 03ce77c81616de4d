"""Table layout in the rendered body: widths fitted to the page, tables kept with their text, cell
properties in schema order.

These steps run on the whole rendered body, thousands of paragraphs and cells for a large tender,
so they let an XPath query find the few elements that need a change instead of visiting each
element from Python, and they read children at their schema positions instead of searching for
them with ``find``.
"""

from __future__ import annotations

from docx.oxml.ns import nsmap, qn
from lxml import etree

_NS = {"w": nsmap["w"]}
_P, _PPR, _PSTYLE, _TBL, _TR = (qn(f"w:{tag}") for tag in ("p", "pPr", "pStyle", "tbl", "tr"))
_KEEP_NEXT, _SPACING, _BEFORE = qn("w:keepNext"), qn("w:spacing"), qn("w:before")
_W, _TYPE, _TC_W, _TBL_W = (qn(f"w:{tag}") for tag in ("w", "type", "tcW", "tblW"))
_GRID_COLS = f"{qn('w:tblGrid')}/{qn('w:gridCol')}"
_PARAGRAPH_STYLE = etree.XPath("string(w:pPr/w:pStyle/@w:val)", namespaces=_NS)
# The tables whose grid is not $width wide. Here and below "descendant::" rather than "//", which
# libxml2 evaluates as a child step from every node: several times slower.
_MISFIT_TABLES = etree.XPath("descendant::w:tbl[sum(w:tblGrid/w:gridCol/@w:w) != $width]", namespaces=_NS)
# CT_TcPr children in schema order (ECMA-376 Part 1, 17.4.70).
_TCPR_ORDER = {qn(f"w:{tag}"): i for i, tag in enumerate((
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
    "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange"))}
# Cell properties with more than one child: only these can be out of order.
_CELL_PROPERTIES_TO_ORDER = etree.XPath("descendant::w:tcPr[*[2]]", namespaces=_NS)
# The w:pPr children that precede w:spacing in CT_PPrBase.
_BEFORE_SPACING = {qn(f"w:{tag}") for tag in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
)}


def fit_tables(body: etree._Element, width: int) -> None:
    """Scale every table's grid, cell widths and table width proportionally to ``width`` twips.

    The template's tables are laid out for the house text width; a base template with other margins
    or paper gets tables that fill its own text width. Widths are set on every cell as well as on
    the grid, because Word and LibreOffice honour different ones (python-docx #360). A table without
    grid widths is left alone; a nested table is scaled with its own grid and again with the table
    around it.
    """
    for table in _MISFIT_TABLES(body, width=width):
        grid = table.findall(_GRID_COLS)
        total = sum(int(col.get(_W, "0")) for col in grid)
        if not total:
            continue
        factor = width / total
        for element in grid:
            element.set(_W, str(int(int(element.get(_W)) * factor)))
        for element in table.iter(_TC_W, _TBL_W):
            if element.get(_TYPE) == "dxa":
                element.set(_W, str(int(int(element.get(_W)) * factor)))


def tie_tables_to_text(body: etree._Element, before: int, headings: set[str], short: int = 16) -> None:
    """Keep each table with the paragraph that introduces it, and set the text below it apart.

    The paragraph before a table gets ``w:keepNext``, so an introduction is not left alone at the
    foot of a page; so do the paragraphs of all but the last row of a table of at most ``short``
    rows, which is how Word keeps a table on one page. The paragraph after a table gets ``before``
    twips of space above, because a table has no spacing of its own. Headings (style IDs in
    ``headings``) keep their own spacing.
    """
    for table in body.iterchildren(_TBL):
        rows = table.findall(_TR)
        if len(rows) <= short:
            for row in rows[:-1]:
                for paragraph in row.iter(_P):
                    _keep_with_next(paragraph)
        previous, following = table.getprevious(), table.getnext()
        if previous is not None and previous.tag == _P and _PARAGRAPH_STYLE(previous) not in headings:
            _keep_with_next(previous)
        if following is None or following.tag != _P or _PARAGRAPH_STYLE(following) in headings:
            continue
        ppr = _ppr(following)
        spacing = ppr.find(_SPACING)
        if spacing is None:
            spacing = etree.Element(_SPACING)
            earlier = [child for child in ppr if child.tag in _BEFORE_SPACING]
            if earlier:
                earlier[-1].addnext(spacing)
            else:
                ppr.insert(0, spacing)
        if spacing.get(_BEFORE) is None:
            spacing.set(_BEFORE, str(before))


def _keep_with_next(paragraph: etree._Element) -> None:
    """Give ``paragraph`` a ``w:keepNext`` unless it has one.

    In CT_PPrBase only the optional ``w:pStyle`` precedes ``w:keepNext``, so both sit at fixed
    positions: the first two children tell, without a search of all of them. The new element is
    made with ``SubElement`` in the document itself; ``etree.Element`` would make a document of its
    own for each of the thousands of elements and then move it over.
    """
    ppr = _ppr(paragraph)
    head = ppr[:2]
    position = 1 if head and head[0].tag == _PSTYLE else 0
    if position == len(head) or head[position].tag != _KEEP_NEXT:
        ppr.insert(position, etree.SubElement(ppr, _KEEP_NEXT))


def _ppr(paragraph: etree._Element) -> etree._Element:
    """The ``w:pPr`` of ``paragraph``, added if missing; CT_P puts it first."""
    first = paragraph[:1]
    if first and first[0].tag == _PPR:
        return first[0]
    ppr = etree.SubElement(paragraph, _PPR)
    paragraph.insert(0, ppr)
    return ppr


def order_cell_properties(body: etree._Element) -> None:
    """Put the children of every ``w:tcPr`` in schema order (ECMA-376 Part 1, 17.4.70).

    docxtpl's ``{% cellbg %}`` puts ``w:shd`` first in ``w:tcPr``, before ``w:tcW``, which Word may
    reject as unreadable content. Unknown children go last, in their own order.
    """
    for tcpr in _CELL_PROPERTIES_TO_ORDER(body):
        tcpr[:] = sorted(tcpr, key=lambda child: _TCPR_ORDER.get(child.tag, len(_TCPR_ORDER)))
