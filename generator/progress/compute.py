"""Compute the progress of a collaboration from its agreement and its measurements (pure: no I/O).

The rules, each recomputable by hand from the report's own numbers:

- **Periods** are the KPI's measurement periods (:mod:`generator.periods`) that have ended
  on or before the report date ``as_of``.
- **Status** of a period: ``not_measured`` without a value; else ``below_norm`` when the value is worse
  than the binding norm (:meth:`generator.models.tender.Kpi.binding_norm`: the minimum, the winner's
  offer or the target, as the tender chose), ``target_met`` when it is at least as good as both the
  binding norm and the target, ``norm_met`` otherwise.
- **Trend**: the latest measured value against the mean of up to three measured values before it; a
  change of less than one unit of the KPI's last decimal (0.1 for one decimal) is stable.
- **Consequence** per period, as the clause says: a period ``below_norm`` costs ``malus_percent`` %
  of the period fee, a period ``target_met`` earns ``bonus_percent`` % of it. Period fee = annual fee x
  the period's fee share (month 1/12, quarter 1/4...). Per KPI and contract year the maluses together,
  and the bonuses together, are capped at ``cap_percent`` % of the annual fee, settled in period order.
  A period without a measurement gets no amount (and is reported as a bottleneck instead).
- **Commitments**: per tracked commitment of the bid the status recorded for the latest quarter ended
  by ``as_of`` that has one; ``not_recorded`` when none has (never counted as fulfilled). A commitment
  not (or partly) fulfilled is a bottleneck.
- **Annual fee**: given, else the bid price divided by the contract's length in years, else the
  tender's estimated value likewise; else unknown, and only percentages are shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .. import labels, norm
from ..agreement.commitments import bid_commitments
from ..agreement.terms import KpiTerm, contract_years, kpi_terms
from ..document.context import kpi_value
from ..errors import InputError
from ..models.submission import Submission
from ..models.tender import Tender
from ..monitoring.check import check_measurements
from ..monitoring.models import Measurements
from ..periods import contract_year_start, label, periods
from ..text import format_date, format_number
from .models import (
    ActionLine, CommitmentLine, KpiProgress, PeriodResult, Progress, Rating, ScoreLine, Signal, Status, Trend, YearTotal,
)
from .wording import words

_AS_OF = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def report_date(period: str | dt.date | None, measurements: Measurements | None, tender: Tender) -> dt.date:
    """The report date for ``period``: ``YYYY-MM`` is the month's last day, ``YYYY-MM-DD`` that day.

    ``None``: the end of the latest period with a measured value or score, or the day before the
    contract start when nothing was measured yet. Raises :class:`InputError` for any other text.
    """
    if isinstance(period, dt.date):
        return period
    if period is not None:
        match = _AS_OF.match(period.strip())
        try:
            year, month = int(match[1]), int(match[2])
            day = int(match[3]) if match[3] else calendar.monthrange(year, month)[1]
            return dt.date(year, month, day)
        except (TypeError, ValueError):
            raise InputError(f"'{period}' is not a period: write YYYY-MM (a month) or YYYY-MM-DD") from None
    ends = [m.end for m in measurements.measurements if m.value is not None] if measurements else []
    ends += [s.end for s in measurements.scores if s.score is not None] if measurements else []
    return max(ends, default=tender.dates.contract_start - dt.timedelta(days=1))


def status(term: KpiTerm, value: float | None) -> Status:
    """The status of ``value`` against ``term``'s binding norm and target; see the module docstring."""
    if value is None:
        return "not_measured"
    if not term.is_better_or_equal(value, term.norm_value):
        return "below_norm"
    if term.is_better_or_equal(value, term.target):
        return "target_met"
    return "norm_met"


def trend(values: list[float], decimals: int, higher_is_better: bool = True) -> tuple[Trend, float | None]:
    """The trend of the measured ``values`` (oldest first) and the mean it compared the latest with."""
    if len(values) < 2:
        return "unknown", None
    before = values[-4:-1]
    basis = sum(before) / len(before)
    change = (values[-1] - basis) * (1 if higher_is_better else -1)
    step = 10 ** -decimals
    if abs(change) < step - 1e-9:
        return "stable", basis
    return ("improving" if change > 0 else "worsening"), basis


