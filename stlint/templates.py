"""Files that are templates for another tool (Jinja, Go templates / Helm, Ansible...).

``{{ expr }}``, ``{% stmt %}`` and ``{# comment #}`` are filled in before SeaTunnel ever reads the
file, so the text stlint sees is not the job SeaTunnel runs. The HOCON stage reads such a file
through ``neutralise``: every tag is replaced by text of the same length that HOCON reads without
error (statements and comments by spaces, an expression outside quotes by an unquoted token,
expressions inside quoted strings stay as they are), so offsets, code frames and fixes refer to
the file as written. Then ``mark_unknown`` turns every value that contains a tag into an
``HUnresolved`` value, which the checks already treat as unknown (like an unresolved
substitution): no type, enum or requirement finding on it. The engine reports the template once
(rule ``template-syntax``, info).
"""

from __future__ import annotations

import re

# one tag on one line; `{{` must not be `{{{` (HOCON never writes `{{`, but nested objects can
# be written `{ {`: those have a space)
_TAG = re.compile(r"\{\{(?!\{).{0,500}?\}\}|\{%.{0,500}?%\}|\{#.{0,500}?#\}")
FILLER = "_"


_OPENER = re.compile(r"\{[{%#]")  # one scan for the three openers (three `in` tests took 6x as long)


def tags(text: str) -> list[tuple[int, int]]:
    """(start, end) of the template tags in ``text`` (empty when it is not a template)."""
    if _OPENER.search(text) is None:
        return []
    return [(m.start(), m.end()) for m in _TAG.finditer(text)]


def message(text: str, spans: list[tuple[int, int]]) -> str:
    n = len(spans)
    kinds = sorted({text[s:s + 2] + " ... " + text[e - 2:e] for s, e in spans})
    return (f"template syntax ({', '.join(f'`{k}`' for k in kinds)}, {n} tag{'s' if n != 1 else ''}): this file is a "
            "template for another tool, not the job SeaTunnel reads; values containing template syntax are not checked")


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Quoted strings and comments of HOCON text (a simple scan; enough to tell whether a tag
    sits inside a string)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            if text.startswith('"""', i):
                j = text.find('"""', i + 3)
                j = n if j < 0 else j + 3
                while j < n and text[j] == '"':
                    j += 1
            else:
                j = i + 1
                while j < n and text[j] not in '"\n':
                    j += 2 if text[j] == "\\" else 1
                j = min(j + 1, n)
            out.append((i, j))
            i = j
        elif c == "#" or text.startswith("//", i):
            if c == "#" and text.startswith("{#", i - 1):
                i += 1
                continue
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def neutralise(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each tag replaced by same-length text HOCON reads (see the module doc)."""
    if not spans:
        return text
    quoted = _quoted_ranges(text)
    qi = 0
    out = []
    pos = 0
    for s, e in spans:
        while qi < len(quoted) and quoted[qi][1] <= s:
            qi += 1
        inside = qi < len(quoted) and quoted[qi][0] < s < quoted[qi][1]
        if inside:
            continue
        out.append(text[pos:s])
        tag = text[s:e]
        if tag.startswith("{{"):
            out.append(FILLER * (e - s))
        else:
            out.append(" " * (e - s))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def mark_unknown(value, src, spans: list[tuple[int, int]]):
    """``value`` (a resolved HOCON tree) with every scalar or concatenation of ``src`` that
    overlaps a tag replaced by an ``HUnresolved`` (unknown) value. Objects and lists are rebuilt
    in place (their fields/items replaced)."""
    from stlint.hocon import HConcat, HList, HObject, HScalar, HUnresolved

    if not spans:
        return value
    starts = [s for s, _ in spans]
    import bisect

    def overlaps(v) -> bool:
        if getattr(v, "src", None) is not src:
            return False
        i = bisect.bisect_right(starts, v.end) - 1
        while i >= 0 and spans[i][1] > v.start:
            if spans[i][0] < v.end:
                return True
            i -= 1
        return False

    def conv(v):
        if isinstance(v, (HScalar, HConcat)):
            return HUnresolved(v) if overlaps(v) else v
        stack = [v]
        while stack:
            x = stack.pop()
            if isinstance(x, HObject):
                for f in x.fields.values():
                    if isinstance(f.value, (HScalar, HConcat)):
                        if overlaps(f.value):
                            f.value = HUnresolved(f.value)
                    else:
                        stack.append(f.value)
            elif isinstance(x, HList):
                for i, it in enumerate(x.items):
                    if isinstance(it, (HScalar, HConcat)):
                        if overlaps(it):
                            x.items[i] = HUnresolved(it)
                    else:
                        stack.append(it)
        return v

    return conv(value)


def drop_overlapping(diags: list, spans: list[tuple[int, int]]) -> list:
    """``diags`` without the findings that sit on template text (a key or value written as a
    tag is not what SeaTunnel will read), except ``template-syntax`` itself."""
    if not spans:
        return diags
    import bisect

    starts = [s for s, _ in spans]

    def on_tag(d) -> bool:
        i = bisect.bisect_right(starts, max(d.end, d.start + 1) - 1) - 1
        return i >= 0 and spans[i][1] > d.start and spans[i][0] < max(d.end, d.start + 1)

    return [d for d in diags if d.name == "template-syntax" or not on_tag(d)]
