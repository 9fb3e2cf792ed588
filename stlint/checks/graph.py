"""The plugin graph (ST3xx): plugin_output / plugin_input edges.

SeaTunnel (Zeta, ``ConfigParserUtil.checkGraph``) distinguishes a *simple* graph — exactly one
source, one sink and at most one transform — where wrong or missing names are only logged and the
job runs, from every other (*complex*) graph, where they are JobDefineCheckExceptions. Rules here
report errors only for what SeaTunnel rejects (or what hangs it), and warnings for what it
tolerates. ``MultipleTableJobConfigParser`` then builds the graph: outputs go into an ordered map
keyed by ``plugin_output`` (``default-identifier`` when absent); a plugin without ``plugin_input``
reads ``default-identifier``; a plugin none of whose inputs exist falls back to the last table
built; a transform whose inputs are not built yet is re-queued while other transforms wait.

The Flink and Spark starters (``seatunnel-core/seatunnel-{flink,spark}-starter``, 2.3.13) have no
such checks: they build sources, then transforms in file order, then sinks
(``TransformExecuteProcessor``/``AbstractSinkExecuteProcessor``/``SinkExecuteProcessor``). A
transform without ``plugin_input`` reads the first table (``upstreamDataStreams.get(0)``), a sink
without it the last table registered (``upstreamDataStreams.get(size() - 1)``); a ``plugin_input``
naming a table not built yet fails (``fromSourceTable``: SeaTunnelException "table %s not found",
FlinkAbstractPluginExecuteProcessor.java:98-114, SparkAbstractPluginExecuteProcessor.java:82-101),
and more than one name is an UnsupportedOperationException. So on those engines
missing-plugin-input/output and unused-plugin-output do not apply, and the rules below follow the
starter's order (``simulate_starter``).
"""

from __future__ import annotations

import json
from stlint._records import dataclass, field
from typing import Iterator

from stlint.checks import Context, rule, suggest
from stlint.diagnostics import Diagnostic, Edit, Fix, Related
from stlint.hocon import HList, HScalar, HUnresolved
from stlint.job import PLACEHOLDER_RE, Option, Plugin
from stlint.parser import SField, SObject

DEFAULT_ID = "default-identifier"  # FactoryUtil.DEFAULT_ID
OUTPUT_KEYS = ("plugin_output", "result_table_name")
INPUT_KEYS = ("plugin_input", "source_table_name")


@dataclass
class Ref:
    """One table name written in plugin_output / plugin_input. ``name`` None: not known before
    the job is submitted (a variable)."""

    plugin: Plugin
    name: str | None
    start: int
    end: int
    option: Option
    key: str
    whole: bool  # the range is a whole string value (a fix must write a quoted string)


@dataclass
class Graph:
    sources: list[Plugin]
    transforms: list[Plugin]
    sinks: list[Plugin]
    outputs: dict[int, Ref | None] = field(default_factory=dict)  # id(plugin) -> its output (None: none)
    inputs: dict[int, list[Ref] | None] = field(default_factory=dict)  # id(plugin) -> its inputs (None: none)

    @property
    def simple(self) -> bool:
        return len(self.sources) == 1 and len(self.sinks) == 1 and len(self.transforms) <= 1

    @property
    def producers(self) -> list[Plugin]:
        return self.sources + self.transforms

    @property
    def consumers(self) -> list[Plugin]:
        return self.transforms + self.sinks

    def out_refs(self) -> list[Ref]:
        return [r for p in self.producers if (r := self.outputs[id(p)]) is not None]

    def in_refs(self) -> list[Ref]:
        return [r for p in self.consumers for r in (self.inputs[id(p)] or [])]

    @property
    def dynamic_outputs(self) -> bool:
        return any(r.name is None for r in self.out_refs())

    @property
    def dynamic_inputs(self) -> bool:
        return any(r.name is None for r in self.in_refs())

    def known_outputs(self) -> dict[str, Ref]:
        out: dict[str, Ref] = {}
        for r in self.out_refs():
            if r.name is not None:
                out.setdefault(r.name, r)
        return out


def _subst_vars(ctx: Context, s: str) -> str | None:
    """A quoted value with SeaTunnel variables replaced as far as stlint knows them."""
    vars_ = ctx.settings.vars or {}
    unknown = False

    def rep(m):
        nonlocal unknown
        if m.group(1) in vars_:
            return vars_[m.group(1)]
        if m.group(2) is not None:
            return m.group(2).strip()
        unknown = True
        return m.group(0)

    out = PLACEHOLDER_RE.sub(rep, s)
    return None if unknown else out


