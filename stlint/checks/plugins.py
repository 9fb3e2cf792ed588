"""Plugin and option rules (ST1xx): names, required/exclusive/bundled options, option values,
unknown, deprecated and too-new keys, all checked against the connector catalog of the chosen
SeaTunnel version (``--seatunnel-version``, newest when not given)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from stlint.catalog.model import MISSING, lookup
from stlint.checks import Context, did_you_mean, rule, suggest
from stlint.diagnostics import Diagnostic, Edit, Fix, Related
from stlint.hocon import HList, HObject, HScalar, to_json
from stlint.job import PLACEHOLDER_RE, Plugin

_KINDS = ("source", "transform", "sink")
_KIND_ARTICLE = {"source": "a source", "transform": "a transform", "sink": "a sink"}
_UNQUOTED_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")


# --------------------------------------------------------------------------------------------
# shared per-file analysis (computed once per job, reused by every rule of this family)
# --------------------------------------------------------------------------------------------
class _PluginInfo:
    __slots__ = ("plugin", "spec", "config", "violations", "name_range", "in_file", "defaulted")

    def __init__(self, plugin: Plugin, spec, config, violations, name_range, in_file, defaulted):
        self.plugin = plugin
        self.spec = spec
        self.config = config  # plain data, `${X:default}` replaced by its default
        self.violations = violations
        self.name_range = name_range
        self.in_file = in_file
        self.defaulted = defaulted  # keys whose value was taken from a placeholder default


def _infos(ctx: Context) -> list[_PluginInfo]:
    """The plugins of the job with their catalog spec and evaluation, computed once per lint
    (memoised on the rule context, so concurrent lints never share it)."""
    cat = ctx.catalog
    memo = ctx.memo.get("plugins")
    if memo is not None and memo[0] is cat:
        return memo[1]
    out: list[_PluginInfo] = []
    for p in ctx.job.plugins:
        in_file = p.config is not None and p.config.src is ctx.source
        spec = cat.find(p.kind, p.name) if cat is not None and isinstance(p.name, str) and p.name else None
        config: Any = None
        violations: list = []
        defaulted: set[str] = set()
        if p.config is not None:
            config = _plain(p.config, "", defaulted)
            if spec is not None:
                violations = spec.evaluate(config)
        out.append(_PluginInfo(p, spec, config, violations, _name_range(p), in_file, defaulted))
    ctx.memo["plugins"] = (cat, out)
    return out


def _plain(v: Any, path: str, defaulted: set[str]) -> Any:
    """``_with_defaults(to_json(v), path, defaulted)`` in one walk of the model's values (objects,
    lists and scalars here; anything else through ``to_json``)."""
    if isinstance(v, HObject) and not (len(v.fields) == 1 and "$unresolved" in v.fields):
        out = {}
        for k, f in v.fields.items():
            x = f.value
            if isinstance(x, HScalar):
                val = x.value
                if isinstance(val, str) and "${" in val:
                    val = _with_defaults(val, f"{path}.{k}" if path else k, defaulted)
                out[k] = val
            else:
                out[k] = _plain(x, f"{path}.{k}" if path else k, defaulted)
        return out
    if isinstance(v, HList):
        return [_plain(i, path, defaulted) for i in v.items]
    if isinstance(v, HScalar):
        val = v.value
        return _with_defaults(val, path, defaulted) if isinstance(val, str) and "${" in val else val
    return _with_defaults(to_json(v), path, defaulted)


def _with_defaults(v: Any, path: str, defaulted: set[str]) -> Any:
    """The plugin's data where a string whose every placeholder has a default (``"${X:10}"``)
    reads as that default: SeaTunnel uses the default when X is not given. Objects and lists with
    no such string are returned as they are (not copied); changed ones are new."""
    if isinstance(v, str):
        if "${" not in v:
            return v
        ms = list(PLACEHOLDER_RE.finditer(v))
        if ms and all(m.group(2) is not None for m in ms):
            defaulted.add(path)
            return PLACEHOLDER_RE.sub(lambda m: m.group(2), v)
        return v
    if isinstance(v, dict):
        if "$unresolved" in v and len(v) == 1:
            return v
        out = None
        for k, x in v.items():
            if isinstance(x, str) and "${" not in x or not isinstance(x, (str, dict, list)):
                continue  # the common case, without a call
            y = _with_defaults(x, f"{path}.{k}" if path else k, defaulted)
            if y is not x:
                if out is None:
                    out = dict(v)
                out[k] = y
        return v if out is None else out
    if isinstance(v, list):
        items = None
        for i, x in enumerate(v):
            if isinstance(x, str) and "${" not in x or not isinstance(x, (str, dict, list)):
                continue
            y = _with_defaults(x, path, defaulted)
            if y is not x:
                if items is None:
                    items = list(v)
                items[i] = y
        return v if items is None else items
    return v


def _name_range(p: Plugin) -> tuple[int, int]:
    o = p.top.get("plugin_name")
    if o is not None:
        return o.value_start, o.value_end
    if p.name_end > p.name_start:
        return p.name_start, p.name_end
    return p.start, min(p.start + 1, p.end)  # a JSON block without plugin_name: its `{`


def _keys(keys) -> str:
    return ", ".join(f"`{k}`" for k in keys)


def _kinds_phrase(kinds: list[str]) -> str:
    names = [_KIND_ARTICLE[k] for k in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _newer_versions(ctx: Context) -> list[str]:
    """Shipped catalog versions newer than the chosen one, oldest first."""
    from stlint.catalog import available_versions

    cat = ctx.catalog
    vs = available_versions()  # newest first
    if cat is None or cat.version not in vs:
        return []
    return list(reversed(vs[:vs.index(cat.version)]))


def _field_key_is(ctx: Context, start: int, end: int, key: str) -> str | None:
    """'plain' / 'quoted' when the text at start:end spells exactly `key`, else None."""
    t = ctx.text[start:end]
    if t == key:
        return "plain"
    if t == '"' + key + '"':
        return "quoted"
    return None


def _key_text(key: str, style: str | None) -> str | None:
    if style == "quoted":
        return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if _UNQUOTED_KEY.match(key):
        return key
    return None


# --------------------------------------------------------------------------------------------
# which keys a plugin knows (cached per catalog version and plugin)
# --------------------------------------------------------------------------------------------
class _Known:
    __slots__ = ("declared", "prefixes", "candidates", "starts")

    def __init__(self, declared: set[str], candidates: list[str]):
        self.declared = declared
        self.prefixes = {k[:i] for k in declared for i, c in enumerate(k) if c == "."}
        self.candidates = candidates
        # prefix options (`scan.params.`): every key starting with the prefix is read
        self.starts = tuple(k for k in declared if k.endswith("."))

    def covers(self, path: str) -> bool:
        """`path` is a declared key or lies inside one (map/object options take any sub-key), or
        starts with a prefix option."""
        if path in self.declared or (self.starts and path.startswith(self.starts)):
            return True
        i = path.find(".")
        while i >= 0:
            if path[:i] in self.declared:
                return True
            i = path.find(".", i + 1)
        return False

    def leads(self, path: str) -> bool:
        """Some declared key lies below `path` (`a` for a declared `a.b`)."""
        return path in self.prefixes


_KNOWN: dict[tuple, _Known] = {}


def _known(cat, spec) -> _Known:
    ck = (cat.version, spec.kind, spec.name.lower())
    k = _KNOWN.get(ck)
    if k is None:
        declared = set(spec.all_keys()) | set(spec.fallback_keys()) | {"plugin_name", "schema"}
        for kind in _KINDS:  # engine keys (plugin_input/_output, parallelism, ...) are legal anywhere
            declared |= set(cat.common_keys(kind)) | set(cat.deprecated_keys(kind))
        k = _Known(declared, spec.all_keys() + list(spec.fallback_keys()))
        _KNOWN[ck] = k
    return k


def _unknown_units(ctx: Context, known: _Known, obj: HObject, prefix: str = "") -> Iterator[tuple[str, Any, str]]:
    """(dotted path, field, written key) of each key the plugin does not know, outermost only:
    `foo { a = 1, b = 2 }` with an unknown `foo` is one finding."""
    for k, f in obj.fields.items():
        path = prefix + k
        if known.covers(path):
            continue
        if known.leads(path):
            if isinstance(f.value, HObject):
                yield from _unknown_units(ctx, known, f.value, path + ".")
            continue
        yield path, f, k


# --------------------------------------------------------------------------------------------
@rule("unknown-plugin", "ST101", "error", "A plugin name that is not a plugin of that kind in the chosen SeaTunnel version.", """
SeaTunnel looks plugins up by name (case-insensitively) among the connectors of the section's
kind; an unknown name fails the job at submit ("Plugin ... not found"). A name can also be real
but of another kind (`Console` is only a sink) or be newer than the targeted SeaTunnel version.

