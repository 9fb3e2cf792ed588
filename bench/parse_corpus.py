"""Parse every file of ../shared/corpus with stlint and with pyhocon, in one run.

stlint: seatunnel flavour, positions, full value model and substitution resolution.
pyhocon: ConfigFactory.parse_string (stock HOCON, no positions), the comparison baseline.

    python bench/parse_corpus.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    rows = [json.loads(line) for line in (CORPUS / "expected-seatunnel.jsonl").open()]
    return [CORPUS / r["file"] for r in rows]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="runs per parser; the best is reported")
    args = ap.parse_args()
    files = corpus_files()
    texts = [(str(p), p.read_bytes()) for p in files]
    nbytes = sum(len(b) for _, b in texts)

    from stlint.hocon import load_source
    from stlint.source import Source

    def run_stlint() -> int:
        errors = 0
        for path, data in texts:
            doc = load_source(Source.from_bytes(data, path), "seatunnel")
            errors += not doc.ok
        return errors

    from _pyhocon import make_pyhocon_runner

    run_pyhocon = make_pyhocon_runner(texts)

    run_stlint()  # warm imports
    results = {}
    for name, fn in (("stlint", run_stlint), ("pyhocon", run_pyhocon)):
        best = cpu = None
        errs = 0
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            errs = fn()
            dt, dc = time.perf_counter() - t, time.process_time() - c
            best = dt if best is None else min(best, dt)
            cpu = dc if cpu is None else min(cpu, dc)
        results[name] = (best, errs, cpu)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {len(files)} files, {nbytes / 1e6:.2f} MB")
    for name, (t, errs, c) in results.items():
        print(f"{name:8s} {t:7.3f} s  ({t / len(files) * 1000:.2f} ms/file, {errs} files with errors; "
              f"CPU {c:.3f} s, steadier on a busy machine)")
    ratio = results["stlint"][0] / results["pyhocon"][0]
    print(f"ratio stlint/pyhocon: {ratio:.3f} (1/{1 / ratio:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
