"""Structural Java parser: compilation units, type declarations, members and
an expression parser for initializers / simple method bodies.

It is deliberately tolerant: it only needs to understand declarations and the
constant-ish expressions used to declare SeaTunnel options and rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexer import JavaSyntaxError, Token, tokenize

MODIFIERS = {
    "public", "private", "protected", "static", "final", "abstract", "default", "synchronized",
    "native", "transient", "volatile", "strictfp", "sealed", "non",
}
TYPE_KEYWORDS = {"class", "interface", "enum", "record"}


@dataclass
class Import:
    name: str  # dotted name without ".*"
    static: bool
    star: bool


@dataclass
class FieldDecl:
    name: str
    type_text: str
    init: list[Token] | None
    static: bool
    owner: "TypeDecl"
    line: int
    annotations: list[tuple[str, list[Token]]] = field(default_factory=list)  # (name, argument tokens)


@dataclass
class MethodDecl:
    name: str
    params: list[tuple[str, str]]  # (type text, name)
    body: list[Token] | None  # tokens between the braces, None when abstract
    static: bool
    owner: "TypeDecl"
    return_type: str
    line: int


@dataclass
class EnumConstant:
    name: str
    args: list[list[Token]]
    body: "TypeDecl | None"


@dataclass
class TypeDecl:
    name: str
    kind: str  # class / interface / enum / record / annotation
    unit: "CompilationUnit"
    outer: "TypeDecl | None"
    extends: list[str] = field(default_factory=list)
    implements: list[str] = field(default_factory=list)
    annotations: list[tuple[str, list[Token]]] = field(default_factory=list)
    fields: dict[str, FieldDecl] = field(default_factory=dict)
    methods: dict[str, list[MethodDecl]] = field(default_factory=dict)
    constructors: list[MethodDecl] = field(default_factory=list)
    enum_constants: list[EnumConstant] = field(default_factory=list)
    inner: dict[str, "TypeDecl"] = field(default_factory=dict)
    line: int = 0

    @property
    def fqn(self) -> str:
        if self.outer is not None:
            return f"{self.outer.fqn}.{self.name}"
        return f"{self.unit.package}.{self.name}" if self.unit.package else self.name

    @property
    def supertypes(self) -> list[str]:
        return self.extends + self.implements

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __repr__(self) -> str:
        return f"<{self.kind} {self.fqn}>"


@dataclass
class CompilationUnit:
    path: str
    package: str
    imports: list[Import]
    types: list[TypeDecl]


# ---------------------------------------------------------------------------
# structural parsing


class _Cursor:
    def __init__(self, tokens: list[Token]):
        self.t = tokens
        self.i = 0

    def peek(self, k: int = 0) -> Token:
        j = self.i + k
        return self.t[j] if j < len(self.t) else self.t[-1]

    def next(self) -> Token:
        tok = self.t[self.i]
        self.i += 1
        return tok

    def at(self, text: str, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok.kind in ("op", "id") and tok.text == text

    def expect(self, text: str) -> Token:
        tok = self.next()
        if tok.text != text or tok.kind not in ("op", "id"):
            raise JavaSyntaxError(f"line {tok.line}: expected {text!r}, got {tok.text!r}")
        return tok

    def eof(self) -> bool:
        return self.peek().kind == "eof"

    def skip_balanced(self, open_: str, close: str) -> list[Token]:
        """Cursor at `open_`; returns the tokens strictly inside."""
        self.expect(open_)
        start = self.i
        depth = 1
        while True:
            tok = self.next()
            if tok.kind == "eof":
                raise JavaSyntaxError(f"unbalanced {open_}")
            if tok.kind == "op":
                if tok.text == open_:
                    depth += 1
                elif tok.text == close:
                    depth -= 1
                    if depth == 0:
                        return self.t[start : self.i - 1]


def _qualified_name(c: _Cursor) -> str:
    parts = [c.next().text]
    while c.at(".") and c.peek(1).kind == "id":
        c.next()
        parts.append(c.next().text)
    return ".".join(parts)


def _skip_type_args(c: _Cursor) -> None:
    if not c.at("<"):
        return
    depth = 0
    while True:
        tok = c.next()
        if tok.kind == "eof":
            raise JavaSyntaxError("unbalanced <")
        if tok.kind == "op":
            if tok.text == "<":
                depth += 1
            elif tok.text == ">":
                depth -= 1
                if depth == 0:
                    return


def _parse_type(c: _Cursor) -> str:
    """Parse a type (annotations dropped); returns text with generics kept."""
    while c.at("@"):
        _skip_annotation(c)
    start = c.i
    _parse_type_no_dims(c)
    while c.at("[") and c.at("]", 1):
        c.next()
        c.next()
    if c.at("..."):
        c.next()
    return _join(c.t[start : c.i])


def _raw_type(text: str) -> str:
    """`Foo.Bar<X, Y>[]` -> `Foo.Bar`."""
    out = []
    depth = 0
    for ch in text:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        elif depth == 0 and ch not in "[] ":
            out.append(ch)
    return "".join(out).replace("...", "")


def _join(tokens: list[Token]) -> str:
    out = ""
    for tok in tokens:
        if tok.kind == "id" and out and (out[-1].isalnum() or out[-1] in "_$"):
            out += " "
        out += tok.text if tok.kind != "str" else repr(tok.text)
        if tok.text == ",":
            out += " "
    return out


def _skip_annotation(c: _Cursor) -> tuple[str, list[Token]]:
    c.expect("@")
    name = _qualified_name(c)
    args: list[Token] = []
    if c.at("("):
        args = c.skip_balanced("(", ")")
    return name, args


def parse_unit(src: str, path: str = "<string>") -> CompilationUnit:
    tokens = tokenize(src)
    c = _Cursor(tokens)
    unit = CompilationUnit(path=path, package="", imports=[], types=[])
    while c.at("@") and not c.at("interface", 1):
        _skip_annotation(c)
    if c.at("package"):
        c.next()
        unit.package = _qualified_name(c)
        c.expect(";")
    while c.at("import"):
        c.next()
        static = False
        if c.at("static"):
            c.next()
            static = True
        name = _qualified_name(c)
        star = False
        if c.at("."):
            c.next()
            c.expect("*")
            star = True
        c.expect(";")
        unit.imports.append(Import(name, static, star))
    while not c.eof():
        if c.at(";"):
            c.next()
            continue
        decl = _parse_member_or_type(c, unit, None)
        if isinstance(decl, TypeDecl):
            unit.types.append(decl)
    return unit


def _parse_member_or_type(c: _Cursor, unit: CompilationUnit, owner: TypeDecl | None) -> Any:
    annotations: list[tuple[str, list[Token]]] = []
    is_static = False
    while True:
        if c.at("@") and not c.at("interface", 1):
            annotations.append(_skip_annotation(c))
        elif c.peek().kind == "id" and c.peek().text in MODIFIERS:
            if c.peek().text == "non" and c.at("-", 1):  # non-sealed
                c.next()
                c.next()
            if c.peek().text == "static":
                is_static = True
            c.next()
        else:
            break
    tok = c.peek()
    if (tok.kind == "id" and tok.text in TYPE_KEYWORDS and c.peek(1).kind == "id") or (
        c.at("@") and c.at("interface", 1)
    ):
        return _parse_type_decl(c, unit, owner, annotations)
    if owner is None:
        raise JavaSyntaxError(f"line {tok.line}: unexpected {tok.text!r} at top level")
    if c.at("{"):  # initializer block
        c.skip_balanced("{", "}")
        return None
    if c.at("<"):  # generic method type parameters
        _skip_type_args(c)
    # constructor?
    if c.peek().kind == "id" and c.at("(", 1) and c.peek().text == owner.name:
        line = c.peek().line
        c.next()
        params = _parse_params(c)
        _skip_throws(c)
        body = c.skip_balanced("{", "}")
        owner.constructors.append(MethodDecl(owner.name, params, body, False, owner, "", line))
        return None
    type_text = _parse_type(c)
    name_tok = c.next()
    if name_tok.kind != "id":
        raise JavaSyntaxError(f"line {name_tok.line}: expected member name, got {name_tok.text!r}")
    if c.at("("):
        params = _parse_params(c)
        while c.at("[") and c.at("]", 1):
            c.next()
            c.next()
        _skip_throws(c)
        body = None
        if c.at("default"):  # annotation method default
            c.next()
            while not c.at(";"):
                c.next()
        if c.at("{"):
            body = c.skip_balanced("{", "}")
        else:
            c.expect(";")
        static = is_static
        m = MethodDecl(name_tok.text, params, body, static, owner, type_text, name_tok.line)
        owner.methods.setdefault(name_tok.text, []).append(m)
        return None
    # field(s)
    static = is_static or owner.kind in ("interface", "annotation")
    name = name_tok.text
    while True:
        while c.at("[") and c.at("]", 1):
            c.next()
            c.next()
        init = None
        if c.at("="):
            c.next()
            init = _read_initializer(c)
        owner.fields[name] = FieldDecl(name, type_text, init, static, owner, name_tok.line, annotations)
        if c.at(","):
            c.next()
            name_tok = c.next()
            name = name_tok.text
            continue
        c.expect(";")
        break
    return None


def _skip_throws(c: _Cursor) -> None:
    if c.at("throws"):
        c.next()
        _qualified_name(c)
        while c.at(","):
            c.next()
            _qualified_name(c)


def _parse_params(c: _Cursor) -> list[tuple[str, str]]:
    inner = c.skip_balanced("(", ")")
    params: list[tuple[str, str]] = []
    if not inner:
        return params
    sub = _Cursor(inner + [Token("eof", "", 0)])
    while not sub.eof():
        while sub.at("final") or sub.at("@"):
            if sub.at("@"):
                _skip_annotation(sub)
            else:
                sub.next()
        t = _parse_type(sub)
        n = sub.next().text
        params.append((t, n))
        if sub.at(","):
            sub.next()
    return params


def _read_initializer(c: _Cursor) -> list[Token]:
    start = c.i
    depth = 0
    while True:
        tok = c.peek()
        if tok.kind == "eof":
            raise JavaSyntaxError("unterminated initializer")
        if tok.kind == "op":
            if tok.text in "([{":
                depth += 1
            elif tok.text in ")]}":
                depth -= 1
            elif depth == 0 and tok.text == ";":
                break
            elif depth == 0 and tok.text == ",":
                nxt, nxt2 = c.peek(1), c.peek(2)
                if nxt.kind == "id" and nxt2.kind == "op" and nxt2.text in ("=", ",", ";", "["):
                    break
        c.next()
    return c.t[start : c.i]


def _parse_type_decl(
    c: _Cursor, unit: CompilationUnit, owner: TypeDecl | None, annotations: list[tuple[str, list[Token]]]
) -> TypeDecl:
    if c.at("@"):
        c.next()
        c.next()
        kind = "annotation"
    else:
        kind = c.next().text
    name_tok = c.next()
    decl = TypeDecl(name=name_tok.text, kind=kind, unit=unit, outer=owner, annotations=annotations, line=name_tok.line)
    if owner is not None:
        owner.inner[decl.name] = decl
    _skip_type_args(c)
    record_params: list[tuple[str, str]] = []
    if kind == "record" and c.at("("):
        record_params = _parse_params(c)
    while not c.at("{"):
        tok = c.next()
        if tok.text == "extends":
            decl.extends.extend(_type_list(c))
        elif tok.text == "implements":
            decl.implements.extend(_type_list(c))
        elif tok.text == "permits":
            _type_list(c)
        elif tok.kind == "eof":
            raise JavaSyntaxError("unterminated type header")
    for t, n in record_params:
        decl.fields[n] = FieldDecl(n, t, None, False, decl, name_tok.line)
    c.expect("{")
    if kind == "enum":
        _parse_enum_constants(c, unit, decl)
    while not c.at("}"):
        if c.at(";"):
            c.next()
            continue
        _parse_member_or_type(c, unit, decl)
    c.expect("}")
    return decl


def _type_list(c: _Cursor) -> list[str]:
    out = []
    while True:
        while c.at("@"):
            _skip_annotation(c)
        out.append(_raw_type(_parse_type(c)))
        if c.at(","):
            c.next()
            continue
        return out


def _parse_enum_constants(c: _Cursor, unit: CompilationUnit, decl: TypeDecl) -> None:
    while True:
        while c.at("@"):
            _skip_annotation(c)
        if c.at(";"):
            c.next()
            return
        if c.at("}"):
            return
        name = c.next().text
        args: list[list[Token]] = []
        if c.at("("):
            args = split_args(c.skip_balanced("(", ")"))
        body = None
        if c.at("{"):
            body = TypeDecl(name=name, kind="class", unit=unit, outer=decl, extends=[decl.name])
            c.expect("{")
            while not c.at("}"):
                if c.at(";"):
                    c.next()
                    continue
                _parse_member_or_type(c, unit, body)
            c.expect("}")
        decl.enum_constants.append(EnumConstant(name, args, body))
        if c.at(","):
            c.next()
            continue
        if c.at(";"):
            c.next()
            return
        if c.at("}"):
            return
        raise JavaSyntaxError(f"line {c.peek().line}: bad enum constant list")


def _generic_end(tokens: list[Token], i: int) -> int | None:
    """If tokens[i] == '<' opens a type-argument list, return the index of the matching '>'."""
    if i == 0 or tokens[i - 1].kind != "id":
        return None
    depth = 0
    j = i
    while j < len(tokens):
        t = tokens[j]
        if t.kind == "op" and t.text == "<":
            depth += 1
        elif t.kind == "op" and t.text == ">":
            depth -= 1
            if depth == 0:
                return j
        elif t.kind == "id" or (t.kind == "op" and t.text in (".", ",", "?", "[", "]", "&")):
            pass
        else:
            return None
        j += 1
    return None


def split_args(tokens: list[Token]) -> list[list[Token]]:
    """Split at depth-0 commas (parentheses/brackets/braces and type arguments)."""
    if not tokens:
        return []
    out: list[list[Token]] = [[]]
    depth = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "op":
            if tok.text in "([{":
                depth += 1
            elif tok.text in ")]}":
                depth -= 1
            elif tok.text == "<":
                end = _generic_end(tokens, i)
                if end is not None:
                    out[-1].extend(tokens[i : end + 1])
                    i = end + 1
                    continue
            elif tok.text == "," and depth == 0:
                out.append([])
                i += 1
                continue
        out[-1].append(tok)
        i += 1
    return out


# ---------------------------------------------------------------------------
# expressions


@dataclass
class Expr:
    line: int


@dataclass
class Lit(Expr):
    value: Any
    jtype: str  # "String", "int", "long", "double", "float", "boolean", "char", "null"


@dataclass
class Name(Expr):
    name: str


@dataclass
class FieldAccess(Expr):
    target: Expr
    name: str


@dataclass
class Call(Expr):
    target: Expr | None
    name: str
    args: list[Expr]


@dataclass
class New(Expr):
    type_text: str
    args: list[Expr]
    anonymous_body: bool
    array_init: list[Expr] | None = None


@dataclass
class Binary(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass
class Unary(Expr):
    op: str
    operand: Expr


@dataclass
class Cond(Expr):
    test: Expr
    then: Expr
    other: Expr


@dataclass
class Cast(Expr):
    type_text: str
    operand: Expr


@dataclass
class ClassLit(Expr):
    type_text: str


@dataclass
class ArrayInit(Expr):
    items: list[Expr]


@dataclass
class Index(Expr):
    target: Expr
    index: Expr


@dataclass
class Opaque(Expr):
    """Lambda, method reference, switch expression ... (not evaluated)."""

    text: str


_BINARY_PREC = {
    "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6,
    "<": 7, ">": 7, "<=": 7, ">=": 7, "instanceof": 7,
    "<<": 8, ">>": 8, ">>>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
}


class ExprParser:
    def __init__(self, tokens: list[Token]):
        self.c = _Cursor(list(tokens) + [Token("eof", "", tokens[-1].line if tokens else 0)])

    def parse(self) -> Expr:
        e = self.expr()
        if not self.c.eof():
            tok = self.c.peek()
            raise JavaSyntaxError(f"line {tok.line}: trailing tokens at {tok.text!r}")
        return e

    def expr(self) -> Expr:
        # lambda detection: `x ->`, `(a, b) ->`, `() ->`
        c = self.c
        if c.peek().kind == "id" and c.at("->", 1):
            return self._lambda()
        if c.at("("):
            j = 0
            depth = 0
            while True:
                t = c.peek(j)
                if t.kind == "eof":
                    break
                if t.kind == "op" and t.text == "(":
                    depth += 1
                elif t.kind == "op" and t.text == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if c.at("->", j + 1):
                return self._lambda()
        e = self.ternary()
        if c.peek().kind == "op" and c.peek().text in ("=", "+=", "-=", "*=", "/=", "|=", "&="):
            op = c.next().text
            rhs = self.expr()
            return Binary(e.line, op, e, rhs)
        return e

    def _lambda(self) -> Expr:
        line = self.c.peek().line
        start = self.c.i
        depth = 0
        while not self.c.eof():
            t = self.c.peek()
            if t.kind == "op" and t.text in "([{":
                depth += 1
            elif t.kind == "op" and t.text in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif t.kind == "op" and t.text == "," and depth == 0:
                break
            self.c.next()
        return Opaque(line, "lambda:" + _join(self.c.t[start : self.c.i])[:60])

    def ternary(self) -> Expr:
        test = self.binary(1)
        if self.c.at("?"):
            self.c.next()
            then = self.ternary()
            self.c.expect(":")
            other = self.ternary()
            return Cond(test.line, test, then, other)
        return test

    def _binop(self) -> str | None:
        t = self.c.peek()
        if t.kind == "id" and t.text == "instanceof":
            return "instanceof"
        if t.kind != "op":
            return None
        if t.text == ">" and self.c.at(">", 1):
            if self.c.at(">", 2):
                return ">>>"
            return ">>"
        return t.text if t.text in _BINARY_PREC else None

    def binary(self, min_prec: int) -> Expr:
        left = self.unary()
        while True:
            op = self._binop()
            if op is None or _BINARY_PREC[op] < min_prec:
                return left
            for _ in range(len(op) if op in (">>", ">>>") else 1):
                self.c.next()
            if op == "instanceof":
                t = _parse_type(self.c)
                if self.c.peek().kind == "id":
                    self.c.next()
                left = Binary(left.line, op, left, ClassLit(left.line, t))
                continue
            right = self.binary(_BINARY_PREC[op] + 1)
            left = Binary(left.line, op, left, right)

    def unary(self) -> Expr:
        c = self.c
        t = c.peek()
        if t.kind == "op" and t.text in ("-", "+", "!", "~", "++", "--"):
            c.next()
            return Unary(t.line, t.text, self.unary())
        if t.kind == "op" and t.text == "(" and self._looks_like_cast():
            c.next()
            tt = _parse_type(c)
            c.expect(")")
            return Cast(t.line, tt, self.unary())
        return self.postfix(self.primary())

    def _looks_like_cast(self) -> bool:
        c = self.c
        j = 1
        if c.peek(j).kind != "id":
            return False
        # scan a type
        depth = 0
        while True:
            t = c.peek(j)
            if t.kind == "eof":
                return False
            if t.kind == "op" and t.text == "<":
                depth += 1
            elif t.kind == "op" and t.text == ">":
                depth -= 1
            elif t.kind == "op" and t.text == ")" and depth == 0:
                break
            elif t.kind == "op" and t.text not in (".", ",", "[", "]", "?", "&") and depth == 0:
                return False
            j += 1
        nxt = c.peek(j + 1)
        type_tok = c.peek(1)
        if type_tok.text in ("int", "long", "short", "byte", "char", "float", "double", "boolean"):
            return True
        if nxt.kind in ("id", "str", "num", "char"):
            return True
        if nxt.kind == "op" and nxt.text in ("(", "!", "~"):
            # `(Foo) (x)` is a cast, `(a) (b)` cannot be anything else either
            return type_tok.text[:1].isupper()
        return False

    def primary(self) -> Expr:
        c = self.c
        t = c.next()
        if t.kind == "str":
            return Lit(t.line, t.text, "String")
        if t.kind == "char":
            return Lit(t.line, t.text, "char")
        if t.kind == "num":
            return _number(t)
        if t.kind == "op" and t.text == "(":
            e = self.expr()
            c.expect(")")
            return e
        if t.kind == "op" and t.text == "{":
            c.i -= 1
            inner = c.skip_balanced("{", "}")
            return ArrayInit(t.line, [ExprParser(a).parse() for a in split_args(inner)])
        if t.kind == "op" and t.text == "@":
            c.i -= 1
            _skip_annotation(c)
            return self.primary()
        if t.kind != "id":
            raise JavaSyntaxError(f"line {t.line}: unexpected {t.text!r} in expression")
        if t.text in ("true", "false"):
            return Lit(t.line, t.text == "true", "boolean")
        if t.text == "null":
            return Lit(t.line, None, "null")
        if t.text == "new":
            return self._new(t)
        if t.text == "switch":
            c.skip_balanced("(", ")")
            c.skip_balanced("{", "}")
            return Opaque(t.line, "switch")
        if t.text in ("int", "long", "short", "byte", "char", "float", "double", "boolean", "void") and c.at("."):
            c.next()
            c.expect("class")
            return ClassLit(t.line, t.text)
        if c.at("("):
            return Call(t.line, None, t.text, self._args())
        return Name(t.line, t.text)

    def _new(self, t: Token) -> Expr:
        c = self.c
        tt = _parse_type_no_dims(c)
        if c.at("["):
            # array creation
            while c.at("["):
                c.skip_balanced("[", "]")
            items = None
            if c.at("{"):
                inner = c.skip_balanced("{", "}")
                items = [ExprParser(a).parse() for a in split_args(inner)]
            return New(t.line, tt + "[]", [], False, items or [])
        args = self._args()
        anon = False
        if c.at("{"):
            c.skip_balanced("{", "}")
            anon = True
        return New(t.line, tt, args, anon)

    def _args(self) -> list[Expr]:
        inner = self.c.skip_balanced("(", ")")
        return [ExprParser(a).parse() for a in split_args(inner)]

    def postfix(self, e: Expr) -> Expr:
        c = self.c
        while True:
            if c.at("."):
                c.next()
                if c.at("<"):
                    _skip_type_args(c)
                t = c.next()
                if t.text == "class" and t.kind == "id":
                    e = ClassLit(e.line, _expr_to_name(e))
                    continue
                if c.at("("):
                    e = Call(t.line, e, t.text, self._args())
                else:
                    e = FieldAccess(t.line, e, t.text)
            elif c.at("::"):
                c.next()
                m = c.next().text
                e = Opaque(e.line, f"methodref:{m}")
            elif c.at("["):
                if c.at("]", 1):  # `Foo[].class`
                    c.next()
                    c.next()
                    continue
                inner = c.skip_balanced("[", "]")
                e = Index(e.line, e, ExprParser(inner).parse())
            elif c.at("++") or c.at("--"):
                c.next()
            elif c.at("<") and isinstance(e, (Name, FieldAccess)) and self._generic_call_ahead():
                _skip_type_args(c)
            else:
                return e

    def _generic_call_ahead(self) -> bool:
        # `Foo.<T>bar()` handled in '.' branch; here: `List<String>` in `x instanceof` is not used.
        return False


def _parse_type_no_dims(c: _Cursor) -> str:
    start = c.i
    c.next()
    while True:
        if c.at("<"):
            _skip_type_args(c)
        if c.at(".") and c.peek(1).kind == "id":
            c.next()
            c.next()
            continue
        break
    return _join(c.t[start : c.i])


def _expr_to_name(e: Expr) -> str:
    if isinstance(e, Name):
        return e.name
    if isinstance(e, FieldAccess):
        return _expr_to_name(e.target) + "." + e.name
    return "?"


def _number(t: Token) -> Lit:
    s = t.text.replace("_", "")
    low = s.lower()
    if low.startswith("0x"):
        is_long = low.endswith("l")
        v = int(low[2:].rstrip("l"), 16)
        return Lit(t.line, v, "long" if is_long else "int")
    if low.startswith("0b"):
        is_long = low.endswith("l")
        return Lit(t.line, int(low[2:].rstrip("l"), 2), "long" if is_long else "int")
    if low.endswith("l"):
        return Lit(t.line, int(low[:-1]), "long")
    if low.endswith("f"):
        return Lit(t.line, float(low[:-1]), "float")
    if low.endswith("d"):
        return Lit(t.line, float(low[:-1]), "double")
    if any(ch in low for ch in ".e"):
        return Lit(t.line, float(low), "double")
    if len(low) > 1 and low.startswith("0"):
        return Lit(t.line, int(low, 8), "int")
    return Lit(t.line, int(low), "int")


def parse_expr(tokens: list[Token]) -> Expr:
    return ExprParser(tokens).parse()


# ---------------------------------------------------------------------------
# statements (only what simple method bodies need)


@dataclass
class Stmt:
    kind: str  # "return", "local", "expr", "if", "other"
    expr: Expr | None = None
    name: str | None = None
    type_text: str | None = None
    then: list["Stmt"] | None = None
    other: list["Stmt"] | None = None
    text: str = ""


def parse_block(tokens: list[Token]) -> list[Stmt]:
    c = _Cursor(list(tokens) + [Token("eof", "", 0)])
    return _stmts(c)


def _stmts(c: _Cursor) -> list[Stmt]:
    out = []
    while not c.eof():
        out.append(_stmt(c))
    return out


def _until_semicolon(c: _Cursor) -> list[Token]:
    start = c.i
    depth = 0
    while True:
        t = c.peek()
        if t.kind == "eof":
            break
        if t.kind == "op":
            if t.text in "([{":
                depth += 1
            elif t.text in ")]}":
                depth -= 1
            elif t.text == ";" and depth == 0:
                break
        c.next()
    toks = c.t[start : c.i]
    if c.at(";"):
        c.next()
    return toks


def _stmt(c: _Cursor) -> Stmt:
    t = c.peek()
    if t.kind == "op" and t.text == "{":
        inner = c.skip_balanced("{", "}")
        return Stmt("block", then=parse_block(inner))
    if t.kind == "op" and t.text == ";":
        c.next()
        return Stmt("other", text=";")
    if t.kind == "id" and t.text == "return":
        c.next()
        toks = _until_semicolon(c)
        return Stmt("return", expr=parse_expr(toks) if toks else None)
    if t.kind == "id" and t.text == "if":
        c.next()
        cond = parse_expr(c.skip_balanced("(", ")"))
        then = _stmt(c)
        other = None
        if c.at("else"):
            c.next()
            other = [_stmt(c)]
        return Stmt("if", expr=cond, then=[then], other=other)
    if t.kind == "id" and t.text in ("for", "while", "switch", "try", "do", "synchronized", "throw"):
        # not interpreted
        start = c.i
        c.next()
        if c.at("("):
            c.skip_balanced("(", ")")
        if c.at("{"):
            c.skip_balanced("{", "}")
            while c.at("catch") or c.at("finally"):
                c.next()
                if c.at("("):
                    c.skip_balanced("(", ")")
                c.skip_balanced("{", "}")
        else:
            _until_semicolon(c)
        return Stmt("other", text=t.text + ":" + _join(c.t[start : start + 6]))
    toks = _until_semicolon(c)
    # local variable declaration?  Type name = expr
    sub = _Cursor(list(toks) + [Token("eof", "", 0)])
    while sub.at("final"):
        sub.next()
    try:
        if sub.peek().kind == "id" and sub.peek().text not in ("this", "super"):
            save = sub.i
            tt = _parse_type(sub)
            if sub.peek().kind == "id" and (sub.at("=", 1) or sub.peek(1).kind == "eof"):
                name = sub.next().text
                expr = None
                if sub.at("="):
                    sub.next()
                    expr = parse_expr(sub.t[sub.i : -1])
                return Stmt("local", expr=expr, name=name, type_text=tt)
            sub.i = save
    except JavaSyntaxError:
        pass
    return Stmt("expr", expr=parse_expr(toks) if toks else None)
