"""The bid-response form writer: structure asserted on the XML parts and through an openpyxl reload."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from factories import make_tender
from formcheck import (
    BUILT,
    FORMULA_LIKE,
    NS,
    expected_ids,
    full_tender,
    items,
    load,
    meta_records,
    parts,
    recomputed_hash,
    sheet_names,
    sheet_parts,
    unlocked_cells,
    xml,
)
from openpyxl.utils import get_column_letter

from generator.assemble import assemble
from generator.errors import TenderpackError
from generator.form import layout as L
from generator.form import write_form
from generator.library import load_library
from generator.spec import load_spec

SAMPLES = sorted((Path(__file__).parents[2] / "samples").glob("*.yaml"))


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def tender():
    return full_tender("nl")


@pytest.fixture(scope="module")
def form(tender) -> bytes:
    return write_form(tender, built=BUILT)


@pytest.fixture(scope="module")
def wb(form):
    return load(form)


def _defined_names(data: bytes) -> dict[str, str]:
    names = xml(data, "xl/workbook.xml").xpath("//m:definedName", namespaces=NS)
    return {n.get("name"): n.text for n in names}


def test_every_sheet_is_protected_without_password(form):
    sheets = sheet_parts(form)
    assert len(sheets) == 9
    for name, root in sheets.items():
        [prot] = root.xpath("m:sheetProtection", namespaces=NS)
        assert prot.get("sheet") == "1", name
        assert not {"password", "hashValue", "algorithmName"} & set(prot.attrib), name
        # "1" means the action is locked: formatting, inserting and deleting stay with the authority.
        for action in ("formatCells", "formatColumns", "formatRows", "insertRows", "insertColumns",
                       "deleteRows", "deleteColumns", "sort", "autoFilter"):
            assert prot.get(action) == "1", (name, action)
        assert prot.get("selectLockedCells", "0") == "0" and prot.get("selectUnlockedCells", "0") == "0"


def test_workbook_structure_is_locked(form):
    [prot] = xml(form, "xl/workbook.xml").xpath("m:workbookProtection", namespaces=NS)
    assert prot.get("lockStructure") == "1"
    assert not {"workbookPassword", "workbookHashValue"} & set(prot.attrib)


def test_sheet_order_and_visibility(form):
    sheets = xml(form, "xl/workbook.xml").xpath("//m:sheets/m:sheet", namespaces=NS)
    assert [(s.get("name"), s.get("state")) for s in sheets] == [
        ("Instructies", "visible"), ("Inschrijver", "visible"), ("Eisen", "visible"),
        ("Gunningscriteria", "visible"), ("KPI-aanbod", "visible"), ("Verantwoordelijkheden", "visible"),
        ("Prijs", "visible"), ("Lijsten", "hidden"), (L.META_SHEET, "veryHidden"),
    ]
    [view] = xml(form, "xl/workbook.xml").xpath("//m:workbookView", namespaces=NS)
    assert view.get("activeTab") == "0"


def test_every_validation_shows_prompt_and_error(form):
    count = 0
    for name, root in sheet_parts(form).items():
        for dv in root.xpath("//m:dataValidation", namespaces=NS):
            count += 1
            assert dv.get("showErrorMessage") == "1" and dv.get("showInputMessage") == "1", name
            assert dv.get("errorStyle") == "stop" and dv.get("allowBlank") == "1"
            assert dv.get("showDropDown", "0") == "0"  # "1" would hide the arrow
            # Excel's limits: titles 32 characters, prompt 255, error 225.
            assert 0 < len(dv.get("promptTitle")) <= 32 and 0 < len(dv.get("errorTitle")) <= 32
            assert 0 < len(dv.get("prompt")) <= 255 and 0 < len(dv.get("error")) <= 225
            assert dv.get("sqref")
    assert count > 15


def test_lists_live_on_the_hidden_sheet_behind_defined_names(form, wb):
    names = _defined_names(form)
    lists = wb["Lijsten"]
    for root in sheet_parts(form).values():
        for dv in root.xpath("//m:dataValidation", namespaces=NS):
            formula = dv.findtext("m:formula1", namespaces=NS)
            assert len(formula) <= 255
            if dv.get("type") == "list":
                assert not formula.startswith('"'), "inline list"
                assert re.fullmatch(r"'Lijsten'!\$([A-Z]+)\$2:\$\1\$\d+", names[formula]), names[formula]
    values = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)
                                       if lists.cell(r, c).value is not None]
              for c in range(1, lists.max_column + 1)}
    assert values[L.LIST_YES_NO] == ["Ja", "Nee"]
    assert values[L.LIST_RACI] == list(L.RACI_COMBINATIONS)
    choice = values[L.choice_list_name("REQ-91")]
    assert len(choice) == 8 and "," in choice[0] and len(",".join(choice)) > 255


def test_only_answer_cells_are_unlocked(wb):
    names = sheet_names(wb)
    expected: dict[str, set[str]] = {name: set() for name in wb.sheetnames}
    for record in items(wb).values():
        sheet = record["sheet"]
        for index, column in enumerate(L.COLUMNS[sheet], start=1):
            if not column.answer:
                continue
            if record["answer_type"] == "raci" and column.key == "answer":
                continue  # points to the responsibilities sheet, nothing to fill
            if record["answer_type"] == L.RACI_ROLES and record["fixed"] and column.key in L.RACI_PARTIES:
                continue
            expected[names[sheet]].add(f"{get_column_letter(index)}{record['row']}")
    for ws in wb.worksheets:
        assert unlocked_cells(ws) == expected[ws.title], ws.title


def test_fixed_raci_rows_are_locked_and_open_rows_prefilled(wb, tender):
    ws = wb["Verantwoordelijkheden"]
    records = items(wb)
    first = L.column_index(L.RACI, L.RACI_PARTIES[0])
    for activity in tender.activities:
        record = records[activity.id]
        assert record["column"] == f"{get_column_letter(first)}:{get_column_letter(first + 3)}"
        assert record["fixed"] == int(activity.fixed)
        for offset, party in enumerate(L.RACI_PARTIES):
            cell = ws.cell(record["row"], first + offset)
            assert (cell.value or "") == activity.roles[party] == (record[party] or "")
            assert cell.protection.locked == activity.fixed
    open_cells = {f"{get_column_letter(first + o)}{records[a.id]['row']}"
                  for a in tender.activities if not a.fixed for o in range(4)}
    covered = set()
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            assert dv.formula1 == L.LIST_RACI
            covered |= {f"{get_column_letter(c)}{r}" for rng in dv.sqref.ranges for r, c in rng.cells}
    assert covered == open_cells


def test_metadata_maps_every_id_to_its_row_with_the_text_hash(wb, tender):
    records = items(wb)
    assert set(records) == expected_ids(tender)
    names = sheet_names(wb)
    for item_id, record in records.items():
        ws = wb[names[record["sheet"]]]
        assert ws.cell(record["row"], 1).value == item_id  # the ID is visible in column A
        assert re.fullmatch(r"[0-9a-f]{64}", record["hash"])
        assert recomputed_hash(wb, record) == record["hash"], item_id
    props = {r["key"]: r["value"] for r in meta_records(wb) if r["record"] == "property"}
    assert tuple(props) == L.META_PROPERTIES
    assert props["reference"] == tender.reference and props["revision"] == tender.revision
    assert props["form_format"] == L.FORM_FORMAT_VERSION and props["hash_scheme"] == L.HASH_SCHEME
    assert props["language"] == "nl" and props["library_version"] == tender.library_version
    assert props["built"] == "2027-01-10T09:30:00"
    assert names == {key: wb[name].title for key, name in names.items()}
    # Rows without a record are category bands: column A empty, the category in column B.
    for key in (L.REQUIREMENTS, L.CRITERIA, L.KPIS, L.RACI):
        ws = wb[names[key]]
        answer_rows = {r["row"] for r in records.values() if r["sheet"] == key}
        for row in range(L.FIRST_ROW, ws.max_row + 1):
            if row not in answer_rows:
                assert ws.cell(row, 1).value is None and ws.cell(row, 2).value, (key, row)
    assert list(names) == [L.INSTRUCTIONS, L.BIDDER, L.REQUIREMENTS, L.CRITERIA, L.KPIS, L.RACI, L.PRICE,
                           L.LISTS]


def test_metadata_describes_answer_types(wb):
    records = items(wb)
    assert records["REQ-01"]["answer_type"] == "confirm"
    assert records["RES-01"]["answer_type"] == "raci" and not records["RES-01"]["column"]
    number = records["REQ-90"]
    assert (number["unit"], number["low"], number["high"]) == ("hours", 1, 48)
    assert records["AWD-01"]["max_length"] == 4000
    kpi = records["KPI-03"]
    assert (kpi["answer_type"], kpi["direction"], kpi["minimum"], kpi["target"], kpi["low"], kpi["high"]) == (
        L.KPI_OFFER, "lower_is_better", 10, 5, 0, None)
    assert records["KPI-04"]["answer_type"] == L.KPI_ACCEPT
    options = [(r["key"], r["value"], r["label"]) for r in meta_records(wb) if r["record"] == "option"]
    assert options[0] == ("REQ-91", "opt0", "Optie 0, met een komma en een lange omschrijving van de variant")
    assert len(options) == 8


def test_altered_or_moved_text_changes_the_hash(wb):
    record = items(wb)["REQ-02"]
    ws = wb["Eisen"]
    original = ws.cell(record["row"], 3).value
    ws.cell(record["row"], 3).value = original.replace("eis 2", "eis 2 niet")
    assert recomputed_hash(wb, record) != record["hash"]
    ws.cell(record["row"], 3).value = "  " + original.replace(" ", "\n", 1) + " "  # re-wrapped: same text
    assert recomputed_hash(wb, record) == record["hash"]
    ws.cell(record["row"], 3).value = original


def test_reference_and_revision_are_stored_three_times(form, wb, tender):
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {L.PROP_REFERENCE: tender.reference, L.PROP_REVISION: tender.revision,
                     L.PROP_FORMAT: L.FORM_FORMAT_VERSION, L.PROP_LANGUAGE: "nl"}
    names = _defined_names(form)
    assert names[L.NAME_REFERENCE] == f'"{tender.reference}"'
    assert names[L.NAME_REVISION] == str(tender.revision)
    assert names[L.NAME_FORMAT] == f'"{L.FORM_FORMAT_VERSION}"'


def test_no_text_is_ever_a_formula(form, wb):
    for name in parts(form):
        if name.startswith("xl/worksheets/"):
            assert not xml(form, name).xpath("//m:f", namespaces=NS), name
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    for text in FORMULA_LIKE + ["=1+1", "=2*3", "=A1", "@Description"]:
        assert text in texts
    sheet = sheet_parts(form)["Eisen"]
    row = items(wb)["REQ-93"]["row"]
    [cell] = sheet.xpath(f"//m:c[@r='B{row}']", namespaces=NS)
    assert cell.get("t") in ("s", "inlineStr")
    assert cell.xpath("string(.)") == "=1+1"


def test_same_input_gives_identical_bytes(tender, form):
    assert write_form(tender, built=BUILT) == form
    other = write_form(tender, built=BUILT + dt.timedelta(days=1))
    assert other != form
    core = xml(form, "docProps/core.xml")
    stamps = {el.text for el in core if el.tag.endswith(("created", "modified"))}
    assert stamps == {"2027-01-10T09:30:00Z"}
    with zipfile.ZipFile(io.BytesIO(form)) as z:
        assert {i.date_time for i in z.infolist()} == {(2027, 1, 10, 9, 30, 0)}


def test_bytes_do_not_depend_on_the_hash_seed(form):
    # Set and dict iteration order changes between processes with the hash seed; the bytes must not.
    script = ("import sys; from formcheck import BUILT, full_tender; from generator.form import write_form; "
              "sys.stdout.buffer.write(write_form(full_tender('nl'), built=BUILT))")
    here = Path(__file__).parent
    env = {**os.environ, "PYTHONHASHSEED": "12345",
           "PYTHONPATH": os.pathsep.join([str(here), str(here.parent), str(here.parents[1])])}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, check=True)
    assert result.stdout == form


def test_aware_build_time_is_stored_as_utc(tender):
    aware = dt.datetime(2027, 1, 10, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert write_form(tender, built=aware) == write_form(tender, built=BUILT)


def test_english_form_has_english_sheets_lists_and_prompts():
    data = write_form(full_tender("en"), built=BUILT)
    wb = load(data)
    assert wb.sheetnames == ["Instructions", "Bidder", "Requirements", "Award criteria", "KPI offers",
                             "Responsibilities", "Price", "Lists", L.META_SHEET]
    assert [wb["Lists"].cell(r, 1).value for r in (2, 3)] == ["Yes", "No"]
    assert wb["Requirements"].cell(L.HEADER_ROW, 5).value == "Your answer"
    assert wb["Instructions"]["A1"].value == "Bid-response form"
    prompts = {dv.prompt for ws in wb for dv in ws.data_validations.dataValidation}
    assert "Choose Yes or No from the list." in prompts
    assert sheet_names(wb)[L.RACI] == "Responsibilities"
    assert {r["value"] for r in meta_records(wb) if r["key"] == "language"} == {"en"}


def _validation(ws, coordinate):
    matches = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(matches) == 1, coordinate
    return matches[0]


def test_kpi_offers_are_validated_in_the_kpis_direction(wb):
    ws = wb["KPI-aanbod"]
    records = items(wb)
    higher = _validation(ws, f"H{records['KPI-01']['row']}")
    rule = (higher.type, higher.operator, higher.formula1, higher.formula2)
    assert rule == ("decimal", "between", "99", "100")
    lower = _validation(ws, f"H{records['KPI-03']['row']}")  # lower is better, no upper bound
    assert (lower.type, lower.operator, lower.formula1, lower.formula2) == ("decimal", "between", "0", "10")
    fixed = _validation(ws, f"H{records['KPI-04']['row']}")
    assert (fixed.type, fixed.formula1) == ("list", L.LIST_YES_NO)
    assert "99,0" in fixed.prompt and "99,8" in fixed.prompt
    assert ws.cell(records["KPI-01"]["row"], 6).number_format == "0.0"


def test_answer_cells_are_validated_by_answer_type(wb):
    ws = wb["Eisen"]
    records = items(wb)
    confirm = _validation(ws, f"E{records['REQ-01']['row']}")
    assert (confirm.type, confirm.formula1) == ("list", L.LIST_YES_NO)
    number = _validation(ws, f"E{records['REQ-90']['row']}")
    assert (number.type, number.operator, number.formula1, number.formula2) == ("whole", "between", "1", "48")
    choice = _validation(ws, f"E{records['REQ-91']['row']}")
    assert (choice.type, choice.formula1) == ("list", L.choice_list_name("REQ-91"))
    date = _validation(ws, f"E{records['REQ-92']['row']}")
    assert (date.type, date.operator, date.formula1, date.formula2) == ("date", "between", "36526", "73050")
    assert ws[f"E{records['REQ-92']['row']}"].number_format == "dd-mm-yyyy"
    text = _validation(ws, f"E{records['REQ-93']['row']}")
    assert (text.type, text.operator, text.formula1) == ("textLength", "lessThanOrEqual", "500")
    remark = _validation(ws, f"F{records['REQ-01']['row']}")
    assert (remark.type, remark.formula1) == ("textLength", str(L.REMARK_MAX_LENGTH))
    bidder = wb["Inschrijver"]
    kvk = _validation(bidder, f"C{records['bidder.kvk']['row']}")
    assert (kvk.type, kvk.operator, kvk.formula1) == ("textLength", "equal", "8")
    assert bidder[f"C{records['bidder.kvk']['row']}"].number_format == "@"
    email = _validation(bidder, f"C{records['bidder.email']['row']}")
    assert email.type == "custom" and "@" in email.formula1
    price = _validation(wb["Prijs"], f"C{records['price.total']['row']}")
    assert (price.type, price.operator, price.formula1) == ("decimal", "greaterThan", "0")
    attachment = _validation(wb["Gunningscriteria"], f"F{records['AWD-01']['row']}")
    assert attachment.formula1 == str(L.ATTACHMENT_MAX_LENGTH)


def test_print_setup_frozen_headers_and_widths(form):
    landscape = {"Eisen", "Gunningscriteria", "KPI-aanbod", "Verantwoordelijkheden"}
    for name, root in sheet_parts(form).items():
        if name in ("Lijsten", L.META_SHEET):
            continue
        [setup] = root.xpath("m:pageSetup", namespaces=NS)
        assert setup.get("paperSize") == "9"  # A4
        assert (setup.get("fitToWidth"), setup.get("fitToHeight")) == ("1", "0")
        assert setup.get("orientation") == ("landscape" if name in landscape else "portrait")
        assert root.xpath("m:sheetPr/m:pageSetUpPr/@fitToPage", namespaces=NS) == ["1"]
        assert "&P" in root.findtext("m:headerFooter/m:oddFooter", namespaces=NS)
        assert root.xpath("m:cols/m:col/@width", namespaces=NS)
        if name != "Instructies":
            [pane] = root.xpath("m:sheetViews/m:sheetView/m:pane", namespaces=NS)
            assert (pane.get("ySplit"), pane.get("state")) == (str(L.HEADER_ROW), "frozen")
    titles = {(n.get("localSheetId"), n.text)
              for n in xml(form, "xl/workbook.xml").xpath("//m:definedName[@name='_xlnm.Print_Titles']",
                                                          namespaces=NS)}
    assert {text for _, text in titles} == {f"'{s}'!$4:$4" for s in
                                            ("Inschrijver", "Eisen", "Gunningscriteria", "KPI-aanbod",
                                             "Verantwoordelijkheden", "Prijs")}


def test_data_rows_get_a_height_that_stays_automatic(form, wb):
    root = sheet_parts(form)["Eisen"]
    row = items(wb)["REQ-01"]["row"]
    [element] = root.xpath(f"//m:sheetData/m:row[@r='{row}']", namespaces=NS)
    # Written for LibreOffice, which does not fit wrapped rows on load; not custom, so Excel still
    # grows the row while the bidder types.
    assert float(element.get("ht")) > 50 and element.get("customHeight") is None
    for cell in element.xpath("m:c", namespaces=NS):
        assert cell.get("s")  # every cell styled (borders, fill, wrap)


def test_without_price_sheet_kpis_or_activities_those_sheets_are_left_out():
    base = make_tender("nl", kpis=0)
    award = base.award.model_copy(update={"price_sheet": False})
    tender = base.model_copy(update={"activities": [], "award": award})
    wb = load(write_form(tender, built=BUILT))
    assert wb.sheetnames == ["Instructies", "Inschrijver", "Eisen", "Gunningscriteria", "Lijsten",
                             L.META_SHEET]
    assert set(items(wb)) == expected_ids(tender)
    assert L.PRICE not in sheet_names(wb)


def test_text_beyond_excels_cell_limit_is_refused():
    base = make_tender("nl")
    long_item = base.requirements[0].model_copy(update={"text": "x" * 32768})
    tender = base.model_copy(update={"requirements": [long_item]})
    with pytest.raises(TenderpackError, match="32,767") as info:
        write_form(tender, built=BUILT)
    assert "Eisen!C6" in str(info.value)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("spec", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_tenders(library, spec, lang):
    tender = assemble(library, load_spec(spec, library), lang)
    data = write_form(tender, built=BUILT)
    wb = load(data)
    records = items(wb)
    assert set(records) == expected_ids(tender)
    for record in records.values():
        assert recomputed_hash(wb, record) == record["hash"]
    assert wb[L.META_SHEET].sheet_state == "veryHidden"
    assert all(ws.protection.sheet for ws in wb.worksheets)
    for root in sheet_parts(data).values():
        for dv in root.xpath("//m:dataValidation", namespaces=NS):
            assert dv.get("showErrorMessage") == "1" and len(dv.findtext("m:formula1", namespaces=NS)) <= 255
