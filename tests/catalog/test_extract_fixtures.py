"""Extractor on hand-written Java fixtures: one construct per assertion, no SeaTunnel checkout needed."""

from __future__ import annotations

import pytest


def _plugin(cat, kind, name):
    for p in cat["plugins"]:
        if p["kind"] == kind and p["name"] == name:
            return p
    raise AssertionError(f"{kind} {name} not extracted; have {[(p['kind'], p['name']) for p in cat['plugins']]}")


def test_report_is_empty(fixture_catalog):
    _, report = fixture_catalog
    assert report.unresolved == []
    # the dynamic default is reported as a note with its reason
    assert any("server_time_zone" in n and "dynamic" in n for n in report.notes)


def test_identifier_styles(fixture_catalog):
    cat, _ = fixture_catalog
    names = {(p["kind"], p["name"]) for p in cat["plugins"]}
    assert ("source", "LiteralSrc") in names  # string literal
    assert ("sink", "QualifiedConst") in names  # qualified constant built by concatenation
    assert ("sink", "StarImported") in names  # static on-demand import (import static ...Names.*)
    assert ("transform", "InheritedId") in names  # constant inherited from an interface of the superclass
    assert ("source", "S3Fs") in names and ("sink", "S3Fs") in names  # enum method; both kinds kept separately
    assert not any(n == "TestOnly" for _, n in names)  # src/test factories are ignored
    assert not any(k == "other" for k, _ in names)  # EnvOptionRule is not a plugin


def test_fallback_plugins_are_marked(fixture_catalog):
    cat, _ = fixture_catalog
    assert _plugin(cat, "sink", "StarImported")["validated"] is False  # no createSink()
    assert _plugin(cat, "sink", "S3Fs")["validated"] is False
    assert _plugin(cat, "source", "S3Fs")["validated"] is True
    assert _plugin(cat, "transform", "InheritedId")["validated"] is True  # createTransform inherited


def test_colliding_simple_names_resolve_through_imports(fixture_catalog):
    cat, _ = fixture_catalog
    assert "topic" in _plugin(cat, "source", "LiteralSrc")["options"]  # com.acme.one.CommonOpts
    assert "topics" in _plugin(cat, "sink", "QualifiedConst")["options"]  # com.acme.two.CommonOpts


def test_options_inherited_through_class_and_interface(fixture_catalog):
    cat, _ = fixture_catalog
    opts = _plugin(cat, "sink", "QualifiedConst")["options"]
    # SinkOpts.PASSWORD is declared in interface SharedOpts implemented by superclass BaseOpts
    assert opts["password"]["declared_in"] == "com.acme.options.SharedOpts.PASSWORD"
    # SinkOpts.DISCOVERY: key by string concatenation, declared in the superclass
    assert opts["partition.discovery.interval.millis"]["type"] == "long"
    assert opts["partition.discovery.interval.millis"]["default"] == -1


def test_keys_from_constants(fixture_catalog):
    cat, _ = fixture_catalog
    opts = _plugin(cat, "sink", "QualifiedConst")["options"]
    assert "host" in opts  # Options.key(HOST_KEY), constant inherited from an interface
    assert "acme.table" in opts  # Options.key(Names.PREFIX + "table")


def test_defaults(fixture_catalog):
    cat, _ = fixture_catalog
    opts = _plugin(cat, "source", "LiteralSrc")["options"]
    assert opts["buffer.size"]["default"] == 262144 and opts["buffer.size"]["has_default"] is True
    tz = opts["server_time_zone"]
    assert tz["has_default"] is True and tz["default_dynamic"] is True and "default" not in tz
    assert tz["default_text"] == "ZoneId.systemDefault().getId()"


def test_enum_tostring_and_single_choice(fixture_catalog):
    cat, _ = fixture_catalog
    opts = _plugin(cat, "sink", "QualifiedConst")["options"]
    assert opts["mode"]["type"] == "enum"
    assert opts["mode"]["enum_values"] == ["fast", "slow"]  # toString() override, not the constant names
    assert opts["mode"]["default"] == "fast"
    assert opts["codec"]["choices"] == ["none", "lz4"] and opts["codec"]["default"] == "none"
    assert opts["new_name"]["fallback_keys"] == ["old_name"]


