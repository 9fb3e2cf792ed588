"""Runtime view of a shipped catalog (stdlib only: this module is on the hot path).

`PluginSpec.evaluate` mirrors SeaTunnel's `ConfigValidator` (see
`seatunnel-config-facts.md` section 6) plus literal type checks that SeaTunnel
performs when an option is read (`ConfigUtil.convertValue`).
"""

from __future__ import annotations

import difflib
import json
from typing import Any, Iterable, Mapping

__all__ = ["OptionSpec", "PluginSpec", "RuleSpec", "Conditional", "Violation", "Catalog", "MISSING", "UNKNOWN"]


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING = _Sentinel("MISSING")  # key not set
UNKNOWN = _Sentinel("UNKNOWN")  # set, value not known statically (unresolved substitution)

_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
_LONG_MIN, _LONG_MAX = -(2**63), 2**63 - 1


class OptionSpec:
    __slots__ = (
        "key", "type", "element_type", "has_default", "default", "default_dynamic", "default_text",
        "enum_values", "choices", "fallback_keys", "deprecated", "java_type", "source", "reason",
        "declared_in", "deprecated_for",
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
        self.source: str = d.get("source", source)  # "rule", "common", "overlay", "fallback"
        self.reason: str | None = d.get("reason", reason)
        self.declared_in: str | None = d.get("declared_in")
        if self.type == "enum" and self.java_type == "Formatter":
            # Date/Time/DateTimeUtils.Formatter options (file connectors' date_format, time_format,
            # datetime_format) are read with getString() + Formatter.parse(pattern): users write the
            # pattern ("yyyy-MM-dd'T'HH:mm:ss"), not the enum constant, so the constants are no value list
            self.type = "string"
            self.enum_values = None

    def __repr__(self) -> str:
        return f"OptionSpec({self.key!r}, {self.type})"

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
    def check_value(self, value: Any) -> str | None:
        """Returns an error text if SeaTunnel would reject this literal value."""
        return _check_type(value, self.type, self.element_type, self.enum_values if self.type == "enum" else None)

    def convert(self, value: Any) -> Any:
        """Converted value for comparisons; UNKNOWN when not decidable or invalid."""
        return _convert(value, self.type, self.enum_values if self.type == "enum" else None)

    def effective_default(self) -> Any:
        if not self.has_default:
            return MISSING
        if self.default_dynamic:
            return UNKNOWN
        return self.default


class Conditional:
    __slots__ = ("option", "values", "required", "never_matches", "trigger_spec")

    def __init__(self, option: str, values: list[Any], required: tuple[str, ...], never_matches: bool, trigger_spec: OptionSpec | None):
        self.option = option
        self.values = values
        self.required = required
        self.never_matches = never_matches
        self.trigger_spec = trigger_spec

    def __repr__(self) -> str:
        return f"Conditional({self.option!r} in {self.values!r} -> {self.required!r})"


class _Group:
    __slots__ = ("type", "options", "specs", "conditional", "reason", "source")

    def __init__(self, type_: str, options: tuple[str, ...], specs: dict[str, OptionSpec], conditional: Conditional | None,
                 reason: str | None = None, source: str = "rule"):
        self.type = type_
        self.options = options
        self.specs = specs  # per-group option definitions (variants such as compress_codec)
        self.conditional = conditional
        self.reason = reason
        self.source = source


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
    __slots__ = ("kind", "options", "message", "reason")

    def __init__(self, kind: str, options: tuple[str, ...], message: str, reason: str | None = None):
        self.kind = kind
        self.options = options
        self.message = message
        self.reason = reason

    def __repr__(self) -> str:
        return f"Violation({self.kind!r}, {self.options!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Violation) and (self.kind, self.options, self.message, self.reason) == (
            other.kind, other.options, other.message, other.reason)

    def __hash__(self) -> int:
        return hash((self.kind, self.options, self.message))


