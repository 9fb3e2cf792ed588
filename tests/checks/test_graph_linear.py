"""The linear graph algorithms (stlint/checks/graph.py) give what the straightforward quadratic ones
gave: Zeta's re-queueing simulation, the Flink/Spark starter's file-order build and the cycle
search, on random jobs (real text through the real parser and job model, fixed seeds).

The reference implementations below are the ones the rules used before they were made linear
(re-scan the queue; look names up in a list; reachability sets per transform): short, obviously
SeaTunnel's algorithm, and quadratic."""

from __future__ import annotations

import random
from collections import deque

import pytest

from stlint.checks import Context
from stlint.checks import graph as G
from stlint.config import Settings
from stlint.hocon import load_source
from stlint.job import build_job
from stlint.source import Source


# ---- reference (quadratic) implementations ---------------------------------------------------
def ref_simulate(g: G.Graph):
    table: dict = {}
    reads: dict = {}

    def name_of(p):
        r = g.outputs.get(id(p))
        return r.name if r is not None and r.name is not None else G.DEFAULT_ID

    def wanted(p):
        rs = g.inputs.get(id(p))
        return [r.name for r in rs if r.name is not None] if rs else [G.DEFAULT_ID]

    for s in g.sources:
        table[name_of(s)] = s
    queue = deque(g.transforms)
    requeued = 0
    stuck: list = []
    while queue:
        t = queue.popleft()
        found = [table[n] for n in wanted(t) if n in table]
        if not found:
            if queue:
                queue.append(t)
                requeued += 1
                if requeued >= len(queue) + 1:
                    stuck = list(queue)
                    break
                continue
            found = [list(table.values())[-1]] if table else []
        requeued = 0
        reads[id(t)] = found
        table[name_of(t)] = t
    for k in g.sinks:
        found = [table[n] for n in wanted(k) if n in table]
        if not found and table:
            found = [list(table.values())[-1]]
        reads[id(k)] = found
    return reads, stuck


def ref_starter(g: G.Graph):
    reads: dict = {}
    missing: dict = {}

    def name_of(p):
        r = g.outputs.get(id(p))
        return r.name if r is not None else None

    def lookup(p, tables, default):
        rs = g.inputs.get(id(p))
        if not rs:
            return [default]
        got = []
        for r in rs:
            if r.name is None:
                continue
            hit = next((q for n, q in tables if n is not None and n == r.name), None)
            if hit is None:
                missing.setdefault(id(p), []).append(r)
            else:
                got.append(hit)
        return got

    upstream = [(name_of(s), s) for s in g.sources]
    if g.transforms and upstream:
        first = upstream[0][1]
        tables: dict = {}
        for n, p in upstream:
            tables[n] = p
        for t in g.transforms:
            reads[id(t)] = lookup(t, list(tables.items()), first)
            tables[name_of(t)] = t
        upstream = list(tables.items())
    if upstream:
        last = upstream[-1][1]
        for k in g.sinks:
            reads[id(k)] = lookup(k, upstream, last)
    return reads, missing


def ref_cycles(g: G.Graph):
    producer_of: dict = {}
    for t in g.transforms:
        r = g.outputs[id(t)]
        if r is not None and r.name is not None:
            producer_of.setdefault(r.name, []).append(t)
    idx = {id(t): i for i, t in enumerate(g.transforms)}
    succ = {i: [] for i in range(len(g.transforms))}
    for t in g.transforms:
        for r in g.inputs[id(t)] or []:
            for u in producer_of.get(r.name or "", []):
                succ[idx[id(u)]].append(idx[id(t)])
    n = len(g.transforms)
    reach = []
    for i in range(n):
        seen: set = set()
        todo = list(succ[i])
        while todo:
            j = todo.pop()
            if j not in seen:
                seen.add(j)
                todo.extend(succ[j])
        reach.append(seen)
    comps = []
    done: set = set()
    for i in range(n):
        if i in done or i not in reach[i]:
            continue
        comp = sorted(j for j in range(n) if j in reach[i] and i in reach[j])
        done.update(comp)
        comps.append(comp)
    out = [[g.transforms[i] for i in c] for c in comps if len(c) > 1 or c[0] in succ[c[0]]]
    out.sort(key=lambda c: c[0].name_start)
    return out


