"""Cold start of the *installed* `stlint check one.conf`: fresh processes, bytecode compiled.

Runs the stlint that an interpreter has installed (not this checkout, unless that is what it has
installed, e.g. editable), both ways a user starts it:

- the console script (``<bin>/stlint``, the file pip generated next to the interpreter), and
- ``python -m stlint``,

each on a job without a Sql transform (examples/kafka-streaming.conf) and one with a Sql transform
(examples/mysql-to-doris.conf: its query is parsed with sqlglot, imported only for such jobs),
with ``--no-cache`` and with a warm result cache. Beside them ``python -c pass`` and
``python -S -c pass`` of the same interpreter, so the numbers can be read on any machine (``site``
is where an environment's ``.pth`` files and editable-install finders cost their share).

Runs are interleaved round-robin (one run of every case, N times) so that load on a shared
machine spreads over all cases; wall time and CPU time (user + system of the child, from
``os.wait4``) are reported as median and p90.

Before timing, the installed package is byte-compiled (``python -m compileall`` on its directory,
what pip does for a wheel install) unless ``--no-compile``; a warm-up run of each case follows.

    python bench/cold_start.py [--python /path/to/venv/bin/python ...] [--checkout DIR ...] [--runs 20] [--imports]

To compare two versions, install each into its own venv (``python -m venv /tmp/a &&
/tmp/a/bin/pip install --no-deps DIR`` plus the runtime dependencies) and pass both ``--python``.

``--imports`` adds the ``-X importtime`` breakdown of one ``--no-cache`` run per job (the largest
cumulative imports directly below the entry point, self time summed per top-level package).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JOBS = {"plain": ROOT / "examples" / "kafka-streaming.conf", "sql": ROOT / "examples" / "mysql-to-doris.conf"}


def run(cmd: list[str], env: dict, cwd: str) -> tuple[float, float, int]:
    """(wall s, CPU s of the child, exit code)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, p.returncode


def p90(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.9 * (len(s) - 1)))]


def importtime(cmd: list[str], env: dict, cwd: str) -> None:
    p = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], env=env, cwd=cwd, capture_output=True, text=True)
    rows = []
    for line in p.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        s, c, name = line[len("import time:"):].split("|")
        rows.append((int(s), int(c), name.rstrip()))
    total = sum(r[0] for r in rows)
    per_pkg: dict[str, int] = {}
    for s, _, name in rows:
        top = name.strip().split(".")[0]
        per_pkg[top] = per_pkg.get(top, 0) + s
    print(f"   all imports (self time summed): {total / 1000:.1f} ms over {len(rows)} modules")
    print("   per top-level package (self ms): " + ", ".join(
        f"{k} {v / 1000:.1f}" for k, v in sorted(per_pkg.items(), key=lambda kv: -kv[1])[:14]))
    top_level = sorted((r for r in rows if len(r[2]) - len(r[2].lstrip()) <= 3), key=lambda r: -r[1])[:14]
    print("   largest cumulative imports near the top: " + ", ".join(
        f"{n.strip()} {c / 1000:.1f}" for _, c, n in top_level))


