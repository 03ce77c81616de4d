"""The comparison of the bids as a workbook (.xlsx): the basis of the award decision letter.

:func:`write_compliance_xlsx` writes the part that needs no scores, for the committee before scoring.

Five or six sheets in the tender's language: the ranking with the formula and every number it used (ties
and the bids set aside under it), the scores with the committee's reasons, the committee's decisions on
possible reservations (when there were any), the knock-out check (compliance
matrix), the KPI offers side by side, and where each bidder's responsibilities (RACI) differ from the
tender's proposal. Numbers are stored as numbers, exactly as evaluated (points to two decimals, euros
to the cent), so the workbook can be recomputed cell by cell.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .. import labels
from ..archive import normalize
from ..form.xlsx import Styles, fit_row, print_areas, print_setup, put, text_height
from ..models.base import Text
from ..models.evaluation import ComplianceMatrix, Evaluation
from ..models.spec import LinearPrice
from ..models.submission import Submission
from ..models.tender import Tender
from ..records import CLAIMED_MARK, bidder_key
from ..text import format_euro, format_number
from .compliance import in_order
from .scoresheet import cell_text, escape, wording

_EURO = '"€" #,##0.00'
_POINTS = "0.00"
_T = Text
_W: dict[str, Text] = {
    "ranking": _T(nl="Rangschikking", en="Ranking"),
    "scores": _T(nl="Scores en motivering", en="Scores and reasons"),
    "compliance": _T(nl="Knock-outtoets", en="Knock-out check"),
    "kpis": _T(nl="KPI-aanbod", en="KPI offers"),
    "raci": _T(nl="Afwijkingen RACI", en="RACI deviations"),
    "reservations": _T(nl="Voorbehouden", en="Reservations"),
    "r_item": _T(nl="Onderdeel", en="Item"),
    "r_found": _T(nl="Gesignaleerd voorbehoud", en="Possible reservation"),
    "r_decision": _T(nl="Beslissing commissie", en="Committee's decision"),
    "r_motivation": _T(nl="Motivering", en="Reasons"),
    "not_material": _T(nl="niet wezenlijk", en="not material"),
    "material": _T(nl="wezenlijk: ongeldig, terzijde gelegd", en="material: invalid, set aside"),
    "rank": _T(nl="Rang", en="Rank"),
    "bidder": _T(nl="Inschrijver", en="Bidder"),
    "kvk": _T(nl="KvK", en="CoC"),
    "price": _T(nl="Prijs", en="Price"),
    "score": _T(nl="score", en="score"),
    "points": _T(nl="punten", en="points"),
    "earned": _T(nl="waarde", en="value"),
    "quality": _T(nl="Kwaliteitspunten", en="Quality points"),
    "earned_total": _T(nl="Verdiende waarde", en="Value earned"),
    "price_points": _T(nl="Prijspunten", en="Price points"),
    "total": _T(nl="Totaalscore", en="Total score"),
    "fictive": _T(nl="Fictieve prijs", en="Fictive price"),
    "criterion": _T(nl="Gunningscriterium", en="Award criterion"),
    "evaluator": _T(nl="Beoordelaar {n}", en="Evaluator {n}"),
    "consensus": _T(nl="Consensusscore", en="Consensus score"),
    "motivation": _T(nl="Motivering", en="Reasons"),
    "item": _T(nl="Eis / KPI", en="Requirement / KPI"),
    "title": _T(nl="Omschrijving", en="Description"),
    "minimum": _T(nl="Minimum", en="Minimum"),
    "target": _T(nl="Streefwaarde", en="Target"),
    "passed": _T(nl="voldaan", en="met"),
    "failed": _T(nl="NIET VOLDAAN", en="NOT MET"),
    "admitted": _T(nl="Toegelaten", en="Admitted"),
    "yes": _T(nl="ja", en="yes"),
    "no": _T(nl="nee", en="no"),
    "activity": _T(nl="Activiteit", en="Activity"),
    "party": _T(nl="Partij", en="Party"),
    "proposal": _T(nl="Voorstel aanbestedende dienst", en="Contracting authority's proposal"),
    "offered": _T(nl="Inschrijving", en="Bid"),
    "f_quality": _T(nl="Kwaliteitspunten per criterium = weging × score / maximale score (afgerond op 2 "
                       "decimalen, half naar boven).",
                    en="Quality points per criterion = weight × score / maximum score (rounded half up to 2 "
                       "decimals)."),
    "f_relative": _T(nl="Prijspunten = {pw} × laagste prijs ({lowest}) / prijs.",
                     en="Price points = {pw} × lowest price ({lowest}) / price."),
    "f_linear": _T(nl="Prijspunten = {pw} × ({worst} − prijs) / ({worst} − {best}), ten minste 0 en ten "
                      "hoogste {pw}.",
                   en="Price points = {pw} × ({worst} − price) / ({worst} − {best}), at least 0 and at most "
                      "{pw}."),
    "f_total": _T(nl="Totaalscore = kwaliteitspunten + prijspunten; de hoogste totaalscore wint.",
                  en="Total score = quality points + price points; the highest total score wins."),
    "f_earned": _T(nl="Verdiende waarde per criterium = waarde × deel van de waarde bij de score (afgerond "
                      "op de cent).",
                   en="Value earned per criterion = value × share of the value for the score (rounded to the "
                      "cent)."),
    "f_fictive": _T(nl="Fictieve prijs = prijs − verdiende waarde; de laagste fictieve prijs wint.",
                    en="Fictive price = price − value earned; the lowest fictive price wins."),
    "tie_decided": _T(nl="Gelijke uitkomst: {names}; beslist door de regel: {rule}.",
                      en="Equal result: {names}; decided by the rule: {rule}."),
    "tie_lot": _T(nl="Gelijke uitkomst: {names}; de regel ({rule}) beslist niet tussen {lot}: loting onder "
                     "toezicht van een notaris.",
                  en="Equal result: {names}; the rule ({rule}) does not separate {lot}: lots drawn under the "
                     "supervision of a civil-law notary."),
    "set_aside": _T(nl="Ongeldig en terzijde gelegd: {name}. {reasons}", en="Invalid and set aside: {name}. {reasons}"),
    "noted": _T(nl="Signalering bij {name} (geen reden om de inschrijving terzijde te leggen): {notes}",
                en="Note on {name} (no reason to set the bid aside): {notes}"),
    "highest_quality": _T(nl="hoogste kwaliteit", en="highest quality"),
    "lowest_price": _T(nl="laagste prijs", en="lowest price"),
    "lot": _T(nl="loting", en="lot"),
}


def write_comparison_xlsx(evaluation: Evaluation, matrix: ComplianceMatrix, tender: Tender,
                          submissions: list[Submission], *, built: dt.datetime) -> bytes:
    """The comparison workbook of ``evaluation`` as .xlsx bytes (see the module).

    ``matrix`` is the :func:`~generator.evaluation.compliance` matrix and ``submissions`` the bids it
    and ``evaluation`` were made from (for the KPI offers and responsibilities). ``built`` dates the
    workbook and its zip entries, so equal input gives equal bytes (a naive ``built`` is UTC).
    """
    sheets = _Sheets(Workbook(), tender)
    _ranking(sheets.new("ranking"), sheets, evaluation, tender)
    _scores(sheets.new("scores"), sheets, evaluation, tender)
    if evaluation.reservations:
        _reservations(sheets.new("reservations"), sheets, evaluation)
    return _bids(sheets, matrix, tender, submissions, built, "ranking")


def write_compliance_xlsx(matrix: ComplianceMatrix, tender: Tender, submissions: list[Submission], *,
                          built: dt.datetime) -> bytes:
    """The knock-out check before scoring: the sheets of :func:`write_comparison_xlsx` that need no
    scores (knock-out check, KPI offers, RACI deviations), as .xlsx bytes."""
    return _bids(_Sheets(Workbook(), tender), matrix, tender, submissions, built, "compliance")


def _bids(sheets: _Sheets, matrix: ComplianceMatrix, tender: Tender, submissions: list[Submission],
          built: dt.datetime, title: str) -> bytes:
    """Add the sheets about the bids themselves, then serialise deterministically."""
    _compliance(sheets.new("compliance"), sheets, matrix)
    ordered = in_order(submissions)
    if tender.kpis:
        _kpis(sheets.new("kpis"), sheets, tender, ordered)
    if tender.activities:
        _raci(sheets.new("raci"), sheets, tender, ordered)
    if built.tzinfo is not None:
        built = built.astimezone(dt.UTC).replace(tzinfo=None)
    props = sheets.wb.properties
    props.title = f"{sheets.w(title)} {tender.reference}"
    props.subject, props.creator, props.keywords = tender.title, "tenderpack", tender.reference
    props.created = props.modified = built
    print_areas(sheets.wb)
    buffer = io.BytesIO()
    ExcelWriter(sheets.wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()  # keeps the build time
    return normalize(buffer.getvalue(), built)


class _Sheets:
    """The workbook's sheets, styles and the one way cells are written (text never as a formula)."""

    def __init__(self, wb: Workbook, tender: Tender) -> None:
        self.wb, self.tender, self.lang = wb, tender, tender.language
        self.styles = Styles(wb)
        self.count = 0
        self.widths: dict[str, list[float]] = {}

    def w(self, key: str, **values: object) -> str:
        text = _W[key].get(self.lang)
        return text.format(**values) if values else text

    def new(self, key: str) -> Worksheet:
        ws = self.wb.create_sheet() if self.count else self.wb.active  # the first reuses the default sheet
        self.count += 1
        ws.title = self.w(key)
        self.put(ws, 1, 1, self.w(key), "title")
        ws.row_dimensions[1].height = 24
        return ws

    def put(self, ws: Worksheet, row: int, col: int, value: object, style: str,
            fmt: str | None = None) -> None:
        cell = ws.cell(row, col)
        put(cell, escape(cell_text(value)) if isinstance(value, str) else value)
        self.styles.apply(cell, style, fmt)

    def line(self, ws: Worksheet, row: int, text: str, style: str = "plain") -> None:
        """``text`` across the whole table width of ``ws`` (set by :meth:`table`), in a row that fits it."""
        widths = self.widths[ws.title]
        self.put(ws, row, 1, text, style)
        ws.merged_cells.add(f"A{row}:{get_column_letter(len(widths))}{row}")
        ws.row_dimensions[row].height = text_height(text, sum(widths), bold=style != "plain")

    def table(self, ws: Worksheet, row: int, headers: list[str], widths: list[float]) -> int:
        """The tender line in row 2 and the headers at ``row`` with the column widths; returns the first
        data row."""
        self.widths[ws.title] = widths
        footer = f"{self.tender.reference} · {wording('revision', self.lang)} {self.tender.revision}"
        print_setup(ws, landscape=True, title_rows=f"{row}:{row}", footer_left=footer, language=self.lang)
        self.line(ws, 2, f"{self.tender.reference} · {self.tender.title}", "subtitle")
        for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
            self.put(ws, row, col, text, "header")
            ws.column_dimensions[get_column_letter(col)].width = width
        fit_row(ws, row, max(text_height(h, w, bold=True) for h, w in zip(headers, widths, strict=True)))
        ws.freeze_panes = f"C{row + 1}"
        return row + 1

    def fit(self, ws: Worksheet, row: int, widths: list[float]) -> None:
        texts = [(ws.cell(row, c).value, w) for c, w in enumerate(widths, start=1)]
        height = max([17.0] + [text_height(v, w) for v, w in texts if isinstance(v, str)])
        fit_row(ws, row, min(409.0, height))


