"""Variables and placeholders (ST5xx).

Three kinds of `${...}` live in a SeaTunnel job file:

* unquoted `${X}`: a HOCON substitution, resolved when the file is loaded from config paths, then
  environment variables, then JVM system properties (which is where `-i X=...` puts its values);
  anything left makes the loader throw `ConfigException.NotResolved`;
* quoted `"${X}"` / `"${X:default}"`: a SeaTunnel variable, replaced after loading from `-i` (system
  properties) only, else by its default, else left as literal text;
* quoted table placeholders (`"${table_name}"`, ...): replaced per table, in sink options only.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from stlint._records import dataclass
from typing import Callable, Iterator

from stlint.checks import Context, model_rule, rule, suggest
from stlint.checks.walk import syntax_walk
from stlint.diagnostics import Diagnostic, Edit, Fix
from stlint.hocon import SECTIONS, HConcat, HList, HMerge, HObject, HSubst, HUnresolved
from stlint.job import PLACEHOLDER_RE, TABLE_PLACEHOLDERS, Plugin
from stlint.parser import SArray, SConcat, SField, SObject, SScalar, SSubst

# API/sink/SaveModePlaceHolder.java: the placeholders of `save_mode_create_template`
SAVE_MODE_PLACEHOLDERS = frozenset({
    "rowtype_primary_key", "rowtype_unique_key", "rowtype_duplicate_key", "rowtype_fields",
    "table", "database", "comment", "table_name",
})
SAVE_MODE_KEYS = frozenset({"save_mode_create_template"})  # excludeTablePlaceholderReplaceKeys()
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DOLLAR_BRACE = re.compile(r"\$\{")


model_rule("template-syntax", "ST506", "info", "The file is a template for another tool (Jinja `{{ }}`, `{% %}`): values with template syntax are not checked.", """
Files rendered by another tool before SeaTunnel reads them (Jinja, Ansible, Helm / Go templates)
contain `{{ expression }}`, `{% statement %}` and `{# comment #}` tags. What SeaTunnel runs is the
rendered text, which stlint does not see. stlint reports the template once, reads each tag as
something it cannot know (statements and comments as blank, an expression as a value), and skips
the checks on values that contain template syntax, the way it skips values that depend on an
unresolved substitution. Everything else (structure, plugin names, options without template
syntax) is still checked. To check the real job, lint the rendered file.

Bad (reported once):
```hocon
env { parallelism = {{ parallelism }} }
```
Good (a value that holds a SeaTunnel variable is checked as usual):
```hocon
env { parallelism = ${PARALLELISM} }
```
""", family="variables")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _escape(s: str) -> str:
    """Text as the body of a HOCON/JSON quoted string."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


def quote_value(ctx: Context, node, inside: Callable[[SSubst], bool]) -> str | None:
    """A quoted-string rewrite of a value (a lone ``SSubst`` or an ``SConcat``) that reads the same.
    Substitutions for which ``inside(s)`` is true move into the quotes (they become SeaTunnel
    variables); the others stay unquoted HOCON substitutions between quoted runs, so their
    meaning is kept: ``a ${X} ${Y:z}`` -> ``"a "${X}" ${Y:z}"``. None when not possible."""
    parts = node.parts if isinstance(node, SConcat) else [node]
    out: list[str] = []
    buf: list[str] | None = None
    text = ctx.text
    prev_end = None
    for p in parts:
        if prev_end is not None and p.start > prev_end:
            # whitespace between parts of a concatenation is part of the value
            buf = buf if buf is not None else []
            buf.append(_escape(text[prev_end:p.start]))
        prev_end = p.end
        if isinstance(p, SScalar):
            if p.kind == "missing":
                return None
            buf = buf if buf is not None else []
            buf.append(_escape(p.text))
        elif isinstance(p, SSubst):
            raw = text[p.start:p.end]
            if inside(p):
                buf = buf if buf is not None else []
                buf.append(_escape(raw))
            else:
                if buf is not None:
                    out.append('"' + "".join(buf) + '"')
                    buf = None
                out.append(raw)
        else:
            return None  # an object or list in the concatenation
    if buf is not None:
        out.append('"' + "".join(buf) + '"')
    return "".join(out)