def test_rule_structure(fixture_catalog):
    cat, _ = fixture_catalog
    rule = _plugin(cat, "sink", "QualifiedConst")["rule"]
    types = [g["type"] for g in rule]
    # BaseRules.BASE_RULE (static Builder field in another class) contributes the first group
    assert rule[0] == {"type": "required", "options": ["host"]}
    assert {"type": "exclusive", "options": ["query", "acme.table"]} in rule
    assert {"type": "bundled", "options": ["key_a", "key_b"]} in rule
    conds = [g for g in rule if g["type"] == "conditional"]
    assert {"option": "format", "values": ["CSV", "TEXT"], "options": ["delimiter"]}.items() <= conds[0].items()
    assert conds[1]["option"] == "enabled" and conds[1]["values"] == [True]
    assert conds[2]["option"] == "mode" and conds[2]["values"] == ["fast"]  # enum trigger by toString
    assert types.count("optional") == 2


def test_helper_static_method_rule(fixture_catalog):
    cat, _ = fixture_catalog
    rule = _plugin(cat, "source", "LiteralSrc")["rule"]
    assert rule[0] == {"type": "optional", "options": ["buffer.size", "server_time_zone"]}  # BaseRules.base()
    assert rule[1] == {"type": "required", "options": ["topic"]}


def test_inherited_option_rule(fixture_catalog):
    cat, _ = fixture_catalog
    assert _plugin(cat, "transform", "InheritedId")["rule"] == [{"type": "optional", "options": ["query"]}]


def test_common_keys_and_env(fixture_catalog):
    cat, _ = fixture_catalog
    assert set(cat["common"]["source"]) == {"plugin_name", "plugin_output", "parallelism"}
    assert set(cat["common"]["sink"]) == {"plugin_name", "plugin_input", "parallelism"}
    assert cat["common"]["transform"]["plugin_input"]["fallback_keys"] == ["source_table_name"]
    assert cat["env"]["rule"][0] == {"type": "required", "options": ["job.mode"]}
    assert cat["env"]["options"]["job.mode"]["enum_values"] == ["BATCH", "STREAMING"]


def test_docs_urls(fixture_catalog):
    cat, _ = fixture_catalog
    assert _plugin(cat, "source", "LiteralSrc")["docs_url"] == "https://seatunnel.apache.org/docs/connector-v2/source/LiteralSrc"
    assert _plugin(cat, "sink", "QualifiedConst")["docs_url"].endswith("/connector-v2/sink/Qualified-Const")
    assert _plugin(cat, "transform", "InheritedId")["docs_url"].endswith("/transform-v2/inherited-id")
    assert "docs_url" not in _plugin(cat, "sink", "StarImported")


def test_fixture_catalog_passes_schema(fixture_catalog):
    from stlint.catalog.schema import validate_catalog

    cat, _ = fixture_catalog
    validate_catalog(cat)


def test_unresolved_constructs_are_reported(tmp_path):
    from stlint.catalog.extract import build_catalog

    d = tmp_path / "m" / "src" / "main" / "java" / "x"
    d.mkdir(parents=True)
    (d / "BadFactory.java").write_text(
        "package x; import com.google.auto.service.AutoService;\n"
        "@AutoService(Factory.class) public class BadFactory implements TableSourceFactory {\n"
        "  public String factoryIdentifier() { return \"Bad\"; }\n"
        "  public OptionRule optionRule() { return OptionRule.builder().required(Missing.OPT, Ext.thing()).build(); }\n"
        "  public TableSource createSource(TableSourceFactoryContext c) { return null; } }\n"
    )
    cat, report = build_catalog(str(tmp_path), "t")
    bad = [line for line in report.unresolved if line.startswith("source Bad")]
    assert len(bad) == 2 and all("option unresolved" in line for line in bad)
    assert any("Missing.OPT" in line for line in bad) and any("Ext.thing()" in line for line in bad)
    # no API tree at all: the missing engine options are reported too
    assert any(line.startswith("common:") for line in report.unresolved)
    assert cat["plugins"][0]["rule"] == [{"type": "required", "options": []}]


