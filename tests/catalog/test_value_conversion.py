"""Literal value checks as SeaTunnel converts values (ConfigUtil) and reads date/time formats."""

from __future__ import annotations

import pytest

from stlint.catalog import load_catalog


@pytest.mark.parametrize("version", ["2.3.10", "2.3.8"])
def test_datetime_format_takes_patterns(version):
    spec = load_catalog(version).find("source", "LocalFile")
    opt = spec.option("datetime_format")
    assert opt.java_type == "Formatter" and opt.type == "string" and opt.enum_values is None
    # the e2e job local_file_time_format_assert.conf runs with this value
    cfg = {"path": "/tmp/x", "file_format_type": "text", "datetime_format": "yyyy-MM-dd'T'HH:mm:ss"}
    assert [v for v in spec.evaluate(cfg) if v.kind == "invalid-value"] == []


def test_other_enums_still_checked():
    spec = load_catalog("2.3.10").find("source", "LocalFile")
    bad = [v for v in spec.evaluate({"path": "/x", "file_format_type": "txt"}) if v.kind == "invalid-value"]
    assert [v.options for v in bad] == [("file_format_type",)]


def _outcome(spec, value, readers=None) -> str:
    v = spec.verdict(value, readers)
    return "quiet" if v is None else ("error" if v.fail else "warning")


# ConfigUtil.convertValue: Integer.parseInt of the text first; when that throws, Jackson reads the
# value's JSON text as an Integer (a fraction is truncated, white space around a number is skipped);
# only when Jackson fails too does the job fail
@pytest.mark.parametrize("value, outcome", [
    (2, "quiet"), ("2", "quiet"), ("-3", "quiet"), ("+4", "quiet"), (2**31 - 1, "quiet"),
    (" 2", "quiet"), ("2.0", "quiet"), ("1e3", "quiet"), (None, "quiet"),
    (2.5, "warning"), ("2.5", "warning"),
    (True, "error"), ("ten", "error"), (2**31, "error"), ("2 x", "quiet"), ("x 2", "error"), ([1], "error"),
])
def test_int_values_follow_config_util(value, outcome):
    spec = load_catalog("2.3.10").find("sink", "Jdbc").option("batch_size")
    assert spec.type == "int"
    assert _outcome(spec, value) == outcome


def test_messages_say_what_seatunnel_does():
    spec = load_catalog("2.3.10").find("sink", "Jdbc").option("batch_size")
    assert spec.check_value(2.5) == ("`2.5` is not an integer: SeaTunnel 2.3.10 goes on with 2 (Jackson drops the "
                                     "fraction)")
    assert spec.check_value("ten") == (
        "`ten` is not an integer: SeaTunnel 2.3.10 fails reading it (\"Json parsing exception, value 'ten', and "
        "expected type 'java.lang.Integer'\", ConfigUtil.java:79)")
    b = load_catalog("2.3.10").find("sink", "Jdbc").option("auto_commit")
    assert b.check_value(1) == ("`1` is a number, not true or false: SeaTunnel 2.3.10 goes on with true (Jackson "
                                "reads 0 as false, any other number as true)")
    assert b.convert(0) is False and b.convert("TRUE") is True and spec.convert(2.5) == 2


@pytest.mark.parametrize("value, outcome", [
    (True, "quiet"), ("false", "quiet"), ("TRUE", "quiet"), ('"true"', "quiet"),
    (1, "warning"), (0, "warning"), ("1", "warning"), ("yes", "error"), ("on", "error"), (2.5, "error"),
])
def test_boolean_values_follow_config_util(value, outcome):
    spec = load_catalog("2.3.10").find("sink", "Jdbc").option("auto_commit")
    assert spec.type == "boolean"
    assert _outcome(spec, value) == outcome


@pytest.mark.parametrize("value, outcome", [
    ("APPEND_DATA", "quiet"), ("append_data", "quiet"), (0, "warning"), ("1", "warning"),
    ('"APPEND_DATA"', "warning"), (9, "error"), ("APPEND", "error"), (True, "error"),
])
def test_enum_values_follow_config_util(value, outcome):
    spec = load_catalog("2.3.10").find("sink", "Jdbc").option("data_save_mode")
    assert spec.type == "enum"
    assert _outcome(spec, value) == outcome


@pytest.mark.parametrize("value, parse, typesafe", [
    # Integer.parseInt(value.toString()) of the Jackson map's value (Zeta's own reads of some env keys)
    # and Typesafe Config 1.3's getInt (the Flink/Spark starters): both checked against the real classes
    (2, "quiet", "quiet"), ("2", "quiet", "quiet"), (2.5, "error", "warning"), ("2.5", "error", "warning"),
    (" 2", "error", "quiet"), ("1e3", "error", "quiet"), (True, "error", "error"), ("ten", "error", "error"),
    (2**31, "error", "error"),
])
def test_other_readers(value, parse, typesafe):
    spec = load_catalog("2.3.10").env.option("parallelism")
    assert _outcome(spec, value, (("parse:int", None),)) == parse
    assert _outcome(spec, value, (("typesafe:int", None),)) == typesafe


def test_typesafe_boolean_and_enum_are_exact():
    env = load_catalog("2.3.10").env
    mode = env.option("job.mode")
    assert _outcome(mode, "BATCH", (("typesafe:enum", None),)) == "quiet"
    assert _outcome(mode, "batch", (("typesafe:enum", None),)) == "error"
    assert _outcome(mode, "batch") == "quiet"  # ReadonlyConfig: any case
    b = load_catalog("2.3.10").find("sink", "Jdbc").option("auto_commit")
    assert [_outcome(b, x, (("typesafe:boolean", None),)) for x in ("yes", "off", "TRUE", 1)] == [
        "quiet", "quiet", "error", "error"]


def test_fallback_plugin_options_fail_only_when_both_readers_fail():
    cat = load_catalog("2.3.10")
    fallback = [p for kind in ("source", "sink") for p in (cat.find(kind, n) for n in cat.names(kind))
                if p is not None and not p.validated]
    opt = next(o for p in fallback for o in p.options.values() if o.type == "int" and o.source != "common")
    assert opt.reader == "any"
    assert _outcome(opt, "ten") == "error"
    assert _outcome(opt, " 2") == "quiet"
    assert _outcome(opt, "2.5") == "warning"
