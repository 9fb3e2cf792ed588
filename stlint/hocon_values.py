"""HOCON values with origins (the model's data classes) and their renderings.

``HScalar``/``HList``/``HPluginList``/``HObject`` are plain values; ``HSubst``/``HConcat``/``HMerge``
are unresolved pieces that ``stlint.hocon_resolve`` resolves; ``HUnresolved`` marks what stayed
unresolved. Every value keeps ``start``/``end`` offsets and its ``src``. Also here: Typesafe's
number rules for unquoted scalars, and the JSON view (``to_json``).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from stlint.source import Source

SECTIONS = ("source", "transform", "sink")


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------
class HValue:
    __slots__ = ("start", "end", "src")

    def is_resolved(self) -> bool:
        return True


class HScalar(HValue):
    """string / number (int|float) / boolean / null. ``raw`` is the text as written (used when a
    number or boolean takes part in a string concatenation); for a quoted string it is the string
    itself (the text as written is ``src.text[start:end]``; not kept: one copy less per string)."""

    __slots__ = ("value", "raw", "quoted")

    def __init__(self, value: Any, raw: str, start: int, end: int, src: "Source | None",
                 quoted: bool = False) -> None:
        self.value = value
        self.raw = raw
        self.start = start
        self.end = end
        self.src = src
        self.quoted = quoted

    def __repr__(self) -> str:
        return f"HScalar({self.value!r})"


class HList(HValue):
    # ``plain``: how many leading items are known to hold nothing to resolve (a cache of the
    # resolver's, carried over when lists are concatenated: `+=` chains stay linear)
    __slots__ = ("items", "plain")

    def __init__(self, items: list, start: int, end: int, src) -> None:
        self.items = items
        self.plain = 0
        self.start = start
        self.end = end
        self.src = src

    def __repr__(self) -> str:
        return f"HList({self.items!r})"


class HPluginList(HList):
    """A source/transform/sink section as SeaTunnel sees it: one element per child block.
    ``blocks[i]`` is (block key as written, key_start, key_end) of ``items[i]``."""

    __slots__ = ("blocks",)

    def __init__(self, items: list, start: int, end: int, src, blocks: list) -> None:
        super().__init__(items, start, end, src)
        self.blocks = blocks


class HField:
    """One key of an object: the value and where the key was written (last definition)."""

    __slots__ = ("value", "key_start", "key_end", "src")

    def __init__(self, value: HValue, key_start: int, key_end: int, src) -> None:
        self.value = value
        self.key_start = key_start
        self.key_end = key_end
        self.src = src


class HObject(HValue):
    # ``plain``: known to hold nothing to resolve (set by the builder; the resolver hands such an
    # object out as it is)
    __slots__ = ("fields", "plain")

    def __init__(self, fields: dict[str, HField], start: int, end: int, src) -> None:
        self.fields = fields
        self.plain = False
        self.start = start
        self.end = end
        self.src = src

    def __repr__(self) -> str:
        return f"HObject({ {k: f.value for k, f in self.fields.items()}!r})"


class HSubst(HValue):
    """``${path}``; ``prefix_len`` > 0 when it comes from an included file (first looked up
    with the include's prefix, then without it, like Typesafe)."""

    __slots__ = ("path", "optional", "prefix_len", "sep")

    def __init__(self, path: tuple[str, ...], optional: bool, start: int, end: int, src,
                 sep: str = ".", prefix_len: int = 0) -> None:
        self.path = path
        self.optional = optional
        self.start = start
        self.end = end
        self.src = src
        self.sep = sep
        self.prefix_len = prefix_len

    def is_resolved(self) -> bool:
        return False

    def render(self) -> str:
        return "${" + ("?" if self.optional else "") + render_path(self.path, self.sep) + "}"

    def __repr__(self) -> str:
        return f"HSubst({self.render()})"


class HConcat(HValue):
    """A concatenation that still contains substitutions."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[HValue], start: int, end: int, src) -> None:
        self.parts = parts
        self.start = start
        self.end = end
        self.src = src

    def is_resolved(self) -> bool:
        return False

    def render(self) -> str:
        return "".join(render_value(p) for p in self.parts)


class HMerge(HValue):
    """Delayed merge: values assigned to one key, newest first, not mergeable before
    substitutions are resolved (e.g. ``a = {x=1}`` then ``a = ${b}``)."""

    __slots__ = ("stack",)

    def __init__(self, stack: list[HValue]) -> None:
        self.stack = stack
        self.start = stack[0].start
        self.end = stack[0].end
        self.src = stack[0].src

    def is_resolved(self) -> bool:
        return False

    def render(self) -> str:
        return ",".join(render_value(v) for v in reversed(self.stack))


class HUnresolved(HValue):
    """Result of resolution when a substitution could not be resolved (kept, like Typesafe's
    ``allowUnresolved``). ``value`` is the original unresolved value."""

    __slots__ = ("value",)

    def __init__(self, value: HValue) -> None:
        self.value = value
        self.start = value.start
        self.end = value.end
        self.src = value.src

    def render(self) -> str:
        return render_value(self.value)


_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def render_path(path: tuple[str, ...], sep: str = ".") -> str:
    return sep.join(p if _SIMPLE_KEY.match(p) else _json_str(p) for p in path)


def _json_str(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


def render_value(v: HValue) -> str:
    """Concise HOCON rendering, as Typesafe's ``render(concise)`` prints unresolved values."""
    if isinstance(v, HScalar):
        if isinstance(v.value, str):
            return _json_str(v.value)
        return to_json_text(v.value)
    if isinstance(v, (HSubst, HConcat, HMerge, HUnresolved)):
        return v.render()
    if isinstance(v, HList):
        return "[" + ",".join(render_value(i) for i in v.items) + "]"
    if isinstance(v, HObject):
        return "{" + ",".join(_json_str(k) + ":" + render_value(f.value) for k, f in v.fields.items()) + "}"
    return "?"


def to_json_text(x: Any) -> str:
    import json

    return json.dumps(x)


# --------------------------------------------------------------------------------------------
# Scalars: HOCON/Typesafe number rules
# --------------------------------------------------------------------------------------------
_NUM_START = set("-0123456789")
_NUM_CHARS = set("0123456789eE+-.")
_I64 = 2 ** 63


def java_number(text: str) -> int | float | None:
    """The number Typesafe makes of an unquoted token, or None if it is text.

    Digits without ``.eE`` are a long (overflow -> text); otherwise a double, and a double
    whose value is whole and fits a long is stored as an integer (``1.0`` -> 1)."""
    if text.isdigit() and text.isascii():  # (most numbers) a long unless it overflows
        n = int(text, 10)
        return n if n < _I64 else None
    if not text or text[0] not in _NUM_START or not set(text) <= _NUM_CHARS:
        return None
    if not any(c in ".eE" for c in text):
        try:
            n = int(text, 10)
        except ValueError:
            return None
        if -_I64 <= n < _I64 and not text.startswith("+"):
            return n
        return None
    try:
        f = float(text)
    except ValueError:
        return None
    if text[-1] in "eE+-" or "_" in text:
        return None
    return _whole(f)


def _whole(f: float) -> int | float:
    if math.isnan(f) or math.isinf(f):
        return f
    # Java: long asLong = (long) d; if (asLong == d) -> long
    if f >= _I64:
        as_long = _I64 - 1
    elif f < -_I64:
        as_long = -_I64
    else:
        as_long = int(f)
    if float(as_long) == f:
        return as_long
    return f


_WORDS = {"true": True, "false": False, "null": None}


def scalar_from_unquoted(text: str, start: int, end: int, src) -> HScalar:
    if text in _WORDS:
        return HScalar(_WORDS[text], text, start, end, src)
    if text[:1] in _NUM_START:  # (a number starts with a digit or `-`)
        n = java_number(text)
        if n is not None:
            return HScalar(n, text, start, end, src)
    return HScalar(text, text, start, end, src)




# --------------------------------------------------------------------------------------------
# JSON view
# --------------------------------------------------------------------------------------------
class _Undefined:
    pass


UNDEFINED = _Undefined()  # an optional substitution with no value


def to_json(v: HValue | _Undefined | None) -> Any:
    """Plain JSON-able data; unresolved values become {"$unresolved": "<HOCON text>"}."""
    t = type(v)  # the common classes first, without the isinstance chain
    if t is HScalar:
        return v.value
    if t is HObject:  # (scalar members inline: no call each)
        return {k: x.value if type(x := f.value) is HScalar else to_json(x) for k, f in v.fields.items()}
    if t is HList or t is HPluginList:
        return [x.value if type(x) is HScalar else to_json(x) for x in v.items]
    if v is None or v is UNDEFINED:
        return None
    if isinstance(v, HScalar):
        return v.value
    if isinstance(v, HList):
        return [to_json(i) for i in v.items]
    if isinstance(v, HObject):
        return {k: to_json(f.value) for k, f in v.fields.items()}
    if isinstance(v, HUnresolved):
        return {"$unresolved": v.render()}
    if isinstance(v, (HSubst, HConcat, HMerge)):
        return {"$unresolved": v.render()}
    return None


def iter_unresolved(v: HValue, path: tuple = ()) -> Iterator[tuple[tuple, HUnresolved]]:
    if isinstance(v, HUnresolved):
        yield path, v
    elif isinstance(v, HObject):
        for k, f in v.fields.items():
            yield from iter_unresolved(f.value, path + (k,))
    elif isinstance(v, HList):
        for i, it in enumerate(v.items):
            yield from iter_unresolved(it, path + (i,))
