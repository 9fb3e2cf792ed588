"""Variables family (ST5xx) through the real engine."""

from __future__ import annotations

from stlint.config import Settings
from stlint.engine import lint_text
from stlint.fixes import apply_edits


def _lint(text, rule, **kw):
    return [d for d in lint_text(text, "job.conf", Settings(**kw)).diagnostics if d.name == rule]


def _fixed(text, d):
    return apply_edits(text, list(d.fix.edits))


JOB = "env {}\nsource {\n  FakeSource {\n    %s\n  }\n}\nsink {\n  Console {\n    %s\n  }\n}\n"


# ---- ST501 unquoted-placeholder-default --------------------------------------------------
def test_unquoted_default_concat_fix():
    text = JOB % ("table = a_${A:b}_c", "")
    [d] = _lint(text, "unquoted-placeholder-default")
    assert text[d.start:d.end] == "${A:b}"
    assert d.severity == "error"
    assert d.message.startswith("`${A:b}`: a default value in an unquoted substitution is a parse error")
    assert d.fix.applicability == "safe"
    new = _fixed(text, d)
    assert "table = \"a_${A:b}_c\"" in new
    assert _lint(new, "unquoted-placeholder-default") == []
    res = lint_text(new, "job.conf")
    assert res.job.plugins[0].options["table"].py == "a_${A:b}_c"


def test_unquoted_default_after_quoted_part_and_escapes():
    text = JOB % ('x = "a\\\\b\\"q"${X:y}', "")
    [d] = _lint(text, "unquoted-placeholder-default")
    assert text[d.start:d.end] == "${X:y}"
    new = _fixed(text, d)
    assert 'x = "a\\\\b\\"q${X:y}"' in new
    assert _lint(new, "unquoted-placeholder-default") == []
    assert lint_text(new, "job.conf").job.plugins[0].options["x"].py == 'a\\b"q${X:y}'


def test_unquoted_default_keeps_plain_substitution_outside_quotes():
    text = "env { host = h }\nsource {\n  FakeSource {\n    x = ${env->host} ${P:9}\n  }\n}\nsink { Console {} }\n"
    ds = _lint(text, "unquoted-placeholder-default")
    assert [text[d.start:d.end] for d in ds] == ["${P:9}"]
    new = _fixed(text, ds[0])
    assert 'x = ${env->host}" ${P:9}"' in new
    assert _lint(new, "unquoted-placeholder-default") == []
    assert lint_text(new, "job.conf").job.plugins[0].options["x"].py == "h ${P:9}"


def test_two_defaults_in_one_value_one_fix():
    text = JOB % ("x = ${A:1}-${B:2}", "")
    ds = _lint(text, "unquoted-placeholder-default")
    assert [text[d.start:d.end] for d in ds] == ["${A:1}", "${B:2}"]
    assert ds[0].fix is not None and ds[1].fix is None
    new = _fixed(text, ds[0])
    assert 'x = "${A:1}-${B:2}"' in new
    assert _lint(new, "unquoted-placeholder-default") == []


def test_quoted_default_is_fine():
    assert _lint(JOB % ('x = "${A:b}"', ""), "unquoted-placeholder-default") == []


# ---- ST502 unresolved-variable ------------------------------------------------------------
def test_unresolved_variable_info_when_env_may_provide():
    text = JOB % ("row.num = ${ROWS}", "")
    [d] = _lint(text, "unresolved-variable")
    assert text[d.start:d.end] == "${ROWS}"
    assert d.severity == "info"
    assert d.message == ("`${ROWS}` is not defined in this file: SeaTunnel takes it from the environment variable "
                         "`ROWS` or from `-i ROWS=...`; if neither is set when the job is submitted, loading fails "
                         "(ConfigException.NotResolved)")


def test_unresolved_variable_given_by_vars_or_defined_in_file():
    assert _lint(JOB % ("row.num = ${ROWS}", ""), "unresolved-variable", vars={"ROWS": "3"}) == []
    text = "env { parallelism = 2 }\nsource {\n  FakeSource {\n    parallelism = ${env->parallelism}\n  }\n}\nsink { Console {} }\n"
    assert _lint(text, "unresolved-variable") == []


def test_unresolved_variable_dotted_path_is_error_with_fix():
    text = "env { parallelism = 2 }\nsource {\n  FakeSource {\n    parallelism = ${env.parallelism}\n  }\n}\nsink { Console {} }\n"
    [d] = _lint(text, "unresolved-variable")
    assert text[d.start:d.end] == "${env.parallelism}"
    assert d.severity == "error"
    assert "SeaTunnel's path separator is `->`" in d.message and "did you mean `${env->parallelism}`?" in d.message
    new = _fixed(text, d)
    assert "parallelism = ${env->parallelism}" in new
    assert _lint(new, "unresolved-variable") == []


def test_unresolved_table_placeholder_unquoted_is_error():
    text = JOB % ("", "table = ${table_name}")
    [d] = _lint(text, "unresolved-variable")
    assert text[d.start:d.end] == "${table_name}" and d.severity == "error"
    assert "table placeholder written outside quotes" in d.message
    new = _fixed(text, d)
    assert 'table = "${table_name}"' in new
    assert _lint(new, "unresolved-variable") == []


