"""Row types: SeaTunnel's schema type names and the rows that flow through a job.

* ``parse_type(text, field, facts)``: the type name grammar of
  ``SeaTunnelDataTypeConvertorUtil.deserializeSeaTunnelDataType`` with the per-release facts the
  catalog build extracts (``stlint.catalog.types_scan``: accepted ``SqlType`` names, the legacy
  aliases, the array element types, the messages with file:line). Returns the canonical type
  text or a ``TypeError_`` carrying SeaTunnel's message.
* ``schema_row(value, facts)``: the row a ``schema { fields {...} }`` / ``schema { columns [...] }``
  declares, with every rejected type name.
* ``row_flow(ctx)``: each plugin's incoming and outgoing row along the plugin graph (memoised on
  ``ctx.memo``), where it is knowable: the declared schema of sources whose row *is* the declared
  schema, through the transforms whose output follows from their options. Anything else is
  unknown (``None``) and nothing downstream is checked: never guess.

The functions used by the editor (field names of a plugin's incoming row, the row type of a
table, where an option names fields) are ``incoming_fields(ctx, plugin)``, ``table_rows(ctx)`` and
``field_option(...)``. Sink options that name fields are catalog data (overlay ``field_refs``),
walked by ``iter_sink_refs(ctx)``.
"""

from __future__ import annotations

import re

from stlint._records import dataclass, field
from typing import Any, Iterator, Mapping

from stlint.hocon import HList, HObject, HScalar, HValue

# --------------------------------------------------------------------------------------------
# type names


@dataclass
class TypeError_:
    message: str  # SeaTunnel's message for this name
    where: str  # file:line of the throw in the release
    bad: str  # the part SeaTunnel rejects (an array element, a map key, ...)


# hints for names users bring from SQL dialects / Java (a did-you-mean table, not a SeaTunnel fact)
NAME_HINTS = {
    "INTEGER": "int", "INT4": "int", "MEDIUMINT": "int", "INT8": "bigint", "INT2": "smallint",
    "VARCHAR": "string", "CHAR": "string", "TEXT": "string", "NVARCHAR": "string", "CHARACTER": "string",
    "LONGTEXT": "string", "CLOB": "string", "JSON": "string", "UUID": "string",
    "DATETIME": "timestamp", "TIMESTAMP_NTZ": "timestamp", "LOCALDATETIME": "timestamp",
    "TIMESTAMPTZ": "timestamp_tz", "TIMESTAMP_LTZ": "timestamp_tz",
    "BOOL": "boolean", "BIT": "boolean", "REAL": "float", "FLOAT4": "float", "FLOAT8": "double",
    "DOUBLEPRECISION": "double", "BINARY": "bytes", "VARBINARY": "bytes", "BLOB": "bytes",
    "BYTEA": "bytes", "BYTE[]": "bytes", "NUMERIC": "decimal(38, 18)", "NUMBER": "decimal(38, 18)",
    "DEC": "decimal(38, 18)", "BIGDECIMAL": "decimal(38, 18)", "LIST": "array<string>",
}
# hints whose replacement means the same type in SeaTunnel (a safe fix)
SAFE_HINTS = {"INTEGER", "INT4", "INT8", "INT2", "BOOL", "FLOAT8", "FLOAT4", "DATETIME", "TIMESTAMPTZ"}


class TypeFacts:
    """The `types` entry of a catalog (see stlint.catalog.types_scan)."""

    def __init__(self, d: Mapping[str, Any], version: str):
        self.version = version
        self.sql_types: set[str] = set(d.get("sql_types", ()))
        self.aliases: dict[str, str] = dict(d.get("aliases", {}))
        self.simple: set[str] = set(d.get("simple", ()))
        self.complex: list[str] = list(d.get("complex", ()))
        self.array_elements: set[str] = set(d.get("array_elements", ()))
        self.decimal_message: str = d.get("decimal_message") or "Decimal type should assign precision and scale information"
        self.unsupported_message: str = d.get("unsupported_message") or "'<identifier>' unsupported data type '<dataType>' of '<field>'"
        self.unsupported_code: str = d.get("unsupported_code") or "COMMON-07"
        self.where: dict[str, str] = dict(d.get("where", {}))
        # type text -> canonical type, for the texts that parse (a rejected one's error names its field):
        # the same few names recur in every schema; bounded
        self.parsed: dict[str, str] = {}

    def short(self, key: str) -> str:
        w = self.where.get(key) or self.where.get("parser", "SeaTunnelDataTypeConvertorUtil.java")
        return w.rsplit("/", 1)[-1]

    def accepted_names(self) -> list[str]:
        """Plain names (no parameters) the parser accepts, lower case, for did-you-mean."""
        names = [n.lower() for n in sorted(self.simple) if n != "MAP"]
        names += [a.lower() for a in self.aliases]
        return names

    def unsupported(self, data_type: str, fld: str, where_key: str) -> TypeError_:
        msg = (self.unsupported_message.replace("<identifier>", "SeaTunnel").replace("<dataType>", data_type)
               .replace("<field>", fld))
        return TypeError_(f"ErrorCode:[{self.unsupported_code}], ErrorDescription:[{msg}]", self.short(where_key), data_type)


