"""A minimal, read-only view of an untrusted .xlsx workbook: sheets, cell values, names and properties.

This is the lowest layer of the bid-form parser. It reads through :class:`generator.archive.Package`
(size, zip-bomb, DTD and macro checks) and streams every sheet and the shared-string table, so a
hostile sheet is refused at its first row past the limits, in little time and memory. It reads what
openpyxl writes (inline strings) and what Excel and LibreOffice Calc write (shared strings), and gives
values as stored: strings, numbers, booleans, :class:`CellError` and, for the rare ``t="d"`` cells,
datetimes. Numbers that Excel shows as dates stay numbers; :meth:`Workbook.to_datetime` converts
them with the workbook's epoch. Styles, formulas, merged cells and validations are not read.

Every problem is an :class:`~generator.errors.InputError` naming the file and, where it has one, the
cell as ``Sheet!A1``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from .archive import Limits, Package, open_package
from .characters import clean, one_line
from .errors import InputError, Location

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT_NS = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_ROW, _C, _V, _IS, _T, _R, _SI = (f"{_NS}{tag}" for tag in ("row", "c", "v", "is", "t", "r", "si"))
_PROTECTION = f"{_NS}sheetProtection"
_DIGITS = "0123456789"
# ST_Xstring (ECMA-376 Part 1, 22.9.2.19): characters XML cannot carry, such as control characters,
# are written as _xHHHH_; Excel writes a literal "_x0041_" typed by a user as "_x005F_x0041_".
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# xsd:boolean, as in cells, attributes and properties: Excel writes "1"/"0", LibreOffice "true"/"false".
_BOOLEANS = {"1": True, "true": True, "0": False, "false": False}


@dataclass(frozen=True)
class CellError:
    """An error value stored in a cell, such as ``#N/A`` or ``#DIV/0!`` (cell type ``t="e"``)."""

    code: str

    def __str__(self) -> str:
        return self.code


Value = str | int | float | bool | dt.datetime | CellError
"""A cell value. Integers come back as ``int`` when stored without a fraction or exponent."""


class Sheet:
    """One sheet: its name, visibility, protection and the values of its non-empty cells.

    ``state`` is ``"visible"``, ``"hidden"`` or ``"veryHidden"`` as stored; LibreOffice Calc saves a
    veryHidden sheet as hidden, so do not rely on the difference. ``protected`` tells whether sheet
    protection is on (``<sheetProtection sheet="1">``); it says nothing about tampering, as the
    password is a weak hash that tools remove. ``rows`` maps row number -> column number -> value
    (both 1-based, in file order, which is ascending in every file Excel or LibreOffice writes),
    holding only cells with a value; treat it as read-only.
    ``defined_names`` holds the names scoped to this sheet, such as ``_xlnm.Print_Titles``.

    A sheet of a workbook opened with ``lazy=True`` reads its part when ``rows`` or ``protected`` is
    first used, so that access can raise the :class:`InputError` an eager open raises at once.
    """

    __slots__ = ("name", "state", "defined_names", "_rows", "_protected", "_load")

    def __init__(self, name: str, state: str, defined_names: dict[str, str],
                 load: Callable[[], tuple[dict[int, dict[int, Value]], bool]]) -> None:
        """A sheet whose rows and protection flag ``load`` reads, once, when first needed."""
        self.name = name
        self.state = state
        self.defined_names = defined_names
        self._rows: dict[int, dict[int, Value]] | None = None
        self._protected = False
        self._load = load

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, state={self.state!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sheet):
            return NotImplemented
        return ((self.name, self.state, self.defined_names, self.protected, self.rows)
                == (other.name, other.state, other.defined_names, other.protected, other.rows))

    __hash__ = None  # type: ignore[assignment]  (mutable once read, like the dict it holds)

    @property
    def rows(self) -> dict[int, dict[int, Value]]:
        """Row number -> column number -> value of the non-empty cells."""
        if self._rows is None:
            self._rows, self._protected = self._load()
        return self._rows

    @property
    def protected(self) -> bool:
        """Whether sheet protection is on."""
        self.rows  # noqa: B018  (reads the sheet if it was not read yet)
        return self._protected

    def cell(self, ref: str | int, col: int | None = None) -> Value | None:
        """The value at ``"B3"`` or at (row, col) = ``(3, 2)``; ``None`` for an empty cell.

        ``ValueError`` for a malformed reference (a programming error, not bad input).
        """
        row, col = parse_ref(ref) if isinstance(ref, str) else (ref, col)
        if col is None:
            raise ValueError("cell() needs a reference such as 'B3', or a row and a column")
        return self.rows.get(row, {}).get(col)

    @property
    def max_row(self) -> int:
        """The last row with a value (0 for an empty sheet)."""
        return max(self.rows, default=0)


