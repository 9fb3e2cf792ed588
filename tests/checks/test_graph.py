"""Graph family (ST3xx) through the real engine, and the corpus sanity check for ST3xx-ST5xx."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from testpaths import CORPUS, CORPUS_SEATUNNEL_VERSION, corpus_rows, require_shared
from stlint.checks import all_rules
from stlint.config import Settings
from stlint.engine import lint_source, lint_text
from stlint.fixes import apply_edits
from stlint.source import Source


def _lint(text, rule, **kw):
    return [d for d in lint_text(text, "job.conf", Settings(**kw)).diagnostics if d.name == rule]


def _fixed(text, d):
    return apply_edits(text, list(d.fix.edits))


SIMPLE_MISMATCH = """env {}
source { FakeSource { plugin_output = "fake" } }
sink { Console { plugin_input = "fak" } }
"""

COMPLEX = """env {}
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink {
  Console { plugin_input = ["a", "c"] }
}
"""


# ---- ST301 undefined-plugin-input ----------------------------------------------------------
def test_undefined_input_simple_graph_is_warning_with_fix():
    [d] = _lint(SIMPLE_MISMATCH, "undefined-plugin-input")
    assert SIMPLE_MISMATCH[d.start:d.end] == '"fak"'
    assert d.severity == "warning"
    assert d.message == ("`fak` (plugin_input of sink.Console) is not the plugin_output of any source or transform; "
                         "did you mean `fake`?; in a simple job SeaTunnel only logs this and feeds it from "
                         "source.FakeSource")
    assert d.fix.applicability == "unsafe"
    new = _fixed(SIMPLE_MISMATCH, d)
    assert 'plugin_input = "fake"' in new
    assert _lint(new, "undefined-plugin-input") == []


def test_undefined_input_complex_graph_is_error():
    [d] = _lint(COMPLEX, "undefined-plugin-input")
    assert COMPLEX[d.start:d.end] == '"c"'
    assert d.severity == "error"
    assert d.message.endswith("(SeaTunnel rejects the job: JobDefineCheckException)")
    new = _fixed(COMPLEX, d)
    assert 'plugin_input = ["a", "b"]' in new
    assert _lint(new, "undefined-plugin-input") == [] and _lint(new, "unused-plugin-output") == []


def test_undefined_input_comma_string_range():
    text = COMPLEX.replace('["a", "c"]', '"a, zz"')
    [d] = _lint(text, "undefined-plugin-input")
    assert text[d.start:d.end] == "zz"
    assert 'plugin_input = "a, b"' in _fixed(text, d)


def test_undefined_input_fine_and_variables():
    ok = SIMPLE_MISMATCH.replace('"fak"', '"fake"')
    assert _lint(ok, "undefined-plugin-input") == []
    var = SIMPLE_MISMATCH.replace('"fak"', '"${IN}"')
    assert _lint(var, "undefined-plugin-input") == []  # unknown until submitted
    assert len(_lint(var, "undefined-plugin-input", vars={"IN": "nope"})) == 1
    assert _lint(var, "undefined-plugin-input", vars={"IN": "fake"}) == []


# ---- ST302 unused-plugin-output ------------------------------------------------------------
def test_unused_output_complex():
    [d] = _lint(COMPLEX, "unused-plugin-output")
    assert COMPLEX[d.start:d.end] == '"b"'
    assert d.severity == "error"
    assert d.message == ("`b` (plugin_output of source.FakeSource) is read by no plugin_input: in a job with "
                         "2 source(s), 0 transform(s), 1 sink(s) SeaTunnel rejects unused tables "
                         "(JobDefineCheckException)")


def test_unused_output_not_in_simple_graph():
    text = 'env {}\nsource { FakeSource { plugin_output = "fake" } }\nsink { Console {} }\n'
    assert _lint(text, "unused-plugin-output") == []
    assert _lint(COMPLEX.replace('["a", "c"]', '["a", "b"]'), "unused-plugin-output") == []


# ---- ST303 duplicate-plugin-output ---------------------------------------------------------
def test_duplicate_output_complex_error_with_related():
    text = COMPLEX.replace('plugin_output = "b"', 'plugin_output = "a"')
    [d] = _lint(text, "duplicate-plugin-output")
    assert text[d.start:d.end] == '"a"' and d.start == text.rindex('"a" }')
    assert d.severity == "error"
    assert d.message == ("`a` is already the plugin_output of source.FakeSource (3:32); SeaTunnel rejects two "
                         "producers with the same name (JobDefineCheckException)")
    [rel] = d.related
    assert text[rel.start:rel.end] == '"a"' and rel.start == text.index('"a"')


def test_duplicate_output_simple_is_warning_and_distinct_is_fine():
    text = ('env {}\nsource { FakeSource { plugin_output = "t" } }\n'
            'transform { Sql { plugin_input = "t", plugin_output = "t", query = "select * from t" } }\n'
            'sink { Console { plugin_input = "t" } }\n')
    [d] = _lint(text, "duplicate-plugin-output")
    assert d.severity == "warning"
    assert _lint(COMPLEX, "duplicate-plugin-output") == []


# ---- ST304 / ST305 missing-plugin-output / missing-plugin-input ---------------------------------
CHAIN = """env {}
source { FakeSource {} }
transform {
  Sql { query = "select * from dual" }
  Filter { include_fields = [name] }
}
sink { Console {} }
"""


def test_unnamed_chain_with_two_transforms_is_rejected():
    outs = _lint(CHAIN, "missing-plugin-output")
    assert [CHAIN[d.start:d.end] for d in outs] == ["FakeSource", "Sql", "Filter"]
    assert all(d.severity == "error" for d in outs)
    assert outs[0].message == ("source.FakeSource has no plugin_output: in a job with 1 source(s), 2 transform(s), "
                               "1 sink(s) SeaTunnel requires it on every source and transform (JobDefineCheckException)")
    ins = _lint(CHAIN, "missing-plugin-input")
    assert [CHAIN[d.start:d.end] for d in ins] == ["Sql", "Filter", "Console"]
    assert ins[2].message.startswith("sink.Console has no plugin_input: in a job with 1 source(s), 2 transform(s)")


def test_missing_names_fine_in_simple_graph_and_when_named():
    simple = 'env {}\nsource { FakeSource {} }\ntransform { Sql { query = "q" } }\nsink { Console {} }\n'
    assert _lint(simple, "missing-plugin-output") == [] and _lint(simple, "missing-plugin-input") == []
    named = """env {}
