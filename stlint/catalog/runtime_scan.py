"""Mechanical scan for option requirements SeaTunnel checks at startup outside `optionRule()`.

Called by `stlint catalog build` (one hook in `extract.CatalogBuilder.build`); it adds a `runtime`
list to the plugin entries of the catalog JSON (read by `stlint.catalog.model`).  Patterns:

* `CheckConfigUtil.checkAllExists(config, K...)` -> required K, and
  `CheckConfigUtil.checkAtLeastOneExists(config, K...)` -> one of K (legacy `prepare(Config)`;
  the check looks at the written keys, so option defaults do not count: `strict`);
* `Preconditions.checkNotNull(<read of K>, msg)` and `Preconditions.checkArgument(<K is present>, msg)`
  -> required K (a read is `config.get(K)`, `config.getOptional(K).isPresent()`, `config.hasPath(K.key())`);
* `<config>.getOptional(K)...orElseThrow(...)` -> required K;
* `CatalogTableUtil.buildWithConfig(...)` -> required `schema` (it throws "Schema config need option
  [schema]..." without it).

Only checks SeaTunnel certainly runs are kept: a statement at the top level of a method body
(not inside an `if`, a loop, a `try` or a lambda) of a method reached from the plugin's entry
point, following top-level calls into classes of the SeaTunnel tree (bounded depth).  Entry
points: the factory's `createSource/createSink/createTransform` (`new X(...)` in it, then X's
constructors) for validated plugins; for "unvalidated" legacy plugins (no create method, the
engine calls `prepare(Config)` on the `@AutoService(SeaTunnelSource/SeaTunnelSink)` class whose
`getPluginName()` is the plugin name), that class's `prepare`.  Checks seen under a condition
are listed in the build report for review, never emitted.
"""

from __future__ import annotations

import os
from typing import Any, Iterator

from .java.interp import Frame, OptionVal, Unknown
from .java.lexer import JavaSyntaxError
from .java.parser import Binary, Call, Cast, Cond, Expr, FieldAccess, Lit, MethodDecl, Name, New, Opaque, TypeDecl, Unary, parse_block

__all__ = ["scan_runtime_requirements"]

CREATE_METHOD = {"source": "createSource", "sink": "createSink", "transform": "createTransform"}
LEGACY_SPI = {"source": "SeaTunnelSource", "sink": "SeaTunnelSink", "transform": "SeaTunnelTransform"}
SCHEMA_MESSAGE = "Schema config need option [schema], please correct your config first"
MAX_DEPTH = 4


def scan_runtime_requirements(builder: Any, plugins: list[dict[str, Any]]) -> None:
    """Add `runtime: [...]` to each plugin entry whose startup checks the scan finds."""
    scanner = _Scanner(builder)
    for p in plugins:
        if p.get("kind") not in CREATE_METHOD or not p.get("factory"):
            continue
        try:
            found = scanner.plugin(p)
        except (RecursionError, JavaSyntaxError) as e:  # never break a build on one plugin
            builder.report.add(f"runtime scan {p['kind']} {p['name']}", f"{type(e).__name__}: {e}")
            continue
        if found:
            p["runtime"] = found