def rating(results: list[PeriodResult]) -> Rating:
    """The 4+1 rating from the latest measured periods; see :data:`generator.progress.models.Rating`."""
    measured = [r for r in results if r.status != "not_measured"]
    if not measured:
        return "other"
    latest = measured[-1].status
    if latest == "below_norm":
        return "inadequate" if len(measured) > 1 and measured[-2].status == "below_norm" else "requires_improvement"
    return "good" if latest == "target_met" else "approaching"


def annual_fee(tender: Tender, submission: Submission | None, given: float | None) -> tuple[float | None, str]:
    """The annual fee the incentives are computed on, and where it came from (see the module docstring)."""
    if given is not None:
        return given, "parameter"
    years = contract_years(tender)
    if submission is not None and submission.price_eur:
        return submission.price_eur / years, "price"
    if tender.estimated_value_eur:
        return tender.estimated_value_eur / years, "estimate"
    return None, "unknown"


def progress_report(tender: Tender, submission: Submission | None, measurements: Measurements | None,
                    period: str | dt.date | None = None, *, fee: float | None = None) -> Progress:
    """The progress of ``tender`` as awarded to ``submission``, from ``measurements``, on a report date.

    ``period`` sets the report date (see :func:`report_date`); only periods ended by then count.
    ``submission`` ``None`` measures against the tender's own levels (an offered norm at the minimum). ``fee`` overrides the annual
    fee. ``measurements`` are checked against the tender first (:class:`InputError` for another
    tender's, :class:`~generator.errors.ValidationFailed` for unknown KPIs or periods); ``None``
    means nothing was measured yet, which the report says rather than showing zeros.
    """
    if measurements is not None:
        measurements = check_measurements(tender, measurements)
    as_of = report_date(period, measurements, tender)
    lang = tender.language
    start = tender.dates.contract_start
    fee_value, basis = annual_fee(tender, submission, fee)
    recorded = {(m.kpi, m.period): m for m in (measurements.measurements if measurements else [])}
    kpis = [_kpi(term, tender, recorded, as_of, fee_value) for term in kpi_terms(tender, submission)]
    scores = _scores(tender, measurements, as_of)
    actions = [ActionLine(id=a.id, description=a.description, kpi=a.kpi, owner=a.owner, party=a.party, due=a.due,
                          status=a.status, overdue=a.overdue(as_of),
                          days_overdue=(as_of - a.due).days if a.overdue(as_of) and a.due else 0)
               for a in (measurements.actions if measurements else [])]
    commitments = _commitments(tender, submission, measurements, as_of)
    bottlenecks, successes = _signals(kpis, scores, actions, lang)
    bottlenecks += [Signal(kind=f"commitment_{c.status}", subject=c.id, title=f"{c.id} {c.title}",
                           detail=words(lang)[f"sig_commitment_{c.status}"].format(
                               label=c.period, evidence=c.evidence or words(lang)["no_evidence"]))
                    for c in commitments if c.status in ("not_fulfilled", "partly")]
    years = []
    for year in sorted({r.contract_year for k in kpis for r in k.periods}):
        settled = [r.settled or 0.0 for k in kpis for r in k.periods if r.contract_year == year]
        years.append(YearTotal(contract_year=year, start=contract_year_start(start, year),
                               end=contract_year_start(start, year + 1) - dt.timedelta(days=1),
                               malus=round(sum(s for s in settled if s < 0), 2),
                               bonus=round(sum(s for s in settled if s > 0), 2)))
    return Progress(reference=tender.reference, title=tender.title, language=lang, authority=tender.authority.name,
                    bidder=submission.bidder.name if submission else None,
                    bidder_kvk=submission.bidder.kvk if submission else None, contract_start=start,
                    contract_end=tender.dates.contract_end, as_of=as_of,
                    annual_fee=round(fee_value, 2) if fee_value is not None else None,
                    contract_years=round(contract_years(tender), 6), fee_basis=basis,
                    kpis=kpis, scores=scores, actions=actions, commitments=commitments, bottlenecks=bottlenecks,
                    successes=successes,
                    years=years)


