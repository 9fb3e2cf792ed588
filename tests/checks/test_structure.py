"""Structure rules (ST0xx) and inline suppressions, through the real engine."""

from __future__ import annotations

from stlint.config import Settings
from stlint.engine import lint_text
from stlint.fixes import apply_edits, fix_source
from stlint.source import Source

OK_TAIL = "source {\n  FakeSource {}\n}\nsink {\n  Console {}\n}\n"


def diags(text: str, name: str | None = None, path: str | None = None):
    res = lint_text(text, path, Settings(select=[name]) if name else None)
    return [d for d in res.diagnostics if name is None or d.name == name]


def one(text: str, name: str, path: str | None = None):
    ds = diags(text, name, path)
    assert len(ds) == 1, [(d.name, d.message) for d in ds]
    return ds[0]


def test_syntax_error_reported_with_position():
    text = "env {\n  job.mode = \n}\n" + OK_TAIL
    d = one(text, "syntax-error")
    assert d.severity == "error" and text[:d.start].count("\n") == 2  # the `}` on line 3
    assert d.message.startswith("unexpected `}`")


def test_duplicate_key():
    text = 'env {}\nsource {\n  FakeSource {\n    row.num = 1\n    row.num = 2\n  }\n}\nsink { Console {} }\n'
    d = one(text, "duplicate-key")
    assert text[d.start:d.end] == "row.num" and d.start == text.index("row.num = 2")
    assert d.message == "`row.num` is set again here; the value at 4:5 is ignored"
    assert d.related[0].start == text.index("row.num = 1")
    # objects merge, so repeating an object key is not a duplicate
    assert diags('env { a { x = 1 }\n a { y = 2 } }\n' + OK_TAIL, "duplicate-key") == []


def test_unknown_section_with_did_you_mean_and_fix():
    text = 'nv {\n  job.mode = "BATCH"\n}\n' + OK_TAIL
    d = one(text, "unknown-section")
    assert (text[d.start:d.end], d.severity) == ("nv", "error")
    assert d.message == "unknown section `nv`; did you mean `env`?"
    assert d.fix.applicability == "unsafe"
    assert apply_edits(text, list(d.fix.edits)).startswith("env {")
    assert diags("env {}\n" + OK_TAIL, "unknown-section") == []


def test_missing_section():
    text = "env {}\nsource {\n  FakeSource {}\n}\n"
    d = one(text, "missing-section")
    assert d.message == "no `sink` section: a job needs at least one sink plugin"
    text2 = "source {\n  FakeSource {}\n}\nsink {}\n"
    msgs = sorted(d.message for d in diags(text2, "missing-section"))
    assert msgs == ["`sink` has no plugin: a job needs at least one sink plugin",
                    "no `env` section: SeaTunnel needs one (it may be empty: `env {}`)"]
    assert diags("env {}\n" + OK_TAIL, "missing-section") == []


def test_repeated_section():
    text = 'env {}\nsource {\n  A { plugin_output = "a" }\n}\nsource {\n  B {}\n}\nsink { Console {} }\n'
    d = one(text, "repeated-section")
    assert d.start == text.index("source") and text[d.start:d.end] == "source"
    assert d.message == "this `source` section is replaced by the one at 5:1; its 1 plugin(s) are lost"
    assert d.related[0].start == text.index("source {\n  B")


def test_mangled_nested_key():
    text = 'env {}\nsource { FakeSource {} }\nsink {\n  Doris {\n    sink {\n      label-prefix = "x"\n    }\n  }\n}\n'
    d = one(text, "mangled-nested-key")
    assert d.start == text.index("sink {\n      label") and text[d.start:d.end] == "sink"
    assert "rewritten by SeaTunnel's parser" in d.message
    ok = 'env {}\nsource { FakeSource {} }\nsink {\n  Doris {\n    sink.label-prefix = "x"\n  }\n}\n'
    assert diags(ok, "mangled-nested-key") == []


