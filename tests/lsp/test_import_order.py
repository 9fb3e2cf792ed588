"""The server imports the packages its two threads share before it serves (no import deadlock).

The event loop (``stlint/catalogVersion``, hover, completion) and the analysis thread (lints) both
import ``stlint.catalog`` and the rule families lazily. A family imports ``stlint.catalog.model``
directly (the submodule's import lock, then the package's) while the loop imports ``stlint.catalog``
(the package's lock, then the submodule's): when both happen first at the same moment Python raises
``_DeadlockError`` in one of them (seen once in four runs of test_nav_tags_version's catalog
version test). So ``build_server`` imports them on the starting thread: after it, a lint, the
catalog version answer, a hover and a completion import no further module of these packages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent('''
    import json, sys
    from stlint.lsp.server import build_server
    ls = build_server()
    PKGS = ("stlint.catalog", "stlint.checks")
    before = {m for m in sys.modules if m.startswith(PKGS)}
    from stlint.engine import lint_text
    from stlint.catalog import available_versions, load_catalog
    text = 'env {\\n  job.mode = "BATCH"\\n}\\nsource {\\n  FakeSource {\\n    plugin_output = "t"\\n'
    text += '    schema = { fields { id = "int" } }\\n  }\\n}\\nsink {\\n  Console { plugin_input = "t" }\\n}\\n'
    res = lint_text(text, "job.conf")
    load_catalog(available_versions()[0])
    after = {m for m in sys.modules if m.startswith(PKGS)}
    print(json.dumps({"new": sorted(after - before), "before": sorted(before)}))
''')


def test_build_server_imports_what_both_threads_import():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert "stlint.catalog.model" in got["before"] and "stlint.checks.plugins" in got["before"], got
    # a submodule imported only later (e.g. the descriptions, on hover) is fine: its package is complete
    shared = [m for m in got["new"] if m.count(".") == 1 or m in ("stlint.catalog.model", "stlint.checks.plugins")]
    assert shared == [], got["new"]
