"""Schema rules (ST610-ST614, data family): the keys inside a plugin's `schema { }` block.

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

Values: every read goes through `ConfigUtil.convertValue` (seatunnel-api, the same code in 2.3.8 ...
2.3.13). SeaTunnel renders the job's HOCON to JSON and reads it back with Jackson
(`ReadonlyConfig.fromConfig`), so a value arrives as a String, Integer/Long/BigInteger, Double,
Boolean, List or Map. For a simple type (Boolean, Integer, Long, String, an enum) the own conversion
runs first (`convertToBoolean`: "true"/"false" in any case; `Integer.parseInt`/`Long.parseLong`
of the text; `convertToEnum`: a constant's name in any case; String: the value's JSON text); when it
throws, and for every other type, Jackson reads the value's text (`convertToJsonString`) as the
option's type with its default features: a fraction is truncated to an integer
(ACCEPT_FLOAT_AS_INT), a number is a boolean (0 false, any other true), a number in range is the
enum constant at that position, anything else that is no JSON of that type throws "Json parsing
exception, value '...', and expected type '...'" (the message and line come from the catalog's
`schema_keys.conversion`). A list of strings given something else is, after that failure, split at
commas. The model (`stlint.configutil.judge`, shared with the option-level check) follows those
steps; it was checked against the real classes (SeaTunnel pins Jackson 2.13.3).
"""

from __future__ import annotations

from typing import Any, Iterator

from stlint.checks import Context, did_you_mean, rule, suggest
from stlint.configutil import INT_RANGE as _INT_RANGE
from stlint.configutil import Verdict as _Verdict
from stlint.configutil import failure as _failure
from stlint.configutil import java_str as _java_str
from stlint.configutil import json_text as _json_text
from stlint.configutil import java_type_name, judge
from stlint.configutil import what as _what
from stlint.diagnostics import Diagnostic, Edit, Fix
from stlint.hocon import HList, HObject, HScalar


# containers below `schema` whose entries are objects SeaTunnel reads key by key
_NESTED = {"primaryKey": "schema.primaryKey", "columns": "schema.columns[]",
           "constraintKeys": "schema.constraintKeys[]"}
_NESTED_IN = {"schema.constraintKeys[]": {"constraintColumns": "schema.constraintKeys[].constraintColumns[]"}}


def _is_schema_option(o) -> bool:
    d = getattr(o, "declared_in", None)
    return isinstance(d, str) and d.startswith("org.apache.seatunnel.api.") and d.endswith(".SCHEMA")


def _short(where: str | None) -> str:
    return where.rsplit("/", 1)[-1] if where else "ReadonlyConfigParser.java"


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
# values as ConfigUtil.convertValue reads them

_UNK = object()  # a value not known statically (a placeholder, an unresolved substitution)
_MAX_DEPTH = 32


def _raw(v, depth: int = 0) -> Any:
    """The value as SeaTunnel's Jackson map holds it (str, int, float, bool, None, list, dict), or _UNK."""
    if isinstance(v, HScalar):
        x = v.value
        if isinstance(x, str) and "${" in x:
            return _UNK  # replaced from the job's variables before the parser runs
        if isinstance(x, float) and x.is_integer() and abs(x) < 2**63:
            return int(x)  # Typesafe keeps a whole number written `2.0` as an integer
        return x
    if depth >= _MAX_DEPTH:
        return _UNK
    if isinstance(v, HList):
        out = [_raw(i, depth + 1) for i in v.items]
        return _UNK if any(i is _UNK for i in out) else out
    if isinstance(v, HObject):
        d = {k: _raw(f.value, depth + 1) for k, f in v.fields.items()}
        return _UNK if any(i is _UNK for i in d.values()) else d
    return _UNK


def _java_type_name(o, fact) -> str:
    """`Type.getTypeName()` of the key's type, as ConfigUtil's message prints it."""
    return java_type_name(o.type, o.java_type, fact.get("enum_class"))


def _judge(x: Any, o) -> _Verdict | None:
    """SeaTunnel's reading of the Jackson value `x` for the schema key `o` (ConfigUtil.convertValue)."""
    return judge(x, o.type, o.element_type, o.enum_values)


