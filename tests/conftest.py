"""Shared fixtures: paths to ../shared (beside the checkout) and the Typesafe reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from typesafe.fixture import typesafe_ref  # noqa: F401  (session fixture, see tests/typesafe)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SPEC = SHARED / "hocon-spec-tests"


def corpus_rows() -> list[dict]:
    f = CORPUS / "expected-seatunnel.jsonl"
    if not f.exists():
        return []
    return [json.loads(line) for line in f.open(encoding="utf-8")]


def require_shared() -> None:
    if not CORPUS.exists():
        pytest.skip(f"shared data not found at {SHARED}")