def _substs(ctx: Context) -> list[tuple[SSubst, object]]:
    """(substitution node, the value that holds it) for every ``${...}`` node of the syntax tree,
    from the lint's one shared walk (``stlint.checks.walk``)."""
    return [(n, parent) for n, parent in syntax_walk(ctx).leaves if isinstance(n, SSubst)]


@dataclass
class _Where:
    kind: str  # "env" | "source" | "transform" | "sink"
    plugin: Plugin | None
    path: tuple[str, ...]  # key path inside the plugin block / env
    in_list: bool  # inside a list (any depth)
    in_list_object: bool  # inside an object that is an element of a list (not substituted)

    @property
    def top_key(self) -> bool:
        return len(self.path) == 1 and not self.in_list

    @property
    def label(self) -> str:
        return self.plugin.label if self.plugin is not None else self.kind


def _key_path(ctx: Context, f: SField) -> tuple[str, ...] | None:
    return ctx.key_path(f)  # once per key per lint, shared with every rule


def quoted_placeholders(ctx: Context) -> list[tuple[str, str | None, int, int, _Where]]:
    """Quoted ``${name}`` / ``${name:default}`` in the values of env and of each plugin block
    of this file: (name, default, start, end, where). One walk per lint, shared by the rules."""
    memo = ctx.memo.get("quoted_placeholders")
    if memo is not None and memo[0] is ctx.doc:
        return memo[1]
    # a placeholder is found in the file's own text: without `${` there is none (most jobs)
    out = list(_quoted_placeholders(ctx)) if ctx.has_subst else []
    ctx.memo["quoted_placeholders"] = (ctx.doc, out)
    return out


def _quoted_placeholders(ctx: Context) -> Iterator[tuple[str, str | None, int, int, _Where]]:
    root = ctx.doc.syntax
    if not isinstance(root, SObject):
        return
    by_start = {p.name_start: p for p in ctx.job.plugins}
    text = ctx.text
    # a placeholder is matched in the text of a value: a value whose range holds no `${` has none
    # (one binary search per field instead of building its key path and walking it)
    at = [m.start() for m in _DOLLAR_BRACE.finditer(text)]

    def has(n) -> bool:
        i = bisect_left(at, n.start)
        return i < len(at) and at[i] < n.end

    for top in root.members:
        if not isinstance(top, SField) or not isinstance(top.value, SObject):
            continue
        kp = _key_path(ctx, top)
        if kp == ("env",):
            blocks = [(top.value, "env", None)]
        elif kp is not None and len(kp) == 1 and kp[0] in SECTIONS:
            blocks = []
            for m in top.value.members:
                if isinstance(m, SField) and m.key.start in by_start:
                    blocks.append((m.value, kp[0], by_start[m.key.start]))
        else:
            continue
        for block, kind, plugin in blocks:
            if not has(block):
                continue
            stack: list[tuple[object, tuple[str, ...], bool, bool]] = [(block, (), False, False)]
            while stack:
                n, path, in_list, in_lobj = stack.pop()
                if isinstance(n, SObject):
                    for m in n.members:
                        if isinstance(m, SField) and has(m.value):
                            sub = _key_path(ctx, m) or ()
                            stack.append((m.value, path + sub, in_list, in_lobj))
                elif isinstance(n, SArray):
                    for it in n.items:
                        if has(it):
                            stack.append((it, path, True, in_lobj or isinstance(it, SObject)))
                elif isinstance(n, SConcat):
                    stack.extend((p, path, in_list, in_lobj) for p in n.parts)
                elif isinstance(n, SScalar) and n.kind in ("quoted", "triple") and "${" in n.text:
                    raw = text[n.start:n.end]
                    where = _Where(kind, plugin, path, in_list, in_lobj)
                    for mt in PLACEHOLDER_RE.finditer(raw):
                        yield (mt.group(1), mt.group(2), n.start + mt.start(), n.start + mt.end(), where)


