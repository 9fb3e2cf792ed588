"""Schema rules (stlint/checks/schemakeys.py): unknown-schema-key, missing-schema-key,
schema-fields-and-columns, invalid-schema-enum; the facts per release from the catalog's
`schema_keys`; and the passthrough hint of every client-settings map (rules/client_keys.json)."""

from __future__ import annotations

import json

from stlint.catalog import load_catalog
from stlint.catalog.resources import rules_dir
from stlint.config import Settings
from stlint.engine import lint_text
from stlint.fixes import fix_source
from stlint.source import Source

RULES = ["unknown-schema-key", "missing-schema-key", "schema-fields-and-columns", "invalid-schema-enum"]


def lint(text: str, version: str | None = None, rules=RULES):
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


def job(schema: str, plugin: str = "FakeSource", extra: str = "") -> str:
    return (f'env {{\n  job.mode = "BATCH"\n}}\nsource {{\n  {plugin} {{\n    plugin_output = "fake"\n{extra}'
            f'    schema = {schema}\n  }}\n}}\nsink {{\n  Console {{ plugin_input = "fake" }}\n}}\n')


GOOD = """{
      table = "db.t"
      schema_first = false
      columns = [
        { name = id, type = bigint, nullable = false, columnLength = 20, columnScale = 0, defaultValue = 0, comment = "key" }
        { name = name, type = "string" }
      ]
      primaryKey { name = pk_id, columnNames = [id] }
      constraintKeys = [
        { constraintName = idx_name, constraintType = index_key,
          constraintColumns = [ { columnName = name, sortType = desc }, { columnName = id } ] }
      ]
    }"""


def test_a_complete_schema_is_quiet_in_every_release():
    for v in ("2.3.8", "2.3.9", "2.3.10", "2.3.11", "2.3.12", "2.3.13"):
        assert lint(job(GOOD), v) == [], v
    # `fields` keys are column names, whatever they look like; their types are ST601's
    assert lint(job('{ fields { nmae = string, "a.b" = int, c { d = int } } }')) == []


def test_unknown_key_in_a_column_entry_with_fix():
    text = job("{ columns = [ { name = id, type = int, nulable = false } ] }")
    [d] = lint(text, "2.3.10")
    assert d.name == "unknown-schema-key" and d.severity == "warning"
    assert d.message == ("`schema.columns[0].nulable` is not a key SeaTunnel's schema parser reads; "
                         "SeaTunnel 2.3.10 ignores it; did you mean `nullable`?")
    assert text[d.start:d.end] == "nulable"
    assert d.suggestions == ("nullable",)
    assert d.fix is not None and d.fix.applicability == "unsafe"
    fixed = fix_source(Source(text), Settings(select=["unknown-schema-key"], seatunnel_version="2.3.10"),
                       unsafe=True)
    assert "nullable = false" in fixed.text and lint(fixed.text, "2.3.10") == []


def test_unknown_key_candidates_and_containers():
    # two candidates: no fix, one suggestion each (quick fixes in the editor)
    text = job("{ columns = [ { name = id, type = int, column = 1 } ] }")
    [d] = lint(text)
    assert d.message.endswith("did you mean `columnScale` or `columnLength`?")
    assert d.suggestions == ("columnScale", "columnLength") and d.fix is None
    # `primaryKey.columns` (a plausible slip for `columnNames`), and the error it leads to
    text = job("{ fields { id = int }\n      primaryKey { name = pk, columns = [id] } }")
    ds = lint(text, "2.3.10")
    assert [(d.name, text[d.start:d.end]) for d in ds] == [("missing-schema-key", "primaryKey"),
                                                           ("unknown-schema-key", "columns")]
    assert ds[1].message.endswith("did you mean `columnNames`?")
    # schema level and a constraint column entry
    text = job("{ feilds { x = int }\n      constraintKeys = [ { constraintName = i, "
               "constraintType = INDEX_KEY, constraintColumns = [ { columnName = id, sort = ASC } ] } ] }")
    assert [(d.option, d.message.split(";")[-1].strip()) for d in lint(text)] == [
        ("schema.feilds", "did you mean `fields`?"),
        ("schema.constraintKeys[0].constraintColumns[0].sort", "did you mean `sortType`?")]
    # a key nobody near: said to be ignored
    [d] = lint(job("{ fields { id = int }\n      source { db = string } }"), "2.3.12")
    assert d.message == "`schema.source` is not a key SeaTunnel's schema parser reads; SeaTunnel 2.3.12 ignores it"


