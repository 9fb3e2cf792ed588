"""Syntax and structure rules (ST0xx)."""

from __future__ import annotations

from typing import Iterator

from stlint.checks import Context, model_rule, rule, suggest
from stlint.checks.walk import syntax_walk
from stlint.diagnostics import Diagnostic, Edit, Fix, Related
from stlint.hocon import SECTIONS
from stlint.parser import SArray, SConcat, SField, SInclude, SObject, SScalar

TOP_SECTIONS = ("env", "source", "transform", "sink")

model_rule("syntax-error", "ST001", "error", "The file is not valid HOCON (SeaTunnel cannot load it).", """
SeaTunnel reads job files with Typesafe Config; a syntax error stops the job before it starts.
stlint reports each error with what was expected and goes on, so one run shows them all.

Bad:
```hocon
sink {
  Console {
}
```
Good:
```hocon
sink {
  Console {}
}
```
""")

model_rule("unresolved-include", "ST010", "warning", "An include stlint does not read (url, classpath, outside the job's folder).", """
stlint resolves `include` only for local files inside the directory of the including file; it
never fetches URLs and does not know the job's classpath. What such an include would add is not
checked.

Bad:
```hocon
include url("http://config-server/common.conf")
```
Good:
```hocon
include "common.conf"
```
""")

model_rule("unused-suppression", "ST011", "warning", "A `# stlint: disable` comment that suppresses nothing.", """
Suppression comments that no longer match a finding hide nothing and mislead readers; remove them.

Bad:
```hocon
# stlint: disable-next-line=unknown-option
url = "jdbc:mysql://db/x"
```
Good:
```hocon
url = "jdbc:mysql://db/x"
```
""")

model_rule("invalid-directive", "ST012", "error", "A `# stlint:` comment stlint cannot follow (an unknown SeaTunnel version).", """
`# stlint: seatunnel-version=X` checks the file against the catalog of SeaTunnel release X
(it wins over `[tool.stlint]`, `--seatunnel-version` and the editor setting). A version with no
catalog is reported here, and the file is checked against the version the settings name.

Bad:
```hocon
# stlint: seatunnel-version=2.9.1
```
Good:
```hocon
# stlint: seatunnel-version=2.3.12
```
""")


def _key_text(ctx: Context, f: SField) -> str:
    return ctx.text[f.key.start:f.key.end]


def _top_fields(ctx: Context) -> list[SField]:
    root = ctx.doc.syntax
    if not isinstance(root, SObject):
        return []
    return [m for m in root.members if isinstance(m, SField)]


def _key_path(ctx: Context, f: SField) -> tuple[str, ...] | None:
    return ctx.key_path(f)  # once per key per lint, shared with every rule


@rule("duplicate-key", "ST002", "warning", "A key set twice in one object: the first value is lost.", """
When the same key gets two plain (non-object) values in one object, the later silently wins and
the earlier is lost; usually a copy-paste mistake. (In a `.json` job a repeated key is a syntax
error instead: SeaTunnel's JSON parser refuses the file, and `syntax-error` reports it.)

Bad:
```hocon
Jdbc {
  url = "jdbc:mysql://a/db"
  url = "jdbc:mysql://b/db"
}
```
Good:
```hocon
Jdbc {
  url = "jdbc:mysql://b/db"
}
```
""")
def duplicate_key(ctx: Context) -> Iterator[Diagnostic]:
    from stlint.hocon import is_json_path

    if ctx.doc.syntax is None or is_json_path(ctx.doc.source.path):
        # a JSON job with a repeated key does not load at all (Typesafe's JSON parser: "JSON does not
        # allow duplicate fields", ConfigParser.java:509 at 2.3.13): syntax-error says so, nothing is "ignored"
        return
    key_path = ctx.key_path
    for n, _depth in syntax_walk(ctx).objects:
        if len(n.members) < 2:
            continue
        seen: dict[tuple[str, ...], SField] = {}
        for m in n.members:
            if not isinstance(m, SField) or isinstance(m.value, SObject) or m.sep == "+=":
                continue
            kp = key_path(m)
            if kp is None:
                continue
            first = seen.get(kp)
            if first is not None:
                k = _key_text(ctx, m)
                fp = ctx.source.pos(first.key.start)
                yield ctx.diag("duplicate-key", m.key.start, m.key.end,
                               f"`{k}` is set again here; the value at {fp.line}:{fp.column} is ignored",
                               related=[Related(first.key.start, first.key.end, f"first `{k}` (ignored)")])
            seen[kp] = m


