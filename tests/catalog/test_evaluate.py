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
    # (ConfigUtil.convertToInt throws for a Long out of range, then Jackson fails too)
    assert kinds(vs) == [("invalid-value", ("buffer.size",))] and "is out of the range of an integer" in vs[0].message


def test_fallback_plugin_reports_no_missing_required(fixture_runtime):
    legacy = fixture_runtime.find("sink", "StarImported")
    assert legacy.validated is False
    assert legacy.evaluate({}) == []


def test_required_with_default_never_fires(fixture_runtime):
    env = fixture_runtime.env
    assert env.rule.required == ["job.mode"]
    assert env.evaluate({}) == []  # job.mode defaults to BATCH
    assert kinds(env.evaluate({"job.mode": "batchy"})) == [("invalid-value", ("job.mode",))]


# ---------------------------------------------------------------------------- runtime requirements
# A synthetic catalog (the shape `stlint catalog build` writes) plus overlay `runtime:` and
# `multi_table:` entries, so each evaluation rule is tested independently of the shipped catalogs.

def _opt(key, type_="string", **kw):
    return {"key": key, "type": type_, "has_default": "default" in kw, **kw}


RT_DATA = {
    "format": 1, "version": "2.3.11", "common": {"source": {}, "transform": {}, "sink": {}},
    "plugins": [
        {"kind": "source", "name": "Files", "factory": "x.FilesFactory", "validated": True,
         "options": {k: o for k, o in {
             "path": _opt("path"), "tables_configs": _opt("tables_configs", "list", element_type="map"),
             "format": _opt("format", "enum", enum_values=["JSON", "TEXT"]), "schema": _opt("schema", "map"),
             "retries": _opt("retries", "int", default=3)}.items()},
         "rule": [{"type": "exclusive", "options": ["tables_configs", "path"]},
                  {"type": "optional", "options": ["format", "schema", "retries"]}]},
        {"kind": "sink", "name": "Lake", "factory": "x.LakeFactory", "validated": True,
         "options": {"op": _opt("op", "object", default_dynamic=True, default="INSERT"),
                     "keys": _opt("keys"), "user": _opt("user"), "password": _opt("password"),
                     "auth": _opt("auth", "enum", enum_values=["BASIC", "TOKEN"], default="BASIC"),
                     "table_list": _opt("table_list", "list", element_type="object"),
                     "interval": _opt("interval", "long", default=-1), "strictly": _opt("strictly", "boolean", default=False)},
         "rule": [{"type": "optional", "options": ["op", "keys", "user", "password", "auth", "table_list", "interval",
                                                   "strictly"]}]},
        {"kind": "sink", "name": "Old", "factory": "x.OldFactory", "validated": False,
         "options": {"host": _opt("host")}, "rule": [{"type": "required", "options": ["host"]}],
         "runtime": [{"type": "required", "options": ["host", "port"], "message": "please specify [%s] as non-empty",
                      "where": "x/OldSink.java:40", "strict": True, "origin": "scan"}]},
    ],
}
W = "x/Y.java:1"
RT_OVERLAY = {
    "runtime": [
        {"kind": "source", "name": "Files", "type": "required", "options": ["format"], "per_table": True,
         "message": "NullPointerException", "where": W},
        {"kind": "source", "name": "Files", "type": "required", "options": ["path"], "per_table": True,
         "message": "dup of the rule", "where": W},
        {"kind": "sink", "name": "Lake", "type": "conditional", "option": "op", "values": ["UPSERT"],
         "options": ["keys"], "per_table": True, "message": "keys for upsert", "where": W},
        {"kind": "sink", "name": "Lake", "type": "conditional", "present": "user", "option": "auth", "values": ["BASIC"],
         "options": ["password"], "message": "Password is required when username is provided", "where": W},
        {"kind": "sink", "name": "Lake", "type": "conditional", "option": "strictly", "values": [True],
         "options": ["interval"], "strict": True, "message": "interval must be configured", "where": W},
        {"kind": "sink", "name": "Lake", "since": "2.3.12", "type": "required", "options": ["user"],
         "message": "not yet", "where": W},
        {"kind": "sink", "name": "Lake", "until": "2.3.10", "type": "required", "options": ["keys"],
         "message": "no longer", "where": W},
    ],
    "multi_table": [
        {"kind": "source", "names": ["Files"], "option": "tables_configs", "where": W},
        {"kind": "sink", "names": ["Lake"], "option": "table_list", "keys": ["op", "keys"], "where": W},
    ],
}


@pytest.fixture(scope="module")
def rt():
    from stlint.catalog.model import Catalog

    return Catalog(RT_DATA, RT_OVERLAY)


