"""Version selection through the real CLI (subprocess): `--seatunnel-version`, `[tool.stlint]` /
`.stlint.toml`, prefixes (`2.3` -> newest 2.3.x) and unknown versions (exit 2, the list of versions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AVAILABLE = "available: 2.3.13, 2.3.12, 2.3.11, 2.3.10, 2.3.9, 2.3.8"
# Jdbc source with `user`: 2.3.11 declares `user` (JdbcOptions.java:53 at ba7f5c9e3); from 2.3.12 it is the
# fallback key of `username` (JdbcCommonOptions.java:66-70 at 1bc4fbaaa), which stlint reports as deprecated
JOB = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  Jdbc {\n    url = "jdbc:mysql://h/db"\n    driver = "com.mysql.cj.jdbc.Driver"\n'
       '    user = "u"\n    query = "select 1"\n  }\n}\nsink {\n  Console {}\n}\n')


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1", XDG_CACHE_HOME=str(cwd / ".cache"))
    return subprocess.run([sys.executable, "-m", "stlint", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def deprecated_user(out: str) -> bool:
    doc = json.loads(out)
    return any(d["name"] == "deprecated-option" and d.get("option") == "user"
               for f in doc["files"] for d in f["diagnostics"])


@pytest.mark.parametrize("flag, deprecated", [(None, True), ("2.3.12", True), ("2.3", True), ("2.3.11", False),
                                              ("2.3.8", False)])
def test_cli_flag_selects_the_catalog(tmp_path, flag, deprecated):
    (tmp_path / "job.conf").write_text(JOB)
    args = ["check", "job.conf", "--format", "json", "--exit-zero", "--no-cache"]
    if flag:
        args += ["--seatunnel-version", flag]
    p = run(tmp_path, *args)
    assert p.returncode == 0, p.stderr
    assert deprecated_user(p.stdout) is deprecated


@pytest.mark.parametrize("bad", ["2.3.10-dev", "2.3.9-dev", "2.4", "3.0.0", "latest"])
def test_cli_unknown_version_is_exit_2_with_the_list(tmp_path, bad):
    (tmp_path / "job.conf").write_text(JOB)
    p = run(tmp_path, "check", "job.conf", "--seatunnel-version", bad)
    assert p.returncode == 2
    assert f"--seatunnel-version: no catalog for SeaTunnel version '{bad}'; {AVAILABLE}" in p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""


def test_config_file_version_prefix_and_unknown(tmp_path):
    (tmp_path / "job.conf").write_text(JOB)
    (tmp_path / "pyproject.toml").write_text('[tool.stlint]\nseatunnel-version = "2.3.11"\n')
    p = run(tmp_path, "check", "job.conf", "--format", "json", "--exit-zero", "--no-cache")
    assert p.returncode == 0 and deprecated_user(p.stdout) is False
    (tmp_path / "pyproject.toml").write_text('[tool.stlint]\nseatunnel-version = "2.3"\n')
    p = run(tmp_path, "check", "job.conf", "--format", "json", "--exit-zero", "--no-cache")
    assert p.returncode == 0 and deprecated_user(p.stdout) is True
    (tmp_path / "pyproject.toml").write_text('[tool.stlint]\nseatunnel-version = "2.3.10-dev"\n')
    p = run(tmp_path, "check", "job.conf")
    assert p.returncode == 2
    assert f"pyproject.toml: `tool.stlint.seatunnel-version`: no catalog for SeaTunnel version '2.3.10-dev'; {AVAILABLE}" in p.stderr


def test_option_not_in_version_only_for_keys_the_release_does_not_declare():
    """2.3.10's Hive sink neither declares nor reads `overwrite` (the sink gains it in 2.3.12), but another
    class of the 2.3.10 tree declares an option `overwrite`.  So for 2.3.10 it is only an unknown option
    (warning), never "2.3.10 ignores it" (the tree declares the key; stlint cannot prove no code path reads it).
    `plugin_input` is declared nowhere in 2.3.8: that stays an error."""
    from stlint.catalog import load_catalog
    from stlint.config import Settings
    from stlint.engine import lint_text

    assert "overwrite" in load_catalog("2.3.10").tree_option_keys
    assert load_catalog("2.3.10").find("sink", "Hive").option("overwrite") is None
    assert load_catalog("2.3.12").find("sink", "Hive").option("overwrite") is not None
    text = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource { plugin_output = "a", schema = { fields { id = "int" } } }\n}\n'
            'sink {\n  Hive {\n    plugin_input = "a"\n    table_name = "db.t"\n    metastore_uri = "thrift://h:9083"\n'
            '    overwrite = true\n  }\n}\n')
    rules = ["option-not-in-version", "unknown-option"]
    got = [(d.name, d.option) for d in lint_text(text, None, Settings(select=rules, seatunnel_version="2.3.10")).diagnostics]
    assert got == [("unknown-option", "overwrite")]
    got = [(d.name, d.option) for d in lint_text(text, None, Settings(select=rules, seatunnel_version="2.3.8")).diagnostics]
    assert ("option-not-in-version", "plugin_input") in got and "plugin_input" not in load_catalog("2.3.8").tree_option_keys
