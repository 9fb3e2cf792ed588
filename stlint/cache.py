"""Per-file result cache of ``stlint check``.

An entry is keyed by the file's bytes, its absolute path (includes and per-file-ignores depend on
it), the effective settings, and a fingerprint of stlint itself (version + its source files,
grammar and catalogs, by size and mtime), so a code, catalog, content or config change is a miss.
Files pulled in by ``include`` are recorded with their hashes and checked on every hit.

Entries live under ``$XDG_CACHE_HOME/stlint/results-v1`` (default ``~/.cache/stlint``), one small
JSON file each. Any cache failure (unwritable directory, corrupt entry) is a silent miss.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from stlint import __version__
from stlint.diagnostics import Diagnostic, Edit, Fix, Related

_FINGERPRINT: str | None = None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stlint" / "results-v1"


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


def key(abs_path: str | None, data: bytes, settings_key: str) -> str:
    h = hashlib.sha256()
    for part in (fingerprint(), abs_path or "", settings_key):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def _entry(k: str) -> Path:
    return cache_dir() / k[:2] / f"{k[2:]}.json"


def _file_hash(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def get(k: str) -> list[Diagnostic] | None:
    try:
        with open(_entry(k), encoding="utf-8") as fh:
            entry = json.load(fh)
        for path, digest in entry["deps"]:
            if _file_hash(path) != digest:
                return None
        return [from_dict(d) for d in entry["diagnostics"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(k: str, diags: list[dict], deps: list[str]) -> None:
    if any(d.get("no_cache") for d in diags):
        return  # a fix edit carries a secret (stlint.redact): never written to disk
    entry = {"deps": [[p, _file_hash(p)] for p in deps], "diagnostics": diags}
    p = _entry(k)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, p)
    except OSError:
        pass


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
                      fix_carries_secret=bool(o.get("no_cache")))
