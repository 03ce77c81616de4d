"""Zip-level handling of OOXML packages (.docx, .xlsx): deterministic writing and safe reading.

python-docx and openpyxl stamp each zip entry with the current time, so two builds of the same content
differ byte for byte. :func:`normalize` rewrites a package with one fixed timestamp per entry, keeping
the entry order (``[Content_Types].xml`` must stay first for some readers).

Returned bid forms come from outside and are treated as hostile. :func:`open_package` checks a file
*before inflating anything*: size, magic bytes (and what the file is instead: CSV, PDF, .xls, an
encrypted workbook, .ods, .docx...), the zip directory (entry count, names, declared sizes and
compression ratios), macros and the main content type. :class:`Package` then reads parts with the byte
counts capped, refuses any DTD, and parses XML with an lxml parser that never resolves entities or
touches the network. Every refusal is an :class:`~generator.errors.InputError` with one human line.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import re
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Self
from urllib.parse import unquote

from lxml import etree

from .errors import InputError, Location

# What zipfile raises for a damaged or crafted archive: NotImplementedError is its answer to a
# compression method it lacks (Deflate64, a made-up method number), which a hostile file may declare.
_ZIP_ERRORS = (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError)

MiB = 1 << 20


# The namespaces of spreadsheet drawing and chart parts, declared on the part's root element.
_DRAWING_NAMESPACES = {
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DRAWING_PART = re.compile(r"xl/(drawings/drawing|charts/chart)\d+\.xml")


def normalize(data: bytes, when: dt.datetime) -> bytes:
    """Return the package ``data`` with every entry dated ``when`` and deflate-compressed.

    Zip timestamps cannot hold dates before 1980; earlier dates are clamped to 1 January 1980. The
    drawing and chart parts of a workbook get their namespaces declared on the root element
    (:func:`hoist_namespaces`).
    """
    stamp = max(when.replace(tzinfo=None), dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            part = src.read(info.filename)
            if _DRAWING_PART.fullmatch(info.filename):
                part = hoist_namespaces(part)
            dst.writestr(entry, part)
    return out.getvalue()


def hoist_namespaces(xml: bytes) -> bytes:
    """The drawing or chart part ``xml`` (written by this program) with every namespace declared once,
    on its root element.

    openpyxl declares the DrawingML namespaces on the inner elements that first use them
    (``<a:graphic xmlns:a=...>``). That is valid XML, but Gnumeric does not see such a declaration and
    drops every chart of the workbook ("Unexpected element 'a:graphic'"); Excel and LibreOffice declare
    them on the root, which every client reads.
    """
    root = etree.fromstring(xml, _parser())
    etree.cleanup_namespaces(root, top_nsmap=_DRAWING_NAMESPACES)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(frozen=True)
class Limits:
    """Limits on one untrusted package and the workbook read from it.

    A filled 50-row bid form is about 100 KiB unzipped in some 20 entries, with sheets of a few
    hundred rows at most; every default leaves a wide margin over that while keeping a hostile file's
    cost under about a second and 100 MB. lxml trees take 20-40 times the XML's size in memory
    (measured), which is why no XML is ever held whole beyond ``max_xml_block``.
    """

    max_file_bytes: int = 20 * MiB
    """The file itself (a filled form is well under 1 MiB, even with a pasted logo)."""
    max_entries: int = 1000
    """Zip entries (a form has about 20)."""
    max_unzipped_bytes: int = 50 * MiB
    """Sum of the declared uncompressed sizes, checked before inflating anything."""
    max_ratio: int = 100
    """Compression ratio of any entry larger than ``ratio_floor_bytes``: sheet XML compresses about
    10-30:1, a zip bomb 1000:1."""
    ratio_floor_bytes: int = 1 * MiB
    """Smaller entries may compress better (a few KiB of repeated styles), and cannot hurt."""
    max_xml_block: int = 1 * MiB
    """The largest XML held at once: a whole small part (workbook, relationships, properties), or
    the stretch between two rows or two shared strings of a streamed part (so one row or one string
    is at most this big, and so is the XML after a sheet's last row). Keep it well above the 32 KiB
    that lxml reads at a time, which the stretch includes."""
    max_rows: int = 20_000
    """Rows per sheet (by row number and by count)."""
    max_cols: int = 200
    """Columns per sheet (column GR; a form uses a dozen)."""
    max_cells: int = 200_000
    """Rows, cells and shared strings in the whole workbook: the work a hostile file can demand (about
    2 s here; a 1,000-requirement form has some 20,000)."""


# Main-part content types (ECMA-376 Part 2, [Content_Types].xml) and what each file is instead.
_SPREADSHEET = "spreadsheet"
_MACROS = "macros"
_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": _SPREADSHEET,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": _SPREADSHEET,
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": _MACROS,
    "application/vnd.ms-excel.template.macroEnabled.main+xml": _MACROS,
    "application/vnd.ms-excel.addin.macroEnabled.main+xml": _MACROS,
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": "an Excel binary workbook (.xlsb)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
        "a Word document (.docx)",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "a Word document (.docm)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        "a PowerPoint presentation",
}
# Parts that carry code: VBA projects and Excel 4.0 (XLM) macro sheets, which run on open.
_MACRO_TYPES = {
    "application/vnd.ms-office.vbaProject",
    "application/vnd.ms-excel.macrosheet+xml",
    "application/vnd.ms-excel.intlmacrosheet+xml",
}
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# What a file that is not a zip looks like, by its first bytes.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or the end record of an empty zip
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
_SAVE_AS = "; open it and save it as 'Excel Workbook (*.xlsx)'"
_DRIVE = re.compile(r"[A-Za-z]:")
# A DTD is the only way to declare entities, and OPC forbids it: "DTD declarations shall not be used"
# and readers "shall treat the presence of DTD declarations as an error" (ECMA-376 Part 2, 8.1.4,
# [M1.18]). Refusing it outright stops billion-laughs and external-entity (XXE) files.
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_PARSE_OPTIONS = {
    "resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
    "remove_comments": True, "remove_pis": True,
    # Forcing UTF-8 makes the byte scan for DTD markers sound: a UTF-16 or EBCDIC part cannot hide
    # "<!DOCTYPE" from it, it just fails to parse. OPC also allows UTF-16 ([M1.17]), but Excel,
    # LibreOffice and openpyxl all write UTF-8.
    "encoding": "utf-8",
}
_local = threading.local()  # lxml parsers must not be shared between threads


class Package:
    """An opened and pre-checked OOXML spreadsheet package; parts are read lazily and safely.

    Part names are zip entry names without a leading slash (``xl/workbook.xml``); lookups ignore
    ASCII case, as OPC part names do (ECMA-376 Part 2, 8.1.1.2, [M1.12]). Create with :func:`open_package`.
    The package holds the file's bytes in memory, so there is nothing to close.
    """

    def __init__(self, zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], main: str,
                 name: str | None, limits: Limits) -> None:
        self._zip = zf
        self._entries = entries
        self.main = main
        """The main part (the workbook), as named in ``[Content_Types].xml``."""
        self.name = name
        """The file name used in error messages (``None`` when read from bytes without a name)."""
        self.limits = limits

    def error(self, message: str, cell: str | None = None) -> InputError:
        """An :class:`InputError` located in this package, and at ``cell`` (``Sheet!A1``) if given."""
        return InputError(message, Location(path=self.name, cell=cell))

    def has(self, part: str) -> bool:
        """Whether the package holds ``part``."""
        return part.lower() in self._entries

    def xml(self, part: str) -> etree._Element:
        """The root element of the small XML part ``part``.

        Refused: a missing part, one larger than ``max_xml_block`` (stream big parts with
        :meth:`iter_elements`), a DTD, malformed XML.
        """
        info = self._info(part)
        if info.file_size > self.limits.max_xml_block:
            raise self.error(f"'{part}' is too large ({_size(info.file_size)} of XML; the limit is "
                             f"{_size(self.limits.max_xml_block)})")
        with _Stream(self, info) as stream:
            data = stream.read()
        try:
            return etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as err:
            raise self._malformed(part, err) from None

    def iter_elements(self, part: str, tags: tuple[str, ...]) -> Iterator[etree._Element]:
        """Yield each complete element of the XML part ``part`` with a tag in ``tags``, in document order.

        A part larger than ``max_xml_block`` is streamed: each yielded element, and everything before
        it, is freed when the next one is requested, so memory stays flat however long the part is.
        Do not keep the elements. Refused: a missing part, a DTD, malformed XML, and more than
        ``max_xml_block`` bytes of XML before, between or after the yielded elements (a giant row or
        string, or a flood of others).
        """
        info = self._info(part)
        if info.file_size <= self.limits.max_xml_block:
            # As much XML as one streamed block may hold, so no more memory; parsed in one go, as a
            # 50-row form's parts all are, it is half again faster than streamed (measured).
            yield from self.xml(part).iter(*tags)
            return
        with _Stream(self, info) as stream:
            try:
                for _, element in etree.iterparse(stream, events=("end",), tag=tags, **_PARSE_OPTIONS):
                    yield element
                    stream.mark()
                    _discard(element)
            except etree.XMLSyntaxError as err:
                raise self._malformed(part, err) from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """The internal relationships of ``part`` (``""`` for the package itself): id -> (kind, target).

        ``kind`` is the last segment of the relationship type (``worksheet``, ``sharedStrings``,
        ``custom-properties``...), the same in transitional and strict OOXML. ``target`` is a part name:
        targets are resolved relative to the source part's folder unless absolute (``/xl/...``; Excel
        writes relative, some generators absolute) and percent-decoded (they are URIs). Relationships
        with ``TargetMode="External"`` (links to other files or the web) are left out, never
        followed, and so are targets outside the package. A missing relationships part gives ``{}``.
        """
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return {}
        found: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels).iter(f"{_RELS}Relationship"):
            if rel.get("TargetMode", "Internal") != "Internal":
                continue
            target = unquote(rel.get("Target", ""))
            joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            path = posixpath.normpath(joined)
            if not target or path in (".", "..") or path.startswith("../"):
                continue
            found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return found

    def _info(self, part: str) -> zipfile.ZipInfo:
        info = self._entries.get(part.lower())
        if info is None:
            raise self.error(f"the workbook is damaged: part '{part}' is missing")
        return info

    def _malformed(self, part: str, err: etree.XMLSyntaxError) -> InputError:
        return self.error(f"the workbook is damaged: '{part}' is not well-formed XML ({err.msg})")


def open_package(source: str | os.PathLike[str] | bytes, *, name: str | None = None,
                 limits: Limits | None = None) -> Package:
    """Open an untrusted .xlsx file (a path, or its bytes) after checking it is safe and a workbook.

    ``name`` is the file name shown in error messages (default: the path); ``limits`` defaults to
    :class:`Limits` as it stands. Each of these is refused with one :class:`InputError` line, before
    anything is inflated: a missing, empty or too large file; anything that is not a zip, saying what
    it is (CSV or other text, HTML, PDF, an image...); an OLE container, saying whether it is a
    password-encrypted workbook or a legacy .xls (or .doc); a truncated or damaged zip; too many
    entries, unsafe entry names (absolute, ``..``), duplicate names, zip-encrypted entries, unusual
    compression methods; a declared total size or an entry's compression ratio over the limits (zip
    bombs); an OpenDocument file (.ods); macros (a VBA project, .xlsm, XLM macro sheets); and a
    package whose main part is not a spreadsheet (.docx, .pptx, .xlsb).
    """
    limits = limits or Limits()
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        name = name or os.fspath(source)
        data = read_file(source, name, limits)
    where = Location(path=name)
    if len(data) > limits.max_file_bytes:
        raise InputError(f"the file is {_size(len(data))}; the limit is {_size(limits.max_file_bytes)}",
                         where)
    if not data:
        raise InputError("the file is empty (0 bytes); expected an Excel workbook (.xlsx)", where)
    if data.startswith(_OLE_MAGIC):
        raise InputError(_ole_kind(data), where)
    if not data.startswith(_ZIP_MAGIC):
        what, convertible = _describe(data[:4096])
        advice = _SAVE_AS if convertible else ""
        raise InputError(f"not an Excel workbook (.xlsx) but {what}{advice}", where)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except _ZIP_ERRORS as err:
        raise InputError(f"the file is truncated or damaged: not a complete zip archive ({err})",
                         where) from None
    entries = _check_entries(infos, limits, where)
    package = Package(zf, entries, "", name, limits)
    package.main = _main_part(package, entries)
    return package


def read_file(path: str | os.PathLike[str], name: str | None = None, limits: Limits | None = None) -> bytes:
    """The bytes of the untrusted file ``path``, refused before reading when over ``max_file_bytes``.

    ``name`` is the file named in the :class:`InputError` (default: the path) for a missing file, a
    folder, an unreadable or a too large file. Read a file once with this and open its bytes with
    :func:`open_package`, when the bytes are needed as well (to hash them, say).
    """
    name = name or os.fspath(path)
    limits = limits or Limits()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_bytes:  # refuse before reading; the read below is capped anyway
                raise InputError(f"the file is {_size(size)}; the limit is {_size(limits.max_file_bytes)}",
                                 Location(path=name))
            return handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", Location(path=name)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", Location(path=name)) from None
    except OSError as err:
        raise InputError(f"cannot read the file ({err.strerror})", Location(path=name)) from None


def _ole_kind(data: bytes) -> str:
    """Name what an OLE compound file (CFB, magic D0CF11E0) is, by the names of its streams.

    Stream names are stored in UTF-16LE in the CFB directory, so a byte search finds them without
    walking the sector chains. Excel's password encryption wraps the whole .xlsx in a CFB with an
    "EncryptionInfo" and an "EncryptedPackage" stream (MS-OFFCRYPTO 2.3.4); rights management (IRM)
    uses the same streams. A legacy .xls keeps its data in a "Workbook" (BIFF8) or "Book" (BIFF5)
    stream.
    """
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptionInfo") or has("EncryptedPackage"):
        return ("the workbook is encrypted with a password; remove the password (File > Info > Protect "
                "Workbook) and save it again as 'Excel Workbook (*.xlsx)'")
    if has("Workbook") or has("Book"):
        return "not an Excel workbook (.xlsx) but a legacy Excel 97-2003 workbook (.xls)" + _SAVE_AS
    if has("WordDocument"):
        return "not an Excel workbook (.xlsx) but a legacy Word document (.doc)"
    return "not an Excel workbook (.xlsx) but an old-format Office file (OLE compound file)"


def _describe(head: bytes) -> tuple[str, bool]:
    """What the first bytes of a non-zip file look like, and whether saving it as .xlsx could help."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what, False
    text = _as_text(head)
    if text is None:
        return "unrecognised binary data", False
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")) or "<html" in start[:2048]:
        # Excel's "Web Page" save, or a web portal's error page downloaded instead of the form.
        return "an HTML page", True
    if start.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in start:
            return "an Excel 2003 XML spreadsheet", True
        return "an XML file", False
    return "plain text (CSV?)", True


