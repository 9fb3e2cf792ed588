"""Key splitting in the builder: the one-token fast path and the general path agree.

Nearly every key is one token; ``_Builder.key_path`` answers those without the general
element-joining loop. The same key written as one token and split across tokens with nothing
between them (``a`` ``->b``: what the general path joins) must give the same path, or the same
error."""

from __future__ import annotations

import pytest

from stlint.hocon import Flavor, _Builder
from stlint.parser import SKey
from stlint.source import Source

CASES = [
    # text, quoted, flavour, json, expected path (None: malformed)
    ("a", False, "seatunnel", False, ("a",)),
    ("job.mode", False, "seatunnel", False, ("job.mode",)),
    ("a->b", False, "seatunnel", False, ("a", "b")),
    ("a->b->c", False, "seatunnel", False, ("a", "b", "c")),
    ("a->", False, "seatunnel", False, None),
    ("->a", False, "seatunnel", False, None),
    ("a->->b", False, "seatunnel", False, None),
    ("->", False, "seatunnel", False, None),
    ("a.b", False, "hocon", False, ("a", "b")),
    ("a..b", False, "hocon", False, None),
    (".", False, "hocon", False, None),
    ("a.b", False, "hocon", True, ("a.b",)),  # JSON keys never split
    ("", True, "hocon", False, ("",)),  # "" is a valid (empty) key when quoted
    ("a.b", True, "hocon", False, ("a.b",)),
    ("a->b", True, "seatunnel", False, ("a->b",)),
]


def _builder(flavor: str, json: bool, text: str) -> _Builder:
    return _Builder(Flavor.get(flavor), json, [], Source(text, None), None, 0, [], None)


@pytest.mark.parametrize("text,quoted,flavor,json,expected", CASES)
def test_one_token_key(text, quoted, flavor, json, expected):
    written = f'"{text}"' if quoted else text
    b = _builder(flavor, json, written)
    b.key_memo = {}
    key = SKey([(text, quoted, 0, len(written))])
    assert b.key_path(key) == expected
    assert b.key_memo[id(key)] == (key, expected)
    assert bool(b.diags) == (expected is None)
    if not quoted and len(text) > 1:
        # the same characters as two adjacent tokens take the general path: same answer
        sep = Flavor.get(flavor).sep
        for cut in range(1, len(text)):
            if len(sep) == 2 and text[cut - 1:cut + 1] == sep:
                continue  # a token never ends inside the separator
            g = _builder(flavor, json, text)
            two = SKey([(text[:cut], False, 0, cut), (text[cut:], False, cut, len(text))])
            assert g.key_path(two) == expected, cut
            assert bool(g.diags) == (expected is None)
