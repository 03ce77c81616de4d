"""The SpreadsheetML helpers under the form writer: cell values, shared styles, row heights, saving."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile

import openpyxl
import pytest
from formcheck import NS
from lxml import etree
from openpyxl.styles import PatternFill
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.writer.excel import ExcelWriter

from generator.errors import TenderpackError
from generator.form import package, xlsx


def _greedy_lines(text: str, per_line: int) -> int:
    """Word-by-word greedy wrapping, as Excel wraps: the reference the line-at-a-time wrapping must match."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            needed = len(word) if used == 0 else used + 1 + len(word)
            if needed <= per_line:
                used = needed
                continue
            if used:
                lines += 1
            while len(word) > per_line:
                lines += 1
                word = word[per_line:]
            used = len(word)
    return lines


def test_text_height_counts_wrapped_lines():
    one = xlsx.text_height("REQ-01", 11)
    assert one == round(10 * 1.28 + 4, 1)
    # Bold: one character per width unit.
    assert xlsx.text_height("aaaa bbbb", 4, bold=True) == xlsx.text_height("aaaa\nbbbb", 20)  # wraps at the space
    assert xlsx.text_height("aaaa bbbb", 9, bold=True) == one
    assert xlsx.text_height("x" * 25, 10, bold=True) == round(3 * 12.8 + 4, 1)  # a long word is broken: 10, 10, 5
    assert xlsx.text_height("", 10) == one and xlsx.text_height("a\n\nb", 10) == round(3 * 12.8 + 4, 1)


def test_text_height_wraps_as_the_word_by_word_rule():
    rng = random.Random(7)
    pieces = ["a", "bb", "ccc", "woord", "aanbestedingsdocumenten", " ", " ", "  ", "\t", "\n", "x" * 70]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        width, size, bold = rng.choice([1, 4, 11, 24, 62]), rng.choice([8, 10, 11]), rng.random() < 0.3
        per_line = max(1, int(width * (1.0 if bold else 1.1) * 10 / size))
        expected = round(_greedy_lines(text, per_line) * size * 1.28 + 4, 1)
        assert xlsx.text_height(text, width, size, bold) == expected, (text, width, size, bold)


def test_put_stores_text_as_text_and_refuses_what_excel_cannot_hold():
    ws = openpyxl.Workbook().active
    for value in ("=HYPERLINK(\"http://evil.example\")", "#N/A", "+31 6 1234", "gewone tekst"):
        cell = ws.cell(1, 1)
        xlsx.put(cell, value)
        assert (cell.value, cell.data_type) == (value, "s")
    xlsx.put(ws.cell(2, 1), 99.5)
    xlsx.put(ws.cell(3, 1), None)
    assert (ws.cell(2, 1).value, ws.cell(2, 1).data_type, ws.cell(3, 1).value) == (99.5, "n", None)
    with pytest.raises(IllegalCharacterError):
        xlsx.put(ws.cell(4, 1), "bel\x07")
    with pytest.raises(TenderpackError, match="exceeds Excel's cell limit") as caught:
        xlsx.put(ws.cell(5, 2), "x" * (xlsx.EXCEL_MAX_TEXT + 1))
    assert caught.value.location.cell == "Sheet!B5"


def test_shared_styles_cannot_be_changed_in_place_and_copies_can():
    wb = openpyxl.Workbook()
    ws = wb.active
    styles = xlsx.Styles(wb)
    first, second, own = ws.cell(1, 1), ws.cell(2, 1), ws.cell(3, 1)
    styles.share(first, "answer")
    styles.share(second, "answer")
    styles.apply(own, "answer")
    assert first._style is second._style and own._style is not first._style and own._style == first._style
    assert first.protection.locked is False and first.fill.fgColor.rgb == "00" + xlsx.ANSWER_FILL
    with pytest.raises(TypeError, match="shared cell style"):
        second.fill = PatternFill("solid", fgColor="FF0000")
    own.fill = PatternFill("solid", fgColor="FF0000")
    assert first.fill.fgColor.rgb == "00" + xlsx.ANSWER_FILL and own.fill.fgColor.rgb == "00FF0000"
    styles.share(second, "answer", "0.0")  # another number format: another shared array
    assert second._style is not first._style and second.number_format == "0.0"


