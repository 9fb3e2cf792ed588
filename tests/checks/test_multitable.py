"""Keys inside the entries of a plugin's multi-table list option (overlay `multi_table`): Kafka
`tables_configs`/`table_list`, Elasticsearch `index_list`, the `table_list` of Kudu, Maxcompute,
Paimon, StarRocks, Clickhouse and Iceberg, the CDC sources' `table-names-config`, MongoDB-CDC's
`tables_configs`, the transforms' `table_transform`.  Each test runs the real engine on a hand-written config with the shipped catalog
of a release: a key SeaTunnel reads there is quiet, another one is reported (with did-you-mean),
a key read only from a later release is option-not-in-version."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text

RULES = ("unknown-option", "option-not-in-version", "invalid-value")


def lint(body: str, version: str, rules=RULES):
    text = 'env { job.mode = "BATCH" }\nsource {\n' + body + '\n}\nsink { Console {} }\n'
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [(d.name, d.option, d.message) for d in res.diagnostics if d.name in rules]


def only_entries(found):
    """Findings on keys inside a list entry (the message names `option[i].key`)."""
    return [f for f in found if "[" in f[2].split("`")[1]]


# ------------------------------------------------------------------------------------ Kafka
KAFKA = """Kafka {
  bootstrap.servers = "h:9092"
  consumer.group = "g"
  kafka.config = { auto.offset.reset = "earliest" }
  %s = [
    { topic = "a", format = "json", schema = { fields { id = "int" } }, start_mode = "earliest" }
    { topic = "b", format = "text", %s }
  ]
}"""


@pytest.mark.parametrize("option,version", [("tables_configs", "2.3.10"), ("tables_configs", "2.3.13"),
                                            ("table_list", "2.3.8"), ("table_list", "2.3.13")])
def test_kafka_entry_known_keys_are_quiet(option, version):
    assert lint(KAFKA % (option, 'pattern = "false"'), version) == []


@pytest.mark.parametrize("option", ["tables_configs", "table_list"])
def test_kafka_entry_typo_gets_did_you_mean(option):
    found = lint(KAFKA % (option, 'formatt = "json"'), "2.3.10")
    assert len(found) == 1
    name, key, msg = found[0]
    assert name == "unknown-option" and key == "formatt"
    assert msg.startswith(f"`{option}[1].formatt` is not a known option of source.Kafka") and "`format`" in msg


def test_kafka_entry_keys_read_from_the_block_only():
    # issue #9966: consumer.group, kafka.config and the v1-style kafka.* client keys written inside an
    # entry; KafkaSourceConfig's constructor reads them from the block (the entry only gives topics,
    # formats, schemas and start modes)
    body = """Kafka {
  bootstrap.servers = "h:9092"
  tables_configs = [
    {
      topic = "t"
      consumer.group = "g"
      format = "json"
      kafka.auto.offset.reset = "earliest"
      kafka.config = { security.protocol = "SSL" }
    }
  ]
}"""
    found = lint(body, "2.3.10")
    by_key = {k: m for _, k, m in found}
    assert set(by_key) == {"consumer.group", "kafka.auto.offset.reset", "kafka.config"}
    assert all(n == "unknown-option" for n, _, _ in found)
    assert by_key["consumer.group"] == ("`tables_configs[0].consumer.group` is read from the source.Kafka block only: "
                                        "SeaTunnel ignores it inside a `tables_configs` entry")
    assert "read from the source.Kafka block only" in by_key["kafka.config"]
    assert "a client property goes inside the block's `kafka.config { }`" in by_key["kafka.auto.offset.reset"]


def test_kafka_block_only_key_of_a_later_release_is_just_unknown():
    # ignore_no_leader_partition exists from 2.3.12, read from the block only: in 2.3.10 it is no
    # option at all, and no later release reads it inside an entry either
    body = KAFKA % ("tables_configs", "ignore_no_leader_partition = true")
    found = lint(body, "2.3.10")
    assert [(n, k) for n, k, _ in found] == [("unknown-option", "ignore_no_leader_partition")]
    assert "block only" not in found[0][2]
    found = lint(body, "2.3.13")
    assert [(n, k) for n, k, _ in found] == [("unknown-option", "ignore_no_leader_partition")]
    assert "block only" in found[0][2]


def test_kafka_tables_configs_not_read_in_2_3_8():
    found = lint(KAFKA % ("tables_configs", 'formatt = "json"'), "2.3.8")
    # the list itself is unknown there; its entries are not checked key by key
    assert [k for _, k, _ in found] == ["tables_configs"]


# ---------------------------------------------------------------------------- Elasticsearch
def test_elasticsearch_index_list_entries():
    body = """Elasticsearch {
  hosts = ["h:9200"]
  index_list = [
    { index = "a", source = ["x"], query = { match_all {} }, scroll_size = 100 }
    { index = "b", source = ["y"], indx = "c" }
  ]
}"""
    found = lint(body, "2.3.13")
    assert len(found) == 1 and found[0][1] == "indx" and "did you mean `index`" in found[0][2]


# ------------------------------------------------------------------------------------- Kudu
KUDU = 'Kudu {\n  kudu_masters = "m:7051"\n  table_list = [ { table_name = "a", %s } ]\n}'


@pytest.mark.parametrize("version", ["2.3.8", "2.3.10", "2.3.13"])
def test_kudu_entry_known(version):
    assert lint(KUDU % 'schema = { fields { id = "int" } }', version) == []


def test_kudu_entry_filter_from_2_3_12():
    assert lint(KUDU % 'filter = "id > 1"', "2.3.12") == []
    found = lint(KUDU % 'filter = "id > 1"', "2.3.11")
    assert len(found) == 1 and found[0][0] == "option-not-in-version" and found[0][1] == "filter"
    assert "it exists from 2.3.12" in found[0][2]


def test_kudu_entry_use_regex_from_2_3_13():
    assert lint(KUDU % "use_regex = true", "2.3.13") == []
    found = lint(KUDU % "use_regex = true", "2.3.12")
    assert [(n, k) for n, k, _ in found] == [("option-not-in-version", "use_regex")]
    assert "it exists from 2.3.13" in found[0][2]


def test_kudu_entry_block_option_is_not_read_there():
    # the entry is its own config: the block's kudu_masters is not read from an entry
    found = lint(KUDU % 'kudu_masters = "x:7051"', "2.3.13")
    assert [(n, k) for n, k, _ in found] == [("unknown-option", "kudu_masters")]
    assert "SeaTunnel ignores keys it does not read" in found[0][2]


# ----------------------------------------------------------- Maxcompute, Paimon, StarRocks, Clickhouse
@pytest.mark.parametrize("body,version,typo,expected", [
    ('Maxcompute { accessId = "a", accesskey = "k", endpoint = "e", project = "p"\n'
     '  table_list = [ { table_name = "t", split_row = 10, read_columns = ["a"], partition_specc = "x" } ] }',
     "2.3.10", "partition_specc", "partition_spec"),
    ('Paimon { warehouse = "/w"\n  table_list = [ { database = "d", table = "t", query = "select 1", tabel = "x" } ] }',
     "2.3.12", "tabel", "table"),
    ('StarRocks { nodeUrls = ["h:8030"], username = "u", password = "p", database = "d"\n'
     '  table_list = [ { table = "t", scan_filter = "a > 1", schema = { fields { id = "int" } }, scan_filtr = "y" } ] }',
     "2.3.10", "scan_filtr", "scan_filter"),
    ('Clickhouse { host = "h:8123", database = "d", username = "u", password = "p"\n'
     '  table_list = [ { table_path = "d.t", filter_query = "a > 1", split_size = 3, batch_size = 1, sqll = "x" } ] }',
     "2.3.12", "sqll", "sql"),
])
def test_listed_entry_keys(body, version, typo, expected):
    found = lint(body, version)
    assert len(found) == 1, found
    name, key, msg = found[0]
    assert name == "unknown-option" and key == typo and f"did you mean `{expected}`" in msg


def test_paimon_table_list_from_2_3_12():
    body = 'Paimon { warehouse = "/w"\n  table_list = [ { database = "d", table = "t" } ] }'
    assert lint(body, "2.3.12") == []
    # 2.3.11's Paimon source reads no table_list: the option itself is reported, not its entries
    assert [k for _, k, _ in lint(body, "2.3.11")] == ["table_list"]


# -------------------------------------------------------------------------------- Iceberg
ICEBERG = ('Iceberg { catalog_name = "c", namespace = "db", iceberg.catalog.config = { type = "hadoop", '
           'warehouse = "/tmp" }\n  table_list = [ { table = "t", %s } ] }')


def test_iceberg_entry_keys_are_the_java_field_names():
    assert lint(ICEBERG % "startSnapshotId = 1, splitSize = 100", "2.3.13") == []
    found = lint(ICEBERG % "start_snapshot_id = 1", "2.3.13")
    assert len(found) == 1
    name, key, msg = found[0]
    assert name == "unknown-option" and key == "start_snapshot_id"
    # Jackson maps the entry onto SourceTableConfig without ignoreUnknown: the job fails
    assert "did you mean `startSnapshotId`" in msg and "SeaTunnel fails on a key it does not know here" in msg


def test_iceberg_entry_unknown_key_without_suggestion_says_it_fails():
    found = lint(ICEBERG % "bogus = 1", "2.3.13")
    assert len(found) == 1 and "fails on a key it does not know" in found[0][2]
    assert "ignores" not in found[0][2]


def test_iceberg_entry_query_replaced_filter_in_2_3_11():
    found = lint(ICEBERG % 'query = "select 1"', "2.3.10")
    assert [(n, k) for n, k, _ in found] == [("option-not-in-version", "query")]
    assert lint(ICEBERG % 'query = "select 1"', "2.3.11") == []
    found = lint(ICEBERG % 'filter = "x"', "2.3.11")
    assert [(n, k) for n, k, _ in found] == [("unknown-option", "filter")]
    assert "until SeaTunnel 2.3.10" in found[0][2]


# ------------------------------------------------------------------------------------ CDC
CDC = ('%s { base-url = "jdbc:mysql://h:3306/db", username = "u", password = "p", table-names = ["db.t"]\n'
       '  table-names-config = [ { table = "db.t", %s } ] }')


@pytest.mark.parametrize("plugin", ["MySQL-CDC", "Postgres-CDC", "SqlServer-CDC", "Oracle-CDC"])
def test_cdc_table_names_config(plugin):
    assert only_entries(lint(CDC % (plugin, 'primaryKeys = ["id"], snapshotSplitColumn = "id"'), "2.3.13")) == []
    found = only_entries(lint(CDC % (plugin, 'primary_keys = ["id"]'), "2.3.13"))
    assert len(found) == 1
    assert found[0][1] == "primary_keys" and "did you mean `primaryKeys`" in found[0][2]
    assert "fails on a key it does not know" in found[0][2]


def test_cdc_snapshot_split_column_from_2_3_9():
    found = only_entries(lint(CDC % ("MySQL-CDC", 'snapshotSplitColumn = "id"'), "2.3.8"))
    assert [(n, k) for n, k, _ in found] == [("option-not-in-version", "snapshotSplitColumn")]
    assert only_entries(lint(CDC % ("MySQL-CDC", 'snapshotSplitColumn = "id"'), "2.3.9")) == []


# ------------------------------------------------------------------------------- MongoDB-CDC
def test_mongodb_cdc_tables_configs():
    body = ('MongoDB-CDC { hosts = "h:27017", database = ["d"], collection = ["d.c"]\n'
            '  tables_configs = [ { schema = { table = "d.c", fields { id = "int" } }, %s } ] }')
    assert lint(body % 'comment = "c"', "2.3.13") == []
    found = lint(body % "scheme = {}", "2.3.9")
    assert len(found) == 1 and found[0][1] == "scheme" and "did you mean `schema`" in found[0][2]


# ------------------------------------------------------------------------------- transforms
SQL = """env { job.mode = "BATCH" }
source { FakeSource { plugin_output = "fake", schema = { fields { id = "int", name = "string" } } } }
transform {
  Sql {
    plugin_input = "fake"
    plugin_output = "out"
    query = "select id from dual"
    table_transform = [ { table_path = "db.t", %s } ]
  }
}
sink { Console { plugin_input = "out" } }
"""


def lint_job(text: str, version: str):
    res = lint_text(text, None, Settings(select=list(RULES), seatunnel_version=version))
    return [(d.name, d.option, d.message) for d in res.diagnostics if d.name in RULES]


@pytest.mark.parametrize("version", ["2.3.9", "2.3.13"])
def test_transform_table_transform_entry(version):
    # each entry is the transform's own config for one table, named by table_path
    assert lint_job(SQL % 'query = "select name from dual"', version) == []
    found = lint_job(SQL % 'querry = "select 1"', version)
    assert len(found) == 1
    name, key, msg = found[0]
    assert name == "unknown-option" and key == "querry"
    assert msg.startswith("`table_transform[0].querry` is not a known option of transform.Sql") and "`query`" in msg


def test_transform_table_transform_entry_for_a_later_transform_option():
    # FieldMapper reads each entry as its own config; an option of another transform is reported
    text = """env { job.mode = "BATCH" }
source { FakeSource { plugin_output = "fake", schema = { fields { id = "int" } } } }
transform {
  FieldMapper {
    plugin_input = "fake"
    plugin_output = "out"
    field_mapper = { id = id }
    table_transform = [ { table_path = "db.t", field_mapper = { id = id2 }, query = "select 1" } ]
  }
}
sink { Console { plugin_input = "out" } }
"""
    found = lint_job(text, "2.3.13")
    assert [(n, k) for n, k, _ in found] == [("unknown-option", "query")]
