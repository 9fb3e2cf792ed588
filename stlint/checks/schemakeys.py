"""Schema rules (ST610-ST613, data family): the keys inside a plugin's `schema { }` block.

SeaTunnel parses a connector's `schema` option with `ReadonlyConfigParser` (seatunnel-api,
`table/catalog/schema/`), called by `CatalogTableUtil.buildWithConfig`. The keys it reads in
each container (`schema`, `schema.primaryKey`, each `schema.columns[]` entry, each
`schema.constraintKeys[]` entry and its `constraintColumns[]` entries), with their types, enum
values, the messages of the `orElseThrow(...)` that make a key required and file:line, come from
the catalog (`schema_keys`, scanned per release by `stlint.catalog.schema_scan`); completion and
hover (`stlint.lsp.nested`) read the same facts, so the three agree.

Which `schema` options are parsed that way: a plugin option `schema` declared as SeaTunnel API's
`TableSchemaOptions.SCHEMA` (`org.apache.seatunnel.api...SCHEMA`), in the block and in each entry
of a multi-table list that is read as a plugin config (`tables_configs`) or lists `schema`.
A connector-specific `schema` (Jdbc's schema name, RocketMQ's `Config`) is not checked, nor a
schema the plugin does not parse in this config (overlay `schema_unused_when`: Kafka `format = native`).

`schema.fields` keys are the user's column names (not keys); their type names are ST601's.
"""

from __future__ import annotations

from typing import Iterator

from stlint.checks import Context, did_you_mean, rule, suggest
from stlint.diagnostics import Diagnostic, Edit, Fix
from stlint.hocon import HList, HObject, HScalar

# SeaTunnel's check of `fields` + `columns` (ReadonlyConfigParser.parse, same text in every release):
# the line of its message per release, read from the release's sources (2.3.8 tag, 2.3.9 d61cba233,
# 2.3.10 cdc79e13a ... 2.3.13 f4ca3102e)
BOTH_MESSAGE = "Schema config can't contains both [fields] and [columns], please correct your config first"
BOTH_LINE = {"2.3.8": 58, "2.3.9": 58, "2.3.10": 59, "2.3.11": 59, "2.3.12": 59, "2.3.13": 59}
# ConfigUtil.convertToEnum (seatunnel-api configuration/util/ConfigUtil.java:192-205 in 2.3.8 ... 2.3.13):
# the value matches a constant case-insensitively, else IllegalArgumentException
ENUM_WHERE = "ConfigUtil.java:204"
ENUM_MESSAGE = "Could not parse value for enum {cls}. Expected one of: [{values}]"

# containers below `schema` whose entries are objects SeaTunnel reads key by key
_NESTED = {"primaryKey": "schema.primaryKey", "columns": "schema.columns[]",
           "constraintKeys": "schema.constraintKeys[]"}
_NESTED_IN = {"schema.constraintKeys[]": {"constraintColumns": "schema.constraintKeys[].constraintColumns[]"}}


def _is_schema_option(o) -> bool:
    d = getattr(o, "declared_in", None)
    return isinstance(d, str) and d.startswith("org.apache.seatunnel.api.") and d.endswith(".SCHEMA")


def _short(where: str | None) -> str:
    return where.rsplit("/", 1)[-1] if where else "ReadonlyConfigParser.java"


def _java_class(fqn: str | None) -> str | None:
    """How Java prints the enum's Class (`class a.b.Outer$Inner`), from its dotted name."""
    if not fqn:
        return None
    parts = fqn.split(".")
    i = next((n for n, x in enumerate(parts) if x[:1].isupper()), len(parts) - 1)
    return "class " + ".".join(parts[:i]) + "." + "$".join(parts[i:])


def _close_keys(k: str, names: list[str], present) -> list[str]:
    """Did-you-mean keys: same word parts (`stlint.suggest`), else a key that starts with the
    written one but for its last letter (`columns` -> `columnNames`)."""
    close = suggest(k, names, 3)
    if not close and len(k) >= 5:
        low = k.lower()
        close = [n for n in names if n.lower().startswith(low[:-1]) and n.lower() != low][:3]
    return [c for c in close if c not in present]


class _Node:
    """One object SeaTunnel reads as a schema container: its catalog container name, the object,
    the path shown to the user and the field that holds it (for ranges)."""

    __slots__ = ("container", "obj", "shown", "field")

    def __init__(self, container: str, obj: HObject, shown: str, field) -> None:
        self.container = container
        self.obj = obj
        self.shown = shown
        self.field = field