def _as_text(head: bytes) -> str | None:
    """``head`` decoded if it looks like text, else ``None``. A truncated last character is tolerated."""
    # Excel's "Unicode Text" export is UTF-16LE with a byte-order mark; CSV comes as UTF-8 or cp1252.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", errors="replace")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # the 4 KiB cut fell inside a character
            return head[:err.start].decode("utf-8")
    controls = sum(b < 32 and b not in b"\t\r\n" for b in head)
    return head.decode("cp1252", errors="replace") if controls <= len(head) // 100 else None


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits,
                   where: Location) -> dict[str, zipfile.ZipInfo]:
    """Check the zip directory (names, flags, declared sizes) before inflating any entry; index it by
    lower-case name."""
    if len(infos) > limits.max_entries:
        raise InputError(f"the zip archive has {len(infos)} entries; the limit is {limits.max_entries}",
                         where)
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in re.split(r"[/\\]", name):
            raise InputError(f"unsafe entry name '{name}' in the zip archive (absolute or with '..')",
                             where)
        if name.lower() in entries:  # part names are case-insensitive ([M1.12]): which one would count?
            raise InputError(f"the zip archive holds '{name}' twice", where)
        if info.flag_bits & 0x1:
            raise InputError("the zip archive is password-protected (zip encryption); Excel never writes "
                             "that", where)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"zip entry '{name}' uses compression method {info.compress_type}; Office files "
                             "use deflate", where)
        big = info.file_size > limits.ratio_floor_bytes
        if big and info.file_size > limits.max_ratio * info.compress_size:
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(f"zip entry '{name}' is compressed {ratio}:1; the limit is {limits.max_ratio}:1 "
                             "(possible zip bomb)", where)
        total += info.file_size
        entries[name.lower()] = info
    if total > limits.max_unzipped_bytes:
        raise InputError(f"the zip archive would unpack to {_size(total)}; the limit is "
                         f"{_size(limits.max_unzipped_bytes)} (possible zip bomb)", where)
    return entries


