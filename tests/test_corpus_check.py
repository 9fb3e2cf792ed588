"""`stlint check --format json` over the whole shared corpus (781 real SeaTunnel job configs) against
a checked-in expectation: the number of findings per rule and every error-level finding.

The corpus holds configs that run in SeaTunnel's CI, so each error-level finding is either a negative
test in SeaTunnel or a false positive worth a look. When a rule is added or changed on purpose,
regenerate the expectation and review the diff:

    python tests/test_corpus_check.py --update
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from testpaths import CORPUS, CORPUS_SEATUNNEL_VERSION, REPO, require_shared

EXPECTED = Path(__file__).with_name("corpus_expected_check.json")
COMMAND = ["check", ".", "--format", "json", "--no-cache", "--exit-zero", "--jobs", "2",
           "--seatunnel-version", CORPUS_SEATUNNEL_VERSION]


def run_corpus() -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.run([sys.executable, "-m", "stlint", *COMMAND], cwd=CORPUS, env=env, capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    counts: Counter[str] = Counter()
    errors = []
    for f in doc["files"]:
        for d in f["diagnostics"]:
            counts[d["name"]] += 1
            if d["severity"] == "error":
                st = d["range"]["start"]
                errors.append(f"{f['path']}:{st['line']}:{st['column']}: {d['name']}")
    return {"command": "stlint " + " ".join(COMMAND) + "  (run in ../shared/corpus)",
            "files": doc["summary"]["files"],
            "severities": {k: doc["summary"][k] for k in ("errors", "warnings", "info")},
            "counts": dict(sorted(counts.items())), "errors": sorted(errors)}


def test_corpus_check_matches_expectation():
    require_shared()
    got = run_corpus()
    print("\nfindings per rule on the corpus:")
    for name, n in sorted(got["counts"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:6d}  {name}")
    print(f"  files: {got['files']}, {got['severities']}")
    want = json.loads(EXPECTED.read_text(encoding="utf-8"))
    hint = " (if intended: python tests/test_corpus_check.py --update)"
    assert got["files"] == want["files"], hint
    assert got["counts"] == want["counts"], hint
    assert got["errors"] == want["errors"], hint
    assert got["severities"] == want["severities"], hint


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: python {sys.argv[0]} --update   (rewrites {EXPECTED.name})")
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS}")
    result = run_corpus()
    EXPECTED.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}: {result['files']} files, {sum(result['counts'].values())} findings, "
          f"{len(result['errors'])} errors")
