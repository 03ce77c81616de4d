"""The workbook a form is written into, and what its sheets gather while they are written.

:class:`FormBook` owns the openpyxl workbook, the styles, the drop-down lists, the data validations
and the metadata records. Sheet writers (:mod:`generator.form.write`, :mod:`generator.form.answers`)
only call its methods; :meth:`FormBook.finish` protects and serialises the result deterministically.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import labels
from ..archive import normalize
from ..models.tender import Tender
from . import layout as L
from .package import save
from .wording import wording
from .xlsx import (
    Styles, cell_ranges, fit_row, print_areas, print_setup, protect, put, text_height, validation,
)

_MAX_ROW_HEIGHT = 409.0
"""Excel's maximum row height in points."""


class FormBook:
    """One form being written: the workbook and everything gathered for its lists and metadata.

    ``lists`` maps a defined name to the options of a drop-down list (written to the lists sheet at
    the end); ``records`` holds the metadata records of the answer rows in the order written.
    """

    def __init__(self, tender: Tender, built: dt.datetime) -> None:
        self.tender = tender
        self.lang = tender.language
        if built.tzinfo is not None:
            built = built.astimezone(dt.UTC).replace(tzinfo=None)
        self.built = built
        self.wb = Workbook()
        self.styles = Styles(self.wb)
        self.sheets: dict[str, Worksheet] = {}
        self.lists: dict[str, list[str]] = {
            L.LIST_YES_NO: [labels.label(labels.YES_NO, code, self.lang) for code in ("yes", "no")],
        }
        self.records: list[dict[str, object]] = []
        # One validation per distinct rule and sheet, with the cells it covers. DataValidation.add()
        # checks each new cell against every range already held: quadratic in the number of rows.
        self._validations: dict[tuple, tuple[DataValidation, list[tuple[int, int]]]] = {}
        # Title, prompt and error per validation kind, wording key and values: most answer cells of a
        # form (remarks, confirmations) are worded alike.
        self._wordings: dict[tuple, tuple[str, str, str]] = {}
        self._selected: set[str] = set()
        # The value written to each cell by :meth:`cell`, by sheet, row and column: fitting a row and
        # hashing what it shows read them here rather than through Worksheet.cell(), which creates
        # every empty cell it is asked for.
        self._written: dict[tuple[str, int, int], object] = {}

    # -- sheets ----------------------------------------------------------------------------------------

    def sheet(self, key: str) -> Worksheet:
        """A new sheet for ``key``, named in the tender's language (the first reuses the default sheet)."""
        title = L.sheet_name(key, self.lang)
        if self.sheets:
            ws = self.wb.create_sheet(title)
        else:
            ws = self.wb.active
            ws.title = title
        self.sheets[key] = ws
        return ws

    def footer(self, ws: Worksheet, *, landscape: bool, title_rows: str | None) -> None:
        """Print settings plus a footer with reference, revision and page X of Y."""
        t = self.tender
        left = f"{t.reference} · {wording('revision', self.lang)} {t.revision}"
        print_setup(ws, landscape=landscape, title_rows=title_rows, footer_left=left, language=self.lang)

    def table(self, key: str, *, landscape: bool, intro: str) -> Worksheet:
        """A sheet with title, tender line, ``intro`` and the column headers, frozen and repeated on print."""
        ws = self.sheet(key)
        columns = L.COLUMNS[key]
        widths = [c.width for c in columns]
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        self.cell(ws, 1, 1, L.sheet_name(key, self.lang), "title")
        ws.row_dimensions[1].height = 24
        line = f"{self.tender.reference} · {self.tender.title}"
        self.merged_text(ws, 2, len(columns), line, "subtitle", sum(widths), 11, bold=True)
        self.merged_text(ws, 3, len(columns), intro, "intro", sum(widths))
        for index, column in enumerate(columns, start=1):
            self.cell(ws, L.HEADER_ROW, index, column.header.get(self.lang), "header")
        self.fit(ws, L.HEADER_ROW, widths, bold=True)
        ws.freeze_panes = ws.cell(L.FIRST_ROW, 1).coordinate
        self.footer(ws, landscape=landscape, title_rows=f"{L.HEADER_ROW}:{L.HEADER_ROW}")
        return ws

    def section(self, ws: Worksheet, row: int, category: str) -> None:
        """A locked band naming the category of the rows below; its label in column B (A holds only IDs)."""
        ncols = ws.max_column
        for col in range(1, ncols + 1):
            self.cell(ws, row, col, None, "section")
        put(ws.cell(row, 2), labels.label(labels.CATEGORY, category, self.lang))
        self.merge(ws, row, 2, ncols)

    # -- cells -----------------------------------------------------------------------------------------

    def cell(self, ws: Worksheet, row: int, col: int, value: object, style: str,
             fmt: str | None = None) -> Cell:
        """Write ``value`` (never as a formula, see :func:`put`) with ``style`` and number format ``fmt``."""
        cell = ws.cell(row, col)
        put(cell, value)
        self.styles.share(cell, style, fmt)
        self._written[ws.title, row, col] = value
        return cell

    def style(self, cell: Cell, style: str, fmt: str | None = None) -> None:
        """Give ``cell`` the named ``style`` (and number format ``fmt``) without changing its value.

        Cells share the arrays of their styles (:meth:`Styles.share`): the form never changes one style
        attribute of a cell, it gives the cell another style.
        """
        self.styles.share(cell, style, fmt)

    @staticmethod
    def merge(ws: Worksheet, row: int, first_col: int, last_col: int) -> None:
        """Merge ``row`` from ``first_col`` to ``last_col``; the covered cells must be empty."""
        # Worksheet.merge_cells() (and MergedCellRange) re-borders the first cell from the last and
        # creates a MergedCell for every covered cell, which costs more than writing the row; the
        # cells are styled already, and the range is all SpreadsheetML needs (<mergeCell ref="..."/>).
        ws.merged_cells.add(f"{get_column_letter(first_col)}{row}:{get_column_letter(last_col)}{row}")

    def merged_text(self, ws: Worksheet, row: int, last_col: int, text: str, style: str, width: float,
                    size: float = 10, bold: bool = False) -> None:
        """Wrapped ``text`` across columns A to ``last_col`` of ``row``, with a height that fits it.

        Neither Excel nor LibreOffice fits the height of a merged row, so it is set (custom) here.
        """
        self.cell(ws, row, 1, text, style)
        if last_col > 1:
            self.merge(ws, row, 1, last_col)
        ws.row_dimensions[row].height = text_height(text, width, size, bold)

    def fit(self, ws: Worksheet, row: int, widths: list[float], minimum: float = 17.0,
            bold: bool = False) -> None:
        """Set the (automatic) height of ``row`` from the longest wrapped text in it; see :func:`fit_row`."""
        height = minimum
        written, title = self._written, ws.title
        for col, width in enumerate(widths, start=1):
            value = written.get((title, row, col))
            if isinstance(value, str):
                height = max(height, text_height(value, width, bold=bold))
        fit_row(ws, row, min(height, _MAX_ROW_HEIGHT))

    def validate(self, ws: Worksheet, cell: Cell, kind: str, key: str, formula1: str | None = None,
                 formula2: str | None = None, operator: str | None = None, **values: object) -> None:
        """Attach a validation of type ``kind`` worded by ``dv_*_<key>`` (filled from ``values``) to ``cell``.

        Cells whose rule and wording are equal share one validation.
        """
        texts = (kind, key, *values.items())
        worded = self._wordings.get(texts)
        if worded is None:
            lang = self.lang
            prompt = wording(f"dv_prompt_{key}", lang, **values)
            if kind == "whole":
                prompt += wording("dv_whole", lang)
            worded = self._wordings[texts] = (wording(f"dv_title_{key}", lang), prompt,
                                              wording(f"dv_error_{key}", lang, **values))
        title, prompt, error = worded
        signature = (ws.title, kind, formula1, formula2, operator, *worded)
        entry = self._validations.get(signature)
        if entry is None:
            dv = validation(kind, title=title, prompt=prompt, error=error, formula1=formula1,
                            formula2=formula2, operator=operator)
            ws.add_data_validation(dv)
            entry = self._validations[signature] = (dv, [])
        entry[1].append((cell.row, cell.column))

    def record(self, sheet: str, row: int, item_id: str, answer_type: str, column: str,
               **fields: object) -> None:
        """Add the metadata ``item`` record of answer row ``row``, hashing the shown cells as written."""
        ws = self.sheets[sheet]
        if column and sheet not in self._selected:
            # Open each sheet with the cursor on its first answer cell rather than on A1.
            first = column.split(":")[0] + str(row)
            for selection in ws.sheet_view.selection:
                selection.activeCell = selection.sqref = first
            self._selected.add(sheet)
        shown = {c: self._written.get((ws.title, row, c)) for c in L.shown_columns(sheet)}
        self.records.append(dict(record="item", key=item_id, sheet=sheet, row=row, column=column,
                                 answer_type=answer_type, hash=L.row_hash(sheet, shown), **fields))

    # -- the end ---------------------------------------------------------------------------------------

    def finish(self) -> bytes:
        """Attach the validations, protect every sheet and the structure, and serialise deterministically."""
        for dv, cells in self._validations.values():
            dv.sqref = MultiCellRange(cell_ranges(cells))
        for ws in self.wb.worksheets:
            protect(ws)
        # lockStructure stops adding, deleting, renaming, moving and unhiding sheets (X7). No password:
        # an officer can still lift it, and protection is never relied on as tamper evidence.
        self.wb.security = WorkbookProtection(lockStructure=True)
        self.wb.active = 0
        self.wb.properties.created = self.built
        self.wb.properties.modified = self.built
        print_areas(self.wb)
        # save() keeps the build time and stores the entries: normalize() compresses each entry once.
        return normalize(save(self.wb), self.built)
