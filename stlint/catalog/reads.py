"""Options a plugin reads, beyond its `optionRule()`.

SeaTunnel's `optionRule()` lists are incomplete: connectors read many more options in their
Config classes, in base classes shared by source and sink, in format modules and in reader /
writer classes.  This module follows, from each factory, the classes whose code runs for the
plugin: instantiated (`new X(...)`, `X::new`), used statically (`X.of(...)`, `X.CONST`) or
inherited -- a type that is only named (parameter, field or local type) is not followed -- inside
the factory's Maven module and the in-tree modules that module depends on (its `pom.xml`,
transitively, test scope excluded; the engine/API modules are not entered).  A source does not
enter sink-side classes, a sink no source-side ones, and no plugin enters another plugin's
factory.  In every visited class it collects:

- `Holder.FIELD` and bare `FIELD` references (static imports, inherited interfaces) whose value is
  an `Option` (`Options.key(...)...`), wherever the holder is declared (API holders included);
- `Options.key("...")...` chains written inline in a method body;
- legacy typesafe-config string reads (`config.getString("key")`, `hasPath("key")`,
  `CheckConfigUtil.checkAllExists(config, "a", "b")`) in files that import the shaded `Config`.

Not reads: `OPTION.defaultValue()`, `OPTION.key()` outside a config getter (`map.put(OPTION.key(),
v)`), OptionRule fields, and options read from a sub-config (`ReadonlyConfig.fromMap(config.get(
MAP))`, lambda parameters over `ReadonlyConfig::fromMap`).

Why not tree-sitter-java (on PyPI, 0.23.5): it gives a syntax tree only; the work here is name
resolution (imports, static imports, inherited interface constants, nested types, module layout)
and constant evaluation, which `stlint.catalog.java.interp` already does on the hand-written parser's
token streams.  A second parser would duplicate that resolution, not replace it.

An option whose value some visited class reads with a Typesafe Config getter (`config.getInt(
OPTION.key())`, `toConfig().getStringList(...)`, `config.getBoolean("key")` in legacy code) gets
`typesafe_reads` (the getters): its value is then not only converted by `ConfigUtil.convertValue`.

Such options are recorded with `source: "read"`: the key is known (no unknown-option warning),
the type/default/enum/description come from the declaration; no requirement is ever inferred
from a read.  Everything is static (tokens of the hand-written parser), nothing is compiled.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import Any, Iterator

from .java.interp import Frame, Interpreter, OptBuilder, OptionVal, SourceIndex, TypeInfo
from .java.lexer import JavaSyntaxError, Token
from .java.parser import TypeDecl, parse_expr

# top-level directories of the SeaTunnel tree that hold the engine, the API and tooling: a plugin's
# reads are never followed into them (their classes serve every plugin)
ENGINE_DIRS = (
    "seatunnel-api", "seatunnel-common", "seatunnel-core", "seatunnel-engine", "seatunnel-shade", "seatunnel-config",
    "seatunnel-plugin-discovery", "seatunnel-translation", "seatunnel-e2e", "seatunnel-dist", "seatunnel-ci-tools",
    "seatunnel-examples", "tools",
)

# typesafe Config getters: method -> (type, element type)
LEGACY_GETTERS: dict[str, tuple[str, str | None]] = {
    "getString": ("string", None), "getInt": ("int", None), "getLong": ("long", None),
    "getBoolean": ("boolean", None), "getDouble": ("double", None), "getNumber": ("double", None),
    "getStringList": ("list", "string"), "getIntList": ("list", "int"), "getLongList": ("list", "long"),
    "getBooleanList": ("list", "boolean"), "getDoubleList": ("list", "double"),
    "getConfig": ("map", None), "getObject": ("map", None), "getConfigList": ("list", "object"),
    "getObjectList": ("list", "object"), "getList": ("list", None), "getAnyRef": ("object", None),
    "getValue": ("object", None), "getDuration": ("duration", None), "getBytes": ("long", None),
    "hasPath": ("object", None), "getIsNull": ("object", None), "hasPathOrNull": ("object", None),
}
LEGACY_CHECKS = {"checkAllExists", "checkAtLeastOneExists"}
_CONFIG_IMPORT = re.compile(r"\bimport\s+[\w.]*typesafe\.config\.Config\s*;")
_CONFIG_RECEIVER = re.compile(r"conf", re.I)


# the side of a class, from the words of its name (then its package): a source plugin never follows
# into sink-side classes and a sink never into source-side ones (shared dispatch classes such as the
# file connectors' FileFormat enum name both the read and the write strategies)
_SIDE_WORDS = {
    "sink": {"Sink", "Sinks", "Write", "Writer", "Writers", "Committer", "Commit"},
    "source": {"Source", "Sources", "Read", "Reader", "Readers", "Split", "Splits", "Enumerator", "Splitter"},
}


def class_side(fqn: str) -> str | None:
    pkg, _, name = fqn.rpartition(".")
    words = set(re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name))
    hits = [side for side, ws in _SIDE_WORDS.items() if words & ws]
    if len(hits) == 1:
        return hits[0]
    if hits:
        return None
    segs = set(pkg.split("."))
    hits = [side for side in ("sink", "source") if side in segs]
    return hits[0] if len(hits) == 1 else None


def _is_type_name(s: str) -> bool:
    return s[:1].isupper() and not s.isupper() and any(c.islower() for c in s)


def _is_const_name(s: str) -> bool:
    return s[:1].isupper() and s.upper() == s and any(c.isalpha() for c in s)


class Modules:
    """Maven modules of a source tree: which module a file is in and which in-tree modules it
    depends on (transitively).  Without pom files every module stands alone."""

    def __init__(self, root: str | None, paths: list[str]):
        self.root = root
        self.dir_of: dict[str, str] = {}
        self.artifact_dir: dict[str, str] = {}
        self.deps: dict[str, set[str]] = {}
        self._closure: dict[str, frozenset[str]] = {}
        for p in paths:
            norm = p.replace(os.sep, "/")
            i = norm.find("/src/main/java/")
            self.dir_of[p] = norm[:i] if i >= 0 else os.path.dirname(norm)
        for d in set(self.dir_of.values()):
            pom = os.path.join(d, "pom.xml")
            if not os.path.exists(pom):
                continue
            try:
                text = open(pom, encoding="utf-8", errors="replace").read()
            except OSError:
                continue
            own, deps = _pom_artifacts(text)
            if own:
                self.artifact_dir.setdefault(own, d)
            self.deps[d] = deps

    def closure(self, module: str) -> frozenset[str]:
        c = self._closure.get(module)
        if c is None:
            seen = {module}
            todo = [module]
            while todo:
                m = todo.pop()
                for a in self.deps.get(m, ()):
                    d = self.artifact_dir.get(a)
                    if d is not None and d not in seen and not self.is_engine(d):
                        seen.add(d)
                        todo.append(d)
            c = self._closure[module] = frozenset(seen)
        return c

    def is_engine(self, module: str) -> bool:
        if self.root is None:
            return False
        rel = os.path.relpath(module, self.root).replace(os.sep, "/")
        return any(rel == e or rel.startswith(e + "/") for e in ENGINE_DIRS)


def _pom_artifacts(text: str) -> tuple[str | None, set[str]]:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    body = re.sub(r"<parent>.*?</parent>", "", text, count=1, flags=re.S)
    body = re.sub(r"<dependencyManagement>.*?</dependencyManagement>", "", body, flags=re.S)
    body = re.sub(r"<build>.*?</build>", "", body, flags=re.S)
    body = re.sub(r"<profiles>.*?</profiles>", "", body, flags=re.S)
    m = re.search(r"<artifactId>\s*([^<\s]+)\s*</artifactId>", body)
    own = m.group(1) if m else None
    deps: set[str] = set()
    for block in re.findall(r"<dependencies>(.*?)</dependencies>", body, flags=re.S):
        for dep in re.findall(r"<dependency>(.*?)</dependency>", block, flags=re.S):
            if re.search(r"<scope>\s*test\s*</scope>", dep):
                continue
            a = re.search(r"<artifactId>\s*([^<\s]+)\s*</artifactId>", dep)
            if a:
                deps.add(a.group(1))
    return own, deps


class Read:
    """One read found in a class: an Option value, or a legacy string key with its getter type."""

    __slots__ = ("option", "where", "getter")

    def __init__(self, option: OptionVal, where: str, getter: str | None = None):
        self.option = option
        self.where = where
        self.getter = getter  # the Typesafe Config getter that reads it (`config.getInt(OPTION.key())`)


class ReadsAnalyzer:
    def __init__(self, index: SourceIndex, interp: Interpreter, root: str | None, exclude_holders: set[str] | None = None):
        self.index = index
        self.interp = interp
        self.modules = Modules(root, index.all_paths())
        self.exclude_holders = exclude_holders or set()
        self._refs: dict[str, list[TypeDecl]] = {}  # top-level fqn -> referenced top-level types
        self._reads: dict[str, list[Read]] = {}  # top-level fqn -> reads in it
        self._name_cache: dict[tuple[int, str], Any] = {}
        self._type_cache: dict[tuple[int, str], TypeDecl | None] = {}
        self.unresolved: list[str] = []

    # ------------------------------------------------------------------ plumbing
    def _path(self, decl: TypeDecl) -> str | None:
        top = decl
        while top.outer is not None:
            top = top.outer
        return self.index.top.get(top.fqn)

    @staticmethod
    def _top(decl: TypeDecl) -> TypeDecl:
        while decl.outer is not None:
            decl = decl.outer
        return decl

    def _all_decls(self, top: TypeDecl) -> Iterator[TypeDecl]:
        yield top
        for i in top.inner.values():
            yield from self._all_decls(i)
        for ec in top.enum_constants:
            if ec.body is not None:
                yield from self._all_decls(ec.body)

    def _chunks(self, decl: TypeDecl) -> Iterator[tuple[list[Token], bool]]:
        """Token lists of a declaration's code: (tokens, is_option_declaration).  Signatures and
        declared types are left out: a class that only names a type (a parameter, a field type)
        receives an object someone else built, it does not build (and read) it."""
        for f in decl.fields.values():
            if f.init:
                # an option declaration, or an OptionRule built in a field (JdbcCatalogOptions.BASE_RULE):
                # neither reads the config
                decl_init = (len(f.init) >= 3 and f.init[0].text == "Options" and f.init[2].text == "key") or \
                    (len(f.init) >= 1 and f.init[0].text == "OptionRule")
                yield f.init, decl_init
        for ms in list(decl.methods.values()) + [decl.constructors]:
            for m in ms:
                if m.body:
                    yield m.body, False
        for ec in decl.enum_constants:
            for a in ec.args:
                yield a, False

    def _resolve_type(self, name: str, ctx: TypeDecl) -> TypeDecl | None:
        k = (id(ctx), name)
        if k not in self._type_cache:
            try:
                self._type_cache[k] = self.interp.resolve_type(name, ctx)
            except RecursionError:
                self._type_cache[k] = None
        return self._type_cache[k]

    def _bare_option(self, name: str, ctx: TypeDecl) -> Any:
        k = (id(ctx), name)
        if k not in self._name_cache:
            try:
                v = self.interp.lookup_name(name, Frame(ctx))
            except (RecursionError, JavaSyntaxError):
                v = None
            self._name_cache[k] = v if isinstance(v, OptionVal) else None
        return self._name_cache[k]

    def _member_option(self, holder: TypeDecl, name: str) -> Any:
        f = self.interp.find_field(holder, name)
        if f is None:
            return None
        v = self.interp.field_value(f)
        return v if isinstance(v, OptionVal) else None

    # ------------------------------------------------------------------ one class
    def _scan(self, top: TypeDecl) -> None:
        fqn = top.fqn
        refs: dict[int, TypeDecl] = {}
        reads: list[Read] = []
        path = self._path(top)
        legacy = bool(path) and bool(_CONFIG_IMPORT.search(self.index.read(path)))
        for decl in self._all_decls(top):
            for sup in self.interp.supertypes(decl):  # inherited code runs as the plugin's own
                refs[id(self._top(sup))] = self._top(sup)
            for toks, is_decl in self._chunks(decl):
                n = len(toks)
                nested = self._nested_locals(toks, decl)
                for i, t in enumerate(toks):
                    if t.kind != "id":
                        continue
                    prev = toks[i - 1].text if i > 0 else ""
                    nxt = toks[i + 1].text if i + 1 < n else ""
                    if t.text == "Options" and prev != "." and nxt == "." and i + 2 < n and toks[i + 2].text == "key":
                        if not is_decl:
                            o = self._inline_option(toks, i, decl)
                            if o is not None:
                                reads.append(Read(o, f"{fqn}:{t.line}"))
                    elif _is_type_name(t.text) and prev != ".":
                        # a type name (possibly Outer.Inner); also the holder of Holder.FIELD
                        j = i
                        chain = [t.text]
                        while j + 2 < n and toks[j + 1].text == "." and toks[j + 2].kind == "id" and _is_type_name(toks[j + 2].text):
                            chain.append(toks[j + 2].text)
                            j += 2
                        d = self._resolve_type(".".join(chain), decl)
                        if d is None and len(chain) > 1:
                            d = self._resolve_type(chain[0], decl)
                            j = i
                        if d is None:
                            continue
                        after = toks[j + 1].text if j + 1 < n else ""
                        if prev == "new" or after == "::" or (
                                after == "." and j + 2 < n and toks[j + 2].kind == "id" and toks[j + 2].text != "class"):
                            # instantiated, or a static member used: its code runs for this plugin
                            refs[id(self._top(d))] = self._top(d)
                        if j + 2 < n and toks[j + 1].text == "." and toks[j + 2].kind == "id" and _is_const_name(toks[j + 2].text) \
                                and not (j + 3 < n and toks[j + 3].text == "(") and not _default_only(toks, j + 3) \
                                and not _read_from(toks, i, nested):
                            if not is_decl:
                                o = self._member_option(d, toks[j + 2].text)
                                if o is not None and not (_key_not_read(toks, i, j + 3) and not o.key.endswith(".")):
                                    reads.append(Read(o, f"{fqn}:{toks[j + 2].line}", _typesafe_getter(toks, i, j + 3)))
                    elif _is_const_name(t.text) and prev != "." and nxt != "(" and not is_decl and not _default_only(toks, i + 1) \
                            and not _read_from(toks, i, nested):
                        o = self._bare_option(t.text, decl)
                        # a prefix option is read through its key (`key.startsWith(PREFIX.key())`)
                        if o is not None and not (_key_not_read(toks, i, i + 1) and not o.key.endswith(".")):
                            reads.append(Read(o, f"{fqn}:{t.line}", _typesafe_getter(toks, i, i + 1)))
                    elif legacy and prev == "." and nxt == "(" and (t.text in LEGACY_GETTERS or t.text in LEGACY_CHECKS):
                        reads.extend(self._legacy(toks, i, decl, fqn))
        self._refs[fqn] = list(refs.values())
        self._reads[fqn] = reads

    def _nested_locals(self, toks: list[Token], decl: TypeDecl) -> set[str]:
        """Locals holding a sub-config: `V = ReadonlyConfig.fromMap(config.get(MAP_OPTION))` or
        `V = m(...)` where this class's method m builds one that way (Jdbc sink's `catalog { }`).
        Options read from them are keys inside a map option, not the plugin's own keys."""
        out: set[str] = set()
        n = len(toks)
        for i in range(n - 2):
            if toks[i].kind != "id" or toks[i + 1].text != "=" or (i > 0 and toks[i - 1].text == "."):
                continue
            k = i + 2
            depth = 0
            rhs: list[Token] = []
            while k < n and not (depth == 0 and toks[k].text in (";", ",", ")")):
                if toks[k].text in ("(", "[", "{"):
                    depth += 1
                elif toks[k].text in (")", "]", "}"):
                    depth -= 1
                rhs.append(toks[k])
                k += 1
            if self._builds_sub_config(rhs) or any(
                    t.kind == "id" and r + 1 < len(rhs) and rhs[r + 1].text == "(" and (r == 0 or rhs[r - 1].text != ".")
                    and self._method_builds_sub_config(decl, t.text) for r, t in enumerate(rhs)):
                out.add(toks[i].text)
        # `configs.stream().map(ReadonlyConfig::fromMap).filter(c -> c.get(X))`: lambda parameters of a
        # statement that maps entries of a list option to sub-configs
        for i in range(n - 2):
            if toks[i].text == "ReadonlyConfig" and toks[i + 1].text == "::" and toks[i + 2].text == "fromMap":
                k = i + 3
                depth = 0
                while k < n and not (depth <= 0 and toks[k].text == ";"):
                    if toks[k].text in ("(", "{"):
                        depth += 1
                    elif toks[k].text in (")", "}"):
                        depth -= 1
                    if toks[k].text == "->" and toks[k - 1].kind == "id":
                        out.add(toks[k - 1].text)
                    k += 1
        return out

    @staticmethod
    def _builds_sub_config(rhs: list[Token]) -> bool:
        texts = [t.text for t in rhs]
        return "fromMap" in texts and ("get" in texts or "getOptional" in texts)

    def _method_builds_sub_config(self, decl: TypeDecl, name: str) -> bool:
        """Every `return` of the method builds a sub-config (a method that falls back to the
        plugin's own config, like Jdbc sink's getCatalogOptions(), does not count)."""
        for m in decl.methods.get(name, []):
            if not m.body or "ReadonlyConfig" not in m.return_type:
                continue
            texts = [t.text for t in m.body]
            if "fromMap" not in texts or not ("get" in texts or "getOptional" in texts):
                continue
            returns = []
            for k, t in enumerate(texts):
                if t == "return":
                    end = texts.index(";", k) if ";" in texts[k:] else len(texts)
                    returns.append(texts[k:end])
            if returns and all("fromMap" in r for r in returns):
                return True
        return False

    def _inline_option(self, toks: list[Token], i: int, decl: TypeDecl) -> OptionVal | None:
        """`Options.key("k").stringType()...` written inside a method: evaluate the chain."""
        j = i + 3  # at "("
        n = len(toks)
        end = _skip_parens(toks, j)
        while end is not None and end + 2 < n and toks[end].text == "." and toks[end + 1].kind == "id" and toks[end + 2].text == "(":
            end = _skip_parens(toks, end + 2)
        if end is None:
            return None
        try:
            v = self.interp.eval(parse_expr(toks[i:end]), Frame(decl))
        except (JavaSyntaxError, RecursionError, IndexError):
            return None
        if isinstance(v, OptBuilder):
            v = OptionVal(key=v.key, type=v.type or TypeInfo("object"), choices=v.choices)
        if isinstance(v, OptionVal):
            return v if v.origin else replace(v, origin=f"{decl.fqn} (inline)")
        return None

    def _legacy(self, toks: list[Token], i: int, decl: TypeDecl, fqn: str) -> list[Read]:
        """`config.getString("key")`, `config.hasPath(KEY)`, `CheckConfigUtil.checkAllExists(config, "a", "b")`."""
        name = toks[i].text
        recv = toks[i - 2].text if i >= 2 else ""
        if name in LEGACY_CHECKS:
            if recv != "CheckConfigUtil":
                return []
        elif not _CONFIG_RECEIVER.search(recv) or recv[:1].isupper():
            return []
        end = _skip_parens(toks, i + 1)
        if end is None:
            return []
        args = _split_args(toks[i + 2:end - 1])
        if name in LEGACY_CHECKS:
            args = args[1:]
        elif len(args) != 1:
            return []
        typ, elem = LEGACY_GETTERS.get(name, ("object", None))
        out = []
        for a in args:
            if len(a) >= 3 and [t.text for t in a[-4:]] == [".", "key", "(", ")"]:
                continue  # config.getString(OPTION.key()): recorded with its declaration (OPTION)
            key = self._const_string(a, decl)
            if not isinstance(key, str) or not key or any(c.isspace() for c in key):
                continue
            ti = TypeInfo(typ, element=TypeInfo(elem) if elem else None)
            out.append(Read(OptionVal(key=key, type=ti, origin=f"{fqn} ({'CheckConfigUtil.' if name in LEGACY_CHECKS else ''}{name})"),
                            f"{fqn}:{toks[i].line}", name if name in VALUE_GETTERS else None))
        return out

    def _const_string(self, toks: list[Token], decl: TypeDecl) -> Any:
        if len(toks) == 1 and toks[0].kind == "str":
            return toks[0].text
        if not toks or not all(t.kind in ("id", "op", "str") for t in toks):
            return None
        try:
            v = self.interp.eval(parse_expr(toks), Frame(decl))
        except (JavaSyntaxError, RecursionError, IndexError):
            return None
        if isinstance(v, OptionVal):  # legacy code also writes config.getString(OPTION.key())
            return None
        return v if isinstance(v, str) else None

    # ------------------------------------------------------------------ one plugin
    def plugin_classes(self, factory: TypeDecl, kind: str) -> list[TypeDecl]:
        """The SeaTunnelSource/Sink/Transform implementations in the factory's module: the engine
        instantiates them itself (`prepare(config)`) when the factory does not create the plugin."""
        path = self._path(factory)
        module = self.modules.dir_of.get(path or "")
        spi = {"source": "SeaTunnelSource", "sink": "SeaTunnelSink", "transform": "SeaTunnelTransform"}[kind]
        out = []
        for fqn, p in self.index.top.items():
            if self.modules.dir_of.get(p) != module:
                continue
            d = self.index.get(fqn)
            if d is None or d.kind != "class" or d is factory:
                continue
            try:
                if self.interp.is_subtype(d, [spi]):
                    out.append(d)
            except RecursionError:
                continue
        return out

    def reads_of(self, factory: TypeDecl, factories: set[str], kind: str | None = None,
                 extra_starts: list[TypeDecl] | None = None) -> list[Read]:
        """Every read in the classes reachable from `factory` within its module closure (a source
        never enters sink-side classes, a sink never source-side ones)."""
        other = {"source": "sink", "sink": "source"}.get(kind or "")
        start = self._top(factory)
        path = self._path(start)
        if path is None:
            return []
        allowed = self.modules.closure(self.modules.dir_of.get(path, ""))
        todo = [start] + [self._top(d) for d in extra_starts or () if self._top(d) is not start]
        seen = {d.fqn for d in todo}
        out: list[Read] = []
        while todo:
            top = todo.pop(0)
            if top.fqn not in self._refs:
                try:
                    self._scan(top)
                except Exception as e:  # a construct the token scan does not expect: skip the class, say so
                    self._refs[top.fqn], self._reads[top.fqn] = [], []
                    self.unresolved.append(f"{top.fqn}: reads not scanned ({type(e).__name__}: {e})")
            out.extend(self._reads[top.fqn])
            for r in self._refs[top.fqn]:
                if r.fqn in seen or r.fqn in factories or (other and class_side(r.fqn) == other):
                    continue
                p = self._path(r)
                if p is None or self.modules.dir_of.get(p) not in allowed:
                    continue
                seen.add(r.fqn)
                todo.append(r)
        return [r for r in out if r.option.origin.rsplit(".", 1)[0] not in self.exclude_holders]