def _refs(ctx: Context, p: Plugin, keys: tuple[str, ...], split: bool) -> list[Ref] | None:
    key = next((k for k in keys if k in p.top), None)
    if key is None:
        return None
    o = p.top[key]
    v = o.value
    vars_ = ctx.settings.vars or {}
    if isinstance(v, HUnresolved):
        name = None
        inner = v.value
        path = getattr(inner, "path", None)
        if path is not None and len(path) == 1 and path[0] in vars_:
            name = vars_[path[0]]
        return [Ref(p, name, v.start, v.end, o, key, True)]
    items = v.items if isinstance(v, HList) and split else [v]
    out: list[Ref] = []
    for it in items:
        if not isinstance(it, HScalar) or it.value is None:
            out.append(Ref(p, None, it.start, it.end, o, key, True))
            continue
        sval = it.raw if not isinstance(it.value, str) else it.value
        if "${" in sval:
            sval = _subst_vars(ctx, sval)
            if sval is None:
                out.append(Ref(p, None, it.start, it.end, o, key, True))
                continue
        pieces = sval.split(",") if split and isinstance(v, HScalar) else [sval]
        raw = ctx.text[it.start:it.end] if it.src is ctx.source else ""
        body_off = 1 if raw.startswith('"') and not raw.startswith('"""') else 0
        exact = raw[body_off:len(raw) - body_off] == sval
        if len(pieces) == 1 or not exact:
            nm = sval.strip()
            if split and len(pieces) > 1:  # escapes: ranges of pieces unknown, use the whole value
                out.extend(Ref(p, x.strip(), it.start, it.end, o, key, True) for x in pieces if x.strip())
            elif nm:
                out.append(Ref(p, nm, it.start, it.end, o, key, True))
            continue
        cur = it.start + body_off
        for piece in pieces:
            nm = piece.strip()
            if nm:
                s = cur + piece.index(nm)
                out.append(Ref(p, nm, s, s + len(nm), o, key, False))
            cur += len(piece) + 1
    return out


def build_graph(ctx: Context) -> Graph | None:
    job = ctx.job
    g = Graph(job.of_kind("source"), job.of_kind("transform"), job.of_kind("sink"))
    if not g.sources or not g.sinks:
        return None
    for p in g.producers:
        r = _refs(ctx, p, OUTPUT_KEYS, split=False)
        g.outputs[id(p)] = r[0] if r else None
    for p in g.consumers:
        g.inputs[id(p)] = _refs(ctx, p, INPUT_KEYS, split=True)
    return g


@dataclass
class Build:
    """What SeaTunnel's MultipleTableJobConfigParser (or a starter) makes of the graph."""

    reads: dict[int, list[Plugin]]  # consumer -> producers it reads
    stuck: list[Plugin]  # transforms re-queued forever
    missing: dict[int, list[Ref]] = field(default_factory=dict)  # starters: inputs not built when read


def _zeta(ctx: Context) -> bool:
    return ctx.engine == "zeta"


def simulate_starter(g: Graph) -> Build:
    """What the Flink/Spark starter builds: sources in order; transforms in file order, an
    un-named one reading the first table; sinks last, an un-named one reading the last table
    registered. A name is looked up among the tables built so far (first match)."""
    reads: dict[int, list[Plugin]] = {}
    missing: dict[int, list[Ref]] = {}

    def name_of(p: Plugin) -> str | None:
        r = g.outputs.get(id(p))
        return r.name if r is not None else None

    def lookup(p: Plugin, tables: dict[str | None, Plugin], default: Plugin) -> list[Plugin]:
        rs = g.inputs.get(id(p))
        if not rs:
            return [default]
        got: list[Plugin] = []
        for r in rs:
            if r.name is None:
                continue
            hit = tables.get(r.name)
            if hit is None:
                missing.setdefault(id(p), []).append(r)
            else:
                got.append(hit)
        return got

    upstream: list[tuple[str | None, Plugin]] = [(name_of(s), s) for s in g.sources]
    if g.transforms and upstream:
        first = upstream[0][1]
        tables: dict[str | None, Plugin] = {}
        for n, p in upstream:  # Collectors.toMap into a LinkedHashMap, (a, b) -> b
            tables[n] = p
        for t in g.transforms:
            reads[id(t)] = lookup(t, tables, first)
            tables[name_of(t)] = t  # a re-used name keeps its place, like LinkedHashMap.put
        upstream = list(tables.items())
    if upstream:
        last = upstream[-1][1]
        by_name: dict[str | None, Plugin] = {}
        for n, q in upstream:  # a name is looked up in the list: the first match wins
            by_name.setdefault(n, q)
        by_name.pop(None, None)
        for k in g.sinks:
            reads[id(k)] = lookup(k, by_name, last)
    return Build(reads, [], missing)


