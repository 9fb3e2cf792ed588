"""The comparison baseline shared by the benchmarks: pyhocon parsing the same bytes."""

from __future__ import annotations

import os


def make_pyhocon_runner(texts: list[tuple[str, bytes]]):
    """A function that parses every (path, bytes) with pyhocon and returns how many failed."""
    from pyhocon import ConfigFactory

    def run_pyhocon() -> int:
        errors = 0
        for path, data in texts:
            try:
                ConfigFactory.parse_string(data.decode("utf-8"), basedir=os.path.dirname(path))
            except Exception:
                errors += 1
        return errors

    return run_pyhocon