def _plainly_fine(v, o) -> bool:
    """The common shapes SeaTunnel reads as they are, decided without building the Jackson value."""
    t = o.type
    if t == "object":
        return True
    if isinstance(v, HScalar):
        x = v.value
        if t == "string":
            return not isinstance(x, (list, dict))
        if t == "boolean":
            return isinstance(x, bool)
        if t in ("int", "long"):
            lo, hi = _INT_RANGE[t]
            return type(x) is int and lo <= x <= hi
        return False
    if t == "map":
        return isinstance(v, HObject)
    if t == "list" and isinstance(v, HList):
        if o.element_type in ("map", "object"):
            return all(isinstance(i, HObject) for i in v.items)
        return all(isinstance(i, HScalar) for i in v.items)
    return False


def _verdicts(ctx: Context) -> list[tuple]:
    """(plugin, node, key, field, verdict) of every schema key value SeaTunnel cannot read as its type
    or reads as something else, memoised per lint (ST612 and ST614 ask)."""
    cat = ctx.catalog
    memo = ctx.memo.get("schemakeys.values")
    if memo is not None and memo[0] is cat:
        return memo[1]
    out: list[tuple] = []
    if cat is not None:
        for p, node in _nodes(ctx):
            known = cat.schema_keys(node.container) or {}
            for k, f in node.obj.fields.items():
                o = known.get(k)
                if o is None:
                    continue
                if (cat.schema_key_fact(node.container, k) or {}).get("value") == "seatunnel-type":
                    x = _raw(f.value)
                    if x is not _UNK and x is not None and not isinstance(x, (str, dict)):
                        # a name is ST601's; an object is a row type; anything else: its JSON text goes to
                        # the type parser (judged in ST614)
                        out.append((p, node, k, f, None))
                    continue
                if _plainly_fine(f.value, o):
                    continue
                x = _raw(f.value)
                if x is _UNK or x is None:
                    continue
                v = _judge(x, o)
                if v is not None:
                    out.append((p, node, k, f, v))
    ctx.memo["schemakeys.values"] = (cat, out)
    return out


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
`columnName`. A key set to `null` is unset for SeaTunnel (`ReadonlyConfig.getOptional` finds no
value), so it fails the same way. The message quotes SeaTunnel's own, with the file and line of the
targeted release.

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
            if not req:
                continue
            f = node.obj.fields.get(k)
            if f is not None:
                v = f.value
                if not (isinstance(v, HScalar) and v.value is None) or f.src is not ctx.source:
                    continue
                # `name = null`: Jackson's map holds null, which ReadonlyConfig.getOptional reads as unset
                yield ctx.diag("missing-schema-key", v.start, v.end,
                               f"`{node.shown}.{k}` is null, which SeaTunnel reads as unset: SeaTunnel "
                               f"{cat.version} fails with \"{req}\" ({_short(fact.get('where'))})",
                               help=f"give `{k}` a value", plugin=p.label, option=f"{node.shown}.{k}")
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
config can't contains both [fields] and [columns], please correct your config first". The check is
read from each release's sources (file and line in the message). A key set to `null` is unset for
SeaTunnel and does not count. (A schema with neither is not refused by the parser: it yields a
table without columns.)

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
    checks = cat.schema_exclusive()
    if not checks:
        return
    failing = None
    for p, node in _nodes(ctx):
        for c in checks:
            if c["container"] != node.container:
                continue
            a, b = c["keys"]
            fa, fb = node.obj.fields.get(a), node.obj.fields.get(b)
            if fa is None or fb is None or fb.src is not ctx.source:
                continue
            if any(isinstance(f.value, HScalar) and f.value.value is None for f in (fa, fb)):
                continue  # null is unset for SeaTunnel (ReadonlyConfig.getOptional)
            if failing is None:
                failing = {(id(n.obj), k) for _p, n, k, _f, v in _verdicts(ctx) if v is not None and v.fail}
            if (id(node.obj), a) in failing or (id(node.obj), b) in failing:
                continue  # reading the value fails first (invalid-schema-value)
            yield ctx.diag("schema-fields-and-columns", fb.key_start, fb.key_end,
                           f"`{node.shown}` has both `{a}` and `{b}`: SeaTunnel {cat.version} fails with "
                           f"\"{c['message']}\" ({_short(c.get('where'))})", help="keep one of them",
                           plugin=p.label, option=f"{node.shown}.{b}")


