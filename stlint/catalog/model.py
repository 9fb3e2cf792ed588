"""Runtime view of a shipped catalog (stdlib only: this module is on the hot path).

`PluginSpec.evaluate` mirrors SeaTunnel's `ConfigValidator` (see
`seatunnel-config-facts.md` section 6) plus literal type checks that SeaTunnel
performs when an option is read (`ConfigUtil.convertValue`).
"""

from __future__ import annotations

import re
import json
from typing import Any, Iterable, Mapping

from stlint import configutil as cu

__all__ = ["OptionSpec", "PluginSpec", "RuleSpec", "Conditional", "Violation", "Catalog", "MISSING", "UNKNOWN"]


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING = _Sentinel("MISSING")  # key not set
UNKNOWN = _Sentinel("UNKNOWN")  # set, value not known statically (unresolved substitution)


class OptionSpec:
    __slots__ = (
        "key", "type", "element_type", "has_default", "default", "default_dynamic", "default_text",
        "enum_values", "choices", "fallback_keys", "deprecated", "java_type", "source", "reason",
        "declared_in", "deprecated_for", "_description", "kind", "_dcat", "_dkey", "enum_class", "reader",
        "typesafe_reads", "element_keys", "element_unknown", "element_key_types",
    )

    def __init__(self, d: Mapping[str, Any], source: str = "rule", reason: str | None = None):
        self.key: str = d["key"]
        self.type: str = d.get("type", "object")
        self.element_type: str | None = d.get("element_type")
        self.has_default: bool = bool(d.get("has_default", False))
        self.default: Any = d.get("default")
        self.default_dynamic: bool = bool(d.get("default_dynamic", False))
        self.default_text: str | None = d.get("default_text")
        ev = d.get("enum_values")
        self.choices: list[Any] | None = d.get("choices")
        self.enum_values: list[str] | None = list(ev) if ev is not None else None
        if self.choices is not None and self.type not in ("enum",):
            # a single-choice option: what users may write is the choice list
            self.enum_values = [str(c) if not isinstance(c, bool) else ("true" if c else "false") for c in self.choices]
        self.fallback_keys: tuple[str, ...] = tuple(d.get("fallback_keys", ()))
        self.deprecated: bool = bool(d.get("deprecated", False))
        self.deprecated_for: str | None = d.get("deprecated_for")
        self.java_type: str | None = d.get("java_type")
        self.source: str = d.get("source", source)  # "rule", "common", "overlay", "read" (read, not in the rule)
        self.reason: str | None = d.get("reason", reason)
        self.declared_in: str | None = d.get("declared_in")
        self._description: str | None = d.get("description")  # withDescription(...) text, when inline
        self._dcat: Any = None  # the Catalog whose descriptions file has the text (set by Catalog._named)
        self._dkey: str = self.key  # the declared key (a fallback view keeps it)
        self.kind: str | None = d.get("kind")  # "prefix": every key starting with `key` is this option
        self.enum_class: str | None = d.get("enum_class")  # the enum's Java class (ConfigUtil's message)
        # how the plugin reads the value: "convert" (ReadonlyConfig.get -> ConfigUtil.convertValue) or
        # "any" (convertValue or Typesafe Config's getters: the catalog found a getter reading it
        # (`typesafe_reads`), a fallback plugin's legacy code, an overlay option)
        self.typesafe_reads: tuple[str, ...] = tuple(d.get("typesafe_reads") or ())
        # a list Jackson maps onto a class of the tree: the JSON keys of an entry, unknown "ignored"/"fails"
        ek = d.get("element_keys")
        self.element_keys: tuple[str, ...] | None = tuple(ek) if ek is not None else None
        self.element_unknown: str | None = d.get("element_unknown")
        self.element_key_types: Mapping[str, str] = d.get("element_key_types") or {}
        self.reader: str = "any" if self.typesafe_reads else "convert"
        if self.type == "enum" and self.java_type == "Formatter":
            # Date/Time/DateTimeUtils.Formatter options (file connectors' date_format, time_format,
            # datetime_format) are read with getString() + Formatter.parse(pattern): users write the
            # pattern ("yyyy-MM-dd'T'HH:mm:ss"), not the enum constant, so the constants are no value list
            self.type = "string"
            self.enum_values = None

    def __repr__(self) -> str:
        return f"OptionSpec({self.key!r}, {self.type})"

    @property
    def description(self) -> str | None:
        """The withDescription(...) text: inline, else from the release's descriptions file (read
        on first use; only hover, completion and docs ask)."""
        d = self._description
        if d is None and self._dcat is not None and type(self.declared_in) is str:
            d = self._dcat.option_description(self.declared_in, self._dkey)
        return d

    def as_fallback(self, fallback_key: str) -> "OptionSpec":
        """The spec seen through a deprecated fallback key (`deprecated`, `deprecated_for`)."""
        clone = OptionSpec.__new__(OptionSpec)
        for slot in OptionSpec.__slots__:
            setattr(clone, slot, getattr(self, slot))
        clone.key = fallback_key
        clone.fallback_keys = ()
        clone.deprecated = True
        clone.deprecated_for = self.key
        return clone

    def describe_type(self) -> str:
        if self.type == "list" and self.element_type:
            return f"list<{self.element_type}>"
        return self.type

    # -- value conversion (ConfigUtil.convertValue) -------------------------
    def check_value(self, value: Any, readers: tuple | None = None) -> str | None:
        """The finding's text when SeaTunnel fails reading this literal value or reads it as
        something else (`verdict(...).fail` tells which), else None."""
        v = self.verdict(value, readers)
        return None if v is None else _describe(self, value, v)

    def verdict(self, value: Any, readers: tuple | None = None):
        """How SeaTunnel reads this literal value (`stlint.configutil.Verdict`), None when as meant.
        `readers`: the reads that all run, in order, each `(kind, where)` with kind "convert",
        "parse:int"/"parse:long" (Integer.parseInt/Long.parseLong of its text) or "typesafe:TYPE"
        (Config.getInt/getLong/getBoolean/getEnum; `stlint.envread`); default: the option's own `reader`."""
        if _contains_unknown(value):
            return None
        if readers is None:
            if self.reader == "any":
                return _either(value, self)
            readers = (("convert", None),)
        first = None
        for kind, where in readers:
            v = _read(value, self, kind)
            if v is None:
                continue
            v.where = where
            if v.fail:
                return v
            first = first or v
        return first

    def convert(self, value: Any) -> Any:
        """Converted value for comparisons (what ConfigUtil.convertValue gives); UNKNOWN when not
        decidable or invalid."""
        return _convert(value, self.type, self.enum_values if self.type == "enum" else None)

    def effective_default(self) -> Any:
        if not self.has_default:
            return MISSING
        if self.default_dynamic:
            return UNKNOWN
        return self.default


