"""Applying fixes: text edits on the original source, never damaging a file.

A fix (``Diagnostic.fix``) is data: edits (offset ranges + new text) and an applicability.
``fix_source`` lints, applies every non-conflicting fix of the allowed applicability, lints
again and repeats until nothing changes (bounded). Everything outside the edited ranges stays
byte-for-byte: comments, indentation, BOM, CRLF line endings, final newline. ``write_fixed``
replaces a file through a temporary file in the same directory (fsync, rename) keeping its
identity: symlinks, owner, group, mode, extended attributes; it refuses hard-linked, read-only
(unless asked) and concurrently edited files.

The CLI (``--fix``, ``--diff``), the pre-commit hook and the language server's quick fixes all
use this module.
"""

from __future__ import annotations

import difflib
import errno
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


class WriteRefused(Exception):
    """``--fix`` did not write a file: the message says why (the file is left as it was)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([root, path]) == root
    except ValueError:
        return False


def write_target(path: str, roots: tuple[str, ...] = ()) -> str:
    """The file ``--fix`` rewrites for ``path``: ``path`` itself, or the target of a symlink
    when that target lies inside the link's own directory or one of ``roots`` (the current
    directory for the CLI). Raises WriteRefused otherwise."""
    if not os.path.islink(path):
        return path
    target = os.path.realpath(path)
    allowed = [os.path.realpath(os.path.dirname(os.path.abspath(path)))] + [os.path.realpath(r) for r in roots]
    if not any(_inside(target, r) for r in allowed):
        raise WriteRefused(f"is a symlink to {target}, outside the current directory and the link's directory; "
                           "not writing through it (fix the target itself)")
    return target


def _copy_xattrs(src: str, dst: str) -> None:
    """Make ``dst``'s extended attributes (ACLs included) equal ``src``'s; WriteRefused names
    the first one that cannot be kept."""
    if not hasattr(os, "listxattr"):
        return
    try:
        want = {n: os.getxattr(src, n, follow_symlinks=False) for n in os.listxattr(src, follow_symlinks=False)}
    except OSError as e:
        if e.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise WriteRefused(f"cannot read its extended attributes ({e.strerror}); not writing") from None
    try:
        have = set(os.listxattr(dst, follow_symlinks=False))
    except OSError:
        have = set()
    for n in sorted(have - set(want)):
        try:
            os.removexattr(dst, n, follow_symlinks=False)
        except OSError as e:
            raise WriteRefused(f"the rewritten file would get extended attribute `{n}` ({e.strerror}); "
                               "not writing") from None
    for n, v in want.items():
        try:
            if n in have and os.getxattr(dst, n, follow_symlinks=False) == v:
                continue
            os.setxattr(dst, n, v, follow_symlinks=False)
        except OSError as e:
            raise WriteRefused(f"cannot keep its extended attribute `{n}` ({e.strerror}); not writing") from None


def write_fixed(path: str, data: bytes, original: bytes, *, roots: tuple[str, ...] = (),
                allow_read_only: bool = False) -> str:
    """Replace the file at ``path`` (read earlier as ``original``) with ``data`` while keeping
    what makes it the user's file, or refuse with :class:`WriteRefused` and leave it untouched:

    - a symlink is written through to its target (see :func:`write_target`), the link stays;
    - a file with several hard links is refused (replacing it would split the links, and writing
      in place could leave a partial file);
    - a read-only file (no owner write bit) is refused unless ``allow_read_only``;
    - owner, group, mode and extended attributes (ACLs) are copied to the new file; if one of
      them cannot be kept, nothing is written;
    - the file is compared with ``original`` just before the rename: if it changed since it was
      read (an edit saved meanwhile), nothing is written.

    The new content goes to a temporary file in the same directory (fsync, rename), so an
    interrupted run leaves the old file intact. Returns the path actually written."""
    from stlint.files import ReadError, read_regular_stat

    target = write_target(path, roots)
    try:
        st = os.stat(target)
    except OSError as e:
        raise WriteRefused(f"cannot write the fixed file: {e.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused("is not a regular file; not writing")
    if st.st_nlink > 1:
        raise WriteRefused(f"has {st.st_nlink} hard links; replacing it would break them, so it is not "
                           "written (use --diff and apply the patch)")
    if not st.st_mode & stat.S_IWUSR and not allow_read_only:
        raise WriteRefused("is read-only; not writing (use --fix-read-only to write it anyway)")
    d = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".stlint-", suffix=".tmp", dir=d)
    except OSError as e:
        raise WriteRefused(f"cannot write the fixed file: {e.strerror}") from None
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as e:
            raise WriteRefused(f"cannot write the fixed file: {e.strerror}") from None
        tst = os.stat(tmp)
        if (tst.st_uid, tst.st_gid) != (st.st_uid, st.st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError as e:
                raise WriteRefused(f"cannot keep its owner/group {st.st_uid}:{st.st_gid} ({e.strerror}); "
                                   "not writing") from None
        try:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))  # after chown, which may clear set-id bits
        except OSError as e:
            raise WriteRefused(f"cannot keep its permissions ({e.strerror}); not writing") from None
        _copy_xattrs(target, tmp)
        try:
            now, now_st = read_regular_stat(target)
        except ReadError as e:
            raise WriteRefused(f"cannot read it again before replacing it ({e.message}); not writing") from None
        if now != original or (now_st.st_ino, now_st.st_dev) != (st.st_ino, st.st_dev):
            raise WriteRefused("changed since stlint read it; not overwriting (run stlint again)")
        try:
            os.replace(tmp, target)
        except OSError as e:
            raise WriteRefused(f"cannot write the fixed file: {e.strerror}") from None
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
    return target


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` keeping the file's identity (see :func:`write_fixed`;
    the current content is what is compared). Raises WriteRefused."""
    from stlint.files import read_regular

    try:
        original = read_regular(write_target(path))
    except OSError as e:
        raise WriteRefused(f"cannot read it: {e.strerror}") from None
    write_fixed(path, data, original)


def fix_file(path: str, settings: Settings | None = None, *, unsafe: bool = False,
             write: bool = True) -> tuple[FixResult, Source]:
    from stlint.files import read_regular

    data = read_regular(path)
    src = Source.from_bytes(data, path)
    res = fix_source(src, settings, unsafe=unsafe)
    if write and res.changed and res.refused is None:
        write_fixed(path, encode(res.text, src.had_bom), data)
    return res, src