# ---------------------------------------------------------------------------- options read outside optionRule()
# fixtures: reads-conn (the connector module, depends on reads-base in its pom.xml), reads-base (shared
# base module), reads-other (a test-scoped dependency only: never followed)


def test_reads_from_config_classes_and_base_modules(fixture_catalog):
    cat, _ = fixture_catalog
    opts = _plugin(cat, "source", "ReadsSrc")["options"]
    assert opts["host"].get("source") is None  # declared by optionRule(): not marked
    name = opts["catalog_name"]  # ReadsConfig: config.get(ReadsOptions.CATALOG_NAME)
    assert name["source"] == "read" and name["default"] == "default" and name["fallback_keys"] == ["catalog"]
    assert name["declared_in"] == "com.acme.reads.ReadsOptions.CATALOG_NAME"
    assert opts["client.config"]["type"] == "map" and opts["client.config"]["source"] == "read"  # bare static import
    batch = opts["batch_size"]  # base module, through the Dispatch enum -> new BaseReader(...)
    assert batch["source"] == "read" and batch["type"] == "int" and batch["default"] == 1024
    inline = opts["inline_key"]  # Options.key(...) written inside a method
    assert inline["source"] == "read" and inline["type"] == "int" and inline["default"] == 3


def test_reads_keep_descriptions_and_prefix_kind(fixture_catalog):
    cat, _ = fixture_catalog
    opts = _plugin(cat, "source", "ReadsSrc")["options"]
    assert opts["host"]["description"] == "The host to connect to"  # optionRule options get descriptions too
    assert opts["batch_size"]["description"] == "Rows read per batch; larger batches use more memory"  # concatenation
    assert opts["scan.params."]["kind"] == "prefix" and opts["scan.params."]["source"] == "read"


def test_reads_are_not_invented(fixture_catalog):
    cat, _ = fixture_catalog
    opts = _plugin(cat, "source", "ReadsSrc")["options"]
    assert "never_read" not in opts  # declared in the Options class, never referenced
    assert "default_only" not in opts  # only OPTION.defaultValue() is used
    assert "written_key" not in opts  # map.put(OPTION.key(), v) names a key, reads nothing
    assert "rule_only" not in opts  # an OptionRule kept in a field of the Options class
    assert "param_only" not in opts  # ParamHolder is only a parameter type, never built here
    assert "other_key" not in opts  # module not among the pom's (non-test) dependencies
    assert "sink_only_key" not in opts  # BaseWriter is sink-side: a source never follows into it
    # read from a sub-config (ReadonlyConfig.fromMap(config.get(MAP)), directly or via a helper method)
    assert "nested_only" not in opts and "nested_two" not in opts
    assert opts["tablePrefix"]["source"] == "read"  # from a helper that may return the plugin's own config
    assert opts["tables"]["source"] == "read" and "table_path" not in opts  # read in list entries (ReadonlyConfig::fromMap)
    snk = _plugin(cat, "sink", "ReadsSnk")["options"]
    assert snk["sink_only_key"]["source"] == "read"
    assert "batch_size" not in snk and "catalog_name" not in snk  # reader-side and source classes not followed
    # no requirement is inferred from a read
    assert all("catalog_name" not in g["options"] for g in _plugin(cat, "source", "ReadsSrc")["rule"])


def test_reads_of_legacy_plugins(fixture_catalog):
    cat, _ = fixture_catalog
    p = _plugin(cat, "sink", "LegacySnk")
    assert p["validated"] is False  # no createSink(): LegacySink.prepare(config) is followed instead
    opts = p["options"]
    assert opts["legacy_host"]["type"] == "string" and opts["legacy_host"]["source"] == "read"
    assert opts["legacy_port"]["source"] == "read"  # hasPath(PORT) / getInt(PORT), a String constant
    assert {"legacy_a", "legacy_b"} <= set(opts)  # CheckConfigUtil.checkAllExists(config, "legacy_a", "legacy_b")
    assert "column_name" not in opts  # row.getString(...) is not a config read


def test_reads_listed_in_build_report(fixture_catalog):
    _, report = fixture_catalog
    assert any(n.startswith("source ReadsSrc:") and "read outside optionRule()" in n and "catalog_name" in n
               for n in report.notes)
