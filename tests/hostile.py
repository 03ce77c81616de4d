"""Hostile and broken files for the reader tests, all built in code (no binary fixtures).

:func:`write_package` writes a minimal hand-made .xlsx whose every part the caller controls, streaming
large parts so that a 200 MB zip bomb or a sheet of millions of rows costs little memory to make.
:func:`read_isolated` opens a file in a fresh interpreter and reports the message, the time and the
peak memory, so that the memory of a hostile read is measured alone.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pytest

from generator.archive import Limits
from generator.errors import InputError
from generator.workbook import open_workbook

ROOT = Path(__file__).resolve().parent.parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
Part = bytes | str | Iterable[bytes]
FAST = 2.0
"""Seconds within which every refusal must come (the issue asks for "well under 5 s")."""


def refusal(source: bytes | Path, limits: Limits | None = None) -> str:
    """The one-line message with which ``open_workbook`` refuses ``source`` (named bid.xlsx if bytes).

    Fails the test unless the refusal is an :class:`InputError` that comes within :data:`FAST` seconds.
    """
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        open_workbook(source, name=None if isinstance(source, Path) else "bid.xlsx", limits=limits)
    assert time.perf_counter() - start < FAST
    return str(caught.value)


def sheet(rows: str, *, before: str = "", after: str = "") -> str:
    """A worksheet part with ``rows`` (``<row>`` elements) inside ``sheetData``."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
            f"{before}<sheetData>{rows}</sheetData>{after}</worksheet>")


def write_package(target: BinaryIO, sheets: dict[str, Part], *, main_type: str = XLSX_TYPE,
                  strings: Part | None = None, extra: dict[str, Part] | None = None) -> None:
    """Write a minimal .xlsx to ``target``: one worksheet part per entry of ``sheets`` (name -> XML).

    A part is bytes, text, or an iterable of byte chunks written as they come. ``main_type`` is the
    workbook's content type, ``strings`` the shared-string part, and ``extra`` more parts by name
    (replacing the generated ones of the same name).
    """
    names = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, name in enumerate(sheets, 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, len(sheets) + 1))
    if strings is not None:
        rels += f'<Relationship Id="rIdS" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    parts: dict[str, Part] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main_type}"/></Types>'),
        "_rels/.rels": (f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{_REL}"><sheets>{names}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>',
    }
    parts.update({f"xl/worksheets/sheet{i}.xml": xml for i, xml in enumerate(sheets.values(), 1)})
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    parts.update(extra or {})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            if isinstance(content, str):
                content = content.encode()
            with zf.open(name, "w") as out:
                for chunk in [content] if isinstance(content, bytes) else content:
                    out.write(chunk)


def package(sheets: dict[str, Part], **options: object) -> bytes:
    """:func:`write_package` into bytes."""
    out = io.BytesIO()
    write_package(out, sheets, **options)  # type: ignore[arg-type]
    return out.getvalue()


def valid() -> bytes:
    """A small valid workbook: the base that the broken files below damage."""
    return package({"Eisen": sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>REQ-001</t></is></c>'
                                   '<c r="B1"><v>95.5</v></c></row>')})