# --------------------------------------------------------------------------------------------
@rule("invalid-schema-enum", "ST613", "error", "A `constraintType` or `sortType` value SeaTunnel does not know.", """
`constraintType` of a `constraintKeys` entry (`INDEX_KEY`, `UNIQUE_KEY`, `FOREIGN_KEY`,
`VECTOR_INDEX_KEY`) and `sortType` of a `constraintColumns` entry (`ASC`, `DESC`) are converted to
SeaTunnel enums, case-insensitively; any other name fails the job: `ConfigUtil.convertToEnum`
finds no constant, then Jackson cannot read the text either ("Json parsing exception, value
'INDEX', and expected type '...ConstraintKey$ConstraintType'", ConfigUtil.convertValue). The values
come from each release's sources. The fix writes the close value when there is one. (A number is
read as the constant at that position: `invalid-schema-value`.)

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
            if _judge(raw, o) is not None:
                continue  # a number in a string: Jackson reads the constant at that position (ST614)
            fact = cat.schema_key_fact(node.container, k) or {}
            conv = cat.schema_conversion()
            failure = _failure(conv, raw, _java_type_name(o, fact), limit=200)
            close = suggest(raw.upper(), values, 3) or suggest(raw, values, 3)
            msg = (f"`{node.shown}.{k}` = `{raw}` is not one of {', '.join(values)}: SeaTunnel {cat.version} fails "
                   f"converting it (\"{failure}\", {_short(conv.get('failure_where') or 'ConfigUtil.java')}, "
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


# --------------------------------------------------------------------------------------------
@rule("invalid-schema-value", "ST614", "error", "A value inside `schema { }` of a type SeaTunnel's schema parser cannot read, or reads as something else.", """
Each key inside `schema { }` is read as a type (from each release's sources: `columns` a list of
objects, `primaryKey` an object, `nullable` a boolean, `columnScale` an integer, `columnLength` an
integer in 2.3.8 and a long from 2.3.9, `constraintType` an enum, `columnNames` a list of names ...)
through SeaTunnel's `ConfigUtil.convertValue`. A value it cannot read fails the job ("Json parsing
exception, value '...', and expected type '...'", ConfigUtil.java, with the line of the targeted
release): `columns` written as an object instead of a list, `nullable = yes`, `primaryKey` as a
list, `columnScale = "two"`, a `constraintKeys` entry that is not an object, `fields` as a list, a
number out of range; a `null` entry of `columns`, or the text `"null"`, fails with a
NullPointerException. A `columns` entry's `type` that is not a string or an object goes to the type
parser as its text, which rejects it. Values SeaTunnel accepts but reads as something else are
warnings that say what it goes on with: a number for a boolean (0 false, any other true), a
fraction for an integer (truncated), a number for an enum (the constant at that position), a list
or an object for a name (its JSON text), a string for a list that splits into odd names (`"[a, b]"`
gives `[a` and `b]`). What SeaTunnel converts as meant is not reported: `"false"` for a boolean,
`"10"` for an integer, `columnNames = "a, b"` (split at commas). The fix writes the value SeaTunnel
reads (a number for a boolean or an enum), wraps an object in a list, writes a list given inside a string as a list, or writes `yes`/`on` as
`true` and `no`/`off` as `false`.

