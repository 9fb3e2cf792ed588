"""The pipeline picture: a job's plugin graph as SeaTunnel builds it, and its renderers.

``pipeline(result)`` turns a lint result (``stlint.engine.LintResult``) into a ``Pipeline``: one
node per source/transform/sink (kind, plugin name, the one or two options that say what it
touches, the findings inside its block) and one edge per table a plugin reads. The edges come from
the same simulation the graph rules use (``stlint.checks.graph``): Zeta's
``MultipleTableJobConfigParser`` (implicit ``default-identifier``, fallback to the last table
built, re-queued transforms) or the Flink/Spark starters (file order, first/last table), chosen by
``ctx.engine``. Nothing here re-implements a check: findings are the lint result's diagnostics.

Renderers are pure functions of a ``Pipeline``: ``to_json`` (tools), ``to_mermaid`` (default;
GitHub renders it), ``to_dot`` (Graphviz) and ``to_svg`` (drawn here: layered left-to-right
layout, no outside program, no network).

Row types: edges carry a row type text when something knows it: a factory registered with
``register_row_types(ctx -> fn)`` (the data checks' hook), or a ``row_type_of`` callable on the
context (attribute, or ``ctx.memo["row_type_of"]``) mapping a producing ``Plugin`` to a short text.

No value of a secret is ever shown: option texts are scrubbed with the lint result's secrets and
an option whose value range holds a secret is masked.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from stlint.checks import Context
from stlint.checks.graph import DEFAULT_ID, Graph, _graph as memo_graph, simulate, simulate_starter
from stlint.hocon import HScalar, to_json as hocon_json
from stlint.redact import MASK

KINDS = ("source", "transform", "sink")
# the options that say what a plugin touches, best first (at most two are shown)
DETAIL_KEYS = ("query", "sql", "table_path", "table", "table_name", "tables", "table_list", "topic", "topics",
               "pattern", "path", "file_path", "index", "collection", "database", "url", "hosts", "host",
               "bootstrap.servers")
MAX_TEXT = 48


@dataclass
class Finding:
    name: str
    severity: str
    message: str
    line: int
    column: int


@dataclass
class Node:
    id: str
    kind: str
    plugin: str
    index: int
    line: int  # 1-based position of the plugin's name
    column: int
    start: int  # offsets of the plugin (name .. end of its block)
    end: int
    output: str | None = None  # its plugin_output (None: none / not known)
    inputs: list[str] | None = None  # its plugin_input names (None: no plugin_input)
    details: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        sev = {f.severity for f in self.findings}
        return "error" if "error" in sev else "warning" if "warning" in sev else "ok"


@dataclass
class Edge:
    source: str  # node ids
    target: str
    table: str  # the table name read
    via: str  # "named" (plugin_input), "implicit" (no plugin_input), "fallback" (named table not built),
    # "variable" (a name set by a variable stlint does not know: the edge is its best guess)
    row_type: str | None = None


@dataclass
class Dangling:
    target: str  # node id of the reader
    table: str  # the name nobody produces (or not built in time)


@dataclass
class Pipeline:
    engine: str
    simple: bool
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    dangling: list[Dangling] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)  # transforms SeaTunnel re-queues forever (a cycle)


# --- model -----------------------------------------------------------------------------------


def _short(s: str, n: int = MAX_TEXT) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _detail_text(opt, secrets) -> str | None:
    v = opt.value
    if secrets is not None and secrets.within(v.start, v.end):
        return MASK
    if isinstance(v, HScalar):
        raw = v.value if isinstance(v.value, str) else v.raw
    else:
        raw = json.dumps(hocon_json(v), ensure_ascii=False)
    raw = str(raw)
    lines = [x for x in raw.strip().splitlines() if x.strip()]
    text = lines[0] if lines else ""
    if secrets is not None:
        text = secrets.scrub(text) or ""
    return _short(text) if text else None


# Row types for edge labels: the data checks (or anyone) register a factory ``ctx -> (producer
# Plugin -> short row type text or None)``; a context may also carry the function itself
# (attribute ``row_type_of`` or ``ctx.memo["row_type_of"]``), which wins.
ROW_TYPE_PROVIDERS: list[Callable[[Context], Callable[[Any], str | None] | None]] = []


def register_row_types(factory: Callable[[Context], Callable[[Any], str | None] | None]) -> None:
    if factory not in ROW_TYPE_PROVIDERS:
        ROW_TYPE_PROVIDERS.append(factory)


def _row_type_fn(ctx: Context) -> Callable[[Any], str | None] | None:
    fn = getattr(ctx, "row_type_of", None) or ctx.memo.get("row_type_of")
    if callable(fn):
        return fn
    for factory in ROW_TYPE_PROVIDERS:
        try:
            fn = factory(ctx)
        except Exception:  # a fact that cannot be computed is left out of the picture
            fn = None
        if callable(fn):
            return fn
    return None


def pipeline(result, settings=None, ctx: Context | None = None) -> Pipeline:
    """The graph of a linted job (``LintResult``). ``ctx``: the rules' context (default: the
    result's own, so the graph and row-type facts the rules computed are shared, no second
    parse), else a fresh one over the same job."""
    if ctx is None:
        ctx = getattr(result, "context", None)
    return build_pipeline(result.doc, result.job, result.diagnostics, getattr(result, "secrets", None),
                          settings, ctx)


def build_pipeline(doc, job, diagnostics, secrets=None, settings=None, ctx: Context | None = None) -> Pipeline:
    if ctx is None:
        from stlint.config import Settings

        ctx = Context(doc, job, settings or Settings())
    src = doc.source
    result_diags = diagnostics
    engine = ctx.engine
    g: Graph | None = memo_graph(ctx) if job.plugins else None  # the graph rules' own, when they ran
    pl = Pipeline(engine, bool(g.simple) if g is not None else False)
    ids: dict[int, str] = {}
    for p in job.plugins:
        if p.kind not in KINDS:
            continue
        nid = f"{p.kind}{p.index}"
        ids[id(p)] = nid
        pos = src.pos(p.name_start)
        n = Node(nid, p.kind, p.name or p.block_name or "?", p.index, pos.line, pos.column, p.name_start, p.end)
        outs = job.outputs(p)
        if outs and p.kind != "sink":
            n.output = secrets.scrub(outs[0][0]) if secrets is not None else outs[0][0]
        ins = job.inputs(p)
        if ins is not None and p.kind != "source":
            n.inputs = [secrets.scrub(x) if secrets is not None else x for x, _ in ins]
        for key in DETAIL_KEYS:
            if len(n.details) >= 2:
                break
            o = p.get(key) if p.config is not None else None
            if o is None:
                continue
            t = _detail_text(o, secrets)
            if t:
                n.details.append((key, t))
        pl.nodes.append(n)
    # findings: diagnostics inside a plugin's block (name .. closing brace); blocks do not nest
    spans = sorted(((n.start, n.end, n) for n in pl.nodes), key=lambda x: x[0])
    starts = [x[0] for x in spans]
    for d in result_diags:
        k = bisect.bisect_right(starts, d.start) - 1
        if k >= 0 and spans[k][0] <= d.start <= spans[k][1]:
            pos = src.pos(d.start)
            spans[k][2].findings.append(Finding(d.name, d.severity, d.message, pos.line, pos.column))
    if g is None:
        return pl
    zeta = engine == "zeta"
    build = simulate(g) if zeta else simulate_starter(g)
    row_type = _row_type_fn(ctx)
    known = g.known_outputs()

    def out_name(p) -> str:
        r = g.outputs.get(id(p))
        return r.name if r is not None and r.name is not None else DEFAULT_ID

    def rt(p) -> str | None:
        if row_type is None:
            return None
        try:
            return row_type(p)
        except Exception:  # a fact that cannot be computed is left out of the picture
            return None

    stuck = {id(t) for t in build.stuck}
    dynamic = g.dynamic_outputs  # a name only known at submit time: nothing is surely missing
    last_producer: dict[str, Any] = {}
    for p in g.producers:
        last_producer[out_name(p)] = p  # a later producer of a name replaces the earlier one
    for c in g.consumers:
        refs = g.inputs.get(id(c))
        names = [r.name for r in refs or [] if r.name is not None]
        cid = ids[id(c)]
        if id(c) in stuck:  # never built: draw what it asks for
            pl.stuck.append(cid)
            for nm in names:
                prod = last_producer.get(nm)
                if prod is not None:
                    pl.edges.append(Edge(ids[id(prod)], cid, nm, "named", rt(prod)))
                else:
                    pl.dangling.append(Dangling(cid, nm))
            continue
        got = build.reads.get(id(c)) or []
        missing = {r.name for r in build.missing.get(id(c), []) if r.name is not None}
        if not dynamic:
            for nm in names:
                if nm in missing or (zeta and nm not in known):
                    pl.dangling.append(Dangling(cid, nm))
        for p in got:
            on = out_name(p)
            ref = g.outputs.get(id(p))
            if (ref is not None and ref.name is None) or any(r.name is None for r in refs or []):
                via = "variable"  # a name given by a variable stlint does not know: as far as it can tell
                if ref is not None and ref.name is None:
                    on = _short(ctx.text[ref.start:ref.end] if ref.plugin.config is not None
                                and ref.option.value.src is ctx.source else "${…}")
            elif refs is None:
                via = "implicit"
            elif on in names:
                via = "named"
            else:
                via = "fallback"
            pl.edges.append(Edge(ids[id(p)], cid, on, via, rt(p)))
    if secrets is not None:
        for e in pl.edges:
            e.table = secrets.scrub(e.table) or e.table
        for dg in pl.dangling:
            dg.table = secrets.scrub(dg.table) or dg.table
    return pl


def pipeline_of_text(text: str, path: str | None = None, settings=None) -> Pipeline:
    from stlint.engine import lint_source
    from stlint.source import Source

    res = lint_source(Source(text, path), settings)
    return pipeline(res, settings)


# --- json ------------------------------------------------------------------------------------


def to_dict(pl: Pipeline) -> dict:
    return {
        "engine": pl.engine,
        "simple": pl.simple,
        "nodes": [{"id": n.id, "kind": n.kind, "plugin": n.plugin, "line": n.line, "column": n.column,
                   "output": n.output, "inputs": n.inputs,
                   "details": [{"key": k, "value": v} for k, v in n.details],
                   "status": n.status,
                   "findings": [{"name": f.name, "severity": f.severity, "message": f.message,
                                 "line": f.line, "column": f.column} for f in n.findings]}
                  for n in pl.nodes],
        "edges": [{"from": e.source, "to": e.target, "table": e.table, "via": e.via, "row_type": e.row_type}
                  for e in pl.edges],
        "dangling": [{"to": d.target, "table": d.table} for d in pl.dangling],
        "stuck": list(pl.stuck),
    }


def to_json(pl: Pipeline, indent: int | None = 2) -> str:
    return json.dumps({"version": 1, **to_dict(pl)}, ensure_ascii=False, indent=indent) + "\n"


# --- labels ----------------------------------------------------------------------------------


def _node_lines(n: Node) -> list[str]:
    lines = [f"{n.kind}: {n.plugin}"]
    lines += [f"{k} = {v}" for k, v in n.details]
    worst = [f for f in n.findings if f.severity == n.status]
    if worst:
        names = sorted({f.name for f in worst})
        lines.append(f"{n.status}: " + _short(", ".join(names), MAX_TEXT))
    return lines


def _edge_label(e: Edge) -> str:
    t = e.table if e.via == "named" else f"{e.table} ({e.via})"
    if e.row_type:
        t += f": {e.row_type}"
    return _short(t, 60)


# --- mermaid ---------------------------------------------------------------------------------


def _mm(s: str) -> str:
    """Text inside a Mermaid quoted label: entity codes for what would end it or be markup."""
    out = []
    for ch in s:
        if ch == '"':
            out.append("#quot;")
        elif ch == "#":
            out.append("#35;")
        elif ch in "<>&|`{}[]()":
            out.append(f"#{ord(ch)};")
        elif ch in "\r\n\t":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


_MM_SHAPE = {"source": ('(["', '"])'), "transform": ('["', '"]'), "sink": ('[("', '")]')}


def to_mermaid(pl: Pipeline) -> str:
    out = ["flowchart LR"]
    for n in pl.nodes:
        a, b = _MM_SHAPE[n.kind]
        out.append(f"  {n.id}{a}{'<br/>'.join(_mm(x) for x in _node_lines(n))}{b}")
    for i, d in enumerate(pl.dangling):
        out.append(f'  missing{i}{{{{"{_mm("missing: " + d.table)}"}}}}')
    for e in pl.edges:
        arrow = "-->" if e.via == "named" else "-.->"
        out.append(f'  {e.source} {arrow}|"{_mm(_edge_label(e))}"| {e.target}')
    for i, d in enumerate(pl.dangling):
        out.append(f"  missing{i} -.-x {d.target}")
    out.append("  classDef error fill:#fde2e2,stroke:#c62828,stroke-width:2px")
    out.append("  classDef warning fill:#fff4d6,stroke:#b7791f")
    out.append("  classDef missing fill:#ffffff,stroke:#c62828,stroke-dasharray:4 3")
    for st in ("error", "warning"):
        ids = [n.id for n in pl.nodes if n.status == st]
        if ids:
            out.append(f"  class {','.join(ids)} {st}")
    if pl.dangling:
        out.append(f"  class {','.join(f'missing{i}' for i in range(len(pl.dangling)))} missing")
    return "\n".join(out) + "\n"


# --- dot -------------------------------------------------------------------------------------


def _dq(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


_DOT_SHAPE = {"source": "cds", "transform": "box", "sink": "cylinder"}
_FILL = {"error": "#fde2e2", "warning": "#fff4d6", "ok": "#eef3fb"}
_STROKE = {"error": "#c62828", "warning": "#b7791f", "ok": "#4a6fa5"}


def to_dot(pl: Pipeline) -> str:
    out = ["digraph pipeline {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10, style=filled];',
           '  edge [fontname="Helvetica", fontsize=9];']
    for n in pl.nodes:
        label = "\\n".join(x.replace("\\", "\\\\").replace('"', '\\"') for x in _node_lines(n))
        out.append(f'  {n.id} [label="{label}", shape={_DOT_SHAPE[n.kind]}, fillcolor="{_FILL[n.status]}", '
                   f'color="{_STROKE[n.status]}"];')
    for i, d in enumerate(pl.dangling):
        out.append(f'  missing{i} [label={_dq("missing: " + d.table)}, shape=box, style=dashed, color="#c62828"];')
    for e in pl.edges:
        style = "" if e.via == "named" else ", style=dashed"
        out.append(f"  {e.source} -> {e.target} [label={_dq(_edge_label(e))}{style}];")
    for i, d in enumerate(pl.dangling):
        out.append(f'  missing{i} -> {d.target} [style=dashed, color="#c62828", arrowhead=tee];')
    out.append("}")
    return "\n".join(out) + "\n"


# --- svg -------------------------------------------------------------------------------------

NODE_W = 220
LINE_H = 15
PAD = 8
COL_GAP = 90
ROW_GAP = 28
CHAR_W = 6.3  # average width of a 11px sans-serif character


def _x(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(s: str) -> str:
    """Characters XML 1.0 cannot carry are dropped."""
    return _NOT_XML.sub("", s)


DUMMY_H = 16.0  # the room a long edge takes in a column it passes through


@dataclass
class Layout:
    boxes: dict[str, tuple[float, float, float, float]]  # node / missing-box id -> (x, y, w, h)
    lanes: dict[int, list[tuple[float, float, float]]]  # edge index -> (x_left, x_right, y) per column passed
    width: float
    height: float


def _columns(pl: Pipeline, preds: dict[str, list[str]]) -> dict[str, int]:
    """Longest path from a source, by an iterative DFS in file order; an edge into a node still on
    the DFS stack closes a cycle and is ignored. Sources stay in column 0, transforms right of them,
    sinks right of every source and transform."""
    base = {n.id: (0 if n.kind == "source" else 1) for n in pl.nodes}
    col: dict[str, int] = {}
    state: dict[str, int] = {}
    for n in pl.nodes:
        if n.id in state:
            continue
        stack = [(n.id, 0)]
        state[n.id] = 1
        while stack:
            v, i = stack[-1]
            ps = preds[v]
            if i < len(ps):
                stack[-1] = (v, i + 1)
                u = ps[i]
                if u not in state:
                    state[u] = 1
                    stack.append((u, 0))
                continue
            stack.pop()
            state[v] = 2
            col[v] = max([base[v]] + [col[u] + 1 for u in ps if u in col])
    for n in pl.nodes:
        if n.kind == "source":
            col[n.id] = 0
    last = max([col[n.id] for n in pl.nodes if n.kind != "sink"], default=0)
    for n in pl.nodes:
        if n.kind == "sink":
            col[n.id] = max(col[n.id], last + 1, 1)
    return col


def layout(pl: Pipeline) -> Layout:
    """Layered left-to-right (Sugiyama-style, one sweep): columns by longest path, an edge that
    skips columns gets a lane in each column it passes (so it never runs through a box), rows
    ordered by the mean row of their predecessors. Linear in nodes + edges (plus the sort of
    each column)."""
    preds: dict[str, list[str]] = {n.id: [] for n in pl.nodes}
    for e in pl.edges:
        if e.source in preds and e.target in preds:
            preds[e.target].append(e.source)
    col = _columns(pl, preds)
    heights: dict[str, float] = {n.id: float(PAD * 2 + LINE_H * len(_node_lines(n))) for n in pl.nodes}
    columns: dict[int, list[str]] = {}
    for n in pl.nodes:
        columns.setdefault(col[n.id], []).append(n.id)
    item_preds: dict[str, list[str]] = {n.id: [] for n in pl.nodes}  # what each row is ordered by
    lane_items: dict[int, list[str]] = {}
    budget = 4 * (len(pl.nodes) + len(pl.edges)) + 64  # lanes kept linear in the graph's size
    for i, e in enumerate(pl.edges):
        if e.source not in col or e.target not in col:
            continue
        a, b = col[e.source], col[e.target]
        if b - a <= 1 or b - a - 1 > budget:
            item_preds[e.target].append(e.source)
            continue  # adjacent, a back edge, or too many lanes already: drawn as one curve
        budget -= b - a - 1
        prev = e.source
        ids = []
        for c in range(a + 1, b):
            d = f"lane{i}.{c}"
            item_preds[d] = [prev]
            heights[d] = DUMMY_H
            columns.setdefault(c, []).append(d)
            ids.append(d)
            prev = d
        lane_items[i] = ids
        item_preds[e.target].append(prev)  # the target is reached from the last lane
    row: dict[str, float] = {}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for c in sorted(columns):
        ids = columns[c]
        first = {v: i for i, v in enumerate(ids)}
        if c > 0:
            def bary(v, first=first):
                ps = [row[u] for u in item_preds.get(v, ()) if u in row]
                return ((sum(ps) / len(ps)) if ps else float(first[v]), first[v])
            ids = sorted(ids, key=bary)
        y = 20.0
        for v in ids:
            row[v] = y + heights[v] / 2
            boxes[v] = (20.0 + c * (NODE_W + COL_GAP), y, float(NODE_W), heights[v])
            y += heights[v] + (ROW_GAP if not v.startswith("lane") else 8)
    lanes: dict[int, list[tuple[float, float, float]]] = {}
    for i, ids in lane_items.items():
        lanes[i] = [(boxes[d][0], boxes[d][0] + boxes[d][2], boxes[d][1] + DUMMY_H / 2) for d in ids]
    for d in [k for k in boxes if k.startswith("lane")]:
        del boxes[d]
    # dangling inputs: dashed boxes below everything, in the column left of their reader
    floor = max([y + h for x, y, w, h in boxes.values()], default=0.0) + ROW_GAP
    bottom: dict[int, float] = {}
    for i, d in enumerate(pl.dangling):
        c = max(col.get(d.target, 1) - 1, 0)
        y = bottom.get(c, floor)
        boxes[f"missing{i}"] = (20.0 + c * (NODE_W + COL_GAP), y, float(NODE_W), 30.0)
        bottom[c] = y + 30.0 + ROW_GAP
    width = max([x + w for x, y, w, h in boxes.values()], default=200.0) + 60
    height = max([y + h for x, y, w, h in boxes.values()], default=60.0) + 50
    return Layout(boxes, lanes, width, height)


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    dx = max(20.0, (x2 - x1) / 2)
    return f"C {x1 + dx:.1f} {y1:.1f}, {x2 - dx:.1f} {y2:.1f}, {x2:.1f} {y2:.1f}"


def to_svg(pl: Pipeline) -> str:
    lay = layout(pl)
    pos = lay.boxes
    ghosts = {k: v for k, v in pos.items() if k.startswith("missing")}
    width, height = lay.width, lay.height
    stuck_ids = set(pl.stuck)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="stlint-pipeline" width="{width:.0f}" '
           f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="11">',
           "<defs>",
           '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker>',
           '<marker id="tee" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto"><path d="M 9 0 L 9 10" stroke="#c62828" stroke-width="2"/></marker>',
           "</defs>",
           f'<rect class="background" x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>']
    for i, e in enumerate(pl.edges):
        if e.source not in pos or e.target not in pos:
            continue
        sx, sy, sw, sh = pos[e.source]
        tx, ty, tw, th = pos[e.target]
        x1, y1 = sx + sw, sy + sh / 2
        x2, y2 = tx, ty + th / 2
        if x2 > x1:
            parts = [f"M {x1:.1f} {y1:.1f}"]
            cx, cy = x1, y1
            for lx0, lx1, ly in lay.lanes.get(i, []):
                parts.append(_curve(cx, cy, lx0, ly))
                parts.append(f"L {lx1:.1f} {ly:.1f}")
                cx, cy = lx1, ly
            parts.append(_curve(cx, cy, x2, y2))
            d = " ".join(parts)
            lx, ly = (cx + x2) / 2, (cy + y2) / 2 - 4
        elif tx == sx:  # same column (a cycle): out of the right side and back in
            bend = sx + sw + 45
            d = (f"M {x1:.1f} {y1:.1f} C {bend:.1f} {y1:.1f}, {bend:.1f} {ty + th / 2:.1f}, "
                 f"{tx + tw:.1f} {ty + th / 2:.1f}")
            lx, ly = bend - 4, (y1 + ty + th / 2) / 2
        else:  # back edge (a cycle): under the boxes
            low = height - 30
            d = (f"M {sx + sw / 2:.1f} {sy + sh:.1f} C {sx + sw / 2:.1f} {low:.1f}, "
                 f"{tx + tw / 2:.1f} {low:.1f}, {tx + tw / 2:.1f} {ty + th:.1f}")
            lx, ly = (sx + tx + sw / 2 + tw / 2) / 2, low - 4
        dash = "" if e.via == "named" else ' stroke-dasharray="5 4"'
        stuck = e.target in stuck_ids
        colour = "#c62828" if stuck else "#555"
        label = _x(_clean(_edge_label(e)))
        out.append(f'<g class="edge" data-from="{e.source}" data-to="{e.target}" data-table="{_x(_clean(e.table))}" '
                   f'data-via="{e.via}"><path d="{d}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} '
                   f'marker-end="url(#arrow)"/>'
                   f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle" fill="#333" paint-order="stroke" '
                   f'stroke="#fff" stroke-width="3">{label}</text></g>')
    for i, d in enumerate(pl.dangling):
        gid = f"missing{i}"
        gx, gy, gw, gh = ghosts[gid]
        tx, ty, tw, th = pos[d.target]
        text = _x(_clean(_short("missing table: " + d.table, int((gw - 2 * PAD) / CHAR_W))))
        out.append(f'<g class="dangling" data-to="{d.target}" data-table="{_x(_clean(d.table))}">'
                   f'<rect x="{gx:.1f}" y="{gy:.1f}" width="{gw:.1f}" height="{gh:.1f}" rx="4" fill="#fff" '
                   f'stroke="#c62828" stroke-dasharray="4 3"/>'
                   f'<text x="{gx + PAD:.1f}" y="{gy + 19:.1f}" fill="#c62828">{text}</text>'
                   f'<path d="M {gx + gw:.1f} {gy + gh / 2:.1f} L {tx:.1f} {ty + th / 2:.1f}" stroke="#c62828" '
                   f'stroke-dasharray="4 3" fill="none" marker-end="url(#tee)"/></g>')
    max_chars = int((NODE_W - 2 * PAD) / CHAR_W)
    for n in pl.nodes:
        x, y, w, h = pos[n.id]
        rx = {"source": 14, "transform": 3, "sink": 8}[n.kind]
        lines = _node_lines(n)
        title = "\n".join(f"{f.severity} {f.name}: {f.message}" for f in n.findings)
        out.append(f'<g class="node {n.kind} {n.status}" id="{n.id}" data-id="{n.id}" data-kind="{n.kind}" '
                   f'data-plugin="{_x(_clean(n.plugin))}" data-line="{n.line}" data-column="{n.column}" '
                   f'data-offset="{n.start}" style="cursor:pointer">')
        if title:
            out.append(f"<title>{_x(_clean(title))}</title>")
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}" '
                   f'fill="{_FILL[n.status]}" stroke="{_STROKE[n.status]}" '
                   f'stroke-width="{2 if n.status == "error" else 1.2}"/>')
        for j, line in enumerate(lines):
            weight = ' font-weight="bold"' if j == 0 else ""
            fill = "#c62828" if (j == len(lines) - 1 and n.findings and n.status == "error"
                                 and j > 0) else "#1a1a1a"
            out.append(f'<text x="{x + PAD:.1f}" y="{y + PAD + LINE_H * (j + 1) - 4:.1f}"{weight} fill="{fill}">'
                       f"{_x(_clean(_short(line, max_chars)))}</text>")
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


RENDERERS: dict[str, Callable[[Pipeline], str]] = {
    "mermaid": to_mermaid, "dot": to_dot, "svg": to_svg, "json": to_json,
}
FORMATS = tuple(RENDERERS)


def render(pl: Pipeline, fmt: str = "mermaid") -> str:
    return RENDERERS[fmt](pl)


def positions(pl: Pipeline) -> list[dict]:
    """Node boxes in the SVG and where each plugin is in the file (for a client that maps clicks)."""
    pos = layout(pl).boxes
    return [{"id": n.id, "kind": n.kind, "plugin": n.plugin, "line": n.line, "column": n.column,
             "offset": n.start, "x": pos[n.id][0], "y": pos[n.id][1], "width": pos[n.id][2],
             "height": pos[n.id][3], "status": n.status} for n in pl.nodes]


def _rows_from_data_checks(ctx: Context) -> Callable[[Any], str | None] | None:
    """Edge labels carry the row type the data checks computed (``stlint.rowtypes``) where it is
    known: a declared schema followed through the transforms; unknown rows get no label."""
    from stlint.rowtypes import format_row, row_flow

    flow = row_flow(ctx)

    def of(p: Any) -> str | None:
        row = flow.outgoing.get(id(p))
        return format_row(row) if row else None

    return of


register_row_types(_rows_from_data_checks)
