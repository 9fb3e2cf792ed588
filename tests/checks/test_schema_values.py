"""invalid-schema-value (ST614, stlint/checks/schemakeys.py): the values inside `schema { }` as
SeaTunnel's `ConfigUtil.convertValue` reads them, per release; the fields/columns check (ST612) and
ConfigUtil's messages as catalog facts (`schema_keys.exclusive`, `schema_keys.conversion`).

What each case expects was checked by running SeaTunnel's conversion steps (ReadonlyConfig.fromConfig:
Typesafe -> JSON -> Jackson map; ConfigUtil.convertValue) on the real libraries."""

from __future__ import annotations

import os

import pytest

from stlint.catalog import load_catalog
from stlint.config import Settings
from stlint.engine import lint_text
from stlint.fixes import fix_source
from stlint.source import Source

from tests.checks.test_schema_keys import GOOD, job

RULES = ["unknown-schema-key", "missing-schema-key", "schema-fields-and-columns", "invalid-schema-enum",
         "invalid-schema-value"]
RELEASES = ("2.3.8", "2.3.9", "2.3.10", "2.3.11", "2.3.12", "2.3.13")


def lint(text: str, version: str | None = None, rules=RULES):
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


def values(schema: str, version: str | None = None):
    """(severity, text at the range, option) of the ST614 findings of a FakeSource schema."""
    text = job(schema)
    return [(d.severity, text[d.start:d.end], d.option) for d in lint(text, version, ["invalid-schema-value"])]


def fixed(schema: str, version: str | None = None) -> str:
    out = fix_source(Source(job(schema)), Settings(select=["invalid-schema-value"], seatunnel_version=version),
                     unsafe=True)
    return out.text


# ---------------------------------------------------------------------------- accepted as meant
ACCEPTED = """{
      table = "db.t"
      schema_first = "FALSE"
      columns = [
        { name = id, type = bigint, nullable = "false", columnLength = "20", columnScale = 2.0, comment = 5 }
        { name = 7, type = "string", nullable = TRUE, columnScale = " 3", defaultValue = [1, 2] }
      ]
      primaryKey { name = pk_id, columnNames = "id, 7" }
      constraintKeys = [
        { constraintName = idx, constraintType = "unique_key", constraintColumns = [ { columnName = id, sortType = desc } ] }
      ]
    }"""


def test_values_seatunnel_converts_as_meant_are_quiet_in_every_release():
    # "false"/"TRUE" (convertToBoolean, any case), "20"/" 3"/2.0 (parseInt or Jackson), numbers as
    # names (their text), a comma-separated string for a list of names (split at commas, as meant)
    for v in RELEASES:
        assert lint(job(ACCEPTED), v) == [], v
        assert lint(job(GOOD), v) == [], v
    # a columns list given as JSON text is read by Jackson as the list
    assert values('{ columns = "[{\\"name\\": \\"id\\", \\"type\\": \\"int\\"}]" }') == []
    # placeholders are replaced from the job's variables before the parser runs
    assert values('{ columns = [ { name = id, type = int, nullable = "${N}", columnScale = "${S}" } ] }') == []


# ---------------------------------------------------------------------------- the job fails
def test_columns_as_an_object_fails_with_a_wrap_fix():
    text = job("{ columns = { name = id, type = bigint } }")
    [d] = lint(text, "2.3.10")
    assert (d.name, d.severity, text[d.start:d.end]) == ("invalid-schema-value", "error", "{ name = id, type = bigint }")
    assert d.message == (
        "`schema.columns` = `{ name = id, type = bigint }` is an object, not a list of objects: SeaTunnel 2.3.10 "
        "fails reading it (\"Json parsing exception, value '{name=id, type=bigint}', and expected type "
        "'java.util.List<java.util.Map<java.lang.String, java.lang.Object>>'\", ConfigUtil.java:79, read at "
        "ReadonlyConfigParser.java:57)")
    assert d.help == "write a list of objects: `[ { ... } ]`"
    # 2.3.8 reads `columns` on another line of its own file
    assert lint(text, "2.3.8")[0].message.endswith("read at ReadonlyConfigParser.java:56)")
    out = fixed("{ columns = { name = id, type = bigint } }", "2.3.10")
    assert "schema = { columns = [ { name = id, type = bigint } ] }" in out
    assert lint(out, "2.3.10") == []


