"""`stlint check` on the whole shared corpus, beside pyhocon's parse-only time, in one run.

1. in-process: every corpus file through ``stlint.engine.lint_source`` (parse + model + job + all
   registered rules + suppressions), against ``pyhocon.ConfigFactory.parse_string`` (parse only,
   no positions, no checks) on the same bytes; best of --repeat runs each; the ratio (goal <= 1/10).
2. the real CLI (subprocess): ``stlint check <corpus> --jobs 2`` with a cold and then a warm cache.
3. cold start: ``stlint check one.conf`` as a fresh process, median of --starts runs, with the
   result cache warm (the usual editor/pre-commit case) and with ``--no-cache``. This checkout,
   bytecode as found; ``bench/cold_start.py`` times the installed entry points with compiled
   bytecode, wall and CPU, against the interpreter's own start.

The console script is run as setuptools' generated ``stlint`` script does it (``from stlint.cli
import main; sys.exit(main())``) but pinned to this checkout, so an older installed copy or a pyenv
shim does not take part in the timing.

    python bench/check_corpus.py [--repeat 3] [--starts 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
SUFFIXES = (".conf", ".hocon", ".conf.template", ".config.template", ".json")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES)
                  and p.name != "expected-seatunnel.jsonl")


def best_of(fn, repeat: int, clock=time.perf_counter) -> tuple[float, object]:
    best, out = None, None
    for _ in range(repeat):
        t = clock()
        out = fn()
        dt = clock() - t
        best = dt if best is None else min(best, dt)
    return best, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="in-process runs per tool; the best is reported")
    ap.add_argument("--starts", type=int, default=15, help="cold-start runs (median reported), at least 10")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    files = corpus_files()
    texts = [(str(p), p.read_bytes()) for p in files]
    nbytes = sum(len(b) for _, b in texts)

    from stlint.checks import all_rules
    from stlint.config import Settings
    from stlint.engine import lint_source
    from stlint.source import Source

    settings = Settings()

    def run_stlint() -> int:
        n = 0
        for path, data in texts:
            n += len(lint_source(Source.from_bytes(data, path), settings).diagnostics)
        return n

    from _pyhocon import make_pyhocon_runner

    run_pyhocon = make_pyhocon_runner(texts)

    run_stlint()  # warm imports and the catalog
    t_st, n_diags = best_of(run_stlint, args.repeat)
    c_st, _ = best_of(run_stlint, args.repeat, time.process_time)
    t_py, n_py_err = best_of(run_pyhocon, args.repeat)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print(f"corpus: {len(files)} files, {nbytes / 1e6:.2f} MB, {len(all_rules())} rules registered")
    print("\n1. in-process, one process (best of %d)" % args.repeat)
    print(f"   stlint check (parse + all rules) {t_st:7.3f} s  ({t_st / len(files) * 1000:.2f} ms/file, "
          f"{n_diags} findings; CPU {c_st:.3f} s)")
    print(f"   pyhocon parse only               {t_py:7.3f} s  ({t_py / len(files) * 1000:.2f} ms/file, "
          f"{n_py_err} files it cannot parse)")
    r = t_st / t_py
    print(f"   ratio stlint check / pyhocon parse: {r:.3f} (1/{1 / r:.1f}; goal <= 1/10)")

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "stlint"
        script.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom stlint.cli import main\n"
                          "sys.exit(main())\n")
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        env.pop("PYTHONPATH", None)

        def cli(*a: str) -> float:
            t = time.perf_counter()
            p = subprocess.run([sys.executable, str(script), *a], env=env, cwd=tmp, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
            dt = time.perf_counter() - t
            if p.returncode not in (0, 1):
                sys.exit(f"stlint {' '.join(a)} failed ({p.returncode}): {p.stderr}")
            return dt

        print("\n2. CLI over the corpus (subprocess, --format json)")
        for jobs in ("1", "2"):
            cold = cli("check", str(CORPUS), "--format", "json", "--jobs", jobs, "--no-cache")
            print(f"   --jobs {jobs} --no-cache      {cold:7.3f} s")
        cli("check", str(CORPUS), "--format", "json", "--jobs", "2")  # fills the cache
        warm = statistics.median(cli("check", str(CORPUS), "--format", "json", "--jobs", "2") for _ in range(3))
        print(f"   --jobs 2, warm cache     {warm:7.3f} s  (median of 3)")

        one = Path(tmp) / "one.conf"
        one.write_bytes((ROOT / "examples" / "mysql-to-doris.conf").read_bytes())
        n = max(10, args.starts)
        baseline = statistics.median(
            _time([sys.executable, "-c", "pass"], env) for _ in range(n))
        cli("check", str(one))  # fills the cache
        warm1 = statistics.median(cli("check", str(one)) for _ in range(n))
        cold1 = statistics.median(cli("check", str(one), "--no-cache") for _ in range(n))
        print(f"\n3. cold start `stlint check one.conf` (fresh process, median of {n})")
        print(f"   python -c pass (interpreter alone) {baseline * 1000:6.0f} ms")
        print(f"   warm result cache                  {warm1 * 1000:6.0f} ms")
        print(f"   --no-cache (parse + all rules)     {cold1 * 1000:6.0f} ms")
    return 0


def _time(cmd, env) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


if __name__ == "__main__":
    raise SystemExit(main())
