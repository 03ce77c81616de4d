"""SpreadsheetML helpers for the form writer: safe cell values, styles, validations, protection, print.

Each helper exists to work around one openpyxl default or Excel limit; the comments name it (the X
numbers refer to the project's research notes, section A2, on openpyxl pitfalls).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import Location, TenderpackError
from ..models.base import Language

EXCEL_MAX_TEXT = 32767
"""Excel's maximum number of characters in a cell; openpyxl truncates longer strings silently (X6)."""

# Excel's limits on data validation texts (ECMA-376 sets none): titles 32 characters, input message 255,
# error message 225; Excel "repairs" a file with longer texts by dropping the validation.
_TITLE_MAX, _PROMPT_MAX, _ERROR_MAX = 32, 255, 225

# Arial: on every Windows and Mac, and metric-compatible Liberation Sans renders it the same in
# LibreOffice, so row heights estimated here fit in both (Calibri falls back to a wider font there).
FONT_NAME = "Arial"
NAVY = "1F3864"
ANSWER_FILL = "FFF2CC"   # the light yellow e-procurement questionnaires use for input cells
FIXED_FILL = "D9D9D9"
ID_FILL = "F2F2F2"
SECTION_FILL = "DDEBF7"
GRID = Side(style="thin", color="BFBFBF")
_BOX = Border(left=GRID, right=GRID, top=GRID, bottom=GRID)
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)

_ANSWER_FILL = PatternFill("solid", fgColor=ANSWER_FILL)
_UNLOCKED = Protection(locked=False)

_STYLE_SPECS: dict[str, dict] = {
    "title": {"font": Font(name=FONT_NAME, size=16, bold=True, color=NAVY)},
    "subtitle": {"font": Font(name=FONT_NAME, size=11, bold=True), "alignment": _TOP_WRAP},
    "intro": {"font": Font(name=FONT_NAME, size=10, italic=True), "alignment": _TOP_WRAP},
    "heading": {"font": Font(name=FONT_NAME, size=12, bold=True, color=NAVY)},
    "label": {"font": Font(name=FONT_NAME, size=10, bold=True), "alignment": _TOP_WRAP},
    "plain": {"font": Font(name=FONT_NAME, size=10), "alignment": _TOP_WRAP},
    "header": {"font": Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF"),
               "fill": PatternFill("solid", fgColor=NAVY), "border": _BOX,
               "alignment": Alignment(vertical="center", wrap_text=True)},
    "section": {"font": Font(name=FONT_NAME, size=10, bold=True, color=NAVY),
                "fill": PatternFill("solid", fgColor=SECTION_FILL), "border": _BOX},
    # IDs are text ("@"), so a program never reads "2027-01" or "1E5" in them as a date or number (X12).
    "id": {"font": Font(name=FONT_NAME, size=10, bold=True), "fill": PatternFill("solid", fgColor=ID_FILL),
           "border": _BOX, "alignment": _TOP_WRAP, "number_format": "@"},
    "shown": {"font": Font(name=FONT_NAME, size=10), "border": _BOX, "alignment": _TOP_WRAP},
    "shown_center": {"font": Font(name=FONT_NAME, size=10), "border": _BOX,
                     "alignment": Alignment(vertical="top", horizontal="center", wrap_text=True)},
    "link": {"font": Font(name=FONT_NAME, size=10, color="0563C1", underline="single"), "border": _BOX,
             "alignment": _TOP_WRAP},
    "fixed": {"font": Font(name=FONT_NAME, size=10, bold=True),
              "fill": PatternFill("solid", fgColor=FIXED_FILL), "border": _BOX,
              "alignment": Alignment(vertical="top", horizontal="center")},
    # Answer cells are the only unlocked cells: openpyxl's default protection is locked, and sheet
    # protection makes locked cells read-only (X7).
    "answer": {"font": Font(name=FONT_NAME, size=10), "fill": _ANSWER_FILL, "border": _BOX,
               "alignment": _TOP_WRAP, "protection": _UNLOCKED},
    "answer_center": {"font": Font(name=FONT_NAME, size=10, bold=True), "fill": _ANSWER_FILL, "border": _BOX,
                      "alignment": Alignment(vertical="top", horizontal="center"), "protection": _UNLOCKED},
    # The legend's sample of an answer cell looks like one but stays locked.
    "legend_answer": {"font": Font(name=FONT_NAME, size=10), "fill": _ANSWER_FILL, "border": _BOX,
                      "alignment": _TOP_WRAP},
}