def test_list_section_in_hocon_but_not_in_json():
    text = 'env {}\nsource = [ { plugin_name = "FakeSource" } ]\nsink { Console {} }\n'
    d = one(text, "list-section-in-hocon")
    assert text[d.start:d.end] == "source"
    js = '{"env": {}, "source": [{"plugin_name": "FakeSource"}], "sink": [{"plugin_name": "Console"}]}'
    assert diags(js, "list-section-in-hocon", path="job.json") == []


def test_ignored_include(tmp_path):
    (tmp_path / "more.conf").write_text("X {}\n")
    text = 'env {}\nsource {\n  include "more.conf"\n  FakeSource {}\n}\nsink { Console {} }\n'
    p = tmp_path / "job.conf"
    p.write_text(text)
    res = lint_text(text, str(p), Settings(select=["ignored-include"]))
    [d] = res.diagnostics
    assert text[d.start:d.end] == 'include "more.conf"'


def test_unresolved_include_is_a_warning():
    text = 'include url("http://example.invalid/a.conf")\nenv {}\n' + OK_TAIL
    d = one(text, "unresolved-include", path="/tmp/job.conf")
    assert d.severity == "warning" and "never" not in d.message and "url(" in d.message


def test_section_order_fix_moves_sections_with_comments():
    text = "# job\n\n# the sink\nsink {\n  Console {}\n}\nenv {}\nsource {\n  FakeSource {}\n}\n"
    d = one(text, "section-order")
    assert d.severity == "info" and text[d.start:d.end] == "env"
    res = fix_source(Source(text, "x.conf"), unsafe=True)
    assert res.text == "# job\n\nenv {}\nsource {\n  FakeSource {}\n}\n# the sink\nsink {\n  Console {}\n}\n"
    assert diags("env {}\n" + OK_TAIL, "section-order") == []


def test_suppressions_next_line_block_and_unused():
    text = ('env {}\nsource {\n  FakeSource {\n    # stlint: disable-next-line=duplicate-key\n    a = 1\n    a = 2\n  }\n}\n'
            'sink {\n  Console {\n    # stlint: disable=duplicate-key\n    b = 1\n    b = 2\n  }\n'
            '  Console {\n    c = 1\n    c = 2\n  }\n}\n')
    res = lint_text(text, None, Settings(select=["duplicate-key", "unused-suppression"]))
    names = [(d.name, text[d.start:d.end]) for d in res.diagnostics]
    # line-level directive above `a = 1` does not cover `a = 2` (the duplicate) -> unused + reported
    assert ("duplicate-key", "a") in names
    assert ("unused-suppression", "# stlint: disable-next-line=duplicate-key") in names
    # block-level disable covers `b`, ends with its block: `c` is reported
    assert ("duplicate-key", "b") not in names and ("duplicate-key", "c") in names


def test_suppression_enable_ends_disable():
    text = ('env {}\n# stlint: disable=section-order\nsink { Console {} }\nsource { FakeSource {} }\n')
    assert diags(text, "section-order") == []
    text2 = ('env {}\n# stlint: disable=duplicate-key\nsource { A { x = 1, x = 2 } }\n# stlint: enable=duplicate-key\n'
             'sink { B { y = 1, y = 2 } }\n')
    res = lint_text(text2, None, Settings(select=["duplicate-key"]))
    assert [text2[d.start:d.end] for d in res.diagnostics] == ["y"]


def test_corpus_structure_errors_are_the_listed_true_problems():
    import yaml

    from testpaths import CORPUS, CORPUS_SEATUNNEL_VERSION, corpus_rows

    rows = corpus_rows()
    if not rows:
        import pytest

        pytest.skip("corpus not found")
    from stlint.checks import all_rules

    names = [n for n, r in all_rules().items() if r.family == "structure"]
    found = set()
    for r in rows:
        res = lint_text((CORPUS / r["file"]).read_text(encoding="utf-8"), r["file"], Settings(select=names, seatunnel_version=CORPUS_SEATUNNEL_VERSION))
        for d in res.diagnostics:
            if d.severity == "error":
                found.add((r["file"], d.name))
    from pathlib import Path

    listed = yaml.safe_load((Path(__file__).parent / "corpus_expected_structure.yaml").read_text())
    assert all(e["reason"] for e in listed)
    assert found == {(e["file"], e["rule"]) for e in listed}
