"""The progress report as an Excel workbook (.xlsx) with native line charts.

Sheets: a summary (status per KPI, bottlenecks, successes), one sheet per KPI with its periods (value,
minimum, standard, status, fee, rule, amounts) and an Excel line chart of value, minimum and standard,
the collaboration scores with a chart of both parties, and the actions. Numbers stay numbers, so
every amount can be recomputed in Excel from the columns beside it. The report is output, not a form:
no inputs, but protected against accidental edits like the other workbooks.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .. import labels
from ..archive import normalize
from ..form.xlsx import Styles, fit_rows, number_format, print_areas, print_setup, protect, put
from ..text import format_date
from .document import COMMITMENT_FILL, STATUS_FILL
from .models import KpiProgress, Progress
from .wording import words

_DATE = "dd-mm-yyyy"
_EURO = '"€" #,##0.00'


def write_progress_workbook(progress: Progress, *, built: dt.datetime) -> bytes:
    """``progress`` as .xlsx bytes; ``built`` (naive: UTC) dates the file, so the output is reproducible."""
    built = built.astimezone(dt.UTC).replace(tzinfo=None) if built.tzinfo else built
    wb = Workbook()
    styles = Styles(wb)
    p, w = progress, words(progress.language)
    header_rows = [_summary(wb.active, styles, p)]
    header_rows += [_kpi_sheet(wb.create_sheet(kpi.id), styles, p, kpi) for kpi in p.kpis]
    header_rows.append(_scores(wb.create_sheet(w["h_scores"][:31]), styles, p))
    header_rows.append(_actions(wb.create_sheet(w["h_actions"][:31]), styles, p))
    for ws, header in zip(wb.worksheets, header_rows, strict=True):
        protect(ws)
        fit_rows(ws)
        print_setup(ws, landscape=True, title_rows=f"{header}:{header}", footer_left=f"{p.reference} · "
                    f"{w['doc_kind']}", language=p.language)
    print_areas(wb)
    wb.properties.created = wb.properties.modified = built
    wb.properties.creator = "tenderpack"
    wb.properties.title = f"{w['doc_kind']} {p.reference}"
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
    return normalize(buffer.getvalue(), built)


def _row(ws: Worksheet, styles: Styles, row: int, values: list, style: str = "shown",
         formats: dict[int, str] | None = None) -> None:
    for col, value in enumerate(values, start=1):
        put(ws.cell(row, col), value)
        styles.apply(ws.cell(row, col), style, (formats or {}).get(col))


def _widths(ws: Worksheet, widths: list[float]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _fill(ws: Worksheet, row: int, col: int, status: str) -> None:
    ws.cell(row, col).fill = PatternFill("solid", fgColor=STATUS_FILL[status])


def _summary(ws: Worksheet, styles: Styles, p: Progress) -> int:
    """The overview sheet; returns its header row (repeated on every printed page)."""
    w, lang = words(p.language), p.language
    ws.title = w["h_glance"][:31]
    _widths(ws, [20, 42, 16, 12, 12, 12, 12, 16, 16, 22])  # A holds commitment IDs ("GOV-08.requirement")
    put(ws.cell(1, 1), w["doc_kind"])
    styles.apply(ws.cell(1, 1), "title")
    put(ws.cell(2, 1), f"{p.reference} · {p.bidder or ''} · {w['subtitle'].format(date=format_date(p.as_of, lang))}")
    styles.apply(ws.cell(2, 1), "subtitle")
    ws.merged_cells.add("A2:I2")  # a wrapped subtitle in column A alone is clipped to its first words
    head = [w["col_id"], w["col_kpi"], w["col_latest"], w["col_value"], w["col_minimum"], w["col_standard"],
            w["col_target"], w["col_status"], w["col_trend"], w["col_rating"]]
    _row(ws, styles, 4, head, "header")
    row = 5
    for k in p.kpis:
        latest = k.latest
        state = latest.status if latest else "not_measured"
        fmt = number_format(k.decimals)
        _row(ws, styles, row, [k.id, k.title, latest.label if latest else None, latest.value if latest else None,
                               k.minimum, k.norm, k.target, w[f"s_{state}"], w[f"t_{k.trend}"], w[f"r_{k.rating}"]],
             formats={4: fmt, 5: fmt, 6: fmt, 7: fmt})
        _fill(ws, row, 8, state)
        row += 1
    if p.commitments:
        row += 1
        put(ws.cell(row, 1), w["h_commitments"])
        styles.apply(ws.cell(row, 1), "heading")
        row += 1
        _row(ws, styles, row, [w["col_commitment"], w["col_subject"], w["col_quarter"], w["col_status"],
                               w["col_evidence"]], "header")
        ws.merged_cells.add(f"E{row}:I{row}")  # the evidence is a sentence: the rest of the width
        for c in p.commitments:
            row += 1
            _row(ws, styles, row, [c.id, c.title, c.period, w[f"cs_{c.status}"], c.evidence])
            ws.merged_cells.add(f"E{row}:I{row}")
            ws.cell(row, 4).fill = PatternFill("solid", fgColor=COMMITMENT_FILL[c.status])
        row += 1
    for heading, signals in ((w["h_bottlenecks"], p.bottlenecks), (w["h_successes"], p.successes)):
        row += 1
        put(ws.cell(row, 1), heading)
        styles.apply(ws.cell(row, 1), "heading")
        for signal in signals:
            row += 1
            _row(ws, styles, row, [signal.subject, f"{signal.title}: {signal.detail}"], "plain")
            ws.merged_cells.add(f"B{row}:I{row}")
    ws.freeze_panes = "A5"
    return 4


def _kpi_sheet(ws: Worksheet, styles: Styles, p: Progress, k: KpiProgress) -> int:
    """The sheet of KPI ``k`` with its chart; returns its header row."""
    w = words(p.language)
    _widths(ws, [18, 12, 12, 10, 10, 10, 18, 18, 10, 14, 14, 14, 40])
    put(ws.cell(1, 1), f"{k.id} {k.title}")
    styles.apply(ws.cell(1, 1), "title")
    put(ws.cell(2, 1), f"{labels.label(labels.UNIT, k.unit, p.language)} · "
                       f"{labels.label(labels.DIRECTION, k.direction, p.language)} · {k.consequence_text or ''}")
    styles.apply(ws.cell(2, 1), "intro")
    ws.merged_cells.add("A2:M2")
    head = [w["col_period"], "start", "end", w["col_value"], w["col_standard"], w["col_target"], w["col_status"],
            w["col_fee"], "%", w["col_amount"], w["col_settled"], w["col_year"], w["col_remark"]]
    _row(ws, styles, 4, head, "header")
    fmt = number_format(k.decimals)
    for row, r in enumerate(k.periods, start=5):
        _row(ws, styles, row, [r.label, r.period, r.end, r.value, k.norm, k.target, w[f"s_{r.status}"], r.fee,
                               r.percent, r.amount, r.settled, r.contract_year, r.remark],
             formats={2: _DATE, 3: _DATE, 4: fmt, 5: fmt, 6: fmt, 8: _EURO, 10: _EURO, 11: _EURO})
        _fill(ws, row, 7, r.status)
    ws.freeze_panes = "A5"
    if len(k.periods) >= 2:
        chart = LineChart()
        chart.title = w["chart_title"].format(id=k.id)
        chart.height, chart.width = 8, 22
        last = 4 + len(k.periods)
        chart.add_data(Reference(ws, min_col=4, max_col=6, min_row=4, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=5, max_row=last))
        chart.display_blanks = "gap"  # a period not measured is a gap, never a zero
        for series, colour, dash in zip(chart.series, ("1F3864", "C00000", "388E3C"), (None, "dash", "dash")):
            series.graphicalProperties.line.solidFill = colour
            series.graphicalProperties.line.width = 28000
            if dash:
                series.graphicalProperties.line.dashStyle = dash
            series.smooth = False
        ws.add_chart(chart, f"A{last + 3}")
    return 4


def _scores(ws: Worksheet, styles: Styles, p: Progress) -> int:
    """The collaboration scores of both parties with their chart; returns the header row."""
    w = words(p.language)
    _widths(ws, [16, 12, 12, 50, 50])
    put(ws.cell(1, 1), w["h_scores"])
    styles.apply(ws.cell(1, 1), "title")
    _row(ws, styles, 3, [w["col_quarter"], w["col_client"], w["col_contractor"],
                         f"{w['col_reasons']} ({w['col_client'].lower()})",
                         f"{w['col_reasons']} ({w['col_contractor'].lower()})"], "header")
    by_party = {s.party: s.quarters for s in p.scores}
    rows = list(zip(by_party.get("client", []), by_party.get("contractor", [])))
    for row, ((_, name, client, client_reasons), (_, _, contractor, contractor_reasons)) in enumerate(rows, start=4):
        _row(ws, styles, row, [name, client, contractor, client_reasons, contractor_reasons],
             formats={2: "0.0", 3: "0.0"})
    if len(rows) >= 2:
        chart = LineChart()
        chart.title = w["h_scores"]
        chart.height, chart.width = 8, 22
        chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=3, max_row=3 + len(rows)), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=3 + len(rows)))
        chart.display_blanks = "gap"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 1, 10
        ws.add_chart(chart, f"A{len(rows) + 6}")
    return 3


def _actions(ws: Worksheet, styles: Styles, p: Progress) -> int:
    """The actions, overdue ones marked; returns the header row."""
    w = words(p.language)
    _widths(ws, [10, 50, 10, 20, 14, 14, 12])
    put(ws.cell(1, 1), w["h_actions"])
    styles.apply(ws.cell(1, 1), "title")
    _row(ws, styles, 3, [w["col_id"], w["col_action"], w["col_kpi"], w["col_owner"], w["col_due"], w["col_status"],
                         "+"], "header")
    for row, a in enumerate(p.actions, start=4):
        _row(ws, styles, row, [a.id, a.description, a.kpi, a.owner, a.due, w[f"st_{a.status}"] if a.status else None,
                               a.days_overdue or None], formats={5: _DATE})
        if a.overdue:
            _fill(ws, row, 6, "below_norm")
    return 3
