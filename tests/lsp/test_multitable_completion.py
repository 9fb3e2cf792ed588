"""Completion inside an entry of a multi-table list option (overlay `multi_table`) over a real
server: Kafka reads each `tables_configs` entry as a whole source config except the keys its
constructor reads from the block (`block_only`); Kudu reads a listed set of keys."""

from __future__ import annotations

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc


def typed(client, tmp_path, text: str, name: str = "job.conf") -> tuple[Doc, T.Position]:
    i = text.index("|")
    doc = Doc(client, tmp_path / name, text.replace("|", ""))
    return doc, T.Position(text.count("\n", 0, i), i - (text.rfind("\n", 0, i) + 1))


async def labels(client, doc: Doc, pos: T.Position) -> set[str]:
    res = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))
    return {i.label for i in res.items}


async def test_kafka_tables_configs_entry_keys(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source {\n  Kafka {\n    bootstrap.servers = "h:9092"\n'
                                       '    tables_configs = [\n      { topic = "t"\n        |')
    got = await labels(client, doc, pos)
    assert {"format", "schema", "start_mode", "pattern"} <= got  # read from each entry
    assert "topic" not in got  # already in this entry
    # read from the Kafka block only (KafkaSourceConfig's constructor), and the list options themselves
    assert not got & {"bootstrap.servers", "consumer.group", "kafka.config", "poll.timeout", "commit_on_checkpoint"}
    assert "tables_configs" not in got and "table_list" not in got


async def test_kudu_table_list_entry_keys_per_release(client, tmp_path):
    text = 'source {\n  Kudu {\n    kudu_masters = "m:7051"\n    table_list = [\n      {\n        |'
    doc, pos = typed(client, tmp_path, text)
    got = await labels(client, doc, pos)
    # the default release (2.3.13) reads table_name, use_regex, schema, filter from an entry
    assert {"table_name", "use_regex", "filter", "schema"} <= got
    assert "kudu_masters" not in got and "client_worker_count" not in got


async def test_iceberg_table_list_entry_offers_the_entry_class_keys(client, tmp_path):
    # Jackson maps each entry onto SourceTableConfig: its (camelCase) field names, typed from the scan
    doc, pos = typed(client, tmp_path, 'source {\n  Iceberg {\n    catalog_name = "c"\n    namespace = "db"\n'
                                       '    table_list = [\n      { table = "t"\n        |')
    res = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))
    items = {i.label: i for i in res.items}
    assert {"startSnapshotId", "useSnapshotTimestamp", "query", "splitSize"} <= set(items)
    assert "start_snapshot_id" not in items and "catalog_name" not in items and "table" not in items
    assert items["startSnapshotId"].detail == "long"
