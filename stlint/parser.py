"""HOCON text -> positioned syntax tree, with error recovery.

The grammar lives in ``grammar/hocon.lark`` (LALR(1), contextual lexer). Lark analyses it at
build time (``python -m stlint.grammar_build``) into plain-data tables, ``stlint/_hocon_tables.py``;
this module runs them with its own lexer and LALR driver (lark is not imported at run time, no
pickled cache). The lexer follows lark's contextual lexer exactly (per-state terminal sets, the
same priorities, the same fallback to all terminals for error tokens) but matches every terminal
with patterns that never backtrack (possessive quantifiers), so any single token costs time and
memory linear in its length. The syntax tree is built *inline* while the driver reduces (no
intermediate tree, no recursion), so a 10,000-level document costs no Python stack. Every node carries ``start``/``end`` character
offsets into the source text; ``stlint.source.Source`` maps them to lines and columns.

On a syntax error the parser reports one diagnostic (with what was expected, in words), repairs
the token stream (inserts a missing value, separator or closing bracket, or drops the offending
token) and goes on, so a half-typed file still yields a partial tree.
"""

from __future__ import annotations

import bisect
import re
from stlint._records import dataclass, field

from stlint import _hocon_tables as _T
from stlint.diagnostics import Diagnostic

MAX_DEPTH = 400  # deeper documents get a diagnostic; SeaTunnel's own parser overflows long before
MAX_ERRORS = 200


# --------------------------------------------------------------------------------------------
# Syntax nodes
# --------------------------------------------------------------------------------------------
class Node:
    __slots__ = ("start", "end")
    depth = 0


class SScalar(Node):
    """A single token value. kind: 'unquoted' | 'quoted' | 'triple' | 'ws' (whitespace between
    parts of a concatenation) | 'missing' (inserted by error recovery)."""

    __slots__ = ("kind", "text")

    def __init__(self, kind: str, text: str, start: int, end: int) -> None:
        self.kind = kind
        self.text = text  # decoded text (quotes and escapes removed)
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"SScalar({self.kind}, {self.text!r})"


class SSubst(Node):
    """``${path}`` / ``${?path}``. ``expr`` is the raw text between the braces (without ``?``).
    ``default_at`` is the offset of an unquoted ``:`` (``${VAR:default}``), else -1."""

    __slots__ = ("optional", "expr", "default_at", "error")

    def __init__(self, raw: str, start: int, end: int) -> None:
        inner = raw[2:-1]
        self.optional = inner.startswith("?")
        if self.optional:
            inner = inner[1:]
        self.expr = inner
        self.start = start
        self.end = end
        self.error: str | None = None
        self.default_at = -1
        # find an unquoted ':' (outside "...")
        in_q = False
        esc = False
        for i, ch in enumerate(inner):
            if in_q:
                if esc:
                    esc = False
                elif ch == "\\":
                    esc = True
                elif ch == '"':
                    in_q = False
            elif ch == '"':
                in_q = True
            elif ch == ":":
                self.default_at = start + 2 + (1 if self.optional else 0) + i
                break
        if not inner.strip():
            self.error = "empty substitution `${}`"

    @property
    def name(self) -> str:
        """The variable name as SeaTunnel's placeholder regex sees it (before ``:``)."""
        if self.default_at >= 0:
            return self.expr[: self.default_at - self.start - 2 - (1 if self.optional else 0)].strip()
        return self.expr.strip()

    def __repr__(self) -> str:
        return f"SSubst({'?' if self.optional else ''}{self.expr})"


class SConcat(Node):
    """Value concatenation: parts in order, whitespace between them as SScalar(kind='ws')."""

    __slots__ = ("parts", "depth")

    def __init__(self, parts: list, start: int, end: int, depth: int) -> None:
        self.parts = parts
        self.start = start
        self.end = end
        self.depth = depth