@dataclass(frozen=True)
class Workbook:
    """A read workbook: sheets in tab order, defined names, custom properties, the date epoch.

    ``name`` is the file name used in messages. ``defined_names`` holds the workbook-scoped names as
    name -> formula text (``"Lijsten!$A$2:$A$3"``, or a constant such as ``'"TEST-2027-001"'``).
    ``properties`` holds the custom document properties (docProps/custom.xml) as name -> value; it is
    empty when the part is absent, as after a re-save by some programs.
    """

    name: str | None
    sheets: tuple[Sheet, ...]
    defined_names: dict[str, str]
    properties: dict[str, Value]
    date1904: bool

    def get(self, name: str) -> Sheet | None:
        """The sheet called ``name``, ignoring case as Excel does, or ``None``."""
        wanted = name.casefold()
        return next((sheet for sheet in self.sheets if sheet.name.casefold() == wanted), None)

    def sheet(self, name: str) -> Sheet:
        """The sheet called ``name`` (ignoring case); an :class:`InputError` naming the sheets if absent."""
        found = self.get(name)
        if found is None:
            present = ", ".join(f"'{sheet.name}'" for sheet in self.sheets) or "none"
            raise InputError(f"the workbook has no sheet '{name}' (its sheets: {present})",
                             Location(path=self.name))
        return found

    def to_datetime(self, serial: float) -> dt.datetime:
        """Convert an Excel date serial with this workbook's epoch; see :func:`serial_to_datetime`."""
        return serial_to_datetime(serial, date1904=self.date1904)


def open_workbook(source: str | os.PathLike[str] | bytes, *, name: str | None = None,
                  limits: Limits | None = None, lazy: bool = False) -> Workbook:
    """Open and read an untrusted .xlsx file (a path or its bytes); see :func:`read_workbook`.

    ``name`` is the file name used in error messages (default: the path); ``limits`` defaults to
    :class:`~generator.archive.Limits` as it stands. Raises :class:`InputError` for everything
    :func:`~generator.archive.open_package` refuses and everything :func:`read_workbook` finds wrong
    (with ``lazy``, a sheet's own problems are raised when its rows are first used).
    """
    return read_workbook(open_package(source, name=name, limits=limits), lazy=lazy)


def read_workbook(package: Package, *, lazy: bool = False) -> Workbook:
    """Read the workbook part and every sheet of ``package`` with the package's limits.

    Refused with an :class:`InputError`: strict OOXML (Excel's "Strict Open XML Spreadsheet"); a
    damaged structure (a sheet without name or part, two sheets with one name or part, a bad cell
    reference, shared-string index, number, boolean or custom property); a sheet with a row past
    ``max_rows`` or more rows than that, or a cell past ``max_cols``; more than ``max_cells`` rows,
    cells and strings in all.

    With ``lazy``, a sheet's part is read only when its rows are first used, and its problems are
    raised then: a reader that needs a few sheets (the bid-form parser skips the instructions and
    the lists) neither pays for nor inflates the others. The limits hold for the sheets read.
    """
    return _Reader(package).read(lazy)


def parse_ref(ref: str) -> tuple[int, int]:
    """``"B3"`` -> ``(3, 2)``; ``"$B$3"`` and ``"b3"`` are accepted. ``ValueError`` if malformed."""
    plain = ref.replace("$", "").upper()
    letters = plain.rstrip(_DIGITS)
    digits = plain[len(letters):]
    col = _column(letters)
    if not col or not digits.isascii() or not digits.isdigit() or int(digits) < 1:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(digits), col


def cell_ref(row: int, col: int) -> str:
    """``(3, 2)`` -> ``"B3"``."""
    return f"{_letters(col)}{row}"


