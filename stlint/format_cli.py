"""The ``stlint format`` subcommand (layout only; see :mod:`stlint.formatter`).

Exit codes: 0 nothing to do / written; 1 with ``--check``: some file would change; 2 a file
could not be read or has syntax errors (left untouched)."""
from __future__ import annotations

import sys

from stlint.formatter import FormatOptions, FormatRefused, format_text


def register(sub) -> None:
    f = sub.add_parser("format", help="normalise the layout of job files (indentation, spacing, blank lines)",
                       description="Reformat HOCON job files conservatively: only white space outside values "
                                   "changes (never order, quoting, comments). Files with syntax errors are "
                                   "refused (exit 2, untouched). `-` reads stdin and writes stdout.")
    f.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .); `-` for stdin")
    f.add_argument("--check", action="store_true", help="write nothing; exit 1 and list files that would change")
    f.add_argument("--diff", action="store_true", help="write nothing; print the changes as a unified diff")
    f.add_argument("--indent", type=int, metavar="N", help="spaces per level (default: [tool.stlint.format] "
                   "indent, else 2)")
    f.set_defaults(func=cmd_format)


def _options(args, settings) -> FormatOptions:
    indent = args.indent if args.indent is not None else getattr(settings, "format_indent", None)
    return FormatOptions(indent=max(0, min(int(2 if indent is None else indent), 16)))


def cmd_format(args) -> int:
    import os

    from stlint.cli import SettingsResolver, UsageError, discover
    from stlint.config import ConfigError, Overrides
    from stlint.files import read_regular
    from stlint.fixes import WriteRefused, unified_diff, write_fixed

    resolver = SettingsResolver(Overrides())
    paths = args.paths or ["."]
    status = 0
    if paths == ["-"]:
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8")
            out = format_text(text, _options(args, _settings(resolver, os.getcwd(), UsageError, ConfigError)))
        except (UnicodeDecodeError, FormatRefused) as e:
            print(f"stlint: <stdin>: not formatted: {e}", file=sys.stderr)
            sys.stdout.buffer.write(data)
            return 2
        if args.check:
            return 1 if out != text else 0
        if args.diff:
            sys.stdout.write(unified_diff("<stdin>", text, out))
            return 0
        sys.stdout.buffer.write(out.encode("utf-8"))
        return 0
    files, problems = discover(paths, resolver)
    for p in problems:
        print(f"stlint: {p}", file=sys.stderr)
        status = 2
    for shown, abs_path, _explicit in files:
        try:
            data = read_regular(abs_path)
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            print(f"stlint: cannot read {shown}: {e}", file=sys.stderr)
            status = 2
            continue
        try:
            out = format_text(text, _options(args, _settings(resolver, os.path.dirname(abs_path), UsageError, ConfigError)))
        except FormatRefused as e:
            print(f"stlint: {shown}: not formatted (syntax error: {e})", file=sys.stderr)
            status = 2
            continue
        if out == text:
            continue
        if args.check:
            print(f"would reformat {shown}")
            status = max(status, 1)
        elif args.diff:
            sys.stdout.write(unified_diff(shown, text, out))
        else:
            try:
                write_fixed(abs_path, out.encode("utf-8"), data)
            except (WriteRefused, OSError) as e:
                print(f"stlint: {shown}: not written: {e}", file=sys.stderr)
                status = 2
                continue
            print(f"reformatted {shown}")
    return status


def _settings(resolver, d, usage_error, config_error):
    try:
        return resolver.for_dir(d)
    except config_error as e:
        raise usage_error(str(e)) from None
