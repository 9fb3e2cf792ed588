"""Field-name completion (issue 14): the incoming row's fields where an option names them, and
inside a Sql transform's query.

* In the options whose values name fields of the row a plugin reads (the transform options
  ``stlint.rowtypes`` follows: Replace ``replace_field``, Split ``split_field``, Copy ``src_field``
  and ``fields`` values, Filter ``include_fields``/``exclude_fields``/``fields``, FieldMapper
  ``field_mapper`` keys, JsonPath ``columns[].src_field``; the sink options of the catalog's
  ``field_refs``: ``primary_keys``, partition fields ...) completion offers the incoming row's
  field names with their types.
* Inside a Sql transform's ``query`` string: after ``SELECT``, ``,``, ``WHERE``, operators ... the
  input table's fields; after ``FROM``/``JOIN`` the input table's name.

Completion is a text-only request answered on the event loop, so it never lints: the rows come
from the last lint result the server holds for the document (``ls.results``, possibly for a
slightly older text), the plugin is found in it by its input table as written now, else by kind,
name and position. The row flow of a result is computed once (``rowtypes.row_flow``, the same facts
the rules use) and kept while the result lives.
"""

from __future__ import annotations

import json
import re
import weakref
from typing import Any

from lsprotocol import types as T

from stlint.lsp.context import Ctx, block_members

_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SQL_TOKEN = re.compile(r"[A-Za-z_][\w$]*|`[^`]*`|\"[^\"]*\"|'[^']*'|[0-9.]+|[(),*=<>!+\-/%.;]")
# tokens after which a SQL expression (a column) may start
_SQL_COLUMN_AFTER = {"SELECT", ",", "WHERE", "AND", "OR", "ON", "BY", "(", "=", "<", ">", "!", "NOT", "HAVING",
                     "DISTINCT", "+", "-", "*", "/", "%", "CASE", "WHEN", "THEN", "ELSE", "IN", "LIKE", "IS",
                     "BETWEEN", "."}
_SQL_TABLE_AFTER = {"FROM", "JOIN"}
_SQL_WORD_MAX = 512

# id(result) -> (weak reference to the result, facts): the row flow of a lint result, computed once
_FACTS: dict[int, tuple[Any, "_Facts"]] = {}
_FACTS_MAX = 16


class _Facts:
    def __init__(self, flow, rows: dict, job):
        self.flow = flow
        self.rows = rows  # table name -> row (known rows only)
        self.job = job


def _facts(ls, res) -> _Facts | None:
    key = id(res)
    got = _FACTS.get(key)
    if got is not None and got[0]() is res:
        return got[1]
    for k in [k for k, (r, _) in _FACTS.items() if r() is None]:
        del _FACTS[k]
    while len(_FACTS) >= _FACTS_MAX:  # open documents each hold one result: keep the newest few
        del _FACTS[next(iter(_FACTS))]
    from stlint.checks import Context
    from stlint.rowtypes import row_flow, table_rows

    if getattr(res, "job", None) is None or not getattr(res, "is_job", True):
        return None
    try:
        ctx = Context(res.doc, res.job, ls.settings_for(res.path))
        facts = _Facts(row_flow(ctx), table_rows(ctx), res.job)
    except Exception:  # a result the row flow cannot take: no field completion
        return None
    try:
        _FACTS[key] = (weakref.ref(res), facts)
    except TypeError:
        pass
    return facts


def _last_result(ls, uri: str | None, path: str | None):
    results = getattr(ls, "results", {})
    if uri is not None and uri in results:
        return results[uri].result
    if path is not None:
        for c in list(results.values()):
            if c.result.path == path:
                return c.result
    return None


def _names(value: str) -> list[str]:
    from stlint.lsp.completion import names_in

    return names_in(value)


def _row_and_table(ls, uri, src, objs, kind: str, name: str):
    """(row, input table name) of the plugin block the cursor is in, from the last lint result."""
    res = _last_result(ls, uri, src.path)
    if res is None:
        return None, None
    facts = _facts(ls, res)
    if facts is None:
        return None, None
    block = block_members(src.text, objs[1].open)
    written = None
    for k in ("plugin_input", "source_table_name"):
        v = block.get(k)
        if v is not None and v != "[":
            ns = _names(v)
            if len(ns) == 1:
                written = ns[0]
            break
    if written is not None and written in facts.rows:
        return facts.rows[written], written
    # the same plugin in the linted text: kind, name, the nearest position
    best = None
    for p in facts.job.of_kind(kind):
        if (p.name or "").lower() != name.lower():
            continue
        d = abs(getattr(p, "start", 0) - objs[1].open)
        if best is None or d < best[0]:
            best = (d, p)
    if best is None:
        return None, written
    p = best[1]
    return facts.flow.incoming.get(id(p)), written or facts.flow.table_of.get(id(p))


