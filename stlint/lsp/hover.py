"""Hover: option keys, plugin names and ``${VAR}`` placeholders."""

from __future__ import annotations

import re

from lsprotocol import types as T

from stlint.hocon import HObject, render_value
from stlint.lsp.completion import catalog_for, fmt_value, markdown_ok, option_detail, requirement
from stlint.lsp.releases import option_versions, plugin_versions, since_text
from stlint.lsp.snippets import needs_words

VAR_AT = re.compile(r"\$\{(\??)\s*([^:{}]+?)\s*(?::([^}]*))?\}")


def register(server) -> None:
    from stlint.lsp.handlers import guarded
    from stlint.lsp.convert import offset_at

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    @guarded(lambda: None)
    def hover(ls, params: T.HoverParams):
        got = ls.lint(params.text_document.uri)
        if got is None:
            return None
        res = got[0]
        h = hover_at(ls, res, offset_at(res.source, params.position))
        if h is not None:
            # a value or default shown in a hover never shows a secret of the file (stlint.redact)
            kind = T.MarkupKind.Markdown if markdown_ok(ls, "hover") else T.MarkupKind.PlainText
            secrets = getattr(res, "secrets", None)
            value = secrets.scrub(h.contents.value) if secrets is not None else h.contents.value
            h.contents = T.MarkupContent(kind, value)
        return h


def _md(src, text: str, start: int, end: int) -> T.Hover:
    from stlint.lsp.convert import rng

    return T.Hover(contents=T.MarkupContent(T.MarkupKind.Markdown, text), range=rng(src, start, end))


def hover_at(ls, res, off: int) -> T.Hover | None:
    src = res.source
    text = src.text
    # ${VAR}
    line = src.pos(off).line
    base = src.line_start(line)
    for m in VAR_AT.finditer(src.line_text(line)):
        if base + m.start() <= off < base + m.end():
            return _md(src, _var_doc(ls, res, m.group(2), m.group(3)), base + m.start(), base + m.end())
    job = res.job
    from stlint.rowtypes import table_hover  # a table name: its row type where known (stlint.rowtypes)

    t = table_hover(res, ls.settings_for(src.path), off)
    if t is not None:
        return _md(src, *t)
    cat = catalog_for(ls, src.path)
    for p in job.plugins:
        if p.name_start <= off <= p.name_end and p.name_end > p.name_start:
            return _md(src, _plugin_doc(cat, p.kind, p.name), p.name_start, p.name_end)
        if p.start <= off < p.end and cat is not None:
            from stlint.lsp.nested import nested_hover  # a key inside `schema { }` or `kafka.config { }`

            sh = nested_hover(cat, p.kind, p.name, cat.find(p.kind, p.name), text, off)
            if sh is not None:
                return _md(src, *sh)
        for opts in (p.top, p.options):
            for k, o in opts.items():
                if o.key_start <= off <= o.key_end and getattr(o.value, "src", src) is src and o.key_end <= len(text):
                    spec = cat.find(p.kind, p.name) if cat else None
                    return _md(src, _option_doc(cat, spec, p.kind, p.name, k, p), o.key_start, o.key_end)
    for k, o in job.env.items():
        if o.key_start <= off <= o.key_end and getattr(o.value, "src", src) is src:
            spec = cat.env if cat else None
            return _md(src, _option_doc(cat, spec, "env", "env", k, None), o.key_start, o.key_end)
    return None


def _plugin_doc(cat, kind: str, name: str) -> str:
    spec = cat.find(kind, name) if cat else None
    if spec is None:
        return f"**{name}**: unknown {kind} plugin in this SeaTunnel catalog"
    words = needs_words(spec)  # what the rule engine needs of an empty block (defaults never count)
    out = f"**{spec.name}** · {kind} plugin\n\n"
    what = cat.plugin_description(kind, spec.name)  # its docs page's Description (catalog descriptions file)
    if what:
        out += what + "\n\n"
    out += ("needs " + "; ".join(words)) if words else "no required options"
    n = len(spec.rule.conditionals)
    if n:
        out += f" (+ {n} conditional requirement{'s' if n > 1 else ''})"
    since = since_text(*plugin_versions(kind, spec.name))
    if since:
        out += f"\n\n{since}"
    if spec.docs_url:
        out += f"\n\n[Documentation]({spec.docs_url})"
    return out


def _option_doc(cat, spec, kind: str, name: str, key: str, plugin) -> str:
    owner = "env" if kind == "env" else f"{name} ({kind})"
    o = spec.option(key) if spec is not None else None
    if o is None and cat is not None and kind != "env":
        o = cat.common_keys(kind).get(key)
    if o is None and spec is not None:  # a key family (`execution.*`, `flink.*`, `spark.*`)
        o = next((s for k, s in spec.options.items() if s.kind == "prefix" and key.startswith(k)), None)
        if o is not None:
            return f"**`{key}`** · one of the `{o.key}*` keys\n\n{o.description or ''}".rstrip()
    if o is None:
        return f"**`{key}`**: not an option of {owner} in this SeaTunnel catalog"
    parts = [f"**`{key}`** · `{o.describe_type()}`" + (
        f" · default `{'(computed)' if o.default_dynamic else (o.default_text or fmt_value(o.default))}`"
        if o.has_default else "")]
    if o.description:  # the option's withDescription(...) text from SeaTunnel's sources (catalog)
        parts.append(o.description)
    if o.deprecated and o.deprecated_for:
        parts.append(f"deprecated: use `{o.deprecated_for}`")
    if kind != "env":
        values = {k: (str(v.py) if not isinstance(v.py, bool) else ("true" if v.py else "false"))
                  for k, v in plugin.options.items()} if plugin is not None else None
        rank, words = requirement(spec, o.key, values)
        parts.append({"0": "**required**", "3": "optional", "4": f"optional (accepted by every {kind})"}.get(rank, words))
    if o.enum_values:
        parts.append("allowed values: " + ", ".join(f"`{v}`" for v in o.enum_values))
    if o.fallback_keys:
        parts.append("fallback keys (deprecated): " + ", ".join(f"`{k}`" for k in o.fallback_keys))
    have, lack = option_versions(kind, name, key)
    if lack:
        parts.append(since_text(have, lack) or "")
    else:
        parts.append("available in every shipped catalog (" + ", ".join(have) + ")")
    url = spec.docs_url if spec is not None else None
    if url:
        parts.append(f"[Documentation]({url})")
    return "\n\n".join(parts)


def _var_doc(ls, res, name: str, default: str | None) -> str:
    src = res.source
    # a HOCON path defined in this file
    tree = res.doc.tree
    cur = tree
    f = None
    for part in name.split("."):
        if not isinstance(cur, HObject) or part not in cur.fields:
            f = None
            break
        f = cur.fields[part]
        cur = f.value
    head = f"**`${{{name}}}`**"
    if f is not None and getattr(f, "src", src) is src:
        p = src.pos(f.key_start)
        val = render_value(f.value) if not isinstance(f.value, HObject) else "{...}"
        return f"{head}: defined in this file at line {p.line}: `{name} = {val}`"
    try:
        vars_ = ls.settings_for(src.path).vars
    except Exception:
        vars_ = {}
    if name in vars_:
        return f"{head}: set in the stlint settings (`vars`) to `{vars_[name]}`"
    out = f"{head}: not defined in this file; pass it when submitting the job: `-i {name}=value`"
    if default is not None:
        out += f"\n\nwithout it the default `{default}` is used"
    return out
