"""False-positive classes found on SeaTunnel job configs from outside SeaTunnel's repository
(hand-written reproductions; the outside files themselves are not kept here).  Each test runs the
real engine on a config and the shipped catalog of the release the class was seen with."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text


def lint(text: str, *rules: str, version: str | None = None):
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


# ---------------------------------------------------------------------------- sql-table-mismatch
# SeaTunnel accepts a FROM name equal to the input rows' catalog table name, i.e. the last part of
# the table path the source reads (SQLTransform.open -> ZetaSQLEngine.validateSQL, 2.3.12)
def cdc_job(source_tables: str, query_from: str, middle: str = "") -> str:
    return f"""env {{ job.mode = "STREAMING", checkpoint.interval = 5000 }}
source {{
  SqlServer-CDC {{
    plugin_output = "emps_source"
    url = "jdbc:sqlserver://db:1433;databaseName=company"
    username = ${{SRC_USER}}
    password = ${{SRC_PASSWORD}}
    database-names = ["company"]
    {source_tables}
  }}
}}
transform {{
  {middle}
  Sql {{
    plugin_input = "{'emps_mid' if middle else 'emps_source'}"
    plugin_output = "emps_transform"
    query = \"\"\"SELECT id, first_name FROM {query_from} WHERE dept_id = 1\"\"\"
  }}
}}
sink {{
  Console {{ plugin_input = "emps_transform" }}
}}
"""


MID = 'FieldRename { plugin_input = "emps_source", plugin_output = "emps_mid", convert_case = "LOWER" }'


@pytest.mark.parametrize("tables,frm,middle", [
    ('table-names = ["company.dbo.emps"]', "emps", ""),            # the catalog table name
    ('table-names = ["company.dbo.emps"]', "EMPS", ""),            # compared without case
    ('table-names = ["company.dbo.emps"]', "emps_source", ""),     # the input name
    ('table-names = ["company.dbo.emps", "company.dbo.depts"]', "depts", ""),
    ('table-names = ["company.dbo.emps"]', "emps", MID),           # through a transform upstream
    ('table-pattern = "company.dbo.*"', "emps", ""),              # names not knowable: quiet
])
def test_from_the_catalog_table_name_is_accepted(tables, frm, middle):
    assert lint(cdc_job(tables, frm, middle), "sql-table-mismatch", version="2.3.12") == []


def test_from_another_table_is_still_reported():
    ds = lint(cdc_job('table-names = ["company.dbo.emps"]', "customers"), "sql-table-mismatch",
              version="2.3.12")
    assert len(ds) == 1 and "reads `customers`" in ds[0].message


def test_jdbc_table_path_and_table_list():
    def jdbc(opts: str, frm: str) -> str:
        return f"""env {{ job.mode = "BATCH" }}
source {{
  Jdbc {{
    plugin_output = "src"
    url = "jdbc:mysql://db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
    username = ${{U}}
    password = ${{P}}
    {opts}
  }}
}}
transform {{
  Sql {{ plugin_input = "src", plugin_output = "out", query = "select id from {frm}" }}
}}
sink {{ Console {{ plugin_input = "out" }} }}
"""
    assert lint(jdbc('table_path = "shop.orders"', "orders"), "sql-table-mismatch") == []
    assert lint(jdbc('table_list = [{ table_path = "shop.orders" }]', "orders"), "sql-table-mismatch") == []
    assert len(lint(jdbc('table_path = "shop.orders"', "customers"), "sql-table-mismatch")) == 1


# ---------------------------------------------------------------------------- schema-is-cdc-envelope
# debezium_json parses the row image (`after`/`before`) with the declared row type
# (DebeziumJsonDeserializationSchema, 2.3.12): table columns declared next to `op`/`ts_ms` are read
# fine, only the envelope names come out null; "every column would be null" only holds when the schema
# declares nothing but the envelope
def kafka_debezium(fields: str) -> str:
    return f"""env {{ job.mode = "STREAMING", checkpoint.interval = 5000 }}
source {{
  Kafka {{
    bootstrap.servers = "broker:29092"
    topic = "orders"
    format = debezium_json
    schema = {{ fields {{ {fields} }} }}
  }}
}}
sink {{ Console {{}} }}
"""


def test_envelope_only_schema_nulls_every_column():
    ds = lint(kafka_debezium('before = "string", after = "string", op = "string", ts_ms = "bigint"'),
              "schema-is-cdc-envelope", version="2.3.12")
    assert len(ds) == 1 and "every column would be null" in ds[0].message


def test_envelope_names_next_to_table_columns_only_null_themselves():
    ds = lint(kafka_debezium('id = "int", status = "string", op = "string", ts_ms = "bigint"'),
              "schema-is-cdc-envelope", version="2.3.12")
    assert len(ds) == 1
    assert "`op`, `ts_ms` are envelope fields" in ds[0].message
    assert "every column" not in ds[0].message and "other columns are read as declared" in ds[0].message


# ---------------------------------------------------------------------------- sql-syntax-error (missed)
# a select list ending in `,` before FROM: sqlglot accepts it, SeaTunnel's JSqlParser 4.9 does not
# (SelectItemsList = SelectItem ("," SelectItem)*), so the job fails with "SQL parse failed"
def sql_job(query: str) -> str:
    return f"""env {{ job.mode = "BATCH" }}