source { FakeSource { plugin_output = "s" } }
transform {
  Sql { plugin_input = "s", plugin_output = "q", query = "select * from s" }
  Filter { source_table_name = "q", result_table_name = "f", include_fields = [name] }
}
sink { Console { plugin_input = "f" } }
"""
    for r in ("missing-plugin-output", "missing-plugin-input", "undefined-plugin-input", "unused-plugin-output"):
        assert _lint(named, r) == [], r


# ---- ST306 plugin-graph-cycle --------------------------------------------------------------
CYCLE = """env {}
source { FakeSource { plugin_output = "src" } }
transform {
  Sql { plugin_input = ["src", "b"], plugin_output = "a", query = "q" }
  Sql { plugin_input = "a", plugin_output = "b", query = "q" }
  Sql { plugin_input = "c", plugin_output = "c", query = "q" }
}
sink { Console { plugin_input = "b" } }
"""


def test_cycle_detected():
    # t1 reads src (built) so it is built: no hang; t2 reads a: fine; t3 reads itself
    ds = _lint(CYCLE, "plugin-graph-cycle")
    assert [(CYCLE[d.start:d.end], d.severity) for d in ds] == [('"b"', "warning"), ('"c"', "warning")]
    assert ds[0].message.endswith("SeaTunnel builds each from the inputs that exist at that moment, so part of "
                                  "the cycle is silently not read")
    assert ds[1].message == ("transform.Sql reads its own output `c`: SeaTunnel cannot build it from itself and "
                             "feeds it the last table built instead")
    hang = CYCLE.replace('["src", "b"]', '"b"').replace('plugin_input = "c", plugin_output = "c"',
                                                      'plugin_input = "src", plugin_output = "c"')
    hang = hang.replace('plugin_input = "b" }', 'plugin_input = ["b", "c"] }')
    [d] = _lint(hang, "plugin-graph-cycle")
    assert hang[d.start:d.end] == '"b"' and d.severity == "error"
    assert d.message.startswith("these transforms read each other's output (transform.Sql (`a`) → transform.Sql (`b`))")
    assert "loops forever" in d.message
    [rel] = d.related
    assert hang[rel.start:rel.end] == '"a"'


def test_no_cycle_in_a_chain():
    text = CYCLE.replace('["src", "b"]', '"src"').replace('plugin_input = "c", plugin_output = "c"',
                                                         'plugin_input = "b", plugin_output = "c"')
    assert _lint(text.replace('plugin_input = "b" }', 'plugin_input = "c" }'), "plugin-graph-cycle") == []


# ---- ST307 ambiguous-implicit-input --------------------------------------------------------
BYPASS = """env {}
source { FakeSource {} }
transform { Sql { plugin_output = "q", query = "select * from dual" } }
sink {
  Console {
    log.print.data = true
  }
}
"""


def test_sink_skips_named_transform():
    [d] = _lint(BYPASS, "ambiguous-implicit-input")
    assert BYPASS[d.start:d.end] == "Console"
    assert d.severity == "warning"
    assert d.message == ("sink.Console has no plugin_input, so it reads the latest producer without plugin_output, "
                         "source.FakeSource, and skips transform.Sql (whose output `q` is then unused); "
                         "add plugin_input = \"q\"")
    new = _fixed(BYPASS, d)
    assert '  Console {\n    plugin_input = "q"\n    log.print.data = true\n  }' in new
    assert _lint(new, "ambiguous-implicit-input") == []


def test_implicit_input_obvious_cases():
    for text in ('env {}\nsource { FakeSource {} }\ntransform { Sql { query = "q" } }\nsink { Console {} }\n',
                 'env {}\nsource { FakeSource { plugin_output = "s" } }\ntransform { Sql { plugin_output = "q", query = "q" } }\nsink { Console {} }\n',
                 'env {}\nsource { FakeSource { plugin_output = "s" } }\nsink { Console {} }\n'):
        assert _lint(text, "ambiguous-implicit-input") == [], text


def test_empty_block_fix():
    text = BYPASS.replace("Console {\n    log.print.data = true\n  }", "Console {}")
    [d] = _lint(text, "ambiguous-implicit-input")
    assert 'Console { plugin_input = "q" }' in _fixed(text, d)


# ---- corpus -------------------------------------------------------------------------------
EXPECTED = Path(__file__).resolve().parent / "corpus_expected_graph.yaml"
FAMILIES = ("graph", "secrets", "variables")


def test_corpus_errors_are_all_expected(capsys):
    require_shared()
    import yaml

    names = [n for n, r in all_rules().items() if r.family in FAMILIES]
    entries = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    expected = Counter()
    for e in entries:
        for t in e["text"]:
            expected[(e["file"], e["rule"], t)] += 1
    found = Counter()
    per_rule = Counter()
    t0 = time.perf_counter()
    for row in corpus_rows():
        src = Source.from_bytes((CORPUS / row["file"]).read_bytes(), row["file"])
        for d in lint_source(src, Settings(select=names, seatunnel_version=CORPUS_SEATUNNEL_VERSION)).diagnostics:
            if d.name not in names:
                continue
            per_rule[(d.name, d.severity)] += 1
            if d.severity == "error":
                found[(row["file"], d.name, src.text[d.start:d.end])] += 1
    elapsed = time.perf_counter() - t0
    with capsys.disabled():
        print(f"\ngraph/secrets/variables on the corpus: {dict(sorted(per_rule.items()))} in {elapsed:.1f}s")
    assert found == expected


def test_duplicate_plugin_output_fix_renames_to_the_only_missing_name():
    from stlint.engine import lint_text
    from stlint.fixes import apply_edits

    text = ('env {}\nsource {\n  FakeSource { plugin_output = "t1" }\n  FakeSource { plugin_output = "t1" }\n}\n'
            'sink {\n  Console { plugin_input = ["t1"] }\n  Console { plugin_input = ["t2"] }\n}\n')
    ds = [d for d in lint_text(text).diagnostics if d.name == "duplicate-plugin-output"]
    assert len(ds) == 1
    d = ds[0]
    assert d.start == text.rindex('"t1" }\n}') and text[d.start:d.end] == '"t1"'
    assert d.fix.applicability == "unsafe"
    fixed = apply_edits(text, list(d.fix.edits))
    assert fixed == text.replace('FakeSource { plugin_output = "t1" }\n}', 'FakeSource { plugin_output = "t2" }\n}')
    after = lint_text(fixed).diagnostics
    assert not [x for x in after if x.name in ("duplicate-plugin-output", "undefined-plugin-input")]
    # no fix when the missing name is ambiguous
    text2 = text.replace('Console { plugin_input = ["t1"] }', 'Console { plugin_input = ["t3"] }')
    [d2] = [d for d in lint_text(text2).diagnostics if d.name == "duplicate-plugin-output"]
    assert d2.fix is None
