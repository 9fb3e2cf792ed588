"""Configuration files: discovery (nearest wins), every key, CLI precedence, clear errors."""

from __future__ import annotations

import json

import pytest
from clihelp import CLEAN, DUPLICATE, ORDER, stlint, write  # noqa: F401,F811  (stlint: fixture)


def found(stlint, cwd, *args) -> list[tuple[str, str, str]]:
    p = stlint("check", *args, "--format", "json", "--no-cache", cwd=cwd)
    assert p.returncode in (0, 1), p.stderr
    doc = json.loads(p.stdout)
    return sorted((f["path"], d["name"], d["severity"]) for f in doc["files"] for d in f["diagnostics"]
                  if d["name"] in ("duplicate-key", "section-order", "syntax-error"))


def test_nearest_config_wins(stlint, tmp_path):
    write(tmp_path, {
        ".stlint.toml": 'ignore = ["duplicate-key"]\n',
        "top.conf": DUPLICATE,
        # a pyproject.toml without [tool.stlint] is not a config: sub1 still uses the root file
        "sub1/pyproject.toml": '[project]\nname = "x"\n', "sub1/a.conf": DUPLICATE,
        # nearer: replaces the root file entirely (no merging), so duplicate-key is back
        "sub2/pyproject.toml": '[tool.stlint]\nignore = ["section-order"]\n', "sub2/b.conf": DUPLICATE + "\n",
        "sub2/deeper/c.conf": ORDER,
        # .stlint.toml beats pyproject.toml in the same directory
        "sub3/pyproject.toml": '[tool.stlint]\nignore = ["section-order"]\n', "sub3/.stlint.toml": "ignore = []\n",
        "sub3/d.conf": ORDER,
    })
    assert found(stlint, tmp_path) == [
        ("sub2/b.conf", "duplicate-key", "warning"),
        ("sub3/d.conf", "section-order", "info"),
    ]
    # the nearest file is looked up from each checked file, not from the working directory
    assert found(stlint, tmp_path / "sub2") == [("b.conf", "duplicate-key", "warning")]
    assert found(stlint, tmp_path / "sub1", "../top.conf", "a.conf") == []


def test_every_key(stlint, tmp_path):
    write(tmp_path, {
        "pyproject.toml": """
[tool.stlint]
select = ["ST0"]
extend-select = ["unresolved-variable"]
ignore = ["ST003"]
severity = { duplicate-key = "error", ST009 = "warning" }
per-file-ignores = { "legacy/*.conf" = ["duplicate-key"], "*.hocon" = ["ST009"] }
seatunnel-version = "2.3.8"
vars = { ROWS = "10", N = 3 }
sensitive-patterns = ["(?i)token$"]
include = ["jobs/*.txt"]
exclude = ["generated", "skip/*.conf"]
""",
        "dup.conf": DUPLICATE, "order.conf": ORDER, "order.hocon": ORDER,
        "legacy/old.conf": DUPLICATE, "deep/legacy/not-matched.conf": DUPLICATE,
        "jobs/job.txt": DUPLICATE, "jobs/other.md": DUPLICATE,
        "generated/x.conf": DUPLICATE, "skip/y.conf": DUPLICATE,
        "vars.conf": CLEAN.replace('plugin_output = "fake"', 'plugin_output = "fake"\n    row.num = ${ROWS}')
                     + "extra {}\n",
    })
    p = stlint("check", ".", "--format", "json", cwd=tmp_path)
    doc = json.loads(p.stdout)
    got = sorted((f["path"], d["name"], d["severity"]) for f in doc["files"] for d in f["diagnostics"])
    assert got == [
        ("deep/legacy/not-matched.conf", "duplicate-key", "error"),  # "legacy/*.conf" is anchored at the config
        ("dup.conf", "duplicate-key", "error"),  # severity override by name
        ("jobs/job.txt", "duplicate-key", "error"),  # included by glob
        ("order.conf", "section-order", "warning"),  # severity override by code
        # order.hocon: section-order ignored by the basename glob; legacy/old.conf: per-file ignore;
        # vars.conf: ROWS given by `vars`, unknown-section ST003 ignored; generated/, skip/: excluded
    ]
    assert sorted(f["path"] for f in doc["files"]) == [
        "deep/legacy/not-matched.conf", "dup.conf", "jobs/job.txt", "legacy/old.conf", "order.conf",
        "order.hocon", "vars.conf"]
    # explicitly named files are checked even when excluded
    assert [f["path"] for f in json.loads(stlint("check", "skip/y.conf", "--format", "json",
                                                 cwd=tmp_path).stdout)["files"]] == ["skip/y.conf"]


