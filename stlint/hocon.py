"""Syntax tree -> HOCON values with origins, and resolution in two flavours.

``hocon``     stock HOCON (Typesafe Config): dotted keys nest, objects merge, later wins,
              substitutions resolve against the whole config (self-references see the previous
              value), unresolved ones are kept as markers.
``seatunnel`` what SeaTunnel's patched Typesafe parser does (see shared facts, sections 1, 2, 7):
              the path separator is ``->`` (``job.mode`` is ONE key); an object under a field
              named ``source``/``transform``/``sink`` (any depth, not in .json files) becomes an
              ordered list of plugin objects with a fallback ``plugin_name``; a repeated
              top-level section therefore replaces the first one.

Every value keeps ``start``/``end`` offsets (and the file it came from) so later stages can
point at it. Nothing here raises on bad input: problems become diagnostics.
"""

from __future__ import annotations

import math
import os
import re
from stlint._records import dataclass, field
from typing import Any, Iterator

from stlint.diagnostics import Diagnostic
from stlint.parser import (SArray, SConcat, SField, SInclude, SKey, SObject, SScalar, SSubst,
                           parse)
from stlint.source import Source

SECTIONS = ("source", "transform", "sink")
MAX_INCLUDE_DEPTH = 50
# per job: distinct included files and their total size (hostile fan-out stays bounded)
MAX_INCLUDE_FILES = 200
MAX_INCLUDE_BYTES = 16 * 1024 * 1024


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------
class HValue:
    __slots__ = ("start", "end", "src")

    def is_resolved(self) -> bool:
        return True


class HScalar(HValue):
    """string / number (int|float) / boolean / null. ``raw`` is the text as written (used when a
    number or boolean takes part in a string concatenation)."""

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
    __slots__ = ("items",)

    def __init__(self, items: list, start: int, end: int, src) -> None:
        self.items = items
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
    __slots__ = ("fields",)

    def __init__(self, fields: dict[str, HField], start: int, end: int, src) -> None:
        self.fields = fields
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


def scalar_from_unquoted(text: str, start: int, end: int, src) -> HScalar:
    if text == "true":
        return HScalar(True, text, start, end, src)
    if text == "false":
        return HScalar(False, text, start, end, src)
    if text == "null":
        return HScalar(None, text, start, end, src)
    n = java_number(text)
    if n is not None:
        return HScalar(n, text, start, end, src)
    return HScalar(text, text, start, end, src)


# --------------------------------------------------------------------------------------------
# Building: syntax tree -> values
# --------------------------------------------------------------------------------------------
@dataclass
class Flavor:
    name: str  # "hocon" | "seatunnel"
    sep: str  # path separator
    plugin_lists: bool  # SeaTunnel's source/transform/sink rewrite

    @classmethod
    def get(cls, name: str) -> "Flavor":
        if name == "seatunnel":
            return cls("seatunnel", "->", True)
        if name == "hocon":
            return cls("hocon", ".", False)
        raise ValueError(f"unknown flavor {name!r} (expected 'seatunnel' or 'hocon')")


@dataclass
class IncludeRecord:
    """An include statement and what became of it (for checks and the LSP)."""

    node: SInclude
    src: Source
    resolved: str | None  # absolute path of the file that was read
    in_plugin_list: bool  # dropped by SeaTunnel (include inside source/transform/sink)
    probed: list[str] = field(default_factory=list)  # every candidate path looked at (found or not)


class _IncludeState:
    """Shared by every builder of one job: each included file is loaded once (memo), cycles are
    named, and the number and total size of included files are bounded."""

    __slots__ = ("memo", "stack", "files", "bytes", "limit_msg")

    def __init__(self) -> None:
        self.memo: dict[str, tuple[HObject | None, list[str]]] = {}
        self.stack: list[str] = []  # files being loaded (for cycle messages)
        self.files = 0
        self.bytes = 0
        self.limit_msg: str | None = None