@rule("unknown-section", "ST003", "error", "A top-level key other than env, source, transform, sink.", fix="unsafe", doc="""
SeaTunnel reads only `env`, `source`, `transform` and `sink`; anything else at the top level is
ignored, so a misspelt section silently loses its content (**error**). A top-level key whose value is
not an object (`deploy-mode = "run"`, a `-- note = 1` line meant as a comment) holds no section
content: it is ignored and the job runs as written (**warning**).

Bad:
```hocon
nv {
  job.mode = "BATCH"
}
```
Good:
```hocon
env {
  job.mode = "BATCH"
}
```
""")
def unknown_section(ctx: Context) -> Iterator[Diagnostic]:
    for f in _top_fields(ctx):
        kp = _key_path(ctx, f)
        if not kp or kp[0] in TOP_SECTIONS:
            continue
        name = kp[0]
        close = suggest(name, TOP_SECTIONS, n=1, cutoff=0.5)
        if close:
            fix = Fix("unsafe", f"rename to `{close[0]}`", (Edit(f.key.start, f.key.end, close[0]),)) \
                if len(kp) == 1 and not f.key.parts[0][1] else None
            yield ctx.diag("unknown-section", f.key.start, f.key.end,
                           f"unknown section `{name}`; did you mean `{close[0]}`?", fix=fix,
                           help=f"did you mean `{close[0]}`?")
        elif ctx.job.sections and name not in ("spark", "flink"):
            d = ctx.diag("unknown-section", f.key.start, f.key.end,
                         f"unknown section `{name}`: SeaTunnel reads only env, source, transform and sink")
            if name.startswith("--"):
                d.message += " (`--` does not start a comment in HOCON: write `#` or `//`)"
            if len(kp) == 1 and not isinstance(f.value, SObject):
                # a top-level scalar or list (`deploy-mode = "run"`, `-- note = 1`) is no lost section:
                # SeaTunnel ignores it and runs the job as written
                d.severity = "warning"
            yield d