class _Scanner:
    def __init__(self, builder: Any):
        self.b = builder
        self.index = builder.index
        self.interp = builder.interp
        paths = self.index.all_paths()
        self.root = os.path.commonpath(paths) if paths else ""
        self._legacy: dict[str, list[TypeDecl]] | None = None
        self._schema_where: str | None = None

    # ------------------------------------------------------------------ entry points
    def plugin(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        factory = self.index.get(p["factory"])
        if factory is None:
            return []
        starts: list[MethodDecl] = []
        if p.get("validated", True):
            m = self.interp.find_method(factory, CREATE_METHOD[p["kind"]], 1)
            if m is not None and m.body is not None:
                starts.append(m)
        else:
            for cls in self._legacy_classes(p["kind"], p["name"]):
                m = self._find_method(cls, "prepare", 1)
                if m is not None:
                    starts.append(m)
        out: list[dict[str, Any]] = []
        seen_methods: set[int] = set()
        for m in starts:
            self._walk(m, 0, seen_methods, out, p)
        # one entry per (type, options)
        uniq: dict[tuple, dict[str, Any]] = {}
        for r in out:
            uniq.setdefault((r["type"], tuple(r["options"])), r)
        return list(uniq.values())

    def _legacy_classes(self, kind: str, name: str) -> list[TypeDecl]:
        if self._legacy is None:
            self._legacy = {}
            for path in self.index.all_paths():
                txt = self.index.read(path)
                if "@AutoService(SeaTunnel" not in txt or "/src/test/" in path.replace(os.sep, "/"):
                    continue
                unit = self.index.unit(path)
                for t in unit.types if unit is not None else []:
                    for ann, toks in t.annotations:
                        if ann.rsplit(".", 1)[-1] == "AutoService" and toks:
                            spi = "".join(tk.text for tk in toks).replace(".class", "")
                            self._legacy.setdefault(spi.rsplit(".", 1)[-1], []).append(t)
        out = []
        for cls in self._legacy.get(LEGACY_SPI[kind], []):
            m = self._find_method(cls, "getPluginName", 0)
            v = self.interp.invoke(m, [], ctx=cls) if m is not None else None
            if isinstance(v, str) and v.lower() == name.lower():
                out.append(cls)
        return out

    def _find_method(self, cls: TypeDecl, name: str, nargs: int) -> MethodDecl | None:
        m = self.interp.find_method(cls, name, nargs)
        return m if m is not None and m.body is not None else None

    # ------------------------------------------------------------------ walking
    def _walk(self, m: MethodDecl, depth: int, seen: set[int], out: list[dict[str, Any]], p: dict[str, Any]) -> None:
        if id(m) in seen or m.body is None or depth > MAX_DEPTH:
            return
        seen.add(id(m))
        try:
            stmts = parse_block(m.body)
        except JavaSyntaxError:
            return
        frame = Frame(m.owner)
        where_note = f"runtime scan {p['kind']} {p['name']}"
        for e in _returned_lambda_bodies(m):
            # `return () -> new XSource(...)`: FactoryUtil calls the returned TableSource at once
            stmts.append(type(stmts[0])("expr", expr=e) if stmts else None)  # type: ignore[misc]
        for st in stmts:
            if st is None:
                continue
            # run whenever the method runs: a declaration, an expression statement, a return,
            # the condition of an `if`; the branches of an `if` are conditional
            if st.kind in ("local", "expr", "return", "if") and st.expr is not None:
                for call in _calls(st.expr):
                    hit = self._match(call, frame, m, st)
                    if hit is not None:
                        out.append(hit)
                    for target in self._targets(call, frame, m):
                        self._walk(target, depth + 1, seen, out, p)
            if st.kind == "if":
                for call in _nested_calls(st):
                    hit = self._match(call, frame, m, None)
                    if hit is not None:
                        self.b.report.note(where_note, f"conditional check not emitted: {hit['where']} "
                                                       f"({', '.join(hit['options'])}): review it for the overlay")

    def _targets(self, e: Expr, frame: Frame, m: MethodDecl) -> Iterator[MethodDecl]:
        """Methods of the SeaTunnel tree a top-level call or `new` runs."""
        if isinstance(e, New):
            cls = self.interp.resolve_type(e.type_text.split("<", 1)[0], m.owner)
            if cls is not None and not e.anonymous_body:
                for c in cls.constructors:
                    if c.body is not None and len(c.params) == len(e.args):
                        yield c
            return
        if not isinstance(e, Call):
            return
        if e.target is None:
            if e.name in ("this", "super"):
                owner = m.owner
                cls = owner if e.name == "this" else next(iter(self.interp.supertypes(owner)), None)
                if cls is not None:
                    for c in cls.constructors:
                        if c.body is not None and len(c.params) == len(e.args):
                            yield c
                return
            cm = self._find_method(m.owner, e.name, len(e.args))
            if cm is not None:
                yield cm
            return
        cls = self._static_target(e.target, m.owner)
        if cls is not None:
            cm = self._find_method(cls, e.name, len(e.args))
            if cm is not None and cm.static:
                yield cm

    def _static_target(self, t: Expr, ctx: TypeDecl) -> TypeDecl | None:
        name = _dotted(t)
        if name is None or not name[:1].isupper():
            return None
        return self.interp.resolve_type(name, ctx)

    # ------------------------------------------------------------------ patterns
    def _match(self, e: Expr, frame: Frame, m: MethodDecl, st: Any) -> dict[str, Any] | None:
        if not isinstance(e, Call):
            return None
        tname = _dotted(e.target) if e.target is not None else None
        simple = tname.rsplit(".", 1)[-1] if tname else None
        where = self._where(m, e)
        if simple == "CheckConfigUtil" and e.name in ("checkAllExists", "checkAtLeastOneExists", "check"):
            if st is not None and not _throws_on_failure(st, e, m):
                return None  # a CheckResult used for something else (e.g. `if (ok) { read schema }`)
            keys = [self._key(a, frame) for a in e.args[1:]]
            if not keys or any(k is None for k in keys):
                self._unresolved(m, e, "CheckConfigUtil argument")
                return None
            if e.name == "checkAtLeastOneExists":
                return _req("one_of", keys, "please specify at least one config of [%s] as non-empty", where, strict=True)
            return _req("required", keys, "please specify [%s] as non-empty", where, strict=True)
        if simple == "Preconditions" and e.name in ("checkNotNull", "checkArgument") and e.args:
            key = self._read_key(e.args[0], frame, presence=e.name == "checkArgument")
            if key is None:
                return None
            msg = _literal(e.args[1]) if len(e.args) > 1 else None
            exc = "NullPointerException" if e.name == "checkNotNull" else "IllegalArgumentException"
            return _req("required", [key], msg or exc, where)
        if e.name == "orElseThrow" and e.target is not None:
            key = self._optional_key(e.target, frame)
            if key is None:
                return None
            return _req("required", [key], _thrown_message(m, e) or "NoSuchElementException", where)
        if simple == "CatalogTableUtil" and e.name == "buildWithConfig":
            return _req("required", ["schema"], SCHEMA_MESSAGE, self._schema_location() or where)
        return None

    def _key(self, a: Expr, frame: Frame) -> str | None:
        """An option key given as a string, a String constant, `OPT.key()` or an Option."""
        if isinstance(a, Call) and a.name == "key" and not a.args and a.target is not None:
            a = a.target
        v = self._eval(a, frame)
        if isinstance(v, OptionVal):
            return v.key
        if isinstance(v, str) and v:
            return v
        return None

    def _eval(self, a: Expr, frame: Frame) -> Any:
        try:
            return self.interp.eval(a, frame)
        except (RecursionError, JavaSyntaxError, AttributeError, TypeError, KeyError, ValueError):
            return Unknown("eval failed")

    def _read_key(self, a: Expr, frame: Frame, presence: bool) -> str | None:
        """K for `cfg.get(K)` (checkNotNull) or `cfg.getOptional(K).isPresent()` /
        `cfg.hasPath(K.key())` / `cfg.get(K) != null` (checkArgument)."""
        if isinstance(a, Cast):
            a = a.operand
        if isinstance(a, Call) and a.name == "get" and len(a.args) == 1 and not presence:
            return self._option_key(a.args[0], frame)
        if presence:
            if isinstance(a, Call) and a.name == "isPresent" and a.target is not None:
                return self._optional_key(a.target, frame)
            if isinstance(a, Call) and a.name == "hasPath" and len(a.args) == 1:
                return self._key(a.args[0], frame)
            if isinstance(a, Binary) and a.op == "!=" and isinstance(a.right, Lit) and a.right.jtype == "null":
                if isinstance(a.left, Call) and a.left.name == "get" and len(a.left.args) == 1:
                    return self._option_key(a.left.args[0], frame)
        return None

    def _optional_key(self, t: Expr, frame: Frame) -> str | None:
        """K when `t` is `cfg.getOptional(K)` possibly followed by `.map(...)`/`.filter(...)`."""
        while isinstance(t, Call) and t.name in ("map", "filter", "flatMap") and t.target is not None:
            t = t.target
        if isinstance(t, Call) and t.name == "getOptional" and len(t.args) == 1:
            return self._option_key(t.args[0], frame)
        return None

    def _option_key(self, a: Expr, frame: Frame) -> str | None:
        v = self._eval(a, frame)
        return v.key if isinstance(v, OptionVal) else None

    def _unresolved(self, m: MethodDecl, e: Expr, what: str) -> None:
        self.b.report.add(self._where(m, e), f"runtime scan: {what} not resolved")

    def _where(self, m: MethodDecl, e: Expr) -> str:
        path = m.owner.unit.path
        rel = os.path.relpath(path, self.root) if self.root else path
        return f"{rel.replace(os.sep, '/')}:{getattr(e, 'line', 0) or m.line}"

    def _schema_location(self) -> str | None:
        if self._schema_where is None:
            self._schema_where = ""
            for fqn, path in self.index.top.items():
                if fqn.endswith(".CatalogTableUtil"):
                    for i, line in enumerate(self.index.read(path).splitlines(), 1):
                        if SCHEMA_MESSAGE in line:
                            rel = os.path.relpath(path, self.root) if self.root else path
                            self._schema_where = f"{rel.replace(os.sep, '/')}:{i}"
                            break
        return self._schema_where or None


def _req(type_: str, keys: list[str], message: str, where: str, strict: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {"type": type_, "options": list(dict.fromkeys(keys)), "message": message, "where": where,
                         "origin": "scan"}
    if strict:
        d["strict"] = True
    return d


def _dotted(e: Expr | None) -> str | None:
    if isinstance(e, Name):
        return e.name
    if isinstance(e, FieldAccess):
        head = _dotted(e.target)
        return f"{head}.{e.name}" if head else None
    return None


def _literal(e: Expr) -> str | None:
    if isinstance(e, Lit) and e.jtype == "String":
        return e.value
    return None


def _throws_on_failure(st: Any, call: Call, m: MethodDecl) -> bool:
    """The CheckResult of `call` makes the method throw: `if (!r.isSuccess()) throw ...` on the
    variable it is stored in (also through `CheckConfigUtil.mergeCheckResults(r, ...)`), or
    `if (!CheckConfigUtil.checkX(...).isSuccess()) throw ...` written inline."""
    if st.kind == "if":
        cond = st.expr
        first = (st.then or [None])[0]
        if first is not None and first.kind == "block":
            first = (first.then or [None])[0]
        return (isinstance(cond, Unary) and cond.op == "!" and isinstance(cond.operand, Call)
                and cond.operand.name == "isSuccess" and cond.operand.target is call
                and first is not None and first.kind == "other" and first.text.startswith("throw"))
    if st.kind != "local" or not st.name:
        return False
    toks = [t.text for t in (m.body or [])]
    names = {st.name}
    for i in range(len(toks) - 4):  # r2 = CheckConfigUtil.mergeCheckResults(r, ...)
        if toks[i + 1] == "=" and toks[i + 2:i + 5] == ["CheckConfigUtil", ".", "mergeCheckResults"]:
            j = toks.index(")", i + 5) if ")" in toks[i + 5:] else len(toks)
            if names.intersection(toks[i + 5:j]):
                names.add(toks[i])
    for i in range(len(toks) - 8):
        if toks[i:i + 3] == ["if", "(", "!"] and toks[i + 3] in names and toks[i + 4:i + 9] == [".", "isSuccess", "(", ")", ")"]:
            nxt = toks[i + 9:i + 11]
            if nxt[:1] == ["throw"] or nxt == ["{", "throw"]:
                return True
    return False


def _returned_lambda_bodies(m: MethodDecl) -> list[Expr]:
    """The expression bodies of `return () -> expr;` lambdas of a method (tokens, not the Opaque)."""
    from .java.parser import parse_expr

    toks = m.body or []
    out: list[Expr] = []
    i = 0
    while i < len(toks):
        if toks[i].text == "return" and i + 3 < len(toks) and toks[i + 1].text == "(" and toks[i + 2].text == ")" \
                and toks[i + 3].text == "->":
            j = k = i + 4
            depth = 0
            while k < len(toks) and not (toks[k].text == ";" and depth == 0 and toks[k].kind == "op"):
                if toks[k].kind == "op" and toks[k].text in "([{":
                    depth += 1
                elif toks[k].kind == "op" and toks[k].text in ")]}":
                    depth -= 1
                k += 1
            if j < k and toks[j].text != "{":
                try:
                    out.append(parse_expr(toks[j:k]))
                except JavaSyntaxError:
                    pass
            i = k
        i += 1
    return out


def _thrown_message(m: MethodDecl, e: Call) -> str | None:
    """The first string literal inside `orElseThrow(...)` (`() -> new X("msg")`), from the tokens."""
    toks = m.body or []
    for i, t in enumerate(toks):
        if t.text == "orElseThrow" and t.line >= e.line - 3 and i + 1 < len(toks) and toks[i + 1].text == "(":
            depth = 0
            for u in toks[i + 1:]:
                if u.kind == "op" and u.text == "(":
                    depth += 1
                elif u.kind == "op" and u.text == ")":
                    depth -= 1
                    if depth == 0:
                        return None
                elif u.kind == "str":
                    return u.text
    return None


def _children(e: Any) -> list[Expr]:
    out: list[Expr] = []
    for attr in ("target", "left", "right", "operand", "test", "then", "other", "index"):
        v = getattr(e, attr, None)
        if isinstance(v, Expr):
            out.append(v)
    for attr in ("args", "items", "array_init"):
        v = getattr(e, attr, None)
        if isinstance(v, list):
            out += [x for x in v if isinstance(x, Expr)]
    return out


def _calls(e: Expr | None) -> Iterator[Expr]:
    """Calls and `new`s in an expression, not inside lambdas (Opaque) or ternaries."""
    if e is None:
        return
    stack = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, (Call, New)):
            yield x
        if isinstance(x, (Opaque, Cond)):
            continue
        stack.extend(_children(x))


def _nested_calls(st: Any) -> Iterator[Expr]:
    """Calls anywhere under a compound statement (`if` branches, blocks)."""
    for sub in (st.then or []) + (st.other or []):
        if sub.expr is not None:
            yield from _calls(sub.expr)
        yield from _nested_calls(sub)