class SKey(Node):
    """A field key as written: parts are (text, quoted, start, end); whitespace between parts
    is part of the key (``a b = 1`` is the key "a b")."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[tuple[str, bool, int, int]]) -> None:
        self.parts = parts
        self.start = parts[0][2]
        self.end = parts[-1][3]

    def __repr__(self) -> str:
        return "SKey(" + "|".join(p[0] for p in self.parts) + ")"


class SField(Node):
    """``key = value`` / ``key : value`` / ``key += value`` / ``key { ... }`` (sep None)."""

    __slots__ = ("key", "sep", "value", "depth", "sep_start")

    def __init__(self, key: SKey, sep: str | None, sep_start: int, value: Node) -> None:
        self.key = key
        self.sep = sep
        self.sep_start = sep_start
        self.value = value
        self.start = key.start
        self.end = value.end if value.end > key.end else key.end
        self.depth = value.depth


class SInclude(Node):
    __slots__ = ("kind", "required", "target", "target_start", "target_end")

    def __init__(self, kind: str, required: bool, target: str, start: int, end: int,
                 target_start: int, target_end: int) -> None:
        self.kind = kind  # 'heuristic' | 'file' | 'url' | 'classpath'
        self.required = required
        self.target = target
        self.start = start
        self.end = end
        self.target_start = target_start
        self.target_end = target_end


class SObject(Node):
    """``{ ... }`` or the brace-less root. ``members`` are SField / SInclude in file order.
    On the root, ``recovered`` lists the (start, end) offset ranges that error recovery
    re-shaped (sorted, disjoint): semantic rules stay silent there (see ``in_recovered``)."""

    __slots__ = ("members", "braced", "depth", "closed", "recovered")

    def __init__(self, members: list, start: int, end: int, braced: bool, depth: int,
                 closed: bool = True) -> None:
        self.members = members
        self.start = start
        self.end = end
        self.braced = braced
        self.depth = depth
        self.closed = closed
        self.recovered: tuple[tuple[int, int], ...] = ()


class SArray(Node):
    __slots__ = ("items", "depth", "closed")

    def __init__(self, items: list, start: int, end: int, depth: int, closed: bool = True) -> None:
        self.items = items
        self.start = start
        self.end = end
        self.depth = depth
        self.closed = closed


# --------------------------------------------------------------------------------------------
# String decoding
# --------------------------------------------------------------------------------------------
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESC_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)


def decode_quoted(raw: str) -> tuple[str, str | None]:
    """Decode a JSON/HOCON quoted string token (with its quotes). Returns (text, error)."""
    body = raw[1:-1]
    if "\\" not in body:
        return body, None
    err: list[str] = []

    def rep(m: re.Match) -> str:
        e = m.group(1)
        if e[0] == "u" and len(e) == 5:
            return chr(int(e[1:], 16))
        if e in _ESCAPES:
            return _ESCAPES[e]
        err.append(f"invalid escape `\\{e}` in quoted string (use `\\\\` for a backslash)")
        return e

    text = _ESC_RE.sub(rep, body)
    return text, (err[0] if err else None)


# --------------------------------------------------------------------------------------------
# Tokens and the lexer
# --------------------------------------------------------------------------------------------
# A token is a plain tuple (type name, text, start offset, end offset): the driver makes one per
# lexed token (~170k over the corpus), and a tuple costs a quarter of an object with __init__.
# Error recovery makes synthetic ones (empty text at a position). Everything else on the value
# stack is a node, a list (children of an inlined rule) or an include target (a 6-tuple whose
# first item is a kind such as "file", never a terminal name).
Token = tuple


_WSC = "[ \\t\\r\\f\\v\\ufeff\\u00a0\\u2007\\u202f]"
_STR = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
# terminal -> (its pattern in grammar/hocon.lark as lark compiles it, an equivalent pattern whose
# repetitions are possessive). Python's regex engine keeps a backtracking record per iteration of
# a repeated group (~120 bytes per input byte on an 8 MB string); possessive repeats keep none.
# Every grammar token is matched whole (nothing follows it inside the token), so the greedy match
# lark finds first is the possessive match. A terminal whose grammar pattern differs from the
# recorded one is matched with the grammar's own pattern (correct, but not memory-safe; a test
# fails until this table is updated).
_SAFE = {
    "TRIPLE": ('"""[\\s\\S]*?"""(?!")', r'"""(?:[^"]|"(?!""))*+"{3,}+'),
    "NUMBER": ("-?[0-9][0-9eE+.\\-]*", r"-?[0-9][0-9eE+.\-]*+"),
    "SUBST": ('\\$\\{(?:[^}"\n]|"(?:[^"\\\\\n]|\\\\.)*")*\\}', r'\$\{(?:[^}"\n]++|' + _STR + r")*+\}"),
    "STRING": ('"(?:[^"\\\\\n]|\\\\.)*"', _STR),
    "UNQUOTED": ('(?:[^\\s\ufeff\xa0\u2007\u202f$"{}\\[\\]:=,+#`^?!@*&\\\\\\/]|\\/(?!\\/))+',
                 '(?:[^\\s\\ufeff\\u00a0\\u2007\\u202f$"{}\\[\\]:=,+#`^?!@*&\\\\\\/]++|/(?!/))++'),
    "_NL": ("(\n[ \t\r\x0c\\v\ufeff\xa0\u2007\u202f]*((#|\\/\\/)[^\n]*)?)+",
            "(?:\\n" + _WSC + "*+(?:(?:#|//)[^\\n]*+)?+)++"),
    "COMMENT": ("(#|\\/\\/)[^\n]*", r"(?:#|//)[^\n]*+"),
    "WS": ("[ \t\r\x0c\\v\ufeff\xa0\u2007\u202f]+", _WSC + "++"),
}


def _safe_pattern(name: str, grammar_pattern: str) -> str:
    s = _SAFE.get(name)
    if s is not None and s[0] == grammar_pattern:
        return s[1]
    return grammar_pattern


class _Patterns(dict):
    """Each terminal's own pattern, compiled on first use: only the slow path (``_slow_token``)
    needs them, and compiling all of them costs ~2 ms of every cold start."""

    def __missing__(self, name: str) -> re.Pattern:
        p = self[name] = re.compile(_safe_pattern(name, _TERMINAL_PATTERN[name]))
        return p


_TERMINAL_PATTERN = {n: p for n, p, _prio in _T.TERMINALS}
_TERM_RE = _Patterns()
_GLOBAL_INDEX = {n: i for i, (n, _p, _prio) in enumerate(_T.TERMINALS)}
_IGNORE = frozenset(_T.IGNORE)
# Ignored terminals (inline white space, comments) never compete with another terminal at the
# same position (checked by the equivalence tests), so they are skipped by a prefix; one match
# then finds the first (highest-priority) terminal that matches, in lark's global order.
_MASTER = re.compile(
    "(?:" + "|".join(_safe_pattern(n, p) for n, p, _prio in _T.TERMINALS if n in _IGNORE) + ")*+"
    + "(?:" + "|".join(f"(?P<{n}>{_safe_pattern(n, p)})" for n, p, _prio in _T.TERMINALS if n not in _IGNORE)
    + "|(?P<nothing>))")  # (a lowercase name: never a terminal's)
# group number -> terminal name (None: the empty alternative, or a group inside a pattern). A match
# always ends with one named group, so ``lastindex`` is the terminal found (cheaper than names).
_GROUP_TERMINAL = [None] * (_MASTER.groups + 1)
for _name, _i in _MASTER.groupindex.items():
    _GROUP_TERMINAL[_i] = _name if _name != "nothing" else None


class _Lexer:
    """One of lark's contextual lexers: the terminals one parser state accepts, in order."""

    __slots__ = ("accepts", "unless", "after", "allowed", "fast")

    def __init__(self, names, unless, allowed) -> None:
        self.accepts = frozenset(names)
        self.unless = unless  # regex terminal -> {exact text: string terminal it absorbed}
        # accepted terminal -> its ``unless`` map or None: the lexer's fast path in one lookup
        self.fast = {n: unless.get(n) for n in names}
        # what lark reports as expected when this lexer fails
        self.allowed = frozenset(allowed) or frozenset({"<END-OF-FILE>"})
        order = [n for n in names if n not in _IGNORE]
        # for a terminal the master pattern found but this lexer lacks: the lexer's terminals
        # that come later in the global order (the earlier ones did not match)
        self.after = {n: tuple(x for x in order if _GLOBAL_INDEX[x] > i) for n, i in _GLOBAL_INDEX.items()}


_LEXERS = [_Lexer(*lx) for lx in _T.LEXERS]
_ROOT = _Lexer(*_T.ROOT_LEXER)
_STATE_LEXER = [_LEXERS[i] if i >= 0 else _ROOT for i in _T.STATE_LEXER]
_STATES = _T.STATES
# terminals (and $END) a state accepts: what lark reports as expected when the parser fails
_STATE_EXPECTED = [frozenset(k for k in row if k.isupper()) for row in _STATES]


