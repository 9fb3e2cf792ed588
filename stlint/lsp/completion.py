"""Completion from the catalog, in the context found by ``context.scan`` (works on half-typed text)."""

from __future__ import annotations

import json
import re

from lsprotocol import types as T

from stlint.lsp.context import Ctx, block_members, scan
from stlint.lsp.snippets import key_text, needs, needs_words, plugin_snippet, value_snippet

SECTION_NAMES = ("env", "source", "transform", "sink")
# the column type names of `schema { fields { name = TYPE } }`: SeaTunnel parses them with
# SeaTunnelDataTypeConvertorUtil.deserializeSeaTunnelDataType (seatunnel-api, table/catalog): SqlType
# names in any case (+ long/short/byte), decimal(p, s), array<T>, map<K, V>, a nested row `{...}`.
# (label, inserted text, first release or None, doc)
SEATUNNEL_TYPES = (
    ("string", "string", None, "SqlType.STRING"),
    ("int", "int", None, "SqlType.INT (32 bit)"),
    ("bigint", "bigint", None, "SqlType.BIGINT (64 bit; `long` is accepted too)"),
    ("boolean", "boolean", None, "SqlType.BOOLEAN"),
    ("double", "double", None, "SqlType.DOUBLE"),
    ("float", "float", None, "SqlType.FLOAT"),
    ("decimal(10, 2)", "decimal(10, 2)", None, "decimal(precision, scale)"),
    ("timestamp", "timestamp", None, "SqlType.TIMESTAMP (local date-time)"),
    ("date", "date", None, "SqlType.DATE"),
    ("time", "time", None, "SqlType.TIME"),
    ("smallint", "smallint", None, "SqlType.SMALLINT (`short` is accepted too)"),
    ("tinyint", "tinyint", None, "SqlType.TINYINT (`byte` is accepted too)"),
    ("bytes", "bytes", None, "SqlType.BYTES"),
    ("array<string>", "array<string>", None, "array<element type>"),
    ("map<string, string>", "map<string, string>", None, "map<key type, value type>"),
    ("timestamp_tz", "timestamp_tz", "2.3.9", "SqlType.TIMESTAMP_TZ (offset date-time)"),
    ("null", "null", None, "SqlType.NULL"),
    ("float_vector", "float_vector", None, "SqlType.FLOAT_VECTOR"),
    ("binary_vector", "binary_vector", None, "SqlType.BINARY_VECTOR"),
    ("float16_vector", "float16_vector", None, "SqlType.FLOAT16_VECTOR"),
    ("bfloat16_vector", "bfloat16_vector", None, "SqlType.BFLOAT16_VECTOR"),
    ("sparse_float_vector", "sparse_float_vector", None, "SqlType.SPARSE_FLOAT_VECTOR"),
)
PLUGIN_KINDS = ("source", "transform", "sink")
INPUT_KEYS = ("plugin_input", "source_table_name")
OUTPUT_RE = re.compile(r'(?:plugin_output|result_table_name)\s*[=:]\s*(\[[^\]]*\]|"[^"\n]*"|[^\s,}\]#]+)')
INPUT_RE = re.compile(r'(?:plugin_input|source_table_name)\s*[=:]\s*(\[[^\]]*\]?|"[^"\n]*"|[^\s,}\]#]+)')
NAME_RE = re.compile(r'"([^"]*)"|([^\s,\["\]]+)')
VAR_RE = re.compile(r'\$\{\??\s*([^:{}\s"]+)\s*(?=[:}])')
TABLE_PLACEHOLDERS = ("database_name", "schema_name", "schema_full_name", "table_name", "table_full_name",
                      "primary_key", "unique_key", "field_names")


def catalog_for(ls, path: str | None):
    from stlint.catalog import load_catalog

    try:
        return load_catalog(ls.settings_for(path).seatunnel_version)
    except Exception:
        try:
            return load_catalog(None)
        except Exception:
            return None


