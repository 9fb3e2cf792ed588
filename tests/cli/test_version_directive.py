"""`# stlint: seatunnel-version=X`: a per-file catalog version, read by the engine (so the CLI,
pre-commit and the language server agree); an unknown version is a finding at the comment."""

from __future__ import annotations

import json

from stlint.config import Settings
from stlint.engine import lint_text

from clihelp import stlint, write  # noqa: F401 (fixture)

# plugin_output/plugin_input exist from 2.3.9 (2.3.8 calls them result_table_name/source_table_name)
JOB = ('env { job.mode = "BATCH" }\n'
       'source { FakeSource { plugin_output = "t", schema = { fields { id = "int" } } } }\n'
       'sink { Console { plugin_input = "t" } }\n')


def names(text: str, settings: Settings | None = None) -> list[str]:
    return [d.name for d in lint_text(text, None, settings).diagnostics]


def test_directive_selects_the_catalog():
    assert names(JOB) == []
    assert names("# stlint: seatunnel-version=2.3.8\n" + JOB) == ["option-not-in-version"] * 2
    # it wins over the settings, both ways
    assert names(JOB, Settings(seatunnel_version="2.3.8")) == ["option-not-in-version"] * 2
    assert names("// stlint: seatunnel-version=2.3.12\n" + JOB, Settings(seatunnel_version="2.3.8")) == []


def test_directive_inside_a_string_is_not_one():
    # (a table name: an option value, not a schema field, so the text is checked only as a directive)
    text = JOB.replace('"t"', '"t # stlint: seatunnel-version=2.3.8"')
    assert names(text) == []


def test_unknown_version_is_a_finding_at_the_comment():
    text = "env { job.mode = \"BATCH\" }  # stlint: seatunnel-version=2.9.1\n" + JOB.split("\n", 1)[1]
    res = lint_text(text, None, Settings(seatunnel_version="2.3.8"))
    d = [d for d in res.diagnostics if d.name == "invalid-directive"]
    assert len(d) == 1
    assert text[d[0].start:d[0].end] == "# stlint: seatunnel-version=2.9.1"
    assert "no catalog for SeaTunnel version '2.9.1'" in d[0].message and "2.3.13" in d[0].message
    assert d[0].message.endswith("checking against SeaTunnel 2.3.8")
    # the settings' version stays in force: no rule silently switched off
    assert [x.name for x in res.diagnostics if x.name != "invalid-directive"] == ["option-not-in-version"] * 2


def test_cli_honours_the_directive_with_and_without_cache(stlint, tmp_path):  # noqa: F811
    write(tmp_path, {"a.conf": "# stlint: seatunnel-version=2.3.8\n" + JOB, "b.conf": JOB})
    for _ in range(2):  # the second run answers from the result cache
        p = stlint("check", ".", "--format", "json", cwd=tmp_path, check_rc=1)
        got = sorted((f["path"].rsplit("/", 1)[-1], d["name"]) for f in json.loads(p.stdout)["files"]
                     for d in f["diagnostics"])
        assert got == [("a.conf", "option-not-in-version")] * 2
    # editing only the comment changes the result (the cache keys on the text)
    (tmp_path / "a.conf").write_text("# stlint: seatunnel-version=2.3.13\n" + JOB)
    stlint("check", ".", cwd=tmp_path, check_rc=0)