def facts_of(catalog) -> TypeFacts | None:
    """The catalog's type facts, made once per catalog (read-only, like the catalog)."""
    d = getattr(catalog, "types", None) if catalog is not None else None
    if not d:
        return None
    got = getattr(catalog, "_type_facts", None)
    if got is None or got[0] is not d:
        got = (d, TypeFacts(d, catalog.version))
        try:
            catalog._type_facts = got
        except AttributeError:  # a catalog object that takes no attribute
            pass
    return got[1]


def parse_type(text: str, fld: str, facts: TypeFacts, depth: int = 0) -> str | TypeError_:
    """Canonical type text (lower case) or the error SeaTunnel raises for `text`."""
    if depth > 20:
        return facts.unsupported(text, fld, "unsupported_complex")
    compat = facts.aliases.get(text.strip().upper(), text)
    name = compat.upper().replace(" ", "")
    if name in facts.sql_types:
        if name not in facts.simple:
            return facts.unsupported(text, fld, "unsupported")
        if name == "MAP":
            return _map(text, fld, facts, depth)
        return name.lower()
    column = text.upper().replace(" ", "")
    for prefix in facts.complex:
        if prefix == "ROW":
            if column.strip().startswith("{"):
                return "row"  # a JSON/HOCON object in a string: checked as an object by the caller
            continue
        if column.startswith(prefix):
            if prefix == "MAP":
                return _map(text, fld, facts, depth)
            if prefix == "ARRAY":
                return _array(text, fld, facts, depth)
            if prefix == "DECIMAL":
                return _decimal(text, facts)
    return facts.unsupported(text, fld, "unsupported_complex")


def _generic(text: str) -> str | None:
    lt, gt = text.find("<"), text.rfind(">")
    if lt < 0 or gt < 0 or gt < lt + 1:
        return None  # Java: substring(indexOf("<") + 1, lastIndexOf(">")) throws
    return text[lt + 1:gt].strip()


def _malformed(text: str, fld: str, facts: TypeFacts, what: str) -> TypeError_:
    return TypeError_(f"`{text}` of '{fld}' is not a valid {what} type (write {what}<...>); SeaTunnel's "
                      "parser fails with a StringIndexOutOfBoundsException", facts.short("parser"), text)


def _map(text: str, fld: str, facts: TypeFacts, depth: int) -> str | TypeError_:
    g = _generic(text)
    if g is None:
        return _malformed(text, fld, facts, "map")
    if g.upper().startswith("DECIMAL"):
        first = g.find(",")
        idx = g.find(",", first + 1) if first >= 0 else -1
    else:
        idx = g.find(",")
    if idx < 0:
        return _malformed(text, fld, facts, "map")
    k = parse_type(g[:idx].strip(), fld, facts, depth + 1)
    if isinstance(k, TypeError_):
        return k
    v = parse_type(g[idx + 1:].strip(), fld, facts, depth + 1)
    if isinstance(v, TypeError_):
        return v
    return f"map<{k}, {v}>"


def _array(text: str, fld: str, facts: TypeFacts, depth: int) -> str | TypeError_:
    g = _generic(text)
    if g is None:
        return _malformed(text, fld, facts, "array")
    e = parse_type(g, fld, facts, depth + 1)
    if isinstance(e, TypeError_):
        return e
    base = e.split("<", 1)[0].split("(", 1)[0].upper()
    if base not in facts.array_elements:
        return facts.unsupported(g, fld, "unsupported")
    return f"array<{e}>"


def _decimal(text: str, facts: TypeFacts) -> str | TypeError_:
    parts = text.split(",")
    if len(parts) < 2:
        return TypeError_(facts.decimal_message, facts.short("decimal"), text)
    p = "".join(c for c in parts[0] if c.isdigit())
    s = "".join(c for c in parts[1] if c.isdigit())
    if not p or not s or len(p) > 9 or len(s) > 9:
        return TypeError_(f'For input string: "{p}"' if not p or len(p) > 9 else f'For input string: "{s}"',
                          facts.short("decimal"), text)  # Integer.parseInt(NumberFormatException)
    return f"decimal({int(p)}, {int(s)})"


