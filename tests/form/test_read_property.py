"""Property-based: random valid and invalid answers over one tender round-trip, and every broken rule is
found at its cell.

The first property fills random answer sets through ``fill_form`` (what a bidder's tool writes) and
compares the Submission with the answer set and the findings with the oracle in bids.py. The second
types invalid values straight into cells (what fill_form refuses but a bidder can still type) and
checks that each one yields its code at exactly that cell.
"""

from __future__ import annotations

import datetime as dt
import io
import string

import openpyxl
from bids import answer_cell, assert_round_trip, edit, expected_findings, good_answers, ref
from formcheck import BUILT, full_tender
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell

from generator.errors import InputError
from generator.form import fill_form, read_form, write_form
from generator.form import layout as L
from generator.form.values import INVALID, yes_no
from generator.models.submission import AnswerEntry, AnswerSet, Bidder, KpiEntry

TENDER = full_tender("nl")
BLANK = write_form(TENDER, built=BUILT)
FILLED = fill_form(BLANK, good_answers(TENDER)).data
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a bidder types: letters, digits, spaces and common punctuation (no control characters, which no
# cell can hold, and no "_x0041_"-style escapes, which SpreadsheetML reserves).
TEXT = st.text(alphabet=string.ascii_letters + string.digits + " .,;:!?()'-éëïöü€\u00a0", max_size=80)
PHRASES = st.sampled_from(["", " onder voorbehoud van goedkeuring", " mits de planning het toelaat",
                           " subject to contract", " zonder voorbehoud"])
YES_NO = st.sampled_from(["Ja", "Nee", "Yes", "No", "ja", True, False, None])
LETTERS = st.sampled_from(["", "R", "A", "C", "I", "RA", "AC", "RACI", "ra"])


@st.composite
def answer_sets(draw) -> AnswerSet:
    """A random answer set over TENDER: every value fits its cell, any may break a rule."""
    def remark() -> str | None:
        return draw(st.one_of(st.none(), st.builds(str.__add__, TEXT, PHRASES)))

    answers: dict[str, object] = {}
    for item in ("REQ-01", "REQ-02", "REQ-03"):
        value = draw(YES_NO)
        answers[item] = AnswerEntry(answer=value, remark=remark()) if draw(st.booleans()) else value
    answers["REQ-90"] = draw(st.one_of(st.none(), st.integers(-5, 60)))
    answers["REQ-91"] = draw(st.sampled_from([None, "opt0", "opt5", "opt7"]))
    answers["REQ-92"] = draw(st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))))
    answers["REQ-93"] = draw(st.one_of(st.none(), st.builds(str.__mul__, TEXT, st.integers(1, 10))))
    for item in ("AWD-01", "AWD-02"):
        answers[item] = draw(st.one_of(st.none(), st.builds(str.__add__, TEXT, PHRASES)))
    kpis: dict[str, object] = {}
    for item in ("KPI-01", "KPI-02"):  # percent, higher is better, minimum 99, bounds 0..100
        value = draw(st.one_of(st.none(), st.integers(500, 1010).map(lambda n: n / 10)))
        kpis[item] = KpiEntry(value=value, remark=remark()) if value is not None and draw(st.booleans()) else value
    kpis["KPI-03"] = draw(st.one_of(st.none(), st.integers(0, 30)))  # working days, lower is better, minimum 10
    kpis["KPI-04"] = draw(YES_NO)
    roles = {activity: {party: draw(LETTERS) for party in L.RACI_PARTIES if draw(st.booleans())}
             for activity in ("RACI-02", "RACI-03")}
    bidder = Bidder(name=draw(st.one_of(st.none(), TEXT)), kvk=draw(st.sampled_from([None, "12345678", "1234567"])),
                    email=draw(st.sampled_from([None, "a@b.nl", "geen e-mail"])),
                    date=draw(st.one_of(st.none(), st.dates(dt.date(2027, 1, 10), dt.date(2027, 3, 1)))))
    # Amounts in cents: openpyxl, like Excel, writes 15 significant digits, so a float of 17 would not
    # come back bit for bit (and no price has them).
    price = draw(st.one_of(st.none(), st.integers(-1000, 10**7), st.integers(1, 10**9).map(lambda c: c / 100)))
    return AnswerSet(bidder=bidder, answers={k: v for k, v in answers.items() if v is not None},
                     kpis={k: v for k, v in kpis.items() if v is not None}, responsibilities=roles, price_eur=price)


