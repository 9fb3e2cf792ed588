"""Catalog load time per shipped version (run by hand, never asserted in tests).

    python bench/catalog_load.py [--repeat 20]

For each version in rules/catalog/index.json: the minimum and the median of N fresh loads of
`load_catalog(version)` (JSON parse + Catalog construction, what a cold `stlint check` pays once per
version) with the median CPU time of a load, and the median time to build every plugin spec
afterwards (lazy, on first `find`).  On a shared machine the minimum and the CPU time are the
meaningful numbers (the wall-clock median includes waiting for a core).
Also prints the file sizes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import stlint.catalog as C  # noqa: E402
from stlint.catalog.resources import catalog_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    for v in C.available_versions():  # warm-up: the first big load also pays for fresh memory pages
        C.load_catalog(v)
    for v in C.available_versions():
        loads, builds, cpu = [], [], []
        for _ in range(a.repeat):
            C._CACHE.clear()
            c0 = time.process_time()
            t0 = time.perf_counter()
            cat = C.load_catalog(v)
            t1 = time.perf_counter()
            cpu.append(time.process_time() - c0)
            for kind in ("source", "transform", "sink"):
                for n in cat.names(kind):
                    cat.find(kind, n)
            t2 = time.perf_counter()
            loads.append(t1 - t0)
            builds.append(t2 - t1)
        entry = next(e for e in C._index()["versions"] if e["id"] == v)
        size = os.path.getsize(catalog_dir() / entry["file"])
        print(f"{v:12s} load min {min(loads) * 1000:6.2f} ms, median {statistics.median(loads) * 1000:6.2f} ms"
              f" (CPU median {statistics.median(cpu) * 1000:6.2f} ms)"
              f"   all plugin specs {statistics.median(builds) * 1000:6.2f} ms"
              f"   {size / 1024:7.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
