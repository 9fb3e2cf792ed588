"""Facts the shipped catalogs must contain (rules/catalog/*.json)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stlint.catalog import DEFAULT_VERSION, UnknownVersionError, available_versions, load_catalog
from stlint.catalog.resources import catalog_dir, rules_dir

DATA = Path(__file__).resolve().parent / "data"


def kinds(vs):
    return sorted((v.kind, v.options) for v in vs)


RELEASES = ["2.3.13", "2.3.12", "2.3.11", "2.3.10", "2.3.9", "2.3.8"]


def test_versions_and_default():
    assert available_versions() == RELEASES  # newest first, named by release
    assert DEFAULT_VERSION == "2.3.13"
    assert load_catalog().version == DEFAULT_VERSION
    assert load_catalog("2.3.8") is load_catalog("2.3.8")  # cached
    assert load_catalog("2.3").version == "2.3.13" and load_catalog("2").version == "2.3.13"
    for old in ("2.3.10-dev", "2.3.9-dev", "2.3.10-SNAPSHOT", "2.3.7", "2.4", "", "2.3."):
        with pytest.raises(UnknownVersionError) as e:
            load_catalog(old)
        assert "available: 2.3.13, 2.3.12, 2.3.11, 2.3.10, 2.3.9, 2.3.8" in str(e.value)


def test_only_release_catalogs_are_shipped():
    names = sorted(p.name for p in catalog_dir().iterdir() if p.name not in ("README.md", "index.json", "releases.json"))
    assert names == sorted([f"{v}.json.gz" for v in RELEASES] + [f"{v}.report.txt" for v in RELEASES]
                           + [f"{v}.descriptions.json.gz" for v in RELEASES])


@pytest.mark.parametrize("version", RELEASES)
def test_shipped_files_validate(version):
    from stlint.catalog import _read_catalog_json
    from stlint.catalog.schema import validate_catalog

    validate_catalog(_read_catalog_json(catalog_dir() / f"{version}.json.gz"))


@pytest.mark.parametrize("version", RELEASES)
def test_recorded_commit_matches_catalog_index_and_report(version):
    """releases.json is the source of truth: catalog, index and build report name the same commit."""
    from stlint.catalog import _read_catalog_json
    from stlint.catalog.cli import load_releases

    rel = next(r for r in load_releases() if r["id"] == version)
    assert len(rel["commit"]) == 40 and rel["source"] and rel["date"] and rel["how"]
    cat = _read_catalog_json(catalog_dir() / f"{version}.json.gz")
    assert cat["version"] == version and cat["source_commit"] == rel["commit"] and cat["source"] == rel["source"]
    idx = json.loads((catalog_dir() / "index.json").read_text(encoding="utf-8"))
    entry = next(v for v in idx["versions"] if v["id"] == version)
    assert entry["source_commit"] == rel["commit"] and entry["date"] == rel["date"] and entry["file"] == f"{version}.json.gz"
    report = (catalog_dir() / f"{version}.report.txt").read_text(encoding="utf-8").splitlines()
    assert report[0].startswith(f"# stlint catalog build report for {version} (SeaTunnel {cat['seatunnel_version']})")
    assert report[1] == f"# source: {rel['source']} {rel['commit']}"
    assert report[2] == "# unresolved constructs: 0"


def test_releases_file_lists_exactly_the_shipped_versions():
    from stlint.catalog.cli import load_releases

    assert sorted(r["id"] for r in load_releases()) == sorted(RELEASES)


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
    cat = load_catalog("2.3.10")
    factories = {k: [n for n in cat.names(k) if cat.find(k, n).factory] for k in ("source", "sink", "transform")}
    assert len(factories["source"]) >= 61
    assert len(factories["sink"]) >= 56
    assert len(factories["transform"]) >= 16


def test_identifiers_match_plugin_mapping_2310():
    cat = load_catalog("2.3.10")
    mapping: dict[str, set[str]] = {"source": set(), "sink": set(), "transform": set()}
    for line in (DATA / "plugin-mapping-2.3.10.txt").read_text(encoding="utf-8").splitlines():
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
    # options JdbcSinkConfig reads outside optionRule(): found by the extractor (once hand-written overlay
    # entries); declared by the rule from 2.3.12 (JdbcSinkOptions.ENABLE_UPSERT / FIELD_IDE in
    # JdbcSinkFactory.optionRule()), `table` still read only
    old = load_catalog("2.3.10").find("sink", "Jdbc")
    for k in ("table", "field_ide", "enable_upsert"):
        o = old.option(k)
        assert o is not None and o.source == "read" and o.declared_in.startswith("org.apache.seatunnel.connectors.seatunnel.jdbc.")
    assert spec.option("table").source == "read"
    assert spec.option("field_ide").source == spec.option("enable_upsert").source == "rule"


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
    new = load_catalog("2.3.10")
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
    cat = load_catalog("2.3.10")
    for kind, name in [("sink", "MongoDB"), ("source", "Socket"), ("sink", "HdfsFile"), ("source", "Pulsar")]:
        spec = cat.find(kind, name)
        assert spec is not None and spec.validated is False, (kind, name)
        # SeaTunnel skips the declared rule of a fallback plugin; only the checks its prepare() or
        # constructor make at startup remain (they carry `runtime`)
        assert [v for v in spec.evaluate({}) if v.kind != "invalid-value" and v.runtime is None] == []
    assert cat.find("source", "Jdbc").validated is True
    # SocketSourceFactory.createSource exists at 2.3.12 (SocketSourceFactory.java:49); MongodbSinkFactory
    # implements createSink only in 2.3.13 (MongodbSinkFactory.java:60, #9879)
    assert load_catalog("2.3.12").find("source", "Socket").validated is True
    assert load_catalog("2.3.12").find("sink", "MongoDB").validated is False
    assert load_catalog("2.3.13").find("sink", "MongoDB").validated is True
    n_fallback = sum(1 for k in ("source", "sink", "transform") for n in cat.names(k) if cat.find(k, n).factory and not cat.find(k, n).validated)
    # 21 at the 2.3.10 cut (cdc79e13a); the earlier 2.3.10 snapshot had 28 (facts section 6): Easysearch,
    # IoTDB, WeChat, GoogleSheets and InfluxDB factories gained createSource/createSink in between
    assert n_fallback == 21


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
    # released versions link their own docs; 2.3.13 moved the pages to docs/en/connectors/{source,sink}, transforms/
    assert spec.docs_url == "https://seatunnel.apache.org/docs/2.3.13/connectors/sink/Jdbc"
    assert load_catalog("2.3.8").find("sink", "jdbc").docs_url == "https://seatunnel.apache.org/docs/2.3.8/connector-v2/sink/Jdbc"
    assert cat.find("source", "Postgres-CDC").docs_url.endswith("/2.3.13/connectors/source/PostgreSQL-CDC")
    assert cat.find("transform", "FieldMapper").docs_url.endswith("/2.3.13/transforms/field-mapper")
    assert load_catalog("2.3.12").find("transform", "FieldMapper").docs_url.endswith("/2.3.12/transform-v2/field-mapper")
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
            report = (catalog_dir() / f"{v}.report.txt").read_text(encoding="utf-8")
            for ref in e.get("fields", []):
                # resolved into an overlay option, or the version's rule declares it (noted in the build report)
                declared = any(line.startswith(f"overlay {e['kind']} {e['name']}: overlay field ")
                               and line.endswith("is already declared by the rule") for line in report.splitlines())
                assert declared or any(o.source == "overlay" for o in spec.options.values()), (v, e["name"], ref)
        assert found, e


def test_runtime_does_not_import_pydantic_or_yaml():
    code = (
        "import sys; from stlint.catalog import load_catalog, available_versions; "
        "[load_catalog(v).find('sink','Jdbc').evaluate({'url':'x'}) for v in available_versions()]; "
        "bad=[m for m in ('pydantic','yaml') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(Path(__file__).resolve().parents[2]))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip() == "[]"


@pytest.mark.parametrize("version", ["2.3.8", "2.3.13"])
def test_declaring_classes_are_stored_once_and_resolved(version):
    """The shipped .json.gz names each declaring class once (`declared_in_table`, for load time);
    the runtime model gives options their class name back."""
    from stlint.catalog import _read_catalog_json, load_catalog
    from stlint.catalog.resources import catalog_dir

    raw = _read_catalog_json(catalog_dir() / f"{version}.json.gz")
    table = raw["declared_in_table"]
    assert len(table) == len(set(table)) > 100
    ids = [o["declared_in"] for p in raw["plugins"] for o in p.get("options", {}).values() if "declared_in" in o]
    assert ids and all(type(i) is int and 0 <= i < len(table) for i in ids)
    cat = load_catalog(version)
    names = {o.declared_in for k in ("source", "sink") for n in cat.names(k) if cat.find(k, n)
             for o in cat.find(k, n).options.values() if o.declared_in is not None}
    assert names and names <= set(table)
