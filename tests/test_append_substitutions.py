"""`+=` chains of substitutions (`a += ${x}`, `a += [${x}]`, `a = ${a} [1]`, `a = ${?a} [${x}]`)
resolve in linear time (``Resolver._append_step`` checks each appended item once instead of
re-resolving the whole list at every step), with the values and diagnostics of the general path
(the step-by-step evaluation, which the fast path must agree with) and of Typesafe Config."""

from __future__ import annotations

import os
import random

import pytest
from loadtime import load_cpu

from stlint.hocon import load_text, to_json
from stlint.hocon_resolve import Resolver
from stlint.hocon_values import HConcat, HList, HMerge, HObject, HScalar, HSubst, HUnresolved


def subst_appends(n: int) -> str:
    return "x = 7\na = [start]\n" + "".join("a += ${x}\n" for _ in range(n)) + "b = ${a}\n"


def list_subst_appends(n: int) -> str:
    return "x = 7\n" + "".join("a += [${x}]\n" for _ in range(n)) + "b = ${a}\n"


def self_concat_appends(n: int) -> str:
    return "x = 7\na = []\n" + "".join("a = ${a} [${x}]\n" for _ in range(n)) + "b = ${?a} [end]\n"


def self_subst_appends(n: int) -> str:
    return "x = 7\ny = [${x}, 1]\n" + "".join("a = ${?a}${y}\n" for _ in range(n)) + "b = ${a}\n"


def nested_appends(n: int) -> str:
    return "x = 7\n" + "".join("a.b += ${x}\n" if i % 2 else "a { b += [${x}] }\n" for i in range(n)) + "c = ${a.b}\n"


SHAPES = {"nested": nested_appends, "self-subst": self_subst_appends, "subst": subst_appends, "list-subst": list_subst_appends, "self-concat": self_concat_appends}


# ---- the general path, as the reference --------------------------------------------------------
def _general_load(monkeypatch, text: str, flavor: str):
    """The same load with the fast path switched off: every step through ``_merge_from``."""
    with monkeypatch.context() as m:
        m.setattr(Resolver, "_append_step", lambda self, item, path, known, owned: None)
        return load_text(text, flavor)


def dump(v, seen=None):
    """Everything a value holds that a rule or a front end can see: kinds, values, positions, and
    the unresolved parts (rendered)."""
    if v is None:
        return None
    if isinstance(v, HScalar):
        return ("s", v.value, v.raw, v.quoted, v.start, v.end)
    if isinstance(v, HObject):
        return ("o", v.start, v.end, [(k, f.key_start, f.key_end, dump(f.value)) for k, f in v.fields.items()])
    if isinstance(v, HList):
        return (type(v).__name__, v.start, v.end, [dump(i) for i in v.items])
    if isinstance(v, HUnresolved):
        return ("u", v.render(), dump(v.value))
    if isinstance(v, HSubst):
        return ("$", v.path, v.optional, v.start, v.end)
    if isinstance(v, HConcat):
        return ("c", v.start, v.end, [dump(p) for p in v.parts])
    if isinstance(v, HMerge):
        return ("m", [dump(p) for p in v.stack])
    return repr(v)


def outcome(doc):
    return dump(doc.resolved), [(d.name, d.severity, d.message, d.start, d.end) for d in doc.diagnostics]


STEPS = [
    "a += ${x}", "a += [${x}]", "a += ${?x}", "a += [${?nope}]", "a += ${?nope}", "a = ${a} [1]",
    "a = ${?a} [${x}]", "a = ${a} [${y}, 2]", "a += {k = ${x}}", "a += [{k = ${y}}]", "a += 3",
    "a = [restart]", "a = ${?a}[${x}]", "mid = ${a}", "a += [${a}]", "a += ${y}", "a += ${z}",
    'a += "s"', "y = ${x}", "x = [1]", "x = 8", "a += [${mid}]", "a += ${nope}", "a = 5",
    "a = ${a} ${x}", "a += [${b.c}]", "b { c = ${x} }", "b.c += ${x}", "z = ${?a}",
    "a = ${?a} ${w}", "a = ${a}${w}", "a = ${a} ${v}", "a = ${?a} ${nope}", "a = ${a} ${?nope}",
    "w = [${x}, {k = ${y}}]", "w = [1]", "v = ${w} [2]", "v = ${a}", "w = 3",
]


