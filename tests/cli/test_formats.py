"""Every output format of `stlint check`, parsed and checked value by value."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest
from clihelp import BROKEN, CLEAN, DUPLICATE, ORDER, REPO, stlint, write  # noqa: F401,F811  (stlint: fixture)

STRUCT = ["--select", "ST0"]  # the structure family: stable while other families are being written


def test_text_lines_frame_help_summary(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "order.conf": ORDER, "clean.conf": CLEAN,
                     # plugin-name-case: info, safe fix, help
                     "case.conf": CLEAN.replace("Console", "console")})
    # plugin-name-case is opt-in (not in the default selection)
    p = stlint("check", ".", "--no-cache", "--extend-select", "plugin-name-case", cwd=tmp_path)
    out = p.stdout
    assert "\x1b[" not in out  # not a TTY: no colour
    lines = out.splitlines()
    i = lines.index("dup.conf:4:3: warning duplicate-key `parallelism` is set again here; the value at 3:3 is ignored")
    assert lines[i + 1:i + 4] == ["  |", "4 |   parallelism = 2", "  |   ^^^^^^^^^^^"]
    # fix markers after the name: [~] unsafe, [*] safe; help line from the diagnostic
    assert any(ln.startswith("order.conf:4:1: info section-order [~] `env` comes after `sink`") for ln in lines)
    j = next(k for k, ln in enumerate(lines) if ln.startswith("case.conf:10:3: info plugin-name-case [*] "))
    assert lines[j + 3] == "   |   ^^^^^^^"
    assert lines[j + 4] == "   = help: write `Console`"
    assert lines[-2:] == ["Found 0 errors, 1 warning, 2 info in 3 of 4 files.",
                          "2 fixable (1 with a safe fix [*], 1 with an unsafe fix [~])."]
    assert p.returncode == 1


def test_text_caret_clipped_to_the_line_and_wide_chars(stlint, tmp_path):
    # an unclosed object: the error sits at end of file (an empty line); a range spanning lines
    # is clipped to its first line; wide characters before a range shift the caret by two columns
    write(tmp_path, {"broken.conf": BROKEN,
                     "wide.conf": 'env {\n  job.mode = "BATCH"\n  "名字" = 1, "名字" = 2\n}\nsource {\n  FakeSource {}\n}\n'
                                  'sink {\n  Console {}\n}\nextra {\n  k = 1\n}\n'})
    p = stlint("check", "broken.conf", "wide.conf", "--no-cache", *STRUCT, cwd=tmp_path)
    lines = p.stdout.splitlines()
    i = lines.index("broken.conf:10:1: error syntax-error expected `}` to close `sink {` opened at 7:6")
    assert lines[i + 1:i + 4] == ["   |", "10 | ", "   | ^"]
    k = next(n for n, ln in enumerate(lines) if ln.startswith("wide.conf:3:13: warning duplicate-key"))
    assert lines[k + 2:k + 4] == ['3 |   "名字" = 1, "名字" = 2', "  | " + " " * 14 + "^" * 6]
    k = next(n for n, ln in enumerate(lines) if ln.startswith("wide.conf:11:1: error unknown-section"))
    assert lines[k + 2:k + 4] == ["11 | extra {", "   | ^^^^^"]


def _run_on_tty(args, cwd, env):
    """stdout on a pseudo-terminal (the only way to see the TTY behaviour)."""
    master, slave = pty.openpty()
    e = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    e.update(PYTHONPATH=str(REPO), **env)
    p = subprocess.Popen([sys.executable, "-m", "stlint", *args], cwd=cwd, stdout=slave, stderr=subprocess.PIPE,
                         env=e)
    os.close(slave)
    chunks = []
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        chunks.append(b)
    p.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode()


def test_colour_only_on_a_tty_no_color_and_force_color(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE})
    xdg = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    tty = _run_on_tty(["check", "dup.conf"], tmp_path, xdg)
    assert "\x1b[1;33mwarning\x1b[0m" in tty
    assert "\x1b[" not in _run_on_tty(["check", "dup.conf"], tmp_path, {**xdg, "NO_COLOR": "1"})
    forced = stlint("check", "dup.conf", cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;33mwarning\x1b[0m" in forced


def test_quiet_prints_findings_only(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "clean.conf": CLEAN})
    p = stlint("check", ".", "-q", *STRUCT, cwd=tmp_path)
    assert p.stdout == ("dup.conf:4:3: warning duplicate-key `parallelism` is set again here; "
                        "the value at 3:3 is ignored\n")
    assert stlint("check", "clean.conf", "-q", cwd=tmp_path).stdout == ""


def test_json_shape_and_values(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "order.conf": ORDER, "clean.conf": CLEAN,
                     "case.conf": CLEAN.replace("Console", "console")})
    p = stlint("check", ".", "--format", "json", "--extend-select", "plugin-name-case", cwd=tmp_path)
    doc = json.loads(p.stdout)
    assert set(doc) == {"version", "files", "summary"} and doc["version"] == 1
    by_path = {f["path"]: f["diagnostics"] for f in doc["files"]}
    assert list(by_path) == ["case.conf", "clean.conf", "dup.conf", "order.conf"]  # sorted discovery order
    assert by_path["clean.conf"] == []
    keys = {"code", "name", "severity", "message", "range", "plugin", "option", "help", "fix"}
    for diags in by_path.values():
        for d in diags:
            assert set(d) == keys
    dup = [d for d in by_path["dup.conf"] if d["name"] == "duplicate-key"]
    assert dup == [{"code": "ST002", "name": "duplicate-key", "severity": "warning",
                    "message": "`parallelism` is set again here; the value at 3:3 is ignored",
                    "range": {"start": {"line": 4, "column": 3}, "end": {"line": 4, "column": 14}},
                    "plugin": None, "option": None, "help": None, "fix": None}]
    case = next(d for d in by_path["case.conf"] if d["name"] == "plugin-name-case")
    assert case["plugin"] == "sink.console" and case["help"] == "write `Console`"
    assert case["fix"] == {"applicability": "safe", "message": "rename to `Console`",
                           "edits": [{"range": {"start": {"line": 10, "column": 3}, "end": {"line": 10, "column": 10}},
                                      "new_text": "Console"}]}
    order = next(d for d in by_path["order.conf"] if d["name"] == "section-order")
    assert order["severity"] == "info" and order["fix"]["applicability"] == "unsafe"
    assert order["fix"]["edits"] and all(set(e) == {"range", "new_text"} for e in order["fix"]["edits"])
    s = doc["summary"]
    every = [d for ds in by_path.values() for d in ds]
    assert s == {"files": 4, "errors": sum(d["severity"] == "error" for d in every),
                 "warnings": sum(d["severity"] == "warning" for d in every),
                 "info": sum(d["severity"] == "info" for d in every),
                 "fixable": sum(d["fix"] is not None for d in every)}
    assert s["warnings"] >= 1 and s["info"] >= 2 and s["fixable"] >= 2


def test_github_annotations_and_escaping(stlint, tmp_path):
    # `,` and `:` in a file name must be escaped in the properties, `%` in the message, and the
    # help (after a newline) becomes %0A
    write(tmp_path, {"a,b:c.conf": DUPLICATE.replace("parallelism", '"50%"'),
                     "order.conf": ORDER, "case.conf": CLEAN.replace("Console", "console"),
                     "broken.conf": BROKEN})
    p = stlint("check", ".", "--format", "github", "--select", "ST001,ST002,ST009,plugin-name-case", cwd=tmp_path)
    lines = p.stdout.splitlines()
    assert ("::warning file=a%2Cb%3Ac.conf,line=4,col=3,endLine=4,endColumn=8,title=stlint (duplicate-key)::"
            '`"50%25"` is set again here; the value at 3:3 is ignored') in lines
    assert ("::error file=broken.conf,line=10,col=1,endLine=10,endColumn=1,title=stlint (syntax-error)::"
            "expected `}` to close `sink {` opened at 7:6") in lines
    assert any(ln.startswith("::notice file=order.conf,line=4,col=1,") for ln in lines)
    case = next(ln for ln in lines if "plugin-name-case" in ln)
    assert case.startswith("::notice file=case.conf,line=10,col=3,endLine=10,endColumn=10,")
    assert case.endswith("SeaTunnel spells it `Console`%0Ahelp: write `Console`")
    assert len(lines) == 4 and p.returncode == 1


def _sarif_schema_subset() -> dict:
    """The parts of SARIF 2.1.0 GitHub code scanning relies on (written by hand, not downloaded)."""
    region = {"type": "object", "required": ["startLine"],
              "properties": {k: {"type": "integer", "minimum": 1}
                             for k in ("startLine", "startColumn", "endLine", "endColumn")}}
    text = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
    rule = {"type": "object", "required": ["id", "shortDescription", "fullDescription", "help", "defaultConfiguration"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "shortDescription": text,
                           "fullDescription": text, "help": text,
                           "defaultConfiguration": {"type": "object", "required": ["level"], "properties": {
                               "level": {"enum": ["none", "note", "warning", "error"]}}}}}
    result = {"type": "object", "required": ["ruleId", "ruleIndex", "level", "message", "locations",
                                             "partialFingerprints"],
              "properties": {"ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": 0},
                             "level": {"enum": ["none", "note", "warning", "error"]}, "message": text,
                             "locations": {"type": "array", "minItems": 1, "items": {
                                 "type": "object", "required": ["physicalLocation"], "properties": {
                                     "physicalLocation": {"type": "object", "required": ["artifactLocation", "region"],
                                                          "properties": {"artifactLocation": {
                                                              "type": "object", "required": ["uri"],
                                                              "properties": {"uri": {"type": "string"}}},
                                                              "region": region}}}}},
                             "partialFingerprints": {"type": "object", "minProperties": 1,
                                                     "additionalProperties": {"type": "string"}}}}
    return {"type": "object", "required": ["version", "runs"],
            "properties": {"version": {"const": "2.1.0"}, "$schema": {"type": "string"},
                           "runs": {"type": "array", "minItems": 1, "items": {
                               "type": "object", "required": ["tool", "results"], "properties": {
                                   "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                                       "type": "object", "required": ["name", "version", "informationUri", "rules"],
                                       "properties": {"name": {"const": "stlint"}, "informationUri": {"type": "string"},
                                                      "rules": {"type": "array", "items": rule}}}}},
                                   "results": {"type": "array", "items": result}}}}}}


def test_sarif_structure_and_values(stlint, tmp_path):
    (tmp_path / "jobs").mkdir()
    write(tmp_path, {"jobs/dup.conf": DUPLICATE, "jobs/order.conf": ORDER, "jobs/broken.conf": BROKEN,
                     "jobs/twice.conf": DUPLICATE.replace("parallelism = 2", "parallelism = 2\n  parallelism = 2")})
    p = stlint("check", "jobs", "--format", "sarif", *STRUCT, cwd=tmp_path)
    doc = json.loads(p.stdout)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(doc, _sarif_schema_subset())
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    rules = driver["rules"]
    from stlint.checks import all_rules

    registered = all_rules()
    assert {r["id"] for r in rules} >= set(registered)
    dk = next(r for r in rules if r["id"] == "duplicate-key")
    assert dk["shortDescription"]["text"] == registered["duplicate-key"].summary
    assert "Bad:" in dk["help"]["text"] and dk["defaultConfiguration"]["level"] == "warning"
    assert next(r for r in rules if r["id"] == "section-order")["defaultConfiguration"]["level"] == "note"
    res = run["results"]
    for r in res:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    got = sorted((r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                  tuple(r["locations"][0]["physicalLocation"]["region"].values())) for r in res)
    assert got == [
        ("duplicate-key", "warning", "jobs/dup.conf", (4, 3, 4, 14)),
        ("duplicate-key", "warning", "jobs/twice.conf", (4, 3, 4, 14)),
        ("duplicate-key", "warning", "jobs/twice.conf", (5, 3, 5, 14)),
        ("section-order", "note", "jobs/order.conf", (4, 1, 4, 4)),
        ("syntax-error", "error", "jobs/broken.conf", (10, 1, 10, 1)),
    ]
    fps = [r["partialFingerprints"]["stlint/v1"] for r in res]
    assert len(set(fps)) == len(fps)  # same rule + same line text twice: told apart by occurrence
    again = json.loads(stlint("check", "jobs", "--format", "sarif", *STRUCT, cwd=tmp_path).stdout)
    assert [r["partialFingerprints"] for r in again["runs"][0]["results"]] == [r["partialFingerprints"] for r in res]
    # moving the finding to another line keeps its fingerprint (the line text is hashed, not the number)
    (tmp_path / "jobs/dup.conf").write_text("\n\n" + DUPLICATE)
    moved = json.loads(stlint("check", "jobs", "--format", "sarif", *STRUCT, cwd=tmp_path).stdout)
    r0 = next(r for r in moved["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
              == "jobs/dup.conf")
    assert r0["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert r0["partialFingerprints"] == res[[r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                                             for r in res].index("jobs/dup.conf")]["partialFingerprints"]


def test_report_format(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "order.conf": ORDER, "broken.conf": BROKEN})
    p = stlint("check", ".", "--format", "report", *STRUCT, cwd=tmp_path)
    doc = json.loads(p.stdout)
    files = {f["path"]: f for f in doc["files"]}
    # issue 16: each job's pipeline (nodes, edges) rides along as `graph`
    assert set(files["dup.conf"]) == {"path", "errors", "warnings", "todo_items", "patch_suggestion", "graph"}
    assert [n["id"] for n in files["dup.conf"]["graph"]["nodes"]] == ["source0", "sink0"]
    assert files["dup.conf"]["warnings"] == [{"name": "duplicate-key", "code": "ST002", "line": 4, "column": 3,
                                              "message": "`parallelism` is set again here; the value at 3:3 is ignored"}]
    assert files["order.conf"]["todo_items"][0]["name"] == "section-order"
    assert files["broken.conf"]["errors"][0]["name"] == "syntax-error"
    assert all(f["patch_suggestion"] == "" for f in files.values())


def test_progress_on_stderr_only_when_it_is_a_tty(stlint, tmp_path):
    write(tmp_path, {f"jobs/{i:03d}.conf": DUPLICATE for i in range(60)})
    master, slave = pty.openpty()
    e = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    e.update(PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(tmp_path / "cache"))
    p = subprocess.Popen([sys.executable, "-m", "stlint", "check", "jobs", "--format", "json"], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=slave, env=e)
    os.close(slave)
    err = b""
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        err += b
    out, _ = p.communicate(timeout=120)
    os.close(master)
    assert b"\rstlint: 60/60 files" in err and err.endswith(b"\r\x1b[K")
    assert len(json.loads(out)["files"]) == 60  # stdout untouched
    piped = stlint("check", "jobs", "--format", "json", "--no-cache", cwd=tmp_path)
    assert piped.stderr == ""


# a key and a file name that try to start a workflow command and colour / clear the terminal
_EVIL_KEY = '"evil\\n::error file=x.conf,line=1::pwned\\u001b[31mred\\u202e"'
_EVIL_NAME = "bad\n::error file=y::inj\x1b[2J.conf"


def _evil_files(tmp_path):
    text = ('env {\n  job.mode = "BATCH"\n  ' + _EVIL_KEY + ' = 1\n}\n'
            'source { FakeSource { plugin_output = "a" } }\nsink { Console { plugin_input = "a" } }\n')
    (tmp_path / _EVIL_NAME).write_text(text, encoding="utf-8")


def test_github_cannot_be_injected_by_file_names_or_keys(stlint, tmp_path):
    _evil_files(tmp_path)
    p = stlint("check", ".", "--format", "github", "--select", "unknown-env-option", cwd=tmp_path)
    lines = p.stdout.splitlines()
    assert len(lines) == 1, lines  # one annotation: no line starts a second command
    [ln] = lines
    assert ln.startswith("::warning file=bad%0A%3A%3Aerror file=y%3A%3Ainj\\x1b[2J.conf,line=3,col=3,")
    assert "::`evil%0A::error file=x.conf,line=1::pwned\\x1b[31mred\\u202e` is not an env option" in ln
    assert "\x1b" not in p.stdout and "\u202e" not in p.stdout and "\r" not in p.stdout


def test_text_shows_control_characters_as_escapes(stlint, tmp_path):
    _evil_files(tmp_path)
    p = stlint("check", ".", "--select", "unknown-env-option", cwd=tmp_path)
    assert "\x1b" not in p.stdout and "\u202e" not in p.stdout
    lines = p.stdout.splitlines()
    assert lines[0].startswith("bad\\n::error file=y::inj\\x1b[2J.conf:3:3: warning unknown-env-option "
                               "`evil\\n::error file=x.conf,line=1::pwned\\x1b[31mred\\u202e` is not an env option")
    assert not any(ln.startswith("::") for ln in lines)


def test_text_code_frame_escapes_raw_control_characters(stlint, tmp_path):
    # a raw ESC and a raw bidi override inside a quoted value: the frame shows escapes and the
    # caret still sits under the finding
    write(tmp_path, {"job.conf": 'env {\n  job.mode = "BATCH"\n  a\x1bb = "x\u202ey"\n}\n'
                                 'source { FakeSource { plugin_output = "a" } }\nsink { Console { plugin_input = "a" } }\n'})
    p = stlint("check", "job.conf", "--select", "unknown-env-option", cwd=tmp_path)
    lines = p.stdout.splitlines()
    i = lines.index('3 |   a\\x1bb = "x\\u202ey"')
    assert lines[i + 1] == "  |   ^^^^^^"
    assert "\x1b" not in p.stdout and "\u202e" not in p.stdout
