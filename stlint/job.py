"""The job model: what a SeaTunnel job file declares, with source ranges.

Built from a ``hocon.Document`` in the seatunnel flavour: the ``env`` section, the plugins of
``source``/``transform``/``sink`` in order (two ``Jdbc {}`` blocks stay two plugins), their
options under flat keys (``a.b = x`` and ``a { b = x }`` are both option ``a.b``), the
``plugin_input``/``plugin_output`` edges and the placeholders found in values.
"""

from __future__ import annotations

import bisect
import re
from stlint._records import dataclass, field
from typing import Any, Iterator

from stlint.hocon import (SECTIONS, Document, HList, HObject, HPluginList, HScalar, HUnresolved,
                          HValue, load_file, load_source, load_text, to_json)
from stlint.parser import SArray, SConcat, SField, SObject, SScalar, SSubst

# SeaTunnel's placeholder regex (ConfigBuilder / PlaceholderUtils): name has no ':', '{', '}'
PLACEHOLDER_RE = re.compile(r"\$\{([^:{}]+)(?::([^}]*))?\}")
TABLE_PLACEHOLDERS = frozenset({
    "database_name", "schema_name", "schema_full_name", "table_name", "table_full_name",
    "primary_key", "unique_key", "field_names",
})


@dataclass(frozen=True)
class Placeholder:
    """``${name}`` / ``${name:default}`` in a value. ``quoted``: inside a quoted string (a
    SeaTunnel variable or table placeholder); otherwise an unquoted HOCON substitution."""

    name: str
    default: str | None
    start: int
    end: int
    quoted: bool

    @property
    def is_table_placeholder(self) -> bool:
        return self.name in TABLE_PLACEHOLDERS


@dataclass(slots=True)
class Option:
    key: str  # flat key, e.g. "schema.fields.name" or "row.num"
    value: HValue  # resolved value (HUnresolved when a substitution is missing)
    key_start: int
    key_end: int
    placeholders: list[Placeholder] = field(default_factory=list)

    @property
    def value_start(self) -> int:
        return self.value.start

    @property
    def value_end(self) -> int:
        return self.value.end

    @property
    def py(self) -> Any:
        """Plain Python value (unresolved -> {"$unresolved": text})."""
        return to_json(self.value)


@dataclass
class Plugin:
    kind: str  # "source" | "transform" | "sink"
    index: int  # position within its section
    name: str  # effective plugin name (explicit plugin_name wins over the block key)
    block_name: str  # the block key as written
    name_start: int  # range of the block key
    name_end: int
    start: int  # range of the block's value ({ ... })
    end: int
    config: HObject | None  # the resolved plugin object (None if not an object)
    # flattened leaves (a top-level key whose value is not an object: the same Option as in ``top``)
    options: dict[str, Option] = field(default_factory=dict)
    top: dict[str, Option] = field(default_factory=dict)  # top-level keys as written

    @property
    def label(self) -> str:
        return f"{self.kind}.{self.name}"

    def get(self, key: str) -> Option | None:
        """Look an option up the way SeaTunnel's ReadonlyConfig does: the exact flat key
        first, else the key split on '.' through nested objects."""
        o = self.top.get(key)
        if o is not None:
            return o
        return self.options.get(key) or self._nested(key)

    def _nested(self, key: str) -> Option | None:
        if self.config is None or "." not in key:
            return None
        cur: HValue = self.config
        parts = key.split(".")
        kstart = kend = -1
        for p in parts:
            if not isinstance(cur, HObject) or p not in cur.fields:
                return None
            f = cur.fields[p]
            kstart, kend = f.key_start, f.key_end
            cur = f.value
        return Option(key, cur, kstart, kend)

    def string_list(self, *keys: str) -> list[tuple[str, Option]] | None:
        """A List<String> option (e.g. plugin_input), accepting a comma-separated string."""
        for k in keys:
            o = self.top.get(k)
            if o is None:
                continue
            v = o.value
            if isinstance(v, HList):
                return [(str(to_json(i)), o) for i in v.items]
            if isinstance(v, HScalar):
                return [(s.strip(), o) for s in str(v.value).split(",") if s.strip()]
            return [(str(to_json(v)), o)]
        return None


@dataclass
class Section:
    name: str
    key_start: int
    key_end: int
    start: int
    end: int
    value: HValue


@dataclass
class Job:
    doc: Document
    sections: dict[str, Section]
    env: dict[str, Option]
    plugins: list[Plugin]
    # every placeholder/substitution written in a value of this file (quoted `${name}` /
    # `${name:default}` and unquoted `${path}`), sorted by offset: the walk build_job made once
    # (each Option holds its own in ``placeholders``); read-only
    placeholders: list[Placeholder] = field(default_factory=list, repr=False, compare=False)
    # kind -> its plugins in order, made on the first ask (the rules ask ~13 times per job)
    _by_kind: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def source(self):
        return self.doc.source

    def of_kind(self, kind: str) -> list[Plugin]:
        """The plugins of one kind, in order (a new list each call: the caller may keep or change it)."""
        got = self._by_kind.get(kind)
        if got is None:
            got = self._by_kind[kind] = [p for p in self.plugins if p.kind == kind]
        return got.copy()

    def outputs(self, plugin: Plugin) -> list[tuple[str, Option]]:
        """The table name a plugin produces: ``plugin_output`` is ONE string in SeaTunnel
        (no comma splitting, unlike ``plugin_input``)."""
        for k in ("plugin_output", "result_table_name"):
            o = plugin.top.get(k)
            if o is not None:
                v = o.value
                return [(str(v.value) if isinstance(v, HScalar) else str(to_json(v)), o)]
        return []

    def inputs(self, plugin: Plugin) -> list[tuple[str, Option]] | None:
        return plugin.string_list("plugin_input", "source_table_name")