def _read_from(toks: list[Token], i: int, nested: set[str]) -> bool:
    """The option at i is the argument of `V.get(` / `V.getOptional(` with V a sub-config local."""
    return bool(nested) and i >= 4 and toks[i - 1].text == "(" and toks[i - 2].text in ("get", "getOptional") \
        and toks[i - 3].text == "." and toks[i - 4].text in nested


_KEY_READERS = set(LEGACY_GETTERS) | {"get", "getOptional", "containsKey", "getOrDefault"}
# the getters that read a value (not only its presence): the value then goes through Typesafe
# Config's conversion, not ConfigUtil.convertValue
VALUE_GETTERS = frozenset(LEGACY_GETTERS) - {"hasPath", "getIsNull", "hasPathOrNull"}


def _typesafe_getter(toks: list[Token], start: int, j: int) -> str | None:
    """The getter when the option at `start` is read as `cfg.getInt(OPTION.key())` (at j: the token
    after the option name): the value is read with Typesafe Config's getters."""
    if not (j + 1 < len(toks) and toks[j].text == "." and toks[j + 1].text == "key"):
        return None
    if start >= 3 and toks[start - 1].text == "(" and toks[start - 2].text in VALUE_GETTERS and toks[start - 3].text == ".":
        return toks[start - 2].text
    return None


