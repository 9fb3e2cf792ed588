"""Inline suppressions in comments.

    # stlint: disable-next-line=name[,name]   the next line only
    # stlint: disable=name[,name]             to the end of the enclosing { } block (or file)
    # stlint: enable=name[,name]              ends an earlier disable

``all`` stands for every rule. A directive that suppresses nothing is reported as
``unused-suppression``.

    # stlint: seatunnel-version=2.3.12        check this file against that release's catalog

The per-file version (``version_directive``) wins over ``[tool.stlint]``, ``--seatunnel-version``
and the editor's setting; the engine reads it, so the CLI, the pre-commit hook and the language
server agree. An unknown version is an ``invalid-directive`` finding at the comment.
"""

from __future__ import annotations

import re
from stlint._records import dataclass, field

from stlint.diagnostics import Diagnostic
from stlint.parser import SArray, SField, SObject
from stlint.source import Source

DIRECTIVE = re.compile(r"(?:#|//)\s*stlint:\s*(disable-next-line|disable|enable)\s*=\s*([A-Za-z0-9_,\s-]+)")


VERSION_DIRECTIVE = re.compile(r"(?:#|//)\s*stlint:\s*seatunnel-version\s*=\s*([^\s,;#]*)")


@dataclass(frozen=True)
class VersionDirective:
    version: str  # as written
    start: int  # offsets of the comment's directive text
    end: int


def version_directive(src: Source) -> VersionDirective | None:
    """The first ``# stlint: seatunnel-version=X`` comment (outside strings), or None."""
    if "seatunnel-version" not in src.text:
        return None
    for ln in range(1, src.line_count + 1):
        line = src.line_text(ln)
        if "seatunnel-version" not in line:
            continue
        for m in VERSION_DIRECTIVE.finditer(line):
            if _in_string(line, m.start()):
                continue
            base = src.line_start(ln)
            return VersionDirective(m.group(1), base + m.start(), base + m.end())
    return None


@dataclass
class Directive:
    kind: str
    names: list[str]
    start: int  # offset of the comment
    end: int
    line: int
    used: set[str] = field(default_factory=set)


def _in_string(line: str, upto: int) -> bool:
    q = False
    i = 0
    while i < upto:
        c = line[i]
        if c == "\\" and q:
            i += 2
            continue
        if c == '"':
            q = not q
        i += 1
    return q


def find_directives(src: Source) -> list[Directive]:
    out: list[Directive] = []
    text = src.text
    if "stlint:" not in text:
        return out
    for ln in range(1, src.line_count + 1):
        line = src.line_text(ln)
        if "stlint:" not in line:
            continue
        for m in DIRECTIVE.finditer(line):
            if _in_string(line, m.start()):
                continue
            names = [n.strip() for n in m.group(2).split(",") if n.strip()]
            base = src.line_start(ln)
            out.append(Directive(m.group(1), names, base + m.start(), base + m.end(), ln))
    return out


def _block_end(root, offset: int, default: int) -> int:
    """End offset of the innermost braced object containing ``offset``."""
    end = default
    node = root
    while node is not None:
        nxt = None
        children = node.members if isinstance(node, SObject) else node.items if isinstance(node, SArray) else []
        for ch in children:
            v = ch.value if isinstance(ch, SField) else ch
            if isinstance(v, (SObject, SArray)) and v.start <= offset < v.end:
                nxt = v
                if isinstance(v, SObject):
                    end = v.end
                break
        node = nxt
    return end


def apply(src: Source, diags: list[Diagnostic], enabled: set[str], root=None) -> list[Diagnostic]:
    directives = find_directives(src)
    if not directives:
        return diags
    if root is None:
        from stlint.parser import parse

        root = parse(src.text).root
    n = len(src.text)
    # regions: (name, start_offset, end_offset, directive)
    regions: list[tuple[str, int, int, Directive]] = []
    for d in directives:
        if d.kind == "disable-next-line":
            s = src.line_start(d.line + 1) if d.line < src.line_count else n
            e = src.line_start(d.line + 2) if d.line + 1 < src.line_count else n
            for name in d.names:
                regions.append((name, s, e, d))
        elif d.kind == "disable":
            end = _block_end(root, d.start, n)
            for name in d.names:
                # an `enable` for the same name later in the same block ends it earlier
                for e2 in directives:
                    if e2.kind == "enable" and e2.start > d.start and (name in e2.names or "all" in e2.names) \
                            and e2.start < end:
                        end = e2.start
                        e2.used.add(name)
                        break
                regions.append((name, d.end, end, d))
    kept: list[Diagnostic] = []
    for diag in diags:
        hit = None
        for name, s, e, d in regions:
            if (name == diag.name or name == "all") and s <= diag.start < e:
                hit = d
                d.used.add(name)
                break
        if hit is None:
            kept.append(diag)
    if "unused-suppression" in enabled:
        for d in directives:
            if d.kind == "enable":
                continue
            unused = [nm for nm in d.names if nm not in d.used]
            if unused:
                kept.append(Diagnostic(
                    "unused-suppression", "warning",
                    f"suppression of {', '.join('`' + u + '`' for u in unused)} matches no finding; remove it",
                    d.start, d.end))
    return kept
