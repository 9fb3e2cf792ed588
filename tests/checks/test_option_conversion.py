"""invalid-option-value (ST105) follows SeaTunnel's conversion of option values (`stlint.configutil`):
an error where the job fails (with SeaTunnel's message and file:line), a warning where it goes on
with another value than the one written, nothing where it converts the value as meant. Each case
is a hand-written job through the real parser, engine and shipped catalogs."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text

JDBC = 'Jdbc {{\n    url = "jdbc:mysql://db/x"\n    driver = "com.mysql.cj.jdbc.Driver"\n    query = "q"\n{}\n  }}'


def job(sink: str, source: str = "FakeSource { schema { fields { id = int } } }") -> str:
    return f"env {{\n  job.mode = \"BATCH\"\n}}\nsource {{\n  {source}\n}}\nsink {{\n  {sink}\n}}\n"


def findings(text: str, version: str = "2.3.10"):
    res = lint_text(text, None, Settings(select=["invalid-option-value"], seatunnel_version=version))
    return [(text[d.start:d.end], d.severity, d.message, d) for d in res.diagnostics]


# ReadonlyConfig.get -> ConfigUtil.convertValue (a connector's declared option)
@pytest.mark.parametrize("line", [
    "    batch_size = 10", '    batch_size = "10"', '    batch_size = " 10"', "    batch_size = 1e3", "    batch_size = 10.0",
    "    auto_commit = true", '    auto_commit = "FALSE"', '    auto_commit = "True"',
    "    data_save_mode = append_data", '    data_save_mode = "Append_Data"',
    "    batch_size = null",
])
def test_quiet_where_seatunnel_converts_as_meant(line):
    assert findings(job(JDBC.format(line))) == []


@pytest.mark.parametrize("line, shown, message", [
    ("    batch_size = 2.5", "2.5", "`batch_size`: `2.5` is not an integer: SeaTunnel 2.3.10 goes on with 2 (Jackson drops "
                                  "the fraction)"),
    ('    batch_size = "2.5"', '"2.5"', "`batch_size`: `2.5` is not an integer: SeaTunnel 2.3.10 goes on with 2 (Jackson "
                                      "drops the fraction)"),
    ("    auto_commit = 1", "1", "`auto_commit`: `1` is a number, not true or false: SeaTunnel 2.3.10 goes on with true "
                              "(Jackson reads 0 as false, any other number as true)"),
    ("    auto_commit = 0", "0", "`auto_commit`: `0` is a number, not true or false: SeaTunnel 2.3.10 goes on with false "
                              "(Jackson reads 0 as false, any other number as true)"),
    ("    data_save_mode = 1", "1", "`data_save_mode`: `1` is a number, not one of DROP_DATA, APPEND_DATA, "
                                 "CUSTOM_PROCESSING, ERROR_WHEN_DATA_EXISTS: SeaTunnel 2.3.10 goes on with APPEND_DATA "
                                 "(Jackson takes a number as the constant at that position)"),
])
def test_warning_where_seatunnel_changes_the_value(line, shown, message):
    text = job(JDBC.format(line))
    [(got, severity, msg, d)] = findings(text)
    assert (got, severity, msg) == (shown, "warning", "sink.Jdbc: " + message)


def test_warning_fix_writes_what_seatunnel_reads():
    text = job(JDBC.format("    auto_commit = 0"))
    [(_, _, _, d)] = findings(text)
    assert d.fix is not None and d.fix.applicability == "unsafe" and [e.text for e in d.fix.edits] == ["false"]
    assert d.help == "write `false`"


@pytest.mark.parametrize("line, shown, message", [
    ("    batch_size = lots", "lots", "`batch_size`: `lots` is not an integer: SeaTunnel 2.3.10 fails reading it "
                                    "(\"Json parsing exception, value 'lots', and expected type 'java.lang.Integer'\", "
                                    "ConfigUtil.java:79)"),
    ("    batch_size = 3000000000", "3000000000", "`batch_size`: `3000000000` is out of the range of an integer "
                                                "(-2147483648 to 2147483647): SeaTunnel 2.3.10 fails reading it "
                                                "(\"Json parsing exception, value '3000000000', and expected type "
                                                "'java.lang.Integer'\", ConfigUtil.java:79)"),
    ("    batch_size = true", "true", "`batch_size`: `true` is a boolean, not an integer: SeaTunnel 2.3.10 fails reading "
                                    "it (\"Json parsing exception, value 'true', and expected type "
                                    "'java.lang.Integer'\", ConfigUtil.java:79)"),
    ("    auto_commit = yes", "yes", "`auto_commit`: `yes` is not true or false: SeaTunnel 2.3.10 fails reading it "
                                   "(\"Json parsing exception, value 'yes', and expected type 'java.lang.Boolean'\", "
                                   "ConfigUtil.java:79)"),
    ("    data_save_mode = 9", "9", "`data_save_mode`: `9` is a number, not one of DROP_DATA, APPEND_DATA, "
                                 "CUSTOM_PROCESSING, ERROR_WHEN_DATA_EXISTS: SeaTunnel 2.3.10 fails reading it (\"Json "
                                 "parsing exception, value '9', and expected type "
                                 "'org.apache.seatunnel.api.sink.DataSaveMode'\", ConfigUtil.java:79)"),
])
def test_error_where_seatunnel_fails(line, shown, message):
    text = job(JDBC.format(line))
    [(got, severity, msg, _)] = findings(text)
    assert (got, severity, msg) == (shown, "error", "sink.Jdbc: " + message)


def test_the_line_of_the_release():
    # ConfigUtil.java's throw moved between releases: the catalog of each release says where
    for v in ("2.3.8", "2.3.13"):
        [(_, _, msg, _)] = findings(job(JDBC.format("    batch_size = lots")), version=v)
        assert f"SeaTunnel {v} fails reading it" in msg and "ConfigUtil.java:" in msg


def test_conditions_see_the_converted_value():
    # `is_exactly_once = 1` is read as true, so the options it requires are required
    text = job(JDBC.format("    is_exactly_once = 1"))
    res = lint_text(text, None, Settings(select=["missing-required-option"], seatunnel_version="2.3.10"))
    assert any("`xa_data_source_class_name` is required because `is_exactly_once` is 1" in d.message
               for d in res.diagnostics)


# a fallback plugin's legacy code reads its Config with Typesafe's getters (Socket: config.getInt(PORT)),
# the catalog does not know which: an error only when both ReadonlyConfig and Typesafe fail
@pytest.mark.parametrize("port, outcome", [
    ("9999", None), ('" 9999"', None), ('"9999"', None), ('"99.5"', "warning"), ("true", "error"), ('"x9"', "error"),
])
def test_fallback_plugin_options(port, outcome):
    text = job("Console {}", source=f'Socket {{ host = "h", port = {port} }}')
    got = findings(text)
    if outcome is None:
        assert got == []
    else:
        [(_, severity, msg, _)] = got
        assert severity == outcome
        if outcome == "error":
            assert "through ReadonlyConfig" in msg and "Typesafe Config's getters (ConfigException:" in msg


# the catalog records the Typesafe getters a plugin's code reads an option with (`typesafe_reads`,
# stlint.catalog.reads): the file sinks read their options from a Config (BaseFileSinkConfig)
def test_catalog_knows_typesafe_reads():
    from stlint.catalog import load_catalog

    p = load_catalog("2.3.10").find("sink", "LocalFile")
    assert p.option("enable_header_write").typesafe_reads == ("getBoolean",)
    assert p.option("batch_size").typesafe_reads == ("getInt",) and p.option("batch_size").reader == "any"
    # a conditional trigger is read by ConfigValidator with ReadonlyConfig.get first
    assert p.option("file_format_type").reader == "convert"
    assert load_catalog("2.3.10").find("sink", "Jdbc").option("batch_size").reader == "convert"


LOCAL_SINK = 'LocalFile {{\n    path = "/tmp/x"\n    file_format_type = "csv"\n{}\n  }}'


@pytest.mark.parametrize("line, outcome", [
    # getBoolean takes yes/on/no/off, ReadonlyConfig does not: not an error SeaTunnel surely raises
    ("    enable_header_write = yes", None),
    ("    enable_header_write = TRUE", None),  # ReadonlyConfig takes it, getBoolean does not
    ("    enable_header_write = maybe", "error"),  # neither takes it
    ("    enable_header_write = 1", "warning"),  # ReadonlyConfig reads true, getBoolean fails
    ('    batch_size = "2.5"', "warning"),  # both truncate
    ('    batch_size = " 10"', None),
    ("    batch_size = ten", "error"),
    ('    file_format_type = "jsn"', "error"),  # the validator's conditional reads it: ConfigUtil fails
])
def test_options_read_with_typesafe_getters(line, outcome):
    text = job(LOCAL_SINK.format(line) if "file_format_type" not in line
               else LOCAL_SINK.replace('    file_format_type = "csv"\n', "").format(line))
    got = findings(text)
    assert [s for _, s, _, _ in got] == ([] if outcome is None else [outcome]), got