def test_release_difference_partition_keys():
    text = job("{ fields { id = int }\n      partition_keys = [id] }")
    assert lint(text, "2.3.13") == []
    [d] = lint(text, "2.3.12")
    assert d.message == ("`schema.partition_keys` is read by SeaTunnel's schema parser from 2.3.13; this job "
                         "targets 2.3.12, which ignores it")
    assert d.help == "target SeaTunnel 2.3.13 or newer"
    assert load_catalog("2.3.12").schema_keys("schema").get("partition_keys") is None


def test_missing_required_keys_quote_seatunnel_per_release():
    text = job("{ columns = [ { name = id }, { type = int } ] }")
    ds = lint(text, "2.3.10")
    assert [d.message for d in ds] == [
        '`schema.columns[0]` has no `type`: SeaTunnel 2.3.10 fails with "schema.columns.* config need option '
        '[type], please correct your config first" (ReadonlyConfigParser.java:119)',
        '`schema.columns[1]` has no `name`: SeaTunnel 2.3.10 fails with "schema.columns.* config need option '
        '[name], please correct your config first" (ReadonlyConfigParser.java:112)']
    assert all(d.severity == "error" for d in ds)
    assert [text[d.start:d.end] for d in ds] == ["{ name = id }", "{ type = int }"]
    # 2.3.8 reads them on other lines of its own file
    assert [d.message.rsplit("(", 1)[-1] for d in lint(text, "2.3.8")] == ["ReadonlyConfigParser.java:122)",
                                                                           "ReadonlyConfigParser.java:115)"]
    # primaryKey, constraintKeys entries and their columns
    text = job("{ fields { id = int }\n      primaryKey { columnNames = [id] }\n"
               "      constraintKeys = [ { constraintName = i }, { constraintName = j, constraintType = UNIQUE_KEY,"
               " constraintColumns = [ { sortType = ASC } ] } ] }")
    assert [(d.option, d.message.split('"')[1]) for d in lint(text, "2.3.13")] == [
        ("schema.primaryKey.name", "Schema config need option [primaryKey.name], please correct your config first"),
        ("schema.constraintKeys[0].constraintType",
         "schema.constraintKeys.* config need option [constraintType], please correct your config first"),
        ("schema.constraintKeys[0].constraintColumns",
         "schema.constraintKeys.* config need option [columns], please correct your config first"),
        ("schema.constraintKeys[1].constraintColumns[0].columnName",
         "schema.constraintKeys.constraintColumns.* config need option [columnName], please correct your config first")]


def test_fields_and_columns_both():
    text = job("{ fields { id = int }\n      columns = [ { name = id, type = int } ] }")
    [d] = lint(text, "2.3.10")
    assert d.name == "schema-fields-and-columns" and text[d.start:d.end] == "columns"
    assert d.message == ("`schema` has both `fields` and `columns`: SeaTunnel 2.3.10 fails with \"Schema config "
                         "can't contains both [fields] and [columns], please correct your config first\" "
                         "(ReadonlyConfigParser.java:59)")
    assert lint(text, "2.3.8")[0].message.endswith("(ReadonlyConfigParser.java:58)")
    # neither: the parser builds a table without columns, it does not throw
    assert lint(job('{ table = "db.t" }')) == []


def test_enum_values():
    text = job("{ fields { id = int }\n      constraintKeys = [ { constraintName = i, constraintType = INDEX,"
               ' constraintColumns = [ { columnName = id, sortType = "DES" } ] } ] }')
    ds = lint(text, "2.3.10")
    assert [(d.name, text[d.start:d.end], d.suggestions) for d in ds] == [
        ("invalid-schema-enum", "INDEX", ("INDEX_KEY",)), ("invalid-schema-enum", '"DES"', ('"DESC"',))]
    # convertToEnum's exception is caught in ConfigUtil.convertValue (line 52): what the job fails
    # with is Jackson's failure to read the text, thrown at ConfigUtil.java:77-80
    assert ds[0].message == (
        "`schema.constraintKeys[0].constraintType` = `INDEX` is not one of INDEX_KEY, UNIQUE_KEY, FOREIGN_KEY, "
        "VECTOR_INDEX_KEY: SeaTunnel 2.3.10 fails converting it (\"Json parsing exception, value 'INDEX', and "
        "expected type 'org.apache.seatunnel.api.table.catalog.ConstraintKey$ConstraintType'\", ConfigUtil.java:79, "
        "read at ReadonlyConfigParser.java:172); did you mean `INDEX_KEY`?")
    fixed = fix_source(Source(text), Settings(select=["invalid-schema-enum"], seatunnel_version="2.3.10"),
                       unsafe=True)
    assert "constraintType = INDEX_KEY," in fixed.text and 'sortType = "DESC"' in fixed.text
    assert lint(fixed.text, "2.3.10") == []
    # a placeholder is replaced from the job's variables first (`-i TYPE=INDEX_KEY`)
    assert lint(text.replace("constraintType = INDEX,", 'constraintType = "${TYPE}",')
                .replace('"DES"', '"${SORT:ASC}"'), "2.3.10") == []


