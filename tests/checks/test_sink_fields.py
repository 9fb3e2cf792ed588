"""unknown-sink-field (ST609): sink options that name fields of the incoming row (catalog
`field_refs` from rules/overlay.yaml), through the real engine and the shipped catalogs."""

from __future__ import annotations

import pytest

from stlint.catalog import load_catalog
from stlint.checks import all_rules
from stlint.config import Settings
from stlint.engine import lint_text

RULE = "unknown-sink-field"
SRC = 'FakeSource {\n    plugin_output = "in"\n    schema = { fields { id = "int", name = "string" } }\n  }'
JDBC = ('Jdbc {{\n    plugin_input = "in"\n    url = "jdbc:mysql://h/db"\n    driver = "com.mysql.cj.jdbc.Driver"\n'
        '    generate_sink_sql = true\n    database = db\n    table = t\n    {extra}\n  }}')


def job(sink: str, source: str = SRC, transform: str = "") -> str:
    t = f"transform {{\n  {transform}\n}}\n" if transform else ""
    return f"env {{\n  job.mode = BATCH\n}}\nsource {{\n  {source}\n}}\n{t}sink {{\n  {sink}\n}}\n"


def lint(text: str, version: str | None = None):
    res = lint_text(text, None, Settings(select=[RULE], seatunnel_version=version))
    return [d for d in res.diagnostics if d.name == RULE]


def test_registered():
    r = all_rules()[RULE]
    assert (r.code, r.family, r.severity) == ("ST609", "data", "error")
    assert "Bad" in r.doc and "Good" in r.doc


@pytest.mark.parametrize("version,line", [("2.3.8", 128), ("2.3.10", 144), ("2.3.13", 139)])
def test_jdbc_primary_key_missing_is_error_with_release_line(version, line):
    text = job(JDBC.format(extra='primary_keys = ["ID"]'))
    [d] = lint(text, version)
    assert d.severity == "error"
    assert text[d.start:d.end] == '"ID"'
    assert d.message == (f"sink.Jdbc: `primary_keys` names `ID`, which the incoming row does not have (id int, "
                         f"name string); SeaTunnel {version} fails: can't find field [ID] "
                         f"(JdbcOutputFormatBuilder.java:{line})")
    assert d.help == "did you mean `id`?"
    fixed = text[:d.fix.edits[0].start] + d.fix.edits[0].text + text[d.fix.edits[0].end:]
    assert lint(fixed, version) == []


def test_jdbc_not_checked_when_seatunnel_does_not_look_up():
    # its own `query`, or COPY: the upsert executor (indexOf) is never built
    assert lint(job(JDBC.format(extra='primary_keys = ["nope"]\n    query = "insert into t values(?, ?)"'))) == []
    assert lint(job(JDBC.format(extra='primary_keys = ["nope"]\n    use_copy_statement = true'))) == []
    assert len(lint(job(JDBC.format(extra='primary_keys = ["nope"]\n    use_copy_statement = false')))) == 1


def test_row_through_transforms_and_unknown_rows():
    # renamed upstream: the sink's primary key is the old name
    t = 'FieldMapper {\n    plugin_input = "in"\n    plugin_output = "m"\n    field_mapper { id = key, name = name }\n  }'
    sink = JDBC.format(extra='primary_keys = ["id"]').replace('plugin_input = "in"', 'plugin_input = "m"')
    [d] = lint(job(sink, transform=t))
    assert "names `id`, which the incoming row does not have (key int, name string)" in d.message
    assert lint(job(sink.replace('["id"]', '["key"]'), transform=t)) == []
    # a row from a database at run time: never checked
    jdbc_src = ('Jdbc {\n    plugin_output = "in"\n    url = "jdbc:mysql://h/d"\n    driver = "d"\n'
                '    query = "select 1"\n  }')
    assert lint(job(JDBC.format(extra='primary_keys = ["zz"]'), source=jdbc_src)) == []
    # placeholders are not field names we can check
    assert lint(job(JDBC.format(extra='primary_keys = ["${PK}"]'))) == []