def suggest_type(text: str, facts: TypeFacts) -> tuple[str, bool] | None:
    """(replacement, safe) for a rejected name, or None."""
    up = text.strip().upper().replace(" ", "")
    base = up.split("(", 1)[0]
    if base in NAME_HINTS:
        return NAME_HINTS[base], base in SAFE_HINTS and "(" not in up
    from stlint.suggest import suggest

    close = suggest(text.strip().lower(), facts.accepted_names(), 1)
    return (close[0], False) if close else None


# --------------------------------------------------------------------------------------------
# declared schemas


@dataclass
class BadType:
    value: HValue  # the string (or value) SeaTunnel rejects
    field: str
    error: TypeError_ | str  # str: a non-string value in a row object


Row = dict  # field name -> canonical type text (insertion order = column order)


def schema_row(schema: HValue, facts: TypeFacts | None, bad: list[BadType] | None = None) -> Row | None:
    """The row `schema` declares (None: no fields/columns, or something we cannot read).
    Rejected type names are appended to `bad`."""
    if not isinstance(schema, HObject):
        return None
    f = schema.fields.get("fields")
    if f is not None and isinstance(f.value, HObject):
        return _fields_row(f.value, facts, bad, top=True)
    c = schema.fields.get("columns")
    if c is not None and isinstance(c.value, HList):
        row: Row = {}
        ok = True
        for it in c.value.items:
            if not isinstance(it, HObject):
                ok = False
                continue
            n, t = it.fields.get("name"), it.fields.get("type")
            if n is None or not isinstance(n.value, HScalar) or n.value.value is None:
                ok = False
                continue
            name = str(n.value.value)
            if t is None or not isinstance(t.value, HScalar) or not isinstance(t.value.value, str):
                row[name] = None
                continue
            row[name] = _check_string(t.value, name, facts, bad)
        return row if ok else None
    return None


_PARSED_MAX = 4096


def _check_string(v: HScalar, name: str, facts: TypeFacts | None, bad: list[BadType] | None) -> str | None:
    s = str(v.value)
    if facts is None or "${" in s:
        return None
    r = facts.parsed.get(s)
    if r is not None:
        return r
    r = parse_type(s, name, facts)
    if isinstance(r, str) and len(facts.parsed) < _PARSED_MAX:
        facts.parsed[s] = r
    if isinstance(r, TypeError_):
        if bad is not None:
            bad.append(BadType(v, name, r))
        return None
    return r


MAX_ROW_DEPTH = 64  # nested row objects followed (deeper: type unknown, no recursion limit hit)


def _fields_row(obj: HObject, facts: TypeFacts | None, bad: list[BadType] | None, top: bool, depth: int = 0) -> Row:
    row: Row = {}
    for k, f in obj.fields.items():
        v = f.value
        if isinstance(v, HObject):
            if depth >= MAX_ROW_DEPTH:
                row[k] = None
                continue
            sub = _fields_row(v, facts, bad, top=False, depth=depth + 1)
            row[k] = "row<" + ", ".join(f"{a} {b or '?'}" for a, b in sub.items()) + ">"
        elif isinstance(v, HScalar) and isinstance(v.value, str):
            row[k] = _check_string(v, k, facts, bad)
        elif isinstance(v, (HScalar, HList)) and facts is not None and bad is not None:
            # top level: JsonUtils.toStringMap turns it into its text, which no type name matches;
            # in a row object: parseRowType's "Unsupported parse SeaTunnel Type from '%s'."
            text = str(v.value) if isinstance(v, HScalar) else "[...]"
            if isinstance(v, HScalar) and isinstance(v.value, bool):
                text = "true" if v.value else "false"
            if top:
                bad.append(BadType(v, k, facts.unsupported(text, k, "unsupported_complex")))
            else:
                bad.append(BadType(v, k, TypeError_(f"Unsupported parse SeaTunnel Type from '{text}'.",
                                                    "SeaTunnelDataTypeConvertorUtil.parseRowType", text)))
            row[k] = None
        else:
            row[k] = None
    return row


# --------------------------------------------------------------------------------------------
# rows through the pipeline

# Sources whose output row is exactly the declared `schema` (fields or columns) when they read one
# table: their readers deserialize into CatalogTableUtil.buildWithConfig's row type and add nothing.
# File sources are not here: they add partition columns parsed from the path
# (parse_partition_from_path) and self-describing formats (parquet, orc) ignore `schema`.
DECLARED_ROW_SOURCES = frozenset({"fakesource", "kafka", "http", "pulsar", "rabbitmq", "socket"})


