"""stlint.parser (own lexer + LALR driver over generated tables) against lark's own runtime.

The reference (tests/_lark_reference.py) is the previous front end: lark's contextual lexer and
LALR parser with the same grammar and builder. Both must give identical syntax trees (every node,
kind, text and offset) and diagnostics on the corpus and on valid generated text; on text with errors
the first error must be found no later (recovery after it is this parser's own policy).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import _lark_reference as ref
from stlint import parser as new
from stlint.parser import SArray, SConcat, SField, SInclude, SKey, SObject, SScalar, SSubst
from testpaths import CORPUS, corpus_rows


def dump(n):
    if n is None:
        return None
    if isinstance(n, SObject):
        return ("obj", n.start, n.end, n.braced, n.closed, n.depth, [dump(m) for m in n.members])
    if isinstance(n, SArray):
        return ("arr", n.start, n.end, n.closed, n.depth, [dump(i) for i in n.items])
    if isinstance(n, SField):
        return ("field", dump(n.key), n.sep, n.sep_start, n.start, n.end, dump(n.value))
    if isinstance(n, SKey):
        return ("key", tuple(n.parts))
    if isinstance(n, SConcat):
        return ("concat", n.start, n.end, [dump(p) for p in n.parts])
    if isinstance(n, SScalar):
        return ("scalar", n.kind, n.text, n.start, n.end)
    if isinstance(n, SSubst):
        return ("subst", n.optional, n.expr, n.default_at, n.error, n.start, n.end)
    if isinstance(n, SInclude):
        return ("include", n.kind, n.required, n.target, n.start, n.end, n.target_start, n.target_end)
    raise AssertionError(type(n))


def diags(r):
    return [(d.message, d.start, d.end) for d in r.diagnostics]


def same(text: str) -> None:
    a, b = new.parse(text), ref.parse(text)
    if b.ok:
        assert dump(a.root) == dump(b.root)
        assert diags(a) == diags(b)
    else:
        # recovery differs on purpose (no follow-on errors, see tests/test_syntax_followons.py),
        # but the first mistake is found no later than lark found it
        assert not a.ok
        assert diags(a)[0][1] <= diags(b)[0][1]


ROWS = corpus_rows()


@pytest.mark.skipif(not ROWS, reason="corpus not found")
def test_corpus_trees_identical():
    for r in ROWS:
        text = (CORPUS / r["file"]).read_text(encoding="utf-8")
        a, b = new.parse(text), ref.parse(text)
        assert dump(a.root) == dump(b.root), r["file"]
        assert diags(a) == diags(b), r["file"]


@pytest.mark.skipif(not ROWS, reason="corpus not found")
def test_mutated_corpus_files():
    rnd = random.Random(7)
    pieces = list('{}[]=:,+"$#/\\\n\r\t )(') + ['"""', "${", "include ", "->", "file(", "//", "+="]
    for r in ROWS[::9]:
        text = (CORPUS / r["file"]).read_text(encoding="utf-8")
        for _ in range(3):
            i = rnd.randrange(len(text) + 1)
            j = min(len(text), i + rnd.randrange(4))
            same(text[:i] + rnd.choice(pieces) + text[j:])
        same(text[: rnd.randrange(len(text) + 1)])


HOCONISH = st.lists(st.sampled_from(list('{}[]=:,+"$#/\\\n\r\t abc.-19>?)(') +
                                    ['"""', "${", "include ", "->", "file(", "required(", "//", "+=", "\u00a0"]),
                    max_size=120).map("".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOCONISH)
def test_generated_text(text):
    same(text)


@pytest.mark.parametrize("text", [
    "", "\n", "# only a comment", "a = 1", "a = )", "include file(\"x\")", "include file(\"x\"",
    "include required(file(\"x\"))", "a = \"\"\"x\"\"\"\"", "a = \"\"\"x", "a = ${b", "a = \"x", "}", "]",
    "a { b = 1 } }", "a = [1, 2", "a = 1 = 2", "a b c", "env {} source {} sink {}", "a = 10ms",
    "a = -", "a = -1", "a = ${?x} y", "a = ${\"x}\"}", "a = {} {}", "a//b = 1", "a = b//c", "a = b/c",
    "x = \"a\\qb\"", "include \"a\" b", ")", "a = )x", "a { include file(\"x\") ) }",
])
def test_edge_cases(text):
    same(text)
