"""What real bidders type, written straight into the cells with openpyxl, is read as they meant it."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from bids import BIDDER, answer_cell, edit, good_answers, ref
from formcheck import BUILT, full_tender
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from generator.form import fill_form, read_form, write_form
from generator.form import values as V
from generator.models.submission import AnswerSet


@pytest.fixture(scope="module")
def tender():
    return full_tender("nl")


@pytest.fixture(scope="module")
def filled(tender):
    """A valid filled form: each test overwrites a few cells of it."""
    return fill_form(write_form(tender, built=BUILT), good_answers(tender)).data


def typed(data: bytes, cells: dict[tuple[str, str | None], object], date1904: bool = False) -> bytes:
    """``data`` with each (item ID, layout column or answer) cell set to its value, as typed in Excel."""
    def change(wb):
        wb.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        for (item_id, column), value in cells.items():
            answer_cell(wb, item_id, column).value = value
    return edit(data, change)


def by_id(submission):
    return {a.id: a for a in submission.answers}, {k.id: k for k in submission.kpi_offers}


def codes(submission):
    return {(f.code, f.item) for f in submission.findings}


@pytest.mark.parametrize("text", ["ja", "JA", "Ja ", "Yes", "x", "X", "✓", "✔", "j", "y", "Ja.", "\u00a0ja\u00a0", True])
def test_yes(filled, text):
    submission = read_form(typed(filled, {("REQ-01", None): text, ("KPI-04", None): text}))
    answers, offers = by_id(submission)
    assert answers["REQ-01"].value is True and offers["KPI-04"].accepted is True
    assert submission.valid


@pytest.mark.parametrize("text", ["nee", "NEE", "Nee ", "No", "n", False])
def test_no_is_a_knockout_for_a_requirement_and_a_fixed_kpi(filled, text):
    submission = read_form(typed(filled, {("REQ-01", None): text, ("KPI-04", None): text}))
    answers, offers = by_id(submission)
    assert answers["REQ-01"].value is False and offers["KPI-04"].accepted is False
    assert {("knockout", "REQ-01"), ("knockout", "KPI-04")} <= codes(submission) and submission.knocked_out


@pytest.mark.parametrize(("typed_value", "expected", "note"), [
    (99.5, 99.5, None),
    ("99,5", 99.5, None),
    ("99.5", 99.5, None),
    ("99,5%", 99.5, None),
    ("99,5 %", 99.5, None),
    (" 99,9 ", 99.9, None),
    (0.995, 99.5, "percent_as_fraction"),   # Excel stores a typed 99,5% as 0.995
    (1, 100.0, "percent_as_fraction"),      # and 100% as 1
    ("0,995", 99.5, "percent_as_fraction"),
    (100, 100.0, None),
])
def test_percentages_as_fraction_or_percent_are_decided_by_the_unit(filled, typed_value, expected, note):
    # KPI-01: percent, higher is better, minimum 99, bounds 0..100.
    submission = read_form(typed(filled, {("KPI-01", None): typed_value}))
    offer = by_id(submission)[1]["KPI-01"]
    assert offer.value == pytest.approx(expected)
    assert ("percent_as_fraction", "KPI-01") in codes(submission) if note else submission.valid


def test_a_fraction_that_fits_both_readings_is_kept_and_flagged(tender):
    # A lower-is-better percentage (at most 5%): 0.5 may be 0.5% or 50%; the latter breaks the minimum.
    kpi = tender.kpis[0].model_copy(update={"direction": "lower_is_better", "minimum": 60.0, "target": 1.0})
    low = tender.model_copy(update={"kpis": [kpi]})
    data = fill_form(write_form(low, built=BUILT), AnswerSet(bidder=BIDDER, kpis={"KPI-01": 0.5})).data
    submission = read_form(data)
    assert by_id(submission)[1]["KPI-01"].value == 0.5
    assert ("percent_ambiguous", "KPI-01") in codes(submission)


@pytest.mark.parametrize(("typed_value", "expected"), [
    ("12", 12.0), (12, 12.0), ("12,0", 12.0), (" 7 ", 7.0), ("1.5", 1.5),
])
def test_numbers_as_text(filled, typed_value, expected):
    submission = read_form(typed(filled, {("REQ-90", None): typed_value, ("KPI-03", None): typed_value}))
    answers, offers = by_id(submission)
    assert answers["REQ-90"].value == expected and offers["KPI-03"].value == expected


@pytest.mark.parametrize(("typed_value", "expected"), [
    (1234567.89, 1234567.89), ("1.234.567,89", 1234567.89), ("€ 1.250.000,-", 1250000.0),
    ("€ 450.000", 450000.0), ("1,250,000.50", 1250000.5), ("EUR 99,95", 99.95), ("450000", 450000.0),
])
def test_prices_as_typed(filled, typed_value, expected):
    assert read_form(typed(filled, {("price.total", None): typed_value})).price_eur == pytest.approx(expected)


@pytest.mark.parametrize("typed_value", ["9" * 400, "1" * 320 + ",5", "NaN", "inf"])
def test_a_price_that_is_no_finite_number_is_refused_at_its_cell(filled, typed_value):
    # Issue 16: typed as text, hundreds of digits overflow to infinity; it was stored as the price.
    submission = read_form(typed(filled, {("price.total", None): typed_value}))
    assert submission.price_eur is None
    (finding,) = [f for f in submission.findings if f.item == "price.total"]
    cell = answer_cell(openpyxl.load_workbook(io.BytesIO(filled)), "price.total")
    assert (finding.code, finding.cell) == ("not_a_number", f"{cell.parent.title}!{cell.coordinate}")


@pytest.mark.parametrize(("typed_value", "date1904"), [
    ("01-06-2027", False), ("1-6-2027", False), ("01/06/2027", False), ("01.06.2027", False),
    ("2027-06-01", False), (dt.datetime(2027, 6, 1), False), (dt.datetime(2027, 6, 1), True),
    (46539, False), (46539.0, False),
])
def test_dates_as_text_or_serial_in_either_epoch(filled, typed_value, date1904):
    data = typed(filled, {("REQ-92", None): typed_value, ("bidder.date", None): typed_value}, date1904)
    submission = read_form(data)
    assert by_id(submission)[0]["REQ-92"].value == dt.date(2027, 6, 1)
    assert submission.bidder.date == dt.date(2027, 6, 1)


def test_serials_follow_the_workbook_epoch(filled):
    # The same stored number is another day in the 1904 system of old Mac workbooks.
    assert V.date(46539, date1904=True) == dt.date(2031, 6, 2)


@pytest.mark.parametrize(("typed_value", "expected"), [
    ("ra", "RA"), ("A R", "RA"), ("R/A", "RA"), ("r, a", "RA"), ("AR", "RA"), ("RR", "R"),
])
def test_raci_letters_in_any_order_or_case(filled, typed_value, expected):
    submission = read_form(typed(filled, {("RACI-02", None): typed_value, ("RACI-03", None): "I"}))
    roles = {(r.activity, r.party): r.letters for r in submission.responsibilities}
    assert roles[("RACI-02", "client")] == expected


def test_choice_by_label_or_key_ignoring_case_and_spacing(filled, tender):
    label = tender.requirements[-3].answer.options["opt2"].get("nl")
    for value in (label, label.upper(), "  " + label.replace(" ", "  ") + " ", "opt2", "OPT2"):
        assert by_id(read_form(typed(filled, {("REQ-91", None): value})))[0]["REQ-91"].value == "opt2"


def test_kvk_and_email_as_typed(filled):
    data = typed(filled, {("bidder.kvk", None): 1234567, ("bidder.email", None): " info@testbouw.nl "})
    submission = read_form(data)
    assert submission.bidder.kvk == "01234567" and submission.bidder.email == "info@testbouw.nl"
    assert read_form(typed(filled, {("bidder.kvk", None): "1234 5678"})).bidder.kvk == "12345678"


@pytest.mark.parametrize(("cells", "code"), [
    ({("REQ-01", None): "Misschien"}, "not_yes_no"),
    ({("REQ-01", None): "Ja, mits"}, "not_yes_no"),
    ({("REQ-90", None): "twaalf"}, "not_a_number"),
    ({("REQ-90", None): 60}, "out_of_bounds"),
    ({("REQ-91", None): "Optie 99"}, "not_an_option"),
    ({("REQ-92", None): "31-02-2027"}, "not_a_date"),
    ({("REQ-93", None): "x" * 501}, "too_long"),
    ({("KPI-01", None): 98.0}, "kpi_below_minimum"),
    ({("KPI-01", None): 101}, "out_of_bounds"),
    ({("KPI-03", None): 11}, "kpi_below_minimum"),  # lower is better, minimum 10
    ({("KPI-03", None): "#N/A"}, "not_a_number"),
    ({("KPI-02", None): None}, "knockout_unanswered"),
    ({("RACI-02", None): "X"}, "raci_invalid"),
    ({("RACI-02", "contractor"): "R"}, "raci_accountable"),
    ({("RACI-02", "contractor"): "A"}, "raci_responsible"),
    ({("RACI-01", "contractor"): "RA"}, "raci_fixed_changed"),
    ({("bidder.kvk", None): "1234567"}, "invalid_kvk"),
    ({("bidder.email", None): "info at testbouw.nl"}, "invalid_email"),
    ({("bidder.name", None): "   "}, "missing_answer"),
    ({("price.total", None): 0}, "not_positive"),
    ({("price.total", None): "op aanvraag"}, "not_a_number"),
    ({("REQ-02", "remark"): "Wij voldoen, onder voorbehoud van goedkeuring."}, "reservation"),
    ({("AWD-01", None): "Wij leveren dit, mits de planning het toelaat."}, "reservation"),
    ({("KPI-01", "remark"): "Subject to approval by our board."}, "reservation"),
    ({("RACI-03", "remark"): "Provided that the client pays."}, "reservation"),
])
def test_each_bad_value_gives_its_finding_at_its_cell(filled, cells, code):
    data = typed(filled, cells)
    submission = read_form(data)
    (item_id, column), = cells
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cell = ref(answer_cell(wb, item_id, column)) if code not in ("raci_accountable", "raci_responsible") \
        else ref(answer_cell(wb, item_id))
    matches = [f for f in submission.findings if f.code == code and f.item == item_id]
    assert matches and matches[0].cell == cell, submission.findings
    assert matches[0].message and matches[0].message_en


def test_reservations_are_word_matched_and_negations_ignored():
    assert V.reservation("Wij leveren mits de planning het toelaat")[0] == "mits"
    assert V.reservation("Behoudens overmacht.")[0] == "Behoudens"
    for text in ("Zonder voorbehoud.", "Geen voorbehoud", "commitments", "tenzijn", "Without reservation.",
                 "The provisions apply"):
        assert V.reservation(text) is None, text