def test_boolean_keys():
    [d] = lint(job("{ columns = [ { name = id, type = int, nullable = maybe } ] }"), "2.3.13")
    assert d.severity == "error" and d.fix is None and d.help == "write true or false"
    assert d.message == (
        "`schema.columns[0].nullable` = `maybe` is not true or false: SeaTunnel 2.3.13 fails reading it "
        "(\"Json parsing exception, value 'maybe', and expected type 'java.lang.Boolean'\", ConfigUtil.java:79, "
        "read at ReadonlyConfigParser.java:136)")
    # yes/on are booleans for Typesafe's getBoolean, not for SeaTunnel's convertToBoolean: the fix writes true
    assert values("{ columns = [ { name = id, type = int, nullable = yes } ] }") == [
        ("error", "yes", "schema.columns[0].nullable")]
    assert "nullable = false }" in fixed("{ columns = [ { name = id, type = int, nullable = off } ] }")
    # a number: Jackson reads 0 as false, anything else as true; the job goes on
    text = job("{ fields { id = int }, schema_first = 0 }")
    [d] = lint(text)
    assert d.severity == "warning" and d.fix is not None and d.fix.edits[0].text == "false"
    assert d.message == ("`schema.schema_first` = `0` is a number, not true or false: SeaTunnel 2.3.13 goes on with "
                         "false (Jackson reads 0 as false, any other number as true) (read at CatalogTableUtil.java:214)")
    assert values('{ columns = [ { name = id, type = int, nullable = "1" } ] }') == [
        ("warning", '"1"', "schema.columns[0].nullable")]
    # a fraction, a list: fail; the text "null" reads as null and Optional.of(null) throws
    assert [s for s, _, _ in values("{ columns = [ { name = id, type = int, nullable = 1.5 },"
                                    " { name = b, type = int, nullable = [true] } ] }")] == ["error", "error"]
    [d] = lint(job('{ columns = [ { name = id, type = int, nullable = "null" } ] }'))
    assert "NullPointerException" in d.message and d.severity == "error"


def test_integer_keys():
    ds = lint(job('{ columns = [ { name = id, type = int, columnScale = "two", columnLength = true } ] }'), "2.3.10")
    assert [(d.severity, d.option) for d in ds] == [("error", "schema.columns[0].columnScale"),
                                                   ("error", "schema.columns[0].columnLength")]
    assert "value 'two', and expected type 'java.lang.Integer'" in ds[0].message
    assert "value 'true', and expected type 'java.lang.Long'" in ds[1].message
    # a fraction is truncated by Jackson (ACCEPT_FLOAT_AS_INT): a warning that says so
    text = job("{ columns = [ { name = id, type = int, columnScale = 2.5 } ] }")
    [d] = lint(text, "2.3.10")
    assert d.severity == "warning" and text[d.start:d.end] == "2.5" and d.fix is None
    assert d.message == ("`schema.columns[0].columnScale` = `2.5` is not an integer: SeaTunnel 2.3.10 goes on with 2 "
                         "(Jackson drops the fraction) (read at ReadonlyConfigParser.java:134)")
    assert values('{ columns = [ { name = id, type = int, columnLength = "10.9" } ] }') == [
        ("warning", '"10.9"', "schema.columns[0].columnLength")]
    assert values("{ columns = [ { name = id, type = int, columnScale = 3000000000 } ] }") == [
        ("error", "3000000000", "schema.columns[0].columnScale")]


