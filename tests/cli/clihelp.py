"""Helpers for the CLI tests: real subprocess runs of ``python -m stlint`` on real temp files.

A plain module, not a conftest.py: a second top-level ``conftest`` module would shadow
tests/conftest.py for the test modules collected after this directory (``from conftest import``).
Test modules import the ``stlint`` fixture from here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# stable, hand-checked job files used across the CLI tests
# (FakeSource needs `schema` or `tables_configs` from 2.3.10: FakeSourceFactory.optionRule() exclusive)
CLEAN = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "fake", schema = { fields { id = "int" } }\n' \
        '  }\n}\n' \
        'sink {\n  Console {\n    plugin_input = "fake"\n  }\n}\n'
# duplicate-key (warning, ST002) at 4:3..4:14
DUPLICATE = 'env {\n  job.mode = "BATCH"\n  parallelism = 1\n  parallelism = 2\n}\nsource {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n' \
            'sink {\n  Console {}\n}\n'
# section-order (info, ST009, unsafe fix) at 4:1
ORDER = 'sink {\n  Console {}\n}\nenv {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n'
# syntax-error (error, ST001): `sink {` is never closed
BROKEN = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource { schema { fields { id = int } } }\n}\nsink {\n  Console {\n}\n'


class Run:
    def __init__(self, cache: Path) -> None:
        self.cache = cache

    def __call__(self, *args: str, cwd: Path | str, input: str | bytes | None = None,
                 env: dict[str, str] | None = None, check_rc: int | None = None) -> subprocess.CompletedProcess:
        e = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        e["PYTHONPATH"] = str(REPO) + os.pathsep + e.get("PYTHONPATH", "")
        e["XDG_CACHE_HOME"] = str(self.cache)
        e.update(env or {})
        text = not isinstance(input, bytes)
        p = subprocess.run([sys.executable, "-m", "stlint", *args], cwd=cwd, input=input, env=e,
                           capture_output=True, text=text, timeout=300)
        assert "Traceback" not in (p.stderr if text else p.stderr.decode()), p.stderr
        if check_rc is not None:
            assert p.returncode == check_rc, (p.returncode, p.stdout, p.stderr)
        return p


@pytest.fixture
def stlint(tmp_path_factory) -> Run:
    return Run(tmp_path_factory.mktemp("xdg-cache"))


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root
