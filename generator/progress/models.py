"""The progress report as data: per KPI and period the status and consequence, trends, bottlenecks.

:func:`generator.progress.progress_report` computes a :class:`Progress`; the .docx and .xlsx writers
only lay it out. Every number a writer shows is a field here, so a reader can recompute each status
and amount by hand from the report itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ..models.base import Model
from ..models.clause import Frequency, Unit

Status = Literal["target_met", "norm_met", "below_norm", "not_measured"]
"""Against the binding norm and the target, in the KPI's direction: ``below_norm`` (the malus applies),
``norm_met`` (at least the binding norm, not the target), ``target_met`` (both the binding norm and
the target: the bonus applies). ``not_measured``: no value was recorded for a period that has ended
(never read as zero)."""

Trend = Literal["improving", "stable", "worsening", "unknown"]
"""The latest measured value against the mean of up to three measured values before it; a change
smaller than one unit of the KPI's last decimal is ``stable``; fewer than two values is ``unknown``."""

Rating = Literal["good", "approaching", "requires_improvement", "inadequate", "other"]
"""The UK-style 4+1 performance rating of a KPI: good (latest value meets the binding norm and the
target), approaching (meets the binding norm, not the target), requires improvement (latest below the
binding norm), inadequate (the two latest values both below the binding norm), other (nothing measured
yet)."""


class PeriodResult(Model):
    """One KPI in one period: the value, its status, and the consequence as the clause computes it.

    ``fee`` is the period fee (annual fee x ``fee_share``), ``percent`` the clause's malus or bonus
    percentage that applies (``None``: none applies), ``amount`` = ``percent`` % of ``fee`` before the
    cap, ``settled`` the amount after the cap of the contract year (``capped`` when it was cut).
    Amounts are ``None`` when the fee is unknown; malus amounts are negative (deducted from the fee).
    """

    period: dt.date
    end: dt.date
    label: str
    contract_year: int
    value: float | None
    remark: str | None = None
    status: Status
    fee_share: float
    fee: float | None = None
    kind: Literal["malus", "bonus"] | None = None
    percent: float | None = None
    amount: float | None = None
    settled: float | None = None
    capped: bool = False


class KpiProgress(Model):
    """One KPI over the periods reported; ``latest`` is the last period with a measured value."""

    id: str
    title: str
    unit: Unit
    decimals: int
    direction: Literal["higher_is_better", "lower_is_better"]
    frequency: Frequency
    minimum: float
    norm: float
    """The binding norm, from :meth:`generator.models.tender.Kpi.binding_norm`."""
    norm_text: str
    """The binding norm as every document states it (:func:`generator.norm.kpi_statement`)."""
    target: float
    consequence_text: str | None = None
    cap_percent: float | None = None
    periods: list[PeriodResult]
    latest: PeriodResult | None = None
    trend: Trend
    trend_basis: float | None = None
    """The mean of the up to three measured values before the latest one (what the trend compares to)."""
    rating: Rating
    settled_total: float | None = None


class ScoreLine(Model):
    """One party's collaboration scores per quarter, with the trend (same rule as a KPI, 1 decimal)."""

    party: Literal["client", "contractor"]
    quarters: list[tuple[dt.date, str, float | None, str | None]]
    """(quarter start, label, score or ``None``, reasons) per quarter reported."""
    latest: float | None = None
    trend: Trend


class ActionLine(Model):
    """An action of the log as of the report date."""

    id: str
    description: str | None = None
    kpi: str | None = None
    owner: str | None = None
    party: str | None = None
    due: dt.date | None = None
    status: str | None = None
    overdue: bool
    days_overdue: int = 0


CommitmentState = Literal["fulfilled", "partly", "not_fulfilled", "not_applicable", "not_recorded"]
"""A commitment's latest recorded status (:data:`~generator.models.commitment.CommitmentStatus`), or
``not_recorded`` when no quarter ended by the report date has one: never read as fulfilled."""


class CommitmentLine(Model):
    """One tracked commitment of the winning bid on the report date.

    ``status`` is the one recorded for the latest quarter ended by the report date that has a status,
    ``period`` that quarter's label and ``evidence`` what was recorded with it; ``cell`` is where the
    commitment stands in the bid form.
    """

    id: str
    kind: str
    title: str
    cell: str | None = None
    status: CommitmentState
    period: str | None = None
    evidence: str | None = None


class Signal(Model):
    """A bottleneck or success: what (``kind``), about which KPI, action, party or commitment (``subject``)."""

    kind: Literal["below_norm", "worsening", "not_measured", "overdue_action", "score_worsening",
                  "commitment_not_fulfilled", "commitment_partly", "target_met", "improving", "recovered",
                  "score_improving"]
    subject: str
    title: str
    detail: str


class YearTotal(Model):
    """The settled consequences of one contract year: malus (negative) and bonus totals."""

    contract_year: int
    start: dt.date
    end: dt.date
    malus: float
    bonus: float


class Progress(Model):
    """The state of the collaboration on ``as_of``: everything the progress report shows."""

    reference: str
    title: str
    language: Literal["nl", "en"]
    authority: str
    bidder: str | None = None
    bidder_kvk: str | None = None
    contract_start: dt.date
    contract_end: dt.date
    as_of: dt.date
    annual_fee: float | None = None
    contract_years: float
    """The contract's length in years (months/12): a fee from the price is price / contract_years."""
    fee_basis: Literal["parameter", "price", "estimate", "unknown"]
    kpis: list[KpiProgress]
    scores: list[ScoreLine]
    actions: list[ActionLine]
    commitments: list[CommitmentLine] = []
    bottlenecks: list[Signal]
    successes: list[Signal]
    years: list[YearTotal]
