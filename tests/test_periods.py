"""Measurement periods: contract-aligned, contiguous, right across year ends, leap years and mid-month starts."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.periods import add_months, contract_year, label, periods

D = dt.date


@pytest.mark.parametrize("frequency", ["weekly", "fortnightly", "monthly", "quarterly", "half_yearly", "yearly"])
@pytest.mark.parametrize(("start", "end"), [(D(2027, 7, 1), D(2031, 6, 30)), (D(2027, 3, 15), D(2029, 11, 3)),
                                            (D(2028, 1, 31), D(2029, 3, 10)), (D(2028, 2, 29), D(2032, 2, 28))])
def test_periods_cover_the_contract_without_gap_or_overlap(frequency, start, end):
    items = periods(start, end, frequency)
    assert items[0].start == start and items[-1].end == end
    for before, after in zip(items, items[1:]):
        assert after.start == before.end + dt.timedelta(days=1)
        assert before.complete
    assert [p.number for p in items] == list(range(1, len(items) + 1))


def test_monthly_periods_across_the_year_end_are_calendar_months():
    items = periods(D(2027, 7, 1), D(2031, 6, 30), "monthly")
    december, january = items[5], items[6]
    assert (december.start, december.end, label(december, "nl")) == (D(2027, 12, 1), D(2027, 12, 31), "dec 2027")
    assert (january.start, january.end, label(january, "en")) == (D(2028, 1, 1), D(2028, 1, 31), "Jan 2028")
    assert items[7].end == D(2028, 2, 29)  # 2028 is a leap year
    assert len(items) == 48 and sum(p.fee_share for p in items) == pytest.approx(4.0)


def test_a_contract_starting_on_31_january_clamps_to_month_ends_without_drift():
    items = periods(D(2028, 1, 31), D(2029, 3, 10), "monthly")
    starts = [p.start for p in items[:4]]
    assert starts == [D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31), D(2028, 4, 30)]
    assert items[0].end == D(2028, 2, 28)
    assert items[12].start == D(2029, 1, 31) and items[13].start == D(2029, 2, 28)
    last = items[-1]  # 28 Feb - 10 Mar 2029: 11 of the 31 days of that month-period
    assert not last.complete and last.days == 11
    assert last.fee_share == pytest.approx(1 / 12 * 11 / 31)


def test_mid_month_start_gives_date_range_labels_and_contract_years():
    items = periods(D(2027, 3, 15), D(2029, 11, 3), "quarterly")
    assert (items[0].start, items[0].end) == (D(2027, 3, 15), D(2027, 6, 14))
    assert label(items[0], "nl") == "15 mrt 2027 – 14 jun 2027"
    assert [p.contract_year for p in items[:5]] == [1, 1, 1, 1, 2]
    assert items[4].start == D(2028, 3, 15)


def test_leap_day_start_and_contract_years():
    assert add_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    start = D(2028, 2, 29)
    assert contract_year(start, D(2029, 2, 27)) == 1
    assert contract_year(start, D(2029, 2, 28)) == 2
    assert contract_year(start, D(2032, 2, 29)) == 5
    yearly = periods(start, D(2032, 2, 28), "yearly")
    assert [p.start for p in yearly] == [D(2028, 2, 29), D(2029, 2, 28), D(2030, 2, 28), D(2031, 2, 28)]
    assert label(yearly[1], "nl") == "contractjaar 2"


def test_weekly_periods_run_over_the_year_end_and_a_week_is_one_fifty_second():
    items = periods(D(2027, 12, 28), D(2028, 1, 20), "weekly")
    assert [(p.start, p.end) for p in items] == [(D(2027, 12, 28), D(2028, 1, 3)), (D(2028, 1, 4), D(2028, 1, 10)),
                                                 (D(2028, 1, 11), D(2028, 1, 17)), (D(2028, 1, 18), D(2028, 1, 20))]
    assert items[0].fee_share == pytest.approx(1 / 52)
    assert items[-1].fee_share == pytest.approx(1 / 52 * 3 / 7)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="before it starts"):
        periods(D(2028, 1, 1), D(2027, 1, 1), "monthly")
    with pytest.raises(ValueError, match="unknown frequency"):
        periods(D(2027, 1, 1), D(2028, 1, 1), "daily")