def test_release_difference_column_length_is_an_integer_in_2_3_8():
    schema = "{ columns = [ { name = id, type = string, columnLength = 3000000000 } ] }"
    [d] = lint(job(schema), "2.3.8")
    assert d.message == (
        "`schema.columns[0].columnLength` = `3000000000` is out of the range of an integer (-2147483648 to "
        "2147483647): SeaTunnel 2.3.8 fails reading it (\"Json parsing exception, value '3000000000', and expected "
        "type 'java.lang.Integer'\", ConfigUtil.java:79, read at ReadonlyConfigParser.java:135)")
    for v in RELEASES[1:]:  # a Long from 2.3.9 (ReadonlyConfigParser: `Long columnLength`)
        assert values(schema, v) == [], v
    assert load_catalog("2.3.8").schema_keys("schema.columns[]")["columnLength"].type == "int"
    assert load_catalog("2.3.9").schema_keys("schema.columns[]")["columnLength"].type == "long"


def test_map_keys_and_lists_of_objects():
    # `fields` as a list, `primaryKey` as a list
    assert values("{ fields = [ id ] }") == [("error", "[ id ]", "schema.fields")]
    [d] = lint(job("{ fields { id = int }, primaryKey = [id] }"), "2.3.10")
    assert d.message == (
        "`schema.primaryKey` = `[id]` is a list, not an object: SeaTunnel 2.3.10 fails reading it (\"Json parsing "
        "exception, value '[id]', and expected type 'java.util.Map<java.lang.String, java.lang.Object>'\", "
        "ConfigUtil.java:79, read at ReadonlyConfigParser.java:71)")
    # malformed constraintKeys entries: the entry that is no object is where the finding points
    text = job("{ fields { id = int }, constraintKeys = [ { constraintName = c, constraintType = INDEX_KEY,"
               " constraintColumns = [ { columnName = id } ] }, idx_name ] }")
    [d] = lint(text, "2.3.10")
    assert (d.severity, text[d.start:d.end], d.option) == ("error", "idx_name", "schema.constraintKeys[1]")
    assert d.message.startswith("`schema.constraintKeys[1]` = `idx_name` is a string, where an object belongs: "
                                "SeaTunnel 2.3.10 fails reading `schema.constraintKeys` (\"Json parsing exception, "
                                "value '[{constraintName=c, ")
    assert values("{ fields { id = int }, constraintKeys = [ { constraintName = c, constraintType = INDEX_KEY,"
                  " constraintColumns = { columnName = id } } ] }") == [
        ("error", "{ columnName = id }", "schema.constraintKeys[0].constraintColumns")]
    # a null entry passes Jackson and fails when its keys are read
    text = job("{ columns = [ { name = id, type = int }, null ] }")
    [d] = lint(text)
    assert (text[d.start:d.end], d.option) == ("null", "schema.columns[1]")
    assert "NullPointerException" in d.message


def test_enums_given_numbers_are_read_by_position():
    text = job("{ fields { id = int }, constraintKeys = [ { constraintName = c, constraintType = 1,"
               ' constraintColumns = [ { columnName = id, sortType = "1" } ] } ] }')
    ds = lint(text, "2.3.10")
    assert [(d.name, d.severity, text[d.start:d.end]) for d in ds] == [
        ("invalid-schema-value", "warning", "1"), ("invalid-schema-value", "warning", '"1"')]
    assert ds[0].message == (
        "`schema.constraintKeys[0].constraintType` = `1` is a number, not one of INDEX_KEY, UNIQUE_KEY, FOREIGN_KEY, "
        "VECTOR_INDEX_KEY: SeaTunnel 2.3.10 goes on with UNIQUE_KEY (Jackson takes a number as the constant at that "
        "position) (read at ReadonlyConfigParser.java:172)")
    out = fix_source(Source(text), Settings(select=["invalid-schema-value"], seatunnel_version="2.3.10"), unsafe=True)
    assert "constraintType = UNIQUE_KEY," in out.text and "sortType = DESC }" in out.text
    # out of range, or not a number: fails (a number is ST614's, a name is invalid-schema-enum's)
    ds = lint(text.replace("constraintType = 1,", "constraintType = 9,").replace('"1"', "true"), "2.3.10")
    assert [(d.name, d.severity) for d in ds] == [("invalid-schema-value", "error"), ("invalid-schema-value", "error")]