# --------------------------------------------------------------------------------------------
@rule("unquoted-placeholder-default", "ST501", "error",
      "`${VAR:default}` outside quotes: a parse error in SeaTunnel.", """
Typesafe Config (SeaTunnel's parser) does not know defaults in substitutions: inside an unquoted
`${ }` the `:` is a bad path token and loading fails with `ConfigException.BadPath`. SeaTunnel's own
variables with defaults are written inside a quoted string, where SeaTunnel replaces them after
loading (from `-i`, else the default). The fix moves the value into one quoted string, keeping
quoted parts, whitespace and escapes as they read, and keeping plain `${X}` substitutions outside
the quotes so they still resolve from the config and the environment.

Bad:
```hocon
FakeSource {
  row.num = ${ROWS:16}
  table = db_${DB:test}_t
}
```
Good:
```hocon
FakeSource {
  row.num = "${ROWS:16}"
  table = "db_${DB:test}_t"
}
```
""", fix="safe")
def unquoted_placeholder_default(ctx: Context) -> Iterator[Diagnostic]:
    root = ctx.doc.syntax
    if root is None or not ctx.has_subst:  # no substitution node without `${` in the text
        return
    fixed_values: set[int] = set()
    found = []
    for n, parent in _substs(ctx):
        if n.default_at >= 0:
            found.append((n, parent))
    found.sort(key=lambda t: t[0].start)
    for n, parent in found:
        value = parent if isinstance(parent, SConcat) else n
        raw = ctx.text[n.start:n.end]
        fix = None
        if value.start not in fixed_values:
            new = quote_value(ctx, value, lambda s: s.default_at >= 0)
            if new is not None:
                fixed_values.add(value.start)
                fix = Fix("safe", "quote the value so SeaTunnel reads the default",
                          (Edit(value.start, value.end, new),))
        yield ctx.diag("unquoted-placeholder-default", n.start, n.end,
                       f"`{raw}`: a default value in an unquoted substitution is a parse error in SeaTunnel "
                       f"(Typesafe rejects the `:`); write it inside a quoted string: \"{raw}\"",
                       fix=fix)


# --------------------------------------------------------------------------------------------
def _unresolved_substs(v, out: list) -> None:
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, HUnresolved):
            stack.append(x.value)
        elif isinstance(x, HSubst):
            out.append(x)
        elif isinstance(x, HConcat):
            stack.extend(x.parts)
        elif isinstance(x, HMerge):
            stack.extend(x.stack)
        elif isinstance(x, HObject):
            stack.extend(f.value for f in x.fields.values())
        elif isinstance(x, HList):
            stack.extend(x.items)


def _config_has(ctx: Context, path: tuple[str, ...]) -> bool:
    cur = ctx.doc.resolved
    for p in path:
        if isinstance(cur, HObject) and p in cur.fields:
            cur = cur.fields[p].value
        elif isinstance(cur, HList) and p.isdigit() and int(p) < len(cur.items):
            cur = cur.items[int(p)]
        else:
            return False
    return True


