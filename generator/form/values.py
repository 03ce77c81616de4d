"""What a bidder's cell means: yes/no, numbers, dates, RACI letters and reservation phrases, read tolerantly.

Bidders type into the form by hand, paste from other documents, and save it with Excel, LibreOffice
Calc or another program, so the same answer reaches the parser in many shapes. Each function here
takes a cell value as :mod:`generator.workbook` gives it (``str``, ``int``, ``float``, ``bool``,
``datetime``, :class:`~generator.workbook.CellError` or ``None``) and returns the meaning, or
:data:`INVALID` when the value cannot mean what the cell asks. Findings are the caller's business.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Final

from ..workbook import serial_to_datetime
from .layout import RACI_COMBINATIONS

INVALID: Final = object()
"""Returned when a value is present but cannot be read as the type asked for."""

# Yes/no in either language whatever the form's language; "x" and check marks are how people tick a box.
# Excel turns a typed TRUE/WAAR into a boolean cell, which arrives here as a bool.
_YES = frozenset({"ja", "j", "yes", "y", "x", "✓", "✔", "☑", "✅", "true", "waar"})
_NO = frozenset({"nee", "n", "no", "✗", "✘", "☐", "false", "onwaar"})


def blank(value: object) -> bool:
    """Whether a cell holds nothing: ``None``, or text of only whitespace (non-breaking spaces included)."""
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
    """A cell value as text: numbers without a spurious ``.0`` (a KvK number typed as a number), booleans
    as Excel shows them (TRUE, FALSE)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def yes_no(value: object) -> bool | object:
    """``True``/``False`` for a yes or no, :data:`INVALID` for anything else present.

    Accepted, ignoring case, surrounding whitespace and a trailing full stop: ja, j, yes, y, x, ✓, ✔,
    ☑, true, waar, a TRUE boolean cell; nee, n, no, ✗, ✘, ☐, false, onwaar, a FALSE boolean cell.
    "Ja, mits ..." is *not* a yes: an answer with a condition is invalid (and flagged as a reservation).
    """
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return INVALID
    word = value.strip().rstrip(".").strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return INVALID


# Currency marks a bidder may type around an amount: "€ 1.000", "EUR 1000", "1.000,-".
_AFFIXES = re.compile(r"^(?:€|euro?)|(?:€|euro?|,-{1,2}|\.-)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")  # spaces, no-break and thin spaces, Swiss apostrophes
_NUMBER = re.compile(r"[+-]?[\d.,]*\d[\d.,]*")


def number(value: object, *, thousands_grouping: bool = False) -> tuple[float, bool] | object:
    """``(number, had_percent_sign)`` for a number or numeric text, :data:`INVALID` otherwise.

    Numeric cells are taken as stored. Text is read leniently: spaces (also no-break and thin spaces)
    and currency marks (``€``, ``EUR``, a trailing ``,-``) are ignored, a trailing ``%`` is reported,
    and either separator may be the decimal one. When both ``.`` and ``,`` appear, the last one is the
    decimal separator (``1.234,5`` and ``1,234.5`` are both 1234.5). A separator that appears more than
    once groups thousands (``1.250.000``); groups must then have three digits. A single separator is
    the decimal one (``95,5``), except with ``thousands_grouping`` (amounts in euro) when exactly three
    digits follow it: ``€ 450.000`` is 450000, as a Dutch bidder means it. Booleans, dates and error
    cells are not numbers.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return INVALID
    if not isinstance(value, str):
        number = float(value)  # a cell's number: finite (generator.workbook refuses NaN and inf)
        return (number, False) if math.isfinite(number) else INVALID
    raw = _SPACES.sub("", value)
    percent = raw.endswith("%")
    raw = _AFFIXES.sub("", _AFFIXES.sub("", raw.removesuffix("%")))  # "€1.000,-": both ends
    if not _NUMBER.fullmatch(raw):
        return INVALID
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        grouping = "," if decimal == "." else "."
        whole, _, fraction = raw.rpartition(decimal)
        if decimal in whole or not _grouped(whole, grouping):
            return INVALID
        raw = f"{whole.replace(grouping, '')}.{fraction}"
    elif dots > 1 or commas > 1:
        grouping = "." if dots else ","
        if not _grouped(raw, grouping):
            return INVALID
        raw = raw.replace(grouping, "")
    elif dots or commas:
        whole, _, fraction = raw.partition("." if dots else ",")
        grouped = thousands_grouping and len(fraction) == 3 and whole.lstrip("+-") not in ("", "0")
        raw = whole + fraction if grouped else f"{whole}.{fraction}"
    number = float(raw)  # hundreds of digits overflow to infinity, which is no answer
    return (number, percent) if math.isfinite(number) else INVALID


def _grouped(whole: str, separator: str) -> bool:
    """Whether ``whole`` groups its digits by three with ``separator`` (``1.250.000``)."""
    head, *groups = whole.lstrip("+-").split(separator)
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def percent_reading(value: float, acceptable) -> tuple[float, str | None]:
    """Decide whether ``value`` of a percentage is a fraction, and how sure that is.

    Excel and Calc store a typed ``95,5%`` as ``0.955`` (and only the cell's number format, which the
    parser does not read, says so). A value ``0 < v <= 1`` of a percentage can therefore mean ``v`` or
    ``100 * v`` percent. ``acceptable(x)`` tells whether ``x`` percent meets what the cell asks (the
    KPI's minimum in its direction, or a number answer's bounds). Returns the value to use and
    ``None``, ``"percent_as_fraction"`` (read as ``100 * v``: only that reading is acceptable) or
    ``"percent_ambiguous"`` (both readings acceptable: ``v`` is kept and the committee is warned).
    When neither reading is acceptable the larger one is used if the cell asks for at least 1%, so the
    message about it names the level the bidder evidently meant.
    """
    if not 0 < value <= 1:
        return value, None
    scaled = round(value * 100, 10)
    as_is, as_fraction = acceptable(value), acceptable(scaled)
    if as_fraction and not as_is:
        return scaled, "percent_as_fraction"
    if as_fraction and as_is:
        return value, "percent_ambiguous"
    if not as_is and acceptable(100.0) and not acceptable(1.0):
        return scaled, "percent_as_fraction"
    return value, None


_DATE_TEXT = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?")


def date(value: object, *, date1904: bool = False) -> dt.date | object:
    """A date from a date cell, a serial number or text; :data:`INVALID` otherwise.

    Numbers are Excel serials in the workbook's date system (1900 or the old Mac 1904 epoch; see
    :func:`generator.workbook.serial_to_datetime`), a time of day ignored. Text may be ``dd-mm-jjjj``
    with ``-``, ``/`` or ``.`` between the parts (day first, as in the Netherlands), or ISO
    ``jjjj-mm-dd`` with an optional midnight time. Impossible dates (31-02-2027) are invalid.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, bool):
        return INVALID
    try:
        if isinstance(value, (int, float)):
            return serial_to_datetime(float(value), date1904=date1904).date()
        if isinstance(value, str):
            raw = value.strip()
            if match := _DATE_TEXT.fullmatch(raw):
                day, month, year = (int(g) for g in match.groups())
                return dt.date(year, month, day)
            if match := _ISO_DATE.fullmatch(raw):
                return dt.date(*(int(g) for g in match.groups()))
    except (ValueError, OverflowError):
        return INVALID  # a day or month out of range, a serial beyond the calendar
    return INVALID