@dataclass
class FieldRef:
    plugin: Any
    option: str
    name: str
    start: int
    end: int


@dataclass
class Flow:
    incoming: dict[int, Row | None] = field(default_factory=dict)  # id(plugin) -> its input row
    outgoing: dict[int, Row | None] = field(default_factory=dict)  # id(plugin) -> its output row
    table_of: dict[int, str | None] = field(default_factory=dict)  # id(plugin) -> input table name
    bad_types: list[tuple[Any, BadType]] = field(default_factory=list)  # (plugin, rejected type)


def _str_list(v: HValue) -> list[tuple[str, int, int]] | None:
    if isinstance(v, HList):
        out = []
        for it in v.items:
            if not isinstance(it, HScalar) or it.value is None:
                return None
            out.append((str(it.value), it.start, it.end))
        return out
    if isinstance(v, HScalar) and isinstance(v.value, str):
        return [(s.strip(), v.start, v.end) for s in v.value.split(",") if s.strip()]
    return None


def _text(v: HValue) -> str | None:
    return str(v.value) if isinstance(v, HScalar) and v.value is not None else None


def _unknown_value(v: HValue | None) -> bool:
    from stlint.hocon import to_json

    if v is None:
        return False
    return "${" in str(to_json(v))


def transform_refs(p, row: Row | None, version: str | None = None,
                   memo: dict | None = None) -> tuple[list[FieldRef], Row | None]:
    """(field references of transform `p`, its output row given the input `row`); `memo`: the
    lint's ctx.memo (a Sql query is analysed once per lint)."""
    name = (p.name or "").lower()
    refs: list[FieldRef] = []
    cfg = p.config
    if cfg is None:
        return refs, None

    def opt(k: str):
        f = cfg.fields.get(k)
        return f.value if f is not None else None

    if any(_unknown_value(f.value) for f in cfg.fields.values() if f.value is not None
           and not isinstance(f.value, HObject)):
        pass  # placeholders: refs holding one are skipped below
    if name == "copy":
        fields = opt("fields")
        out = dict(row) if row is not None else None
        if isinstance(fields, HObject):
            for dest, f in fields.fields.items():
                src = _text(f.value)
                if src is None or "${" in src:
                    return refs, None
                refs.append(FieldRef(p, "fields", src, f.value.start, f.value.end))
                if out is not None:
                    out[dest] = row.get(src)
        else:
            src, dest = opt("src_field"), opt("dest_field")
            if src is None or dest is None or _text(src) is None or _text(dest) is None:
                return refs, None
            refs.append(FieldRef(p, "src_field", _text(src), src.start, src.end))
            if out is not None:
                out[_text(dest)] = row.get(_text(src))
        return refs, out
    if name == "filter":
        inc, exc = opt("include_fields"), opt("exclude_fields")
        inc_key = "include_fields"
        if inc is None and opt("fields") is not None:
            # `fields`: include_fields' fallback key (FilterFieldTransformConfig, every release 2.3.8-2.3.13)
            inc, inc_key = opt("fields"), "fields"
        if inc is not None and exc is not None:
            return refs, None
        v = inc if inc is not None else exc
        key = inc_key if inc is not None else "exclude_fields"
        items = _str_list(v) if v is not None else None
        if items is None:
            return refs, None
        refs += [FieldRef(p, key, n, s, e) for n, s, e in items]
        if row is None:
            return refs, None
        names = [n for n, _, _ in items]
        if inc is not None:
            return refs, {n: row.get(n) for n in names}
        return refs, {k: t for k, t in row.items() if k not in names}
    if name == "fieldmapper":
        m = opt("field_mapper")
        if not isinstance(m, HObject):
            return refs, None
        out: Row = {}
        for src, f in m.fields.items():
            dest = _text(f.value)
            refs.append(FieldRef(p, "field_mapper", src, f.key_start, f.key_end))
            if dest is None:
                return refs, None
            out[dest] = row.get(src) if row is not None else None
        return refs, (out if row is not None else None)
    if name == "replace":
        v = opt("replace_field")
        if _text(v) is not None:
            refs.append(FieldRef(p, "replace_field", _text(v), v.start, v.end))
        return refs, (dict(row) if row is not None else None)
    if name == "split":
        v, outs = opt("split_field"), opt("output_fields")
        if _text(v) is not None:
            refs.append(FieldRef(p, "split_field", _text(v), v.start, v.end))
        items = _str_list(outs) if outs is not None else None
        if row is None or items is None:
            return refs, None
        out = dict(row)
        for n, _, _ in items:
            out[n] = "string"
        return refs, out
    if name == "jsonpath":
        cols = opt("columns")
        if not isinstance(cols, HList):
            return refs, None
        out = dict(row) if row is not None else None
        for it in cols.items:
            if not isinstance(it, HObject):
                return refs, None
            s, d = it.fields.get("src_field"), it.fields.get("dest_field")
            if s is not None and _text(s.value) is not None:
                refs.append(FieldRef(p, "columns.src_field", _text(s.value), s.value.start, s.value.end))
            if d is None or _text(d.value) is None:
                out = None
                continue
            if out is not None:
                t = it.fields.get("dest_type")
                out[_text(d.value)] = _text(t.value).lower() if t is not None and _text(t.value) else "string"
        return refs, out
    if name == "fieldrename":
        return refs, (field_rename_row(cfg, row, version) if row is not None else None)
    if name == "metadata":
        # MetadataTransform: the input row plus one column per `metadata_fields` value
        m = opt("metadata_fields")
        if row is None or not isinstance(m, HObject):
            return refs, None
        out = dict(row)
        for _, f in m.fields.items():
            n = _text(f.value)
            if n is None or "${" in n:
                return refs, None
            out[n] = None
        return refs, out
    if name == "filterrowkind":
        return refs, (dict(row) if row is not None else None)
    if name == "sql":
        from stlint.sqlcheck import analyse

        q = opt("query")
        a = analyse(p, q, row, memo)
        return refs, (a.output if a is not None else None)
    return refs, None