@rule("unresolved-variable", "ST502", "error",
      "An unquoted `${X}` defined nowhere stlint can see: loading fails unless the environment or `-i` sets it.", """
SeaTunnel resolves an unquoted `${X}` while loading the file: first from a path of the config
itself, then from an environment variable `X`, then from JVM system properties, which is where
`-i X=value` puts its values. If none has it, loading stops with `ConfigException.NotResolved`.
stlint knows the file and the variables you give it (`vars`, like `-i`), not the environment of
the machine that will run the job, so:

* **error** when the reference cannot be meant for the environment: a multi-element path
  (`${a->b}`), a dotted name whose `->` spelling is a path of this file (SeaTunnel's path separator
  is `->`, so `${env.parallelism}` looks up one key named `env.parallelism`), a reserved table
  placeholder name (`${table_name}`: SeaTunnel refuses `-i table_name=...`; table placeholders must
  be quoted), or, when you gave stlint the job's `-i` variables, a name that is not among them and
  cannot be an environment variable name;
* **info** otherwise: an environment variable or `-i` may provide it when the job is submitted.

Bad:
```hocon
env { parallelism = ${env.par} }
```
Good:
```hocon
env { parallelism = ${PARALLELISM} }   # run with -i PARALLELISM=4 (or export PARALLELISM)
```
""", fix="unsafe")
def unresolved_variable(ctx: Context) -> Iterator[Diagnostic]:
    # only substitutions written in this file's text are reported (they need a `${` there)
    if ctx.doc.resolved is None or ctx.doc.syntax is None or not ctx.has_subst:
        return
    substs: list[HSubst] = []
    _unresolved_substs(ctx.doc.resolved, substs)
    # syntax nodes by start offset, to skip `${X:def}` (ST501) and to build fixes
    syn: dict[int, tuple[SSubst, object]] = {}
    for n, parent in _substs(ctx):
        syn[n.start] = (n, parent)
    vars_ = ctx.settings.vars or {}
    seen: set[int] = set()
    for s in sorted(substs, key=lambda s: s.start):
        if s.src is not ctx.source or s.start in seen:
            continue
        seen.add(s.start)
        node, parent = syn.get(s.start, (None, None))
        if node is None or node.default_at >= 0:
            continue
        name = node.name
        raw = ctx.text[s.start:s.end]
        if name in vars_ or (len(s.path) == 1 and s.path[0] in vars_):
            continue
        sev = "info"
        fix = None
        msg = (f"`{raw}` is not defined in this file: SeaTunnel takes it from the environment variable "
               f"`{name}` or from `-i {name}=...`; if neither is set when the job is submitted, loading "
               "fails (ConfigException.NotResolved)")
        if name in TABLE_PLACEHOLDERS:
            sev = "error"
            msg = (f"`{raw}` is a table placeholder written outside quotes: HOCON tries to resolve it while "
                   f"loading and fails (SeaTunnel refuses `-i {name}=...`); quote it: \"{raw}\"")
            value = parent if isinstance(parent, SConcat) else node
            new = quote_value(ctx, value, lambda x: x.default_at >= 0 or x is node)
            if new is not None:
                fix = Fix("unsafe", "quote the table placeholder", (Edit(value.start, value.end, new),))
        elif len(s.path) > 1:
            sev = "error"
            msg = f"`{raw}` refers to the config path `{name}`, which does not exist in this file"
        elif "." in name and len(tuple(name.split("."))) > 1 and _config_has(ctx, tuple(name.split("."))):
            sev = "error"
            arrow = name.replace(".", "->")
            msg = (f"`{raw}` looks up one key named `{name}` (SeaTunnel's path separator is `->`, not `.`), "
                   f"which does not exist; did you mean `${{{arrow}}}`?")
            fix = Fix("unsafe", f"use `${{{arrow}}}`", (Edit(s.start, s.end, "${" + ("?" if node.optional else "") + arrow + "}"),))
        elif vars_:
            close = suggest(name, vars_, n=1)
            if not _ENV_NAME.match(name):
                sev = "error"
                msg = (f"`{raw}` is not among the `-i` variables given to stlint and `{name}` cannot be an "
                       "environment variable name: loading fails (ConfigException.NotResolved)")
            else:
                msg += " (it is not among the `-i` variables given to stlint)"
            if close:
                msg += f"; did you mean `{close[0]}`?"
        d = ctx.diag("unresolved-variable", s.start, s.end, msg, fix=fix)
        d.severity = sev
        yield d


