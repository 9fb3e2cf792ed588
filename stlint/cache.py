"""Result cache of ``stlint check``: one pack file per directory of checked files.

A pack holds the results of the files of one directory under one set of settings. Its name is a
SHA-256 of stlint's version and fingerprint (version + its source files, grammar and catalogs, by
size and mtime), the effective settings (catalog version included) and the directory's absolute
path, so a code, catalog or config change is a miss. Inside, each file's entry records the
SHA-256 of the content it was computed for and the file's ``stat`` (size, mtime, ctime, inode,
device): a warm run only ``stat``s unchanged files (reading one pack per directory), a changed
stat falls back to the content hash, a changed content is a miss. Files pulled in by ``include``
(and include candidates that did not exist) are recorded and re-checked on every hit.

Nothing read from the cache is trusted blindly (see SECURITY.md):

- the cache directory is used only if it is a real directory owned by the current user and not
  writable by group (unless it is the user's private group) or others, and no directory above it can be replaced by another user
  (world-writable parents need the sticky bit, like ``/tmp``); otherwise the cache is off (never
  a fallback to a shared directory);
- a pack is read only if it is a regular file owned by the current user, not writable by others,
  at most ``MAX_PACK_BYTES``; it and each entry used must match the schema exactly (types, known
  severities, offsets inside the file, the key and directory it was written for): anything else
  is a miss;
- dependencies must be inside the job's folder and regular files within the size bound (or still
  absent); a missing include that appears later is a miss.

An entry may also carry the job's pipeline graph (``stlint.graphview.to_dict``: nodes, edges) when
the run that wrote it needed one (``--format json``/``report``): computed in the lint's own pass,
already redacted (no secret's value), validated like the diagnostics when read back; a run that needs
the graph treats an entry without one as a miss.

Packs live under ``$XDG_CACHE_HOME/stlint/results-v3`` (default ``~/.cache/stlint``); packs
older than ``MAX_AGE_DAYS`` are pruned, and the oldest ones beyond ``MAX_TOTAL_BYTES`` (at most
once a day). Any cache failure is a silent miss.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from stlint import __version__
from stlint._sha import sha256  # not hashlib: OpenSSL costs ~2.5 ms at start-up
from stlint.diagnostics import Diagnostic, Edit, Fix, Related

FORMAT = 3  # 3: entries may carry the job's graph (stlint.graphview.to_dict)
MAX_PACK_BYTES = 64 * 1024 * 1024
MAX_AGE_DAYS = 30
MAX_TOTAL_BYTES = 256 * 1024 * 1024
PRUNE_EVERY_S = 24 * 3600
RACY_S = 2.0  # a file modified this recently may change again within the same timestamp tick
SEVERITIES = ("error", "warning", "info")

_FINGERPRINT: str | None = None
_DIR: tuple[str, Path | None] | None = None  # ($XDG_CACHE_HOME as set, trusted dir or None)
_PRUNED = False


def _base() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stlint"


def results_path() -> Path:
    """Where the packs live (whether or not that directory is trusted)."""
    return _base() / f"results-v{FORMAT}"


def _euid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


_UPG: dict[int, bool] = {}


def _private_group(gid: int) -> bool:
    """``gid`` is the user's own group (user private groups: the group named like the user,
    the default on Debian/Ubuntu/Fedora with umask 002), so group write access is only ours."""
    if gid not in _UPG:
        try:
            import grp
            import pwd

            _UPG[gid] = (gid == os.getegid() and grp.getgrgid(gid).gr_name == pwd.getpwuid(os.geteuid()).pw_name
                         and not grp.getgrgid(gid).gr_mem)
        except (ImportError, KeyError, OSError):
            _UPG[gid] = False
    return _UPG[gid]


def _others_can_write(st: os.stat_result) -> bool:
    if st.st_mode & 0o002:
        return True
    return bool(st.st_mode & 0o020) and not _private_group(st.st_gid)


def _own_private_dir(p: str | Path) -> bool:
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
    return st.st_uid == uid and not _others_can_write(st)


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
        if _others_can_write(st) and not st.st_mode & stat.S_ISVTX:
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
        h = sha256(__version__.encode())
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


def pack_key(abs_dir: str, settings_key: str) -> str:
    h = sha256()
    for part in (f"stlint {__version__} cache v{FORMAT}", fingerprint(), settings_key, abs_dir):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()


def _pack_path(d: Path, k: str) -> str:
    return os.path.join(d, k[:2], k[2:] + ".json")


def _stat_sig(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _dep_digest(path: str) -> str | None:
    """SHA-256 of a dependency, None if it does not exist; ValueError if it exists but must
    not be read (not a regular file, too large, unreadable)."""
    from stlint.files import ReadError, read_regular

    try:
        return sha256(read_regular(path)).hexdigest()
    except ReadError:
        if not os.path.lexists(path):
            return None
        raise ValueError(path) from None


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([root, path]) == root
    except ValueError:
        return False


def _read_private(p: str, limit: int) -> bytes | None:
    """The bytes of a file we wrote: a regular file owned by us, not writable by others, at most
    ``limit`` bytes. Never follows a symlink, never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        uid = _euid()
        if (not stat.S_ISREG(st.st_mode) or st.st_size > limit or _others_can_write(st)
                or (uid is not None and st.st_uid != uid)):
            return None
        data = os.read(fd, st.st_size + 1)
        return data if len(data) <= st.st_size else None
    except OSError:
        return None
    finally:
        os.close(fd)