Bad:
```hocon
sink {
  Consol {}
}
```
Good:
```hocon
sink {
  Console {}
}
```
""")
def unknown_plugin(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    for info in _infos(ctx):
        p = info.plugin
        if info.spec is not None or not info.in_file:
            continue
        s, e = info.name_range
        name = p.name if isinstance(p.name, str) else ""
        if not name.strip():
            yield ctx.diag("unknown-plugin", s, e, f"this {p.kind} block has no plugin name: SeaTunnel rejects a "
                           "blank `plugin_name`", plugin=p.label)
            continue
        kinds = cat.kinds_of(name)
        msg = f"`{name}` is not {_KIND_ARTICLE[p.kind]} plugin in SeaTunnel {cat.version}"
        help_ = None
        close = []
        if kinds:
            canon = cat.find(kinds[0], name).name
            msg += f": `{canon}` is only {_kinds_phrase(kinds)}" if len(kinds) == 1 else \
                f": `{canon}` is {_kinds_phrase(kinds)}, not {_KIND_ARTICLE[p.kind]}"
            help_ = f"move it to the `{kinds[0]}` section" if len(kinds) == 1 else None
        else:
            newer = next((v for v in _newer_versions(ctx) if _load(v).find(p.kind, name) is not None), None)
            if newer is not None:
                msg += f"; it was added in {newer}"
                help_ = f"target SeaTunnel {newer} or newer (--seatunnel-version)"
            else:
                close = cat.suggest(p.kind, name, 3)
                if close:
                    msg += "; " + did_you_mean(close)
        yield ctx.diag("unknown-plugin", s, e, msg, help=help_, plugin=p.label,
                       suggestions=ctx.replacements(s, e, name, close))


def _load(version: str):
    from stlint.catalog import load_catalog

    return load_catalog(version)


# --------------------------------------------------------------------------------------------
@rule("plugin-name-case", "ST102", "info", "A plugin name spelt in another case than SeaTunnel's canonical name.", """
Plugin names match case-insensitively, so `console {}` works, but the canonical spelling is what
the docs, `seatunnel-connector.sh -l` and other jobs use; searching and reviewing are easier when
names are written one way. Opt-in (not in the default selection: SeaTunnel's own docs write
`jdbc`/`kafka`): enable it with `extend-select = ["plugin-name-case"]` or `select = ["ALL"]`.

