"""Cold start of `stlint check one.conf`: what it imports (the architecture, never the time).

A fresh interpreter runs ``stlint.cli.main(["check", ...])`` and reports the modules that the run
added to ``sys.modules`` (whatever the interpreter's ``site`` imported before is not counted: an
environment's ``.pth`` files are not stlint's doing). Modules that only other subcommands, other
output formats, Sql transforms or a config file need must stay out, so that a later eager import
fails here instead of slowing every start silently. The times themselves are measured by hand with
``bench/cold_start.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import json, sys
sys.path.insert(0, {root!r})
before = set(sys.modules)
from stlint.cli import main
code = main(sys.argv[1:])
with open({out!r}, "w") as f:
    json.dump({{"code": code, "added": sorted(set(sys.modules) - before)}}, f)
"""

# needed by no `stlint check` of a job without a Sql transform, in text format, without a config file
NEVER = {
    # other subcommands and front ends
    "stlint.catalog.cli", "stlint.catalog.extract", "stlint.catalog.overlay", "stlint.graph_cli",
    "stlint.graphview", "stlint.format_cli", "stlint.formatter", "stlint.lsp", "stlint.docs", "stlint.fixes",
    "pygls", "lsprotocol", "cattrs", "attrs", "logging", "asyncio",
    # Sql transforms only
    "stlint.sqlcheck", "sqlglot",
    # build-time only
    "pydantic", "yaml", "lark",
    # standard modules with a noticeable import cost that one check does not need
    "subprocess", "hashlib", "_hashlib", "shutil", "gzip", "difflib", "unicodedata", "threading", "zipfile",
    "importlib.resources", "importlib.metadata", "tomllib", "multiprocessing", "concurrent.futures",
    "email", "socket", "tempfile", "textwrap",
    "dataclasses", "inspect",  # the check path's records use stlint._records
}
# with a warm result cache nothing is parsed or checked
NEVER_WARM = NEVER | {"stlint.parser", "stlint.hocon", "stlint.engine", "stlint.checks", "stlint.catalog",
                      "stlint.job", "stlint.rowtypes", "stlint.redact"}


def _added(tmp_path: Path, *args: str, cache: Path | None = None) -> set[str]:
    out = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STLINT")}
    env["XDG_CACHE_HOME"] = str(cache or tmp_path / "cache")
    r = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT), out=str(out)), *args],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["code"] in (0, 1), (data, r.stdout, r.stderr)
    return set(data["added"])


def _offending(added: set[str], never: set[str]) -> list[str]:
    return sorted(m for m in added if m in never or m.split(".")[0] in never
                  or any(m.startswith(n + ".") for n in never))


@pytest.fixture()
def job(tmp_path: Path) -> Path:
    assert not any((p / "pyproject.toml").exists() or (p / ".stlint.toml").exists()
                   for p in [tmp_path, *tmp_path.parents]), "a config file above the temporary directory"
    p = tmp_path / "job" / "one.conf"
    p.parent.mkdir()
    shutil.copyfile(ROOT / "examples" / "kafka-streaming.conf", p)
    return p


def test_check_one_file_imports_only_what_it_needs(tmp_path, job):
    added = _added(tmp_path, "check", "--no-cache", str(job))
    assert "stlint.engine" in added and "stlint.checks.plugins" in added  # it did check the file
    assert _offending(added, NEVER) == []


def test_findings_in_text_format_import_nothing_more(tmp_path, job):
    bad = job.with_name("bad.conf")
    # findings with a code frame: a misspelt option and a non-ASCII value
    bad.write_text(job.read_text().replace("topic =", 'topik = "\u00e9v\u00e9nements"\n    topic ='))
    added = _added(tmp_path, "check", "--no-cache", str(bad))
    assert "stlint.suggest" in added  # it did find the misspelling; "did you mean" ranks with difflib
    assert _offending(added, NEVER - {"difflib"}) == []


def test_default_command_is_as_light(tmp_path, job):
    assert _offending(_added(tmp_path, "--no-cache", str(job)), NEVER) == []


def test_warm_cache_run_imports_neither_parser_nor_rules(tmp_path, job):
    cache = tmp_path / "cache"
    first = _added(tmp_path, "check", str(job), cache=cache)
    assert _offending(first, NEVER) == []
    second = _added(tmp_path, "check", str(job), cache=cache)
    assert "stlint.cache" in second
    assert _offending(second, NEVER_WARM) == []


def test_a_sql_transform_imports_sqlglot_only_then(tmp_path):
    job = tmp_path / "sql.conf"
    shutil.copyfile(ROOT / "examples" / "mysql-to-doris.conf", job)
    added = _added(tmp_path, "check", "--no-cache", str(job))
    assert "sqlglot" in added and "stlint.sqlcheck" in added
    sqlglots_own = {"logging", "importlib.metadata", "email", "socket", "textwrap", "difflib", "dataclasses",
                    "inspect"}
    assert _offending(added, NEVER - {"stlint.sqlcheck", "sqlglot"} - sqlglots_own) == []