def _kpi(term: KpiTerm, tender: Tender, recorded: dict, as_of: dt.date, fee: float | None) -> KpiProgress:
    lang = tender.language
    consequence = term.consequence
    used: dict[tuple[int, str], float] = {}  # (contract year, malus|bonus) -> settled so far
    results = []
    for p in periods(tender.dates.contract_start, tender.dates.contract_end, term.frequency):
        if p.end > as_of:
            break
        m = recorded.get((term.id, p.start))
        value = m.value if m else None
        state = status(term, value)
        kind = percent = amount = settled = None
        capped = False
        period_fee = round(fee * p.fee_share, 2) if fee is not None else None
        if consequence is not None:
            if state == "below_norm" and consequence.malus_percent is not None:
                kind, percent = "malus", consequence.malus_percent
            elif state == "target_met" and consequence.bonus_percent is not None:
                kind, percent = "bonus", consequence.bonus_percent
        if kind is not None and period_fee is not None:
            amount = round(period_fee * percent / 100, 2)
            room = round(fee * consequence.cap_percent / 100 - used.get((p.contract_year, kind), 0.0), 2)
            settled = max(0.0, min(amount, room))
            capped = settled < amount
            used[(p.contract_year, kind)] = used.get((p.contract_year, kind), 0.0) + settled
            if kind == "malus":
                amount, settled = -amount, -settled
        results.append(PeriodResult(period=p.start, end=p.end, label=label(p, lang), contract_year=p.contract_year,
                                    value=value, remark=m.remark if m else None, status=state,
                                    fee_share=p.fee_share, fee=period_fee, kind=kind, percent=percent,
                                    amount=amount, settled=settled, capped=capped))
    measured = [r for r in results if r.value is not None]
    direction, basis = trend([r.value for r in measured], term.decimals, term.direction == "higher_is_better")
    settled_values = [r.settled for r in results if r.settled is not None]
    return KpiProgress(
        id=term.id, title=term.title, unit=term.unit, decimals=term.decimals, direction=term.direction,
        frequency=term.frequency, minimum=term.minimum, norm=term.norm_value,
        norm_text=norm.kpi_statement(term, term.offered, lambda v: kpi_value(term, v, lang), lang),
        target=term.target,
        consequence_text=consequence.text if consequence else None,
        cap_percent=consequence.cap_percent if consequence else None, periods=results,
        latest=measured[-1] if measured else None, trend=direction, trend_basis=basis, rating=rating(results),
        settled_total=round(sum(settled_values), 2) if settled_values else None)


def _scores(tender: Tender, measurements: Measurements | None, as_of: dt.date) -> list[ScoreLine]:
    quarters = [p for p in periods(tender.dates.contract_start, tender.dates.contract_end, "quarterly")
                if p.end <= as_of]
    given = {(s.period, s.party): s for s in (measurements.scores if measurements else [])}
    out = []
    for party in ("client", "contractor"):
        rows = []
        for q in quarters:
            s = given.get((q.start, party))
            rows.append((q.start, label(q, tender.language), s.score if s else None, s.reasons if s else None))
        values = [score for _, _, score, _ in rows if score is not None]
        out.append(ScoreLine(party=party, quarters=rows, latest=values[-1] if values else None,
                             trend=trend(values, 1)[0]))
    return out


