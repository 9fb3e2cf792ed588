"""A real editor client: headless Neovim 0.7 attaches stlint, reads diagnostics and completion,
applies a quick fix, shows a hover with the option's description and asks for the catalog version. CI: ``apt-get install -y neovim``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lsphelp import REPO, SERVER

HERE = Path(__file__).resolve().parent
JOB = "env {\n  parallelism = 1\n}\nsource { FakeSource {} }\nsinks {\n  Con\n}\n"


@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim not installed (apt-get install -y neovim)")
def test_neovim_diagnostics_completion_quickfix(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)
    env = dict(os.environ, STLINT_CMD="\t".join(SERVER), STLINT_FILE=str(f),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {HERE / 'nvim_check.lua'}"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90)
    out = r.stdout.splitlines()
    assert "RESULT OK" in out, r.stdout + r.stderr
    assert "DIAG 4:0-4:5 unknown-section stlint" in out
    comp = next(l for l in out if l.startswith("COMPLETION ")).split(" ", 1)[1].split(",")
    assert "Console" in comp and "Jdbc" in comp  # sink plugins, once the section name is fixed
    assert "ACTION rename to `sink` (unsafe)" in out
    assert "ACTION Disable unknown-section for this line" in out
    assert "TEXT env {|  parallelism = 1|}|source { FakeSource {} }|sink {|  Con|}" in out
    assert not any(l.startswith("AFTER") and "unknown-section" in l for l in out)
    hover = next(l for l in out if l.startswith("HOVER "))
    assert "parallelism" in hover and "When parallelism is not specified in connector" in hover, hover
    assert "VERSION 2.3.13 default" in out