# --------------------------------------------------------------------------------------------
# Inline builder (called by the LALR driver at each reduction)
# --------------------------------------------------------------------------------------------
def _tok_node(t: Token, errors: list) -> Node:
    ty = t[0]
    if ty == "UNQUOTED":
        return SScalar("unquoted" if t[1] else "missing", t[1], t[2], t[3])
    if ty == "NUMBER":
        return SScalar("number", t[1], t[2], t[3])
    if ty == "STRING":
        text, err = decode_quoted(t[1])
        if err:
            errors.append((t[2], t[3], err))
        return SScalar("quoted", text, t[2], t[3])
    if ty == "TRIPLE":
        return SScalar("triple", t[1][3:-3], t[2], t[3])
    if ty == "SUBST":
        s = SSubst(t[1], t[2], t[3])
        if s.error:
            errors.append((t[2], t[3], s.error))
        return s
    raise AssertionError(ty)


# Reduction callbacks, one per named grammar rule (or alias): ``c`` the kept children, ``errors``
# (a list per parse) collects token-level problems (bad escapes...). Plain functions, so the
# action tables that hold them are built once, not per parse.
def _b_start(c, errors):
    if len(c) == 1 and isinstance(c[0], (SObject, SArray)) and getattr(c[0], "braced", True):
        return c[0]
    depth = max((m.depth for m in c if isinstance(m, SField)), default=0)
    return SObject(c, 0, c[-1].end if c else 0, False, depth)


def _b_object(c, errors):
    lb, rb = c[0], c[-1]
    members = c[1:-1]
    # members are SField / SInclude; an include's depth is 0 (Node.depth)
    depth = 1 + max([m.depth for m in members], default=0)
    closed = rb[3] > rb[2]
    return SObject(members, lb[2], rb[3] if closed else members[-1].end if members else lb[3],
                   True, depth, closed)


def _b_array(c, errors):
    lb, rb = c[0], c[-1]
    items = c[1:-1]
    depth = 1 + max([i.depth for i in items], default=0)
    closed = rb[3] > rb[2]
    return SArray(items, lb[2], rb[3] if closed else items[-1].end if items else lb[3],
                  depth, closed)


def _b_key(c, errors):
    if len(c) == 1:
        t = c[0]
        if t[0] != "STRING":
            return SKey([(t[1], False, t[2], t[3])])
    parts = []
    for t in c:
        if t[0] == "STRING":
            text, err = decode_quoted(t[1])
            if err:
                errors.append((t[2], t[3], err))
            parts.append((text, True, t[2], t[3]))
        else:
            parts.append((t[1], False, t[2], t[3]))
    return SKey(parts)


def _b_value(c, errors):
    if len(c) == 1:
        x = c[0]
        return _tok_node(x, errors) if type(x) is tuple else x
    parts = [_tok_node(x, errors) if type(x) is tuple else x for x in c]
    return SConcat(parts, parts[0].start, parts[-1].end, max(p.depth for p in parts))


def _b_field(c, errors):
    if len(c) == 3:
        sep = c[1]
        return SField(c[0], sep[1], sep[2], c[2])
    return SField(c[0], None, c[1].start, c[1])


def _b_include_target(c, errors):
    if len(c) == 1:
        t = c[0]
        text, err = decode_quoted(t[1])
        if err:
            errors.append((t[2], t[3], err))
        return ("heuristic", False, text, t[2], t[3], t[3])
    fn, inner, rp = c
    kind, required, text, s, e, _ = inner
    name = fn[1][:-1]
    if name == "required":
        required = True
    elif kind != "heuristic":
        errors.append((fn[2], rp[3], f"`{name}(...)` cannot wrap `{kind}(...)`"))
    else:
        kind = name
    return (kind, required, text, s, e, rp[3])


def _b_include(c, errors):
    kw, (kind, required, text, s, e, end) = c
    return SInclude(kind, required, text, kw[2], max(end, e), s, e)


def _b_value_of_one(x, errors):  # _b_value([x], errors)
    return _tok_node(x, errors) if type(x) is tuple else x


def _b_key_of_one(t, errors):  # _b_key([t], errors)
    if t[0] != "STRING":
        return SKey([(t[1], False, t[2], t[3])])
    return _b_key([t], errors)


# a callback -> the same applied to a one-child list, taking the child itself (see _unit_chain)
_OF_ONE = {_b_value: _b_value_of_one, _b_key: _b_key_of_one}

_CALLBACKS = {"start": _b_start, "object": _b_object, "array": _b_array, "key": _b_key, "value": _b_value,
              "field": _b_field, "include_target": _b_include_target, "include": _b_include}


_SPLICE_ONLY = ((0, True),)  # the commonest plan (keys, value parts): the one child list itself


def _rule_plan(plan: str):
    """Which children of a reduction are kept: None (all), else a tuple of (index, splice)."""
    if set(plan) <= {"k"}:
        return None
    out = tuple((i, k == "s") for i, k in enumerate(plan) if k != "d")
    return _SPLICE_ONLY if out == _SPLICE_ONLY else out


# (goto symbol, number of children, child plan, builder callback or None for inlined rules)
_RULES = [(origin, len(plan), _rule_plan(plan), _CALLBACKS[name] if name else None) for origin, name, plan in _T.RULES]
_RULES_BY_ACTION = _RULES[::-1]  # _RULES_BY_ACTION[act] for a reduce action act (-1 - rule number)


# per state, the terminals on which it reduces and then always shifts them (whatever the stack
# below): the driver needs no undo log for those (see grammar_build.safe_reductions)
_SAFE_REDUCE = [frozenset(x) for x in _T.SAFE_REDUCE]
# per state, for the other terminals it reduces on: how many entries from the top of the state
# stack decide whether the terminal is then shifted (grammar_build.deciding_depths). _run memoises
# ``_refused_at`` on those entries (_REFUSALS: (terminal, *top states) -> its result; at most a few
# thousand keys, the automaton is fixed), so most such tokens are reduced without an undo log too.
_DECIDING_DEPTH = [dict(x) for x in _T.DECIDING_DEPTH]
_REFUSALS: dict = {}


# --------------------------------------------------------------------------------------------
# The LALR driver
# --------------------------------------------------------------------------------------------
class _Stop(Exception):
    """Recovery gave up (error limit) or finished the parse at the end of the input."""


