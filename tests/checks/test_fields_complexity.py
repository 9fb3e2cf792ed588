"""Linear cost of the field features (sizes compared, never a clock budget; see test_complexity):
unknown-sink-field over many sinks and keys, FieldRename regex renames over wide rows, and the
editor's field completion inside a long Sql query (in-process, the same code the server runs)."""

from __future__ import annotations

import time

from stlint.config import Settings
from stlint.lsp import fields
from stlint.lsp.context import scan
from stlint.source import Source

from tests.test_complexity import assert_linear


def wide_sinks(n: int) -> str:
    cols = ", ".join(f'c{i} = "int"' for i in range(n))
    keys = ", ".join(f'"c{i}x"' for i in range(0, n, 7))
    sinks = "\n".join(f'  Jdbc {{ plugin_input = "in", url = "jdbc:mysql://h/d", driver = d, generate_sink_sql = true,'
                      f' database = d, table = t{i}, primary_keys = [{keys}] }}' for i in range(20))
    return (f'env {{}}\nsource {{ FakeSource {{ plugin_output = "in", schema = {{ fields {{ {cols} }} }} }} }}\n'
            f"sink {{\n{sinks}\n}}\n")


def wide_rename(n: int) -> str:
    cols = ", ".join(f'col_{i}_aaaa = "int"' for i in range(n))
    return (f'env {{}}\nsource {{ FakeSource {{ plugin_output = "in", schema = {{ fields {{ {cols} }} }} }} }}\n'
            'transform { FieldRename { plugin_input = "in", plugin_output = "r", convert_case = UPPER,'
            ' replacements_with_regex = [ { replace_from = "a+$", replace_to = "b" }, { replace_from = "^col", replace_to = "c" } ] }\n'
            '  Replace { plugin_input = "r", plugin_output = "o", replace_field = "zz", pattern = a, replacement = b } }\n'
            'sink { Console { plugin_input = "o" } }\n')


def wide_sql(n: int) -> str:
    cols = ", ".join(f'c{i} = "int"' for i in range(n))
    q = ", ".join(f"x{i}" for i in range(0, n, 3))
    return (f'env {{}}\nsource {{ FakeSource {{ plugin_output = "in", schema = {{ fields {{ {cols} }} }} }} }}\n'
            f'transform {{ Sql {{ plugin_input = "in", plugin_output = "o", query = "select {q} from in" }} }}\n'
            'sink { Console { plugin_input = "o" } }\n')


def wide_transform_refs(n: int) -> str:
    cols = ", ".join(f'c{i} = "int"' for i in range(n))
    keys = ", ".join(f"c{i}x" for i in range(0, n, 3))
    return (f'env {{}}\nsource {{ FakeSource {{ plugin_output = "in", schema = {{ fields {{ {cols} }} }} }} }}\n'
            f'transform {{ Filter {{ plugin_input = "in", plugin_output = "o", include_fields = [{keys}] }} }}\n'
            'sink { Console { plugin_input = "o" } }\n')


def test_sql_unknown_column_linear():
    # many unknown columns over a wide row: messages and did-you-mean stay bounded per finding
    assert_linear(wide_sql, 1500, Settings(select=["sql-unknown-column"]))


def test_unknown_field_linear():
    assert_linear(wide_transform_refs, 1500, Settings(select=["unknown-field"]))


def test_unknown_sink_field_linear():
    assert_linear(wide_sinks, 400, Settings(select=["unknown-sink-field"]))


def test_fieldrename_linear():
    assert_linear(wide_rename, 800, Settings(select=["unknown-field"]))


class _LS:
    results: dict = {}

    def settings_for(self, path):
        return Settings()


def _completion_time(n: int):
    text = ('transform {\n  Sql {\n    plugin_input = "a"\n    query = """select '
            + ", ".join(f"c{i}" for i in range(n)) + " " + "w" * n)
    src = Source(text, None)

    def once() -> float:
        t = time.process_time()
        ctx = scan(text, len(text))
        fields.field_items(_LS(), src, len(text), ctx, None, "markdown")
        return time.process_time() - t

    return once


def test_sql_completion_linear():
    small, big = _completion_time(20_000), _completion_time(40_000)
    t1 = t2 = float("inf")
    for _ in range(3):
        t1 = min(t1, small())
        t2 = min(t2, big())
    assert t2 < 2.5 * t1, f"{t1:.4f} s -> {t2:.4f} s"
