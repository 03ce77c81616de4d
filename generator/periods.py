"""Measurement periods and contract years: the calendar arithmetic of every step after award.

The rule, chosen once for all of tenderpack: **periods are aligned to the contract start**, not to the
calendar. Contract year *n* runs from the (*n*-1)-th anniversary of the contract start to the day before
the *n*-th; a monthly period runs from the start date's day-of-month to the day before that day in the
next month, a quarter spans three such months, a half year six, a year twelve. Weekly and fortnightly
periods are 7 and 14 days from the contract start. The last period ends on the contract end and may
be shorter than the others; every other period is complete.

Why contract-aligned: consequences and their caps are defined per contract year (``cap_percent`` of
the annual fee per contract year), and month-based periods then nest exactly in contract years, so
every complete monthly period is 1/12 of a year's fee, a quarter 1/4, and so on; the amounts in a
progress report can be recomputed by hand. For a contract starting on the 1st of a month (the usual
case) the periods are simply the calendar months, quarters and years counted from that month.

Month arithmetic clamps to the end of the month and always counts from the contract start (never from
the previous period), so a contract starting on 31 January has periods starting 31 January, 28 (or 29)
February, 31 March, 30 April, ...: no drift, no gap, no overlap.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .models.base import Language
from .models.clause import Frequency

MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
"""Month-based frequencies and their length in months."""

DAYS: dict[str, int] = {"weekly": 7, "fortnightly": 14}
"""Day-based frequencies and their length in days."""

_MONTH_ABBR = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


_CONTRACT_YEAR = {"nl": "contractjaar", "en": "contract year"}


@dataclass(frozen=True)
class Period:
    """One measurement period of a frequency within the contract.

    ``start`` and ``end`` are both inclusive; ``key`` is ``start`` in ISO form and identifies the
    period within its frequency (workbook metadata, database, ``--period``). ``number`` counts from 1.
    ``contract_year`` is the contract year the period starts in. ``fee_share`` is the share of one
    year's fee the period stands for: months/12 for month-based frequencies, days/364 (a week is 1/52
    of a year) for day-based ones, scaled down by the days actually covered when the contract end
    cuts the period short (``complete`` is then ``False``).
    """

    frequency: str
    number: int
    start: dt.date
    end: dt.date
    contract_year: int
    fee_share: float
    complete: bool

    @property
    def key(self) -> str:
        """The period's identifier: its start date, ``YYYY-MM-DD``."""
        return self.start.isoformat()

    @property
    def days(self) -> int:
        """The number of days in the period, both ends included."""
        return (self.end - self.start).days + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the last day of the target month.

    ``add_months(date(2028, 1, 31), 1)`` is 29 February 2028; ``add_months(date(2028, 2, 29), 12)``
    is 28 February 2029.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contract_year_start(contract_start: dt.date, year: int) -> dt.date:
    """The first day of contract year ``year`` (1-based)."""
    return add_months(contract_start, 12 * (year - 1))


def contract_year(contract_start: dt.date, day: dt.date) -> int:
    """The contract year (1-based) that ``day`` falls in; days before the start count as year 1."""
    year = max(1, day.year - contract_start.year + 1)  # the year starting in day's calendar year
    while year > 1 and contract_year_start(contract_start, year) > day:
        year -= 1
    return year


def periods(start: dt.date, end: dt.date, frequency: Frequency | str) -> list[Period]:
    """Every period of ``frequency`` from ``start`` to ``end`` (the contract dates, both inclusive).

    Raises ``ValueError`` for an unknown frequency or an ``end`` before ``start``.
    """
    if end < start:
        raise ValueError(f"the contract ends ({end}) before it starts ({start})")
    out: list[Period] = []
    number = 1
    while True:
        if frequency in MONTHS:
            months = MONTHS[frequency]
            first = add_months(start, months * (number - 1))
            following = add_months(start, months * number)
            share = months / 12
        elif frequency in DAYS:
            days = DAYS[frequency]
            first = start + dt.timedelta(days=days * (number - 1))
            following = first + dt.timedelta(days=days)
            share = days / 364
        else:
            raise ValueError(f"unknown frequency {frequency!r}")
        if first > end:
            return out
        last = min(following - dt.timedelta(days=1), end)
        complete = last == following - dt.timedelta(days=1)
        if not complete:
            share *= ((last - first).days + 1) / (following - first).days
        out.append(Period(str(frequency), number, first, last, contract_year(start, first), share, complete))
        number += 1


def find_period(items: list[Period], key: str) -> Period | None:
    """The period with ``key`` (its ISO start date) in ``items``, or ``None``."""
    return next((p for p in items if p.key == key), None)


def short_date(day: dt.date, lang: Language) -> str:
    """``1 jul 2027`` (nl) or ``1 Jul 2027`` (en)."""
    return f"{day.day} {_MONTH_ABBR[lang][day.month - 1]} {day.year}"


def label(period: Period, lang: Language) -> str:
    """A short human name of ``period``: ``jul 2027``, ``Q3 2027``, ``H2 2027``, ``contractjaar 2``, or its dates.

    The calendar names are used only when the period is exactly that calendar month, quarter, half year
    or year; other yearly periods are named by contract year, and other periods of a contract starting
    mid-month by their date range (``15 mrt 2027 – 14 apr 2027``).
    """
    start, end = period.start, period.end
    calendar_month = start.day == 1 and period.complete
    if calendar_month and period.frequency == "monthly":
        return f"{_MONTH_ABBR[lang][start.month - 1]} {start.year}"
    if calendar_month and period.frequency == "quarterly" and start.month % 3 == 1:
        return f"Q{start.month // 3 + 1} {start.year}"
    if calendar_month and period.frequency == "half_yearly" and start.month in (1, 7):
        return f"H{1 if start.month == 1 else 2} {start.year}"
    if calendar_month and period.frequency == "yearly" and start.month == 1:
        return str(start.year)
    if period.frequency == "yearly":
        return f"{_CONTRACT_YEAR[lang]} {period.contract_year}"
    return f"{short_date(start, lang)} – {short_date(end, lang)}"