def test_unresolved_variable_known_vars_non_env_name_is_error():
    text = JOB % ("x = ${my-var}", "")
    [d] = _lint(text, "unresolved-variable", vars={"my_var": "1"})
    assert d.severity == "error" and "did you mean `my_var`?" in d.message


# ---- ST503 placeholder-without-default -----------------------------------------------------
JDBC = JOB.replace("FakeSource", "Jdbc")  # a source that reads `url`


def test_placeholder_without_default():
    text = JDBC % ('url = "jdbc:mysql://${DB_HOST}/x"', "")
    [d] = _lint(text, "placeholder-without-default")
    assert text[d.start:d.end] == "${DB_HOST}"
    assert d.severity == "info"
    assert d.message == ("`${DB_HOST}` has no default: unless the job is started with `-i DB_HOST=...` it stays "
                         "the literal text `${DB_HOST}` (quoted variables are not read from the environment)")


def test_placeholder_without_default_not_reported():
    for opt in ('url = "${DB_HOST:localhost}"', 'password = "${DB_PASSWORD}"'):
        assert _lint(JDBC % (opt, ""), "placeholder-without-default") == [], opt
    # filled by file sinks (catalog row placeholders)
    local = JOB.replace("Console", "LocalFile")
    assert _lint(local % ("", 'file_name_expression = "${transactionId}_${now}"'), "placeholder-without-default") == []
    # an option the plugin does not read (unknown-option reports it) or an unknown plugin
    assert _lint(JOB % ('host = "${DB_HOST}"', ""), "placeholder-without-default") == []
    assert _lint(JOB.replace("FakeSource", "NoSuchSource") % ('url = "${U}"', ""), "placeholder-without-default") == []
    assert _lint(JDBC % ('url = "${DB_HOST}"', ""), "placeholder-without-default", vars={"DB_HOST": "h"}) == []
    assert _lint(JOB % ("", 'table = "${table_name}"'), "placeholder-without-default") == []


def test_placeholder_in_list_object_stays_literal():
    text = JOB % ('tables_configs = [{ table = "${T}" }]', "")
    [d] = _lint(text, "placeholder-without-default")
    assert "object inside a list" in d.message


# ---- ST504 unknown-table-placeholder -------------------------------------------------------
def test_unknown_table_placeholder_fix():
    text = JOB % ("", 'table = "pre_${table_nam}"')
    [d] = _lint(text, "unknown-table-placeholder")
    assert text[d.start:d.end] == "${table_nam}"
    assert d.severity == "warning"
    assert d.message == ("`${table_nam}` is not a table placeholder, so SeaTunnel leaves it as it is; "
                         "did you mean `${table_name}`?")
    new = _fixed(text, d)
    assert 'table = "pre_${table_name}"' in new
    assert _lint(new, "unknown-table-placeholder") == []
    # not double-reported as a variable without default
    assert _lint(text, "placeholder-without-default") == []


def test_save_mode_template_has_its_own_placeholders():
    good = JOB % ("", 'save_mode_create_template = "CREATE TABLE ${database}.${table} (${rowtype_fields})"')
    assert _lint(good, "unknown-table-placeholder") == []
    assert _lint(good, "misplaced-table-placeholder") == []
    bad = JOB % ("", 'save_mode_create_template = "CREATE TABLE ${table} (${rowtype_field})"')
    [d] = _lint(bad, "unknown-table-placeholder")
    assert bad[d.start:d.end] == "${rowtype_field}" and "did you mean `${rowtype_fields}`?" in d.message


def test_unrelated_sink_variable_is_not_a_misspelling():
    assert _lint(JOB % ("", 'path = "/data/${dynamic_test_case_name}"'), "unknown-table-placeholder") == []


# ---- ST505 misplaced-table-placeholder -----------------------------------------------------
def test_misplaced_table_placeholder_in_source_and_nested_sink():
    text = JOB % ('query = "select * from ${table_name}"', 'conf { t = "${database_name:db}" }')
    ds = _lint(text, "misplaced-table-placeholder")
    assert [text[d.start:d.end] for d in ds] == ["${table_name}", "${database_name:db}"]
    assert all(d.severity == "warning" for d in ds)
    assert ds[0].message == ("`${table_name}` is a table placeholder, replaced only in top-level sink options; in "
                             "`source.FakeSource` it stays the literal text `${table_name}`")
    assert ds[1].message.endswith("in a nested option of `sink.Console` it is replaced by its default `db` "
                                  "when the file is loaded")


def test_table_placeholder_in_sink_top_level_is_fine():
    assert _lint(JOB % ("", 'table = "${database_name}.${table_name}"'), "misplaced-table-placeholder") == []


def test_vars_resolve_unquoted_substitutions_before_value_checks():
    from stlint.config import Settings
    from stlint.engine import lint_text

    text = ('env {}\nsource { FakeSource { row.num = ${ROWS}, plugin_output = "a", schema = { fields { id = "int" } } } }\n'
            'sink { Console { plugin_input = ["a"] } }\n')
    plain = lint_text(text, None, Settings())
    assert [d.name for d in plain.diagnostics] == ["unresolved-variable"]
    given = lint_text(text, None, Settings(vars={"ROWS": "ten"}))
    assert given.job.plugins[0].options["row.num"].py == "ten"
    assert [d.name for d in given.diagnostics] == ["invalid-option-value"]  # row.num is an int option
