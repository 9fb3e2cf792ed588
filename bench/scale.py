"""How `stlint check` scales with generated inputs: time per stage and per rule, peak memory.

Shapes (``--shape``, several allowed; default: all but ``big``):

- ``chain``   N transforms chained source -> t1 -> ... -> tN -> sink (the plugin graph rules)
- ``cycle``   the same chain closed into one cycle (tN feeds t1)
- ``env``     N repeated top-level ``env {}`` blocks, then source/sink (section-order, repeated-section)
- ``sections``N alternating ``sink {}`` / ``source {}`` blocks (section-order, repeated-section)
- ``wide``    one source with N options (per-option rules, key paths, placeholders)
- ``mb``      a job of about N bytes made of many plugins with options and placeholders (the "1 MB file")
- ``big``     the ``mb`` shape at 50 MB (see --big-mb): the size limit and linear growth

For each shape the lint runs at size N and 2N, so the ratio shows the complexity class (about 2 for
linear). Times are CPU time of this process (``time.process_time``: steadier than wall time on a
shared machine; the garbage collector's time is included). Stages: parse+model (``load_source``), job (``build_job``), rules (each rule timed, the
slowest shown). ``--gc`` compares the garbage collector settings on the ``mb`` shape.

    python bench/scale.py [--shape chain --shape env] [--n 2000] [--top 5] [--gc] [--profile SHAPE]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


# ---- generators (the same shapes as tests/test_complexity.py, larger) -----------------------
def gen_chain(n: int, cycle: bool = False) -> str:
    out = ['env { job.mode = "BATCH" }', 'source { FakeSource { plugin_output = "t0", '
           'schema = { fields { id = "int" } } } }', "transform {"]
    for i in range(1, n + 1):
        inp = f"t{n}" if cycle and i == 1 else f"t{i - 1}"
        out.append(f'  Sql {{ plugin_input = "{inp}", plugin_output = "t{i}", query = "select * from {inp}" }}')
    out.append("}")
    out.append(f'sink {{ Console {{ plugin_input = "t{n}" }} }}')
    return "\n".join(out) + "\n"


def gen_env(n: int) -> str:
    out = [f'env {{ parallelism = {i} }}' for i in range(n)]
    out.append('source { FakeSource { schema = { fields { id = "int" } } } }')
    out.append("sink { Console {} }")
    return "\n".join(out) + "\n"


def gen_sections(n: int) -> str:
    out = ["env {}"]
    for i in range(n):
        out.append("sink { Console {} }" if i % 2 == 0 else
                   'source { FakeSource { schema = { fields { id = "int" } } } }')
    return "\n".join(out) + "\n"


def gen_wide(n: int) -> str:
    out = ['env { job.mode = "BATCH" }', "source { FakeSource {", '  schema = { fields { id = "int" } }']
    for i in range(n):
        out.append(f'  opt_{i} = "v${{var_{i % 7}}}"')
    out.append("} }")
    out.append("sink { Console {} }")
    return "\n".join(out) + "\n"


_PLUGIN = '''  Jdbc {{
    plugin_output = "t{i}"
    url = "jdbc:mysql://db-{i}:3306/test"
    driver = "com.mysql.cj.jdbc.Driver"
    user = "root"
    password = "${{DB_PASSWORD}}"
    query = "select * from t where id > {i}"
    partition_column = "id"
    partition_num = 4
    fetch_size = 1000
  }}
'''


def gen_mb(nbytes: int) -> str:
    head = 'env { job.mode = "BATCH", parallelism = 2 }\nsource {\n'
    parts = [head]
    size = len(head)
    i = 0
    while size < nbytes:
        s = _PLUGIN.format(i=i)
        parts.append(s)
        size += len(s)
        i += 1
    parts.append("}\nsink {\n  Console {\n    plugin_input = [" +
                 ", ".join(f'"t{j}"' for j in range(i)) + "]\n  }\n}\n")
    return "".join(parts)


SHAPES = {
    "chain": (lambda n: gen_chain(n), 2000),
    "cycle": (lambda n: gen_chain(n, cycle=True), 2000),
    "env": (gen_env, 4000),
    "sections": (gen_sections, 2000),
    "wide": (gen_wide, 5000),
    "mb": (gen_mb, 1_000_000),
    "big": (gen_mb, 25_000_000),
}


# ---- measuring -------------------------------------------------------------------------------
def lint_staged(text: str, top: int):
    from stlint.checks import Context, all_rules
    from stlint.config import Settings, enabled_rules
    from stlint.engine import lint_source
    from stlint.hocon import load_source
    from stlint.job import build_job
    from stlint.source import Source

    from stlint.engine import gc_tuned

    settings = Settings()
    rules = all_rules()
    with gc_tuned():  # the collector as lint_source runs it
        return _staged(text, top, settings, rules, Context, enabled_rules, lint_source, load_source, build_job,
                       Source)


def _staged(text, top, settings, rules, Context, enabled_rules, lint_source, load_source, build_job, Source):
    t0 = time.process_time()
    doc = load_source(Source(text, "gen.conf"), "seatunnel")
    t1 = time.process_time()
    job = build_job(doc)
    t2 = time.process_time()
    ctx = Context(doc, job, settings)
    enabled = enabled_rules(settings, "gen.conf")
    per: list[tuple[float, str]] = []
    for name, r in rules.items():
        if r.func is None or name not in enabled:
            continue
        t = time.process_time()
        list(r.func(ctx))
        per.append((time.process_time() - t, name))
    t3 = time.process_time()
    res = lint_source(Source(text, "gen.conf"), settings)  # the whole thing, as the CLI runs it
    t4 = time.process_time()
    per.sort(reverse=True)
    return {"parse+model": t1 - t0, "job": t2 - t1, "rules": t3 - t2, "lint_source": t4 - t3,
            "findings": len(res.diagnostics), "slowest": per[:top]}


def show(shape: str, n: int, top: int) -> None:
    gen, _ = SHAPES[shape]
    rows = []
    for size in (n, 2 * n):
        text = gen(size)
        r = lint_staged(text, top)
        rows.append(r)
        slow = ", ".join(f"{name} {t:.3f}" for t, name in r["slowest"])
        print(f"  {shape:8} n={size:<9} {len(text) / 1e6:6.2f} MB  parse+model {r['parse+model']:7.3f} s  "
              f"job {r['job']:6.3f} s  rules {r['rules']:7.3f} s  lint_source {r['lint_source']:7.3f} s  "
              f"({r['findings']} findings)")
        print(f"           slowest rules: {slow}")
    a, b = rows
    print(f"           2x input -> lint_source x{b['lint_source'] / a['lint_source']:.2f}, "
          f"rules x{b['rules'] / max(a['rules'], 1e-9):.2f}")


_GC_RUN = r"""
import gc, sys, time
root, nbytes, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path[:0] = [root, root + "/bench"]
from scale import gen_mb
import stlint.engine as e
from stlint.config import Settings
from stlint.source import Source
e.lint_source(Source('env {}\nsource { FakeSource { schema = { fields { id = "int" } } } }\nsink { Console {} }\n',
                     'w.conf'), Settings())  # start-up: imports, grammar, catalog
