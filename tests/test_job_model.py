"""Job model, error-recovery messages, includes and the dump CLI on small real files."""

from __future__ import annotations

import json
import subprocess
import sys

from stlint.hocon import load_file, load_text, to_json
from stlint.job import job_from_text

JOB = '''env {
  job.mode = "BATCH"
}
source {
  Jdbc {
    url = "jdbc:mysql://h/db"
    query = "select * from ${table_name}"
    plugin_output = "a"
    doris.config = { format = json }
    sink { label-prefix = x }
  }
  Jdbc {
    url = "jdbc:pg://h/db"
    doris { config { format = csv } }
  }
}
sink {
  Console { plugin_input = "a, b" }
}
'''


def test_plugins_options_and_ranges():
    job = job_from_text(JOB)
    text = job.source.text
    assert [(p.kind, p.name, p.index) for p in job.plugins] == [("source", "Jdbc", 0), ("source", "Jdbc", 1), ("sink", "Console", 0)]
    j0, j1, con = job.plugins
    assert text[j0.name_start:j0.name_end] == "Jdbc"
    assert job.source.pos(j1.name_start) == job.source.pos(text.index("Jdbc {\n    url = \"jdbc:pg"))
    # both spellings give the same flat option key
    assert j0.get("doris.config").py == {"format": "json"}
    assert j1.get("doris.config").py == {"format": "csv"}
    assert "doris.config.format" in j0.options and "doris.config.format" in j1.options
    o = j0.options["url"]
    assert text[o.key_start:o.key_end] == "url" and text[o.value_start:o.value_end] == '"jdbc:mysql://h/db"'
    # a nested `sink {}` inside a plugin is mangled into a list by SeaTunnel's parser
    assert j0.get("sink").py == ["x"]
    assert job.env["job.mode"].py == "BATCH"
    assert [n for n, _ in job.outputs(j0)] == ["a"]
    assert [n for n, _ in job.inputs(con)] == ["a", "b"]


def test_placeholders_found_with_positions():
    job = job_from_text(JOB)
    [ph] = job.plugins[0].options["query"].placeholders
    assert (ph.name, ph.default, ph.quoted, ph.is_table_placeholder) == ("table_name", None, True, True)
    assert job.source.text[ph.start:ph.end] == "${table_name}"


def test_repeated_section_replaces_and_env_merges():
    doc = load_text("env { a = 1 }\nsource { A {} }\nenv { b = 2 }\nsource { B {} }\n")
    assert to_json(doc.resolved) == {"env": {"b": 2, "a": 1}, "source": [{"plugin_name": "B"}]}


def test_recovery_messages_positions():
    doc = load_text('env {\n  job.mode = "BATCH"\n  parallelism = \n}\nsink {\n  Console {\n}\n')
    msgs = [(doc.source.pos(d.start), d.message) for d in doc.diagnostics]
    assert msgs[0][0].line == 4 and "expected" in msgs[0][1]
    assert msgs[-1][1] == "expected `}` to close `sink {` opened at 5:6"
    assert to_json(doc.resolved)["env"] == {"job.mode": "BATCH"}


def test_unquoted_placeholder_default_is_an_error():
    doc = load_text("env {}\nsource { F { n = ${ROWS:10} } }\n")
    [d] = doc.diagnostics
    assert d.name == "unquoted-placeholder-default"
    assert doc.source.text[d.start:d.end] == "${ROWS:10}"
    assert load_text('env {}\nsource { F { n = "${ROWS:10}" } }\n').ok


def test_includes_local_only(tmp_path):
    (tmp_path / "common.conf").write_text("job.mode = BATCH\n")
    (tmp_path / "job.conf").write_text(
        'env {\n  include "common.conf"\n}\ninclude url("http://example.invalid/x.conf")\ninclude "../outside.conf"\n'
        'source {\n  include "common.conf"\n  F { include "common.conf" }\n}\n')
    doc = load_file(tmp_path / "job.conf")
    assert to_json(doc.resolved)["env"] == {"job.mode": "BATCH"}
    names = [(d.name, d.message) for d in doc.diagnostics]
    assert any(n == "unresolved-include" and "url(" in m for n, m in names)
    assert any(n == "unresolved-include" and "outside" in m for n, m in names)
    # directly inside `source {}` SeaTunnel drops the include; inside a plugin block it merges
    assert [i.in_plugin_list for i in doc.includes] == [False, False, False, True, False]
    assert to_json(doc.resolved)["source"] == [{"job.mode": "BATCH", "plugin_name": "F"}]


