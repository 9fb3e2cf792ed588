"""Command line: ``stlint check``, ``stlint dump``, ``stlint catalog``, ``stlint lsp``."""

from __future__ import annotations

import argparse
import json
import sys

from stlint import __version__


def _print_diags(path: str, src, diags, out=sys.stdout) -> None:
    for d in diags:
        p = src.pos(d.start)
        out.write(f"{path}:{p.line}:{p.column}: {d.severity} {d.name} {d.message}\n")


def cmd_dump(args) -> int:
    from stlint.hocon import load_file, to_json

    try:
        doc = load_file(args.file, args.flavor)
    except OSError as e:
        print(f"stlint: cannot read {args.file}: {e.strerror}", file=sys.stderr)
        return 2
    errors = [d for d in doc.diagnostics if d.severity == "error"]
    if errors or doc.resolved is None:
        _print_diags(args.file, doc.source, errors or doc.diagnostics, sys.stderr)
        return 1
    json.dump(to_json(doc.resolved), sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="stlint", description="Linter for Apache SeaTunnel job configs")
    ap.add_argument("--version", action="version", version=f"stlint {__version__}")
    sub = ap.add_subparsers(dest="command")

    d = sub.add_parser("dump", help="print the resolved config as JSON")
    d.add_argument("file")
    d.add_argument("--flavor", choices=["seatunnel", "hocon"], default="seatunnel",
                   help="seatunnel (default): what SeaTunnel's parser makes of the file; hocon: stock HOCON")
    d.add_argument("--indent", type=int, default=None)
    d.set_defaults(func=cmd_dump)

    try:
        from stlint.catalog import cli as catalog_cli
    except ImportError:
        catalog_cli = None
    if catalog_cli is not None and hasattr(catalog_cli, "register"):
        catalog_cli.register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