class Conditional:
    __slots__ = ("option", "values", "required", "never_matches", "trigger_spec", "_unset")

    def __init__(self, option: str, values: list[Any], required: tuple[str, ...], never_matches: bool, trigger_spec: OptionSpec | None):
        self.option = option
        self.values = values
        self.required = required
        self.never_matches = never_matches
        self.trigger_spec = trigger_spec
        self._unset: tuple[bool, str] | None = None  # `_condition` when the trigger is not written (a catalog fact)

    def __repr__(self) -> str:
        return f"Conditional({self.option!r} in {self.values!r} -> {self.required!r})"


class Runtime:
    """Where SeaTunnel enforces a requirement outside the option rule, and what it throws."""

    __slots__ = ("message", "where", "releases", "per_table", "present", "strict")

    def __init__(self, message: str, where: str, releases: str | None = None, per_table: bool = False,
                 present: str | None = None, strict: bool = False):
        self.strict = strict  # the check looks at the written keys (Config.hasPath): defaults do not count
        self.message = message  # SeaTunnel's exception text (or the exception class for an NPE)
        self.where = where  # "path/File.java:LINE" in the newest release that has it
        self.releases = releases  # e.g. "2.3.8-2.3.13"
        self.per_table = per_table  # checked on each table config (each `tables_configs` entry when set)
        self.present = present  # a conditional on the presence of this key (not on a value)

    @property
    def location(self) -> str:
        """`File.java:LINE` (file name only) for messages."""
        return self.where.rsplit("/", 1)[-1]

    def __repr__(self) -> str:
        return f"Runtime({self.message!r}, {self.where!r})"


class _Group:
    __slots__ = ("type", "options", "specs", "conditional", "reason", "source", "runtime")

    def __init__(self, type_: str, options: tuple[str, ...], specs: dict[str, OptionSpec], conditional: Conditional | None,
                 reason: str | None = None, source: str = "rule", runtime: Runtime | None = None):
        self.type = type_
        self.options = options
        self.specs = specs  # per-group option definitions (variants such as compress_codec)
        self.conditional = conditional
        self.reason = reason
        self.source = source
        self.runtime = runtime  # set for requirements SeaTunnel checks at startup, not in optionRule()


class RuleSpec:
    """Option rule: ordered groups as in SeaTunnel's OptionRule plus overlay groups."""

    __slots__ = ("groups",)

    def __init__(self, groups: list[_Group]):
        self.groups = groups

    @property
    def required(self) -> list[str]:
        return [k for g in self.groups if g.type == "required" for k in g.options]

    @property
    def optional(self) -> list[str]:
        return [k for g in self.groups if g.type == "optional" for k in g.options]

    @property
    def exclusive(self) -> list[tuple[str, ...]]:
        return [g.options for g in self.groups if g.type == "exclusive"]

    @property
    def bundled(self) -> list[tuple[str, ...]]:
        return [g.options for g in self.groups if g.type == "bundled"]

    @property
    def conditionals(self) -> list[Conditional]:
        return [g.conditional for g in self.groups if g.type == "conditional" and g.conditional is not None]

    @property
    def one_of(self) -> list[tuple[str, ...]]:
        return [g.options for g in self.groups if g.type == "one_of"]


class Violation:
    __slots__ = ("kind", "options", "message", "reason", "runtime", "entry")

    def __init__(self, kind: str, options: tuple[str, ...], message: str, reason: str | None = None,
                 runtime: Runtime | None = None, entry: tuple[str, int] | None = None):
        self.kind = kind
        self.options = options
        self.message = message
        self.reason = reason
        self.runtime = runtime  # the startup check that fails (None: the declared option rule)
        self.entry = entry  # (list option, index) when found in a `tables_configs`/`table_list` entry

    def __repr__(self) -> str:
        return f"Violation({self.kind!r}, {self.options!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Violation) and (self.kind, self.options, self.message, self.reason, self.entry) == (
            other.kind, other.options, other.message, other.reason, other.entry)

    def __hash__(self) -> int:
        return hash((self.kind, self.options, self.message))


class TableList:
    """A list option whose entries each describe one table (`tables_configs`, `table_list`).

    `keys` None: SeaTunnel reads each entry as a whole plugin config (`ReadonlyConfig.fromMap(entry)`),
    so the plugin's own options apply; else only these keys are read from an entry."""

    __slots__ = ("option", "keys", "where", "reason", "unknown_fails", "block_only", "extra_keys")

    def __init__(self, option: str, keys: list[str] | None, where: str, reason: str | None = None,
                 unknown_fails: bool = False, block_only: list[str] | None = None,
                 extra_keys: list[str] | None = None):
        self.option = option
        self.keys = tuple(keys) if keys is not None else None
        self.where = where
        self.reason = reason
        self.unknown_fails = unknown_fails  # Jackson maps the entry strictly: an unknown key fails the job
        # whole-config entries: keys read from the plugin block only (ignored inside an entry)
        self.block_only = tuple(block_only or ())
        self.extra_keys = tuple(extra_keys or ())  # whole-config entries: keys besides the plugin's options

    def __repr__(self) -> str:
        return f"TableList({self.option!r}, {self.keys!r})"