def _main_part(package: Package, entries: dict[str, zipfile.ZipInfo]) -> str:
    """The workbook part named by ``[Content_Types].xml``, after refusing what is not a plain .xlsx."""
    names = [info.filename for info in entries.values()]
    if any(posixpath.basename(n).lower() == "vbaproject.bin" for n in names):
        raise package.error("the workbook contains macros (a VBA project); macros are refused" + _SAVE_AS)
    if not package.has("[Content_Types].xml"):
        if package.has("mimetype"):  # OpenDocument: a "mimetype" entry comes first (ODF 1.2 Part 3, 3.3)
            with _Stream(package, package._info("mimetype")) as stream:
                kind = stream.read(100).decode("ascii", errors="replace")
            what = "an OpenDocument spreadsheet (.ods)" if kind.endswith("opendocument.spreadsheet") else None
            raise package.error(f"not an Excel workbook (.xlsx) but {what}{_SAVE_AS}" if what else
                                f"not an Excel workbook (.xlsx) but an OpenDocument file ({kind})")
        inner = next((n for n in names if n.lower().endswith((".xlsx", ".xls", ".ods"))), None)
        hint = f" holding '{inner}': unzip it first" if inner else ""
        raise package.error(f"not an Excel workbook (.xlsx) but a zip archive{hint}")
    main, other = "", ""
    for entry in package.xml("[Content_Types].xml"):  # Default (by extension), Override (by part name)
        content_type = entry.get("ContentType", "")
        kind = _MAIN_TYPES.get(content_type)
        if content_type in _MACRO_TYPES or kind == _MACROS:
            raise package.error("the workbook is macro-enabled (.xlsm); macros are refused" + _SAVE_AS)
        if entry.tag == f"{_CT}Override" and kind == _SPREADSHEET:
            main = unquote(entry.get("PartName", "")).lstrip("/")
        elif kind:
            other = kind
    if not main:
        raise package.error(f"not an Excel workbook (.xlsx) but {other}" if other else
                            "not an Excel workbook (.xlsx): [Content_Types].xml names no workbook part")
    package._info(main)
    return main


