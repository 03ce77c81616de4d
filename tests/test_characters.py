"""The text gate and the terminal escaping (generator.characters)."""

from __future__ import annotations

import pytest
from hostile import DANGEROUS
from hypothesis import given
from hypothesis import strategies as st

from generator.characters import REPLACEMENT, UNSAFE, clean, find_unsafe, has_break, one_line, shown

ANY_TEXT = st.lists(st.one_of(st.characters(exclude_categories=()), st.sampled_from(DANGEROUS)),
                    max_size=40).map("".join)
"""Any Unicode text, surrogates included, with the dangerous characters drawn often."""


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9b",
                                  "\ud800", "\udfff", "\ufffe", "\uffff", "\u061c", "\u200e", "\u200f", "\u202a",
                                  "\u202e", "\u2066", "\u2069"])
def test_clean_replaces_each_unsafe_character(char):
    assert clean(f"a{char}b") == f"a{REPLACEMENT}b"
    assert find_unsafe(f"ab{char}") == f"U+{ord(char):04X} at position 3"


@pytest.mark.parametrize("text", ["Hazeveld ICT Services B.V.", "Café Zoë", "€ 1.250,00", "a\tb\nc\r\nd",
                                  "אבג عربي", "\U0001f600", "_x0041_"])
def test_clean_keeps_ordinary_text(text):
    assert clean(text) == text
    assert find_unsafe(text) is None


def test_one_line():
    assert one_line("Acme\n[knock-out]\r\n\tB.V.\u2028x") == "Acme [knock-out] B.V. x"
    assert has_break("a\u2029b") and not has_break("a b")


@pytest.mark.parametrize(("text", "expected"), [
    ("plain", "plain"),
    ("\x1b[2K\rAcme", "\\x1b[2K\\rAcme"),
    ("\x1b]8;;http://evil.example\x1b\\klik\x1b]8;;\x1b\\", "\\x1b]8;;http://evil.example\\x1b\\klik\\x1b]8;;\\x1b\\"),
    ("Acme\nfake.xlsx  imported", "Acme\\nfake.xlsx  imported"),
    ("KvK \u202e61834207", "KvK \\u202e61834207"),
    ("\x9b31m", "\\x9b31m"),
    ("lone \ud800", "lone \\ud800"),
    ("Zoë € \U0001f600", "Zoë € \U0001f600"),
])
def test_shown(text, expected):
    assert shown(text) == expected


@given(ANY_TEXT)
def test_shown_is_one_safe_line(text):
    line = shown(text)
    assert UNSAFE.search(line) is None
    assert not has_break(line) and len(line.splitlines()) <= 1
    line.encode("utf-8")  # no lone surrogate left to break the terminal's encoding
    assert shown(line) == line


@given(ANY_TEXT)
def test_clean_leaves_nothing_unsafe(text):
    cleaned = clean(text)
    assert UNSAFE.search(cleaned) is None and len(cleaned) == len(text)
    assert [c for c in cleaned if c != REPLACEMENT] == [c for c in text if c != REPLACEMENT and not UNSAFE.match(c)]
    cleaned.encode("utf-8")
