"""generator.workbook: values, sheets, names and properties as openpyxl and LibreOffice write them,
and hostile sheets refused fast and in little memory."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import hostile as H
import openpyxl
import pytest
from soffice import resave_xlsx
from lxml import etree
from openpyxl.packaging.custom import (
    BoolProperty,
    DateTimeProperty,
    FloatProperty,
    IntProperty,
    StringProperty,
)
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName

from generator import archive
from generator.archive import Limits
from generator.errors import InputError
from generator.workbook import CellError, cell_ref, open_workbook, parse_ref, serial_to_datetime

WHEN = dt.datetime(2027, 1, 15, 9, 30)


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _form(epoch: dt.datetime | None = None) -> bytes:
    """An openpyxl-written form with every feature the reader must return."""
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "Eisen"
    ws.append(["Eisen - TEST-2027-001"])
    ws.append([])
    ws.append([])
    ws.append(["ID", "Antwoord", "Waarde", "Datum", "Fout", "Formule", "Leeg"])
    ws.append(["REQ-001", "nee ", 95.5, WHEN, "#N/A", "=1+1", None])
    ws.append(["REQ-002", True, -3, 1e-7, None, None, ""])
    ws.protection.sheet = True
    ws.print_title_rows = "4:4"
    lists = wb.create_sheet("Lijsten")
    lists.append(["Ja"])
    lists.append(["Nee"])
    lists.sheet_state = "hidden"
    meta = wb.create_sheet("_tenderpack")
    meta.sheet_state = "veryHidden"
    meta.append(["reference", "TEST-2027-001"])
    wb.defined_names["tp_reference"] = DefinedName("tp_reference", attr_text='"TEST-2027-001"')
    wb.defined_names["tp_list_yes_no"] = DefinedName("tp_list_yes_no", attr_text="Lijsten!$A$1:$A$2")
    wb.custom_doc_props.append(StringProperty(name="tenderpack.reference", value="TEST-2027-001"))
    wb.custom_doc_props.append(IntProperty(name="tenderpack.revision", value=3))
    wb.custom_doc_props.append(FloatProperty(name="weight", value=0.25))
    wb.custom_doc_props.append(BoolProperty(name="final", value=True))
    wb.custom_doc_props.append(DateTimeProperty(name="built", value=WHEN))
    return _save(wb)


def test_an_openpyxl_form_reads_with_every_value_type():
    wb = open_workbook(_form(), name="bid.xlsx")
    assert [(s.name, s.state, s.protected) for s in wb.sheets] == [
        ("Eisen", "visible", True), ("Lijsten", "hidden", False), ("_tenderpack", "veryHidden", False)]
    eisen = wb.sheet("Eisen")
    assert eisen.rows[5] == {1: "REQ-001", 2: "nee ", 3: 95.5, 4: pytest.approx(46402.395833),
                             5: CellError("#N/A")}
    assert eisen.rows[6] == {1: "REQ-002", 2: True, 3: -3, 4: 1e-7}  # "" is written as an empty cell
    assert type(eisen.cell("C6")) is int and type(eisen.cell(5, 3)) is float
    assert eisen.cell("F5") is None  # a formula that openpyxl wrote without a cached result
    assert eisen.max_row == 6 and eisen.cell("A1") == "Eisen - TEST-2027-001" and eisen.cell("Z99") is None
    assert wb.to_datetime(eisen.cell("D5")) == WHEN
    assert wb.sheet("_TENDERPACK").cell("B1") == "TEST-2027-001"  # names match ignoring case, as in Excel
    assert wb.defined_names == {"tp_reference": '"TEST-2027-001"', "tp_list_yes_no": "Lijsten!$A$1:$A$2"}
    assert eisen.defined_names == {"_xlnm.Print_Titles": "'Eisen'!$4:$4"}
    assert wb.properties == {"tenderpack.reference": "TEST-2027-001", "tenderpack.revision": 3,
                             "weight": 0.25, "final": True, "built": WHEN.replace(tzinfo=dt.UTC)}


def test_dates_follow_the_workbooks_epoch():
    mac = open_workbook(_form(epoch=CALENDAR_MAC_1904))
    assert mac.date1904 and mac.sheet("Eisen").cell("D5") == pytest.approx(44940.395833)
    assert mac.to_datetime(mac.sheet("Eisen").cell("D5")) == WHEN
    assert not open_workbook(_form()).date1904


def test_iso_date_cells_come_back_as_datetimes():
    wb = openpyxl.Workbook()
    wb.iso_dates = True  # openpyxl then writes t="d" cells, as Excel does in strict files
    wb.active["A1"] = WHEN
    assert open_workbook(_save(wb)).sheets[0].cell("A1") == WHEN


def test_serial_to_datetime_handles_the_1900_leap_year_bug_and_times():
    assert serial_to_datetime(1) == dt.datetime(1900, 1, 1)
    assert serial_to_datetime(59) == dt.datetime(1900, 2, 28)
    assert serial_to_datetime(61) == dt.datetime(1900, 3, 1)
    assert serial_to_datetime(46402.5) == dt.datetime(2027, 1, 15, 12)
    assert serial_to_datetime(46402.395833333336) == WHEN  # float noise rounds to the millisecond
    assert serial_to_datetime(0, date1904=True) == dt.datetime(1904, 1, 1)
    assert serial_to_datetime(0.75) == dt.datetime(1899, 12, 31, 18)  # a time alone
    for bad in (60, 60.5, -1, float("nan"), float("inf"), 1e9):
        with pytest.raises(ValueError):
            serial_to_datetime(bad)


def test_cell_references_convert_both_ways():
    assert parse_ref("B3") == (3, 2) and parse_ref("$AB$12") == (12, 28) and parse_ref("xfd1") == (1, 16384)
    assert cell_ref(3, 2) == "B3" and cell_ref(12, 28) == "AB12" and cell_ref(1, 16384) == "XFD1"
    for bad in ("", "B", "3", "B0", "3B", "ABCD1", "B-3", "B 3"):
        with pytest.raises(ValueError):
            parse_ref(bad)


def test_a_missing_sheet_is_named_with_the_sheets_there_are():
    wb = open_workbook(H.valid(), name="bid.xlsx")
    assert wb.get("_tenderpack") is None
    with pytest.raises(InputError) as caught:
        wb.sheet("_tenderpack")
    assert str(caught.value) == "bid.xlsx: the workbook has no sheet '_tenderpack' (its sheets: 'Eisen')"


SST = (f'<sst xmlns="{H.MAIN}">'
       '<si><t>plain</t></si>'
       '<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">text </t></r><r><t>runs</t></r></si>'
       '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>'  # a phonetic reading: not the value
       '<si><t>line_x000D_\nbreak and _x005F_x0041_</t></si>'
       '<si><t/></si></sst>')


def test_shared_strings_rich_text_phonetics_and_escapes():
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
            '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>'
            '<row r="2"><c r="A2" t="str"><f>A1</f><v>plain</v></c><c r="B2" t="b"><v>0</v></c>'
            '<c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" s="3"/><c r="E2" t="inlineStr"/>'
            '<c r="F2"><v>1E3</v></c></row>')
    sheet = open_workbook(H.package({"S": H.sheet(rows)}, strings=SST)).sheets[0]
    assert sheet.rows[1] == {1: "plain", 2: "rich text runs", 3: "漢字", 4: "line\r\nbreak and _x0041_",
                             5: ""}
    assert sheet.rows[2] == {1: "plain", 2: False, 3: CellError("#DIV/0!"), 6: 1000.0}


def test_rows_and_cells_without_references_follow_their_predecessor():
    # Both r attributes are optional (ECMA-376 18.3.1.73 and 18.3.1.4); some generators leave them out.
    rows = ('<row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row>'
            '<row><c><v>5</v></c></row>')
    sheet = open_workbook(H.package({"S": H.sheet(rows)})).sheets[0]
    assert sheet.rows == {1: {1: 1, 2: 2}, 5: {3: 3, 4: 4}, 6: {1: 5}}


def test_absolute_relationship_targets_and_a_missing_custom_part():
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>')
    wb = open_workbook(H.package({"Eisen": H.sheet('<row r="2"><c r="B2"><v>7</v></c></row>')},
                                 extra={"xl/_rels/workbook.xml.rels": rels}))
    assert wb.sheets[0].cell("B2") == 7 and wb.properties == {} and wb.defined_names == {}


def test_a_malformed_custom_property_is_refused():
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property '
              'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="tenderpack.revision"><vt:i4>drie'
              "</vt:i4></property></Properties>")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
    data = H.package({"S": H.sheet("")}, extra={"_rels/.rels": rels, "docProps/custom.xml": custom})
    assert H.refusal(data) == ("bid.xlsx: the workbook is damaged: custom property 'tenderpack.revision' has an "
                               "invalid value")


def test_streamed_and_whole_parts_read_the_same():
    wb = openpyxl.Workbook()
    for i in range(2000):
        wb.active.append([f"REQ-{i:04d}", "De opdrachtnemer levert.", i % 2 == 0, i * 1.5, "#REF!"])
    data = _save(wb)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml").file_size > 100_000
    # Parts over max_xml_block are streamed; 64 KiB still holds the workbook, relationships and content types.
    assert open_workbook(data, limits=Limits(max_xml_block=65536)) == open_workbook(data)


def test_two_sheets_with_one_name_or_one_part_are_refused():
    data = H.package({"Eisen": H.sheet(""), "EISEN": H.sheet("")})
    damaged = "bid.xlsx: the workbook is damaged: two sheets are named"
    assert H.refusal(data) == f"{damaged} 'EISEN' or share a part"
    # Thousands of sheets on one small part would cost a parse each: one part, one sheet.
    workbook = f'<workbook xmlns="{H.MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/' \
               'relationships"><sheets>' + "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>'
                                                    for i in range(1, 20_000)) + "</sheets></workbook>"
    data = H.package({"S1": H.sheet("")}, extra={"xl/workbook.xml": workbook})
    assert H.refusal(data) == f"{damaged} 'S2' or share a part"


SST_XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
           f'<sst xmlns="{H.MAIN}"><si><t>&secret;</t></si></sst>')
DTD_ONLY = f'<!DOCTYPE worksheet SYSTEM "http://evil.example/x.dtd"><worksheet xmlns="{H.MAIN}"/>'


@pytest.mark.parametrize("sheet, strings", [
    (H.BILLION_LAUGHS, None), (H.EXTERNAL_ENTITY, None), (DTD_ONLY, None), (H.sheet(""), SST_XXE)])
def test_entity_bombs_external_entities_and_any_doctype_are_refused(sheet, strings):
    part = "xl/sharedStrings.xml" if strings else "xl/worksheets/sheet1.xml"
    assert H.refusal(H.package({"S": sheet}, strings=strings)) == (
        f"bid.xlsx: '{part}' contains a DOCTYPE or ENTITY declaration, which Office files never have "
        "(possible XML bomb or external entity); refused")


def test_the_parser_would_not_resolve_entities_even_past_the_doctype_check():
    # Second line of defence behind the byte scan: the lxml parser keeps entity references unresolved.
    root = etree.fromstring(H.EXTERNAL_ENTITY.encode(), archive._parser())
    assert "root:" not in etree.tostring(root).decode()


def test_a_sheet_of_two_million_rows_is_refused_fast_in_little_memory(tmp_path):
    path = tmp_path / "rows.xlsx"
    with path.open("wb") as out:
        H.many_rows(out, rows=2_000_000)
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size > 30_000_000
    message, seconds, peak = H.read_isolated(path)
    assert message == f"{path} Eisen!A20001: sheet 'Eisen' goes past row 20,000; a bid form is far smaller"
    assert seconds < H.FAST and peak < 100


@pytest.mark.parametrize("rows, message", [
    ('<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
     "bid.xlsx S!A1048576: sheet 'S' goes past row 20,000; a bid form is far smaller"),
    ('<row r="7"><c r="XFD7"><v>1</v></c></row>',
     "bid.xlsx S!XFD7: sheet 'S' has a cell past column GR; a bid form is far smaller"),
    ('<row r="1"><c r="1A"><v>1</v></c></row>',
     "bid.xlsx S!A1: the workbook is damaged: bad cell reference '1A'"),
    ('<row r="0"/>', "bid.xlsx: the workbook is damaged: bad row number '0' in sheet 'S'"),
    ('<row r="1"><c r="B1"><v>nan</v></c></row>',
     "bid.xlsx S!B1: the workbook is damaged: a cell of type 'n' holds 'nan'"),
    ('<row r="1"><c r="B1"><v>1e999</v></c></row>',  # issue 16: an infinite number, refused with its cell
     "bid.xlsx S!B1: the workbook is damaged: a cell of type 'n' holds '1e999'"),
    (f'<row r="1"><c r="B1"><v>{"9" * 400}</v></c></row>',  # an integer no float can hold
     f"bid.xlsx S!B1: the workbook is damaged: a cell of type 'n' holds '{'9' * 40}'"),
    ('<row r="1"><c r="B1" t="b"><v>yes</v></c></row>',
     "bid.xlsx S!B1: the workbook is damaged: a cell of type 'b' holds 'yes'"),
    ('<row r="1"><c r="B1" t="s"><v>-1</v></c></row>',
     "bid.xlsx S!B1: the workbook is damaged: shared string -1 does not exist"),
])
def test_cells_out_of_bounds_or_malformed_are_located(rows, message):
    assert H.refusal(H.package({"S": H.sheet(rows)})) == message


def test_the_row_limit_counts_rows_as_well_as_row_numbers():
    assert H.refusal(H.package({"S": H.sheet('<row r="3"/>' * 11)}), Limits(max_rows=10)) == (
        "bid.xlsx S!A3: sheet 'S' goes past row 10; a bid form is far smaller")


def test_the_cell_budget_covers_the_whole_workbook():
    row = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
    data = H.package({"A": H.sheet(row), "B": H.sheet(row)})
    assert open_workbook(data, limits=Limits(max_cells=6)).sheets[1].cell("B1") == 2
    assert H.refusal(data, Limits(max_cells=5)) == (
        "bid.xlsx: the workbook has more than 5 rows, cells and strings; a bid form has far fewer")


@pytest.mark.parametrize("sheet", [
    H.sheet('<row r="1">' + '<c r="A1"><v>1</v></c>' * 60_000 + "</row>"),  # one row of 1.3 MB
    H.sheet("", before="<cols>" + '<col min="1" max="1"/>' * 60_000 + "</cols>"),  # a flood before the rows
    H.sheet("", after="<mergeCells>" + '<mergeCell ref="A1:B2"/>' * 60_000 + "</mergeCells>"),  # and after
])
def test_a_giant_row_or_a_flood_of_other_elements_is_refused_by_the_block_limit(sheet):
    # Such XML compresses far over 100:1 and would be stopped by the ratio check: lift it to reach the stream.
    assert H.refusal(H.package({"S": sheet}), Limits(max_ratio=10**6)) == (
        "bid.xlsx: 'xl/worksheets/sheet1.xml' has more than 1 MiB of XML in one row, one string or outside "
        "the rows; refused")


def test_a_big_valid_sheet_is_streamed():
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>REQ-{r:05d}</t></is></c>'
                   f'<c r="B{r}"><v>{r}.5</v></c><c r="C{r}" t="inlineStr"><is><t>De opdrachtnemer levert {r}'
                   "</t></is></c></row>" for r in range(1, 15_001))
    data = H.package({"Eisen": H.sheet(rows)})
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml").file_size > 2 * archive.MiB
    sheet = open_workbook(data).sheets[0]
    assert len(sheet.rows) == 15_000
    assert sheet.rows[15_000] == {1: "REQ-15000", 2: 15000.5, 3: "De opdrachtnemer levert 15000"}


def _resave(data: bytes, tmp_path) -> bytes:
    """``data`` re-saved as .xlsx by LibreOffice Calc."""
    return resave_xlsx(data, tmp_path)


@pytest.mark.soffice
def test_a_form_resaved_by_libreoffice_reads_the_same(tmp_path):
    original = open_workbook(_form())
    data = _resave(_form(), tmp_path)
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()  # strings moved there
    resaved = open_workbook(data)
    assert [s.name for s in resaved.sheets] == [s.name for s in original.sheets]
    assert [s.state for s in resaved.sheets] == ["visible", "hidden", "hidden"]  # veryHidden becomes hidden
    assert [s.protected for s in resaved.sheets] == [True, False, False]
    # LibreOffice computes formulas on load and stores their results, which openpyxl cannot.
    assert resaved.sheet("Eisen").rows[5].pop(6) == 2
    for before, after in zip(original.sheets, resaved.sheets):
        # LibreOffice writes numbers with 15 significant digits: 46402.39583333334 becomes 46402.3958333333.
        expected = {r: {c: pytest.approx(v, rel=1e-14) if type(v) is float else v for c, v in cells.items()}
                    for r, cells in before.rows.items()}
        assert after.rows == expected
    assert resaved.to_datetime(resaved.sheet("Eisen").cell("D5")) == WHEN
    assert resaved.defined_names == original.defined_names
    # LibreOffice drops the quotes that openpyxl puts around every sheet name in a reference.
    assert resaved.sheet("Eisen").defined_names == {"_xlnm.Print_Titles": "Eisen!$4:$4"}
    # LibreOffice keeps the custom properties but stores integers as doubles (vt:i4 -> vt:r8).
    assert resaved.properties == original.properties
    assert type(resaved.properties["tenderpack.revision"]) is float


def test_a_lazy_workbook_reads_a_sheet_only_when_its_rows_are_used():
    data = H.package({"Eisen": H.sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>REQ-01</t></is></c></row>'),
                      "Kapot": H.sheet('<row r="1"><c r="1A"><v>1</v></c></row>')})
    wb = open_workbook(data, name="bid.xlsx", lazy=True)
    assert [sheet.name for sheet in wb.sheets] == ["Eisen", "Kapot"]
    assert wb.sheet("Eisen").cell("A1") == "REQ-01"
    with pytest.raises(InputError) as caught:
        wb.sheet("Kapot").rows  # noqa: B018
    assert str(caught.value) == "bid.xlsx Kapot!A1: the workbook is damaged: bad cell reference '1A'"
    # An eager open reads every sheet and refuses the workbook at once, with the same message.
    assert H.refusal(data) == str(caught.value)
    assert open_workbook(data, lazy=True).sheet("Eisen").protected is False
