"""The cyclic garbage collector while stlint builds large trees (a lint, a format)."""

from __future__ import annotations

import _thread  # threading's Lock without importing threading (cold start)
import gc
from contextlib import contextmanager

# The cyclic garbage collector during a lint. A lint allocates many long-lived objects (syntax
# tree, values, job model) and almost no cyclic garbage, so with CPython's default thresholds
# (700, 10, 10) the collector keeps re-scanning the growing tree: a 1 MB file spent ~30% of its
# time there (2.37 s -> 1.68 s CPU) and grew faster than linearly (2 MB: 5.07 s -> 3.46 s); on the
# corpus of small files it makes no difference (bench/scale.py --gc). gc.freeze() after start-up
# measured no gain. Thresholds are raised (never lowered) while a lint runs and restored after;
# cyclic garbage is still collected, just in larger batches.
GC_TUNING = True
GC_THRESHOLDS = (10_000, 20, 20)
_gc_lock = _thread.allocate_lock()
_gc_depth = 0
_gc_saved: tuple[int, ...] | None = None


@contextmanager
def gc_tuned():
    global _gc_depth, _gc_saved
    if not GC_TUNING:
        yield
        return
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(*(max(a, b) for a, b in zip(GC_THRESHOLDS, _gc_saved)))
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)