class PluginSpec:
    __slots__ = ("kind", "name", "options", "docs_url", "validated", "rule", "factory", "_common", "_aliases", "notes",
                 "options_known", "passthrough", "tables", "hints", "schema_unused_when", "_by_name", "_prepared")

    def __init__(self, kind: str, name: str, options: dict[str, OptionSpec], rule: RuleSpec, docs_url: str | None,
                 validated: bool, factory: str | None, common: dict[str, OptionSpec] | None = None,
                 notes: list[str] | None = None):
        self.kind = kind
        self.name = name
        self.options = options
        self.rule = rule
        self.docs_url = docs_url
        self.validated = validated
        self.factory = factory
        self._common = common or {}
        self.notes = notes or []
        self.passthrough: str | None = None  # map option holding the client's own settings (overlay)
        # option -> values (upper-case) under which the plugin builds its table without parsing `schema` (overlay)
        self.schema_unused_when: dict[str, tuple[str, ...]] = {}
        self.tables: list[TableList] = []  # multi-table list options (set by the catalog)
        self.hints: dict[str, Mapping[str, Any]] = {}  # unknown key -> {"suggest": key, "message": text} (overlay)
        # False for legacy plugins known only from plugin-mapping.properties: no factory, options unknown
        self.options_known = factory is not None or kind == "env"
        aliases: dict[str, OptionSpec] = {}
        for spec in list(self._common.values()) + list(options.values()):
            for fk in spec.fallback_keys:
                if fk not in aliases:
                    aliases[fk] = spec.as_fallback(fk)
        self._aliases = aliases
        self._by_name: dict[str, tuple] | None = None  # see `written_options`
        self._prepared: list | None = None  # did-you-mean candidates (`suggest_option`)

    def __repr__(self) -> str:
        return f"PluginSpec({self.kind!r}, {self.name!r})"

    def written_options(self, config: Mapping[str, Any]) -> list[tuple[str, OptionSpec]]:
        """The declared options (in declaration order) that ``get_raw`` may find in ``config``:
        those whose key or a fallback key is a top-level key of ``config``, or starts with one and
        a dot (``lookup`` looks nowhere else). A job writes a few of a plugin's many options, so
        the per-option checks look at these only (the same findings as looking at all)."""
        idx = self._by_name
        if idx is None:
            items = list(self.options.items())
            acc: dict[str, list] = {}
            for i, (_, s) in enumerate(items):
                for k in (s.key, *s.fallback_keys):
                    for name in {k, k.split(".", 1)[0]}:
                        acc.setdefault(name, []).append((i, items[i]))
            idx = self._by_name = {k: tuple(v) for k, v in acc.items()}
        hit: list = []
        for k in config:
            ix = idx.get(k)
            if ix is not None:
                hit += ix
        if len(hit) > 1:
            hit = sorted(set(hit), key=_first)
        return [h[1] for h in hit]

    # -- lookups -----------------------------------------------------------
    def option(self, key: str) -> OptionSpec | None:
        """Declared option by key; also common keys, and fallback keys (returned with
        `deprecated=True`, `deprecated_for=<new key>`)."""
        spec = self.options.get(key)
        if spec is not None:
            return spec
        spec = self._common.get(key)
        if spec is not None:
            return spec
        return self._aliases.get(key)

    def is_fallback_key(self, key: str) -> bool:
        return key not in self.options and key not in self._common and key in self._aliases

    def fallback_keys(self) -> dict[str, str]:
        """Deprecated fallback key -> new key, for this plugin's options and the common keys."""
        return {k: s.deprecated_for or "" for k, s in self._aliases.items() if k not in self.options and k not in self._common}

    def all_keys(self) -> list[str]:
        keys = list(self.options)
        keys += [k for k in self._common if k not in self.options]
        return keys

    def suggest_option(self, key: str, n: int = 3) -> list[str]:
        """Near-certain keys for an unknown ``key``: a known hint's target first (overlay `hints`,
        e.g. Sql `sql` -> `query`), then keys with the same word parts."""
        h = self.hints.get(key)
        first = [h["suggest"]] if h and h.get("suggest") else []
        prepared = self._prepared
        if prepared is None:  # the candidates' word parts, once per plugin
            from stlint.suggest import prepare

            prepared = self._prepared = prepare(self.all_keys() + list(self._aliases))
        from stlint.suggest import suggest_prepared

        return list(dict.fromkeys(first + suggest_prepared(key, prepared, n)))[:n]

    def hint(self, key: str) -> str | None:
        """What the overlay knows about this unknown key (one sentence), or None."""
        h = self.hints.get(key)
        return h.get("message") if h else None

    def passthrough_home(self, key: str) -> str | None:
        """The map option a top-level `key` belongs in when it looks like a client property
        (dotted lower-case words, `group.id`, `request.timeout.ms`) and the plugin passes such a
        map to its client (`passthrough` catalog metadata)."""
        home = self.passthrough
        if home is None or home not in self.options:
            return None
        known, dotted = _client_keys(self.kind, self.name, home)
        if key.lower() in known or (dotted and _CLIENT_KEY.match(key)):
            return home
        return None

    def is_client_key(self, key: str) -> bool:
        """Whether `key` is a well-known setting of the client behind the passthrough map
        (rules/client_keys.json), e.g. `format` of Doris' stream load."""
        home = self.passthrough
        return home is not None and key.lower() in _client_keys(self.kind, self.name, home)[0]

    def passthrough_inner(self, key: str) -> str | None:
        """The client key a top-level `key` stands for inside the passthrough map when it carries
        the map's first word as a prefix (v1 style `kafka.request.timeout.ms` -> `request.timeout.ms`):
        only when that rest is a well-known key of the client (`hive.exec.x` stays as written)."""
        home = self.passthrough
        if home is None:
            return None
        head = home.split(".")[0] + "."
        if not key.startswith(head):
            return None
        inner = key[len(head):]
        known, _ = _client_keys(self.kind, self.name, home)
        return inner if inner.lower() in known else None

    # -- validation ----------------------------------------------------------
    def evaluate(self, config: Mapping[str, Any]) -> list[Violation]:
        return _evaluate(self, config)


def _first(t: tuple) -> Any:
    return t[0]