# --------------------------------------------------------------------------------------------
@rule("placeholder-without-default", "ST503", "info",
      "A quoted `\"${X}\"` without default stays literal text when `-i X=...` is forgotten.", """
SeaTunnel replaces a quoted `"${X}"` after loading with the value of `-i X=...` (system properties
only: environment variables are not consulted for quoted variables). Without `-i X` and without
a default the text stays `${X}` verbatim, with no error, and the job runs with a wrong value.
Give a default (`"${X:value}"`), or keep it and remember `-i`. Not reported: table placeholders,
the placeholders of `save_mode_create_template`, placeholders the plugin fills itself at run time
(the catalog's row placeholders, with the SeaTunnel code that fills them: Kafka sink `topic`,
Elasticsearch/Easysearch `index` from row fields, LLM/Embedding `custom_request_body` `${model}`,
`${input}`, `${prompt}`, file sinks' `file_name_expression` and `partition_dir_expression`; Http
`${<page_field>}`), options the plugin does not read and plugins the catalog does not know
(unknown-option / unknown-plugin report those), and names
in stlint's `vars` (considered given), `TODO_*` review markers (written by the
missing-required-option fix), and the whole value of a secret key
(`password = "${DB_PASSWORD}"`: a default would put the secret back into the file). In an object inside a list SeaTunnel never replaces
variables; the message says so.

Bad:
```hocon
Jdbc { url = "jdbc:mysql://${DB_HOST}/shop" }
```
Good:
```hocon
Jdbc { url = "jdbc:mysql://${DB_HOST:localhost}/shop" }
```
""")
def placeholder_without_default(ctx: Context) -> Iterator[Diagnostic]:
    vars_ = ctx.settings.vars or {}
    for name, default, start, end, where in quoted_placeholders(ctx):
        if default is not None or name in vars_ or name in TABLE_PLACEHOLDERS:
            continue
        if where.kind == "sink" and where.path and where.path[0] in SAVE_MODE_KEYS:
            continue
        if _sink_misspelling(name, where) is not None:
            continue  # reported by unknown-table-placeholder
        if _row_placeholder(ctx, where, name) is not None:
            continue  # filled by the plugin itself (catalog: overlay row_placeholders)
        if _not_read(ctx, where):
            continue  # unknown-plugin / unknown-option report it; what the text becomes does not matter
        if where.path and _is_secret(where, start, end, ctx):
            continue  # a secret must not get a default in the file (plaintext-secret's fix writes this form)
        if where.plugin is not None and name in _page_fields(where.plugin):
            continue
        if name.startswith("TODO_"):
            continue  # a review marker written by missing-required-option's fix: it is the to-do itself
        if where.in_list_object:
            msg = (f"`${{{name}}}` sits in an object inside a list, where SeaTunnel does not replace "
                   f"variables: it stays the literal text `${{{name}}}` even with `-i {name}=...`")
        else:
            msg = (f"`${{{name}}}` has no default: unless the job is started with `-i {name}=...` it stays "
                   f"the literal text `${{{name}}}` (quoted variables are not read from the environment)")
        yield ctx.diag("placeholder-without-default", start, end, msg,
                       plugin=where.plugin.label if where.plugin else None)


# --------------------------------------------------------------------------------------------
def _is_secret(where: _Where, start: int, end: int, ctx: Context) -> bool:
    """The placeholder is the whole value of a sensitive key (password, token, ...)."""
    from stlint.checks.secrets import SEATUNNEL_SENSITIVE, _patterns, is_secret_key

    key = ".".join(where.path)
    if not (where.path[-1] in SEATUNNEL_SENSITIVE or is_secret_key(key, _patterns(ctx))):
        return False
    return ctx.text[start - 1:start] == '"' and ctx.text[end:end + 1] == '"'


def _row_placeholder(ctx: Context, where: _Where, name: str):
    """The catalog entry under which the plugin fills ``${name}`` at ``where`` itself, else None."""
    cat = ctx.catalog
    if cat is None or where.plugin is None or not where.path:
        return None
    try:
        return cat.row_placeholder(where.kind, where.plugin.name, ".".join(where.path), name)
    except AttributeError:  # a catalog object without row placeholders
        return None


def _not_read(ctx: Context, where: _Where) -> bool:
    """The plugin is unknown to the catalog, or does not read the option (the keys unknown-option
    reports)."""
    cat = ctx.catalog
    if cat is None or where.plugin is None or not where.path:
        return False
    spec = cat.find(where.kind, where.plugin.name)
    if spec is None:
        return bool(cat.names(where.kind))  # an unknown plugin (reported by unknown-plugin)
    if not spec.options_known:
        return False
    from stlint.checks.plugins import _known

    return not _known(cat, spec).covers(".".join(where.path))