Bad:
```hocon
sink {
  console {}
}
```
Good:
```hocon
sink {
  Console {}
}
```
""", fix="safe", default=False)
def plugin_name_case(ctx: Context) -> Iterator[Diagnostic]:
    for info in _infos(ctx):
        p, spec = info.plugin, info.spec
        if spec is None or not info.in_file or spec.name == p.name:
            continue
        s, e = info.name_range
        fix = None
        if "plugin_name" not in p.top:
            style = _field_key_is(ctx, s, e, p.name)
            new = _key_text(spec.name, style)
            if style is not None and new is not None:
                fix = Fix("safe", f"rename to `{spec.name}`", (Edit(s, e, new),))
        yield ctx.diag("plugin-name-case", s, e,
                       f"`{p.name}` works (plugin names match case-insensitively) but SeaTunnel spells it `{spec.name}`",
                       fix=fix, help=f"write `{spec.name}`", plugin=p.label)


# --------------------------------------------------------------------------------------------
@rule("missing-required-option", "ST103", "error", "A required option of the plugin is not set.", """
SeaTunnel checks each plugin's option rule right before creating it: an absolutely required
option, or one required by the value of another option (defaults count for the trigger, so
`Jdbc` sink needs `query` because `generate_sink_sql` defaults to false), must be set. The job
fails at submit. Options with a default never count as missing.

Some connectors need options their rule calls optional, or (legacy plugins) have no checked rule
at all: they fail while SeaTunnel builds them (a `FakeSource` without `schema`, an empty `Split`,
a `LocalFile` source without `file_format_type`). Those findings say that SeaTunnel checks this at
runtime and quote the message it fails with, and where. Multi-table plugins check these per table:
each entry of `tables_configs` / `table_list` must satisfy them on its own.

Several missing options of one plugin are one finding that lists them all; its fix adds every
single missing key with a placeholder value (a one-of group is left to you).

Bad:
```hocon
sink {
  Jdbc {
    url = "jdbc:mysql://db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
  }
}
```
Good:
```hocon
sink {
  Jdbc {
    url = "jdbc:mysql://db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
    query = "insert into orders(id, total) values(?, ?)"
  }
}
```
""", fix="unsafe")
def missing_required_option(ctx: Context) -> Iterator[Diagnostic]:
    """One finding per missing requirement of a `tables_configs`/`table_list` entry, and one per
    plugin for its own options: several missing options are listed in one finding (with one fix
    adding every single-key one), so a fresh block is not a wall of errors."""
    for info in _infos(ctx):
        p, spec = info.plugin, info.spec
        if spec is None or not info.in_file:
            continue  # unvalidated (fallback) plugins: the model reports only their startup checks
        s, e = info.name_range
        own = []
        for v in info.violations:
            if v.kind != "missing-required":
                continue
            if v.entry is None:
                own.append(v)
                continue
            obj = _entry_object(p, *v.entry)
            if obj is None or obj.src is not ctx.source:
                continue
            msg = f"{p.label}: {v.entry[0]}[{v.entry[1]}]: {_missing_text(v)}"
            yield ctx.diag("missing-required-option", obj.start, obj.start + 1, msg, plugin=p.label,  # the entry's `{`
                           option=v.options[0] if len(v.options) == 1 else None,
                           help=_missing_help(v))
        if len(own) == 1:
            v = own[0]
            fix = _insert_option_fix(ctx, p, list(v.options)) \
                if len(v.options) == 1 and _placeholder_fits(spec, v.options[0]) else None
            yield ctx.diag("missing-required-option", s, e, f"{p.label}: {_missing_text(v)}", fix=fix,
                           plugin=p.label, option=v.options[0] if len(v.options) == 1 else None,
                           help=_missing_help(v))
        elif own:
            keys = [v.options[0] for v in own if len(v.options) == 1 and _placeholder_fits(spec, v.options[0])]
            fix = _insert_option_fix(ctx, p, keys) if keys else None
            msg = f"{p.label}: {len(own)} required settings are missing: " + "; ".join(_missing_text(v) for v in own)
            yield ctx.diag("missing-required-option", s, e, msg, fix=fix, plugin=p.label)


def _missing_text(v) -> str:
    if v.runtime is not None:
        return f"{v.message} {_runtime_note(v.runtime, v.options)}"
    if v.reason:
        return f"{v.message} ({v.reason})"
    return v.message


def _missing_help(v) -> str | None:
    """Help only for what the message does not say: the reason of a runtime check (the message
    names the options, including "one of ...")."""
    return v.reason if v.runtime is not None and len(v.options) == 1 else None


def _placeholder_fits(spec, key: str) -> bool:
    """A `"${TODO_KEY}"` string stands in for a scalar or list option, not for a map or an
    object (`schema { ... }`), whose value the user must write."""
    o = spec.option(key)
    return o is None or o.type not in ("map", "object")


def _runtime_note(rt, options) -> str:
    """`(SeaTunnel checks this at runtime, not in its option rule: it fails with "...", File.java:NN)`;
    a `%s` in a scanned message (CheckConfigUtil lists the missing keys) becomes the keys."""
    if rt.message.endswith("Exception") and " " not in rt.message:
        said = f"with a {rt.message}"
    else:
        said = f'with "{rt.message.replace("%s", ",".join(options))}"'
    return f"(SeaTunnel checks this at runtime, not in its option rule: it fails {said}, {rt.location})"


def _entry_object(p: Plugin, option: str, index: int) -> HObject | None:
    """The `index`-th object of the list option `option` (`tables_configs = [{...}, ...]`)."""
    o = p.get(option)
    if o is None or not isinstance(o.value, HList) or not (0 <= index < len(o.value.items)):
        return None
    item = o.value.items[index]
    return item if isinstance(item, HObject) else None


def _todo_name(key: str) -> str:
    return "TODO_" + re.sub(r"[^A-Za-z0-9]+", "_", key).strip("_").upper()


def _insert_option_fix(ctx: Context, p: Plugin, keys: list[str]) -> Fix | None:
    """Insert `key = "${TODO_KEY}"` for each key as the last lines of the plugin block, indented
    like its other lines, with the file's line ending; one-line blocks get `, key = ...` before `}`."""
    text = ctx.text
    if (ctx.source.path or "").endswith(".json") or not keys:
        return None
    s, e = p.start, p.end
    if e - s < 2 or text[s] != "{" or text[e - 1] != "}":
        return None
    lines = [f'{_key_text(k, None) or _key_text(k, "quoted")} = "${{{_todo_name(k)}}}"' for k in keys]
    title = (f"add `{keys[0]}` with a placeholder value" if len(keys) == 1
             else f"add all missing options ({', '.join(keys)}) with placeholder values")
    close = e - 1
    ls = text.rfind("\n", s, close) + 1  # start of the closing brace's line (0 if none inside the block)
    if ls > s and not text[ls:close].strip():
        # multi-line block, `}` on its own line: add lines before it
        nl = "\r\n" if text[ls - 2:ls] == "\r\n" else "\n"
        indent = _member_indent(ctx, p, ls)
        if indent is None:
            brace_indent = text[ls:close]
            indent = brace_indent + (_indent_unit(ctx) if brace_indent.strip(" \t") == "" else "  ")
        return Fix("unsafe", title, (Edit(ls, ls, "".join(f"{indent}{ln}{nl}" for ln in lines)),))
    # `}` shares its line with content: insert before it on the same line
    j = close
    while j > s + 1 and text[j - 1] in " \t":
        j -= 1
    inner = text[s + 1:j].strip()
    if not inner:
        return Fix("unsafe", title, (Edit(s + 1, close, f" {', '.join(lines)} "),))
    sep = " " if text[j - 1] in ",\n" else ", "
    return Fix("unsafe", title, (Edit(j, j, sep + ", ".join(lines)),))