# --- validation ------------------------------------------------------------------------------


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


def _is_sha(x) -> bool:
    return type(x) is str and len(x) == 64


_ENTRY = frozenset({"sha", "stat", "deps", "diagnostics"})
_ENTRY_GRAPH = _ENTRY | {"graph"}
_GRAPH = frozenset({"engine", "simple", "nodes", "edges", "dangling", "stuck"})
_NODE = frozenset({"id", "kind", "plugin", "line", "column", "output", "inputs", "details", "status", "findings"})
_FINDING = frozenset({"name", "severity", "message", "line", "column"})
_EDGE = frozenset({"from", "to", "table", "via", "row_type"})
ENGINES = ("zeta", "flink", "spark")
KINDS = ("source", "transform", "sink")
VIAS = ("named", "implicit", "fallback", "variable")
STATUSES = ("error", "warning", "ok")


def _rule_name(x) -> str:
    name = _str(x, 100)
    _need(bool(name) and all(c.islower() or c.isdigit() or c == "-" for c in name))
    return name


def _opt_str(x) -> None:
    _need(x is None or (type(x) is str and len(x) <= 100_000))


def _validate_graph(g, size: int) -> dict | None:
    """A well-formed pipeline graph (``stlint.graphview.to_dict``) of a file of ``size`` bytes
    (or None: no graph for that file); _Invalid otherwise. Returned as read (plain JSON data)."""
    if g is None:
        return None
    _need(type(g) is dict and set(g) == _GRAPH)
    _need(g["engine"] in ENGINES and type(g["simple"]) is bool)
    lines = size + 1  # positions are 1-based and at most one past the last character
    nodes, edges, dangling, stuck = g["nodes"], g["edges"], g["dangling"], g["stuck"]
    _need(type(nodes) is list and len(nodes) <= 1_000_000)
    ids: set[str] = set()
    for n in nodes:
        _need(type(n) is dict and set(n) == _NODE)
        nid, kind = _str(n["id"], 40), n["kind"]
        _need(kind in KINDS and nid.startswith(kind) and nid[len(kind):].isdigit() and nid.isascii()
              and nid not in ids)
        ids.add(nid)
        _str(n["plugin"])
        _int(n["line"], 1, lines)
        _int(n["column"], 1, lines)
        _opt_str(n["output"])
        _need(n["inputs"] is None or type(n["inputs"]) is list)
        for x in n["inputs"] or ():
            _str(x)
        _need(type(n["details"]) is list and len(n["details"]) <= 10)
        for dt in n["details"]:
            _need(type(dt) is dict and set(dt) == {"key", "value"})
            _str(dt["key"], 200)
            _str(dt["value"])
        _need(n["status"] in STATUSES)
        _need(type(n["findings"]) is list)
        for f in n["findings"]:
            _need(type(f) is dict and set(f) == _FINDING)
            _rule_name(f["name"])
            _need(f["severity"] in SEVERITIES)
            _str(f["message"])
            _int(f["line"], 1, lines)
            _int(f["column"], 1, lines)
    _need(type(edges) is list and type(dangling) is list and type(stuck) is list)
    for e in edges:
        _need(type(e) is dict and set(e) == _EDGE)
        _need(e["from"] in ids and e["to"] in ids and e["via"] in VIAS)
        _str(e["table"])
        _opt_str(e["row_type"])
    for d in dangling:
        _need(type(d) is dict and set(d) == {"to", "table"} and d["to"] in ids)
        _str(d["table"])
    for x in stuck:
        _need(type(x) is str and x in ids)
    return g


