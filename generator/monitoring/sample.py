"""Measurements written by hand in YAML, and filling them into a monitoring workbook.

A YAML measurement set is what ``samples/measurements/`` holds: a year of measurements, scores and
actions for a sample contract, written the way a contract manager would note them. Filling it into the
workbook that :func:`~generator.monitoring.write.write_monitoring_workbook` wrote gives the file a
contract manager would return, for demos and tests. The YAML shape::

    tender: GZV-2027-ICT-014
    kpis:
      PRF-04:                        # KPI ID -> period -> value (or value with a remark)
        2027-07: 97.9
        2027-08: {value: 91.2, remark: Storing bij de overname van de servicedesk.}
    scores:
      2027-07:                       # quarter -> party -> score and reasons
        client: {score: 7, reasons: ...}
        contractor: {score: 7.5, reasons: ...}
    commitments:
      GOV-01.operational:            # commitment ID -> quarter -> status (and evidence)
        2027-07: {status: partly, evidence: Twee overleggen vervielen tijdens de overname.}
        2027-10: fulfilled
    actions:
      - {id: ACT-001, description: ..., kpi: PRF-04, party: contractor, owner: ..., raised: 2027-08-10,
         due: 2027-09-30, status: done, done: 2027-09-24}

A period is named by the month it starts in (``2027-08``: the period starting in August 2027), or by
its start date in quotes (``"2027-08-15"``) where a month holds more than one period start (weekly
KPIs). YAML reads an unquoted full date as a date, which cannot be a key here.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Annotated

from openpyxl import load_workbook
from openpyxl.writer.excel import ExcelWriter
from pydantic import Field, Strict, ValidationError

from .. import labels
from ..archive import normalize
from ..errors import InputError, Location, ValidationFailed
from ..models.base import Model
from ..models.clause import Party
from ..yamlfile import load_yaml
from . import layout as L
from ..models.commitment import CommitmentStatus
from .models import ActionStatus, ScoreParty

Day = Annotated[dt.date, Strict(False)]
"""A date written as a YAML date or as ISO text."""

PeriodName = Annotated[str, Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
"""A period as ``YYYY-MM`` (the month it starts in) or ``YYYY-MM-DD`` (its start date)."""


class Value(Model):
    """A measured value with a remark."""

    value: int | float
    remark: str | None = None


class ScoreEntry(Model):
    """One party's score for a quarter."""

    score: Annotated[float, Field(ge=1, le=10, strict=False)]
    reasons: str | None = None


class CommitmentEntry(Model):
    """The status of one commitment in one quarter, with its evidence."""

    status: CommitmentStatus
    evidence: str | None = None


class ActionEntry(Model):
    """One entry of the action log (see :class:`generator.monitoring.models.Action`)."""

    id: Annotated[str, Field(pattern=r"^ACT-\d{3}$")]
    description: str
    kpi: str | None = None
    party: Party | None = None
    owner: str | None = None
    raised: Day | None = None
    due: Day | None = None
    status: ActionStatus = "open"
    done: Day | None = None
    remark: str | None = None


class MeasurementSet(Model):
    """Measurements, scores and actions of one contract as written in YAML (see the module docstring)."""

    tender: str
    kpis: dict[str, dict[PeriodName, int | float | Value]] = {}
    scores: dict[PeriodName, dict[ScoreParty, ScoreEntry]] = {}
    commitments: dict[str, dict[PeriodName, CommitmentStatus | CommitmentEntry]] = {}
    actions: list[ActionEntry] = []


def load_measurement_set(path: Path | str) -> MeasurementSet:
    """Read a YAML measurement set; :class:`ValidationFailed` locates every error by file and line."""
    doc = load_yaml(path)
    if not isinstance(doc.data, dict):
        raise InputError("a measurement set must be a YAML mapping", Location(path=doc.path, line=1))
    try:
        return MeasurementSet.model_validate(doc.data)
    except ValidationError as exc:
        raise ValidationFailed(findings=doc.findings(exc), what=f"measurement set {doc.path}") from None