def generated_mix(seed: int, n: int) -> str:
    rnd = random.Random(seed)
    # mostly the linear shapes, with every other shape mixed in
    common = STEPS[:8] + ["a = ${?a} ${w}", "a = ${a}${w}", "a = ${a} ${v}"]
    lines = ["x = 7", "y = 9", "w = [${x}]", "v = [${y}, 1]"]
    for _ in range(n):
        lines.append(rnd.choice(common if rnd.random() < 0.7 else STEPS))
    lines.append("last = ${?a}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("flavor", ["hocon", "seatunnel"])
@pytest.mark.parametrize("seed", range(60))
def test_generated_mixes_agree_with_the_general_path(monkeypatch, seed, flavor):
    text = generated_mix(seed, 40)
    fast = load_text(text, flavor)
    general = _general_load(monkeypatch, text, flavor)
    assert outcome(fast) == outcome(general), text


def test_the_generated_mixes_reach_both_outcomes(monkeypatch):
    # the mixes above are worth something only if some resolve and some fail
    oks = [load_text(generated_mix(seed, 40), "hocon").ok for seed in range(60)]
    assert any(oks) and not all(oks)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_long_chains_agree_with_the_general_path(monkeypatch, shape):
    text = SHAPES[shape](300)
    fast = load_text(text, "hocon")
    assert fast.ok, [d.message for d in fast.diagnostics]
    assert outcome(fast) == outcome(_general_load(monkeypatch, text, "hocon"))


@pytest.mark.parametrize("text", [
    # an item that looks at the key's previous value: the fast path must leave it to the general one
    "x = ${?a}\n" + "a += [${x}]\n" * 5,
    "a = [0]\n" + "a += [${a}]\n" * 3,
    # an unresolved item, an error in an item, a cycle through an item
    "a = [0]\n" + "a += ${nope}\n" * 3 + "b = ${a}\n",
    "x = [1]\ny = ${x} \"s\"\na = [0]\n" + "a += ${y}\n" * 3,
    "x = ${a}\na = [0]\n" + "a += ${x}\n" * 3,
])
def test_items_that_depend_on_the_step_agree_with_the_general_path(monkeypatch, text):
    assert outcome(load_text(text, "hocon")) == outcome(_general_load(monkeypatch, text, "hocon"))


def test_values():
    doc = load_text(subst_appends(1000), "hocon")
    assert doc.ok
    assert to_json(doc.resolved)["b"] == ["start"] + [7] * 1000
    doc = load_text(self_concat_appends(1000), "hocon")
    assert doc.ok
    assert to_json(doc.resolved)["b"] == [7] * 1000 + ["end"]


# ---- against Typesafe ------------------------------------------------------------------------
def typesafe_mix(n: int) -> str:
    out = ["x = 7", "y = [${x}, 8]", "a = [start]"]
    for i in range(n):
        out.append(("a += ${x}", "a += [${x}]", "a = ${a} [${x}]", "a = ${?a} [${y}]", "a += ${y}",
                    f"a += {{k = ${{x}}, i = {i}}}", "a += ${?nope}")[i % 7])
        if i == n // 2:
            out.append("mid = ${a}")
    return "\n".join(out) + "\nb = ${a}\n"


# Typesafe resolves a `+=` chain in about cubic time (300 appends of substitutions: ~15 s), so the
# long chains are opt-in: STLINT_SLOW_TYPESAFE=1 (as in test_typesafe_appends.py)
SLOW = os.environ.get("STLINT_SLOW_TYPESAFE", "") not in ("", "0")
_slow = pytest.mark.skipif(not SLOW, reason="long chains take Typesafe minutes: set STLINT_SLOW_TYPESAFE=1")


@pytest.mark.parametrize("text", [typesafe_mix(100), subst_appends(120), self_subst_appends(120), nested_appends(120), list_subst_appends(120),
                                  self_concat_appends(120),
                                  pytest.param(typesafe_mix(300), marks=_slow),
                                  pytest.param(subst_appends(1000), marks=_slow)])
def test_agree_with_typesafe(typesafe_ref, text):
    ours = load_text(text, "hocon")
    assert ours.ok, [d.message for d in ours.diagnostics]
    saved = typesafe_ref.timeout
    typesafe_ref.timeout = max(saved, 3600)
    try:
        theirs = typesafe_ref.dump_text(text)
    finally:
        typesafe_ref.timeout = saved
    assert theirs["ok"], theirs
    assert to_json(ours.resolved) == theirs["json"]


# (`x = ${a}` then `a += ${x}`: stlint reports a cycle, as before the fast path; Typesafe resolves
# x against a's previous value, [0]: a known difference of the general path, not of this one)
def test_failures_agree_with_typesafe(typesafe_ref):
    # an item whose resolution fails (a list joined with a string, found while resolving)
    text = "x = [1]\ny = ${x} \"s\"\na = [0]\n" + "a += ${y}\n" * 3
    assert not typesafe_ref.dump_text(text)["ok"]
    doc = load_text(text, "hocon")
    assert doc.resolved is None
    assert [d.message for d in doc.diagnostics] == ["cannot concatenate list and string values"]
    # an undefined substitution: both keep the value unresolved (the unresolved-substitution rule
    # reports it), the whole chain, not a part of it (Typesafe renders it its own way)
    text = "a = [0]\n" + "a += ${nope}\n" * 3
    theirs = typesafe_ref.dump_text(text)
    assert theirs["ok"] and "$unresolved" in theirs["json"]["a"], theirs
    v = load_text(text, "hocon").resolved.fields["a"].value
    assert isinstance(v, HUnresolved) and v.render() == "[0]" + ",${?a}[${nope}]" * 3


# ---- complexity ------------------------------------------------------------------------------
@pytest.mark.parametrize("flavor", ["hocon", "seatunnel"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_substitution_appends_resolve_in_linear_time(shape, flavor):
    """Twice the appends cost at most 2.5 times the CPU time (they were quadratic: `a += ${x}`
    1,000 appends 0.53 s, 2,000 2.1 s). Sizes compared, best of interleaved repeats."""
    small, big = load_cpu(SHAPES[shape](2000), flavor), load_cpu(SHAPES[shape](4000), flavor)
    t1 = t2 = float("inf")
    for _ in range(3):
        t1 = min(t1, small())
        t2 = min(t2, big())
    assert t2 < 2.5 * t1, f"2,000 appends {t1:.3f} s, 4,000 {t2:.3f} s (x{t2 / t1:.2f})"