class Styles:
    """Cell styles computed once per workbook and given to cells as ready style arrays.

    Assigning ``font``, ``fill``, ``border``, ``alignment`` and ``protection`` one by one makes openpyxl
    look each up in the workbook's style tables for every cell; a ready ``StyleArray`` (what openpyxl's
    own ``copy_worksheet`` copies) is one assignment. :meth:`apply` gives a cell its own copy, which
    may then be changed attribute by attribute (``cell.fill = ...``); :meth:`share` gives it the one
    array of the style, for writers that never change a cell's style afterwards.
    """

    def __init__(self, wb: Workbook) -> None:
        self._wb = wb
        # The "Normal" style's font is the unit of column widths and the default row height. openpyxl
        # fixes it to Calibri 11, which LibreOffice replaces by a wider font where Calibri is missing,
        # so widths and heights would differ between the two. openpyxl has no public setter: replace
        # font 0 (the one unstyled cells use) and rebind the Normal style to it.
        default = Font(name=FONT_NAME, size=10)
        wb._fonts = IndexedList([default])
        wb._named_styles["Normal"].font = default
        self._arrays: dict[tuple[str, str | None], _SharedStyle] = {}

    def apply(self, cell: Cell, name: str, number_format: str | None = None) -> None:
        """Give ``cell`` a copy of the style ``name``, optionally with another ``number_format``."""
        cell._style = StyleArray(self._array(name, number_format))

    def share(self, cell: Cell, name: str, number_format: str | None = None) -> None:
        """Give ``cell`` the style ``name`` (optionally with another ``number_format``) without a copy.

        Every cell of the style holds the same array, so setting one style attribute on such a cell
        (``cell.fill = ...``) raises ``TypeError`` instead of restyling them all; give it another
        style with :meth:`apply` or :meth:`share` instead.
        """
        cell._style = self._array(name, number_format)

    def _array(self, name: str, number_format: str | None) -> _SharedStyle:
        key = (name, number_format)
        array = self._arrays.get(key)
        if array is None:
            scratch = Cell(self._wb.active)
            spec = dict(_STYLE_SPECS[name])
            if number_format is not None:
                spec["number_format"] = number_format
            for attribute, value in spec.items():
                setattr(scratch, attribute, value)
            array = self._arrays[key] = _SharedStyle(scratch._style)
        return array


class _SharedStyle(StyleArray):
    """A ``StyleArray`` that cannot be changed in place, as one is held by many cells (:meth:`Styles.share`).

    openpyxl sets a cell's font, fill and so on by writing an index into the cell's array in place.
    Copies (``StyleArray(shared)``, ``copy.copy``) are ordinary, changeable arrays.
    """

    __slots__ = ("_hash",)

    def __init__(self, values: StyleArray) -> None:
        # The writer looks every cell's style up in the workbook's style list (Cell.style_id), which
        # hashes it, twice, as a tuple of its nine numbers; unchangeable, it can keep its hash.
        self._hash = hash(tuple(self))

    def __hash__(self) -> int:
        return self._hash

    def __setitem__(self, index: object, value: object) -> None:
        raise TypeError("a shared cell style cannot be changed in place: give the cell another style")


def put(cell: Cell, value: object) -> None:
    """Write ``value`` into ``cell``; a string is always stored as a string, never as a formula.

    openpyxl turns any ``str`` starting with ``=`` into a formula (X6), so tender or bidder text like
    ``=HYPERLINK(...)`` would be executed by Excel; the cell is forced back to type ``s``. Text longer
    than Excel's cell limit is refused instead of being cut silently.
    """
    if not isinstance(value, str):
        cell.value = value
        return
    if len(value) > EXCEL_MAX_TEXT:
        raise TenderpackError(
            f"text of {len(value):,} characters exceeds Excel's cell limit of {EXCEL_MAX_TEXT:,}",
            Location(cell=f"{cell.parent.title}!{cell.coordinate}"),
        )
    # The value setter would guess a formula or an error code ("#N/A") only to be overruled here, and
    # costs twice what the one check it must keep does: check_string() refuses characters XML cannot
    # hold (IllegalCharacterError), as the setter does.
    cell._value = cell.check_string(value)
    cell.data_type = "s"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validation(kind: str, *, title: str, prompt: str, error: str, formula1: str | None = None,
               formula2: str | None = None, operator: str | None = None) -> DataValidation:
    """A data validation with its input prompt and error message switched on, blank allowed.

    openpyxl's ``DataValidation`` defaults to ``showInputMessage=False`` and ``showErrorMessage=False``,
    which silently turns the rule off in Excel (X1): this is the only place validations are made.
    ``errorStyle="stop"`` refuses invalid input. Titles and messages are clipped to Excel's limits.
    ``formula1``/``formula2`` are formula text without the leading ``=`` (as SpreadsheetML stores them).
    """
    return DataValidation(
        type=kind, formula1=formula1, formula2=formula2, operator=operator, allow_blank=True,
        showInputMessage=True, showErrorMessage=True, errorStyle="stop",
        promptTitle=_clip(title, _TITLE_MAX), prompt=_clip(prompt, _PROMPT_MAX),
        errorTitle=_clip(title, _TITLE_MAX), error=_clip(error, _ERROR_MAX),
    )


