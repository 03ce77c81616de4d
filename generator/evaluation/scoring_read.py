"""Read a filled scoring workbook back into :class:`~generator.models.evaluation.Scores`.

The file has been out of the tool's hands, so it is read like a returned bid form: through the safe
reader (:mod:`generator.workbook`: size, zip-bomb, DTD and macro checks, streamed sheets), never with
openpyxl. What each row should show is recomputed from the tender and the stored submissions
(:func:`~generator.evaluation.scoresheet.scoring_rows`); the metadata sheet only says where the rows
are. Every problem becomes a located finding (``Sheet!A1``, criterion, bidder), and no scores are
returned while there is one.
"""

from __future__ import annotations

import os

from ..archive import Limits
from ..errors import Finding, InputError, Location, ValidationFailed
from ..form import values as V
from ..form.layout import HASH_SCHEME, text_hash
from ..form.layout import META_SHEET as FORM_META_SHEET
from ..models.evaluation import ComplianceMatrix, ReservationDecision, ScoreEntry, Scores
from ..models.submission import Submission
from ..models.tender import Tender
from ..workbook import Sheet, Value, Workbook, cell_ref, open_workbook
from . import scoresheet as S
from .compliance import compliance
from .compute import check_scores
from .reservations import apply_decisions, check_decisions


def read_scores(source: str | os.PathLike[str] | bytes, tender: Tender, submissions: list[Submission], *,
                name: str | None = None, limits: Limits | None = None) -> Scores:
    """The committee's scores from the filled scoring workbook ``source`` (a path or its bytes).

    ``submissions`` are the current stored submissions of ``tender``: the rows are checked against the
    admitted ones. ``name`` is the file name used in messages (default: the path).

    Raises :class:`~generator.errors.InputError` for a file that is no usable scoring workbook (not an
    .xlsx, hostile, a bid form, no or a damaged metadata sheet, an unknown format). Raises
    :class:`~generator.errors.ValidationFailed` with every finding for: a workbook of another tender or
    revision; a missing scoring sheet; a row missing for an admitted bid and criterion (a bid imported or
    re-imported after the workbook was written), or a row for a bid or criterion that is not (or no
    longer) there; a row whose shown bidder, criterion or answer differs from the stored bid; scores in
    a row that belongs to no bid; a score that is not a number or not on the published scale; a missing
    consensus score or motivation (see :func:`~generator.evaluation.check_scores`); on the reservations
    sheet, a decision that is not one of the list, a decision without motivation, a decision in a row
    that no longer shows a stored reservation, and an undecided reservation (the bid is under review;
    see :func:`~generator.evaluation.reservations.check_decisions`), each at its ``Sheet!A1`` cell.
    """
    wb = open_workbook(source, name=name, limits=limits)
    props, sheets, all_records = _meta(wb)
    records = [r for r in all_records if r.get("record") == "row"]
    where = Location(path=wb.name, cell=f"{S.META_SHEET}!A1")
    reference, revision = _text(props.get("reference")), V.whole_number(props.get("revision"))
    if reference != tender.reference or revision != tender.revision:
        raise ValidationFailed(findings=[Finding(where, (
            f"this scoring workbook is for tender {reference or '?'} revision {revision or '?'}, not for "
            f"{tender.reference} revision {tender.revision}: write a new one for this revision"))],
            what=wb.name or "scoring workbook")
    evaluators = V.whole_number(props.get("evaluators"))
    if evaluators is None or not 1 <= evaluators <= S.MAX_EVALUATORS:
        raise InputError("the metadata sheet is damaged: the number of evaluators is missing or invalid",
                         where)
    sheet = wb.get(sheets.get(S.SCORING, ""))
    if sheet is None:
        raise ValidationFailed(findings=[Finding(where, (
            f"the scoring sheet '{sheets.get(S.SCORING, '?')}' is missing or was renamed"))],
            what=wb.name or "scoring workbook")
    matrix = compliance(tender, submissions)
    reader = _Reader(wb, sheet, evaluators)
    expected = {(S.cell_text(r.bidder), r.criterion.id): r
                for r in S.scoring_rows(tender, matrix, submissions)}
    names = {row.bidder: row.name for row in matrix.rows}
    used_rows: set[int] = set()
    seen: set[tuple[str, str]] = set()
    unreadable: set[tuple[str, str]] = set()
    entries: list[ScoreEntry] = []
    for record in records:
        key = (_text(record.get("bidder")), _text(record.get("criterion")))
        row = V.whole_number(record.get("row"))
        who = names.get(key[0], key[0])
        if row is None or row < S.FIRST_ROW or row in used_rows:
            raise InputError(f"the metadata sheet is damaged: the record of {who}, {key[1]} has an invalid "
                             "or repeated row", where)
        used_rows.add(row)
        if key in seen:
            reader.add(row, 1, key[1], f"{who}: a second row for this criterion; its scores were not read")
            continue
        seen.add(key)
        if key not in expected:
            reader.add(row, 1, key[1], f"{who}: this row is for a bid or criterion that is not (or no "
                       "longer) admitted in this tender; its scores were not read")
            continue
        found = expected.pop(key)
        entry = reader.entry(found, row)
        if entry is None:
            unreadable.add((found.bidder, found.criterion.id))
        else:
            entries.append(entry)
    for (_, criterion), row in expected.items():
        unreadable.add((row.bidder, criterion))
        reader.findings.append(Finding(Location(path=wb.name, item=criterion), (
            f"{row.name}: the workbook has no row for this criterion (the bid was imported or changed after "
            "the workbook was written): write a new scoring workbook")))
    reader.stray(used_rows)
    decisions = _decisions(wb, sheets, [r for r in all_records if r.get("record") == "reservation"], matrix,
                           reader.findings)
    scores = Scores(tender_reference=tender.reference, revision=tender.revision, evaluators=evaluators,
                    entries=entries, decisions=decisions, source=wb.name)
    findings = reader.findings + check_decisions(matrix, decisions, wb.name)
    # A bid set aside for a reservation decided material needs no scores (any given are ignored).
    findings += check_scores(tender, apply_decisions(matrix, decisions)[0], scores, unreadable=unreadable)
    if findings:
        raise ValidationFailed(findings=findings, what=wb.name or "scoring workbook")
    return scores