class Catalog:
    def __init__(self, data: Mapping[str, Any], overlay: Mapping[str, Any] | None = None):
        self.version: str = data["version"]
        self.seatunnel_version: str | None = data.get("seatunnel_version")
        self.meta = {k: data.get(k) for k in ("seatunnel_version", "source_commit", "source")}
        # every literal option key declared anywhere in this version's sources (not only in rules)
        self.tree_option_keys: frozenset[str] = frozenset(data.get("option_keys", ()))
        self.types: Mapping[str, Any] | None = data.get("types")  # schema type facts (types_scan.py)
        self._schema_raw: Mapping[str, Any] | None = data.get("schema_keys")  # keys inside `schema {}` (schema_scan.py)
        self._schema_specs: dict[str, dict[str, OptionSpec]] = {}
        self.descriptions_file: Any = None  # set by load_catalog: the release's descriptions file
        self._desc: Mapping[str, Any] | None = None
        # a shipped catalog names each declaring class once; options hold its index
        self._declared: list[str] = list(data.get("declared_in_table", ()))
        overlay = overlay or {}
        self._common: dict[str, dict[str, OptionSpec]] = {}
        ov_common = overlay.get("common", {})
        for kind in ("source", "transform", "sink"):
            d: dict[str, OptionSpec] = {}
            for k, o in data.get("common", {}).get(kind, {}).items():
                d[k] = self._named(OptionSpec(o, source="common", reason="engine-level option accepted by every plugin of this kind"))
            for k, o in ov_common.get(kind, {}).items():
                if _applies(o, self.version) and k not in d:
                    d[k] = self._named(OptionSpec({"key": k, **o}, source="overlay"))
            self._common[kind] = d
        self._by_kind: dict[str, dict[str, PluginSpec]] = {}
        self._raw: dict[tuple[str, str], Mapping[str, Any]] = {}
        for p in data.get("plugins", []):
            self._raw[(p["kind"], p["name"].lower())] = p
            self._by_kind.setdefault(p["kind"], {})[p["name"].lower()] = None  # type: ignore[assignment]
        self._names: dict[str, list[str]] = {}
        for p in data.get("plugins", []):
            self._names.setdefault(p["kind"], []).append(p["name"])
        self._overlay_plugins: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for op in overlay.get("plugins", []):
            if _applies(op, self.version):
                self._overlay_plugins.setdefault((op["kind"], op["name"].lower()), []).append(op)
        self._runtime: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for r in overlay.get("runtime", []):
            if _applies(r, self.version):
                for n in r.get("names") or [r["name"]]:
                    self._runtime.setdefault((r["kind"], n.lower()), []).append(r)
        self._tables: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for t in overlay.get("multi_table", []):
            if _applies(t, self.version):
                for n in t["names"]:
                    self._tables.setdefault((t["kind"], n.lower()), []).append(t)
        self._docs = overlay.get("docs", {})
        # options whose `${name}` the plugin fills per row/file/request (overlay `row_placeholders`)
        self._row_ph: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for rp in overlay.get("row_placeholders", []):
            if _applies(rp, self.version):
                for pn in rp["plugins"]:
                    self._row_ph.setdefault((rp["kind"], pn.lower()), []).append(rp)
        # options whose values name fields of the incoming row (overlay `field_refs`)
        self._field_refs: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for fr in overlay.get("field_refs", []):
            if _applies(fr, self.version):
                for pn in fr["plugins"]:
                    self._field_refs.setdefault((fr["kind"], pn.lower()), []).append(fr)
        self._env_raw = data.get("env") or {"kind": "env", "name": "env", "options": {}, "rule": []}
        self._env: PluginSpec | None = None
        self._env_overlay = [op for op in overlay.get("plugins", []) if op.get("kind") == "env" and _applies(op, self.version)]

    # -- public API ----------------------------------------------------------
    def find(self, kind: str, name: str) -> PluginSpec | None:
        if not isinstance(name, str):
            return None
        bucket = self._by_kind.get(kind)
        if bucket is None:
            return None
        low = name.lower()
        if low not in bucket:
            return None
        spec = bucket[low]
        if spec is None:
            spec = self._build(self._raw[(kind, low)], self._overlay_plugins.get((kind, low), []))
            bucket[low] = spec
        return spec

    def field_refs(self, kind: str, name: str) -> list[Mapping[str, Any]]:
        """The overlay `field_refs` entries of plugin ``name``: options whose values name fields of
        the row it reads, with what SeaTunnel does about a name the row lacks."""
        if not isinstance(name, str):
            return []
        return list(self._field_refs.get((kind, name.lower()), ()))

    def row_placeholder(self, kind: str, name: str, key: str, placeholder: str) -> Mapping[str, Any] | None:
        """The overlay `row_placeholders` entry under which plugin ``name`` fills ``${placeholder}``
        in option ``key`` (a flat key; entries name an option or a key prefix) itself, else None."""
        import re

        for rp in self._row_ph.get((kind, str(name).lower()), ()):
            opt = rp["option"]
            if key != opt and not key.startswith(opt + "."):
                continue
            names = rp.get("names")
            pat = rp.get("name_pattern")
            if names is None and pat is None:
                return rp
            if (names is not None and placeholder in names) or (pat is not None and re.fullmatch(pat, placeholder)):
                return rp
        return None

    def kinds_of(self, name: str) -> list[str]:
        low = name.lower()
        return [k for k in ("source", "transform", "sink") if low in self._by_kind.get(k, {})]

    def names(self, kind: str) -> list[str]:
        return sorted(self._names.get(kind, []), key=str.lower)

    def suggest(self, kind: str, name: str, n: int = 3) -> list[str]:
        return _suggest(name, self.names(kind), n)

    @property
    def env(self) -> PluginSpec:
        if self._env is None:
            self._env = self._build(self._env_raw, self._env_overlay, kind="env")
        return self._env

    def common_keys(self, kind: str) -> dict[str, OptionSpec]:
        return dict(self._common.get(kind, {}))

    def deprecated_keys(self, kind: str) -> dict[str, str]:
        """Fallback (deprecated) key -> new key, for engine-level keys of this kind."""
        out: dict[str, str] = {}
        for spec in self._common.get(kind, {}).values():
            for fk in spec.fallback_keys:
                out[fk] = spec.key
        return out

    # -- construction --------------------------------------------------------
    def _named(self, spec: OptionSpec) -> OptionSpec:
        """Resolve an interned `declared_in` (an index into `declared_in_table`) to the class name."""
        if type(spec.declared_in) is int:
            i = spec.declared_in
            spec.declared_in = self._declared[i] if 0 <= i < len(self._declared) else None
        spec._dcat = self  # (descriptions file when none is inline; the release for value messages)
        return spec

    # -- descriptions (a file of their own, read on first use: never on the check path) --------
    def _descriptions(self) -> Mapping[str, Any]:
        d = self._desc
        if d is None:
            d = {}
            if self.descriptions_file is not None:
                try:
                    from . import _read_catalog_json

                    d = _read_catalog_json(self.descriptions_file)
                except (OSError, ValueError):
                    d = {}
            self._desc = d
        return d

    def option_description(self, declared_in: str, key: str) -> str | None:
        return (self._descriptions().get("options") or {}).get(declared_in, {}).get(key)

    def plugin_description(self, kind: str, name: str) -> str | None:
        """What the plugin does (its docs page's Description paragraph), or None."""
        raw = self._raw.get((kind, str(name).lower()))
        if raw is not None and raw.get("description"):
            return raw["description"]
        real = raw["name"] if raw is not None else name
        return (self._descriptions().get("plugins") or {}).get(kind, {}).get(real)

    def schema_keys(self, container: str) -> dict[str, OptionSpec] | None:
        """The keys SeaTunnel's schema parser reads in ``container`` (`schema`, `schema.primaryKey`,
        `schema.columns[]`, ...; catalog `schema_keys`), or None when it reads none there."""
        raw = (self._schema_raw or {}).get("containers", {}).get(container)
        if raw is None:
            return None
        got = self._schema_specs.get(container)
        if got is None:
            got = {k: self._named(OptionSpec(o, source="schema")) for k, o in raw.items()}
            self._schema_specs[container] = got
        return got

    def schema_key_fact(self, container: str, key: str) -> Mapping[str, Any] | None:
        """The raw fact of a schema key: `where` (file:line), `required` (SeaTunnel's message), `value`."""
        return (self._schema_raw or {}).get("containers", {}).get(container, {}).get(key)

    def schema_exclusive(self) -> list[Mapping[str, Any]]:
        """The schema parser's checks that two keys are not both given (`fields` and `columns`):
        `container`, `keys`, `message`, `where` (file:line), from the catalog's `schema_keys`."""
        return list((self._schema_raw or {}).get("exclusive", ()))

    def schema_conversion(self) -> Mapping[str, Any]:
        """How a schema key's read converts a value (`ConfigUtil.convertValue`): `failure` (the
        exception's format pattern), `split_warning` (logged before a string is split into a list),
        each with `*_where` (file:line)."""
        return (self._schema_raw or {}).get("conversion") or {}

    def _build(self, raw: Mapping[str, Any], overlays: list[Mapping[str, Any]], kind: str | None = None) -> PluginSpec:
        kind = kind or raw["kind"]
        options: dict[str, OptionSpec] = {}
        for k, o in raw.get("options", {}).items():
            options[k] = self._named(OptionSpec(o, source="rule"))
        groups: list[_Group] = []
        for g in raw.get("rule", []):
            overrides = {k: self._named(OptionSpec(v)) for k, v in g.get("overrides", {}).items()}
            specs = {k: overrides.get(k) or options[k] for k in g["options"] if k in options or k in overrides}
            cond = None
            if g["type"] == "conditional":
                tspec = self._named(OptionSpec(g["trigger_override"])) if "trigger_override" in g else options.get(g["option"])
                cond = Conditional(g["option"], list(g.get("values", [])), tuple(g["options"]), bool(g.get("never_matches")), tspec)
            groups.append(_Group(g["type"], tuple(g["options"]), specs, cond))
        # union of single-choice values across variants (completion/hover)
        for g in groups:
            for k, s in g.specs.items():
                base = options.get(k)
                if base is not None and s is not base and s.enum_values and base.enum_values is not None:
                    for v in s.enum_values:
                        if v not in base.enum_values:
                            base.enum_values.append(v)
        notes: list[str] = []
        passthrough: str | None = None
        schema_unused: dict[str, tuple[str, ...]] = {}
        hints: dict[str, Mapping[str, Any]] = {}
        validated = bool(raw.get("validated", True))
        docs_url = raw.get("docs_url")
        for ov in overlays:
            for k, o in ov.get("options", {}).items():
                if k not in options and _applies(o, self.version):
                    options[k] = self._named(OptionSpec({"key": k, **o}, source="overlay"))
            for r in ov.get("rules", []):
                opts = tuple(r["options"])
                if r["type"] == "required" and any(g.type == "required" and g.options == opts for g in groups):
                    continue  # the release's own rule already requires it (Sql `query` up to 2.3.8)
                specs = {k: options[k] for k in opts if k in options}
                cond = None
                if r["type"] == "conditional":
                    cond = Conditional(r["option"], list(r["values"]), opts, False, options.get(r["option"]))
                groups.append(_Group(r["type"], opts, specs, cond, reason=r.get("reason"), source="overlay"))
            if "validated" in ov:
                validated = bool(ov["validated"])
            if "docs_page" in ov:
                docs_url = None
                tmpl = self._docs_template()
                if tmpl:
                    docs_url = tmpl.format(section=self._docs_section(kind), page=ov["docs_page"], version=self.version)
            if ov.get("note"):
                notes.append(ov["note"])
            if ov.get("passthrough"):
                passthrough = ov["passthrough"]
            for k, vals in (ov.get("schema_unused_when") or {}).items():
                schema_unused[k] = tuple(str(v).upper() for v in vals)
            for k, h in (ov.get("hints") or {}).items():
                if _applies(h, self.version):
                    hints.setdefault(k, h)
        # requirements SeaTunnel checks at startup outside optionRule(): mechanically scanned ones from
        # the catalog (`runtime`), then audited ones from the overlay (`runtime:` section)
        key = (kind, str(raw.get("name", "")).lower())
        for r in list(raw.get("runtime", [])) + self._runtime.get(key, []):
            groups.append(_runtime_group(r, options))
        tables = []
        for t in self._tables.get(key, []):
            keys, fails = t.get("keys"), bool(t.get("unknown_fails"))
            if t.get("jackson"):  # the entry class's keys as the catalog's scan found them in this release
                o = options.get(t["option"])
                if o is None or o.element_keys is None:
                    continue  # not found: the entries are not checked
                keys, fails = list(o.element_keys), o.element_unknown == "fails"
            tables.append(TableList(t["option"], keys, t["where"], t.get("reason"), fails, t.get("block_only"),
                                    t.get("extra_keys")))
        for t in tables:  # SeaTunnel reads the list: it is an option even where the rule omits it
            if t.option not in options:
                options[t.option] = self._named(OptionSpec({"key": t.option, "type": "list", "element_type": "map"},
                                                           source="overlay", reason=t.reason))
        if docs_url and self._docs:
            # the extractor stores the dev URL; re-base it for released versions
            tmpl = self._docs_template()
            page = docs_url.rsplit("/", 1)[-1]
            if tmpl:
                docs_url = tmpl.format(section=self._docs_section(kind), page=page, version=self.version)
        # ConfigValidator reads the triggers of conditional groups and the single-choice options
        # with ReadonlyConfig.get before the plugin is created: convertValue runs on them
        validator_reads = {g.conditional.option for g in groups if g.type == "conditional" and g.conditional is not None}
        validator_reads |= {k for k, o in options.items() if o.choices is not None}
        for k, o in options.items():
            if validated and k in validator_reads:
                o.reader = "convert"
            elif o.source == "overlay" or not validated:
                # an option the catalog did not scan from the factory's reads, or a fallback plugin's
                # legacy code: ReadonlyConfig or Typesafe Config's getters may read it
                o.reader = "any"
        spec = PluginSpec(kind, raw["name"], options, RuleSpec(groups), docs_url, validated, raw.get("factory"),
                          common=self._common.get(kind, {}) if kind != "env" else {}, notes=notes)
        spec.passthrough = passthrough
        spec.schema_unused_when = schema_unused
        spec.tables = tables
        spec.hints = {k: h for k, h in hints.items() if k not in options}
        return spec

    def _docs_section(self, kind: str) -> str:
        """The docs folder of a kind in this version: `connector-v2/source` up to 2.3.12,
        `connectors/source` from 2.3.13 (taken from the URLs the extractor stored)."""
        sections = getattr(self, "_sections", None)
        if sections is None:
            sections = {}
            base = (self._docs.get("dev_pattern") or "").split("{section}")[0]
            for (k, _), raw in self._raw.items():
                url = raw.get("docs_url")
                if k not in sections and url and base and url.startswith(base):
                    sections[k] = url[len(base):].rsplit("/", 1)[0]
            self._sections = sections
        return sections.get(kind) or _docs_section(kind)

    def _docs_template(self) -> str | None:
        d = self._docs
        if not d:
            return None
        if self.version in d.get("released", []):
            return d.get("released_pattern")
        return d.get("dev_pattern")