def fmt_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return json.dumps(v, ensure_ascii=False)


def option_detail(spec) -> str:
    if spec.kind == "prefix":
        return f"every `{spec.key}*` key"
    d = spec.describe_type()
    if spec.has_default:
        d += ", default " + ("(computed)" if spec.default_dynamic else (spec.default_text or fmt_value(spec.default)))
    return d


_RULES: dict[int, tuple] = {}  # id(PluginSpec) -> (spec, its rule's groups by kind): built once per plugin


def _rule_parts(pspec) -> tuple:
    got = _RULES.get(id(pspec))
    if got is None or got[0] is not pspec:
        rule = pspec.rule
        got = (pspec, frozenset(rule.required), rule.conditionals, rule.exclusive, rule.one_of, rule.bundled)
        _RULES[id(pspec)] = got
    return got


def requirement(pspec, key: str, values: dict[str, str] | None = None) -> tuple[str, str]:
    """(rank, words): how ``key`` is required by the plugin's rule."""
    if pspec is None:
        return "3", "optional"
    _, required, conditionals, exclusive, one_of, bundled = _rule_parts(pspec)
    o = pspec.option(key)
    if key in required and not (o is not None and o.has_default):  # a default never counts as missing
        return "0", "required"
    conds = []
    active = False
    defaulted = o is not None and o.has_default
    for c in conditionals:
        if key in c.required and not c.never_matches and not defaulted:
            vals = " or ".join(f"`{fmt_value(v) if not isinstance(v, str) else v}`" for v in c.values)
            conds.append(f"required when `{c.option}` = {vals}")
            if values is not None:
                cur = values.get(c.option)
                if cur is None and c.trigger_spec is not None and c.trigger_spec.has_default:
                    cur = fmt_value(c.trigger_spec.default).strip('"')
                if cur is not None and any(cur.lower() == (fmt_value(v).strip('"')).lower() for v in c.values):
                    active = True
    for opts in exclusive:
        if key in opts:
            conds.append("exactly one of " + ", ".join(f"`{o}`" for o in opts))
    for opts in one_of:
        if key in opts:
            conds.append("at least one of " + ", ".join(f"`{o}`" for o in opts))
    for opts in bundled:
        if key in opts:
            conds.append("all or none of " + ", ".join(f"`{o}`" for o in opts))
    if conds:
        return ("1" if active else "2"), "; ".join(conds)
    return ("3" if key in pspec.options else "4"), "optional"


# the documentation of the last completion list's items, made only when the client resolves one
# (clients that declare `completionItem.resolveSupport` for `documentation`, as VS Code and
# nvim-cmp do): a list of 50 options carried 30 KB of Markdown nobody reads
_LAZY: dict = {"gen": 0, "docs": [], "fmt": T.MarkupKind.PlainText}


def lazy_docs_ok(ls) -> bool:
    """Whether the client resolves `documentation` of completion items lazily."""
    try:
        rs = ls.client_capabilities.text_document.completion.completion_item.resolve_support
        return rs is not None and "documentation" in (rs.properties or ())
    except AttributeError:
        return False


def markdown_ok(ls, feature: str) -> bool:
    """Whether the client declared markdown for completion documentation / hover contents."""
    try:
        td = ls.client_capabilities.text_document
        if feature == "hover":
            fmts = td.hover.content_format
        else:
            fmts = td.completion.completion_item.documentation_format
        return T.MarkupKind.Markdown in (fmts or ())
    except AttributeError:
        return False


def names_in(value: str) -> list[str]:
    out: list[str] = []
    for n in NAME_RE.finditer(value):
        name = n.group(1) if n.group(1) is not None else n.group(2)
        if name and name not in out:
            out.append(name)
    return out


def inputs_in(text: str) -> set[str]:
    return {n for m in INPUT_RE.finditer(text) for n in names_in(m.group(1))}


