"""Which characters outside text may carry: the one gate for bidder text, and its terminal escaping.

Text from a returned form (or any workbook tenderpack reads) is hostile. A cell can hold, through
SpreadsheetML's ``_xHHHH_`` escapes, characters that no XML part can store (``_x0001_``, ``_x0000_``,
``_xFFFE_``) or that UTF-8 cannot even encode (a lone surrogate, ``_xD800_``); literally it can hold
C1 controls (U+0080-U+009F, among them the 8-bit CSI U+009B) and the bidirectional controls that
make a viewer show text in another order than it is stored (U+202E shows the KvK number 61834207 as
70243816). Any of these would break a Word or Excel writer, lxml, a JSON or terminal line, or
mislead a reader of a report. :func:`clean` is applied once, where :mod:`generator.workbook` reads a
string, and replaces each by U+FFFD (the form parser reports the cell, see
:mod:`generator.form.check`); :func:`find_unsafe` lets the readers of YAML answer files refuse them
with their line. :func:`shown` is the one way the CLI prints text that came from outside: it also
escapes the line breaks and tabs that would fake a row of a table.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
"""What :func:`clean` puts in place of each character it removes."""

# XML 1.0 cannot hold C0 controls other than tab, line feed and carriage return, surrogates or
# U+FFFE/U+FFFF (the Char production); DEL and the C1 controls are legal XML but terminal commands
# (U+009B is CSI, U+009D OSC); the bidirectional embeddings, overrides, isolates and marks reorder
# what a viewer shows (Unicode UAX #9: LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM).
_UNSAFE_CLASS = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                 "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069")
UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
"""One character that :func:`clean` replaces."""
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""One character that an XML 1.0 part (Word, Excel) cannot store."""
# Line and paragraph separators: Python's splitlines() and some viewers break a line at them.
_BREAKS = "\t\n\r\u2028\u2029"
_LINE = re.compile(f"[{_BREAKS}]+")
_TERMINAL = re.compile(f"[{_UNSAFE_CLASS}{_BREAKS}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def clean(text: str) -> str:
    """``text`` with every unsafe character (see :data:`UNSAFE`) replaced by U+FFFD; tab, line feed
    and carriage return are kept (use :func:`one_line` where a field has one line)."""
    return UNSAFE.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """``text`` with each run of tabs and line breaks (CR, LF, U+2028, U+2029) replaced by one space."""
    return _LINE.sub(" ", text)


def has_break(text: str) -> bool:
    """Whether ``text`` holds a tab or line break that :func:`one_line` would replace."""
    return _LINE.search(text) is not None


def find_unsafe(text: str) -> str | None:
    """A description of the first unsafe character in ``text`` (``"U+0001 at position 3"``), else ``None``."""
    bad = UNSAFE.search(text)
    return None if bad is None else f"U+{ord(bad.group()):04X} at position {bad.start() + 1}"


def shown(text: object) -> str:
    """``text`` (``str()`` of it) as one terminal line: unsafe characters, tabs and line breaks are
    written as escapes (``\\x1b``, ``\\u202e``, ``\\n``), so no escape sequence (CSI, OSC 8 links),
    bidirectional control or extra line reaches the terminal or a log. Other text is unchanged."""
    value = str(text)
    if value.isascii() and value.isprintable():  # the common case, in constant time for isascii()
        return value
    return _TERMINAL.sub(_escape, value)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