def simulate(g: Graph) -> Build:
    """Zeta's MultipleTableJobConfigParser: sources first; then a queue of the transforms in file
    order, where a transform none of whose inputs is built yet goes back to the end of the queue
    (a full pass without progress loops forever: ``stuck``; the last transform left falls back to
    the last table built); then sinks. A name re-used keeps its place in the table map and
    points at the later producer.

    The queue is a cycle scanned in file order, so the next transform built is the first one,
    after the last one built, that can be built (reads a built name). That is found with two
    heaps (this pass / next pass) of the transforms that became buildable, woken by name: O(n
    log n) instead of re-scanning the queue (quadratic on a chain written bottom-up)."""
    import heapq

    table: dict[str, Plugin] = {}
    reads: dict[int, list[Plugin]] = {}
    last_key: list[str] = []  # the key inserted last (its value may have been replaced since)

    def name_of(p: Plugin) -> str:
        r = g.outputs.get(id(p))
        return r.name if r is not None and r.name is not None else DEFAULT_ID

    def wanted(p: Plugin) -> list[str]:
        rs = g.inputs.get(id(p))
        return [r.name for r in rs if r.name is not None] if rs else [DEFAULT_ID]

    def put(name: str, p: Plugin) -> bool:
        new = name not in table
        table[name] = p
        if new:
            last_key[:] = [name]
        return new

    for s in g.sources:
        put(name_of(s), s)
    ts = g.transforms
    want = [wanted(t) for t in ts]
    waiting: dict[str, list[int]] = {}
    ready = [False] * len(ts)
    cur: list[int] = []  # buildable, after the last one built (this pass)
    nxt: list[int] = []  # buildable, at or before it (next pass)
    for i, ws in enumerate(want):
        if any(n in table for n in ws):
            ready[i] = True
            cur.append(i)
        else:
            for n in ws:
                waiting.setdefault(n, []).append(i)
    heapq.heapify(cur)
    left = len(ts)
    stuck: list[Plugin] = []
    built = [False] * len(ts)
    while left:
        if not cur:
            cur, nxt = nxt, cur
        if cur:
            i = heapq.heappop(cur)
            found = [table[n] for n in want[i] if n in table]
        elif left == 1:  # the last one in the queue is built from the last table
            i = built.index(False)
            found = [table[last_key[0]]] if table else []
        else:  # a full pass without progress: SeaTunnel re-queues these forever
            stuck = [t for t, b in zip(ts, built) if not b]
            break
        built[i] = True
        left -= 1
        reads[id(ts[i])] = found
        name = name_of(ts[i])
        if put(name, ts[i]):
            for j in waiting.pop(name, ()):
                if not ready[j] and not built[j]:
                    ready[j] = True
                    heapq.heappush(cur if j > i else nxt, j)
    for k in g.sinks:
        found = [table[n] for n in wanted(k) if n in table]
        if not found and table:
            found = [table[last_key[0]]]
        reads[id(k)] = found
    return Build(reads, stuck)


def _graph(ctx: Context) -> Graph | None:
    cache = getattr(ctx, "_stlint_graph", None)
    if cache is not None and cache[0] is ctx.job:
        return cache[1]
    g = build_graph(ctx)
    try:
        object.__setattr__(ctx, "_stlint_graph", (ctx.job, g))
    except Exception:  # pragma: no cover - a context that does not take attributes
        pass
    return g


# did-you-mean compares a wrong name with every output name: n wrong names among n outputs is
# quadratic. Per lint, at most this many comparisons are made; past it (thousands of wrong names in
# one generated file, never a real job: the largest of the corpus makes a few dozen) the findings
# stay and only the did-you-mean hint is left out, so the rule stays linear.
SUGGEST_BUDGET = 100_000


