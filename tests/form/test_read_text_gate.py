"""Issue 16, items 3, 4 and 8: bidder text is passed through one text gate where a form is read.

Characters that no writer or terminal may receive, stored as Excel stores them (``_xHHHH_`` escapes
for what XML cannot carry, the rest literally), reach the Submission as U+FFFD with a located
``unsafe_characters`` warning; a line break in a one-line bidder field becomes a space.
"""

from __future__ import annotations

import json

import pytest
from bids import good_answers, sample_form, sample_tender
from hostile import DANGEROUS, with_text

from generator.characters import REPLACEMENT, UNSAFE
from generator.form import fill_form, read_form
from generator.workbook import cell_ref, open_workbook

SAMPLE = "gemeente-it-beheer"
NAME, CONTACT, ADDRESS = "Testbouw B.V.", "A. Tester", "Markt 1, 1234 AB Testdorp"


@pytest.fixture(scope="module")
def filled() -> bytes:
    tender = sample_tender(SAMPLE, "nl")
    return fill_form(sample_form(SAMPLE, "nl"), good_answers(tender)).data


def cells_holding(data: bytes, text: str) -> list[str]:
    """Every cell (Sheet!A1) whose value contains ``text``, read independently of the form parser."""
    wb = open_workbook(data)
    return [f"{sheet.name}!{cell_ref(row, col)}" for sheet in wb.sheets for row, cells in sheet.rows.items()
            for col, value in cells.items() if isinstance(value, str) and text in value]


def strings(value: object):
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("bad", ["\ud800", "\x01", "\x00", "\ufffe", "\x1b", "\u202e"])
def test_unsafe_character_in_the_name_is_replaced_and_located(filled, bad):
    data = with_text(filled, {NAME: f"Acme{bad} B.V."})
    submission = read_form(data)
    assert submission.bidder.name == f"Acme{REPLACEMENT} B.V."
    (cell,) = cells_holding(data, REPLACEMENT)
    (finding,) = [f for f in submission.findings if f.code == "unsafe_characters"]
    assert (finding.severity, finding.cell, finding.item) == ("warning", cell, "bidder.name")
    # The whole submission serialises (the lone surrogate stopped parse and import with a traceback).
    json.loads(submission.model_dump_json()).items()


def test_terminal_escapes_and_line_breaks_in_one_line_fields(filled):
    name = "Acme\x1b[8m hidden\x1b[0m\nfake.xlsx  imported  0  0  Other B.V."
    data = with_text(filled, {NAME: name, CONTACT: "Jan\r\nJansen", ADDRESS: "Markt 1\n1234 AB Testdorp"})
    submission = read_form(data)
    bidder = submission.bidder
    assert bidder.name == "Acme\ufffd[8m hidden\ufffd[0m fake.xlsx  imported  0  0  Other B.V."
    assert bidder.contact == "Jan Jansen"
    assert bidder.address == "Markt 1\n1234 AB Testdorp"  # an address may have lines
    codes = {(f.code, f.item) for f in submission.findings}
    assert {("unsafe_characters", "bidder.name"), ("line_break", "bidder.name"),
            ("line_break", "bidder.contact")} <= codes
    assert ("line_break", "bidder.address") not in codes


def test_bidi_override_cannot_disguise_a_kvk_number(filled):
    data = with_text(filled, {"12345678": "\u202e87654321"})
    submission = read_form(data)
    assert submission.bidder.kvk != "87654321" and "\u202e" not in submission.model_dump_json()
    assert {"invalid_kvk", "unsafe_characters"} <= {f.code for f in submission.findings if f.item == "bidder.kvk"}


@pytest.mark.parametrize("bad", DANGEROUS)
def test_nothing_unsafe_reaches_the_submission(filled, bad):
    data = with_text(filled, {NAME: f"A{bad}B", CONTACT: f"{bad}", ADDRESS: f"{bad}x{bad}"})
    dumped = json.loads(read_form(data).model_dump_json())
    for text in strings(dumped):
        assert UNSAFE.search(text) is None, text
    assert "\n" not in dumped["bidder"]["name"] and "\r" not in dumped["bidder"]["name"]