class _Parser:
    """State and value stacks, fed token by token with lark's semantics: a token that cannot be
    shifted raises ``_Unexpected`` after the reductions it triggered (the stacks stay a viable
    prefix, so recovery can go on from there)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ss: list[int] = [_T.START]
        self.vs: list = []
        self.errors: list[tuple[int, int, str]] = []  # token-level problems (see _CALLBACKS)

    def accepts(self, ty: str) -> bool:
        return ty in _STATES[self.ss[-1]]

    def expected(self) -> frozenset:
        return _STATE_EXPECTED[self.ss[-1]]

    def feed(self, tok: Token, is_end: bool = False):
        """Shift ``tok`` (after its reductions). Returns the result when ``is_end`` completes the
        parse; raises ``_Unexpected`` when the token is not accepted (the stacks unchanged)."""
        ss, vs, errors = self.ss, self.vs, self.errors
        ty = tok[0]
        bad = _refused_at(ss, ty)
        if bad >= 0:
            raise _Unexpected(tok, _STATE_EXPECTED[bad])
        while True:
            act = _STATES[ss[-1]].get(ty)
            if act is None:
                raise _Unexpected(tok, _STATE_EXPECTED[ss[-1]])
            if act >= 0:
                ss.append(act)
                vs.append(tok)
                return None
            origin, n, plan, cb = _RULES[-1 - act]
            if n:
                c = vs[-n:]
                del vs[-n:]
                del ss[-n:]
            else:
                c = []
            if plan is not None:
                c = _filter(c, plan)
            ss.append(_STATES[ss[-1]][origin])
            vs.append(cb(c, errors) if cb is not None else c)
            if is_end and ss[-1] == _T.END:
                return vs[-1]

    def simulate(self, types) -> bool:
        """Would feeding these token types succeed? (state stack only, nothing is built)"""
        ss = list(self.ss)
        rules = _RULES
        for ty in types:
            while True:
                act = _STATES[ss[-1]].get(ty)
                if act is None:
                    return False
                if act >= 0:
                    ss.append(act)
                    break
                origin, n, _plan, _cb = rules[-1 - act]
                if n:
                    del ss[-n:]
                ss.append(_STATES[ss[-1]][origin])
                if ss[-1] == _T.END:
                    return True
        return True


def _refused_at(ss: list, ty: str) -> int:
    """-1 if a token of type ``ty`` would be shifted (or, for $END, accepted) after the
    reductions it triggers; else the state that refuses it. Reads ``ss`` without changing it."""
    extra: list[int] = []
    top = len(ss)
    state = ss[-1]
    while True:
        act = _STATES[state].get(ty)
        if act is None:
            return state
        if act >= 0:
            return -1
        origin, n, _plan, _name = _RULES[-1 - act]
        if n:
            e = len(extra)
            if n <= e:
                del extra[e - n:]
            else:
                top -= n - e
                extra.clear()
        state = _STATES[extra[-1] if extra else ss[top - 1]][origin]
        if state == _T.END:
            return -1
        extra.append(state)


class _Unexpected(Exception):
    def __init__(self, tok: Token, expected) -> None:
        self.tok = tok
        self.expected = expected


def _filter(c: list, plan, grown: list | None = None) -> list:
    """The children a rule keeps, inlined rules spliced in. Like lark, a left-recursive list
    (`x: x item`) is extended in place, so a long list costs linear time; ``grown`` records
    (list, old length) so the driver can undo that."""
    if not plan:
        return []
    i, splice = plan[0]
    if splice:
        out = c[i]
        if grown is not None:
            grown.append((out, len(out)))
    else:
        out = [c[i]]
    for i, splice in plan[1:]:
        if splice:
            out.extend(c[i])
        else:
            out.append(c[i])
    return out


_NO = object()

# how a reduction builds its value from the children it pops (see _fast_rules)
_KEEP, _SPLICE, _DROP, _PLAN, _APPEND, _EXTEND_APPEND = 0, 1, 2, 3, 4, 5
_DISPATCH: tuple | None = None


def _dispatch_tables() -> list:
    """Per parser state, a list: master-pattern group number (``_GROUP_TERMINAL``) -> LALR action,
    or None, for the tokens the driver handles on its fast path: the state's lexer takes the
    terminal the master pattern found as is (no ``unless`` remapping), and the action is a shift or
    a reduction that ``_SAFE_REDUCE`` proves ends in a shift (no undo log). Everything else
    (errors, other terminals, other reductions) takes the general path. Rebuilt when
    ``_SAFE_REDUCE`` is replaced (tests compare with and without it)."""
    global _DISPATCH
    d = _DISPATCH
    if d is None or d[0] is not _SAFE_REDUCE:
        tables = []
        for st, row in enumerate(_STATES):
            fast = _STATE_LEXER[st].fast
            safe = _SAFE_REDUCE[st]
            tables.append([row[ty] if ty is not None and ty in row and ty in fast and fast[ty] is None
                           and (row[ty] >= 0 or ty in safe) else None for ty in _GROUP_TERMINAL])
        d = _DISPATCH = (_SAFE_REDUCE, tables)
    return d[1]


def _fast_rules(rules: list) -> list:
    """``rules`` (origin, n, plan, callback) as (origin, n, how, callback, plan), in reverse order so
    a reduce action ``act`` (-1 - rule number) indexes it directly."""
    out = []
    for origin, k, plan, cb in rules:
        how = (_KEEP if plan is None else _SPLICE if plan is _SPLICE_ONLY else _DROP if not plan
               else _APPEND if plan == ((0, True), (1, False))
               else _EXTEND_APPEND if plan == ((0, True), (1, True), (2, False)) else _PLAN)
        out.append((origin, k, how, cb, plan))
    return out[::-1]


_FAST_RULES = _fast_rules(_RULES)

# (state below, state on top, terminal) -> _unit_chain(...): filled as the driver meets them (a few
# hundred at most: the tables are fixed)
_UNIT_CHAINS: dict = {}


def _unit_chain(below: int, top: int, ty: str) -> tuple:
    """The reductions of one child (``_part``, ``key``, ``value``, ``_sep``...) that ``ty`` triggers
    in state ``top`` over state ``below``, in a row, folded into one step: each replaces the top of
    both stacks, so the states they pass through depend on ``below`` alone. Returns (the state that
    replaces ``top``, or -1 if none folds; how the value on top changes: 0 kept, 1 wrapped in a list,
    2 replaced by an empty list; the callback then applied to it, or None; the action on ``ty``
    after the chain)."""
    state, pre, cb, steps = top, 0, None, 0
    while True:
        act = _STATES[state][ty]
        if act >= 0:
            break
        _origin, k, how, rcb, _plan = _FAST_RULES[act]
        if k != 1:
            break
        if how == _DROP and cb is None:  # (a callback's result is never dropped: it may report)
            npre, ncb = 2, rcb
        elif how == _SPLICE and rcb is None:
            npre, ncb = pre, cb
        elif how == _SPLICE and cb is None:
            npre, ncb = pre, rcb
            if pre == 1 and rcb in _OF_ONE:  # cb([x]) as cb1(x): no list
                npre, ncb = 0, _OF_ONE[rcb]
        elif how == _KEEP and pre == 0 and cb is None:
            npre, ncb = 1, rcb
        else:
            break  # not one step: the driver goes on from here
        pre, cb = npre, ncb
        state = _STATES[below][_origin]
        steps += 1
    r = _UNIT_CHAINS[below, top, ty] = (state if steps else -1, pre, cb, act)
    return r


def _run(P: _Parser, rec: "_Recovery"):
    """Lex and parse ``P.text``; returns the root node (or what recovery salvaged).

    One loop per token. Fast path (most tokens): one list lookup by parser state and master-pattern
    group gives the action; the token is a tuple; its reductions run without an undo log (rows of
    one-child reductions folded by ``_unit_chain``). General path: another terminal of the state's
    lexer, bad characters, and tokens whose reductions may end in a refusal (checked on the top of
    the state stack, memoised; where it is refused, or no bound is known, the reductions are
    logged and undone so that recovery starts from the stacks as they were)."""
    text = P.text
    n = len(text)
    # the master pattern's scanner matches where its last match ended (a token's end); where
    # the driver goes on elsewhere (error recovery, a token of another terminal) it starts anew
    scan = _MASTER.scanner(text).match
    ss, vs = P.ss, P.vs
    rules = _RULES_BY_ACTION
    frules = _FAST_RULES
    chains = _UNIT_CHAINS
    errors = P.errors
    states = _STATES
    state_lexer = _STATE_LEXER
    dispatch = _dispatch_tables()
    names = _GROUP_TERMINAL
    deciding = _DECIDING_DEPTH
    refusals = _REFUSALS
    no = _NO
    pos = 0
    last: Token | None = None
    while True:
        m = scan()
        i = m.lastindex
        ty = names[i]
        act = dispatch[ss[-1]][i]
        if act is not None:
            # the fast path: the state's lexer takes this terminal, and the parser shifts it
            # (after reductions that cannot fail)
            start, pos = m.span(i)
            last = tok = (ty, text[start:pos], start, pos)
        else:
            lx = state_lexer[ss[-1]]
            if ty is None:
                p = m.end()
                if p >= n:
                    break
                # no terminal matches here at all
                if not rec.bad_char(P, p):
                    return None
                pos = rec.resume_at if rec.resume_at > p else p + 1
                scan = _MASTER.scanner(text, pos).match
                continue
            start, pos = m.span(ty)
            u = lx.fast.get(ty, no)
            if u is not no:
                val = text[start:pos]
                if u is not None:
                    ty = u.get(val, ty)
                tok = (ty, val, start, pos)
            else:
                tok, pos, ok = _slow_token(lx, ty, start, m, text)
                if pos != m.end():
                    scan = _MASTER.scanner(text, pos).match
                ty = tok[0]
                last = tok
                if not ok:  # lark's contextual lexer raises UnexpectedToken for it
                    if not rec.token(P, tok, lx.allowed):
                        return None
                    continue
            last = tok
            # LALR may reduce on a lookahead it then refuses, and recovery needs the stacks as
            # they were before this token: unless the top of the state stack shows that the token
            # is shifted, go the general way (P.feed, inlined: reductions logged, undone on an error)
            d = deciding[ss[-1]].get(ty)
            if d is not None:
                key = (ty, *ss[-d:])
                r = refusals.get(key)
                if r is None:
                    r = refusals[key] = _refused_at(ss, ty)
            if d is None or r >= 0:
                log = None
                while True:
                    act = states[ss[-1]].get(ty)
                    if act is None:
                        bad = ss[-1]
                        if log is not None:
                            for lst, n0 in reversed(grown):
                                del lst[n0:]
                            for popped, c in reversed(log):
                                ss.pop()
                                vs.pop()
                                ss.extend(popped)
                                vs.extend(c)
                        if not rec.token(P, tok, _STATE_EXPECTED[bad]):
                            return None
                        break
                    if act >= 0:
                        ss.append(act)
                        vs.append(tok)
                        break
                    origin, k, plan, cb = rules[act]
                    if k:
                        c = vs[-k:]
                        popped = ss[-k:]
                        del vs[-k:]
                        del ss[-k:]
                    else:
                        c = []
                        popped = c
                    if log is None:
                        log = [(popped, c)]
                        grown = []
                    else:
                        log.append((popped, c))
                    ss.append(states[ss[-1]][origin])
                    if plan is None:
                        val = c
                    elif plan is _SPLICE_ONLY:  # _filter(c, plan, grown), inlined
                        val = c[0]
                        grown.append((val, len(val)))
                    elif plan:
                        val = _filter(c, plan, grown)
                    else:
                        val = []  # a rule that keeps nothing (separators)
                    vs.append(cb(val, errors) if cb is not None else val)
                continue
            act = states[ss[-1]][ty]
        while act < 0:
            origin, k, how, cb, plan = frules[act]
            if k == 1:  # most reductions: a row of them replaces the top of both stacks
                ch = chains.get((ss[-2], ss[-1], ty))
                if ch is None:
                    ch = _unit_chain(ss[-2], ss[-1], ty)
                state, pre, cb, nact = ch
                if state >= 0:
                    ss[-1] = state
                    if pre:
                        x = [vs[-1]] if pre == 1 else []
                        vs[-1] = cb(x, errors) if cb is not None else x
                    elif cb is not None:
                        vs[-1] = cb(vs[-1], errors)
                    act = nact
                    continue
                x = vs[-1]
                ss[-1] = states[ss[-2]][origin]
                if how == _KEEP:
                    x = [x]
                elif how == _DROP:
                    x = []
                elif how == _PLAN:
                    x = _filter([x], plan)
                vs[-1] = cb(x, errors) if cb is not None else x
            else:
                if k:
                    c = vs[-k:]
                    del vs[-k:]
                    del ss[-k:]
                else:
                    c = []
                ss.append(states[ss[-1]][origin])
                if how:  # not _KEEP: _filter(c, plan), inlined for the common shapes
                    if how == 5:  # _EXTEND_APPEND, `x: x _sep item`: extended in place (linear)
                        x = c[0]
                        x += c[1]
                        x.append(c[2])
                        c = x
                    elif how == 4:  # _APPEND, `x: x item`
                        x = c[0]
                        x.append(c[1])
                        c = x
                    elif how == 1:  # _SPLICE
                        c = c[0]
                    elif how == 2:  # _DROP
                        c = []
                    else:
                        c = _filter(c, plan)
                vs.append(cb(c, errors) if cb is not None else c)
            act = states[ss[-1]][ty]
        ss.append(act)
        vs.append(tok)
    end = ("$END", "", last[2], last[3]) if last is not None else ("$END", "", 0, 0)
    d = deciding[ss[-1]].get("$END")
    if d is not None:
        key = ("$END", *ss[-d:])
        r = refusals.get(key)
        if r is None:
            r = refusals[key] = _refused_at(ss, "$END")
        if r < 0:  # the input is complete: reduce to the start symbol (P.feed without its check)
            accept = _T.END
            while True:
                act = states[ss[-1]]["$END"]
                if act >= 0:  # pragma: no cover - lark's tables accept $END by reductions only
                    return P.feed(end, True)
                origin, k, how, cb, plan = frules[act]
                if k:
                    c = vs[-k:]
                    del vs[-k:]
                    del ss[-k:]
                else:
                    c = []
                ss.append(states[ss[-1]][origin])
                if how:
                    c = _filter(c, plan) if how != _SPLICE else c[0]
                vs.append(cb(c, errors) if cb is not None else c)
                if ss[-1] == accept:
                    return vs[-1]
    try:
        return P.feed(end, True)
    except _Unexpected:
        rec.token(P, end, P.expected())
        return rec.result


def _slow_token(lx: _Lexer, first: str, start: int, m, text: str) -> tuple[Token, int, bool]:
    """The state's lexer lacks the terminal the master pattern found: try its later terminals;
    failing those, lex like lark's root lexer does for an error token."""
    for name in lx.after[first]:
        m2 = _TERM_RE[name].match(text, start)
        if m2:
            val = m2.group()
            u = lx.unless.get(name)
            if u is not None:
                name = u.get(val, name)
            return (name, val, start, m2.end()), m2.end(), True
    if first in _ROOT.accepts:
        end = m.end()
        val = text[start:end]
        name = first
    else:  # pragma: no cover - only if an absorbed string terminal were found first
        for name in _ROOT.after[first]:
            m2 = _TERM_RE[name].match(text, start)
            if m2:
                break
        end = m2.end()
        val = text[start:end]
    u = _ROOT.unless.get(name)
    if u is not None:
        name = u.get(val, name)
    return (name, val, start, end), end, False


