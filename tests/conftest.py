"""Shared fixtures. Paths to ../shared live in ``testpaths.py`` (import them from there)."""

from __future__ import annotations

from testpaths import CORPUS, REPO, SHARED, SPEC, corpus_rows, require_shared  # noqa: F401
from typesafe.fixture import typesafe_ref  # noqa: F401  (session fixture, see tests/typesafe)