def probe(py: str, env: dict, tmp: str, compile_: bool) -> tuple[Path, str]:
    where = subprocess.run([py, "-c", "import stlint, sys; print(stlint.__file__); print(sys.version.split()[0])"],
                           env=env, cwd=tmp, capture_output=True, text=True)
    if where.returncode:
        sys.exit(f"{py} cannot import stlint: {where.stderr.strip()}")
    pkg_file, version = where.stdout.split()
    pkg = Path(pkg_file).parent
    if compile_:
        subprocess.run([py, "-m", "compileall", "-q", str(pkg)], env=env, cwd=tmp, stdout=subprocess.DEVNULL,
                       check=True)
    return pkg, version


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", action="append", help="interpreter whose installed stlint is timed (default: this "
                    "one); repeat to compare installs side by side (their runs are interleaved too)")
    ap.add_argument("--checkout", action="append", metavar="DIR",
                    help="also time the stlint of this source tree with the (first) interpreter: `python -m "
                         "stlint` with PYTHONPATH=DIR (no install needed; e.g. the main checkout against a "
                         "branch's worktree, in the environment of an interpreter whose site does more work)")
    ap.add_argument("--runs", type=int, default=20, help="runs per case (median and p90 reported)")
    ap.add_argument("--no-compile", action="store_true", help="do not byte-compile the installed package first")
    ap.add_argument("--imports", action="store_true", help="print an -X importtime breakdown per job")
    args = ap.parse_args()

    pythons = args.python or [sys.executable]
    # (interpreter, PYTHONPATH or None): installed copies first, then checkouts
    targets = [(py, None) for py in (args.python or ([] if args.checkout else [sys.executable]))]
    targets += [(pythons[0], str(Path(d).resolve())) for d in args.checkout or []]
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "XDG_CACHE_HOME"}
        jobs = {}
        # a directory of their own two levels down: a file named on the command line makes stlint
        # read the configs beside it and one level up (is it included by one?), so the contents of
        # the system's temporary directory would take part in the timing
        jobs_dir = Path(tmp) / "repo" / "jobs"
        jobs_dir.mkdir(parents=True)
        for name, src in JOBS.items():
            dst = jobs_dir / f"{name}.conf"
            shutil.copyfile(src, dst)
            jobs[name] = str(dst)
        cases: dict[tuple[int, str], tuple[list[str], dict]] = {}
        heads = []
        for n, (py, src) in enumerate(targets):
            penv = dict(env, XDG_CACHE_HOME=str(Path(tmp) / f"cache{n}"))  # one result cache per install
            if src is not None:
                penv["PYTHONPATH"] = src
            pkg, version = probe(py, penv, tmp, not args.no_compile)
            if src is not None and Path(src) not in pkg.parents:
                sys.exit(f"{py} with PYTHONPATH={src} imports stlint from {pkg}")
            script = str(Path(py).parent / "stlint")
            has_script = src is None and Path(script).is_file()
            heads.append(f"[{n}] Python {version} {py}\n    stlint imported from {pkg}; console script: "
                         f"{script if has_script else 'none'}; bytecode "
                         f"{'compiled' if not args.no_compile else 'as found'}")
            cases[n, "python -c pass"] = [py, "-c", "pass"], penv
            cases[n, "python -S -c pass"] = [py, "-S", "-c", "pass"], penv
            starters = {"python -m stlint": [py, "-m", "stlint"]}
            if has_script:
                starters["stlint (console script)"] = [script]
            for sname, start in starters.items():
                for jname, job in jobs.items():
                    cases[n, f"{sname} check {jname}.conf --no-cache"] = [*start, "check", "--no-cache", job], penv
                    cases[n, f"{sname} check {jname}.conf (warm cache)"] = [*start, "check", job], penv
        for (n, label), (cmd, cenv) in cases.items():  # warm-up: page cache, bytecode, the result cache
            _, _, rc = run(cmd, cenv, tmp)
            if rc not in (0, 1):
                sys.exit(f"[{n}] {label} failed with exit code {rc}")
        results: dict[tuple[int, str], tuple[list[float], list[float]]] = {k: ([], []) for k in cases}
        for _ in range(args.runs):
            for key, (cmd, cenv) in cases.items():
                w, c, _ = run(cmd, cenv, tmp)
                results[key][0].append(w)
                results[key][1].append(c)

        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
              f"{args.runs} runs per case, all cases interleaved")
        for n, head in enumerate(heads):
            print(f"\n{head}")
            base = statistics.median(results[n, "python -c pass"][1])
            print(f"{'':52} {'wall ms':>15} {'CPU ms':>15} {'CPU ms over':>12}")
            print(f"{'':52} {'median':>7} {'p90':>7} {'median':>7} {'p90':>7} {'-c pass':>12}")
            for (m, label), (walls, cpus) in results.items():
                if m == n:
                    over = "" if "-c pass" in label else f"{(statistics.median(cpus) - base) * 1000:12.1f}"
                    print(f"{label:52} {statistics.median(walls) * 1000:7.1f} {p90(walls) * 1000:7.1f} "
                          f"{statistics.median(cpus) * 1000:7.1f} {p90(cpus) * 1000:7.1f} {over}")
        if args.imports:
            for n, (py, src) in enumerate(targets):
                for jname, job in jobs.items():
                    print(f"\n[{n}] -X importtime, python -m stlint check {jname}.conf --no-cache (one run):")
                    ienv = dict(env, XDG_CACHE_HOME=str(Path(tmp) / f"cache{n}"))
                    if src is not None:
                        ienv["PYTHONPATH"] = src
                    importtime([py, "-m", "stlint", "check", "--no-cache", job], ienv, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
