"""Tests of the Typesafe Config reference harness itself (tests/typesafe/)."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pytest

try:  # repo root on sys.path (python -m pytest, pythonpath=["."]) or tests/ a package
    from tests.typesafe import TypesafeRef, TypesafeError
    from tests.typesafe.fixture import require_or_skip, typesafe_ref  # noqa: F401
except ImportError:  # plain `pytest`: rootdir-relative prepend puts tests/ on sys.path
    from typesafe import TypesafeRef, TypesafeError  # type: ignore[no-redef]
    from typesafe.fixture import require_or_skip, typesafe_ref  # type: ignore[no-redef] # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RESOURCES = SHARED / "hocon-spec-tests" / "config-test-resources"


def _equiv_cases() -> list[Any]:
    cases = []
    for folder in sorted(RESOURCES.glob("equiv0*")):
        for f in sorted(folder.iterdir()):
            if f.is_file() and f.suffix in (".conf", ".json") and f.name != "original.json":
                cases.append(pytest.param(f, id=f"{folder.name}/{f.name}"))
    return cases


EQUIV_CASES = _equiv_cases()
needs_shared = pytest.mark.skipif(not RESOURCES.is_dir(), reason=f"{RESOURCES} not found (shared/ beside the repo)")


def canon(v: Any) -> Any:
    """Order-insensitive for objects, but type-strict: 1 != 1.0 != True."""
    if isinstance(v, dict):
        return ("obj", frozenset((k, canon(x)) for k, x in v.items()))
    if isinstance(v, list):
        return ("list", tuple(canon(x) for x in v))
    return (type(v).__name__, v)


def ok_tree(result: dict[str, Any]) -> Any:
    assert result["ok"] is True, result
    assert set(result) == {"ok", "json"}
    return result["json"]


# -- the HOCON spec equivalence sets ---------------------------------------------------------

@needs_shared
def test_equivalence_sets_found() -> None:
    # 15 files in equiv01..05 per shared/hocon-spec-tests/MANIFEST.md
    assert len(EQUIV_CASES) == 15


@needs_shared
@pytest.mark.parametrize("path", EQUIV_CASES)
def test_equivalent_to_original(typesafe_ref: TypesafeRef, path: Path) -> None:
    original = ok_tree(typesafe_ref.dump_file(path.parent / "original.json"))
    tree = ok_tree(typesafe_ref.dump_file(path))
    assert canon(tree) == canon(original)
    if path.suffix == ".json":  # upstream also parses every .json with HOCON syntax
        as_conf = ok_tree(typesafe_ref.dump_text(path.read_text(encoding="utf-8"), syntax="conf"))
        assert canon(as_conf) == canon(original)


@needs_shared
def test_includes_resolved_relative_to_file(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_file(RESOURCES / "equiv03" / "includes.conf"))
    # letters/c has both c.conf and c.properties: include "letters/c" merges them
    assert tree["letters"]["c"] == {"fromConf": 89, "fromProp": "true"}
    assert tree["root"] == "this gets included at the root"


@needs_shared
def test_known_upstream_errors(typesafe_ref: TypesafeRef) -> None:
    cycle = typesafe_ref.dump_file(RESOURCES / "cycle.conf")
    assert cycle["ok"] is False and "nested more than" in cycle["error_message"]
    from_list = typesafe_ref.dump_file(RESOURCES / "include-from-list.conf")
    assert from_list["ok"] is False and "limitations" in from_list["error_message"]
    alone = ok_tree(typesafe_ref.dump_file(RESOURCES / "test03-included.conf"))
    assert "$unresolved" in repr(alone)


# -- substitutions, unresolved values, render forms -----------------------------------------

def test_unresolved_reference(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_text("a = ${b.c}\nd = 1"))
    assert tree == {"a": {"$unresolved": "${b.c}"}, "d": 1}


def test_self_path_reference_is_a_cycle(typesafe_ref: TypesafeRef) -> None:
    r = typesafe_ref.dump_text("a = ${a.b}")
    assert r["ok"] is False
    assert r["error_class"] == "ConfigException$UnresolvedSubstitution"
    assert r["error_line"] == 1


def test_unresolved_render_forms(typesafe_ref: TypesafeRef) -> None:
    cases = {
        'a = "x "${y}': '"x "${y}',
        "a = x ${y} z": '"x "${y}" z"',
        "a = ${y} {b = 1}": '${y}{"b":1}',
        "a = [1] ${y}": "[1]${y}",
        "a = {b = 1}\na = ${y}": '{"b":1},${y}',
        "a = [1, 2]\na += ${y}": "[1,2],[1,2,${y}]",
        "x = ${y}\na = ${?x}": "${y}",  # the optional resolved to x's (unresolved) value
    }
    for text, rendered in cases.items():
        assert ok_tree(typesafe_ref.dump_text(text))["a"] == {"$unresolved": rendered}, text


def test_unresolved_inside_containers(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_text("a = [${y}, {b = ${z}}, 3]\nc = ${a}"))
    expected = [{"$unresolved": "${y}"}, {"b": {"$unresolved": "${z}"}}, 3]
    assert tree == {"a": expected, "c": expected}


def test_optional_substitution_vanishes(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_text("a = ${?x}\nb = [1, ${?x}, 2]\nc = ${?x} tail\nd = ${?x}${?y}"))
    assert tree == {"b": [1, 2], "c": " tail"}


def test_no_environment_or_system_properties(typesafe_ref: TypesafeRef) -> None:
    assert "PATH" in os.environ
    tree = ok_tree(typesafe_ref.dump_text("a = ${PATH}\nb = ${?PATH}\nc = ${java.version}\nd = ${?user.home}"))
    assert tree == {"a": {"$unresolved": "${PATH}"}, "c": {"$unresolved": "${java.version}"}}


def test_concatenation(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_text(
        'n = 42\ns = foo   bar "baz"  ${n}\nl = [1] [2, 3]\no = {p = 1} {q = 2}\nt = """tri"ple""" x'))
    assert tree == {"n": 42, "s": "foo   bar baz  42", "l": [1, 2, 3], "o": {"p": 1, "q": 2}, "t": 'tri"ple x'}


