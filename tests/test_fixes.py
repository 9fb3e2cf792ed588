"""Fixes never damage a file: properties over the corpus and over mutated copies."""

from __future__ import annotations

import os
import random
import re

import pytest

from testpaths import CORPUS, corpus_rows
from stlint.engine import lint_source
from stlint.fixes import apply_edits, encode, fix_file, fix_source
from stlint.source import Source

ROWS = [r for r in corpus_rows() if not r["file"].endswith(".json")]


def _mutate(text: str, rng: random.Random) -> str:
    """Inject the mistakes fixes target: deprecated keys, unquoted defaults, misspelt options,
    plaintext secrets, canonical-case plugin names, section order."""
    lines = text.split("\n")
    out = []
    for ln in lines:
        r = rng.random()
        s = ln
        if "plugin_output" in s and r < 0.5:
            s = s.replace("plugin_output", "result_table_name", 1)
        elif "plugin_input" in s and r < 0.5:
            s = s.replace("plugin_input", "source_table_name", 1)
        elif re.match(r"^\s+[a-z_.]+\s*=\s*\d+\s*$", s) and r < 0.3:
            k, v = s.split("=", 1)
            s = f"{k}= ${{ST_VAR:{v.strip()}}}"
        elif re.match(r'^\s+username\s*=\s*"', s) and r < 0.8:
            s = re.sub(r"username", "password", s, count=1)
        elif re.match(r"^\s{2}[A-Z][A-Za-z]+ \{", s) and r < 0.3:
            s = s.replace(s.strip().split()[0], s.strip().split()[0].lower(), 1)
        out.append(s)
    return "\n".join(out)


def _names(diags):
    return sorted(d.name for d in diags)


def _check_fix_properties(src: Source, unsafe: bool, baseline: set[str] | None = None) -> None:
    """``baseline``: finding kinds of the un-mutated original; a mutation can hide findings of
    the original (a broken value masks its key) that the fix then legitimately brings back."""
    res = fix_source(src, unsafe=unsafe)
    if res.refused:
        assert not res.changed
        return
    after = Source(res.text, src.path, had_bom=src.had_bom)
    after_lint = lint_source(after)
    # 1. the file still parses
    assert not [d for d in after_lint.diagnostics if d.name == "syntax-error"]
    # 2. idempotent: a second run changes nothing
    again = fix_source(after, unsafe=unsafe)
    assert not again.changed, [d.name for d in again.applied]
    # 3. the targeted findings are gone (fixable ones of the allowed applicability)
    for d in after_lint.diagnostics:
        assert not (d.fix and (d.fix.applicability == "safe" or unsafe)), (d.name, d.message)
    # 4. no new kind of finding appears
    before = set(_names(lint_source(src).diagnostics)) | (baseline or set())
    new = set(_names(after_lint.diagnostics)) - before
    assert not new, new
    # 5. line endings: no bare LF introduced into a CRLF file
    if src.newline == "\r\n":
        assert "\n" not in res.text.replace("\r\n", "")


@pytest.mark.parametrize("row", ROWS[::7], ids=lambda r: r["file"].split("/")[-1])
def test_corpus_files_fix_properties(row):
    src = Source.from_bytes((CORPUS / row["file"]).read_bytes(), row["file"])
    _check_fix_properties(src, unsafe=False)
    _check_fix_properties(src, unsafe=True)


@pytest.mark.parametrize("seed", range(40))
def test_mutated_corpus_files_fix_properties(seed):
    rng = random.Random(seed)
    row = ROWS[rng.randrange(len(ROWS))] if ROWS else None
    if row is None:
        pytest.skip("corpus not found")
    text = (CORPUS / row["file"]).read_bytes().decode("utf-8")
    mutated = _mutate(text, rng)
    baseline = set(_names(lint_source(Source(text, row["file"])).diagnostics))
    variants = [mutated.encode(), mutated.replace("\n", "\r\n").encode(), b"\xef\xbb\xbf" + mutated.encode()]
    for data in variants:
        src = Source.from_bytes(data, row["file"])
        _check_fix_properties(src, unsafe=False, baseline=baseline)
        _check_fix_properties(src, unsafe=True, baseline=baseline)


def test_fix_file_keeps_bytes_outside_edits(tmp_path):
    body = ('# header comment\r\n\r\n# about the sink\r\nsink {\r\n  Console {}  # keep me\r\n}\r\n\r\n'
            'env {\r\n  job.mode = "BATCH"\r\n}\r\nsource {\r\n  FakeSource {}\r\n}\r\n')
    p = tmp_path / "job.conf"
    p.write_bytes(b"\xef\xbb\xbf" + body.encode())
    os.chmod(p, 0o640)
    src = Source.from_bytes(p.read_bytes(), str(p))
    planned = fix_source(src, unsafe=True)
    res, _ = fix_file(str(p), unsafe=True)
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data == encode(planned.text, True)
    assert (os.stat(p).st_mode & 0o777) == 0o640
    text = data[3:].decode()
    assert "\n" not in text.replace("\r\n", "")
    # the file header stays on top; the comment attached to `sink` moves with it
    assert text.startswith("# header comment\r\n\r\nenv {")
    assert "# about the sink\r\nsink {\r\n  Console {}  # keep me\r\n}" in text
    # every changed region is inside the edits of the applied fixes
    for d in res.applied:
        for e in d.fix.edits:
            assert 0 <= e.start <= e.end <= len(body)
    # everything before the first edit and after the last one is byte-identical
    spans = [(e.start, e.end) for d in res.applied for e in d.fix.edits]
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    assert text[:lo] == body[:lo]
    assert text[len(text) - (len(body) - hi):] == body[hi:]
    # no temporary files left behind
    assert [f.name for f in tmp_path.iterdir()] == ["job.conf"]


def test_apply_edits_rejects_overlap():
    from stlint.diagnostics import Edit

    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])
    assert apply_edits("a\nb", [Edit(1, 1, "\nz")], "\r\n") == "a\r\nz\nb"


def test_never_fixes_a_file_with_syntax_errors():
    src = Source("sink { Console {} }\nenv { job.mode = BATCH \nsource { X {} }\n", "x.conf")
    res = fix_source(src, unsafe=True)
    assert res.refused and not res.changed