def test_where_schemas_are_checked():
    # each entry of a multi-table list has its own schema
    text = job("{ fields { id = int } }", extra='    tables_configs = [ { schema = { columns = [ { name = a } ] } } ]\n')
    [d] = lint(text)
    assert d.message.startswith("`tables_configs[0].schema.columns[0]` has no `type`")
    # a dotted key is one flat key for SeaTunnel (path separator `->`): `primaryKey.name` is not `primaryKey`
    text = job("{ fields { id = int }\n      primaryKey.name = pk }")
    [d] = lint(text)
    assert (d.name, text[d.start:d.end]) == ("unknown-schema-key", "primaryKey.name")
    assert d.message == ("`schema.primaryKey.name` is one flat key for SeaTunnel (its path separator is `->`), so "
                         "the schema parser never sees `primaryKey`; SeaTunnel 2.3.13 ignores it")
    assert d.help == "write `primaryKey { name = ... }`"
    # a connector-specific `schema` is not SeaTunnel's schema (Jdbc sink: a database schema name)
    sink = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource { schema = { fields { id = int } } }\n}\n' \
           'sink {\n  Jdbc { schema = { foo = 1 } }\n}\n'
    assert lint(sink) == []
    # a plugin not in the catalog, and a schema in an included file, are left alone
    assert lint(job("{ columns = [ { name = a } ] }", plugin="NoSuchSource")) == []


# ---------------------------------------------------------------------------- passthrough maps
def opt(text: str, version: str | None = None):
    return lint(text, version, rules=["unknown-option"])


def pjob(source: str = "FakeSource { schema = { fields { a = string } } }", sink: str = "Console {}") -> str:
    return f'env {{\n  job.mode = "BATCH"\n}}\nsource {{\n  {source}\n}}\nsink {{\n  {sink}\n}}\n'


def test_passthrough_hint_for_every_client_map():
    # Doris / StarRocks stream-load keys are plain words: the listed ones get the hint
    [d] = opt(pjob(sink='Doris {\n    fenodes = "h:8030"\n    format = "json"\n  }'))
    assert d.message == "`format` is not a known option of sink.Doris; a client property goes inside `doris.config { }`"
    assert d.help == "put it inside `doris.config { }`: sink.Doris passes that map to its client"
    [d] = opt(pjob(sink='StarRocks {\n    nodeUrls = ["h:8030"]\n    strip_outer_array = true\n  }'))
    assert d.message.endswith("a client property goes inside `starrocks.config { }`")
    # Hadoop keys are dotted: the listed ones and dotted lower-case keys
    [d] = opt(pjob(sink='Paimon {\n    warehouse = "/w"\n    database = d\n    table = t\n    dfs.replication = 2\n  }'))
    assert d.message.endswith("a client property goes inside `paimon.hadoop.conf { }`")
    [d] = opt(pjob(source='Hive {\n    table_name = "d.t"\n    metastore_uri = "thrift://m:9083"\n'
                          '    hive.exec.dynamic.partition = true\n  }'))
    # the key is a Hadoop/Hive key as written: not stripped of `hive.` (only well-known client keys are)
    assert d.help == "put it inside `hive.hadoop.conf { }`: source.Hive passes that map to its client"


def test_no_passthrough_hint_for_dotted_keys_of_plain_word_clients():
    # a dotted key on Doris is not a stream-load property: no client hint
    [d] = opt(pjob(sink='Doris {\n    fenodes = "h:8030"\n    foo.bar = 1\n  }'))
    assert "doris.config" not in d.message and d.help is None


