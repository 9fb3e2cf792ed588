"""An include cycle is named once (issue 12): not the chain repeated until the nesting limit."""

from __future__ import annotations

from stlint.hocon import load_file

JOB_TAIL = 'env { job.mode = "BATCH" }\nsource { FakeSource { plugin_output = "a" } }\nsink { Console { plugin_input = "a" } }\n'


def test_two_file_cycle_named_once(tmp_path):
    (tmp_path / "a.conf").write_text('include "b.conf"\n' + JOB_TAIL)
    (tmp_path / "b.conf").write_text('include "a.conf"\nx = 1\n')
    doc = load_file(tmp_path / "a.conf")
    [d] = [d for d in doc.diagnostics if d.severity == "error"]
    assert d.message == ("include cycle: a.conf -> b.conf -> a.conf (SeaTunnel's parser follows it until includes "
                         "are nested more than 50 times and loading fails)")
    assert doc.source.text[d.start:d.end] == '"b.conf"'
    assert len(d.message) < 200


def test_cycle_entered_from_outside_and_self_include(tmp_path):
    (tmp_path / "a.conf").write_text('include "b.conf"\ny = 2\n')
    (tmp_path / "b.conf").write_text('include "a.conf"\nx = 1\n')
    (tmp_path / "top.conf").write_text('include "a.conf"\n' + JOB_TAIL)
    [d] = [d for d in load_file(tmp_path / "top.conf").diagnostics if d.severity == "error"]
    assert d.message.startswith("include cycle: a.conf -> b.conf -> a.conf (")
    (tmp_path / "self.conf").write_text('include "self"\n' + JOB_TAIL)
    [d] = [d for d in load_file(tmp_path / "self.conf").diagnostics if d.severity == "error"]
    assert d.message.startswith("include cycle: self.conf -> self.conf (")


def test_diamond_is_not_a_cycle(tmp_path):
    (tmp_path / "c.conf").write_text("c = 1\n")
    (tmp_path / "a.conf").write_text('include "c.conf"\n')
    (tmp_path / "b.conf").write_text('include "c.conf"\n')
    (tmp_path / "top.conf").write_text('include "a.conf"\ninclude "b.conf"\n' + JOB_TAIL)
    doc = load_file(tmp_path / "top.conf")
    assert [d for d in doc.diagnostics if d.severity == "error"] == []