# FieldRename (FieldRenameTransform.convertName, seatunnel-transforms-v2 .../transform/rename/, from
# 2.3.9): a `specific` entry whose field_name equals the name gives its target_name and nothing else
# applies; otherwise the matches of the LAST `replacements_with_regex` entry that matches (found in
# the original name) are replaced by replace_to.trim() after convert_case (UPPER/LOWER), then
# prefix.trim() + name + suffix.trim() (when not blank). An entry without `is_regex` compares the
# whole name (2.3.9-2.3.12: `BooleanUtils.isNotTrue(isRegex)`, FieldRenameTransform.java:146) or is a
# regex (2.3.13: `BooleanUtils.isFalse(isRegex)` at the same line, and FieldRenameConfig's
# `isRegex = true` default).
RENAME_UNSET_IS_REGEX_SINCE = (2, 3, 13)
# regex constructs Java and Python's `re` read differently, or only one of them accepts (Python's
# (?P<n>...), (?#...), {,n}, \N{...}): such a pattern makes the row unknown rather than guessed
_JAVA_ONLY = re.compile(r"\\[pPQEGZzRXhHvVkN0]|\\x\{|[*+?}]\+|\(\?<[A-Za-z]|\(\?P|\(\?#|\{,|\[\[|&&|\(\?[a-z]*[dux]")


_JAVA_LINE_END = re.compile("[\r\u0085\u2028\u2029]")


def _tame(pattern: str) -> bool:
    """A pattern whose matching time stays small on a field name: no quantified group, at most two
    quantifiers (nested or chained quantifiers backtrack exponentially / polynomially)."""
    if len(pattern) > 200 or re.search(r"\)[*+?{]", pattern):
        return False
    return len(re.findall(r"(?<!\\)[*+{]", pattern)) <= 2


def _java_trim(s: str) -> str:
    i, j = 0, len(s)
    while i < j and s[i] <= " ":
        i += 1
    while j > i and s[j - 1] <= " ":
        j -= 1
    return s[i:j]


def _bool(v: HValue | None) -> bool | None | str:
    """True/False/None (unset); "?" when not a boolean SeaTunnel's Jackson would read."""
    if v is None or (isinstance(v, HScalar) and v.value is None):
        return None
    if isinstance(v, HScalar):
        if isinstance(v.value, bool):
            return v.value
        if isinstance(v.value, str) and v.value.strip().lower() in ("true", "false"):
            return v.value.strip().lower() == "true"
    return "?"