def test_plus_equals(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_text("a = [1]\na += 2\na += ${b}\nb = {c = 3}\nz += x"))
    assert tree == {"a": [1, 2, {"c": 3}], "b": {"c": 3}, "z": ["x"]}


def test_dotted_keys_nest_and_objects_merge(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_text('a.b.c = 1\na { b { d = 2 } }\n"x.y" = 3\nsource {}'))
    assert tree == {"a": {"b": {"c": 1, "d": 2}}, "x.y": 3, "source": {}}


# -- errors ---------------------------------------------------------------------------------

def test_parse_error_line_number(typesafe_ref: TypesafeRef, tmp_path: Path) -> None:
    text = "a {\n  b = 1\n  c = }\n}\n"
    r = typesafe_ref.dump_text(text)
    assert r["ok"] is False
    assert r["error_class"] == "ConfigException$Parse"
    assert r["error_line"] == 3
    assert r["error_message"].startswith("String: 3:")
    f = tmp_path / "bad.conf"
    f.write_text("ok = 1\n" + text, encoding="utf-8")
    r = typesafe_ref.dump_file(f)
    assert (r["ok"], r["error_class"], r["error_line"]) == (False, "ConfigException$Parse", 4)
    assert str(f) in r["error_message"]


def test_missing_file_is_an_error(typesafe_ref: TypesafeRef, tmp_path: Path) -> None:
    r = typesafe_ref.dump_file(tmp_path / "absent.conf")
    assert r["ok"] is False and r["error_class"] == "ConfigException$IO" and r["error_line"] is None


def test_json_syntax_chosen_by_extension(typesafe_ref: TypesafeRef, tmp_path: Path) -> None:
    hocon_only = "a = 1\nb = [x, y] // comment\n"
    for name in ("job.conf", "job.config.template", "job.JSONX"):
        (tmp_path / name).write_text(hocon_only, encoding="utf-8")
        assert ok_tree(typesafe_ref.dump_file(tmp_path / name)) == {"a": 1, "b": ["x", "y"]}, name
    (tmp_path / "job.json").write_text(hocon_only, encoding="utf-8")
    r = typesafe_ref.dump_file(tmp_path / "job.json")
    assert r["ok"] is False and r["error_class"] == "ConfigException$Parse" and r["error_line"] == 1
    assert typesafe_ref.dump_text(hocon_only, syntax="json")["ok"] is False
    assert ok_tree(typesafe_ref.dump_text('{"a": [1, {"b": null}]}', syntax="json")) == {"a": [1, {"b": None}]}


# -- values ---------------------------------------------------------------------------------

def test_number_types(typesafe_ref: TypesafeRef) -> None:
    tree = ok_tree(typesafe_ref.dump_text(
        "i = 7\nl = 2147483648\nd = 1.5\nbig = 1e20\ntiny = 1e-5\n"
        "one = 1.0\nk = 1e3\nhuge = 9223372036854775808\ninf = 1E400\nneg = -2.5"))
    assert canon(tree) == canon({
        "i": 7, "l": 2147483648, "d": 1.5, "big": 1e20, "tiny": 1e-5,
        # Typesafe 1.3.1 stores integral doubles that fit a long as ints...
        "one": 1, "k": 1000,
        # ...and a too-long integer literal as an unquoted string
        "huge": "9223372036854775808",
        "inf": math.inf, "neg": -2.5,
    })


def test_scalars_and_unicode(typesafe_ref: TypesafeRef) -> None:
    text = 'a = true\nb = off\nc = null\nd = "é\\t😀\\u0001 \\"q\\" \\\\"\n"k\\"ey" = é\n'
    tree = ok_tree(typesafe_ref.dump_text(text))
    assert canon(tree) == canon({"a": True, "b": "off", "c": None, "d": 'é\t😀\x01 "q" \\', 'k"ey': "é"})


# -- harness robustness ---------------------------------------------------------------------

def test_survives_pathological_input(typesafe_ref: TypesafeRef) -> None:
    r = typesafe_ref.dump_text("a = " + "[" * 200000)
    assert r["ok"] is False and r["error_class"]
    r = typesafe_ref.dump_text("x", syntax="properties")
    assert r["ok"] is True
    assert ok_tree(typesafe_ref.dump_text("still = alive")) == {"still": "alive"}


def test_restarts_after_jvm_death() -> None:
    require_or_skip()
    with TypesafeRef() as ref:
        assert ok_tree(ref.dump_text("a = 1")) == {"a": 1}
        assert ref._proc is not None
        ref._proc.kill()
        ref._proc.wait()
        assert ok_tree(ref.dump_text("a = 2")) == {"a": 2}
    with pytest.raises(ValueError):
        TypesafeRef().dump_text("a = 1", syntax="yaml")
    assert issubclass(TypesafeError, RuntimeError)
