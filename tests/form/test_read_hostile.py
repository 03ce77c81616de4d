"""Hostile and broken files through read_form and `tenderpack parse`: one clear line, exit 2, quickly."""

from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from hostile import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    FAST,
    XLSM_TYPE,
    many_rows,
    ole,
    package,
    sheet,
    valid,
    zip_bomb,
    zip_of,
)

from generator.cli import cli
from generator.errors import InputError
from generator.form import read_form
from generator.form.layout import META_SHEET


def _plain_xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _truncated() -> bytes:
    data = _plain_xlsx()
    return data[: len(data) // 2]


def _docx() -> bytes:
    return zip_of({"[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
                   "word/document.xml": b"<w:document/>"})


HOSTILE = {
    "empty": (lambda: b"", "empty"),
    "not a zip (csv)": (lambda: b"ID;Antwoord\nREQ-01;Ja\n", "CSV"),
    "truncated zip": (_truncated, "truncated or damaged"),
    "encrypted workbook": (lambda: ole(["EncryptionInfo", "EncryptedPackage"]), "encrypted"),
    "xls renamed": (lambda: ole(["Workbook"]), ".xls"),
    "ods renamed": (lambda: zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                    "content.xml": b"<x/>"}, stored_first="mimetype"), ".ods"),
    "docx renamed": (_docx, "Word document"),
    "xlsm": (lambda: package({"Eisen": sheet("")}, main_type=XLSM_TYPE), "macro"),
    # In the metadata sheet, which the parser reads first: it reads no sheet it does not need, so a
    # hostile part elsewhere in a workbook without metadata is never even inflated.
    "billion laughs": (lambda: package({"Eisen": sheet(""), META_SHEET: BILLION_LAUGHS}), "DOCTYPE"),
    "external entity": (lambda: package({"Eisen": sheet(""), META_SHEET: EXTERNAL_ENTITY}), "DOCTYPE"),
    "no metadata sheet": (valid, "not a tenderpack bid form"),
    "plain workbook": (_plain_xlsx, "not a tenderpack bid form"),
}


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    bomb, rows = folder / "bomb.xlsx", folder / "rows.xlsx"
    with bomb.open("wb") as out:
        zip_bomb(out)
    with rows.open("wb") as out:
        many_rows(out, name=META_SHEET)
    return {"zip bomb": (bomb, "zip bomb"), "millions of rows": (rows, "row")}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_read_form_refuses_with_one_line(kind):
    make, words = HOSTILE[kind]
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_form(make(), filename="bid.xlsx")
    assert time.perf_counter() - start < FAST
    message = str(caught.value)
    assert "\n" not in message and message.startswith("bid.xlsx: ") and words in message, message


def test_big_hostile_files_are_refused_quickly(big_files):
    for path, words in big_files.values():
        start = time.perf_counter()
        with pytest.raises(InputError, match=words):
            read_form(path)
        assert time.perf_counter() - start < FAST


@pytest.mark.parametrize("kind", sorted(HOSTILE) + ["zip bomb", "millions of rows", "missing file", "a folder"])
def test_parse_exits_2_with_one_line_and_no_traceback(tmp_path, big_files, kind):
    if kind in big_files:
        path = big_files[kind][0]
    elif kind == "missing file":
        path = tmp_path / "missing.xlsx"
    elif kind == "a folder":
        path = tmp_path
    else:
        path = tmp_path / "bid.xlsx"
        path.write_bytes(HOSTILE[kind][0]())
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output


def test_a_form_with_a_macro_project_is_refused():
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_plain_xlsx())) as src, zipfile.ZipFile(data, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/vbaProject.bin", b"\0" * 64)
    with pytest.raises(InputError, match="macros"):
        read_form(data.getvalue())
