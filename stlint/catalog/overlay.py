"""Compile `rules/overlay.yaml` into `rules/overlay.json` (the runtime reads the JSON).

Usage: python -m stlint.catalog.overlay [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .resources import rules_dir


def load_overlay_yaml(path: Path | None = None) -> dict[str, Any]:
    import yaml

    from .schema import Overlay

    path = path or rules_dir() / "overlay.yaml"
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    return Overlay.model_validate(raw).model_dump(exclude_none=True)


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    data = load_overlay_yaml()
    text = render(data)
    out = rules_dir() / "overlay.json"
    if "--check" in argv:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            print(f"{out} is out of date; run python -m stlint.catalog.overlay", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