# --------------------------------------------------------------------------------------------
# Error recovery
# --------------------------------------------------------------------------------------------
_WORDS = {
    "KV_SEP": "`=` or `:`",
    "LBRACE": "`{`",
    "RBRACE": "`}`",
    "LBRACK": "`[`",
    "RBRACK": "`]`",
    "_COMMA": "`,`",
    "_NL": "a new line",
    "UNQUOTED": "a value",
    "NUMBER": "a value",
    "STRING": "a quoted string",
    "TRIPLE": "a value",
    "SUBST": "a value",
    "INCLUDE": "`include`",
    "INCLUDE_FN": "`file(`, `url(`, `classpath(` or `required(`",
    "RPAREN": "`)`",
    "$END": "end of file",
}


def _describe_token(t: Token) -> str:
    if t[0] == "$END":
        return "end of file"
    if t[0] == "_NL":
        return "end of line"
    v = t[1] if len(t[1]) <= 30 else t[1][:27] + "..."
    return f"`{v}`"


def _expected_words(names) -> str:
    words: list[str] = []
    for n in sorted(names):
        w = _WORDS.get(n)
        if w and w not in words:
            words.append(w)
    if not words:
        return "something else"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _synthetic(ty: str, at: Token) -> Token:
    val = {"KV_SEP": "=", "RBRACE": "", "RBRACK": "", "UNQUOTED": "", "_NL": "",
           "STRING": '""', "RPAREN": ""}[ty]
    pos = at[2] if at[2] is not None else 0
    return (ty, val, pos, pos)


