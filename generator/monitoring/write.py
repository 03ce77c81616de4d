"""Write the monitoring workbook (.xlsx) of an awarded contract.

Protected like the bid form (only the yellow input cells unlocked, the structure locked), validations
with their prompts and error messages on, and a veryHidden metadata sheet from which
:mod:`generator.monitoring.read` finds every input cell back. Cell styles, validations, protection
and print setup come from :mod:`generator.form.xlsx`, so both workbooks look and behave alike.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .. import labels
from ..agreement.commitments import bid_commitments
from ..agreement.terms import KpiTerm, check_submission, kpi_terms
from ..archive import normalize
from ..form.xlsx import (
    Styles, cell_ranges, date_formula, fit_row, number_format, number_formula, print_areas, print_setup,
    protect, put, text_height, validation,
)
from ..models.base import Language
from ..models.commitment import Commitment
from ..models.submission import Submission
from ..models.tender import Tender
from ..text import format_date, format_number
from . import layout as L
from ..periods import label, periods

_DATE = "dd-mm-yyyy"


class _Book:
    """The workbook being written: styles, validations gathered per rule, metadata records."""

    def __init__(self, tender: Tender, built: dt.datetime) -> None:
        self.tender, self.lang = tender, tender.language
        self.built = built.astimezone(dt.UTC).replace(tzinfo=None) if built.tzinfo else built
        self.wb = Workbook()
        self.styles = Styles(self.wb)
        self.sheets: dict[str, Worksheet] = {}
        self.records: list[dict[str, object]] = []
        self._rules: dict[tuple, tuple[DataValidation, list[tuple[int, int]]]] = {}

    def sheet(self, key: str) -> Worksheet:
        ws = self.wb.active if not self.sheets else self.wb.create_sheet()
        ws.title = L.sheet_name(key, self.lang)
        self.sheets[key] = ws
        return ws

    def cell(self, ws: Worksheet, row: int, col: int, value: object, style: str, fmt: str | None = None) -> None:
        cell = ws.cell(row, col)
        put(cell, value)
        self.styles.apply(cell, style, fmt)

    def band(self, ws: Worksheet, row: int, text: str, ncols: int) -> None:
        """A locked section band across the ``ncols`` columns of ``row`` naming the rows below it."""
        for col in range(1, ncols + 1):
            self.cell(ws, row, col, text if col == 1 else None, "section")
        ws.merged_cells.add(f"A{row}:{get_column_letter(ncols)}{row}")

    def validate(self, ws: Worksheet, row: int, col: int, kind: str, key: str, formula1: str | None = None,
                 formula2: str | None = None, operator: str | None = None, **values: object) -> None:
        """Attach the validation worded by ``dv_*_<key>``; equal rules share one validation."""
        title = L.wording(f"dv_title_{key}", self.lang)
        prompt = L.wording(f"dv_prompt_{key}", self.lang, **values)
        error = L.wording(f"dv_error_{key}", self.lang, **values)
        signature = (ws.title, kind, formula1, formula2, operator, prompt, error)
        if signature not in self._rules:
            dv = validation(kind, title=title, prompt=prompt, error=error, formula1=formula1, formula2=formula2,
                            operator=operator)
            ws.add_data_validation(dv)
            self._rules[signature] = (dv, [])
        self._rules[signature][1].append((row, col))

    def table(self, key: str, intro: str, landscape: bool) -> Worksheet:
        """A sheet with title, contract line, intro and the column headers (frozen, printed on every page)."""
        ws = self.sheet(key)
        columns = L.COLUMNS[key]
        widths = [c.width for c in columns]
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        last = get_column_letter(len(columns))
        self.cell(ws, 1, 1, ws.title, "title")
        ws.row_dimensions[1].height = 24
        for row, text, style in ((2, f"{self.tender.reference} · {self.tender.title}", "subtitle"),
                                 (3, intro, "intro")):
            self.cell(ws, row, 1, text, style)
            ws.merged_cells.add(f"A{row}:{last}{row}")
            ws.row_dimensions[row].height = text_height(text, sum(widths), 11 if row == 2 else 10, row == 2)
        for i, col in enumerate(columns, start=1):
            self.cell(ws, L.HEADER_ROW, i, col.header.get(self.lang), "header")
        fit_row(ws, L.HEADER_ROW, max(text_height(c.header.get(self.lang), c.width, bold=True) for c in columns))
        ws.freeze_panes = f"A{L.FIRST_ROW}"
        self.footer(ws, landscape, f"{L.HEADER_ROW}:{L.HEADER_ROW}")
        return ws

    def footer(self, ws: Worksheet, landscape: bool, title_rows: str | None) -> None:
        left = f"{self.tender.reference} · {L.wording('title', self.lang)}"
        print_setup(ws, landscape=landscape, title_rows=title_rows, footer_left=left, language=self.lang)

    def finish(self) -> bytes:
        for dv, cells in self._rules.values():
            dv.sqref = MultiCellRange(cell_ranges(cells))
        for ws in self.wb.worksheets:
            protect(ws)
        self.wb.security = WorkbookProtection(lockStructure=True)
        self.wb.active = 0
        self.wb.properties.created = self.wb.properties.modified = self.built
        self.wb.properties.creator = "tenderpack"
        print_areas(self.wb)
        buffer = io.BytesIO()
        # ExcelWriter rather than Workbook.save(), which stamps the current time (see generator.form.book).
        ExcelWriter(self.wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
        return normalize(buffer.getvalue(), self.built)


def write_monitoring_workbook(tender: Tender, submission: Submission | None, *, built: dt.datetime) -> bytes:
    """The monitoring workbook of ``tender`` as awarded to ``submission``, as .xlsx bytes.

    Sheets: instructions; measurements (per KPI one row per measurement period over the contract
    dates, see :mod:`generator.periods`, with the minimum, the binding norm and the target); the
    collaboration score per contract quarter for both parties; the status of every tracked commitment of
    the bid per contract quarter (with a submission only; see
    :attr:`~generator.models.commitment.Commitment.tracked`); an action log of
    :data:`~generator.monitoring.layout.ACTION_ROWS` rows; a hidden lists sheet; the veryHidden
    metadata sheet. ``submission`` ``None`` gives the workbook with the tender's own levels (for a
    trial run before award; an offered norm then stands at the minimum). ``built`` (naive: UTC) dates the file; the same inputs give the same
    bytes. Raises :class:`~generator.errors.InputError` for a submission of another tender or a
    knocked-out bid.
    """
    if submission is not None:
        check_submission(tender, submission)
    book = _Book(tender, built)
    terms = kpi_terms(tender, submission)
    commitments = [c for c in bid_commitments(tender, submission) if c.tracked] if submission else []
    _instructions(book, submission, bool(commitments))
    _measurements(book, terms)
    _scores(book)
    if commitments:
        _commitments(book, commitments)
    _actions(book)
    _lists(book, terms)
    _meta(book, submission)
    return book.finish()


def _instructions(book: _Book, submission: Submission | None, commitments: bool) -> None:
    t, lang = book.tender, book.lang
    ws = book.sheet(L.INSTRUCTIONS)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 26, 90
    book.cell(ws, 1, 1, L.wording("title", lang), "title")
    ws.row_dimensions[1].height = 24
    bidder = submission.bidder if submission else None
    facts = [
        (L.wording("reference", lang), f"{t.reference} · {t.title}"),
        (L.wording("contractor", lang), f"{bidder.name} (KvK {bidder.kvk})" if bidder else "–"),
        (L.wording("period", lang), f"{format_date(t.dates.contract_start, lang)} – "
                                    f"{format_date(t.dates.contract_end, lang)}"),
    ]
    keys = (L.MEASUREMENTS, L.SCORES, *((L.COMMITMENTS,) if commitments else ()), L.ACTIONS)
    steps = [L.wording(f"step_{key}", lang, sheet=L.sheet_name(key, lang)) for key in keys]
    rows = facts + [(L.wording("how", lang), steps[0])] + [("", s) for s in steps[1:]]
    rows += [("", L.wording("step_import", lang)), ("", L.wording("standard_note", lang))]
    for row, (name, text) in enumerate(rows, start=3):
        book.cell(ws, row, 1, name, "label")
        book.cell(ws, row, 2, text, "plain")
        fit_row(ws, row, max(17.0, text_height(text, 90)))
    book.footer(ws, False, None)


def _bounds(term: KpiTerm, lang: Language) -> tuple[str, str | None, str | None, str]:
    """The validation (operator, formula1, formula2) of a measured value and its wording."""
    low, high = term.low, term.high
    fmt = lambda v: format_number(v, lang)  # noqa: E731
    if low is not None and high is not None:
        return "between", number_formula(low), number_formula(high), \
            L.wording("bounds_between", lang, low=fmt(low), high=fmt(high))
    if low is not None:
        return "greaterThanOrEqual", number_formula(low), None, L.wording("bounds_at_least", lang, low=fmt(low))
    if high is not None:
        return "lessThanOrEqual", number_formula(high), None, L.wording("bounds_at_most", lang, high=fmt(high))
    return "between", number_formula(-1e15), number_formula(1e15), L.wording("bounds_any", lang)


def _measurements(book: _Book, terms: list[KpiTerm]) -> None:
    t, lang = book.tender, book.lang
    ws = book.table(L.MEASUREMENTS, L.wording("intro_measurements", lang), landscape=True)
    ncols = len(L.COLUMNS[L.MEASUREMENTS])
    value_col, remark_col = L.column(L.MEASUREMENTS, "value"), L.column(L.MEASUREMENTS, "remark")
    row = L.FIRST_ROW
    for term in terms:
        band = L.wording("band", lang, id=term.id, title=term.title,
                         frequency=labels.label(labels.FREQUENCY, term.frequency, lang),
                         direction=labels.label(labels.DIRECTION, term.direction, lang))
        book.band(ws, row, band, ncols)
        row += 1
        fmt = number_format(term.decimals)
        operator, f1, f2, bounds = _bounds(term, lang)
        unit = labels.label(labels.UNIT, term.unit, lang)
        for period in periods(t.dates.contract_start, t.dates.contract_end, term.frequency):
            values = (term.id, term.title, label(period, lang), period.start, period.end, unit, term.minimum,
                      term.norm_value, term.target)
            styles = ("id", "shown", "shown", *("shown_center",) * 6)
            for col, (value, style) in enumerate(zip(values, styles), start=1):
                book.cell(ws, row, col, value, style, _DATE if col in (4, 5) else fmt if col >= 7 else None)
            book.cell(ws, row, value_col, None, "answer", fmt)
            book.validate(ws, row, value_col, "decimal", "value", f1, f2, operator, unit=unit, bounds=bounds)
            book.cell(ws, row, remark_col, None, "answer")
            book.validate(ws, row, remark_col, "textLength", "text", number_formula(L.TEXT_MAX),
                          operator="lessThanOrEqual", n=L.TEXT_MAX)
            book.records.append({"record": "measurement", "sheet": L.MEASUREMENTS, "row": row, "kpi": term.id,
                                 "period": period.key, "end": period.end.isoformat()})
            row += 1


def _scores(book: _Book) -> None:
    t, lang = book.tender, book.lang
    ws = book.table(L.SCORES, L.wording("intro_scores", lang), landscape=True)
    for row, period in enumerate(periods(t.dates.contract_start, t.dates.contract_end, "quarterly"),
                                 start=L.FIRST_ROW):
        book.cell(ws, row, 1, label(period, lang), "shown")
        book.cell(ws, row, 2, period.start, "shown_center", _DATE)
        book.cell(ws, row, 3, period.end, "shown_center", _DATE)
        for key in ("client", "contractor"):
            col = L.column(L.SCORES, key)
            book.cell(ws, row, col, None, "answer_center", "0.0")
            book.validate(ws, row, col, "decimal", "score", "1", "10", "between")
            book.cell(ws, row, col + 1, None, "answer")
            book.validate(ws, row, col + 1, "textLength", "text", number_formula(L.TEXT_MAX),
                          operator="lessThanOrEqual", n=L.TEXT_MAX)
        fit_row(ws, row, 30.0)
        book.records.append({"record": "score", "sheet": L.SCORES, "row": row, "period": period.key,
                             "end": period.end.isoformat()})


def _commitments(book: _Book, commitments: list[Commitment]) -> None:
    """Per tracked commitment a band naming it and its form cell, then one row per contract quarter."""
    t, lang = book.tender, book.lang
    ws = book.table(L.COMMITMENTS, L.wording("intro_commitments", lang), landscape=True)
    ncols = len(L.COLUMNS[L.COMMITMENTS])
    status_col, evidence_col = L.column(L.COMMITMENTS, "status"), L.column(L.COMMITMENTS, "evidence")
    quarters = periods(t.dates.contract_start, t.dates.contract_end, "quarterly")
    row = L.FIRST_ROW
    for commitment in commitments:
        band = L.wording("band_commitment", lang, id=commitment.id, title=commitment.title,
                         cell=commitment.cell or "–")
        book.band(ws, row, band, ncols)
        row += 1
        for period in quarters:
            values = (commitment.id, commitment.title, label(period, lang), period.start, period.end)
            for col, (value, style) in enumerate(zip(values, ("id", "shown", "shown", "shown_center",
                                                               "shown_center")), start=1):
                book.cell(ws, row, col, value, style, _DATE if col in (4, 5) else None)
            book.cell(ws, row, status_col, None, "answer_center")
            book.validate(ws, row, status_col, "list", "list", L.LIST_COMMITMENT)
            book.cell(ws, row, evidence_col, None, "answer")
            book.validate(ws, row, evidence_col, "textLength", "text", number_formula(L.TEXT_MAX),
                          operator="lessThanOrEqual", n=L.TEXT_MAX)
            book.records.append({"record": "commitment", "sheet": L.COMMITMENTS, "row": row, "key": commitment.id,
                                 "period": period.key, "end": period.end.isoformat()})
            row += 1


def _actions(book: _Book) -> None:
    t, lang = book.tender, book.lang
    ws = book.table(L.ACTIONS, L.wording("intro_actions", lang), landscape=True)
    low = t.dates.contract_start - dt.timedelta(days=366)
    high = t.dates.contract_end + dt.timedelta(days=366)
    date_rule = (date_formula(low), date_formula(high))
    lists = {"kpi": L.LIST_KPI, "party": L.LIST_PARTY, "status": L.LIST_STATUS}
    for number in range(1, L.ACTION_ROWS + 1):
        row = L.FIRST_ROW + number - 1
        action_id = f"ACT-{number:03d}"
        book.cell(ws, row, 1, action_id, "id")
        for col, column in enumerate(L.COLUMNS[L.ACTIONS][1:], start=2):
            if column.key in ("raised", "due", "done"):
                book.cell(ws, row, col, None, "answer_center", _DATE)
                book.validate(ws, row, col, "date", "date", *date_rule, "between",
                              low=format_date(low, lang), high=format_date(high, lang))
            elif column.key in lists:
                book.cell(ws, row, col, None, "answer_center")
                book.validate(ws, row, col, "list", "list", lists[column.key])
            else:
                book.cell(ws, row, col, None, "answer")
                book.validate(ws, row, col, "textLength", "text", number_formula(L.TEXT_MAX),
                              operator="lessThanOrEqual", n=L.TEXT_MAX)
        book.records.append({"record": "action", "sheet": L.ACTIONS, "row": row, "key": action_id})


def _lists(book: _Book, terms: list[KpiTerm]) -> None:
    """The hidden sheet with the drop-down lists, each behind a defined name (Excel's 255-character limit)."""
    lang = book.lang
    ws = book.sheet(L.LISTS)
    ws.sheet_state = "hidden"
    options = {
        L.LIST_STATUS: [text.get(lang) for text in L.STATUS_LABELS.values()],
        L.LIST_PARTY: [labels.label(labels.PARTY, p, lang) for p in labels.PARTY],
        L.LIST_KPI: [term.id for term in terms] or ["–"],
        L.LIST_COMMITMENT: [text.get(lang) for text in L.COMMITMENT_STATUS_LABELS.values()],
    }
    for col, (name, values) in enumerate(options.items(), start=1):
        letter = get_column_letter(col)
        book.cell(ws, 1, col, name, "label")
        for row, value in enumerate(values, start=2):
            book.cell(ws, row, col, value, "plain")
        ws.column_dimensions[letter].width = 18
        ref = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
        book.wb.defined_names[name] = DefinedName(name, attr_text=ref)


def _meta(book: _Book, submission: Submission | None) -> None:
    t = book.tender
    bidder = submission.bidder if submission else None
    props = {
        "workbook": L.KIND, "format": L.FORMAT_VERSION, "reference": t.reference, "revision": t.revision,
        "language": t.language, "bidder_name": bidder.name if bidder else None,
        "bidder_kvk": bidder.kvk if bidder else None,
        "submission_sha256": submission.source.sha256 if submission else None,
        "contract_start": t.dates.contract_start.isoformat(), "contract_end": t.dates.contract_end.isoformat(),
        "built": book.built.isoformat(timespec="seconds"),
    }
    records = [{"record": "property", "key": k, "value": v} for k, v in props.items()]
    records += [{"record": "sheet", "key": k, "value": ws.title} for k, ws in book.sheets.items()]
    ws = book.wb.create_sheet(L.META_SHEET)
    ws.sheet_state = "veryHidden"
    for col, name in enumerate(L.META_COLUMNS, start=1):
        put(ws.cell(1, col), name)
    for row, record in enumerate(records + book.records, start=2):
        for name, value in record.items():
            if value is not None:
                put(ws.cell(row, L.META_COLUMNS.index(name) + 1), value)
    book.wb.custom_doc_props.append(StringProperty(name="tenderpack.workbook", value=L.KIND))
    book.wb.custom_doc_props.append(StringProperty(name="tenderpack.reference", value=t.reference))
    book.wb.properties.title = f"{L.wording('title', book.lang)} {t.reference}"
    book.wb.properties.keywords = t.reference
