"""The pipeline model and its renderers on hand-written jobs (tests/graphview/jobs/*.conf), each
compared with its hand-checked expected graph (jobs/NAME.json: nodes, edges as SeaTunnel builds
them, missing inputs, re-queued transforms). `STLINT_UPDATE_GRAPH=1` rewrites the expectations
(review the diff: each one was checked against the rules' own reading of the job)."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stlint.config import Settings
from stlint.engine import lint_source
from stlint.graphview import pipeline, positions, to_dict, to_dot, to_json, to_mermaid, to_svg
from stlint.source import Source

JOBS = Path(__file__).parent / "jobs"
NAMES = sorted(p.stem for p in JOBS.glob("*.conf"))
SVG = "{http://www.w3.org/2000/svg}"


def draw(text: str, path: str | None = None, **kw):
    settings = Settings(**kw)
    res = lint_source(Source(text, path), settings)
    return pipeline(res, settings)


def projection(pl) -> dict:
    """What the expectations pin: the whole graph, findings by rule name and severity (their
    messages are the rules' tests' business)."""
    d = to_dict(pl)
    for n in d["nodes"]:
        n["findings"] = sorted(f"{f['severity']} {f['name']}" for f in n["findings"])
    return d


@pytest.mark.parametrize("name", NAMES)
def test_job_graph_matches_expectation(name):
    conf = JOBS / f"{name}.conf"
    got = projection(draw(conf.read_text(encoding="utf-8"), str(conf)))
    exp_file = JOBS / f"{name}.json"
    if os.environ.get("STLINT_UPDATE_GRAPH"):
        exp_file.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert exp_file.exists(), f"no expectation {exp_file.name}: run with STLINT_UPDATE_GRAPH=1 and review it"
    assert got == json.loads(exp_file.read_text(encoding="utf-8"))


def test_expectations_cover_the_shapes_the_issue_names():
    assert {"chain", "fanout", "fanin", "implicit", "cycle", "dangling"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_svg_is_xml_with_every_node_and_edge(name):
    conf = JOBS / f"{name}.conf"
    pl = draw(conf.read_text(encoding="utf-8"), str(conf))
    root = ET.fromstring(to_svg(pl))
    assert root.tag == SVG + "svg"
    groups = list(root.iter(SVG + "g"))
    nodes = {g.get("data-id"): g for g in groups if "node" in (g.get("class") or "").split()}
    assert set(nodes) == {n.id for n in pl.nodes}
    for n in pl.nodes:
        g = nodes[n.id]
        assert g.get("data-line") == str(n.line) and g.get("data-kind") == n.kind
        texts = " ".join(t.text or "" for t in g.iter(SVG + "text"))
        assert f"{n.kind}: {n.plugin}" in texts
        if n.status == "error":
            assert "error: " in texts and g.find(SVG + "rect").get("stroke") == "#c62828"
    edges = [(g.get("data-from"), g.get("data-to"), g.get("data-table")) for g in groups
             if g.get("class") == "edge"]
    assert sorted(edges) == sorted((e.source, e.target, e.table) for e in pl.edges)
    dangling = [(g.get("data-to"), g.get("data-table")) for g in groups if g.get("class") == "dangling"]
    assert sorted(dangling) == sorted((d.target, d.table) for d in pl.dangling)
    # boxes do not overlap
    boxes = [(p["x"], p["y"], p["x"] + p["width"], p["y"] + p["height"]) for p in positions(pl)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


@pytest.mark.parametrize("name", NAMES)
def test_mermaid_and_dot_name_every_node_and_edge(name):
    conf = JOBS / f"{name}.conf"
    pl = draw(conf.read_text(encoding="utf-8"), str(conf))
    mm, dot = to_mermaid(pl), to_dot(pl)
    assert mm.startswith("flowchart LR\n") and dot.startswith("digraph pipeline {")
    for n in pl.nodes:
        assert f"\n  {n.id}" in mm and f"\n  {n.id} [label=" in dot
    for e in pl.edges:
        arrow = "-->" if e.via == "named" else "-.->"
        assert f"  {e.source} {arrow}|" in mm and f"| {e.target}\n" in mm
        assert f"  {e.source} -> {e.target} [label=" in dot
    assert json.loads(to_json(pl))["version"] == 1


def test_chain_reads_in_order():
    pl = draw((JOBS / "chain.conf").read_text())
    assert [(e.source, e.target, e.table, e.via) for e in pl.edges] == [
        ("source0", "transform0", "fake", "named"), ("transform0", "transform1", "q", "named"),
        ("transform1", "sink0", "f", "named")]


def test_engine_changes_implicit_inputs():
    """Zeta feeds an un-named sink `default-identifier` (the un-named source, skipping the named
    transform); the Flink starter feeds it the last table registered (the transform)."""
    text = (JOBS / "implicit.conf").read_text()
    zeta = {(e.source, e.target) for e in draw(text).edges}
    flink = {(e.source, e.target) for e in draw(text, engine="flink").edges}
    assert ("source0", "sink0") in zeta and ("transform0", "sink0") not in zeta
    assert ("transform0", "sink0") in flink and ("source0", "sink0") not in flink


def test_cycle_marks_requeued_transforms():
    pl = draw((JOBS / "cycle.conf").read_text())
    assert pl.stuck == ["transform0", "transform1"]
    assert {(e.source, e.target) for e in pl.edges} >= {("transform0", "transform1"), ("transform1", "transform0")}
    assert "error plugin-graph-cycle" in projection(pl)["nodes"][1]["findings"]
    root = ET.fromstring(to_svg(pl))  # a back edge is drawn too
    assert len([g for g in root.iter(SVG + "g") if g.get("class") == "edge"]) == len(pl.edges)


def test_row_type_hook_labels_edges():
    """A context fact `row_type_of` (the data checks' row types) labels the edges it knows."""
    from stlint.checks import Context
    from stlint.graphview import pipeline as pl_of

    text = (JOBS / "chain.conf").read_text()
    settings = Settings()
    res = lint_source(Source(text), settings)
    ctx = Context(res.doc, res.job, settings)
    ctx.memo["row_type_of"] = lambda p: "ROW<id INT>" if p.kind == "source" else None
    pl = pl_of(res, settings, ctx)
    assert [e.row_type for e in pl.edges] == ["ROW<id INT>", None, None]
    assert "fake: ROW#60;id INT#62;" in to_mermaid(pl)


def test_registered_row_type_provider_labels_edges():
    from stlint import graphview

    def factory(ctx):
        return lambda p: f"{p.name} row" if p.kind == "transform" else None

    graphview.ROW_TYPE_PROVIDERS.insert(0, factory)  # ahead of the data checks' provider
    try:
        pl = draw((JOBS / "chain.conf").read_text())
    finally:
        graphview.ROW_TYPE_PROVIDERS.remove(factory)
    assert [e.row_type for e in pl.edges] == [None, "Sql row", "Filter row"]
    # by default the data checks' row types (stlint.rowtypes): FakeSource's schema through Sql and Filter
    assert [e.row_type for e in draw((JOBS / "chain.conf").read_text()).edges] == ["id int", "id int", "id int"]


def test_secret_values_never_drawn():
    text = ('source {\n  Jdbc {\n    url = "jdbc:mysql://admin:Sup3rS3cret@db/x"\n    password = "Sup3rS3cret"\n'
            '    query = "select 1"\n    plugin_output = "t"\n  }\n}\nsink { Console { plugin_input = "t" } }\n')
    pl = draw(text)
    for out in (to_svg(pl), to_mermaid(pl), to_dot(pl), to_json(pl)):
        assert "Sup3rS3cret" not in out
    assert ("url", "******") in pl.nodes[0].details


def test_query_shows_its_first_line_and_long_text_is_cut():
    text = ('source {\n  FakeSource { plugin_output = "t", schema = { fields { id = "int" } } }\n}\n'
            'transform {\n  Sql {\n    plugin_input = "t"\n    plugin_output = "u"\n'
            '    query = """select id,\n  id + 1 as next\nfrom t"""\n  }\n}\n'
            'sink { LocalFile { plugin_input = "u", file_format_type = "json", path = "/' + "d/" * 60 + '" } }\n')
    pl = draw(text)
    assert pl.nodes[1].details == [("query", "select id,")]
    (key, path), = pl.nodes[2].details
    assert key == "path" and len(path) <= 48 and path.endswith("…")


@pytest.mark.parametrize("text", [
    "source { FakeSource { \nsink {",  # unclosed
    "source = 3\nsink = [1, {}]\n",  # sections that are not plugin lists
    "source { A { plugin_output = {x = 1} } }\nsink { B { plugin_input = [[1], {a: 2}, null] } }\n",
    'source { "<&>\\"" { plugin_output = "</text>" } }\nsink { C { plugin_input = "</text>" } }\n',
    "source { A { plugin_output = \"\\u0001\\uffff\" } }\nsink { B { plugin_input = \"\\u0001\\uffff\" } }\n",
])
def test_bad_input_still_draws(text):
    pl = draw(text)
    ET.fromstring(to_svg(pl))
    to_mermaid(pl), to_dot(pl), json.loads(to_json(pl))


def _big_job(n: int) -> str:
    """n sources, a chain of n transforms, n sinks each reading a source (long edges across the chain)."""
    parts = ["source {"] + [f'  FakeSource {{ plugin_output = "s{i}", schema = {{ fields {{ id = "int" }} }} }}'
                            for i in range(n)] + ["}", "transform {"]
    parts += [f'  Sql {{ plugin_input = "{"s0" if i == 0 else f"t{i - 1}"}", plugin_output = "t{i}", query = "select 1" }}'
              for i in range(n)] + ["}", "sink {"]
    parts += [f'  Console {{ plugin_input = ["s{i}", "t{n - 1}"] }}' for i in range(n)] + ["}"]
    return "\n".join(parts) + "\n"


def test_drawing_stays_linear_in_the_job_size():
    """Complexity, by size: a job where every sink's edge skips the whole transform chain would need
    n lanes per edge (n² in all); the layout caps lanes at a budget linear in the graph, so twice
    the plugins give less than 2.5x the lanes and the SVG text. (Times: bench/graph_corpus.py.)"""
    from stlint.graphview import layout

    def size(n: int) -> tuple[int, int]:
        pl = pipeline(lint_source(Source(_big_job(n))))
        assert len(pl.nodes) == 3 * n and len(pl.edges) == 3 * n
        lay = layout(pl)
        lanes = sum(len(v) for v in lay.lanes.values())
        assert lanes <= 4 * (len(pl.nodes) + len(pl.edges)) + 64
        assert lanes >= n  # long edges do get lanes
        return lanes, len(to_svg(pl))

    (l1, s1), (l2, s2) = size(150), size(300)
    assert l2 < 2.5 * l1 and s2 < 2.5 * s1, (l1, l2, s1, s2)


def test_unknown_rows_get_no_label():
    # a Jdbc source's row comes from the database at run time: never guessed
    text = ('source {\n  Jdbc { url = "jdbc:mysql://h/db", driver = "d", query = "select 1", plugin_output = "t" }\n}\n'
            'sink { Console { plugin_input = "t" } }\n')
    assert [e.row_type for e in draw(text).edges] == [None]
