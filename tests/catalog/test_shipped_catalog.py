"""Facts the shipped catalogs must contain (rules/catalog/*.json)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stlint.catalog import DEFAULT_VERSION, available_versions, load_catalog
from stlint.catalog.resources import catalog_dir, rules_dir

DATA = Path(__file__).resolve().parent / "data"


def kinds(vs):
    return sorted((v.kind, v.options) for v in vs)


def test_versions_and_default():
    versions = available_versions()
    assert {"2.3.10-dev", "2.3.8"} <= set(versions)
    assert DEFAULT_VERSION == versions[0] == "2.3.10-dev"
    assert load_catalog().version == DEFAULT_VERSION
    assert load_catalog("2.3.8") is load_catalog("2.3.8")  # cached
    assert load_catalog("2.3.10").version == "2.3.10-dev"


@pytest.mark.parametrize("path", sorted(p.name for p in catalog_dir().glob("*.json") if p.name != "index.json"))
def test_shipped_files_validate(path):
    from stlint.catalog.schema import validate_catalog

    validate_catalog(json.loads((catalog_dir() / path).read_text(encoding="utf-8")))


def test_index_validates_and_lists_reports():
    from stlint.catalog.schema import IndexModel

    idx = IndexModel.model_validate_json((catalog_dir() / "index.json").read_text(encoding="utf-8"))
    for v in idx.versions:
        assert (catalog_dir() / v.file).exists()
        assert v.report and (catalog_dir() / v.report).exists()


def test_reports_have_no_unresolved_constructs():
    for v in available_versions():
        text = (catalog_dir() / f"{v}.report.txt").read_text(encoding="utf-8")
        assert "# unresolved constructs: 0\n" in text, v


def test_coverage_2310():
    cat = load_catalog("2.3.10-dev")
    factories = {k: [n for n in cat.names(k) if cat.find(k, n).factory] for k in ("source", "sink", "transform")}
    assert len(factories["source"]) >= 61
    assert len(factories["sink"]) >= 56
    assert len(factories["transform"]) >= 16


def test_identifiers_match_plugin_mapping_2310():
    cat = load_catalog("2.3.10-dev")
    mapping: dict[str, set[str]] = {"source": set(), "sink": set(), "transform": set()}
    for line in (DATA / "plugin-mapping-2.3.10-dev.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, name = line.split()
            mapping[kind].add(name.lower())
    for kind, names in mapping.items():
        factory_names = {n.lower() for n in cat.names(kind) if cat.find(kind, n).factory}
        missing = names - factory_names
        # factory-less legacy plugins (facts section 6)
        assert missing <= {"tdengine", "selectdbcloud"}, (kind, missing)
        assert all(cat.find(kind, n) is not None and not cat.find(kind, n).validated for n in missing)
        extra = factory_names - names
        assert extra <= {"multitablesink", "wechat"}, (kind, extra)
    assert cat.find("sink", "AmazonDynamodb").name == "AmazonDynamoDB"  # case differs from the mapping file


def test_jdbc_source():
    spec = load_catalog().find("source", "jdbc")
    assert {"url", "driver"} <= set(spec.rule.required)
    assert kinds(spec.evaluate({"query": "select 1"})) == [("missing-required", ("driver",)), ("missing-required", ("url",))]
    # overlay: one of query/table_path/table_list
    vs = spec.evaluate({"url": "u", "driver": "d"})
    assert kinds(vs) == [("missing-required", ("query", "table_path", "table_list"))] and vs[0].reason


def test_mysql_cdc_exclusive():
    spec = load_catalog().find("source", "MySQL-CDC")
    assert ("table-names", "table-pattern") in spec.rule.exclusive
    base = {"username": "u", "password": "p", "base-url": "jdbc:mysql://h/db"}
    assert kinds(spec.evaluate(base)) == [("exclusive", ("table-names", "table-pattern"))]
    assert spec.evaluate(dict(base, **{"table-names": ["db.t"]})) == []
    assert kinds(spec.evaluate(dict(base, **{"table-names": ["db.t"], "table-pattern": "db.*"}))) == [
        ("exclusive", ("table-names", "table-pattern"))]


def test_doris_sink():
    spec = load_catalog().find("sink", "Doris")
    assert {"fenodes", "username", "password", "doris.config"} <= set(spec.rule.required)
    ok = {"fenodes": "h:8030", "username": "root", "password": "", "doris.config": {"format": "json"}}
    assert spec.evaluate(ok) == []
    nested = {"fenodes": "h:8030", "username": "root", "password": "", "doris": {"config": {"format": "json"}}}
    assert spec.evaluate(nested) == []  # ReadonlyConfig walks nested maps
    assert kinds(spec.evaluate({"fenodes": "h"})) == [
        ("missing-required", ("doris.config",)), ("missing-required", ("password",)), ("missing-required", ("username",))]


def test_jdbc_sink_query_or_database():
    spec = load_catalog().find("sink", "Jdbc")
    base = {"url": "u", "driver": "d"}
    vs = spec.evaluate(base)
    assert kinds(vs) == [("missing-required", ("query",))]
    assert vs[0].message == "`query` is required because `generate_sink_sql` is false (its default)"
    vs = spec.evaluate(dict(base, generate_sink_sql=True))
    assert kinds(vs) == [("missing-required", ("database",))]
    assert vs[0].message == "`database` is required because `generate_sink_sql` is true"
    assert spec.evaluate(dict(base, generate_sink_sql="true", database="db")) == []
    # overlay options read by JdbcSinkConfig
    for k in ("table", "field_ide", "enable_upsert"):
        assert spec.option(k) is not None and spec.option(k).source == "overlay" and spec.option(k).reason


def test_redis_bundled_format_schema():
    spec = load_catalog().find("source", "Redis")
    assert ("format", "schema") in spec.rule.bundled
    base = {"host": "h", "port": 6379, "keys": "k*", "data_type": "key"}
    assert spec.evaluate(base) == []
    # format has a default, but bundled ignores defaults
    assert kinds(spec.evaluate(dict(base, schema={"fields": {"a": "int"}}))) == [("bundled", ("format", "schema"))]
    assert spec.evaluate(dict(base, schema={"fields": {"a": "int"}}, format="json")) == []


def test_file_sink_compress_codec_per_format():
    spec = load_catalog().find("sink", "LocalFile")
    allowed = {}
    for g in spec.rule.groups:
        if g.type == "conditional" and g.conditional.option == "file_format_type" and "compress_codec" in g.options:
            for v in g.conditional.values:
                allowed[v] = set(g.specs["compress_codec"].choices)
    assert allowed["TEXT"] == allowed["CSV"] == allowed["JSON"] == {"NONE", "LZO"}
    assert allowed["ORC"] == {"NONE", "LZO", "SNAPPY", "LZ4", "ZLIB"}
    assert allowed["PARQUET"] == {"NONE", "LZO", "SNAPPY", "LZ4", "GZIP", "BROTLI", "ZSTD"}
    assert spec.evaluate({"path": "/p", "file_format_type": "parquet", "compress_codec": "zstd"}) == []
    vs = spec.evaluate({"path": "/p", "file_format_type": "orc", "compress_codec": "zstd"})
    assert kinds(vs) == [("invalid-value", ("compress_codec",))]
    assert "when `file_format_type` is orc" in vs[0].message


def test_s3_credentials_provider_tostring_values():
    spec = load_catalog().find("sink", "S3File")
    vals = spec.option("fs.s3a.aws.credentials.provider").enum_values
    assert "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider" in vals


def test_common_keys_per_version():
    new = load_catalog("2.3.10-dev")
    old = load_catalog("2.3.8")
    assert {"plugin_name", "plugin_output", "parallelism", "dag-parsing.mode", "schema"} <= set(new.common_keys("source"))
    assert {"plugin_name", "plugin_input", "multi_table_sink_replica"} <= set(new.common_keys("sink"))
    assert new.common_keys("sink")["plugin_input"].fallback_keys == ("source_table_name",)
    assert new.deprecated_keys("transform") == {"source_table_name": "plugin_input", "result_table_name": "plugin_output"}
    assert "plugin_input" not in old.common_keys("sink") and "source_table_name" in old.common_keys("sink")
    assert "result_table_name" in old.common_keys("source") and "plugin_output" not in old.common_keys("source")
    assert old.deprecated_keys("sink") == {}
    jdbc = new.find("sink", "Jdbc")
    dep = jdbc.option("source_table_name")
    assert dep.deprecated is True and dep.deprecated_for == "plugin_input" and dep.type == "list"
    assert jdbc.is_fallback_key("source_table_name") and not jdbc.option("plugin_input").deprecated
    assert jdbc.fallback_keys() == {"source_table_name": "plugin_input"}
    # 2.3.8: the old key is the real key, not deprecated
    old_jdbc = old.find("sink", "Jdbc")
    assert old_jdbc.option("source_table_name").deprecated is False and old_jdbc.option("plugin_input") is None


def test_fallback_plugins_marked():
    cat = load_catalog()
    for kind, name in [("sink", "MongoDB"), ("source", "Socket"), ("sink", "HdfsFile"), ("source", "Pulsar")]:
        spec = cat.find(kind, name)
        assert spec is not None and spec.validated is False, (kind, name)
        assert [v for v in spec.evaluate({}) if v.kind != "invalid-value"] == []
    assert cat.find("source", "Jdbc").validated is True
    n_fallback = sum(1 for k in ("source", "sink", "transform") for n in cat.names(k) if cat.find(k, n).factory and not cat.find(k, n).validated)
    assert n_fallback == 28  # facts section 6 (28 factories)


def test_transform_overlay_rules():
    cat = load_catalog()
    assert kinds(cat.find("transform", "Sql").evaluate({})) == [("missing-required", ("query",))]
    assert kinds(cat.find("transform", "FieldMapper").evaluate({})) == [("missing-required", ("field_mapper",))]
    f = cat.find("transform", "Filter")
    assert kinds(f.evaluate({"include_fields": ["a"], "exclude_fields": ["b"]})) == [("exclusive", ("include_fields", "exclude_fields"))]


def test_lookup_api():
    cat = load_catalog()
    assert cat.kinds_of("jdbc") == ["source", "sink"]
    assert cat.kinds_of("sql") == ["transform"]
    assert cat.suggest("sink", "clickhose")[0] == "Clickhouse"
    assert cat.suggest("source", "Kafak") == ["Kafka"]
    assert len(cat.suggest("sink", "file", n=2)) <= 2
    spec = cat.find("sink", "jdbc")
    assert "generate_sink_sql" in spec.suggest_option("generate_sql")
    assert spec.docs_url == "https://seatunnel.apache.org/docs/connector-v2/sink/Jdbc"
    assert load_catalog("2.3.8").find("sink", "jdbc").docs_url == "https://seatunnel.apache.org/docs/2.3.8/connector-v2/sink/Jdbc"
    assert cat.find("source", "Postgres-CDC").docs_url.endswith("/connector-v2/source/PostgreSQL-CDC")
    assert cat.find("transform", "FieldMapper").docs_url.endswith("/transform-v2/field-mapper")
    assert cat.env.option("job.mode").enum_values == ["BATCH", "STREAMING"]
    assert cat.find("source", None) is None and cat.find("nope", "Jdbc") is None


def test_overlay_json_in_sync_with_yaml():
    from stlint.catalog.overlay import load_overlay_yaml, render

    assert (rules_dir() / "overlay.json").read_text(encoding="utf-8") == render(load_overlay_yaml())


def test_overlay_entries_all_apply():
    """Every overlay plugin entry names a plugin of some shipped version, and its options/rules resolve."""
    overlay = json.loads((rules_dir() / "overlay.json").read_text(encoding="utf-8"))
    for e in overlay["plugins"]:
        found = False
        for v in available_versions():
            cat = load_catalog(v)
            spec = cat.env if e["kind"] == "env" else cat.find(e["kind"], e["name"])
            if spec is None:
                continue
            found = True
            for k in e.get("hints", {}):  # a hint speaks only for a key the plugin does not read
                assert (k in spec.hints) != (k in spec.options), (v, e["name"], k)
            for r in e.get("rules", []):
                for k in r["options"]:
                    assert spec.option(k) is not None, (v, e["name"], k)
            for ref in e.get("fields", []):
                assert any(o.source == "overlay" for o in spec.options.values()), (v, e["name"], ref)
        assert found, e


def test_runtime_does_not_import_pydantic_or_yaml():
    code = (
        "import sys, time; t=time.perf_counter(); from stlint.catalog import load_catalog; "
        "c=load_catalog(); p=c.find('sink','Jdbc'); p.evaluate({'url':'x'}); dt=(time.perf_counter()-t)*1000; "
        "bad=[m for m in ('pydantic','yaml') if m in sys.modules]; print(dt); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(Path(__file__).resolve().parents[2]))
    assert r.returncode == 0, r.stderr
    assert float(r.stdout) < 150  # generous bound for slow CI; measured ~12-18 ms


def test_load_and_lookup_is_fast():
    import stlint.catalog as sc

    sc._CACHE.clear()
    t = time.perf_counter()
    cat = sc.load_catalog("2.3.9-dev" if "2.3.9-dev" in available_versions() else None)
    cat.find("sink", "Jdbc").option("url")
    dt = (time.perf_counter() - t) * 1000
    assert dt < 30, f"load + lookup took {dt:.1f} ms"
