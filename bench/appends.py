"""`+=` chains on one key: CPU time of one model load (parse + build + resolve) at N, 2N, 4N
appends, per shape, and the ratio between sizes (about 2 for linear, 4 for quadratic).

Shapes: ``literal`` (`a += 1`), ``subst`` (`a += ${x}`), ``list-subst`` (`a += [${x}]``),
``self-concat`` (`a = ${a} [${x}]`), ``self-subst`` (`a = ${?a}${y}`, y a list of
substitutions), ``objects`` (`a += {k = ${x}}`).

    python bench/appends.py [--n 2000] [--shape subst --shape list-subst] [--general]

``--general`` switches the linear append step off (every step through the general merge), to
compare with what it replaced.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHAPES = {
    "literal": lambda n: "a = [start]\n" + "".join(f"a += {i}\n" for i in range(n)) + "b = ${a}\n",
    "subst": lambda n: "x = 7\na = [start]\n" + "a += ${x}\n" * n + "b = ${a}\n",
    "list-subst": lambda n: "x = 7\n" + "a += [${x}]\n" * n + "b = ${a}\n",
    "self-concat": lambda n: "x = 7\na = []\n" + "a = ${a} [${x}]\n" * n + "b = ${a}\n",
    "self-subst": lambda n: "x = 7\ny = [${x}, 1]\n" + "a = ${?a}${y}\n" * n + "b = ${a}\n",
    "objects": lambda n: "x = 7\n" + "a += {k = ${x}}\n" * n + "b = ${a}\n",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES))
    ap.add_argument("--general", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from stlint.gctune import gc_tuned
    from stlint.hocon import load_text
    if args.general:
        from stlint.hocon_resolve import Resolver
        Resolver._append_step = lambda self, item, path, known, owned: None
    for name in args.shape or list(SHAPES):
        row = []
        for n in (args.n, 2 * args.n, 4 * args.n):
            text = SHAPES[name](n)
            best = float("inf")
            for _ in range(args.repeat):
                with gc_tuned():
                    t = time.process_time()
                    doc = load_text(text, "hocon")
                    best = min(best, time.process_time() - t)
            assert doc.ok, [d.message for d in doc.diagnostics[:3]]
            row.append(best)
        ratios = " ".join(f"x{b / a:.2f}" for a, b in zip(row, row[1:]))
        print(f"{name:12} " + "  ".join(f"{n:>5}: {t:6.3f} s" for n, t in
                                          zip((args.n, 2 * args.n, 4 * args.n), row)) + f"   {ratios}")


if __name__ == "__main__":
    main()
