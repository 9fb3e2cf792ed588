"""``stlint format``: a conservative layout normaliser for HOCON job configs.

It works on the parser's positioned syntax tree and only ever changes white space *outside*
values: indentation of each line (``indent`` spaces per level of braced object / array, or a
tab), one space around ``=`` / ``+=``; ``key = value`` or ``key: value`` by the file's majority
(``:`` only when more than half of its ``=``/``:`` separators are ``:``, as in JSON; a tie keeps
``=``; a separator with a comment or a newline beside it is left alone), ``key {`` for objects,
no trailing white space, at most one blank line in a row, one final newline. It never reorders, never touches quoting, numbers, escapes, keys (dotted keys
stay as written), include lines' content or the text of a triple-quoted string (lines that start
or end inside one are kept byte for byte), keeps every comment on its own line and keeps a CRLF
file CRLF (when every line ends in CRLF) and a BOM. Files with syntax errors are refused
(:class:`FormatRefused`). The result is idempotent (a second format changes nothing).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from stlint.gctune import gc_tuned
from stlint.parser import SArray, SConcat, SField, SObject, SScalar, parse

_LEAD = " \t\f\v"
_TRAIL = " \t\f\v\r"
_GAP = re.compile(r"[ \t]*")


class FormatRefused(Exception):
    """The text has syntax errors: formatting it could change what it means."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass
class FormatOptions:
    indent: int = 2          # spaces per nesting level
    use_tabs: bool = False   # indent with one tab per level instead


def _walk(root):
    stack = [root]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, SObject):
            stack.extend(m for m in n.members if isinstance(m, SField))
        elif isinstance(n, SField):
            stack.append(n.value)
        elif isinstance(n, SArray):
            stack.extend(n.items)
        elif isinstance(n, SConcat):
            stack.extend(n.parts)


def format_text(text: str, opts: FormatOptions | None = None) -> str:
    """Return ``text`` formatted; raise :class:`FormatRefused` on a syntax error."""
    with gc_tuned():  # a large tree, little cyclic garbage: the collector as during a lint
        return _format_text(text, opts or FormatOptions())


def _format_text(text: str, opts: FormatOptions) -> str:
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    crlf = "\r\n" in body and body.count("\n") == body.count("\r\n")
    if crlf:
        body = body.replace("\r\n", "\n")
    res = parse(body)
    if not res.ok or res.root is None:
        d = next((d for d in res.diagnostics if d.severity == "error"), None)
        raise FormatRefused(d.message if d else "syntax error", d.start if d else 0)
    out = _format(body, res.root, opts)
    if crlf:
        out = out.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + out


def _format(text: str, root, opts: FormatOptions) -> str:
    lines = text.split("\n")
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    def line_of(off: int) -> int:
        return bisect.bisect_right(starts, off) - 1

    n = len(lines)
    diff = [0] * (n + 1)
    closers: list[int] = []          # offsets of closing brackets of containers
    triples: list[tuple[int, int]] = []
    edits: dict[int, list[tuple[int, int, str]]] = {}
    seps: list = []

    def edit(s: int, e: int, rep: str) -> None:
        if text[s:e] != rep:
            edits.setdefault(line_of(s), []).append((s, e, rep))

    for node in _walk(root):
        if (isinstance(node, SObject) and node.braced) or isinstance(node, SArray):
            a, b = line_of(node.start), line_of(node.end - 1)
            if b > a:
                diff[a + 1] += 1
                diff[b + 1] -= 1
                closers.append(node.end - 1)
        elif isinstance(node, SScalar) and node.kind == "triple":
            if "\n" in text[node.start:node.end]:
                triples.append((node.start, node.end))
        elif isinstance(node, SField) and node.sep is not None:
            seps.append(node)
        elif isinstance(node, SField) and isinstance(node.value, SObject) and node.value.braced:
            k_end, v0 = node.key.end, node.value.start
            if _GAP.fullmatch(text[k_end:v0]):
                edit(k_end, v0, " ")

    # `=` / `:`: the file's majority style (a tie: `=`); `+=` stays
    n_colon = sum(1 for f in seps if f.sep == ":")
    style = ":" if n_colon * 2 > sum(1 for f in seps if f.sep in ("=", ":")) else "="
    for f in seps:
        k_end, s0 = f.key.end, f.sep_start
        s1 = s0 + len(f.sep)
        v0 = f.value.start
        if not (_GAP.fullmatch(text[k_end:s0]) and v0 >= s1 and _GAP.fullmatch(text[s1:v0])):
            continue  # a comment or a newline around the separator: leave it
        sep = style if f.sep in ("=", ":") else f.sep
        edit(k_end, v0, (": " if sep == ":" else f" {sep} "))

    # lines whose start / end lie inside a multi-line triple-quoted string
    keep_start = [False] * n
    keep_end = [False] * n
    for s, e in triples:
        a, b = line_of(s), line_of(e - 1)
        for i in range(a + 1, b + 1):
            keep_start[i] = True
        for i in range(a, b):
            keep_end[i] = True
    closer_set = set(closers)

    unit = "\t" if opts.use_tabs else " " * opts.indent
    out: list[str] = []
    depth = 0
    blank_run = 0
    for i, ln in enumerate(lines):
        depth += diff[i]
        if keep_start[i]:
            out.append(ln)
            blank_run = 0
            continue
        st = starts[i]
        body = ln
        if i in edits:  # pieces, not repeated slicing: linear on a long one-line document
            pieces, at = [], 0
            for s, e, rep in sorted(edits[i]):
                pieces.append(ln[at:s - st])
                pieces.append(rep)
                at = e - st
            pieces.append(ln[at:])
            body = "".join(pieces)
        if not keep_end[i]:
            body = body.rstrip(_TRAIL)
        stripped = body.lstrip(_LEAD)
        if not stripped:
            blank_run += 1
            if blank_run > 1 or not out:
                continue
            out.append("")
            continue
        blank_run = 0
        first = st + (len(ln) - len(ln.lstrip(_LEAD)))
        d = depth - (1 if first in closer_set else 0)
        out.append(unit * max(d, 0) + stripped)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""

