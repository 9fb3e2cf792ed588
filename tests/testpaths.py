"""Paths to the shared data beside the checkout (../shared), for every test module.

Import from here, not from ``conftest`` (several conftest.py files exist; the module name is
not unique)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SPEC = SHARED / "hocon-spec-tests"
# The corpus is SeaTunnel commit bef76078 (2025-03-07, see corpus/MANIFEST.md): on the dev first-parent
# chain after the 2.3.9 cut point and 42 commits before the 2.3.10 one (rules/catalog/README.md), so its
# configs ran in SeaTunnel's CI at 2.3.10: corpus tests check against that catalog.
CORPUS_SEATUNNEL_VERSION = "2.3.10"


def corpus_rows() -> list[dict]:
    f = CORPUS / "expected-seatunnel.jsonl"
    if not f.exists():
        return []
    return [json.loads(line) for line in f.open(encoding="utf-8")]


def require_shared() -> None:
    if not CORPUS.exists():
        pytest.skip(f"shared data not found at {SHARED}")
