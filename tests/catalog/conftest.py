from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
CORPUS_JSONL = SHARED / "corpus" / "expected-seatunnel.jsonl"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
JAVA_FIXTURES = FIXTURES / "java"
MIRRORS = {
    "2.3.10-dev": Path("/work/.mirror/xiaochen-zhou+seatunnel/repo"),
    "2.3.9-dev": Path("/work/.mirror/zhangshenghang+seatunnel/repo"),
    "2.3.8": Path("/work/.mirror/apache+seatunnel/repo"),
}


def mirror(version: str) -> Path:
    p = MIRRORS[version]
    if not (p / "HEAD").exists():
        pytest.skip(f"SeaTunnel mirror for {version} not available at {p}")
    return p


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