def _ranking(ws: Worksheet, s: _Sheets, ev: Evaluation, tender: Tender) -> None:
    weighted = ev.method == "weighted_score"
    criteria = tender.criteria
    headers = [s.w("rank"), s.w("bidder"), s.w("kvk"), s.w("price")]
    for c in criteria:
        headers += [f"{c.id} {s.w('score')}", f"{c.id} {s.w('points' if weighted else 'earned')}"]
    headers += [s.w("quality"), s.w("price_points"), s.w("total")] if weighted else \
        [s.w("earned_total"), s.w("fictive")]
    widths = [7.0, 30.0, 11.0, 15.0] + [11.0, 13.0] * len(criteria) + [13.0] * (3 if weighted else 2)
    formula = _formula(s, ev)
    row = s.table(ws, 4 + len(formula), headers, widths)
    for n, line in enumerate(formula, start=3):
        s.line(ws, n, line)
    number = _POINTS if weighted else _EURO
    for r in ev.ranking:
        values: list[tuple[object, str, str | None]] = [
            (r.rank, "shown_center", None), (r.name, "shown", None), (r.kvk, "shown", None),
            (r.price_eur, "shown", _EURO)]
        for c in r.criteria:
            values += [(c.score, "shown_center", None),
                       (c.points if weighted else c.earned_eur, "shown", number)]
        values += [(r.quality, "shown", number)]
        if weighted:
            values += [(r.price_points, "shown", _POINTS)]
        values += [(r.total, "label", number)]
        for col, (value, style, fmt) in enumerate(values, start=1):
            s.put(ws, row, col, value, style, fmt)
        row += 1
    row += 1
    names = {r.bidder: r.name for r in ev.ranking}
    for tie in ev.ties:
        rule = s.w(tie.rule)
        listed = ", ".join(names[b] for b in tie.bidders)
        text = s.w("tie_decided", names=listed, rule=rule) if tie.decided else \
            s.w("tie_lot", names=listed, rule=rule, lot="; ".join(" / ".join(names[b] for b in group)
                                                                 for group in tie.lots))
        s.line(ws, row, text, "label")
        row += 1
    for ex in ev.set_aside:
        reasons = " ".join(f.message for f in ex.reasons)
        s.line(ws, row, s.w("set_aside", name=ex.name, reasons=reasons))
        row += 1


