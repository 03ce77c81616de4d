"""The metadata sheet of form format 2: three cells a row, the fields as JSON, which is read as hostile."""

from __future__ import annotations

import json

import pytest
from bids import edit, meta_rows
from formcheck import BUILT, NS, full_tender, load, meta_records, sheet_parts

from generator.errors import InputError
from generator.form import layout as L
from generator.form import read_form, write_form

# The metadata header of form format 1: one column per field.
FORMAT_1_COLUMNS = (
    "record", "key", "value", "label", "sheet", "row", "column", "answer_type", "hash", "unit", "direction",
    "minimum", "target", "low", "high", "decimals", "max_length", "fixed", *L.RACI_PARTIES,
)


@pytest.fixture(scope="module")
def tender():
    return full_tender("nl")


@pytest.fixture(scope="module")
def form(tender):
    return write_form(tender, built=BUILT)


def _text(cell) -> str:
    return "".join(cell.xpath("m:is//m:t/text()", namespaces=NS))


def test_the_sheet_holds_kind_key_and_a_json_object_per_record(form, tender):
    root = sheet_parts(form)[L.META_SHEET]
    rows = root.xpath("//m:sheetData/m:row", namespaces=NS)
    cells = [row.xpath("m:c", namespaces=NS) for row in rows]
    refs = [[c.get("r") for c in row] for row in cells]
    assert refs == [[f"{col}{number}" for col in "ABC"] for number in range(1, len(rows) + 1)]
    assert [_text(c) for c in cells[0]] == list(L.META_HEADER)
    assert all(c.get("t") == "inlineStr" and c.get("s") is None for row in cells for c in row)  # text, unstyled
    parsed = [(_text(a), _text(b), json.loads(_text(c))) for a, b, c in cells[1:]]
    records = {(kind, key): data for kind, key, data in parsed if kind != "option"}
    assert records[("property", "form_format")] == {"value": "4"}
    assert records[("property", "revision")] == {"value": tender.revision}
    assert records[("sheet", L.REQUIREMENTS)] == {"value": "Eisen"}
    req = records[("item", "REQ-01")]
    assert list(req) == ["sheet", "row", "column", "answer_type", "hash"]
    assert (req["sheet"], req["row"], req["column"], req["answer_type"]) == (L.REQUIREMENTS, 6, "E", "confirm")
    raci = records[("item", "RACI-03")]
    assert (raci["column"], raci["fixed"], raci["client"], raci["third_party"]) == ("E:H", 0, "A", "C")
    assert "joint" not in raci  # no default letters: no field
    assert _text(cells[1][2]) == '{"value":"4"}'  # compact
    options = [(key, data) for kind, key, data in parsed if kind == "option"]
    assert [key for key, _ in options] == ["REQ-91"] * 8 and options[0][1] == {
        "value": "opt0", "label": "Optie 0, met een komma en een lange omschrijving van de variant"}


def test_openpyxl_reads_the_records_back_canonical(form):
    records = meta_records(load(form))  # asserts the header, three columns and canonical JSON
    assert [r["key"] for r in records if r["record"] == "property"] == list(L.META_PROPERTIES)


def _set_data(form: bytes, item_id: str, value: object) -> tuple[bytes, int]:
    rows = []

    def change(wb):
        row = meta_rows(wb)[item_id]["_at"]
        wb[L.META_SHEET].cell(row, 3).value = value
        rows.append(row)
    data = edit(form, change)
    return data, rows[0]


DEEP = '{"row":' + "[" * 5000 + "]" * 5000 + "}"


@pytest.mark.parametrize(("value", "message"), [
    ('{"sheet":"requirements","row":', "is not valid JSON"),
    ("{'sheet': 'requirements'}", "is not valid JSON"),
    (DEEP, "is nested too deeply"),
    ('{"row":' + "9" * 5000 + "}", "is not valid JSON"),  # int() refuses 4,300+ digits
    ('{"row":NaN}', "is not valid JSON"),
    ("[1, 2]", "is not a JSON object"),
    ('"REQ-01"', "is not a JSON object"),
    (42, "is not a JSON object"),
    ('{"sheet":"requirements","row":[6]}', "field 'row' that is not a text, a number or a boolean"),
    ('{"sheet":{"key":"requirements"}}', "field 'sheet' that is not a text, a number or a boolean"),
    ('{"row":1e400}', "field 'row' that is not a text, a number or a boolean"),  # infinite
    ('{"record":"property","value":"9"}', "unknown field 'record'"),
])
def test_a_damaged_data_cell_is_an_input_error_at_that_cell(form, value, message):
    data, row = _set_data(form, "REQ-01", value)
    with pytest.raises(InputError, match=message) as caught:
        read_form(data, filename="bid.xlsx")
    assert caught.value.message.startswith("the metadata sheet is damaged: the data of row")
    assert caught.value.location.cell == f"{L.META_SHEET}!C{row}"
    assert caught.value.location.path == "bid.xlsx"


@pytest.mark.parametrize("row", ["²", "9" * 5000, True, -1])
def test_a_row_that_is_no_row_number_is_an_input_error(form, row):
    value = json.dumps({"sheet": L.REQUIREMENTS, "row": row, "column": "E", "answer_type": "confirm",
                        "hash": "0" * 64})
    data, _ = _set_data(form, "REQ-01", value)
    with pytest.raises(InputError, match="the record of 'REQ-01' is incomplete"):
        read_form(data)


def test_json_spacing_key_order_and_nulls_do_not_matter(form, tender):
    before = [(f.code, f.item) for f in read_form(form).findings]  # a blank form: every answer missing
    def change(wb):
        for record in meta_rows(wb).values():
            fields = {k: v for k, v in reversed(record.items()) if k in L.META_FIELDS}
            wb[L.META_SHEET].cell(record["_at"], 3).value = json.dumps(fields, indent=1)  # nulls included
    data = edit(form, change)
    for source in (None, tender):
        assert [(f.code, f.item) for f in read_form(data, tender=source).findings] == before


def test_a_form_of_format_1_names_the_formats(form):
    def change(wb):
        records = meta_records(wb)
        ws = wb[L.META_SHEET]
        ws.delete_rows(1, ws.max_row)
        for row, record in enumerate([dict(zip(FORMAT_1_COLUMNS, FORMAT_1_COLUMNS)), *records], start=1):
            if record["key"] == "form_format":
                record["value"] = "1"
            for col, column in enumerate(FORMAT_1_COLUMNS, start=1):
                ws.cell(row, col).value = record.get(column)
    with pytest.raises(InputError, match="the form has format '1'; this version of tenderpack reads format '4'"):
        read_form(edit(form, change))


def test_a_changed_header_is_still_a_damaged_header(form):
    def change(wb):
        wb[L.META_SHEET]["C1"] = "json"
    with pytest.raises(InputError, match="its header row was changed"):
        read_form(edit(form, change))