_RACI_ORDER = "RACI"
_RACI_CANONICAL = frozenset(RACI_COMBINATIONS)  # what the drop-down list offers: returned as it is
_RACI_NOISE = re.compile(r"[\s,;/+&-]")


def raci(value: object) -> str | object:
    """RACI letters in canonical order (``"ar"`` -> ``"RA"``), ``""`` for blank; :data:`INVALID` otherwise.

    Lower case, spaces and separators (``R/A``, ``R, A``, ``R+A``) and repeated letters are tolerated;
    any other character makes the value invalid.
    """
    if value in _RACI_CANONICAL:
        return value
    if blank(value):
        return ""
    if not isinstance(value, str):
        return INVALID
    letters = _RACI_NOISE.sub("", value).upper()
    if not letters or any(ch not in _RACI_ORDER for ch in letters):
        return INVALID
    return "".join(ch for ch in _RACI_ORDER if ch in letters)


_KVK_NOISE = re.compile(r"[\s.\-\u00a0]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")


def kvk(value: object) -> str | object:
    """An 8-digit Chamber of Commerce number (spaces, dots and hyphens ignored); :data:`INVALID` otherwise.

    A number cell loses leading zeros, so a number of up to 8 digits is padded back to 8.
    """
    if isinstance(value, bool):
        return INVALID
    if isinstance(value, (int, float)):
        if not float(value).is_integer() or not 0 < value < 10**8:
            return INVALID
        return f"{int(value):08d}"
    digits = _KVK_NOISE.sub("", str(value))
    return digits if len(digits) == 8 and digits.isascii() and digits.isdigit() else INVALID


def email(value: object) -> str | object:
    """A plausible email address (one ``@``, a dotted domain, no spaces), stripped; :data:`INVALID` otherwise."""
    address = text(value).strip()
    return address if _EMAIL.fullmatch(address) else INVALID


# Phrases by which a bid makes its offer conditional: a voorbehoud, which can make a bid invalid. Matched
# on word boundaries, ignoring case; "zonder voorbehoud" and "geen voorbehoud" (no reservation) are not.
_RESERVATION_PHRASES = (
    "onder voorbehoud", "voorbehoud", "voorbehouden", "behoudt zich", "behouden zich", "mits", "behoudens",
    "tenzij", "op voorwaarde dat", "onder voorwaarde", "onder de voorwaarde", "onder voorwaarden",
    "subject to", "provided that", "providing that", "on condition that", "conditional on",
    "conditional upon", "reserves the right", "reserve the right", "unless", "with reservation",
)
_RESERVATION = re.compile(
    r"(?<![\w])(?<!zonder )(?<!geen )(?<!without )(?<!no )("
    + "|".join(re.escape(p) for p in sorted(_RESERVATION_PHRASES, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)


def reservation(value: object) -> tuple[str, str] | None:
    """The first reservation phrase in text ``value`` (as written) and the text around it, or ``None``.

    Dutch and English phrases (onder voorbehoud, mits, behoudens, tenzij, op voorwaarde dat, subject
    to, provided that, unless, ...) on word boundaries, ignoring case; preceded by zonder, geen, without
    or no they are not a reservation. A warning for the committee, never a verdict.
    """
    if not isinstance(value, str) or len(value) < 4:
        return None
    text = " ".join(unicodedata.normalize("NFC", value).split())
    match = _RESERVATION.search(text)
    if match is None:
        return None
    start, end = max(0, match.start() - 30), min(len(text), match.end() + 50)
    around = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return match.group(1), around


def whole_number(value: object) -> int | None:
    """A whole number from a number cell or a text of digits, else ``None``.

    LibreOffice stores an integer written by openpyxl (a revision, a row number) as ``1.0``. A text
    must be decimal digits: ``str.isdigit`` also accepts ``"²"``, which ``int`` refuses, and ``int``
    refuses more than 4,300 digits (CPython's guard against slow conversions); both give ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        try:
            return int(value)
        except ValueError:
            return None
    return None
