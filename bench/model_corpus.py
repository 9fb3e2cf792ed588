"""The model's stages over the shared corpus, each timed on its own (CPU, best of --repeat).

    parse   stlint.parser.parse of every file
    model   stlint.hocon.load_source with the parse answered from a cache: load_source minus
            parse (building values, keys, plugin lists, includes, resolution, templates)
    job     stlint.job.build_job of every loaded document
    json    stlint.hocon.to_json of every resolved document (what Option.py costs the rules)

CPU time (``time.process_time``), best of the runs: steadier than wall time on a shared machine.
For an A/B, time another checkout's stlint in turns with this one (ABAB...), e.g.

    for t in ../wt-base . ../wt-base .; do python3 bench/model_corpus.py --tree $t; done

``--profile model`` (or job, json) prints a cProfile of that stage's second pass instead.
``--with-subst`` adds one optional substitution at the end of every file, so every file goes
through resolution (the corpus has one in only 16 of 781 files; many real jobs have more).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7, help="runs per stage; the best is reported")
    ap.add_argument("--profile", choices=("parse", "model", "job", "json"), help="profile one stage instead")
    ap.add_argument("--with-subst", action="store_true", help="add `${?...}` to every file (all are resolved)")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose stlint is timed (default: this one)")
    args = ap.parse_args()
    tree = args.tree.resolve()
    sys.path.insert(0, str(tree))
    rows = [json.loads(line) for line in (CORPUS / "expected-seatunnel.jsonl").open()]
    paths = [CORPUS / r["file"] for r in rows]

    import stlint.hocon as hocon

    assert Path(hocon.__file__).resolve().is_relative_to(tree), hocon.__file__
    from stlint.job import build_job
    from stlint.parser import parse
    from stlint.source import Source

    srcs = [Source.from_bytes(p.read_bytes(), str(p)) for p in paths]
    if args.with_subst:
        srcs = [Source(s.text + "\nzz_forced = ${?STLINT_BENCH_NOT_SET}\n", s.path) for s in srcs]
    parsed = {s.text: parse(s.text) for s in srcs}

    def run_parse() -> None:
        for s in srcs:
            parse(s.text)

    def run_model() -> None:
        real = hocon.parse
        hocon.parse = parsed.__getitem__  # load_source's own parse: answered from the cache
        try:
            for s in srcs:
                hocon.load_source(s, "seatunnel")
        finally:
            hocon.parse = real

    docs = []
    run_model()
    hocon.parse, real = parsed.__getitem__, hocon.parse
    try:
        docs = [hocon.load_source(s, "seatunnel") for s in srcs]
    finally:
        hocon.parse = real

    def run_job() -> None:
        for d in docs:
            build_job(d)

    def run_json() -> None:
        for d in docs:
            hocon.to_json(d.resolved)

    stages = {"parse": run_parse, "model": run_model, "job": run_job, "json": run_json}
    if args.profile:
        import cProfile
        import pstats

        fn = stages[args.profile]
        fn()
        pr = cProfile.Profile()
        pr.enable()
        fn()
        pr.disable()
        pstats.Stats(pr).sort_stats("tottime").print_stats(30)
        return 0
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, fn in stages.items():
            t = time.process_time()
            fn()
            dt = time.process_time() - t
            best[name] = min(best.get(name, dt), dt)
    print(f"{tree.name}: corpus {len(srcs)} files, CPU best of {args.repeat}: "
          + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in best.items())
          + f"; model+job {(best['model'] + best['job']) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