def cell_ranges(cells: list[tuple[int, int]]) -> str:
    """The space-separated ranges covering the (row, column) ``cells``: runs of rows per column collapse.

    ``[(5, 5), (6, 5), (8, 5)]`` gives ``"E5:E6 E8"``; a validation's ``sqref`` stays short however many
    rows share the rule.
    """
    ranges: list[str] = []
    ordered = sorted(set(cells), key=lambda rc: (rc[1], rc[0]))
    start = 0
    for i in range(1, len(ordered) + 1):
        if i < len(ordered) and ordered[i] == (ordered[i - 1][0] + 1, ordered[i - 1][1]):
            continue
        (first, col), (last, _) = ordered[start], ordered[i - 1]
        letter = get_column_letter(col)
        ranges.append(f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}")
        start = i
    return " ".join(ranges)


def number_formula(value: float) -> str:
    """A number as formula text: a point as decimal separator whatever the locale, no float noise."""
    return format(float(value), ".15g")


def date_formula(value: dt.date) -> str:
    """A date as formula text: its Excel serial number (validation formulas cannot hold date literals)."""
    return str(int(to_excel(dt.datetime(value.year, value.month, value.day))))


def number_format(decimals: int) -> str:
    """The Excel number format showing ``decimals`` decimals (``0``, ``0.0``, ``0.00``...)."""
    return "0" if decimals == 0 else "0." + "0" * decimals


def protect(ws: Worksheet) -> None:
    """Protect ``ws`` without a password: only unlocked cells can be edited.

    ``SheetProtection`` flags name what is *locked* (X7): formatting, inserting and deleting rows and
    columns, sorting, filtering and objects stay locked; selecting locked and unlocked cells stays
    allowed (``select*Cells=False``) so bidders can read and copy every text.
    """
    ws.protection = SheetProtection(
        sheet=True, objects=True, scenarios=True, formatCells=True, formatColumns=True, formatRows=True,
        insertColumns=True, insertRows=True, insertHyperlinks=True, deleteColumns=True, deleteRows=True,
        selectLockedCells=False, selectUnlockedCells=False, sort=True, autoFilter=True, pivotTables=True,
    )


_PAGE_FOOTER = {"nl": "Pagina &P van &N", "en": "Page &P of &N"}
"""Page X of Y in Excel's header codes (``&P`` page, ``&N`` pages), per language."""


def print_setup(ws: Worksheet, *, landscape: bool, title_rows: str | None, footer_left: str,
                language: Language) -> None:
    """A4, fit to one page wide (as many pages tall as needed), header rows repeated on every page,
    ``footer_left`` (the tender reference and the document) left and "Pagina X van Y" in the centre.

    ``fitToPage`` lives in the sheet properties' ``pageSetUpPr``, not in ``pageSetup``; without it Excel
    ignores ``fitToWidth``. ``fitToHeight=0`` means "automatic". ``title_rows`` (``"4:4"``) are the rows
    repeated at the top of every page; ``None`` for a sheet without a table header. A literal ``&`` in
    ``footer_left`` is doubled here (``&`` starts a header code). The print area is set by
    :func:`print_areas` once the sheet is written.
    """
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = footer_left.replace("&", "&&")
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = _PAGE_FOOTER[language]
    ws.oddFooter.center.size = 8


# A chart's anchor is a cell; its height (in cm) is not in rows. Rows of the default height (12.75 pt)
# are 0.45 cm: the rows a chart covers below its anchor, so the print area includes the whole chart.
_ROW_CM = 0.45


