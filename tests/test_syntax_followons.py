"""One finding per real syntax mistake, through the real CLI (`python -m stlint check`).

Each case: a job with one mistake gives exactly one syntax-error at the mistake and no follow-on
findings (no repeated error, no "unexpected X" on every later line, no semantic finding on the
tree that recovery re-shaped, no "no source/sink section"); the corrected job is clean (or keeps
only its genuine findings).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SOURCE_SINK = ('source {\n  FakeSource {\n    plugin_output = "fake", schema = { fields { id = "int" } }\n    row.num = 10\n  }\n}\n'
               'sink {\n  Console {\n    plugin_input = "fake"\n  }\n}\n')


def check(tmp_path: Path, text: str) -> list[tuple[str, int, int, str]]:
    f = tmp_path / "job.conf"
    f.write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    p = subprocess.run([sys.executable, "-m", "stlint", "check", str(f), "--format", "json", "--no-cache"],
                       capture_output=True, text=True, env=env, cwd=str(tmp_path), timeout=120)
    assert p.returncode in (0, 1), p.stderr
    out = json.loads(p.stdout)
    return [(d["name"], d["range"]["start"]["line"], d["range"]["start"]["column"], d["message"])
            for f in out["files"] for d in f["diagnostics"]]


CASES = {
    # a stray `}`: one error there, the rest of the file parses as written
    "stray-brace": (
        'env {\n  job.mode = "BATCH"\n}\n}\n' + SOURCE_SINK,
        'env {\n  job.mode = "BATCH"\n}\n' + SOURCE_SINK,
        [("syntax-error", 4, 1, "unexpected `}`: no open `{` to close")],
    ),
    # an unterminated string: reported once; the next line is not "unexpected `}`"
    "unterminated-string": (
        'env {\n  job.mode = "BATCH\n}\n' + SOURCE_SINK,
        'env {\n  job.mode = "BATCH"\n}\n' + SOURCE_SINK,
        [("syntax-error", 2, 14, "unterminated quoted string (a `\"` string must end on the same line; "
                                 "use `\"\"\"` for multi-line text)")],
    ),
    "unterminated-substitution": (
        'env {\n  job.mode = ${MODE\n}\n' + SOURCE_SINK,
        'env {\n  job.mode = "BATCH"\n}\n' + SOURCE_SINK,
        [("syntax-error", 2, 14, "unterminated substitution: `${` without a closing `}` on the same line")],
    ),
    # `...` left from a docs snippet: reported on its own line; `url` on the next line is kept
    # (no "`url` is required", no unknown option `...`)
    "ellipsis-line": (
        'env {\n  job.mode = "BATCH"\n}\nsource {\n  Jdbc {\n    ...\n    url = "jdbc:mysql://h:3306/db"\n'
        '    driver = "com.mysql.cj.jdbc.Driver"\n    username = "u"\n    query = "select 1"\n'
        '    plugin_output = "t"\n  }\n}\nsink {\n  Console {\n    plugin_input = "t"\n  }\n}\n',
        'env {\n  job.mode = "BATCH"\n}\nsource {\n  Jdbc {\n    url = "jdbc:mysql://h:3306/db"\n'
        '    driver = "com.mysql.cj.jdbc.Driver"\n    username = "u"\n    query = "select 1"\n'
        '    plugin_output = "t"\n  }\n}\nsink {\n  Console {\n    plugin_input = "t"\n  }\n}\n',
        [("syntax-error", 6, 5, "key `...` has no value: expected `=`, `:` or `{` after it "
                                "(found `url` on a later line)")],
    ),
    # sections on one line without separators: one message saying how to separate them, and no
    # "no env/source/sink section" (Typesafe: "Expecting end of input or a comma, got 'source'")
    "one-line-sections": (
        'env { job.mode = "BATCH" } source { FakeSource { plugin_output = "fake", schema = { fields { id = "int" } } } } '
        'sink { Console { plugin_input = "fake" } }\n',
        'env { job.mode = "BATCH" }, source { FakeSource { plugin_output = "fake", schema = { fields { id = "int" } } } }, '
        'sink { Console { plugin_input = "fake" } }\n',
        [("syntax-error", 1, 28, "unexpected `source` after `env { ... }` on the same line: start each "
                                 "field on a new line, or separate fields with `,`")],
    ),
    # a field line inside a list: the list's value is recovery's guess (a string element
    # `password = hunter2`), so no finding quotes it (a follow-on, and a secret shown in no output)
    "field-in-list": (
        'env {\n  job.mode = "BATCH"\n}\n' + SOURCE_SINK.replace(
            "row.num = 10", 'rows = [\n      { kind = INSERT, fields = [1] }\n      password = "hunter2"\n    ]'),
        'env {\n  job.mode = "BATCH"\n}\n' + SOURCE_SINK.replace(
            "row.num = 10", 'rows = [\n      { kind = INSERT, fields = [1] }\n    ]'),
        [("syntax-error", 9, 16, "unexpected `=`, expected `{`, `[`, a value, `}`, `]`, a quoted string, "
                                 "`,` or a new line")],
    ),
    # a bad escape followed by another mistake on the line: each reported once
    "no-repeated-error": (
        'env {\n  job.mode = "BATCH"\n  job.name = "a\\qb" = 1\n}\n' + SOURCE_SINK,
        'env {\n  job.mode = "BATCH"\n  job.name = "a\\\\qb"\n}\n' + SOURCE_SINK,
        [("syntax-error", 3, 14, "invalid escape `\\q` in quoted string (use `\\\\` for a backslash)"),
         ("syntax-error", 3, 21, "unexpected `=`, expected `{`, `[`, a value, `}`, `]`, a quoted string, "
                                 "`,` or a new line")],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_finding_per_mistake(tmp_path, name):
    bad, good, expected = CASES[name]
    assert check(tmp_path, bad) == expected
    assert check(tmp_path, good) == []


def test_semantic_findings_inside_recovered_text_are_dropped_elsewhere_kept(tmp_path):
    good = ('env {\n  job.mode = "BATCH"\n  parallelism = "abc"\n}\nsource {\n  FakeSource {\n'
            '    plugin_output = "fake", schema = { fields { id = "int" } }\n    row.num = "ten"\n  }\n}\nsink {\n  Console {\n'
            '    plugin_input = "fake"\n  }\n}\n')
    found = check(tmp_path, good)
    assert [(n, line) for n, line, _c, _m in found] == [("invalid-env-value", 3), ("invalid-option-value", 8)]
    # the same job with the `row.num` string unterminated: the value there is recovery's guess,
    # so only the syntax error speaks for that line; the finding on line 3 stays
    bad = good.replace('row.num = "ten"', 'row.num = "ten')
    found = check(tmp_path, bad)
    assert [(n, line) for n, line, _c, _m in found] == [("invalid-env-value", 3), ("syntax-error", 8)]


def test_unclosed_block_at_end_silences_its_own_contents(tmp_path):
    # typing a new plugin at the end of the file: one "expected `}`", nothing about the half-typed block
    text = 'env {\n  job.mode = "BATCH"\n}\n' + SOURCE_SINK[:-len('sink {\n  Console {\n    plugin_input = "fake"\n  }\n}\n')] \
        + 'sink {\n  Console {\n    plugin_input = "fak'
    found = check(tmp_path, text)
    assert [n for n, *_ in found] == ["syntax-error", "syntax-error"]
    assert found[0][3].startswith("unterminated quoted string")
    assert found[1][3] == "expected `}` to close `Console {` opened at 11:11"
