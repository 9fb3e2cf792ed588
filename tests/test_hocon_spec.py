"""The hocon flavour against the HOCON reference's equivalence sets and Typesafe Config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testpaths import CORPUS, SPEC, corpus_rows
from stlint.hocon import load_file, load_text, to_json

RES = SPEC / "config-test-resources"
EQUIV = sorted(
    (d, f)
    for d in RES.glob("equiv0*")
    for f in sorted(list(d.glob("*.conf")) + list(d.glob("*.json")))
    if f.name != "original.json"
) if RES.exists() else []


@pytest.mark.parametrize("d,f", EQUIV, ids=[f"{d.name}/{f.name}" for d, f in EQUIV])
def test_equivalence_sets(d: Path, f: Path):
    expected = json.loads((d / "original.json").read_text())
    doc = load_file(f, "hocon")
    assert doc.ok, [x.message for x in doc.diagnostics]
    assert to_json(doc.resolved) == expected


def test_equivalence_set_count():
    if not RES.exists():
        pytest.skip("shared HOCON spec tests not found")
    assert len(EQUIV) == 15


def test_json_files_also_parse_as_hocon():
    """Upstream also reads every .json test input with HOCON syntax: same tree."""
    for d, f in EQUIV:
        if f.suffix == ".json":
            a = to_json(load_file(f, "hocon").resolved)
            b = to_json(load_text(f.read_text(), "hocon", json_syntax=False).resolved)
            assert a == b


def _norm(x):
    """Typesafe 1.3.1 keeps no key order (HashMap): compare as sorted JSON."""
    return json.dumps(x, sort_keys=True)


def test_corpus_hocon_flavor_equals_typesafe(typesafe_ref):
    rows = corpus_rows()
    if not rows:
        pytest.skip("corpus not found")
    mismatches = []
    for r in rows:
        path = CORPUS / r["file"]
        ref = typesafe_ref.dump_file(str(path))
        doc = load_file(path, "hocon")
        ok = doc.ok and doc.resolved is not None
        if ok != ref["ok"] or (ok and _norm(to_json(doc.resolved)) != _norm(ref["json"])):
            mismatches.append(r["file"])
    assert mismatches == []


SPEC_CASES = [
    "a = 1\na = 2",
    "a { x = 1 }\na { y = 2 }",
    "a { x = 1 }\na = 5",
    "a = 5\na { x = 1 }",
    "a = [1]\na = ${a} [2]",
    "a = [1]\na += 2",
    "a += 1",
    "b = ${a}\na = 1",
    "a = 1\nb = ${a}\na = 2",
    "bar = { foo = 42, baz = ${bar.foo} }\nbar = { foo = 43 }",
    "a = ${?nope}",
    "a = [1, ${?nope}, 2]",
    "a = x ${?nope} y",
    "a = ${nope}",
    "a = foo bar   baz",
    "a = \"x \"${b}\nb = 1",
    "a = 10ms",
    "a = 1.0\nb = 1e3\nc = 1.5\nd = -0.0\ne = 9223372036854775808",
    "a = true false",
    "a = \"\"\"x\"y\"\"\"\"",
    "a.b.c = 1\na.b.d = 2",
    "\"a.b\" = 1",
    "a = { b = 1 } { c = 2 }",
    "a = [1] [2]",
    "x = { y = 1 }\na = ${x} { z = 2 }",
    "a = ${b}\nb = ${c}\nc = 3",
    "a = ${b}\nb = ${a}",
    "a : ${a}",
    "path = a\npath = ${path}\":b\"",
    "a = null\nb = ${a}",
    "a { b { c = 1 } }\nd = ${a.b}\na.b.e = 2",
    "foo = { a = 1 }\nfoo = ${foo} { b = 2 }",
    "a = 1 // comment\nb = 2 # comment",
    "a = \"\\u0041\\n\"",
    "a = [\n  1\n  2\n]",
    "a = 1,b = 2,",
    "{ a = 1 }",
    "a = ${?x}\nx = 5",
    "a = 1\na = ${nope}",
    "a = {x = 1}\na = ${nope}",
    "a = ${nope}\na = 2",
    "a { b = ${nope} }\na { b = ${other} }",
]


@pytest.mark.parametrize("text", SPEC_CASES)
def test_spec_cases_equal_typesafe(text, typesafe_ref):
    ref = typesafe_ref.dump_text(text, "conf")
    doc = load_text(text, "hocon")
    ok = doc.ok and doc.resolved is not None
    assert ok == ref["ok"], (ref, [d.message for d in doc.diagnostics])
    if ok:
        assert _norm(to_json(doc.resolved)) == _norm(ref["json"])
