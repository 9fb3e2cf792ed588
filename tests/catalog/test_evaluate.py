"""PluginSpec.evaluate follows SeaTunnel's ConfigValidator (facts section 6)."""

from __future__ import annotations

import pytest


def kinds(vs):
    return sorted((v.kind, v.options) for v in vs)


@pytest.fixture(scope="module")
def qsink(fixture_runtime):
    return fixture_runtime.find("sink", "qualifiedconst")


BASE = {"host": "h", "password": "p", "topics": "t", "query": "select 1", "extra": "e"}


def test_find_is_case_insensitive_and_kind_specific(fixture_runtime):
    assert fixture_runtime.find("sink", "QUALIFIEDCONST").name == "QualifiedConst"
    assert fixture_runtime.find("source", "QualifiedConst") is None
    assert fixture_runtime.kinds_of("s3fs") == ["source", "sink"]
    assert fixture_runtime.suggest("sink", "QualifedConst") == ["QualifiedConst"]


def test_valid_config_has_no_violation(qsink):
    assert qsink.evaluate(BASE) == []


def test_required_missing(qsink):
    vs = qsink.evaluate({"password": "p", "topics": "t", "query": "q", "extra": "e"})
    assert kinds(vs) == [("missing-required", ("host",))]
    assert vs[0].message == "`host` is required"


def test_exclusive_none_and_both(qsink):
    cfg = {k: v for k, v in BASE.items() if k != "query"}
    assert kinds(qsink.evaluate(cfg)) == [("exclusive", ("query", "acme.table"))]
    both = dict(BASE, **{"acme.table": "x"})
    assert kinds(qsink.evaluate(both)) == [("exclusive", ("query", "acme.table"))]
    assert "found `query`, `acme.table`" in qsink.evaluate(both)[0].message


def test_nested_spelling_of_dotted_key_counts(qsink):
    cfg = {k: v for k, v in BASE.items() if k != "query"}
    cfg["acme"] = {"table": "t"}  # ReadonlyConfig walks nested maps for "acme.table"
    assert qsink.evaluate(cfg) == []


def test_bundled_all_or_none(qsink):
    assert qsink.evaluate(dict(BASE, key_a="1", key_b="2")) == []
    vs = qsink.evaluate(dict(BASE, key_a="1"))
    assert kinds(vs) == [("bundled", ("key_a", "key_b"))]
    assert "`key_a` set but `key_b` not" in vs[0].message


def test_conditional_with_value_list(qsink):
    vs = qsink.evaluate(dict(BASE, format="csv"))  # enum matched case-insensitively
    assert kinds(vs) == [("missing-required", ("delimiter",))]
    assert vs[0].message == "`delimiter` is required because `format` is csv"
    assert kinds(qsink.evaluate(dict(BASE, format="TEXT"))) == [("missing-required", ("delimiter",))]
    assert qsink.evaluate(dict(BASE, format="json")) == []
    assert qsink.evaluate(BASE) == []  # trigger without default and unset never matches


def test_conditional_boolean_any_case(qsink):
    vs = qsink.evaluate(dict(BASE, enabled="TRUE"))
    assert kinds(vs) == [("missing-required", ("acme.table",))]
    assert "because `enabled` is TRUE" in vs[0].message


def test_conditional_uses_trigger_default(qsink):
    # conditional(MODE, Mode.FAST, EXTRA): MODE defaults to FAST, whose toString() is "fast"
    cfg = {k: v for k, v in BASE.items() if k != "extra"}
    vs = qsink.evaluate(cfg)
    assert kinds(vs) == [("missing-required", ("extra",))]
    assert vs[0].message == "`extra` is required because `mode` is fast (its default)"
    assert qsink.evaluate(dict(cfg, mode="slow")) == []
    assert kinds(qsink.evaluate(dict(cfg, mode="FAST"))) == [("missing-required", ("extra",))]


def test_unresolved_values_count_as_set(qsink):
    cfg = dict(BASE)
    cfg["host"] = {"$unresolved": "${HOST}"}
    cfg["format"] = "${fmt}"  # set, value unknown: no conditional decision, no value check
    assert qsink.evaluate(cfg) == []


def test_fallback_key_counts_as_set(fixture_runtime):
    spec = fixture_runtime.find("sink", "QualifiedConst")
    old = spec.option("old_name")
    assert old.key == "old_name" and old.deprecated and old.deprecated_for == "new_name"
    assert spec.option("result_table_name") is None  # sinks have no plugin_output
    assert spec.option("source_table_name").deprecated_for == "plugin_input"
    assert spec.evaluate(dict(BASE, old_name="x")) == []
    assert spec.option("plugin_input").type == "list"


def test_invalid_values(qsink):
    vs = qsink.evaluate(dict(BASE, codec="zstd"))
    assert kinds(vs) == [("invalid-value", ("codec",))]
    assert qsink.evaluate(dict(BASE, codec="lz4")) == []
    assert kinds(qsink.evaluate(dict(BASE, mode="medium"))) == [("invalid-value", ("mode",))]
    assert qsink.evaluate(dict(BASE, mode="SLOW")) == []  # enum toString, any case
    assert kinds(qsink.evaluate(dict(BASE, enabled="yes"))) == [("invalid-value", ("enabled",))]
    assert kinds(qsink.evaluate(dict(BASE, **{"partition.discovery.interval.millis": "12x"}))) == [
        ("invalid-value", ("partition.discovery.interval.millis",))]
    assert qsink.evaluate(dict(BASE, **{"partition.discovery.interval.millis": "1200"})) == []  # numeric string


def test_int_overflow(fixture_runtime):
    src = fixture_runtime.find("source", "LiteralSrc")
    assert src.evaluate({"topic": "t", "buffer.size": 2**31 - 1}) == []
    vs = src.evaluate({"topic": "t", "buffer.size": 2**31})
    assert kinds(vs) == [("invalid-value", ("buffer.size",))] and "overflows" in vs[0].message


def test_fallback_plugin_reports_no_missing_required(fixture_runtime):
    legacy = fixture_runtime.find("sink", "StarImported")
    assert legacy.validated is False
    assert legacy.evaluate({}) == []


def test_required_with_default_never_fires(fixture_runtime):
    env = fixture_runtime.env
    assert env.rule.required == ["job.mode"]
    assert env.evaluate({}) == []  # job.mode defaults to BATCH
    assert kinds(env.evaluate({"job.mode": "batchy"})) == [("invalid-value", ("job.mode",))]
