"""Settings: what to check and how (from CLI flags, ``[tool.stlint]`` in pyproject.toml or
``.stlint.toml``; the nearest file wins).

Discovery is hierarchical like ruff's: each checked file uses the nearest ``.stlint.toml`` or
``pyproject.toml`` with a ``[tool.stlint]`` table in its directory or above (``.stlint.toml``
wins over ``pyproject.toml`` in the same directory); a ``pyproject.toml`` without the table is
skipped. Globs in ``per-file-ignores``, ``include`` and ``exclude`` are relative to the
directory of the config file; a glob without ``/`` matches the file name anywhere below it.
"""

from __future__ import annotations

import fnmatch
import os
import re
from stlint._records import dataclass, field, replace

SEVERITIES = ("error", "warning", "info")
ENGINES = ("zeta", "flink", "spark")


@dataclass
class Settings:
    select: list[str] | None = None  # None: the default rule set (every rule but the opt-in ones)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # per-rule severity override
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> rule names
    seatunnel_version: str | None = None  # None: newest catalog
    vars: dict[str, str] = field(default_factory=dict)  # like SeaTunnel's -i KEY=VALUE
    sensitive_patterns: list[str] = field(default_factory=list)  # extra secret-key regexes
    include: list[str] = field(default_factory=list)  # extra globs of files to check
    exclude: list[str] = field(default_factory=list)
    engine: str | None = None  # "zeta" | "flink" | "spark"; None: from the job's env keys (Zeta by default)
    format_indent: int | None = None  # [tool.stlint.format] indent: spaces per level (None: 2 / the editor's)
    fragment: bool = False  # the file is included by another job: whole-job rules stay silent
    config_file: str | None = None  # where these came from (for messages)

    def key(self) -> str:
        """Stable text for cache keys."""
        import json

        return json.dumps(self.__dict__, sort_keys=True, default=str)


class ConfigError(Exception):
    """A bad configuration file or option value; the message names the file and the key."""


# --- discovery -------------------------------------------------------------------------------

CONFIG_NAMES = (".stlint.toml", "pyproject.toml")


def find_config(start: str) -> str | None:
    """The nearest config file at or above directory ``start`` (absolute path), or None."""
    d = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            p = os.path.join(d, name)
            if os.path.isfile(p) and (name != "pyproject.toml" or _has_tool_table(p)):
                return p
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _has_tool_table(path: str) -> bool:
    from stlint.files import read_regular

    try:
        data = read_regular(path)  # regular files only, size-bounded
    except OSError:
        return False
    # cheap pre-check before parsing the whole pyproject
    if b"tool.stlint" not in data and b"[tool]" not in data:
        return False
    try:
        tool = _parse_toml(path, data).get("tool")
        return isinstance(tool, dict) and "stlint" in tool  # a non-table is reported by load_config
    except ConfigError:
        return True  # let load_config report the syntax error


def _parse_toml(path: str, data: bytes) -> dict:
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None


# --- loading and validation ------------------------------------------------------------------

_KEYS = {
    "select": "names", "ignore": "names", "extend-select": "names", "severity": "severity",
    "per-file-ignores": "per-file", "seatunnel-version": "str", "vars": "vars",
    "sensitive-patterns": "regexes", "include": "globs", "exclude": "globs", "engine": "engine",
    "format": "format",
}


def load_config(path: str) -> Settings:
    """Read and validate one config file (``[tool.stlint]`` of a pyproject.toml, or the top
    level of a .stlint.toml). Raises ConfigError naming the file and the key."""
    from stlint.files import read_regular

    path = os.path.abspath(path)
    try:
        data = read_regular(path)  # regular files only, size-bounded
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror}") from None
    doc = _parse_toml(path, data)
    where = ""
    if os.path.basename(path) == "pyproject.toml":
        doc = doc.get("tool", {}).get("stlint", {}) if isinstance(doc.get("tool"), dict) else {}
        where = "tool.stlint."
        if not isinstance(doc, dict):
            raise ConfigError(f"{path}: `tool.stlint` must be a table")
    base = os.path.dirname(path)
    s = Settings(config_file=path)
    for key, value in doc.items():
        kind = _KEYS.get(key)
        name = f"{where}{key}"
        if kind is None:
            hint = _did_you_mean(key, _KEYS)
            raise ConfigError(f"{path}: unknown key `{name}`{hint}; known keys: {', '.join(_KEYS)}")
        if kind == "names":
            names = _str_list(path, name, value)
            validate_selectors(names, f"{path}: `{name}`")
            setattr(s, key.replace("-", "_"), names)
        elif kind == "severity":
            s.severity = _severity_table(path, name, value)
        elif kind == "per-file":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: `{name}` must be a table of glob = [rule names]")
            pfi = {}
            for glob, names in value.items():
                names = _str_list(path, f"{name}.{glob}", names)
                validate_selectors(names, f"{path}: `{name}.\"{glob}\"`")
                pfi[_anchor_glob(base, glob)] = names
            s.per_file_ignores = pfi
        elif kind == "str":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: `{name}` must be a string, not {_tname(value)}")
            s.seatunnel_version = validate_version(value, f"{path}: `{name}`")
        elif kind == "vars":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: `{name}` must be a table of KEY = \"value\"")
            out = {}
            for k, v in value.items():
                if isinstance(v, bool) or not isinstance(v, (str, int, float)):
                    raise ConfigError(f"{path}: `{name}.{k}` must be a string, not {_tname(v)}")
                out[k] = str(v)
            s.vars = out
        elif kind == "regexes":
            pats = _str_list(path, name, value)
            for p in pats:
                try:
                    re.compile(p)
                except re.error as e:
                    raise ConfigError(f"{path}: `{name}`: invalid regular expression {p!r}: {e}") from None
            s.sensitive_patterns = pats
        elif kind == "globs":
            setattr(s, key, [_anchor_glob(base, g) for g in _str_list(path, name, value)])
        elif kind == "format":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: `{name}` must be a table (indent = N)")
            for k, v in value.items():
                if k != "indent":
                    raise ConfigError(f"{path}: unknown key `{name}.{k}`; known keys: indent")
                if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 16:
                    raise ConfigError(f"{path}: `{name}.indent` must be an integer 0..16")
                s.format_indent = v
        elif kind == "engine":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: `{name}` must be a string, not {_tname(value)}")
            s.engine = validate_engine(value, f"{path}: `{name}`")
    return s