def _v(vs):
    return [(v.kind, v.options, v.entry, v.runtime.message if v.runtime else None) for v in vs]


def test_runtime_required_quotes_seatunnel_and_dedups_with_the_rule(rt):
    files = rt.find("source", "Files")
    vs = files.evaluate({})
    # the rule's exclusive(tables_configs, path) already reports `path`: no second finding
    assert _v(vs) == [("exclusive", ("tables_configs", "path"), None, None),
                      ("missing-required", ("format",), None, "NullPointerException")]
    assert vs[1].message == "`format` is required" and vs[1].runtime.where == W
    assert files.evaluate({"path": "/p", "format": "json"}) == []


def test_per_table_requirements_move_into_the_entries(rt):
    files = rt.find("source", "Files")
    cfg = {"tables_configs": [{"path": "/a", "format": "json"}, {"path": "/b"}, {"path": "/c", "format": "jsn"}]}
    assert _v(files.evaluate(cfg)) == [("missing-required", ("format",), ("tables_configs", 1), "NullPointerException"),
                                       ("invalid-value", ("format",), ("tables_configs", 2), None)]
    # entries are whole configs: the block's own `format` does not fill them in
    assert _v(files.evaluate(dict(cfg, format="json")))[0][2] == ("tables_configs", 1)


def test_conditional_on_a_loosely_typed_trigger_matches_any_case(rt):
    lake = rt.find("sink", "Lake")
    assert _v(lake.evaluate({"op": "upsert"})) == [("missing-required", ("keys",), None, "keys for upsert")]
    assert lake.evaluate({"op": "upsert"})[0].message == "`keys` is required because `op` is upsert"
    assert lake.evaluate({"op": "insert"}) == [] and lake.evaluate({}) == []  # dynamic default never triggers
    assert lake.evaluate({"op": "UPSERT", "keys": "id"}) == []


def test_per_table_conditional_in_key_list_entries(rt):
    lake = rt.find("sink", "Lake")
    cfg = {"op": "upsert", "table_list": [{"op": "UPSERT", "keys": "id"}, {"op": "Upsert"}, {"op": "insert"}]}
    # with table_list set the block's own op/keys are not read
    assert _v(lake.evaluate(cfg)) == [("missing-required", ("keys",), ("table_list", 1), "keys for upsert")]


def test_conditional_on_presence_and_trigger_default(rt):
    lake = rt.find("sink", "Lake")
    vs = lake.evaluate({"user": "u"})
    assert _v(vs) == [("missing-required", ("password",), None, "Password is required when username is provided")]
    assert vs[0].message == "`password` is required because `user` is set"
    assert lake.evaluate({"user": "u", "auth": "token"}) == []
    assert lake.evaluate({"password": "p"}) == []


def test_strict_runtime_check_ignores_defaults(rt):
    lake = rt.find("sink", "Lake")
    # the declared rule would accept a defaulted option; a check that reads the written keys does not
    assert _v(lake.evaluate({"strictly": True})) == [("missing-required", ("interval",), None,
                                                      "interval must be configured")]
    assert lake.evaluate({"strictly": True, "interval": 1000}) == []


def test_unvalidated_plugin_gets_only_its_startup_checks(rt):
    old = rt.find("sink", "Old")
    vs = old.evaluate({})
    # optionRule() is skipped (fallback factory); prepare()'s CheckConfigUtil is not
    assert _v(vs) == [("missing-required", ("host",), None, "please specify [%s] as non-empty"),
                      ("missing-required", ("port",), None, "please specify [%s] as non-empty")]
    assert vs[0].runtime.location == "OldSink.java:40"


def test_entries_apply_by_release():
    from stlint.catalog.model import Catalog, release_key

    assert release_key("2.3.10-dev") == (2, 3, 10) and release_key("dev") is None
    for version, want in (("2.3.9", ["keys"]), ("2.3.10-dev", ["keys"]), ("2.3.11", []), ("2.3.12", ["user"]),
                          ("2.3.13", ["user"])):
        lake = Catalog(dict(RT_DATA, version=version), RT_OVERLAY).find("sink", "Lake")
        assert [k for v in lake.evaluate({}) for k in v.options] == want, version


def test_a_table_list_that_is_set_replaces_the_block_even_empty_or_unknown(rt):
    files = rt.find("source", "Files")
    # SeaTunnel tests getOptional(tables_configs).isPresent(): an empty list means no table to check
    assert files.evaluate({"tables_configs": []}) == []
    assert files.evaluate({"tables_configs": {"$unresolved": "${T}"}}) == []
    assert _v(files.evaluate({"path": "/p"})) == [("missing-required", ("format",), None, "NullPointerException")]