def _workbook(*extra: object) -> openpyxl.Workbook:
    """A workbook with every kind of cell the form writes, and ``extra`` values in column D."""
    wb = openpyxl.Workbook()
    ws = wb.active
    styles = xlsx.Styles(wb)
    texts = [" leading and trailing ", "R&D <b> \"quoted\" 'single'", "line\r\nbreak\ttab", "Één → ·", "=1+1", ""]
    for row, text in enumerate(texts, start=1):
        xlsx.put(ws.cell(row, 1), text)
        styles.share(ws.cell(row, 1), "shown")
        xlsx.put(ws.cell(row, 2), [0, 1.5, 0.1, 1e20, -7, 2**40][row - 1])
        styles.share(ws.cell(row, 3), "answer", "0.00")  # an empty, unlocked answer cell
        xlsx.fit_row(ws, row, 17.0 + row)
    ws.cell(7, 1).hyperlink = Hyperlink(ref="A7", location="'Other sheet'!A1")
    xlsx.put(ws.cell(7, 1), "→ Other sheet")
    ws.row_dimensions[8].height = 30
    ws.merged_cells.add("A9:C9")
    for row, value in enumerate(extra, start=1):
        ws.cell(row, 4).value = value
    wb.create_sheet("Other sheet")["A1"] = "x"
    wb.properties.created = wb.properties.modified = dt.datetime(2027, 1, 10)
    return wb


def _canonical(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: etree.tostring(etree.fromstring(z.read(name)), method="c14n") for name in z.namelist()}


@pytest.mark.parametrize("extra", [(), (dt.datetime(2027, 1, 10), True)], ids=["text and numbers", "date, bool"])
def test_save_writes_what_openpyxl_writes(extra):
    """Canonical XML equal to openpyxl's for every part; with a date or boolean, openpyxl writes the table."""
    ours = package.save(_workbook(*extra))
    theirs = io.BytesIO()
    ExcelWriter(_workbook(*extra), zipfile.ZipFile(theirs, "w", zipfile.ZIP_STORED)).save()
    assert _canonical(ours) == _canonical(theirs.getvalue())
    with zipfile.ZipFile(io.BytesIO(ours)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    empty = rb'<c r="C1" s="\d+" t="n"/>' if not extra else rb'<c r="C1" s="\d+" t="n"></c>'  # whose table
    assert re.search(empty, sheet)
    wb = openpyxl.load_workbook(io.BytesIO(ours))
    ws = wb["Sheet"]
    assert [ws.cell(r, 1).value for r in range(1, 6)] == [
        " leading and trailing ", "R&D <b> \"quoted\" 'single'", "line\r\nbreak\ttab", "Één → ·", "=1+1"]
    assert ws["A5"].data_type == "s" and ws["B3"].value == 0.1 and ws["C1"].protection.locked is False
    assert ws["A7"].hyperlink.location == "'Other sheet'!A1"


@pytest.mark.parametrize(("text", "message"), [("\ufffe", "XML compatible"), ("\uffff", "XML compatible"),
                                             ("\ud800", "surrogates not allowed")])
def test_save_refuses_text_xml_cannot_hold_as_openpyxl_does(text, message):
    for save in (package.save, lambda wb: wb.save(io.BytesIO())):
        wb = openpyxl.Workbook()
        xlsx.put(wb.active.cell(1, 1), f"a{text}b")
        with pytest.raises(ValueError, match=message):
            save(wb)


def test_save_writes_sheets_in_memory_with_fitted_rows(monkeypatch):
    def no_temporary_files():
        raise AssertionError("a sheet was written to a temporary file")
    monkeypatch.setattr("openpyxl.worksheet._writer.create_temporary_file", no_temporary_files)
    wb = openpyxl.Workbook()
    ws = wb.active
    xlsx.put(ws.cell(1, 1), "een")
    xlsx.fit_row(ws, 1, 30.2)
    ws.row_dimensions[2].height = 24
    data = package.save(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert all(info.compress_type == zipfile.ZIP_STORED for info in z.infolist())
        root = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = {r.get("r"): dict(r.attrib) for r in root.xpath("//m:sheetData/m:row", namespaces=NS)}
    assert rows["1"] == {"r": "1", "ht": "30.2"}  # automatic: no customHeight
    assert rows["2"] == {"r": "2", "ht": "24", "customHeight": "1"}
    assert openpyxl.load_workbook(io.BytesIO(data)).active["A1"].value == "een"