class _Stream:
    """One zip entry, read with guards: never more than its declared size, no DTD, and at most
    ``max_xml_block`` bytes between two marks.

    The size checks of :func:`open_package` trust the declared sizes, and zip headers can lie, so the
    bytes inflated are capped at the declared size: a forged, smaller size then ends the XML early or
    fails zipfile's CRC check, and a forged, larger one only makes the checks stricter.
    """

    def __init__(self, package: Package, info: zipfile.ZipInfo) -> None:
        self._package, self._info = package, info
        self._total = self._mark = 0
        self._tail = b""
        try:
            self._raw = package._zip.open(info)
        except _ZIP_ERRORS as err:
            raise self._damaged(err) from None

    def read(self, size: int = -1) -> bytes:
        limit = self._info.file_size - self._total
        try:
            chunk = self._raw.read(limit if size < 0 else min(size, limit))
        except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError) as err:
            raise self._damaged(err) from None
        part, limits = self._info.filename, self._package.limits
        if not self._total and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise self._package.error(f"'{part}' is UTF-16 encoded; Office files use UTF-8, refused")
        self._total += len(chunk)
        if self._total - self._mark > limits.max_xml_block:
            raise self._package.error(f"'{part}' has more than {_size(limits.max_xml_block)} of XML in one "
                                      "row, one string or outside the rows; refused")
        probe = self._tail + chunk
        if any(marker in probe for marker in _DTD_MARKERS):
            raise self._package.error(f"'{part}' contains a DOCTYPE or ENTITY declaration, which Office "
                                      "files never have (possible XML bomb or external entity); refused")
        self._tail = chunk[-8:]
        return chunk

    def mark(self) -> None:
        """Start a new block: the XML read so far has been handled and freed."""
        self._mark = self._total

    def _damaged(self, err: Exception) -> InputError:
        return self._package.error(f"the file is damaged: zip entry '{self._info.filename}' cannot be read "
                                   f"({err})")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()


def _size(count: int) -> str:
    """``52428800`` -> ``"50 MiB"``, ``1536`` -> ``"1.5 KiB"``, ``1000`` -> ``"1,000 bytes"``."""
    for unit, name in ((MiB, "MiB"), (1024, "KiB")):
        if count >= unit:
            return f"{count / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{count:,} bytes"


def _parser() -> etree.XMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(**_PARSE_OPTIONS)
    return parser


def _discard(element: etree._Element) -> None:
    """Free ``element`` and every element before it, up the tree (the classic iterparse clean-up)."""
    element.clear()
    node = element
    while (parent := node.getparent()) is not None:
        while node.getprevious() is not None:
            del parent[0]
        node = parent
