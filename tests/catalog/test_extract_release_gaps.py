"""Extractor constructs met in the 2.3.10-2.3.13 releases (each with a minimal Java tree):
`super.optionRule()` in an overriding factory (FeishuSinkFactory extends HttpSinkFactory, 2.3.10+),
`Options.key(k).mapObjectType()` (GraphQLSinkOptions/GraphQLSourceOptions, 2.3.11+), overlay fields of a plugin
that has no factory in the tree (legacy plugins listed only in plugin-mapping.properties), and the
tree-wide list of declared option keys."""

from __future__ import annotations

from pathlib import Path

from stlint.catalog.cli import build_one
from stlint.catalog.extract import build_catalog

HEAD = ("package x;\nimport org.apache.seatunnel.api.configuration.Option;\n"
        "import org.apache.seatunnel.api.configuration.Options;\nimport com.google.auto.service.AutoService;\n")


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    d = tmp_path / "m" / "src" / "main" / "java" / "x"
    d.mkdir(parents=True)
    for name, body in files.items():
        (d / name).write_text(HEAD + body)
    return tmp_path


def plugin(cat, kind, name):
    return next(p for p in cat["plugins"] if p["kind"] == kind and p["name"] == name)


def test_super_option_rule_and_map_object_type(tmp_path):
    root = tree(tmp_path, {
        "Opts.java": "public class Opts {\n"
                     "  public static final Option<String> URL = Options.key(\"url\").stringType().noDefaultValue();\n"
                     "  public static final Option<java.util.Map<String, Object>> VARS =\n"
                     "      Options.key(\"variables\").mapObjectType().noDefaultValue().withFallbackKeys(\"vars\");\n}\n",
        "BaseSinkFactory.java": "@AutoService(Factory.class) public class BaseSinkFactory implements TableSinkFactory {\n"
                                "  public String factoryIdentifier() { return \"Base\"; }\n"
                                "  public OptionRule optionRule() { return OptionRule.builder().required(Opts.URL).optional(Opts.VARS).build(); }\n"
                                "  public TableSink createSink(TableSinkFactoryContext c) { return null; } }\n",
        "ChildSinkFactory.java": "@AutoService(Factory.class) public class ChildSinkFactory extends BaseSinkFactory {\n"
                                 "  @Override public OptionRule optionRule() { return super.optionRule(); }\n"
                                 "  @Override public String factoryIdentifier() { return \"Child\"; } }\n",
    })
    cat, report = build_catalog(str(root), "t")
    assert not [u for u in report.unresolved if "Child" in u or "variables" in u], report.unresolved
    child = plugin(cat, "sink", "Child")
    assert child["rule"] == plugin(cat, "sink", "Base")["rule"] == [
        {"type": "required", "options": ["url"]}, {"type": "optional", "options": ["variables"]}]
    v = child["options"]["variables"]
    assert v["type"] == "map" and v["java_type"] == "Map<String,Object>" and v["fallback_keys"] == ["vars"]
    # every literal key of the tree, fallback keys included
    assert cat["option_keys"] == ["url", "variables", "vars"]


def test_overlay_fields_of_a_plugin_without_factory_do_not_crash(tmp_path):
    root = tree(tmp_path, {
        "LegacyConfig.java": "public class LegacyConfig {\n"
                             "  public static final Option<Integer> PORT = Options.key(\"port\").intType().defaultValue(6041);\n}\n",
    })
    (root / "plugin-mapping.properties").write_text("seatunnel.sink.Legacy = connector-legacy\n")
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("plugins:\n  - kind: sink\n    name: Legacy\n    reason: \"read by the legacy sink's config\"\n"
                       "    fields: [LegacyConfig.PORT]\n")
    out = tmp_path / "out" / "t.json"
    cat = build_one(str(root), "t", out, overlay_path=str(overlay), update_index=False, quiet=True)
    legacy = plugin(cat, "sink", "Legacy")
    assert legacy["factory"] is None and legacy["options"]["port"]["default"] == 6041
    assert legacy["options"]["port"]["source"] == "overlay"
    report = (tmp_path / "out" / "t.report.txt").read_text()
    assert "overlay sink Legacy" not in report  # resolved, nothing unresolved about it