def _formula(s: _Sheets, ev: Evaluation) -> list[str]:
    lang = s.lang
    if ev.method == "award_on_value":
        return [s.w("f_earned"), s.w("f_fictive")]
    lines = [s.w("f_quality")]
    pw = format_number(float(ev.price_weight or 0), lang)
    rule = ev.price_scoring
    if isinstance(rule, LinearPrice):
        lines.append(s.w("f_linear", pw=pw, best=format_euro(rule.best, lang),
                         worst=format_euro(rule.worst, lang)))
    elif ev.price_weight and ev.lowest_price_eur is not None:
        lines.append(s.w("f_relative", pw=pw, lowest=format_euro(float(ev.lowest_price_eur), lang)))
    return [*lines, s.w("f_total")]


def _scores(ws: Worksheet, s: _Sheets, ev: Evaluation, tender: Tender) -> None:
    weighted = ev.method == "weighted_score"
    evaluators = max((len(c.evaluator_scores) for r in ev.ranking for c in r.criteria), default=0)
    headers = [s.w("bidder"), s.w("criterion")] + [s.w("evaluator", n=n) for n in range(1, evaluators + 1)]
    headers += [s.w("consensus"), s.w("points" if weighted else "earned").capitalize(), s.w("motivation")]
    widths = [26.0, 30.0] + [12.0] * evaluators + [13.0, 13.0, 70.0]
    row = s.table(ws, 4, headers, widths)
    for r in ev.ranking:
        for c in r.criteria:
            given = list(c.evaluator_scores) + [None] * (evaluators - len(c.evaluator_scores))
            values: list[tuple[object, str, str | None]] = [(r.name, "shown", None),
                                                            (f"{c.criterion} {c.title}", "shown", None)]
            values += [(v, "shown_center", None) for v in given]
            values += [(c.score, "shown_center", None),
                       (c.points if weighted else c.earned_eur, "shown", _POINTS if weighted else _EURO),
                       (c.motivation, "shown", None)]
            for col, (value, style, fmt) in enumerate(values, start=1):
                s.put(ws, row, col, value, style, fmt)
            s.fit(ws, row, widths)
            row += 1


