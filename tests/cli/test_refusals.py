"""Files stlint does not read are findings of the file (issue 17): `file-too-large` (over the
16 MiB limit, ``STLINT_MAX_FILE_SIZE``) and `unreadable-file` (a FIFO, a device) at 1:1, in every
output format, with exit 1 like any error; the rest of the run goes on. Real CLI runs on real
files (every run has a subprocess timeout: a FIFO that blocked would fail the test)."""

from __future__ import annotations

import json
import os

import pytest

from clihelp import CLEAN, DUPLICATE, stlint, write  # noqa: F401  (stlint: fixture)

LIMIT = {"STLINT_MAX_FILE_SIZE": "1000"}
# numeric-secret (ST403, safe fix: quote it)
NUMERIC = CLEAN.replace('plugin_input = "fake"', 'plugin_input = "fake"\n    password = 123456')
BIG = CLEAN + "# padding\n" * 100
BIG_SIZE = len(BIG.encode())
TOO_LARGE = (f"file is {BIG_SIZE} bytes, more than 1000 bytes, stlint's size limit: not checked (set "
             "STLINT_MAX_FILE_SIZE to a number of bytes to raise it)")
FIFO = ("cannot read the file: is a FIFO (named pipe), not a regular file; stlint only reads regular files: "
        "not checked")


@pytest.fixture
def tree(tmp_path):
    write(tmp_path, {"jobs/big.conf": BIG, "jobs/dup.conf": DUPLICATE, "jobs/ok.conf": CLEAN,
                     "jobs/num.conf": NUMERIC})
    os.mkfifo(tmp_path / "pipe.conf")
    return tmp_path


ARGS = ("jobs/big.conf", "jobs/dup.conf", "pipe.conf")


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_text(stlint, tree, cache):
    p = stlint("check", *ARGS, *cache, cwd=tree, env=LIMIT)
    assert p.returncode == 1 and p.stderr == ""
    lines = p.stdout.splitlines()
    assert lines[0] == f"jobs/big.conf:1:1: error file-too-large {TOO_LARGE}"
    assert lines[1] == ""  # no code frame: the file was not read
    assert lines[2].startswith("jobs/dup.conf:4:3: warning duplicate-key")
    assert f"pipe.conf:1:1: error unreadable-file {FIFO}" in lines
    assert lines[-1] == "Found 2 errors, 1 warning, 0 info in 3 of 3 files."
    q = stlint("check", *ARGS, "-q", *cache, cwd=tree, env=LIMIT)
    assert q.stdout.splitlines() == [f"jobs/big.conf:1:1: error file-too-large {TOO_LARGE}",
                                     lines[2], f"pipe.conf:1:1: error unreadable-file {FIFO}"]


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_json(stlint, tree, cache):
    p = stlint("check", *ARGS, "--format", "json", *cache, cwd=tree, env=LIMIT)
    assert p.returncode == 1 and p.stderr == ""
    doc = json.loads(p.stdout)
    files = {f["path"]: f for f in doc["files"]}
    assert list(files) == ["jobs/big.conf", "jobs/dup.conf", "pipe.conf"]
    one = {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 1}}
    assert files["jobs/big.conf"] == {"path": "jobs/big.conf", "diagnostics": [
        {"code": "ST013", "name": "file-too-large", "severity": "error", "message": TOO_LARGE, "range": one,
         "plugin": None, "option": None, "help": None, "fix": None}]}  # no graph: not read
    assert [(d["code"], d["message"]) for d in files["pipe.conf"]["diagnostics"]] == [("ST014", FIFO)]
    assert "graph" in files["jobs/dup.conf"]
    assert doc["summary"] == {"files": 3, "errors": 2, "warnings": 1, "info": 0, "fixable": 0}


def test_github(stlint, tree):
    p = stlint("check", *ARGS, "--format", "github", cwd=tree, env=LIMIT)
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert lines[0] == ("::error file=jobs/big.conf,line=1,col=1,endLine=1,endColumn=1,title=stlint (file-too-large)::"
                        + TOO_LARGE)
    assert lines[-1].startswith("::error file=pipe.conf,line=1,col=1,endLine=1,endColumn=1,"
                                "title=stlint (unreadable-file)::cannot read the file: is a FIFO")


