"""The meeting schedule of a contract as an iCalendar file (RFC 5545), importable in Outlook and Google.

One ``VEVENT`` per meeting tier with a recurrence rule, never one event per meeting. Where the meetings
take place in the year (the clauses fix only the frequency) is a default the parties move later:

- every meeting is on a **Tuesday**, in Dutch local time (``Europe/Amsterdam``, with its ``VTIMEZONE``);
- operational meetings at **10:00**, contract (tactical) meetings at **13:30**, steering group
  (strategic) meetings at **14:00**, each as long as the clause says;
- weekly and fortnightly meetings start on the first Tuesday on or after the start date
  (``FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`` for fortnightly);
- monthly meetings fall on the **second Tuesday** of every month (``FREQ=MONTHLY;BYDAY=2TU``), from the
  first such Tuesday on or after the start;
- quarterly, half-yearly and yearly meetings look back on the period just ended, so they fall on the
  **third Tuesday of the month after each period** (``FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU`` for
  quarterly), the first one after the first period of the contract;
- the series ends with the contract: ``UNTIL`` is the end date at 23:59:59 local time, written in UTC
  as RFC 5545 requires when ``DTSTART`` has a time zone;
- a meeting that falls on a Dutch public holiday (the ``holidays`` package's calendar for the
  Netherlands: New Year's Day, King's Day, Liberation Day in a lustrum year, Christmas, ...) is taken
  out of the series (``EXDATE``) and held on the next working day at the same time (``RDATE``), unless
  that day is after the contract's end or already has the meeting.

``UID`` is built from the tender reference, the clause ID and the tier, so re-importing an updated
file updates the events instead of duplicating them; ``DTSTAMP`` is the build time. Lines end in
CRLF and are folded at 75 octets (never inside a UTF-8 character); text values escape backslash,
semicolon, comma and line breaks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
from dateutil.rrule import rrulestr

from .. import labels
from ..models.submission import Submission
from ..models.tender import Meeting, Tender
from ..periods import add_months
from .commitments import bound_meetings
from .wording import words

TZID = "Europe/Amsterdam"
TIMES = {"operational": dt.time(10, 0), "tactical": dt.time(13, 30), "strategic": dt.time(14, 0)}
"""The default start time of each tier."""

_TUESDAY = 1
_VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)
_MONTHS_AFTER = {"quarterly": 3, "half_yearly": 6, "yearly": 12}


@dataclass(frozen=True)
class Series:
    """The meetings of one tier within the contract term, as the calendar schedules them.

    ``first`` is the recurrence's start (``DTSTART``), ``skipped`` the recurrences on a public holiday
    (``EXDATE``), ``moved`` the working days they are held on instead (``RDATE``) and ``meetings``
    every meeting actually held, in order. All are naive Dutch local times.
    """

    first: dt.datetime
    skipped: tuple[dt.datetime, ...]
    moved: tuple[dt.datetime, ...]
    meetings: tuple[dt.datetime, ...]


def meeting_series(frequency: str, tier: str, start: dt.date, end: dt.date) -> Series | None:
    """The meetings of ``frequency`` and ``tier`` from ``start`` to ``end`` (inclusive), public holidays
    moved to the next working day; ``None`` when the first meeting would fall after ``end``.
    """
    first = first_meeting(frequency, start)
    if first > end:
        return None
    begin = dt.datetime.combine(first, TIMES[tier])
    recurrences = rrulestr(recurrence(frequency), dtstart=begin).between(
        begin, dt.datetime.combine(end, dt.time(23, 59, 59)), inc=True)
    off = holidays.country_holidays("NL", years=range(start.year, end.year + 1))
    skipped = [moment for moment in recurrences if moment.date() in off]
    held = {moment.date() for moment in recurrences} - {moment.date() for moment in skipped}
    moved = []
    for moment in skipped:
        day = _next_working_day(moment.date(), off)
        if day <= end and day not in held:
            moved.append(dt.datetime.combine(day, moment.time()))
            held.add(day)
    meetings = sorted({*recurrences, *moved} - set(skipped))
    return Series(begin, tuple(skipped), tuple(moved), tuple(meetings))


def meeting_calendar(tender: Tender, submission: Submission | None = None, *, start: dt.date | None = None,
                     end: dt.date | None = None, built: dt.datetime) -> bytes:
    """The meetings of ``tender`` from ``start`` to ``end`` as .ics bytes (UTF-8, CRLF).

    With the winning ``submission`` a meeting it promised to hold more often recurs at the promised
    frequency (see :func:`~generator.agreement.commitments.bound_meetings`). ``start``/``end`` default
    to the contract dates. A tender without meetings gives a calendar with
    no events. A tier whose first meeting would fall after ``end`` (a quarterly meeting in a two-month
    contract) is left out; meetings on a Dutch public holiday move to the next working day (see the
    module docstring). ``built`` (naive: UTC) becomes every ``DTSTAMP``. Raises ``ValueError``
    when ``end`` is before ``start``.
    """
    start = start or tender.dates.contract_start
    end = end or tender.dates.contract_end
    if end < start:
        raise ValueError(f"the calendar ends ({end}) before it starts ({start})")
    stamp = _utc(built).strftime("%Y%m%dT%H%M%SZ")
    w = words(tender.language)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tenderpack//meeting schedule//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:" + escape(f"{w['calendar_name']} {tender.reference}"), f"X-WR-TIMEZONE:{TZID}",
             *_VTIMEZONE]
    until = utc_of_local(dt.datetime.combine(end, dt.time(23, 59, 59))).strftime("%Y%m%dT%H%M%SZ")
    for meeting in bound_meetings(tender, submission):
        series = meeting_series(meeting.frequency, meeting.tier, start, end)
        if series is None:
            continue
        begin = series.first
        finish = begin + dt.timedelta(minutes=meeting.duration_minutes)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(tender.reference, meeting)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={TZID}:{begin:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={TZID}:{finish:%Y%m%dT%H%M%S}",
            f"RRULE:{recurrence(meeting.frequency)};UNTIL={until}",
            *_date_list("EXDATE", series.skipped),
            *_date_list("RDATE", series.moved),
            "SUMMARY:" + escape(f"{meeting.name} · {tender.reference}"),
            "DESCRIPTION:" + escape(_description(tender, meeting)),
            "CATEGORIES:" + escape(labels.label(labels.TIER, meeting.tier, tender.language)),
            "TRANSP:OPAQUE",
            "STATUS:CONFIRMED",
            "SEQUENCE:0",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def recurrence(frequency: str) -> str:
    """The RRULE (without ``UNTIL``) of a meeting of ``frequency``; see the module docstring."""
    return {
        "weekly": "FREQ=WEEKLY;BYDAY=TU",
        "fortnightly": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "monthly": "FREQ=MONTHLY;BYDAY=2TU",
        "quarterly": "FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU",
        "half_yearly": "FREQ=MONTHLY;INTERVAL=6;BYDAY=3TU",
        "yearly": "FREQ=MONTHLY;INTERVAL=12;BYDAY=3TU",
    }[frequency]


def first_meeting(frequency: str, start: dt.date) -> dt.date:
    """The date of the first meeting of ``frequency`` for a contract starting on ``start``."""
    if frequency in ("weekly", "fortnightly"):
        return start + dt.timedelta(days=(_TUESDAY - start.weekday()) % 7)
    if frequency == "monthly":
        candidate = nth_tuesday(start.year, start.month, 2)
        if candidate < start:
            following = add_months(start.replace(day=1), 1)
            candidate = nth_tuesday(following.year, following.month, 2)
        return candidate
    month = add_months(start.replace(day=1), _MONTHS_AFTER[frequency])
    return nth_tuesday(month.year, month.month, 3)


def nth_tuesday(year: int, month: int, n: int) -> dt.date:
    """The ``n``-th Tuesday of ``month`` in ``year``."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(_TUESDAY - first.weekday()) % 7 + 7 * (n - 1))


