"""Write the committee's scoring workbook (.xlsx) for the admitted bids of a tender.

The layout is :mod:`generator.evaluation.scoresheet`; the cell styles, validations, protection and print
setup are the bid form's (:mod:`generator.form.xlsx`), so the committee works in the same kind of
protected, validated sheet the bidders filled.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..archive import normalize
from ..errors import InputError
from ..form.layout import HASH_SCHEME
from ..form.xlsx import (
    Styles, cell_ranges, fit_row, print_areas, print_setup, protect, put, text_height, validation,
)
from ..models.submission import Submission
from ..models.tender import Tender
from . import scoresheet as S
from .compliance import compliance

_MAX_ROW_HEIGHT = 409.0  # Excel's maximum row height in points


def write_scoring_workbook(tender: Tender, submissions: list[Submission], *, built: dt.datetime,
                           evaluators: int = 3) -> bytes:
    """The scoring workbook of ``tender`` for the admitted ``submissions``, as .xlsx bytes.

    One row per admitted bid (see :func:`~generator.evaluation.compliance`) and award criterion, with
    ``evaluators`` score columns, a consensus score and a motivation: those cells alone are unlocked,
    and every score cell only takes a step of the criterion's published scale (list validation with
    input and error message on). Bids that are not admitted get no rows; with none admitted the sheet
    has headers only. Bidder text is always stored as text, never as a formula. A third sheet lists
    every possible reservation of an admitted bid (the form's ``reservation`` findings per item) with
    a decision list (not material / material: invalid) and a motivation cell for the committee.

    ``built`` dates the workbook and its zip entries, so equal input gives equal bytes (a naive
    ``built`` is UTC). Raises :class:`~generator.errors.InputError` when ``evaluators`` is not 1 to 10.
    """
    if not 1 <= evaluators <= S.MAX_EVALUATORS:
        raise InputError(f"the number of evaluators must be 1 to {S.MAX_EVALUATORS}, not {evaluators}")
    if built.tzinfo is not None:
        built = built.astimezone(dt.UTC).replace(tzinfo=None)
    matrix = compliance(tender, submissions)
    rows = S.scoring_rows(tender, matrix, submissions)
    wb = Workbook()
    styles = Styles(wb)
    lang = tender.language
    scoring = wb.active
    scoring.title = S.sheet_name(S.SCORING, lang)
    scale = wb.create_sheet(S.sheet_name(S.SCALE, lang))
    _scale_sheet(tender, scale, styles, wb)
    records = _scoring_sheet(tender, rows, scoring, styles, evaluators)
    reservations = wb.create_sheet(S.sheet_name(S.RESERVATIONS, lang))
    records += _reservations_sheet(tender, S.reservation_rows(matrix), reservations, styles)
    _meta_sheet(tender, wb, records, evaluators, built)
    for ws in wb.worksheets:
        protect(ws)
    # lockStructure: no sheet can be added, deleted, renamed or unhidden; no password, as in the bid form.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    props = wb.properties
    props.title = f"{S.wording('title', lang)} {tender.reference}"
    props.subject, props.creator, props.keywords = tender.title, "tenderpack", tender.reference
    props.created = props.modified = built
    wb.custom_doc_props.append(StringProperty(name="tenderpack.reference", value=tender.reference))
    wb.custom_doc_props.append(IntProperty(name="tenderpack.revision", value=tender.revision))
    print_areas(wb)
    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save(), which stamps the current time into the properties.
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
    return normalize(buffer.getvalue(), built)


def _header(ws: Worksheet, styles: Styles, tender: Tender, title: str, intro: str, headers: list[str],
            widths: list[float]) -> None:
    """Title, tender line and intro (merged across the table), then the header row, frozen and printed."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(widths))
    for row, (text, style, size, bold) in enumerate(
            ((title, "title", 16, True), (f"{tender.reference} · {tender.title}", "subtitle", 11, True),
             (intro, "intro", 10, False)), start=1):
        cell = ws.cell(row, 1)
        put(cell, text)
        styles.apply(cell, style)
        if row > 1:
            ws.merged_cells.add(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = 24 if row == 1 else text_height(text, sum(widths), size, bold)
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(S.HEADER_ROW, col)
        put(cell, text)
        styles.apply(cell, "header")
    fit_row(ws, S.HEADER_ROW, max(text_height(h, w, bold=True) for h, w in zip(headers, widths, strict=True)))
    lang = tender.language
    footer = f"{tender.reference} · {S.wording('revision', lang)} {tender.revision}"
    print_setup(ws, landscape=True, title_rows=f"{S.HEADER_ROW}:{S.HEADER_ROW}", footer_left=footer,
                language=lang)


def _scale_sheet(tender: Tender, ws: Worksheet, styles: Styles, wb: Workbook) -> None:
    """Each criterion's scale steps; each criterion's score range gets a defined name for validation."""
    lang = tender.language
    on_value = tender.award.method == "award_on_value"
    keys = ["id", "criterion", "score", "descriptor"] + (["share"] if on_value else [])
    widths = [10.0, 30.0, 8.0, 80.0, 12.0][: len(keys)]
    _header(ws, styles, tender, S.wording("scale_title", lang), S.wording("scale_intro", lang),
            [S.wording(k, lang) for k in keys], widths)
    ws.freeze_panes = f"A{S.FIRST_ROW}"
    row = S.FIRST_ROW
    title = quote_sheetname(ws.title)
    for criterion in tender.criteria:
        first = row
        for step in criterion.scale:
            values: list[tuple[object, str, str | None]] = [
                (criterion.id, "id", None), (criterion.title, "shown", None),
                (step.score, "shown_center", None), (step.descriptor, "shown", None)]
            if on_value:
                values.append((step.share, "shown_center", "0%"))
            for col, (value, style, fmt) in enumerate(values, start=1):
                cell = ws.cell(row, col)
                put(cell, value)
                styles.apply(cell, style, fmt)
            fit_row(ws, row, min(_MAX_ROW_HEIGHT, max(text_height(str(v), w)
                                                      for (v, _, _), w in zip(values, widths, strict=True))))
            row += 1
        name = S.scale_name(criterion.id)
        wb.defined_names[name] = DefinedName(name, attr_text=f"{title}!$C${first}:$C${row - 1}")


def _scoring_sheet(tender: Tender, rows: list[S.Row], ws: Worksheet, styles: Styles,
                   evaluators: int) -> list[dict[str, object]]:
    """The scoring rows under a band per bidder; returns their metadata records."""
    lang = tender.language
    widths = S.widths(evaluators)
    scale_sheet = S.sheet_name(S.SCALE, lang)
    headers = [S.wording(k, lang) for k in ("name", "id", "criterion", "weight", "answer", "attachment")]
    headers += [S.wording("evaluator", lang, number=n) for n in range(1, evaluators + 1)]
    headers += [S.wording("consensus", lang), S.wording("motivation", lang)]
    _header(ws, styles, tender, S.wording("title", lang), S.wording("intro", lang, scale=scale_sheet),
            headers, widths)
    ws.freeze_panes = f"C{S.FIRST_ROW}"
    consensus, motivation = S.column("consensus", evaluators), S.column("motivation", evaluators)
    score_columns = list(range(S.SHOWN_COLUMNS + 1, consensus + 1))
    cells_by_criterion: dict[str, list[tuple[int, int]]] = {}
    records: list[dict[str, object]] = []
    row = S.FIRST_ROW
    bidder = None
    for entry in rows:
        if entry.bidder != bidder:
            bidder = entry.bidder
            for col in range(1, len(widths) + 1):
                styles.apply(ws.cell(row, col), "section")
            put(ws.cell(row, 1), S.escape(entry.shown[0]))
            ws.merged_cells.add(f"A{row}:{get_column_letter(len(widths))}{row}")
            row += 1
        styles_of = ("shown", "id", "shown", "shown_center", "shown", "shown")
        for col, (value, style) in enumerate(zip(entry.shown, styles_of, strict=True), start=1):
            cell = ws.cell(row, col)
            put(cell, S.escape(value) if value else None)
            styles.apply(cell, style)
        for col in score_columns:
            styles.apply(ws.cell(row, col), "answer_center")
        styles.apply(ws.cell(row, motivation), "answer")
        cells_by_criterion.setdefault(entry.criterion.id, []).extend((row, col) for col in score_columns)
        shown_widths = widths[:S.SHOWN_COLUMNS]
        height = max(text_height(text, width) for text, width in zip(entry.shown, shown_widths, strict=True))
        fit_row(ws, row, min(_MAX_ROW_HEIGHT, max(30.0, height)))
        # A key made from a name may hold characters a cell cannot: stored as cell_text, as the reader
        # expects it.
        records.append({"record": "row", "bidder": S.escape(S.cell_text(entry.bidder)),
                        "criterion": entry.criterion.id, "row": row, "hash": entry.hash})
        row += 1
    for criterion in tender.criteria:
        cells = cells_by_criterion.get(criterion.id)
        if not cells:
            continue
        steps = ", ".join(str(s.score) for s in criterion.scale)
        dv = validation("list", formula1=S.scale_name(criterion.id), title=S.wording("dv_title", lang),
                        prompt=S.wording("dv_prompt", lang, steps=steps, scale=scale_sheet),
                        error=S.wording("dv_error", lang, steps=steps))
        dv.sqref = MultiCellRange(cell_ranges(cells))
        ws.add_data_validation(dv)
    if records:  # open on the first score cell
        first = f"{get_column_letter(S.SHOWN_COLUMNS + 1)}{records[0]['row']}"
        for selection in ws.sheet_view.selection:
            selection.activeCell = selection.sqref = first
    return records


def _reservations_sheet(tender: Tender, rows: list[S.ReservationRow], ws: Worksheet,
                        styles: Styles) -> list[dict[str, object]]:
    """One row per possible reservation with the committee's decision (a list) and motivation; returns
    their metadata records. Without reservations the sheet has headers only."""
    lang = tender.language
    widths = [24.0, 12.0, 60.0, 20.0, 60.0]
    headers = [S.wording(k, lang) for k in ("name", "item", "found", "decision", "decision_motivation")]
    _header(ws, styles, tender, S.wording("reservations_title", lang), S.wording("reservations_intro", lang),
            headers, widths)
    ws.freeze_panes = f"C{S.FIRST_ROW}"
    records: list[dict[str, object]] = []
    for row, entry in enumerate(rows, start=S.FIRST_ROW):
        for col, (value, style) in enumerate(zip(entry.shown, ("shown", "id", "shown"), strict=True), start=1):
            cell = ws.cell(row, col)
            put(cell, S.escape(value))
            styles.apply(cell, style)
        styles.apply(ws.cell(row, S.RESERVATION_SHOWN + 1), "answer_center")
        styles.apply(ws.cell(row, S.RESERVATION_SHOWN + 2), "answer")
        height = max(text_height(text, width) for text, width in zip(entry.shown, widths, strict=False))
        fit_row(ws, row, min(_MAX_ROW_HEIGHT, max(45.0, height)))
        records.append({"record": "reservation", "bidder": S.escape(S.cell_text(entry.bidder)),
                        "criterion": entry.item, "row": row, "hash": entry.hash})
    if rows:
        choices = [label.get(lang) for label in S.DECISIONS.values()]
        listed = ", ".join(choices)
        dv = validation("list", formula1='"' + ",".join(choices) + '"', title=S.wording("dv_decision_title", lang),
                        prompt=S.wording("dv_decision_prompt", lang, choices=listed),
                        error=S.wording("dv_decision_error", lang, choices=listed))
        column = get_column_letter(S.RESERVATION_SHOWN + 1)
        dv.sqref = MultiCellRange(f"{column}{S.FIRST_ROW}:{column}{S.FIRST_ROW + len(rows) - 1}")
        ws.add_data_validation(dv)
    return records


def _meta_sheet(tender: Tender, wb: Workbook, rows: list[dict[str, object]], evaluators: int,
                built: dt.datetime) -> None:
    """The veryHidden metadata sheet: properties, sheet names, then one record per scoring row."""
    ws = wb.create_sheet(S.META_SHEET)
    # veryHidden: the Excel UI cannot unhide it; LibreOffice re-saves it as "hidden".
    ws.sheet_state = "veryHidden"
    properties = {"format": S.FORMAT_VERSION, "hash_scheme": HASH_SCHEME, "reference": tender.reference,
                  "revision": tender.revision, "language": tender.language, "evaluators": evaluators,
                  "built": built.isoformat(timespec="seconds")}
    records: list[dict[str, object]] = [{"record": "property", "key": k, "value": v}
                                        for k, v in properties.items()]
    records += [{"record": "sheet", "key": key, "value": S.sheet_name(key, tender.language)}
                for key in (S.SCORING, S.SCALE, S.RESERVATIONS)]
    for col, name in enumerate(S.META_COLUMNS, start=1):
        put(ws.cell(1, col), name)
    for row, record in enumerate(records + rows, start=2):
        for name, value in record.items():
            put(ws.cell(row, S.META_COLUMNS.index(name) + 1), value)

