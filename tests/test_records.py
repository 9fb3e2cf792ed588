"""stlint._records.dataclass behaves like dataclasses.dataclass on every shape stlint uses.

Each shape is declared twice by one factory, once with each decorator, and the two classes are
compared on construction, defaults and factories, repr, equality, hashing, frozenness, slots,
pickling, copying, ``__match_args__`` and the dataclasses module's own ``fields``/``replace``/
``asdict`` (which the records support through a lazily built ``__dataclass_fields__``).
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sys
from typing import ClassVar

import pytest

from stlint import _records


def _shapes(dc, field):
    """name -> class, declared with the given decorator and field function."""

    class Plain:
        a: int
        b: str = "x"
        c: list = field(default_factory=list)

    class Frozen:
        a: int
        b: tuple = ()

    class Slotted:
        start: int
        end: int
        message: str = ""
        related: tuple = ()

    class FrozenSlotted:
        line: int
        column: int

    class Hidden:
        x: int = 0
        _cache: dict = field(default_factory=dict, repr=False)
        _extra: object = field(default=None, repr=False, compare=False)
        counter: ClassVar[int] = 0

    class NoInit:
        a: int
        total: int = field(default=0, init=False)
        seen: list = field(default_factory=list, init=False)

    class Own:
        a: int

        def __repr__(self):
            return "own"

        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

    class Post:
        a: int
        doubled: int = field(default=0, init=False)

        def __post_init__(self):
            self.doubled = 2 * self.a

    class FrozenOwnHash:
        a: int

        def __hash__(self):
            return 7

    out = {
        "Plain": dc(Plain), "Frozen": dc(frozen=True)(Frozen), "Slotted": dc(slots=True)(Slotted),
        "FrozenSlotted": dc(frozen=True, slots=True)(FrozenSlotted), "Hidden": dc(Hidden), "NoInit": dc(NoInit),
        "Own": dc(Own), "Post": dc(Post), "FrozenOwnHash": dc(frozen=True)(FrozenOwnHash),
    }
    base = dc(type("Base", (), {"__annotations__": {"a": "int", "b": "int"}, "b": 1}))

    class Child(base):
        c: int = 2

    out["Child"] = dc(Child)
    return out


STD = _shapes(dataclasses.dataclass, dataclasses.field)
OURS = _shapes(_records.dataclass, _records.field)

ARGS = {
    "Plain": [(1,), (1, "y"), (1, "y", [2])], "Frozen": [(1,), (2, (1, 2))], "Slotted": [(1, 2), (1, 2, "m", (3,))],
    "FrozenSlotted": [(1, 2)], "Hidden": [(), (5,), (5, {"k": 1}, "e")], "NoInit": [(1,)], "Own": [(1,)],
    "Post": [(4,)], "FrozenOwnHash": [(1,)], "Child": [(0,), (0, 5, 6)],
}

# module-level twins for pickling (pickle finds classes by module and qualified name)
for _name in ("Frozen", "Slotted", "FrozenSlotted", "Plain"):
    for _prefix, _table in (("Std", STD), ("Ours", OURS)):
        _cls = _table[_name]
        _cls.__qualname__ = _cls.__name__ = f"{_prefix}{_name}"
        _cls.__module__ = __name__
        setattr(sys.modules[__name__], _cls.__name__, _cls)


def _strip(text: str, cls) -> str:
    return text.replace(cls.__qualname__, "C")


@pytest.mark.parametrize("name", sorted(ARGS))
def test_same_behaviour_as_dataclasses(name):
    std, ours = STD[name], OURS[name]
    assert ours.__match_args__ == std.__match_args__
    assert (ours.__hash__ is None) == (std.__hash__ is None)
    assert getattr(ours, "__slots__", None) == getattr(std, "__slots__", None)
    for attr in ("a", "b", "x", "total", "line"):
        assert hasattr(ours, attr) == hasattr(std, attr), attr
        if hasattr(std, attr) and "__slots__" not in std.__dict__:  # class attribute: the default
            assert getattr(ours, attr) == getattr(std, attr)
    for args in ARGS[name]:
        s, o, o2 = std(*args), ours(*args), ours(*args)
        assert _strip(repr(o), ours) == _strip(repr(s), std)
        assert o == o2 and not (o != o2)
        assert (o == s) is (name == "Own")  # another class (Own's __eq__ says True to anything)
        if std.__hash__ is not None and name != "Own":  # Own keeps object's identity hash
            assert hash(o) == hash(o2) == hash(s)  # the same tuple of fields is hashed
        for f in dataclasses.fields(std):
            assert getattr(o, f.name) == getattr(s, f.name)
        assert dataclasses.asdict(o) == dataclasses.asdict(s)
        kw = {f.name: getattr(s, f.name) for f in dataclasses.fields(std) if f.init}
        assert ours(**kw) == o
        for f in dataclasses.fields(std):
            if f.default_factory is not dataclasses.MISSING and f.init and f.name not in kw:
                assert getattr(ours(*args[:1]), f.name) is not getattr(ours(*args[:1]), f.name)
    with pytest.raises(TypeError):
        ours(*ARGS[name][-1], 99, 98, 97)


@pytest.mark.parametrize("name", sorted(ARGS))
def test_dataclasses_module_sees_the_same_fields(name):
    std, ours = STD[name], OURS[name]
    assert dataclasses.is_dataclass(ours)
    keys = ("name", "type", "default", "default_factory", "init", "repr", "compare")
    assert ([tuple(getattr(f, k) for k in keys) for f in dataclasses.fields(ours)]
            == [tuple(getattr(f, k) for k in keys) for f in dataclasses.fields(std)])


@pytest.mark.parametrize("name", sorted(ARGS))
def test_replace(name):
    std, ours = STD[name], OURS[name]
    init_fields = [f.name for f in dataclasses.fields(std) if f.init]
    args = ARGS[name][-1]
    s, o = std(*args), ours(*args)
    change = {init_fields[0]: 42}
    for r in (_records.replace(o, **change), dataclasses.replace(o, **change)):
        assert type(r) is ours
        assert _strip(repr(r), ours) == _strip(repr(dataclasses.replace(s, **change)), std)
    if hasattr(copy, "replace"):  # Python 3.13+
        assert copy.replace(o, **change) == _records.replace(o, **change)
    no_init = [f.name for f in dataclasses.fields(std) if not f.init]
    if no_init:
        with pytest.raises(ValueError):
            _records.replace(o, **{no_init[0]: 1})
        with pytest.raises(ValueError):
            dataclasses.replace(s, **{no_init[0]: 1})


def test_frozen_records_refuse_assignment_like_dataclasses():
    for name in ("Frozen", "FrozenSlotted", "FrozenOwnHash"):
        s, o = STD[name](*ARGS[name][0]), OURS[name](*ARGS[name][0])
        field_name = dataclasses.fields(s)[0].name
        for obj in (s, o):
            with pytest.raises(AttributeError, match="cannot assign to field"):
                setattr(obj, field_name, 5)
            with pytest.raises(AttributeError):
                delattr(obj, field_name)
    assert hash(OURS["FrozenOwnHash"](1)) == 7 == hash(STD["FrozenOwnHash"](1))
    o = OURS["Plain"](1)
    o.a = 2  # not frozen
    assert o.a == 2


@pytest.mark.parametrize("name", ["Frozen", "Slotted", "FrozenSlotted", "Plain"])
def test_pickle_and_copy(name):
    ours = OURS[name]
    for args in ARGS[name]:
        o = ours(*args)
        for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(o, proto))
            assert type(back) is ours and back == o
        assert copy.copy(o) == o and copy.deepcopy(o) == o


def test_declaration_errors_match():
    for dc, field in ((dataclasses.dataclass, dataclasses.field), (_records.dataclass, _records.field)):
        with pytest.raises(TypeError):
            dc(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))
        with pytest.raises(ValueError):
            dc(type("Mutable", (), {"__annotations__": {"a": "list"}, "a": []}))
        with pytest.raises(ValueError):
            field(default=1, default_factory=list)


def test_recursive_repr_stops():
    o = OURS["Plain"](1)
    o.c.append(o)
    s = STD["Plain"](1)
    s.c.append(s)
    assert _strip(repr(o), OURS["Plain"]) == _strip(repr(s), STD["Plain"])


def test_check_path_records_are_ours():
    """The classes a check builds use the light decorator (tests/cli/test_cold_start.py checks
    that `stlint check` never imports dataclasses)."""
    from stlint import config, diagnostics, engine, hocon, job, source

    for cls in (diagnostics.Diagnostic, diagnostics.Fix, diagnostics.Edit, diagnostics.Related, source.Pos,
                config.Settings, job.Plugin, job.Job, hocon.Document, engine.LintResult):
        assert "__stlint_record_fields__" in cls.__dict__, cls
        assert dataclasses.is_dataclass(cls)
