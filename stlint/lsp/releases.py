"""In which shipped catalogs (SeaTunnel releases) a plugin or an option exists (hover, completion)."""

from __future__ import annotations


def plugin_versions(kind: str, name: str) -> tuple[list[str], list[str]]:
    from stlint.catalog import available_versions, load_catalog

    have, lack = [], []
    for v in available_versions():
        try:
            ok = load_catalog(v).find(kind, name) is not None
        except Exception:
            ok = False
        (have if ok else lack).append(v)
    return have, lack


def since_text(have: list[str], lack: list[str]) -> str | None:
    """``added in SeaTunnel 2.3.11`` when every catalog without it is older than every one with it."""
    from stlint.catalog.model import release_key

    if not lack or not have:
        return None
    if max(release_key(v) or () for v in lack) < min(release_key(v) or () for v in have):
        return f"added in SeaTunnel {min(have, key=lambda v: release_key(v) or ())}"
    return "available in SeaTunnel " + ", ".join(have) + "; not in " + ", ".join(lack)


def option_versions(kind: str, name: str, key: str) -> tuple[list[str], list[str]]:
    from stlint.catalog import available_versions, load_catalog

    have, lack = [], []
    for v in available_versions():
        try:
            c = load_catalog(v)
            ps = c.env if kind == "env" else c.find(kind, name)
            ok = ps is not None and ps.option(key) is not None
        except Exception:
            ok = False
        (have if ok else lack).append(v)
    return have, lack
