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


@pytest.mark.parametrize("value, ok", [
    (2, True), ("2", True), ("-3", True), ("+4", True), (2**31 - 1, True),
    (2.5, False), ("2.5", False), (" 2", False), ("2.0", False), (True, False), ("ten", False), (2**31, False),
])
def test_int_values_follow_integer_parse_int(value, ok):
    spec = load_catalog("2.3.10").find("sink", "Jdbc").option("batch_size")
    assert spec.type == "int"
    assert (spec.check_value(value) is None) is ok
