"""generator.archive: an untrusted file is refused before anything is inflated, with one clear line."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import docx
import hostile as H
import openpyxl
import pytest

from generator.archive import Limits, normalize, open_package
from generator.errors import InputError
from generator.workbook import open_workbook

SAVE_AS = "; open it and save it as 'Excel Workbook (*.xlsx)'"
NOT = "not an Excel workbook (.xlsx) but"
VBA_REFUSED = f"the workbook contains macros (a VBA project); macros are refused{SAVE_AS}"


def _docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def _openpyxl_form() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = "Eisen"
    for i in range(30):
        wb.active.append([f"REQ-{i:03d}", "De opdrachtnemer levert.", "Ja", 95.5 + i])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


NOT_A_ZIP = {
    "csv": ("ID;Antwoord;Toelichting\r\nREQ-001;Ja;géén voorbehoud\r\n".encode("cp1252"),
            f"{NOT} plain text (CSV?){SAVE_AS}"),
    # Excel's "Unicode Text" export: UTF-16LE with a byte-order mark, tab-separated.
    "unicode text": ("\ufeffID\tAntwoord\r\nREQ-001\tJa\r\n".encode("utf-16-le"),
                     f"{NOT} plain text (CSV?){SAVE_AS}"),
    "html": (b"<!DOCTYPE html>\n<html><body><table><tr><td>Ja</td></tr></table></body></html>",
             f"{NOT} an HTML page{SAVE_AS}"),
    "excel 2003 xml": ((b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'),
                       f"{NOT} an Excel 2003 XML spreadsheet{SAVE_AS}"),
    "xml": (b'<?xml version="1.0"?><answers/>', f"{NOT} an XML file"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", f"{NOT} a PDF document"),
    "png": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", f"{NOT} a PNG image"),
    "binary": (bytes(range(256)) * 8, f"{NOT} unrecognised binary data"),
    "empty": (b"", "the file is empty (0 bytes); expected an Excel workbook (.xlsx)"),
    "encrypted workbook": (H.ole(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]),
                           ("the workbook is encrypted with a password; remove the password (File > Info > "
                            "Protect Workbook) and save it again as 'Excel Workbook (*.xlsx)'")),
    "xls": (H.ole(["Workbook", "\x05SummaryInformation"]),
            f"{NOT} a legacy Excel 97-2003 workbook (.xls){SAVE_AS}"),
    "doc": (H.ole(["WordDocument", "1Table"]), f"{NOT} a legacy Word document (.doc)"),
    "other ole": (H.ole(["Contents"]), f"{NOT} an old-format Office file (OLE compound file)"),
}


@pytest.mark.parametrize("kind", NOT_A_ZIP)
def test_a_file_that_is_not_a_zip_is_named_for_what_it_is(kind):
    data, message = NOT_A_ZIP[kind]
    assert H.refusal(data) == f"bid.xlsx: {message}"


EMPTY = {"S": H.sheet("")}
VBA = {"xl/vbaProject.bin": bytes(64)}
STRICT = {"xl/workbook.xml": '<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>'}
SAVE_NORMAL = "save it as 'Excel Workbook (*.xlsx)'"
PACKAGES = {
    "ods": (H.zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
                     stored_first="mimetype"),
            f"{NOT} an OpenDocument spreadsheet (.ods){SAVE_AS}"),
    "odt": (H.zip_of({"mimetype": b"application/vnd.oasis.opendocument.text"}, stored_first="mimetype"),
            f"{NOT} an OpenDocument file (application/vnd.oasis.opendocument.text)"),
    "docx": (_docx(), f"{NOT} a Word document (.docx)"),
    "xlsb": (H.package(EMPTY, main_type="application/vnd.ms-excel.sheet.binary.macroEnabled.main"),
             f"{NOT} an Excel binary workbook (.xlsb)"),
    "xlsm": (H.package(EMPTY, main_type=H.XLSM_TYPE),
             f"the workbook is macro-enabled (.xlsm); macros are refused{SAVE_AS}"),
    "xlsm with its VBA project": (H.package(EMPTY, main_type=H.XLSM_TYPE, extra=VBA), VBA_REFUSED),
    "VBA project in an xlsx": (H.package(EMPTY, extra=VBA), VBA_REFUSED),
    "zipped form": (H.zip_of({"bod/form.xlsx": H.valid()}),
                    f"{NOT} a zip archive holding 'bod/form.xlsx': unzip it first"),
    "plain zip": (H.zip_of({"readme.txt": b"hello"}), f"{NOT} a zip archive"),
    "no workbook part": (H.package(EMPTY, main_type="application/xml"),
                         "not an Excel workbook (.xlsx): [Content_Types].xml names no workbook part"),
    "strict ooxml": (H.package(EMPTY, extra=STRICT),
                     f"the workbook is saved as 'Strict Open XML Spreadsheet'; {SAVE_NORMAL}"),
}


@pytest.mark.parametrize("kind", PACKAGES)
def test_a_zip_that_is_not_a_plain_xlsx_is_named_for_what_it_is(kind):
    data, message = PACKAGES[kind]
    assert H.refusal(data) == f"bid.xlsx: {message}"


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_zip_is_refused(keep):
    data = H.valid()
    message = H.refusal(data[: int(len(data) * keep)])
    assert message.startswith("bid.xlsx: the file is truncated or damaged: not a complete zip archive")


@pytest.mark.parametrize("name", ["../evil.xml", "xl/../../evil.xml", "/etc/cron.d/evil", "C:/evil.xml",
                                  "xl\\..\\evil.xml"])
def test_unsafe_entry_names_are_refused(name):
    message = H.refusal(H.zip_of({"[Content_Types].xml": b"<Types/>", name: b"x"}))
    assert message == f"bid.xlsx: unsafe entry name '{name}' in the zip archive (absolute or with '..')"


def test_two_entries_whose_names_differ_only_in_case_are_refused():
    # OPC part names are case-insensitive, so two such entries are one part twice: which one counts?
    message = H.refusal(H.zip_of({"xl/workbook.xml": b"<a/>", "XL/Workbook.xml": b"<b/>"}))
    assert message == "bid.xlsx: the zip archive holds 'XL/Workbook.xml' twice"


def test_too_many_entries_are_refused():
    message = H.refusal(H.zip_of({f"xl/media/image{i}.png": b"" for i in range(1001)}))
    assert message == "bid.xlsx: the zip archive has 1001 entries; the limit is 1000"


def test_a_declared_total_over_the_limit_is_refused_before_inflating():
    # 60 entries of 1 MiB of zeros: each under the ratio floor, together over 50 MiB.
    message = H.refusal(H.zip_of({f"xl/media/image{i}.png": bytes(1 << 20) for i in range(60)}))
    assert message == ("bid.xlsx: the zip archive would unpack to 60 MiB; the limit is 50 MiB "
                       "(possible zip bomb)")


def test_a_zip_bomb_is_refused_fast_and_in_little_memory(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with bomb.open("wb") as out:
        H.zip_bomb(out, megabytes=200)
    message, seconds, peak = H.read_isolated(bomb)
    assert message == (f"{bomb}: zip entry 'xl/worksheets/sheet1.xml' is compressed 1028:1; the limit is "
                       "100:1 (possible zip bomb)")
    assert seconds < 1 and peak < 100


def test_small_well_compressed_parts_are_allowed():
    # Under the 1 MiB ratio floor a part may compress far better than 100:1 (repeated styles do).
    styles = H.sheet("", after="<mergeCells>" + '<mergeCell ref="A1:B2"/>' * 40_000 + "</mergeCells>")
    assert open_workbook(H.package({"Eisen": styles})).sheets[0].name == "Eisen"


def test_forged_sizes_are_caught_by_the_capped_read():
    data = bytearray(H.package({"S": H.sheet('<row r="1"><c r="A1"><v>1</v></c></row>' * 50)}))
    # Shrink the uncompressed size in the central directory entry of the sheet: the read stops there.
    entry = data.find(b"xl/worksheets/sheet1.xml", data.find(b"PK\x01\x02")) - 46
    assert data[entry:entry + 4] == b"PK\x01\x02"
    data[entry + 24:entry + 28] = (100).to_bytes(4, "little")
    assert H.refusal(bytes(data)) == ("bid.xlsx: the file is damaged: zip entry 'xl/worksheets/sheet1.xml' "
                                      "cannot be read (Bad CRC-32 for file 'xl/worksheets/sheet1.xml')")


def test_zip_encryption_and_unusual_compression_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>", compress_type=zipfile.ZIP_BZIP2)
    assert H.refusal(out.getvalue()) == ("bid.xlsx: zip entry '[Content_Types].xml' uses compression method "
                                         "12; Office files use deflate")
    data = bytearray(H.valid())
    entry = data.find(b"PK\x01\x02")
    data[entry + 8] |= 1  # general purpose flag bit 0: encrypted
    assert H.refusal(bytes(data)) == ("bid.xlsx: the zip archive is password-protected (zip encryption); "
                                      "Excel never writes that")


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(bytes(1536))
    message = H.refusal(path, Limits(max_file_bytes=1000))
    assert message == f"{path}: the file is 1.5 KiB; the limit is 1,000 bytes"


def test_missing_files_and_directories_are_refused(tmp_path):
    assert H.refusal(tmp_path / "absent.xlsx") == f"{tmp_path / 'absent.xlsx'}: no such file"
    assert H.refusal(tmp_path) == f"{tmp_path}: is a directory, not a file"


@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
def test_a_dtd_in_any_package_part_is_refused(part):
    evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Types>&e;</Types>'
    assert H.refusal(H.package({"S": H.sheet("")}, extra={part: evil})) == (
        f"bid.xlsx: '{part}' contains a DOCTYPE or ENTITY declaration, which Office files never have "
        "(possible XML bomb or external entity); refused")


def test_a_utf16_part_is_refused_so_it_cannot_hide_a_dtd():
    evil = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "boom">]><workbook/>'
    evil = evil.encode("utf-16")
    assert H.refusal(H.package({"S": H.sheet("")}, extra={"xl/workbook.xml": evil})) == (
        "bid.xlsx: 'xl/workbook.xml' is UTF-16 encoded; Office files use UTF-8, refused")


def test_relationship_targets_are_resolved_and_external_ones_ignored():
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="a" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="b" Type="http://x/worksheet" Target="/xl/worksheets/sheet%202.xml"/>'
            '<Relationship Id="c" Type="http://x/image" Target="../media/logo.png"/>'
            '<Relationship Id="d" Type="http://x/hyperlink" Target="https://evil.example/" '
            'TargetMode="External"/>'
            '<Relationship Id="e" Type="http://x/image" Target="../../../etc/passwd"/></Relationships>')
    package = open_package(H.package({"S": H.sheet("")}, extra={"xl/_rels/workbook.xml.rels": rels}))
    assert package.relationships("xl/workbook.xml") == {
        "a": ("worksheet", "xl/worksheets/sheet1.xml"),
        "b": ("worksheet", "xl/worksheets/sheet 2.xml"),
        "c": ("image", "media/logo.png"),
    }
    assert package.relationships("")["rId1"] == ("officeDocument", "xl/workbook.xml")
    assert package.relationships("xl/worksheets/sheet1.xml") == {}


def test_damaged_bytes_only_ever_give_an_input_error():
    """Truncations and byte flips anywhere in a real openpyxl form: an InputError or a read, never a crash."""
    data = _openpyxl_form()
    rng = random.Random(4)
    variants = [data[:cut] for cut in range(0, len(data), 97)]
    for _ in range(300):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        variants.append(bytes(damaged))
    outcomes = {"read": 0, "refused": 0}
    for variant in variants:
        try:
            open_workbook(variant, name="bid.xlsx")
            outcomes["read"] += 1
        except InputError as err:
            assert str(err).startswith("bid.xlsx") and "\n" not in str(err)
            outcomes["refused"] += 1
    assert outcomes["refused"] > len(variants) / 2


def test_normalize_gives_identical_bytes_for_identical_content():
    when = dt.datetime(2027, 1, 15, 9, 30)
    first, second = normalize(H.valid(), when), normalize(H.valid(), when)
    assert first == second
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2027, 1, 15, 9, 30, 0)}
    early = zipfile.ZipFile(io.BytesIO(normalize(H.valid(), dt.datetime(1970, 1, 1))))
    assert {i.date_time for i in early.infolist()} == {(1980, 1, 1, 0, 0, 0)}