def _reservations(ws: Worksheet, s: _Sheets, ev: Evaluation) -> None:
    """The committee's decision on every possible reservation, with its reasons."""
    headers = [s.w("bidder"), s.w("r_item"), s.w("r_found"), s.w("r_decision"), s.w("r_motivation")]
    widths = [26.0, 12.0, 50.0, 20.0, 60.0]
    row = s.table(ws, 4, headers, widths)
    for r in ev.reservations:
        found = " ".join(f"{f.message} ({f.cell})" if f.cell else f.message for f in r.findings)
        for col, value in enumerate((r.name, r.item, found, s.w(r.decision), r.motivation), start=1):
            s.put(ws, row, col, value, "label" if col == 4 else "shown")
        s.fit(ws, row, widths)
        row += 1


def _compliance(ws: Worksheet, s: _Sheets, matrix: ComplianceMatrix) -> None:
    headers = [s.w("bidder"), s.w("admitted")] + [c.item for c in matrix.columns]
    widths = [26.0, 11.0] + [14.0] * len(matrix.columns)
    row = s.table(ws, 4, headers, widths)
    for bid in matrix.rows:
        s.put(ws, row, 1, _shown(bid.name, bid.bidder), "shown")
        s.put(ws, row, 2, s.w("yes" if bid.admitted else "no"), "label" if bid.admitted else "fixed")
        for col, cell in enumerate(bid.cells, start=3):
            text = s.w("passed") if cell.passed else \
                f"{s.w('failed')}: " + " ".join(f.message for f in cell.reasons)
            s.put(ws, row, col, text, "shown")
        s.fit(ws, row, widths)
        row += 1
    row += 1
    for bid in matrix.rows:
        if bid.other:
            s.line(ws, row, s.w("set_aside", name=bid.name, reasons=" ".join(f.message for f in bid.other)))
            row += 1
    for bid in matrix.rows:  # warnings tied to no column, such as two forms claiming one bidder
        if bid.notes:
            name = _shown(bid.name, bid.bidder)
            s.line(ws, row, s.w("noted", name=name, notes=" ".join(f.message for f in bid.notes)))
            row += 1


