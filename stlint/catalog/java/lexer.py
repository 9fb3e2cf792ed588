"""A small Java tokenizer (enough for declarations and constant expressions).

Comments are dropped; string/char/text-block literals are decoded; numeric
literals keep their source text (the interpreter parses them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "JavaSyntaxError"]


class JavaSyntaxError(ValueError):
    pass


@dataclass(slots=True)
class Token:
    kind: str  # "id", "str", "char", "num", "op", "eof"
    text: str  # identifier / operator text, decoded string value, number text
    line: int

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.kind}:{self.text!r}@{self.line}"


_OPERATORS = sorted(
    """>>>= <<= >>= >>> ... -> :: ++ -- && || == != <= >= += -= *= /= &= |= ^= %= << ( ) { } [ ] ; , . @ = > < ! ~ ? : + - * / & | ^ %""".split(),
    key=len,
    reverse=True,
)
# '>>' and '>>>' are deliberately NOT single tokens: generics close with '>>'.
_OPERATORS = [o for o in _OPERATORS if o not in (">>>", ">>")]

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>[ \t\r\f]+)
  | (?P<nl>\n)
  | (?P<lcomment>//[^\n]*)
  | (?P<bcomment>/\*.*?\*/)
  | (?P<textblock>\"\"\"[ \t]*\n(?:[^\\]|\\.)*?\"\"\")
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<char>'(?:[^'\\\n]|\\.)+')
  | (?P<num>(?:0[xX][0-9a-fA-F_]+[lL]?|0[bB][01_]+[lL]?|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[fFdDlL]?))
  | (?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<op>"""
    + "|".join(re.escape(o) for o in _OPERATORS)
    + r""")
    """,
    re.S | re.X,
)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "s": " ", "0": "\0", "\\": "\\", "'": "'", '"': '"'}


def _unescape(body: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n == "u":
                j = i + 1
                while j < len(body) and body[j] == "u":
                    j += 1
                out.append(chr(int(body[j : j + 4], 16)))
                i = j + 4
                continue
            if n in "01234567":
                m = re.match(r"[0-7]{1,3}", body[i + 1 :])
                assert m
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
            if n == "\n":  # text block line continuation
                i += 2
                continue
            out.append(_ESCAPES.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _text_block(raw: str) -> str:
    inner = raw[3:-3]
    inner = inner.split("\n", 1)[1] if "\n" in inner else ""
    lines = inner.split("\n")
    indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    if lines and not lines[-1].strip():  # closing delimiter line counts
        indents.append(len(lines[-1]))
    cut = min(indents) if indents else 0
    text = "\n".join(ln[cut:].rstrip() for ln in lines)
    return _unescape(text)


def tokenize(src: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    line = 1
    n = len(src)
    match = _TOKEN_RE.match
    while pos < n:
        m = match(src, pos)
        if m is None:
            raise JavaSyntaxError(f"line {line}: cannot tokenize {src[pos:pos + 20]!r}")
        kind = m.lastgroup
        text = m.group(0)
        if kind == "nl":
            line += 1
        elif kind in ("ws", "lcomment"):
            pass
        elif kind == "bcomment":
            line += text.count("\n")
        elif kind == "textblock":
            tokens.append(Token("str", _text_block(text), line))
            line += text.count("\n")
        elif kind == "str":
            tokens.append(Token("str", _unescape(text[1:-1]), line))
        elif kind == "char":
            tokens.append(Token("char", _unescape(text[1:-1]), line))
        elif kind == "num":
            tokens.append(Token("num", text, line))
        elif kind == "id":
            tokens.append(Token("id", text, line))
        else:
            tokens.append(Token("op", text, line))
        pos = m.end()
    tokens.append(Token("eof", "", line))
    return tokens