def field_rename_row(cfg: HObject, row: Row, version: str | None) -> Row | None:
    """The row after FieldRename, or None when it cannot be computed exactly."""
    from stlint.catalog.model import release_key

    def opt(k: str):
        f = cfg.fields.get(k)
        return f.value if f is not None else None

    texts = {}
    for k in ("convert_case", "prefix", "suffix"):
        v = opt(k)
        if v is None or (isinstance(v, HScalar) and v.value is None):
            texts[k] = None
            continue
        t = _text(v)
        if t is None or not isinstance(v, HScalar) or "${" in t:
            return None
        texts[k] = t
    case = texts["convert_case"]
    if case is not None and case.strip().upper() not in ("UPPER", "LOWER"):
        return None
    rk = release_key(version) if version else None
    unset_regex = rk is None or tuple(rk[:3]) >= RENAME_UNSET_IS_REGEX_SINCE
    reps: list[tuple[str, str | None, bool]] = []
    v = opt("replacements_with_regex")
    if v is not None:
        if not isinstance(v, HList):
            return None
        for it in v.items:
            if not isinstance(it, HObject) or set(it.fields) - {"replace_from", "replace_to", "is_regex"}:
                return None
            frm = it.fields.get("replace_from")
            to = it.fields.get("replace_to")
            frm_t = _text(frm.value) if frm is not None else None
            to_t = _text(to.value) if to is not None else None
            if (frm is not None and frm_t is None) or (to is not None and to_t is None):
                return None
            if any(x is not None and "${" in x for x in (frm_t, to_t)):
                return None
            isr = _bool(it.fields["is_regex"].value) if "is_regex" in it.fields else None
            if isr == "?":
                return None
            if not frm_t:
                continue  # StringUtils.isNotEmpty(replacement) false: the entry does nothing
            regex = unset_regex if isr is None else bool(isr)
            if regex:
                if _JAVA_ONLY.search(frm_t) or not _tame(frm_t):
                    return None
                try:
                    re.compile(frm_t, re.ASCII)
                except (re.error, RecursionError, OverflowError):
                    return None
            reps.append((frm_t, to_t, regex))
    specific: dict[str, str] = {}
    v = opt("specific")
    if v is not None:
        if not isinstance(v, HList):
            return None
        for it in v.items:
            if not isinstance(it, HObject) or set(it.fields) - {"field_name", "target_name"}:
                return None
            fn, tn = it.fields.get("field_name"), it.fields.get("target_name")
            fn_t = _text(fn.value) if fn is not None else None
            tn_t = _text(tn.value) if tn is not None else None
            if fn_t is None or tn_t is None or "${" in fn_t or "${" in tn_t:
                return None  # a missing field_name: NullPointerException in getSpecificModify
            specific.setdefault(fn_t, tn_t)
    out: Row = {}
    if reps and any(r for _, _, r in reps) and any(len(n) > 256 for n in row):
        return None  # regexes only run on names of a bounded length
    for name, t in row.items():
        new = _rename(name, case, texts["prefix"], texts["suffix"], reps, specific)
        if new is None or new in out:
            return None
        out[new] = t
    return out


def _rename(name, case, pre, suf, reps, specific) -> str | None:
    if name in specific:
        return specific[name]
    replace_to = None
    index: list[tuple[int, int]] = []
    for frm, to, regex in reps:
        if not regex:
            matched = [(0, len(name))] if frm == name else []
        else:
            if _JAVA_LINE_END.search(name):
                return None  # Java's `.` stops at these line terminators, Python's does not
            try:
                # re.ASCII: Java's \w, \d, \s, \b and (?i) are ASCII-only by default
                matched = [(m.start(), m.end()) for m in re.finditer(frm, name, re.ASCII)]
            except RecursionError:
                return None
            # Java's LinkedHashMap keyed by start: an empty match at the start of a later match is replaced
            dedup: dict[int, int] = {}
            for a, b in matched:
                dedup[a] = b
            matched = list(dedup.items())
        if matched:
            replace_to, index = to, matched
    if case is not None:
        if not name.isascii():
            return None  # Java's toUpperCase/toLowerCase may differ from Python's beyond ASCII
        name = name.upper() if case.strip().upper() == "UPPER" else name.lower()
    if index:
        if replace_to is None:
            return None  # replaceTo.trim() on null: NullPointerException
        rt = _java_trim(replace_to)
        off = 0
        for a, b in index:
            name = name[:a + off] + rt + name[b + off:]
            off += len(rt) - (b - a)
    if pre is not None and pre.strip():
        name = _java_trim(pre) + name
    if suf is not None and suf.strip():
        name = name + _java_trim(suf)
    return name


def _plain_names(p) -> bool:
    """Only a single-table plugin is followed (no `tables_configs`, `table_list`, `table_transform`...)."""
    cfg = p.config
    if cfg is None:
        return False
    for k in ("tables_configs", "table_list", "table_transform", "table_match_regex", "multi_tables"):
        if k in cfg.fields:
            return False
    return True


