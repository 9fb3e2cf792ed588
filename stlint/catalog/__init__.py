"""Connector catalog: which plugins exist per SeaTunnel version, their options and rules.

Runtime loading uses the stdlib only (pre-serialized JSON); pydantic/yaml are used
only by `stlint.catalog.schema` (tests, `catalog build`) and the overlay compiler.
"""

from __future__ import annotations

import gc
import json
from typing import Any

from .model import Catalog, Conditional, OptionSpec, PluginSpec, RuleSpec, Violation
from .resources import catalog_dir, rules_dir

__all__ = [
    "load_catalog", "available_versions", "DEFAULT_VERSION", "Catalog", "PluginSpec", "OptionSpec", "RuleSpec",
    "Conditional", "Violation", "UnknownVersionError", "resolve_version",
]


class UnknownVersionError(KeyError):
    pass


_CACHE: dict[str, Catalog] = {}
_INDEX: dict[str, Any] | None = None


def _index() -> dict[str, Any]:
    global _INDEX
    if _INDEX is None:
        with open(catalog_dir() / "index.json", encoding="utf-8") as fh:
            _INDEX = json.load(fh)
    return _INDEX


def available_versions() -> list[str]:
    """Shipped catalog versions, newest first."""
    return [v["id"] for v in _index()["versions"]]


def __getattr__(name: str) -> Any:
    if name == "DEFAULT_VERSION":
        return _index()["default"]
    raise AttributeError(name)


def _load_overlay() -> dict[str, Any]:
    p = rules_dir() / "overlay.json"
    if not p.exists():
        return {}
    with open(p, encoding="utf-8") as fh:
        return json.load(fh)


def resolve_version(version: str | None) -> str:
    """A catalog id for a user-given version: an exact release id (`2.3.12`), or a prefix of
    release components (`2.3` -> newest 2.3.x, `2` -> newest 2.x).  Anything else (including
    old development ids such as `2.3.10-dev`) raises UnknownVersionError listing the versions;
    there is no silent fallback to another catalog."""
    if version is None:
        return _index()["default"]
    versions = available_versions()
    v = str(version).strip()
    if v in versions:
        return v
    parts = v.split(".")
    if v and all(p.isdigit() for p in parts):
        for cand in versions:  # newest first
            if cand.split(".")[: len(parts)] == parts and len(cand.split(".")) > len(parts):
                return cand
    raise UnknownVersionError(f"no catalog for SeaTunnel version {version!r}; available: {', '.join(versions)}")


def _read_catalog_json(path: Any) -> dict[str, Any]:
    """A shipped catalog file: `.json.gz` (what rules/catalog ships) or plain `.json`."""
    if str(path).endswith(".gz"):
        import zlib  # not the gzip module (~1.5 ms of imports at every cold start); same bytes, CRC checked

        with open(path, "rb") as fh:  # one read + one decompress: much faster than a streaming GzipFile
            return json.loads(zlib.decompress(fh.read(), 16 + zlib.MAX_WBITS))
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_catalog(version: str | None = None) -> Catalog:
    """Load (cached) the catalog of a version; None -> DEFAULT_VERSION (newest)."""
    vid = resolve_version(version)
    cat = _CACHE.get(vid)
    if cat is None:
        entry = next(v for v in _index()["versions"] if v["id"] == vid)
        # building ~100k small objects at once triggers cyclic-GC passes that cost as much as
        # the parse itself; they find nothing to collect here
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            data = _read_catalog_json(catalog_dir() / entry["file"])
            cat = Catalog(data, _load_overlay())
            if entry.get("descriptions"):
                cat.descriptions_file = catalog_dir() / entry["descriptions"]
        finally:
            if gc_was_enabled:
                gc.enable()
        _CACHE[vid] = cat
    return cat