def _validate_entry(e, size: int) -> list[Diagnostic]:
    """The diagnostics of a well-formed entry for a file of ``size`` bytes; _Invalid otherwise.
    (Its ``graph``, if any, is validated by :func:`_validate_graph` when a run uses it.)"""
    _need(type(e) is dict and (set(e) == _ENTRY or set(e) == _ENTRY_GRAPH))
    _need(_is_sha(e["sha"]))
    _need(e["stat"] is None or (type(e["stat"]) is list and len(e["stat"]) == 5
                                and all(type(x) is int for x in e["stat"])))
    deps = e["deps"]
    _need(type(deps) is list and len(deps) <= 10_000)
    for dep in deps:
        _need(type(dep) is list and len(dep) == 2)
        _str(dep[0], 4096)
        _need(dep[1] is None or _is_sha(dep[1]))
    ds = e["diagnostics"]
    _need(type(ds) is list and len(ds) <= 1_000_000)
    out = []
    for o in ds:
        _need(type(o) is dict and set(o) <= {"name", "severity", "message", "start", "end", "fix", "help",
                                            "plugin", "option", "related", "redact", "suggestions"})
        _rule_name(o["name"])
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
            for ed in f["edits"]:
                _need(type(ed) is list and len(ed) == 3)
                a = _int(ed[0], 0, size)
                _int(ed[1], a, size)
                _str(ed[2], 1 << 22)
        if "related" in o:
            _need(type(o["related"]) is list)
            for r in o["related"]:
                _need(type(r) is list and len(r) == 3)
                a = _int(r[0], 0, size)
                _int(r[1], a, size)
                _str(r[2])
        if "suggestions" in o:  # did-you-mean replacements (LSP quick fixes)
            _need(type(o["suggestions"]) is list and len(o["suggestions"]) <= 100)
            for x in o["suggestions"]:
                _str(x, 4096)
        if "redact" in o:  # code-frame ranges holding a secret (stlint.redact)
            _need(type(o["redact"]) is list)
            for r in o["redact"]:
                _need(type(r) is list and len(r) == 2)
                a = _int(r[0], 0, size)
                _int(r[1], a, size)
        out.append(from_dict(o))
    return out


def _deps_unchanged(deps: list, abs_path: str) -> bool:
    if not deps:
        return True
    root = os.path.realpath(os.path.dirname(abs_path))
    for path, digest in deps:
        if not os.path.isabs(path) or not _inside(os.path.realpath(path), root):
            return False
        try:
            if _dep_digest(path) != digest:
                return False
        except ValueError:
            return False
    return True


# --- the cache -------------------------------------------------------------------------------


NO_GRAPH = object()  # put(): the run did not compute the graph


class _Pack:
    __slots__ = ("path", "key", "dir", "files", "dirty")

    def __init__(self, path: str | None, key: str, d: str, files: dict) -> None:
        self.path = path
        self.key = key
        self.dir = d
        self.files = files
        self.dirty = False


