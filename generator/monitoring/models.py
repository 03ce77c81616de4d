"""What a contract manager records during the contract: KPI measurements, collaboration scores, actions.

:class:`Measurements` is what :func:`generator.monitoring.read_monitoring_workbook` reads from a
monitoring workbook, what the store keeps (:mod:`generator.monitoring.store`) and what the progress
report is computed from. Periods are identified by their start date (see
:mod:`generator.periods`). An empty cell is ``None``, never zero.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ..models.base import Model
from ..models.clause import Party
from ..models.commitment import CommitmentStatus
from ..models.submission import FormFinding, Source

ScoreParty = Literal["client", "contractor"]
SCORE_PARTIES: tuple[ScoreParty, ...] = ("client", "contractor")

ActionStatus = Literal["open", "in_progress", "done", "cancelled"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("open", "in_progress", "done", "cancelled")
CLOSED: frozenset[str] = frozenset({"done", "cancelled"})
"""Statuses in which an action can no longer be overdue."""


class Measurement(Model):
    """The measured value of one KPI in one period (``period``: its start date; ``end`` inclusive).

    ``value`` is ``None`` when nothing was recorded; ``raw`` is the cell as typed, ``cell`` its place
    (``Metingen!I7``).
    """

    kpi: str
    period: dt.date
    end: dt.date
    value: float | None = None
    raw: str | None = None
    remark: str | None = None
    cell: str | None = None


class Score(Model):
    """One party's collaboration score (1-10) for one quarter, with its reasons."""

    period: dt.date
    end: dt.date
    party: ScoreParty
    score: float | None = None
    reasons: str | None = None
    cell: str | None = None


class Action(Model):
    """An entry of the action and improvement log, identified by ``id`` (``ACT-001``)."""

    id: str
    description: str | None = None
    kpi: str | None = None
    party: Party | None = None
    owner: str | None = None
    raised: dt.date | None = None
    due: dt.date | None = None
    status: ActionStatus | None = None
    done: dt.date | None = None
    remark: str | None = None
    cell: str | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing but the ID is filled in (an unused row of the log)."""
        return all(getattr(self, name) is None for name in (
            "description", "kpi", "party", "owner", "raised", "due", "status", "done", "remark"))

    def overdue(self, as_of: dt.date) -> bool:
        """Whether the action is past its due date on ``as_of`` and not done or cancelled."""
        return self.due is not None and self.due < as_of and self.status not in CLOSED


class CommitmentCheck(Model):
    """The status of one commitment of the bid in one quarter, as the contract manager recorded it.

    ``commitment`` is the commitment's stable ID (``GOV-07.criterion``, see
    :class:`~generator.models.commitment.Commitment`); ``period`` the quarter's start date, ``end`` its
    last day. ``status`` ``None`` when only evidence was recorded (never read as fulfilled);
    ``evidence`` says what the status rests on; ``cell`` is the status cell (``Toezeggingen!F7``).
    """

    commitment: str
    period: dt.date
    end: dt.date
    status: CommitmentStatus | None = None
    evidence: str | None = None
    cell: str | None = None


class Measurements(Model):
    """Everything recorded for one contract: per KPI and period, per quarter and party, per commitment and
    quarter, per action.

    ``bidder_name``/``bidder_kvk``/``submission_sha256`` identify the winning bid the workbook was
    made for. ``source`` is the workbook file it was read from (``None`` when assembled from the
    store); ``findings`` are the warnings found while reading (errors are raised instead).
    """

    tender_reference: str
    revision: int
    bidder_name: str | None = None
    bidder_kvk: str | None = None
    submission_sha256: str | None = None
    measurements: list[Measurement] = []
    scores: list[Score] = []
    commitments: list[CommitmentCheck] = []
    actions: list[Action] = []
    source: Source | None = None
    findings: list[FormFinding] = []

    def value(self, kpi: str, period: dt.date) -> Measurement | None:
        """The measurement of ``kpi`` in the period starting ``period``, or ``None``."""
        return next((m for m in self.measurements if m.kpi == kpi and m.period == period), None)
