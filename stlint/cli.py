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


CONFIG_SUFFIXES = (".conf", ".hocon", ".conf.template", ".config.template", ".json")


def _collect(paths: list[str]) -> list[str]:
    import os

    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
                for f in sorted(files):
                    if f.endswith(CONFIG_SUFFIXES):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out


def cmd_check(args) -> int:
    """Parse and resolve each file like SeaTunnel does and report what stops it from loading.
    (Semantic rule families plug in here; see ARCHITECTURE.md.)"""
    from stlint.hocon import load_file

    files = _collect(args.paths or ["."])
    report = []
    n_err = n_warn = 0
    for f in files:
        try:
            doc = load_file(f, "seatunnel")
        except OSError as e:
            print(f"{f}: cannot read: {e.strerror}", file=sys.stderr)
            return 2
        diags = []
        for d in doc.diagnostics:
            a, b = doc.source.pos(d.start), doc.source.pos(d.end)
            diags.append({"name": d.name, "severity": d.severity, "message": d.message,
                          "range": {"start": {"line": a.line, "column": a.column},
                                    "end": {"line": b.line, "column": b.column}}})
            n_err += d.severity == "error"
            n_warn += d.severity == "warning"
        report.append({"path": f, "diagnostics": diags})
        if args.format == "text":
            for d, raw in zip(diags, doc.diagnostics):
                st = d["range"]["start"]
                print(f"{f}:{st['line']}:{st['column']}: {d['severity']} {d['name']} {d['message']}")
                line = doc.source.line_text(st["line"])
                print(f"    {line}")
                width = max(1, (d["range"]["end"]["column"] - st["column"]) if d["range"]["end"]["line"] == st["line"] else 1)
                print("    " + " " * (st["column"] - 1) + "^" * width)
    if args.format == "json":
        json.dump({"version": 1, "files": report,
                   "summary": {"files": len(files), "errors": n_err, "warnings": n_warn}}, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(f"{len(files)} file(s) checked: {n_err} error(s), {n_warn} warning(s)")
    return 1 if n_err else 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="stlint", description="Linter for Apache SeaTunnel job configs")
    ap.add_argument("--version", action="version", version=f"stlint {__version__}")
    sub = ap.add_subparsers(dest="command")

    c = sub.add_parser("check", help="lint job files (directories are searched for configs)")
    c.add_argument("paths", nargs="*")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.set_defaults(func=cmd_check)

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