class _Builder:
    def __init__(self, flavor: Flavor, json_syntax: bool, diags: list[Diagnostic], src: Source,
                 base_dir: str | None, include_depth: int, includes: list[IncludeRecord],
                 root_dir: str | None) -> None:
        self.flavor = flavor
        self.json = json_syntax
        self.diags = diags
        self.src = src
        self.base_dir = base_dir
        self.root_dir = root_dir
        self.include_depth = include_depth
        self.includes = includes
        self.nested_errors: list[tuple[int, int, str]] = []
        self.list_depth = 0
        self.state = _IncludeState()  # replaced by the includer's for nested files

    def err(self, start: int, end: int, msg: str, name: str = "syntax-error") -> None:
        if self.include_depth == 0:
            self.diags.append(Diagnostic(name, "error", msg, start, end))
        else:
            self.nested_errors.append((start, end, msg))

    # -- keys --------------------------------------------------------------------------------
    def key_path(self, key: SKey) -> tuple[str, ...] | None:
        """Split a key into path elements. Unquoted text splits on the separator, quoted text
        never does, whitespace between tokens belongs to the element."""
        text = self.src.text
        sep = self.flavor.sep
        elems: list[list] = [["", False]]  # [text, can_be_empty]
        prev_end = None
        for part_text, quoted, s, e in key.parts:
            if prev_end is not None and s > prev_end:
                elems[-1][0] += text[prev_end:s]
            prev_end = e
            if quoted or self.json:
                elems[-1][0] += part_text
                if quoted and not part_text:
                    elems[-1][1] = True
                continue
            pieces = part_text.split(sep)
            elems[-1][0] += pieces[0]
            for p in pieces[1:]:
                elems.append([p, False])
        for t, can_be_empty in elems:
            if t == "" and not can_be_empty:
                self.err(key.start, key.end,
                         f"key `{text[key.start:key.end]}` has a leading, trailing or doubled `{sep}` "
                         f"(quote an empty element as \"\" if you mean it)")
                return None
        return tuple(t for t, _ in elems)

    def subst_path(self, s: SSubst) -> tuple[str, ...] | None:
        if s.default_at >= 0:
            # `${VAR:default}` is a parse error in Typesafe/SeaTunnel (BadPath on ':')
            self.err(s.start, s.end,
                     f"`{self.src.text[s.start:s.end]}`: a default value in an unquoted substitution is a "
                     "parse error in SeaTunnel; quote it: \"" + self.src.text[s.start:s.end] + "\"",
                     name="unquoted-placeholder-default")
            return None
        expr = s.expr.strip()
        if not expr:
            return None
        # tokenise the path expression: quoted strings and unquoted runs
        elems: list[list] = [["", False]]
        i = 0
        sep = self.flavor.sep
        while i < len(expr):
            ch = expr[i]
            if ch == '"':
                j = i + 1
                while j < len(expr) and expr[j] != '"':
                    j += 2 if expr[j] == "\\" else 1
                from stlint.parser import decode_quoted

                txt, _ = decode_quoted(expr[i:j + 1])
                elems[-1][0] += txt
                if not txt:
                    elems[-1][1] = True
                i = j + 1
                continue
            if expr.startswith(sep, i):
                elems.append(["", False])
                i += len(sep)
                continue
            if ch in "$\"{}[]:=,+#`^?!@*&\\":
                self.err(s.start, s.end, f"character `{ch}` is not allowed in a substitution path")
                return None
            elems[-1][0] += ch
            i += 1
        for t, can_be_empty in elems:
            if t == "" and not can_be_empty:
                self.err(s.start, s.end, f"substitution `{self.src.text[s.start:s.end]}` has an empty path element")
                return None
        return tuple(t for t, _ in elems)

    # -- values ------------------------------------------------------------------------------
    def value(self, node, path: tuple[str, ...], in_list: bool = False) -> HValue | None:
        src = self.src
        if isinstance(node, SScalar):
            if node.kind == "unquoted":
                if self.json and node.text not in ("true", "false", "null") and java_number(node.text) is None:
                    self.err(node.start, node.end, f"unquoted text `{node.text}` is not allowed in JSON")
                return scalar_from_unquoted(node.text, node.start, node.end, src)
            if node.kind == "missing":
                return None
            if node.kind == "number":
                if java_number(node.text) is None and "+" in node.text:
                    self.err(node.start, node.end, "reserved character `+` is not allowed outside quotes (quote the text)")
                return scalar_from_unquoted(node.text, node.start, node.end, src)
            return HScalar(node.text, src.text[node.start:node.end], node.start, node.end, src, quoted=True)
        if isinstance(node, SObject):
            if self.flavor.plugin_lists and not self.json and path and path[-1] in SECTIONS:
                return self.plugin_list(node, path)
            return self.object(node, path)
        if isinstance(node, SArray):
            items = []
            self.list_depth += 1
            try:
                for it in node.items:
                    v = self.value(it, path, in_list=True)
                    if v is not None:
                        items.append(v)
            finally:
                self.list_depth -= 1
            return HList(items, node.start, node.end, src)
        if isinstance(node, SSubst):
            if self.json:
                self.err(node.start, node.end, "substitutions are not allowed in JSON")
                return None
            p = self.subst_path(node)
            if p is None:
                # keep the key set (value unknown) so later stages do not report it as missing
                raw = src.text[node.start:node.end]
                return HUnresolved(HScalar(raw, raw, node.start, node.end, src))
            return HSubst(p, node.optional, node.start, node.end, src, self.flavor.sep)
        if isinstance(node, SConcat):
            return self.concat(node, path)
        return None

    def concat(self, node: SConcat, path) -> HValue | None:
        src = self.src
        text = src.text
        parts: list[HValue] = []
        prev_end = None
        prev_node = None
        for p in node.parts:
            # whitespace next to a literal object or list is not part of the value (the parser
            # knows it is not text); next to a substitution it is kept until resolution
            if (prev_end is not None and p.start > prev_end
                    and not isinstance(p, (SObject, SArray)) and not isinstance(prev_node, (SObject, SArray))):
                ws = text[prev_end:p.start]
                parts.append(HScalar(ws, ws, prev_end, p.start, src))
                parts[-1].quoted = None  # marks whitespace
            prev_end = p.end
            prev_node = p
            if isinstance(p, SScalar) and p.kind == "number" and "+" in p.text and java_number(p.text) is None:
                self.err(p.start, p.end, "reserved character `+` is not allowed outside quotes (quote the text)")
            if isinstance(p, SScalar) and p.kind in ("unquoted", "number"):
                # inside a concatenation numbers/booleans keep their text
                v = HScalar(p.text, p.text, p.start, p.end, src)
            elif isinstance(p, (SObject, SArray)):
                v = self.value(p, path)
            else:
                v = self.value(p, path)
            if v is None:
                continue
            if isinstance(v, HUnresolved):  # a broken substitution: the whole value is unknown
                raw = text[node.start:node.end]
                return HUnresolved(HScalar(raw, raw, node.start, node.end, src))
            parts.append(v)
        return join_parts(parts, node.start, node.end, src, self.err)

    def object(self, node: SObject, path: tuple[str, ...]) -> HObject:
        fields: dict[str, HField] = {}
        for m in node.members:
            if isinstance(m, SInclude):
                self.include(m, fields, path, in_plugin_list=False)
                continue
            kp = self.key_path(m.key)
            if kp is None:
                continue
            if self.json and m.sep not in (":", None):
                self.err(m.sep_start, m.sep_start + len(m.sep or ""), f"`{m.sep}` is not allowed in JSON, use `:`")
            full = path + kp
            v = self.value(m.value, full if len(kp) == 1 else full)
            if v is None:
                continue
            if m.sep == "+=":
                if self.list_depth:
                    self.err(m.sep_start, m.sep_start + 2, "`+=` does not work inside a list (Typesafe limitation)")
                    continue
                v = HConcat([HSubst(full, True, m.start, m.end, self.src, self.flavor.sep),
                             HList([v], v.start, v.end, self.src)], v.start, v.end, self.src)
            k0 = kp[0]
            for k in reversed(kp[1:]):
                v = HObject({k: HField(v, m.key.start, m.key.end, self.src)}, m.start, m.end, self.src)
            existing = fields.get(k0)
            if existing is not None:
                if self.json:
                    self.err(m.key.start, m.key.end, f"JSON does not allow duplicate fields: `{k0}` was already set")
                v = merge(v, existing.value)
            fields[k0] = HField(v, m.key.start, m.key.end, self.src)
        return HObject(fields, node.start, node.end, self.src)

    def plugin_list(self, node: SObject, path: tuple[str, ...]) -> HList:
        """SeaTunnel's parseObjectForSeaTunnel: each child field becomes one list element."""
        items: list[HValue] = []
        blocks: list[tuple[str, int, int]] = []
        for m in node.members:
            if isinstance(m, SInclude):
                # parsed into a map that is then thrown away: the include has no effect
                self.include(m, {}, path, in_plugin_list=True)
                continue
            kp = self.key_path(m.key)
            if kp is None:
                continue
            full = path + kp
            v = self.value(m.value, full)
            if v is None:
                continue
            if m.sep == "+=":
                v = HConcat([HSubst(full, True, m.start, m.end, self.src, self.flavor.sep),
                             HList([v], v.start, v.end, self.src)], v.start, v.end, self.src)
            for k in reversed(kp[1:]):
                v = HObject({k: HField(v, m.key.start, m.key.end, self.src)}, m.start, m.end, self.src)
            name = HScalar(kp[0], kp[0], m.key.start, m.key.end, self.src, quoted=True)
            fallback = HObject({"plugin_name": HField(name, m.key.start, m.key.end, self.src)},
                               m.key.start, m.key.end, self.src)
            items.append(merge(v, fallback))
            blocks.append((kp[0], m.key.start, m.key.end))
        return HPluginList(items, node.start, node.end, self.src, blocks)

    # -- include -----------------------------------------------------------------------------
    def include(self, inc: SInclude, fields: dict[str, HField], path: tuple[str, ...],
                in_plugin_list: bool) -> None:
        rec = IncludeRecord(inc, self.src, None, in_plugin_list)
        self.includes.append(rec)
        if self.json:
            self.err(inc.start, inc.end, "`include` is not allowed in JSON")
            return
        if inc.kind in ("url", "classpath"):
            self.warn(inc, f"`include {inc.kind}(...)` is not resolved: stlint only reads local files "
                           "next to the job file")
            return
        if self.base_dir is None:
            self.warn(inc, "`include` is not resolved for text without a file path")
            return
        if self.include_depth >= MAX_INCLUDE_DEPTH:
            self.err(inc.start, inc.end, f"include statements nested more than {MAX_INCLUDE_DEPTH} times (a cycle?)")
            return
        target = inc.target
        candidates: list[str]
        base = os.path.join(self.base_dir, target)
        if target.endswith((".conf", ".json", ".properties")):
            candidates = [base]
        else:
            candidates = [base + ".conf", base + ".json", base + ".properties"]
        root = os.path.realpath(self.root_dir or self.base_dir)
        found = []
        for c in candidates:
            real = os.path.realpath(c)
            if os.path.commonpath([root, real]) != root:
                self.warn(inc, f"`include \"{target}\"` points outside the job's directory; stlint does not read it")
                return
            rec.probed.append(real)
            if os.path.exists(real) and not os.path.isdir(real):  # a FIFO or device: refused when read
                found.append(real)
        if not found:
            if inc.required:
                self.err(inc.target_start, inc.target_end, f"required include `{target}` not found")
            return
        merged: HObject | None = None
        limit_before = self.state.limit_msg
        for f in found:
            obj = self.load_memo(f, inc)
            if obj is None:
                continue
            merged = obj if merged is None else merge(obj, merged)  # later candidates win
        rec.resolved = found[0]
        if self.include_depth == 0 and self.state.limit_msg is not None and limit_before is None:
            self.diags.append(Diagnostic("unresolved-include", "warning",
                                         f"includes not fully read: {self.state.limit_msg}", inc.start, inc.end))
        if merged is None or in_plugin_list:
            return
        if path:
            merged = relativize(merged, path)
        for k, fld in merged.fields.items():
            ex = fields.get(k)
            v = fld.value if ex is None else merge(fld.value, ex.value)
            fields[k] = HField(v, fld.key_start, fld.key_end, fld.src)

    def warn(self, inc: SInclude, msg: str) -> None:
        if self.include_depth == 0:
            self.diags.append(Diagnostic("unresolved-include", "warning", msg, inc.start, inc.end))

    def load_memo(self, path: str, inc: SInclude) -> HObject | None:
        """An included file, loaded once per job (later includes of it reuse the value and
        repeat its errors), within the job's bounds on included files and bytes."""
        st = self.state
        if path in st.stack:
            # name the cycle once (Typesafe goes round it until "include statements nested more than
            # 50 times" and loading fails)
            chain = st.stack[st.stack.index(path):] + [path]
            self.err(inc.target_start, inc.target_end,
                     "include cycle: " + " -> ".join(os.path.basename(p) for p in chain) + " (SeaTunnel's parser "
                     f"follows it until includes are nested more than {MAX_INCLUDE_DEPTH} times and loading fails)")
            return None
        hit = st.memo.get(path)
        if hit is None:
            if st.files >= MAX_INCLUDE_FILES:
                st.limit_msg = st.limit_msg or (f"the job includes more than {MAX_INCLUDE_FILES} files "
                                                f"(stlint's limit); `{os.path.basename(path)}` and later ones "
                                                "are not read")
                return None
            st.stack.append(path)
            try:
                hit = self.load_properties(path, inc) if path.endswith(".properties") else self.load_included(path)
            finally:
                st.stack.pop()
            if hit[0] is not None or hit[1]:  # a file skipped for a bound is not remembered
                st.memo[path] = hit
        obj, msgs = hit
        for m in msgs:
            self.err(inc.target_start, inc.target_end, m)
        return obj

    def read_bounded(self, path: str) -> tuple[bytes | None, list[str]]:
        """The bytes of an included file, counted against the job's bounds, or None and why
        (nothing when a bound stopped it: that is reported once, at the top-level include)."""
        from stlint.files import ReadError, max_file_bytes, read_regular

        st = self.state
        left = MAX_INCLUDE_BYTES - st.bytes
        per_file = max_file_bytes()
        try:
            data = read_regular(path, limit=max(min(left, per_file), 0))
        except ReadError as e:
            if e.too_large and left < per_file:
                st.limit_msg = st.limit_msg or (f"the included files of the job exceed {MAX_INCLUDE_BYTES >> 20} "
                                                f"MiB (stlint's limit); `{os.path.basename(path)}` is not read")
                return None, []
            return None, [f"cannot read included file: {e.message}"]
        st.files += 1
        st.bytes += len(data)
        return data, []

    def load_properties(self, path: str, inc: SInclude) -> tuple[HObject | None, list[str]]:
        """A Java .properties file: every value is a string; keys split on the separator;
        where a key is both a value and a parent (``a=1``, ``a.b=2``) the object wins.
        Values point at the include statement that first loaded the file."""
        data, msgs = self.read_bounded(path)
        if data is None:
            return None, msgs
        text = data.decode("latin-1")
        pairs = parse_properties(text)
        tree: dict = {}
        for key, value in pairs:
            parts = key.split(self.flavor.sep)
            node = tree
            for p in parts[:-1]:
                nxt = node.get(p)
                if not isinstance(nxt, dict):
                    nxt = node[p] = {}
                node = nxt
            if not isinstance(node.get(parts[-1]), dict):
                node[parts[-1]] = value
        s, e = inc.start, inc.end

        def build(d: dict) -> HObject:
            return HObject({k: HField(build(v) if isinstance(v, dict) else HScalar(v, v, s, e, self.src, quoted=True),
                                      s, e, self.src) for k, v in d.items()}, s, e, self.src)

        return build(tree), []

    def load_included(self, path: str) -> tuple[HObject | None, list[str]]:
        """An included HOCON/JSON file and its errors, as messages for the include statement."""
        data, msgs = self.read_bounded(path)
        if data is None:
            return None, msgs
        src = Source.from_bytes(data, path)
        pr = parse(src.text)
        sub_diags: list[Diagnostic] = []
        b = _Builder(self.flavor, path.endswith(".json"), sub_diags, src, os.path.dirname(path),
                     self.include_depth + 1, self.includes, self.root_dir or self.base_dir)
        b.state = self.state
        root = pr.root
        errs = [d for d in pr.diagnostics if d.severity == "error"]
        name = os.path.basename(path)
        if errs:
            d = errs[0]
            p = src.pos(d.start)
            msgs.append(f"included file `{name}` has an error at {p.line}:{p.column}: {d.message}")
            if root is None:
                return None, msgs
        if not isinstance(root, SObject):
            return None, msgs
        obj = b.object(root, ())
        for s, e, msg in b.nested_errors:
            if msg.startswith("include cycle: "):
                msgs.append(msg)  # already names every file once
                continue
            p = src.pos(s)
            msgs.append(f"included file `{name}` has an error at {p.line}:{p.column}: {msg}")
        return obj, msgs