def test_names_given_lists_or_objects_are_their_json_text():
    text = job("{ columns = [ { name = [a, b], type = int, comment = { x = 1 } } ], table = [t] }")
    ds = lint(text, "2.3.10")
    assert [(d.severity, d.option) for d in ds] == [("warning", "schema.columns[0].name"),
                                                   ("warning", "schema.columns[0].comment"),
                                                   ("warning", "schema.table")]
    assert ds[0].message == ("`schema.columns[0].name` = `[a, b]` is a list, not a string: SeaTunnel 2.3.10 goes on "
                             "with its JSON text `[\"a\",\"b\"]` (ConfigUtil.convertToJsonString) (read at "
                             "ReadonlyConfigParser.java:112)")


def test_lists_of_names():
    # a string that is no JSON list is split at commas (ConfigUtil.convertToList): odd names are a warning
    text = job('{ fields { id = int }, primaryKey { name = pk, columnNames = "[id, name]" } }')
    [d] = lint(text, "2.3.10")
    assert (d.severity, text[d.start:d.end]) == ("warning", '"[id, name]"')
    assert d.message == ("`schema.primaryKey.columnNames` = `\"[id, name]\"` is a string, not a list: SeaTunnel 2.3.10 "
                         "goes on with the list [`[id`, `name]`] (the string split at commas) (read at "
                         "ReadonlyConfigParser.java:243)")
    out = fixed('{ fields { id = int }, primaryKey { name = pk, columnNames = "[id, name]" } }', "2.3.10")
    assert "columnNames = [id, name] }" in out and lint(out, "2.3.10") == []
    # the fix quotes what is no plain name (HOCON forbids `:` in an unquoted string)
    out = fixed('{ fields { id = int }, primaryKey { name = pk, columnNames = "[\'id\', a:b]" } }', "2.3.10")
    assert 'columnNames = [id, "a:b"] }' in out
    assert values('{ fields { id = int }, primaryKey { name = pk, columnNames = "" } }') == [
        ("warning", '""', "schema.primaryKey.columnNames")]
    # an element that is a list or an object becomes its JSON text; an object is split as Java prints it
    assert values("{ fields { id = int }, primaryKey { name = pk, columnNames = [[id], name] } }") == [
        ("warning", "[id]", "schema.primaryKey.columnNames[0]")]
    assert values("{ fields { id = int }, primaryKey { name = pk, columnNames = { a = 1 } } }") == [
        ("warning", "{ a = 1 }", "schema.primaryKey.columnNames")]
    # a JSON list in a string is read as the list
    assert values('{ fields { id = int }, primaryKey { name = pk, columnNames = "[\\"id\\"]" } }') == []


def test_release_difference_partition_keys_values():
    schema = '{ fields { id = int }, partition_keys = "[id" }'
    assert values(schema, "2.3.13") == [("warning", '"[id"', "schema.partition_keys")]
    # 2.3.12 does not read the key (unknown-schema-key says so), so its value is not judged
    assert values(schema, "2.3.12") == []
    assert [d.name for d in lint(job(schema), "2.3.12")] == ["unknown-schema-key"]


def test_column_type_that_is_no_string_goes_to_the_type_parser():
    text = job("{ columns = [ { name = id, type = [int] }, { name = b, type = 12 }, { name = r, type = { x = int } } ] }")
    ds = lint(text, "2.3.10")
    assert [(d.severity, text[d.start:d.end]) for d in ds] == [("error", "[int]"), ("error", "12")]
    assert ds[0].message.startswith("`schema.columns[0].type` = `[int]` is a list, not a type name: SeaTunnel 2.3.10 "
                                    "passes its text `[\"int\"]` to the type parser, which fails: ")
    assert "unsupported data type '[\"int\"]' of 'id'" in ds[0].message
    # a type name is ST601's (invalid-schema-type), not this rule's
    assert values("{ columns = [ { name = id, type = integer } ] }") == []


