"""Read a filled monitoring workbook back into :class:`~generator.monitoring.models.Measurements`.

The workbook comes back from a contract manager's desk and is read with the same care as a bid form:
through :func:`generator.workbook.open_workbook` (size, zip-bomb, DTD and macro checks), never with
openpyxl. Input cells are found through the metadata records, and each row is checked to still carry
its ID in column A. Values are read tolerantly (:mod:`generator.form.values`: ``97,5``, ``97.5%``,
``31-12-2027``); a value that cannot be read is an error located as ``Sheet!A1``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

from .. import labels
from ..archive import Limits
from ..errors import Finding, InputError, Location, ValidationFailed
from ..form import values as V
from ..models.base import Text
from ..models.submission import FormFinding, Source
from ..workbook import Sheet, Value, Workbook, cell_ref, open_workbook
from . import layout as L
from .models import ACTION_STATUSES, Action, CommitmentCheck, Measurement, Measurements, Score

_T = Text
MESSAGES: dict[str, tuple[str, Text]] = {
    "sheet_missing": ("error", _T(nl="Het blad '{sheet}' ontbreekt.", en="The sheet '{sheet}' is missing.")),
    "row_altered": ("error", _T(
        nl="Rij {row} hoort bij {item}, maar kolom A bevat '{found}': rijen zijn verplaatst of overschreven.",
        en="Row {row} belongs to {item}, but column A holds '{found}': rows were moved or overwritten.")),
    "not_a_number": ("error", _T(nl="'{raw}' is geen getal.", en="'{raw}' is not a number.")),
    "not_a_date": ("error", _T(nl="'{raw}' is geen datum (dd-mm-jjjj).", en="'{raw}' is not a date (dd-mm-yyyy).")),
    "not_an_option": ("error", _T(nl="'{raw}' is geen keuze uit de lijst ({options}).",
                                  en="'{raw}' is not a choice from the list ({options}).")),
    "score_out_of_range": ("error", _T(nl="De score {raw} ligt niet tussen 1 en 10.",
                                       en="The score {raw} is not between 1 and 10.")),
    "too_long": ("error", _T(nl="De tekst heeft {length} tekens; het maximum is {limit}.",
                             en="The text has {length} characters; the maximum is {limit}.")),
    # Found by generator.monitoring.check against the tender.
    "unknown_kpi": ("error", _T(nl="{kpi} is geen prestatie-indicator van aanbesteding {reference}.",
                                en="{kpi} is not a performance indicator of tender {reference}.")),
    "unknown_period": ("error", _T(
        nl="{period} is geen begin van een meetperiode van {kpi} ({frequency}).",
        en="{period} is not the start of a measurement period of {kpi} ({frequency}).")),
    "out_of_bounds": ("error", _T(nl="{value} ligt buiten de grenzen van {kpi}: {low} t/m {high}.",
                                  en="{value} is outside the limits of {kpi}: {low} to {high}.")),
    "percent_as_fraction": ("warning", _T(
        nl="{raw} is gelezen als {value}% (een spreadsheet slaat '{value}%' op als {raw}).",
        en="{raw} was read as {value}% (a spreadsheet stores '{value}%' as {raw}).")),
}


def message(code: str, lang: str, **values: object) -> FormFinding:
    """The finding ``code`` of :data:`MESSAGES`, worded in ``lang`` and in English.

    ``cell`` and ``item`` among ``values`` locate the finding; the rest fill the message.
    """
    severity, text = MESSAGES[code]
    cell, item = values.pop("cell", None), values.pop("item", None)
    return FormFinding(severity=severity, code=code, cell=cell, item=item,
                       message=text.get(lang).format(**values), message_en=text.get("en").format(**values))


def read_monitoring_workbook(path: str | os.PathLike[str], *, name: str | None = None) -> Measurements:
    """Read the monitoring workbook at ``path``; ``name`` is the file name used in messages.

    Raises :class:`InputError` when the file is unsafe or not a workbook (see
    :func:`generator.archive.open_package`), is a bid form or another workbook rather than a monitoring
    workbook, or has an unknown format version; :class:`ValidationFailed` listing every unreadable
    value, moved row and missing sheet, each located as ``Sheet!A1``. Empty cells are ``None``; a row
    of the action log with only its ID is left out. The result is not yet checked against the tender:
    see :func:`generator.monitoring.check.check_measurements`.
    """
    name = name or Path(path).name
    limit = Limits().max_file_bytes
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # open_workbook refuses anything over the limit
    except OSError as err:
        raise InputError(f"cannot read the file ({err.strerror or err})", Location(path=name)) from None
    wb = open_workbook(data, name=name)
    source = Source(filename=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return _Reader(wb, source).read()


class _Reader:
    def __init__(self, wb: Workbook, source: Source) -> None:
        self.wb, self.source = wb, source
        self.findings: list[FormFinding] = []
        self.lang = "nl"

    def _add(self, code: str, **values: object) -> None:
        self.findings.append(message(code, self.lang, **values))

    def read(self) -> Measurements:
        props, sheets, records = self._meta()
        measurements, scores, commitments, actions = [], [], [], []
        for number, record in enumerate(records, start=2):
            sheet = sheets.get(str(record.get("sheet")))
            row = record.get("row")
            if sheet is None or not isinstance(row, int):
                continue
            kind = record.get("record")
            try:
                if kind == "measurement":
                    measurements.append(self._measurement(sheet, row, record))
                elif kind == "score":
                    scores.extend(self._scores(sheet, row, record))
                elif kind == "commitment":
                    check = self._commitment(sheet, row, record)
                    if check is not None:
                        commitments.append(check)
                elif kind == "action":
                    action = self._action(sheet, row, str(record.get("key")))
                    if action is not None and not action.empty:
                        actions.append(action)
            except ValueError:  # a period that is no ISO date: the hidden sheet was edited
                raise InputError(f"the workbook's metadata is damaged (row {number} of {L.META_SHEET})",
                                 Location(path=self.source.filename)) from None
        errors = [f for f in self.findings if f.severity == "error"]
        if errors:
            raise ValidationFailed(findings=[Finding(Location(path=self.source.filename, cell=f.cell, item=f.item),
                                                     f.message, f.severity) for f in self.findings],
                                   what=self.source.filename)
        return Measurements(
            tender_reference=str(props["reference"]), revision=_int(props.get("revision")),
            bidder_name=_str(props.get("bidder_name")), bidder_kvk=_str(props.get("bidder_kvk")),
            submission_sha256=_str(props.get("submission_sha256")), measurements=measurements, scores=scores,
            commitments=commitments, actions=actions, source=self.source, findings=self.findings)

    def _meta(self) -> tuple[dict[str, Value], dict[str, Sheet], list[dict[str, Value]]]:
        where = Location(path=self.source.filename)
        meta = self.wb.get(L.META_SHEET)
        if meta is None:
            raise InputError("not a tenderpack monitoring workbook (its metadata sheet is missing)", where)
        header = meta.rows.get(1, {})
        names = {col: str(value) for col, value in header.items()}
        records = [{names[c]: v for c, v in meta.rows[r].items() if c in names} for r in sorted(meta.rows) if r > 1]
        props = {str(r.get("key")): r.get("value") for r in records if r.get("record") == "property"}
        self.lang = "en" if props.get("language") == "en" else "nl"
        if props.get("workbook") != L.KIND:
            raise InputError("not a monitoring workbook (a bid form or another tenderpack workbook?)", where)
        if str(props.get("format")) != L.FORMAT_VERSION:
            raise InputError(f"monitoring workbook format {props.get('format')} is not supported (this version "
                             f"reads format {L.FORMAT_VERSION})", where)
        if not props.get("reference"):
            raise InputError("the workbook's metadata names no tender reference", where)
        sheets: dict[str, Sheet] = {}
        for record in records:
            if record.get("record") == "sheet":
                found = self.wb.get(str(record.get("value")))
                if found is None:
                    self._add("sheet_missing", sheet=record.get("value"))
                else:
                    sheets[str(record.get("key"))] = found
        return props, sheets, records

    def _here(self, sheet: Sheet, row: int, col: int) -> str:
        return f"{sheet.name}!{cell_ref(row, col)}"

    def _identity(self, sheet: Sheet, row: int, expected: str, item: str) -> bool:
        found = sheet.cell(row, 1)
        if found is None or V.text(found).strip() != expected:
            self._add("row_altered", cell=self._here(sheet, row, 1), item=item, row=row,
                                         found=V.text(found) if found is not None else "")
            return False
        return True

    def _text(self, sheet: Sheet, row: int, col: int, item: str) -> str | None:
        value = sheet.cell(row, col)
        if V.blank(value):
            return None
        text = V.text(value).strip()
        if len(text) > L.TEXT_MAX:
            self._add("too_long", cell=self._here(sheet, row, col), item=item, length=len(text),
                                         limit=L.TEXT_MAX)
        return text

    def _number(self, sheet: Sheet, row: int, col: int, item: str) -> tuple[float | None, str | None]:
        value = sheet.cell(row, col)
        if V.blank(value):
            return None, None
        parsed = V.number(value)
        if parsed is V.INVALID:
            self._add("not_a_number", cell=self._here(sheet, row, col), item=item,
                                         raw=V.text(value))
            return None, V.text(value)
        return parsed[0], V.text(value)

    def _date(self, sheet: Sheet, row: int, col: int, item: str) -> dt.date | None:
        value = sheet.cell(row, col)
        if V.blank(value):
            return None
        parsed = V.date(value, date1904=self.wb.date1904)
        if parsed is V.INVALID:
            self._add("not_a_date", cell=self._here(sheet, row, col), item=item, raw=V.text(value))
            return None
        return parsed

    def _choice(self, sheet: Sheet, row: int, col: int, item: str, table: dict[str, Text]) -> str | None:
        """A code of ``table`` from its code or its label in either language, ignoring case."""
        value = sheet.cell(row, col)
        if V.blank(value):
            return None
        wanted = V.text(value).strip().casefold()
        for code, text in table.items():
            if wanted in (code.casefold(), text.nl.casefold(), (text.en or "").casefold()):
                return code
        options = ", ".join(t.nl for t in table.values())
        self._add("not_an_option", cell=self._here(sheet, row, col), item=item,
                                     raw=V.text(value), options=options)
        return None

    def _measurement(self, sheet: Sheet, row: int, record: dict[str, Value]) -> Measurement:
        kpi, period = str(record.get("kpi")), _iso(record.get("period"))
        item = f"{kpi} {period}"
        self._identity(sheet, row, kpi, item)
        col = L.column(L.MEASUREMENTS, "value")
        value, raw = self._number(sheet, row, col, item)
        return Measurement(kpi=kpi, period=period, end=_iso(record.get("end")), value=value, raw=raw,
                           remark=self._text(sheet, row, L.column(L.MEASUREMENTS, "remark"), item),
                           cell=self._here(sheet, row, col))

    def _scores(self, sheet: Sheet, row: int, record: dict[str, Value]) -> list[Score]:
        period, end = _iso(record.get("period")), _iso(record.get("end"))
        out = []
        for party in ("client", "contractor"):
            col = L.column(L.SCORES, party)
            item = f"{period.isoformat()} {party}"
            score, raw = self._number(sheet, row, col, item)
            if score is not None and not 1 <= score <= 10:
                self._add("score_out_of_range", cell=self._here(sheet, row, col), item=item,
                                             raw=raw)
            reasons = self._text(sheet, row, col + 1, item)
            if score is not None or reasons is not None:
                out.append(Score(period=period, end=end, party=party, score=score, reasons=reasons,
                                 cell=self._here(sheet, row, col)))
        return out

    def _commitment(self, sheet: Sheet, row: int, record: dict[str, Value]) -> CommitmentCheck | None:
        """One commitment in one quarter; ``None`` when neither a status nor evidence was recorded.

        The status is one of the list's (in either language, any case); anything else is an error at
        its cell, so an unknown status stops the whole import.
        """
        key, period = str(record.get("key")), _iso(record.get("period"))
        item = f"{key} {period.isoformat()}"
        self._identity(sheet, row, key, item)
        col = L.column(L.COMMITMENTS, "status")
        status = self._choice(sheet, row, col, item, L.COMMITMENT_STATUS_LABELS)
        evidence = self._text(sheet, row, L.column(L.COMMITMENTS, "evidence"), item)
        if status is None and evidence is None:
            return None
        return CommitmentCheck(commitment=key, period=period, end=_iso(record.get("end")), status=status,
                               evidence=evidence, cell=self._here(sheet, row, col))

    def _action(self, sheet: Sheet, row: int, action_id: str) -> Action | None:
        if not self._identity(sheet, row, action_id, action_id):
            return None
        col = lambda key: L.column(L.ACTIONS, key)  # noqa: E731
        kpi = self._text(sheet, row, col("kpi"), action_id)
        return Action(
            id=action_id, description=self._text(sheet, row, col("description"), action_id),
            kpi=None if kpi in (None, "–") else kpi,
            party=self._choice(sheet, row, col("party"), action_id, labels.PARTY),
            owner=self._text(sheet, row, col("owner"), action_id),
            raised=self._date(sheet, row, col("raised"), action_id),
            due=self._date(sheet, row, col("due"), action_id),
            status=self._choice(sheet, row, col("status"), action_id,
                                {code: L.STATUS_LABELS[code] for code in ACTION_STATUSES}),
            done=self._date(sheet, row, col("done"), action_id),
            remark=self._text(sheet, row, col("remark"), action_id),
            cell=self._here(sheet, row, 1))


def _iso(value: Value | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value))


def _str(value: Value | None) -> str | None:
    return None if value is None else V.text(value)


def _int(value: Value | None) -> int:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else int(str(value))