def _suggester(outs: dict[str, Ref]):
    """did-you-mean among the output names, once per distinct wrong name, within SUGGEST_BUDGET."""
    memo: dict[str, list[str]] = {}
    budget = [SUGGEST_BUDGET]

    def near(name: str) -> list[str]:
        hit = memo.get(name)
        if hit is None:
            if budget[0] < len(outs):
                return []
            budget[0] -= len(outs)
            hit = memo[name] = suggest(name, outs, n=1)
        return hit

    return near


def _shape(g: Graph) -> str:
    return (f"{len(g.sources)} source(s), {len(g.transforms)} transform(s), {len(g.sinks)} sink(s)")


# --------------------------------------------------------------------------------------------
@rule("undefined-plugin-input", "ST301", "error", "A plugin_input naming no plugin_output.", """
Each `plugin_input` entry must be the `plugin_output` of a source or transform. In a job with more
than one source or sink or more than one transform SeaTunnel rejects a missing name
(JobDefineCheckException "... is incorrect, and the source/transform[x] is not found"): **error**.
In a simple job (one source, at most one transform, one sink) it only logs the mistake and feeds the
plugin from the last table built: **warning**. When exactly one output is read by nobody, the
(unsafe) fix points the input at it. On Flink and Spark (`engine`, or `execution.*`/`flink.*`/
`spark.*` env keys other than `execution.parallelism`/`execution.checkpoint.interval`) the starter looks the name up among the tables built so far, in file order, and
fails with `table x not found` in any job: **error**, also for a name only a later transform makes.

Bad:
```hocon
source { FakeSource { plugin_output = "fake" } }
sink { Console { plugin_input = "fak" } }
```
Good:
```hocon
source { FakeSource { plugin_output = "fake" } }
sink { Console { plugin_input = "fake" } }
```
""", fix="unsafe")
def undefined_plugin_input(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    if g is None or g.dynamic_outputs:
        return
    if not _zeta(ctx):
        yield from _undefined_input_starter(ctx, g)
        return
    outs = g.known_outputs()
    used = {r.name for r in g.in_refs() if r.name is not None}
    unused = [n for n in outs if n not in used]
    build = simulate(g) if g.simple else None
    near = _suggester(outs)
    for r in g.in_refs():
        if r.name is None or r.name in outs:
            continue
        close = near(r.name)
        msg = f"`{r.name}` ({r.key} of {r.plugin.label}) is not the plugin_output of any source or transform"
        if close:
            msg += f"; did you mean `{close[0]}`?"
        if g.simple:
            fed = build.reads.get(id(r.plugin)) if build else None
            msg += ("; in a simple job SeaTunnel only logs this"
                    + (f" and feeds it from {fed[0].label}" if fed else ""))
        else:
            msg += " (SeaTunnel rejects the job: JobDefineCheckException)"
        fix = None
        own = g.outputs.get(id(r.plugin))
        if len(unused) == 1 and not (own is not None and own.name == unused[0]):
            new = unused[0]
            fix = Fix("unsafe", f"read `{new}`, the only output nobody reads",
                      (Edit(r.start, r.end, json.dumps(new, ensure_ascii=False) if r.whole else new),))
        d = ctx.diag("undefined-plugin-input", r.start, r.end, msg, fix=fix, plugin=r.plugin.label, option=r.key,
                     suggestions=ctx.replacements(r.start, r.end, r.name, close))
        if g.simple:
            d.severity = "warning"
        yield d


def _undefined_input_starter(ctx: Context, g: Graph) -> Iterator[Diagnostic]:
    """Flink/Spark: every named input must be a table built before the reader (file order)."""
    outs = g.known_outputs()
    build = simulate_starter(g)
    near = _suggester(outs)
    for p in g.consumers:
        for r in build.missing.get(id(p), []):
            close = [c for c in near(r.name) if c != r.name]
            if r.name in outs:
                msg = (f"`{r.name}` ({r.key} of {r.plugin.label}) is built only after {r.plugin.label}: "
                       f"{ctx.engine_name} builds transforms in file order and fails with "
                       f"`table {r.name} not found` (SeaTunnelException)")
            else:
                msg = (f"`{r.name}` ({r.key} of {r.plugin.label}) is not the plugin_output of any source or transform"
                       + (f"; did you mean `{close[0]}`?" if close else "")
                       + f": {ctx.engine_name} fails with `table {r.name} not found` (SeaTunnelException)")
            yield ctx.diag("undefined-plugin-input", r.start, r.end, msg, plugin=r.plugin.label, option=r.key,
                           suggestions=ctx.replacements(r.start, r.end, r.name, close))


@rule("unused-plugin-output", "ST302", "error", "A plugin_output no plugin_input reads (rejected in complex jobs).", """
In a job that is not simple (more than one source or sink, or more than one transform) every
`plugin_output` must be read by some `plugin_input`; otherwise SeaTunnel rejects the job
(JobDefineCheckException "this table(x) ... is not used"). In a simple job an unread name is
tolerated and reported, if at all, by `undefined-plugin-input` / `ambiguous-implicit-input`.
Zeta only: the Flink and Spark starters do not check the graph.

Bad:
```hocon
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink { Console { plugin_input = "a" } }
```
Good:
```hocon
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink { Console { plugin_input = ["a", "b"] } }
```
""")
def unused_plugin_output(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    if g is None or g.simple or g.dynamic_inputs or not _zeta(ctx):
        return
    used = {r.name for r in g.in_refs()}
    for r in g.out_refs():
        if r.name is None or r.name in used:
            continue
        yield ctx.diag("unused-plugin-output", r.start, r.end,
                       f"`{r.name}` ({r.key} of {r.plugin.label}) is read by no plugin_input: in a job with "
                       f"{_shape(g)} SeaTunnel rejects unused tables (JobDefineCheckException)",
                       plugin=r.plugin.label, option=r.key)


@rule("duplicate-plugin-output", "ST303", "error", "Two sources/transforms with the same plugin_output.", """
Table names are keys of one map: a second source or transform with the same `plugin_output`
replaces the first for every later reader. In a job that is not simple SeaTunnel rejects this
("... is both 'x', and they must be different"): **error**. In a simple job it is not checked and
the later one wins: **warning**. Unsafe fix: when exactly one `plugin_input` name is produced by
nobody (typically a copy-pasted producer that kept the old name), the later duplicate is renamed
to it.

Bad:
```hocon
source {
  FakeSource { plugin_output = "t" }
  FakeSource { plugin_output = "t" }
}
```
Good:
```hocon
source {
  FakeSource { plugin_output = "t1" }
  FakeSource { plugin_output = "t2" }
}
```
""", fix="unsafe")
def duplicate_plugin_output(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    if g is None:
        return
    first: dict[str, Ref] = {}
    wanted: list[str] | None = None
    for r in g.out_refs():
        if r.name is None:
            continue
        f = first.get(r.name)
        if f is None:
            first[r.name] = r
            continue
        pos = ctx.source.pos(f.start)
        tolerated = g.simple or not _zeta(ctx)
        msg = (f"`{r.name}` is already the plugin_output of {f.plugin.label} ({pos.line}:{pos.column}); "
               + ("the later one replaces it for every reader" if g.simple else
                  f"{ctx.engine_name} does not check this: only one of them is read" if tolerated else
                  "SeaTunnel rejects two producers with the same name (JobDefineCheckException)"))
        # A copy-pasted producer often keeps the old name while its reader asks for a new one:
        # when exactly one input name is produced by nobody, the later duplicate becomes it.
        fix = None
        if wanted is None:  # once per job, not per duplicate
            outs = g.known_outputs()
            wanted = sorted({i.name for i in g.in_refs() if i.name is not None and i.name not in outs})
        reads_itself = any(i.name in wanted for i in (g.inputs.get(id(r.plugin)) or []))
        if len(wanted) == 1 and not g.dynamic_outputs and not reads_itself:
            new = wanted[0]
            fix = Fix("unsafe", f"rename this output to `{new}`, the only input name nobody produces",
                      (Edit(r.start, r.end, json.dumps(new, ensure_ascii=False) if r.whole else new),))
        d = ctx.diag("duplicate-plugin-output", r.start, r.end, msg, plugin=r.plugin.label, option=r.key, fix=fix,
                     related=[Related(f.start, f.end, f"`{r.name}` first defined here")])
        if tolerated:
            d.severity = "warning"
        yield d


@rule("missing-plugin-output", "ST304", "error", "A source/transform without plugin_output in a complex job.", """
In a job that is not simple (more than one source or sink, or more than one transform) SeaTunnel
requires `plugin_output` on every source and transform and rejects the job otherwise
(JobDefineCheckException "... is not configured with 'plugin_output' option"), even for a plain
source → transform → transform → sink chain. Zeta only: the Flink and Spark starters feed an
un-named transform the first table and an un-named sink the last one (see
`ambiguous-implicit-input`).

Bad:
```hocon
source { FakeSource {} }
transform {
  Sql { query = "select * from dual" }
  Filter { include_fields = [name] }
}
```
Good:
```hocon
source { FakeSource { plugin_output = "fake" } }
transform {
  Sql { plugin_input = "fake", plugin_output = "q", query = "select * from fake" }
  Filter { plugin_input = "q", plugin_output = "f", include_fields = [name] }
}
```
""")
def missing_plugin_output(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    if g is None or g.simple or not _zeta(ctx):
        return
    for p in g.producers:
        if g.outputs[id(p)] is None and p.config is not None:  # a non-object entry: plugin-not-an-object
            yield ctx.diag("missing-plugin-output", p.name_start, p.name_end,
                           f"{p.label} has no plugin_output: in a job with {_shape(g)} SeaTunnel requires it on "
                           "every source and transform (JobDefineCheckException)", plugin=p.label)


@rule("missing-plugin-input", "ST305", "error", "A transform/sink without plugin_input in a complex job.", """
In a job that is not simple (more than one source or sink, or more than one transform) SeaTunnel
requires `plugin_input` on every transform and sink and rejects the job otherwise
(JobDefineCheckException "... is not configured with 'plugin_input' option"). Zeta only: the Flink
and Spark starters feed an un-named sink the last table registered and an un-named transform the
first one.

Bad:
```hocon
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink { Console {} }
```
Good:
```hocon
sink { Console { plugin_input = ["a", "b"] } }
```
""")
def missing_plugin_input(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    if g is None or g.simple or not _zeta(ctx):
        return
    for p in g.consumers:
        if g.inputs[id(p)] is None and p.config is not None:  # a non-object entry: plugin-not-an-object
            yield ctx.diag("missing-plugin-input", p.name_start, p.name_end,
                           f"{p.label} has no plugin_input: in a job with {_shape(g)} SeaTunnel requires it on "
                           "every transform and sink (JobDefineCheckException)", plugin=p.label)


def _cycles(g: Graph) -> list[list[Plugin]]:
    """Strongly connected transform groups that read each other (incl. self-loops), file order.

    Tarjan's algorithm, iterative, on a graph of transforms and table names (producer -> name
    -> reader), so many producers and readers of one name add edges, not their product: linear
    in the number of transforms and references."""
    ts = g.transforms
    n = len(ts)
    name_node: dict[str, int] = {}
    succ: list[list[int]] = [[] for _ in range(n)]
    for i, t in enumerate(ts):
        r = g.outputs[id(t)]
        if r is not None and r.name is not None:
            k = name_node.setdefault(r.name, n + len(name_node))
            if k == len(succ):
                succ.append([])
            succ[i].append(k)
    for i, t in enumerate(ts):
        for r in g.inputs[id(t)] or []:
            k = name_node.get(r.name or "")
            if k is not None and r.name is not None:
                succ[k].append(i)
    total = len(succ)
    index = [-1] * total
    low = [0] * total
    on_stack = [False] * total
    stack: list[int] = []
    comps: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, pos = work[-1]
            edges = succ[v]
            if pos < len(edges):
                work[-1] = (v, pos + 1)
                w = edges[pos]
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                comp: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:  # names and transforms alternate: more than one node is a cycle
                    comps.append(sorted(w for w in comp if w < n))
    comps.sort(key=lambda c: c[0])  # file order, then by position (stable: included files share offsets)
    out = [[ts[i] for i in c] for c in comps]
    out.sort(key=lambda c: c[0].name_start)
    return out


@rule("plugin-graph-cycle", "ST306", "error", "Transforms that read each other's output: SeaTunnel loops forever.", """
SeaTunnel has no cycle check: it builds transforms in order and puts back in the queue any
transform whose inputs are not built yet. Transforms that read each other's output are re-queued
forever and the job submission hangs: **error**. A lone transform reading its own output does not
hang (the last one in the queue falls back to the last table built) but does not read what it
says, and neither does a cycle that SeaTunnel enters through another, already built input:
**warning**.

Bad:
```hocon
transform {
  Sql { plugin_input = "b", plugin_output = "a", query = "select * from b" }
  Sql { plugin_input = "a", plugin_output = "b", query = "select * from a" }
}
```
Good:
```hocon
transform {
  Sql { plugin_input = "src", plugin_output = "a", query = "select * from src" }
  Sql { plugin_input = "a", plugin_output = "b", query = "select * from a" }
}
```
""")
def plugin_graph_cycle(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    if g is None or not g.transforms or not _zeta(ctx):
        return  # the starters build in file order: a read of a later table is undefined-plugin-input
    stuck = {id(t) for t in simulate(g).stuck}
    for comp in _cycles(g):
        members = {id(t) for t in comp}
        names = {g.outputs[id(t)].name for t in comp}
        refs = [r for t in comp for r in (g.inputs[id(t)] or []) if r.name in names]
        first = refs[0]
        chain = " → ".join(f"{t.label} (`{g.outputs[id(t)].name}`)" for t in comp)
        hangs = bool(members & stuck)
        if hangs:
            msg = (f"these transforms read each other's output ({chain}): SeaTunnel re-queues a transform until "
                   "its inputs are built, so it loops forever while submitting the job")
        elif len(comp) > 1:
            msg = (f"these transforms read each other's output ({chain}): SeaTunnel builds each from the inputs "
                   "that exist at that moment, so part of the cycle is silently not read")
        else:
            msg = (f"{comp[0].label} reads its own output `{first.name}`: SeaTunnel cannot build it from itself and "
                   "feeds it the last table built instead")
        d = ctx.diag("plugin-graph-cycle", first.start, first.end, msg, plugin=first.plugin.label, option=first.key,
                     related=[Related(r.start, r.end, f"{r.plugin.label} reads `{r.name}`") for r in refs[1:]])
        if not hangs:
            d.severity = "warning"
        yield d


def _insert_input_fix(ctx: Context, p: Plugin, name: str) -> Fix | None:
    root = ctx.doc.syntax
    if not isinstance(root, SObject):
        return None
    stack = [root]
    block = None
    while stack and block is None:
        n = stack.pop()
        for m in n.members:
            if isinstance(m, SField):
                if m.key.start == p.name_start and isinstance(m.value, SObject):
                    block = m.value
                    break
                if isinstance(m.value, SObject):
                    stack.append(m.value)
    if block is None or not block.braced:
        return None
    line = f"plugin_input = {json.dumps(name, ensure_ascii=False)}"
    members = [m for m in block.members if isinstance(m, SField)]
    text = ctx.text
    if members:
        first = members[0].start
        ls = text.rfind("\n", 0, first) + 1
        indent = text[ls:first]
        if indent.strip():  # `{ a = 1 }` on one line
            return Fix("unsafe", f"add {line}", (Edit(first, first, line + ", "),))
        return Fix("unsafe", f"add {line}", (Edit(first, first, line + "\n" + indent),))
    return Fix("unsafe", f"add {line}", (Edit(block.start, block.end, "{ " + line + " }"),))


@rule("ambiguous-implicit-input", "ST307", "warning",
      "A plugin without plugin_input that silently reads something other than the plugin before it.", """
A transform or sink without `plugin_input` reads `default-identifier`: the table of the latest
source or transform *without* `plugin_output`, or, if there is none, the last table built. In a
simple job (one source, at most one transform, one sink; larger jobs must name their inputs, see
`missing-plugin-input`) this can skip a plugin: with an un-named source and a named transform, the
sink reads the source and the transform's result is thrown away. On Flink and Spark, in any job,
an un-named transform reads the *first* table (the first source) and an un-named sink the last
table registered, so a chain of un-named transforms does not chain. The fix (unsafe) names the
input the reader was presumably meant to have: the plugin just before it.

Bad:
```hocon
source { FakeSource {} }
transform { Sql { plugin_output = "q", query = "select * from dual" } }
sink { Console {} }
```
Good:
```hocon
source { FakeSource {} }
transform { Sql { plugin_output = "q", query = "select * from dual" } }
sink { Console { plugin_input = "q" } }
```
""", fix="unsafe")
def ambiguous_implicit_input(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    zeta = _zeta(ctx)
    if g is None or (zeta and not g.simple) or g.dynamic_outputs:
        return
    build = simulate(g) if zeta else simulate_starter(g)
    chain = g.sources + g.transforms + g.sinks
    at = {id(p): i for i, p in enumerate(chain)}
    for p in g.consumers:
        if g.inputs[id(p)] is not None:
            continue
        prev = chain[at[id(p)] - 1] if p.kind == "transform" else (g.transforms or g.sources)[-1]
        got = build.reads.get(id(p)) or []
        if not got or got[0] is prev:
            continue
        out = g.outputs.get(id(prev))
        if zeta:
            msg = (f"{p.label} has no plugin_input, so it reads the latest producer without plugin_output, "
                   f"{got[0].label}, and skips {prev.label}")
        else:
            which = "the first table" if p.kind == "transform" else "the last table registered"
            msg = (f"{p.label} has no plugin_input, so {ctx.engine_name} feeds it {which}, {got[0].label}, "
                   f"and it skips {prev.label}")
        fix = None
        if out is not None and out.name is not None:
            msg += f" (whose output `{out.name}` is then unused); add plugin_input = \"{out.name}\""
            fix = _insert_input_fix(ctx, p, out.name)
        yield ctx.diag("ambiguous-implicit-input", p.name_start, p.name_end, msg, fix=fix, plugin=p.label)


@rule("multiple-plugin-inputs", "ST308", "error", "Several plugin_input tables on Flink or Spark: the starter refuses them.", """
Zeta lets a transform or sink read several tables (`plugin_input = ["a", "b"]`); the Flink and
Spark starters take one: more than one name fails with UnsupportedOperationException ("Multiple
input tables are not supported", FlinkAbstractPluginExecuteProcessor / SparkAbstractPluginExecuteProcessor,
2.3.13). Only reported when the job targets Flink or Spark (`engine`, or `execution.*`/`flink.*`/
`spark.*` env keys; `execution.parallelism` and `execution.checkpoint.interval` alone do not count).

Bad (Flink):
```hocon
env { execution.planner = blink }
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink { Console { plugin_input = ["a", "b"] } }
```
Good (Flink: one table per reader):
```hocon
env { execution.planner = blink }
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
sink {
  Console { plugin_input = "a" }
  Console { plugin_input = "b" }
}
```
""")
def multiple_plugin_inputs(ctx: Context) -> Iterator[Diagnostic]:
    g = _graph(ctx)
    if g is None or _zeta(ctx):
        return
    for p in g.consumers:
        rs = g.inputs.get(id(p)) or []
        if len(rs) > 1:
            a, b = rs[0], rs[-1]
            yield ctx.diag("multiple-plugin-inputs", a.start, b.end,
                           f"{p.label} reads {len(rs)} tables: {ctx.engine_name} supports one plugin_input per plugin "
                           "(UnsupportedOperationException: Multiple input tables are not supported)",
                           plugin=p.label, option=a.key)


@rule("sink-plugin-output", "ST309", "warning", "A sink's plugin_output / result_table_name, which SeaTunnel never reads.", """
A sink produces no table: SeaTunnel reads a sink's `plugin_input` only. Zeta's
`MultipleTableJobConfigParser.parseSink` takes the sink's input names and nothing else
(MultipleTableJobConfigParser.java:553-561, 2.3.13; 526-534 in 2.3.8), `ConfigParserUtil` builds its
table map from sources and transforms only (ConfigParserUtil.java:165-166, 2.3.13), and the Flink and Spark
starters register `plugin_output` only in their source and transform processors
(SourceExecuteProcessor/TransformExecuteProcessor, 2.3.8-2.3.13). A `plugin_output`
(`result_table_name` before 2.3.9) on a sink is silently ignored: usually a copy-paste from a
transform, or `plugin_input` written with the wrong key, in which case the sink reads a table you
did not mean.

Bad:
```hocon
sink {
  Console {
    plugin_input = "fake"
    plugin_output = "console_out"
  }
}
```
Good:
```hocon
sink {
  Console {
    plugin_input = "fake"
  }
}
```
""")
def sink_plugin_output(ctx: Context) -> Iterator[Diagnostic]:
    for p in ctx.job.of_kind("sink"):
        if p.config is None:
            continue
        for key in OUTPUT_KEYS:
            o = p.top.get(key)
            if o is None or getattr(o.value, "src", ctx.source) is not ctx.source:
                continue
            reads = next((k for k in INPUT_KEYS if k in p.top), "plugin_input")
            yield ctx.diag("sink-plugin-output", o.key_start, o.key_end,
                           f"`{key}` of {p.label} is never read: a sink produces no table, SeaTunnel reads only "
                           f"its `{reads}`",
                           help=f"remove `{key}`; if it names the table this sink should read, write it as `plugin_input`",
                           plugin=p.label, option=key)
