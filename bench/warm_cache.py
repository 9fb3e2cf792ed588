"""Warm re-run of `stlint check` on a large generated repository (the result cache's job).

Generates N small job files (100 per directory; every 50th has a duplicate-key warning) in a
temporary directory, runs `stlint check DIR -q` once cold (``--jobs 2``, fills the cache) and
then --repeat times warm, and prints wall-clock and CPU (user+sys of the child) seconds of each
warm run. Files are created more than 2 s before the warm runs so their stat is recorded (files
modified within 2 s are "racily clean" and always re-read).

    python bench/warm_cache.py [--files 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CLEAN = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "fake"\n    row.num = %d\n'
         '    schema = { fields { id = "int" } }\n  }\n}\nsink {\n  Console {\n    plugin_input = "fake"\n  }\n}\n')
DUP = ('env {\n  job.mode = "BATCH"\n  parallelism = 1\n  parallelism = %d\n}\nsource {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n'
       'sink {\n  Console {}\n}\n')


def run(args, env) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "stlint", *args], env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        for i in range(a.files):
            d = repo / f"d{i // 100:04d}"
            if i % 100 == 0:
                d.mkdir(parents=True)
            (d / f"job{i % 100:02d}.conf").write_text((DUP if i % 50 == 0 else CLEAN) % i)
        env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        wall, cpu, rc = run(["check", str(repo), "-q", "--jobs", "2"], env)
        print(f"{a.files} files, cold (--jobs 2): {wall:.2f} s wall, {cpu:.2f} s CPU, exit {rc}")
        time.sleep(2.1)
        for _ in range(a.repeat):
            wall, cpu, rc = run(["check", str(repo), "-q"], env)
            print(f"warm: {wall:.2f} s wall, {cpu:.2f} s CPU, exit {rc}")


if __name__ == "__main__":
    main()