def _schema_unused(p, spec) -> bool:
    """The plugin builds its table without the schema parser for this config (overlay
    `schema_unused_when`, e.g. Kafka source `format = native`)."""
    for key, values in spec.schema_unused_when.items():
        o = p.get(key)
        if o is not None and isinstance(o.value, HScalar) and str(o.value.value).upper() in values:
            return True
    return False


def _schemas(ctx: Context) -> list[tuple]:
    """(plugin, shown prefix, `schema` field) of every SeaTunnel schema in the job, memoised."""
    cat = ctx.catalog
    memo = ctx.memo.get("schemakeys")
    if memo is not None and memo[0] is cat:
        return memo[1]
    out: list[tuple] = []
    if cat is not None and cat.schema_keys("schema"):
        for p in ctx.job.plugins:
            if p.config is None or not isinstance(p.name, str) or not p.name:
                continue
            spec = cat.find(p.kind, p.name)
            if spec is None or not _is_schema_option(spec.option("schema")):
                continue
            if _schema_unused(p, spec):
                continue
            f = p.config.fields.get("schema")
            if f is not None:
                out.append((p, "", f))
            for t in spec.tables:
                if t.keys is not None and "schema" not in t.keys:
                    continue
                lst = p.config.fields.get(t.option)
                if lst is None or not isinstance(lst.value, HList):
                    continue
                for i, item in enumerate(lst.value.items):
                    if isinstance(item, HObject) and "schema" in item.fields:
                        out.append((p, f"{t.option}[{i}].", item.fields["schema"]))
    ctx.memo["schemakeys"] = (cat, out)
    return out


def _nodes(ctx: Context) -> Iterator[tuple]:
    """(plugin, _Node) of every container object inside every SeaTunnel schema."""
    for p, prefix, sf in _schemas(ctx):
        if not isinstance(sf.value, HObject):
            continue
        root = _Node("schema", sf.value, prefix + "schema", sf)
        yield p, root
        for key, cont in _NESTED.items():
            f = sf.value.fields.get(key)
            if f is None:
                continue
            if cont.endswith("[]"):
                if not isinstance(f.value, HList):
                    continue
                for i, it in enumerate(f.value.items):
                    if not isinstance(it, HObject):
                        continue
                    node = _Node(cont, it, f"{root.shown}.{key}[{i}]", f)
                    yield p, node
                    for k2, c2 in _NESTED_IN.get(cont, {}).items():
                        f2 = it.fields.get(k2)
                        if f2 is None or not isinstance(f2.value, HList):
                            continue
                        for j, it2 in enumerate(f2.value.items):
                            if isinstance(it2, HObject):
                                yield p, _Node(c2, it2, f"{node.shown}.{k2}[{j}]", f2)
            elif isinstance(f.value, HObject):
                yield p, _Node(cont, f.value, f"{root.shown}.{key}", f)


def _plugin_schema_keys(cat, p) -> frozenset:
    """Keys inside `schema` that the plugin reads itself through a `schema.X` option of its own
    (ReadonlyConfig.getValue walks `schema` -> `X` for the key `schema.X`)."""
    spec = cat.find(p.kind, p.name)
    if spec is None:
        return frozenset()
    return frozenset(k[len("schema."):].split(".")[0] for k in spec.all_keys() if k.startswith("schema."))


def _later_reader(ctx: Context, container: str, key: str) -> str | None:
    """The first newer shipped release whose schema parser reads `key` in `container`."""
    from stlint.checks.plugins import _load, _newer_versions

    for v in _newer_versions(ctx):
        c = _load(v)
        if c is not None and key in (c.schema_keys(container) or {}):
            return v
    return None


