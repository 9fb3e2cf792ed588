"""Where is the cursor? A tolerant scan of the text before it (no parse tree needed).

Half-typed files rarely parse, so completion decides its context from the raw text: strings and
comments are skipped, ``{``/``[`` are pushed with the key written before them, and the statement
the cursor is in is split into key / separator / value. Linear in the text and iterative, so a
10,000-level nesting or binary garbage is fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOKEN = re.compile(r'"""|"|#|//|\$\{|[{}\[\]\n,]')
STRING_END = re.compile(r'[\\"\n]')


@dataclass
class Frame:
    char: str  # "{" or "["
    key: str  # the key written before it ("" if none)
    open: int  # offset of the bracket


@dataclass
class Ctx:
    where: str  # "key" | "value" | "comment"
    frames: list[Frame] = field(default_factory=list)
    key: str = ""  # the key of the statement (value position)
    prefix: str = ""  # what is typed of the word being completed
    prefix_start: int = 0
    in_string: bool = False
    var_start: int = -1  # offset of an unclosed "${" before the cursor, else -1

    @property
    def path(self) -> list[str]:
        return [f.key for f in self.frames]


def clean_key(s: str) -> str:
    s = s.strip()
    for sep in ("+=", "=", ":"):
        if s.endswith(sep):
            s = s[: -len(sep)].rstrip()
            break
    if s.endswith("->"):
        s = s[:-2].rstrip()
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        s = s[1:-1]
    return s


def _skip_string(text: str, j: int, end: int) -> tuple[int, bool]:
    """From just after an opening quote: (offset after the closing quote, closed before end).
    An unterminated string ends at the newline."""
    while True:
        m = STRING_END.search(text, j, end)
        if m is None:
            return end, False
        c = m.group()
        if c == "\\":
            j = m.end() + 1
            if j > end:
                return end, False
            continue
        if c == "\n":
            return m.start(), True
        return m.end(), True


def _split_sep(stmt: str) -> int:
    """Index of the first key/value separator (= : +=) outside quotes, or -1."""
    q = False
    i = 0
    n = len(stmt)
    while i < n:
        c = stmt[i]
        if c == '"':
            q = not q
        elif not q and c in "=:":
            return i - 1 if c == "=" and i > 0 and stmt[i - 1] == "+" else i
        i += 1
    return -1


CHECKPOINT_EVERY = 2048  # characters between saved scanner states


# the scanner states of the last text scanned, every CHECKPOINT_EVERY characters: the next scan
# of a text sharing a prefix with it (the same document one keystroke later) resumes from the last
# state inside that prefix instead of re-reading the whole text before the cursor. A state at
# offset i depends only on text[:i + 1] (every token it consumed ends before i; a triple quote
# looks at one character more), so resuming from a state with i < common prefix is exact. One
# (text, states) tuple, replaced whole: scans on two threads never see a half-updated entry.
_LAST: tuple[str, list[tuple[int, int, tuple[Frame, ...]]]] = ("", [])