text = gen_mb(nbytes)
if mode != "tuned":
    import stlint.gctune
    stlint.gctune.GC_TUNING = False
if mode == "off":
    gc.disable()
if mode == "freeze":
    gc.freeze()
best = None
for _ in range(3):
    t = time.process_time()
    e.lint_source(Source(text, "gen.conf"), Settings())
    dt = time.process_time() - t
    best = dt if best is None else min(best, dt)
print(f"{best:.3f}")
"""


def gc_compare(nbytes: int) -> None:
    """The ``mb`` shape under different collector settings, each in a fresh process: CPython's
    defaults, gc.freeze() after start-up, stlint's tuning (stlint.gctune.GC_THRESHOLDS during a lint), off."""
    import subprocess

    for mode in ("default", "freeze", "tuned", "off"):
        p = subprocess.run([sys.executable, "-c", _GC_RUN, str(ROOT), str(nbytes), mode], capture_output=True,
                           text=True)
        print(f"  gc {mode:8} {nbytes / 1e6:.1f} MB, CPU best of 3: {p.stdout.strip() or p.stderr.strip()[-300:]} s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES))
    ap.add_argument("--n", type=int, help="size (default per shape)")
    ap.add_argument("--top", type=int, default=3)
    ap.add_argument("--gc", action="store_true", help="compare garbage collector settings on the mb shape")
    ap.add_argument("--big-mb", type=float, default=25.0, help="size of the `big` shape (doubled in the run)")
    ap.add_argument("--profile", choices=sorted(SHAPES), help="cProfile one lint of this shape at --n")
    args = ap.parse_args()
    if args.profile:
        gen, n0 = SHAPES[args.profile]
        text = gen(args.n or n0)
        from stlint.config import Settings
        from stlint.engine import lint_source
        from stlint.source import Source

        cProfile.runctx("lint_source(Source(text, 'gen.conf'), Settings())", globals(), locals(), "/tmp/scale.prof")
        pstats.Stats("/tmp/scale.prof").sort_stats("cumulative").print_stats(40)
        return 0
    if args.gc:
        gc_compare(args.n or 1_000_000)
        return 0
    shapes = args.shape or [s for s in SHAPES if s != "big"]
    for s in shapes:
        n = args.n or (int(args.big_mb * 1e6) if s == "big" else SHAPES[s][1])
        show(s, n, args.top)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
