"""Bid prices from a CSV file, for tenders whose bid form has no price sheet (or to correct one).

The file has a header row with the columns ``bidder`` and ``price_eur`` (other columns are ignored) and
one row per bid. ``bidder`` is the bidder's KvK number (8 digits), its name as in the bid form, or its
bidder key (``kvk:12345678``). The file is read as people write it: the semicolon-separated CSV of a
Dutch Excel (comma and tab work too), UTF-8 with or without byte-order mark or Windows-1252, amounts
with a decimal comma or point, thousands separators, ``€`` and ``,-``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from decimal import Decimal

from ..errors import Finding, InputError, Location, ValidationFailed
from ..form import values as V
from ..models.submission import Submission
from ..records import bidder_key
from .compliance import bidder_name

MAX_BYTES = 1 << 20
"""A price file is a few lines; anything over 1 MiB is refused unread."""
MAX_ROWS = 10_000

_KVK = re.compile(r"^\d[\d .]*$")


def read_prices_csv(source: str | os.PathLike[str] | bytes, submissions: list[Submission], *,
                    name: str | None = None) -> dict[str, Decimal]:
    """The prices in the CSV ``source`` (a path or its bytes), keyed by bidder key (see the module).

    ``submissions`` are the stored submissions the rows are matched against; ``name`` is the file name
    used in messages (default: the path). Raises :class:`~generator.errors.InputError` when the file is
    missing, too large, not text or lacks the two columns; :class:`~generator.errors.ValidationFailed`
    with a ``file:line`` finding for each row with an unknown or ambiguous bidder, a bidder given twice,
    a missing price, a price that is not an amount, or one that is zero or negative.
    """
    data, name = _read(source, name)
    text = _decode(data, name)
    first = text.split("\n", 1)[0]
    delimiter = max(";\t,", key=first.count)  # ";" first: it wins a tie, as in a Dutch Excel file
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().casefold() for h in next(rows, [])]
    if "bidder" not in header or "price_eur" not in header:
        raise InputError("the first line must name the columns 'bidder' and 'price_eur' (separated by ';' "
                         "or ',')", Location(path=name, line=1))
    col_bidder, col_price = header.index("bidder"), header.index("price_eur")
    match = _Matcher(submissions)
    findings: list[Finding] = []
    prices: dict[str, Decimal] = {}
    lines: dict[str, int] = {}
    try:
        for fields in rows:
            line = rows.line_num
            if line > MAX_ROWS:
                raise InputError(f"more than {MAX_ROWS:,} lines; a price file has one line per bid",
                                 Location(path=name))
            if not any(f.strip() for f in fields):
                continue
            key, price = _row(fields, len(header), col_bidder, col_price, match, lines, line)
            if price is None:
                findings.append(Finding(Location(path=name, line=line), key))
            else:
                prices[key] = price
    except csv.Error as err:  # a field over csv's size limit, a quote left open
        raise InputError(f"not readable as CSV ({err})", Location(path=name, line=rows.line_num)) from None
    if findings:
        raise ValidationFailed(findings=findings, what=name or "prices")
    return prices


def _row(fields: list[str], columns: int, col_bidder: int, col_price: int, match: _Matcher,
         lines: dict[str, int], line: int) -> tuple[str, Decimal | None]:
    """``(bidder key, price)`` of one CSV row, or ``(the problem, None)``; records the row in ``lines``.

    A row with more non-empty fields than the header has columns is refused: in a comma-separated file
    an unquoted ``€ 1,000`` splits into ``€ 1`` and ``000``, and reading the first part would be wrong.
    """
    if len(fields) <= max(col_bidder, col_price) or any(f.strip() for f in fields[columns:]):
        return (f"{len(fields)} fields where the header has {columns}; is an amount with a comma unquoted "
                "in a comma-separated file?"), None
    who, raw = fields[col_bidder].strip(), fields[col_price].strip()
    key, problem = match(who)
    if key is None:
        return problem, None
    if key in lines:
        return f"'{who}' is given a price twice (first on line {lines[key]})", None
    lines[key] = line
    if not raw:
        return f"no price for '{who}'", None
    number = V.number(raw, thousands_grouping=True)
    if number is V.INVALID or number[1]:
        return f"'{raw}' is not an amount in euro", None
    if number[0] <= 0:
        return f"the price of '{who}' must be greater than zero, not {raw}", None
    return key, Decimal(repr(number[0]))


class _Matcher:
    """Finds the submission a CSV ``bidder`` value names: by KvK number, bidder key or name."""

    def __init__(self, submissions: list[Submission]) -> None:
        self.keys = {bidder_key(s) for s in submissions}
        self.kvk: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}
        for sub in submissions:
            if sub.bidder.kvk:
                self.kvk.setdefault(_digits(sub.bidder.kvk), set()).add(bidder_key(sub))
            self.names.setdefault(_normal(bidder_name(sub)), set()).add(bidder_key(sub))

    def __call__(self, value: str) -> tuple[str | None, str]:
        """``(bidder key, "")``, or ``(None, the problem)``."""
        if not value:
            return None, "no bidder named"
        if value in self.keys:
            return value, ""
        if _KVK.match(value) and len(_digits(value)) == 8:
            found = self.kvk.get(_digits(value), set())
        else:
            found = self.names.get(_normal(value), set())
        if len(found) == 1:
            return next(iter(found)), ""
        if found:
            return None, f"'{value}' names {len(found)} bidders; use the KvK number"
        return None, f"no submission from '{value}' (give the KvK number or the name as in the bid form)"


def _read(source: str | os.PathLike[str] | bytes, name: str | None) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        name = name or os.fspath(source)
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise InputError("no such file", Location(path=name)) from None
        except OSError as err:
            raise InputError(f"cannot read the file ({err.strerror})", Location(path=name)) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"the file is larger than {MAX_BYTES // 1024} KiB; a price file is a few lines",
                         Location(path=name))
    return data, name


def _decode(data: bytes, name: str | None) -> str:
    """The text of a CSV file: UTF-16 or UTF-8 by byte-order mark, else UTF-8, else Windows-1252 (what
    Excel writes for "CSV (gescheiden door lijstscheidingsteken)")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text or text.startswith("PK"):
        raise InputError("not a CSV text file (an Excel workbook? save it as CSV)", Location(path=name))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _normal(name: str) -> str:
    return " ".join(name.casefold().split())