class PluginSpec:
    __slots__ = ("kind", "name", "options", "docs_url", "validated", "rule", "factory", "_common", "_aliases", "notes",
                 "options_known")

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
        # False for legacy plugins known only from plugin-mapping.properties: no factory, options unknown
        self.options_known = factory is not None or kind == "env"
        aliases: dict[str, OptionSpec] = {}
        for spec in list(self._common.values()) + list(options.values()):
            for fk in spec.fallback_keys:
                if fk not in aliases:
                    aliases[fk] = spec.as_fallback(fk)
        self._aliases = aliases

    def __repr__(self) -> str:
        return f"PluginSpec({self.kind!r}, {self.name!r})"

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
        return _suggest(key, self.all_keys() + list(self._aliases), n)

    # -- validation ----------------------------------------------------------
    def evaluate(self, config: Mapping[str, Any]) -> list[Violation]:
        return _evaluate(self, config)


class Catalog:
    def __init__(self, data: Mapping[str, Any], overlay: Mapping[str, Any] | None = None):
        self.version: str = data["version"]
        self.seatunnel_version: str | None = data.get("seatunnel_version")
        self.meta = {k: data.get(k) for k in ("seatunnel_version", "source_commit", "source")}
        overlay = overlay or {}
        self._common: dict[str, dict[str, OptionSpec]] = {}
        ov_common = overlay.get("common", {})
        for kind in ("source", "transform", "sink"):
            d: dict[str, OptionSpec] = {}
            for k, o in data.get("common", {}).get(kind, {}).items():
                d[k] = OptionSpec(o, source="common", reason="engine-level option accepted by every plugin of this kind")
            for k, o in ov_common.get(kind, {}).items():
                if _applies(o, self.version) and k not in d:
                    d[k] = OptionSpec({"key": k, **o}, source="overlay")
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
        self._docs = overlay.get("docs", {})
        # options whose `${name}` the plugin fills per row/file/request (overlay `row_placeholders`)
        self._row_ph: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for rp in overlay.get("row_placeholders", []):
            if _applies(rp, self.version):
                for pn in rp["plugins"]:
                    self._row_ph.setdefault((rp["kind"], pn.lower()), []).append(rp)
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
    def _build(self, raw: Mapping[str, Any], overlays: list[Mapping[str, Any]], kind: str | None = None) -> PluginSpec:
        kind = kind or raw["kind"]
        options: dict[str, OptionSpec] = {}
        for k, o in raw.get("options", {}).items():
            options[k] = OptionSpec(o, source="rule")
        groups: list[_Group] = []
        for g in raw.get("rule", []):
            overrides = {k: OptionSpec(v) for k, v in g.get("overrides", {}).items()}
            specs = {k: overrides.get(k) or options[k] for k in g["options"] if k in options or k in overrides}
            cond = None
            if g["type"] == "conditional":
                tspec = OptionSpec(g["trigger_override"]) if "trigger_override" in g else options.get(g["option"])
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
        validated = bool(raw.get("validated", True))
        docs_url = raw.get("docs_url")
        for ov in overlays:
            for k, o in ov.get("options", {}).items():
                if k not in options:
                    options[k] = OptionSpec({"key": k, **o}, source="overlay")
            for r in ov.get("rules", []):
                opts = tuple(r["options"])
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
                    docs_url = tmpl.format(section=_docs_section(kind), page=ov["docs_page"], version=self.version)
            if ov.get("note"):
                notes.append(ov["note"])
        if docs_url and self._docs:
            # the extractor stores the dev URL; re-base it for released versions
            tmpl = self._docs_template()
            page = docs_url.rsplit("/", 1)[-1]
            if tmpl:
                docs_url = tmpl.format(section=_docs_section(kind), page=page, version=self.version)
        return PluginSpec(kind, raw["name"], options, RuleSpec(groups), docs_url, validated, raw.get("factory"),
                          common=self._common.get(kind, {}) if kind != "env" else {}, notes=notes)

    def _docs_template(self) -> str | None:
        d = self._docs
        if not d:
            return None
        if self.version in d.get("released", []):
            return d.get("released_pattern")
        return d.get("dev_pattern")


