"""Stored measurements: the import that replaces a period's values, and the queries.

The tables are declared with the store's in :mod:`generator.tables` and made by the migrations in
``generator/migrations/``. Every import is one transaction and is recorded in ``measurement_import``. A
value is keyed by tender, KPI and period (a score by tender, quarter and party; a commitment's status by
tender, commitment and quarter; an action by tender and action ID): importing a workbook again adds a new
row for each value that changed and marks the row it replaces as superseded (``current`` false,
``superseded_at``, ``superseded_by``), so the history of every value stays. An unchanged value adds nothing,
and an empty cell never erases a stored value (an older copy of the workbook cannot wipe out later
measurements). Importing the same file twice is a no-op.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..models.tender import Tender
from ..store import Store
from ..tables import ActionRow, CommitmentCheckRow, MeasurementImportRow, MeasurementRow, ScoreRow
from .check import check_measurements
from .models import Action, CommitmentCheck, Measurement, Measurements, Score


@dataclass(frozen=True)
class MeasureImportResult:
    """What an import did: ``imported`` (``changed`` values added or replaced, ``replaced`` of which
    superseded an earlier value) or ``duplicate`` (this very file was imported before)."""

    status: Literal["imported", "duplicate"]
    import_id: int
    changed: int = 0
    replaced: int = 0


# Per table: the model field -> column pairs that make up a value, and the key fields.
_FIELDS = {
    MeasurementRow: ({"value": "value", "raw": "raw", "remark": "remark", "end": "period_end"},
                     {"kpi": "kpi_id", "period": "period_start"}),
    ScoreRow: ({"score": "score", "reasons": "reasons", "end": "period_end"},
               {"period": "period_start", "party": "party"}),
    CommitmentCheckRow: ({"status": "status", "evidence": "evidence", "end": "period_end"},
                         {"commitment": "commitment_id", "period": "period_start"}),
    ActionRow: ({"description": "description", "kpi": "kpi_id", "party": "party", "owner": "owner",
                 "raised": "raised_on", "due": "due_on", "status": "status", "done": "done_on",
                 "remark": "remark"}, {"id": "action_id"}),
}


def import_measurements(store: Store, measurements: Measurements, *, now: dt.datetime | None = None
                        ) -> MeasureImportResult:
    """Store ``measurements`` in one transaction; see the module docstring for replacement and history.

    The tender must be registered in ``store``; the measurements are checked against it first
    (:func:`~generator.monitoring.check.check_measurements`), so nothing is stored when any value is
    wrong. ``now`` stamps the rows (default: the current UTC time). Raises
    :class:`~generator.errors.InputError` for an unregistered tender or another tender's workbook and
    :class:`~generator.errors.ValidationFailed` for values the tender does not allow.
    """
    tender = store.tender(measurements.tender_reference)
    if tender is None:
        raise InputError(f"tender {measurements.tender_reference} is not registered in the database; build or "
                         "register its tender pack first")
    measurements = check_measurements(tender, measurements)
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    source = measurements.source
    with Session(store.engine) as session, session.begin():
        if source is not None:
            earlier = session.scalar(select(MeasurementImportRow.id).where(
                MeasurementImportRow.tender_reference == tender.reference,
                MeasurementImportRow.file_sha256 == source.sha256))
            if earlier is not None:
                return MeasureImportResult("duplicate", earlier)
        batch = MeasurementImportRow(
            tender_reference=tender.reference, revision=measurements.revision,
            bidder_name=measurements.bidder_name, bidder_kvk=measurements.bidder_kvk,
            submission_sha256=measurements.submission_sha256, filename=source.filename if source else None,
            file_sha256=source.sha256 if source else None, imported_at=now, changed=0)
        session.add(batch)
        session.flush()
        changed = replaced = 0
        entries = [(MeasurementRow, m) for m in measurements.measurements if m.value is not None or m.remark]
        entries += [(ScoreRow, s) for s in measurements.scores]
        entries += [(CommitmentCheckRow, c) for c in measurements.commitments]
        entries += [(ActionRow, a) for a in measurements.actions]
        for table, entry in entries:
            outcome = _upsert(session, table, entry, tender, batch.id, now)
            changed += outcome != "unchanged"
            replaced += outcome == "replaced"
        batch.changed = changed
        return MeasureImportResult("imported", batch.id, changed, replaced)


def _upsert(session: Session, table: type, entry: object, tender: Tender, import_id: int, now: dt.datetime) -> str:
    """Add ``entry`` unless the current row holds the same; supersede that row if it differs."""
    fields, keys = _FIELDS[table]
    query = select(table).where(table.tender_reference == tender.reference, table.current.is_(True))
    for name, column in keys.items():
        query = query.where(getattr(table, column) == getattr(entry, name))
    current = session.scalars(query).first()
    values = {column: getattr(entry, name) for name, column in fields.items()}
    if current is not None and all(getattr(current, c) == v for c, v in values.items()):
        return "unchanged"
    row = table(import_id=import_id, tender_reference=tender.reference, cell=entry.cell, recorded_at=now,
                current=True, superseded_at=None, **values, **{c: getattr(entry, n) for n, c in keys.items()})
    session.add(row)
    session.flush()
    if current is None:
        return "added"
    current.current, current.superseded_at, current.superseded_by = False, now, row.id
    return "replaced"


def load_measurements(store: Store, reference: str) -> Measurements | None:
    """The current stored measurements of ``reference``, or ``None`` when none were ever imported.

    Identity (revision, bidder, submission hash) comes from the latest import.
    """
    with Session(store.engine) as session:
        last = session.scalars(select(MeasurementImportRow).where(MeasurementImportRow.tender_reference == reference)
                               .order_by(MeasurementImportRow.id.desc())).first()
        if last is None:
            return None

        def rows(table: type) -> list:
            return list(session.scalars(select(table).where(table.tender_reference == reference,
                                                            table.current.is_(True)).order_by(table.id)))

        measurements = sorted((Measurement(kpi=r.kpi_id, period=r.period_start, end=r.period_end, value=r.value,
                                           raw=r.raw, remark=r.remark, cell=r.cell) for r in rows(MeasurementRow)),
                              key=lambda m: (m.kpi, m.period))
        scores = sorted((Score(period=r.period_start, end=r.period_end, party=r.party, score=r.score,
                               reasons=r.reasons, cell=r.cell) for r in rows(ScoreRow)),
                        key=lambda s: (s.period, s.party))
        commitments = sorted((CommitmentCheck(commitment=r.commitment_id, period=r.period_start, end=r.period_end,
                                              status=r.status, evidence=r.evidence, cell=r.cell)
                              for r in rows(CommitmentCheckRow)), key=lambda c: (c.commitment, c.period))
        actions = sorted((Action(id=r.action_id, description=r.description, kpi=r.kpi_id, party=r.party,
                                 owner=r.owner, raised=r.raised_on, due=r.due_on, status=r.status, done=r.done_on,
                                 remark=r.remark, cell=r.cell) for r in rows(ActionRow)), key=lambda a: a.id)
        return Measurements(tender_reference=reference, revision=last.revision, bidder_name=last.bidder_name,
                            bidder_kvk=last.bidder_kvk, submission_sha256=last.submission_sha256,
                            measurements=measurements, scores=scores, commitments=commitments, actions=actions)


def measurement_history(store: Store, reference: str, kpi: str | None = None) -> list[dict[str, object]]:
    """Every stored measurement of ``reference`` (of ``kpi`` only, if given), superseded ones included,
    oldest first: the audit trail of who recorded which value when."""
    query = select(MeasurementRow, MeasurementImportRow.filename).join(
        MeasurementImportRow, MeasurementRow.import_id == MeasurementImportRow.id).where(
        MeasurementRow.tender_reference == reference)
    if kpi is not None:
        query = query.where(MeasurementRow.kpi_id == kpi)
    with Session(store.engine) as session:
        return [{"id": r.id, "kpi": r.kpi_id, "period": r.period_start.isoformat(), "value": r.value,
                 "remark": r.remark, "filename": filename, "recorded_at": r.recorded_at.isoformat(),
                 "current": r.current,
                 "superseded_at": r.superseded_at.isoformat() if r.superseded_at else None,
                 "superseded_by": r.superseded_by}
                for r, filename in session.execute(query.order_by(MeasurementRow.id))]