def test_cli_flags_override_the_file(stlint, tmp_path):
    write(tmp_path, {".stlint.toml": 'ignore = ["duplicate-key", "section-order"]\nvars = { ROWS = "1" }\n'
                                     'seatunnel-version = "2.3.8"\n',
                     "dup.conf": DUPLICATE, "order.conf": ORDER})
    assert found(stlint, tmp_path) == []
    # --select replaces the file's selection, ignores included (like ruff)
    assert found(stlint, tmp_path, "--select", "duplicate-key") == [("dup.conf", "duplicate-key", "warning")]
    # --extend-select re-enables a rule the file ignores, the file's other ignores stay
    assert found(stlint, tmp_path, "--extend-select", "ST002") == [("dup.conf", "duplicate-key", "warning")]
    # --ignore adds to the file's ignores
    assert found(stlint, tmp_path, "--extend-select", "ST002", "--ignore", "duplicate-key") == []
    # --seatunnel-version wins over the file (an unknown one is an error even though the file names a good one)
    stlint("check", ".", "--seatunnel-version", "9.9", cwd=tmp_path, check_rc=2)


@pytest.mark.parametrize("name, text, message", [
    (".stlint.toml", "selct = []\n", "unknown key `selct` (did you mean `select`?)"),
    ("pyproject.toml", "[tool.stlint]\nselct = []\n", "unknown key `tool.stlint.selct` (did you mean `select`?)"),
    (".stlint.toml", 'select = "duplicate-key"\n', "`select` must be an array of strings, not a string"),
    (".stlint.toml", "ignore = [1]\n", "`ignore` must be an array of strings, not an array"),
    (".stlint.toml", 'ignore = ["duplicate-kye"]\n', "`ignore`: unknown rule or code `duplicate-kye` "
                                                     "(did you mean `duplicate-key`?)"),
    (".stlint.toml", 'severity = { duplicate-key = "fatal" }\n',
     "`severity.duplicate-key` must be one of error, warning, info, not 'fatal'"),
    (".stlint.toml", 'severity = { nope = "error" }\n', "`severity`: unknown rule `nope`"),
    (".stlint.toml", 'per-file-ignores = { "*.conf" = ["nope"] }\n', "unknown rule or code `nope`"),
    (".stlint.toml", 'per-file-ignores = ["x"]\n', "`per-file-ignores` must be a table"),
    (".stlint.toml", 'seatunnel-version = "1.0"\n', "`seatunnel-version`: no catalog for SeaTunnel version '1.0'"),
    (".stlint.toml", "seatunnel-version = 2.3\n", "`seatunnel-version` must be a string, not a number"),
    (".stlint.toml", "vars = { A = [1] }\n", "`vars.A` must be a string, not an array"),
    (".stlint.toml", 'sensitive-patterns = ["(unclosed"]\n', "invalid regular expression '(unclosed'"),
    (".stlint.toml", "select = [\n", "invalid TOML"),
    ("pyproject.toml", '[tool]\nstlint = "x"\n', "`tool.stlint` must be a table"),
])
def test_bad_config_is_exit_2_naming_file_and_key(stlint, tmp_path, name, text, message):
    write(tmp_path, {name: text, "job.conf": CLEAN})
    p = stlint("check", "job.conf", cwd=tmp_path, check_rc=2)
    assert p.stdout == ""
    assert p.stderr.startswith(f"stlint: {tmp_path / name}: "), p.stderr
    assert message in p.stderr, p.stderr


def test_readme_config_example_is_valid(stlint, tmp_path):
    from clihelp import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    write(tmp_path, {"pyproject.toml": block, "legacy/a.conf": DUPLICATE})
    p = stlint("check", ".", "--format", "json", cwd=tmp_path)
    assert p.returncode in (0, 1), p.stderr
    assert [f["path"] for f in json.loads(p.stdout)["files"]] == ["legacy/a.conf"]
