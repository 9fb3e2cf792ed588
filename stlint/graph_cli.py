"""`stlint graph FILE`: draw a job's pipeline (``stlint.graphview``) as Mermaid, DOT, SVG or JSON."""

from __future__ import annotations

import os
import sys


def cmd_graph(args) -> int:
    from stlint.cli import SettingsResolver, UsageError, _overrides
    from stlint.engine import lint_source
    from stlint.files import ReadError, read_regular, read_stream
    from stlint.graphview import pipeline, render
    from stlint.source import Source

    resolver = SettingsResolver(_overrides(args))
    try:
        if args.file == "-":
            data = read_stream(sys.stdin.buffer)
            path = None
        else:
            data = read_regular(args.file)
            path = os.path.abspath(args.file)
    except ReadError as e:
        raise UsageError(f"{args.file}: cannot read: {e.message}") from None
    settings = resolver.for_dir(os.path.dirname(path) if path else os.getcwd())
    res = lint_source(Source.from_bytes(data, path), settings)
    shown = args.file
    for d in res.diagnostics:
        if d.name in ("syntax-error", "not-a-job"):
            p = res.source.pos(d.start)
            print(f"{shown}:{p.line}:{p.column}: {d.severity} {d.name} {d.message}", file=sys.stderr)
    if not res.is_job:
        return 1
    text = render(pipeline(res, settings), args.format)
    if args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


# the renderers of stlint.graphview (tests/cli/test_graph_cli.py keeps both in step); named here so
# that building the command line does not import the renderers (cold start of every command)
FORMATS = ("mermaid", "dot", "svg", "json")


def register(sub) -> None:
    g = sub.add_parser("graph", help="draw a job's pipeline (mermaid, dot, svg or json)",
                       description="Draw the job's plugin graph as SeaTunnel builds it: nodes are sources, "
                                   "transforms and sinks with what they touch and their findings; edges are the "
                                   "tables they read (implicit inputs resolved like the target engine does). "
                                   "Exit 0: drawn; 1: not a SeaTunnel job; 2: usage or read error.")
    g.add_argument("file", metavar="FILE", help="the job file (`-` reads stdin)")
    g.add_argument("--format", choices=list(FORMATS), default="mermaid",
                   help="mermaid (default; GitHub renders it), dot (Graphviz), svg (drawn by stlint) or json")
    g.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    g.add_argument("--seatunnel-version", metavar="V", help="catalog version the findings are checked against")
    g.add_argument("--engine", metavar="ENGINE", help="zeta, flink or spark: whose graph building applies "
                   "(default: from the job's env keys, else zeta)")
    g.add_argument("--var", action="append", metavar="KEY=VALUE", help="a job variable, like SeaTunnel's -i")
    g.set_defaults(func=cmd_graph, select=None, ignore=None, extend_select=None)

