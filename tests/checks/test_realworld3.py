"""Third round of outside SeaTunnel job configs (issue reports, operator samples, REST bodies, demo
repositories): classes found there, reproduced by hand (the outside files are not kept here).  Each
test runs the real engine on a config and the shipped catalog of a release."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text


def lint(text: str, *rules: str, version: str | None = None):
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


# ------------------------------------------------------------- a requirement said once, not twice
# SQLTransformFactory's own rule requires `query` in 2.3.8 (optional from 2.3.9); the overlay adds
# the runtime requirement for the later releases.  In 2.3.8 the two used to be listed together
# ("`query` is required; `query` is required (... although the rule declares it optional)").
SQL_WITHOUT_QUERY = """env { job.mode = "BATCH" }
source { FakeSource { plugin_output = "fake", schema = { fields { id = "int" } } } }
transform {
  Sql {
    plugin_input = "fake"
    plugin_output = "out"
    sql = "select id from fake"
  }
}
sink { Console { plugin_input = "out" } }
"""


def test_sql_query_required_once_where_the_rule_requires_it():
    ds = lint(SQL_WITHOUT_QUERY, "missing-required-option", version="2.3.8")
    assert len(ds) == 1
    assert ds[0].message == "transform.Sql: `query` is required"  # the release's own rule, no overlay reason


@pytest.mark.parametrize("version", ["2.3.9", "2.3.13"])
def test_sql_query_required_by_the_overlay_where_the_rule_declares_it_optional(version):
    ds = lint(SQL_WITHOUT_QUERY, "missing-required-option", version=version)
    assert len(ds) == 1
    assert ds[0].message.count("`query` is required") == 1 and "declares it optional" in ds[0].message


def test_field_mapper_required_once_where_the_rule_requires_it():
    # the other overlay requirement the 2.3.8 rule already states (FieldMapperTransformFactory)
    text = """env { job.mode = "BATCH" }
source { FakeSource { plugin_output = "fake", schema = { fields { id = "int" } } } }
transform { FieldMapper { plugin_input = "fake", plugin_output = "m" } }
sink { Console { plugin_input = "m" } }
"""
    ds = lint(text, "missing-required-option", version="2.3.8")
    assert [d.message for d in ds] == ["transform.FieldMapper: `field_mapper` is required"]
    ds = lint(text, "missing-required-option", version="2.3.13")
    assert len(ds) == 1 and ds[0].message.count("`field_mapper` is required") == 1


def test_sql_with_query_is_quiet():
    text = SQL_WITHOUT_QUERY.replace("sql =", "query =")
    for version in ("2.3.8", "2.3.13"):
        assert lint(text, "missing-required-option", version=version) == []


# ------------------------------------------------------------- MongoDB-CDC without schema (2.3.8)
# CatalogTableUtil.getCatalogTables: without `schema` the source asks for a catalog named `MongoDB`,
# which 2.3.8 does not ship ("Can not find catalog with factoryId [MongoDB]"); from 2.3.9 the rule
# itself requires exactly one of `schema`, `tables_configs` (exclusive-options).
def mongo_cdc(extra: str = "") -> str:
    return f"""env {{
  parallelism = 1
  job.mode = "STREAMING"
  checkpoint.interval = 5000
}}
source {{
  MongoDB-CDC {{
    hosts = "mongo0:27017"
    database = ["inventory"]
    collection = ["inventory.products"]
    username = stuser
    password = ${{MONGO_PASSWORD}}
{extra}  }}
}}
sink {{ Console {{ }} }}
"""


def test_mongodb_cdc_without_schema_at_2_3_8():
    ds = lint(mongo_cdc(), "missing-required-option", "exclusive-options", version="2.3.8")
    assert [d.name for d in ds] == ["missing-required-option"]
    assert "`schema` is required" in ds[0].message and "Can not find catalog with factoryId [MongoDB]" in ds[0].message


def test_mongodb_cdc_without_schema_later_is_the_rule_s_own_finding():
    ds = lint(mongo_cdc(), "missing-required-option", "exclusive-options", version="2.3.9")
    assert [d.name for d in ds] == ["exclusive-options"]


@pytest.mark.parametrize("version", ["2.3.8", "2.3.13"])
def test_mongodb_cdc_with_schema_is_quiet(version):
    text = mongo_cdc('    schema = { fields { _id = "string", name = "string" } }\n')
    assert lint(text, "missing-required-option", "exclusive-options", version=version) == []


# ------------------------------------------------------------- repeated keys in a JSON job
# seatunnel.sh parses a .json job with Typesafe's JSON syntax, which refuses a repeated key ("JSON
# does not allow duplicate fields", ConfigParser.java:509 at 2.3.13): the job does not load, so the
# HOCON rule's "the value at ... is ignored" is wrong there; syntax-error alone reports it.
JSON_DUP = """{
  "env": {"job.mode": "STREAMING", "checkpoint.interval": 5000},
  "source": [{"plugin_name": "FakeSource", "plugin_output": "fake",
              "schema": {"fields": {"name": "string", "name": "int"}}}],
  "sink": [{"plugin_name": "Console", "plugin_input": "fake"}]
}
"""


def test_repeated_key_in_a_json_job_is_the_syntax_error_only():
    res = lint_text(JSON_DUP, "job.json", Settings(select=["duplicate-key", "syntax-error"]))
    names = [d.name for d in res.diagnostics]
    assert names == ["syntax-error"]
    assert "JSON does not allow duplicate fields" in res.diagnostics[0].message


def test_repeated_key_in_hocon_is_still_reported():
    text = """env { job.mode = "BATCH" }
source { FakeSource { plugin_output = "fake", row.num = 5, row.num = 10, schema = { fields { id = "int" } } } }
sink { Console { plugin_input = "fake" } }
"""
    res = lint_text(text, "job.conf", Settings(select=["duplicate-key", "syntax-error"]))
    ds = [d for d in res.diagnostics]
    assert [d.name for d in ds] == ["duplicate-key"] and "is ignored" in ds[0].message


# ------------------------------------------------------------- format options are not client properties
# #6870: `ogg_json.table.include` written in a Kafka source was told "a client property goes inside
# `kafka.config { }`". It is an option name of the ogg_json format (OggJsonFormatOptions), which the Kafka
# source does not pass on (KafkaSourceConfig builds OggJsonDeserializationSchema without it, 2.3.8), and
# no Kafka client property starts with a word holding `_`: unknown, without the kafka.config hint.
KAFKA_OGG = """env { job.mode = "STREAMING", checkpoint.interval = 3000 }
source {
  Kafka {
    plugin_output = "k"
    bootstrap.servers = "kafka:9092"
    topic = "t"
    format = ogg_json
    ogg_json.table.include = "SCANDATA"
    max.poll.records = 500
    schema = { fields { id = "bigint" } }
  }
}
sink { Console { plugin_input = "k" } }
"""


@pytest.mark.parametrize("version", ["2.3.8", "2.3.13"])
def test_format_prefixed_key_is_not_called_a_client_property(version):
    ds = {d.option: d for d in lint(KAFKA_OGG, "unknown-option", version=version)}
    assert "kafka.config" not in ds["ogg_json.table.include"].message
    assert ds["ogg_json.table.include"].message.startswith("`ogg_json.table.include` is not a known option of source.Kafka")
    # a real consumer property keeps the hint
    assert ds["max.poll.records"].message.endswith("a client property goes inside `kafka.config { }`")