def row_flow(ctx) -> Flow:
    """Memoised on ctx.memo["rowtypes.flow"]."""
    m = ctx.memo
    if "rowtypes.flow" in m:
        return m["rowtypes.flow"]
    flow = Flow()
    m["rowtypes.flow"] = flow
    facts = facts_of(ctx.catalog)
    version = getattr(ctx.catalog, "version", None)
    job = ctx.job
    rows: dict[int, tuple[HValue, Row | None]] = {}  # id(schema value) -> its row, computed once
    for p in job.plugins:
        if p.config is None or p.config.src is not ctx.source:
            continue
        for key in ("schema",):
            f = p.config.fields.get(key)
            if f is not None:
                bad: list[BadType] = []
                rows[id(f.value)] = (f.value, schema_row(f.value, facts, bad))  # the same row without `bad`
                flow.bad_types += [(p, b) for b in bad]
        tc = p.config.fields.get("tables_configs")
        if tc is not None and isinstance(tc.value, HList):
            for it in tc.value.items:
                if isinstance(it, HObject) and "schema" in it.fields:
                    bad = []
                    schema_row(it.fields["schema"].value, facts, bad)
                    flow.bad_types += [(p, b) for b in bad]
    from stlint.checks.graph import _graph, simulate, simulate_starter

    g = _graph(ctx)
    if g is None:
        return flow
    try:
        build = simulate(g) if ctx.engine == "zeta" else simulate_starter(g)
    except Exception:  # pragma: no cover - a graph the simulation does not take
        return flow
    for s in g.sources:
        row = None
        if (s.name or "").lower() in DECLARED_ROW_SOURCES and _plain_names(s):
            f = s.config.fields.get("schema")
            if f is not None:
                hit = rows.get(id(f.value))
                row = hit[1] if hit is not None and hit[0] is f.value else schema_row(f.value, facts, None)
                if row is not None and any("${" in k for k in row):
                    row = None
        flow.outgoing[id(s)] = row
    for t in g.transforms:
        if id(t) not in build.reads:
            continue
        ups = build.reads[id(t)]
        row = flow.outgoing.get(id(ups[0])) if len(ups) == 1 else None
        if not _plain_names(t):
            row = None
        flow.incoming[id(t)] = row
        r = g.outputs.get(id(ups[0])) if len(ups) == 1 else None
        flow.table_of[id(t)] = r.name if r is not None else None
        flow.outgoing[id(t)] = transform_refs(t, row, version, ctx.memo)[1] if _plain_names(t) else None
    for k in g.sinks:
        ups = build.reads.get(id(k)) or []
        flow.incoming[id(k)] = flow.outgoing.get(id(ups[0])) if len(ups) == 1 else None
    return flow


def incoming_fields(ctx, plugin) -> list[str] | None:
    """Field names of the row `plugin` reads, or None when not known (for editor completion)."""
    row = row_flow(ctx).incoming.get(id(plugin))
    return list(row) if row is not None else None


def table_rows(ctx) -> dict[str, Row]:
    """Known row type of each named table (plugin_output), for hover."""
    from stlint.checks.graph import _graph

    g = _graph(ctx)
    flow = row_flow(ctx)
    out: dict[str, Row] = {}
    if g is None:
        return out
    for p in g.producers:
        r = g.outputs.get(id(p))
        row = flow.outgoing.get(id(p))
        if r is not None and r.name is not None and row is not None:
            out.setdefault(r.name, row)
    return out


def format_row(row: Row) -> str:
    return ", ".join(f"{k} {t or '?'}" for k, t in row.items())


def iter_refs(ctx) -> Iterator[tuple[FieldRef, Row]]:
    """Every field reference of a transform whose incoming row is known."""
    flow = row_flow(ctx)
    for p in ctx.job.of_kind("transform"):
        row = flow.incoming.get(id(p))
        if row is None or p.config is None or p.config.src is not ctx.source:
            continue
        refs, _ = transform_refs(p, row, getattr(ctx.catalog, "version", None), ctx.memo)
        for r in refs:
            if "${" in r.name:
                continue
            yield r, row


@dataclass
class SinkRef:
    plugin: Any
    entry: Mapping[str, Any]  # the catalog's `field_refs` entry (overlay)
    name: str
    start: int
    end: int


def _unless(p, entry: Mapping[str, Any]) -> bool:
    """Whether one of the entry's `unless` conditions holds on plugin `p` (SeaTunnel does not look
    the names up then); a condition we cannot read counts as holding (never guess)."""
    for u in entry.get("unless") or ():
        o = p.get(u["option"])
        if o is None:
            continue
        want = u.get("equals")
        if want is None:
            return True
        v = o.value
        if not isinstance(v, HScalar):
            return True
        got = v.value
        if isinstance(want, bool):
            b = _bool(v)
            if b == "?" or b == want:
                return True
        elif isinstance(got, str) and ("${" in got or got.strip().lower() == str(want).lower()):
            return True
    return False