def _tname(v) -> str:
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "an array",
            dict: "a table"}.get(type(v), type(v).__name__)


def _str_list(path: str, name: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{path}: `{name}` must be an array of strings, not {_tname(value)}")
    return list(value)


def _severity_table(path: str, name: str, value) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: `{name}` must be a table of rule = \"error\"|\"warning\"|\"info\"")
    from stlint.checks import all_rules

    rules = all_rules()
    by_code = {r.code: r.name for r in rules.values()}
    out = {}
    for rname, sev in value.items():
        if sev not in SEVERITIES:
            raise ConfigError(f"{path}: `{name}.{rname}` must be one of error, warning, info, not {sev!r}")
        target = rname if rname in rules else by_code.get(rname.upper())
        if target is None:
            raise ConfigError(f"{path}: `{name}`: unknown rule `{rname}`{_did_you_mean(rname, rules)}")
        out[target] = sev
    return out


def _anchor_glob(base: str, glob: str) -> str:
    """Make a config-relative glob absolute (fnmatch's `*` also matches `/`)."""
    g = glob.replace("\\", "/")
    if "/" not in g:
        return "*/" + g
    if g.startswith("./"):
        g = g[2:]
    if os.path.isabs(g):
        return g
    return base.replace("\\", "/").rstrip("/") + "/" + g


def _did_you_mean(word: str, candidates) -> str:
    import difflib

    hits = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean `{hits[0]}`?)" if hits else ""


def validate_selectors(names: list[str], where: str) -> None:
    """Each selector must be ALL, a rule name, a code or a code prefix of a registered rule."""
    from stlint.checks import all_rules

    rules = all_rules()
    for n in names:
        if n.upper() == "ALL" or n in rules:
            continue
        if re.fullmatch(r"ST\d{0,3}", n.upper()) and any(r.code.startswith(n.upper()) for r in rules.values()):
            continue
        raise ConfigError(f"{where}: unknown rule or code `{n}`{_did_you_mean(n, rules)}")


def validate_engine(engine: str, where: str) -> str:
    e = engine.strip().lower()
    if e not in ENGINES:
        raise ConfigError(f"{where}: unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    return e


def validate_version(version: str, where: str) -> str:
    from stlint.catalog import UnknownVersionError, resolve_version

    try:
        return resolve_version(version)  # the catalog id: "2.3" -> the newest 2.3.x
    except UnknownVersionError as e:
        raise ConfigError(f"{where}: {e.args[0]}") from None


# --- CLI overrides ---------------------------------------------------------------------------


@dataclass
class Overrides:
    """What the command line says; applied on top of a file's settings."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    seatunnel_version: str | None = None
    vars: dict[str, str] = field(default_factory=dict)
    engine: str | None = None


def apply_overrides(base: Settings, o: Overrides) -> Settings:
    """CLI flags win over the file, like ruff's layers: `--select` replaces the file's whole
    selection (its select, extend-select and ignore); `--extend-select` re-enables rules the file
    ignores; `--ignore` adds to the file's ignores."""
    s = replace(base, vars={**base.vars, **o.vars})
    if o.seatunnel_version:
        s.seatunnel_version = o.seatunnel_version
    if o.engine:
        s.engine = o.engine
    if o.select is not None:
        s.select = list(o.select)
        s.extend_select = list(o.extend_select)
        s.ignore = list(o.ignore)
    elif o.extend_select or o.ignore:
        s.extend_select = base.extend_select + o.extend_select
        ignore = base.ignore
        if o.extend_select and ignore:
            from stlint.checks import all_rules

            rules = all_rules()
            keep = expand_selectors(ignore, rules) - expand_selectors(o.extend_select, rules)
            ignore = sorted(keep)
        s.ignore = ignore + o.ignore
    return s


# --- rule selection --------------------------------------------------------------------------


def default_rule_names(rules) -> set[str]:
    """The default selection: every rule except the opt-in ones (``default=False``)."""
    return {n for n, r in rules.items() if getattr(r, "default", True)}


def expand_selectors(names, rules) -> set[str]:
    """Rule names, codes (ST101) or code prefixes (ST1), or ALL. Naming an opt-in rule, its
    code, a prefix of it or ALL enables it."""
    out: set[str] = set()
    for n in names:
        if n.upper() == "ALL":
            out |= set(rules)
        elif n in rules:
            out.add(n)
        else:
            out |= {r.name for r in rules.values() if r.code.startswith(n.upper())}
    return out


def enabled_rules(settings: Settings, path: str | None = None) -> set[str]:
    """The rules that run on the file at ``path`` with these settings."""
    from stlint.checks import all_rules

    rules = all_rules()
    names = default_rule_names(rules) if settings.select is None else expand_selectors(settings.select, rules)
    names |= expand_selectors(settings.extend_select, rules)
    names -= expand_selectors(settings.ignore, rules)
    if path:
        for pat, ign in settings.per_file_ignores.items():
            if fnmatch.fnmatch(path, pat) or fnmatch.fnmatch(path.replace("\\", "/"), pat):
                names -= expand_selectors(ign, rules)
    return names
