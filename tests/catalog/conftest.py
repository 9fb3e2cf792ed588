from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
CORPUS_JSONL = SHARED / "corpus" / "expected-seatunnel.jsonl"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
JAVA_FIXTURES = FIXTURES / "java"
ENV_GIT = "STLINT_SEATUNNEL_GIT"
HOW = (f"set {ENV_GIT} to the SeaTunnel git dir(s) holding the release commits of rules/catalog/releases.json "
       f"(bare mirrors of github.com/apache/seatunnel or a fork carrying its dev history; several dirs joined with "
       f"{os.pathsep!r})")


def releases() -> list[dict]:
    from stlint.catalog.cli import load_releases

    return load_releases()


def git_dir_for(commit: str) -> str:
    """The git dir from $STLINT_SEATUNNEL_GIT holding `commit`; skips with the instruction otherwise."""
    from stlint.catalog.cli import find_commit, git_dirs_from

    dirs = git_dirs_from(None)
    if not dirs:
        pytest.skip(f"SeaTunnel sources not available: {HOW}")
    d = find_commit(dirs, commit)
    if d is None:
        pytest.skip(f"commit {commit} not in {os.environ[ENV_GIT]}: {HOW}")
    return d


@pytest.fixture(scope="session")
def fixture_catalog():
    from stlint.catalog.extract import build_catalog

    cat, report = build_catalog(str(JAVA_FIXTURES), "fixture", "https://seatunnel.apache.org/docs")
    return cat, report


@pytest.fixture(scope="session")
def fixture_runtime(fixture_catalog):
    from stlint.catalog.model import Catalog

    cat, _ = fixture_catalog
    return Catalog(json.loads(json.dumps(cat)))


@pytest.fixture(scope="session")
def catalog():
    from stlint.catalog import load_catalog

    return load_catalog()
