"""Second round of outside SeaTunnel job configs (issue reports, demo repositories): classes of
missed findings, reproduced by hand (the outside files are not kept here).  Each test runs the real
engine on a config and the shipped catalog of a release."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text


def lint(text: str, *rules: str, version: str | None = None):
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


# ---------------------------------------------------------------------------- sink-plugin-output
# A sink's plugin_output / result_table_name is read by no engine (parseSink takes the inputs only;
# the starters register outputs in their source/transform processors): silently ignored.
def job(sink_opts: str, env: str = 'job.mode = "BATCH"') -> str:
    return f"""env {{ {env} }}
source {{
  FakeSource {{
    plugin_output = "fake"
    schema = {{ fields {{ id = "int" }} }}
  }}
}}
sink {{
  Console {{
    {sink_opts}
  }}
}}
"""


@pytest.mark.parametrize("version,key", [("2.3.8", "result_table_name"), ("2.3.10", "result_table_name"),
                                         ("2.3.13", "plugin_output")])
def test_sink_output_name_is_reported(version, key):
    text = job(f'plugin_input = "fake"\n    {key} = "console_out"')
    ds = lint(text, "sink-plugin-output", version=version)
    assert len(ds) == 1 and ds[0].severity == "warning"
    assert text[ds[0].start:ds[0].end] == key
    assert "never read" in ds[0].message and "`plugin_input`" in ds[0].message


def test_sink_output_name_without_an_input_suggests_it():
    text = job('plugin_output = "fake"')
    ds = lint(text, "sink-plugin-output")
    assert len(ds) == 1 and "write it as `plugin_input`" in ds[0].help


@pytest.mark.parametrize("sink_opts", ['plugin_input = "fake"', "", 'source_table_name = "fake"'])
def test_sink_without_an_output_name_is_quiet(sink_opts):
    assert lint(job(sink_opts), "sink-plugin-output") == []


def test_transform_and_source_outputs_are_not_this_rule():
    text = """env { job.mode = "BATCH" }
source { FakeSource { plugin_output = "a", schema = { fields { id = "int" } } } }
transform { Sql { plugin_input = "a", plugin_output = "b", query = "select id from a" } }
sink { Console { plugin_input = "b" } }
"""
    assert lint(text, "sink-plugin-output") == []


# ---------------------------------------------------------------------------- single-quoted-string
# `debezium.plugin.name='pgoutput'` (a Postgres-CDC job in an issue report): HOCON keeps the quotes
SQ_JOB = """env { job.mode = "STREAMING", checkpoint.interval = 10000 }
source {
  Postgres-CDC {
    url = "jdbc:postgresql://db:5432/shop"
    username = ${PG_USER}
    password = ${PG_PASSWORD}
    database-names = ["shop"]
    table-names = ['shop.public.orders', "shop.public.items"]
    debezium.plugin.name = 'pgoutput'
    server-time-zone = 'Asia Shanghai'
  }
}
transform {
  Sql { query = "select id from orders where state = 'paid'" }
}
sink { Console {} }
"""


def test_single_quoted_values_are_reported_with_a_fix():
    ds = lint(SQ_JOB, "single-quoted-string")
    got = [SQ_JOB[d.start:d.end] for d in ds]
    assert sorted(got) == sorted(["'shop.public.orders'", "'pgoutput'", "'Asia Shanghai'"])
    assert all(d.severity == "warning" and "quotes included" in d.message for d in ds)
    fixes = {SQ_JOB[d.start:d.end]: d.fix.edits[0].text for d in ds}
    assert fixes["'Asia Shanghai'"] == '"Asia Shanghai"' and fixes["'pgoutput'"] == '"pgoutput"'
    assert all(d.fix.applicability == "unsafe" for d in ds)


@pytest.mark.parametrize("value", ['"it\'s"', "\"'quoted inside'\"", "don't", '"""a \'b\' c"""', "'", "x'y'"])
def test_single_quotes_inside_other_strings_are_fine(value):
    text = f'env {{ job.mode = "BATCH" }}\nsource {{ FakeSource {{ comment = {value}, schema = {{ fields {{ id = "int" }} }} }} }}\nsink {{ Console {{}} }}\n'
    assert lint(text, "single-quoted-string") == []


