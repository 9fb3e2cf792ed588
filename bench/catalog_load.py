"""Load time of each shipped connector catalog (target: < 10 ms per version), and the package size
the catalogs add.

Each sample is a fresh process-level cache (`stlint.catalog._CACHE` cleared): read + gunzip + JSON
decode of `rules/catalog/<version>.json.gz`, the `Catalog` object, and one lookup
(`find("sink", "Jdbc").option("url")`, which builds that plugin's spec).  The overlay and the
index are read once per process (they are shared by all versions) and measured separately.

    python bench/catalog_load.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    import stlint.catalog as sc
    from stlint.catalog.resources import catalog_dir

    t = time.perf_counter()
    versions = sc.available_versions()
    sc._load_overlay()
    first = (time.perf_counter() - t) * 1000
    print(f"# Python {platform.python_version()} on {platform.machine()}, {args.repeat} samples per version")
    print(f"index + overlay (once per process): {first:.1f} ms")
    print("wall: elapsed time (inflated on a busy machine); cpu: this process's CPU time")
    print(f"{'version':8s} {'median ms':>9s} {'min ms':>7s} {'cpu med':>7s} {'gz KB':>7s} {'json KB':>8s} {'plugins':>8s} {'options':>8s}")
    total_gz = total_raw = 0
    for v in versions:
        samples, cpu = [], []
        cat = None
        for _ in range(args.repeat):
            # free the previous sample's catalog before the clock starts: rebinding `cat` inside
            # the timed region would bill this load for tearing down ~100k objects of the last
            # one (a cold `stlint check` loads one catalog and never frees it)
            sc._CACHE.clear()
            cat = None
            t, c = time.perf_counter(), time.process_time()
            cat = sc.load_catalog(v)
            cat.find("sink", "Jdbc").option("url")
            samples.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        f = catalog_dir() / f"{v}.json.gz"
        gz = f.stat().st_size
        raw = len(gzip.decompress(f.read_bytes()))
        total_gz += gz
        total_raw += raw
        data = sc._read_catalog_json(f)
        plugins = [p for p in data["plugins"] if p["kind"] in ("source", "transform", "sink")]
        n_opts = sum(len(p["options"]) for p in plugins)
        print(f"{v:8s} {statistics.median(samples):9.2f} {min(samples):7.2f} {statistics.median(cpu):7.2f} {gz / 1024:7.1f} {raw / 1024:8.1f} "
              f"{len(plugins):8d} {n_opts:8d}")
    extra = sum(p.stat().st_size for p in catalog_dir().iterdir() if not p.name.endswith(".json.gz"))
    # the descriptions (hover, completion, docs only; read on first use, never by a check)
    desc = [p for p in catalog_dir().iterdir() if p.name.endswith(".descriptions.json.gz")]
    desc_gz = sum(p.stat().st_size for p in desc)
    desc_raw = sum(len(gzip.decompress(p.read_bytes())) for p in desc)
    print(f"package size of rules/catalog: {(total_gz + desc_gz + extra) / 1024:.0f} KB "
          f"({total_gz / 1024:.0f} KB gzip catalogs = {total_raw / 1024:.0f} KB of JSON, "
          f"{desc_gz / 1024:.0f} KB gzip descriptions = {desc_raw / 1024:.0f} KB of JSON, {extra / 1024:.0f} KB reports/index/README)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