# --- the per-command parser is the full parser's subcommand ----------------------------------


def _subparsers(ap: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(a for a in ap._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_commands_list_matches_the_full_parser():
    from stlint import cli

    assert tuple(_subparsers(cli.build_parser())) == cli.COMMANDS


@pytest.mark.parametrize("command", ["check", "rules", "rule", "dump", "graph", "format", "catalog", "lsp"])
def test_one_command_parser_has_the_same_help_and_arguments(command, monkeypatch):
    from stlint import cli

    monkeypatch.setenv("COLUMNS", "100")
    full = _subparsers(cli.build_parser())[command]
    only = _subparsers(cli.build_parser(command))
    assert command in only and len(only) < len(cli.COMMANDS)
    assert only[command].format_help() == full.format_help()
    # errors such as an unknown option are reported with the top-level usage, which lists every command
    assert cli.build_parser(command).format_usage() == cli.build_parser().format_usage()


def test_help_width_follows_the_terminal_like_shutil(monkeypatch):
    from stlint import cli

    for columns in ("60", "132"):
        monkeypatch.setenv("COLUMNS", columns)
        assert cli._columns() == shutil.get_terminal_size().columns
    monkeypatch.setenv("COLUMNS", "0")
    assert cli._columns() == shutil.get_terminal_size().columns
    monkeypatch.setenv("COLUMNS", "72")
    ours = cli.build_parser("check")
    ours_help = _subparsers(ours)["check"].format_help()
    plain = argparse.ArgumentParser(prog="stlint")
    sub = plain.add_subparsers(dest="command")
    cli._add_check(sub)
    assert ours_help == sub.choices["check"].format_help()
    assert max(len(line) for line in ours_help.splitlines()) <= 72


def test_top_level_help_lists_every_command():
    r = subprocess.run([sys.executable, "-m", "stlint", "--help"], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert r.returncode == 0, r.stderr
    from stlint import cli

    for command in cli.COMMANDS:
        assert command in r.stdout


# --- the collector over a one-shot process (stlint/lifecycle.py) -------------------------------

_PROGRAM = """
import gc, json, sys
sys.path.insert(0, {root!r})
sys.argv = ["stlint", *sys.argv[1:]]
from stlint.cli import main
{call}
with open({out!r}, "w") as f:
    json.dump({{"code": code, "enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}}, f)
"""


def _gc_after(tmp_path: Path, *args: str, call: str = "code = main()") -> dict:
    out = tmp_path / "gc.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STLINT")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    r = subprocess.run([sys.executable, "-c", _PROGRAM.format(root=str(ROOT), out=str(out), call=call), *args],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(out.read_text())


def test_program_check_collects_again_after_the_first_lint(tmp_path, job):
    second = job.with_name("two.conf")
    shutil.copyfile(job, second)
    for args in (["check", "--no-cache", str(job)], [str(job), str(second)],
                 ["check", "--no-cache", "--jobs", "2", str(job.parent)]):
        state = _gc_after(tmp_path, *args)
        assert state["code"] == 0
        assert state["enabled"], args  # paused over start-up only
        assert state["frozen"] > 0  # start-up objects (and at exit the rest) frozen


def test_program_warm_run_lints_nothing_and_never_resumes(tmp_path, job):
    assert _gc_after(tmp_path, "check", str(job))["enabled"]
    state = _gc_after(tmp_path, "check", str(job))  # every file answered by the result cache
    assert state["code"] == 0 and not state["enabled"] and state["frozen"] > 0


def test_fixing_and_other_commands_are_never_paused(tmp_path, job):
    for args in (["check", "--fix", "--no-cache", str(job)], ["check", "--diff", str(job)],
                 ["check", "--format", "report", "--no-cache", str(job)], ["format", "--check", str(job)],
                 ["dump", str(job)]):
        state = _gc_after(tmp_path, *args)
        assert state["enabled"], args
        assert state["frozen"] > 0, args  # frozen for the exit only


def test_main_with_arguments_leaves_the_collector_alone(tmp_path, job):
    state = _gc_after(tmp_path, call=f"code = main(['check', '--no-cache', {str(job)!r}])")
    assert state == {"code": 0, "enabled": True, "frozen": 0}


def test_the_language_server_is_never_paused(tmp_path):
    call = ("import argparse\nfrom stlint import lifecycle, cli\ncode = 0\n"
            "lifecycle.program_start(cli.build_parser('lsp').parse_args(['lsp']))")
    assert _gc_after(tmp_path, call=call) == {"code": 0, "enabled": True, "frozen": 0}