class _Reader:
    """Reads the scoring rows of one sheet, gathering findings."""

    def __init__(self, wb: Workbook, sheet: Sheet, evaluators: int) -> None:
        self.wb, self.sheet, self.evaluators = wb, sheet, evaluators
        self.consensus = S.column("consensus", evaluators)
        self.motivation = S.column("motivation", evaluators)
        self.findings: list[Finding] = []

    def add(self, row: int, col: int, item: str | None, message: str) -> None:
        cell = f"{self.sheet.name}!{cell_ref(row, col)}"
        self.findings.append(Finding(Location(path=self.wb.name, cell=cell, item=item), message))

    def entry(self, expected: S.Row, row: int) -> ScoreEntry | None:
        """The scores in ``row``, or ``None`` (with findings) when the row does not show the expected bid."""
        cells = self.sheet.rows.get(row, {})
        criterion = expected.criterion.id
        shown = [cells.get(col) for col in range(1, S.SHOWN_COLUMNS + 1)]
        if text_hash(shown) != expected.hash:
            self.add(row, 1, criterion, f"{expected.name}: row {row} no longer shows this bid's answer as "
                     "stored (the row was edited or moved, or the bid was re-imported): write a new scoring "
                     "workbook")
            return None
        scores = [self._score(cells, row, col, criterion, expected.name)
                  for col in range(S.SHOWN_COLUMNS + 1, self.consensus + 1)]
        if any(score is V.INVALID for score in scores):
            return None
        motivation = cells.get(self.motivation)
        return ScoreEntry(bidder=expected.bidder, criterion=criterion, evaluator_scores=scores[:-1],
                          consensus=scores[-1], cell=f"{self.sheet.name}!{cell_ref(row, self.consensus)}",
                          motivation=None if V.blank(motivation) else V.text(motivation).strip())

    def _score(self, cells: dict[int, Value], row: int, col: int, criterion: str, who: str):
        """A score cell as a number, ``None`` when blank, :data:`values.INVALID` (with a finding) otherwise.

        Text such as ``"8"`` or ``"7,5"`` is read as the number; a date (Excel turns ``8/10`` into one),
        a percentage, a boolean or an error value is no score.
        """
        value = cells.get(col)
        if V.blank(value):
            return None
        number = V.number(value)
        if number is V.INVALID or number[1]:
            self.add(row, col, criterion, f"{who}: '{V.text(value)}' is not a score")
            return V.INVALID
        return number[0]

    def stray(self, used: set[int]) -> None:
        """A finding for every row below the headers with something in a score or motivation cell but no
        record: typed into a band row, or a row inserted after the sheet's protection was lifted."""
        for row, cells in self.sheet.rows.items():
            if row >= S.FIRST_ROW and row not in used and any(col > S.SHOWN_COLUMNS for col in cells):
                self.add(row, S.SHOWN_COLUMNS + 1, None,
                         f"row {row} holds scores or a motivation but belongs to no bid and criterion; not "
                         "read")