def fill_monitoring_workbook(data: bytes, entries: MeasurementSet) -> bytes:
    """The monitoring workbook ``data`` with ``entries`` typed into its input cells, as .xlsx bytes.

    ``data`` must be a workbook written by
    :func:`~generator.monitoring.write.write_monitoring_workbook` (it is opened with openpyxl, which
    is only safe for files tenderpack wrote itself; returned files are read with
    :func:`~generator.monitoring.read.read_monitoring_workbook`). Parties and statuses are typed as
    the drop-down lists show them. Raises :class:`InputError` when the set is for another tender or
    names a KPI, period, quarter, commitment or action the workbook has no row for.
    """
    wb = load_workbook(io.BytesIO(data))
    meta = wb[L.META_SHEET]
    header = [c.value for c in meta[1]]
    records = [dict(zip(header, (c.value for c in row))) for row in meta.iter_rows(min_row=2)]
    props = {r["key"]: r["value"] for r in records if r["record"] == "property"}
    if props.get("reference") != entries.tender:
        raise InputError(f"the measurements are for {entries.tender}, the workbook for {props.get('reference')}")
    lang = props["language"]
    sheets = {r["key"]: wb[r["value"]] for r in records if r["record"] == "sheet"}
    rows = [(r["record"], r.get("kpi") or r.get("key"), r.get("period") or "", r["row"]) for r in records
            if r["record"] in ("measurement", "score", "commitment", "action")]

    def row_of(kind: str, key: str | None, period: str = "") -> int:
        """The row of the record of ``kind`` for ``key`` whose period is or starts in ``period``."""
        found = [row for k, name, start, row in rows if k == kind and name == key
                 and (start == period or (len(period) == 7 and start[:7] == period))]
        if len(found) != 1:
            what = "no" if not found else "more than one"
            raise InputError(f"the workbook has {what} {kind} row for {key or ''} {period}".strip())
        return found[0]

    ws = sheets[L.MEASUREMENTS]
    for kpi, values in entries.kpis.items():
        for period, entry in values.items():
            row = row_of("measurement", kpi, period)
            value = entry.value if isinstance(entry, Value) else entry
            ws.cell(row, L.column(L.MEASUREMENTS, "value"), value)
            if isinstance(entry, Value) and entry.remark:
                ws.cell(row, L.column(L.MEASUREMENTS, "remark"), entry.remark)
    ws = sheets[L.SCORES]
    for period, parties in entries.scores.items():
        row = row_of("score", None, period)
        for party, entry in parties.items():
            ws.cell(row, L.column(L.SCORES, party), entry.score)
            ws.cell(row, L.column(L.SCORES, party) + 1, entry.reasons)
    for commitment, quarters in entries.commitments.items():
        ws = sheets.get(L.COMMITMENTS)
        if ws is None:
            raise InputError(f"the workbook has no commitments sheet for {commitment} (no winning bid?)")
        for period, given in quarters.items():
            row = row_of("commitment", commitment, period)
            entry = given if isinstance(given, CommitmentEntry) else CommitmentEntry(status=given)
            ws.cell(row, L.column(L.COMMITMENTS, "status"), L.COMMITMENT_STATUS_LABELS[entry.status].get(lang))
            ws.cell(row, L.column(L.COMMITMENTS, "evidence"), entry.evidence)
    ws = sheets[L.ACTIONS]
    for action in entries.actions:
        row = row_of("action", action.id)
        shown = {"party": labels.label(labels.PARTY, action.party, lang) if action.party else None,
                 "status": L.STATUS_LABELS[action.status].get(lang)}
        for column in L.COLUMNS[L.ACTIONS][1:]:
            value = shown[column.key] if column.key in shown else getattr(action, column.key)
            ws.cell(row, L.column(L.ACTIONS, column.key), value)
    built = dt.datetime.fromisoformat(props["built"])
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
    return normalize(buffer.getvalue(), built)