def serial_to_datetime(serial: float, *, date1904: bool = False) -> dt.datetime:
    """A naive datetime for an Excel date serial, rounded to the millisecond.

    In the 1900 date system (the default) serial 1 is 1900-01-01, and Excel counts a 29 February 1900
    that never was, as serial 60 (a Lotus 1-2-3 bug kept for compatibility): serials from 61 count
    from 1899-12-30, serials below 60 from 1899-12-31, and serials in [60, 61) raise ``ValueError``.
    (LibreOffice, which writes ``dateCompatibility="false"``, counts every serial from 1899-12-30:
    the two agree from 1 March 1900 on.) In the 1904 system of old Mac workbooks (``workbookPr date1904``)
    serial 0 is 1904-01-01. The fraction is the time of day. ``ValueError`` as well for negative,
    non-finite or too large serials.
    """
    if not math.isfinite(serial) or serial < 0:
        raise ValueError(f"not a date serial: {serial!r}")
    if date1904:
        epoch = dt.datetime(1904, 1, 1)
    elif serial >= 61:
        epoch = dt.datetime(1899, 12, 30)
    elif serial >= 60:
        raise ValueError("serial 60 is 29 February 1900, a date that does not exist")
    else:
        epoch = dt.datetime(1899, 12, 31)
    try:
        return epoch + dt.timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:
        raise ValueError(f"date serial out of range: {serial!r}") from None