def _kpis(ws: Worksheet, s: _Sheets, tender: Tender, subs: list[Submission]) -> None:
    headers = ["ID", s.w("title"), s.w("minimum"), s.w("target")] + [_name(sub) for sub in subs]
    widths = [10.0, 34.0, 11.0, 12.0] + [16.0] * len(subs)
    row = s.table(ws, 4, headers, widths)
    offers = [{o.id: o for o in sub.kpi_offers} for sub in subs]
    for kpi in tender.kpis:
        unit = labels.label(labels.UNIT, kpi.unit, s.lang)
        s.put(ws, row, 1, kpi.id, "id")
        direction = labels.label(labels.DIRECTION, kpi.direction, s.lang)
        s.put(ws, row, 2, f"{kpi.title} ({unit}, {direction})", "shown")
        s.put(ws, row, 3, kpi.minimum, "shown_center")
        s.put(ws, row, 4, kpi.target, "shown_center")
        for col, by_id in enumerate(offers, start=5):
            offer = by_id.get(kpi.id)
            value = None if offer is None else offer.value if offer.value is not None else \
                s.w("yes" if offer.accepted else "no") if offer.accepted is not None else None
            s.put(ws, row, col, value, "shown_center")
        s.fit(ws, row, widths)
        row += 1


def _raci(ws: Worksheet, s: _Sheets, tender: Tender, subs: list[Submission]) -> None:
    headers = [s.w("bidder"), s.w("activity"), s.w("party"), s.w("proposal"), s.w("offered")]
    widths = [26.0, 40.0, 16.0, 16.0, 14.0]
    row = s.table(ws, 4, headers, widths)
    for sub in subs:
        given: dict[tuple[str, str], str] = {(r.activity, r.party): r.letters for r in sub.responsibilities}
        for activity in tender.activities:
            for party, default in activity.roles.items():
                letters = given.get((activity.id, party), "")
                if letters == (default or ""):
                    continue
                for col, (value, style) in enumerate(
                        ((_name(sub), "shown"), (f"{activity.id} {activity.title}", "shown"),
                         (labels.label(labels.PARTY, party, s.lang), "shown"),
                         (default or "–", "shown_center"), (letters or "–", "label")), start=1):
                    s.put(ws, row, col, value, style)
                row += 1


def _name(sub: Submission) -> str:
    return _shown((sub.bidder.name or "").strip() or bidder_key(sub), bidder_key(sub))


def _shown(name: str, key: str) -> str:
    """A bidder's name as a row or column shows it: with its bidder key when that key tells apart two
    bids that claim one bidder (and so may carry one name)."""
    return f"{name} ({key})" if CLAIMED_MARK in key else name

