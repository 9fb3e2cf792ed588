"""Resolving: merging (``withFallback``), concatenation, relativized includes, and lazy
substitution resolution with self-references (Typesafe's rules, SeaTunnel's key order)."""

from __future__ import annotations

from itertools import islice

from stlint.hocon_values import (UNDEFINED, HConcat, HField, HList, HMerge, HObject, HPluginList,
                                 HScalar, HSubst, HUnresolved, HValue, _Undefined)


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
            out[-1] = joined = HList(left.items + right.items, left.start, right.end, src)
            joined.plain = left.plain if left.plain < len(left.items) else left.plain + right.plain
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


class _Tail:
    """``seq[start:]`` without the copy (what a step of a self-append run sees below it)."""

    __slots__ = ("seq", "start")

    def __init__(self, seq, start: int) -> None:
        self.seq = seq
        self.start = start

    def __bool__(self) -> bool:
        return self.start < len(self.seq)

    def __iter__(self):
        return islice(self.seq, self.start, None)


class Resolver:
    """Lazy resolution by path, with self-references resolved against the previous value."""

    def __init__(self, root: HObject, env: dict[str, str] | None = None, share: bool = True) -> None:
        self.root = root
        self.env = env
        # ``resolve`` returns an object or list as it is when nothing in it changed (the resolved
        # tree shares those with the built one); False: always a copy (a caller that edits it)
        self.share = share
        self.in_progress: list[tuple[str, ...]] = []
        self.previous: dict[tuple[str, ...], HValue | None] = {}
        self.memo: dict[int, HValue | _Undefined] = {}
        # how many times a lookup looked at a previous value (``_append_step`` watches it)
        self.prev_hits = 0

    # shallow lookup of an absolute path: returns a value whose top level is resolved
    def lookup(self, path: tuple[str, ...], subst: HSubst) -> HValue | _Undefined | None:
        """Shallow lookup of an absolute path (the top level of the result is resolved)."""
        cur: HValue = self.root
        last = len(path) - 1
        for i, k in enumerate(path):
            prefix = path[: i + 1]
            if prefix in self.previous:
                self.prev_hits += 1
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
        # the merge from each item down (``HMerge(stack[i:])``), made only when a result names it:
        # making them all would copy the stack once per item (quadratic in the run)
        nodes: dict[int, HMerge] = {0: v}

        def node(i: int) -> HMerge:
            n = nodes.get(i)
            if n is None:
                n = nodes[i] = HMerge(stack[i:])
            return n

        val = self._merge_from(node(m), stack[m:], path, _MISSING)
        fresh = None  # the list the last append step made (only this loop holds it)
        for i in range(m - 1, -1, -1):
            r = self._append_step(stack[i], path, val, val is fresh)  # (checks all of a fresh list)
            if r is not None:
                val = fresh = r
                continue
            below_val = val
            val = self._merge_from(lambda i=i: node(i), (stack[i],), path, below_val, _Tail(stack, i + 1))
            if val is _BELOW:
                # the item was undefined: the merge is the one below, reported as this merge
                val = below_val
                if isinstance(val, HUnresolved) and val.value is nodes.get(i + 1):
                    val = HUnresolved(node(i))
        return val

    def _append_step(self, item: HValue, path, known, owned: bool) -> HList | None:
        """One step of a run of `a += x` / `a = ${?a} [x]` / `a = ${a} [x]` / `a = ${a} ${y}` (y a
        list) over a list: what
        ``_merge_from`` makes of it (``known`` + the new items), built by extending the list the
        previous step made (``owned``) instead of copying it, so the run is linear; None when the
        step is anything else (the general path then takes it, with the same values and errors).

        The general path re-resolves, at every step, each list item that holds something to
        resolve (``_list_unresolved``), with the previous value of ``path`` in view. Here an item
        is resolved once, at its own step (the list this loop made holds only checked items;
        ``HList.plain`` stays what it means everywhere: items with nothing to resolve). That is exact only when
        the item's resolution never looked at a previous value (``prev_hits`` unchanged): then
        nothing it depends on differs from one step to the next. Anything else (a previous value
        consulted, an error, an unresolved result) leaves the step to the general path."""
        if not (isinstance(known, HList) and isinstance(item, HConcat) and len(item.parts) >= 2):
            return None
        parts = item.parts
        s, lit = parts[0], parts[-1]
        if not (isinstance(s, HSubst) and s.path == path and type(known) is HList
                and (type(lit) is HList or (isinstance(lit, HSubst) and not _refers_to(lit, path)))
                and all(_is_ws(p) for p in islice(parts, 1, len(parts) - 1))):
            return None
        # the self-reference must find the value below, as it does in the general path
        saved = self.previous.get(path, _MISSING)
        self.previous[path] = known
        ok = False
        try:
            self.in_progress.append(path)
            try:
                got = self._subst(s, path)
                hits = self.prev_hits
                if isinstance(lit, HSubst):  # `a = ${a} ${y}`: y's list, found as the general path does
                    lit = self._subst(lit, path)
            finally:
                self.in_progress.pop()
            # (the general path resolves ${y} once per step too: looking at a previous value
            # there would be exact, but is left to the general path, which is not worth a case)
            if got is not known or type(lit) is not HList or self.prev_hits != hits:
                return None
            # the items the general path would resolve now: known's unchecked ones, then the new
            for seq, start in ((known.items, len(known.items) if owned else known.plain), (lit.items, 0)):
                for j in range(start, len(seq)):
                    x = seq[j]
                    if isinstance(x, HScalar) or not _has_unresolved(x):
                        continue
                    r = self.resolve(x, path)
                    if self.prev_hits != hits or (r is not UNDEFINED and _has_unresolved(r)):
                        return None
            ok = True
        except (ResolveError, CycleError, RecursionError):
            return None
        finally:
            if saved is _MISSING:
                del self.previous[path]
            else:
                self.previous[path] = saved
        assert ok
        n_known = len(known.items)
        if owned:
            items = known.items
            items.extend(lit.items)
        else:
            items = known.items + lit.items
        r = HList(items, known.start, lit.end, item.src)
        # what the general path leaves in ``plain`` (the join's count, advanced over plain items)
        p = known.plain if known.plain < n_known else known.plain + lit.plain
        n = len(items)
        while p < n and (isinstance(items[p], HScalar) or not _has_unresolved(items[p])):
            p += 1
        r.plain = p
        return r

    def _merge_from(self, v, stack, path, known, rest=None):
        """Merge ``stack`` (newest first). With ``known`` (the value of ``rest``, the merge
        below), evaluate just the first item against it: _BELOW if that item is undefined.
        ``v`` is the merge (or a function making it) an unresolved result names."""
        acc: HValue | None = None
        for i, item in enumerate(stack):
            below = rest if rest is not None and i == 0 else stack[i + 1:]
            # the previous value is itself a merge, so ITS self-references see what is below
            # (or, walking a run of self-appends bottom-up, that merge's value, already known)
            if i == 0 and known is not _MISSING:
                prev = None if known is UNDEFINED else known
            else:
                prev = HMerge(list(below)) if below else None
            saved = self.previous.get(path, _MISSING)
            self.previous[path] = prev
            try:
                r = self.shallow(item, path) if isinstance(item, (HSubst, HConcat, HMerge)) else item
                full = None
                list_unresolved = False
                if acc is None and isinstance(r, HObject) and any(not isinstance(b, HObject) for b in below):
                    full = self.resolve(r, path)
                elif acc is None and isinstance(r, HList) and below:
                    list_unresolved = self._list_unresolved(r, path)
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
                return HUnresolved(v() if callable(v) else v)
            if acc is None:
                acc = r
                if list_unresolved:
                    return HUnresolved(v() if callable(v) else v)
                if not isinstance(r, HObject):
                    return r
                if full is not None and _has_unresolved(full):
                    # an unresolved object over a non-object stays delayed
                    return HUnresolved(v() if callable(v) else v)
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

    def _list_unresolved(self, r: HList, path) -> bool:
        """``_has_unresolved(self.resolve(r, path))`` (and the same errors), without resolving
        the items that hold nothing to resolve: a run of `+=` appends re-checks its growing list
        at every step; the known plain prefix (``HList.plain``) is skipped, so each literal item is
        looked at once, not once per step."""
        unresolved = False
        items = r.items
        n = len(items)
        i = r.plain
        prefix = True  # items[:i] are plain
        while i < n:
            it = items[i]
            i += 1
            if isinstance(it, HScalar) or not _has_unresolved(it):
                if prefix:
                    r.plain = i
                continue  # resolves to an equal value, raises nothing
            prefix = False
            x = self.resolve(it, path)
            if not unresolved and x is not UNDEFINED and _has_unresolved(x):
                unresolved = True
        return unresolved

    # full resolution -----------------------------------------------------------------------
    def resolve(self, v: HValue, path: tuple[str, ...]) -> HValue | _Undefined:
        if self.share:
            t = type(v)
            if t is HScalar or (t is HObject and v.plain) or (
                    (t is HList or t is HPluginList) and v.plain == len(v.items)):
                return v  # nothing inside to resolve
        v2 = self.shallow(v, path)
        if isinstance(v2, HObject):
            fields = {}
            share = same = self.share
            for k, f in v2.fields.items():
                self.in_progress.append(path + (k,))
                try:
                    r = self.resolve(f.value, path + (k,))
                finally:
                    self.in_progress.pop()
                if r is UNDEFINED:
                    same = False
                    continue
                if r is f.value and share:
                    fields[k] = f  # (not edited: a caller that edits the tree asks for copies)
                else:
                    same = False
                    fields[k] = HField(r, f.key_start, f.key_end, f.src)
            if same:
                return v2
            return HObject(fields, v2.start, v2.end, v2.src)
        if isinstance(v2, HList):
            items = []
            blocks = []
            same = self.share
            meta = getattr(v2, "blocks", None)
            for i, it in enumerate(v2.items):
                r = self.resolve(it, path)
                if r is UNDEFINED:
                    same = False
                    continue
                if r is not it:
                    same = False
                items.append(r)
                if meta is not None:
                    blocks.append(meta[i])
            if same:
                return v2
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
