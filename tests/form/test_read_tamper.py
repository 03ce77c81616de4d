"""A form whose structure, text or metadata was changed: detected, located, and never a crash."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from bids import answer_cell, edit, good_answers, meta_rows, sample_tender, set_meta
from formcheck import BUILT, full_tender

from generator.errors import InputError
from generator.form import fill_form, read_form, write_form
from generator.form import layout as L

EISEN = L.sheet_name(L.REQUIREMENTS, "nl")


@pytest.fixture(scope="module")
def tender():
    return full_tender("nl")


@pytest.fixture(scope="module")
def filled(tender):
    return fill_form(write_form(tender, built=BUILT), good_answers(tender)).data


def codes(submission):
    return [(f.code, f.item) for f in submission.findings]


def values(submission):
    return {a.id: a.value for a in submission.answers}


def test_a_clean_form_has_no_findings(filled, tender):
    assert codes(read_form(filled)) == [] and codes(read_form(filled, tender=tender)) == []


def test_altered_requirement_text(filled, tender):
    def change(wb):
        cell = answer_cell(wb, "REQ-02", "text")
        cell.value = cell.value + " Uitgezonderd weekenden."
    data = edit(filled, change)
    for submission in (read_form(data), read_form(data, tender=tender)):
        assert ("text_altered", "REQ-02") in codes(submission)
        finding = next(f for f in submission.findings if f.code == "text_altered")
        assert finding.cell == f"{EISEN}!A{meta_rows(_wb(data))['REQ-02']['row']}"


def test_altered_text_and_hash_in_the_metadata_is_caught_against_the_tender(filled, tender):
    """A bidder who edits the text and the hidden hash fools the form's own check, not the tender's."""
    def change(wb):
        cell = answer_cell(wb, "REQ-02", "text")
        cell.value = "Opdrachtnemer voldoet aan eis 2, behalve in de weekenden."
        shown = {c: cell.parent.cell(cell.row, c).value for c in L.shown_columns(L.REQUIREMENTS)}
        set_meta(wb, "REQ-02", hash=L.row_hash(L.REQUIREMENTS, shown))
        set_meta(wb, "KPI-01", minimum=50)  # and lowers a minimum
        answer_cell(wb, "KPI-01").value = 60
    data = edit(filled, change)
    assert ("text_altered", "REQ-02") not in codes(read_form(data))
    against = codes(read_form(data, tender=tender))
    assert {("text_altered", "REQ-02"), ("metadata_altered", "REQ-02"), ("metadata_altered", "KPI-01"),
            ("kpi_below_minimum", "KPI-01")} <= set(against)


def test_odd_values_in_shown_cells_are_altered_text_not_a_crash(filled):
    def change(wb):
        answer_cell(wb, "REQ-01", "title").value = True
        answer_cell(wb, "REQ-02", "title").value = "#N/A"
        answer_cell(wb, "REQ-03", "title").value = 3.5
    found = codes(read_form(edit(filled, change)))
    assert {("text_altered", "REQ-01"), ("text_altered", "REQ-02"), ("text_altered", "REQ-03")} <= set(found)


def test_row_inserted_is_reported_and_the_rows_below_still_map(filled):
    def change(wb):
        ws = wb[EISEN]
        row = answer_cell(wb, "REQ-02").row
        ws.insert_rows(row)
        ws.cell(row, 2).value = "Extra voorwaarde van de inschrijver"
    submission = read_form(edit(filled, change))
    found = codes(submission)
    assert [c for c in found if c[0] == "row_inserted"] == [("row_inserted", None)]
    assert not any(c[0] in ("row_moved", "row_deleted", "text_altered") for c in found), found
    assert values(submission)["REQ-02"] is True and values(submission)["REQ-90"] == 2.0


def test_row_deleted(filled):
    def change(wb):
        wb[EISEN].delete_rows(answer_cell(wb, "REQ-02").row)
    submission = read_form(edit(filled, change))
    assert ("row_deleted", "REQ-02") in codes(submission)
    assert values(submission)["REQ-02"] is None and values(submission)["REQ-03"] is True
    assert not any(code in ("row_moved", "text_altered") for code, _ in codes(submission))


def test_rows_moved_intact_still_map_by_id(filled):
    def change(wb):
        ws = wb[EISEN]
        a, b = answer_cell(wb, "REQ-01").row, answer_cell(wb, "REQ-03").row
        answer_cell(wb, "REQ-03").value = "Nee"
        for col in range(1, 7):
            top, bottom = ws.cell(a, col), ws.cell(b, col)
            top.value, bottom.value = bottom.value, top.value
    submission = read_form(edit(filled, change))
    assert values(submission)["REQ-01"] is True and values(submission)["REQ-03"] is False
    moved = [item for code, item in codes(submission) if code == "row_moved"]
    # REQ-01 and REQ-03 swapped around REQ-02: two of the three rows are the fewest out of place.
    assert len(moved) == 2 and set(moved) <= {"REQ-01", "REQ-02", "REQ-03"}
    assert ("knockout", "REQ-03") in codes(submission)
    assert not any(code == "text_altered" for code, _ in codes(submission))


def test_row_duplicated(filled):
    def change(wb):
        ws = wb[EISEN]
        source = answer_cell(wb, "REQ-01").row
        target = ws.max_row + 1
        for col in range(1, 7):
            ws.cell(target, col).value = ws.cell(source, col).value
        ws.cell(target, 5).value = "Nee"
    submission = read_form(edit(filled, change))
    assert ("row_duplicated", "REQ-01") in codes(submission) and values(submission)["REQ-01"] is True


def test_sheet_renamed_is_found_by_its_ids(filled):
    def change(wb):
        wb[EISEN].title = "Eisen (ingevuld)"
    submission = read_form(edit(filled, change))
    assert codes(submission) == [("sheet_renamed", None)]
    assert "Eisen (ingevuld)" in submission.findings[0].message
    assert values(submission)["REQ-01"] is True
    assert next(a for a in submission.answers if a.id == "REQ-01").cell.startswith("Eisen (ingevuld)!")


def test_sheet_deleted_and_sheet_added(filled):
    def change(wb):
        del wb[L.sheet_name(L.KPIS, "nl")]
        wb.create_sheet("Notities")["A1"] = "Onder voorbehoud van financiering"
    submission = read_form(edit(filled, change))
    assert ("sheet_missing", None) in codes(submission) and ("sheet_added", None) in codes(submission)
    assert all(k.value is None and k.accepted is None for k in submission.kpi_offers)
    assert not any(code == "row_deleted" for code, _ in codes(submission))  # the sheet says it all


def test_metadata_sheet_deleted_is_an_input_error(filled):
    def change(wb):
        del wb[L.META_SHEET]
    with pytest.raises(InputError, match="metadata sheet '_tenderpack' was deleted or renamed"):
        read_form(edit(filled, change), filename="bid.xlsx")


def test_metadata_sheet_renamed_is_an_input_error(filled):
    def change(wb):
        wb[L.META_SHEET].title = "meta"
    with pytest.raises(InputError, match="deleted or renamed"):
        read_form(edit(filled, change))


def test_metadata_sheet_unhidden_is_fine(filled):
    def change(wb):
        wb[L.META_SHEET].sheet_state = "visible"
        wb[L.sheet_name(L.LISTS, "nl")].sheet_state = "visible"
    assert codes(read_form(edit(filled, change))) == []


@pytest.mark.parametrize(("value", "message"), [
    ("9", "format '9'; this version of tenderpack reads format '4'"),
    ("md5", "scheme 'md5'"),
])
def test_unknown_form_format_or_hash_scheme(filled, value, message):
    def change(wb):
        ws = wb[L.META_SHEET]
        row = 2 if message.startswith("format") else 3  # the form_format and hash_scheme properties
        assert ws.cell(row, 1).value == "property"
        ws.cell(row, 3).value = json.dumps({"value": value})
    with pytest.raises(InputError, match=message):
        read_form(edit(filled, change))


def test_damaged_metadata_is_an_input_error_not_a_crash(filled):
    def change(wb):
        set_meta(wb, "KPI-01", unit="parsecs")
    with pytest.raises(InputError, match="KPI-01"):
        read_form(edit(filled, change))


def test_an_older_revision_against_a_newer_tender_names_both():
    newer = sample_tender("gemeente-it-beheer", "nl")
    older = newer.model_copy(update={"revision": 1, "revisions": newer.revisions[:1]})
    data = fill_form(write_form(older, built=BUILT), good_answers(older)).data
    submission = read_form(data, tender=newer)
    finding = next(f for f in submission.findings if f.code == "revision_outdated")
    assert finding.severity == "error" and "revisie 1" in finding.message and "revisie 2" in finding.message
    assert "revision 1" in finding.message_en and "revision 2" in finding.message_en
    assert submission.revision == 1 and not submission.valid


def test_a_form_newer_than_the_tender():
    tender = sample_tender("gemeente-it-beheer", "nl")
    known = tender.model_copy(update={"revision": 1, "revisions": tender.revisions[:1]})
    submission = read_form(fill_form(write_form(tender, built=BUILT), good_answers(tender)).data, tender=known)
    assert codes(submission) == [("revision_unknown", None)]
    assert "revision 2" in submission.findings[0].message_en and "1" in submission.findings[0].message_en


def test_a_form_of_another_tender(filled):
    other = sample_tender("gemeente-it-beheer", "nl")
    submission = read_form(filled, tender=other)
    assert codes(submission)[0] == ("reference_mismatch", None)
    assert "TEST-2027-001" in submission.findings[0].message and other.reference in submission.findings[0].message


def test_the_tender_of_the_forms_reference_and_language_is_asked_for(filled):
    asked = []

    def tender_in(reference, lang):
        asked.append((reference, lang))
        return full_tender(lang)
    assert read_form(filled, tender=tender_in).valid and asked == [("TEST-2027-001", "nl")]
    submission = read_form(filled, tender=full_tender("en"))
    assert codes(submission) == [("language_mismatch", None)]


def test_properties_and_names_that_contradict_the_metadata(filled):
    def change(wb):
        wb.defined_names[L.NAME_REFERENCE].attr_text = '"ANDERS-1"'
        wb.custom_doc_props[L.PROP_REVISION].value = 7
    found = codes(read_form(edit(filled, change)))
    assert found == [("identity_mismatch", None), ("identity_mismatch", None)]


def _wb(data):
    return openpyxl.load_workbook(io.BytesIO(data))
