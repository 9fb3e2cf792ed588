"""Building: positioned syntax tree -> HOCON values (``stlint.hocon_values``).

Keys split by the flavour's separator, values with origins, duplicate keys merged, SeaTunnel's
plugin-list rewrite, includes (local files under the job's directory only, bounded in count,
size and depth) and ``.properties`` files. Nothing here raises on bad input: problems become
diagnostics.
"""

from __future__ import annotations

import os
from stlint._records import dataclass, field

from stlint.diagnostics import Diagnostic
from stlint.hocon_resolve import join_parts, merge, relativize
from stlint.hocon_values import (SECTIONS, HConcat, HField, HList, HMerge, HObject, HPluginList,
                                 HScalar, HSubst, HUnresolved, HValue, java_number,
                                 scalar_from_unquoted)
from stlint.parser import SArray, SConcat, SInclude, SKey, SObject, SScalar, SSubst, parse
from stlint.source import Source

MAX_INCLUDE_DEPTH = 50
# per job: distinct included files and their total size (hostile fan-out stays bounded)
MAX_INCLUDE_FILES = 200
MAX_INCLUDE_BYTES = 16 * 1024 * 1024


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
        """The flavour of that name (one shared instance each: treat it as read-only)."""
        fl = _FLAVORS.get(name)
        if fl is None:
            if name == "seatunnel":
                fl = cls("seatunnel", "->", True)
            elif name == "hocon":
                fl = cls("hocon", ".", False)
            else:
                raise ValueError(f"unknown flavor {name!r} (expected 'seatunnel' or 'hocon')")
            _FLAVORS[name] = fl
        return fl


_FLAVORS: dict[str, Flavor] = {}


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

    __slots__ = ("memo", "stack", "files", "bytes", "limit_msg", "root_file", "unresolved")

    def __init__(self) -> None:
        self.memo: dict[str, tuple[HObject | None, list[str]]] = {}
        self.stack: list[str] = []  # files being loaded (for cycle messages)
        # the job's own file, put at the bottom of ``stack`` (real path) at the first include: most
        # jobs include nothing and skip the system calls
        self.root_file: str | None = None
        self.files = 0
        self.bytes = 0
        self.limit_msg: str | None = None
        # how many values with something to resolve were built (substitutions, broken ones, `+=`,
        # an included object that is not plain), here or in included files: 0, and resolving
        # would only copy the tree; unchanged over the building of an object or list, and that
        # value is plain (``HObject.plain``, ``HList.plain``): the resolver hands it out as it is
        self.unresolved = 0


