"""Plugin and option rules (ST1xx) through the real engine and the shipped catalogs."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from testpaths import CORPUS, CORPUS_SEATUNNEL_VERSION, corpus_rows, require_shared
from stlint.checks import all_rules
from stlint.config import Settings
from stlint.engine import lint_source, lint_text
from stlint.source import Source

PLUGIN_RULES = ["unknown-plugin", "plugin-name-case", "missing-required-option", "unknown-option",
                "invalid-option-value", "exclusive-options", "bundled-options", "deprecated-option",
                "option-not-in-version"]
NEWEST = "2.3.13"


def lint(text: str, *rules: str, version: str | None = None, path: str | None = None):
    res = lint_text(text, path, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


def only(text: str, rule: str, **kw):
    ds = lint(text, rule, **kw)
    assert len(ds) == 1, [(d.name, d.message) for d in ds]
    return ds[0]


def apply_fix(text: str, fix) -> str:
    for e in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.text + text[e.end:]
    return text


def job(source: str = "FakeSource { schema { fields { id = int } } }", sink: str = "Console {}", transform: str | None = None) -> str:
    t = f"transform {{\n  {transform}\n}}\n" if transform else ""
    return f"env {{\n  job.mode = \"BATCH\"\n}}\nsource {{\n  {source}\n}}\n{t}sink {{\n  {sink}\n}}\n"


def test_registry_codes_and_severities():
    rules = all_rules()
    want = {
        "unknown-plugin": ("ST101", "error", None), "plugin-name-case": ("ST102", "info", "safe"),
        "missing-required-option": ("ST103", "error", "unsafe"), "unknown-option": ("ST104", "warning", "unsafe"),
        "invalid-option-value": ("ST105", "error", None), "exclusive-options": ("ST106", "error", None),
        "bundled-options": ("ST107", "error", None), "deprecated-option": ("ST108", "warning", "safe"),
        "option-not-in-version": ("ST109", "error", None),
    }
    for name, (code, sev, fix) in want.items():
        r = rules[name]
        assert (r.code, r.severity, r.fix, r.family) == (code, sev, fix, "plugins"), name
        assert "Bad" in r.doc and "Good" in r.doc, name


# ---------------------------------------------------------------------------- unknown-plugin
def test_unknown_plugin_typo_with_did_you_mean():
    text = job(sink="Consol {}")
    d = only(text, "unknown-plugin")
    assert text[d.start:d.end] == "Consol"
    assert d.severity == "error"
    assert d.message == f"`Consol` is not a sink plugin in SeaTunnel {NEWEST}; did you mean `Console`?"
    assert d.help is None and d.suggestions == ("Console",)  # not `CosFile`: only near-certain candidates
    assert d.plugin == "sink.Consol"


def test_unknown_plugin_of_another_kind():
    text = job(source="Console {}")
    d = only(text, "unknown-plugin")
    assert text[d.start:d.end] == "Console"
    assert d.message == f"`Console` is not a source plugin in SeaTunnel {NEWEST}: `Console` is only a sink"
    assert d.help == "move it to the `sink` section"
    text = job(transform="kafka {}")
    d = only(text, "unknown-plugin")
    assert text[d.start:d.end] == "kafka"
    assert d.message == f"`kafka` is not a transform plugin in SeaTunnel {NEWEST}: `Kafka` is a source and a sink, not a transform"


def test_unknown_plugin_added_in_a_later_version():
    text = job(transform="TableRename {}")
    d = only(text, "unknown-plugin", version="2.3.8")
    assert text[d.start:d.end] == "TableRename"
    assert d.message == "`TableRename` is not a transform plugin in SeaTunnel 2.3.8; it was added in 2.3.9"
    assert lint(text, "unknown-plugin") == []


def test_unknown_plugin_explicit_plugin_name_and_json():
    text = job(sink='out { plugin_name = "Consle" }')
    d = only(text, "unknown-plugin")
    assert text[d.start:d.end] == '"Consle"'
    text = '{"env": {}, "source": [{"plugin_name": "FakeSource"}], "sink": [{"result": 1}]}'
    d = only(text, "unknown-plugin", path="job.json")
    assert text[d.start:d.end] == "{"
    assert d.message == "this sink block has no plugin name: SeaTunnel rejects a blank `plugin_name`"


def test_known_plugins_any_case_pass():
    assert lint(job(source="fakesource {}", sink="CONSOLE {}", transform="sql { query = \"select 1\" }"),
                "unknown-plugin") == []


# ---------------------------------------------------------------------------- plugin-name-case
def test_plugin_name_case_fix_renames_block_key():
    text = job(sink="console {}")
    d = only(text, "plugin-name-case")
    assert text[d.start:d.end] == "console" and d.severity == "info"
    assert d.message == "`console` works (plugin names match case-insensitively) but SeaTunnel spells it `Console`"
    assert d.fix.applicability == "safe"
    assert apply_fix(text, d.fix) == job(sink="Console {}")


def test_plugin_name_case_quoted_key_keeps_quotes():
    text = job(source='"mysql-cdc" { }')
    d = only(text, "plugin-name-case")
    assert text[d.start:d.end] == '"mysql-cdc"'
    assert apply_fix(text, d.fix) == job(source='"MySQL-CDC" { }')


def test_plugin_name_case_explicit_plugin_name_has_no_fix():
    text = job(sink='out { plugin_name = "console" }')
    d = only(text, "plugin-name-case")
    assert text[d.start:d.end] == '"console"'
    assert d.fix is None


def test_plugin_name_case_canonical_passes():
    assert lint(job(source="MySQL-CDC {}", sink="Console {}"), "plugin-name-case") == []


# ---------------------------------------------------------------------------- missing-required-option
JDBC_SINK = 'Jdbc {\n    url = "jdbc:mysql://db/x"\n    driver = "com.mysql.cj.jdbc.Driver"\n  }'


def test_missing_required_conditional_on_default_with_fix():
    text = job(sink=JDBC_SINK)
    d = only(text, "missing-required-option")
    assert text[d.start:d.end] == "Jdbc" and d.severity == "error"
    assert d.message == "sink.Jdbc: `query` is required because `generate_sink_sql` is false (its default)"
    assert d.option == "query" and d.plugin == "sink.Jdbc"
    assert d.fix.applicability == "unsafe"
    fixed = apply_fix(text, d.fix)
    assert fixed == job(sink=JDBC_SINK.replace('Driver"\n', 'Driver"\n    query = "${TODO_QUERY}"\n'))
    assert lint(fixed, "missing-required-option") == []


def test_missing_required_fix_keeps_crlf_and_tabs():
    text = 'env {}\r\nsource {\r\n\tFakeSource { schema { fields { id = int } } }\r\n}\r\nsink {\r\n\tJdbc {\r\n\t\turl = "u"\r\n\t\tdriver = "d"\r\n\t}\r\n}\r\n'
    d = only(text, "missing-required-option")
    assert apply_fix(text, d.fix) == text.replace('driver = "d"\r\n', 'driver = "d"\r\n\t\tquery = "${TODO_QUERY}"\r\n')


def test_missing_required_fix_in_one_line_and_empty_blocks():
    text = job(sink='Jdbc { url = "u", driver = "d" }')
    d = only(text, "missing-required-option")
    assert apply_fix(text, d.fix) == job(sink='Jdbc { url = "u", driver = "d", query = "${TODO_QUERY}" }')
    text = job(transform="Sql {}")
    d = only(text, "missing-required-option")
    assert text[d.start:d.end] == "Sql"
    assert d.message == ("transform.Sql: `query` is required (SQLTransform reads `query` and fails to parse a "
                         "missing statement although the rule declares it optional)")
    assert apply_fix(text, d.fix) == job(transform='Sql { query = "${TODO_QUERY}" }')


def test_missing_required_empty_multiline_block_indents_one_level():
    text = "env {}\nsource {\n  FakeSource { schema { fields { id = int } } }\n}\nsink {\n  Jdbc {\n  }\n}\n"
    # several missing options: one finding for the plugin, one fix adding them all
    d = only(text, "missing-required-option")
    assert d.option is None and text[d.start:d.end] == "Jdbc"
    assert d.message == ("sink.Jdbc: 3 required settings are missing: `url` is required; `driver` is required; "
                         "`query` is required because `generate_sink_sql` is false (its default)")
    assert d.fix.message == "add all missing options (url, driver, query) with placeholder values"
    assert apply_fix(text, d.fix) == text.replace("Jdbc {\n", 'Jdbc {\n    url = "${TODO_URL}"\n'
                                                  '    driver = "${TODO_DRIVER}"\n    query = "${TODO_QUERY}"\n')
    fixed = apply_fix(text, d.fix)
    assert lint(fixed, "missing-required-option") == []


def test_missing_required_several_in_one_line_block_and_one_of_groups():
    text = job(sink="Jdbc {}")
    d = only(text, "missing-required-option")
    assert apply_fix(text, d.fix) == job(
        sink='Jdbc { url = "${TODO_URL}", driver = "${TODO_DRIVER}", query = "${TODO_QUERY}" }')
    # a one-of group has no placeholder: the fix adds the single keys, the message keeps the group
    text = job(source="Jdbc {}")
    d = only(text, "missing-required-option")
    assert "one of `query`, `table_path`, `table_list` is required" in d.message
    assert d.fix.message == "add all missing options (url, driver) with placeholder values"


def test_missing_required_one_of_has_no_fix():
    text = job(source='Jdbc { url = "u", driver = "d" }')
    d = only(text, "missing-required-option")
    assert d.message.startswith("source.Jdbc: one of `query`, `table_path`, `table_list` is required")
    assert d.fix is None and d.help is None  # the message names the options: help does not repeat them


def test_missing_required_passes_and_skips_unvalidated_plugins():
    assert lint(job(sink=JDBC_SINK.replace("  }", '  query = "insert into t values(?)"\n  }')),
                "missing-required-option") == []
    assert lint(job(sink='Jdbc {\n url = "u"\n driver = "d"\n generate_sink_sql = true\n database = "x"\n}'),
                "missing-required-option") == []
    # HdfsFile source is a fallback ("deprecated Plugin") factory: SeaTunnel skips its rule; up to 2.3.12
    # nothing else checks an empty block at startup (2.3.13 reads file_format_type in ReadStrategyFactory)
    assert lint(job(source="HdfsFile {}"), "missing-required-option", version="2.3.12") == []


def test_missing_required_json_file_has_no_fix():
    text = '{"env": {}, "source": [{"plugin_name": "FakeSource", "schema": {"fields": {"id": "int"}}}], "sink": [{"plugin_name": "Jdbc", "url": "u", "driver": "d"}]}'
    d = only(text, "missing-required-option", path="job.json")
    assert text[d.start:d.end] == '"Jdbc"' and d.fix is None


# ---------------------------------------------------------------------------- unknown-option
def test_unknown_option_did_you_mean_with_fix():
    text = job(source="FakeSource {\n    row.nun = 10\n  }")
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "row.nun" and d.severity == "warning"
    assert d.message == "`row.nun` is not a known option of source.FakeSource; did you mean `row.num`?"
    assert d.option == "row.nun" and d.help is None and d.suggestions == ("row.num",)
    assert d.fix.applicability == "unsafe"
    assert apply_fix(text, d.fix) == job(source="FakeSource {\n    row.num = 10\n  }")


def test_unknown_option_nested_spelling_is_the_same_option():
    assert lint(job(source="FakeSource {\n    row { num = 10 }\n    split.num = 2\n  }"), "unknown-option") == []
    text = job(source="FakeSource {\n    row { nun = 10 }\n  }")
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "nun" and d.option == "row.nun"
    assert d.suggestions == ("num",)  # the quick fix replaces the written part only
    assert apply_fix(text, d.fix) == job(source="FakeSource {\n    row { num = 10 }\n  }")


def test_unknown_option_map_options_and_engine_keys_are_known():
    text = job(source='FakeSource {\n    schema { fields { id = int, name = string } }\n    plugin_output = "a"\n'
                      '    parallelism = 2\n  }',
               sink='Kafka {\n    topic = "t"\n    kafka.config { acks = all, "linger.ms" = 5 }\n    plugin_input = "a"\n  }')
    assert lint(text, "unknown-option") == []


def test_unknown_option_whole_unknown_object_reported_once_without_fix():
    text = job(source="FakeSource {\n    zzz { a = 1, b = 2 }\n  }")
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "zzz"
    assert d.message == "`zzz` is not a known option of source.FakeSource (SeaTunnel ignores keys it does not read)"
    assert d.fix is None and d.help is None


def test_unknown_option_no_fix_when_target_already_set_or_ambiguous():
    text = job(source="FakeSource {\n    row.num = 1\n    row.nun = 2\n  }")
    assert only(text, "unknown-option").fix is None
    d = only(job(source="FakeSource {\n    smallint.mi = 1\n  }"), "unknown-option")
    assert d.message.endswith("did you mean `smallint.min` or `smallint.max`?") and d.fix is None
    assert d.suggestions == ("smallint.min", "smallint.max")
    # one near-certain candidate (not `rows`): the rename is offered
    d = only(job(source="FakeSource {\n    row.nums = 1\n  }"), "unknown-option")
    assert d.suggestions == ("row.num",) and d.fix is not None


def test_unknown_option_skips_plugins_with_unknown_options():
    # up to 2.3.10 TDengine is known only from plugin-mapping.properties: no factory, so no option list
    assert lint(job(sink="TDengine { anything = 1 }"), "unknown-option", version="2.3.10") == []


# ---------------------------------------------------------------------------- invalid-option-value
def test_invalid_option_value_type():
    text = job(sink=JDBC_SINK.replace("  }", "  batch_size = lots\n  }"))
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == "lots" and d.severity == "error"
    assert d.message == ("sink.Jdbc: `batch_size`: `lots` is not an integer: SeaTunnel 2.3.13 fails reading it "
                         "(\"Json parsing exception, value 'lots', and expected type 'java.lang.Integer'\", "
                         "ConfigUtil.java:79)")
    assert d.option == "batch_size"


def test_invalid_option_value_enum_case_insensitive_and_did_you_mean():
    base = JDBC_SINK.replace("  }", "  query = \"q\"\n  data_save_mode = %s\n  }")
    assert lint(job(sink=base % "append_data"), "invalid-option-value") == []
    text = job(sink=base % "APPEND")
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == "APPEND"
    assert d.message == ("sink.Jdbc: `data_save_mode`: `APPEND` is not one of DROP_DATA, APPEND_DATA, "
                         "CUSTOM_PROCESSING, ERROR_WHEN_DATA_EXISTS: SeaTunnel 2.3.13 fails reading it (\"Json parsing "
                         "exception, value 'APPEND', and expected type 'org.apache.seatunnel.api.sink.DataSaveMode'\", "
                         "ConfigUtil.java:79)")
    assert d.help == "did you mean `APPEND_DATA`?"


def test_invalid_option_value_placeholder_default_checked_unresolved_skipped():
    text = job(sink=JDBC_SINK.replace("  }", '  batch_size = "${BATCH:ten}"\n  }'))
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == '"${BATCH:ten}"'
    assert d.message == ("sink.Jdbc: `batch_size`: `ten` is not an integer: SeaTunnel 2.3.13 fails reading it "
                         "(\"Json parsing exception, value 'ten', and expected type 'java.lang.Integer'\", "
                         "ConfigUtil.java:79) (the default in `\"${BATCH:ten}\"`)")
    assert lint(job(sink=JDBC_SINK.replace("  }", '  batch_size = "${BATCH:10}"\n  }')), "invalid-option-value") == []
    assert lint(job(sink=JDBC_SINK.replace("  }", '  batch_size = "${BATCH}"\n  }')), "invalid-option-value") == []
    assert lint(job(sink=JDBC_SINK.replace("  }", "  batch_size = ${?NOPE}\n  }")), "invalid-option-value") == []


def test_invalid_option_value_engine_key():
    text = job(source='FakeSource { parallelism = "two" }')
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == '"two"'
    assert d.message == ("source.FakeSource: `parallelism`: `two` is not an integer: SeaTunnel 2.3.13 fails reading "
                         "it (\"Json parsing exception, value 'two', and expected type 'java.lang.Integer'\", "
                         "ConfigUtil.java:79)")
    assert lint(job(source='FakeSource { parallelism = "2" }'), "invalid-option-value") == []


def test_invalid_option_value_date_pattern_is_accepted():
    text = job(source='LocalFile {\n path = "/d"\n file_format_type = text\n datetime_format = "yyyy-MM-dd\'T\'HH:mm:ss"\n'
                      ' schema { fields { a = int } }\n}')
    assert lint(text, "invalid-option-value") == []


# ---------------------------------------------------------------------------- exclusive / bundled
CDC = 'MySQL-CDC {\n    url = "jdbc:mysql://db/x"\n    username = "u"\n    password = "p"\n    %s\n  }'


def test_exclusive_options_both_set():
    text = job(source=CDC % 'table-names = ["x.t"]\n    table-pattern = "x\\\\..*"')
    d = only(text, "exclusive-options")
    assert text[d.start:d.end] == "MySQL-CDC" and d.severity == "error"
    assert d.message == ("source.MySQL-CDC: only one of `table-names`, `table-pattern` may be set; "
                         "found `table-names`, `table-pattern`")
    assert [text[r.start:r.end] for r in d.related] == ["table-names", "table-pattern"]


def test_exclusive_options_none_set_and_pass():
    d = only(job(source=CDC % "base-url = \"x\""), "exclusive-options")
    assert d.message == "source.MySQL-CDC: exactly one of `table-names`, `table-pattern` must be set; none is"
    assert lint(job(source=CDC % 'table-names = ["x.t"]'), "exclusive-options") == []


def test_bundled_options():
    redis = 'Redis {\n    host = "h"\n    port = 6379\n    keys = "k*"\n    data_type = key\n    %s\n  }'
    text = job(source=redis % "schema { fields { a = string } }")
    d = only(text, "bundled-options")
    assert text[d.start:d.end] == "Redis" and d.severity == "error"
    assert d.message == ("source.Redis: `format`, `schema` must be set together: `schema` set but `format` not "
                         "(defaults do not count)")
    assert [text[r.start:r.end] for r in d.related] == ["schema"]
    assert lint(job(source=redis % "format = json\n    schema { fields { a = string } }"), "bundled-options") == []
    assert lint(job(source=redis % ""), "bundled-options") == []


# ---------------------------------------------------------------------------- deprecated-option
def test_deprecated_option_safe_rename():
    text = job(source='FakeSource { result_table_name = "a" }', sink='Console { source_table_name = "a" }')
    ds = lint(text, "deprecated-option")
    assert [text[d.start:d.end] for d in ds] == ["result_table_name", "source_table_name"]
    assert ds[0].severity == "warning"
    assert ds[0].message == f"`result_table_name` is deprecated: SeaTunnel {NEWEST} calls it `plugin_output`"
    assert ds[0].fix.applicability == "safe"
    fixed = apply_fix(apply_fix(text, ds[1].fix), ds[0].fix)
    assert fixed == job(source='FakeSource { plugin_output = "a" }', sink='Console { plugin_input = "a" }')
    assert lint(fixed, "deprecated-option") == []


def test_deprecated_option_plugin_fallback_key():
    text = job(transform='Filter { fields = ["a"] }')
    d = only(text, "deprecated-option")
    assert d.message == f"`fields` is deprecated: SeaTunnel {NEWEST} calls it `include_fields`"
    assert apply_fix(text, d.fix) == job(transform='Filter { include_fields = ["a"] }')


def test_deprecated_option_both_keys_set_no_fix():
    text = job(source='FakeSource {\n    result_table_name = "a"\n    plugin_output = "b"\n  }')
    d = only(text, "deprecated-option")
    assert d.message == "`result_table_name` is deprecated and ignored here: `plugin_output` is also set and wins"
    assert d.fix is None


def test_deprecated_option_not_deprecated_in_old_version():
    text = job(source='FakeSource { result_table_name = "a" }', sink='Console { source_table_name = "a" }')
    assert lint(text, "deprecated-option", version="2.3.8") == []


# ---------------------------------------------------------------------------- option-not-in-version
def test_option_not_in_version():
    text = job(source='FakeSource { plugin_output = "a" }', sink='Console { plugin_input = "a" }')
    ds = lint(text, "option-not-in-version", "unknown-option", version="2.3.8")
    assert [(d.name, text[d.start:d.end]) for d in ds] == [("option-not-in-version", "plugin_output"),
                                                          ("option-not-in-version", "plugin_input")]
    d = ds[1]
    assert d.severity == "error"
    assert d.message == ("`plugin_input` is not an option of sink.Console in SeaTunnel 2.3.8: it exists from "
                         "2.3.9; this job targets 2.3.8, which ignores it")
    assert d.help == "in 2.3.8 write `source_table_name`"
    assert lint(text, "option-not-in-version", "unknown-option") == []
    assert lint(text, "option-not-in-version", "unknown-option", version="2.3.9") == []


def test_option_not_in_version_passes_for_old_keys():
    text = job(source='FakeSource { result_table_name = "a" }', sink='Console { source_table_name = "a" }')
    assert lint(text, "option-not-in-version", "unknown-option", version="2.3.8") == []


# ---------------------------------------------------------------------------- corpus sanity
EXPECTED = Path(__file__).resolve().parent / "corpus_expected_plugins.yaml"


def corpus_findings():
    settings = Settings(select=PLUGIN_RULES + ["ST2"], seatunnel_version=CORPUS_SEATUNNEL_VERSION)
    counts: dict[tuple[str, str], int] = {}
    errors = []
    for row in corpus_rows():
        p = CORPUS / row["file"]
        text = p.read_bytes().decode("utf-8", "replace")
        res = lint_source(Source(text, str(p)), settings)
        for d in res.diagnostics:
            counts[(d.name, d.severity)] = counts.get((d.name, d.severity), 0) + 1
            if d.severity == "error":
                errors.append({"file": row["file"], "rule": d.name, "plugin": d.plugin, "option": d.option,
                               "message": d.message})
    return counts, errors


def test_corpus_errors_are_all_expected(capsys):
    require_shared()
    import yaml

    entries = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    for e in entries:
        assert set(e) <= {"file", "rule", "plugin", "option", "reason"} and len(e.get("reason", "")) > 15, e
    counts, errors = corpus_findings()
    used = [0] * len(entries)
    unexpected = []
    for f in errors:
        for i, e in enumerate(entries):
            if fnmatch.fnmatchcase(f["file"], e["file"]) and e["rule"] == f["rule"] and \
                    e.get("plugin", f["plugin"]) == f["plugin"] and e.get("option", f["option"]) == f["option"]:
                used[i] += 1
                break
        else:
            unexpected.append(f)
    with capsys.disabled():
        print("\n[plugins/env corpus] " + ", ".join(f"{n} {s}: {c}" for (n, s), c in sorted(counts.items())))
    assert not unexpected, "\n".join(f"{f['file']}: {f['rule']} {f['plugin']} {f['message']}" for f in unexpected)
    assert all(used), [e for e, n in zip(entries, used) if not n]


def test_unknown_option_suggests_current_name_not_deprecated_one():
    text = job(source='FakeSource { result_table_nam = "a" }')
    d = only(text, "unknown-option")
    assert d.suggestions == ("plugin_output",)
    assert apply_fix(text, d.fix) == job(source='FakeSource { plugin_output = "a" }')


def test_case_rules_keys_are_case_sensitive_values_are_not():
    # option keys are matched exactly (ReadonlyConfig); booleans and enums in any case
    text = job(sink='Jdbc {\n    URL = "u"\n    driver = "d"\n    generate_sink_sql = TRUE\n    database = "db"\n'
                    '    is_exactly_once = "False"\n    max_retries = 1\n  }')
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "URL" and d.suggestions == ("url",)
    assert apply_fix(text, d.fix) == text.replace("URL", "url")
    assert lint(text, "invalid-option-value") == []
    d = only(text, "missing-required-option")
    assert d.message == "sink.Jdbc: `url` is required"


# ---------------------------------------------------------------------------- startup checks outside the rule
def _msgs(text, rule="missing-required-option", **kw):
    return [d.message for d in lint(text, rule, **kw)]


def test_fakesource_without_schema_quotes_seatunnel():
    from stlint.catalog import load_catalog

    text = job(source='FakeSource { row.num = 1 }')
    ds = lint(text, "missing-required-option", "exclusive-options")
    assert len(ds) == 1, [d.message for d in ds]  # one finding about `schema`, whichever check reports it
    d = ds[0]
    assert text[d.start:d.end] == "FakeSource"
    if any("schema" in g for g in load_catalog().find("source", "FakeSource").rule.exclusive):
        # newer rules declare exclusive(tables_configs, schema): ConfigValidator fails first
        assert d.name == "exclusive-options" and "`schema`" in d.message
        return
    assert d.message == ('source.FakeSource: `schema` is required (SeaTunnel checks this at runtime, not in its option '
                         'rule: it fails with "Schema config need option [schema], please correct your config first", '
                         'CatalogTableUtil.java:198)')
    assert d.fix is None  # a map value the user has to write; a string placeholder would not do
    assert d.help.startswith("FakeConfig.buildWithConfig always calls CatalogTableUtil.buildWithConfig")


def test_fakesource_without_schema_in_every_release():
    from stlint.catalog import available_versions

    for v in available_versions():  # 2.3.8-2.3.13 all fail without schema (CatalogTableUtil.buildWithConfig)
        ds = lint(job(source='FakeSource { row.num = 1 }'), "missing-required-option", "exclusive-options", version=v)
        assert len(ds) == 1 and "`schema`" in ds[0].message, (v, [d.message for d in ds])


def test_fakesource_schema_per_tables_configs_entry():
    text = job(source='FakeSource {\n    tables_configs = [\n      { schema { fields { a = int } } },\n'
                      '      { row.num = 5 }\n    ]\n  }')
    d = only(text, "missing-required-option")
    assert text[d.start:d.end] == "{" and text[d.start:].startswith("{ row.num = 5 }")
    assert d.message.startswith("source.FakeSource: tables_configs[1]: `schema` is required (SeaTunnel checks this")
    assert d.fix is None


def test_empty_split_and_replace_fail_at_startup():
    # several missing options of one plugin: one finding listing them all
    assert _msgs(job(transform="Split {}")) == [
        "transform.Split: 3 required settings are missing: "
        "`output_fields` is required (SeaTunnel checks this at runtime, not in its option rule: it "
        "fails with a NullPointerException, SplitTransformConfig.java:60); "
        "`split_field` is required (SeaTunnel checks this at runtime, not in its option rule: it "
        "fails with \"The input field 'null' of 'Split' transform not found in upstream schema\", SplitTransform.java:45); "
        "`separator` is required (SeaTunnel checks this at runtime, not in its option rule: it fails "
        "with a NullPointerException, SplitTransform.java:68)"]
    [m] = _msgs(job(transform="Replace {}"))
    assert [part.split(" (")[0] for part in m.split(": ", 1)[1].split("; ")] == [
        "3 required settings are missing: `replace_field` is required", "`pattern` is required",
        "`replacement` is required"]
    ok = 'Split {\n    separator = " "\n    split_field = "name"\n    output_fields = [first, last]\n  }'
    assert lint(job(transform=ok), "missing-required-option") == []


def test_local_file_needs_file_format_type_in_the_block_or_each_entry():
    assert _msgs(job(source='LocalFile { path = "/d", schema { fields { a = int } } }')) == [
        "source.LocalFile: `file_format_type` is required (SeaTunnel checks this at runtime, not in its option rule: "
        "it fails with a NullPointerException, ReadStrategyFactory.java:36)"]
    multi = ('LocalFile {\n    tables_configs = [\n      { path = "/a", file_format_type = "json" },\n'
             '      { path = "/b" }\n    ]\n  }')
    ms = _msgs(job(source=multi))
    assert [m.split(" (")[0] for m in ms] == ["source.LocalFile: tables_configs[1]: `file_format_type` is required"]


def test_tables_configs_entries_checked_like_the_plugin():
    src = ('LocalFile {\n    tables_configs = [\n      { path = "/a", file_format_type = "jsn", skip_header_row_number = "x",'
           ' pathh = 1 }\n    ]\n  }')
    text = job(source=src)
    vals = lint(text, "invalid-option-value", version="2.3.10")  # (2.3.13 accepts more formats)
    assert [(text[d.start:d.end], d.message) for d in vals] == [
        ('"jsn"', "source.LocalFile: tables_configs[0]: `file_format_type`: `jsn` is not one of CSV, TEXT, PARQUET, ORC, "
                  "JSON, EXCEL, XML, BINARY: SeaTunnel 2.3.10 fails reading it (\"Json parsing exception, value 'jsn', "
                  "and expected type 'org.apache.seatunnel.connectors.seatunnel.file.config.FileFormat'\", "
                  "ConfigUtil.java:79)"),
        # (the file connectors read it with Typesafe's getLong: both readings fail)
        ('"x"', "source.LocalFile: tables_configs[0]: `skip_header_row_number`: `x` is not a long integer: SeaTunnel "
                "2.3.10 fails reading it, through ReadonlyConfig (\"Json parsing exception, value 'x', and expected "
                "type 'java.lang.Long'\", ConfigUtil.java:79) as through Typesafe Config's getters (ConfigException: "
                "has type STRING rather than NUMBER)")]
    assert vals[0].help == "did you mean `JSON`?"
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "pathh"
    assert d.message == "`tables_configs[0].pathh` is not a known option of source.LocalFile; did you mean `path`?"
    assert d.fix is None  # no rename inside list entries


def test_jdbc_table_list_entries_read_only_their_keys():
    src = ('Jdbc {\n    url = "jdbc:mysql://h/db"\n    driver = "d"\n'
           '    table_list = [ { table_path = "db.t", partition_num = "many", fetch_size = 10 } ]\n  }')
    text = job(source=src)
    d = only(text, "invalid-option-value")
    assert d.message == ("source.Jdbc: table_list[0]: `partition_num`: `many` is not an integer: SeaTunnel 2.3.13 "
                         "fails reading it (\"Json parsing exception, value 'many', and expected type "
                         "'java.lang.Integer'\", ConfigUtil.java:79)")
    d = only(text, "unknown-option")
    # fetch_size is a Jdbc option, but JdbcSourceTableConfig does not read it from an entry
    assert text[d.start:d.end] == "fetch_size" and d.message.startswith("`table_list[0].fetch_size` is not a known option")


def test_hudi_upsert_needs_record_key_fields_per_table():
    base = 'Hudi {\n    table_dfs_path = "/t"\n    table_name = "t"\n    op_type = "UPSERT"\n  }'
    ms = _msgs(job(sink=base))
    assert ms == ["sink.Hudi: `record_key_fields` is required because `op_type` is UPSERT (SeaTunnel checks this at "
                  "runtime, not in its option rule: it fails with \"Please configure `record_key_fields` of <table_name>, "
                  "it is necessary when the `op_type` is 'UPSERT'.\", HudiTableConfig.java:212)"]
    assert _msgs(job(sink=base.replace('op_type = "UPSERT"', 'op_type = "INSERT"'))) == []
    multi = ('Hudi {\n    table_dfs_path = "/t"\n    table_list = [\n      { table_name = "a", op_type = "upsert",'
             ' record_key_fields = "id" },\n      { table_name = "b", op_type = "upsert" }\n    ]\n  }')
    assert [m.split(" (")[0] for m in _msgs(job(sink=multi))] == [
        "sink.Hudi: table_list[1]: `record_key_fields` is required because `op_type` is upsert"]


def test_legacy_plugin_checked_by_its_prepare_requirements():
    # Socket is a fallback factory in the 2.3.8 catalog: optionRule() is skipped, its prepare()'s
    # CheckConfigUtil.checkAllExists (found by the build's scan) is not
    [m] = _msgs(job(source="Socket {}"), version="2.3.8")  # both missing keys in one finding
    assert m.startswith("source.Socket: 2 required settings are missing: "), m
    parts = m.split(": ", 1)[1].removeprefix("2 required settings are missing: ").split("; ")
    for part, key in zip(parts, ("port", "host"), strict=True):
        assert part.startswith(f'`{key}` is required (SeaTunnel checks this at runtime, not in its option '
                               f'rule: it fails with "please specify [{key}] as non-empty", SocketSource.java:'), part
    assert _msgs(job(source='Socket { host = "h", port = 9999 }'), version="2.3.8") == []


def test_neo4j_password_once_username_is_written():
    sink = 'Neo4j {\n    uri = "neo4j://h"\n    database = "d"\n    query = "q"\n    username = "u"\n  }'
    ms = _msgs(job(sink=sink), version="2.3.8")
    assert [m.split(" (")[0] for m in ms] == ["sink.Neo4j: `password` is required because `username` is set"]
    assert _msgs(job(sink=sink.replace('username = "u"', 'bearer_token = "t"')), version="2.3.8") == []


# ---------------------------------------------------------------------------- version awareness
def test_option_of_an_older_release_says_until_when():
    from stlint.catalog import available_versions, load_catalog

    newest, older = available_versions()[0], available_versions()[1:]
    # an option the newest catalog dropped but an older one had (found generically)
    for v in older:
        c_old, c_new = load_catalog(v), load_catalog(newest)
        for n in c_old.names("sink"):
            po, pn = c_old.find("sink", n), c_new.find("sink", n)
            if pn is None or not pn.options_known or not po.options_known:
                continue
            gone = [k for k in po.options if pn.option(k) is None and "." not in k and k not in ("schema",)]
            if gone:
                text = job(sink=f'{n} {{ {gone[0]} = "x" }}')
                d = next(d for d in lint(text, "unknown-option") if d.option == gone[0])
                assert d.message.startswith(f"`{gone[0]}` was an option of sink.{n} until SeaTunnel ")
                assert d.message.endswith(f"; this job targets {newest}, which no longer reads it")
                assert d.fix is None
                return
    pytest.skip("no option was dropped between the shipped catalogs")


def test_deprecated_rename_offered_only_where_the_new_key_exists():
    from stlint.catalog import available_versions, load_catalog

    text = job(source='FakeSource { result_table_name = "a", schema { fields { id = int } } }',
               sink='Console { source_table_name = "a" }')
    for v in available_versions():
        has_new = load_catalog(v).common_keys("source").get("plugin_output") is not None
        ds = lint(text, "deprecated-option", version=v)
        if has_new:
            assert [d.fix.message for d in ds] == ["rename to `plugin_output`", "rename to `plugin_input`"], v
        else:
            assert ds == [], v  # renaming would break a job for this release


def test_tables_configs_is_version_aware():
    # FtpFile reads `tables_configs` entries from 2.3.9 on; 2.3.8 does not know the option
    src = 'FtpFile {\n    tables_configs = [ { path = "/a", file_format_type = "jsn" } ]\n  }'
    # (2.3.8's tree declares `tables_configs` in TableSchemaOptions, so stlint cannot say 2.3.8 ignores it:
    # an unknown option of FtpFile, not option-not-in-version)
    assert lint(job(source=src), "option-not-in-version", version="2.3.8") == []
    d = only(job(source=src), "unknown-option", version="2.3.8")
    assert d.message.startswith("`tables_configs` is not a known option of source.FtpFile")
    assert lint(job(source=src), "invalid-option-value", version="2.3.8") == []
    assert [d.message for d in lint(job(source=src), "invalid-option-value", version="2.3.10")] == [
        "source.FtpFile: tables_configs[0]: `file_format_type`: `jsn` is not one of CSV, TEXT, PARQUET, ORC, JSON, "
        "EXCEL, XML, BINARY: SeaTunnel 2.3.10 fails reading it (\"Json parsing exception, value 'jsn', and expected "
        "type 'org.apache.seatunnel.connectors.seatunnel.file.config.FileFormat'\", ConfigUtil.java:79)"]


def test_transforms_whose_rule_says_optional_but_fail_without():
    assert _msgs(job(transform="JsonPath {}")) == [
        'transform.JsonPath: `columns` is required (SeaTunnel checks this at runtime, not in its option rule: it fails '
        'with "JsonPathTransform config columns must not empty", JsonPathTransformConfig.java:96)']
    d = only(job(transform="FilterRowKind {}"), "missing-required-option")
    assert d.message.startswith("transform.FilterRowKind: one of `include_kinds`, `exclude_kinds` is required (SeaTunnel")
    assert d.fix is None and d.help is None
    assert lint(job(transform="FilterRowKind { exclude_kinds = [INSERT] }"), "missing-required-option") == []
    assert [m.split(" (")[0] for m in _msgs(job(transform="Metadata {}"))] == [
        "transform.Metadata: `metadata_fields` is required"]


def test_doris_source_needs_database_and_table_per_table_list_entry():
    src = ('Doris {\n    fenodes = "h:8030"\n    username = root\n    password = ""\n    table_list = [\n'
           '      { database = "d", table = "t", doris.read.field = "a" },\n      { table = "u", doris.batch.size = 10,'
           ' doris.batch_size = 5 }\n    ]\n  }')
    text = job(source=src)
    assert [m.split(" (SeaTunnel")[0] for m in _msgs(text)] == ["source.Doris: table_list[1]: `database` is required"]
    assert 'fails with "Please configure `database`, not allow null database in config."' in _msgs(text)[0]
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "doris.batch_size" and d.message.startswith("`table_list[1].doris.batch_size` is not a known")
    assert [m.split(" (SeaTunnel")[0] for m in _msgs(job(source='Doris {\n    fenodes = "h:8030"\n    username = root\n'
                                                                   '    password = ""\n  }'))] == [
        "source.Doris: 2 required settings are missing: `database` is required"]  # one finding; `table` follows


def test_pulsar_checks_its_own_cursors_in_every_release():
    from stlint.catalog import available_versions

    src = ('Pulsar {\n    subscription.name = "s"\n    client.service-url = "pulsar://h:6650"\n'
           '    admin.service-url = "http://h:8080"\n    topic = "t"\n    cursor.startup.mode = "TIMESTAMP"\n  }')
    for v in available_versions():
        ds = lint(job(source=src), "missing-required-option", version=v)
        assert [d.option for d in ds] == ["cursor.startup.timestamp"], v
        assert "`cursor.startup.mode` is TIMESTAMP" in ds[0].message
    ok = src.replace('cursor.startup.mode = "TIMESTAMP"', 'cursor.startup.mode = "TIMESTAMP"\n    cursor.startup.timestamp = 1')
    assert lint(job(source=ok), "missing-required-option") == []