def utc_offset(local: dt.datetime) -> dt.timedelta:
    """The UTC offset of Dutch local time ``local``: +2 h in summer time, else +1 h.

    The EU rule (since 1996), the same rule the calendar's VTIMEZONE states: summer time from the last
    Sunday of March 02:00 to the last Sunday of October 03:00 local time. Computed here rather than
    from the tz database so the file does not depend on the machine's zoneinfo.
    """
    def last_sunday(month: int) -> dt.date:
        last = add_months(dt.date(local.year, month, 1), 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() + 1) % 7)

    summer_from = dt.datetime.combine(last_sunday(3), dt.time(2, 0))
    summer_until = dt.datetime.combine(last_sunday(10), dt.time(3, 0))
    return dt.timedelta(hours=2 if summer_from <= local < summer_until else 1)


def utc_of_local(local: dt.datetime) -> dt.datetime:
    """Dutch local time ``local`` (naive) as naive UTC."""
    return local - utc_offset(local)


def escape(text: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` folded into lines of at most 75 octets (RFC 5545, 3.1), joined by CRLF + space.

    A continuation line starts with one space, which counts towards its 75 octets; a line is never
    cut inside a UTF-8 multi-byte character.
    """
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, 74
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _next_working_day(day: dt.date, off: holidays.HolidayBase) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5 or day in off:
        day += dt.timedelta(days=1)
    return day


def _date_list(name: str, moments: tuple[dt.datetime, ...]) -> list[str]:
    if not moments:
        return []
    return [f"{name};TZID={TZID}:" + ",".join(f"{m:%Y%m%dT%H%M%S}" for m in moments)]


def _uid(reference: str, meeting: Meeting) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in reference)
    return f"{safe}-{meeting.clause_id}-{meeting.tier}@tenderpack"


def _description(tender: Tender, meeting: Meeting) -> str:
    w = words(tender.language)
    agenda = "\n".join(f"- {point}" for point in meeting.agenda)
    return (f"{w['col_participants']}: {meeting.participants}\n\n{w['col_agenda']}:\n{agenda}\n\n"
            f"{w['calendar_source'].format(clause=meeting.clause_id, reference=tender.reference)}\n"
            f"{w['calendar_default']}")


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
