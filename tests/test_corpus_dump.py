"""stlint's seatunnel flavour against SeaTunnel's own parser on 781 real job configs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from testpaths import CORPUS, corpus_rows, require_shared
from stlint.hocon import load_file, to_json

ROWS = corpus_rows()
# No file needs an allow-list entry: all 781 agree exactly (key order included).
ALLOW: dict[str, str] = {}


def test_corpus_present():
    require_shared()
    assert len(ROWS) == 781


@pytest.mark.parametrize("row", ROWS, ids=[r["file"].split("/", 1)[1] for r in ROWS])
def test_dump_matches_seatunnel(row):
    if row["file"] in ALLOW:
        pytest.skip(ALLOW[row["file"]])
    doc = load_file(CORPUS / row["file"], "seatunnel")
    ok = doc.ok and doc.resolved is not None
    assert ok == row["ok"], [d.message for d in doc.diagnostics]
    if ok:
        # order-sensitive comparison: SeaTunnel keeps keys in file order
        assert json.dumps(to_json(doc.resolved)) == json.dumps(row["json"])


def test_cli_dump_subprocess_matches():
    """The real CLI, on a file with unresolved substitutions and one without."""
    require_shared()
    picked = [r for r in ROWS if r["unresolved"]][:1] + [r for r in ROWS if r["file"].endswith(".json")][:1]
    assert len(picked) == 2
    for row in picked:
        out = subprocess.run([sys.executable, "-m", "stlint", "dump", str(CORPUS / row["file"])],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert json.dumps(json.loads(out.stdout)) == json.dumps(row["json"])
