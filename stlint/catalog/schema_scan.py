"""Mechanical scan of the keys SeaTunnel's schema parser reads inside `schema { ... }`, per release.

Called by `stlint catalog build` (one hook in `extract.CatalogBuilder.build`); it adds a
`schema_keys` entry to the catalog JSON, read by completion and hover
(`stlint.lsp.schema_keys`). Sources (seatunnel-api):

* `ReadonlyConfigParser` (table/catalog/schema): `parse` reads `schema` and its `fields`,
  `columns`, `primaryKey`, `constraintKeys`; its inner `FieldParser`, `ColumnParser`,
  `PrimaryKeyParser`, `ConstraintKeyParser` read the keys of each entry;
* `CatalogTableUtil.buildWithConfig`: `schema.table`, `schema.schema_first`, `schema.partition_keys`;
* `ConfigUtil.convertValue` (seatunnel-api configuration/util): how every one of those reads converts
  a value of another type (the message it throws when Jackson cannot read the value's text as the
  option's type, and the warning it logs before splitting a string at commas into a list).

Besides the keys, `exclusive` records the parser's checks that two keys are not both given
(`if (a.getOptional(A).isPresent() && b.getOptional(B).isPresent()) throw new ...("...")`:
`fields` and `columns`), each with its message and file:line.

Each `<config>.get(Options.X)` / `.getOptional(Options.X)` is resolved with the catalog's own
Java interpreter (the option's key, type, default, enum values, description); the config
variable's place comes from how it is made (`x = a.getOptional(O).map(ReadonlyConfig::fromMap)`,
`x = ReadonlyConfig.fromMap(a.get(O))`, `a.get(O).stream().map(ReadonlyConfig::fromMap).map(x -> ...)`,
`parser.parse(a)` into a parser class's `parse(ReadonlyConfig x)`). An `.orElseThrow(...)` on the
read makes the key required (its message is recorded); a value passed to
`deserializeSeaTunnelDataType` is a SeaTunnel type name. Only facts (keys, types, messages,
file:line) are extracted, never code.

Container paths: `schema`, `schema.primaryKey`, `schema.columns[]` (each entry of the list),
`schema.constraintKeys[].constraintColumns[]` ...
"""

from __future__ import annotations

import re
from typing import Any

from .types_scan import _line, _rel

__all__ = ["scan_schema_keys"]

PARSER = "org.apache.seatunnel.api.table.catalog.schema.ReadonlyConfigParser"
UTIL = "org.apache.seatunnel.api.table.catalog.CatalogTableUtil"
CONFIG_UTIL = "org.apache.seatunnel.api.configuration.util.ConfigUtil"

_REF = r"([A-Z]\w*(?:\s*\.\s*[A-Za-z_]\w*)+)"
_READ = re.compile(r"\b([a-z]\w*)\s*\.\s*(get|getOptional)\s*\(\s*" + _REF + r"\s*\)")
_OBJ_A = re.compile(r"\b([a-z]\w*)\s*=\s*([a-z]\w*)\s*\.\s*getOptional\s*\(\s*" + _REF
                    + r"\s*\)\s*\.\s*map\s*\(\s*ReadonlyConfig\s*::\s*fromMap\s*\)")
_OBJ_B = re.compile(r"\b([a-z]\w*)\s*=\s*ReadonlyConfig\s*\.\s*fromMap\s*\(\s*([a-z]\w*)\s*\.\s*get\s*\(\s*" + _REF
                    + r"\s*\)\s*\)")
_LIST = re.compile(r"\b([a-z]\w*)\s*\.\s*(?:get|getOptional)\s*\(\s*" + _REF
                   + r"\s*\)\s*(?:\.\s*stream\s*\(\s*\)|\.\s*map\s*\(\s*\w+\s*->\s*\w+\s*\.\s*stream\s*\(\s*\))"
                   r"\s*\.\s*map\s*\(\s*ReadonlyConfig\s*::\s*fromMap\s*\)\s*\.\s*map\s*\(\s*(\w+)\s*->")
_PARSER_FIELD = re.compile(r"\b(\w+)\s*=\s*new\s+(\w+)\s*\(\s*\)")
_PARSE_CALL = re.compile(r"\b(\w+)\s*\.\s*parse\s*\(\s*([a-z]\w*)\s*\)")
_CLASS = re.compile(r"\bclass\s+(\w+)[^{;]*\{")
_PARSE_PARAM = re.compile(r"\bparse\s*\(\s*ReadonlyConfig\s+(\w+)\s*\)")
_TYPE_LAMBDA = re.compile(r"\s*\(?\s*\w+\s*\)?\s*->\s*(?:[\w.]+\s*\.\s*)?deserializeSeaTunnelDataType\s*\(")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_PRESENT = r"([a-z]\w*)\s*\.\s*getOptional\s*\(\s*" + _REF + r"\s*\)\s*\.\s*isPresent\s*\(\s*\)"
_BOTH = re.compile(r"\bif\s*\(\s*" + _PRESENT + r"\s*&&\s*" + _PRESENT
                   + r"\s*\)\s*\{\s*throw\s+new\s+\w+\s*\(\s*")