def zip_of(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    """A plain zip of ``entries``; ``stored_first`` is written first, uncompressed (ODF's mimetype)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        if stored_first:
            zf.writestr(stored_first, entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                zf.writestr(name, data)
    return out.getvalue()


def ole(streams: list[str]) -> bytes:
    """A minimal OLE compound file (MS-CFB v3, 512-byte sectors) whose directory names ``streams``.

    Sector 0 is the FAT, sector 1 the directory (root entry plus up to three empty streams). Enough
    for anything that sniffs the container or walks its directory; the streams hold no data.
    """
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3,
                         0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *[free] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, end, *[free] * 126)

    def entry(name: str, kind: int, child: int, right: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, free, right, child,
                           bytes(16), 0, 0, 0, end if kind == 5 else 0, 0)

    names = streams[:3]
    directory = entry("Root Entry", 5, 1 if names else free, free)
    directory += b"".join(entry(name, 2, free, i + 2 if i + 1 < len(names) else free)
                          for i, name in enumerate(names))
    return header + fat + directory.ljust(512, b"\0")


def zip_bomb(target: BinaryIO, megabytes: int = 200) -> None:
    """A workbook whose one sheet inflates to ``megabytes`` MB of zeros (about 1000:1), written streaming."""
    chunk = bytes(1 << 20)
    write_package(target, {"Eisen": (chunk for _ in range(megabytes))})


def many_rows(target: BinaryIO, rows: int = 2_000_000, name: str = "Eisen") -> None:
    """A workbook with one sheet ``name`` of ``rows`` empty rows (``<row r="N"/>``): 35 MB (7:1 zipped) for
    two million, under the unzipped-size and ratio limits, so only the row limit can stop it. Streamed."""
    def chunks() -> Iterable[bytes]:
        yield sheet("").split("<sheetData>")[0].encode() + b"<sheetData>"
        for start in range(1, rows + 1, 10_000):
            yield b"".join(b'<row r="%d"/>' % r for r in range(start, min(start + 10_000, rows + 1)))
        yield b"</sheetData></worksheet>"
    write_package(target, {name: chunks()})


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 or "")) * 10}">' for i in range(1, 10))
    + f']><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
    '</row></sheetData></worksheet>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c>'
    '</row></sheetData></worksheet>'
)


def read_isolated(path: Path) -> tuple[str, float, float]:
    """Open ``path`` with ``open_workbook`` in a fresh interpreter: (message, seconds, peak memory in MB).

    The message is ``"ok"`` or the :class:`InputError` text. The seconds cover the open only; the
    peak is the whole process's resident high-water mark (about 30 MB of it is Python and lxml).
    It is read from /proc (VmHWM) because ``getrusage``'s ru_maxrss survives exec on Linux, so a
    child started from a big pytest process would report the parent's size.
    """
    code = (
        "import json, re, sys, time\n"
        "from generator.errors import InputError\n"
        "from generator.workbook import open_workbook\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    open_workbook(sys.argv[1]); message = 'ok'\n"
        "except InputError as err:\n"
        "    message = str(err)\n"
        "seconds = time.perf_counter() - start\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) / 1024\n"
        "print(json.dumps([message, seconds, peak]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    message, seconds, peak = json.loads(done.stdout)
    return message, seconds, peak


# --- hostile text inside a valid form --------------------------------------------------------------------

DANGEROUS = ("\x00", "\x01", "\x07", "\x1b", "\x1b[31m", "\x1b]8;;http://evil.example\x1b\\", "\x9b", "\x85",
             "\ud800", "\udfff", "\ufffe", "\uffff", "\u202e", "\u202d", "\u2066", "\u2069", "\u200e",
             "\u200f", "\u061c", "\n", "\r", "\t", "\u2028", "_x0001_", "&", "<", "'", '"', "=", "\ufffd")
"""Characters and sequences that bidder text must never carry into a writer, a terminal or a report."""


def xstring(text: str) -> str:
    """``text`` as SpreadsheetML character data (ST_Xstring): what XML cannot carry (control characters,
    surrogates, U+FFFE/U+FFFF) as ``_xHHHH_``, every underscore escaped (``_x005F_``), markup escaped,
    CR as a character reference. This is how Excel stores such text, so it reaches the reader as typed."""
    out = []
    for char in text:
        code = ord(char)
        if char == "_":
            out.append("_x005F_")
        elif (code < 0x20 and char not in "\t\n\r") or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(f"_x{code:04X}_")
        else:
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}.get(char, char))
    return "".join(out)


def with_text(xlsx: bytes, replacements: dict[str, str]) -> bytes:
    """``xlsx`` with every cell text (inline or shared string) equal to a key replaced by its value, stored
    as :func:`xstring`; fails if a key is in no cell."""
    entries = {}
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        for info in zf.infolist():
            entries[info.filename] = zf.read(info)
    parts = [name for name in entries if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"]
    for old, new in replacements.items():
        plain, found = f"<t>{old}</t>".encode(), False
        for name in parts:
            found = found or plain in entries[name]
            entries[name] = entries[name].replace(plain, f'<t xml:space="preserve">{xstring(new)}</t>'.encode())
        assert found, old
    return zip_of(entries)