def test_cli_dump_and_syntax_error(tmp_path):
    good = tmp_path / "good.conf"
    good.write_text("env { job.mode = BATCH }\nsource { FakeSource {} }\nsink { Console {} }\n")
    out = subprocess.run([sys.executable, "-m", "stlint", "dump", str(good)], capture_output=True, text=True)
    assert out.returncode == 0
    assert json.loads(out.stdout) == {"env": {"job.mode": "BATCH"}, "source": [{"plugin_name": "FakeSource"}],
                                      "sink": [{"plugin_name": "Console"}]}
    out = subprocess.run([sys.executable, "-m", "stlint", "dump", str(good), "--flavor", "hocon"],
                         capture_output=True, text=True)
    assert json.loads(out.stdout)["env"] == {"job": {"mode": "BATCH"}}
    bad = tmp_path / "bad.conf"
    bad.write_text("env {\n  a = \n")
    out = subprocess.run([sys.executable, "-m", "stlint", "dump", str(bad)], capture_output=True, text=True)
    assert out.returncode == 1
    assert f"{bad}:3:1: error syntax-error expected `}}` to close `env {{` opened at 1:5" in out.stderr
    ver = subprocess.run([sys.executable, "-m", "stlint", "--version"], capture_output=True, text=True)
    assert ver.stdout.startswith("stlint ")


def test_plugin_output_is_one_string_not_split_on_commas():
    job = job_from_text('env {}\nsource { F { plugin_output = "a,b" } }\nsink { C { plugin_input = "a,b" } }\n')
    src, snk = job.plugins
    assert [n for n, _ in job.outputs(src)] == ["a,b"]
    assert [n for n, _ in job.inputs(snk)] == ["a", "b"]  # List<String> accepts a comma string


def test_job_placeholders_every_one_once_in_order():
    text = ('env { job.name = "j-${NAME:dev}" }\nsource { A { q = "select ${table_name}", n = ${N} } }\n'
            'sink { B { k = ["${a}", "x${b}y"] } }\n')
    job = job_from_text(text)
    got = [(p.name, p.default, p.quoted, text[p.start:p.end]) for p in job.placeholders]
    assert got == [("NAME", "dev", True, "${NAME:dev}"), ("table_name", None, True, "${table_name}"),
                   ("N", None, False, "${N}"), ("a", None, True, "${a}"), ("b", None, True, "${b}")]
    # each option holds the ones inside its value
    a, b = job.plugins
    assert [p.name for p in a.top["q"].placeholders] == ["table_name"]
    assert [p.name for p in b.top["k"].placeholders] == ["a", "b"]
    assert [p.name for p in job.env["job.name"].placeholders] == ["NAME"]
    assert job_from_text('env { job.mode = "BATCH" }').placeholders == []


def test_placeholder_index_walks_only_where_dollar_brace_is_written_and_misses_nothing():
    """build_job's placeholder walk skips subtrees whose text holds no `${`: over the corpus
    (plus escapes and placeholders in keys, lists and concatenations) it finds exactly what a walk
    of every node finds."""
    from stlint.job import PLACEHOLDER_RE, Placeholder, build_job
    from stlint.hocon import load_source
    from stlint.parser import SArray, SConcat, SField, SObject, SScalar, SSubst
    from stlint.source import Source
    from testpaths import CORPUS, corpus_rows, require_shared

    def every_node(doc):
        out, text, stack = [], doc.source.text, [doc.syntax]
        while stack:
            n = stack.pop()
            if isinstance(n, SObject):
                stack.extend(m.value for m in n.members if isinstance(m, SField))
            elif isinstance(n, SArray):
                stack.extend(n.items)
            elif isinstance(n, SConcat):
                stack.extend(n.parts)
            elif isinstance(n, SScalar) and n.kind in ("quoted", "triple") and "${" in n.text:
                out += [Placeholder(m.group(1), m.group(2), n.start + m.start(), n.start + m.end(), True)
                        for m in PLACEHOLDER_RE.finditer(text[n.start:n.end])]
            elif isinstance(n, SSubst):
                out.append(Placeholder(n.name, text[n.default_at + 1:n.end - 1] if n.default_at >= 0 else None,
                                       n.start, n.end, False))
        return sorted(out, key=lambda p: p.start)

    require_shared()
    texts = [Source.from_bytes((CORPUS / r["file"]).read_bytes(), str(CORPUS / r["file"])) for r in corpus_rows()]
    texts += [Source(t, None) for t in (
        'a { "${k}" = 1, b = "x\\u0024{y}", c = [1, {d = "${e:f}"}], g = x${?h}"${i}"y }\n# ${comment}\n',
        'a = "$", b = "{x}", c = "$${y}", d = """${t}""" ${?u}\n',
    )]
    found = 0
    for src in texts:
        doc = load_source(src)
        if doc.syntax is None or not isinstance(doc.syntax, SObject):
            continue
        got = build_job(doc).placeholders
        assert got == every_node(doc), src.path
        found += len(got)
    assert found > 400
