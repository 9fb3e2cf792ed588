"""LSP ``textDocument/formatting`` and ``rangeFormatting`` on top of :mod:`stlint.formatter`
(the formatter is the only place that decides a layout; this module only maps its result to
whole-line edits). Indentation: ``[tool.stlint.format] indent`` when the config sets it, else the
editor's ``tabSize`` / ``insertSpaces``. A document with syntax errors gets no edits."""

from __future__ import annotations

import difflib
import re

from lsprotocol import types as T

from stlint.files import text_over_limit
from stlint.formatter import FormatOptions, FormatRefused, format_text

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def line_edits(before: str, after: str, first: int = 0, last: int | None = None) -> list[T.TextEdit]:
    """Whole-line edits turning ``before`` into ``after``; with ``first``/``last`` (0-based
    line numbers, inclusive) only the changed line blocks that touch those lines."""
    a = _LINE.findall(before)
    b = _LINE.findall(after)
    edits: list[T.TextEdit] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if last is not None and (i1 > last or max(i2, i1 + 1) <= first):
            continue
        start = T.Position(i1, 0)
        if i2 < len(a) or (a and a[-1].endswith("\n")):
            end = T.Position(i2, 0)
        else:  # the last line has no newline: end at its last character
            end = T.Position(len(a) - 1, _u16(a[-1])) if a else T.Position(0, 0)
        edits.append(T.TextEdit(T.Range(start, end), "".join(b[j1:j2])))
    return edits


def _options(ls, path, fo: T.FormattingOptions) -> FormatOptions:
    indent = None
    try:
        indent = ls.settings_for(path).format_indent
    except Exception:  # a broken config file: the editor's options
        indent = None
    if indent is not None:
        return FormatOptions(indent=indent)
    if fo is not None and not fo.insert_spaces:
        return FormatOptions(use_tabs=True)
    size = fo.tab_size if fo is not None and fo.tab_size else 2
    return FormatOptions(indent=max(0, min(int(size), 16)))


def _formatted(ls, uri: str, fo) -> tuple[str, str] | None:
    from stlint.lsp.convert import path_of

    doc = ls.open_doc(uri)
    if doc is None:
        return None
    text = doc.source
    if text_over_limit(text):  # over the file size limit: not parsed (stlint.refusal)
        return None
    try:
        return text, format_text(text, _options(ls, path_of(uri), fo))
    except FormatRefused:
        return None


def register(server) -> None:
    from stlint.lsp.handlers import guarded

    @server.feature(T.TEXT_DOCUMENT_FORMATTING)
    @guarded(lambda: None)
    def formatting(ls, params: T.DocumentFormattingParams):
        got = _formatted(ls, params.text_document.uri, params.options)
        if got is None:
            return None
        return line_edits(*got)

    @server.feature(T.TEXT_DOCUMENT_RANGE_FORMATTING)
    @guarded(lambda: None)
    def range_formatting(ls, params: T.DocumentRangeFormattingParams):
        got = _formatted(ls, params.text_document.uri, params.options)
        if got is None:
            return None
        r = params.range
        last = r.end.line - 1 if r.end.character == 0 and r.end.line > r.start.line else r.end.line
        return line_edits(*got, first=r.start.line, last=last)