def field_items(ls, src, off: int, ctx: Ctx, edit_range: T.Range, fmt: str, uri: str | None = None,
                catalog=None) -> list[T.CompletionItem] | None:
    """Completion items for a field name at the cursor, or None when the cursor is not where a
    field of the incoming row is named (the caller then completes as usual)."""
    from stlint.rowtypes import field_option

    objs = [f for f in ctx.frames if f.char == "{"]
    if len(objs) < 2 or objs[0].key not in ("transform", "sink") or ctx.frames[0] is not objs[0]:
        return None
    kind, name = objs[0].key, objs[1].key
    below = ctx.frames[ctx.frames.index(objs[1]) + 1:]
    path = [("[" + f.key) if f.char == "[" else f.key for f in below]
    if kind == "transform" and name.lower() == "sql" and ctx.where == "value" and ctx.key == "query" \
            and ctx.in_string and not path:
        return _sql_items(ls, uri, src, off, ctx, objs, name, fmt)
    if ctx.where == "value":
        obj_path = path[:-1] if path and path[-1].startswith("[") else path
        how = field_option(kind, name, obj_path, ctx.key, catalog)
        if how == "key":
            return None  # the value of a key that names a field (FieldMapper's new name)
    elif ctx.where == "key":
        how = field_option(kind, name, path, "", catalog)
        if how != "key":
            return None
    else:
        return None
    if how is None:
        return None
    row, table = _row_and_table(ls, uri, src, objs, kind, name)
    if row is None:
        return None
    taken: set[str] = set()
    if how == "list" and path and path[-1].startswith("["):
        lst = below[-1]
        end = src.text.find("]", lst.open)
        end = len(src.text) if end < 0 else end
        taken = set(_names(src.text[lst.open + 1:ctx.prefix_start] + " " +
                           src.text[ctx.prefix_start + len(ctx.prefix):end]))
    elif how == "key":
        taken = set(block_members(src.text, below[-1].open)) - {ctx.prefix}
    # a key typed inside quotes: the caller's range covers the quotes, so the text brings its own
    quoted_key = how == "key" and ctx.in_string
    out = []
    for i, (n, t) in enumerate(row.items()):
        if n in taken:
            continue
        if quoted_key:
            text, filt = json.dumps(n, ensure_ascii=False), '"' + n
        elif ctx.in_string:
            text = filt = n
        else:
            text = filt = n if _BARE.fullmatch(n) else json.dumps(n, ensure_ascii=False)
        doc = f"field of the incoming row{f' (table `{table}`)' if table else ''}"
        out.append(T.CompletionItem(
            label=n, kind=T.CompletionItemKind.Field, detail=t or "?", sort_text=f"0_{i:04d}",
            documentation=T.MarkupContent(fmt, doc), filter_text=filt,
            text_edit=T.TextEdit(edit_range, text)))
    return out


def _sql_items(ls, uri, src, off: int, ctx: Ctx, objs, name: str, fmt: str) -> list[T.CompletionItem] | None:
    from stlint.lsp.convert import rng

    content = src.text[ctx.prefix_start:off]
    # the word being typed: searched in the last characters only (a search over a long run of word
    # characters from every start would be quadratic)
    m = re.search(r"[A-Za-z_][\w$]*$|`[^`]*$", content[-_SQL_WORD_MAX:])
    word = m.group() if m else ""
    before = content[:len(content) - len(word)]
    if before.count("'") % 2 == 1:
        return []  # inside a SQL string literal
    toks = _SQL_TOKEN.findall(before[-4000:])
    prev = toks[-1].upper() if toks else ""
    if prev in _SQL_TABLE_AFTER:
        what = "table"
    elif prev in _SQL_COLUMN_AFTER:
        what = "field"
    else:
        return []
    row, table = _row_and_table(ls, uri, src, objs, "transform", name)
    r = rng(src, off - len(word), off)
    out = []
    if what == "table":
        if table:
            out.append(T.CompletionItem(
                label=table, kind=T.CompletionItemKind.Reference, detail="the transform's input table",
                sort_text="0", text_edit=T.TextEdit(r, table if _BARE.fullmatch(table) else f"`{table}`")))
        return out
    if row is None:
        return []
    for i, (n, t) in enumerate(row.items()):
        text = n if _BARE.fullmatch(n) else f"`{n}`"
        out.append(T.CompletionItem(
            label=n, kind=T.CompletionItemKind.Field, detail=t or "?", sort_text=f"0_{i:04d}",
            documentation=T.MarkupContent(fmt, f"field of the input table{f' `{table}`' if table else ''}"),
            filter_text=text, text_edit=T.TextEdit(r, text)))
    return out