def outputs_in(text: str) -> list[str]:
    out: list[str] = []
    for m in OUTPUT_RE.finditer(text):
        for n in NAME_RE.finditer(m.group(1)):
            name = n.group(1) if n.group(1) is not None else n.group(2)
            if name and name not in out:
                out.append(name)
    return out


def register(server) -> None:
    from stlint.lsp.handlers import guarded
    from stlint.lsp.convert import offset_at

    @server.feature(T.TEXT_DOCUMENT_COMPLETION,
                    T.CompletionOptions(trigger_characters=["{", "=", " ", '"', "$", "."], resolve_provider=True))
    @guarded(lambda: T.CompletionList(is_incomplete=False, items=[]))
    def completion(ls, params: T.CompletionParams):
        got = ls.source_of(params.text_document.uri)
        if got is None:
            return T.CompletionList(is_incomplete=False, items=[])
        src, _ = got
        off = offset_at(src, params.position)
        caps = ls.client_capabilities
        snippets = False
        try:
            snippets = bool(caps.text_document.completion.completion_item.snippet_support)
        except AttributeError:
            pass
        ctx_ = params.context
        if ctx_ is not None and ctx_.trigger_kind == T.CompletionTriggerKind.TriggerCharacter \
                and ctx_.trigger_character == '"' and scan(src.text, off).where == "key":
            return T.CompletionList(is_incomplete=False, items=[])  # an opening quote is no request for keys
        items = complete(ls, src, off, snippets, uri=params.text_document.uri)
        return T.CompletionList(is_incomplete=False, items=items)

    @server.feature(T.COMPLETION_ITEM_RESOLVE)
    @guarded(lambda: None)
    def completion_resolve(ls, item: T.CompletionItem):
        return resolve_item(item)


WARM_BATCH = 4  # plugins per warm-up job: a lint queued behind one waits a few ms at most
_WARMED: set[str] = set()  # catalog versions whose plugin snippets are built (or being built)


def warm(ls, uri: str) -> None:
    """Build the plugin snippets of the catalog a just-opened file uses, ahead of the first plugin
    completion (each asks the rule engine what an empty block needs: ~3 ms per plugin, 200 ms for
    a whole list on first use). Runs on the analysis thread in small jobs, so lints interleave."""
    from stlint.lsp.convert import path_of

    def start() -> None:  # on the analysis thread: the catalog is loaded there, not on the loop
        cat = catalog_for(ls, path_of(uri))
        if cat is None or cat.version in _WARMED:
            return
        _WARMED.add(cat.version)
        ls.worker.submit(cat.plugin_description, "source", "")  # reads the descriptions file
        ls.worker.submit(_warm_converter, ls)
        todo = [(k, n) for k in PLUGIN_KINDS for n in cat.names(k)]

        def step(i: int) -> None:
            for kind, name in todo[i:i + WARM_BATCH]:
                spec = cat.find(kind, name)
                if spec is not None:
                    needs(spec)
            if i + WARM_BATCH < len(todo):
                ls.worker.submit(step, i + WARM_BATCH)

        ls.worker.submit(step, 0)

    ls.worker.submit(start)


def _warm_converter(ls) -> None:
    """cattrs writes its unstructure code for a type on first use: do it for a completion list."""
    conv = getattr(ls.protocol, "_converter", None)
    if conv is None:
        return
    try:
        r = T.Range(T.Position(0, 0), T.Position(0, 0))
        conv.unstructure(T.CompletionList(is_incomplete=False, items=[T.CompletionItem(
            label="x", kind=T.CompletionItemKind.Property, documentation=T.MarkupContent(T.MarkupKind.Markdown, "x"),
            text_edit=T.TextEdit(r, "x"), insert_text_format=T.InsertTextFormat.Snippet,
            insert_text_mode=T.InsertTextMode.AdjustIndentation, data={"x": 1})]))
    except Exception:  # a warm-up only
        pass