def print_areas(wb: Workbook) -> None:
    """Set the print area of every sheet of ``wb`` to its used range, charts included.

    Call once every cell is written (the range is computed from them). Without a print area Excel
    prints the used range too, but LibreOffice also prints empty formatted cells (validations,
    styled blank rows), and both keep the area when a user prints a selection once.
    """
    for ws in wb.worksheets:
        last_row, last_col = ws.max_row, ws.max_column
        for chart in ws._charts:
            start = chart.anchor._from.row + 1 if hasattr(chart.anchor, "_from") else last_row
            last_row = max(last_row, start + int(chart.height / _ROW_CM) + 1)
        ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"


def fit_rows(ws: Worksheet, first_row: int = 1) -> None:
    """Give every row of ``ws`` from ``first_row`` on a height that fits its wrapped text.

    For the writers that style cells and then size rows: each cell with ``wrap_text`` holding a
    string is measured with :func:`text_height` at its font's size and boldness in its column's
    width (the merged width for a merged cell); a row without wrapped text keeps the default height.
    """
    merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    for row in ws.iter_rows(min_row=first_row):
        heights = []
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            span = merged.get((cell.row, cell.column))
            cols = range(span.min_col, span.max_col + 1) if span else (cell.column,)
            width = sum(ws.column_dimensions[get_column_letter(c)].width or 13.0 for c in cols)
            heights.append(text_height(cell.value, width, cell.font.sz or 10, bool(cell.font.b)))
        if heights:
            fit_row(ws, row[0].row, min(409.0, max(heights)))


def text_height(text: str, width: float, font_size: float = 10, bold: bool = False) -> float:
    """An estimate in points of the height wrapped ``text`` needs in a cell ``width`` characters wide.

    A column width unit is the width of a digit of the workbook's default font (Arial 10: 7 pixels);
    running Arial text at 10 points fits about 1.1 characters per unit, bold text a tenth less. Lines
    are wrapped at spaces like Excel does, and a word longer than a line is broken.
    """
    per_line = max(1, int(width * (1.0 if bold else 1.1) * 10 / font_size))
    lines = 0
    for paragraph in text.split("\n"):
        # Most cells (IDs, titles, short answers) fit on one line: their words, one space apart, are
        # never longer than the paragraph itself.
        lines += 1 if len(paragraph) <= per_line else _wrapped_lines(paragraph, per_line)
    return round(lines * font_size * 1.28 + 4, 1)


def _wrapped_lines(paragraph: str, per_line: int) -> int:
    """The number of lines ``paragraph`` takes when wrapped at spaces to ``per_line`` characters.

    Greedy, a line at a time: each line ends at the last space that fits, or, when a word alone is
    longer than a line, after ``per_line`` of its characters (the rest of the word starts the next).
    """
    text = " ".join(paragraph.split())
    lines, start = 1, 0
    while len(text) - start > per_line:
        space = text.rfind(" ", start, start + per_line + 1)
        start = space + 1 if space > start else start + per_line
        lines += 1
    return lines


class _FittedRow(RowDimension):
    """A row whose height is written but stays automatic: ``ht`` without ``customHeight``.

    LibreOffice does not compute the height of rows with wrapped text on loading an .xlsx, and Excel
    only when a cell is edited, so both need ``ht``; but openpyxl writes ``customHeight="1"`` with any
    ``ht``, which tells Excel the height was set by hand and stops it from growing the row as the
    bidder types (and the bidder cannot resize rows on a protected sheet).
    """

    # Plain attributes in place of RowDimension's validating descriptors, which made creating a row
    # dimension cost as much as writing the row's cells: fit_row() sets only a computed height, and
    # RowDimension.__init__ the defaults of the rest.
    index = ht = hidden = outlineLevel = collapsed = thickBot = thickTop = None

    @property
    def customHeight(self) -> None:
        return None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        # The <row> attributes the writer asks for. A fitted row has a height and nothing else (no
        # style, outline or hiding), so this is what RowDimension's walk over its nine fields, which
        # makes openpyxl register a style for it, would yield.
        yield "ht", safe_string(self.ht)


def fit_row(ws: Worksheet, row: int, height: float) -> None:
    """Give ``row`` of ``ws`` the automatic (not custom) height ``height`` in points."""
    ws.row_dimensions[row] = _FittedRow(ws, index=row, ht=height)