_PROP_ESC = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}


def parse_properties(text: str) -> list[tuple[str, str]]:
    """Minimal java.util.Properties.load: comments, continuations, separators, escapes."""
    lines = text.splitlines()
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i].lstrip(" \t\f")
        i += 1
        if not line or line[0] in "#!":
            continue
        while _odd_backslashes(line) and i < len(lines):
            line = line[:-1] + lines[i].lstrip(" \t\f")
            i += 1
        key, j = _prop_token(line, 0, key=True)
        while j < len(line) and line[j] in " \t\f":
            j += 1
        if j < len(line) and line[j] in "=:":
            j += 1
            while j < len(line) and line[j] in " \t\f":
                j += 1
        value, _ = _prop_token(line, j, key=False)
        out.append((key, value))
    return out


def _odd_backslashes(line: str) -> bool:
    n = len(line) - len(line.rstrip("\\"))
    return n % 2 == 1


def _prop_token(line: str, j: int, key: bool) -> tuple[str, int]:
    buf = []
    while j < len(line):
        ch = line[j]
        if key and ch in "=: \t\f":
            break
        if ch == "\\" and j + 1 < len(line):
            nx = line[j + 1]
            if nx == "u" and j + 5 < len(line) + 0:
                try:
                    buf.append(chr(int(line[j + 2:j + 6], 16)))
                    j += 6
                    continue
                except ValueError:
                    pass
            buf.append(_PROP_ESC.get(nx, nx))
            j += 2
            continue
        buf.append(ch)
        j += 1
    return "".join(buf), j