def _decisions(wb: Workbook, sheets: dict[str, str], records: list[dict[str, Value]], matrix: ComplianceMatrix,
               findings: list[Finding]) -> list[ReservationDecision]:
    """The committee's decisions on the reservations sheet, one per record (``decision`` ``None`` when
    left blank); problems are added to ``findings``, located at the sheet's cells."""
    name = sheets.get(S.RESERVATIONS, "")
    sheet = wb.get(name)
    if sheet is None:
        if records:
            findings.append(Finding(Location(path=wb.name, cell=f"{S.META_SHEET}!A1"), (
                f"the reservations sheet '{name or '?'}' is missing or was renamed")))
        return []
    expected = {(S.cell_text(r.bidder), r.item): r for r in S.reservation_rows(matrix)}
    decisions = []
    for record in records:
        key = (_text(record.get("bidder")), _text(record.get("criterion")))
        row = V.whole_number(record.get("row"))
        if row is None or row < S.FIRST_ROW:
            raise InputError("the metadata sheet is damaged: a reservation record has an invalid row",
                             Location(path=wb.name, cell=f"{S.META_SHEET}!A1"))
        cells = sheet.rows.get(row, {})
        where = Location(path=wb.name, cell=f"{sheet.name}!{cell_ref(row, S.RESERVATION_SHOWN + 1)}", item=key[1])
        raw, motivation = cells.get(S.RESERVATION_SHOWN + 1), cells.get(S.RESERVATION_SHOWN + 2)
        found = expected.get(key)
        if found is None or text_hash([cells.get(c) for c in range(1, S.RESERVATION_SHOWN + 1)]) != found.hash:
            if not V.blank(raw) or not V.blank(motivation):
                findings.append(Finding(where, (
                    f"row {row} decides a reservation at {key[1]} that the stored bids no longer show (the row "
                    "was edited or the bid re-imported): write a new scoring workbook")))
            continue
        code = None if V.blank(raw) else S.decision_code(V.text(raw))
        if not V.blank(raw) and code is None:
            choices = ", ".join(label.get(wb_lang(sheets)) for label in S.DECISIONS.values())
            findings.append(Finding(where, f"{found.name}: '{V.text(raw)}' is not a decision; choose {choices}"))
        decisions.append(ReservationDecision(
            bidder=found.bidder, item=found.item, decision=code, cell=where.cell,
            motivation=None if V.blank(motivation) else V.text(motivation).strip() or None))
    return decisions


def wb_lang(sheets: dict[str, str]) -> str:
    """The workbook's language, told by its scoring sheet's name."""
    return "en" if sheets.get(S.SCORING) == S.sheet_name(S.SCORING, "en") else "nl"


def _meta(wb: Workbook) -> tuple[dict[str, Value], dict[str, str], list[dict[str, Value]]]:
    """Properties, sheet names and row records of the metadata sheet; :class:`InputError` when unusable."""
    where = Location(path=wb.name)
    sheet = wb.get(S.META_SHEET)
    if sheet is None:
        if wb.get(FORM_META_SHEET) is not None:
            raise InputError("this is a bid form, not a scoring workbook", where)
        raise InputError(f"not a tenderpack scoring workbook: there is no metadata sheet '{S.META_SHEET}' "
                         "(it may have been deleted)", where)
    header = sheet.rows.get(1, {})
    if any(header.get(i) != name for i, name in enumerate(S.META_COLUMNS, start=1)):
        raise InputError(f"the metadata sheet '{sheet.name}' is damaged (its header row was changed)", where)
    records = [{S.META_COLUMNS[col - 1]: value for col, value in cells.items() if col <= len(S.META_COLUMNS)}
               for number, cells in sorted(sheet.rows.items()) if number > 1]
    props = {_text(r.get("key")): r.get("value") for r in records if r.get("record") == "property"}
    if _text(props.get("format")) != S.FORMAT_VERSION or _text(props.get("hash_scheme")) != HASH_SCHEME:
        found = _text(props.get("format")) or "?"
        raise InputError(f"the scoring workbook has format '{found}'; this version of tenderpack reads "
                         f"format '{S.FORMAT_VERSION}'", where)
    sheets = {_text(r.get("key")): _text(r.get("value")) for r in records if r.get("record") == "sheet"}
    return props, sheets, [r for r in records if r.get("record") in ("row", "reservation")]


def _text(value: object) -> str:
    return "" if value is None else V.text(value).strip()


    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
