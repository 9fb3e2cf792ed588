"""Every corpus job draws: the model, Mermaid, DOT, JSON and an SVG that parses as XML and holds
every node and edge. (Time per job is measured by hand: bench/graph_corpus.py.)"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from stlint.config import Settings
from stlint.engine import lint_source
from stlint.graphview import pipeline, to_dot, to_json, to_mermaid, to_svg
from stlint.source import Source
from testpaths import CORPUS, CORPUS_SEATUNNEL_VERSION, corpus_rows, require_shared

SVG = "{http://www.w3.org/2000/svg}"


def test_every_corpus_job_draws():
    require_shared()
    rows = corpus_rows()
    assert len(rows) > 700
    settings = Settings(seatunnel_version=CORPUS_SEATUNNEL_VERSION)
    drawn = edges = 0
    for row in rows:
        f = CORPUS / row["file"]
        res = lint_source(Source.from_bytes(f.read_bytes(), str(f)), settings)
        assert res.is_job, f
        pl = pipeline(res, settings)
        assert pl.nodes, f
        root = ET.fromstring(to_svg(pl))
        ids = {g.get("data-id") for g in root.iter(SVG + "g") if "node" in (g.get("class") or "").split()}
        assert ids == {n.id for n in pl.nodes}, f
        n_edges = sum(1 for g in root.iter(SVG + "g") if g.get("class") == "edge")
        assert n_edges == len(pl.edges), f
        mm = to_mermaid(pl)
        assert all(f"\n  {n.id}" in mm for n in pl.nodes), f
        to_dot(pl)
        assert len(json.loads(to_json(pl))["nodes"]) == len(pl.nodes)
        # every consumer is fed by something or says what it misses (a job with a source)
        if any(n.kind == "source" for n in pl.nodes):
            fed = {e.target for e in pl.edges} | {d.target for d in pl.dangling}
            assert all(n.id in fed for n in pl.nodes if n.kind != "source"), f
        drawn += 1
        edges += len(pl.edges)
    assert drawn == len(rows) and edges >= drawn
