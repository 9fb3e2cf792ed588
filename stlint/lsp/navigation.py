"""Navigation over the job model: plugin_input -> plugin_output definition, references,
highlights and rename of an output name (the Sql transform's `FROM`/`JOIN` tables included),
document symbols (sections -> plugins -> options), folding ranges, document links (include
paths, the plugins' docs pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types as T

from stlint.hocon import SECTIONS, HList, HScalar
from stlint.lsp.context import TOKEN, _skip_string

OUTPUT_KEYS = ("plugin_output", "result_table_name")
INPUT_KEYS = ("plugin_input", "source_table_name")
SAFE_UNQUOTED = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


SQL_TABLE = re.compile(r"(?i)\b(?:from|join)\s+(`[^`\n]+`|[A-Za-z_][A-Za-z0-9_]*)")
SQL_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Occ:
    name: str
    start: int
    end: int
    is_def: bool
    quoted: bool
    sql: bool = False  # a table name in a Sql transform's query (backticks when not an identifier)


def sql_tables(query: str) -> list[tuple[str, int, int]]:
    """The table names a SQL query reads (after FROM and JOIN): (name, start, end) in ``query``,
    backticks excluded from the range. A simple scan, not a SQL parser: the one place to replace
    when a real one exists."""
    out = []
    for m in SQL_TABLE.finditer(query):
        s, e = m.start(1), m.end(1)
        if query[s] == "`":
            s, e = s + 1, e - 1
        out.append((query[s:e], s, e))
    return out


def _sql_occs(src, p) -> list[Occ]:
    if p.kind != "transform" or p.name.lower() != "sql":
        return []
    o = p.top.get("query")
    v = o.value if o is not None else None
    if not isinstance(v, HScalar) or getattr(v, "src", src) is not src:
        return []
    text = src.text
    s, e = v.start, v.end
    if text.startswith('"""', s) and e - s >= 6:
        s, e = s + 3, e - 3
    elif s < e and text[s] == '"':
        s, e = s + 1, e - 1
    # offsets are taken on the raw text between the quotes: a name with an escape in it is skipped
    return [Occ(name, s + a, s + b, False, True, sql=True) for name, a, b in sql_tables(text[s:e])
            if "\\" not in name]


def _name_ranges(src, v) -> list[tuple[str, int, int, bool]]:
    text = src.text
    if getattr(v, "src", src) is not src:
        return []
    out = []
    if isinstance(v, HList):
        for it in v.items:
            if not isinstance(it, HScalar) or getattr(it, "src", src) is not src:
                continue
            s, e = it.start, it.end
            q = s < len(text) and text[s] == '"'
            if q:
                s, e = s + 1, e - 1
            out.append((text[s:e], s, e, q))
    elif isinstance(v, HScalar):
        s, e = v.start, v.end
        q = s < len(text) and text[s] == '"'
        if q:
            s, e = s + 1, e - 1
        for m in re.finditer(r"[^,\s]+", text[s:e]):
            out.append((m.group(), s + m.start(), s + m.end(), q))
    return out


def occurrences(res) -> list[Occ]:
    src = res.source
    out: list[Occ] = []
    for p in res.job.plugins:
        for keys, is_def in ((OUTPUT_KEYS, True), (INPUT_KEYS, False)):
            for k in keys:
                o = p.top.get(k)
                if o is None:
                    continue
                for name, s, e, q in _name_ranges(src, o.value):
                    if name:
                        out.append(Occ(name, s, e, is_def, q))
        out.extend(_sql_occs(src, p))
    return out


def at(occs: list[Occ], off: int) -> Occ | None:
    for o in occs:
        if o.start <= off <= o.end:
            return o
    return None


def register(server) -> None:
    from stlint.lsp.handlers import guarded
    from stlint.lsp.convert import offset_at, rng

    def prep(ls, params):
        got = ls.lint(params.text_document.uri)
        if got is None:
            return None, None, None
        res = got[0]
        occs = occurrences(res)
        return res, occs, at(occs, offset_at(res.source, params.position))

    @server.feature(T.TEXT_DOCUMENT_DEFINITION)
    @guarded(list)
    def definition(ls, params: T.DefinitionParams):
        res, occs, o = prep(ls, params)
        if o is None:
            return []
        uri = params.text_document.uri
        return [T.Location(uri, rng(res.source, d.start, d.end)) for d in occs if d.is_def and d.name == o.name]

    @server.feature(T.TEXT_DOCUMENT_REFERENCES)
    @guarded(list)
    def references(ls, params: T.ReferenceParams):
        res, occs, o = prep(ls, params)
        if o is None:
            return []
        incl = params.context.include_declaration if params.context else True
        uri = params.text_document.uri
        return [T.Location(uri, rng(res.source, r.start, r.end)) for r in occs
                if r.name == o.name and (incl or not r.is_def)]

    @server.feature(T.TEXT_DOCUMENT_PREPARE_RENAME)
    @guarded(lambda: None)
    def prepare_rename(ls, params: T.PrepareRenameParams):
        res, occs, o = prep(ls, params)
        if o is None:
            return None
        return T.PrepareRenamePlaceholder(range=rng(res.source, o.start, o.end), placeholder=o.name)

    @server.feature(T.TEXT_DOCUMENT_RENAME, T.RenameOptions(prepare_provider=True))
    @guarded(lambda: None)
    def rename(ls, params: T.RenameParams):
        res, occs, o = prep(ls, params)
        new = params.new_name
        if o is None or not new or any(c in new for c in '",\n\r\\'):
            return None
        edits = []
        for r in occs:
            if r.name != o.name:
                continue
            if r.sql:
                t = new if SQL_IDENT.match(new) or res.source.text[r.start - 1:r.start] == "`" else f"`{new}`"
            else:
                t = new if r.quoted or SAFE_UNQUOTED.match(new) else f'"{new}"'
            edits.append(T.TextEdit(rng(res.source, r.start, r.end), t))
        return T.WorkspaceEdit(changes={params.text_document.uri: edits})

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    @guarded(list)
    def document_highlight(ls, params: T.DocumentHighlightParams):
        res, occs, o = prep(ls, params)
        if o is None:
            return []
        return [T.DocumentHighlight(rng(res.source, r.start, r.end),
                                    T.DocumentHighlightKind.Write if r.is_def else T.DocumentHighlightKind.Read)
                for r in occs if r.name == o.name]

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_LINK)
    @guarded(list)
    def document_link(ls, params: T.DocumentLinkParams):
        got = ls.lint(params.text_document.uri)
        if got is None:
            return []
        return links(got[0])

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded(list)
    def document_symbol(ls, params: T.DocumentSymbolParams):
        got = ls.lint(params.text_document.uri)
        if got is None:
            return []
        return symbols(got[0])

    @server.feature(T.TEXT_DOCUMENT_FOLDING_RANGE)
    @guarded(list)
    def folding_range(ls, params: T.FoldingRangeParams):
        got = ls.source_of(params.text_document.uri)
        if got is None:
            return []
        return folds(got[0])


