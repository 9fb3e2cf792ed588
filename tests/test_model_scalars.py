"""Unquoted scalars: Typesafe's number rules (``java_number``) and the words true/false/null,
including the digit-only fast path (ASCII digits only; a long that overflows is text)."""

from __future__ import annotations

import pytest

from stlint.hocon_values import java_number, scalar_from_unquoted

NUMBERS = [
    ("0", 0), ("7", 7), ("007", 7), ("10", 10),
    ("9223372036854775807", 9223372036854775807),
    ("9223372036854775808", None),  # overflows a long: text
    ("-9223372036854775808", -9223372036854775808),
    ("-9223372036854775809", None),
    ("+1", None), ("-", None), ("", None), ("-0", 0),
    ("1.0", 1), ("1.5", 1.5), ("1e3", 1000), ("1E3", 1000), ("1e", None), ("1.", 1), (".5", None),
    ("1_000", None), ("0x10", None), ("12ab", None),
    ("\u00b2", None), ("\u0661", None), ("1\u0661", None),  # non-ASCII digits are text
]


@pytest.mark.parametrize("text,expected", NUMBERS)
def test_java_number(text, expected):
    got = java_number(text)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("text,value", [
    ("true", True), ("false", False), ("null", None), ("True", "True"), ("nul", "nul"),
    ("42", 42), ("-1.25", -1.25), ("BATCH", "BATCH"), ("9223372036854775808", "9223372036854775808"),
    ("\u0661", "\u0661"),
])
def test_scalar_from_unquoted(text, value):
    s = scalar_from_unquoted(text, 3, 3 + len(text), None)
    assert s.value == value and type(s.value) is type(value)
    assert (s.raw, s.start, s.end, s.quoted) == (text, 3, 3 + len(text), False)