def _member_indent(ctx: Context, p: Plugin, close_line: int) -> str | None:
    """Indentation of the last member line of the block written on its own line."""
    text = ctx.text
    best = None
    obj = p.config
    for f in (obj.fields.values() if obj is not None else ()):
        if f.src is not ctx.source or not (p.start < f.key_start < close_line):
            continue
        ls = text.rfind("\n", 0, f.key_start) + 1
        if ls <= p.start:
            continue
        pre = text[ls:f.key_start]
        if pre.strip(" \t") == "" and (best is None or f.key_start > best[0]):
            best = (f.key_start, pre)
    return best[1] if best else None


def _indent_unit(ctx: Context) -> str:
    return "\t" if "\n\t" in ctx.text else "  "


# --------------------------------------------------------------------------------------------
@rule("unknown-option", "ST104", "warning", "An option the plugin does not declare (probably a typo).", """
SeaTunnel does not reject unknown keys: a misspelt option is silently ignored and its default
is used instead. SeaTunnel's own option lists are incomplete, so this is a warning, with the
closest declared key. The known options are the declared ones plus those the connector's code
reads (its config classes, base and format modules). Sub-keys of map options (`schema`,
`kafka.config`, ...) are free, keys starting with a prefix option (`scan.params.`) are known, and
`a.b = 1` and `a { b = 1 }` are the same option. A client property written at the top level of a
plugin that hands a map to its client (Kafka `kafka.config`, Doris `doris.config`, StarRocks
`starrocks.config`, Hive `hive.hadoop.conf`, Paimon `paimon.hadoop.conf`: overlay `passthrough`)
gets the hint to move it into that map: a well-known key of that client (rules/client_keys.json)
or, for clients whose keys are dotted words (Kafka, Hadoop), any dotted lower-case key.

Bad:
```hocon
source {
  FakeSource {
    row.nun = 100
  }
}
```
Good:
```hocon
source {
  FakeSource {
    row.num = 100
  }
}
```
""", fix="unsafe")
def unknown_option(ctx: Context) -> Iterator[Diagnostic]:
    yield from _unknown_keys(ctx, newer=False)


@rule("option-not-in-version", "ST109", "error", "An option the targeted SeaTunnel version does not have yet.", """
An option added in a later SeaTunnel release is ignored by the version you target (with
`--seatunnel-version`), so the job silently runs without it; `plugin_input`/`plugin_output`
replaced `source_table_name`/`result_table_name` only in 2.3.9, so a 2.3.8 cluster loses the
table wiring.

Bad (for 2.3.8):
```hocon
sink {
  Console { plugin_input = "fake" }
}
```
Good (for 2.3.8):
```hocon
sink {
  Console { source_table_name = "fake" }
}
```
""")
def option_not_in_version(ctx: Context) -> Iterator[Diagnostic]:
    yield from _unknown_keys(ctx, newer=True)