def resolve_item(item: T.CompletionItem) -> T.CompletionItem:
    """The item's documentation when the list left it out (`_LAZY`), plus what needs every shipped
    catalog (the release an option appeared in) for an option: computed only for the item the
    user looks at, not for the whole list."""
    d = item.data
    if not isinstance(d, dict):
        return item
    if item.documentation is None and d.get("gen") == _LAZY["gen"] and isinstance(d.get("doc"), int) \
            and 0 <= d["doc"] < len(_LAZY["docs"]):
        text = _LAZY["docs"][d["doc"]]
        text = text() if callable(text) else text
        if text:
            item.documentation = T.MarkupContent(_LAZY["fmt"], text)
    if d.get("stlint") != "option" or item.documentation is None:
        return item
    from stlint.lsp.releases import option_versions, since_text

    have, lack = option_versions(str(d.get("kind")), str(d.get("name")), str(d.get("key")))
    since = since_text(have, lack) if lack else None
    if since:
        doc = item.documentation
        if isinstance(doc, T.MarkupContent):
            item.documentation = T.MarkupContent(doc.kind, doc.value + "\n\n" + since)
        else:
            item.documentation = str(doc) + "\n\n" + since
    return item


def complete(ls, src, off: int, snippets: bool, uri: str | None = None) -> list[T.CompletionItem]:
    from stlint.lsp.convert import rng

    text = src.text
    ctx = scan(text, off)
    if ctx.where == "comment":
        return []
    edit_range = rng(src, ctx.prefix_start, off)
    quoted_key = ctx.where == "key" and ctx.in_string and ctx.prefix_start > 0
    if quoted_key:
        # a key typed inside quotes: replace the whole quoted word (and its closing quote)
        m = re.match(r'[^"\n]*"', text[off:])
        edit_range = rng(src, ctx.prefix_start - 1, off + (m.end() if m else 0))
    cat = catalog_for(ls, src.path)
    fmt = T.MarkupKind.Markdown if markdown_ok(ls, "completion") else T.MarkupKind.PlainText
    lazy = lazy_docs_ok(ls)
    if lazy:
        _LAZY["gen"] += 1
        _LAZY["docs"] = []
        _LAZY["fmt"] = fmt
    docs = _LAZY["docs"]
    gen = _LAZY["gen"]

    def item(label, kind, new_text, detail=None, doc=None, sort="5", snippet=False, filter_text=None, data=None):
        """``doc``: the documentation text, or a function making it (called only when shown)."""
        if quoted_key and filter_text is None:
            filter_text = '"' + label
        documentation = None
        if doc and lazy:
            data = dict(data or (), doc=len(docs), gen=gen)
            docs.append(doc)
        elif doc:
            text = doc() if callable(doc) else doc
            documentation = T.MarkupContent(fmt, text) if text else None
        return T.CompletionItem(
            label=label, kind=kind, detail=detail, data=data,
            documentation=documentation,
            sort_text=f"{sort}_{label}", filter_text=filter_text,
            text_edit=T.TextEdit(edit_range, new_text),
            insert_text_format=T.InsertTextFormat.Snippet if snippet else T.InsertTextFormat.PlainText,
            insert_text_mode=T.InsertTextMode.AdjustIndentation if "\n" in new_text else None)

    if ctx.var_start >= 0:
        return _vars(ls, src, ctx, off, item)
    from stlint.lsp.fields import field_items  # field names of the incoming row, Sql query (issue 14)

    fields = field_items(ls, src, off, ctx, edit_range, fmt, uri=uri, catalog=cat)
    if fields is not None:
        return fields

    objs = [f for f in ctx.frames if f.char == "{"]
    path = [f.key for f in objs]
    in_array = bool(ctx.frames) and ctx.frames[-1].char == "["

    if ctx.where == "key" and not in_array:
        if not path:
            present = block_members(text, -1)
            out = []
            for s in SECTION_NAMES:
                if s in present and s != ctx.prefix:
                    continue
                body = f"{s} {{\n  $0\n}}" if snippets else f"{s} {{\n}}"
                out.append(item(s, T.CompletionItemKind.Module, body, detail="section",
                                sort=str(SECTION_NAMES.index(s)), snippet=snippets))
            return out
        if cat is None:
            return []
        if path == ["env"]:
            present = block_members(text, objs[-1].open)
            return [item(k, T.CompletionItemKind.Property, _key_insert(k, o, snippets), detail=option_detail(o),
                         doc=_doc_of(o, None), sort="3", snippet=snippets,
                         data={"stlint": "option", "kind": "env", "name": "env", "key": k}) if o.kind != "prefix" else
                    item(k, T.CompletionItemKind.Module, k, detail="key family", doc=_doc_of(o, None), sort="4")
                    for k, o in cat.env.options.items() if k not in present or k == ctx.prefix]
        if len(path) == 1 and path[0] in PLUGIN_KINDS:
            return [_plugin_item(cat, path[0], n, snippets, item) for n in cat.names(path[0])]
        if len(path) >= 2 and path[0] in PLUGIN_KINDS:
            got = _nested_items(cat, text, path, ctx, item, snippets)
            if got is not None:
                return got
            return _option_items(cat, text, path, objs, ctx, item, snippets)
        return []

    # value position
    if ctx.where == "value" and cat is not None:
        return _values(cat, text, path, objs, ctx, item)
    return []


