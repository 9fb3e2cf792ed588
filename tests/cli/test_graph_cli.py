"""`stlint graph` and the graph in `check --format json/report`: real subprocess runs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from clihelp import BROKEN, CLEAN, stlint, write  # noqa: F401  (stlint: fixture)

IMPLICIT = ('source {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n'
            'transform {\n  Sql { plugin_output = "q", query = "select * from dual" }\n}\n'
            'sink {\n  Console {}\n}\n')


def test_default_is_mermaid(stlint, tmp_path):
    write(tmp_path, {"job.conf": CLEAN})
    p = stlint("graph", "job.conf", cwd=tmp_path, check_rc=0)
    assert p.stdout == ('flowchart LR\n  source0(["source: FakeSource"])\n  sink0[("sink: Console")]\n'
                        '  source0 -->|"fake: id int"| sink0\n'
                        '  classDef error fill:#fde2e2,stroke:#c62828,stroke-width:2px\n'
                        '  classDef warning fill:#fff4d6,stroke:#b7791f\n'
                        '  classDef missing fill:#ffffff,stroke:#c62828,stroke-dasharray:4 3\n')


def test_formats_and_output_file(stlint, tmp_path):
    write(tmp_path, {"job.conf": IMPLICIT})
    p = stlint("graph", "job.conf", "--format", "json", cwd=tmp_path, check_rc=0)
    g = json.loads(p.stdout)
    assert [(e["from"], e["to"], e["via"]) for e in g["edges"]] == [
        ("source0", "transform0", "implicit"), ("source0", "sink0", "implicit")]
    assert g["nodes"][2]["findings"][0]["name"] == "ambiguous-implicit-input"
    stlint("graph", "job.conf", "--format", "svg", "-o", "out.svg", cwd=tmp_path, check_rc=0)
    root = ET.parse(tmp_path / "out.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    p = stlint("graph", "job.conf", "--format", "dot", cwd=tmp_path, check_rc=0)
    assert p.stdout.startswith("digraph pipeline {")


def test_engine_flag_changes_the_edges(stlint, tmp_path):
    write(tmp_path, {"job.conf": IMPLICIT})
    p = stlint("graph", "job.conf", "--format", "json", "--engine", "flink", cwd=tmp_path, check_rc=0)
    g = json.loads(p.stdout)
    assert g["engine"] == "flink"
    assert ("transform0", "sink0") in [(e["from"], e["to"]) for e in g["edges"]]


def test_stdin_broken_and_not_a_job(stlint, tmp_path):
    p = stlint("graph", "-", cwd=tmp_path, input=BROKEN, check_rc=0)
    assert p.stdout.startswith("flowchart LR\n") and "source0" in p.stdout
    assert "syntax-error" in p.stderr
    p = stlint("graph", "-", cwd=tmp_path, input="a = 1\n", check_rc=1)
    assert "not-a-job" in p.stderr and p.stdout == ""
    p = stlint("graph", "missing.conf", cwd=tmp_path, check_rc=2)
    assert "missing.conf: cannot read" in p.stderr


def test_check_json_and_report_carry_the_graph(stlint, tmp_path):
    write(tmp_path, {"job.conf": IMPLICIT, "ok.conf": CLEAN})
    for args in (("--no-cache",), ()):  # from the linter and from the result cache
        for _ in range(2):
            p = stlint("check", ".", "--format", "json", *args, cwd=tmp_path)
            files = {f["path"]: f for f in json.loads(p.stdout)["files"]}
            assert [n["id"] for n in files["job.conf"]["graph"]["nodes"]] == ["source0", "transform0", "sink0"]
            assert files["ok.conf"]["graph"]["edges"][0]["table"] == "fake"
    p = stlint("check", "job.conf", "--format", "report", cwd=tmp_path)
    rep = json.loads(p.stdout)["files"][0]
    assert rep["graph"]["nodes"][2]["status"] == "warning"
    p = stlint("check", "job.conf", "--format", "text", cwd=tmp_path)
    assert "graph" not in p.stdout


def test_command_line_formats_are_the_renderers():
    from stlint import graph_cli, graphview

    assert graph_cli.FORMATS == graphview.FORMATS