# --------------------------------------------------------------------------------------------
@rule("unknown-schema-key", "ST610", "warning", "A key inside `schema { }` that SeaTunnel's schema parser does not read.", """
SeaTunnel reads a connector's `schema` with its schema parser (`ReadonlyConfigParser`): `fields`
or `columns`, `primaryKey`, `constraintKeys`, `table`, `schema_first` (and `partition_keys` from
2.3.13); in a `columns` entry `name`, `type`, `columnLength`, `columnScale`, `nullable`,
`defaultValue`, `comment`; in `primaryKey` `name`, `columnNames`; in a `constraintKeys` entry
`constraintName`, `constraintType`, `constraintColumns` (entries: `columnName`, `sortType`). The
keys are read from each release's sources. Any other key is ignored without a word, so a typo
silently drops what it meant (a misspelt `nullable` leaves the column nullable). The keys of
`fields` are column names and are not checked. The fix renames the key when there is one close
candidate.

Bad:
```hocon
schema = {
  columns = [ { name = id, type = int, nulable = false } ]
  primaryKey { name = pk, columns = [id] }
}
```
Good:
```hocon
schema = {
  columns = [ { name = id, type = int, nullable = false } ]
  primaryKey { name = pk, columnNames = [id] }
}
```
""", fix="unsafe", family="data")
def unknown_schema_key(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    for p, node in _nodes(ctx):
        known = cat.schema_keys(node.container) or {}
        names = list(known)
        own = _plugin_schema_keys(cat, p) if node.container == "schema" else ()
        for k, f in node.obj.fields.items():
            if k in known or k in own or f.src is not ctx.source:
                continue
            later = _later_reader(ctx, node.container, k)
            shown = f"{node.shown}.{k}"
            if later is not None:
                yield ctx.diag("unknown-schema-key", f.key_start, f.key_end,
                               f"`{shown}` is read by SeaTunnel's schema parser from {later}; this job targets "
                               f"{cat.version}, which ignores it", help=f"target SeaTunnel {later} or newer",
                               plugin=p.label, option=shown)
                continue
            head, dot, rest = k.partition(".")
            if dot and head in known:
                # `primaryKey.name = x`: with SeaTunnel's `->` path separator this is one flat key, and
                # ReadonlyConfig finds the exact key `primaryKey` only (ReadonlyConfig.getValue)
                yield ctx.diag("unknown-schema-key", f.key_start, f.key_end,
                               f"`{shown}` is one flat key for SeaTunnel (its path separator is `->`), so the "
                               f"schema parser never sees `{head}`; SeaTunnel {cat.version} ignores it",
                               help=f"write `{head} {{ {rest} = ... }}`", plugin=p.label, option=shown)
                continue
            close = _close_keys(k, names, node.obj.fields)
            msg = f"`{shown}` is not a key SeaTunnel's schema parser reads; SeaTunnel {cat.version} ignores it"
            if close:
                msg += "; " + did_you_mean(close)
            reps = ctx.replacements(f.key_start, f.key_end, k, close)
            fix = None
            if len(close) == 1 and len(reps) == 1:
                fix = Fix("unsafe", f"rename to `{close[0]}`", (Edit(f.key_start, f.key_end, reps[0]),))
            yield ctx.diag("unknown-schema-key", f.key_start, f.key_end, msg, fix=fix, plugin=p.label,
                           option=shown, suggestions=reps)


# --------------------------------------------------------------------------------------------
@rule("missing-schema-key", "ST611", "error", "A key SeaTunnel's schema parser requires is missing (the job fails).", """
SeaTunnel's schema parser throws when an entry lacks a key it requires: a `columns` entry without
`name` or `type`, a `primaryKey` without `name` or `columnNames`, a `constraintKeys` entry without
`constraintName`, `constraintType` or `constraintColumns`, a `constraintColumns` entry without
`columnName`. The message quotes SeaTunnel's own, with the file and line of the targeted release.

Bad:
```hocon
schema = {
  columns = [ { name = id } ]
  primaryKey { columnNames = [id] }
}
```
Good:
```hocon
schema = {
  columns = [ { name = id, type = bigint } ]
  primaryKey { name = pk_id, columnNames = [id] }
}
```
""", family="data")
def missing_schema_key(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    for p, node in _nodes(ctx):
        if node.container == "schema" or node.obj.src is not ctx.source:
            continue
        for k in cat.schema_keys(node.container) or {}:
            fact = cat.schema_key_fact(node.container, k) or {}
            req = fact.get("required")
            if not req or k in node.obj.fields:
                continue
            if node.container.endswith("[]"):
                start, end = node.obj.start, node.obj.end
            else:
                start, end = node.field.key_start, node.field.key_end
            yield ctx.diag("missing-schema-key", start, end,
                           f"`{node.shown}` has no `{k}`: SeaTunnel {cat.version} fails with \"{req}\" "
                           f"({_short(fact.get('where'))})", help=f"add `{k} = ...`",
                           plugin=p.label, option=f"{node.shown}.{k}")


# --------------------------------------------------------------------------------------------
@rule("schema-fields-and-columns", "ST612", "error", "A schema with both `fields` and `columns` (SeaTunnel refuses it).", """
A schema declares its columns either with `fields` (name = type) or with `columns` (a list of
entries with `name`, `type`, `nullable` ...), not both: SeaTunnel's schema parser throws "Schema
config can't contains both [fields] and [columns], please correct your config first". (A schema
with neither is not refused by the parser: it yields a table without columns.)

Bad:
```hocon
schema = {
  fields { id = int }
  columns = [ { name = id, type = int } ]
}
```
Good:
```hocon
schema = {
  columns = [ { name = id, type = int } ]
}
```
""", family="data")
def schema_fields_and_columns(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    line = BOTH_LINE.get(cat.version)
    for p, node in _nodes(ctx):
        if node.container != "schema":
            continue
        fl, co = node.obj.fields.get("fields"), node.obj.fields.get("columns")
        if fl is None or co is None or co.src is not ctx.source:
            continue
        where = f"ReadonlyConfigParser.java:{line}" if line else "ReadonlyConfigParser.java"
        yield ctx.diag("schema-fields-and-columns", co.key_start, co.key_end,
                       f"`{node.shown}` has both `fields` and `columns`: SeaTunnel {cat.version} fails with "
                       f"\"{BOTH_MESSAGE}\" ({where})", help="keep one of them",
                       plugin=p.label, option=f"{node.shown}.columns")


# --------------------------------------------------------------------------------------------
@rule("invalid-schema-enum", "ST613", "error", "A `constraintType` or `sortType` value SeaTunnel does not know.", """
`constraintType` of a `constraintKeys` entry (`INDEX_KEY`, `UNIQUE_KEY`, `FOREIGN_KEY`,
`VECTOR_INDEX_KEY`) and `sortType` of a `constraintColumns` entry (`ASC`, `DESC`) are converted to
SeaTunnel enums, case-insensitively; any other value fails the job ("Could not parse value for
enum ... Expected one of: [...]", ConfigUtil.convertToEnum). The values come from each release's
sources. The fix writes the close value when there is one.

Bad:
```hocon
constraintKeys = [ { constraintName = idx, constraintType = INDEX, constraintColumns = [ { columnName = id } ] } ]
```
Good:
```hocon
constraintKeys = [ { constraintName = idx, constraintType = INDEX_KEY, constraintColumns = [ { columnName = id } ] } ]
```
""", fix="unsafe", family="data")
def invalid_schema_enum(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    for p, node in _nodes(ctx):
        for k, o in (cat.schema_keys(node.container) or {}).items():
            values = o.enum_values
            f = node.obj.fields.get(k)
            if not values or f is None or f.src is not ctx.source or not isinstance(f.value, HScalar):
                continue
            raw = f.value.value
            if not isinstance(raw, str) or raw.upper() in {v.upper() for v in values} or "${" in raw:
                # a `${var}` placeholder is replaced by the job's variables before the parser runs
                continue
            fact = cat.schema_key_fact(node.container, k) or {}
            cls = _java_class(fact.get("enum_class")) or k
            close = suggest(raw.upper(), values, 3) or suggest(raw, values, 3)
            msg = (f"`{node.shown}.{k}` = `{raw}` is not one of {', '.join(values)}: SeaTunnel {cat.version} fails "
                   f"converting it (\"{ENUM_MESSAGE.format(cls=cls, values=', '.join(values))}\", {ENUM_WHERE}, "
                   f"read at {_short(fact.get('where'))})")
            if close:
                msg += "; " + did_you_mean(close)
            v = f.value
            text = ctx.text[v.start:v.end]
            quote = '"' if text.startswith('"') else ""
            reps = tuple(f"{quote}{c}{quote}" for c in close)
            fix = None
            if len(close) == 1:
                fix = Fix("unsafe", f"write `{close[0]}`", (Edit(v.start, v.end, reps[0]),))
            yield ctx.diag("invalid-schema-enum", v.start, v.end, msg, fix=fix, plugin=p.label,
                           option=f"{node.shown}.{k}", suggestions=reps)