def _nested_items(cat, text, path, ctx: Ctx, item, snippets: bool):
    """Keys inside `schema { }` and inside a client-settings map (`kafka.config`): stlint.lsp.nested;
    None when the cursor is in neither."""
    if len(path) < 3 or len(ctx.frames) < 3:
        return None
    from stlint.lsp import nested

    pspec = cat.find(path[0], path[1])
    got = nested.schema_key_items(cat, pspec, text, ctx, item, snippets)
    if got is not None:
        return got
    name = pspec.name if pspec is not None else path[1]
    return nested.client_key_items(path[0], name, nested.container_path(ctx.frames[2:]), text, ctx, item, snippets)


def _plugin_item(cat, kind: str, name: str, snippets: bool, item) -> T.CompletionItem:
    spec = cat.find(kind, name)
    body = plugin_snippet(spec, name, snippets)
    return item(name, T.CompletionItemKind.Class, body, detail=f"{kind} plugin",
                doc=lambda: _plugin_item_doc(cat, kind, name, spec), snippet=snippets)


def _plugin_item_doc(cat, kind: str, name: str, spec) -> str:
    doc = f"**{name}** ({kind})"
    what = cat.plugin_description(kind, name)  # its docs page's Description (catalog descriptions file)
    if what:
        doc += "\n\n" + what
    words = needs_words(spec) if spec is not None else []
    if words:
        doc += "\n\nneeds " + "; ".join(words)
    if spec is not None and spec.docs_url:
        doc += f"\n\n[Documentation]({spec.docs_url})"
    return doc


def _doc_of(o, words: str | None, url: str | None = None):
    """A function making the documentation of option ``o`` (for ``item``'s lazy ``doc``)."""
    return lambda: _option_doc(o, words, url)


def _key_insert(key: str, o, snippets: bool) -> str:
    """``key = `` and, for snippet clients, a typed value placeholder."""
    if not snippets:
        return f"{key_text(key)} = "
    return f"{key_text(key)} = {value_snippet(o, 1)}$0"


def _option_doc(o, words: str | None, url: str | None = None) -> str:
    parts = [f"`{o.key}`: {option_detail(o)}"]
    if o.description:
        parts.append(o.description)
    if words:
        parts.append(words)
    if o.enum_values:
        parts.append("values: " + ", ".join(f"`{v}`" for v in o.enum_values))
    if o.fallback_keys:
        parts.append("also read from (deprecated): " + ", ".join(f"`{k}`" for k in o.fallback_keys))
    if url:
        parts.append(f"[Documentation]({url})")
    return "\n\n".join(parts)


