"""The plugin-graph rules per engine: Zeta's checkGraph vs the Flink and Spark starters, which build
sources, then transforms in file order (an un-named transform reads the first table), then sinks (an
un-named sink reads the last table), and fail on `table x not found` / several inputs
(seatunnel-core/seatunnel-{flink,spark}-starter, 2.3.13). Real engine, real catalog."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text

GRAPH = ["undefined-plugin-input", "unused-plugin-output", "duplicate-plugin-output", "missing-plugin-output",
         "missing-plugin-input", "plugin-graph-cycle", "ambiguous-implicit-input", "multiple-plugin-inputs"]


def found(text: str, engine: str | None = None) -> list[tuple[str, str, str]]:
    res = lint_text(text, "job.conf", Settings(select=GRAPH, engine=engine))
    return [(d.name, d.severity, text[d.start:d.end]) for d in res.diagnostics]


# two sources, a sink without plugin_input: Zeta rejects (complex graph), the starters read the last table
UNNAMED_SINK = """env {}
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink { Console {} }
"""

# a transform chain without names: Zeta (complex: 2 transforms) requires names; the starters feed
# the un-named second transform the FIRST table (the source), so Sql is skipped
CHAIN = """env {}
source { FakeSource {} }
transform {
  Sql { query = "select * from dual" }
  Filter { include_fields = [name] }
}
sink { Console {} }
"""


def test_zeta_rejects_unnamed_plugins_in_complex_jobs():
    assert found(UNNAMED_SINK, "zeta") == [("unused-plugin-output", "error", '"a"'),
                                           ("unused-plugin-output", "error", '"b"'),
                                           ("missing-plugin-input", "error", "Console")]
    assert {n for n, _, _ in found(CHAIN, "zeta")} == {"missing-plugin-output", "missing-plugin-input"}


@pytest.mark.parametrize("engine", ["flink", "spark"])
def test_starters_do_not_require_names(engine):
    assert found(UNNAMED_SINK, engine) == []  # the sink reads the last table, `b`; nothing is rejected


@pytest.mark.parametrize("engine", ["flink", "spark"])
def test_starters_feed_an_unnamed_transform_the_first_table(engine):
    ds = lint_text(CHAIN, "job.conf", Settings(select=GRAPH, engine=engine)).diagnostics
    assert [(d.name, d.severity, CHAIN[d.start:d.end]) for d in ds] == [
        ("ambiguous-implicit-input", "warning", "Filter")]
    name = {"flink": "the Flink starter", "spark": "the Spark starter"}[engine]
    assert ds[0].message == (f"transform.Filter has no plugin_input, so {name} feeds it the first table, "
                             "source.FakeSource, and it skips transform.Sql")


@pytest.mark.parametrize("engine", ["flink", "spark"])
def test_starters_good_chain_is_clean(engine):
    good = """env {}
source { FakeSource { plugin_output = "src" } }
transform {
  Sql { plugin_input = "src", plugin_output = "q", query = "select * from src" }
  Filter { plugin_input = "q", plugin_output = "f", include_fields = [name] }
}
sink { Console { plugin_input = "f" } }
"""
    assert found(good, engine) == []
    assert found(good, "zeta") == []


def test_starter_unknown_input_is_an_error_even_in_a_simple_job():
    text = 'env {}\nsource { FakeSource { plugin_output = "fake" } }\nsink { Console { plugin_input = "fak" } }\n'
    assert found(text, "zeta") == [("undefined-plugin-input", "warning", '"fak"')]  # Zeta only logs it
    ds = lint_text(text, "job.conf", Settings(select=GRAPH, engine="flink")).diagnostics
    assert [(d.name, d.severity) for d in ds] == [("undefined-plugin-input", "error")]
    assert ds[0].message == ("`fak` (plugin_input of sink.Console) is not the plugin_output of any source or transform; "
                             "did you mean `fake`?: the Flink starter fails with `table fak not found` "
                             "(SeaTunnelException)")


def test_starter_forward_reference_is_table_not_found_not_a_cycle():
    text = """env {}
source { FakeSource { plugin_output = "src" } }
transform {
  Sql { plugin_input = "b", plugin_output = "a", query = "select * from b" }
  Sql { plugin_input = "a", plugin_output = "b", query = "select * from a" }
}
sink { Console { plugin_input = "b" } }
"""
    assert ("plugin-graph-cycle", "error", '"b"') in found(text, "zeta")
    ds = lint_text(text, "job.conf", Settings(select=GRAPH, engine="spark")).diagnostics
    assert [(d.name, d.severity, text[d.start:d.end]) for d in ds] == [("undefined-plugin-input", "error", '"b"')]
    assert "is built only after transform.Sql" in ds[0].message and "`table b not found`" in ds[0].message


def test_multiple_inputs_only_on_starters():
    text = """env {}
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink { Console { plugin_input = ["a", "b"] } }
"""
    assert found(text, "zeta") == []
    assert found(text, "flink") == [("multiple-plugin-inputs", "error", '"a", "b"')]
    good = text.replace('Console { plugin_input = ["a", "b"] }', 'Console { plugin_input = "a" }\n  Console { plugin_input = "b" }')
    assert found(good, "flink") == []


def test_duplicate_output_is_tolerated_by_the_starters():
    text = """env {}
source {
  FakeSource { plugin_output = "t" }
  FakeSource { plugin_output = "t" }
}
sink { Console { plugin_input = "t" } }
"""
    assert ("duplicate-plugin-output", "error", '"t"') in found(text, "zeta")
    assert found(text, "spark") == [("duplicate-plugin-output", "warning", '"t"')]


@pytest.mark.parametrize("env,engine", [
    ("execution.planner = blink", "flink"), ("flink.pipeline.name = x", "flink"),
    # the Flink starter's old spellings of the common keys are written for Zeta jobs too (SeaTunnel's
    # connector docs, the x2seatunnel converter): alone they do not select the Flink starter
    ("execution.parallelism = 1", "zeta"), ("execution.checkpoint.interval = 10000", "zeta"),
    ("execution.parallelism = 1\n  execution.checkpoint.mode = exactly-once", "flink"),
    ('spark.app.name = "x"', "spark"), ("spark { executor.instances = 1 }", "spark"),
    ("parallelism = 1", "zeta"),
])
def test_engine_from_env_keys(env, engine):
    text = UNNAMED_SINK.replace("env {}", "env {\n  " + env + "\n}")
    got = found(text)
    assert (got == []) == (engine != "zeta"), got
    # the setting wins over the keys
    assert found(text, "zeta") == found(UNNAMED_SINK, "zeta")


def test_doc_examples_of_the_new_rules():
    """The Bad example of multiple-plugin-inputs / not-a-job triggers the rule, the Good one does not."""
    import re

    from stlint.checks import all_rules

    for name in ("multiple-plugin-inputs", "not-a-job"):
        doc = all_rules()[name].doc
        bad, good = re.findall(r"```hocon\n(.*?)```", doc, re.S)[:2]
        got_bad = [d.name for d in lint_text(bad, "job.conf", Settings(select=["ALL"])).diagnostics]
        got_good = [d.name for d in lint_text(good, "job.conf", Settings(select=["ALL"])).diagnostics]
        assert name in got_bad and name not in got_good, (name, got_bad, got_good)
