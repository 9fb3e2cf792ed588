"""Symbolic interpreter for the subset of Java used to declare SeaTunnel options
and option rules.

It resolves names through locals, the class hierarchy (superclasses and
interfaces), enclosing classes, single/on-demand (static) imports and the
package, evaluates constant expressions, and models `Options.key(...)` /
`OptionRule.builder()` chains as plain Python values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from .lexer import JavaSyntaxError
from .parser import (
    ArrayInit, Binary, Call, Cast, ClassLit, CompilationUnit, Cond, Expr, FieldAccess, FieldDecl,
    Index, Lit, MethodDecl, Name, New, Opaque, TypeDecl, Unary, parse_block, parse_expr, parse_unit, _raw_type,
)

# ---------------------------------------------------------------------------
# values


@dataclass(frozen=True)
class Unknown:
    reason: str

    def __bool__(self) -> bool:  # pragma: no cover - guard against truthiness bugs
        raise TypeError("Unknown has no truth value")


@dataclass(frozen=True)
class ClassRef:
    decl: TypeDecl


@dataclass(frozen=True)
class ExternalClass:
    name: str


@dataclass(frozen=True)
class PackageRef:
    name: str


@dataclass(frozen=True, eq=False)
class EnumValue:
    decl: TypeDecl
    name: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EnumValue) and other.decl is self.decl and other.name == self.name

    def __hash__(self) -> int:
        return hash((id(self.decl), self.name))


@dataclass(frozen=True)
class JList:
    items: tuple


@dataclass(frozen=True)
class JMap:
    items: tuple  # of (k, v)


@dataclass(frozen=True)
class Duration:
    iso: str


@dataclass(frozen=True)
class TypeInfo:
    type: str  # string/int/long/float/double/decimal/boolean/enum/list/map/object/duration
    enum: TypeDecl | None = None
    element: "TypeInfo | None" = None
    java: str = ""
    decl: TypeDecl | None = field(default=None, compare=False)  # a class of the tree (a list's entry class: Jackson maps entries onto it)


@dataclass(frozen=True)
class OptionVal:
    key: str
    type: TypeInfo
    has_default: bool = False
    default: Any = None  # python value (enum -> EnumValue), or Unknown when dynamic
    default_text: str = ""
    fallback_keys: tuple[str, ...] = ()
    choices: tuple | None = None  # single-choice values
    origin: str = ""
    description: str = ""  # withDescription(...) text, when it is a constant string


@dataclass(frozen=True)
class OptBuilder:
    key: str
    type: TypeInfo | None = None
    choices: tuple | None = None
    origin: str = ""


@dataclass(frozen=True)
class RuleGroup:
    kind: str  # optional / required / exclusive / bundled / conditional
    options: tuple  # OptionVal
    trigger: OptionVal | None = None
    values: tuple = ()


@dataclass(frozen=True)
class RuleBuilder:
    groups: tuple = ()


@dataclass(frozen=True)
class Rule:
    groups: tuple


@dataclass
class Frame:
    ctx: TypeDecl
    locals: dict[str, Any] = field(default_factory=dict)
    this: Any = None


class _Return(Exception):
    def __init__(self, value: Any):
        self.value = value


# well-known constants from libraries outside the SeaTunnel tree (facts only)
EXTERNAL_CONSTANTS: dict[tuple[str, str], Any] = {
    ("Integer", "MAX_VALUE"): 2**31 - 1,
    ("Integer", "MIN_VALUE"): -(2**31),
    ("Long", "MAX_VALUE"): 2**63 - 1,
    ("Long", "MIN_VALUE"): -(2**63),
    ("Short", "MAX_VALUE"): 2**15 - 1,
    ("Short", "MIN_VALUE"): -(2**15),
    ("Byte", "MAX_VALUE"): 127,
    ("Byte", "MIN_VALUE"): -128,
    ("Double", "MAX_VALUE"): 1.7976931348623157e308,
    ("Float", "MAX_VALUE"): 3.4028234663852886e38,
    ("Boolean", "TRUE"): True,
    ("Boolean", "FALSE"): False,
    ("StandardCharsets", "UTF_8"): "UTF-8",
    # org.apache.hadoop.fs.CommonConfigurationKeys(Public)
    ("CommonConfigurationKeys", "FS_DEFAULT_NAME_KEY"): "fs.defaultFS",
    ("CommonConfigurationKeysPublic", "FS_DEFAULT_NAME_KEY"): "fs.defaultFS",
    ("FileSystem", "FS_DEFAULT_NAME_KEY"): "fs.defaultFS",
    # org.tikv.common.ConfigUtils (keys documented in docs/en/connector-v2/source/TiDB-CDC.md)
    ("ConfigUtils", "TIKV_GRPC_TIMEOUT"): "tikv.grpc.timeout_in_ms",
    ("ConfigUtils", "TIKV_GRPC_SCAN_TIMEOUT"): "tikv.grpc.scan_timeout_in_ms",
    ("ConfigUtils", "TIKV_BATCH_GET_CONCURRENCY"): "tikv.batch_get_concurrency",
    ("ConfigUtils", "TIKV_BATCH_SCAN_CONCURRENCY"): "tikv.batch_scan_concurrency",
    # org.apache.kudu.client.AsyncKuduClient
    ("AsyncKuduClient", "DEFAULT_OPERATION_TIMEOUT_MS"): 30000,
}

# enums of libraries outside the SeaTunnel tree (constant names; toString() == name())
EXTERNAL_ENUMS: dict[str, tuple[str, ...]] = {
    # org.apache.kudu.client.SessionConfiguration.FlushMode
    "FlushMode": ("AUTO_FLUSH_SYNC", "AUTO_FLUSH_BACKGROUND", "MANUAL_FLUSH"),
    # org.apache.pulsar.client.api.MessageRoutingMode
    "MessageRoutingMode": ("SinglePartition", "RoundRobinPartition", "CustomPartition"),
    # org.apache.hudi.common.model.HoodieTableType
    "HoodieTableType": ("COPY_ON_WRITE", "MERGE_ON_READ"),
    # com.aliyun.openservices.log.common.Consts.CursorMode
    "CursorMode": ("BEGIN", "END"),
}


@dataclass(frozen=True)
class ExternalEnumValue:
    cls: str
    name: str


_SIMPLE_TYPES = {
    "booleanType": "boolean", "intType": "int", "longType": "long", "floatType": "float",
    "doubleType": "double", "bigDecimalType": "decimal", "stringType": "string", "durationType": "duration",
}

_SIMPLE_JAVA = {
    "booleanType": "Boolean", "intType": "Integer", "longType": "Long", "floatType": "Float",
    "doubleType": "Double", "bigDecimalType": "BigDecimal", "stringType": "String", "durationType": "Duration",
}

_JAVA_TYPE_NAMES = {
    "String": "string", "Integer": "int", "int": "int", "Long": "long", "long": "long", "Boolean": "boolean",
    "boolean": "boolean", "Double": "double", "double": "double", "Float": "float", "float": "float",
    "BigDecimal": "decimal", "Duration": "duration", "Map": "map", "HashMap": "map", "LinkedHashMap": "map",
    "List": "list", "ArrayList": "list", "Set": "list", "Object": "object", "Short": "int", "Byte": "int",
    "Character": "string",
}


class Interpreter:
    def __init__(self, index: "SourceIndex"):
        self.index = index
        self._field_cache: dict[int, Any] = {}
        self._field_busy: set[int] = set()
        self._enum_fields: dict[tuple[int, str], dict[str, Any]] = {}
        self.depth = 0

    # ------------------------------------------------------------------ types
    def resolve_type(self, name: str, ctx: TypeDecl | None, unit: CompilationUnit | None = None) -> TypeDecl | None:
        name = _raw_type(name)
        if not name:
            return None
        unit = unit or (ctx.unit if ctx else None)
        parts = name.split(".")
        first = self._resolve_simple_type(parts[0], ctx, unit)
        if first is not None:
            decl = first
            for p in parts[1:]:
                nxt = self.member_type(decl, p)
                if nxt is None:
                    return None
                decl = nxt
            return decl
        # fully qualified
        for i in range(len(parts), 0, -1):
            d = self.index.get(".".join(parts[:i]))
            if d is not None:
                for p in parts[i:]:
                    d = self.member_type(d, p)
                    if d is None:
                        return None
                return d
        return None

    def member_type(self, decl: TypeDecl, name: str, seen: set | None = None) -> TypeDecl | None:
        if name in decl.inner:
            return decl.inner[name]
        seen = seen or set()
        if id(decl) in seen:
            return None
        seen.add(id(decl))
        for sup in self.supertypes(decl):
            r = self.member_type(sup, name, seen)
            if r is not None:
                return r
        return None

    def supertypes(self, decl: TypeDecl) -> list[TypeDecl]:
        out = []
        for s in decl.supertypes:
            ctx = decl.outer if decl.outer is not None else None
            r = self._resolve_super(s, decl)
            if r is not None and r is not decl:
                out.append(r)
        return out

    def _resolve_super(self, name: str, decl: TypeDecl) -> TypeDecl | None:
        cache = getattr(decl, "_super_cache", None)
        if cache is None:
            cache = {}
            decl._super_cache = cache  # type: ignore[attr-defined]
        if name not in cache:
            # supertypes resolve in the scope enclosing the declaration (not its own members)
            cache[name] = self.resolve_type(name, decl.outer, decl.unit)
        return cache[name]

    def _resolve_simple_type(self, name: str, ctx: TypeDecl | None, unit: CompilationUnit | None) -> TypeDecl | None:
        c = ctx
        while c is not None:
            if c.name == name:
                return c
            m = self.member_type(c, name)
            if m is not None:
                return m
            c = c.outer
        if unit is None:
            return None
        for t in unit.types:
            if t.name == name:
                return t
        for imp in unit.imports:
            if not imp.star and imp.name.rsplit(".", 1)[-1] == name:
                d = self.index.get(imp.name)
                if d is None and imp.static:
                    owner = self.resolve_type(imp.name.rsplit(".", 1)[0], None, None)
                    if owner is not None:
                        d = self.member_type(owner, name)
                if d is not None:
                    return d
                if not imp.static:
                    return None  # explicitly imported external type
        if unit.package:
            d = self.index.get(f"{unit.package}.{name}")
            if d is not None:
                return d
        for imp in unit.imports:
            if imp.star:
                d = self.index.get(f"{imp.name}.{name}")
                if d is not None:
                    return d
                owner = self.index.get(imp.name)
                if owner is not None:
                    m = self.member_type(owner, name)
                    if m is not None:
                        return m
        return None

    def is_subtype(self, decl: TypeDecl, simple_names: Iterable[str], seen: set | None = None) -> str | None:
        """Return the first of simple_names found among the (transitive) supertypes."""
        seen = seen if seen is not None else set()
        if id(decl) in seen:
            return None
        seen.add(id(decl))
        names = tuple(simple_names)
        for s in decl.supertypes:
            raw = s.rsplit(".", 1)[-1]
            if raw in names:
                return raw
        for sup in self.supertypes(decl):
            r = self.is_subtype(sup, names, seen)
            if r:
                return r
        return None

    # ----------------------------------------------------------------- fields
    def find_field(self, decl: TypeDecl, name: str, seen: set | None = None) -> FieldDecl | tuple | None:
        if name in decl.fields:
            return decl.fields[name]
        for ec in decl.enum_constants:
            if ec.name == name:
                return ("enum", decl, name)
        seen = seen or set()
        if id(decl) in seen:
            return None
        seen.add(id(decl))
        for sup in self.supertypes(decl):
            r = self.find_field(sup, name, seen)
            if r is not None:
                return r
        return None

    def field_value(self, f: FieldDecl | tuple) -> Any:
        if isinstance(f, tuple):
            return EnumValue(f[1], f[2])
        key = id(f)
        if key in self._field_cache:
            return self._field_cache[key]
        if key in self._field_busy:
            return Unknown(f"cyclic initializer {f.owner.fqn}.{f.name}")
        if f.init is None:
            return Unknown(f"field {f.owner.fqn}.{f.name} has no initializer")
        self._field_busy.add(key)
        try:
            try:
                expr = parse_expr(f.init)
            except JavaSyntaxError as e:
                v: Any = Unknown(f"cannot parse initializer of {f.owner.fqn}.{f.name}: {e}")
            else:
                v = self.eval(expr, Frame(f.owner))
            if isinstance(v, OptBuilder):
                v = Unknown(f"option {v.key!r} in {f.owner.fqn}.{f.name} lacks defaultValue/noDefaultValue")
            if isinstance(v, OptionVal) and not v.origin:
                v = replace(v, origin=f"{f.owner.fqn}.{f.name}")
        finally:
            self._field_busy.discard(key)
        self._field_cache[key] = v
        return v

    # ------------------------------------------------------------------ names
    def lookup_name(self, name: str, frame: Frame) -> Any:
        if name in frame.locals:
            return frame.locals[name]
        if name == "this" and frame.this is not None:
            return frame.this
        if isinstance(frame.this, EnumValue):
            ef = self.enum_instance_fields(frame.this)
            if name in ef:
                return ef[name]
        c: TypeDecl | None = frame.ctx
        while c is not None:
            f = self.find_field(c, name)
            if f is not None:
                return self.field_value(f)
            c = c.outer
        unit = frame.ctx.unit
        for imp in unit.imports:
            if imp.static and not imp.star and imp.name.rsplit(".", 1)[-1] == name:
                owner = self.resolve_type(imp.name.rsplit(".", 1)[0], None, None)
                if owner is None:
                    ext = imp.name.rsplit(".", 1)[0].rsplit(".", 1)[-1]
                    return self._external_field(ext, name)
                f = self.find_field(owner, name)
                if f is not None:
                    return self.field_value(f)
        for imp in unit.imports:
            if imp.static and imp.star:
                owner = self.resolve_type(imp.name, None, None)
                if owner is not None:
                    f = self.find_field(owner, name)
                    if f is not None:
                        return self.field_value(f)
        t = self.resolve_type(name, frame.ctx)
        if t is not None:
            return ClassRef(t)
        for imp in unit.imports:
            if not imp.static and not imp.star and imp.name.rsplit(".", 1)[-1] == name:
                return ExternalClass(name)
        if name[:1].isupper():
            return ExternalClass(name)
        if self.index.has_package_prefix(name):
            return PackageRef(name)
        return Unknown(f"name {name!r} not found in {frame.ctx.fqn}")

    def _external_field(self, cls: str, name: str) -> Any:
        if cls in EXTERNAL_ENUMS and name in EXTERNAL_ENUMS[cls]:
            return ExternalEnumValue(cls, name)
        if (cls, name) in EXTERNAL_CONSTANTS:
            return EXTERNAL_CONSTANTS[(cls, name)]
        return Unknown(f"external constant {cls}.{name}")

    def get_member(self, target: Any, name: str, frame: Frame) -> Any:
        if isinstance(target, Unknown):
            return target
        if isinstance(target, ClassRef):
            f = self.find_field(target.decl, name)
            if f is not None:
                return self.field_value(f)
            m = self.member_type(target.decl, name)
            if m is not None:
                return ClassRef(m)
            return Unknown(f"{target.decl.fqn}.{name} not found")
        if isinstance(target, ExternalClass):
            if target.name in EXTERNAL_ENUMS and name in EXTERNAL_ENUMS[target.name]:
                return ExternalEnumValue(target.name, name)
            if (target.name, name) not in EXTERNAL_CONSTANTS and name[:1].isupper() and not name.isupper():
                return ExternalClass(name)  # nested class, e.g. SessionConfiguration.FlushMode
            return self._external_field(target.name, name)
        if isinstance(target, PackageRef):
            full = f"{target.name}.{name}"
            d = self.index.get(full)
            if d is not None:
                return ClassRef(d)
            if self.index.has_package_prefix(full):
                return PackageRef(full)
            return ExternalClass(name)
        if isinstance(target, EnumValue):
            ef = self.enum_instance_fields(target)
            if name in ef:
                return ef[name]
        if isinstance(target, JList) and name == "length":
            return len(target.items)
        return Unknown(f"field {name!r} of {type(target).__name__}")

    # ------------------------------------------------------------------ enums
    def enum_instance_fields(self, ev: EnumValue) -> dict[str, Any]:
        key = (id(ev.decl), ev.name)
        if key in self._enum_fields:
            return self._enum_fields[key]
        self._enum_fields[key] = {}
        const = next(c for c in ev.decl.enum_constants if c.name == ev.name)
        fields: dict[str, Any] = {}
        frame = Frame(ev.decl, this=ev)
        args = [self.eval(parse_expr(a), frame) for a in const.args]
        ctors = [c for c in ev.decl.constructors if len(c.params) == len(args)]
        for fname, fd in ev.decl.fields.items():
            if not fd.static and fd.init is not None:
                try:
                    fields[fname] = self.eval(parse_expr(fd.init), frame)
                except JavaSyntaxError:
                    pass
        if ctors and ctors[0].body is not None:
            ctor = ctors[0]
            loc = {p[1]: a for p, a in zip(ctor.params, args)}
            try:
                stmts = parse_block(ctor.body)
            except JavaSyntaxError:
                stmts = []
            for st in stmts:
                e = st.expr
                if st.kind == "expr" and isinstance(e, Binary) and e.op == "=":
                    lhs = e.left
                    fname = None
                    if isinstance(lhs, FieldAccess) and isinstance(lhs.target, Name) and lhs.target.name == "this":
                        fname = lhs.name
                    elif isinstance(lhs, Name):
                        fname = lhs.name
                    if fname:
                        fields[fname] = self.eval(e.right, Frame(ev.decl, locals=dict(loc), this=ev))
                elif st.kind == "expr" and isinstance(e, Call) and e.name == "this" and e.target is None:
                    # this(...) delegation
                    sub_args = [self.eval(a, Frame(ev.decl, locals=dict(loc), this=ev)) for a in e.args]
                    other = [c for c in ev.decl.constructors if len(c.params) == len(sub_args) and c is not ctor]
                    if other and other[0].body:
                        loc2 = {p[1]: a for p, a in zip(other[0].params, sub_args)}
                        for st2 in parse_block(other[0].body):
                            e2 = st2.expr
                            if st2.kind == "expr" and isinstance(e2, Binary) and e2.op == "=":
                                l2 = e2.left
                                n2 = l2.name if isinstance(l2, (Name, FieldAccess)) else None
                                if n2:
                                    fields[n2] = self.eval(e2.right, Frame(ev.decl, locals=dict(loc2), this=ev))
        elif args and not ctors:
            fields["__unresolved__"] = Unknown(f"no {len(args)}-arg constructor in {ev.decl.fqn}")
        self._enum_fields[key] = fields
        return fields

    def enum_to_string(self, ev: EnumValue) -> str | Unknown:
        const = next((c for c in ev.decl.enum_constants if c.name == ev.name), None)
        for holder in ([const.body] if const and const.body else []) + [ev.decl]:
            for m in holder.methods.get("toString", []):
                if not m.params and m.body is not None:
                    v = self.invoke(m, [], this=ev)
                    if isinstance(v, str):
                        return v
                    return Unknown(f"toString of {ev.decl.fqn}.{ev.name}: {getattr(v, 'reason', v)!r}")
        return ev.name

    def enum_values(self, decl: TypeDecl) -> list[str | Unknown]:
        return [self.enum_to_string(EnumValue(decl, c.name)) for c in decl.enum_constants]

    # ---------------------------------------------------------------- methods
    def find_method(self, decl: TypeDecl, name: str, nargs: int, seen: set | None = None) -> MethodDecl | None:
        for m in decl.methods.get(name, []):
            if len(m.params) == nargs or (m.params and m.params[-1][0].endswith("...")):
                if m.body is not None:
                    return m
        seen = seen or set()
        if id(decl) in seen:
            return None
        seen.add(id(decl))
        for sup in self.supertypes(decl):
            r = self.find_method(sup, name, nargs, seen)
            if r is not None:
                return r
        return None

    def invoke(self, m: MethodDecl, args: list[Any], this: Any = None, ctx: TypeDecl | None = None) -> Any:
        if m.body is None:
            return Unknown(f"abstract method {m.owner.fqn}.{m.name}")
        self.depth += 1
        try:
            if self.depth > 40:
                return Unknown(f"recursion too deep in {m.owner.fqn}.{m.name}")
            loc = {p[1]: a for p, a in zip(m.params, args)}
            frame = Frame(ctx or m.owner, locals=loc, this=this)
            try:
                stmts = parse_block(m.body)
            except JavaSyntaxError as e:
                return Unknown(f"cannot parse body of {m.owner.fqn}.{m.name}: {e}")
            try:
                self.exec_block(stmts, frame)
            except _Return as r:
                return r.value
            return Unknown(f"method {m.owner.fqn}.{m.name} has no evaluable return")
        finally:
            self.depth -= 1

    def exec_block(self, stmts, frame: Frame) -> None:
        for st in stmts:
            if st.kind == "return":
                raise _Return(self.eval(st.expr, frame) if st.expr else None)
            if st.kind == "local":
                frame.locals[st.name] = self.eval(st.expr, frame) if st.expr else Unknown("uninitialised local")
            elif st.kind == "expr" and st.expr is not None:
                e = st.expr
                if isinstance(e, Binary) and e.op == "=" and isinstance(e.left, Name):
                    frame.locals[e.left.name] = self.eval(e.right, frame)
                else:
                    v = self.eval(e, frame)
                    # builder mutation through a local: `builder.optional(X);`
                    if isinstance(e, Call) and isinstance(e.target, Name) and isinstance(v, RuleBuilder):
                        if isinstance(frame.locals.get(e.target.name), RuleBuilder):
                            frame.locals[e.target.name] = v
            elif st.kind == "block":
                self.exec_block(st.then or [], frame)
            elif st.kind == "if":
                cond = self.eval(st.expr, frame)
                if isinstance(cond, bool):
                    self.exec_block(st.then or [] if cond else st.other or [], frame)
                else:
                    raise _Return(Unknown(f"undecidable if-condition in {frame.ctx.fqn}"))
            elif st.kind == "other":
                if st.text.startswith("throw"):
                    raise _Return(Unknown(f"method throws in {frame.ctx.fqn}"))

    # ------------------------------------------------------------- evaluation
    def eval(self, e: Expr, frame: Frame) -> Any:
        if isinstance(e, Lit):
            return e.value
        if isinstance(e, Name):
            return self.lookup_name(e.name, frame)
        if isinstance(e, FieldAccess):
            target = self.eval(e.target, frame)
            return self.get_member(target, e.name, frame)
        if isinstance(e, Call):
            return self.eval_call(e, frame)
        if isinstance(e, Binary):
            return self.eval_binary(e, frame)
        if isinstance(e, Unary):
            v = self.eval(e.operand, frame)
            if isinstance(v, Unknown):
                return v
            if e.op == "-" and isinstance(v, (int, float)) and not isinstance(v, bool):
                return -v
            if e.op == "+":
                return v
            if e.op == "!" and isinstance(v, bool):
                return not v
            if e.op == "~" and isinstance(v, int):
                return ~v
            return Unknown(f"unary {e.op}")
        if isinstance(e, Cond):
            t = self.eval(e.test, frame)
            if isinstance(t, bool):
                return self.eval(e.then if t else e.other, frame)
            return Unknown("conditional expression")
        if isinstance(e, Cast):
            v = self.eval(e.operand, frame)
            raw = _raw_type(e.type_text)
            if raw in ("int", "long", "short", "byte") and isinstance(v, (int, float)):
                return int(v)
            if raw in ("double", "float") and isinstance(v, (int, float)):
                return float(v)
            return v
        if isinstance(e, ClassLit):
            d = self.resolve_type(e.type_text, frame.ctx)
            return ClassRef(d) if d is not None else ExternalClass(_raw_type(e.type_text).rsplit(".", 1)[-1])
        if isinstance(e, ArrayInit):
            return JList(tuple(self.eval(i, frame) for i in e.items))
        if isinstance(e, New):
            return self.eval_new(e, frame)
        if isinstance(e, Index):
            t = self.eval(e.target, frame)
            i = self.eval(e.index, frame)
            if isinstance(t, JList) and isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(t.items):
                return t.items[i]
            return Unknown("array index")
        if isinstance(e, Opaque):
            return Unknown(f"non-constant expression ({e.text})")
        return Unknown(f"unsupported expression {type(e).__name__}")

    def eval_binary(self, e: Binary, frame: Frame) -> Any:
        if e.op == "=":
            return Unknown("assignment")
        a = self.eval(e.left, frame)
        if e.op in ("&&", "||") and isinstance(a, bool):
            if e.op == "&&" and not a:
                return False
            if e.op == "||" and a:
                return True
        b = self.eval(e.right, frame)
        if e.op == "+" and (isinstance(a, str) or isinstance(b, str)):
            if isinstance(a, Unknown) or isinstance(b, Unknown):
                return a if isinstance(a, Unknown) else b
            return _jstr(a) + _jstr(b)
        if isinstance(a, Unknown):
            return a
        if isinstance(b, Unknown):
            return b
        try:
            if e.op in ("==", "!="):
                eq = a == b if not isinstance(a, (EnumValue, ClassRef)) else a is b or a == b
                return eq if e.op == "==" else not eq
            if isinstance(a, bool) or isinstance(b, bool):
                if e.op == "&&":
                    return a and b
                if e.op == "||":
                    return a or b
                return Unknown(f"operator {e.op} on booleans")
            if isinstance(a, (int, float)) and isinstance(b, (int, float)):
                if e.op == "+":
                    return a + b
                if e.op == "-":
                    return a - b
                if e.op == "*":
                    return a * b
                if e.op == "/":
                    if isinstance(a, int) and isinstance(b, int):
                        q = abs(a) // abs(b)
                        return q if (a >= 0) == (b >= 0) else -q
                    return a / b
                if e.op == "%":
                    return a % b
                if e.op == "<<":
                    return a << b
                if e.op == ">>":
                    return a >> b
                if e.op in ("<", ">", "<=", ">="):
                    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[e.op]
                if e.op == "|":
                    return a | b
                if e.op == "&":
                    return a & b
        except (TypeError, ZeroDivisionError):
            pass
        return Unknown(f"binary {e.op} on {type(a).__name__}, {type(b).__name__}")

    def eval_new(self, e: New, frame: Frame) -> Any:
        raw = _raw_type(e.type_text).rsplit(".", 1)[-1]
        if e.array_init is not None:
            return JList(tuple(self.eval(i, frame) for i in e.array_init))
        if raw in ("ArrayList", "LinkedList", "HashSet", "LinkedHashSet", "TreeSet"):
            if not e.args:
                return JList(())
            v = self.eval(e.args[0], frame)
            if isinstance(v, JList):
                return v
            if isinstance(v, int):
                return JList(())
            return Unknown(f"new {raw}(...)")
        if raw in ("HashMap", "LinkedHashMap", "TreeMap") and not e.args:
            return JMap(())
        if raw == "TypeReference":
            inner = e.type_text[e.type_text.index("<") + 1 : e.type_text.rindex(">")] if "<" in e.type_text else ""
            return ("typeref", inner)
        if raw == "String" and e.args:
            return self.eval(e.args[0], frame)
        if raw in ("Option", "SingleChoiceOption"):
            return Unknown(f"direct `new {raw}(...)`")
        return Unknown(f"object creation new {raw}(...)")

    def _type_info_from_java(self, text: str, frame: Frame) -> TypeInfo:
        raw = _raw_type(text)
        simple = raw.rsplit(".", 1)[-1]
        if simple in _JAVA_TYPE_NAMES:
            t = _JAVA_TYPE_NAMES[simple]
            elem = None
            if t == "list" and "<" in text:
                inner = text[text.index("<") + 1 : text.rindex(">")]
                elem = self._type_info_from_java(inner.strip(), frame)
            return TypeInfo(t, element=elem, java=text)
        d = self.resolve_type(raw, frame.ctx)
        if d is not None and d.kind == "enum":
            return TypeInfo("enum", enum=d, java=raw)
        return TypeInfo("object", java=raw)

    def _class_type_info(self, v: Any, frame: Frame) -> TypeInfo:
        if isinstance(v, ClassRef):
            if v.decl.kind == "enum":
                return TypeInfo("enum", enum=v.decl, java=v.decl.name)
            return TypeInfo(_JAVA_TYPE_NAMES.get(v.decl.name, "object"), java=v.decl.name, decl=v.decl)
        if isinstance(v, ExternalClass):
            return TypeInfo(_JAVA_TYPE_NAMES.get(v.name, "object"), java=v.name)
        return TypeInfo("object", java="?")

    def eval_call(self, e: Call, frame: Frame) -> Any:
        name = e.name
        if e.target is None:
            if name in ("this", "super"):
                return Unknown("constructor delegation")
            args = [self.eval(a, frame) for a in e.args]
            # own / inherited / enclosing method
            c: TypeDecl | None = frame.ctx
            while c is not None:
                m = self.find_method(c, name, len(args))
                if m is not None:
                    return self.invoke(m, args, this=frame.this if c is frame.ctx else None)
                c = c.outer
            for imp in frame.ctx.unit.imports:
                if imp.static and (imp.star or imp.name.rsplit(".", 1)[-1] == name):
                    owner_name = imp.name if imp.star else imp.name.rsplit(".", 1)[0]
                    owner = self.resolve_type(owner_name, None, None)
                    if owner is not None:
                        m = self.find_method(owner, name, len(args))
                        if m is not None:
                            return self.invoke(m, args)
            if frame.this is not None and isinstance(frame.this, EnumValue):
                return self.call_on_value(frame.this, name, args, frame)
            return Unknown(f"method {name}() not found from {frame.ctx.fqn}")
        if isinstance(e.target, Name) and e.target.name == "super":
            # `super.optionRule()` in an overriding factory: the nearest supertype's method
            args = [self.eval(a, frame) for a in e.args]
            for sup in self.supertypes(frame.ctx):
                m = self.find_method(sup, name, len(args))
                if m is not None:
                    return self.invoke(m, args, this=frame.this)
            return Unknown(f"super.{name}() not found from {frame.ctx.fqn}")
        target = self.eval(e.target, frame)
        args = [self.eval(a, frame) for a in e.args]
        return self.call_on_value(target, name, args, frame, e)

    def call_on_value(self, target: Any, name: str, args: list[Any], frame: Frame, e: Call | None = None) -> Any:
        if isinstance(target, Unknown):
            return target
        # ---- library statics
        if isinstance(target, (ClassRef, ExternalClass)):
            cname = target.decl.name if isinstance(target, ClassRef) else target.name
            if cname == "Options" and name == "key":
                k = args[0] if args else Unknown("Options.key()")
                if isinstance(k, Unknown):
                    return k
                if not isinstance(k, str):
                    return Unknown(f"non-string option key {k!r}")
                return OptBuilder(k)
            if cname == "OptionRule" and name == "builder":
                return RuleBuilder()
            if cname in ("Arrays", "Lists", "List", "Collections", "ImmutableList", "Sets", "Stream", "Set") and name in (
                "asList", "newArrayList", "of", "singletonList", "emptyList", "copyOf", "singleton", "emptySet", "newHashSet",
            ):
                if len(args) == 1 and isinstance(args[0], JList) and name in ("asList", "newArrayList", "copyOf", "newHashSet"):
                    return args[0]
                return JList(tuple(args))
            if cname in ("Collections", "Maps", "ImmutableMap", "Map") and name in ("emptyMap", "newHashMap", "of") and not args:
                return JMap(())
            if cname == "Duration" and name.startswith("of") and args and isinstance(args[0], int):
                unit = {"ofMillis": "ms", "ofSeconds": "s", "ofMinutes": "min", "ofHours": "h", "ofDays": "d"}.get(name)
                if unit:
                    return Duration(f"{args[0]}{unit}")
            if cname == "String" and name == "valueOf" and args:
                return _jstr(args[0]) if not isinstance(args[0], Unknown) else args[0]
            if cname == "String" and name == "join" and len(args) >= 2:
                items = args[1].items if len(args) == 2 and isinstance(args[1], JList) else tuple(args[1:])
                if all(isinstance(i, str) for i in items) and isinstance(args[0], str):
                    return args[0].join(items)
            if cname == "String" and name == "format" and args and isinstance(args[0], str):
                return _java_format(args[0], args[1:])
            if cname in ("Integer", "Long") and name in ("valueOf", "parseInt", "parseLong") and args:
                try:
                    return int(args[0])
                except (TypeError, ValueError):
                    return Unknown(f"{cname}.{name}")
            if isinstance(target, ClassRef):
                if target.decl.kind == "enum" and name == "values":
                    return JList(tuple(EnumValue(target.decl, c.name) for c in target.decl.enum_constants))
                if target.decl.kind == "enum" and name == "valueOf" and args and isinstance(args[0], str):
                    return EnumValue(target.decl, args[0])
                m = self.find_method(target.decl, name, len(args))
                if m is not None:
                    return self.invoke(m, args)
                return Unknown(f"method {target.decl.fqn}.{name}() not found")
            return Unknown(f"external call {cname}.{name}()")
        # ---- option builder
        if isinstance(target, OptBuilder):
            if name in _SIMPLE_TYPES:
                return replace(target, type=TypeInfo(_SIMPLE_TYPES[name], java=_SIMPLE_JAVA[name]))
            if name == "enumType":
                ti = self._class_type_info(args[0], frame) if args else TypeInfo("enum")
                if ti.type != "enum":
                    ti = TypeInfo("enum", java=ti.java)
                return replace(target, type=ti)
            if name == "mapType":
                return replace(target, type=TypeInfo("map", java="Map<String,String>"))
            if name == "mapObjectType":  # Options.key(k).mapObjectType(): Map<String, Object>
                return replace(target, type=TypeInfo("map", java="Map<String,Object>"))
            if name == "listType":
                elem = self._class_type_info(args[0], frame) if args else TypeInfo("string", java="String")
                return replace(target, type=TypeInfo("list", element=elem, java=f"List<{elem.java or '?'}>"))
            if name == "objectType":
                ti = self._class_type_info(args[0], frame) if args else TypeInfo("object")
                if ti.type == "enum":  # objectType(SomeEnum.class) converts like an enum
                    return replace(target, type=ti)
                return replace(target, type=TypeInfo("object", enum=None, java=ti.java))
            if name == "type":
                if args and isinstance(args[0], tuple) and args[0][0] == "typeref":
                    return replace(target, type=self._type_info_from_java(args[0][1], frame))
                return replace(target, type=TypeInfo("object", java="TypeReference"))
            if name == "singleChoice":
                ti = self._class_type_info(args[0], frame) if args else TypeInfo("object")
                choices = args[1] if len(args) > 1 else Unknown("singleChoice without values")
                if isinstance(choices, JList):
                    ch = tuple(choices.items)
                else:
                    ch = (choices,)
                return replace(target, type=ti, choices=ch)
            if name in ("defaultValue", "noDefaultValue"):
                ti = target.type or TypeInfo("object", java="?")
                has = False
                default: Any = None
                text = ""
                if name == "defaultValue":
                    default = args[0] if args else None
                    has = default is not None
                    if e is not None and e.args:
                        text = _expr_text(e.args[0])
                return OptionVal(
                    key=target.key, type=ti, has_default=has, default=default, default_text=text,
                    choices=target.choices, origin=target.origin,
                )
            return Unknown(f"unknown option-builder method {name}")
        if isinstance(target, OptionVal):
            if name == "withDescription":
                if args and isinstance(args[0], str) and not target.description:
                    return replace(target, description=args[0])
                return target
            if name == "withFallbackKeys":
                keys = []
                for a in args:
                    if isinstance(a, JList):
                        keys.extend(a.items)
                    else:
                        keys.append(a)
                if not all(isinstance(k, str) for k in keys):
                    return Unknown(f"unresolvable fallback keys for {target.key!r}")
                return replace(target, fallback_keys=target.fallback_keys + tuple(keys))
            if name == "key":
                return target.key
            if name == "defaultValue":
                return target.default if target.has_default else None
            if name == "getFallbackKeys":
                return JList(target.fallback_keys)
            return Unknown(f"method {name}() on an Option")
        # ---- rule builder
        if isinstance(target, RuleBuilder):
            if name == "build":
                return Rule(target.groups)
            if name in ("optional", "required", "exclusive", "bundled"):
                opts = _flatten(args)
                return RuleBuilder(target.groups + (RuleGroup(name, tuple(opts)),))
            if name == "conditional":
                if len(args) < 3:
                    return Unknown("conditional with < 3 args")
                trig, vals = args[0], args[1]
                values = vals.items if isinstance(vals, JList) else (vals,)
                opts = _flatten(args[2:])
                return RuleBuilder(target.groups + (RuleGroup("conditional", tuple(opts), trig, tuple(values)),))
            return Unknown(f"unknown rule-builder method {name}")
        # ---- strings
        if isinstance(target, str):
            if name == "toLowerCase":
                return target.lower()
            if name == "toUpperCase":
                return target.upper()
            if name in ("trim", "intern", "toString"):
                return target.strip() if name == "trim" else target
            if name == "concat" and args and isinstance(args[0], str):
                return target + args[0]
            if name == "replace" and len(args) == 2 and all(isinstance(a, str) for a in args):
                return target.replace(args[0], args[1])
            if name == "equals" and args:
                return target == args[0]
            if name == "equalsIgnoreCase" and args and isinstance(args[0], str):
                return target.lower() == args[0].lower()
            if name == "length":
                return len(target)
            return Unknown(f"String.{name}()")
        # ---- enums
        if isinstance(target, ExternalEnumValue):
            if name in ("name", "toString"):
                return target.name
            return Unknown(f"external enum method {target.cls}.{name}()")
        if isinstance(target, EnumValue):
            if name == "name":
                return target.name
            if name == "ordinal":
                return [c.name for c in target.decl.enum_constants].index(target.name)
            if name == "toString":
                return self.enum_to_string(target)
            if name == "equals" and args:
                return target == args[0]
            const = next((c for c in target.decl.enum_constants if c.name == target.name), None)
            holders = ([const.body] if const and const.body else []) + [target.decl]
            for h in holders:
                m = self.find_method(h, name, len(args))
                if m is not None:
                    return self.invoke(m, args, this=target, ctx=target.decl)
            return Unknown(f"enum method {target.decl.fqn}.{name}()")
        if isinstance(target, JList):
            if name in ("toArray", "stream"):
                return target
            if name == "get" and args and isinstance(args[0], int):
                return target.items[args[0]]
            if name == "size":
                return len(target.items)
            return Unknown(f"List.{name}()")
        return Unknown(f"call {name}() on {type(target).__name__}")


def _java_format(fmt: str, args: list[Any]) -> Any:
    import re as _re

    vals = list(args)
    if any(isinstance(a, Unknown) for a in vals):
        return next(a for a in vals if isinstance(a, Unknown))
    out = []
    pos = 0
    it = iter(vals)
    for m in _re.finditer(r"%([sd%n])", fmt):
        out.append(fmt[pos : m.start()])
        code = m.group(1)
        if code == "%":
            out.append("%")
        elif code == "n":
            out.append("\n")
        else:
            try:
                out.append(_jstr(next(it)))
            except StopIteration:
                return Unknown("String.format with too few arguments")
        pos = m.end()
    if _re.search(r"%[^sd%n]", fmt):
        return Unknown("String.format with unsupported conversion")
    out.append(fmt[pos:])
    return "".join(out)


def _flatten(args: list[Any]) -> list[Any]:
    out = []
    for a in args:
        if isinstance(a, JList):
            out.extend(a.items)
        else:
            out.append(a)
    return out


def _jstr(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, EnumValue):
        return v.name
    return str(v)


def _expr_text(e: Expr) -> str:
    if isinstance(e, Lit):
        return repr(e.value) if e.jtype == "String" else str(e.value)
    if isinstance(e, Name):
        return e.name
    if isinstance(e, FieldAccess):
        return f"{_expr_text(e.target)}.{e.name}"
    if isinstance(e, Call):
        t = f"{_expr_text(e.target)}." if e.target is not None else ""
        return f"{t}{e.name}({', '.join(_expr_text(a) for a in e.args)})"
    if isinstance(e, Binary):
        return f"{_expr_text(e.left)} {e.op} {_expr_text(e.right)}"
    if isinstance(e, Unary):
        return f"{e.op}{_expr_text(e.operand)}"
    if isinstance(e, New):
        return f"new {e.type_text}(...)"
    if isinstance(e, Cast):
        return f"({e.type_text}) {_expr_text(e.operand)}"
    return type(e).__name__


# ---------------------------------------------------------------------------
# source index


class SourceIndex:
    """Maps fully qualified names of top-level types to files; parses lazily."""

    def __init__(self, roots: list[str] | None = None, files: dict[str, str] | None = None):
        self.top: dict[str, str] = {}  # fqn -> path
        self.text: dict[str, str] = files or {}
        self.packages: set[str] = set()
        self._units: dict[str, CompilationUnit] = {}
        self._types: dict[str, TypeDecl] = {}
        self.parse_errors: list[str] = []
        self.root: str | None = None  # the tree's root directory (module layout, pom files)
        for p in self.text:
            self._register(p)

    @classmethod
    def from_tree(cls, root: str, include_tests: bool = False) -> "SourceIndex":
        idx = cls()
        idx.root = root
        for dp, dn, fn in os.walk(root):
            dn[:] = [d for d in dn if not d.startswith(".") and d not in ("target", "node_modules")]
            if not include_tests and (os.sep + "src" + os.sep + "test") in dp + os.sep:
                continue
            for f in fn:
                if f.endswith(".java"):
                    idx._register(os.path.join(dp, f))
        return idx

    def _register(self, path: str) -> None:
        norm = path.replace(os.sep, "/")
        marker = "/src/main/java/"
        if marker in norm:
            rel = norm.split(marker, 1)[1]
        else:
            # fixtures: package from the file itself
            src = self.read(path)
            import re

            m = re.search(r"^\s*package\s+([\w.]+)\s*;", src, re.M)
            rel = (m.group(1).replace(".", "/") + "/" if m else "") + os.path.basename(norm)
        fqn = rel[:-5].replace("/", ".")
        if fqn in self.top and self.top[fqn] != path:
            # duplicate class names in different modules: keep the first, remember the clash
            self.parse_errors.append(f"duplicate type {fqn}: {self.top[fqn]} vs {path}")
            return
        self.top[fqn] = path
        pkg = fqn.rsplit(".", 1)[0] if "." in fqn else ""
        while pkg:
            self.packages.add(pkg)
            pkg = pkg.rsplit(".", 1)[0] if "." in pkg else ""

    def read(self, path: str) -> str:
        if path in self.text:
            return self.text[path]
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()

    def has_package_prefix(self, name: str) -> bool:
        return name in self.packages

    def unit(self, path: str) -> CompilationUnit | None:
        if path in self._units:
            return self._units[path]
        try:
            u = parse_unit(self.read(path), path)
        except JavaSyntaxError as e:
            self.parse_errors.append(f"{path}: {e}")
            self._units[path] = None  # type: ignore[assignment]
            return None
        self._units[path] = u

        def reg(t: TypeDecl) -> None:
            self._types[t.fqn] = t
            for i in t.inner.values():
                reg(i)

        for t in u.types:
            reg(t)
        return u

    def get(self, fqn: str) -> TypeDecl | None:
        if fqn in self._types:
            return self._types[fqn]
        # find the top-level prefix
        parts = fqn.split(".")
        for i in range(len(parts), 0, -1):
            top = ".".join(parts[:i])
            if top in self.top:
                self.unit(self.top[top])
                return self._types.get(fqn)
        return None

    def all_paths(self) -> list[str]:
        return sorted(set(self.top.values()))
