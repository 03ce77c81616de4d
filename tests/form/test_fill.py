"""fill_form and load_answers: what is written, what is refused, and what the blank form keeps."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from bids import BIDDER, answer_cell, good_answers, meta_rows, sample_form, sample_tender
from formcheck import BUILT, FORMULA_LIKE, full_tender, unlocked_cells
from lxml import etree

from generator.errors import InputError, ValidationFailed
from generator.form import fill_form, load_answers, read_form, write_form
from generator.form import layout as L
from generator.models.submission import AnswerEntry, AnswerSet, KpiEntry

SAMPLE = "gemeente-it-beheer"


@pytest.fixture(scope="module")
def tender():
    return full_tender("nl")


@pytest.fixture(scope="module")
def blank(tender):
    return write_form(tender, built=BUILT)


def _load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_filled_form_keeps_protection_validations_hidden_sheets_names_and_properties(tender, blank):
    filled = fill_form(blank, good_answers(tender)).data
    before, after = _load(blank), _load(filled)
    assert after.sheetnames == before.sheetnames
    assert after.security.lockStructure
    assert after[L.META_SHEET].sheet_state == "veryHidden"
    assert after[L.sheet_name(L.LISTS, "nl")].sheet_state == "hidden"
    for ws in after.worksheets:
        old = before[ws.title]
        assert ws.protection.sheet == old.protection.sheet and ws.protection.insertRows, ws.title
        assert unlocked_cells(ws) == unlocked_cells(old), ws.title
        assert [(str(dv.sqref), dv.type, dv.formula1, dv.showErrorMessage, dv.prompt)
                for dv in ws.data_validations.dataValidation] == \
            [(str(dv.sqref), dv.type, dv.formula1, dv.showErrorMessage, dv.prompt)
             for dv in old.data_validations.dataValidation], ws.title
        assert ws.merged_cells.ranges == old.merged_cells.ranges
    assert {n: d.attr_text for n, d in after.defined_names.items()} == \
        {n: d.attr_text for n, d in before.defined_names.items()}
    assert {p.name: p.value for p in after.custom_doc_props.props} == \
        {p.name: p.value for p in before.custom_doc_props.props}


def test_rows_keep_automatic_heights_and_filled_rows_grow(tender, blank):
    long_text = "Onze aanpak in detail. " * 60
    answers = good_answers(tender).model_copy(update={"answers": {"AWD-01": long_text}})
    filled = fill_form(blank, answers).data
    with zipfile.ZipFile(io.BytesIO(filled)) as z:
        sheets = {name: etree.fromstring(z.read(name)) for name in z.namelist() if name.startswith("xl/worksheets/")}
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    custom = [r.get("r") for x in sheets.values() for r in x.iterfind(".//m:row", ns)
              if r.get("customHeight") == "1" and int(r.get("r")) >= L.HEADER_ROW]
    assert custom == []  # openpyxl would have made every fitted row custom (fixed) again
    cell = answer_cell(_load(filled), "AWD-01")
    assert cell.parent.row_dimensions[cell.row].ht > 90


def test_values_are_written_as_a_bidder_types_them(tender, blank):
    answers = AnswerSet(
        bidder=BIDDER.model_copy(update={"name": FORMULA_LIKE[0]}),
        answers={"REQ-01": True, "REQ-02": "nee", "REQ-90": "12,5", "REQ-91": "opt3", "REQ-92": "01-06-2027",
                 "REQ-93": FORMULA_LIKE[4], "AWD-01": AnswerEntry(answer="=1+1", attachment="plan.pdf")},
        kpis={"KPI-01": 99.5, "KPI-03": KpiEntry(value=8, remark="@remark"), "KPI-04": True},
        price_eur=1000)
    wb = _load(fill_form(blank, answers).data)
    cells = {key: answer_cell(wb, key) for key in ("REQ-01", "REQ-02", "REQ-90", "REQ-91", "REQ-92", "REQ-93",
                                                  "AWD-01", "KPI-01", "KPI-03", "KPI-04", "price.total",
                                                  "bidder.name", "bidder.date")}
    assert cells["REQ-01"].value == "Ja" and cells["REQ-02"].value == "Nee" and cells["KPI-04"].value == "Ja"
    assert cells["REQ-90"].value == 12.5 and cells["KPI-01"].value == 99.5 and cells["price.total"].value == 1000
    assert cells["REQ-91"].value.startswith("Optie 3,")  # the label the drop-down list shows
    assert cells["REQ-92"].value == dt.datetime(2027, 6, 1) and cells["REQ-92"].number_format == "dd-mm-yyyy"
    for key, text in (("REQ-93", FORMULA_LIKE[4]), ("AWD-01", "=1+1"), ("bidder.name", FORMULA_LIKE[0])):
        assert cells[key].value == text and cells[key].data_type == "s", key  # text, never a formula
    assert answer_cell(wb, "KPI-03", "remark").value == "@remark"
    assert answer_cell(wb, "AWD-01", "attachment").value == "plan.pdf"


def test_an_english_form_gets_yes_and_no(blank):
    tender = full_tender("en")
    answers = AnswerSet(bidder=BIDDER, answers={"REQ-01": "Ja", "REQ-02": "No"})
    wb = _load(fill_form(write_form(tender, built=BUILT), answers).data)
    assert (answer_cell(wb, "REQ-01").value, answer_cell(wb, "REQ-02").value) == ("Yes", "No")


def test_unknown_ids_and_unplaceable_answers_are_reported_not_dropped(tender, blank):
    answers = AnswerSet(
        bidder=BIDDER,
        answers={"REQ-01": "Misschien", "NOPE-01": "Ja", "RES-01": "Ja", "REQ-91": "opt99",
                 "AWD-01": AnswerEntry(answer="x", remark="no remark column"), "KPI-01": "Ja",
                 "REQ-02": AnswerEntry(answer="Ja", attachment="cert.pdf")},
        kpis={"KPI-99": 5, "KPI-04": 99.9},
        responsibilities={"RACI-01": {"client": "R"}, "RACI-02": {"client": "X"}, "RACI-77": {"client": "A"},
                          "REQ-01": {"client": "A"}})
    result = fill_form(blank, answers)
    assert sorted(result.unknown) == ["KPI-99", "NOPE-01", "RACI-77"]
    assert {(f.code, f.item) for f in result.unplaced} == {
        ("wrong_answer_type", "REQ-01"), ("wrong_answer_type", "RES-01"), ("not_an_option", "REQ-91"),
        ("no_column", "AWD-01"), ("wrong_answer_type", "KPI-01"), ("no_column", "REQ-02"),
        ("wrong_answer_type", "KPI-04"), ("raci_fixed_changed", "RACI-01"), ("raci_invalid", "RACI-02"),
        ("wrong_answer_type", "REQ-01"),
    }
    assert not result.complete
    assert all(f.cell and f.message and f.message_en for f in result.unplaced)
    wb = _load(result.data)
    assert answer_cell(wb, "REQ-01").value is None
    fixed = meta_rows(wb)["RACI-01"]
    assert wb[L.sheet_name(L.RACI, "nl")].cell(int(fixed["row"]), 5).value == "A"  # the fixed letter stays


def test_open_raci_rows_take_the_given_parties_and_keep_the_rest(tender, blank):
    answers = AnswerSet(bidder=BIDDER, responsibilities={"RACI-02": {"client": "a", "joint": ""}})
    submission = read_form(fill_form(blank, answers).data)
    roles = {r.party: r.letters for r in submission.responsibilities if r.activity == "RACI-02"}
    assert roles == {"client": "A", "contractor": "RA"}  # joint cleared, contractor kept from the proposal
    assert ("raci_accountable", "RACI-02") in {(f.code, f.item) for f in submission.findings}


def test_the_answer_file_must_be_for_this_tender(blank):
    with pytest.raises(InputError, match="for tender OTHER-1, but this form is for TEST-2027-001"):
        fill_form(blank, AnswerSet(tender="OTHER-1", bidder=BIDDER))


def test_a_file_that_is_no_form_is_refused(tmp_path):
    with pytest.raises(InputError, match="no metadata sheet"):
        fill_form(_plain_workbook(), AnswerSet(bidder=BIDDER))
    with pytest.raises(InputError, match="no such file"):
        fill_form(tmp_path / "missing.xlsx", AnswerSet(bidder=BIDDER))


def _plain_workbook() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def test_fill_from_a_path(tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(sample_form(SAMPLE, "nl"))
    tender = sample_tender(SAMPLE, "nl")
    assert read_form(fill_form(path, good_answers(tender)).data, tender=tender).valid


def test_load_answers_reports_every_bad_field_with_its_line(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("bidder:\n  name: X\n  kvk: 12345678\nanswers:\n  REQ-01: Ja\nkpis:\n  KPI-01: [1]\nextra: 1\n",
                    encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        load_answers(path)
    where = {(f.location.line, f.location.field) for f in caught.value.findings}
    assert (3, "bidder.kvk") in where and (8, "extra") in where and any(line == 7 for line, _ in where)
    path.write_text("bidder:\n  name: X\nanswers:\n  REQ-01: yes\n", encoding="utf-8")
    with pytest.raises(InputError, match="answers.yaml:4"):
        load_answers(path)


def test_load_answers_refuses_characters_no_form_may_hold(tmp_path):
    # Issue 16, item 10: "\x01" in an answer ended `fill` with openpyxl's IllegalCharacterError traceback.
    path = tmp_path / "answers.yaml"
    path.write_text('bidder:\n  name: "Acme\\x01"\n  kvk: "12345678"\nanswers:\n  REQ-01: "Ja"\n'
                    '  REQ-02:\n    answer: "Ja"\n    remark: "zie \\u202e bijlage"\n', encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        load_answers(path)
    found = [(f.location.line, f.location.field, f.message.split(",")[0]) for f in caught.value.findings]
    assert found == [(2, "bidder.name", "contains the character U+0001 at position 5"),
                     (8, "answers.REQ-02.remark", "contains the character U+202E at position 5")]


@pytest.mark.parametrize("price", [".nan", ".inf", "-.Inf"])
def test_load_answers_refuses_a_price_that_is_no_finite_number(tmp_path, price):
    # `.nan` as the price was silently not written while `fill` exited 0.
    path = tmp_path / "answers.yaml"
    path.write_text(f'bidder:\n  name: "Acme"\nprice_eur: {price}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"answers.yaml:3: .* is not a finite number"):
        load_answers(path)


def test_fill_cli_says_which_answer_holds_a_control_character(tmp_path, blank):
    from click.testing import CliRunner

    from generator.cli import cli

    form, answers = tmp_path / "form.xlsx", tmp_path / "answers.yaml"
    form.write_bytes(blank)
    answers.write_text('bidder:\n  name: "Acme\\x01"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["fill", str(form), str(answers), "--out", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[0].startswith(f"{answers}:2 bidder.name: error: contains the character U+0001")
    assert not (tmp_path / "out.xlsx").exists()