# ---------------------------------------------------------------------------- unknown-option: the other side's option
# `semantics` in a Kafka source, `partition_by` in an S3File source, `database` in a Jdbc source: each is
# an option of the same connector's sink; the message says so (still a warning, the key is ignored)
@pytest.mark.parametrize("block,key,owner", [
    ('Kafka { bootstrap.servers = "b:9092", topic = "t", format = text, semantics = EXACTLY_ONCE }', "semantics", "sink.Kafka"),
    ('S3File { path = "/d", bucket = "s3a://b", fs.s3a.endpoint = "e", file_format_type = "parquet", partition_by = ["m"] }',
     "partition_by", "sink.S3File"),
    ('Jdbc { url = "jdbc:mysql://h/db", driver = "com.mysql.cj.jdbc.Driver", query = "select 1", database = "db" }',
     "database", "sink.Jdbc"),
])
def test_unknown_source_key_that_the_same_connectors_sink_declares(block, key, owner):
    text = f'env {{ job.mode = "BATCH" }}\nsource {{ {block} }}\nsink {{ Console {{}} }}\n'
    ds = [d for d in lint(text, "unknown-option", version="2.3.9") if d.option == key]
    assert len(ds) == 1 and ds[0].severity == "warning"
    assert ds[0].message.endswith(f"(SeaTunnel ignores keys it does not read; it is an option of {owner})")


def test_unknown_key_nobody_declares_keeps_the_plain_message():
    text = 'env { job.mode = "BATCH" }\nsource { FakeSource { zzz_not_an_option = 1, schema = { fields { id = "int" } } } }\nsink { Console {} }\n'
    ds = lint(text, "unknown-option")
    assert len(ds) == 1 and ds[0].message.endswith("(SeaTunnel ignores keys it does not read)")


# ---------------------------------------------------------------------------- `--` lines and top-level scalars
# 173lyb's jobs use `--` as a comment marker (a key to HOCON); an issue's JSON job carries `deploy-mode`
def test_dash_dash_line_is_named_and_not_renamed_into_a_real_key():
    text = """env { job.mode = "BATCH" }
source {
  FakeSource {
    -- result_table_name = "fake"
    schema = { fields { id = "int" } }
  }
}
sink { Console {} }
"""
    ds = [d for d in lint(text, "unknown-option") if d.option.startswith("--")]
    assert len(ds) == 1 and "`--` does not start a comment in HOCON" in ds[0].message
    assert ds[0].fix is None  # renaming to result_table_name would switch the commented-out line on


@pytest.mark.parametrize("top,severity,extra", [
    ('deploy-mode = "run"', "warning", ""),                       # a scalar: nothing lost
    ("-- note = 1", "warning", "`--` does not start a comment"),
    ("filter { fields = [a] }", "error", ""),                    # an object: a lost section
])
def test_unknown_top_level_key_severity(top, severity, extra):
    text = f'{top}\nenv {{ job.mode = "BATCH" }}\nsource {{ FakeSource {{ schema = {{ fields {{ id = "int" }} }} }} }}\nsink {{ Console {{}} }}\n'
    ds = lint(text, "unknown-section")
    assert len(ds) == 1 and ds[0].severity == severity and extra in ds[0].message


def test_single_quotes_in_a_json_job_are_left_to_the_syntax_error():
    text = '{"env": {"job.mode": "BATCH"}, "source": [{"plugin_name": "FakeSource", "x": \'a\'}], "sink": [{"plugin_name": "Console"}]}\n'
    res = lint_text(text, "job.json", Settings(select=["single-quoted-string", "syntax-error"]))
    assert [d.name for d in res.diagnostics] == ["syntax-error"]


# ---------------------------------------------------------------------------- flink-only-env-key: other Flink keys
# round one's open item: `execution.planner`, `execution.restart.*`, `flink.*` are read by no Zeta code
FLINK_KEYS_JOB = """env {
  job.mode = "BATCH"
  execution.planner = blink
  execution { max-parallelism = 8 }
  flink.execution.restart.strategy = fixed-delay
  parallelism = 2
}
source { FakeSource { schema = { fields { id = "int" } } } }
sink { Console {} }
"""


def test_flink_starter_keys_on_an_explicit_zeta_job():
    res = lint_text(FLINK_KEYS_JOB, None, Settings(select=["flink-only-env-key"], engine="zeta"))
    got = sorted(d.option for d in res.diagnostics)
    assert got == ["execution.max-parallelism", "execution.planner", "flink.execution.restart.strategy"]
    assert all(d.severity == "warning" and "Zeta engine" in d.message for d in res.diagnostics)


@pytest.mark.parametrize("engine", [None, "flink"])
def test_flink_starter_keys_are_fine_on_flink(engine):
    res = lint_text(FLINK_KEYS_JOB, None, Settings(select=["flink-only-env-key"], engine=engine))
    assert res.diagnostics == []