def _commitments(tender: Tender, submission: Submission | None, measurements: Measurements | None,
                 as_of: dt.date) -> list[CommitmentLine]:
    """The tracked commitments of ``submission`` with their latest status recorded by ``as_of``."""
    if submission is None:
        return []
    quarters = {p.start: p for p in periods(tender.dates.contract_start, tender.dates.contract_end, "quarterly")}
    latest = {}
    for check in sorted(measurements.commitments if measurements else [], key=lambda c: c.period):
        if check.status is not None and check.end <= as_of:
            latest[check.commitment] = check
    out = []
    for commitment in bid_commitments(tender, submission):
        if not commitment.tracked:
            continue
        check = latest.get(commitment.id)
        out.append(CommitmentLine(
            id=commitment.id, kind=commitment.kind, title=commitment.title, cell=commitment.cell,
            status=check.status if check else "not_recorded",
            period=label(quarters[check.period], tender.language) if check else None,
            evidence=check.evidence if check else None))
    return out


def _fmt(value: float | None, decimals: int, lang: str) -> str:
    return "–" if value is None else format_number(value, lang, decimals)


def _signals(kpis: list[KpiProgress], scores: list[ScoreLine], actions: list[ActionLine], lang: str
             ) -> tuple[list[Signal], list[Signal]]:
    """Bottlenecks (below the binding norm, overdue, not measured, worsening) and successes, most urgent first."""
    w = words(lang)
    below, overdue, missing, worse, good = [], [], [], [], []
    for k in kpis:
        unit = labels.label(labels.UNIT, k.unit, lang)
        title = f"{k.id} {k.title}"
        f = lambda v: _fmt(v, k.decimals, lang)  # noqa: E731
        latest = k.latest
        measured = [r for r in k.periods if r.value is not None]
        # One bottleneck and one success per KPI at most, the most telling first.
        if latest is not None and latest.status == "below_norm":
            below.append(Signal(kind="below_norm", subject=k.id, title=title, detail=w["sig_below_norm"].format(
                label=latest.label, value=f(latest.value), unit=unit, norm=f(k.norm))))
        elif k.trend == "worsening":
            worse.append(Signal(kind="worsening", subject=k.id, title=title, detail=w["sig_worsening"].format(
                value=f(latest.value), unit=unit, basis=f(k.trend_basis))))
        if len(measured) >= 2 and measured[-2].status == "below_norm" and measured[-1].status != "below_norm":
            good.append(Signal(kind="recovered", subject=k.id, title=title, detail=w["sig_recovered"].format(
                value=f(measured[-1].value), unit=unit, label=measured[-1].label, previous=f(measured[-2].value),
                previous_label=measured[-2].label)))
        elif k.trend == "improving":
            good.append(Signal(kind="improving", subject=k.id, title=title, detail=w["sig_improving"].format(
                value=f(latest.value), unit=unit, basis=f(k.trend_basis))))
        elif latest is not None and latest.status == "target_met":
            good.append(Signal(kind="target_met", subject=k.id, title=title, detail=w["sig_target_met"].format(
                label=latest.label, value=f(latest.value), unit=unit, target=f(k.target))))
        gaps = [r.label for r in k.periods if r.status == "not_measured"]
        if gaps:
            missing.append(Signal(kind="not_measured", subject=k.id, title=title,
                                  detail=w["sig_not_measured"].format(labels=", ".join(gaps))))
    for a in actions:
        if a.overdue:
            overdue.append(Signal(kind="overdue_action", subject=a.id, title=f"{a.id} {a.kpi or ''}".strip(),
                                  detail=w["sig_overdue"].format(
                                      description=a.description or "", owner=a.owner or w["unknown_owner"],
                                      due=format_date(a.due, lang) if a.due else "–", days=a.days_overdue)))
    for s in scores:
        values = [v for _, _, v, _ in s.quarters if v is not None]
        if s.trend in ("worsening", "improving"):
            basis = trend(values, 1)[1]
            signal = Signal(kind=f"score_{s.trend}", subject=s.party, title=w[f"party_{s.party}"],
                            detail=w[f"sig_score_{s.trend}"].format(score=_fmt(s.latest, 1, lang),
                                                                     basis=_fmt(basis, 1, lang)))
            (worse if s.trend == "worsening" else good).append(signal)
    return below + overdue + missing + worse, good