def _scope_known(cat, spec, table: str | None) -> _Known | None:
    """Keys legal in the plugin block (`table` None) or in an entry of its multi-table list
    option `table`; None when this catalog does not read that option's entries."""
    if table is None:
        return _known(cat, spec)
    for t in spec.tables:
        if t.option == table:
            if t.keys is None and not t.block_only and not t.extra_keys:  # a whole plugin config
                return _known(cat, spec)
            ck = (cat.version, spec.kind, spec.name.lower(), table)
            k = _KNOWN.get(ck)
            if k is None:
                if t.keys is None:  # a whole plugin config, less the keys read from the block only,
                    full = _known(cat, spec)  # plus the entry's own (a transform entry's table_path)
                    k = _Known({d for d in full.declared if not _under(d, t.block_only)} | set(t.extra_keys),
                               [c for c in full.candidates if not _under(c, t.block_only)] + list(t.extra_keys))
                    k.prefixes = full.prefixes | {p for x in t.extra_keys for p in _Known({x}, []).prefixes}
                else:
                    k = _Known(set(t.keys), list(t.keys))
                _KNOWN[ck] = k
            return k
    return None


def _under(path: str, keys) -> bool:
    """`path` is one of `keys` or lies inside one."""
    return any(path == k or path.startswith(k + ".") for k in keys)


def _entry_list(spec, table: str | None):
    """The TableList of `table` (None for the plugin block)."""
    if table is None:
        return None
    return next((t for t in spec.tables if t.option == table), None)


def _strict_entry(spec, table: str) -> bool:
    """True when SeaTunnel maps each entry of `table` strictly (Jackson, unknown keys fail)."""
    return any(t.option == table and t.unknown_fails for t in spec.tables)


def _scopes(p: Plugin, spec) -> Iterator[tuple[str | None, str, HObject]]:
    """(table option or None, message prefix, object) of the block and of its table entries."""
    yield None, "", p.config
    for t in spec.tables:
        o = p.get(t.option)
        if o is None or not isinstance(o.value, HList):
            continue
        for i, item in enumerate(o.value.items):
            if isinstance(item, HObject):
                yield t.option, f"{t.option}[{i}].", item


def _unknown_keys(ctx: Context, newer: bool) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    later = earlier = None
    for info in _infos(ctx):
        p, spec = info.plugin, info.spec
        if spec is None or not info.in_file or not spec.options_known or p.config is None:
            continue
        for table, prefix, obj in _scopes(p, spec):
            known = _scope_known(cat, spec, table)
            if known is None:
                continue
            for path, f, written in _unknown_units(ctx, known, obj):
                if f.src is not ctx.source:
                    continue
                shown = prefix + path
                tl = _entry_list(spec, table)
                whole = tl is None or tl.keys is None  # the block, or an entry read as a whole plugin config
                if tl is not None and tl.block_only and _under(path, tl.block_only) \
                        and _known(cat, spec).covers(path):
                    if not newer:
                        yield ctx.diag("unknown-option", f.key_start, f.key_end,
                                       f"`{shown}` is read from the {p.label} block only: SeaTunnel ignores it "
                                       f"inside a `{table}` entry", help="move it to the plugin block (it applies to "
                                       "every entry)", plugin=p.label, option=path)
                    continue
                if later is None:
                    later = [(v, _load(v)) for v in _newer_versions(ctx)]
                    earlier = [(v, _load(v)) for v in _older_versions(ctx)]
                first = _first_covering(later, p, table, path)
                # a key this version's sources declare somewhere (e.g. in a base config class) may be read
                # though the plugin's rule does not declare it: then "this version ignores it" is not known
                # (not for an entry whose keys the overlay lists: those are all SeaTunnel reads there)
                declared_here = path in cat.tree_option_keys and whole
                if first is not None and declared_here:
                    first = None
                if first is not None:
                    if newer:
                        v, c, ns = first
                        old = _older_equivalent(cat, spec, c, ns, path) if table is None else None
                        help_ = f"in {cat.version} write `{old}`" if old else f"target SeaTunnel {v} or newer"
                        yield ctx.diag("option-not-in-version", f.key_start, f.key_end,
                                       f"`{shown}` is not an option of {p.label} in SeaTunnel {cat.version}: it exists "
                                       f"from {v}; this job targets {cat.version}, which ignores it", help=help_,
                                       plugin=p.label, option=path)
                    continue
                if newer:
                    continue
                gone = None if declared_here else _first_covering(earlier or [], p, table, path)
                if gone is not None:
                    v = gone[0]
                    yield ctx.diag("unknown-option", f.key_start, f.key_end,
                                   f"`{shown}` was an option of {p.label} until SeaTunnel {v}; this job targets "
                                   f"{cat.version}, which no longer reads it", help=f"target SeaTunnel {v} or drop it",
                                   plugin=p.label, option=path)
                    continue
                fbk = spec.fallback_keys()  # suggest the current name, not a deprecated one
                cands = spec.suggest_option(path, 3) if whole else suggest(path, known.candidates, 3)
                close = list(dict.fromkeys(fbk.get(c) or c for c in cands))
                close = [c for c in close if c != path]
                msg = f"`{shown}` is not a known option of {p.label}"
                help_ = None
                fix = None
                hint = spec.hint(path) if whole else None  # overlay metadata: e.g. Sql `sql` -> `query`
                if close:
                    msg += "; " + did_you_mean(close)
                    if table is not None and _strict_entry(spec, table):
                        msg += " (SeaTunnel fails on a key it does not know here)"
                    if hint:
                        msg += f" ({hint})"
                    spelled = [c for c in cands if (fbk.get(c) or c) == close[0]]
                    if table is None and len(close) == 1 and _safe_rename_target(spec, path, spelled or close, close[0], f) \
                            and path not in _all_option_keys(cat):
                        fix = _rename_fix(ctx, p, f, path, written, close[0])
                home = spec.passthrough_home(path) if table is None else None
                owners = _owners(cat, path, p.kind, spec.name) if home is not None and not close \
                    and not spec.is_client_key(path) else ()
                if owners:
                    # a SeaTunnel option of other plugins (Console's `log.print.data`): say so rather than
                    # calling it a client property; it still might be one (`batch.size`)
                    msg += f" (it is an option of {', '.join(owners)})"
                    help_ = f"if it is a client property, put it inside `{home} {{ }}`"
                elif home is not None and not close:
                    # catalog metadata: the map option this plugin hands to its client (kafka.config)
                    msg += f"; a client property goes inside `{home} {{ }}`"
                    inner = spec.passthrough_inner(path)
                    what = f"`{inner}`" if inner else "it"  # v1 style `kafka.request.timeout.ms`
                    help_ = f"put {what} inside `{home} {{ }}`: {p.label} passes that map to its client"
                elif home is not None:
                    help_ = f"if it is a client property, put it inside `{home} {{ }}`"
                elif hint and not close:
                    msg += f": {hint}"
                elif tl is not None and tl.block_only and spec.passthrough in tl.block_only \
                        and spec.passthrough_home(path) is not None and not close:
                    # the client map is read from the block only (Kafka's kafka.config)
                    msg += f"; a client property goes inside the block's `{spec.passthrough} {{ }}`"
                    inner = spec.passthrough_inner(path)
                    help_ = f"put {f'`{inner}`' if inner else 'it'} inside `{spec.passthrough} {{ }}` of the {p.label} " \
                        "block: entries do not read it"
                elif not close and table is not None and _strict_entry(spec, table):
                    msg += " (SeaTunnel maps each entry onto a Java class and fails on a key it does not know)"
                elif not close:
                    # the same connector on the other side declares it (Kafka sink's `semantics` written
                    # in the Kafka source, S3File sink's `partition_by` in the source): say so
                    twin = [o for o in _owners(cat, path, p.kind, spec.name, limit=99)
                            if o.split(".", 1)[1].lower() == spec.name.lower()]
                    msg += " (SeaTunnel ignores keys it does not read" + \
                        (f"; it is an option of {twin[0]})" if twin else ")")
                if path.startswith("--"):  # an SQL-style comment: renaming it would switch the line on
                    msg += " (`--` does not start a comment in HOCON: write `#` or `//`)"
                    fix = None
                yield ctx.diag("unknown-option", f.key_start, f.key_end, msg, fix=fix, help=help_,
                               plugin=p.label, option=path,
                               suggestions=ctx.replacements(f.key_start, f.key_end, path, close))


