"""The language server's modules form layers: ``convert``/``handlers`` and the feature modules
never import ``server`` (it imports them), so there is no import cycle."""

from __future__ import annotations

import os
import subprocess
import sys

from lsphelp import REPO

FEATURES = ("convert", "handlers", "context", "snippets", "releases", "completion", "hover", "actions", "navigation",
            "jsonrpc")


def test_feature_modules_do_not_import_the_server():
    code = ("import sys\n"
            + "".join(f"import stlint.lsp.{m}\n" for m in FEATURES)
            + "assert 'stlint.lsp.server' not in sys.modules, sorted(m for m in sys.modules if m.startswith('stlint.lsp'))\n"
            + "import stlint.lsp.server\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert r.returncode == 0, r.stderr


def test_no_feature_module_mentions_the_server_module():
    for m in FEATURES:
        text = (REPO / "stlint" / "lsp" / f"{m}.py").read_text(encoding="utf-8")
        assert "stlint.lsp.server" not in text, m