# ConfigUtil.convertValue(Object, Option): the exception when Jackson cannot read the value, the
# warning logged before a string is split at commas into a list
_CONVERT = re.compile(r"\bconvertValue\s*\(\s*Object\s+\w+\s*,\s*Option\s*<\s*T\s*>\s*\w+\s*\)\s*\{")
_FAIL = re.compile(r"throw\s+new\s+IllegalArgumentException\s*\(\s*String\s*\.\s*format\s*\(\s*")
_SPLIT = re.compile(r"\blog\s*\.\s*warn\s*\(\s*")


def _match_close(text: str, i: int) -> int:
    """Offset of the bracket closing the one opened just before ``i`` (strings skipped)."""
    depth = 1
    n = len(text)
    while i < n:
        c = text[i]
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
            if depth == 0:
                return i
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        i += 1
    return n


def _chain(text: str, i: int) -> list[tuple[str, str]]:
    """The calls chained after offset ``i`` (`.map(...)`, `.orElseThrow(...)`): (name, argument text)."""
    out = []
    while True:
        m = re.compile(r"\s*\.\s*(\w+)\s*\(").match(text, i)
        if not m:
            return out
        close = _match_close(text, m.end())
        out.append((m.group(1), text[m.end():close]))
        i = close + 1


def _class_bodies(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _CLASS.finditer(text):
        out.append((m.group(1), m.end(), _match_close(text, m.end())))
    return out


def scan_schema_keys(builder: Any) -> dict[str, Any] | None:
    """The `schema_keys` catalog entry: {"containers": {path: {key: option}}, "where": {...}}, or None."""
    index = builder.index
    interp = builder.interp
    containers: dict[str, dict[str, Any]] = {}
    where: dict[str, str] = {}
    exclusive: list[dict[str, Any]] = []
    for fqn, methods in ((PARSER, None), (UTIL, ("buildWithConfig",))):
        path = index.top.get(fqn)
        decl = index.get(fqn)
        if not path or decl is None:
            if fqn == PARSER:
                return None
            continue
        text = index.read(path)
        rel = _rel(path)
        where[fqn.rsplit(".", 1)[-1]] = rel
        # the regions scanned: the whole parser; only the named methods of the util class
        regions: list[tuple[int, int]] = []
        if methods is None:
            regions.append((0, len(text)))
        else:
            for mm in re.finditer(r"\b(" + "|".join(methods) + r")\s*\([^)]*\)\s*\{", text):
                regions.append((mm.end(), _match_close(text, mm.end())))
        scopes: dict[str, str] = {"readonlyConfig": ""}
        # parser classes: `fieldParser = new FieldParser()`, `fieldParser.parse(readonlyConfig)`
        field_cls = {m.group(1): m.group(2) for m in _PARSER_FIELD.finditer(text)}
        calls = [(field_cls.get(m.group(1)), m.group(2)) for m in _PARSE_CALL.finditer(text)]
        bodies = {name: (a, b) for name, a, b in _class_bodies(text)}
        # class-local parameter scopes: (start, end, param) -> the caller's variable
        local: list[tuple[int, int, str, str]] = []
        for cls, arg in calls:
            if cls in bodies:
                a, b = bodies[cls]
                pm = _PARSE_PARAM.search(text, a, b)
                if pm:
                    local.append((a, b, pm.group(1), arg))

        def resolve(ref: str) -> Any:
            ref = re.sub(r"\s+", "", ref)
            cls, _, fname = ref.rpartition(".")
            d = interp.resolve_type(cls, decl)
            f = interp.find_field(d, fname) if d is not None else None
            return interp.field_value(f) if f is not None else None

        def scope_of(var: str, at: int) -> str | None:
            for a, b, param, arg in local:
                if a <= at < b and var == param:
                    return scopes.get(arg)
            return scopes.get(var)

        def key_of(ref: str) -> str | None:
            v = resolve(ref)
            k = getattr(v, "key", None)
            return k if isinstance(k, str) else None

        # variable scopes, to a fixpoint (a variable is known once its parent is)
        for _ in range(6):
            changed = False
            for rx, suffix in ((_OBJ_A, ""), (_OBJ_B, "")):
                for m in rx.finditer(text):
                    var, parent, ref = m.group(1), m.group(2), m.group(3)
                    ps = scope_of(parent, m.start())
                    k = key_of(ref) if ps is not None else None
                    if k is not None and var not in scopes:
                        scopes[var] = (ps + "." if ps else "") + k + suffix
                        changed = True
            for m in _LIST.finditer(text):
                parent, ref, var = m.group(1), m.group(2), m.group(3)
                ps = scope_of(parent, m.start())
                k = key_of(ref) if ps is not None else None
                if k is not None and var not in scopes:
                    scopes[var] = (ps + "." if ps else "") + k + "[]"
                    changed = True
            if not changed:
                break
        if fqn == PARSER:
            for m in _BOTH.finditer(text):
                paths = []
                for var, ref in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
                    sc = scope_of(var, m.start())
                    k = key_of(ref) if sc is not None else None
                    paths.append(None if k is None else (sc + "." if sc else "") + k)
                msg = _STRING.match(text, m.end())
                if None in paths or msg is None:
                    builder.report.add(f"schema keys {rel}:{_line(text, m.start())}", "exclusive check not resolved")
                    continue
                (c1, _, k1), (c2, _, k2) = paths[0].rpartition("."), paths[1].rpartition(".")
                if c1 != c2 or not c1.startswith("schema"):
                    continue
                exclusive.append({"container": c1, "keys": [k1, k2], "message": msg.group(1),
                                  "where": f"{rel}:{_line(text, msg.start())}"})
        for a, b in regions:
            for m in _READ.finditer(text, a, b):
                var, ref = m.group(1), m.group(3)
                sc = scope_of(var, m.start())
                if sc is None:
                    continue
                v = resolve(ref)
                if v is None or not isinstance(getattr(v, "key", None), str):
                    builder.report.add(f"schema keys {rel}:{_line(text, m.start())}", f"{re.sub(chr(92) + 's+', '', ref)} not resolved")
                    continue
                full = (sc + "." if sc else "") + v.key
                container, _, local_key = full.rpartition(".")
                if not container.startswith("schema"):
                    continue  # a plugin-level key (`schema`, `plugin_output`, ...): the plugin's own option
                opts = containers.setdefault(container, {})
                d = opts.get(local_key)
                if d is None:
                    d = builder.option_json(v, f"schema keys {rel}")
                    d["key"] = local_key
                    d["where"] = f"{rel}:{_line(text, m.start())}"
                    opts[local_key] = d
                for name, args in _chain(text, m.end()):
                    if name == "orElseThrow" and "required" not in d:
                        s = _STRING.search(args)
                        d["required"] = s.group(1) if s else "required"
                    if name == "map" and _TYPE_LAMBDA.match(args):
                        d["value"] = "seatunnel-type"  # the value goes straight to the type parser
    if not containers:
        return None
    out: dict[str, Any] = {"containers": {c: containers[c] for c in sorted(containers)}, "where": where}
    if exclusive:
        out["exclusive"] = exclusive
    conv = _scan_conversion(index, builder)
    if conv is not None:
        out["conversion"] = conv
    return out


def _scan_conversion(index: Any, builder: Any) -> dict[str, str] | None:
    """`ConfigUtil.convertValue(Object, Option)`: the message (a `String.format` pattern) it throws
    when Jackson cannot read a value as the option's type, and the warning it logs before splitting
    a string at commas for a list option; each with file:line of the message text."""
    path = index.top.get(CONFIG_UTIL)
    if not path:
        return None
    text = index.read(path)
    rel = _rel(path)
    m = _CONVERT.search(text)
    if m is None:
        builder.report.add(f"schema keys {rel}", "convertValue(Object, Option) not found")
        return None
    end = _match_close(text, m.end())
    out: dict[str, str] = {}
    for name, rx in (("failure", _FAIL), ("split_warning", _SPLIT)):
        f = rx.search(text, m.end(), end)
        s = _STRING.match(text, f.end()) if f is not None else None
        if s is None:
            builder.report.add(f"schema keys {rel}", f"convertValue: {name} message not found")
            continue
        # a message split over `+` concatenations of literals is joined
        msg, i = s.group(1), s.end()
        while True:
            nxt = re.compile(r'\s*\+\s*"((?:[^"\\]|\\.)*)"').match(text, i)
            if nxt is None:
                break
            msg += nxt.group(1)
            i = nxt.end()
        out[name] = msg.replace('\\"', '"')
        out[name + "_where"] = f"{rel}:{_line(text, s.start())}"
    return out or None