def relativize(v: HValue, prefix: tuple[str, ...]) -> HValue:
    """Prefix substitution paths of an included object (Typesafe's ``relativized``)."""
    if isinstance(v, HSubst):
        return HSubst(prefix + v.path, v.optional, v.start, v.end, v.src, v.sep, v.prefix_len + len(prefix))
    if isinstance(v, HObject):
        return HObject({k: HField(relativize(f.value, prefix), f.key_start, f.key_end, f.src)
                        for k, f in v.fields.items()}, v.start, v.end, v.src)
    if isinstance(v, HPluginList):
        return HPluginList([relativize(i, prefix) for i in v.items], v.start, v.end, v.src, v.blocks)
    if isinstance(v, HList):
        return HList([relativize(i, prefix) for i in v.items], v.start, v.end, v.src)
    if isinstance(v, HConcat):
        return HConcat([relativize(p, prefix) for p in v.parts], v.start, v.end, v.src)
    if isinstance(v, HMerge):
        return HMerge([relativize(p, prefix) for p in v.stack])
    return v


def _is_ws(v: HValue) -> bool:
    return isinstance(v, HScalar) and v.quoted is None


_UNRES = (HSubst, HConcat, HMerge, HUnresolved)


class _JoinError(Exception):
    pass


def _join_pairwise(parts: list[HValue], src) -> list[HValue]:
    """Typesafe's ConfigConcatenation.join, left to right over adjacent pairs: objects merge,
    lists concatenate, whitespace after a list/object is dropped, text joins text, anything
    next to an unresolved piece waits; a list/object next to text is an error."""
    out: list[HValue] = []
    for right in parts:
        if not out:
            out.append(right)
            continue
        left = out[-1]
        if isinstance(left, HObject) and isinstance(right, HObject):
            out[-1] = merge(right, left)
        elif isinstance(left, HList) and isinstance(right, HList):
            out[-1] = HList(left.items + right.items, left.start, right.end, src)
        elif isinstance(left, (HList, HObject)) and _is_ws(right):
            continue
        elif isinstance(left, _UNRES) or isinstance(right, _UNRES):
            out.append(right)
        elif isinstance(left, HScalar) and isinstance(right, HScalar):
            out[-1] = HScalar(_as_text(left) + _as_text(right), "", left.start, right.end, src, quoted=True)
        else:
            kinds = sorted({"list" if isinstance(x, HList) else "object" if isinstance(x, HObject) else "string"
                            for x in (left, right)})
            raise _JoinError("cannot concatenate " + " and ".join(kinds) + " values")
    return out