def _page_fields(p: Plugin) -> set[str]:
    """Http paging: `${<page_field>}` in the body/params is filled by the connector."""
    out = set()
    for k, o in p.options.items():
        if k.endswith("page_field"):
            out.add(str(o.py))
    return out


def _sink_misspelling(name: str, where: _Where) -> tuple[str, list[str]] | None:
    """(message, suggestions) when a quoted sink placeholder looks like a mistyped table (or
    save-mode template) placeholder, else None."""
    if where.kind != "sink":
        return None
    save_mode = bool(where.path) and where.path[0] in SAVE_MODE_KEYS
    known = SAVE_MODE_PLACEHOLDERS if save_mode else TABLE_PLACEHOLDERS
    if name in known:
        return None
    close = suggest(name, known, n=1, cutoff=0.8)
    if save_mode:
        if not close and name not in TABLE_PLACEHOLDERS:
            return None
        msg = (f"`${{{name}}}` is not a placeholder of `{where.path[0]}`, which has its own set "
               "(rowtype_primary_key, rowtype_unique_key, rowtype_duplicate_key, rowtype_fields, table, "
               "database, comment)")
    elif name == "comment":
        msg = ("`${comment}` is not replaced in sink options (the docs list it, SeaTunnel does not implement "
               "it; only `save_mode_create_template` knows it)")
        close = []
    else:
        if not close:
            return None
        msg = f"`${{{name}}}` is not a table placeholder, so SeaTunnel leaves it as it is"
    return msg, close


@rule("unknown-table-placeholder", "ST504", "warning",
      "A sink placeholder that is close to, but not, a table placeholder name.", """
In sink options SeaTunnel replaces `${database_name}`, `${schema_name}`, `${schema_full_name}`,
`${table_name}`, `${table_full_name}`, `${primary_key}`, `${unique_key}` and `${field_names}` with
the values of each upstream table. A misspelt name is not replaced: it stays literal text (or is
taken as a `-i` variable). `save_mode_create_template` is excluded from that replacement and has
its own placeholders (`${rowtype_primary_key}`, `${rowtype_unique_key}`, `${rowtype_duplicate_key}`,
`${rowtype_fields}`, `${table}`, `${database}`, `${comment}`, deprecated `${table_name}`), checked
instead. `${comment}` elsewhere is listed in the docs but not implemented.

Bad:
```hocon
Jdbc { table = "${table_nam}" }
```
Good:
```hocon
Jdbc { table = "${table_name}" }
```
""", fix="unsafe")
def unknown_table_placeholder(ctx: Context) -> Iterator[Diagnostic]:
    vars_ = ctx.settings.vars or {}
    for name, default, start, end, where in quoted_placeholders(ctx):
        if name in vars_:
            continue
        hit = _sink_misspelling(name, where)
        if hit is None:
            continue
        msg, close = hit
        fix = None
        if close:
            msg += f"; did you mean `${{{close[0]}}}`?"
            ns = start + 2
            fix = Fix("unsafe", f"use `${{{close[0]}}}`", (Edit(ns, ns + len(name), close[0]),))
        yield ctx.diag("unknown-table-placeholder", start, end, msg, fix=fix,
                       help=f"did you mean `${{{close[0]}}}`?" if close else None,
                       plugin=where.label)