# ---------------------------------------------------------------------------- null, fields/columns
def test_null_is_unset():
    text = job("{ columns = [ { name = null, type = int } ] }")
    [d] = lint(text, "2.3.10")
    assert (d.name, text[d.start:d.end]) == ("missing-schema-key", "null")
    assert d.message == ("`schema.columns[0].name` is null, which SeaTunnel reads as unset: SeaTunnel 2.3.10 fails "
                         "with \"schema.columns.* config need option [name], please correct your config first\" "
                         "(ReadonlyConfigParser.java:112)")
    # an optional key set to null takes its default; `columns = null` is no second declaration
    assert lint(job("{ columns = [ { name = id, type = int, nullable = null } ] }")) == []
    assert lint(job("{ fields { id = int }, columns = null }")) == []


def test_fields_and_columns_facts_come_from_the_catalog():
    for v, line in (("2.3.8", 58), ("2.3.9", 58), ("2.3.10", 59), ("2.3.11", 59), ("2.3.12", 59), ("2.3.13", 59)):
        [c] = load_catalog(v).schema_exclusive()
        assert c["container"] == "schema" and c["keys"] == ["fields", "columns"]
        assert c["where"].endswith(f"schema/ReadonlyConfigParser.java:{line}"), v
        assert c["message"] == ("Schema config can't contains both [fields] and [columns], please correct your "
                                "config first")
        conv = load_catalog(v).schema_conversion()
        assert conv["failure"] == "Json parsing exception, value '%s', and expected type '%s'"
        assert conv["failure_where"].endswith("configuration/util/ConfigUtil.java:79")
    # a value that cannot be read fails first (ReadonlyConfigParser reads `fields`, then `columns`)
    text = job("{ fields = [id]\n      columns = [ { name = id, type = int } ] }")
    assert [d.name for d in lint(text, "2.3.10")] == ["invalid-schema-value"]


def test_the_documented_examples():
    bad = "{\n  columns = { name = id, type = bigint, nullable = no }\n  primaryKey { name = pk, columnNames = \"[id]\" }\n}"
    good = "{\n  columns = [ { name = id, type = bigint, nullable = false } ]\n  primaryKey { name = pk, columnNames = [id] }\n}"
    from stlint.checks import REGISTRY

    doc = REGISTRY["invalid-schema-value"].doc
    assert bad.replace("{\n", "schema = {\n", 1) in doc and good.replace("{\n", "schema = {\n", 1) in doc
    assert values(bad) == [("error", "{ name = id, type = bigint, nullable = no }", "schema.columns"),
                           ("warning", '"[id]"', "schema.primaryKey.columnNames")]
    assert lint(job(good)) == []


def test_the_hand_table_is_gone():
    import stlint.checks.schemakeys as m

    assert not hasattr(m, "BOTH_LINE") and not hasattr(m, "BOTH_MESSAGE")


# ---------------------------------------------------------------------------- sources, cost
def test_cited_lines_say_it():
    """The catalog's `exclusive` and `conversion` lines hold their messages in each release's sources."""
    if not os.environ.get("STLINT_SEATUNNEL_GIT"):
        pytest.skip("set STLINT_SEATUNNEL_GIT to SeaTunnel bare git dirs to re-read the cited sources")
    from tests.catalog.test_runtime_overlay import RELEASES as COMMITS, _show

    checked = 0
    for v in RELEASES:
        cat = load_catalog(v)
        conv = cat.schema_conversion()
        cites = [(c["where"], c["message"]) for c in cat.schema_exclusive()]
        cites += [(conv["failure_where"], conv["failure"]), (conv["split_warning_where"], conv["split_warning"])]
        for where, msg in cites:
            path, line = where.rsplit(":", 1)
            text = _show(COMMITS[v], path)
            if text is None:
                continue
            checked += 1
            assert msg.replace('"', '\\"') in text.splitlines()[int(line) - 1], (v, where)
    if not checked:
        pytest.skip("no release commit found in STLINT_SEATUNNEL_GIT")