def _key_not_read(toks: list[Token], start: int, j: int) -> bool:
    """`OPTION.key()` (at j: the token after the option name) names the key without reading it
    (`map.put(OPTION.key(), v)`, messages), unless it is the argument of a config getter:
    `config.getString(OPTION.key())`, `config.hasPath(OPTION.key())`."""
    if not (j + 1 < len(toks) and toks[j].text == "." and toks[j + 1].text == "key"):
        return False
    return not (start >= 2 and toks[start - 1].text == "(" and toks[start - 2].text in _KEY_READERS)


def _default_only(toks: list[Token], j: int) -> bool:
    """`OPTION.defaultValue()` (at j: the token after the option name) uses the declaration's
    default, it reads nothing from the config."""
    return j + 1 < len(toks) and toks[j].text == "." and toks[j + 1].text == "defaultValue"


def _skip_parens(toks: list[Token], j: int) -> int | None:
    """Index after the `)` matching the `(` at j."""
    if j >= len(toks) or toks[j].text != "(":
        return None
    depth = 0
    for k in range(j, len(toks)):
        if toks[k].kind == "op":
            if toks[k].text == "(":
                depth += 1
            elif toks[k].text == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
    return None


def _split_args(toks: list[Token]) -> list[list[Token]]:
    out: list[list[Token]] = []
    cur: list[Token] = []
    depth = 0
    for t in toks:
        if t.kind == "op" and t.text in "([{":
            depth += 1
        elif t.kind == "op" and t.text in ")]}":
            depth -= 1
        if depth == 0 and t.kind == "op" and t.text == ",":
            out.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        out.append(cur)
    return out