def _sym(src, name, kind, start, end, sel_start, sel_end, detail=None, children=None):
    from stlint.lsp.convert import rng

    start, end = min(start, sel_start), max(end, sel_end)
    return T.DocumentSymbol(name=name or "?", kind=kind, range=rng(src, start, end),
                            selection_range=rng(src, sel_start, sel_end), detail=detail, children=children)


def _opt_syms(src, opts) -> list[T.DocumentSymbol]:
    out = []
    for k, o in opts.items():
        v = o.value
        if getattr(v, "src", src) is not src or o.key_end > len(src.text):
            continue
        end = v.end if v.end >= o.key_start else o.key_end
        out.append(_sym(src, k, T.SymbolKind.Property, o.key_start, end, o.key_start, o.key_end))
    return out


def symbols(res) -> list[T.DocumentSymbol]:
    src = res.source
    job = res.job
    out = []
    for name, sec in job.sections.items():
        if sec.key_end > len(src.text) or sec.end > len(src.text):
            continue
        children: list[T.DocumentSymbol] = []
        if name == "env":
            children = _opt_syms(src, job.env)
        elif name in SECTIONS:
            for p in job.of_kind(name):
                if p.name_end <= p.name_start and p.end <= p.start:
                    continue
                children.append(_sym(src, p.block_name or p.name, T.SymbolKind.Class, p.name_start, p.end,
                                     p.name_start, p.name_end, detail=f"{p.kind} plugin",
                                     children=_opt_syms(src, p.top)))
        out.append(_sym(src, name, T.SymbolKind.Module, sec.key_start, sec.end, sec.key_start, sec.key_end,
                        children=children))
    return out


def folds(src) -> list[T.FoldingRange]:
    text = src.text
    out: list[T.FoldingRange] = []
    stack: list[int] = []
    i = 0
    n = len(text)
    while True:
        m = TOKEN.search(text, i)
        if m is None:
            break
        t = m.group()
        p = m.start()
        if t == '"""':
            c = text.find('"""', m.end())
            i = n if c < 0 else c + 3
            continue
        if t == '"':
            i, _ = _skip_string(text, m.end(), n)
            continue
        if t == "${":
            c = text.find("}", m.end())
            i = n if c < 0 else c + 1
            continue
        if t in ("#", "//"):
            c = text.find("\n", p)
            i = n if c < 0 else c
            continue
        if t in "{[":
            stack.append(p)
        elif t in "}]" and stack:
            a = src.lsp_pos(stack.pop())[0]
            b = src.lsp_pos(p)[0]
            if b - 1 > a:
                out.append(T.FoldingRange(start_line=a, end_line=b - 1, kind=T.FoldingRangeKind.Region))
        i = m.end()
    # runs of two or more comment lines
    run = -1
    lines = text.split("\n")
    for ln, line in enumerate(lines + [""]):
        s = line.lstrip()
        if s.startswith("#") or s.startswith("//"):
            if run < 0:
                run = ln
        else:
            if run >= 0 and ln - 1 > run:
                out.append(T.FoldingRange(start_line=run, end_line=ln - 1, kind=T.FoldingRangeKind.Comment))
            run = -1
    out.sort(key=lambda f: (f.start_line, f.end_line))
    return out


def links(res) -> list[T.DocumentLink]:
    """Links for the include paths stlint resolved and for each plugin name (its docs page in the
    catalog of the version the file was checked against)."""
    from pathlib import Path

    from stlint.lsp.convert import rng

    src = res.source
    out: list[T.DocumentLink] = []
    for rec in getattr(res.doc, "includes", ()):
        if rec.src is not src or not rec.resolved or rec.node.target_end <= rec.node.target_start:
            continue
        n = rec.node
        s, e = n.target_start, n.target_end
        if src.text[s:s + 1] == '"' and e - s >= 2:
            s, e = s + 1, e - 1
        out.append(T.DocumentLink(rng(src, s, e), target=Path(rec.resolved).as_uri()))
    try:
        from stlint.catalog import load_catalog

        cat = load_catalog(getattr(res, "version", None))
    except Exception:
        return out
    for p in res.job.plugins:
        spec = cat.find(p.kind, p.name)
        url = getattr(spec, "docs_url", None) if spec is not None else None
        if url and p.name_end > p.name_start:
            out.append(T.DocumentLink(rng(src, p.name_start, p.name_end), target=url))
    return out
