"""A real editor client: headless Neovim 0.7 attaches stlint, reads diagnostics and completion,
applies a quick fix, shows a hover with the option's description and asks for the catalog version;
on a second, messy file it applies a did-you-mean code action and formats the document
(``vim.lsp.buf.format``, ``formatting_sync`` on 0.7). CI: ``apt-get install -y neovim``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lsphelp import REPO, SERVER

HERE = Path(__file__).resolve().parent
JOB = "env {\n  parallelism = 1\n}\nsource { FakeSource {} }\nsinks {\n  Con\n}\n"
# tabs, 4/8-space indents, `a=1`, trailing whitespace, blank lines, and a misspelt `query`
MESSY = ('env{\n\tparallelism=1   \njob.mode = "BATCH"\n}\n\n\n\nsource {\n    Jdbc {\n'
         '  url = "jdbc:mysql://db:3306/shop"\n\tdriver = "com.mysql.cj.jdbc.Driver"\n'
         '        queyr = "select id from t"\n    }\n}\nsink { Console {} }\n')


@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim not installed (apt-get install -y neovim)")
def test_neovim_diagnostics_completion_quickfix(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)
    messy = tmp_path / "messy.conf"
    messy.write_text(MESSY)
    env = dict(os.environ, STLINT_CMD="\t".join(SERVER), STLINT_FILE=str(f), STLINT_FILE2=str(messy),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {HERE / 'nvim_check.lua'}"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90)
    out = r.stdout.splitlines()
    assert "RESULT OK" in out, r.stdout + r.stderr
    assert "DIAG 4:0-4:5 unknown-section stlint" in out
    comp = next(l for l in out if l.startswith("COMPLETION ")).split(" ", 1)[1].split(",")
    assert "Console" in comp and "Jdbc" in comp  # sink plugins, once the section name is fixed
    assert "ACTION stlint (unknown-section): rename to `sink` (unsafe)" in out
    assert "ACTION stlint (unknown-section): disable for this line" in out
    assert "TEXT env {|  parallelism = 1|}|source { FakeSource {} }|sink {|  Con|}" in out
    assert not any(l.startswith("AFTER") and "unknown-section" in l for l in out)
    hover = next(l for l in out if l.startswith("HOVER "))
    assert "parallelism" in hover and "When parallelism is not specified in connector" in hover, hover
    assert "VERSION 2.3.13 default" in out
    # the did-you-mean code action on the messy file, then "format document" (exact text, idempotent)
    assert "DYM `queyr` is not a known option of source.Jdbc; did you mean `query`?" in out
    # one candidate: the did-you-mean is the rule's own fix (no second "replace with" action for
    # the same text, tests/lsp/test_editor_second_pass.py::test_no_second_action_for_what_the_rule_fix_writes)
    assert [l for l in out if l.startswith("ACTION2 ")] == ["ACTION2 stlint (unknown-option): rename to `query` (unsafe)",
                                                            "ACTION2 stlint (unknown-option): disable for this line"]
    assert "CHOSEN stlint (unknown-option): rename to `query` (unsafe)" in out
    assert "FIXED " + MESSY.replace("queyr", "query").rstrip("\n").replace("\n", "|") in out
    tidy = ['env {', '  parallelism = 1', '  job.mode = "BATCH"', '}', '', 'source {', '  Jdbc {',
            '    url = "jdbc:mysql://db:3306/shop"', '    driver = "com.mysql.cj.jdbc.Driver"',
            '    query = "select id from t"', '  }', '}', 'sink { Console {} }']
    assert "FORMATTED " + "|".join(tidy) in out
    assert "FORMATTED2 " + "|".join(tidy) in out
