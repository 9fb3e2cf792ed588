"""Issue 13, nested values: keys inside `schema { }` (catalog `schema_keys`, scanned from SeaTunnel's
schema parser per release), well-known keys of client-settings maps (`kafka.config`,
rules/client_keys.json), plugin descriptions (docs pages, a lazily loaded descriptions file)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from lsprotocol import types as T

from lsphelp import REPO, client, snippet_client  # noqa: F401  (fixtures)
from lsphelp import Doc


def typed(client, tmp_path, text: str, name: str = "job.conf") -> tuple[Doc, T.Position]:
    i = text.index("|")
    doc = Doc(client, tmp_path / name, text.replace("|", ""))
    return doc, T.Position(text.count("\n", 0, i), i - (text.rfind("\n", 0, i) + 1))


async def complete(client, doc: Doc, pos: T.Position) -> dict[str, T.CompletionItem]:
    res = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))
    return {i.label: i for i in res.items}


async def hover(client, doc: Doc, pos: T.Position) -> str:
    h = await client.text_document_hover_async(T.HoverParams(doc.ident(), pos))
    assert h is not None
    return h.contents.value


# -- keys inside schema { } -----------------------------------------------------------------------
async def test_schema_keys(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    schema {\n      fields { id = "int" }\n      |\n    }\n  }\n}\n')
    items = await complete(client, doc, pos)
    assert {"columns", "primaryKey", "constraintKeys", "table", "schema_first", "partition_keys"} <= set(items)
    assert "fields" not in items  # already written in this block
    assert "url" not in items and "row.num" not in items  # the plugin's own options are not schema keys
    assert "SeaTunnel Schema Columns" in items["columns"].documentation.value  # withDescription text
    assert "ReadonlyConfigParser.java" in items["columns"].documentation.value  # where SeaTunnel reads it


async def test_primary_key_and_column_entry_keys(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    schema {\n      primaryKey {\n        |\n      }\n    }\n  }\n}\n')
    items = await complete(client, doc, pos)
    assert set(items) == {"name", "columnNames"}
    assert items["columnNames"].detail == "list<string> · required"
    assert "Schema config need option [primaryKey.columnNames]" in items["columnNames"].documentation.value
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    schema {\n      columns = [\n'
                                       '        { name = "id", type = "int" }\n        { name = "b"\n          |', "b.conf")
    items = await complete(client, doc, pos)
    assert {"type", "nullable", "columnLength", "columnScale", "defaultValue", "comment"} <= set(items)
    assert "name" not in items  # already in this entry
    assert items["type"].sort_text < items["nullable"].sort_text  # required first


async def test_column_type_and_enum_values(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    schema {\n      columns = [\n        { name = "id", type = |')
    items = await complete(client, doc, pos)
    assert {"int", "bigint", "decimal(10, 2)"} <= set(items)  # the value goes to SeaTunnel's type parser
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    schema {\n      constraintKeys = [\n'
                                       '        { constraintType = |', "c.conf")
    assert {"INDEX_KEY", "UNIQUE_KEY", "FOREIGN_KEY"} <= set(await complete(client, doc, pos))


async def test_schema_key_hover(client, tmp_path):
    text = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "fake"\n    schema {\n'
            '      fields { id = "int" }\n      primaryKey { name = "pk", columnNames = [id] }\n    }\n  }\n}\n'
            'sink {\n  Console {\n    plugin_input = "fake"\n  }\n}\n')
    doc = Doc(client, tmp_path / "job.conf", text)
    v = await hover(client, doc, doc.pos("columnNames", after=False))
    assert v.startswith("`schema.primaryKey.columnNames`: list<string>")
    assert "SeaTunnel Schema Primary Key Columns" in v and "**required**" in v
    assert re.search(r"\(ReadonlyConfigParser\.java:\d+, 2\.3\.13\)$", v)  # where SeaTunnel reads it
    v = await hover(client, doc, doc.pos("primaryKey", after=False))
    assert v.startswith("`schema.primaryKey`: map")
    # a column name in `fields` is the user's own key, not an unknown option of the plugin
    v = await hover(client, doc, doc.pos("id =", after=False))
    assert v == "`id`: an entry of `schema.fields` (SeaTunnel Schema Fields); the key is a name of yours, not an option"


def test_schema_keys_are_release_facts():
    from stlint.catalog import load_catalog

    # CatalogTableUtil reads schema.partition_keys from 2.3.13 on (not in 2.3.12 and older)
    assert "partition_keys" not in load_catalog("2.3.12").schema_keys("schema")
    assert "partition_keys" in load_catalog("2.3.13").schema_keys("schema")
    # ColumnOptions.COLUMN_LENGTH: intType() in 2.3.8, longType() from 2.3.9
    assert load_catalog("2.3.8").schema_keys("schema.columns[]")["columnLength"].type == "int"
    assert load_catalog("2.3.9").schema_keys("schema.columns[]")["columnLength"].type == "long"
    for v in ("2.3.8", "2.3.13"):
        cat = load_catalog(v)
        fact = cat.schema_key_fact("schema.columns[]", "name")
        assert fact["required"] == "schema.columns.* config need option [name], please correct your config first"
        assert fact["where"].startswith("seatunnel-api/src/main/java/") and fact["where"].split(":")[-1].isdigit()
        assert cat.schema_key_fact("schema.columns[]", "type")["value"] == "seatunnel-type"
        assert cat.schema_keys("schema.constraintKeys[].constraintColumns[]")["sortType"].enum_values == ["ASC", "DESC"]
        assert cat.schema_keys("schema.fields") is None  # field names are the user's


async def test_tables_configs_entry_schema(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    tables_configs = [\n      {\n        schema {\n          |')
    assert {"fields", "columns", "table"} <= set(await complete(client, doc, pos))


# -- client-settings maps -------------------------------------------------------------------------
async def test_kafka_config_keys(snippet_client, tmp_path):
    doc, pos = typed(snippet_client, tmp_path, 'source {\n  Kafka {\n    kafka.config {\n      client.id = "a"\n      |\n    }\n  }\n}\n')
    items = await complete(snippet_client, doc, pos)
    assert {"auto.offset.reset", "max.poll.records", "security.protocol", "sasl.mechanism", "sasl.jaas.config"} <= set(items)
    assert "client.id" not in items  # written already
    assert "group.id" not in items and "bootstrap.servers" not in items  # SeaTunnel sets them after the map
    assert "acks" not in items  # a producer setting
    assert items["auto.offset.reset"].text_edit.new_text == 'auto.offset.reset = "${1|latest,earliest,none|}"$0'
    assert "ConsumerConfig" in items["max.poll.records"].documentation.value
    doc, pos = typed(snippet_client, tmp_path, 'sink {\n  Kafka {\n    kafka.config = {\n      |', "s.conf")
    items = await complete(snippet_client, doc, pos)
    assert {"acks", "linger.ms", "batch.size", "compression.type", "client.id", "security.protocol"} <= set(items)
    assert "max.poll.records" not in items and "key.serializer" not in items
    # the other client-settings maps (rules/client_keys.json `maps`, each with where SeaTunnel copies it)
    for n, (block, want) in enumerate((('sink {\n  Doris {\n    doris.config {\n      |', {"format", "read_json_by_line"}),
                                       ('sink {\n  StarRocks {\n    starrocks.config {\n      |', {"format", "strip_outer_array"}),
                                       ('source {\n  Hive {\n    hive.hadoop.conf {\n      |', {"fs.defaultFS", "dfs.nameservices"}),
                                       ('sink {\n  Paimon {\n    paimon.hadoop.conf {\n      |', {"fs.s3a.endpoint"}))):
        doc, pos = typed(snippet_client, tmp_path, block, f"m{n}.conf")
        assert want <= set(await complete(snippet_client, doc, pos)), block
    # a map that is no client-settings map offers nothing of the kind
    doc, pos = typed(snippet_client, tmp_path, 'source {\n  Kafka {\n    start_mode.offsets {\n      |', "o.conf")
    assert "acks" not in await complete(snippet_client, doc, pos)


async def test_client_key_hover(client, tmp_path):
    text = ('source {\n  Kafka {\n    topic = "t"\n    bootstrap.servers = "b:9092"\n'
            '    kafka.config {\n      max.poll.records = 100\n      my.own.setting = 1\n    }\n  }\n}\n')
    doc = Doc(client, tmp_path / "job.conf", text)
    v = await hover(client, doc, doc.pos("max.poll.records", after=False))
    assert v.startswith("`max.poll.records`: Kafka consumer setting, default `500`")
    assert "KafkaSourceConfig.java:143" in v and "ConsumerConfig" in v
    v = await hover(client, doc, doc.pos("my.own", after=False))
    assert v.startswith("`my.own.setting`: Kafka consumer setting, passed to the client unchanged")
    assert "not an option" not in v


# -- plugin descriptions --------------------------------------------------------------------------
async def test_plugin_description_in_hover_and_completion(client, tmp_path):
    from stlint.catalog import load_catalog

    want = load_catalog().plugin_description("source", "Kafka")
    assert want == "Source connector for Apache Kafka."  # docs/en/connectors/source/Kafka.md, ## Description
    text = 'source {\n  Kafka {\n    topic = "t"\n    bootstrap.servers = "b:9092"\n  }\n}\n'
    doc = Doc(client, tmp_path / "job.conf", text)
    v = await hover(client, doc, doc.pos("Kafka", after=False))
    assert v.startswith("**Kafka** · source plugin\n\nSource connector for Apache Kafka.\n\nneeds ")
    doc, pos = typed(client, tmp_path, "sink {\n  |\n}\n", "s.conf")
    items = await complete(client, doc, pos)
    assert load_catalog().plugin_description("sink", "Jdbc") in items["Jdbc"].documentation.value
    assert "Write data through jdbc" in items["Jdbc"].documentation.value


def test_plugin_descriptions_are_plain_capped_text():
    from stlint.catalog import available_versions, load_catalog
    from stlint.catalog.extract import DESCRIPTION_MAX, docs_description

    for v in available_versions():
        cat = load_catalog(v)
        n = 0
        for kind in ("source", "sink", "transform"):
            for name in cat.names(kind):
                d = cat.plugin_description(kind, name)
                if d is None:
                    continue
                n += 1
                assert len(d) <= DESCRIPTION_MAX and "](" not in d and "\n" not in d and "<br" not in d, (v, name, d)
        assert n > 100, v
    md = "# X\n\n> X sink connector\n\n## Description\n\nWrites [rows](a.md) to **X**.\nSecond line.\n\nMore.\n"
    assert docs_description(md) == "Writes rows to X. Second line."
    assert docs_description("# X\n\n> X sink connector\n\n## Options\n") == "X sink connector"
    assert docs_description("## Description\n\n" + "word " * 200).endswith("...")


def test_check_never_opens_the_descriptions_file(tmp_path):
    """The descriptions are read only by hover, completion and docs: a check opens the catalog
    (the audit hook sees it) but never `<version>.descriptions.json.gz`."""
    job = tmp_path / "job.conf"
    job.write_text('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "f"\n'
                   '    schema = { fields { id = "int" } }\n    bogus_key = 1\n  }\n}\nsink {\n  Console {\n'
                   '    plugin_input = "f"\n  }\n}\n')
    code = textwrap.dedent(f"""
        import sys, runpy
        opened = []
        sys.addaudithook(lambda ev, args: opened.append(str(args[0])) if ev == "open" else None)
        sys.argv = ["stlint", "check", "--no-cache", "--format", "json", "--exit-zero", {str(job)!r}]
        try:
            runpy.run_module("stlint", run_name="__main__")
        except SystemExit:
            pass
        sys.stderr.write("\\n".join(opened))
    """)
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    opened = r.stderr.splitlines()
    assert "unknown-option" in r.stdout  # the check ran with the catalog ...
    assert any(p.endswith("2.3.13.json.gz") for p in opened)  # ... that it opened
    assert not [p for p in opened if "descriptions" in p]