def join_parts(parts: list[HValue], start: int, end: int, src, err) -> HValue | None:
    """Concatenate the parts of a value (see ``_join_pairwise``); None after an error."""
    try:
        out = _join_pairwise(parts, src)
    except _JoinError as e:
        if err is not None:
            err(start, end, str(e))
        return None
    if not out:
        return None
    if len(out) == 1:
        v = out[0]
        if isinstance(v, HScalar) and not isinstance(v.value, str):
            return HScalar(_as_text(v), v.raw, v.start, v.end, src, quoted=True)
        return v
    return HConcat(out, start, end, src)


def _as_text(v: HScalar) -> str:
    if isinstance(v.value, str):
        return v.value
    if v.raw:
        return v.raw
    if v.value is None:
        return "null"
    if isinstance(v.value, bool):
        return "true" if v.value else "false"
    return str(v.value)


def merge(new: HValue, old: HValue) -> HValue:
    """``new.withFallback(old)``. Keys of ``new`` come first, then keys only in ``old``
    (SeaTunnel's patched LinkedHashMap order)."""
    if isinstance(new, HObject):
        if isinstance(old, HObject):
            fields: dict[str, HField] = {}
            for k, f in new.fields.items():
                o = old.fields.get(k)
                fields[k] = f if o is None else HField(merge(f.value, o.value), f.key_start, f.key_end, f.src)
            for k, f in old.fields.items():
                if k not in fields:
                    fields[k] = f
            return HObject(fields, new.start, new.end, new.src)
        if isinstance(old, HMerge) and isinstance(old.stack[0], HObject):
            return HMerge([merge(new, old.stack[0])] + old.stack[1:])
        if isinstance(old, (HSubst, HConcat, HMerge)):
            return HMerge([new] + (old.stack if isinstance(old, HMerge) else [old]))
        if _has_unresolved(new):  # Typesafe: an unresolved object over a non-object is delayed
            return HMerge([new, old])
        return new
    if isinstance(new, HMerge):
        return HMerge(new.stack + (old.stack if isinstance(old, HMerge) else [old]))
    if isinstance(new, (HSubst, HConcat)):
        return HMerge([new] + (old.stack if isinstance(old, HMerge) else [old]))
    if isinstance(new, HList) and _has_unresolved(new):  # not resolved yet: Typesafe delays
        return HMerge([new] + (old.stack if isinstance(old, HMerge) else [old]))
    return new


