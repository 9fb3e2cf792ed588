"""``@dataclass`` for the modules a cold ``stlint check`` imports, without the dataclasses module.

Importing :mod:`dataclasses` (it imports inspect, ast, dis, tokenize, copy...) and decorating the
~30 record classes of the check path cost 15-18 ms of a ~70 ms cold start: the standard decorator
compiles each generated method separately and asks inspect for a signature per class. This one
takes the subset stlint uses -- ``@dataclass``, ``@dataclass(frozen=True)``, ``slots=True``,
``field(default=, default_factory=, repr=, compare=, init=)``, ``ClassVar`` annotations, a
``__post_init__``, fields inherited from a base record -- and generates ``__init__``, ``__repr__``,
``__eq__``, ``__match_args__`` (plus ``__hash__``, ``__setattr__``, ``__delattr__`` for a frozen class
and ``__getstate__``/``__setstate__`` for a frozen slotted one) with the standard decorator's
behaviour (tests/test_records.py compares the two on every shape used here). Only ``__init__`` is
compiled (one short ``exec`` per class: it runs for every record, so it is as fast as the standard
one); the other methods are closures over ``operator.attrgetter``.

``dataclasses.fields``, ``replace``, ``asdict`` and ``is_dataclass`` still work on these classes:
their ``__dataclass_fields__`` is built by the real module on first access (which imports it then).
``replace`` here does the same without importing it.
"""

from __future__ import annotations

import _thread
from operator import attrgetter as _attrgetter

__all__ = ["dataclass", "field", "replace", "FrozenInstanceError"]

_FIELDS = "__stlint_record_fields__"  # the class attribute holding a _Spec per field, in order


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (like dataclasses.FrozenInstanceError)."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


class Field:
    __slots__ = ("default", "default_factory", "init", "repr", "compare")

    def __init__(self, default, default_factory, init, repr, compare) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, compare=True) -> Field:
    return Field(default, default_factory, init, repr, compare)


class _Spec:
    __slots__ = ("name", "annotation", "default", "factory", "init", "repr", "compare")

    def __init__(self, name, annotation, default, factory, init, repr, compare) -> None:
        self.name, self.annotation, self.default, self.factory = name, annotation, default, factory
        self.init, self.repr, self.compare = init, repr, compare


def _is_classvar(annotation) -> bool:
    if isinstance(annotation, str):
        a = annotation.strip()
        return a.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))
    return getattr(annotation, "__origin__", None) is not None and "ClassVar" in repr(annotation)


def _collect(cls) -> list[_Spec]:
    specs: dict[str, _Spec] = {}
    for base in reversed(cls.__mro__[1:]):
        for s in base.__dict__.get(_FIELDS, ()):
            specs[s.name] = s
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            f = value
            if f.default is MISSING:
                if name in cls.__dict__:
                    delattr(cls, name)  # the standard decorator leaves no class attribute either
            else:
                setattr(cls, name, f.default)
            specs[name] = _Spec(name, annotation, f.default, f.default_factory, f.init, f.repr, f.compare)
        else:
            if value is not MISSING and type(value).__hash__ is None:
                raise ValueError(f"mutable default {type(value)} for field {name} is not allowed: "
                                 "use default_factory")
            specs[name] = _Spec(name, annotation, value, MISSING, True, True, True)
    seen_default = False
    for s in specs.values():
        if not s.init:
            continue
        if s.default is not MISSING or s.factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {s.name!r} follows default argument")
    return list(specs.values())


def _init_source(cls, specs: list[_Spec], frozen: bool) -> tuple[str, dict]:
    """``__init__``, the one method compiled per class (it runs for every record; the others are
    closures, which cost no compile)."""
    ns: dict = {"__object": object, "__MISSING": MISSING}
    params, body = ["self"], []

    def assign(name: str, value: str) -> str:
        if frozen:
            return f"  __object.__setattr__(self, {name!r}, {value})"
        return f"  self.{name} = {value}"

    for s in specs:
        if s.factory is not MISSING:
            ns[f"__factory_{s.name}"] = s.factory
            if s.init:
                params.append(f"{s.name}=__MISSING")
                body.append(assign(s.name, f"__factory_{s.name}() if {s.name} is __MISSING else {s.name}"))
            else:
                body.append(assign(s.name, f"__factory_{s.name}()"))
        elif s.init:
            if s.default is not MISSING:
                ns[f"__default_{s.name}"] = s.default
                params.append(f"{s.name}=__default_{s.name}")
            else:
                params.append(s.name)
            body.append(assign(s.name, s.name))
        elif s.default is not MISSING:
            ns[f"__default_{s.name}"] = s.default
            body.append(assign(s.name, f"__default_{s.name}"))
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    return "\n".join([f"def __init__({', '.join(params)}):", *(body or ["  pass"])]) + "\n", ns


def _tuple_getter(names: list[str]):
    """self -> tuple of those attributes (what the standard decorator compares and hashes)."""
    if not names:
        return lambda self: ()
    if len(names) == 1:
        one = _attrgetter(names[0])
        return lambda self: (one(self),)
    return _attrgetter(*names)


