"""Data rules (ST6xx) through the real engine and the shipped catalogs: schema type names,
ranges, non-object plugin entries, CDC envelopes, field references along the rows, Sql."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from stlint.checks import all_rules
from stlint.config import Settings
from stlint.engine import lint_source, lint_text
from stlint.source import Source

from tests.testpaths import CORPUS, CORPUS_SEATUNNEL_VERSION, REPO, corpus_rows, require_shared

DATA_RULES = ["invalid-schema-type", "plugin-not-an-object", "value-out-of-range", "schema-is-cdc-envelope",
              "unknown-field", "sql-syntax-error", "sql-table-mismatch", "sql-unknown-column"]


def lint(text: str, *rules: str, version: str | None = None):
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


def only(text: str, rule: str, **kw):
    ds = lint(text, rule, **kw)
    assert len(ds) == 1, [(d.name, d.message) for d in ds]
    return ds[0]


def apply(text: str, fix) -> str:
    for e in sorted(fix.edits, key=lambda e: -e.start):
        text = text[:e.start] + e.text + text[e.end:]
    return text


def fake(fields: str, extra: str = "") -> str:
    return f'FakeSource {{\n    plugin_output = "in"\n    schema = {{ fields {{ {fields} }} }}\n{extra}  }}'


def job(source: str, transform: str = "", sink: str = 'Console { plugin_input = "out" }', env: str = "") -> str:
    t = f"transform {{\n  {transform}\n}}\n" if transform else ""
    return f"env {{\n{env}\n}}\nsource {{\n  {source}\n}}\n{t}sink {{\n  {sink}\n}}\n"


def test_registry():
    rules = all_rules()
    codes = {n: (rules[n].code, rules[n].family) for n in DATA_RULES}
    assert codes["invalid-schema-type"] == ("ST601", "data")
    assert len({c for c, _ in codes.values()}) == len(DATA_RULES)
    for n in DATA_RULES:
        assert "Bad" in rules[n].doc and "Good" in rules[n].doc


# ---------------------------------------------------------------------------- type names
@pytest.mark.parametrize("bad,good,safe", [
    ("integer", "int", True), ("varchar(10)", "string", False), ("datetime", "timestamp", True),
    ("bool", "boolean", True), ("numeric", "decimal(38, 18)", False), ("timestmp", "timestamp", False),
])
def test_invalid_schema_type_did_you_mean_and_fix(bad, good, safe):
    text = job(fake(f'id = "{bad}"'), sink="Console {}")
    d = only(text, "invalid-schema-type")
    assert text[d.start:d.end] == f'"{bad}"'
    assert d.message.startswith(f"SeaTunnel 2.3.13 cannot parse the type `{bad}` of field `id`: ErrorCode:[COMMON-07], "
                                f"ErrorDescription:['SeaTunnel' unsupported data type '{bad}' of 'id'] "
                                "(SeaTunnelDataTypeConvertorUtil.java:")
    assert d.help == f"did you mean `{good}`?"
    assert d.fix.applicability == ("safe" if safe else "unsafe")
    fixed = apply(text, d.fix)
    assert fixed == text.replace(f'"{bad}"', f'"{good}"')
    assert lint(fixed, "invalid-schema-type") == []


def test_accepted_type_names_pass():
    fields = ('a = "string", b = "boolean", c = "tinyint", d = "smallint", e = "int", f = "bigint", g = "float", '
              'h = "double", i = "decimal(10, 2)", j = "null", k = "bytes", l = "date", m = "time", n = "timestamp", '
              'o = "map<string, array<int>>", p = "array<string>", q = "long", r = "short", s = "byte", '
              't = "MAP<decimal(10,2), string>", u = { x = "int", y { z = "string" } }, v = "Array<Map<string,int>>"')
    assert lint(job(fake(fields), sink="Console {}"), "invalid-schema-type") == []


def test_type_names_per_release():
    # timestamp_tz maps to a type from 2.3.9, array<map<...>> from 2.3.10 (SeaTunnelDataTypeConvertorUtil history)
    text = job(fake('a = "timestamp_tz", b = "array<map<string, int>>"'), sink="Console {}")
    assert lint(text, "invalid-schema-type", version="2.3.10") == []
    ds = lint(text, "invalid-schema-type", version="2.3.9")
    assert [text[d.start:d.end] for d in ds] == ['"array<map<string, int>>"']
    ds = lint(text, "invalid-schema-type", version="2.3.8")
    assert [text[d.start:d.end] for d in ds] == ['"timestamp_tz"', '"array<map<string, int>>"']
    assert "unsupported data type 'timestamp_tz' of 'a'" in ds[0].message
    assert "unsupported data type 'map<string, int>' of 'b'" in ds[1].message


def test_nested_and_malformed_types_and_columns():
    text = job(fake('a = "array<date>", r { x = 5 }, d = "decimal(10)", e = "decimal", m = "map<string>", n = 3'), sink="Console {}")
    ds = lint(text, "invalid-schema-type")
    got = {text[d.start:d.end]: d.message for d in ds}
    assert "unsupported data type 'date' of 'a'" in got['"array<date>"']
    assert "Unsupported parse SeaTunnel Type from '5'." in got["5"]
    assert "Decimal type should assign precision and scale information" in got['"decimal(10)"']
    assert "unsupported data type 'decimal' of 'e'" in got['"decimal"']  # SqlType.DECIMAL, no switch case
    assert "not a valid map type" in got['"map<string>"']
    assert "unsupported data type '3' of 'n'" in got["3"]
    cols = ('FakeSource {\n    schema = { columns = [ { name = id, type = "integer" }, { name = v, type = "string" } ] }\n  }')
    d = only(job(cols, sink="Console {}"), "invalid-schema-type")
    assert "'integer' of 'id'" in d.message


def test_placeholders_in_types_are_not_checked():
    assert lint(job(fake('a = "${T:int}", b = ${?X}'), sink="Console {}"), "invalid-schema-type") == []


# ---------------------------------------------------------------------------- structured option values
def test_list_of_objects_given_a_scalar():
    text = job(fake('id = "int"', "    rows = 10\n"), sink="Console {}")
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == "10"
    assert d.message == ("source.FakeSource: `rows`: `10` is a number, not a list of objects: SeaTunnel 2.3.13 fails "
                         "reading it (\"Json parsing exception, value '10', and expected type "
                         "'java.util.List<java.util.Map<java.lang.String, java.lang.Object>>'\", ConfigUtil.java:79)")
    ok = job(fake('id = "int"', '    rows = [ { kind = INSERT, fields = [1] } ]\n'), sink="Console {}")
    assert lint(ok, "invalid-option-value") == []
    ok = job(fake('id = "int"', '    rows = """[{"kind": "INSERT", "fields": [1]}]"""\n'), sink="Console {}")
    assert lint(ok, "invalid-option-value") == []


# ---------------------------------------------------------------------------- ranges
def test_value_out_of_range():
    text = job(fake('id = "int"', "    parallelism = 0\n"), sink="Console {}",
               env="  parallelism = 0\n  checkpoint.interval = 5\n  checkpoint.timeout = 60000")
    ds = lint(text, "value-out-of-range")
    assert sorted((text[d.start:d.end], d.option, d.plugin or "") for d in ds) == [
        ("0", "parallelism", ""), ("0", "parallelism", "source.FakeSource"), ("5", "checkpoint.interval", "")]
    ds.sort(key=lambda d: d.start)
    assert "TaskStatistics.java:45" in ds[0].message and '"the parallelism of task <= 0"' in ds[0].message
    assert '"The minimum checkpoint interval is 10 mills."' in ds[1].message
    good = job(fake('id = "int"', "    parallelism = 1\n"), sink="Console {}",
               env="  parallelism = 2\n  checkpoint.interval = 10\n")
    assert lint(good, "value-out-of-range") == []
    # Flink: not SeaTunnel's check
    assert lint(text.replace("env {\n", "env {\n  execution.planner = blink\n"), "value-out-of-range") == []


# ---------------------------------------------------------------------------- not an object
def test_plugin_entry_that_is_not_an_object():
    text = job(fake('id = "int"'), transform='- sql: "select * from in"', sink="Console {}")
    d = only(text, "plugin-not-an-object")
    assert text[d.start:d.end] == '"select * from in"'
    assert d.message.startswith('`transform` entry `"select * from in"` is a string, not a plugin block')
    assert lint(job(fake('id = "int"'), transform='Sql { query = "select * from in" }', sink="Console {}"),
                "plugin-not-an-object") == []


# ---------------------------------------------------------------------------- CDC envelope
def test_debezium_envelope_declared_as_schema():
    src = ('Kafka {\n    bootstrap.servers = "k:9092"\n    topic = "t"\n    format = debezium_json\n'
           '    schema = { fields { before = "string", after = "string", op = "string", ts_ms = "bigint" } }\n  }')
    text = job(src, sink="Console {}")
    d = only(text, "schema-is-cdc-envelope")
    assert text[d.start:d.end].startswith("fields {")
    assert "`before`, `after`, `op`, `ts_ms` are envelope fields" in d.message
    good = src.replace('before = "string", after = "string", op = "string", ts_ms = "bigint"', 'id = "int"')
    assert lint(job(good, sink="Console {}"), "schema-is-cdc-envelope") == []
    plain = src.replace("debezium_json", "json")
    assert lint(job(plain, sink="Console {}"), "schema-is-cdc-envelope") == []


# ---------------------------------------------------------------------------- field references
SRC = fake('id = "int", name = "string", payload = "string"')


@pytest.mark.parametrize("transform,written,right", [
    ('Replace {\n    plugin_input = "in"\n    plugin_output = "out"\n    replace_field = "nmae"\n'
     '    pattern = "a"\n    replacement = "b"\n  }', '"nmae"', "name"),
    ('Split {\n    plugin_input = "in"\n    plugin_output = "out"\n    split_field = "nmae"\n    separator = " "\n'
     '    output_fields = [a, b]\n  }', '"nmae"', "name"),
    ('Copy {\n    plugin_input = "in"\n    plugin_output = "out"\n    fields { name2 = "nmae" }\n  }', '"nmae"', "name"),
    ('Copy {\n    plugin_input = "in"\n    plugin_output = "out"\n    src_field = "nmae"\n    dest_field = "x"\n  }',
     '"nmae"', "name"),
    ('Filter {\n    plugin_input = "in"\n    plugin_output = "out"\n    include_fields = [id, "nmae"]\n  }', '"nmae"', "name"),
    ('FieldMapper {\n    plugin_input = "in"\n    plugin_output = "out"\n    field_mapper { id = id, nmae = n }\n  }',
     "nmae", "name"),
    ('JsonPath {\n    plugin_input = "in"\n    plugin_output = "out"\n'
     '    columns = [ { src_field = "paylod", path = "$.a", dest_field = "a" } ]\n  }', '"paylod"', "payload"),
])
def test_unknown_field_per_transform(transform, written, right):
    text = job(SRC, transform)
    d = only(text, "unknown-field")
    assert text[d.start:d.end] == written
    assert d.help == f"did you mean `{right}`?"
    assert "not found in upstream schema" in d.message and "(id int, name string, payload string)" in d.message
    fixed = apply(text, d.fix)
    assert lint(fixed, "unknown-field") == []


def test_unknown_field_follows_the_rows():
    # Copy adds `n2`, FieldMapper keeps and renames, Filter drops: references downstream see that row
    t = ('Copy {\n    plugin_input = "in"\n    plugin_output = "c"\n    fields { n2 = name }\n  }\n'
         '  FieldMapper {\n    plugin_input = "c"\n    plugin_output = "m"\n    field_mapper { id = key, n2 = n3 }\n  }\n'
         '  Replace {\n    plugin_input = "m"\n    plugin_output = "out"\n    replace_field = "name"\n'
         '    pattern = "a"\n    replacement = "b"\n  }')
    text = job(SRC, t)
    d = only(text, "unknown-field")
    assert text[d.start:d.end] == '"name"' and "(key int, n3 string)" in d.message
    assert d.help == "did you mean `n3`?" or d.help is None
    assert lint(text.replace('replace_field = "name"', 'replace_field = "n3"'), "unknown-field") == []


def test_unknown_rows_are_never_guessed():
    jdbc = ('Jdbc {\n    plugin_output = "in"\n    url = "jdbc:mysql://h/db"\n    driver = "d"\n'
            '    query = "select * from t"\n  }')
    t = ('Replace {\n    plugin_input = "in"\n    plugin_output = "out"\n    replace_field = "anything"\n'
         '    pattern = "a"\n    replacement = "b"\n  }')
    assert lint(job(jdbc, t), "unknown-field") == []
    # an unknown transform in between hides the row from what follows
    t2 = ('DynamicCompile {\n    plugin_input = "in"\n    plugin_output = "d"\n    compile_language = GROOVY\n'
          '    source_code = "x"\n  }\n  ' + t.replace('"in"', '"d"'))
    assert lint(job(SRC, t2), "unknown-field") == []


# ---------------------------------------------------------------------------- Sql
def sql(query: str, inp: str = "in") -> str:
    return f'Sql {{\n    plugin_input = "{inp}"\n    plugin_output = "out"\n    query = {query}\n  }}'


def test_sql_syntax_error_position_in_triple_quoted_string():
    q = '"""select id,\n         name\n       form in"""'
    text = job(SRC, sql(q))
    d = only(text, "sql-syntax-error")
    assert text[d.start:d.end] == "in"
    assert "(line 3, column" in d.message
    assert lint(job(SRC, sql('"""select id,\n name from in"""')), "sql-syntax-error") == []


def test_sql_table_mismatch_is_a_warning():
    text = job(SRC, sql('"select id from other"'))
    d = only(text, "sql-table-mismatch")
    assert text[d.start:d.end] == "other" and d.severity == "warning"
    assert d.help == "write `FROM in`"
    for ok in ('"select id from in"', '"select id from IN"', '"select 1 from dual"'):
        assert lint(job(SRC, sql(ok)), "sql-table-mismatch") == [], ok


def test_sql_unknown_column_and_output_row():
    text = job(SRC, sql('"select id, nmae, upper(name) as u from in where payload is not null"'))
    d = only(text, "sql-unknown-column")
    assert text[d.start:d.end] == "nmae" and d.help == "did you mean `name`?"
    assert "can't find field [nmae]" in d.message
    # the Sql output row (id, u) is what the next transform sees
    t = sql('"select id, upper(name) as u from in"').replace('"out"', '"s"') + (
        '\n  Replace {\n    plugin_input = "s"\n    plugin_output = "out"\n    replace_field = "name"\n'
        '    pattern = "a"\n    replacement = "b"\n  }')
    d = only(job(SRC, t), "unknown-field")
    assert "(id int, u ?)" in d.message


def test_sql_nested_fields_and_case():
    src = fake('id = "int", c_row = { c_inner = { x = "int" } }')
    q = '"select ID, c_row.c_inner.x, in.id, `c_row` from in"'
    assert lint(job(src, sql(q)), "sql-unknown-column", "sql-syntax-error") == []


def test_sqlglot_imported_only_for_sql_transforms():
    code = textwrap.dedent("""
        import sys
        from stlint.engine import lint_text
        from stlint.config import Settings
        lint_text('env {}\\nsource { FakeSource { schema = { fields { a = "int" } } } }\\nsink { Console {} }\\n', None, Settings())
        print("sqlglot" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------- catalog facts
@pytest.mark.parametrize("version", ["2.3.8", "2.3.9", "2.3.10", "2.3.11", "2.3.12", "2.3.13"])
def test_every_catalog_has_type_facts(version):
    from stlint.catalog import load_catalog

    t = load_catalog(version).types
    assert {"STRING", "INT", "BIGINT", "TIMESTAMP"} <= set(t["simple"])
    assert t["aliases"] == {"LONG": "BIGINT", "SHORT": "SMALLINT", "BYTE": "TINYINT"}
    assert t["complex"] == ["MAP", "ARRAY", "DECIMAL", "ROW"]
    assert ("TIMESTAMP_TZ" in t["simple"]) == (version != "2.3.8")
    assert t["where"]["unsupported"].endswith(".java:" + t["where"]["unsupported"].rsplit(":", 1)[1])


# ---------------------------------------------------------------------------- corpus property
def test_corpus_declared_rows_get_no_false_field_finding():
    """Every corpus job ran in SeaTunnel's CI: where stlint knows the rows, no field, Sql column or
    type finding may appear (they would all be false), and the analysis must cover real ground."""
    require_shared()
    from stlint.rowtypes import row_flow

    settings = Settings(select=["invalid-schema-type", "unknown-field", "sql-unknown-column", "sql-syntax-error",
                                "unknown-sink-field"],
                        seatunnel_version=CORPUS_SEATUNNEL_VERSION)
    found, known, sink_known = [], 0, 0
    for row in corpus_rows():
        p = CORPUS / row["file"]
        res = lint_source(Source(p.read_bytes().decode("utf-8", "replace"), str(p)), settings)
        found += [(row["file"], d.name, d.message) for d in res.diagnostics if d.name in settings.select]
        if res.is_job:
            from stlint.checks import Context

            flow = row_flow(Context(res.doc, res.job, settings))
            known += sum(1 for t in res.job.of_kind("transform") if flow.incoming.get(id(t)) is not None)
            cat = Context(res.doc, res.job, settings).catalog
            sink_known += sum(1 for k in res.job.of_kind("sink") if flow.incoming.get(id(k)) is not None
                              and any(k.get(e["option"]) is not None for e in cat.field_refs("sink", k.name or "")))
    assert found == []
    assert sink_known >= 20  # sinks with a known row and a field option, checked by unknown-sink-field (26 today)
    assert known >= 60  # transforms whose incoming row is known (76 on the March 2025 corpus)


def test_fieldrename_and_metadata_outputs():
    t = ('FieldRename {\n    plugin_input = "in"\n    plugin_output = "r"\n    convert_case = "UPPER"\n'
         '    prefix = "p_"\n  }\n'
         '  Metadata {\n    plugin_input = "r"\n    plugin_output = "m"\n    metadata_fields { Database = db }\n  }\n'
         '  Replace {\n    plugin_input = "m"\n    plugin_output = "out"\n    replace_field = "name"\n'
         '    pattern = "a"\n    replacement = "b"\n  }')
    d = only(job(SRC, t), "unknown-field")
    assert "(p_ID int, p_NAME string, p_PAYLOAD string, db ?)" in d.message
    assert lint(job(SRC, t.replace('replace_field = "name"', 'replace_field = "p_NAME"')), "unknown-field") == []
    assert lint(job(SRC, t.replace('replace_field = "name"', 'replace_field = "db"')), "unknown-field") == []
    # replacements_with_regex is followed (see test_fieldrename_* below): "a" -> "b" after UPPER
    t2 = t.replace('prefix = "p_"', 'replacements_with_regex = [ { replace_from = "a", replace_to = "b" } ]')
    d = only(job(SRC, t2), "unknown-field")
    assert "(ID int, NbME string, PbYLObD string, db ?)" in d.message


def rename_job(opts: str, ref: str) -> str:
    t = (f'FieldRename {{\n    plugin_input = "in"\n    plugin_output = "r"\n    {opts}\n  }}\n'
         f'  Replace {{\n    plugin_input = "r"\n    plugin_output = "out"\n    replace_field = "{ref}"\n'
         '    pattern = "a"\n    replacement = "b"\n  }')
    return job(SRC, t)


def rename_row(opts: str, version: str | None = None) -> str | None:
    """The row FieldRename gives (from the unknown-field message naming a field nobody has)."""
    ds = lint(rename_job(opts, "zzz_nothing"), "unknown-field", version=version)
    if not ds:
        return None
    m = ds[0].message
    return m[m.index("(") + 1:m.index(")")]


@pytest.mark.parametrize("opts,version,row", [
    # specific: the target name, and nothing else applies to that field (FieldRenameTransform.convertName)
    ('specific = [ { field_name = "id", target_name = "key" } ]\n    prefix = "p_"', None,
     "key int, p_name string, p_payload string"),
    # a regex replacement; matches found in the original name, applied after convert_case
    ('convert_case = "UPPER"\n    replacements_with_regex = [ { replace_from = "a", replace_to = " x " } ]', None,
     "ID int, NxME string, PxYLOxD string"),
    # the last entry that matches wins
    ('replacements_with_regex = [ { replace_from = "na", replace_to = "N" }, { replace_from = "^pay", replace_to = "P" } ]',
     None, "id int, Nme string, Pload string"),
    # is_regex = false compares the whole name
    ('replacements_with_regex = [ { replace_from = "name", replace_to = "title", is_regex = false },'
     ' { replace_from = "pay", replace_to = "x", is_regex = false } ]', None, "id int, title string, payload string"),
    # is_regex unset: a regex in 2.3.13 (isFalse(isRegex), default true) ...
    ('replacements_with_regex = [ { replace_from = "a.", replace_to = "_" } ]', "2.3.13",
     "id int, n_e string, p_lo_ string"),
    # ... the whole name compared in 2.3.10 (isNotTrue(isRegex)): "a." is no field's name
    ('replacements_with_regex = [ { replace_from = "a.", replace_to = "_" } ]', "2.3.10",
     "id int, name string, payload string"),
    ('replacements_with_regex = [ { replace_from = "id", replace_to = "key" } ]', "2.3.10",
     "key int, name string, payload string"),
    ('suffix = " _s "', None, "id_s int, name_s string, payload_s string"),
])
def test_fieldrename_row(opts, version, row):
    assert rename_row(opts, version) == row


def test_fieldrename_regex_classes_are_ascii_like_java():
    # Java's \\w is ASCII-only by default: `é` is no word character, so `\\w+$` misses `né`
    t = ('FieldRename {\n    plugin_input = "in"\n    plugin_output = "out"\n'
         '    replacements_with_regex = [ { replace_from = "\\\\w+$", replace_to = "X" } ]\n  }\n'
         '  Replace {\n    plugin_input = "out"\n    plugin_output = "o2"\n    replace_field = "zz"\n'
         '    pattern = "a"\n    replacement = "b"\n  }')
    d = only(job(fake('"né" = "string", id = "int"'), t, sink='Console { plugin_input = "o2" }'), "unknown-field")
    assert "(né string, X int)" in d.message


@pytest.mark.parametrize("opts", [
    # Java-only regex syntax, a pattern Python cannot compile, a slow (nested quantifier) pattern
    'replacements_with_regex = [ { replace_from = "\\\\p{L}", replace_to = "x" } ]',
    'replacements_with_regex = [ { replace_from = "(?<g>a)", replace_to = "x" } ]',
    # Python-only syntax (Java rejects it: the job fails, never a row to guess)
    'replacements_with_regex = [ { replace_from = "(?P<g>a)", replace_to = "x" } ]',
    'replacements_with_regex = [ { replace_from = "a{,2}", replace_to = "x" } ]',
    'replacements_with_regex = [ { replace_from = "(", replace_to = "x" } ]',
    'replacements_with_regex = [ { replace_from = "(a+)+b", replace_to = "x" } ]',
    # a matching entry without replace_to (NullPointerException), a specific entry without field_name
    'replacements_with_regex = [ { replace_from = "a" } ]',
    'specific = [ { target_name = "x" } ]',
    # keys FieldRename does not read in an entry, a placeholder, an unknown case
    'specific = [ { field_name = "id", target_name = "k", other = 1 } ]',
    'prefix = "${P}"',
    'convert_case = "TITLE"',
    # two fields renamed to the same name
    'specific = [ { field_name = "id", target_name = "name" } ]',
])
def test_fieldrename_unknown_row(opts):
    # the row cannot be computed exactly: unknown, nothing reported downstream
    assert rename_row(opts) is None
    assert lint(rename_job(opts, "zzz_nothing"), "unknown-field") == []


def test_fieldrename_regex_bounded():
    # many fields, a regex on each: linear, no catastrophic pattern runs
    fields = ", ".join(f'f{i}aaaaaaaaaaaaaaaaaaaaaaaaa = "int"' for i in range(300))
    t = ('FieldRename {\n    plugin_input = "in"\n    plugin_output = "r"\n'
         '    replacements_with_regex = [ { replace_from = "a*a*$", replace_to = "" } ]\n  }\n'
         '  Replace {\n    plugin_input = "r"\n    plugin_output = "out"\n    replace_field = "f1"\n'
         '    pattern = "a"\n    replacement = "b"\n  }')
    assert lint(job(fake(fields), t), "unknown-field") == []
    assert len(lint(job(fake(fields), t.replace('replace_field = "f1"', 'replace_field = "f1aa"')),
                    "unknown-field")) == 1


def test_bounded_on_hostile_input():
    # deep row objects stop at MAX_ROW_DEPTH (no recursion error); many Sql columns: one finding each
    from stlint.rowtypes import MAX_ROW_DEPTH

    deep = "a { " * (MAX_ROW_DEPTH + 30) + 'x = "integer"' + " }" * (MAX_ROW_DEPTH + 30)
    assert lint(job(fake(deep), sink="Console {}"), "invalid-schema-type") == []
    shallow = "a { " * 3 + 'x = "integer"' + " }" * 3
    assert len(lint(job(fake(shallow), sink="Console {}"), "invalid-schema-type")) == 1
    q = '"select ' + ", ".join(f"c{i}" for i in range(400)) + ' from in"'
    ds = lint(job(fake('c1 = "int"'), sql(q)), "sql-unknown-column")
    assert len(ds) == 399 and len({d.start for d in ds}) == 399
