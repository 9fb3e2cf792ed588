"""CPU time of one model load, for the size-comparison (complexity) tests."""

from __future__ import annotations

import time

from stlint.gctune import gc_tuned
from stlint.hocon import load_text


def load_cpu(text: str, flavor: str):
    """A callable timing one model load (parse + build + resolve) of ``text``, gc as during a lint."""

    def once() -> float:
        with gc_tuned():
            t = time.process_time()
            doc = load_text(text, flavor)
            dt = time.process_time() - t
        assert doc.ok, [d.message for d in doc.diagnostics[:3]]
        return dt

    return once
