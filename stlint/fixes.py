"""Applying fixes: text edits on the original source, never damaging a file.

A fix (``Diagnostic.fix``) is data: edits (offset ranges + new text) and an applicability.
``fix_source`` lints, applies every non-conflicting fix of the allowed applicability, lints
again and repeats until nothing changes (bounded). Everything outside the edited ranges stays
byte-for-byte: comments, indentation, BOM, CRLF line endings, final newline. ``write_atomic``
replaces a file through a temporary file in the same directory (fsync, rename, permissions).

The CLI (``--fix``, ``--diff``), the pre-commit hook and the language server's quick fixes all
use this module.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass, field

from stlint.config import Settings
from stlint.diagnostics import Diagnostic, Edit, Fix
from stlint.source import Source

MAX_PASSES = 10


def _normalize_newlines(text: str, newline: str) -> str:
    if newline == "\r\n":
        return text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text


def apply_edits(text: str, edits: list[Edit], newline: str = "\n") -> str:
    """Apply non-overlapping edits (sorted by position). Raises ValueError on overlap."""
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end < e.start or e.end > len(text):
            raise ValueError("overlapping or out-of-range edits")
        out.append(text[pos:e.start])
        out.append(_normalize_newlines(e.text, newline))
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_allowed(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (fix.applicability == "safe" or unsafe)


def choose_fixes(diags: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """Diagnostics whose fixes can be applied together: no two touch overlapping ranges."""
    chosen: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for d in sorted(diags, key=lambda d: (d.start, d.name)):
        if not fix_allowed(d.fix, unsafe):
            continue
        spans = [(e.start, e.end) for e in d.fix.edits]
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        if any(_overlaps(a, b) for i, a in enumerate(spans) for b in spans[i + 1:]):
            continue
        chosen.append(d)
        taken.extend(spans)
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # two insertions at the same point conflict too (their order would be arbitrary)
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class FixResult:
    text: str  # the fixed text (BOM not included; see Source.had_bom)
    applied: list[Diagnostic] = field(default_factory=list)  # fixes applied, all passes
    remaining: list[Diagnostic] = field(default_factory=list)  # diagnostics after fixing
    refused: str | None = None  # why nothing was fixed, if so
    passes: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_source(src: Source, settings: Settings | None = None, *, unsafe: bool = False,
               max_passes: int = MAX_PASSES) -> FixResult:
    from stlint.engine import lint_source

    if src.decode_error is not None:
        res = lint_source(src, settings)
        return FixResult(src.text, [], res.diagnostics, "the file is not valid UTF-8; not fixing it")
    text = src.text
    applied: list[Diagnostic] = []
    res = lint_source(src, settings)
    blocking = [d for d in res.diagnostics if d.name == "syntax-error"]
    if blocking:
        # like sqlfluff: never edit a file we cannot parse (except the errors a fix targets)
        return FixResult(text, [], res.diagnostics, "the file has syntax errors; fix them first")
    passes = 0
    for passes in range(1, max_passes + 1):
        chosen = choose_fixes(res.diagnostics, unsafe)
        if not chosen:
            break
        edits = [e for d in chosen for e in d.fix.edits]
        new_text = apply_edits(text, edits, src.newline)
        if new_text == text:
            break
        new_src = Source(new_text, src.path, had_bom=src.had_bom)
        new_res = lint_source(new_src, settings)
        if any(d.name == "syntax-error" for d in new_res.diagnostics):
            # a fix that breaks the file is a bug in the fix: keep the last good text
            return FixResult(text, applied, res.diagnostics,
                             f"a fix ({chosen[0].name}) produced invalid HOCON; stopped", passes)
        applied.extend(chosen)
        text, res = new_text, new_res
    return FixResult(text, applied, res.diagnostics, None, passes)


def encode(text: str, had_bom: bool) -> bytes:
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if had_bom else data


def unified_diff(path: str, before: str, after: str) -> str:
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}"))


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file in the same directory, fsync, rename; the
    original permissions are kept. An interrupted run leaves the old file intact."""
    d = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=".stlint-", suffix=".tmp", dir=d)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename durable
        dfd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def fix_file(path: str, settings: Settings | None = None, *, unsafe: bool = False,
             write: bool = True) -> tuple[FixResult, Source]:
    with open(path, "rb") as fh:
        data = fh.read()
    src = Source.from_bytes(data, path)
    res = fix_source(src, settings, unsafe=unsafe)
    if write and res.changed and res.refused is None:
        write_atomic(path, encode(res.text, src.had_bom))
    return res, src