_REPAIRS = (
    ("UNQUOTED",),
    ("_NL",),
    ("KV_SEP", "UNQUOTED"),
    ("RBRACE",),
    ("RBRACK",),
    ("UNQUOTED", "_NL"),
    ("UNQUOTED", "RBRACE"),
    ("UNQUOTED", "RBRACK"),
    ("KV_SEP", "UNQUOTED", "_NL"),
    ("KV_SEP", "UNQUOTED", "RBRACE"),
)


# at the start of a line, prefer repairs that end the previous member, so the token starts a new
# one (`...` alone on a line must not swallow the key on the next line)
_REPAIRS_AT_LINE_START = tuple(r for r in _REPAIRS if r[-1] == "_NL") + tuple(r for r in _REPAIRS if r[-1] != "_NL")


class _Recovery:
    def __init__(self, text: str) -> None:
        self.text = text
        self.diags: list[Diagnostic] = []
        self.count = 0
        self.last_line = -1
        self.result = None
        self.resume_at = -1
        self.regions: list[tuple[int, int]] = []  # what recovery re-shaped (see SObject.recovered)
        self.broken: list[tuple[int, int]] = []  # unterminated strings fed as values
        self.lines: set[int] = set()  # lines with a diagnostic

    def _line_bounds(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        eol = text.find("\n", end)
        return text.rfind("\n", 0, start) + 1, (eol if eol >= 0 else len(text))

    @staticmethod
    def _member_start(P: "_Parser") -> int | None:
        """Start of the member being parsed (its key is on the value stack), if any."""
        vs = P.vs
        for i in range(len(vs) - 1, -1, -1):
            v = vs[i]
            if isinstance(v, SKey):
                return v.start
            if isinstance(v, (SField, SInclude, list)) or (type(v) is tuple and v[0] in ("LBRACE", "LBRACK")):
                return None
        return None

    def _region(self, P: "_Parser", start: int, end: int) -> None:
        lo, hi = self._line_bounds(start, end)
        ms = self._member_start(P)
        if ms is not None and ms < lo:
            lo = ms
        self.regions.append((lo, hi))

    def merged_regions(self) -> tuple[tuple[int, int], ...]:
        out: list[list[int]] = []
        for lo, hi in sorted(self.regions):
            if out and lo <= out[-1][1] + 1:
                out[-1][1] = max(out[-1][1], hi)
            else:
                out.append([lo, hi])
        return tuple((a, b) for a, b in out)

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _open_bracket(P: _Parser) -> tuple[Token, object] | None:
        """Innermost unclosed `{`/`[` on the parser's value stack, with the key before it."""
        vs = P.vs
        for i in range(len(vs) - 1, -1, -1):
            v = vs[i]
            if type(v) is tuple and v[0] in ("LBRACE", "LBRACK"):
                key = vs[i - 1] if i > 0 and isinstance(vs[i - 1], SKey) else None
                return v, key
        return None

    def _add(self, start: int, end: int, msg: str) -> Diagnostic:
        self.last_line = self._line_of(start)
        self.lines.add(self.last_line)
        d = Diagnostic("syntax-error", "error", msg, start, max(end, start))
        self.diags.append(d)
        return d

    def _line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)

    def _closed_block(self, P: _Parser) -> str | None:
        """The key of the `key { ... }` block whose `}` the parser just shifted, if any."""
        vs = P.vs
        if not vs or type(vs[-1]) is not tuple or vs[-1][0] != "RBRACE":
            return None
        for i in range(len(vs) - 2, -1, -1):
            v = vs[i]
            if type(v) is tuple and v[0] == "LBRACE":
                k = vs[i - 1] if i > 0 else None
                return self.text[k.start:k.end] if isinstance(k, SKey) else None
        return None

    def _closing_message(self, P: _Parser, tok: Token) -> str | None:
        ob = self._open_bracket(P)
        if ob is None:
            return None
        br, key = ob
        closer = "}" if br[0] == "LBRACE" else "]"
        line = self.text.count("\n", 0, br[2]) + 1
        col = br[2] - (self.text.rfind("\n", 0, br[2]) + 1) + 1
        what = f"`{self.text[key.start:key.end]} {br[1]}`" if key is not None else f"`{br[1]}`"
        return f"expected `{closer}` to close {what} opened at {line}:{col}"

    # -- an unexpected token: report it, repair, go on (False: stop) ----------------------------
    def token(self, P: _Parser, tok: Token, expected) -> bool:
        vs = P.vs
        if tok[0] == "_NL" and vs and type(vs[-1]) is tuple and vs[-1][0] == "_NL":
            return True  # the line break after a dropped token: the parser already has one
        self.count += 1
        if self.count > MAX_ERRORS:
            return False
        if tok[0] == "$END":
            return self._at_end(P, tok)
        line = self._line_of(tok[2])
        if line != self.last_line:
            self.last_line = line
            d = self._report_token(P, tok, expected)
            self.last_line = line
            if d is not None:
                self._region(P, d.start, d.end)
        # try to repair by inserting tokens before `tok`
        at_line_start = bool(vs) and type(vs[-1]) is tuple and vs[-1][0] == "_NL"
        for seq in (_REPAIRS_AT_LINE_START if at_line_start else _REPAIRS):
            if not P.accepts(seq[0]) or not P.simulate(seq + (tok[0],)):
                continue
            for ty in seq:
                P.feed(_synthetic(ty, tok))
            P.feed(tok)
            return True
        return True  # drop the token

    def _report_token(self, P: _Parser, tok: Token, expected) -> Diagnostic | None:
        exp = set(expected or ())
        if tok[0] in ("RBRACE", "RBRACK") and self._open_bracket(P) is None:
            msg = f"unexpected {_describe_token(tok)}: no open `{'{' if tok[0] == 'RBRACE' else '['}` to close"
        elif "KV_SEP" in exp and "LBRACE" in exp:
            vs = P.vs
            key = next((v for v in reversed(vs) if isinstance(v, SKey)), None)
            if key is not None and type(vs[-1]) is tuple and vs[-1][0] == "_NL" and tok[0] != "_NL":
                if self._line_of(key.start) in self.lines:
                    return None  # that line already has its error
                # the key stands alone on its line: report it there, not at the next line's token
                return self._add(key.start, key.end, f"key `{self.text[key.start:key.end]}` has no value: "
                                 f"expected `=`, `:` or `{{` after it (found {_describe_token(tok)} on a later line)")
            kt = f" after key `{self.text[key.start:key.end]}`" if key is not None else ""
            msg = f"expected `=`, `:` or `{{`{kt}, found {_describe_token(tok)}"
        elif exp and exp <= {"_NL", "_COMMA", "RBRACE", "RBRACK", "UNQUOTED", "STRING", "TRIPLE", "SUBST",
                              "LBRACE", "LBRACK", "$END"} and "_NL" in exp:
            closed = self._closed_block(P)
            if closed is not None and tok[0] in ("UNQUOTED", "NUMBER", "STRING", "INCLUDE"):
                msg = (f"unexpected {_describe_token(tok)} after `{closed} {{ ... }}` on the same line: start "
                       "each field on a new line, or separate fields with `,`")
            elif tok[0] != "KV_SEP":
                msg = f"unexpected {_describe_token(tok)}: expected a new line or `,` before the next field"
            else:
                msg = (f"unexpected {_describe_token(tok)}: a value cannot be followed by `{tok[1]}` "
                       "(missing new line or `,` between fields?)")
        elif tok[0] == "_NL" and ("UNQUOTED" in exp and "STRING" in exp):
            msg = "expected a value before the end of the line"
        else:
            msg = f"unexpected {_describe_token(tok)}, expected {_expected_words(exp)}"
        end = tok[3]
        if tok[0] == "_NL":
            end = tok[2]  # point at the line end, not into the next line
        return self._add(tok[2], end, msg)

    def _at_end(self, P: _Parser, tok: Token) -> bool:
        """Close whatever is open, then finish the parse here (the result is kept in
        ``self.result``). Linear in the nesting depth."""
        still_open = sum(1 for v in P.vs if type(v) is tuple and v[0] in ("LBRACE", "LBRACK"))
        msg = self._closing_message(P, tok)
        end = len(self.text)
        if msg is None and self._line_of(end) != self.last_line:
            msg = "unexpected end of file, expected " + _expected_words(_STATES[P.ss[-1]].keys())
        if msg:
            self._add(end, end, msg)
            ob = self._open_bracket(P)
            if ob is not None:
                br, key = ob
                self.regions.append((key.start if key is not None else br[2], end))
            else:
                self._region(P, end, end)
        last = None
        for _ in range(4 * still_open + 100):
            if still_open <= 0 and P.simulate(("$END",)):
                self.result = P.feed(tok, True)
                return False
            for ty in ("RBRACE", "RBRACK", "KV_SEP", "RPAREN", "UNQUOTED", "STRING"):
                if ty in ("UNQUOTED", "STRING") and last in ("UNQUOTED", "STRING"):
                    continue
                if ty not in _STATES[P.ss[-1]]:
                    continue
                # A failed feed leaves a consistent state (LALR only reduces to viable
                # prefixes), so no trial copy is needed: try the next candidate.
                try:
                    P.feed(_synthetic(ty, tok))
                except _Unexpected:
                    continue
                if ty in ("RBRACE", "RBRACK"):
                    still_open -= 1
                last = ty
                break
            else:
                return False
        return False

    # -- no terminal matches at `pos` (False: stop) ---------------------------------------------
    def bad_char(self, P: _Parser, pos: int) -> bool:
        self.count += 1
        if self.count > MAX_ERRORS:
            return False
        self.resume_at = -1
        ch = self.text[pos] if pos < len(self.text) else ""
        prev = self.diags[-1] if self.diags else None
        if prev is not None and prev.end == pos and prev.message.startswith(("reserved character", "unexpected character")):
            prev.end = pos + 1  # extend a run of bad characters into one diagnostic
            return True
        if ch == '"':
            msg = "unterminated quoted string (a `\"` string must end on the same line; use `\"\"\"` for multi-line text)"
            eol = self.text.find("\n", pos)
            end = eol if eol >= 0 else len(self.text)
        elif ch == "$":
            if self.text.startswith("${", pos):
                msg = "unterminated substitution: `${` without a closing `}` on the same line"
                eol = self.text.find("\n", pos)
                end = eol if eol >= 0 else len(self.text)
            else:
                msg = "reserved character `$` is not allowed outside quotes (write `${name}` for a substitution, or quote the text)"
                end = pos + 1
        elif ch in "`^?!@*&\\+":
            msg = f"reserved character `{ch}` is not allowed outside quotes (quote the text)"
            end = pos + 1
        else:
            msg = f"unexpected character {ch!r}"
            end = pos + 1
        self._add(pos, end, msg)
        self._region(P, pos, end)
        if end > pos + 1:  # skip the rest of the broken token so it causes no follow-on errors
            self.resume_at = end
            # and stand in for it, so what follows parses as after a complete value
            value_here = P.accepts("SUBST")  # a value position (keys take no substitution)
            if ch == '"' and value_here and P.simulate(("STRING",)):
                P.feed(("STRING", self.text[pos:end].rstrip("\r") + '"', pos, end))
                self.broken.append((pos, end))
            elif ch == "$" and value_here and P.simulate(("UNQUOTED",)):
                P.feed(("UNQUOTED", "", pos, pos))
        return True


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------
@dataclass
class ParseResult:
    root: SObject | SArray | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def parse(text: str) -> ParseResult:
    """Parse HOCON text into a positioned syntax tree. Never raises on bad input. One pass:
    recovery starts at the first error, nothing is parsed twice. Thread-safe (the only shared state
    is memoised facts about the fixed tables: ``_UNIT_CHAINS``, ``_REFUSALS``)."""
    P = _Parser(text)
    rec = _Recovery(text)
    try:
        root = _run(P, rec)
    except Exception:  # pragma: no cover - recovery must never crash the caller
        root = None
        if not rec.diags:
            rec.diags.append(Diagnostic("syntax-error", "error", "syntax error", 0, 0))
    diags = rec.diags
    if rec.count and not diags:
        diags.append(Diagnostic("syntax-error", "error", "syntax error", 0, 0))
    for s, e, msg in P.errors:
        if not any(bs <= s < be for bs, be in rec.broken):  # already reported as unterminated
            diags.append(Diagnostic("syntax-error", "error", msg, s, e))
    if rec.regions and isinstance(root, SObject):
        root.recovered = rec.merged_regions()
    if root is not None and root.depth > MAX_DEPTH:
        root = _cut_depth(root, diags)
    diags.sort(key=Diagnostic.sort_key)
    if len(diags) > 1:  # one finding per mistake: never the same message twice at one place
        seen: set = set()
        diags = [d for d in diags if (k := (d.start, d.end, d.message)) not in seen and not seen.add(k)]
    return ParseResult(root, diags)


