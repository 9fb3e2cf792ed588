"""The plugin data the option rules evaluate (`_plain`: values with `${X:default}` read as the
default, in one walk) is `_with_defaults(to_json(config))`, on the corpus and on corner cases."""

from __future__ import annotations

import pytest

from stlint.checks.plugins import _plain, _with_defaults
from stlint.hocon import load_text, to_json
from stlint.job import build_job
from tests.testpaths import CORPUS


def _same(text: str, path: str = "job.conf") -> int:
    job = build_job(load_text(text, "seatunnel", path))
    n = 0
    for p in job.plugins:
        if p.config is None:
            continue
        d1: set[str] = set()
        d2: set[str] = set()
        assert _plain(p.config, "", d1) == _with_defaults(to_json(p.config), "", d2)
        assert d1 == d2
        n += len(d1)
    return n


def test_corpus():
    if not CORPUS.is_dir():
        pytest.skip("corpus not found (../shared/corpus)")
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix in (".conf", ".json", ".hocon")]
    assert len(files) > 700
    assert sum(_same(p.read_bytes().decode("utf-8", "replace"), str(p)) for p in files) > 0


def test_corner_cases():
    text = """
source {
  FakeSource {
    a = "${X:10}"
    b { c = "x${Y:1}y", d = ["${Z:2}", {e = "${W:3}"}, "${V}"] }
    "$unresolved" { f = "${U:4}" }
    g = ${?NOPE}
    h = "a" ${?NOPE2} "${T:5}"
    i = [1, true, null, 2.5]
    j { "$unresolved" = "${S:6}", k = 1 }
    l { "$unresolved" = "${R:7}" }
  }
}
sink { Console {} }
"""
    assert _same(text) >= 4