Bad:
```hocon
schema = {
  columns = { name = id, type = bigint, nullable = no }
  primaryKey { name = pk, columnNames = "[id]" }
}
```
Good:
```hocon
schema = {
  columns = [ { name = id, type = bigint, nullable = false } ]
  primaryKey { name = pk, columnNames = [id] }
}
```
""", fix="unsafe", family="data")
def invalid_schema_value(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    conv = cat.schema_conversion()
    tfacts = None
    for p, node, k, f, v in _verdicts(ctx):
        val = f.value
        if f.src is not ctx.source or val.src is not ctx.source:
            continue
        o = (cat.schema_keys(node.container) or {})[k]
        fact = cat.schema_key_fact(node.container, k) or {}
        shown = f"{node.shown}.{k}"
        read_at = _short(fact.get("where"))
        written = _written(ctx, val)
        x = _raw(val)
        if v is None:  # a `columns` entry's `type` that is no string: its JSON text goes to the type parser
            from stlint.rowtypes import TypeError_, facts_of, parse_type

            if tfacts is None:
                tfacts = facts_of(cat) or False
            if not tfacts:
                continue
            text = _json_text(x)
            nf = node.obj.fields.get("name")
            nx = _raw(nf.value) if nf is not None else None
            name = _json_text(nx) if nx is not None and nx is not _UNK else ""
            err = parse_type(text, name, tfacts)
            if not isinstance(err, TypeError_):
                continue
            yield ctx.diag("invalid-schema-value", val.start, val.end,
                           f"`{shown}` = `{written}` is {_what(x)}, not a type name: SeaTunnel {cat.version} passes "
                           f"its text `{_java_str(text, 60)}` to the type parser, which fails: {err.message} "
                           f"({err.where}, read at {read_at})", help="write a SeaTunnel type name such as `string`",
                           plugin=p.label, option=shown)
            continue
        start, end = val.start, val.end
        whole = shown
        if v.at is not None and isinstance(val, HList):
            it = val.items[v.at]
            start, end = it.start, it.end
            shown = f"{shown}[{v.at}]"
            written = _written(ctx, it)
        fix = None
        if v.fix is not None and v.at is None:
            fix = Fix("unsafe", f"write `{v.fix}`", (Edit(val.start, val.end, v.fix),))
        elif v.fail and o.type == "list" and o.element_type in ("map", "object") and isinstance(val, HObject):
            fix = Fix("unsafe", "wrap the object in a list", (Edit(val.start, val.start, "[ "),
                                                               Edit(val.end, val.end, " ]")))
        if v.fail:
            it_ = "it" if whole == shown else f"`{whole}`"
            if v.npe and v.at is not None:
                how = ("fails with a NullPointerException reading the entry's keys "
                       "(ReadonlyConfig.fromMap(null), then ReadonlyConfig.getValue)")
            elif v.npe:
                how = f"fails reading it with a NullPointerException (Optional.of(null), read at {read_at})"
            else:
                how = (f"fails reading {it_} (\"{_failure(conv, x, _java_type_name(o, fact))}\", "
                       f"{_short(conv.get('failure_where') or 'ConfigUtil.java')}, read at {read_at})")
            msg = f"`{shown}` = `{written}` {v.why}: SeaTunnel {cat.version} {how}"
            help_ = _help(o, v)
        else:
            msg = f"`{shown}` = `{written}` {v.why}: SeaTunnel {cat.version} goes on with {v.reads} (read at {read_at})"
            help_ = _help(o, v)
        d = ctx.diag("invalid-schema-value", start, end, msg, fix=fix, help=help_, plugin=p.label, option=shown)
        if not v.fail:
            d.severity = "warning"  # SeaTunnel goes on with another value than the one meant
        yield d


def _written(ctx: Context, v) -> str:
    """The value as written, shortened to its first line and 40 characters."""
    w = ctx.text[v.start:v.end]
    return w if len(w) <= 40 and "\n" not in w else w.split("\n", 1)[0][:37] + "..."


def _help(o, v: _Verdict) -> str | None:
    if v.fix is not None:
        return f"write `{v.fix}`"
    t = o.type
    if t == "boolean":
        return "write true or false"
    if t in ("int", "long"):
        return "write a whole number"
    if t == "enum":
        return "write one of " + ", ".join(o.enum_values or [])
    if t == "map":
        return "write an object: `{ ... }`"
    if t == "list" and o.element_type in ("map", "object"):
        return "write a list of objects: `[ { ... } ]`"
    if t == "list":
        return "write a list of names: `[a, b]`"
    if t == "string":
        return "write a string"
    return None