def _option_items(cat, text, path, objs, ctx: Ctx, item, snippets: bool = False) -> list[T.CompletionItem]:
    kind, name = path[0], path[1]
    pspec = cat.find(kind, name)
    common = cat.common_keys(kind)
    keys: dict[str, object] = {}
    if pspec is not None:
        for k in pspec.all_keys():
            keys[k] = pspec.option(k)
    else:
        keys.update(common)
    nested = ".".join(path[2:])
    plugin_block = objs[1].open
    entry = _table_entry(pspec, ctx)
    entry_only: set[str] = set()  # entry keys that are no options of the plugin
    if entry is not None:
        # an entry of `tables_configs` / `table_list`: the keys SeaTunnel reads from an entry
        # (catalog `tables`: the listed keys, or the whole plugin's options)
        t, entry_frame, rest = entry
        names = list(t.keys) if t.keys is not None else [k for k in pspec.all_keys() if not any(
            k == b or k.startswith(b + ".") for b in t.block_only)]
        keys = {k: pspec.option(k) for k in names if pspec.option(k) is not None and k not in INPUT_KEYS
                and k not in ("plugin_output", "result_table_name") and k not in {x.option for x in pspec.tables}}
        if t.keys is not None:  # keys of an entry class that are no plugin options (Iceberg's `startSnapshotId`)
            from stlint.catalog.model import OptionSpec

            lo = pspec.option(t.option)
            types = lo.element_key_types if lo is not None else {}
            for k in t.keys:
                if k not in keys and pspec.option(k) is None and k not in ("plugin_output", "result_table_name"):
                    keys[k] = OptionSpec({"key": k, "type": types.get(k, "object"),
                                          "description": f"read from each `{t.option}` entry"}, source="read")
                    entry_only.add(k)
        nested = ".".join(rest)
        plugin_block = entry_frame.open
    pfx = nested + "." if nested else ""
    values = block_members(text, plugin_block)
    here = block_members(text, objs[-1].open) if nested else values
    out = []
    for k, o in keys.items():
        if not k.startswith(pfx):
            continue
        local = k[len(pfx):]
        if local in here and local != ctx.prefix:
            continue
        if any(fk in values for fk in getattr(o, "fallback_keys", ())):
            continue
        rank, words = ("3", "optional") if k in entry_only else requirement(pspec, k, values)
        if rank == "3" and k in common:
            rank = "4"
        detail = option_detail(o) + ("" if words == "optional" else " · " + ("required" if rank == "0" else "conditional"))
        out.append(item(local, T.CompletionItemKind.Property, _key_insert(local, o, snippets), detail=detail,
                        doc=_doc_of(o, words, pspec.docs_url if pspec is not None else None), sort=rank,
                        snippet=snippets, data={"stlint": "entry" if k in entry_only else "option", "kind": kind,
                                                "name": name, "key": k}))
    return out


def _table_entry(pspec, ctx: Ctx):
    """(TableList, entry frame, keys of the objects inside it) when the cursor is in an entry of a
    multi-table list option of the plugin, else None."""
    if pspec is None or not pspec.tables:
        return None
    fr = ctx.frames
    opts = {t.option: t for t in pspec.tables}
    if len(fr) >= 4 and fr[2].char == "[" and fr[2].key in opts and fr[3].char == "{":
        return opts[fr[2].key], fr[3], [f.key for f in fr[4:] if f.char == "{"]
    return None


def _type_items(cat, ctx: Ctx, item) -> list[T.CompletionItem]:
    from stlint.catalog.model import release_key

    v = release_key(cat.version) or (99,)
    out = []
    for i, (label, insert, since, doc) in enumerate(SEATUNNEL_TYPES):
        if since is not None and v < release_key(since):
            continue
        text = insert if ctx.in_string else json.dumps(insert)
        out.append(item(label, T.CompletionItemKind.TypeParameter, text, detail="SeaTunnel type", doc=doc,
                        sort=f"{i:02d}", filter_text=label))
    return out