def wide(n: int) -> str:
    cols = "\n".join(f"        {{ name = c{i}, type = int, nullable = maybe, columnScale = 2.5 }}" for i in range(n))
    return job(f"{{\n      columns = [\n{cols}\n        null\n      ]\n    }}")


def test_linear():
    from tests.test_complexity import assert_linear

    assert len(lint(wide(10), "2.3.10", ["invalid-schema-value"])) == 21
    assert_linear(wide, 1500, Settings(select=["invalid-schema-value"], seatunnel_version="2.3.10"))


def test_texts_jackson_reads_differently_from_python():
    # a root-level number must end at white space: `01`, `0x10` fail where Python's JSON reads 0
    assert values('{ columns = [ { name = id, type = int, nullable = "01" }, { name = b, type = int, '
                  'nullable = "0x10" }, { name = c, type = int, nullable = "1 2" } ] }') == [
        ("error", '"01"', "schema.columns[0].nullable"), ("error", '"0x10"', "schema.columns[1].nullable"),
        ("warning", '"1 2"', "schema.columns[2].nullable")]
    # the text null: Jackson reads null and ReadonlyConfig's Optional.of(null) throws
    assert values('{ fields { id = int }, primaryKey = "null" }') == [("error", '"null"', "schema.primaryKey")]
    text = job('{ fields { id = int }, constraintKeys = [ { constraintName = c, constraintType = "null",'
               ' constraintColumns = [ { columnName = id } ] } ] }')
    [d] = lint(text)
    assert d.name == "invalid-schema-value" and "NullPointerException" in d.message
    # a quoted name inside the string is a JSON string Jackson matches exactly (not invalid-schema-enum)
    text = job('{ fields { id = int }, constraintKeys = [ { constraintName = c, constraintType = "\\"INDEX_KEY\\"",'
               ' constraintColumns = [ { columnName = id } ] } ] }')
    assert [(d.name, d.severity) for d in lint(text)] == [("invalid-schema-value", "warning")]


ODD = ["1", "0", "-1", "2.5", "1e400", "3000000000", "99999999999999999999", "true", "null", '"null"', '""',
       "yes", '"a,b"', '"[a, b]"', '"[{\\"a\\":1}]"', "[]", "[null]", "[1, [2]]", "[{ a = 1 }]", "{}",
       "{ a = { b = [1] } }", '"${X}"', "a b c", '" 1"', '"01"', '"1 2"', '"NaN"', "INDEX_KEY", '"7"',
       "[" * 40 + "1" + "]" * 40]


def test_odd_values_never_raise():
    keys = ("name", "type", "nullable", "columnScale", "columnLength", "defaultValue", "comment")
    for i, val in enumerate(ODD):
        other = ODD[(i * 7) % len(ODD)]
        col = ", ".join(f"{k} = {ODD[(i + n) % len(ODD)]}" for n, k in enumerate(keys))
        schema = (f"{{\n columns = [ {{ {col} }}, {val} ]\n primaryKey {{ name = {val}, columnNames = {other} }}\n"
                  f" constraintKeys = [ {{ constraintName = {other}, constraintType = {val}, constraintColumns = "
                  f"[ {{ columnName = {val}, sortType = {other} }} ] }} ]\n table = {val}\n schema_first = {other}\n"
                  f" partition_keys = {val}\n}}")
        for v in ("2.3.8", "2.3.13"):
            for d in lint(job(schema), v):
                assert d.start <= d.end and d.message
        for top in (f"{{ columns = {val} }}", f"{{ fields = {val} }}", f"{{ fields {{ a = int }}\n columns = {val} }}"):
            lint(job(top), "2.3.10")
