"""Bad input never raises or hangs: a diagnostic with a position, or a clean result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testpaths import CORPUS, corpus_rows
from stlint.hocon import load_source, load_text, to_json
from stlint.source import Source

ROWS = corpus_rows()
SAMPLE = [CORPUS / r["file"] for r in ROWS[::40]]


def _check(doc) -> None:
    n = len(doc.source.text)
    for d in doc.diagnostics:
        assert 0 <= d.start <= d.end <= n, d
        assert d.message and d.name
    if doc.resolved is not None:
        json.dumps(to_json(doc.resolved))  # the model is always serialisable


@settings(max_examples=300, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    _check(load_source(Source.from_bytes(data, "x.conf")))


HOCONISH = st.lists(st.sampled_from(list('{}[]=:,+"$#/\\\n\r\t abc.-19>?') + ['"""', "${", "include ", "->"]),
                    max_size=200).map("".join)


@settings(max_examples=400, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(HOCONISH)
def test_hocon_like_garbage(text):
    for flavor in ("seatunnel", "hocon"):
        _check(load_text(text, flavor))


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLE or [Path(__file__)]), st.floats(0, 1))
def test_truncated_corpus_files(path, frac):
    data = path.read_bytes()
    cut = data[: int(len(data) * frac)]
    doc = load_source(Source.from_bytes(cut, str(path)))
    _check(doc)


def test_truncated_file_still_gives_partial_model():
    text = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    row.num = 10\n'
    doc = load_text(text)
    assert [d.message for d in doc.diagnostics] == ["expected `}` to close `FakeSource {` opened at 5:14"]
    assert to_json(doc.resolved)["env"] == {"job.mode": "BATCH"}
    assert to_json(doc.resolved)["source"] == [{"row.num": 10, "plugin_name": "FakeSource"}]


def test_deep_nesting_10000_levels():
    for text in ("a{" * 10000 + "}" * 10000, "a = " + "[" * 10000 + "]" * 10000, "a{" * 10000):
        doc = load_text(text)
        _check(doc)
        assert any("nesting deeper than" in d.message for d in doc.diagnostics)


def test_invalid_utf8_has_position():
    doc = load_source(Source.from_bytes(b'env {\n  job.name = "caf\xe9"\n}\n', "x.conf"))
    d = doc.diagnostics[0]
    assert d.message.startswith("invalid UTF-8 byte 0xe9")
    p = doc.source.pos(d.start)
    assert (p.line, p.column) == (2, 18)


def test_bom_and_crlf():
    data = b'\xef\xbb\xbfenv {\r\n  job.mode = "BATCH"\r\n}\r\nsource {\r\n  FakeSource {}\r\n}\r\n'
    doc = load_source(Source.from_bytes(data, "x.conf"))
    assert doc.diagnostics == []
    assert doc.source.had_bom
    assert to_json(doc.resolved) == {"env": {"job.mode": "BATCH"}, "source": [{"plugin_name": "FakeSource"}]}


def test_ten_megabyte_file_via_cli(tmp_path):
    """A 10 MB config goes through the real CLI within a hang-guard timeout."""
    block = 'source {\n' + "".join(f'  FakeSource {{ plugin_output = "t{i}", row.num = {i} }}\n' for i in range(2000)) + "}\n"
    text = "env {}\n"
    while len(text) < 10_000_000:
        text += block
    f = tmp_path / "big.conf"
    f.write_text(text)
    out = subprocess.run([sys.executable, "-m", "stlint", "dump", str(f)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-500:]
    assert len(json.loads(out.stdout)["source"]) == 2000  # repeated top-level source replaces the earlier
