"""Code actions: each diagnostic's fix (from the engine), one "replace with" per did-you-mean
candidate the rule found (``Diagnostic.suggestions``), fix-all-safe (``stlint.fixes.fix_source``)
and "disable <rule> for this line"."""

from __future__ import annotations

import re

from lsprotocol import types as T

from stlint.fixes import fix_source
from stlint.source import Source

FIX_ALL_KIND = "source.fixAll.stlint"
DISABLE_RE = re.compile(r"^(\s*)(#|//)\s*stlint:\s*disable-next-line\s*=\s*([A-Za-z0-9_,\s-]+?)\s*$")


def register(server) -> None:
    from stlint.lsp.handlers import guarded
    from stlint.lsp.convert import offset_at, rng, to_lsp

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(
        code_action_kinds=[T.CodeActionKind.QuickFix, T.CodeActionKind.SourceFixAll, FIX_ALL_KIND],
        resolve_provider=False))
    @guarded(list)
    def code_action(ls, params: T.CodeActionParams):
        uri = params.text_document.uri
        got = ls.lint(uri)
        if got is None:
            return []
        res, version = got
        src = res.source
        only = params.context.only if params.context else None

        def wanted(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(k + ".") for k in only)

        out: list[T.CodeAction] = []
        a = offset_at(src, params.range.start)
        b = offset_at(src, params.range.end)
        hits = [d for d in res.diagnostics if d.start <= b and a <= d.end]
        if wanted(T.CodeActionKind.QuickFix):
            for d in hits:
                if d.fix is None:
                    continue
                unsafe = d.fix.applicability != "safe"
                edits = [T.TextEdit(rng(src, e.start, e.end), _nl(e.text, src.newline)) for e in d.fix.edits]
                out.append(T.CodeAction(
                    title=f"stlint ({d.name}): {d.fix.message}" + (" (unsafe)" if unsafe else ""),
                    kind=T.CodeActionKind.QuickFix,
                    diagnostics=[to_lsp(uri, src, d, version)],
                    is_preferred=not unsafe,
                    edit=T.WorkspaceEdit(changes={uri: edits})))
            for d in hits:
                # did-you-mean: one action per candidate the rule found (never recomputed here)
                same = {e.text for e in d.fix.edits if (e.start, e.end) == (d.start, d.end)} \
                    if d.fix is not None and len(d.fix.edits) == 1 else set()
                for i, cand in enumerate(d.suggestions):
                    if cand in same:
                        continue  # the rule's own fix already writes it
                    out.append(T.CodeAction(
                        title=f"stlint ({d.name}): replace with {cand}",
                        kind=T.CodeActionKind.QuickFix,
                        diagnostics=[to_lsp(uri, src, d, version)],
                        is_preferred=i == 0 and len(d.suggestions) == 1 and d.fix is None,
                        edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(rng(src, d.start, d.end), cand)]})))
            seen: set[tuple[int, str]] = set()
            for d in hits:
                line, _ = src.lsp_pos(d.start)
                if (line, d.name) in seen:
                    continue
                seen.add((line, d.name))
                edit = disable_edit(src, line, d.name)
                out.append(T.CodeAction(
                    title=f"stlint ({d.name}): disable for this line", kind=T.CodeActionKind.QuickFix,
                    diagnostics=[to_lsp(uri, src, d, version)],
                    edit=T.WorkspaceEdit(changes={uri: [edit]})))
        if wanted(FIX_ALL_KIND) and any(d.fix is not None and d.fix.applicability == "safe"
                                        for d in res.diagnostics):
            edit = fix_all_edit(src, ls.settings_for(src.path))
            if edit is not None:
                out.append(T.CodeAction(title="stlint: fix all safe problems", kind=FIX_ALL_KIND,
                                        edit=T.WorkspaceEdit(changes={uri: [edit]})))
        return out


def _nl(text: str, newline: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n") if newline == "\r\n" else text


def fix_all_edit(src: Source, settings) -> T.TextEdit | None:
    """One edit covering the changed span of ``fix_source``'s result (keeps the cursor steady)."""
    from stlint.lsp.convert import rng

    r = fix_source(src, settings, unsafe=False)
    if not r.changed or r.refused is not None or r.text == src.text:
        return None
    old, new = src.text, r.text
    p = 0
    n = min(len(old), len(new))
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return T.TextEdit(rng(src, p, len(old) - s), new[p:len(new) - s])


def disable_edit(src: Source, line: int, name: str) -> T.TextEdit:
    """``# stlint: disable-next-line=<name>`` above 0-based ``line``, indented like it; an
    existing directive on the line above is extended instead."""
    text = src.line_text(line + 1)
    indent = text[:len(text) - len(text.lstrip(" \t"))]
    if line > 0:
        prev = src.line_text(line)
        m = DISABLE_RE.match(prev)
        if m:
            names = [n.strip() for n in m.group(3).split(",") if n.strip()]
            if name not in names:
                end = len(prev.rstrip())
                return T.TextEdit(T.Range(T.Position(line - 1, _u16(prev[:end])), T.Position(line - 1, _u16(prev[:end]))),
                                  "," + name)
    return T.TextEdit(T.Range(T.Position(line, 0), T.Position(line, 0)),
                      f"{indent}# stlint: disable-next-line={name}{src.newline}")


def _u16(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)
