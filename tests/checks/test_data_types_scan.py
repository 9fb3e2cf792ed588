"""The type facts in the shipped catalogs are what `stlint.catalog.types_scan` reads from each
release's sources (needs $STLINT_SEATUNNEL_GIT, else skipped with the instruction)."""

from __future__ import annotations

import subprocess
import tarfile
import io

import pytest

from tests.catalog.conftest import git_dir_for, releases


@pytest.mark.parametrize("rel", releases(), ids=lambda r: r["id"])
def test_shipped_type_facts_match_the_sources(rel, tmp_path):
    from stlint.catalog import load_catalog
    from stlint.catalog.java.interp import SourceIndex
    from stlint.catalog.types_scan import scan_types

    git = git_dir_for(rel["commit"])
    data = subprocess.run(["git", "-C", git, "archive", rel["commit"], "seatunnel-api", "seatunnel-common"],
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        tf.extractall(tmp_path, filter="data")
    got = scan_types(SourceIndex.from_tree(str(tmp_path)))
    assert got is not None and "INT" in got["simple"]
    assert load_catalog(rel["id"]).types == got