# --------------------------------------------------------------------------------------------
@rule("misplaced-table-placeholder", "ST505", "warning",
      "A table placeholder outside a sink's top-level options is never replaced.", """
Table placeholders (`${table_name}`, `${database_name}`, ...) are replaced only in the top-level
options of a sink, per upstream table. In `env`, a source, a transform, or a nested object of a sink
they are not: without a default the text stays `${table_name}` literally; with one
(`${table_name:x}`) the loader's variable step replaces it by the default, the same for every table.

Bad:
```hocon
transform { Sql { query = "select * from ${table_name}" } }
```
Good:
```hocon
sink { Jdbc { table = "${table_name}" } }
```
""")
def misplaced_table_placeholder(ctx: Context) -> Iterator[Diagnostic]:
    for name, default, start, end, where in quoted_placeholders(ctx):
        if name not in TABLE_PLACEHOLDERS:
            continue
        if where.kind == "sink":
            if where.path and where.path[0] in SAVE_MODE_KEYS:
                continue  # its own placeholders (ST504)
            if len(where.path) == 1 and not where.in_list_object:
                continue
            place = f"a nested option of `{where.label}`"
        elif where.kind == "env":
            place = "`env`"
        else:
            place = f"`{where.label}`"
        then = (f"it is replaced by its default `{default}` when the file is loaded" if default is not None
                else f"it stays the literal text `${{{name}}}`")
        yield ctx.diag("misplaced-table-placeholder", start, end,
                       f"`${{{name}}}` is a table placeholder, replaced only in top-level sink options; in "
                       f"{place} {then}", plugin=where.plugin.label if where.plugin else None)


# --------------------------------------------------------------------------------------------
@rule("row-placeholder-partial", "ST507", "warning",
      "A value with a row placeholder of which the plugin uses only the placeholder: the rest is dropped.", """
Some options take `${field}` placeholders that the plugin fills itself at run time from each row
(see placeholder-without-default). The Kafka sink's `topic` is special: SeaTunnel finds the first
`${...}` and uses the value of that row field as the whole topic
(DefaultSeaTunnelRowSerializer.topicExtractor in connector-kafka). Text around it and any further
placeholder are silently dropped: `topic = "orders-${region}"` writes to topic `eu`, not
`orders-eu`. Build the full topic name in the row (e.g. with a Sql transform) and use one placeholder.

Bad:
```hocon
sink { Kafka { topic = "orders-${region}" } }
```
Good:
```hocon
transform { Sql { query = "select *, concat('orders-', region) as topic_name from t" } }
sink { Kafka { topic = "${topic_name}" } }
```
""")
def row_placeholder_partial(ctx: Context) -> Iterator[Diagnostic]:
    vars_ = ctx.settings.vars or {}
    seen: set[int] = set()
    for name, default, start, end, where in quoted_placeholders(ctx):
        if name in vars_ or name in TABLE_PLACEHOLDERS:
            continue
        rp = _row_placeholder(ctx, where, name)
        if rp is None or rp.get("use") != "first_whole" or where.plugin is None:
            continue
        o = where.plugin.get(".".join(where.path))
        if o is None or o.value.src is not ctx.source:
            continue
        v = o.value
        if v.start in seen:
            continue
        seen.add(v.start)
        raw = ctx.text[v.start:v.end]
        body = raw[1:-1] if raw.startswith('"') and not raw.startswith('"""') else raw
        body_off = v.start + (1 if body is not raw else 0)
        # SeaTunnel's regex: \$\{(.*?)\} on the loaded string (variables with `-i` values are replaced before)
        # (table placeholders, `-i` variables and `${X:default}` are replaced while loading, earlier)
        ms = [m for m in re.finditer(r"\$\{(.*?)\}", body, re.S)
              if m.group(1) not in vars_ and m.group(1) not in TABLE_PLACEHOLDERS and ":" not in m.group(1)]
        if not ms:
            continue
        first = ms[0]
        before, after = body[:first.start()], body[first.end():]
        if not before and not after:
            continue
        dropped = []
        if before:
            dropped.append(f"`{before}` before it")
        if after:
            dropped.append(f"`{after}` after it")
        key = ".".join(where.path)
        yield ctx.diag("row-placeholder-partial", body_off + first.start(), body_off + first.end(),
                       f"`{key}` of {where.label}: SeaTunnel uses the value of the row field `{first.group(1)}` as the "
                       f"whole {key}; {' and '.join(dropped)} {'is' if len(dropped) == 1 else 'are'} silently dropped "
                       f"({rp['source'].rsplit('/', 1)[-1].split(' (')[0]})",
                       plugin=where.label, option=key)
