"""The parser's front end: generated tables are current, no pickle/lark at run time, linear tokens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stlint import _hocon_tables as T
from stlint import parser

ROOT = Path(__file__).resolve().parents[1]


def test_tables_are_current_with_the_grammar():
    pytest.importorskip("lark")
    from stlint import grammar_build

    text = grammar_build.grammar_file().read_text(encoding="utf-8")
    assert T.GRAMMAR_SHA256 == grammar_build.grammar_digest(text), \
        "grammar/hocon.lark changed: run `python -m stlint.grammar_build`"
    assert grammar_build.main(["--check"]) == 0


def test_every_repeating_terminal_has_a_non_backtracking_pattern():
    # a terminal whose pattern changed in the grammar falls back to the grammar's own pattern;
    # the safe rewrite must follow it
    names = {n: p for n, p, _prio in T.TERMINALS}
    for name, (grammar_pattern, safe) in parser._SAFE.items():
        assert names.get(name) == grammar_pattern, f"{name}: update parser._SAFE for the new grammar pattern"
    for name, pattern in names.items():
        if any(q in pattern for q in "*+") and name not in ("KV_SEP", "INCLUDE", "INCLUDE_FN"):
            assert name in parser._SAFE, f"{name} repeats: give it a possessive pattern in parser._SAFE"


def _run(code: str, env=None) -> str:
    p = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                       env=env, cwd=str(ROOT), timeout=600)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_no_lark_and_no_cache_file_at_run_time(tmp_path):
    cache = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(cache), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    out = _run("""
        import sys
        from stlint.hocon import load_text
        doc = load_text('env {\\n  job.mode = "BATCH"\\n}\\n')
        assert doc.ok
        print(sorted(m for m in sys.modules if m == "lark" or m.startswith("lark.")))
    """, env)
    assert json.loads(out.replace("'", '"')) == []
    assert not cache.exists() or not any(cache.rglob("*"))
    assert not any((tmp_path / "tmp").iterdir())


SHAPES = {
    "quoted": "'a = \"' + 'x' * n + '\"\\n'",
    "escapes": "'a = \"' + '\\\\n' * (n // 2) + '\"\\n'",
    "unquoted": "'a = ' + 'x/' * (n // 2) + '\\n'",
    "triple": "'a = \"\"\"' + 'x\"\\n' * (n // 3) + '\"\"\"\\n'",
    "substitution": "'a = ${\"' + 'x' * n + '\"}\\n'",
    "blank-lines": "'a = 1' + '\\n  ' * (n // 3) + '\\nb = 2\\n'",
    "unterminated": "'a = \"' + 'x' * n",
}


def _peak_per_byte(shape: str, n: int) -> float:
    out = _run(f"""
        import gc, resource
        from stlint.parser import parse
        n = {n}
        text = {SHAPES[shape]}
        gc.collect()
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        r = parse(text)
        assert r.root is not None
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) * 1024 / n)
    """, dict(os.environ, PYTHONPATH=str(ROOT)))
    return float(out)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_one_long_token_costs_linear_memory(shape):
    # one 8 MB token: peak memory above the text itself stays under 10 bytes per input byte
    # (the backtracking token patterns took ~235)
    big = _peak_per_byte(shape, 8_000_000)
    assert big < 10, f"{shape}: {big:.1f} bytes of RAM per input byte"


def _parse_cpu(text: str, runs: int = 3) -> float:
    """Best CPU time of a parse, with the collector tuned as the engine tunes it for a lint
    (with the default thresholds, collections of a growing heap add a superlinear term)."""
    import time

    from stlint.engine import gc_tuned

    best = None
    with gc_tuned():
        for _ in range(runs):
            t = time.process_time()
            parser.parse(text)
            dt = time.process_time() - t
            best = dt if best is None else min(best, dt)
    return best


def test_parse_time_is_linear_in_document_size():
    block = ('  Sql {\n    plugin_input = "a"\n    plugin_output = "b"\n    query = "select 1, \\"x\\" from t"\n'
             '    opts = [1, 2.5, ${?X}, {k = v}]\n  }\n')
    small = "transform {\n" + block * 2500 + "}\n"
    big = "transform {\n" + block * 5000 + "}\n"
    t1, t2 = _parse_cpu(small), _parse_cpu(big)
    assert t2 < 2.5 * t1, (t1, t2)


def test_long_member_and_item_lists_are_linear():
    # left-recursive lists (members of one object, items of one array, parts of one value)
    for unit, wrap in (("k{} = 1\n", "o {{\n{}}}\n"), ("{}, ", "a = [{}]\n"), ("x{} ", "v = {}\n")):
        small = wrap.format("".join(unit.format(i) for i in range(50000)))
        big = wrap.format("".join(unit.format(i) for i in range(100000)))
        t1, t2 = _parse_cpu(small, 5), _parse_cpu(big, 5)
        assert t2 < 2.5 * t1, (unit, t1, t2)


def test_lint_leaves_the_gc_thresholds_as_it_found_them():
    import gc

    from stlint.engine import lint_text

    before = gc.get_threshold()
    lint_text('env {\n  job.mode = "BATCH"\n}\n', "x.conf")
    assert gc.get_threshold() == before