def _first_covering(cats, p: Plugin, table: str | None, path: str):
    """(version, catalog, spec) of the first catalog in `cats` whose plugin knows `path`."""
    for v, c in cats:
        ns = c.find(p.kind, p.name)
        if ns is None or not ns.options_known:
            continue
        k = _scope_known(c, ns, table)
        if k is not None and k.covers(path):
            return v, c, ns
    return None


def _older_versions(ctx: Context) -> list[str]:
    """Shipped catalog versions older than the chosen one, newest first."""
    from stlint.catalog import available_versions

    cat = ctx.catalog
    vs = available_versions()  # newest first
    if cat is None or cat.version not in vs:
        return []
    return vs[vs.index(cat.version) + 1:]


def _older_equivalent(cat, spec, newer_cat, newer_spec, path: str) -> str | None:
    """For a key new in a later version: the key the targeted version knows for the same option
    (the newer option's fallback key, e.g. `source_table_name` for `plugin_input`)."""
    ns = newer_spec.option(path)
    if ns is None:
        return None
    for fk in ns.fallback_keys:
        if spec.option(fk) is not None or _known(cat, spec).covers(fk):
            return fk
    return None


_ALL_KEYS: dict[str, frozenset] = {}


def _owners(cat, key: str, kind_: str, name: str, limit: int = 2) -> tuple[str, ...]:
    """Up to `limit` other plugins (`kind.Name`) that declare `key`, for the message; () when none.
    One reverse index per catalog version (built on first use), so each lookup is a dict access."""
    idx = _OWNERS.get(cat.version)
    if idx is None:
        idx = {}
        for kind in ("sink", "source", "transform"):
            for n in cat.names(kind):
                ps = cat.find(kind, n)
                if ps is not None:
                    for k in ps.options:
                        idx.setdefault(k, []).append((kind, ps.name))
        _OWNERS[cat.version] = idx
    out = [f"{k}.{n}" for k, n in idx.get(key, ()) if (k, n) != (kind_, name)]
    return tuple(out[:limit])


_OWNERS: dict[str, dict[str, list[tuple[str, str]]]] = {}


def _all_option_keys(cat) -> frozenset:
    """Every option key of every plugin in the catalog. A key that is a real option somewhere
    (e.g. a sink option written in a source) is not a typo: no rename is offered."""
    keys = _ALL_KEYS.get(cat.version)
    if keys is None:
        acc: set[str] = set()
        for kind in ("source", "transform", "sink"):
            for n in cat.names(kind):
                ps = cat.find(kind, n)
                if ps is not None:
                    acc.update(ps.options)
        keys = _ALL_KEYS[cat.version] = frozenset(acc)
    return keys