def in_recovered(root, offset: int) -> bool:
    """Is ``offset`` inside a range that error recovery re-shaped? With no tree at all (the
    parser gave up), everything is."""
    if root is None:
        return True
    regions = getattr(root, "recovered", ())
    if not regions:
        return False
    i = bisect.bisect_right(regions, (offset, 1 << 62)) - 1
    return i >= 0 and regions[i][0] <= offset <= regions[i][1]


def _children(n):
    if isinstance(n, SObject):
        return [m.value for m in n.members if isinstance(m, SField)]
    if isinstance(n, SArray):
        return n.items
    if isinstance(n, SConcat):
        return n.parts
    return []


def _cut_depth(root, diags: list[Diagnostic]):
    """Replace containers nested deeper than MAX_DEPTH by empty ones (iteratively)."""
    stack = [(root, 0)]
    reported = False
    while stack:
        n, d = stack.pop()
        if isinstance(n, (SObject, SArray)):
            d += 1
            if d >= MAX_DEPTH:
                if not reported:
                    diags.append(Diagnostic(
                        "syntax-error", "error",
                        f"nesting deeper than {MAX_DEPTH} levels is not supported", n.start, n.start + 1))
                    reported = True
                if isinstance(n, SObject):
                    n.members = []
                else:
                    n.items = []
                n.depth = 1
                continue
        for ch in _children(n):
            if ch.depth + d >= MAX_DEPTH or isinstance(ch, (SObject, SArray, SConcat)):
                stack.append((ch, d))
    return root