def _methods(cls, specs: list[_Spec], frozen: bool, slots: bool) -> dict:
    own = cls.__dict__
    out: dict = {}
    if "__init__" not in own:
        src, ns = _init_source(cls, specs, frozen)
        exec(src, ns)  # noqa: S102 - our own generated method, no outside text
        out["__init__"] = ns["__init__"]
    if "__repr__" not in own:
        shown = [(s.name, _attrgetter(s.name)) for s in specs if s.repr]
        running: set = set()
        get_ident = _thread.get_ident

        def __repr__(self):
            key = (id(self), get_ident())
            if key in running:
                return "..."
            running.add(key)
            try:
                return f"{self.__class__.__qualname__}({', '.join(f'{n}={g(self)!r}' for n, g in shown)})"
            finally:
                running.discard(key)

        out["__repr__"] = __repr__
    values = _tuple_getter([s.name for s in specs if s.compare])
    if "__eq__" not in own:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return values(self) == values(other)
            return NotImplemented

        out["__eq__"] = __eq__
    class_hash = own.get("__hash__", MISSING)
    if frozen and (class_hash is MISSING or (class_hash is None and "__eq__" in own)):
        def __hash__(self):
            return hash(values(self))

        out["__hash__"] = __hash__
    if frozen:
        for name in ("__setattr__", "__delattr__"):
            if name in own:
                raise TypeError(f"cannot overwrite attribute {name} in class {cls.__name__}")
        names = tuple(s.name for s in specs)

        def __setattr__(self, name, value):
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            super(cls, self).__delattr__(name)

        out["__setattr__"], out["__delattr__"] = __setattr__, __delattr__
        if slots:
            def __getstate__(self):
                return [getattr(self, n) for n in names]

            def __setstate__(self, state):
                for n, v in zip(names, state):
                    object.__setattr__(self, n, v)

            out["__getstate__"], out["__setstate__"] = __getstate__, __setstate__
    return out


class _LazyDataclassFields:
    """``__dataclass_fields__`` built by the real dataclasses module on first access."""

    def __init__(self, frozen: bool) -> None:
        self.frozen = frozen

    def __set_name__(self, owner, name) -> None:
        self.owner = owner

    def __get__(self, obj, owner=None):
        import dataclasses

        cls = self.owner
        specs = cls.__dict__[_FIELDS]
        shadow_ns: dict = {"__annotations__": {s.name: s.annotation for s in specs}}
        for s in specs:
            shadow_ns[s.name] = dataclasses.field(default=s.default if s.default is not MISSING else dataclasses.MISSING,
                                                  default_factory=s.factory if s.factory is not MISSING
                                                  else dataclasses.MISSING,
                                                  init=s.init, repr=s.repr, compare=s.compare)
        shadow = dataclasses.dataclass(frozen=self.frozen)(type(cls.__name__, (), shadow_ns))
        fields = shadow.__dataclass_fields__
        setattr(cls, "__dataclass_fields__", fields)
        return fields


def _process(cls, frozen: bool, slots: bool):
    specs = _collect(cls)
    if slots:
        if "__slots__" in cls.__dict__:
            raise TypeError(f"{cls.__name__} already specifies __slots__")
        inherited = {s.name for base in cls.__mro__[1:] for s in base.__dict__.get(_FIELDS, ())}
        ns = dict(cls.__dict__)
        for s in specs:
            ns.pop(s.name, None)
        ns.pop("__dict__", None)
        ns.pop("__weakref__", None)
        ns["__slots__"] = tuple(s.name for s in specs if s.name not in inherited)
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, ns)
        cls.__qualname__ = qualname
    class_hash = cls.__dict__.get("__hash__", MISSING)
    explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in cls.__dict__))
    for name, fn in _methods(cls, specs, frozen, slots).items():
        fn.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, fn)
    if not frozen and not explicit_hash:
        cls.__hash__ = None  # eq without frozen: unhashable, as with the standard decorator
    if "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(s.name for s in specs if s.init)
    if "__replace__" not in cls.__dict__:  # copy.replace (Python 3.13), as the standard decorator adds
        def __replace__(self, /, **changes):
            return replace(self, **changes)

        __replace__.__qualname__ = f"{cls.__qualname__}.__replace__"
        cls.__replace__ = __replace__
    setattr(cls, _FIELDS, tuple(specs))
    lazy = _LazyDataclassFields(frozen)
    lazy.__set_name__(cls, "__dataclass_fields__")
    setattr(cls, "__dataclass_fields__", lazy)
    return cls


def dataclass(cls=None, /, *, frozen: bool = False, slots: bool = False):
    def wrap(c):
        return _process(c, frozen, slots)

    return wrap if cls is None else wrap(cls)


def replace(obj, /, **changes):
    """``dataclasses.replace`` for these records (and any dataclass, through the real one)."""
    specs = type(obj).__dict__.get(_FIELDS)
    if specs is None:
        for base in type(obj).__mro__[1:]:
            specs = base.__dict__.get(_FIELDS)
            if specs is not None:
                break
        else:
            import dataclasses

            return dataclasses.replace(obj, **changes)
    for s in specs:
        if not s.init:
            if s.name in changes:
                raise ValueError(f"field {s.name} is declared with init=False, it cannot be specified with replace()")
            continue
        if s.name not in changes:
            changes[s.name] = getattr(obj, s.name)
    return obj.__class__(**changes)