def _safe_rename_target(spec, path: str, spelled: list[str], new_path: str, f) -> bool:
    """Offer the rename only for a near-certain typo (similar spelling) whose value the new
    option accepts, so the fix never trades one finding for another."""
    import difflib

    # `spelled`: the key(s) the typo resembles (a deprecated spelling maps to its new name)
    if max(difflib.SequenceMatcher(None, path.lower(), c.lower()).ratio() for c in spelled) < 0.8:
        return False
    o = spec.option(new_path)
    if o is None:
        return False
    try:
        value = to_json(f.value)
    except Exception:
        return False
    if isinstance(value, dict) and set(value) == {"$unresolved"}:
        return True
    try:
        return o.check_value(value) is None
    except Exception:
        return False


def _rename_fix(ctx: Context, p: Plugin, f, path: str, written: str, new_path: str) -> Fix | None:
    parent = path[:len(path) - len(written)]
    if not new_path.startswith(parent):
        return None
    new_key = new_path[len(parent):]
    if not new_key or p.get(new_path) is not None:
        return None  # renaming would collide with a key that is already set
    style = _field_key_is(ctx, f.key_start, f.key_end, written)
    new = _key_text(new_key, style)
    if style is None or new is None:
        return None
    return Fix("unsafe", f"rename to `{new_path}`", (Edit(f.key_start, f.key_end, new),))


# --------------------------------------------------------------------------------------------
@rule("invalid-option-value", "ST105", "error", "An option value SeaTunnel cannot convert or does not allow, or reads as another value.", """
SeaTunnel converts option values when a connector reads them (`ReadonlyConfig.get`, which calls
`ConfigUtil.convertValue`): its own conversion first (`Integer.parseInt` of the text, `true`/`false`
in any case, an enum constant's name in any case), and when that throws, Jackson reads the value's
JSON text as the option's type. Only what neither can read fails the job, with "Json parsing
exception, value '...', and expected type '...'" (ConfigUtil.java, the line of the targeted release,
quoted in the message): an integer option given `"ten"` or `3000000000`, a boolean given `yes`, an
enum given a name that is not one of its constants, a list of objects given a number; a
single-choice option given a value outside its list fails the option rule. Values SeaTunnel reads
as something else than written are warnings that say what it goes on with: a fraction for an
integer (`2.5` is truncated to 2), a number for a boolean (0 false, any other true), a number for an
enum (the constant at that position); the fix writes that value where there is one. What it
converts as meant is not reported: `"10"`, `" 10"` or `1e3` for an integer, `"FALSE"` for a
boolean, `append_data` for `APPEND_DATA`. Some plugins read an option's value from the raw config
with Typesafe Config's getters instead (the file connectors: `config.getBoolean(...)`, which takes
`yes`/`on` but not `TRUE` or `1`); the catalog records those reads per release, and such an option,
like the options of plugins SeaTunnel runs through their legacy `prepare` and options the catalog
did not scan (overlay options), is an error only when both ways fail (a `getString` read takes
any value: not reported). A `"${VAR:default}"` value is checked on its default; values that
depend on variables without a default are not checked.

Bad:
```hocon
sink {
  Jdbc {
    batch_size = "a thousand"
  }
}
```
Good:
```hocon
sink {
  Jdbc {
    batch_size = 1000
  }
}
```
""")
def invalid_option_value(ctx: Context) -> Iterator[Diagnostic]:
    for info in _infos(ctx):
        p, spec = info.plugin, info.spec
        if spec is None or not info.in_file:
            continue
        seen: set[tuple] = set()
        items = [(v.options[0], v.message, v.entry) for v in info.violations if v.kind == "invalid-value"]
        for k, cs in spec._common.items():  # engine keys (parallelism, dag-parsing.mode, ...)
            if k in spec.options:
                continue
            o = p.get(k)
            if o is None:
                continue
            raw = lookup(info.config, k)
            err = cs.check_value(raw) if raw is not MISSING else None
            if err:
                items.append((k, f"`{k}`: {err}", None))
        for key, message, entry in items:
            if (key, entry) in seen:
                continue
            seen.add((key, entry))
            if entry is None:
                o = p.get(key)
                val = o.value if o is not None else None
                raw = lookup(info.config, key)
            else:
                obj = _entry_object(p, *entry)
                val = _obj_get(obj, key) if obj is not None else None
                raw = lookup(lookup(info.config, entry[0])[entry[1]], key)
                message = f"{entry[0]}[{entry[1]}]: {message}"
            if val is None or getattr(val, "src", None) is not ctx.source:
                continue
            if entry is None and key in info.defaulted:
                message += f" (the default in `{ctx.text[val.start:val.end]}`)"
            close = _value_suggestions(spec, key, raw)
            os_ = spec.option(key) or spec._common.get(key)
            v = os_.verdict(raw) if os_ is not None else None
            fix = None
            if v is not None and not v.fail and v.fix is not None and "${" not in ctx.text[val.start:val.end]:
                fix = Fix("unsafe", f"write `{v.fix}`", (Edit(val.start, val.end, v.fix),))
            d = ctx.diag("invalid-option-value", val.start, val.end, f"{p.label}: {message}",
                         plugin=p.label, option=key, help=did_you_mean(close) or (f"write `{v.fix}`" if fix else None),
                         fix=fix, suggestions=ctx.replacements(val.start, val.end, raw if isinstance(raw, str)
                                                               else ctx.text[val.start:val.end], close))
            if v is not None and not v.fail and os_.check_value(raw) in message:
                d.severity = "warning"  # SeaTunnel goes on with another value than the one written
            yield d