def test_sarif(stlint, tree):
    p = stlint("check", *ARGS, "--format", "sarif", cwd=tree, env=LIMIT)
    assert p.returncode == 1
    run = json.loads(p.stdout)["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    big = results["file-too-large"]
    assert big["level"] == "error" and big["message"]["text"] == TOO_LARGE
    loc = big["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "jobs/big.conf"},
                   "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}}
    assert results["unreadable-file"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pipe.conf"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["file-too-large"]["properties"]["code"] == "ST013"
    assert rules["unreadable-file"]["properties"]["code"] == "ST014"


def test_report(stlint, tree):
    p = stlint("check", *ARGS, "--format", "report", cwd=tree, env=LIMIT)
    assert p.returncode == 1
    files = {f["path"]: f for f in json.loads(p.stdout)["files"]}
    assert files["jobs/big.conf"] == {"path": "jobs/big.conf", "errors": [
        {"name": "file-too-large", "code": "ST013", "message": TOO_LARGE, "line": 1, "column": 1}],
        "warnings": [], "todo_items": [], "patch_suggestion": ""}
    assert [e["name"] for e in files["pipe.conf"]["errors"]] == ["unreadable-file"]
    assert [w["name"] for w in files["jobs/dup.conf"]["warnings"]] == ["duplicate-key"]  # the others: as usual


def test_directory_fix_and_diff(stlint, tree):
    """In a directory the big file is reported and the others are checked; --fix and --diff
    leave it alone."""
    p = stlint("check", "jobs", "-q", cwd=tree, env=LIMIT)
    assert p.returncode == 1 and p.stdout.splitlines()[0] == f"jobs/big.conf:1:1: error file-too-large {TOO_LARGE}"
    assert "jobs/ok.conf" not in p.stdout
    p = stlint("check", "jobs", "--diff", cwd=tree, env=LIMIT)
    assert "big.conf" not in p.stdout and "+++ b/jobs/num.conf" in p.stdout and p.returncode == 1
    assert p.stderr == f"stlint: jobs/big.conf: {TOO_LARGE}\n"
    p = stlint("check", "jobs", "--fix", "-q", cwd=tree, env=LIMIT)
    assert p.stdout.startswith(f"jobs/big.conf:1:1: error file-too-large {TOO_LARGE}\n")
    assert (tree / "jobs" / "big.conf").read_text() == BIG


def test_stdin(stlint, tmp_path):
    p = stlint("check", "-", "--stdin-filename", "job.conf", "-q", cwd=tmp_path, input=BIG, env=LIMIT)
    assert p.returncode == 1
    assert p.stdout == ("job.conf:1:1: error file-too-large input is larger than 1000 bytes, stlint's size limit: "
                        "not checked (set STLINT_MAX_FILE_SIZE to a number of bytes to raise it)\n")
    # `--fix -` writes the fixed text to stdout: never an empty stdout that looks like one
    p = stlint("check", "--fix", "-", cwd=tmp_path, input=BIG, env=LIMIT)
    assert p.returncode == 2 and p.stdout == ""
    assert "file-too-large" in p.stderr and "stlint: -: not fixed (not read): nothing written to stdout" in p.stderr


def test_selection_and_severity_apply(stlint, tree):
    p = stlint("check", "jobs/big.conf", "--ignore", "file-too-large", cwd=tree, env=LIMIT)
    assert p.returncode == 0 and p.stdout == "All checks passed! (1 file checked)\n"
    write(tree, {"jobs/.stlint.toml": 'severity = { file-too-large = "warning" }\n'})
    p = stlint("check", "jobs/big.conf", "-q", "--fail-on", "error", cwd=tree, env=LIMIT)
    assert p.returncode == 0 and p.stdout == f"jobs/big.conf:1:1: warning file-too-large {TOO_LARGE}\n"


def test_a_missing_path_stays_a_usage_error(stlint, tmp_path):
    p = stlint("check", "nope.conf", cwd=tmp_path)
    assert p.returncode == 2 and p.stderr == "stlint: nope.conf: no such file or directory\n"
