"""A bid form without traps: what the form itself tells a bidder before a typed answer invalidates the bid."""

from __future__ import annotations

import pytest
from bids import good_answers, sample_form, sample_tender
from formcheck import NS, items, load, sheet_parts
from openpyxl.worksheet.cell_range import MultiCellRange

from generator.form import fill_form, read_form
from generator.form import layout as L
from generator.models.submission import AnswerEntry

IT = "gemeente-it-beheer"
KNOCKOUT_WORDS = {"nl": ("Knock-outeis", "minimum is 16", "ongeldig"),
                  "en": ("Knock-out requirement", "minimum is 16", "invalid")}


def _validations_of(form: bytes, sheet: str, coordinate: str) -> list:
    """The dataValidation elements of ``sheet`` whose ``sqref`` covers ``coordinate``."""
    root = sheet_parts(form)[sheet]
    return [dv for dv in root.xpath("//m:dataValidation", namespaces=NS)
            if coordinate in MultiCellRange(dv.get("sqref"))]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_number_requirement_is_bounded_by_its_knockout_minimum(lang):
    """GOV-08 (min_hours 16 in the IT sample) accepts 16 to 40 hours, and says why 12 is refused."""
    form = sample_form(IT, lang)
    record = items(load(form))["GOV-08"]
    assert (record["minimum"], record["direction"]) == (16, "higher_is_better")
    (dv,) = _validations_of(form, L.sheet_name(L.REQUIREMENTS, lang), f"{record['column']}{record['row']}")
    formulas = [f.text for f in dv.xpath("m:formula1|m:formula2", namespaces=NS)]
    assert (dv.get("type"), dv.get("operator"), formulas) == ("whole", "between", ["16", "40"])
    assert dv.get("showErrorMessage") == "1" and dv.get("errorStyle", "stop") == "stop"
    error = dv.get("error")
    assert all(word in error for word in KNOCKOUT_WORDS[lang]), error
    assert len(error) <= 225 and len(dv.get("prompt")) <= 255


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_number_below_the_knockout_minimum_is_a_knockout_finding(lang):
    tender = sample_tender(IT, lang)
    answers = good_answers(tender)
    answers.answers["GOV-08"] = AnswerEntry(answer=12)
    filled = fill_form(sample_form(IT, lang), answers).data
    for against in (tender, None):
        submission = read_form(filled, tender=against, filename="bid.xlsx")
        (finding,) = [f for f in submission.findings if f.item == "GOV-08"]
        assert finding.code == "knockout_below_minimum" and finding.severity == "error"
        assert finding.cell.endswith(f"!E{items(load(filled))['GOV-08']['row']}")
        assert all(word in finding.message for word in KNOCKOUT_WORDS[lang]) and "12" in finding.message
        assert submission.knocked_out
    answers.answers["GOV-08"] = AnswerEntry(answer=16)
    at_minimum = read_form(fill_form(sample_form(IT, lang), answers).data, tender=tender, filename="bid.xlsx")
    assert not [f for f in at_minimum.findings if f.item == "GOV-08"] and not at_minimum.knocked_out