def _docs_section(kind: str) -> str:
    return {"source": "connector-v2/source", "sink": "connector-v2/sink", "transform": "transform-v2"}.get(kind, kind)


def _applies(entry: Mapping[str, Any], version: str) -> bool:
    vs = entry.get("versions")
    if vs is None:
        return True
    return version in vs


def _suggest(word: str, candidates: Iterable[str], n: int) -> list[str]:
    cands = list(dict.fromkeys(candidates))
    low = {c.lower(): c for c in cands}
    hits = difflib.get_close_matches(word.lower(), list(low), n=n, cutoff=0.6)
    return [low[h] for h in hits]


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


def _parse_java_integer(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        t = v[1:] if v[:1] in "+-" else v
        if t.isascii() and t.isdigit():
            return int(v)
    return None


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


def _check_type(value: Any, type_: str, element: str | None, enum_values: list[str] | None) -> str | None:
    if _contains_unknown(value):
        return None
    if type_ in ("int", "long"):
        # ConfigUtil.convertToInt/Long: Integer/Long values as they are, anything else through
        # Integer.parseInt/Long.parseLong(toString()), so "2.5", 2.5 and " 2" are rejected
        n = _parse_java_integer(value)
        if n is None:
            return f"expected an integer, got {_jstr(value)!r}"
        lo, hi = (_INT_MIN, _INT_MAX) if type_ == "int" else (_LONG_MIN, _LONG_MAX)
        if not (lo <= n <= hi):
            return f"{_jstr(value)} overflows the {type_} type"
        return None
    if type_ in ("float", "double", "decimal"):
        return None if _parse_number(value) is not None else f"expected a number, got {_jstr(value)!r}"
    if type_ == "boolean":
        if isinstance(value, (dict, list)) or _jstr(value).upper() not in ("TRUE", "FALSE"):
            return f"expected true or false, got {_jstr(value)!r}"
        return None
    if type_ == "enum":
        if isinstance(value, (dict, list)):
            return f"expected one of {', '.join(enum_values or [])}, got {_jstr(value)}"
        if enum_values:
            s = _jstr(value).upper()
            if not any(s == e.upper() for e in enum_values):
                return f"{_jstr(value)!r} is not one of {', '.join(enum_values)}"
        return None
    if type_ == "list":
        if element in ("int", "long", "float", "double", "boolean", "enum"):
            items = value if isinstance(value, list) else [p.strip() for p in _jstr(value).split(",")]
            for it in items:
                err = _check_type(it, element, None, enum_values)
                if err:
                    return f"list element: {err}"
        return None
    if type_ == "map":
        if isinstance(value, list) or (not isinstance(value, (dict, str))):
            return f"expected an object (map), got {_jstr(value)}"
        if isinstance(value, str):
            try:
                parsed = json.loads(value)
            except ValueError:
                return f"expected an object (map), got {value!r}"
            if not isinstance(parsed, dict):
                return f"expected an object (map), got {value!r}"
        return None
    return None


def _convert(value: Any, type_: str, enum_values: list[str] | None) -> Any:
    if value is MISSING:
        return MISSING
    if value is UNKNOWN or _contains_unknown(value):
        return UNKNOWN
    if _check_type(value, type_, None, enum_values) is not None:
        return UNKNOWN
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
    raw, used = get_raw(spec, config)
    from_default = False
    if raw is MISSING:
        raw = spec.effective_default()
        from_default = True
        if raw is MISSING or raw is UNKNOWN:
            return False, ""
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
    out: list[Violation] = []
    checked_values: set[str] = set()
    validated = plugin.validated
    single_choice: list[tuple[str, OptionSpec, str | None]] = []
    for g in plugin.rule.groups:
        reason = g.reason
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
                    single_choice.append((k, s, g.conditional and _condition(g.conditional, config)[1]))
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
    for k, s in plugin.options.items():
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