@rule("missing-section", "ST004", "error", "No `env`, or no/empty `source` or `sink`: SeaTunnel refuses to start.", """
A job needs an `env` section (it may be empty) and at least one plugin in `source` and in
`sink`; without them SeaTunnel fails while loading the config.

Bad:
```hocon
env {}
source { FakeSource {} }
```
Good:
```hocon
env {}
source { FakeSource {} }
sink { Console {} }
```
""")
def missing_section(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.doc.resolved is None or ctx.doc.syntax is None:
        return
    secs = ctx.job.sections
    end = len(ctx.text)
    if "env" not in secs:
        yield ctx.diag("missing-section", 0, 0, "no `env` section: SeaTunnel needs one (it may be empty: `env {}`)")
    for name in ("source", "sink"):
        s = secs.get(name)
        if s is None:
            yield ctx.diag("missing-section", end, end, f"no `{name}` section: a job needs at least one {name} plugin")
        elif not ctx.job.of_kind(name):
            yield ctx.diag("missing-section", s.key_start, s.key_end,
                           f"`{name}` has no plugin: a job needs at least one {name} plugin")


@rule("repeated-section", "ST005", "error", "A second top-level source/transform/sink replaces the first.", """
In SeaTunnel a plugin section is a list, and lists do not merge: a second `source {}` at the top
level silently replaces the first one, dropping its plugins. Put all plugins in one section.

Bad:
```hocon
source { FakeSource { plugin_output = "a" } }
source { FakeSource { plugin_output = "b" } }
```
Good:
```hocon
source {
  FakeSource { plugin_output = "a" }
  FakeSource { plugin_output = "b" }
}
```
""")
def repeated_section(ctx: Context) -> Iterator[Diagnostic]:
    last: dict[str, SField] = {}
    fields = _top_fields(ctx)
    for f in fields:
        kp = _key_path(ctx, f)
        if kp and len(kp) == 1 and kp[0] in SECTIONS and isinstance(f.value, SObject):
            last[kp[0]] = f
    for f in fields:
        kp = _key_path(ctx, f)
        if not (kp and len(kp) == 1 and kp[0] in SECTIONS and isinstance(f.value, SObject)):
            continue
        winner = last[kp[0]]
        if winner is not f:
            n = sum(1 for m in f.value.members if isinstance(m, SField))
            wp = ctx.source.pos(winner.key.start)
            yield ctx.diag("repeated-section", f.key.start, f.key.end,
                           f"this `{kp[0]}` section is replaced by the one at {wp.line}:{wp.column}; "
                           f"its {n} plugin(s) are lost",
                           related=[Related(winner.key.start, winner.key.end, f"the `{kp[0]}` section that wins")])


@rule("mangled-nested-key", "ST006", "error", "An object keyed source/sink/transform below the top level is rewritten by SeaTunnel.", """
SeaTunnel's parser turns every object under a key named `source`, `transform` or `sink` into a
list of its children, at any depth. A nested option group with such a name (a schema field group,
`sink { label-prefix = ... }`) loses its content. Use a flat dotted key or another name.

Bad:
```hocon
Doris {
  sink {
    label-prefix = "x"
  }
}
```
Good:
```hocon
Doris {
  sink.label-prefix = "x"
}
```
""")
def mangled_nested_key(ctx: Context) -> Iterator[Diagnostic]:
    root = ctx.doc.syntax
    if not isinstance(root, SObject) or ctx.doc.source.path and ctx.doc.source.path.endswith(".json"):
        return
    key_path = ctx.key_path
    for n, depth in syntax_walk(ctx).objects:  # depth: fields and list items above the object
        if depth == 0:
            continue
        for m in n.members:
            if not isinstance(m, SField) or not isinstance(m.value, SObject):
                continue
            kp = key_path(m)
            if kp and kp[-1] in SECTIONS:
                yield ctx.diag("mangled-nested-key", m.key.start, m.key.end,
                               f"an object under a key named `{kp[-1]}` is rewritten by SeaTunnel's parser into a "
                               f"list of its values; its keys are lost (write `{kp[-1]}.<key> = ...` instead)")


@rule("list-section-in-hocon", "ST007", "error", "`source = [ {...} ]` list syntax only works in .json files.", """
In a HOCON file SeaTunnel rewrites the objects of a `source`/`transform`/`sink` list into lists of
their values, and the job fails later. Write plugin blocks, or use a `.json` job file.

Bad:
```hocon
source = [ { plugin_name = "FakeSource" } ]
```
Good:
```hocon
source {
  FakeSource {}
}
```
""")
def list_section_in_hocon(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.doc.source.path and ctx.doc.source.path.endswith(".json"):
        return
    for f in _top_fields(ctx):
        kp = _key_path(ctx, f)
        if kp and len(kp) == 1 and kp[0] in SECTIONS and isinstance(f.value, SArray):
            yield ctx.diag("list-section-in-hocon", f.key.start, f.key.end,
                           f"`{kp[0]} = [...]` list syntax only works in .json job files; in HOCON write "
                           f"`{kp[0]} {{ PluginName {{ ... }} }}`")


@rule("ignored-include", "ST008", "warning", "An `include` directly inside source/transform/sink is dropped by SeaTunnel.", """
SeaTunnel's parser builds plugin sections from their child blocks only; an `include` written
directly inside `source {}`, `transform {}` or `sink {}` has no effect.

Bad:
```hocon
source {
  include "common-sources.conf"
}
```
Good:
```hocon
include "common-sources.conf"
```
""")
def ignored_include(ctx: Context) -> Iterator[Diagnostic]:
    for inc in ctx.doc.includes:
        if inc.in_plugin_list and inc.src is ctx.source:
            yield ctx.diag("ignored-include", inc.node.start, inc.node.end,
                           "an `include` directly inside a plugin section is ignored by SeaTunnel; move it to the "
                           "top level or inside a plugin block")


@rule("section-order", "ST009", "info", "Sections not in the usual env → source → transform → sink order.", """
Order does not change the meaning, but readers expect `env`, `source`, `transform`, `sink`.

Bad:
```hocon
sink { Console {} }
source { FakeSource {} }
```
Good:
```hocon
source { FakeSource {} }
sink { Console {} }
```
""", fix="unsafe")
def section_order(ctx: Context) -> Iterator[Diagnostic]:
    # one pass: the first section ranked below one before it, and the first earlier section of a
    # higher rank (the first of each rank seen is enough: there are four ranks)
    first_of_rank: dict[int, SField] = {}
    for f in _top_fields(ctx):
        kp = _key_path(ctx, f)
        if not (kp and len(kp) == 1 and kp[0] in TOP_SECTIONS):
            continue
        rank = TOP_SECTIONS.index(kp[0])
        higher = [g for r, g in first_of_rank.items() if r > rank]
        if higher:
            before = min(higher, key=lambda g: g.start)
            yield ctx.diag("section-order", f.key.start, f.key.end,
                           f"`{_key_text(ctx, f)}` comes after `{_key_text(ctx, before)}`; the usual order is "
                           "env, source, transform, sink", fix=_reorder_fix(ctx))
            return
        first_of_rank.setdefault(rank, f)


def _reorder_fix(ctx: Context) -> Fix | None:
    """Move whole sections (with the comment lines right above them) into canonical order.
    Only when the top level is made of sections alone, each starting on its own line."""
    root = ctx.doc.syntax
    if not isinstance(root, SObject) or root.braced:
        return None
    text = ctx.text
    src = ctx.source
    chunks: list[tuple[int, int, int]] = []  # (rank, start, end)
    for m in root.members:
        if not isinstance(m, SField):
            return None
        kp = _key_path(ctx, m)
        if not (kp and len(kp) == 1 and kp[0] in TOP_SECTIONS):
            return None
        line = src.pos(m.start).line
        if src.line_text(line)[: src.pos(m.start).column - 1].strip():
            return None  # something before the key on its line
        start_line = line
        while start_line > 1 and src.line_text(start_line - 1).lstrip().startswith(("#", "//")):
            start_line -= 1
        end_line = src.pos(m.end).line
        rest = src.line_text(end_line)[src.pos(m.end).column - 1:].strip()
        if rest and not rest.startswith(("#", "//")):
            return None
        start = src.line_start(start_line)
        end = src.line_start(end_line + 1) if end_line < src.line_count else len(text)
        chunks.append((TOP_SECTIONS.index(kp[0]), start, end))
    for (_, _, e1), (_, s2, _) in zip(chunks, chunks[1:]):
        if text[e1:s2].strip():
            return None
    if len({r for r, _, _ in chunks}) != len(chunks):
        return None  # repeated sections: order matters for their meaning
    bodies = [text[s:e] for _, s, e in chunks]
    if not bodies[-1].endswith("\n"):
        bodies[-1] += src.newline
    gaps = [text[e1:s2] for (_, _, e1), (_, s2, _) in zip(chunks, chunks[1:])]
    order = sorted(range(len(chunks)), key=lambda i: chunks[i][0])
    pieces = [bodies[order[0]]]
    for gap, i in zip(gaps, order[1:]):
        pieces.append(gap)
        pieces.append(bodies[i])
    out = "".join(pieces)
    region_end = chunks[-1][2]
    if not text[chunks[-1][1]:region_end].endswith("\n"):
        out = out[: -len(src.newline)] if out.endswith(src.newline) else out
    return Fix("unsafe", "move sections into the order env, source, transform, sink",
               (Edit(chunks[0][1], region_end, out),))


@rule("single-quoted-string", "ST016", "warning", "A value written in single quotes: HOCON keeps the quotes as part of the text.", """
HOCON has no single-quoted strings: `'` is an ordinary character of an unquoted string, so
`plugin.name = 'pgoutput'` sets the seven characters with the quotes, `'pgoutput'` (SeaTunnel's
shaded Typesafe Config tokenizer starts a quoted string only at `"`, and `'` is not among the
characters an unquoted string may not hold: Tokenizer.java:322, 2.3.13). A table name, time zone or
Debezium property written this way then names something that does not exist; an enum option
fails. Write double quotes (or no quotes). Unsafe fix: the value in double quotes.

Bad:
```hocon
source {
  Postgres-CDC {
    table-names = ['shop.public.orders']
  }
}
```
Good:
```hocon
source {
  Postgres-CDC {
    table-names = ["shop.public.orders"]
  }
}
```
""", fix="unsafe")
def single_quoted_string(ctx: Context) -> Iterator[Diagnostic]:
    import json

    from stlint.parser import in_recovered

    from stlint.hocon import is_json_path

    root = ctx.doc.syntax
    if not isinstance(root, SObject) or is_json_path(ctx.doc.source.path):  # JSON: a syntax error already
        return
    text = ctx.text
    w = syntax_walk(ctx)
    # the values (not the parts of a concatenation) made of unquoted text: a lone unquoted token
    # or a concatenation of unquoted tokens and whitespace
    cands = [n for n, parent in w.leaves if text.startswith("'", n.start) and not isinstance(parent, SConcat)
             and isinstance(n, SScalar) and n.kind in ("unquoted", "ws")]
    cands += [n for n, parent in w.concats if text.startswith("'", n.start) and not isinstance(parent, SConcat)
              and all(isinstance(p, SScalar) and p.kind in ("unquoted", "ws") for p in n.parts)]
    for n in cands:
        raw = text[n.start:n.end]
        if len(raw) < 2 or raw[0] != "'" or raw[-1] != "'" or in_recovered(root, n.start):
            continue
        inner = raw[1:-1]
        yield ctx.diag("single-quoted-string", n.start, n.end,
                       f"HOCON has no single-quoted strings: this value is {json.dumps(raw, ensure_ascii=False)}, "
                       "quotes included",
                       help="write it in double quotes",
                       fix=Fix("unsafe", "use double quotes", (Edit(n.start, n.end, json.dumps(inner, ensure_ascii=False)),)))