class _Reader:
    """Reads one package into a :class:`Workbook`, counting the work against ``max_cells``."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.limits = package.limits
        self.items = 0
        self.strings: list[str] = []

    def read(self, lazy: bool) -> Workbook:
        package = self.package
        root = package.xml(package.main)
        if root.tag.startswith(_STRICT_NS):
            raise package.error("the workbook is saved as 'Strict Open XML Spreadsheet'; save it as "
                                "'Excel Workbook (*.xlsx)'")
        if root.tag != f"{_NS}workbook":
            raise package.error(f"the workbook is damaged: '{package.main}' is not a workbook part")
        rels = package.relationships(package.main)
        # A sheet name is shown in every cell location (Sheet!A1): one line, through the text gate.
        entries = [(one_line(clean(sheet.get("name") or "")), sheet.get("state", "visible"), sheet.get(f"{_R_NS}id"))
                   for sheet in root.iter(f"{_NS}sheet")]
        names, local = self._defined_names(root, len(entries))
        for kind, target in rels.values():
            if kind == "sharedStrings":
                self.strings = self._shared_strings(target)
        sheets: list[Sheet] = []
        seen: set[str] = set()  # sheet names (Excel compares them ignoring case) and parts
        for index, (name, state, rel_id) in enumerate(entries):
            if not name:
                raise package.error(f"the workbook is damaged: sheet {index + 1} has no name")
            if rel_id not in rels:
                raise package.error(f"the workbook is damaged: sheet '{name}' has no part")
            part = rels[rel_id][1]
            if name.casefold() in seen or part in seen:  # so there are never more sheets than zip entries
                raise package.error(f"the workbook is damaged: two sheets are named '{name}' or share a part")
            seen.update((name.casefold(), part))
            sheet = Sheet(name, state, local.get(index, {}), functools.partial(self._sheet, name, part))
            if not lazy:
                sheet.rows  # noqa: B018  (reads it now, so that every problem is raised here)
            sheets.append(sheet)
        pr = root.find(f"{_NS}workbookPr")
        date1904 = pr is not None and _flag(pr.get("date1904"))
        return Workbook(package.name, tuple(sheets), names, self._properties(), date1904)

    def _defined_names(self, root: etree._Element, sheet_count: int
                       ) -> tuple[dict[str, str], dict[int, dict[str, str]]]:
        # localSheetId is the 0-based position in <sheets>, not the sheetId attribute (ECMA-376 18.2.5).
        names: dict[str, str] = {}
        local: dict[int, dict[str, str]] = {}
        for defined in root.iter(f"{_NS}definedName"):
            scope = defined.get("localSheetId")
            target = names
            if scope is not None:
                if not scope.isascii() or not scope.isdigit() or int(scope) >= sheet_count:
                    raise self.package.error(f"the workbook is damaged: defined name '{defined.get('name')}' "
                                             f"belongs to sheet index {scope}, which does not exist")
                target = local.setdefault(int(scope), {})
            target[defined.get("name", "")] = clean(defined.text or "")
        return names, local

    def _count(self, items: int) -> None:
        self.items += items
        if self.items > self.limits.max_cells:
            raise self.package.error(f"the workbook has more than {self.limits.max_cells:,} rows, cells and "
                                     "strings; a bid form has far fewer")

    def _shared_strings(self, part: str) -> list[str]:
        strings = []
        for si in self.package.iter_elements(part, (_SI,)):
            self._count(1)
            strings.append(_text(si))
        return strings

    def _sheet(self, name: str, part: str) -> tuple[dict[int, dict[int, Value]], bool]:
        limits, package = self.limits, self.package
        rows: dict[int, dict[int, Value]] = {}
        protected = False
        row_no = 0
        for count, element in enumerate(package.iter_elements(part, (_ROW, _PROTECTION)), 1):
            if element.tag == _PROTECTION:
                protected = _flag(element.get("sheet"))
                break  # sheetProtection comes after sheetData (CT_Worksheet sequence): nothing more to read
            self._count(1 + len(element))
            # Both row/@r and c/@r are optional (ECMA-376 18.3.1.73, 18.3.1.4): without them a row
            # follows the previous row and a cell the previous cell.
            r = element.get("r")
            row_no = _row_number(r, package, name) if r else row_no + 1
            if row_no > limits.max_rows or count > limits.max_rows:
                raise package.error(f"sheet '{name}' goes past row {limits.max_rows:,}; a bid form is far "
                                    "smaller", cell=f"{name}!A{row_no}")
            cells = self._cells(element, name, row_no)
            if cells:
                rows[row_no] = cells
        return rows, protected

    def _cells(self, row: etree._Element, name: str, row_no: int) -> dict[int, Value]:
        # The hot loop of the reader (one pass per cell of every sheet read): lookups are hoisted and
        # the common cases (an inline string, a number, a shared string) take the fewest steps.
        cells: dict[int, Value] = {}
        col = 0
        max_cols = self.limits.max_cols
        for c in row.iterchildren(_C):
            ref = c.get("r")
            col = _ref_column(ref) if ref else col + 1
            if not 0 < col <= max_cols:
                raise self._bad_cell(ref, col, name, row_no)
            for child in c:  # <f>, then <v> or <is>; an empty or styled cell has neither
                tag = child.tag
                if tag == _IS:  # an inline string (t="inlineStr"), as openpyxl writes
                    cells[col] = _text(child)
                    break
                if tag == _V:
                    text = child.text
                    if text is not None:  # <v/>: nothing stored
                        try:
                            cells[col] = self._value(c.get("t"), text)
                        except ValueError as err:
                            raise self.package.error(f"the workbook is damaged: {err}",
                                                     cell=f"{name}!{cell_ref(row_no, col)}") from None
                    break
        return cells

    def _bad_cell(self, ref: str | None, col: int, name: str, row_no: int) -> InputError:
        if not col:
            return self.package.error(f"the workbook is damaged: bad cell reference '{(ref or '')[:20]}'",
                                      cell=f"{name}!A{row_no}")
        last = _letters(self.limits.max_cols)
        return self.package.error(f"sheet '{name}' has a cell past column {last}; a bid form is far smaller",
                                  cell=f"{name}!{cell_ref(row_no, col)}")

    def _value(self, kind: str | None, text: str) -> Value:
        """The value of a cell of type ``kind`` stored as ``text`` in its ``<v>``; ``ValueError`` if
        malformed."""
        if kind is None or kind == "n":
            try:
                # Excel stores every number as a double: longer digit strings are read as one (a huge one
                # is infinite, refused below) instead of as an integer no float() could take.
                number = int(text) if text.lstrip("-").isdigit() and len(text) < 300 else float(text)
            except ValueError:
                number = math.nan
            if math.isfinite(number):  # float() also takes "nan" and "inf", which no spreadsheet stores
                return number
        elif kind == "s":
            if text.isdigit() and int(text) < len(self.strings):  # int() would also take "-1"
                return self.strings[int(text)]
            raise ValueError(f"shared string {text[:20]} does not exist")
        elif kind == "str" or kind == "inlineStr":  # a formula's cached text result
            return _unescape(text)
        elif kind == "b" and text in _BOOLEANS:
            return _BOOLEANS[text]
        elif kind == "e":
            return CellError(text)
        elif kind == "d":  # ISO 8601, written by Excel only in strict files and by openpyxl's iso_dates
            with contextlib.suppress(ValueError):
                return dt.datetime.fromisoformat(text)
        raise ValueError(f"a cell of type '{kind or 'n'}' holds '{text[:40]}'")

    def _properties(self) -> dict[str, Value]:
        package = self.package
        part = next((target for kind, target in package.relationships("").values()
                     if kind == "custom-properties"), None)
        if part is None or not package.has(part):
            return {}
        properties: dict[str, Value] = {}
        for prop in package.xml(part).iter(f"{_CUSTOM_NS}property"):
            name = prop.get("name", "")
            value = next(iter(prop), None)  # one variant child such as <vt:lpwstr> (ECMA-376 Part 1, 22.4)
            if value is None:
                continue
            try:
                properties[name] = _variant(etree.QName(value).localname, value.text or "")
            except ValueError:
                raise package.error(f"the workbook is damaged: custom property '{name}' has an invalid "
                                    "value") from None
        return properties


def _variant(kind: str, text: str) -> Value:
    """Convert a docProps variant (vt:lpwstr, vt:i4, vt:bool, vt:filetime...) to a Python value."""
    if kind in ("i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint"):
        return int(text)
    if kind in ("r4", "r8", "decimal"):
        return float(text)
    if kind == "bool":
        if text not in _BOOLEANS:
            raise ValueError(text)
        return _BOOLEANS[text]
    if kind in ("filetime", "date"):  # ISO 8601; a filetime is UTC and says so ("...Z"): an aware datetime
        return dt.datetime.fromisoformat(text)
    return clean(text)  # lpwstr, lpstr, bstr and anything else: the text as stored, through the gate


def _text(element: etree._Element) -> str:
    """The text of a shared string ``<si>`` or inline string ``<is>``: plain ``<t>`` or rich-text runs.

    Phonetic runs ``<rPh>`` (furigana over Japanese text) also hold ``<t>`` elements but are not
    part of the value, so only direct ``<t>`` children and ``<r><t>`` runs are joined.
    """
    if len(element) == 1 and element[0].tag == _T:  # the common case: one plain <t>
        text = element[0].text or ""
    else:
        parts = []
        for child in element:
            if child.tag == _T:
                parts.append(child.text or "")
            elif child.tag == _R:
                parts.extend(t.text or "" for t in child if t.tag == _T)
        text = "".join(parts)
    return _unescape(text)


def _unescape(text: str) -> str:
    """A stored string as text: ``_xHHHH_`` escapes decoded, then passed through the text gate
    (:func:`~generator.characters.clean`), as every string of the workbook is: a character no writer or
    terminal may receive becomes U+FFFD. Only escapes and non-ASCII text can hold one (XML refuses a
    literal control character), so plain ASCII text is returned as it is."""
    if "_x" in text:
        return clean(_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text))
    return text if text.isascii() else clean(text)


def _flag(text: str | None) -> bool:
    """An on/off attribute; absent or unrecognised means off."""
    return _BOOLEANS.get(text or "", False)


def _row_number(text: str, package: Package, sheet: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 9 or int(text) < 1:
        raise package.error(f"the workbook is damaged: bad row number '{text[:20]}' in sheet '{sheet}'")
    return int(text)


def _letters(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@functools.lru_cache(maxsize=16384)
def _ref_column(ref: str) -> int:
    """The column number of the cell reference ``ref`` (``"B12"`` -> 2), 0 if malformed; cached, as
    the forms of a batch share their references."""
    return _column(ref.rstrip(_DIGITS))


@functools.lru_cache(maxsize=4096)
def _column(letters: str) -> int:
    """``"A"`` -> 1, ``"AB"`` -> 28; 0 if ``letters`` is not 1-3 capital letters (Excel's last is XFD)."""
    if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isupper() or not letters.isalpha():
        return 0
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
