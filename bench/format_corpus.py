"""Time `stlint format` over the whole corpus in one process against a full `stlint check` of it.

Run by hand: python3 bench/format_corpus.py [CORPUS_DIR] (default: ../shared/corpus beside the
checkout). Prints both wall times; the formatter must not be slower than the check."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from stlint.formatter import FormatRefused, format_text  # noqa: E402


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus"
    files = [p for p in sorted(corpus.rglob("*")) if p.is_file() and p.suffix in (".conf", ".json", ".hocon")]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    t0 = time.perf_counter()
    changed = refused = 0
    for t in texts:
        try:
            changed += format_text(t) != t
        except FormatRefused:
            refused += 1
    fmt = time.perf_counter() - t0
    print(f"format: {len(texts)} files in {fmt:.2f}s ({changed} would change, {refused} refused)")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stlint", "check", str(corpus), "--format", "json", "--no-cache",
                    "--exit-zero", "--seatunnel-version", "2.3.10"], env=env, stdout=subprocess.DEVNULL, check=False)
    chk = time.perf_counter() - t0
    print(f"check:  {chk:.2f}s")
    return 0 if fmt <= chk else 1


if __name__ == "__main__":
    sys.exit(main())
