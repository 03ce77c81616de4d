"""The promises sheet: a bidder may promise better than the tender on the terms a clause declares improvable."""

from __future__ import annotations

import pytest
from bids import BIDDER, answer_cell, edit, sample_form, sample_tender
from formcheck import load, sheet_parts

from generator.form import fill_form, read_form
from generator.form import layout as L
from generator.models.submission import AnswerSet

SAMPLE = "gemeente-it-beheer"


def _read(answers: dict) -> tuple:
    tender = sample_tender(SAMPLE, "nl")
    filled = fill_form(sample_form(SAMPLE, "nl"), AnswerSet(bidder=BIDDER, promises=answers))
    assert not filled.unknown
    return read_form(filled.data, tender=tender, filename="bid.xlsx"), filled


def test_the_tender_lists_the_improvable_terms_of_its_clauses():
    tender = sample_tender(SAMPLE, "nl")
    terms = {term.id: term for term in tender.improvable}
    assert set(terms) == {"GOV-01.minutes_days", "GOV-01.operational"}
    minutes, meeting = terms["GOV-01.minutes_days"], terms["GOV-01.operational"]
    # The spec sets minutes_days to 5; the library lets a bidder go down to 2 working days.
    assert (minutes.kind, minutes.value, minutes.better, minutes.limit, minutes.unit) == \
        ("parameter", 5, "lower", 2, "working_days")
    assert (meeting.kind, meeting.value, meeting.better, meeting.limit) == ("frequency", "fortnightly", "higher", "weekly")


def test_the_form_asks_for_the_promise_with_the_tenders_value_and_a_validated_cell():
    data = sample_form(SAMPLE, "nl")
    wb = load(data)
    ws = wb[L.sheet_name(L.PROMISES, "nl")]
    rows = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(1, 7)] for r in range(L.FIRST_ROW, ws.max_row + 1)}
    assert rows["GOV-01.minutes_days"][2:4] == ["Termijn verslaglegging", "5 werkdagen"]
    assert rows["GOV-01.operational"][2:4] == ["Operationeel overleg", "tweewekelijks"]
    assert all(row[5] is None for row in rows.values())  # blank: the tender's value stands
    answer = L.column_index(L.PROMISES, "answer")
    assert not ws.cell(L.FIRST_ROW, answer).protection.locked
    root = sheet_parts(data)[ws.title]
    rules = root.xpath("//m:dataValidation", namespaces={"m": root.nsmap[None]})
    kinds = {(dv.get("type"), dv.get("operator")) for dv in rules}
    assert ("whole", "between") in kinds and ("list", None) in kinds
    lists = wb[L.sheet_name(L.LISTS, "nl")]
    options = [[c.value for c in col if c.value is not None] for col in lists.iter_cols()
               if col[0].value == L.choice_list_name("GOV-01.operational")]
    assert options == [[L.choice_list_name("GOV-01.operational"), "wekelijks", "tweewekelijks"]]


def test_a_promise_is_read_back_with_its_cell():
    submission, _ = _read({"GOV-01.operational": "weekly", "GOV-01.minutes_days": 3})
    promises = {p.id: p for p in submission.promises}
    assert (promises["GOV-01.operational"].value, promises["GOV-01.operational"].raw) == ("weekly", "wekelijks")
    assert promises["GOV-01.minutes_days"].value == 3
    assert promises["GOV-01.minutes_days"].cell == "Toezeggingen!F5"
    assert not [f for f in submission.findings if f.item and f.item.startswith("GOV-01.")]


def test_a_blank_promise_keeps_the_tenders_value_without_a_finding():
    submission, _ = _read({})
    assert [(p.id, p.value) for p in submission.promises] == [("GOV-01.minutes_days", None),
                                                                ("GOV-01.operational", None)]
    assert not [f for f in submission.findings if f.item and f.item.startswith("GOV-01.")]


@pytest.mark.parametrize(("term", "value", "code"), [
    ("GOV-01.minutes_days", 1, "out_of_bounds"),    # below the library's minimum of 2 working days
    ("GOV-01.minutes_days", 8, "out_of_bounds"),    # worse than the tender's 5
    ("GOV-01.operational", "maandelijks", "not_an_option"),  # less often than the tender's fortnightly
])
def test_a_promise_worse_than_the_tender_or_beyond_its_limit_is_a_located_finding(term, value, code):
    tender = sample_tender(SAMPLE, "nl")
    filled = fill_form(sample_form(SAMPLE, "nl"), AnswerSet(bidder=BIDDER))

    def change(wb):
        answer_cell(wb, term).value = value

    submission = read_form(edit(filled.data, change), tender=tender, filename="bid.xlsx")
    found = [f for f in submission.findings if f.item == term]
    assert [f.code for f in found] == [code]
    assert found[0].cell.startswith("Toezeggingen!F")
    assert next(p for p in submission.promises if p.id == term).value is None
