"""CPU seconds of `stlint check` on the corpus per output format, without and with a warm result
cache (user + sys of the CLI process and its workers: steadier than wall time on a shared
machine). json and report carry each job's pipeline graph (drawn in the lint's own pass and kept
in the cache); text, github and sarif do not draw it, so without a cache json should cost what
text costs. ``--tree DIR`` adds another checkout of stlint (e.g. a `git worktree` of an older
commit), run interleaved with this one, for before/after numbers.

    python bench/check_formats.py [--rounds 3] [--jobs 1] [--tree OTHER_CHECKOUT]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CASES = [("json", ["--format", "json"]), ("report", ["--format", "report"]), ("text", []),
         ("github", ["--format", "github"]), ("sarif", ["--format", "sarif"])]


def cpu(tree: Path, args: list[str], cache: str, jobs: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), XDG_CACHE_HOME=cache)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "stlint", "check", str(CORPUS), "--exit-zero", "--jobs", str(jobs), *args],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir(),
                   check=False)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--tree", type=Path, help="another stlint checkout to compare with (run interleaved)")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    trees = {"this": ROOT} | ({"other": args.tree.resolve()} if args.tree else {})
    with tempfile.TemporaryDirectory() as tmp:
        caches = {name: os.path.join(tmp, name) for name in trees}
        for name, tree in trees.items():  # warm: json and report entries (with the graph), then text
            for a in (["--format", "json"], ["--format", "report"], []):
                cpu(tree, a, caches[name], args.jobs)
        got: dict[tuple[str, str, str], list[float]] = {}
        for _ in range(args.rounds):
            for label, a in CASES:
                for warm in ("--no-cache", "warm"):
                    for name, tree in trees.items():
                        extra = ["--no-cache"] if warm == "--no-cache" else []
                        got.setdefault((label, warm, name), []).append(cpu(tree, a + extra, caches[name], args.jobs))
    print(f"CPU seconds, `stlint check <corpus> --jobs {args.jobs}`, median of {args.rounds}")
    print(f"{'format':8s} {'cache':10s} " + " ".join(f"{n:>8s}" for n in trees))
    for label, _ in CASES:
        for warm in ("--no-cache", "warm"):
            print(f"{label:8s} {warm:10s} " + " ".join(f"{statistics.median(got[(label, warm, n)]):8.2f}"
                                                      for n in trees))
    return 0


if __name__ == "__main__":
    sys.exit(main())