def test_every_client_map_is_a_passthrough_in_the_catalog():
    data = json.loads((rules_dir() / "client_keys.json").read_text(encoding="utf-8"))
    for v in ("2.3.8", "2.3.13"):
        cat = load_catalog(v)
        for m in data["maps"]:
            spec = cat.find(m["kind"], m["name"])
            assert spec is not None and spec.passthrough == m["option"], (v, m)
            assert spec.option(m["option"]) is not None, (v, m)


# ---------------------------------------------------------------------------- complexity
def wide_schema(n: int) -> str:
    """n column entries, each with an unknown key, a missing key and a constraint entry with a bad enum."""
    cols = "\n".join(f"        {{ name = c{i}, nulable = true }}" for i in range(n))
    cks = "\n".join(f"        {{ constraintName = k{i}, constraintType = INDEX, constraintColumns = [ {{ columnName = c{i} }} ] }}"
                    for i in range(n))
    return job(f"{{\n      columns = [\n{cols}\n      ]\n      constraintKeys = [\n{cks}\n      ]\n    }}")


def test_schema_rules_are_linear():
    from tests.test_complexity import assert_linear

    assert len(lint(wide_schema(10), "2.3.10")) == 30
    assert_linear(wide_schema, 1500, Settings(select=RULES, seatunnel_version="2.3.10"))


def test_a_schema_the_plugin_does_not_parse_is_left_alone():
    # Kafka source `format = native` builds its table without the schema parser (overlay schema_unused_when)
    bad = "{ columns = [ { name = a } ] }"
    kafka = 'Kafka {\n    bootstrap.servers = "h:9092"\n    topic = "t"\n    plugin_output = "fake"\n'
    text = job(bad).replace('FakeSource {\n    plugin_output = "fake"\n', kafka)
    assert [d.name for d in lint(text, "2.3.10")] == ["missing-schema-key"]
    assert lint(text.replace('topic = "t"', 'topic = "t"\n    format = native'), "2.3.10") == []
    assert [d.name for d in lint(text.replace('topic = "t"', 'topic = "t"\n    format = json'), "2.3.10")] == [
        "missing-schema-key"]
    assert load_catalog("2.3.10").find("source", "Kafka").schema_unused_when == {"format": ("NATIVE",)}


def test_every_key_completion_offers_is_accepted():
    """Completion and hover (stlint.lsp.nested) offer `Catalog.schema_keys(container)`; the checker
    accepts exactly those: a schema writing every offered key of every container has no finding."""
    for v in ("2.3.8", "2.3.10", "2.3.13"):
        cat = load_catalog(v)

        def entry(container: str) -> str:
            parts = []
            for k, o in cat.schema_keys(container).items():
                inner = cat.schema_keys(f"{container}.{k}[]")
                if inner is not None:
                    parts.append(f"{k} = [ {{ {entry(f'{container}.{k}[]')} }} ]")
                elif o.enum_values:
                    parts.append(f"{k} = {o.enum_values[0]}")
                elif o.type == "list":
                    parts.append(f"{k} = [id]")
                elif o.type in ("int", "long"):
                    parts.append(f"{k} = 1")
                elif o.type == "boolean":
                    parts.append(f"{k} = true")
                else:
                    parts.append(f'{k} = "int"')
            return ", ".join(parts)

        cols = entry("schema.columns[]")
        ck = entry("schema.constraintKeys[]")
        pk = entry("schema.primaryKey")
        others = [k for k in cat.schema_keys("schema") if k not in ("fields", "columns", "primaryKey", "constraintKeys")]
        value = {"partition_keys": "[id]", "schema_first": "false", "table": '"d.t"'}
        other = "\n".join(f"      {k} = {value[k]}" for k in others)
        text = job(f"{{\n      columns = [ {{ {cols} }} ]\n      primaryKey {{ {pk} }}\n"
                   f"      constraintKeys = [ {{ {ck} }} ]\n{other}\n    }}")
        assert lint(text, v) == [], (v, text)


def test_keys_a_plugin_reads_inside_schema_itself_are_known():
    # Aerospike sink (2.3.13) declares `schema.field`: ReadonlyConfig finds it as `schema { field = ... }`
    from types import SimpleNamespace

    from stlint.checks.schemakeys import _plugin_schema_keys

    cat = load_catalog("2.3.13")
    assert _plugin_schema_keys(cat, SimpleNamespace(kind="sink", name="Aerospike")) == {"field"}
    assert _plugin_schema_keys(cat, SimpleNamespace(kind="source", name="FakeSource")) == frozenset()
