"""Per-file result cache of ``stlint check``.

An entry is keyed by a SHA-256 of the file's bytes, its absolute path (includes and
per-file-ignores depend on it), the effective settings (catalog version included), and a
fingerprint of stlint itself (version + its source files, grammar and catalogs, by size and
mtime), so a code, catalog, content or config change is a miss.

Nothing read from the cache is trusted blindly (see SECURITY.md):

- the cache directory is used only if it is a real directory owned by the current user and not
  writable by group or others, and no directory above it can be replaced by another user
  (world-writable parents need the sticky bit, like ``/tmp``); otherwise the cache is off (never
  a fallback to a shared directory);
- an entry is read only if it is a regular file owned by the current user, not writable by others,
  at most ``MAX_ENTRY_BYTES``; its JSON must match the schema exactly (types, known severities,
  offsets inside the file, the key it was written for): anything else is a miss;
- dependencies (files that includes read, and include candidates that did not exist) are
  re-checked on every hit: each must be inside the job's folder and a regular file within the
  size bound (or still absent); a missing include that appears later is a miss.

Entries live under ``$XDG_CACHE_HOME/stlint/results-v2`` (default ``~/.cache/stlint``), one small
JSON file each; entries older than ``MAX_AGE_DAYS`` are pruned, and the oldest ones beyond
``MAX_TOTAL_BYTES`` (at most once a day). Any cache failure is a silent miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path

from stlint import __version__
from stlint.diagnostics import Diagnostic, Edit, Fix, Related

FORMAT = 2
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_AGE_DAYS = 30
MAX_TOTAL_BYTES = 256 * 1024 * 1024
PRUNE_EVERY_S = 24 * 3600
SEVERITIES = ("error", "warning", "info")

_FINGERPRINT: str | None = None
_DIR: tuple[str, Path | None] | None = None  # (configured path, trusted dir or None)
_PRUNED = False


def _base() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stlint"


def results_path() -> Path:
    """Where the entries live (whether or not that directory is trusted)."""
    return _base() / f"results-v{FORMAT}"


def _euid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def _own_private_dir(p: Path) -> bool:
    """A real directory (no symlink) owned by us that nobody else can write."""
    try:
        st = os.lstat(p)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    uid = _euid()
    if uid is None:  # no POSIX ownership (Windows): the user's profile is private
        return True
    return st.st_uid == uid and not st.st_mode & 0o022


def _safe_ancestors(p: Path) -> bool:
    """Every existing directory from ``p`` up to ``/`` is owned by us or root and, if others
    may write it, sticky (so they cannot rename or replace what we create in it)."""
    uid = _euid()
    if uid is None:
        return True
    cur = Path(os.path.realpath(p))
    while True:
        try:
            st = os.stat(cur)
        except OSError:
            return False
        if st.st_uid not in (uid, 0):
            return False
        if st.st_mode & 0o022 and not st.st_mode & stat.S_ISVTX:
            return False
        if cur.parent == cur:
            return True
        cur = cur.parent


def cache_dir() -> Path | None:
    """The trusted results directory (created 0700 if missing), or None: caching is off."""
    global _DIR
    env = os.environ.get("XDG_CACHE_HOME") or ""
    if _DIR is not None and _DIR[0] == env:
        return _DIR[1]
    want = results_path()
    trusted: Path | None = None
    try:
        parent = want.parent.parent  # $XDG_CACHE_HOME
        parent.mkdir(parents=True, exist_ok=True)
        if _safe_ancestors(parent):
            ok = True
            for d in (want.parent, want):
                try:
                    os.mkdir(d, 0o700)
                except FileExistsError:
                    pass
                if not _own_private_dir(d):
                    ok = False
                    break
            trusted = want if ok else None
    except OSError:
        trusted = None
    _DIR = (env, trusted)
    return trusted


def fingerprint() -> str:
    """stlint's version plus size/mtime of its code, grammar and catalog files."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        pkg = Path(__file__).resolve().parent
        # installed, grammar and rules are inside the package; in a checkout they sit beside it
        # (not stlint.catalog.resources: importing the catalog package costs more than this)
        roots = (pkg, pkg.parent / "grammar", pkg.parent / "rules")
        h = hashlib.sha256(__version__.encode())
        for root in roots:
            for dirpath, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for f in sorted(files):
                    if f.endswith((".py", ".lark", ".json")):
                        p = os.path.join(dirpath, f)
                        try:
                            st = os.stat(p)
                        except OSError:
                            continue
                        h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        _FINGERPRINT = h.hexdigest()
    return _FINGERPRINT