def iter_sink_refs(ctx) -> Iterator[tuple[SinkRef, Row]]:
    """Every field a sink option names (catalog `field_refs`) whose sink's incoming row is known."""
    cat = ctx.catalog
    if cat is None or not hasattr(cat, "field_refs"):
        return
    flow = row_flow(ctx)
    for p in ctx.job.of_kind("sink"):
        if p.config is None or p.config.src is not ctx.source:
            continue
        entries = cat.field_refs("sink", p.name or "")
        if not entries:
            continue
        row = flow.incoming.get(id(p))
        if row is None or not _plain_names(p):
            continue
        for e in entries:
            o = p.get(e["option"])
            if o is None or _unless(p, e) or getattr(o.value, "src", ctx.source) is not ctx.source:
                continue
            if e.get("shape", "list") == "value":
                t = _text(o.value) if isinstance(o.value, HScalar) else None
                items = [(t, o.value.start, o.value.end)] if t else None
            else:
                items = _str_list(o.value)
            if items is None:
                continue
            for n, a, b in items:
                if "${" in n:
                    continue
                yield SinkRef(p, e, n, a, b), row


def field_option(kind: str, name: str, path: list[str], key: str, catalog=None) -> str | None:
    """How the option at `path` + `key` of plugin `name` names incoming fields, for the editor:
    "value" (one field), "list" (a list of fields), "key" (the keys of the object are fields), or
    None. `path` holds the object keys below the plugin block (array frames as "[" + key)."""
    full = ".".join([*(k for k in path if not k.startswith("[")), key]) if key else ""
    low = (name or "").lower()
    if kind == "transform":
        for spec in TRANSFORM_FIELD_OPTIONS.get(low, ()):
            opt, how = spec
            if how == "key" and path == [opt]:
                return "key"
            if how == "values" and path == [opt]:
                return "value"
            if how in ("value", "list") and full == opt:
                return how
            if how == "item" and path and path[0] == "[" + opt.split(".")[0] and key == opt.split(".")[1]:
                return "value"
        return None
    if catalog is not None and hasattr(catalog, "field_refs"):
        for e in catalog.field_refs(kind, name):
            if e["option"] == full or (path and path[-1] == "[" + e["option"] and not key):
                return e.get("shape", "list")
    return None


# transform options that name incoming fields (the references transform_refs follows): (option, how)
# value: one field; list: a list / comma-separated fields; key: the object's keys; values: the
# object's values; item: `list.key` inside the objects of a list
TRANSFORM_FIELD_OPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "replace": (("replace_field", "value"),),
    "split": (("split_field", "value"),),
    "copy": (("src_field", "value"), ("fields", "values")),
    "filter": (("include_fields", "list"), ("exclude_fields", "list"), ("fields", "list")),
    "fieldmapper": (("field_mapper", "key"),),
    "jsonpath": (("columns.src_field", "item"),),
}


def table_hover(res, settings, off: int) -> tuple[str, int, int] | None:
    """Markdown for the table name at `off` (a `plugin_output` / `plugin_input` value) with its
    known row type, and the name's range; None elsewhere or when the row is not known. For the
    language server's hover (the same facts the rules use)."""
    from stlint.checks import Context
    from stlint.checks.graph import INPUT_KEYS, OUTPUT_KEYS, _refs

    job = getattr(res, "job", None)
    if job is None:
        return None
    hit = None
    for p in job.plugins:
        if p.config is None or not (p.start <= off <= p.end):
            continue
        for k in OUTPUT_KEYS + INPUT_KEYS:
            o = p.top.get(k)
            if o is not None and o.value_start <= off <= o.value_end:
                hit = p
        if hit is not None:
            break
    if hit is None:
        return None
    ctx = Context(res.doc, job, settings)
    rows = table_rows(ctx)
    for keys, split in ((OUTPUT_KEYS, False), (INPUT_KEYS, True)):
        for r in _refs(ctx, hit, keys, split) or []:
            if r.start <= off <= r.end and r.name is not None and r.name in rows:
                row = rows[r.name]
                lines = "\n".join(f"| `{k}` | `{t or '?'}` |" for k, t in row.items())
                return f"**table `{r.name}`**\n\n| field | type |\n|---|---|\n{lines}", r.start, r.end
    return None
