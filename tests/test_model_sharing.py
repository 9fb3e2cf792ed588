"""The resolved tree shares what resolution leaves unchanged with the built one.

``load_source`` skips the resolver when the builder made nothing to resolve (no substitution, no
broken one, no ``+=``, in the file or its includes), and the resolver returns an object or list as it
is when nothing in it changed. These tests check that the builder's flag never misses something to
resolve, that sharing gives the same values as copying, and that a caller that edits the resolved
tree (template marking) still gets a copy and leaves the built tree alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stlint.hocon import (HList, HObject, HUnresolved, Flavor, Resolver, _Builder, load_source, load_text,
                          to_json)
from stlint.hocon_resolve import _has_unresolved
from stlint.parser import SObject, parse
from stlint.source import Source
from testpaths import CORPUS, SPEC, corpus_rows, require_shared


def _build(text: str, flavor: str, path: str | None = None, json_syntax: bool = False):
    src = Source(text, path)
    root = parse(text).root
    assert isinstance(root, SObject)
    base = str(Path(path).parent) if path else None
    b = _Builder(Flavor.get(flavor), json_syntax, [], src, base, 0, [], base)
    return b, b.object(root, ())


def _texts():
    require_shared()
    for r in corpus_rows():
        p = CORPUS / r["file"]
        yield str(p), Source.from_bytes(p.read_bytes(), str(p)).text
    for p in sorted(SPEC.rglob("*.conf")) if SPEC.exists() else ():
        yield str(p), p.read_text(encoding="utf-8", errors="replace")


HAND = [
    "a = 1\nb = ${a}",
    "a = ${?X}",
    "a = [1]\na += 2",
    "source { A { x += 1 } }",
    "a = x${}y",  # a broken substitution: kept unresolved
    "a = ${\"q\"} tail",
    "a { b = 1 }\nc = ${a} { d = 2 }",
    "a = { x = 1 }\na = ${b}\nb = { y = 2 }",
]


def _plain_marks_are_true(tree) -> int:
    """Every object/list the builder marked plain holds nothing to resolve; returns how many."""
    n = 0
    stack = [tree]
    while stack:
        x = stack.pop()
        if isinstance(x, HObject):
            if x.plain:
                assert not _has_unresolved(x), x
                n += 1
            stack.extend(f.value for f in x.fields.values())
        elif isinstance(x, HList):
            assert not any(_has_unresolved(i) for i in x.items[:x.plain]), x
            n += x.plain == len(x.items)
            stack.extend(x.items)
    return n


@pytest.mark.parametrize("flavor", ["seatunnel", "hocon"])
def test_flag_never_misses_something_to_resolve(flavor):
    """Whenever the built tree holds a substitution, concatenation or delayed merge, the builder
    says so (else the shortcut would hand out unresolved values as resolved)."""
    n = flagged = marked = 0
    for path, text in [*_texts(), *((None, t) for t in HAND)]:
        root = parse(text).root
        if not isinstance(root, SObject):
            continue
        b, tree = _build(text, flavor, None, bool(path) and path.endswith(".json"))
        n += 1
        marked += _plain_marks_are_true(tree)
        if _has_unresolved(tree):
            assert b.state.unresolved, path or text
            flagged += 1
        else:
            # no substitution anywhere: resolving copies the tree, value for value
            assert to_json(Resolver(tree, share=False).resolve(tree, ())) == to_json(tree)
    assert flagged >= len(HAND) - 1 and n > flagged and marked > n


def test_flag_set_by_an_included_file(tmp_path):
    (tmp_path / "inc.conf").write_text("x = ${y}\ny = 2\n")
    job = tmp_path / "job.conf"
    job.write_text('include "inc.conf"\nz = 1\n')
    doc = load_source(Source.from_bytes(job.read_bytes(), str(job)))
    assert to_json(doc.resolved) == {"x": 2, "y": 2, "z": 1}
    assert doc.resolved is not doc.tree


def test_a_file_included_twice_is_not_plain_the_second_time(tmp_path):
    """An included file is built once per job (the second include reuses the value): the
    objects it lands in still know they hold substitutions."""
    (tmp_path / "inc.conf").write_text("x = ${?y}\ny = 2\n")
    job = tmp_path / "job.conf"
    job.write_text('a { include "inc.conf" }\nb { include "inc.conf" }\nc { d = 1 }\n')
    doc = load_source(Source.from_bytes(job.read_bytes(), str(job)))
    t = doc.tree.fields
    assert not t["a"].value.plain and not t["b"].value.plain and t["c"].value.plain
    assert to_json(doc.resolved) == {"a": {"x": 2, "y": 2}, "b": {"x": 2, "y": 2}, "c": {"d": 1}}
    _plain_marks_are_true(doc.tree)


def test_nothing_to_resolve_shares_the_tree():
    doc = load_text('env { job.mode = "BATCH" }\nsource { A { x = [1, {y = 2}] } }\n')
    assert doc.resolved is doc.tree
    assert to_json(doc.resolved) == {"env": {"job.mode": "BATCH"}, "source": [{"x": [1, {"y": 2}], "plugin_name": "A"}]}


def test_resolution_shares_unchanged_subtrees_only():
    doc = load_text('env { job.mode = "BATCH", p = ${n} }\nn = 2\nsource { A { x = [1, {y = 2}] } }\nl = [${n}, [3]]\n')
    t, r = doc.tree.fields, doc.resolved.fields
    assert to_json(doc.resolved) == {"env": {"job.mode": "BATCH", "p": 2}, "n": 2,
                                     "source": [{"x": [1, {"y": 2}], "plugin_name": "A"}], "l": [2, [3]]}
    assert r["source"].value is t["source"].value  # nothing to resolve inside
    assert r["env"].value is not t["env"].value  # `p` changed
    assert r["env"].value.fields["job.mode"] is t["env"].value.fields["job.mode"]
    assert r["l"].value is not t["l"].value and r["l"].value.items[1] is t["l"].value.items[1]
    # the built tree still holds the substitutions
    assert to_json(doc.tree)["env"]["p"] == {"$unresolved": "${n}"}


@pytest.mark.parametrize("text", [
    'env { job.name = "{{ name }}" }\nsource { A { x = 1 } }\n',
    'env { job.name = "{{ name }}", p = ${n} }\nn = 1\nsource { A { x = 1 } }\n',
])
def test_template_marking_edits_a_copy(text):
    """Template values are marked unknown in place on the resolved tree: never on the built one."""
    doc = load_text(text)
    assert any(d.name == "template-syntax" for d in doc.diagnostics)
    assert isinstance(doc.resolved.fields["env"].value.fields["job.name"].value, HUnresolved)
    assert not isinstance(doc.tree.fields["env"].value.fields["job.name"].value, HUnresolved)
    assert isinstance(doc.tree, HObject) and doc.resolved is not doc.tree
