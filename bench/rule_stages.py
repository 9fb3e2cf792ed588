"""Where the rules' time goes: each rule's ``func(ctx)`` and each step after the rules, over the corpus.

Every corpus file is parsed, modelled and turned into a job once (not timed); then, per pass, each
file gets a fresh rule context and the enabled rules run in registry order, as in
``stlint.engine.lint_source``, with each rule's call (including the iteration of its findings)
timed, under the engine's collector thresholds (``stlint.gctune``); the steps after the rules
(templates, suppressions, ``redact.find`` / ``redact.apply``) are timed the same way. A rule that first computes a fact shared on the context (``ctx.memo``:
the row flow, the plugin graph...) is charged for it. CPU time (``time.process_time``), the best
of --repeat passes per stage; the total is the best whole pass.

    python3 bench/rule_stages.py [--repeat 5] [--seatunnel-version 2.3.10] [--top 25] [--profile N] [--tree DIR]

``--tree DIR`` times another checkout's stlint (A/B against an older commit); ``--profile N``
prints the N costliest functions (cumulative) of one pass under cProfile instead; ``--json``
prints the per-stage bests (ms) as one JSON object.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SUFFIXES = (".conf", ".hocon", ".conf.template", ".config.template", ".json")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seatunnel-version", default=None)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--tree", default=str(ROOT), help="the checkout whose stlint is timed")
    ap.add_argument("--json", action="store_true", help="print the per-stage bests as JSON (ms)")
    args = ap.parse_args()
    sys.path.insert(0, args.tree)

    from stlint import redact, suppress, templates
    from stlint.checks import Context, all_rules
    from stlint.config import Settings, enabled_rules
    from stlint.diagnostics import Diagnostic
    from stlint.engine import file_version, is_job
    from stlint.hocon import load_source
    from stlint.job import build_job
    from stlint.source import Source

    base = Settings(seatunnel_version=args.seatunnel_version) if args.seatunnel_version else Settings()
    rules = all_rules()
    jobs = []
    for p in sorted(Path(args.corpus).rglob("*")):
        if not (p.is_file() and p.name.endswith(SUFFIXES)) or p.name == "expected-seatunnel.jsonl":
            continue
        src = Source.from_bytes(p.read_bytes(), str(p))
        settings, _ = file_version(src, base)
        doc = load_source(src, "seatunnel")
        job = build_job(doc)
        if not is_job(job):
            continue
        enabled = enabled_rules(settings, src.path)
        keys = getattr(doc, "key_paths", None)
        jobs.append((src, doc, job, settings, [(n, r.func) for n, r in rules.items()
                                               if r.func is not None and n in enabled], keys))

    clock = time.process_time

    from stlint.gctune import gc_tuned

    def one_pass(times: dict[str, float]) -> None:
        with gc_tuned():  # as lint_source runs the rules
            _pass(times)

    def _pass(times: dict[str, float]) -> None:
        for src, doc, job, settings, funcs, keys in jobs:
            doc.key_paths = dict(keys) if keys else keys  # the engine drops them after the rules
            ctx = Context(doc, job, settings)
            out: list[Diagnostic] = []
            for name, func in funcs:
                t = clock()
                out.extend(func(ctx))
                times[name] = times.get(name, 0.0) + clock() - t
            t = clock()
            if any(d.name == "template-syntax" for d in doc.diagnostics):  # as the engine does
                out = templates.drop_overlapping(out, templates.tags(src.text))
            t1 = clock()
            out = suppress.apply(src, out, set(n for n, _ in funcs))
            out.sort(key=Diagnostic.sort_key)
            t2 = clock()
            secrets = redact.find(doc, settings)
            t3 = clock()
            redact.apply(secrets, src, out)
            t4 = clock()
            for k, dt in (("(templates)", t1 - t), ("(suppress+sort)", t2 - t1), ("(redact.find)", t3 - t2),
                          ("(redact.apply)", t4 - t3)):
                times[k] = times.get(k, 0.0) + dt

    one_pass({})  # warm: catalog, imports
    if args.profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        one_pass({})
        pr.disable()
        pstats.Stats(pr).sort_stats("cumulative").print_stats(args.profile)
        return 0
    best: dict[str, float] = {}
    totals = []
    for _ in range(args.repeat):
        times: dict[str, float] = {}
        t = clock()
        one_pass(times)
        totals.append(clock() - t)
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
    if args.json:
        import json

        print(json.dumps({"total": min(totals) * 1000, **{k: v * 1000 for k, v in best.items()}}))
        return 0
    print(f"{len(jobs)} jobs, seatunnel-version {args.seatunnel_version or 'default'}, "
          f"best of {args.repeat} passes (CPU)")
    print(f"rules + after-rules total: {min(totals) * 1000:8.1f} ms (sum of per-stage bests "
          f"{sum(best.values()) * 1000:.1f} ms)")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {v * 1000:7.1f} ms  {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
