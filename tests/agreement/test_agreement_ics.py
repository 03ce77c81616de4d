"""The meeting schedule: RFC 5545 structure, recurrence rules, time zone, folding and escaping."""

from __future__ import annotations

import datetime as dt
import re

import holidays
from awarded import BUILT, tender
from dateutil.rrule import rrulestr

from generator.agreement.ics import escape, first_meeting, fold, meeting_calendar, meeting_series, utc_of_local

D = dt.date


def unfold(data: bytes) -> list[str]:
    """The content lines of an iCalendar file: CRLF-split, continuation lines joined (RFC 5545, 3.1)."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line ends
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def events(data: bytes) -> list[dict[str, str]]:
    """Every VEVENT as a dict of property name (with parameters) -> value."""
    out, current = [], None
    for line in unfold(data):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            out.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return out


def held(event: dict[str, str]) -> list[dt.datetime]:
    """Every meeting of ``event`` as a calendar program expands it: RRULE, EXDATE and RDATE read by
    dateutil's RFC 5545 parser (not by the code under test), in Dutch local time, naive.

    dateutil takes no TZID on EXDATE and RDATE, so every value is read as naive local time; UNTIL (UTC)
    then ends the series two hours early on the last day, after every meeting time of the day.
    """
    wanted = ("DTSTART", "RRULE", "EXDATE", "RDATE")
    lines = [f"{name.split(';')[0]}:{value}" for name, value in event.items() if name.startswith(wanted)]
    return list(rrulestr("\n".join(lines).replace("Z", ""), forceset=True))


def test_calendar_structure_and_one_recurring_event_per_tier():
    t = tender()
    data = meeting_calendar(t, built=BUILT)
    lines = unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VTIMEZONE") == 1 and "TZID:Europe/Amsterdam" in lines
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in lines  # summer time rule of the VTIMEZONE
    found = events(data)
    assert len(found) == len(t.meetings) == 3
    by_uid = {e["UID"]: e for e in found}
    op = by_uid["GZV-2027-ICT-014-GOV-01-operational@tenderpack"]
    assert op["DTSTART;TZID=Europe/Amsterdam"] == "20270706T100000"  # first Tuesday after 1 July 2027
    assert op["DTEND;TZID=Europe/Amsterdam"] == "20270706T110000"
    assert op["RRULE"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20310630T215959Z"  # 23:59:59 CEST in UTC
    assert op["DTSTAMP"] == "20270520T090000Z"
    tactical = by_uid["GZV-2027-ICT-014-GOV-01-tactical@tenderpack"]
    assert tactical["RRULE"].startswith("FREQ=MONTHLY;BYDAY=2TU;")
    assert tactical["DTSTART;TZID=Europe/Amsterdam"] == "20270713T133000"
    strategic = by_uid["GZV-2027-ICT-014-GOV-01-strategic@tenderpack"]
    assert strategic["RRULE"].startswith("FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU;")
    assert strategic["DTSTART;TZID=Europe/Amsterdam"] == "20271019T140000"  # after the first quarter
    assert "GOV-01" in op["DESCRIPTION"] and "\\n- " in op["DESCRIPTION"]


def test_lines_fold_at_75_octets_and_text_is_escaped():
    data = meeting_calendar(tender(), built=BUILT)
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75
    assert escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "é" * 60)  # two-octet characters are never cut
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 60


def test_recurrences_are_right_across_year_end_and_leap_year():
    assert first_meeting("fortnightly", D(2027, 12, 29)) == D(2028, 1, 4)
    assert first_meeting("weekly", D(2028, 1, 4)) == D(2028, 1, 4)  # a Tuesday start is the first meeting
    assert first_meeting("monthly", D(2027, 12, 15)) == D(2028, 1, 11)  # 14 Dec is before the start
    assert first_meeting("monthly", D(2027, 12, 1)) == D(2027, 12, 14)
    assert first_meeting("quarterly", D(2027, 11, 30)) == D(2028, 2, 15)  # third Tuesday of February 2028
    assert first_meeting("yearly", D(2028, 2, 29)) == D(2029, 2, 20)
    assert utc_of_local(dt.datetime(2028, 3, 15, 23, 59, 59)) == dt.datetime(2028, 3, 15, 22, 59, 59)  # CET
    assert utc_of_local(dt.datetime(2028, 3, 26, 3, 0)) == dt.datetime(2028, 3, 26, 1, 0)  # CEST from 26 March
    assert utc_of_local(dt.datetime(2028, 10, 29, 3, 0)) == dt.datetime(2028, 10, 29, 2, 0)  # CET again


def test_short_contract_leaves_out_tiers_that_never_meet_and_ends_in_winter_time():
    t = tender()
    data = meeting_calendar(t, start=D(2027, 12, 15), end=D(2028, 2, 29), built=BUILT)
    found = events(data)
    assert {e["UID"].split("-")[-1] for e in found} == {"operational@tenderpack", "tactical@tenderpack"}
    assert all(e["RRULE"].endswith("UNTIL=20280229T225959Z") for e in found)


def test_english_calendar_and_deterministic_output():
    data = meeting_calendar(tender("en"), built=BUILT)
    assert b"SUMMARY:Operational meeting" in data
    assert data == meeting_calendar(tender("en"), built=BUILT)
    assert re.search(rb"X-WR-CALNAME:Meetings GZV-2027-ICT-014\r\n", data)


def test_meetings_skip_dutch_public_holidays_and_stay_within_the_contract_term():
    t = tender()
    found = events(meeting_calendar(t, built=BUILT))
    off = holidays.country_holidays("NL", years=range(2027, 2032))
    start, end = t.dates.contract_start, t.dates.contract_end
    by_tier = {e["UID"].split("-")[-1].split("@")[0]: held(e) for e in found}
    for tier, meetings in by_tier.items():
        assert meetings, tier
        assert all(start <= m.date() <= end for m in meetings), tier
        assert not [m for m in meetings if m.date() in off], tier
        assert all(m.weekday() < 5 for m in meetings), tier
    operational = by_tier["operational"]
    # The fortnightly series reaches New Year's Day 2030, a Tuesday: held on Wednesday 2 January instead.
    assert dt.datetime(2030, 1, 1, 10, 0) not in operational and dt.datetime(2030, 1, 2, 10, 0) in operational
    assert operational[-1].date() <= end < operational[-1].date() + dt.timedelta(days=15)
    op = next(e for e in found if e["UID"].endswith("-operational@tenderpack"))
    assert "20300101T100000" in op["EXDATE;TZID=Europe/Amsterdam"].split(",")
    assert "20300102T100000" in op["RDATE;TZID=Europe/Amsterdam"].split(",")


def test_a_moved_meeting_never_leaves_the_term_or_doubles_up():
    # Christmas 2029 falls on a Tuesday and Boxing Day after it: the weekly meeting moves to Thursday.
    series = meeting_series("weekly", "operational", D(2029, 12, 1), D(2030, 1, 31))
    assert dt.datetime(2029, 12, 27, 10, 0) in series.meetings
    assert {m.date() for m in series.skipped} == {D(2029, 12, 25), D(2030, 1, 1)}
    assert len(series.meetings) == len({m.date() for m in series.meetings})
    # A contract ending on the holiday itself: the meeting is dropped, not moved past the end.
    last = meeting_series("weekly", "operational", D(2029, 12, 1), D(2029, 12, 25))
    assert last.meetings[-1] == dt.datetime(2029, 12, 18, 10, 0) and last.moved == ()