source {{ FakeSource {{ plugin_output = "a", schema = {{ fields {{ id = "int", name = "string" }} }} }} }}
transform {{ Sql {{ plugin_input = "a", plugin_output = "b", query = \"\"\"{query}\"\"\" }} }}
sink {{ Console {{ plugin_input = "b" }} }}
"""


def test_trailing_comma_before_from_is_a_syntax_error():
    text = sql_job("select id,\n  name,\n  from a")
    ds = lint(text, "sql-syntax-error")
    assert len(ds) == 1 and "right before FROM" in ds[0].message
    assert text[ds[0].start:ds[0].end] == "," and text[ds[0].start - 4:ds[0].start] == "name"


@pytest.mark.parametrize("query", [
    "select id, name from a",
    "select id, extract(year from now()) as y from a",
    "select trim(both 'x' from name) as n, id from a",
    "select id, 'a, from b' as s from a",
])
def test_from_after_other_tokens_is_fine(query):
    assert lint(sql_job(query), "sql-syntax-error") == []


# ---------------------------------------------------------------------------- missing-required-option (missed)
# the Hive source's rule declares `table_name` optional, but the single-table path always resolves it
# (HiveTableUtils.getTableInfo -> TablePath.of(table_name)); table lists carry it per entry
HIVE = """env {{ job.mode = "BATCH" }}
source {{
  Hive {{
    plugin_output = "a"
    {opts}
  }}
}}
sink {{ Console {{ plugin_input = "a" }} }}
"""


@pytest.mark.parametrize("version,needle", [("2.3.12", "NullPointerException, HiveTableUtils.java:36"),
                                            ("2.3.13", "Failed to get Hive table information")])
def test_hive_source_without_table_name(version, needle):
    text = HIVE.format(opts='metastore_uri = "thrift://hms:9083"')
    ds = lint(text, "missing-required-option", version=version)
    assert len(ds) == 1 and "`table_name` is required" in ds[0].message and needle in ds[0].message


@pytest.mark.parametrize("opts", [
    'table_name = "dws.t", metastore_uri = "thrift://hms:9083"',
    'table_list = [{ table_name = "dws.t", metastore_uri = "thrift://hms:9083" }]',
    'tables_configs = [{ table_name = "dws.t", metastore_uri = "thrift://hms:9083" }]',
])
def test_hive_source_with_its_tables_named(opts):
    assert lint(HIVE.format(opts=opts), "missing-required-option", version="2.3.12") == []


def test_hive_table_list_entry_without_table_name():
    text = HIVE.format(opts='table_list = [{ metastore_uri = "thrift://hms:9083" }]')
    ds = lint(text, "missing-required-option", version="2.3.12")
    assert len(ds) == 1 and "`table_name` is required" in ds[0].message


# ---------------------------------------------------------------------------- engine inference
# `execution.parallelism` alone (SeaTunnel's connector docs and its x2seatunnel converter write it for
# Zeta jobs) no longer selects the Flink starter's stricter graph semantics
ONE_TO_ONE = """env {{
  {env}
  job.mode = "BATCH"
}}
source {{ Jdbc {{ url = "jdbc:mysql://db:3306/d", driver = "com.mysql.cj.jdbc.Driver", query = "select 1" }} }}
sink {{ Console {{ source_table_name = "fake" }} }}
"""


@pytest.mark.parametrize("env,severity", [("execution.parallelism = 1", "warning"),
                                          ("execution.checkpoint.interval = 10000", "warning"),
                                          ("execution.planner = blink", "error")])
def test_simple_job_name_mismatch_by_engine(env, severity):
    ds = lint(ONE_TO_ONE.format(env=env), "undefined-plugin-input", version="2.3.12")
    assert [d.severity for d in ds] == [severity]


# ---------------------------------------------------------------------------- flink-only-env-key (missed)
# `execution.parallelism = 2` in Zeta jobs (larryloi lab, 8 files): Zeta reads `parallelism` only
def env_job(env: str, source_opts: str = "") -> str:
    return f"""env {{
{env}
}}
source {{ FakeSource {{ {source_opts} schema = {{ fields {{ id = "int" }} }} }} }}
sink {{ Console {{}} }}
"""


def test_execution_parallelism_ignored_by_zeta():
    text = env_job('  job.mode = "BATCH"\n  execution.parallelism = 2')
    ds = lint(text, "flink-only-env-key")
    assert len(ds) == 1 and text[ds[0].start:ds[0].end] == "execution.parallelism"
    assert "runs with parallelism 1" in ds[0].message and ds[0].help == "write `parallelism = 2` (the Flink starter reads it too)"
    both = lint(env_job('  execution.parallelism = 2\n  parallelism = 4'), "flink-only-env-key")
    assert len(both) == 1 and "`parallelism = 4` is set and wins on every engine" in both[0].message


@pytest.mark.parametrize("env,source_opts", [
    ("  execution.parallelism = 1", ""),                          # what Zeta uses anyway
    ("  execution.parallelism = 2\n  parallelism = 2", ""),       # the same value
    ("  execution.parallelism = 2", "parallelism = 3,"),          # every source sets its own
    ("  execution.parallelism = 2\n  execution.planner = blink", ""),  # a Flink job: read there
    ('  job.mode = "STREAMING"\n  execution.checkpoint.interval = 5000\n  checkpoint.interval = 5000', ""),
    ('  job.mode = "BATCH"\n  execution.checkpoint.interval = 5000', ""),  # only STREAMING jobs are reported
])
def test_flink_only_env_key_quiet_when_it_changes_nothing(env, source_opts):
    assert lint(env_job(env, source_opts), "flink-only-env-key") == []


def test_execution_checkpoint_interval_in_a_zeta_streaming_job():
    text = env_job('  job.mode = "STREAMING"\n  execution.checkpoint.interval = 5000')
    ds = lint(text, "flink-only-env-key")
    assert len(ds) == 1 and "seatunnel.yaml" in ds[0].message and ds[0].help == "write `checkpoint.interval = 5000` (the Flink starter reads it too)"


# ---------------------------------------------------------------------------- unknown-option hint
# `log.print.data` written in a Kafka source was called "a client property": it is Console's option
def kafka_source(extra: str) -> str:
    return f"""env {{ job.mode = "STREAMING", checkpoint.interval = 5000 }}
source {{
  Kafka {{
    bootstrap.servers = "broker:29092"
    topic = "t"
    format = text
    {extra}
  }}
}}
sink {{ Console {{}} }}
"""


def test_unknown_key_that_is_another_plugins_option_is_not_called_a_client_property():
    d, = lint(kafka_source("log.print.data = true"), "unknown-option", version="2.3.12")
    assert d.message.endswith("(it is an option of sink.Console)"), d.message
    assert d.help == "if it is a client property, put it inside `kafka.config { }`"
    d, = lint(kafka_source("max.poll.records = 10"), "unknown-option", version="2.3.12")
    assert d.message.endswith("a client property goes inside `kafka.config { }`"), d.message


# ---------------------------------------------------------------------------- follow-ons of a non-object entry
# a YAML-style `- sql: """..."""` transform entry is a string: plugin-not-an-object says so; asking the
# same string for plugin_input/plugin_output repeated it (the sinks' own missing names are still reported)
def test_non_object_entry_gets_no_graph_follow_ons():
    text = """env { job.mode = "BATCH" }
source { FakeSource { schema = { fields { id = "int" } } } }
transform {
  - sql: \"\"\"select * from t\"\"\"
}
sink {
  Console {}
  Console {}
}
"""
    ds = lint(text, "plugin-not-an-object", "missing-plugin-input", "missing-plugin-output", version="2.3.12")
    got = sorted((d.name, text[d.start:d.end]) for d in ds)
    assert ("plugin-not-an-object", '"""select * from t"""') in got
    assert ("missing-plugin-input", "Console") in got and ("missing-plugin-output", "FakeSource") in got
    assert not any(name in ("missing-plugin-input", "missing-plugin-output") and "sql" in span for name, span in got)


# ---------------------------------------------------------------------------- linear
def sql_chain_other_from(n: int) -> str:
    """A chain of Sql transforms whose FROM names another table: every one looks its upstream up."""
    rows = [f'  Sql {{ plugin_input = "t{i - 1}", plugin_output = "t{i}", query = "select * from other{i}" }}'
            for i in range(1, n + 1)]
    src = 'MySQL-CDC { plugin_output = "t0", url = "jdbc:mysql://db:3306/d", table-names = ["d.orders"] }'
    return f"env {{}}\nsource {{ {src} }}\ntransform {{\n" + "\n".join(rows) + \
        f'\n}}\nsink {{ Console {{ plugin_input = "t{n}" }} }}\n'


def test_sql_table_mismatch_is_linear_on_long_chains():
    from tests.test_complexity import assert_linear

    assert_linear(sql_chain_other_from, 800)