def apply_reads(builder: Any, plugins: list[dict[str, Any]], common: dict[str, dict[str, Any]], exclude_holders: set[str]) -> None:
    """Add to each plugin the options its classes read that its rule does not declare (`source: "read"`)."""
    index = builder.index
    analyzer = ReadsAnalyzer(index, builder.interp, getattr(index, "root", None), exclude_holders)
    if not analyzer.modules.deps:
        builder.report.note("reads", "no module pom.xml files in the tree: reads are followed within each factory's "
                                     "own module only (base and format modules are missed)")
    # another plugin's factory is never entered (catalog factories are: a source may build its catalog)
    factories = {p["factory"] for p in plugins if p.get("factory") and p["kind"] in ("source", "sink", "transform")}
    for p in plugins:
        if not p.get("factory") or p["kind"] not in ("source", "sink", "transform"):
            continue
        decl = index.get(p["factory"])
        if decl is None:
            continue
        opts = p["options"]
        taken = set(opts) | set(common.get(p["kind"], {}))
        taken |= {fk for o in opts.values() for fk in o.get("fallback_keys", [])}
        added = []
        extra = [] if p.get("validated", True) else analyzer.plugin_classes(decl, p["kind"])
        raw_reads: dict[str, set[str]] = {}
        for r in analyzer.reads_of(decl, factories - {p["factory"]}, p["kind"], extra):
            o = r.option
            if r.getter is not None and o.key.strip():
                raw_reads.setdefault(o.key, set()).add(r.getter)
            if o.key in taken or not o.key.strip():
                continue
            taken.add(o.key)
            d = builder.option_json(o, f"{p['kind']} {p['name']} (read in {r.where})")
            d["source"] = "read"
            opts[o.key] = d
            added.append(o.key)
        for k, getters in raw_reads.items():
            # the plugin's code reads this option's value with Typesafe Config's getters (too):
            # ReadonlyConfig's conversion is not the only one it goes through
            if k in opts:
                opts[k]["typesafe_reads"] = sorted(getters)
        for u in analyzer.unresolved:
            builder.report.add("reads", u)
        analyzer.unresolved.clear()
        if added:
            builder.report.note(f"{p['kind']} {p['name']}", f"{len(added)} option(s) read outside optionRule(): {', '.join(sorted(added))}")
