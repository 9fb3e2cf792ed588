"""Time to draw every corpus job (`python3 bench/graph_corpus.py [CORPUS]`): the pipeline model
plus each renderer, per job, after the lint (which `stlint graph` also runs). Run by hand; the
issue's budget is < 50 ms per job for drawing. Prints median, p95 and max per stage, and the
slowest jobs."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stlint.config import Settings  # noqa: E402
from stlint.engine import lint_source  # noqa: E402
from stlint.graphview import RENDERERS, pipeline  # noqa: E402
from stlint.source import Source  # noqa: E402


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    settings = Settings(seatunnel_version="2.3.10")
    lint_t, draw_t = [], []
    slow = []
    for f in sorted(root.rglob("*")):
        if not f.is_file() or f.suffix not in (".conf", ".hocon", ".json", ".template"):
            continue
        src = Source.from_bytes(f.read_bytes(), str(f))
        t0 = time.perf_counter()
        res = lint_source(src, settings)
        t1 = time.perf_counter()
        if not res.is_job:
            continue
        pl = pipeline(res, settings)
        for fn in RENDERERS.values():
            fn(pl)
        t2 = time.perf_counter()
        lint_t.append(t1 - t0)
        draw_t.append(t2 - t1)
        slow.append((t2 - t1, f))
    def stats(xs):
        xs = sorted(xs)
        return (f"median {statistics.median(xs) * 1000:.2f} ms, p95 {xs[int(len(xs) * 0.95)] * 1000:.2f} ms, "
                f"max {xs[-1] * 1000:.2f} ms")
    print(f"{len(draw_t)} jobs")
    print(f"lint:                    {stats(lint_t)}")
    print(f"model + 4 renderers:     {stats(draw_t)}")
    print(f"lint + model + 4 formats: {stats([a + b for a, b in zip(lint_t, draw_t)])}")
    for t, f in sorted(slow, reverse=True)[:3]:
        print(f"  slowest draw {t * 1000:.2f} ms  {f.relative_to(root)}")


if __name__ == "__main__":
    main()
