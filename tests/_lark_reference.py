"""The previous parser front end (lark's own lexer and LALR runtime), kept for tests only.

tests/test_parser_equivalence.py checks that stlint.parser (own lexer and table driver over tables
generated from the same grammar) gives the same trees as this reference on valid input. No
grammar cache is used (no pickle). Node classes come from stlint.parser.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from stlint.diagnostics import Diagnostic
from stlint.grammar_build import grammar_file as grammar_path
from stlint.parser import (MAX_DEPTH, Node, SArray, SConcat, SField, SInclude, SKey, SObject, SScalar, SSubst,
                           _cut_depth, decode_quoted)

MAX_ERRORS = 200


# --------------------------------------------------------------------------------------------
# Inline builder (called by the LALR parser at each reduction)
# --------------------------------------------------------------------------------------------
def _tok_node(t: Token, errors: list) -> Node:
    ty = t.type
    if ty == "UNQUOTED":
        return SScalar("unquoted" if t.value else "missing", t.value, t.start_pos, t.end_pos)
    if ty == "NUMBER":
        return SScalar("number", t.value, t.start_pos, t.end_pos)
    if ty == "STRING":
        text, err = decode_quoted(t.value)
        if err:
            errors.append((t.start_pos, t.end_pos, err))
        return SScalar("quoted", text, t.start_pos, t.end_pos)
    if ty == "TRIPLE":
        return SScalar("triple", t.value[3:-3], t.start_pos, t.end_pos)
    if ty == "SUBST":
        s = SSubst(t.value, t.start_pos, t.end_pos)
        if s.error:
            errors.append((t.start_pos, t.end_pos, s.error))
        return s
    raise AssertionError(ty)


class _Builder(Transformer):
    """Reduction callbacks. ``errors`` collects token-level problems (bad escapes...)."""

    __visit_tokens__ = False

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.errors: list[tuple[int, int, str]] = []

    def start(self, c):
        if len(c) == 1 and isinstance(c[0], (SObject, SArray)) and getattr(c[0], "braced", True):
            return c[0]
        depth = max((m.depth for m in c if isinstance(m, SField)), default=0)
        return SObject(c, 0, c[-1].end if c else 0, False, depth)

    def object(self, c):
        lb, rb = c[0], c[-1]
        members = c[1:-1]
        depth = 1 + max((m.depth for m in members if isinstance(m, SField)), default=0)
        closed = rb.end_pos > rb.start_pos
        return SObject(members, lb.start_pos, rb.end_pos if closed else members[-1].end if members else lb.end_pos,
                       True, depth, closed)

    def array(self, c):
        lb, rb = c[0], c[-1]
        items = c[1:-1]
        depth = 1 + max((i.depth for i in items), default=0)
        closed = rb.end_pos > rb.start_pos
        return SArray(items, lb.start_pos, rb.end_pos if closed else items[-1].end if items else lb.end_pos,
                      depth, closed)

    def key(self, c):
        parts = []
        for t in c:
            if t.type == "STRING":
                text, err = decode_quoted(t.value)
                if err:
                    self.errors.append((t.start_pos, t.end_pos, err))
                parts.append((text, True, t.start_pos, t.end_pos))
            else:
                parts.append((t.value, False, t.start_pos, t.end_pos))
        return SKey(parts)

    def value(self, c):
        if len(c) == 1:
            x = c[0]
            return _tok_node(x, self.errors) if isinstance(x, Token) else x
        parts = [_tok_node(x, self.errors) if isinstance(x, Token) else x for x in c]
        return SConcat(parts, parts[0].start, parts[-1].end, max(p.depth for p in parts))

    def object_value(self, c):
        if len(c) == 1:
            return c[0]
        return self.value(c)

    def field(self, c):
        if len(c) == 3:
            sep = c[1]
            return SField(c[0], sep.value, sep.start_pos, c[2])
        return SField(c[0], None, c[1].start, c[1])

    def include_target(self, c):
        if len(c) == 1:
            t = c[0]
            text, err = decode_quoted(t.value)
            if err:
                self.errors.append((t.start_pos, t.end_pos, err))
            return ("heuristic", False, text, t.start_pos, t.end_pos, t.end_pos)
        fn, inner, rp = c
        kind, required, text, s, e, _ = inner
        name = fn.value[:-1]
        if name == "required":
            required = True
        elif kind != "heuristic":
            self.errors.append((fn.start_pos, rp.end_pos, f"`{name}(...)` cannot wrap `{kind}(...)`"))
        else:
            kind = name
        return (kind, required, text, s, e, rp.end_pos)

    def include(self, c):
        kw, (kind, required, text, s, e, end) = c
        return SInclude(kind, required, text, kw.start_pos, max(end, e), s, e)


# --------------------------------------------------------------------------------------------
# Grammar loading (no cache)
# --------------------------------------------------------------------------------------------
_lock = threading.Lock()
_builder = _Builder()
_parser: Lark | None = None


def _get_parser() -> Lark:
    global _parser
    if _parser is None:
        _parser = Lark(
            grammar_path().read_text(encoding="utf-8"),
            parser="lalr",
            lexer="contextual",
            # Positions come from tokens inside the inline builder; lark's propagate_positions only
            # decorates lark Trees (which are never built here) and would cost ~20% of parse time.
            propagate_positions=False,
            maybe_placeholders=False,
            transformer=_builder,
        )
    return _parser


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
    if t.type == "$END":
        return "end of file"
    if t.type == "_NL":
        return "end of line"
    v = t.value if len(t.value) <= 30 else t.value[:27] + "..."
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
    pos = at.start_pos if at.start_pos is not None else 0
    return Token(ty, val, start_pos=pos, line=at.line, column=at.column, end_line=at.line,
                 end_column=at.column, end_pos=pos)


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


def _light_copy(ip):
    """Copy an interactive parser without deep-copying its value stack (lark's own copy
    deep-copies tokens, which drops their end positions, and costs O(document))."""
    ps = ip.parser_state
    values = [Tree(v.data, list(v.children)) if isinstance(v, Tree) else v for v in ps.value_stack]
    new_ps = type(ps)(ps.parse_conf, ps.lexer, list(ps.state_stack), values)
    return type(ip)(ip.parser, new_ps, ip.lexer_thread)


class _Recovery:
    def __init__(self, text: str) -> None:
        self.text = text
        self.diags: list[Diagnostic] = []
        self.count = 0
        self.last_line = -1
        self.result = None

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _state_accepts(ip, ty: str) -> bool:
        ps = ip.parser_state
        return ty in ps.parse_conf.parse_table.states[ps.position]

    def _open_bracket(self, ip) -> tuple[Token, object] | None:
        """Innermost unclosed `{`/`[` on the parser's value stack, with the key before it."""
        vs = ip.parser_state.value_stack
        for i in range(len(vs) - 1, -1, -1):
            v = vs[i]
            if isinstance(v, Token) and v.type in ("LBRACE", "LBRACK"):
                key = vs[i - 1] if i > 0 and isinstance(vs[i - 1], SKey) else None
                return v, key
        return None

    def _add(self, start: int, end: int, msg: str) -> None:
        self.last_line = self._line_of(start)
        self.diags.append(Diagnostic("syntax-error", "error", msg, start, max(end, start)))

    def _line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)

    def _closing_message(self, ip, tok: Token) -> str | None:
        ob = self._open_bracket(ip)
        if ob is None:
            return None
        br, key = ob
        closer = "}" if br.type == "LBRACE" else "]"
        line = self.text.count("\n", 0, br.start_pos) + 1
        col = br.start_pos - (self.text.rfind("\n", 0, br.start_pos) + 1) + 1
        what = f"`{self.text[key.start:key.end]} {br.value}`" if key is not None else f"`{br.value}`"
        return f"expected `{closer}` to close {what} opened at {line}:{col}"

    # -- the callback -------------------------------------------------------------------------
    def __call__(self, e: UnexpectedInput) -> bool:
        self.count += 1
        if self.count > MAX_ERRORS:
            return False
        if isinstance(e, UnexpectedCharacters):
            return self._bad_char(e)
        if not isinstance(e, UnexpectedToken):
            return False
        ip = e.interactive_parser
        tok = e.token
        if tok.type == "$END":
            return self._at_end(ip, tok)
        line = self._line_of(tok.start_pos)
        if line != self.last_line:
            self.last_line = line
            self._report_token(ip, tok, e.expected)
        # try to repair by inserting tokens before `tok`
        for seq in _REPAIRS:
            if not self._state_accepts(ip, seq[0]):
                continue
            trial = _light_copy(ip)
            try:
                for ty in seq:
                    trial.feed_token(_synthetic(ty, tok))
                trial.feed_token(tok)
            except Exception:
                continue
            for ty in seq:
                ip.feed_token(_synthetic(ty, tok))
            ip.feed_token(tok)
            return True
        return True  # drop the token

    def _report_token(self, ip, tok: Token, expected) -> None:
        exp = set(expected or ())
        if tok.type in ("RBRACE", "RBRACK") and self._open_bracket(ip) is None:
            msg = f"unexpected {_describe_token(tok)}: no open `{'{' if tok.type == 'RBRACE' else '['}` to close"
        elif "KV_SEP" in exp and "LBRACE" in exp:
            vs = ip.parser_state.value_stack
            key = next((v for v in reversed(vs) if isinstance(v, SKey)), None)
            kt = f" after key `{self.text[key.start:key.end]}`" if key is not None else ""
            msg = f"expected `=`, `:` or `{{`{kt}, found {_describe_token(tok)}"
        elif exp and exp <= {"_NL", "_COMMA", "RBRACE", "RBRACK", "UNQUOTED", "STRING", "TRIPLE", "SUBST",
                              "LBRACE", "LBRACK", "$END"} and "_NL" in exp:
            msg = (f"unexpected {_describe_token(tok)}: expected a new line or `,` before the next field"
                   if tok.type != "KV_SEP" else
                   f"unexpected {_describe_token(tok)}: a value cannot be followed by `{tok.value}` "
                   "(missing new line or `,` between fields?)")
        elif tok.type == "_NL" and ("UNQUOTED" in exp and "STRING" in exp):
            msg = "expected a value before the end of the line"
        else:
            msg = f"unexpected {_describe_token(tok)}, expected {_expected_words(exp)}"
        end = tok.end_pos if tok.type != "_NL" else tok.start_pos + 1
        if tok.type == "_NL":
            end = tok.start_pos  # point at the line end, not into the next line
        self._add(tok.start_pos, end, msg)

    def _at_end(self, ip, tok: Token) -> bool:
        """Close whatever is open, then finish the parse here (the result is kept in
        ``self.result``; returning False makes lark stop). Linear in the nesting depth."""
        states = ip.parser_state.parse_conf.parse_table.states
        still_open = sum(1 for v in ip.parser_state.value_stack
                         if isinstance(v, Token) and v.type in ("LBRACE", "LBRACK"))
        msg = self._closing_message(ip, tok)
        end = len(self.text)
        if msg is None and self._line_of(end) != self.last_line:
            msg = "unexpected end of file, expected " + _expected_words(states[ip.parser_state.position].keys())
        if msg:
            self._add(end, end, msg)
        last = None
        for _ in range(4 * still_open + 100):
            if still_open <= 0:
                trial = _light_copy(ip)
                try:
                    self.result = trial.feed_token(tok)
                    return False
                except Exception:
                    pass
            for ty in ("RBRACE", "RBRACK", "KV_SEP", "RPAREN", "UNQUOTED", "STRING"):
                if ty in ("UNQUOTED", "STRING") and last in ("UNQUOTED", "STRING"):
                    continue
                action = states[ip.parser_state.position].get(ty)
                if action is None:
                    continue
                # A failed feed leaves a consistent state (LALR only reduces to viable
                # prefixes), so no trial copy is needed: try the next candidate.
                try:
                    ip.feed_token(_synthetic(ty, tok))
                except Exception:
                    continue
                if ty in ("RBRACE", "RBRACK"):
                    still_open -= 1
                last = ty
                break
            else:
                return False
        return False

    def _bad_char(self, e: UnexpectedCharacters) -> bool:
        pos = e.pos_in_stream
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
        if end > pos + 1:  # skip the rest of the broken token so it causes no follow-on errors
            ctr = e.interactive_parser.lexer_thread.state.line_ctr
            if ctr.char_pos == pos:
                ctr.feed(self.text[pos:end])
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
    """Parse HOCON text into a positioned syntax tree. Never raises on bad input."""
    with _lock:
        p = _get_parser()
        _builder.errors = []
        diags: list[Diagnostic] = []
        try:
            root = p.parse(text)
        except UnexpectedInput:
            _builder.errors = []
            rec = _Recovery(text)
            try:
                root = p.parse(text, on_error=rec)
            except UnexpectedInput:
                root = rec.result
            except Exception:  # pragma: no cover - recovery must never crash the caller
                root = None
            diags = rec.diags
            if not diags:
                diags.append(Diagnostic("syntax-error", "error", "syntax error", 0, 0))
        errors = _builder.errors
        _builder.errors = []
    for s, e, msg in errors:
        diags.append(Diagnostic("syntax-error", "error", msg, s, e))
    if root is not None and root.depth > MAX_DEPTH:
        root = _cut_depth(root, diags)
    diags.sort(key=Diagnostic.sort_key)
    return ParseResult(root, diags)

