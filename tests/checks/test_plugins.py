"""Plugin and option rules (ST1xx) through the real engine and the shipped catalogs."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from testpaths import CORPUS, corpus_rows, require_shared
from stlint.checks import all_rules
from stlint.config import Settings
from stlint.engine import lint_source, lint_text
from stlint.source import Source

PLUGIN_RULES = ["unknown-plugin", "plugin-name-case", "missing-required-option", "unknown-option",
                "invalid-option-value", "exclusive-options", "bundled-options", "deprecated-option",
                "option-not-in-version"]
NEWEST = "2.3.10-dev"


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


def job(source: str = "FakeSource {}", sink: str = "Console {}", transform: str | None = None) -> str:
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
    assert d.help == "did you mean `Console`?"  # not `CosFile`: only near-certain candidates
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
    assert d.message == "`TableRename` is not a transform plugin in SeaTunnel 2.3.8; it was added in 2.3.9-dev"
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
    text = 'env {}\r\nsource {\r\n\tFakeSource {}\r\n}\r\nsink {\r\n\tJdbc {\r\n\t\turl = "u"\r\n\t\tdriver = "d"\r\n\t}\r\n}\r\n'
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
    text = "env {}\nsource {\n  FakeSource {}\n}\nsink {\n  Jdbc {\n  }\n}\n"
    ds = lint(text, "missing-required-option")
    assert [d.option for d in ds] == ["url", "driver", "query"]
    assert apply_fix(text, ds[0].fix) == text.replace("Jdbc {\n", 'Jdbc {\n    url = "${TODO_URL}"\n')


def test_missing_required_one_of_has_no_fix():
    text = job(source='Jdbc { url = "u", driver = "d" }')
    d = only(text, "missing-required-option")
    assert d.message.startswith("source.Jdbc: one of `query`, `table_path`, `table_list` is required")
    assert d.fix is None and d.help == "set one of `query`, `table_path`, `table_list`"


def test_missing_required_passes_and_skips_unvalidated_plugins():
    assert lint(job(sink=JDBC_SINK.replace("  }", '  query = "insert into t values(?)"\n  }')),
                "missing-required-option") == []
    assert lint(job(sink='Jdbc {\n url = "u"\n driver = "d"\n generate_sink_sql = true\n database = "x"\n}'),
                "missing-required-option") == []
    # HdfsFile source is a fallback ("deprecated Plugin") factory: SeaTunnel skips its rule
    assert lint(job(source="HdfsFile {}"), "missing-required-option") == []


def test_missing_required_json_file_has_no_fix():
    text = '{"env": {}, "source": [{"plugin_name": "FakeSource"}], "sink": [{"plugin_name": "Jdbc", "url": "u", "driver": "d"}]}'
    d = only(text, "missing-required-option", path="job.json")
    assert text[d.start:d.end] == '"Jdbc"' and d.fix is None


# ---------------------------------------------------------------------------- unknown-option
def test_unknown_option_did_you_mean_with_fix():
    text = job(source="FakeSource {\n    row.nun = 10\n  }")
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "row.nun" and d.severity == "warning"
    assert d.message == "`row.nun` is not a known option of source.FakeSource; did you mean `row.num`?"
    assert d.option == "row.nun" and d.help == "did you mean `row.num`?"
    assert d.fix.applicability == "unsafe"
    assert apply_fix(text, d.fix) == job(source="FakeSource {\n    row.num = 10\n  }")


def test_unknown_option_nested_spelling_is_the_same_option():
    assert lint(job(source="FakeSource {\n    row { num = 10 }\n    split.num = 2\n  }"), "unknown-option") == []
    text = job(source="FakeSource {\n    row { nun = 10 }\n  }")
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "nun" and d.option == "row.nun"
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
    assert d.help == "did you mean `smallint.min` or `smallint.max`?" and d.fix is None
    # one near-certain candidate (not `rows`): the rename is offered
    d = only(job(source="FakeSource {\n    row.nums = 1\n  }"), "unknown-option")
    assert d.help == "did you mean `row.num`?" and d.fix is not None


def test_unknown_option_skips_plugins_with_unknown_options():
    # TDengine is known only from plugin-mapping.properties: no factory, so no option list
    assert lint(job(sink="TDengine { anything = 1 }"), "unknown-option") == []


# ---------------------------------------------------------------------------- invalid-option-value
def test_invalid_option_value_type():
    text = job(sink=JDBC_SINK.replace("  }", "  batch_size = lots\n  }"))
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == "lots" and d.severity == "error"
    assert d.message == "sink.Jdbc: `batch_size`: expected an integer, got 'lots'"
    assert d.option == "batch_size"


def test_invalid_option_value_enum_case_insensitive_and_did_you_mean():
    base = JDBC_SINK.replace("  }", "  query = \"q\"\n  data_save_mode = %s\n  }")
    assert lint(job(sink=base % "append_data"), "invalid-option-value") == []
    text = job(sink=base % "APPEND")
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == "APPEND"
    assert d.message == ("sink.Jdbc: `data_save_mode`: 'APPEND' is not one of DROP_DATA, APPEND_DATA, "
                         "CUSTOM_PROCESSING, ERROR_WHEN_DATA_EXISTS")
    assert d.help == "did you mean `APPEND_DATA`?"


def test_invalid_option_value_placeholder_default_checked_unresolved_skipped():
    text = job(sink=JDBC_SINK.replace("  }", '  batch_size = "${BATCH:ten}"\n  }'))
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == '"${BATCH:ten}"'
    assert d.message == "sink.Jdbc: `batch_size`: expected an integer, got 'ten' (the default in `\"${BATCH:ten}\"`)"
    assert lint(job(sink=JDBC_SINK.replace("  }", '  batch_size = "${BATCH:10}"\n  }')), "invalid-option-value") == []
    assert lint(job(sink=JDBC_SINK.replace("  }", '  batch_size = "${BATCH}"\n  }')), "invalid-option-value") == []
    assert lint(job(sink=JDBC_SINK.replace("  }", "  batch_size = ${?NOPE}\n  }")), "invalid-option-value") == []


def test_invalid_option_value_engine_key():
    text = job(source='FakeSource { parallelism = "two" }')
    d = only(text, "invalid-option-value")
    assert text[d.start:d.end] == '"two"'
    assert d.message == "source.FakeSource: `parallelism`: expected an integer, got 'two'"
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
    assert d.message == ("`plugin_input` is not an option of sink.Console in SeaTunnel 2.3.8: it was added in "
                         "2.3.9-dev, so 2.3.8 ignores it")
    assert d.help == "in 2.3.8 write `source_table_name`"
    assert lint(text, "option-not-in-version", "unknown-option") == []
    assert lint(text, "option-not-in-version", "unknown-option", version="2.3.9") == []


def test_option_not_in_version_passes_for_old_keys():
    text = job(source='FakeSource { result_table_name = "a" }', sink='Console { source_table_name = "a" }')
    assert lint(text, "option-not-in-version", "unknown-option", version="2.3.8") == []


# ---------------------------------------------------------------------------- corpus sanity
EXPECTED = Path(__file__).resolve().parent / "corpus_expected_plugins.yaml"


def corpus_findings():
    settings = Settings(select=PLUGIN_RULES + ["ST2"])
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
    assert d.help == "did you mean `plugin_output`?"
    assert apply_fix(text, d.fix) == job(source='FakeSource { plugin_output = "a" }')


def test_case_rules_keys_are_case_sensitive_values_are_not():
    # option keys are matched exactly (ReadonlyConfig); booleans and enums in any case
    text = job(sink='Jdbc {\n    URL = "u"\n    driver = "d"\n    generate_sink_sql = TRUE\n    database = "db"\n'
                    '    is_exactly_once = "False"\n    max_retries = 1\n  }')
    d = only(text, "unknown-option")
    assert text[d.start:d.end] == "URL" and d.help == "did you mean `url`?"
    assert apply_fix(text, d.fix) == text.replace("URL", "url")
    assert lint(text, "invalid-option-value") == []
    d = only(text, "missing-required-option")
    assert d.message == "sink.Jdbc: `url` is required"