def _has_unresolved(v: HValue) -> bool:
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, (HSubst, HConcat, HMerge, HUnresolved)):
            return True
        if isinstance(x, HObject):
            stack.extend(f.value for f in x.fields.values())
        elif isinstance(x, HList):
            stack.extend(x.items)
    return False


# --------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------
class _Undefined:
    pass


UNDEFINED = _Undefined()  # an optional substitution with no value


class ResolveError(Exception):
    def __init__(self, value: HValue, message: str) -> None:
        super().__init__(message)
        self.value = value
        self.message = message


class CycleError(Exception):
    def __init__(self, subst: HSubst) -> None:
        super().__init__(subst.render())
        self.subst = subst


_BELOW = object()


class Resolver:
    """Lazy resolution by path, with self-references resolved against the previous value."""

    def __init__(self, root: HObject, env: dict[str, str] | None = None) -> None:
        self.root = root
        self.env = env
        self.in_progress: list[tuple[str, ...]] = []
        self.previous: dict[tuple[str, ...], HValue | None] = {}
        self.memo: dict[int, HValue | _Undefined] = {}

    # shallow lookup of an absolute path: returns a value whose top level is resolved
    def lookup(self, path: tuple[str, ...], subst: HSubst) -> HValue | _Undefined | None:
        """Shallow lookup of an absolute path (the top level of the result is resolved)."""
        cur: HValue = self.root
        last = len(path) - 1
        for i, k in enumerate(path):
            prefix = path[: i + 1]
            if prefix in self.previous:
                v = self.previous[prefix]
                if v is None:
                    return None
                cur = self.shallow(v, prefix)
            else:
                if not isinstance(cur, HObject):
                    return None
                f = cur.fields.get(k)
                if f is None:
                    return None
                # Descending through an object that is being resolved is fine; taking the
                # value of a path that is being resolved is a self-reference or a cycle.
                if prefix in self.in_progress and (i == last or not isinstance(f.value, HObject)):
                    # `a += x` / `a = ${?a} ...` with no earlier `a`: an optional
                    # self-reference to nothing is undefined; anything else is a cycle
                    if subst.optional and self.in_progress[-1][: len(prefix)] == prefix:
                        return None
                    raise CycleError(subst)
                cur = self.shallow(f.value, prefix)
            if cur is UNDEFINED:
                return None
        return cur

    def shallow(self, v: HValue, path: tuple[str, ...]) -> HValue | _Undefined:
        if isinstance(v, (HScalar, HList, HObject, HUnresolved)):
            return v
        # Memoised only outside self-reference contexts (a value computed while a
        # self-reference looked at a previous value is specific to that context).
        key = id(v)
        m = self.memo.get(key)
        if m is not None and not self.previous:
            return m
        self.in_progress.append(path)
        try:
            r = self._shallow(v, path)
        finally:
            self.in_progress.pop()
        if not self.previous:
            self.memo[key] = r
        return r

    def _subst(self, s: HSubst, path) -> HValue | _Undefined:
        # self-reference: ${path} inside the value of `path` looks at the previous value
        target = s.path
        r = self._find(target, s)
        if r is None and s.prefix_len:
            r = self._find(target[s.prefix_len:], s)
        if r is None and self.env is not None and len(s.path) == 1 and s.path[0] in self.env:
            e = self.env[s.path[0]]
            return HScalar(e, e, s.start, s.end, s.src, quoted=True)
        if r is None:
            return UNDEFINED if s.optional else HUnresolved(s)
        return r

    def _find(self, target, s: HSubst):
        # A path currently being resolved that the substitution points at (or into) is a
        # self-reference only when there is a previous value to look at.
        return self.lookup(target, s)

    def _shallow(self, v: HValue, path) -> HValue | _Undefined:
        if isinstance(v, HSubst):
            return self._subst(v, path)
        if isinstance(v, HConcat):
            parts: list[HValue] = []
            unresolved = False
            for p in v.parts:
                r = self.shallow(p, path) if not isinstance(p, HSubst) else self._subst(p, path)
                if r is UNDEFINED:
                    continue
                if isinstance(r, HUnresolved):
                    unresolved = True
                parts.append(r)
            if unresolved:
                # like Typesafe, join what did resolve, drop undefined optionals, keep the rest
                try:
                    joined = _join_pairwise(parts, v.src)
                except _JoinError as e:
                    raise ResolveError(v, str(e)) from None
                rest = [p.value if isinstance(p, HUnresolved) else p for p in joined]
                return HUnresolved(rest[0] if len(rest) == 1 else HConcat(rest, v.start, v.end, v.src))
            if not parts:
                return UNDEFINED
            problems: list[str] = []
            out = join_parts(parts, v.start, v.end, v.src, lambda s_, e_, msg: problems.append(msg))
            if out is None:
                raise ResolveError(v, problems[0] if problems else "cannot concatenate these values")
            return out
        if isinstance(v, HMerge):
            return self._merge(v, path)
        return v

    def _merge(self, v: HMerge, path) -> HValue | _Undefined:
        """A delayed merge. A run of values at the top that refer to the key itself (`a += x`,
        `a = ${?a} x`) each see the value of everything below them: that run is evaluated
        bottom-up in a loop, so 1,000 appends to one key cost no Python recursion."""
        stack = v.stack
        m = 0
        while m < len(stack) - 1 and not isinstance(stack[m], HObject) and _refers_to(stack[m], path):
            m += 1
        if m < 2:
            return self._merge_from(v, stack, path, _MISSING)
        nodes = [v] + [HMerge(stack[i:]) for i in range(1, m + 1)]
        val = self._merge_from(nodes[m], stack[m:], path, _MISSING)
        for i in range(m - 1, -1, -1):
            below_val = val
            val = self._merge_from(nodes[i], stack[i:i + 1], path, below_val, stack[i + 1:])
            if val is _BELOW:
                # the item was undefined: the merge is the one below, reported as this merge
                val = below_val
                if isinstance(val, HUnresolved) and val.value is nodes[i + 1]:
                    val = HUnresolved(nodes[i])
        return val

    def _merge_from(self, v: HMerge, stack, path, known, rest=None):
        """Merge ``stack`` (newest first). With ``known`` (the value of ``rest``, the merge
        below), evaluate just the first item against it: _BELOW if that item is undefined."""
        acc: HValue | None = None
        for i, item in enumerate(stack):
            below = rest if rest is not None and i == 0 else stack[i + 1:]
            # the previous value is itself a merge, so ITS self-references see what is below
            # (or, walking a run of self-appends bottom-up, that merge's value, already known)
            prev = HMerge(below) if below else None
            if i == 0 and known is not _MISSING:
                prev = None if known is UNDEFINED else known
            saved = self.previous.get(path, _MISSING)
            self.previous[path] = prev
            try:
                r = self.shallow(item, path) if isinstance(item, (HSubst, HConcat, HMerge)) else item
                full = None
                if acc is None and ((isinstance(r, HObject) and any(not isinstance(b, HObject) for b in below))
                                    or (isinstance(r, HList) and below)):
                    full = self.resolve(r, path)
            finally:
                if saved is _MISSING:
                    del self.previous[path]
                else:
                    self.previous[path] = saved
            if r is UNDEFINED:
                if rest is not None:
                    return _BELOW
                continue
            if isinstance(r, HUnresolved):
                # Typesafe keeps the whole delayed merge unresolved (rendered oldest first)
                return HUnresolved(v)
            if acc is None:
                acc = r
                if full is not None and isinstance(r, HList) and _has_unresolved(full):
                    return HUnresolved(v)
                if not isinstance(r, HObject):
                    return r
                if full is not None and _has_unresolved(full):
                    return HUnresolved(v)  # an unresolved object over a non-object stays delayed
            else:
                if not isinstance(r, HObject):
                    # a non-object below an object hides itself and everything under it, but
                    # Typesafe resolves it first (its errors surface)
                    self.resolve(r, path)
                    break
                acc = merge(acc, r)
            # self-references in `item` already consumed the values below it
            if not isinstance(item, HObject) and _refers_to(item, path):
                break
        return UNDEFINED if acc is None else acc

    # full resolution -----------------------------------------------------------------------
    def resolve(self, v: HValue, path: tuple[str, ...]) -> HValue | _Undefined:
        v2 = self.shallow(v, path)
        if isinstance(v2, HObject):
            fields = {}
            for k, f in v2.fields.items():
                self.in_progress.append(path + (k,))
                try:
                    r = self.resolve(f.value, path + (k,))
                finally:
                    self.in_progress.pop()
                if r is UNDEFINED:
                    continue
                fields[k] = HField(r, f.key_start, f.key_end, f.src)
            return HObject(fields, v2.start, v2.end, v2.src)
        if isinstance(v2, HList):
            items = []
            blocks = []
            meta = getattr(v2, "blocks", None)
            for i, it in enumerate(v2.items):
                r = self.resolve(it, path)
                if r is UNDEFINED:
                    continue
                items.append(r)
                if meta is not None:
                    blocks.append(meta[i])
            if meta is not None:
                return HPluginList(items, v2.start, v2.end, v2.src, blocks)
            return HList(items, v2.start, v2.end, v2.src)
        return v2