def _values(cat, text, path, objs, ctx: Ctx, item) -> list[T.CompletionItem]:
    key = ctx.key
    if len(path) >= 3 and path[0] in PLUGIN_KINDS and ".".join(path[2:]).endswith("schema.fields"):
        return _type_items(cat, ctx, item)
    sv = None
    if len(path) >= 3 and path[0] in PLUGIN_KINDS:
        from stlint.lsp.nested import schema_value_spec

        sv = schema_value_spec(cat, cat.find(path[0], path[1]), ctx)  # a key SeaTunnel's schema parser reads
        if sv is not None and sv[3].get("value") == "seatunnel-type":
            return _type_items(cat, ctx, item)
    if sv is not None:
        o = sv[2]
    elif len(path) >= 2 and path[0] in PLUGIN_KINDS:
        nested = ".".join(path[2:])
        full = f"{nested}.{key}" if nested else key
        if full in INPUT_KEYS:
            return _input_items(text, objs, ctx, item)
        pspec = cat.find(path[0], path[1])
        o = pspec.option(full) if pspec is not None else cat.common_keys(path[0]).get(full)
    elif path == ["env"]:
        o = cat.env.option(key)
    else:
        return []
    if o is None:
        return []
    vals = list(o.enum_values or [])
    if not vals and o.type == "boolean":
        vals = ["true", "false"]
    out = []
    for v in vals:
        is_default = o.has_default and fmt_value(o.default).strip('"') == v
        out.append(item(v, T.CompletionItemKind.EnumMember, v, detail="default" if is_default else o.key,
                        sort="0" if is_default else "1"))
    return out


def _input_items(text: str, objs, ctx: Ctx, item) -> list[T.CompletionItem]:
    """Outputs a plugin_input may name: not the block's own output (a self-loop), not a name the
    list already holds; outputs nobody reads yet first."""
    block = block_members(text, objs[1].open) if len(objs) >= 2 else {}
    own = set()
    for k in ("plugin_output", "result_table_name"):
        if k in block:
            own.update(names_in(block[k]))
    here = set()
    for k in INPUT_KEYS:
        v = block.get(k)
        if v is not None and v != "[":
            here.update(names_in(v))
    # a list: block_members keeps only "[" for it; read the list text itself
    lst = next((f for f in reversed(ctx.frames) if f.char == "[" and f.key in INPUT_KEYS), None)
    if lst is not None:
        close = text.find("]", lst.open)
        nl = text.find("}", lst.open)
        end = min(x for x in (close, nl, len(text)) if x >= 0)
        here.update(names_in(text[lst.open + 1:ctx.prefix_start] + " " + text[ctx.prefix_start + len(ctx.prefix):end]))
    here.discard(ctx.prefix.strip('"'))
    read = inputs_in(text)
    out = []
    for n in outputs_in(text):
        if n in own or n in here:
            continue
        ins = n if ctx.in_string else json.dumps(n)
        unread = n not in read
        out.append(item(n, T.CompletionItemKind.Reference, ins,
                        detail="output nobody reads yet" if unread else "output of another plugin",
                        filter_text=ins, sort="0" if unread else "1"))
    return out


def _vars(ls, src, ctx: Ctx, off: int, item) -> list[T.CompletionItem]:
    text = src.text
    close = "" if text.startswith("}", off) else "}"
    names: dict[str, str] = {}
    for m in VAR_RE.finditer(text):
        names.setdefault(m.group(1), "used in this file")
    try:
        for k in ls.settings_for(src.path).vars:
            names.setdefault(k, "from settings")
    except Exception:
        pass
    out = [item(n, T.CompletionItemKind.Variable, n + close, detail=d, sort="0") for n, d in names.items()]
    frames = [f.key for f in ctx.frames if f.char == "{"]
    if ctx.in_string and frames and frames[0] == "sink":
        out += [item(n, T.CompletionItemKind.Constant, n + close, detail="table placeholder", sort="1")
                for n in TABLE_PLACEHOLDERS if n not in names]
    return out
