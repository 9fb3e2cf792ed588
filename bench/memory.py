"""Where the memory of one lint goes (``tracemalloc``): per stage and per allocation site, for a
generated job of about --mb megabytes (``bench/scale.py``'s ``mb`` shape). Run by hand.

Stages: source (text + line index), syntax tree (``parser.parse``), HOCON model (``load_source``
minus the tree), job model (``build_job``), rules (each rule's memoised analyses and findings, in
registry order: the first rule that asks for a shared fact pays for it), and what dropping the
rule context (``LintResult.context``) frees. Python allocations only: the process's RSS adds the
allocator's overhead (``bench/scale.py`` reports peak RSS).

    python bench/memory.py [--mb 1] [--top 8]
"""

from __future__ import annotations

import argparse
import gc
import linecache
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MB = 1 << 20


def traced() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def sites(after, before, top: int) -> list[str]:
    out = []
    for st in after.compare_to(before, "lineno")[:top]:
        fr = st.traceback[0]
        name = fr.filename.replace(str(ROOT) + "/", "")
        code = linecache.getline(fr.filename, fr.lineno).strip()[:80]
        out.append(f"     {st.size_diff / MB:6.2f} MB {st.count_diff:8d} objects  {name}:{fr.lineno}  {code}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--top", type=int, default=6)
    args = ap.parse_args()

    from scale import gen_mb

    from stlint.checks import Context, all_rules
    from stlint.config import Settings, enabled_rules
    from stlint.engine import lint_source
    from stlint.hocon import load_source
    from stlint.job import build_job
    from stlint.parser import parse
    from stlint.source import Source

    text = gen_mb(int(args.mb * 1_000_000))
    size = len(text.encode())
    settings = Settings()
    lint_source(Source(gen_mb(20_000), "warm.conf"), settings)  # imports, catalog
    print(f"job: {size / MB:.2f} MB, {text.count(chr(10))} lines (bench/scale.py's mb shape)")

    tracemalloc.start(1)
    z = traced()
    tree = parse(text)
    t_tree = traced() - z
    del tree
    tracemalloc.stop()

    tracemalloc.start(1)
    z = traced()
    src = Source(text, "gen.conf")
    a = traced()
    s0 = tracemalloc.take_snapshot()
    doc = load_source(src, "seatunnel")
    b = traced()
    s1 = tracemalloc.take_snapshot()
    job = build_job(doc)
    c = traced()
    s2 = tracemalloc.take_snapshot()
    ctx = Context(doc, job, settings)
    enabled = enabled_rules(settings, "gen.conf")
    per = []
    keep = []
    for name, r in all_rules().items():
        if r.func is None or name not in enabled:
            continue
        x = traced()
        ds = list(r.func(ctx))
        per.append((traced() - x, name, len(ds)))
        keep.append(ds)
    d = traced()
    s3 = tracemalloc.take_snapshot()
    total = d - z
    rows = [("source (text + line index)", a - z), ("syntax tree (parser)", t_tree),
            ("HOCON model (values, origins)", b - a - t_tree), ("job model (plugins, options)", c - b),
            ("rules (memoised analyses + findings)", d - c)]
    print(f"\nretained after the lint: {total / MB:.1f} MB ({total / size:.0f} bytes per byte of job)")
    for label, n in rows:
        print(f"  {label:40s} {n / MB:6.1f} MB  {100 * n / total:4.0f}%")
    print("\nparse + model, largest allocation sites:")
    print("\n".join(sites(s1, s0, args.top)))
    print("job model, largest allocation sites:")
    print("\n".join(sites(s2, s1, args.top)))
    print("rules, largest (the first rule asking for a shared fact pays for it):")
    for n, name, k in sorted(per, reverse=True)[:args.top]:
        print(f"     {n / MB:6.2f} MB  {name} ({k} findings)")
    print("\n".join(sites(s3, s2, args.top)))
    del ctx, keep, doc, job, src
    tracemalloc.stop()

    tracemalloc.start(1)
    z = traced()
    tracemalloc.reset_peak()
    res = lint_source(Source(text, "gen.conf"), settings)
    peak = tracemalloc.get_traced_memory()[1] - z
    kept = traced() - z
    res.context = None
    freed = kept - (traced() - z)
    print(f"\nlint_source: peak {peak / MB:.1f} MB, the result keeps {kept / MB:.1f} MB, of which the rule "
          f"context {freed / MB:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