def test_elasticsearch_kafka_pulsar():
    es = 'Elasticsearch {\n    plugin_input = "in"\n    hosts = ["h:9200"]\n    index = "i"\n    primary_keys = ["id", "nmae"]\n  }'
    [d] = lint(job(es))
    assert "SeaTunnel 2.3.13 fails: can't find field [nmae] (KeyExtractor.java:62)" in d.message
    kafka = 'Kafka {\n    plugin_input = "in"\n    bootstrap.servers = "h:9092"\n    topic = "t"\n    partition_key_fields = ["id", "nm"]\n  }'
    [d] = lint(job(kafka), "2.3.10")
    assert d.message.endswith("fails: Partition key field not found: nm, rowType: [id, name] (KafkaSinkWriter.java:254)")
    # format native: the serializer returns before looking the fields up
    assert lint(job(kafka.replace('topic = "t"', 'topic = "t"\n    format = "NATIVE"')), "2.3.10") == []


def test_single_name_options():
    # `shape: value`: the whole string is one field name (no comma split)
    hb = ('Hbase {\n    plugin_input = "in"\n    zookeeper_quorum = "z:2181"\n    table = "t"\n'
          '    rowkey_column = ["id"]\n    family_name { all_columns = f }\n    version_column = "{v}"\n  }')
    [d] = lint(job(hb.replace("{v}", "id,name")))
    assert d.option == "version_column" and "can't find field [id,name] (HbaseSink.java:73)" in d.message
    assert lint(job(hb.replace("{v}", "name"))) == []
    iot = ('IoTDB {\n    plugin_input = "in"\n    node_urls = "h:6667"\n    username = u\n    password = "${P}"\n'
           '    key_device = "dev"\n    key_measurement_fields = ["name", "nme"]\n  }')
    ds = lint(job(iot), "2.3.8")
    assert [(d.option, d.message.rsplit(": ", 1)[1]) for d in ds] == [
        ("key_device", "can't find field [dev] (DefaultSeaTunnelRowSerializer.java:104)"),
        ("key_measurement_fields", "can't find field [nme] (DefaultSeaTunnelRowSerializer.java:136)")]


def test_mongodb_primary_key_warning():
    m = ('MongoDB {\n    plugin_input = "in"\n    uri = "mongodb://h"\n    database = d\n    collection = c\n'
         '    primary-key = ["id", "nam"]\n  }')
    [d] = lint(job(m))
    assert d.severity == "warning" and d.option == "primary-key"
    assert d.message.endswith("SeaTunnel leaves `nam` out of the filter of its upserts, updates and deletes "
                              "without an error (MongoKeyExtractor.java:40)")


def test_file_sinks():
    f = 'LocalFile {{\n    plugin_input = "in"\n    path = "/tmp/x"\n    file_format_type = "csv"\n    {extra}\n  }}'
    [d] = lint(job(f.format(extra='partition_by = ["Name"]')), "2.3.10")
    assert d.severity == "error"
    assert d.message.endswith("SeaTunnel 2.3.10 fails: partition fields must in sink columns (FileSinkConfig.java:166)")
    # with sink_columns the containment check is against them, not the row: not reported
    assert lint(job(f.format(extra='partition_by = ["Name"]\n    sink_columns = ["Name"]')), "2.3.10") == []
    # sink_columns: names compared without case, an unknown one is dropped: a warning
    ds = lint(job(f.format(extra='sink_columns = ["ID", "name", "zz"]')), "2.3.10")
    assert [(d.severity, d.option, d.message.split("; ")[1]) for d in ds] == [
        ("warning", "sink_columns", "SeaTunnel drops `zz` from the written columns without an error (FileSinkConfig.java:194)")]
    # 2.3.8 keeps the unknown column's null index: not described, not reported
    assert lint(job(f.format(extra='sink_columns = ["zz"]')), "2.3.8") == []


def test_field_refs_are_catalog_data():
    # every entry names an option of the plugin in that release's catalog
    for v in ("2.3.8", "2.3.9", "2.3.10", "2.3.11", "2.3.12", "2.3.13"):
        cat = load_catalog(v)
        n = 0
        for name in cat.names("sink"):
            for e in cat.field_refs("sink", name):
                spec = cat.find("sink", name)
                assert spec is not None and spec.option(e["option"]) is not None, (v, name, e["option"])
                n += 1
        assert n >= 15, v