_MISSING = object()


def _refers_to(v: HValue, path: tuple[str, ...]) -> bool:
    if isinstance(v, HSubst):
        return v.path[: len(path)] == path
    if isinstance(v, HConcat):
        return any(_refers_to(p, path) for p in v.parts)
    if isinstance(v, HMerge):
        return any(_refers_to(p, path) for p in v.stack)
    return False


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------
@dataclass
class Document:
    """One parsed and resolved file."""

    source: Source
    flavor: str
    syntax: Any  # SObject | SArray | None (the positioned syntax tree)
    tree: HObject | None  # unresolved value tree
    resolved: HValue | None  # after substitution
    diagnostics: list[Diagnostic] = field(default_factory=list)
    includes: list[IncludeRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def is_json_path(path: str | None) -> bool:
    # Typesafe guesses the syntax from the name: only a lower-case ".json" suffix means JSON
    return bool(path) and path.endswith(".json")


def load_source(src: Source, flavor: str = "seatunnel", *, json_syntax: bool | None = None,
                env: dict[str, str] | None = None, resolve: bool = True) -> Document:
    fl = Flavor.get(flavor)
    if json_syntax is None:
        json_syntax = is_json_path(src.path)
    from stlint import templates

    # a template for another tool (seatunnel flavour only; `hocon` stays Typesafe's reading)
    tpl = templates.tags(src.text) if fl.name == "seatunnel" else []
    pr = parse(templates.neutralise(src.text, tpl) if tpl else src.text)
    diags = list(pr.diagnostics)
    if tpl:
        diags.append(Diagnostic("template-syntax", "info", templates.message(src.text, tpl), tpl[0][0], tpl[0][1]))
    if src.decode_error is not None:
        off, msg = src.decode_error
        diags.insert(0, Diagnostic("syntax-error", "error", msg + " (the file must be UTF-8)", off, off + 1))
    includes: list[IncludeRecord] = []
    tree = None
    resolved = None
    root = pr.root
    if isinstance(root, SArray):
        diags.append(Diagnostic("syntax-error", "error", "a job config must be an object, not a list",
                                root.start, root.start + 1))
        root = None
    if root is not None:
        base = os.path.dirname(os.path.abspath(src.path)) if src.path else None
        b = _Builder(fl, json_syntax, diags, src, base, 0, includes, base)
        if src.path:
            b.state.stack.append(os.path.realpath(src.path))  # a file that includes itself is a cycle
        tree = b.object(root, ())
        if resolve:
            r = Resolver(tree, env)
            try:
                resolved = r.resolve(tree, ())
            except CycleError as e:
                s = e.subst
                diags.append(Diagnostic("syntax-error", "error",
                                        f"substitution `{s.render()}` is part of a cycle", s.start, s.end))
                resolved = None
            except ResolveError as e:
                diags.append(Diagnostic("syntax-error", "error", e.message, e.value.start, e.value.end))
                resolved = None
            except RecursionError:
                diags.append(Diagnostic("syntax-error", "error", "document too deeply nested to resolve", 0, 0))
                resolved = None
    if tpl and resolved is not None:
        resolved = templates.mark_unknown(resolved, src, tpl)  # values with template syntax are unknown
    diags.sort(key=Diagnostic.sort_key)
    return Document(src, flavor, pr.root, tree, resolved, diags, includes)


def load_file(path: str | os.PathLike, flavor: str = "seatunnel", **kw) -> Document:
    """Load a job file; a FIFO, device or too large file raises ``stlint.files.ReadError``
    (an OSError) with a message."""
    from stlint.files import read_regular

    data = read_regular(path)
    return load_source(Source.from_bytes(data, str(path)), flavor, **kw)


def load_text(text: str, flavor: str = "seatunnel", path: str | None = None, **kw) -> Document:
    return load_source(Source(text, path), flavor, **kw)


def to_json(v: HValue | _Undefined | None) -> Any:
    """Plain JSON-able data; unresolved values become {"$unresolved": "<HOCON text>"}."""
    if v is None or v is UNDEFINED:
        return None
    stack_out: Any
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
