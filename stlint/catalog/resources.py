"""Locate the shipped `rules/` data both in a checkout and in an installed package."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve()


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """Directory holding `catalog/`, `overlay.yaml`, `overlay.json`.

    Installed, the top-level `rules/` directory is the package `stlint.rules`; in a checkout it is
    `<repo>/rules`.  The plain filesystem locations are tried first because importing
    `importlib.resources` machinery costs several milliseconds; `importlib.resources.files`
    covers other loaders (zip imports).
    """
    installed = _HERE.parents[1] / "rules"  # what files("stlint.rules") is for a regular install
    if (installed / "catalog").is_dir():
        return installed
    checkout = _HERE.parents[2] / "rules"
    if (checkout / "catalog").is_dir():
        return checkout
    try:
        from importlib.resources import files

        p = Path(str(files("stlint.rules")))
        if (p / "catalog").is_dir():
            return p
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    return checkout


def catalog_dir() -> Path:
    return rules_dir() / "catalog"