# --------------------------------------------------------------------------------------------
_NO_PLACEHOLDERS: tuple = ()  # read-only: Option.placeholders is only read


class _PlaceholderIndex:
    """Quoted-string and substitution nodes of a syntax tree, sorted by offset, so the
    placeholders inside any value range can be found with a binary search."""

    def __init__(self, doc: Document) -> None:
        self.items: list[Placeholder] = []
        text = doc.source.text
        # placeholders and substitutions are written with `${`: a text without one has none
        stack = [doc.syntax] if doc.syntax is not None and "${" in text else []
        # where `${` is written: a node whose text holds none holds no placeholder (its subtree
        # is not walked: most values of a file with placeholders have none)
        at: list[int] = []
        i = text.find("${") if stack else -1
        while i >= 0:
            at.append(i)
            i = text.find("${", i + 2)
        n_at = len(at)
        bisect_left = bisect.bisect_left
        push = stack.append
        while stack:
            n = stack.pop()
            t = type(n)  # (the parser's node classes have no subclasses)
            if t is SScalar:
                if n.kind in ("quoted", "triple"):
                    raw = text[n.start:n.end]
                    for m in PLACEHOLDER_RE.finditer(raw):
                        self.items.append(Placeholder(m.group(1), m.group(2), n.start + m.start(),
                                                      n.start + m.end(), True))
            elif t is SObject or t is SArray or t is SConcat:
                if t is SObject:
                    children = [m.value for m in n.members if type(m) is SField]
                else:
                    children = n.items if t is SArray else n.parts
                for c in children:
                    j = bisect_left(at, c.start)
                    if j < n_at and at[j] < c.end:  # a `${` inside
                        push(c)
            elif t is SSubst:
                d = None
                if n.default_at >= 0:
                    d = text[n.default_at + 1:n.end - 1]
                self.items.append(Placeholder(n.name, d, n.start, n.end, False))
        self.items.sort(key=lambda p: p.start)
        self.starts = [p.start for p in self.items]

    def within(self, start: int, end: int) -> list[Placeholder]:
        """The placeholders in [start, end); the shared empty tuple when none (most options: no
        list per option)."""
        if not self.items:
            return _NO_PLACEHOLDERS
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            out.append(self.items[i])
            i += 1
        return out or _NO_PLACEHOLDERS


def _flatten(fields, prefix: str, idx: "_PlaceholderIndex", out: dict[str, Option], src) -> None:
    """The leaves of ``fields`` (an object's fields) under flat keys ``prefix + key`` (nested
    objects joined with '.')."""
    within = idx.within if idx.items else None
    for k, f in fields.items():
        key = prefix + k
        v = f.value
        if isinstance(v, HObject) and v.fields:
            _flatten(v.fields, key + ".", idx, out, src)
            continue
        ph = within(v.start, v.end) if within is not None and f.src is src else _NO_PLACEHOLDERS
        out[key] = Option(key, v, f.key_start, f.key_end, ph)


def build_job(doc: Document) -> Job:
    root = doc.resolved if isinstance(doc.resolved, HObject) else doc.tree
    idx = _PlaceholderIndex(doc)
    sections: dict[str, Section] = {}
    env: dict[str, Option] = {}
    plugins: list[Plugin] = []
    if not isinstance(root, HObject):
        return Job(doc, sections, env, plugins, idx.items)
    src = doc.source
    # the placeholders in a value of this file (an included file's values have none here)
    within = idx.within if idx.items else None

    for name, f in root.fields.items():
        sections[name] = Section(name, f.key_start, f.key_end, f.value.start, f.value.end, f.value)
    envf = root.fields.get("env")
    if envf is not None and isinstance(envf.value, HObject):
        for k, f in envf.value.fields.items():
            v = f.value
            env[k] = Option(k, v, f.key_start, f.key_end,
                            within(v.start, v.end) if within is not None and f.src is src else _NO_PLACEHOLDERS)
    for kind in SECTIONS:
        f = root.fields.get(kind)
        if f is None or not isinstance(f.value, HList):
            continue
        lst = f.value
        blocks = lst.blocks if isinstance(lst, HPluginList) else None
        for i, item in enumerate(lst.items):
            if blocks is not None and i < len(blocks):
                bname, ns, ne = blocks[i]
            else:
                bname, ns, ne = "", item.start, item.start
            if isinstance(item, HObject):
                fields = item.fields
                pn = fields.get("plugin_name")
                name = str(to_json(pn.value)) if pn is not None and isinstance(pn.value, HScalar) else bname
                p = Plugin(kind, i, name, bname or name, ns, ne, item.start, item.end, item)
                # the fallback plugin_name SeaTunnel adds (not written by the user) is no option
                skip = pn if pn is not None and blocks is not None and pn.key_start == ns and pn.key_end == ne else None
                top = p.top
                options = p.options
                for k, fld in fields.items():
                    if fld is skip:
                        continue
                    v = fld.value
                    o = top[k] = Option(k, v, fld.key_start, fld.key_end,
                                        within(v.start, v.end) if within is not None and fld.src is src
                                        else _NO_PLACEHOLDERS)
                    if isinstance(v, HObject) and v.fields:
                        _flatten(v.fields, k + ".", idx, options, src)
                    else:
                        options[k] = o  # a top-level leaf: the same option under the same key
            else:
                p = Plugin(kind, i, bname, bname, ns, ne, item.start, item.end, None)
            plugins.append(p)
    return Job(doc, sections, env, plugins, idx.items)


def job_from_file(path, **kw) -> Job:
    return build_job(load_file(path, "seatunnel", **kw))


def job_from_text(text: str, path: str | None = None, **kw) -> Job:
    return build_job(load_text(text, "seatunnel", path, **kw))