def _common_prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix of ``a`` and ``b`` (at most ``limit``), by C-speed slice compares."""
    n = min(len(a), len(b), limit)
    lo = 0
    step = 4096
    while lo < n:
        hi = min(n, lo + step)
        if a[lo:hi] == b[lo:hi]:
            lo = hi
            continue
        while hi - lo > 1:  # bisect inside the differing chunk
            mid = (lo + hi) // 2
            if a[lo:mid] == b[lo:mid]:
                lo = mid
            else:
                hi = mid
        return lo
    return n


def scan(text: str, end: int) -> Ctx:
    end = max(0, min(end, len(text)))
    frames: list[Frame] = []
    stmt = 0
    i = 0
    string_at = -1
    global _LAST
    last_text, last_states = _LAST
    keep: list[tuple[int, int, tuple[Frame, ...]]] = []
    if last_states and len(text) >= CHECKPOINT_EVERY:
        same = _common_prefix(text, last_text, end)
        for st in last_states:
            if st[0] >= same:
                break
            keep.append(st)
        if keep:
            i, stmt, fr = keep[-1]
            frames = list(fr)
    next_mark = (i // CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY
    while True:
        if i >= next_mark:
            keep.append((i, stmt, tuple(frames)))
            next_mark = (i // CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY
        m = TOKEN.search(text, i, end)
        if m is None:
            break
        t = m.group()
        p = m.start()
        if t == '"""':
            close = text.find('"""', m.end())
            if close < 0 or close + 3 > end:
                string_at = p
                break
            while close + 3 < len(text) and text[close + 3] == '"':
                close += 1
            i = close + 3
            continue
        if t == '"':
            j, closed = _skip_string(text, m.end(), end)
            if not closed:
                string_at = p
                break
            i = j
            continue
        if t == "${":
            close = text.find("}", m.end(), end)
            if close < 0:
                break  # an unclosed ${ before the cursor: _find_var sees it
            i = close + 1
            continue
        if t in ("#", "//"):
            nl = text.find("\n", p, end)
            if nl < 0:
                _LAST = (text, keep)
                return Ctx("comment", frames)
            i = nl
            continue
        if t in "{[":
            frames.append(Frame(t, clean_key(text[stmt:p]), p))
        elif t in "}]":
            if frames:
                frames.pop()
        stmt = p + 1
        i = m.end()
    _LAST = (text, keep)

    if string_at >= 0:
        before = text[stmt:string_at]
        content_start = string_at + (3 if text.startswith('"""', string_at) else 1)
        content = text[content_start:end]
        sep = _split_sep(before)
        ctx = Ctx("value" if sep >= 0 or (frames and frames[-1].char == "[") else "key", frames, in_string=True)
        if ctx.where == "value":
            ctx.key = clean_key(before[:sep]) if sep >= 0 else frames[-1].key
        else:
            ctx.key = content
        ctx.prefix = content
        ctx.prefix_start = content_start
        _find_var(ctx, text, content_start, end)
        return ctx

    seg = text[stmt:end]
    sep = _split_sep(seg)
    if sep >= 0 or (frames and frames[-1].char == "["):
        ctx = Ctx("value", frames)
        ctx.key = clean_key(seg[:sep]) if sep >= 0 else frames[-1].key
        vstart = stmt + (sep + (2 if seg[sep] == "+" else 1) if sep >= 0 else 0)
        val = text[vstart:end]
        stripped = val.lstrip()
        ctx.prefix_start = end - len(stripped)
        ctx.prefix = stripped
        _find_var(ctx, text, ctx.prefix_start, end)
        return ctx
    stripped = seg.lstrip()
    ctx = Ctx("key", frames, prefix=stripped, prefix_start=end - len(stripped))
    return ctx


def _find_var(ctx: Ctx, text: str, start: int, end: int) -> None:
    k = text.rfind("${", start, end)
    if k >= 0 and "}" not in text[k:end]:
        ctx.var_start = k
        ctx.prefix = text[k + 2:end].lstrip("?")
        ctx.prefix_start = end - len(ctx.prefix)


def block_members(text: str, open_at: int, limit: int = 200_000) -> dict[str, str]:
    """Keys written directly inside the block opened at ``open_at`` (key -> value text), up to
    its closing brace or the end of the text."""
    out: dict[str, str] = {}
    depth = 0
    i = stmt = open_at + 1
    n = min(len(text), open_at + limit)

    def take(a: int, b: int, opener: bool) -> None:
        seg = text[a:b]
        if opener:
            k = clean_key(seg)
            if k:
                out.setdefault(k, "{")
            return
        sep = _split_sep(seg)
        if sep >= 0:
            k = clean_key(seg[:sep])
            if k:
                v = seg[sep + (2 if seg[sep] == "+" else 1):].strip()
                if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
                    v = v[1:-1]
                out[k] = v

    while i < n:
        m = TOKEN.search(text, i, n)
        if m is None:
            if depth == 0:
                take(stmt, n, False)
            break
        t = m.group()
        p = m.start()
        if t == '"""':
            close = text.find('"""', m.end())
            i = n if close < 0 else close + 3
            continue
        if t == '"':
            i, _ = _skip_string(text, m.end(), n)
            continue
        if t == "${":
            close = text.find("}", m.end(), n)
            i = n if close < 0 else close + 1
            continue
        if t in ("#", "//"):
            if depth == 0:
                take(stmt, p, False)
            nl = text.find("\n", p, n)
            i = stmt = n if nl < 0 else nl + 1
            continue
        if t in "{[":
            if depth == 0:
                take(stmt, p, t == "{")
                if t == "[":
                    k = _split_sep(text[stmt:p])
                    if k >= 0:
                        out[clean_key(text[stmt:stmt + k])] = "["
            depth += 1
        elif t in "}]":
            if depth == 0:
                take(stmt, p, False)
                break
            depth -= 1
            if depth == 0:
                stmt = p + 1
                i = m.end()
                continue
        elif depth == 0:
            take(stmt, p, False)
        if depth == 0:
            stmt = p + 1
        i = m.end()
    return out
