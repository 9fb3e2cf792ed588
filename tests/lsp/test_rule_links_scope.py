"""Over the real LSP: every diagnostic links to its section of docs/rules.md; a non-job file gets
one info; the `engine` setting of the project config changes the graph rules."""

from __future__ import annotations

import re

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc

from stlint.docs import RULES_MD, rule_url

MANY = """env { parallelism = 1, parallelism = 2 }
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b", row.nun = 3 }
}
sinks { Console {} }
"""
UNNAMED_SINK = """env { parallelism = 1 }
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink { Console {} }
"""


async def test_every_diagnostic_links_to_its_anchor(client, tmp_path):
    diags = await Doc(client, tmp_path / "job.conf", MANY).diagnostics()
    assert len({d.code for d in diags}) >= 3
    headings = set(re.findall(r"^## (.+)$", RULES_MD.read_text(encoding="utf-8"), re.M))
    for d in diags:
        assert d.code_description.href == rule_url(d.code)
        assert d.code_description.href.endswith("docs/rules.md#" + d.code)
        assert d.code in headings


async def test_non_job_gets_one_info(client, tmp_path):
    diags = await Doc(client, tmp_path / "application.conf", 'akka {\n  loglevel = "INFO"\n}\n').diagnostics()
    assert [(d.code, d.severity) for d in diags] == [("not-a-job", T.DiagnosticSeverity.Information)]
    assert diags[0].code_description.href == rule_url("not-a-job")


async def test_engine_setting_from_project_config(client, tmp_path):
    zeta = await Doc(client, tmp_path / "job.conf", UNNAMED_SINK).diagnostics()
    assert "missing-plugin-input" in {d.code for d in zeta}
    sub = tmp_path / "flinkjobs"
    sub.mkdir()
    (sub / ".stlint.toml").write_text('engine = "flink"\n')
    flink = await Doc(client, sub / "job.conf", UNNAMED_SINK).diagnostics()
    assert {d.code for d in flink} & {"missing-plugin-input", "unused-plugin-output"} == set()


async def test_hint_and_no_misleading_suggestion(client, tmp_path):
    text = ('env { job.mode = "BATCH" }\nsource { FakeSource { plugin_output = "f" } }\n'
            'transform { Sql { plugin_input = "f", plugin_output = "q", sql = "select 1", pool_size = 2 } }\n'
            'sink { Console { plugin_input = "q" } }\n')
    diags = await Doc(client, tmp_path / "job.conf", text).diagnostics()
    msgs = {d.data.get("rule") + ":" + d.message.split("`")[1]: d.message for d in diags if d.code == "unknown-option"}
    assert "did you mean `query`?" in msgs["unknown-option:sql"]
    assert "did you mean" not in msgs["unknown-option:pool_size"]