# Codes about one answer cell: their finding must sit exactly on that item's answer cell.
_AT_ANSWER = {"knockout", "knockout_unanswered", "criterion_unanswered", "kpi_below_minimum", "out_of_bounds",
              "missing_answer", "invalid_kvk", "invalid_email", "not_positive", "too_long"}


@SETTINGS
@given(answer_sets())
def test_random_answer_sets_round_trip_with_exactly_the_expected_findings(answers):
    result = fill_form(BLANK, answers)
    assert result.unknown == [] and result.unplaced == []
    submission = read_form(result.data, tender=TENDER)
    assert_round_trip(TENDER, answers, submission)
    assert {(f.code, f.item) for f in submission.findings} == expected_findings(TENDER, answers)
    wb = openpyxl.load_workbook(io.BytesIO(result.data))
    for finding in submission.findings:
        if finding.code in _AT_ANSWER:
            assert finding.cell == ref(answer_cell(wb, finding.item)), finding


NOT_YES_NO = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12).filter(lambda s: yes_no(s) is INVALID)
NOT_A_NUMBER = st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=12).filter(str.strip)
BAD_LETTERS = st.text(alphabet="RACIXYZ123", min_size=1, max_size=4).filter(lambda s: set(s) - set("RACI"))
# Item, column (None: the answer), a strategy of invalid values for it, and the code each must give.
BROKEN = [
    ("REQ-01", None, NOT_YES_NO, "not_yes_no"),
    ("KPI-04", None, NOT_YES_NO, "not_yes_no"),
    ("REQ-90", None, NOT_A_NUMBER, "not_a_number"),
    ("REQ-90", None, st.one_of(st.integers(-100, 0), st.integers(49, 10**6)), "out_of_bounds"),
    ("KPI-01", None, st.integers(2, 98), "kpi_below_minimum"),
    ("KPI-03", None, st.integers(11, 1000), "kpi_below_minimum"),
    ("KPI-03", None, NOT_A_NUMBER, "not_a_number"),
    ("REQ-92", None, st.sampled_from(["morgen", "32-01-2027", "2027-13-01", "01-01-27"]), "not_a_date"),
    ("REQ-93", None, st.integers(501, 3000).map(lambda n: "x" * n), "too_long"),
    ("RACI-02", "joint", BAD_LETTERS, "raci_invalid"),
    ("bidder.kvk", None, st.text(alphabet=string.digits, min_size=1, max_size=12).filter(lambda s: len(s) != 8),
     "invalid_kvk"),
    ("price.total", None, st.integers(-10**6, 0), "not_positive"),
]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(range(len(BROKEN))), st.data()), min_size=1, max_size=4,
                unique_by=lambda pair: BROKEN[pair[0]][:2]))
def test_every_invalid_value_typed_gives_its_code_at_its_cell(picks):
    typed = {}
    for index, data in picks:
        item, column, values, code = BROKEN[index]
        typed[(item, column)] = (data.draw(values), code)

    def change(wb):
        for (item, column), (value, _) in typed.items():
            answer_cell(wb, item, column).value = value
    filled = edit(FILLED, change)
    submission = read_form(filled, tender=TENDER)
    wb = openpyxl.load_workbook(io.BytesIO(filled))
    found = {(f.code, f.cell) for f in submission.findings}
    for (item, column), (value, code) in typed.items():
        assert (code, ref(answer_cell(wb, item, column))) in found, (item, value, submission.findings)
    assert not submission.valid


CELL_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**9), TEXT,
                        st.floats(-1e12, 1e12, allow_nan=False), st.sampled_from(["Ja", "RA", "percent", "E:H"]))
SHEETS = openpyxl.load_workbook(io.BytesIO(FILLED)).sheetnames


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(SHEETS), st.integers(1, 80), st.integers(1, 24), CELL_VALUES),
                min_size=1, max_size=8))
def test_random_edits_anywhere_give_findings_or_an_input_error_never_a_crash(edits):
    def change(wb):
        for name, row, col, value in edits:
            cell = wb[name].cell(row, col)
            if not isinstance(cell, MergedCell):  # a merged range's covered cells hold nothing
                cell.value = value
    data = edit(FILLED, change)
    for tender in (None, TENDER):
        try:
            submission = read_form(data, tender=tender)
        except InputError as err:
            assert "\n" not in str(err) and str(err).startswith("form.xlsx ")
        else:
            assert all(f.message and f.message_en and f.code for f in submission.findings)