def _obj_get(obj: HObject, key: str):
    """The value of `key` in an object the way ReadonlyConfig reads it: flat key, then nested."""
    f = obj.fields.get(key)
    if f is not None:
        return f.value
    cur: Any = obj
    for part in key.split("."):
        if not isinstance(cur, HObject) or part not in cur.fields:
            return None
        cur = cur.fields[part].value
    return cur


def _value_suggestions(spec, key: str, raw: Any) -> list[str]:
    s = spec.option(key)
    if s is None or not s.enum_values:
        return []
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
        return suggest(str(raw), s.enum_values, n=1, cutoff=0.5)
    return []


# --------------------------------------------------------------------------------------------
@rule("exclusive-options", "ST106", "error", "Options of which exactly one must be set: none or several are.", """
Some plugins take one of several ways to say the same thing (a table list or a table pattern,
a query or a table path); SeaTunnel requires exactly one of them and fails the job otherwise.
Defaults do not count.

Bad:
```hocon
source {
  MySQL-CDC {
    table-names = ["shop.orders"]
    table-pattern = "shop\\\\..*"
  }
}
```
Good:
```hocon
source {
  MySQL-CDC {
    table-names = ["shop.orders"]
  }
}
```
""")
def exclusive_options(ctx: Context) -> Iterator[Diagnostic]:
    yield from _group_violations(ctx, "exclusive", "exclusive-options")


@rule("bundled-options", "ST107", "error", "Options that must be set together: only some are.", """
Some options only make sense together (a user and a password, a format and a schema);
SeaTunnel requires all or none of them and fails the job otherwise. Defaults do not count: an
option you rely on the default of must still be written when its partner is set.

Bad:
```hocon
source {
  Redis {
    schema { fields { name = string } }
  }
}
```
Good:
```hocon
source {
  Redis {
    format = json
    schema { fields { name = string } }
  }
}
```
""")
def bundled_options(ctx: Context) -> Iterator[Diagnostic]:
    yield from _group_violations(ctx, "bundled", "bundled-options")


def _group_violations(ctx: Context, kind: str, name: str) -> Iterator[Diagnostic]:
    for info in _infos(ctx):
        p, spec = info.plugin, info.spec
        if spec is None or not info.in_file or not spec.validated:
            continue
        s, e = info.name_range
        for v in info.violations:
            if v.kind != kind:
                continue
            related = []
            for k in v.options:
                o = p.get(k)
                if o is not None and o.key_start >= 0 and p.config is not None:
                    related.append(Related(o.key_start, o.key_end, f"`{k}` is set here"))
            msg = f"{p.label}: {v.message}" + (f" ({v.reason})" if v.reason else "")
            yield ctx.diag(name, s, e, msg, plugin=p.label, related=related,
                           option=v.options[0] if len(v.options) == 1 else None)


# --------------------------------------------------------------------------------------------
@rule("deprecated-option", "ST108", "warning", "A deprecated option key that has a newer name.", """
SeaTunnel still reads some old option names as fallbacks of the new ones (logging a deprecation
warning): `result_table_name` is now `plugin_output`, `source_table_name` is `plugin_input`.
The fix renames the key, only when the targeted version knows the new name; when both are set
the old one is ignored.

Bad:
```hocon
source {
  FakeSource { result_table_name = "fake" }
}
```
Good:
```hocon
source {
  FakeSource { plugin_output = "fake" }
}
```
""", fix="safe")
def deprecated_option(ctx: Context) -> Iterator[Diagnostic]:
    for info in _infos(ctx):
        p, spec = info.plugin, info.spec
        if spec is None or not info.in_file or p.config is None:
            continue
        fks = spec.fallback_keys()
        if not fks:
            continue
        done: set[str] = set()
        for key, o in list(p.top.items()) + list(p.options.items()):
            if key in done or key not in fks or o.key_start < 0:
                continue
            f = _field_at(p.config, o.key_start)
            if f is not None and f.src is not ctx.source:
                continue
            done.add(key)
            new = fks[key]
            has_new = bool(new) and spec.option(new) is not None and not spec.is_fallback_key(new)
            fix = None
            if has_new and p.get(new) is not None:
                msg = (f"`{key}` is deprecated and ignored here: `{new}` is also set and wins")
            else:
                msg = f"`{key}` is deprecated: SeaTunnel {ctx.catalog.version} calls it `{new}`"
                style = _field_key_is(ctx, o.key_start, o.key_end, key) if key in p.top else None
                newt = _key_text(new, style) if style else None
                if has_new and newt is not None:
                    fix = Fix("safe", f"rename to `{new}`", (Edit(o.key_start, o.key_end, newt),))
            yield ctx.diag("deprecated-option", o.key_start, o.key_end, msg, fix=fix, plugin=p.label,
                           option=key, help=f"write `{new}`" if new else None)


def _field_at(obj: HObject, key_start: int):
    stack = [obj]
    while stack:
        o = stack.pop()
        for f in o.fields.values():
            if f.key_start == key_start:
                return f
            if isinstance(f.value, HObject):
                stack.append(f.value)
    return None
