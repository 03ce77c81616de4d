"""Check recorded measurements against the tender they belong to.

A workbook names its tender and its periods itself; before its values are stored or reported they are
checked against the registered :class:`~generator.models.tender.Tender`: every KPI must be one of the
tender's, every period the start of one of that KPI's periods (or of a contract quarter, for scores),
every value within the KPI's bounds, every action's KPI a known one.
"""

from __future__ import annotations

from ..errors import Finding, InputError, Location, ValidationFailed
from ..form.values import percent_reading
from ..models.submission import FormFinding
from ..models.tender import Tender
from ..text import format_number
from .models import Measurements
from ..periods import periods
from .read import message


def check_measurements(tender: Tender, measurements: Measurements) -> Measurements:
    """``measurements`` checked against ``tender``; returns them with percentages normalised.

    A percentage KPI's value between 0 and 1 (``0.975``) is how a spreadsheet stores a typed
    ``97,5%``; it is read as 97.5 (with a warning) when only that reading lies within the KPI's bounds
    and at least 1. Raises :class:`InputError` when the measurements belong to another tender, and
    :class:`ValidationFailed` listing every unknown KPI, unknown period and out-of-bounds value.
    """
    where = Location(path=measurements.source.filename if measurements.source else None)
    if measurements.tender_reference != tender.reference:
        raise InputError(f"the measurements are for tender {measurements.tender_reference}, not "
                         f"{tender.reference}", where)
    lang = tender.language
    start, end = tender.dates.contract_start, tender.dates.contract_end
    kpis = {k.id: k for k in tender.kpis}
    starts = {k.id: {p.start for p in periods(start, end, k.frequency)} for k in tender.kpis}
    found: list[FormFinding] = []
    cleaned = []
    for m in measurements.measurements:
        kpi = kpis.get(m.kpi)
        if kpi is None:
            found.append(message("unknown_kpi", lang, cell=m.cell, item=m.kpi, kpi=m.kpi, reference=tender.reference))
            continue
        if m.period not in starts[m.kpi]:
            found.append(message("unknown_period", lang, cell=m.cell, item=m.kpi, kpi=m.kpi,
                                 period=m.period.isoformat(), frequency=kpi.frequency))
            continue
        value = m.value
        if value is not None and kpi.unit == "percent" and m.raw is not None and not m.raw.rstrip().endswith("%"):
            value, code = percent_reading(value, lambda x: x >= 1 and _within(x, kpi.low, kpi.high))
            if code == "percent_as_fraction":
                found.append(message(code, lang, cell=m.cell, item=m.kpi, raw=m.raw,
                                     value=format_number(value, lang)))
        if value is not None and not _within(value, kpi.low, kpi.high):
            found.append(message("out_of_bounds", lang, cell=m.cell, item=m.kpi, kpi=m.kpi,
                                 value=format_number(value, lang), low=_bound(kpi.low, lang),
                                 high=_bound(kpi.high, lang)))
        cleaned.append(m.model_copy(update={"value": value}))
    quarters = {p.start for p in periods(start, end, "quarterly")}
    for s in measurements.scores:
        if s.period not in quarters:
            found.append(message("unknown_period", lang, cell=s.cell, item=s.party, kpi=s.party,
                                 period=s.period.isoformat(), frequency="quarterly"))
    for c in measurements.commitments:
        if c.period not in quarters:
            found.append(message("unknown_period", lang, cell=c.cell, item=c.commitment, kpi=c.commitment,
                                 period=c.period.isoformat(), frequency="quarterly"))
    for a in measurements.actions:
        if a.kpi is not None and a.kpi not in kpis:
            found.append(message("unknown_kpi", lang, cell=a.cell, item=a.id, kpi=a.kpi, reference=tender.reference))
    if any(f.severity == "error" for f in found):
        raise ValidationFailed(findings=[Finding(Location(path=where.path, cell=f.cell, item=f.item), f.message,
                                                 f.severity) for f in found], what=where.path or "measurements")
    return measurements.model_copy(update={"measurements": cleaned,
                                           "findings": [*measurements.findings, *found]})


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _bound(value: float | None, lang: str) -> str:
    return "–" if value is None else format_number(value, lang)