class ResultCache:
    """Lookups and stores of one run; :meth:`flush` writes the packs that changed."""

    def __init__(self) -> None:
        self.root = cache_dir()
        self._packs: dict[tuple[str, str], _Pack] = {}

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _pack(self, abs_path: str, settings_key: str) -> _Pack | None:
        if self.root is None:
            return None
        d = os.path.dirname(abs_path)
        p = self._packs.get((d, settings_key))
        if p is None:
            k = pack_key(d, settings_key)
            path = _pack_path(self.root, k)
            files: dict = {}
            raw = _read_private(path, MAX_PACK_BYTES)
            if raw is not None:
                try:
                    doc = json.loads(raw)
                    _need(type(doc) is dict and set(doc) == {"v", "key", "dir", "files"})
                    _need(doc["v"] == FORMAT and doc["key"] == k and doc["dir"] == d and type(doc["files"]) is dict)
                    files = doc["files"]
                except (ValueError, RecursionError):
                    files = {}
            p = self._packs[(d, settings_key)] = _Pack(path, k, d, files)
        return p

    def _hit(self, p: _Pack, abs_path: str, size: int, sha: str | None, sig: list[int] | None,
             want_graph: bool) -> tuple[list[Diagnostic], dict | None] | None:
        e = p.files.get(os.path.basename(abs_path))
        if e is None:
            return None
        try:
            if sig is not None:
                if type(e) is not dict or e.get("stat") != sig:
                    return None
            elif type(e) is not dict or e.get("sha") != sha:
                return None
            if want_graph and "graph" not in e:
                return None  # written by a run that did not draw the graph
            diags = _validate_entry(e, size)
            graph = _validate_graph(e["graph"], size) if want_graph else None
        except (_Invalid, KeyError, TypeError, ValueError, RecursionError):
            return None
        if not _deps_unchanged(e["deps"], abs_path):
            return None
        return diags, graph

    def get_by_stat(self, abs_path: str, settings_key: str, want_graph: bool = False
                    ) -> tuple[tuple[list[Diagnostic], dict | None] | None, str | None]:
        """Cached (diagnostics, graph) of an unchanged file, judged by its ``stat`` alone (not
        read), and the content hash they were computed for; (None, None) on a miss. The graph is
        None unless ``want_graph`` (then an entry without one is a miss)."""
        p = self._pack(abs_path, settings_key)
        if p is None:
            return None, None
        try:
            st = os.stat(abs_path)
        except OSError:
            return None, None
        if not stat.S_ISREG(st.st_mode):
            return None, None
        hit = self._hit(p, abs_path, st.st_size, None, _stat_sig(st), want_graph)
        if hit is None:
            return None, None
        return hit, p.files[os.path.basename(abs_path)]["sha"]

    def get(self, abs_path: str, settings_key: str, data: bytes, st: os.stat_result | None = None,
            want_graph: bool = False) -> tuple[list[Diagnostic], dict | None] | None:
        """Cached (diagnostics, graph) of ``abs_path`` with content ``data``, or None (a miss). A
        hit whose recorded stat differs records the new one (``st``: the fstat of the read)."""
        p = self._pack(abs_path, settings_key)
        if p is None:
            return None
        hit = self._hit(p, abs_path, len(data), sha256(data).hexdigest(), None, want_graph)
        if hit is not None and st is not None:
            sig = self._safe_sig(st)
            e = p.files[os.path.basename(abs_path)]
            if e["stat"] != sig:
                e["stat"] = sig
                p.dirty = True
        return hit

    @staticmethod
    def _safe_sig(st: os.stat_result | None) -> list[int] | None:
        # racily clean (git's term): modified within the timestamp granularity of now
        if st is None or time.time() - st.st_mtime < RACY_S or time.time() - st.st_ctime < RACY_S:
            return None
        return _stat_sig(st)

    def put(self, abs_path: str, settings_key: str, data: bytes, st: os.stat_result | None,
            diags: list[dict], deps: list[str], graph=NO_GRAPH) -> None:
        """Record the diagnostics of ``abs_path`` (content ``data``, ``st`` the fstat of the read).
        ``deps``: every file the includes looked at (read or not found). ``graph``: the job's
        graph (``graphview.to_dict``, or None: none for this file) when the run computed it."""
        if any(d.get("no_cache") for d in diags):
            return  # a fix edit carries a secret (stlint.redact): never written to disk
        p = self._pack(abs_path, settings_key)
        if p is None:
            return
        try:
            dep_list = [[d, _dep_digest(d)] for d in deps]
        except ValueError:  # a dependency that may not be read: not cacheable
            return
        e = {"sha": sha256(data).hexdigest(), "stat": self._safe_sig(st), "deps": dep_list,
             "diagnostics": diags}
        if graph is not NO_GRAPH:
            e["graph"] = graph
        p.files[os.path.basename(abs_path)] = e
        p.dirty = True

    def flush(self) -> None:
        """Write every changed pack (entries of files that no longer exist are dropped)."""
        if self.root is None:
            return
        wrote = False
        for p in self._packs.values():
            if not p.dirty or p.path is None:
                continue
            files = {n: e for n, e in p.files.items() if os.path.lexists(os.path.join(p.dir, n))}
            doc = {"v": FORMAT, "key": p.key, "dir": p.dir, "files": files}
            try:
                raw = json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogateescape")
            except (ValueError, TypeError):
                continue
            if len(raw) > MAX_PACK_BYTES:
                continue
            wrote |= _write_private(p.path, raw)
            p.dirty = False
        if wrote:
            _maybe_prune(self.root)


def _write_private(path: str, raw: bytes) -> bool:
    shard = os.path.dirname(path)
    try:
        try:
            os.mkdir(shard, 0o700)
        except FileExistsError:
            pass
        if not _own_private_dir(shard):
            return False
        tmp = path[:-len(".json")] + f".{os.getpid()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
        return True
    except OSError:
        return False


def _maybe_prune(d: Path) -> None:
    """At most once a day (a stamp file's mtime), drop old packs and keep the total bounded."""
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
    """Delete packs older than ``max_age_days`` and stale temp files, then the oldest packs
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
    if d.redact:
        out["redact"] = [list(r) for r in d.redact]
    if d.fix_carries_secret:
        out["no_cache"] = True
    if d.suggestions:
        out["suggestions"] = list(d.suggestions)
    return out


def from_dict(o: dict) -> Diagnostic:
    fix = None
    if o.get("fix"):
        f = o["fix"]
        fix = Fix(f["applicability"], f["message"], tuple(Edit(s, e, t) for s, e, t in f["edits"]))
    return Diagnostic(o["name"], o["severity"], o["message"], o["start"], o["end"], fix=fix, help=o.get("help"),
                      plugin=o.get("plugin"), option=o.get("option"),
                      related=tuple(Related(s, e, m) for s, e, m in o.get("related", ())),
                      redact=tuple((int(s), int(e)) for s, e in o.get("redact", ())),
                      fix_carries_secret=bool(o.get("no_cache")),
                      suggestions=tuple(str(x) for x in o.get("suggestions", ())))