def _file_name_ok(name: str) -> bool:
    """``name`` can be a file name: it encodes for the file system and has no NUL."""
    try:
        return b"\0" not in os.fsencode(name)
    except UnicodeError:
        return False


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
        # the job file's path when ``base_dir``/``root_dir`` are its directory, made at the first
        # include (most jobs include nothing: no path arithmetic)
        self.base_of: str | None = None
        # id(SKey) -> (SKey, path): the split of each key, kept for the rules (set by load_source
        # for the job's own file in the seatunnel flavour, the split the rule context uses)
        self.key_memo: dict | None = None

    def err(self, start: int, end: int, msg: str, name: str = "syntax-error") -> None:
        if self.include_depth == 0:
            self.diags.append(Diagnostic(name, "error", msg, start, end))
        else:
            self.nested_errors.append((start, end, msg))

    # -- keys --------------------------------------------------------------------------------
    def key_path(self, key: SKey) -> tuple[str, ...] | None:
        """Split a key into path elements. Unquoted text splits on the separator, quoted text
        never does, whitespace between tokens belongs to the element."""
        sep = self.flavor.sep
        parts = key.parts
        if len(parts) == 1:  # one token (nearly every key): no whitespace to join
            t, quoted, _, _ = parts[0]
            out = None
            if quoted:
                out = (t,)
            elif t:
                if self.json or sep not in t:
                    out = (t,)
                else:
                    out = tuple(t.split(sep))
                    if "" in out:
                        out = None  # a doubled/leading/trailing separator: reported below
            if out is not None:
                if self.key_memo is not None:
                    self.key_memo[id(key)] = (key, out)
                return out
        text = self.src.text
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
                if self.key_memo is not None:
                    self.key_memo[id(key)] = (key, None)
                return None
        out = tuple(t for t, _ in elems)
        if self.key_memo is not None:
            self.key_memo[id(key)] = (key, out)
        return out

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
    def scalar(self, node: SScalar) -> HScalar | None:
        kind = node.kind
        text = node.text
        if kind == "unquoted":
            if self.json and text not in ("true", "false", "null") and java_number(text) is None:
                self.err(node.start, node.end, f"unquoted text `{text}` is not allowed in JSON")
            return scalar_from_unquoted(text, node.start, node.end, self.src)
        if kind == "missing":
            return None
        if kind == "number":
            if "+" in text and java_number(text) is None:
                self.err(node.start, node.end, "reserved character `+` is not allowed outside quotes (quote the text)")
            return scalar_from_unquoted(text, node.start, node.end, self.src)
        return HScalar(text, text, node.start, node.end, self.src, True)

    def value(self, node, path: tuple[str, ...], in_list: bool = False) -> HValue | None:
        src = self.src
        if type(node) is SScalar:
            return self.scalar(node)
        if isinstance(node, SObject):
            if self.flavor.plugin_lists and not self.json and path and path[-1] in SECTIONS:
                return self.plugin_list(node, path)
            return self.object(node, path)
        if isinstance(node, SArray):
            items = []
            st = self.state
            n0 = st.unresolved
            self.list_depth += 1
            try:
                for it in node.items:
                    v = self.scalar(it) if type(it) is SScalar else self.value(it, path, in_list=True)
                    if v is not None:
                        items.append(v)
            finally:
                self.list_depth -= 1
            lst = HList(items, node.start, node.end, src)
            if st.unresolved == n0:
                lst.plain = len(items)  # every item: nothing to resolve
            return lst
        if isinstance(node, SSubst):
            self.state.unresolved += 1
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
        # key -> (values newest last, key_start, key_end): more values on top of the delayed merge
        # in ``fields[key]`` (`a += x` after `a += y`...), put in place by ``_flush``. merge() would
        # copy the merge's stack at each one: quadratic in the number of appends to one key.
        # (made at the first such value)
        pending: dict[str, tuple[list, int, int]] | None = None
        flush = self._flush
        src = self.src
        st = self.state
        n0 = st.unresolved
        key_path = self.key_path
        json = self.json
        for m in node.members:
            if type(m) is SInclude:
                if pending:
                    for k in list(pending):
                        flush(fields, pending, k)
                self.include(m, fields, path, in_plugin_list=False)
                continue
            key = m.key
            kp = key_path(key)
            if kp is None:
                continue
            sep = m.sep
            if json and sep not in (":", None):
                self.err(m.sep_start, m.sep_start + len(sep or ""), f"`{sep}` is not allowed in JSON, use `:`")
            vn = m.value
            if type(vn) is SScalar:  # most values: the path is not needed (unless `+=`)
                if vn.kind == "quoted":
                    v = HScalar(vn.text, vn.text, vn.start, vn.end, src, True)
                else:
                    v = self.scalar(vn)
            else:
                v = self.value(vn, path + kp)
            if v is None:
                continue
            if sep == "+=":
                self.state.unresolved += 1
                if self.list_depth:
                    self.err(m.sep_start, m.sep_start + 2, "`+=` does not work inside a list (Typesafe limitation)")
                    continue
                v = HConcat([HSubst(path + kp, True, m.start, m.end, src, self.flavor.sep),
                             HList([v], v.start, v.end, src)], v.start, v.end, src)
            ks, ke = key.start, key.end
            k0 = kp[0]
            if len(kp) > 1:
                for k in reversed(kp[1:]):
                    v = HObject({k: HField(v, ks, ke, src)}, m.start, m.end, src)
            if pending and k0 in pending:
                if isinstance(v, (HSubst, HConcat)):
                    pending[k0][0].append(v)
                    pending[k0] = (pending[k0][0], ks, ke)
                    continue
                flush(fields, pending, k0)
            existing = fields.get(k0)
            if existing is not None:
                if json:
                    self.err(ks, ke, f"JSON does not allow duplicate fields: `{k0}` was already set")
                elif isinstance(v, (HSubst, HConcat)) and isinstance(existing.value, HMerge):
                    # merge(v, existing.value) is HMerge([v] + existing.value.stack): done by flush
                    if pending is None:
                        pending = {}
                    pending[k0] = ([v], ks, ke)
                    continue
                v = merge(v, existing.value)
            fields[k0] = HField(v, ks, ke, src)
        if pending:
            for k in list(pending):
                flush(fields, pending, k)
        obj = HObject(fields, node.start, node.end, src)
        if st.unresolved == n0:
            obj.plain = True
        return obj

    def _flush(self, fields: dict, pending: dict, k: str) -> None:
        more, ks, ke = pending.pop(k)
        more.reverse()
        fields[k] = HField(HMerge(more + fields[k].value.stack), ks, ke, self.src)

    def plugin_list(self, node: SObject, path: tuple[str, ...]) -> HList:
        """SeaTunnel's parseObjectForSeaTunnel: each child field becomes one list element."""
        items: list[HValue] = []
        blocks: list[tuple[str, int, int]] = []
        src = self.src
        st = self.state
        n0 = st.unresolved
        for m in node.members:
            if type(m) is SInclude:
                # parsed into a map that is then thrown away: the include has no effect
                self.include(m, {}, path, in_plugin_list=True)
                continue
            key = m.key
            kp = self.key_path(key)
            if kp is None:
                continue
            full = path + kp
            v = self.value(m.value, full)
            if v is None:
                continue
            if m.sep == "+=":
                self.state.unresolved += 1
                v = HConcat([HSubst(full, True, m.start, m.end, src, self.flavor.sep),
                             HList([v], v.start, v.end, src)], v.start, v.end, src)
            ks, ke = key.start, key.end
            if len(kp) > 1:
                for k in reversed(kp[1:]):
                    v = HObject({k: HField(v, ks, ke, src)}, m.start, m.end, src)
            k0 = kp[0]
            name = HScalar(k0, k0, ks, ke, src, True)
            if type(v) is HObject and "plugin_name" not in v.fields:
                # merge(v, fallback) without the walk: v's fields, then the fallback's one
                fields = v.fields.copy()
                fields["plugin_name"] = HField(name, ks, ke, src)
                item = HObject(fields, v.start, v.end, v.src)
                item.plain = v.plain
                items.append(item)
            else:
                fallback = HObject({"plugin_name": HField(name, ks, ke, src)}, ks, ke, src)
                items.append(merge(v, fallback))
            blocks.append((k0, ks, ke))
        lst = HPluginList(items, node.start, node.end, src, blocks)
        if st.unresolved == n0:
            lst.plain = len(items)
        return lst

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
        if self.base_dir is None and self.base_of is not None:
            self.base_dir = self.root_dir = os.path.dirname(os.path.abspath(self.base_of))
        if self.base_dir is None:
            self.warn(inc, "`include` is not resolved for text without a file path")
            return
        if self.include_depth >= MAX_INCLUDE_DEPTH:
            self.err(inc.start, inc.end, f"include statements nested more than {MAX_INCLUDE_DEPTH} times (a cycle?)")
            return
        target = inc.target
        if not _file_name_ok(target):
            # a NUL or a lone surrogate names no file (Java's File.exists() is false): not found
            if inc.required:
                self.err(inc.target_start, inc.target_end, f"required include `{target!r}` not found")
            return
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
            if not obj.plain:  # (counted when it was built, but it may come from the memo)
                self.state.unresolved += 1
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
        if st.root_file is not None:
            st.stack.insert(0, os.path.realpath(st.root_file))
            st.root_file = None
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