# dotted lower-case words; the first word without `_`: Kafka/Hadoop property names start with a plain
# word (`max.poll.records`, `fs.s3a.endpoint`), while `ogg_json.table.include`, `canal_json.x` are format
# options written at the top level, not client properties (the listed client keys still match by name)
_CLIENT_KEY = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9_-]+)+$")
_CLIENT_MAPS: dict[tuple[str, str, str], tuple[frozenset, bool]] | None = None


def _client_keys(kind: str, name: str, option: str) -> tuple[frozenset, bool]:
    """(lower-cased well-known keys, dotted) of the client behind a passthrough map, from
    rules/client_keys.json (`maps`: which plugin option feeds which client; `clients`: their keys).
    `dotted`: most of the client's keys are dotted words (Kafka, Hadoop), so any dotted lower-case
    key looks like one of its settings; stream-load clients (Doris, StarRocks) use plain words,
    so only their listed keys do. Read on first use (an unknown option of such a plugin)."""
    global _CLIENT_MAPS
    if _CLIENT_MAPS is None:
        from .resources import rules_dir

        maps: dict[tuple[str, str, str], tuple[frozenset, bool]] = {}
        try:
            with open(rules_dir() / "client_keys.json", encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            data = {}
        clients = data.get("clients") or {}
        for m in data.get("maps") or ():
            keys = list((clients.get(m.get("client")) or {}).get("keys") or ())
            dotted = bool(keys) and sum("." in k for k in keys) * 2 > len(keys)
            maps[(m["kind"], str(m["name"]).lower(), m["option"])] = (frozenset(k.lower() for k in keys), dotted)
        _CLIENT_MAPS = maps
    return _CLIENT_MAPS.get((kind, name.lower(), option), (frozenset(), True))


def _docs_section(kind: str) -> str:
    return {"source": "connector-v2/source", "sink": "connector-v2/sink", "transform": "transform-v2"}.get(kind, kind)


def _runtime_group(r: Mapping[str, Any], options: Mapping[str, OptionSpec]) -> _Group:
    opts = tuple(r["options"])
    specs = {k: options[k] for k in opts if k in options}
    rt = Runtime(r["message"], r["where"], r.get("releases"), bool(r.get("per_table")), r.get("present"),
                 bool(r.get("strict")))
    cond = None
    type_ = r["type"]
    if type_ == "conditional" and r.get("option") is not None:
        cond = Conditional(r["option"], list(r["values"]), opts, False, options.get(r["option"]))
    return _Group(type_, opts, specs, cond, reason=r.get("reason"), source="runtime", runtime=rt)


def release_key(version: str) -> tuple[int, ...] | None:
    """(major, minor, patch) of a version id such as `2.3.12` or `2.3.10-dev`; None if not a release."""
    import re

    m = re.match(r"(\d+)\.(\d+)\.(\d+)", version)
    return tuple(int(x) for x in m.groups()) if m else None


def _applies(entry: Mapping[str, Any], version: str) -> bool:
    vs = entry.get("versions")
    if vs is not None and version not in vs:
        return False
    since, until = entry.get("since"), entry.get("until")
    if since is None and until is None:
        return True
    v = release_key(version)
    if v is None:
        return True
    if since is not None and v < (release_key(since) or ()):
        return False
    if until is not None and v > (release_key(until) or ()):
        return False
    return True


def _suggest(word: str, candidates: Iterable[str], n: int) -> list[str]:
    """Near-certain candidates only: same word parts (``stlint.suggest``)."""
    from stlint.suggest import suggest

    return suggest(word, candidates, n)


# ---------------------------------------------------------------------------
# value helpers


def is_unknown_value(v: Any) -> bool:
    if isinstance(v, dict):
        return "$unresolved" in v and len(v) == 1
    if isinstance(v, str):
        return "${" in v
    return False


def _contains_unknown(v: Any) -> bool:
    if is_unknown_value(v):
        return True
    if isinstance(v, list):
        return any(_contains_unknown(i) for i in v)
    return False


def lookup(config: Mapping[str, Any], key: str) -> Any:
    """ReadonlyConfig.getValue: flat key first, then walk nested maps."""
    if key in config:
        v = config[key]
        return MISSING if v is None else v
    i = key.find(".")
    if i < 0 or key[:i] not in config:
        return MISSING  # the walk below would find nothing (most declared options are not set)
    parts = key.split(".")
    data: Any = config
    value: Any = None
    for i, p in enumerate(parts):
        if not isinstance(data, Mapping) or is_unknown_value(data):
            return MISSING
        value = data.get(p)
        if i < len(parts) - 1:
            data = value
    return MISSING if value is None else value


def get_raw(spec: OptionSpec, config: Mapping[str, Any]) -> tuple[Any, str | None]:
    """(raw value or MISSING, key used) - key first, then fallback keys."""
    v = lookup(config, spec.key)
    if v is not MISSING:
        return v, spec.key
    for fk in spec.fallback_keys:
        v = lookup(config, fk)
        if v is not MISSING:
            return v, fk
    return MISSING, None


def _jstr(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return repr(v)
    if isinstance(v, (int, float)):
        return str(v)
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def _parse_number(v: Any) -> int | float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        s = v.strip()
        try:
            return int(s)
        except ValueError:
            pass
        try:
            f = float(s)
        except ValueError:
            return None
        if s.lower() in ("nan", "inf", "-inf", "infinity", "-infinity", "+inf"):
            return None
        return f
    return None


def _read(value: Any, spec: OptionSpec, kind: str):
    ev = spec.enum_values if spec.type == "enum" or spec.element_type == "enum" else None
    how, _, as_type = kind.partition(":")
    if how == "parse":
        return cu.parse_number(value, as_type or spec.type)
    if how == "typesafe":
        return cu.typesafe(value, as_type or spec.type, ev, spec.java_type)
    return cu.judge_option(value, spec.type, spec.element_type, ev)


def _either(value: Any, spec: OptionSpec):
    """A value read either through ReadonlyConfig or through Typesafe Config's getters: it fails
    only when both fail; a warning when both read it, one of them as something else; else nothing
    (a type without a Typesafe getter modelled here gives no verdict, so no finding)."""
    a = _read(value, spec, "convert")
    b = _typesafe_reads(value, spec)
    if a is None or b is None:
        return None
    if a.fail and b.fail:
        a.where = None
        a.also = b
        return a
    v = a if not a.fail else b
    v.where = None
    return v


# Typesafe Config getters that convert the value to a type (the others take it as it is)
_TYPED_GETTERS = {"getInt": "int", "getLong": "long", "getBoolean": "boolean", "getBytes": "long"}


def _typesafe_reads(value: Any, spec: OptionSpec):
    """The value through the Typesafe getters the catalog found reading it (`typesafe_reads`), else
    through the getter of the option's type (a fallback plugin's legacy code, an overlay option).
    None (no finding) when one of them takes the value as it is (`getString`, `getValue` ...)."""
    getters = spec.typesafe_reads
    if not getters:
        return _read(value, spec, "typesafe")
    if any(g not in _TYPED_GETTERS for g in getters):
        return None
    vs = [cu.typesafe(value, _TYPED_GETTERS[g], None) for g in getters]
    if any(v is None for v in vs):
        return None  # one of the reads takes it as meant
    fails = [v for v in vs if v.fail]
    return fails[0] if len(fails) == len(vs) else next(v for v in vs if not v.fail)


def _describe(spec: OptionSpec, value: Any, v) -> str:
    """`2.5x` is not an integer: SeaTunnel 2.3.13 fails reading it ("...", ConfigUtil.java:79)."""
    cat = spec._dcat
    version = f" {cat.version}" if cat is not None and getattr(cat, "version", None) else ""
    conv = cat.schema_conversion() if cat is not None else {}
    shown = _jstr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    head = f"`{shown}` {v.why}: SeaTunnel{version}"

    def short(where: str | None) -> str:
        return where.rsplit("/", 1)[-1] if where else ""

    if not v.fail:
        at = f" (read at {short(v.where)})" if getattr(v, "where", None) else ""
        return f"{head} goes on with {v.reads}{at}"
    if v.npe:
        return f"{head} fails reading it with a NullPointerException"
    if v.error is not None:
        return f"{head} fails reading it ({v.error}, {short(v.where) or 'Typesafe Config'})"
    text = cu.failure(conv, value, cu.java_type_name(spec.type, spec.java_type, spec.enum_class))
    where = short(conv.get("failure_where")) or "ConfigUtil.java"
    also = getattr(v, "also", None)
    if also is not None:
        return (f"{head} fails reading it, through ReadonlyConfig (\"{text}\", {where}) as through Typesafe "
                f"Config's getters ({also.error})")
    return f"{head} fails reading it (\"{text}\", {where})"


def _convert(value: Any, type_: str, enum_values: list[str] | None) -> Any:
    if value is MISSING:
        return MISSING
    if value is UNKNOWN or _contains_unknown(value):
        return UNKNOWN
    v = cu.judge_option(value, type_, None, enum_values)
    if v is not None:
        return UNKNOWN if v.fail or v.value is cu.NOVALUE else v.value
    if type_ == "boolean":
        return _jstr(value).upper() == "TRUE"
    if type_ in ("int", "long"):
        n = _parse_number(value)
        return int(n) if n is not None else UNKNOWN
    if type_ in ("float", "double", "decimal"):
        n = _parse_number(value)
        return float(n) if n is not None else UNKNOWN
    if type_ == "enum":
        s = _jstr(value).upper()
        for e in enum_values or []:
            if e.upper() == s:
                return e
        return _jstr(value) if not enum_values else UNKNOWN
    if type_ == "string":
        return _jstr(value)
    return value


def _fmt(v: Any) -> str:
    return _jstr(v)


def _keys(opts: Iterable[str]) -> str:
    return ", ".join(f"`{o}`" for o in opts)


# ---------------------------------------------------------------------------
# ConfigValidator


def _is_set(spec: OptionSpec | None, key: str, config: Mapping[str, Any]) -> bool:
    if spec is None:
        return lookup(config, key) is not MISSING
    return get_raw(spec, config)[0] is not MISSING


def _absent_required(keys: Iterable[str], specs: Mapping[str, OptionSpec], config: Mapping[str, Any]) -> list[str]:
    out = []
    for k in keys:
        spec = specs.get(k)
        if _is_set(spec, k, config):
            continue
        if spec is not None and spec.has_default:
            continue  # "a required option with a default never fails"
        out.append(k)
    return out


def _condition(cond: Conditional, config: Mapping[str, Any]) -> tuple[bool, str]:
    """(matches, why) - config.get(option): default applied."""
    spec = cond.trigger_spec
    if cond.never_matches or spec is None:
        return False, ""
    raw, _ = get_raw(spec, config)
    if raw is MISSING:
        got = cond._unset
        if got is None:
            got = cond._unset = _condition_unset(cond, spec)
        return got
    return _condition_value(cond, spec, raw, False)


def _condition_unset(cond: Conditional, spec: OptionSpec) -> tuple[bool, str]:
    """`_condition` when the trigger is not written: its default decides (the same for every job)."""
    raw = spec.effective_default()
    if raw is MISSING or raw is UNKNOWN:
        return False, ""
    return _condition_value(cond, spec, raw, True)


def _condition_value(cond: Conditional, spec: OptionSpec, raw: Any, from_default: bool) -> tuple[bool, str]:
    conv = spec.convert(raw)
    if conv is UNKNOWN or conv is MISSING:
        return False, ""
    for expected in cond.values:
        if spec.type == "enum":
            ok = isinstance(expected, str) and isinstance(conv, str) and conv == expected
        elif spec.type == "boolean":
            ok = isinstance(expected, bool) and conv is expected
        elif spec.type in ("int", "long"):
            ok = not isinstance(expected, bool) and isinstance(expected, int) and conv == expected
        elif spec.type in ("float", "double"):
            ok = isinstance(expected, float) and conv == expected
        else:
            ok = conv == expected
        if ok:
            shown = _fmt(raw) if not from_default else _fmt(expected)
            why = f"`{cond.option}` is {shown}" + (" (its default)" if from_default else "")
            return True, why
    return False, ""


def _evaluate(plugin: PluginSpec, config: Mapping[str, Any]) -> list[Violation]:
    per_entry = [t for t in plugin.tables if isinstance(lookup(config, t.option), list)]
    # per-table startup checks move into the entries when the plugin reads its tables from a list
    # (SeaTunnel tests `getOptional(list).isPresent()`: an empty list counts; a value not known
    # statically might be a list, so the block is not checked either)
    in_list = any(lookup(config, t.option) is not MISSING for t in plugin.tables)
    out = _evaluate_root(plugin, config, skip_per_table=in_list)
    for t in per_entry:
        for i, entry in enumerate(lookup(config, t.option)):
            if not isinstance(entry, Mapping) or is_unknown_value(entry):
                continue
            for v in _evaluate_entry(plugin, t, entry):
                v.entry = (t.option, i)
                out.append(v)
    return out


def _runtime_violations(g: _Group, config: Mapping[str, Any]) -> list[Violation]:
    rt = g.runtime
    assert rt is not None
    out: list[Violation] = []

    def absent(keys: Iterable[str]) -> list[str]:
        if rt.strict:
            return [k for k in keys if not _is_set(g.specs.get(k), k, config)]
        return _absent_required(keys, g.specs, config)

    if g.type == "required":
        for k in absent(g.options):
            out.append(Violation("missing-required", (k,), f"`{k}` is required", g.reason, rt))
    elif g.type == "one_of":
        if len(absent(g.options)) == len(g.options):
            out.append(Violation("missing-required", g.options, f"one of {_keys(g.options)} is required", g.reason, rt))
    elif g.type == "conditional":
        whys = []
        if rt.present is not None:
            if not _is_set(None, rt.present, config):
                return out
            whys.append(f"`{rt.present}` is set")
        if g.conditional is not None:
            matched, why = _runtime_condition(g.conditional, config)
            if not matched:
                return out
            if rt.present is None or not why.endswith("(its default)"):
                whys.append(why)
        why = " and ".join(whys)
        for k in absent(g.options):
            out.append(Violation("missing-required", (k,), f"`{k}` is required because {why}", g.reason, rt))
    return out


def _runtime_condition(cond: Conditional, config: Mapping[str, Any]) -> tuple[bool, str]:
    """Like `_condition`, but a trigger the catalog types loosely (`object`, `string`: a Java enum
    read through a TypeReference) matches its values case-insensitively, as enum conversion does."""
    spec = cond.trigger_spec
    if spec is None or spec.type not in ("object", "string"):
        return _condition(cond, config)
    raw, _ = get_raw(spec, config)
    from_default = raw is MISSING
    if from_default:
        raw = spec.effective_default()
        if raw is MISSING or raw is UNKNOWN:
            return False, ""
    if _contains_unknown(raw) or isinstance(raw, (dict, list)):
        return False, ""
    for expected in cond.values:
        if _jstr(raw).upper() == _jstr(expected).upper():
            return True, f"`{cond.option}` is {_fmt(raw)}" + (" (its default)" if from_default else "")
    return False, ""


def _evaluate_entry(plugin: PluginSpec, t: TableList, entry: Mapping[str, Any]) -> list[Violation]:
    """One `tables_configs`/`table_list` entry: per-table startup checks and literal values."""
    out: list[Violation] = []
    for g in plugin.rule.groups:
        if g.runtime is None or not g.runtime.per_table:
            continue
        used = set(g.options) | ({g.conditional.option} if g.conditional is not None else set())
        if t.keys is None or used <= set(t.keys):
            out += _runtime_violations(g, entry)
    keys = plugin.options if t.keys is None else {k: plugin.options[k] for k in t.keys if k in plugin.options}
    for k, s in keys.items():
        raw, used = get_raw(s, entry)
        if raw is MISSING or (s.choices is not None and s.type != "enum"):
            continue
        err = s.check_value(raw)
        if err:
            out.append(Violation("invalid-value", (used or k,), f"`{used or k}`: {err}"))
    return out


def _evaluate_root(plugin: PluginSpec, config: Mapping[str, Any], skip_per_table: bool = False) -> list[Violation]:
    out: list[Violation] = []
    checked_values: set[str] = set()
    validated = plugin.validated
    single_choice: list[tuple[str, OptionSpec, str | None]] = []
    runtime: list[Violation] = []
    for g in plugin.rule.groups:
        reason = g.reason
        if g.runtime is not None:
            # startup checks outside optionRule() run whether or not the factory is validated
            if not (skip_per_table and g.runtime.per_table):
                runtime += _runtime_violations(g, config)
            continue
        if g.type == "optional":
            for k in g.options:
                s = g.specs.get(k)
                if s is not None and s.choices is not None:
                    single_choice.append((k, s, None))
            continue
        matched = True
        if g.type == "conditional":
            assert g.conditional is not None
            matched, why = _condition(g.conditional, config)
            if matched and validated:
                for k in _absent_required(g.options, g.specs, config):
                    out.append(Violation("missing-required", (k,), f"`{k}` is required because {why}", reason))
        elif not validated:
            pass
        elif g.type == "required":
            for k in _absent_required(g.options, g.specs, config):
                out.append(Violation("missing-required", (k,), f"`{k}` is required", reason))
        elif g.type == "exclusive":
            present = [k for k in g.options if _is_set(g.specs.get(k), k, config)]
            if len(present) == 0:
                out.append(Violation("exclusive", g.options, f"exactly one of {_keys(g.options)} must be set; none is", reason))
            elif len(present) > 1:
                out.append(Violation("exclusive", tuple(present),
                                     f"only one of {_keys(g.options)} may be set; found {_keys(present)}", reason))
        elif g.type == "bundled":
            present = [k for k in g.options if _is_set(g.specs.get(k), k, config)]
            if 0 < len(present) < len(g.options):
                absent = [k for k in g.options if k not in present]
                out.append(Violation("bundled", g.options,
                                     f"{_keys(g.options)} must be set together: {_keys(present)} set but {_keys(absent)} not "
                                     "(defaults do not count)", reason))
        elif g.type == "one_of":
            present = [k for k in g.options if _is_set(g.specs.get(k), k, config)]
            if not present:
                out.append(Violation("missing-required", g.options, f"one of {_keys(g.options)} is required", reason))
        if matched:
            for k in g.options:
                s = g.specs.get(k)
                if s is not None and s.choices is not None:
                    # a conditional group's condition was evaluated above (same config)
                    single_choice.append((k, s, why if g.type == "conditional" else
                                          g.conditional and _condition(g.conditional, config)[1]))
    # a startup check on a key the declared rule already reports (ConfigValidator fails first), or
    # found both by the scan and the overlay, is one finding
    declared = {k for v in out for k in v.options}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for v in runtime:
        if declared.intersection(v.options) or (v.kind, v.options) in seen:
            continue
        seen.add((v.kind, v.options))
        out.append(v)
    # single-choice values (ConfigValidator; fallback plugins skip it)
    for k, s, why in single_choice if validated else []:
        raw, used = get_raw(s, config)
        if raw is MISSING or _contains_unknown(raw):
            continue
        allowed = s.choices or []
        if s.type == "enum":
            conv = s.convert(raw)
            ok = conv is not UNKNOWN and conv in allowed
            if conv is UNKNOWN and s.check_value(raw) is not None:
                ok = False
        else:
            conv = s.convert(raw)
            ok = conv in allowed
        if not ok and k not in checked_values:
            checked_values.add(k)
            extra = f" when {why}" if why else ""
            out.append(Violation("invalid-value", (used or k,),
                                 f"`{used or k}` = {_fmt(raw)!s} is not allowed{extra}; expected one of "
                                 f"{', '.join(_fmt(a) for a in allowed)}"))
    # literal type checks on every declared option (errors when the option is read)
    for k, s in plugin.written_options(config):
        if k in checked_values:
            continue
        raw, used = get_raw(s, config)
        if raw is MISSING:
            continue
        if s.choices is not None and s.type != "enum":
            continue
        err = s.check_value(raw)
        if err:
            checked_values.add(k)
            out.append(Violation("invalid-value", (used or k,), f"`{used or k}`: {err}", s.reason if s.source == "overlay" else None))
    return out