_KEY_PREFIX: dict[str, "hashlib._Hash"] = {}


def key(abs_path: str | None, data: bytes, settings_key: str) -> str:
    base = _KEY_PREFIX.get(settings_key)
    if base is None:
        base = hashlib.sha256()
        for part in (f"stlint {__version__} cache v{FORMAT}", fingerprint(), settings_key):
            base.update(part.encode("utf-8", "surrogateescape"))
            base.update(b"\0")
        _KEY_PREFIX[settings_key] = base
    h = base.copy()
    h.update((abs_path or "").encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _entry(d: Path, k: str) -> str:
    return os.path.join(d, k[:2], k[2:] + ".json")


def _dep_digest(path: str) -> str | None:
    """SHA-256 of a dependency, None if it does not exist; ValueError if it exists but must
    not be read (not a regular file, too large, unreadable)."""
    from stlint.files import ReadError, read_regular

    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except ReadError:
        if not os.path.lexists(path):
            return None
        raise ValueError(path) from None


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([root, path]) == root
    except ValueError:
        return False


def _read_entry(p: str) -> bytes | None:
    """The bytes of an entry we wrote: a regular file owned by us, not writable by others,
    at most MAX_ENTRY_BYTES. Never follows a symlink, never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        uid = _euid()
        if (not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES or st.st_mode & 0o022
                or (uid is not None and st.st_uid != uid)):
            return None
        data = os.read(fd, MAX_ENTRY_BYTES + 1)
        return data if len(data) <= MAX_ENTRY_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def get(k: str, abs_path: str | None, size: int) -> list[Diagnostic] | None:
    """Cached diagnostics of the file ``abs_path`` (``size`` bytes) under key ``k``, or None
    (a miss) when there is no valid, trusted, up-to-date entry."""
    d = cache_dir()
    if d is None or abs_path is None:
        return None
    raw = _read_entry(_entry(d, k))
    if raw is None:
        return None
    try:
        entry = json.loads(raw)
        diags = _validate(entry, k, size)
        root = os.path.realpath(os.path.dirname(abs_path)) if entry["deps"] else ""
        for path, digest in entry["deps"]:
            if not os.path.isabs(path) or not _inside(os.path.realpath(path), root):
                return None
            if _dep_digest(path) != digest:
                return None
        return diags
    except (ValueError, KeyError, TypeError, OSError, RecursionError):
        return None


class _Invalid(ValueError):
    pass


def _need(cond: bool) -> None:
    if not cond:
        raise _Invalid()


def _int(x, lo: int, hi: int) -> int:
    _need(type(x) is int and lo <= x <= hi)
    return x


def _str(x, n: int = 100_000) -> str:
    _need(type(x) is str and len(x) <= n)
    return x


def _validate(entry, k: str, size: int) -> list[Diagnostic]:
    """The diagnostics of a well-formed entry for key ``k``; _Invalid otherwise."""
    _need(type(entry) is dict and set(entry) == {"v", "key", "deps", "diagnostics"})
    _need(entry["v"] == FORMAT and entry["key"] == k)
    deps = entry["deps"]
    _need(type(deps) is list and len(deps) <= 10_000)
    for dep in deps:
        _need(type(dep) is list and len(dep) == 2)
        _str(dep[0], 4096)
        _need(dep[1] is None or (type(dep[1]) is str and len(dep[1]) == 64))
    ds = entry["diagnostics"]
    _need(type(ds) is list and len(ds) <= 1_000_000)
    out = []
    for o in ds:
        _need(type(o) is dict and set(o) <= {"name", "severity", "message", "start", "end", "fix", "help",
                                            "plugin", "option", "related"})
        name = _str(o["name"], 100)
        _need(bool(name) and all(c.islower() or c.isdigit() or c == "-" for c in name))
        _need(o["severity"] in SEVERITIES)
        _str(o["message"])
        s = _int(o["start"], 0, size)
        _int(o["end"], s, size)
        for f in ("help", "plugin", "option"):
            if f in o:
                _str(o[f])
        if "fix" in o:
            f = o["fix"]
            _need(type(f) is dict and set(f) == {"applicability", "message", "edits"})
            _need(f["applicability"] in ("safe", "unsafe"))
            _str(f["message"])
            _need(type(f["edits"]) is list)
            for e in f["edits"]:
                _need(type(e) is list and len(e) == 3)
                a = _int(e[0], 0, size)
                _int(e[1], a, size)
                _str(e[2], 1 << 22)
        if "related" in o:
            _need(type(o["related"]) is list)
            for r in o["related"]:
                _need(type(r) is list and len(r) == 3)
                a = _int(r[0], 0, size)
                _int(r[1], a, size)
                _str(r[2])
        out.append(from_dict(o))
    return out


def put(k: str, diags: list[dict], deps: list[str]) -> None:
    """Store an entry. ``deps``: every file the includes looked at (read or not found)."""
    d = cache_dir()
    if d is None:
        return
    try:
        entry = {"v": FORMAT, "key": k, "deps": [[p, _dep_digest(p)] for p in deps], "diagnostics": diags}
    except ValueError:  # a dependency that may not be read: not cacheable
        return
    p = _entry(d, k)
    shard = os.path.dirname(p)
    try:
        try:
            os.mkdir(shard, 0o700)
        except FileExistsError:
            pass
        if not _own_private_dir(Path(shard)):
            return
        tmp = p[:-len(".json")] + f".{os.getpid()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogateescape"))
        os.replace(tmp, p)
    except (OSError, ValueError):
        return
    _maybe_prune(d)


def _maybe_prune(d: Path) -> None:
    """At most once a day (a stamp file's mtime), drop old entries and keep the total bounded."""
    global _PRUNED
    if _PRUNED:
        return
    _PRUNED = True
    stamp = d / "pruned"
    now = time.time()
    try:
        if now - os.stat(stamp).st_mtime < PRUNE_EVERY_S:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    try:
        fd = os.open(stamp, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
        os.utime(stamp)
    except OSError:
        return
    prune(d, now)


def prune(d: Path, now: float | None = None, *, max_age_days: float = MAX_AGE_DAYS,
          max_total: int = MAX_TOTAL_BYTES) -> int:
    """Delete entries older than ``max_age_days`` and stale temp files, then the oldest entries
    until the total is at most ``max_total`` bytes. Returns the number of files removed."""
    now = time.time() if now is None else now
    removed = 0
    kept: list[tuple[float, int, str]] = []
    try:
        shards = list(os.scandir(d))
    except OSError:
        return 0
    for sh in shards:
        if not sh.is_dir(follow_symlinks=False) or len(sh.name) != 2:
            continue
        try:
            files = list(os.scandir(sh.path))
        except OSError:
            continue
        for f in files:
            try:
                st = f.stat(follow_symlinks=False)
            except OSError:
                continue
            old = now - st.st_mtime > (max_age_days * 86400 if f.name.endswith(".json") else 3600)
            if old or not f.name.endswith((".json", ".tmp")):
                try:
                    os.unlink(f.path)
                    removed += 1
                except OSError:
                    pass
            elif f.name.endswith(".json"):
                kept.append((st.st_mtime, st.st_size, f.path))
    total = sum(s for _, s, _ in kept)
    if total > max_total:
        for _, size, path in sorted(kept):
            try:
                os.unlink(path)
                removed += 1
            except OSError:
                continue
            total -= size
            if total <= max_total:
                break
    return removed


# --- (de)serialization of diagnostics (also used to return results from worker processes) ---


def to_dict(d: Diagnostic) -> dict:
    out = {"name": d.name, "severity": d.severity, "message": d.message, "start": d.start, "end": d.end}
    if d.fix is not None:
        out["fix"] = {"applicability": d.fix.applicability, "message": d.fix.message,
                      "edits": [[e.start, e.end, e.text] for e in d.fix.edits]}
    for k in ("help", "plugin", "option"):
        v = getattr(d, k)
        if v is not None:
            out[k] = v
    if d.related:
        out["related"] = [[r.start, r.end, r.message] for r in d.related]
    return out


def from_dict(o: dict) -> Diagnostic:
    fix = None
    if o.get("fix"):
        f = o["fix"]
        fix = Fix(f["applicability"], f["message"], tuple(Edit(s, e, t) for s, e, t in f["edits"]))
    return Diagnostic(o["name"], o["severity"], o["message"], o["start"], o["end"], fix=fix, help=o.get("help"),
                      plugin=o.get("plugin"), option=o.get("option"),
                      related=tuple(Related(s, e, m) for s, e, m in o.get("related", ())))