# ---- random jobs -------------------------------------------------------------------------------
def random_job(rng: random.Random) -> str:
    names = [f"t{i}" for i in range(rng.randint(1, 6))]

    def out() -> str:
        return f'plugin_output = "{rng.choice(names)}", ' if rng.random() < 0.8 else ""

    def inp() -> str:
        r = rng.random()
        if r < 0.2:
            return ""
        if r < 0.7:
            return f'plugin_input = "{rng.choice(names + ["nope"])}", '
        if r < 0.85:
            return f'plugin_input = "{rng.choice(names)},{rng.choice(names)}", '
        k = rng.randint(0, 3)
        return "plugin_input = [" + ", ".join(f'"{rng.choice(names)}"' for _ in range(k)) + "], "

    lines = ["env {}", "source {"]
    for _ in range(rng.randint(1, 3)):
        lines.append(f'  FakeSource {{ {out()}schema = {{ fields {{ id = "int" }} }} }}')
    lines.append("}")
    if rng.random() < 0.9:
        lines.append("transform {")
        for _ in range(rng.randint(1, 9)):
            lines.append(f"  Copy {{ {inp()}{out()}}}")
        lines.append("}")
    lines.append("sink {")
    for _ in range(rng.randint(1, 3)):
        lines.append(f"  Console {{ {inp()}}}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def graph_of(text: str) -> G.Graph:
    doc = load_source(Source(text, None), "seatunnel")
    ctx = Context(doc, build_job(doc), Settings())
    g = G.build_graph(ctx)
    assert g is not None, text
    return g


def _ids(d: dict) -> dict:
    return {k: [id(p) for p in v] for k, v in d.items()}


@pytest.mark.parametrize("seed", range(8))
def test_linear_graph_algorithms_agree_with_the_reference(seed):
    rng = random.Random(seed)
    hangs = cycles = starter_missing = 0
    for _ in range(250):
        text = random_job(rng)
        g = graph_of(text)
        reads, stuck = ref_simulate(g)
        b = G.simulate(g)
        assert _ids(b.reads) == _ids(reads), text
        assert {id(t) for t in b.stuck} == {id(t) for t in stuck}, text
        reads, missing = ref_starter(g)
        b = G.simulate_starter(g)
        assert _ids(b.reads) == _ids(reads), text
        assert {k: [id(r) for r in v] for k, v in b.missing.items()} == \
            {k: [id(r) for r in v] for k, v in missing.items()}, text
        want = ref_cycles(g)
        assert [[id(t) for t in c] for c in G._cycles(g)] == [[id(t) for t in c] for c in want], text
        hangs += bool(stuck)
        cycles += bool(want)
        starter_missing += bool(missing)
    # the random jobs reach the interesting cases
    assert hangs and cycles and starter_missing, (hangs, cycles, starter_missing)


def test_chain_written_bottom_up_is_built_in_dependency_order():
    """The queue case that made the simulation quadratic: each pass builds one transform."""
    n = 60
    lines = ["env {}", 'source { FakeSource { plugin_output = "t0", schema = { fields { id = "int" } } } }',
             "transform {"]
    for i in range(n, 0, -1):
        lines.append(f'  Copy {{ plugin_input = "t{i - 1}", plugin_output = "t{i}" }}')
    lines += ["}", f'sink {{ Console {{ plugin_input = "t{n}" }} }}']
    g = graph_of("\n".join(lines) + "\n")
    b = G.simulate(g)
    assert not b.stuck
    by_out = {g.outputs[id(t)].name: t for t in g.transforms}
    for i in range(1, n + 1):
        assert [id(p) for p in b.reads[id(by_out[f"t{i}"])]] == \
            [id(by_out[f"t{i - 1}"] if i > 1 else g.sources[0])]
    assert G._cycles(g) == []
