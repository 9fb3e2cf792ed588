"""The stlint language server (``stlint lsp``).

pygls is imported only when the server starts, so ``stlint check`` never pays for it.
The CLI adds the subcommand with ``register(subparsers)``.
"""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default)")
    p.add_argument("--tcp", metavar="HOST:PORT", default=None, help="listen on a TCP socket instead")
    p.add_argument("--log-file", default=None, help="write the server's own log to this file")
    p.add_argument("--seatunnel-version", default=None, metavar="V",
                   help="catalog version to check against (the client's seatunnelVersion setting wins)")


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``lsp`` to the CLI's subparsers (``stlint lsp [--stdio | --tcp HOST:PORT]``)."""
    p = subparsers.add_parser("lsp", help="run the language server (editors start it with --stdio)")
    add_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    import logging

    if getattr(args, "log_file", None):
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    from stlint.lsp.server import build_server

    server = build_server()
    if getattr(args, "seatunnel_version", None):
        server.client_options.setdefault("seatunnelVersion", args.seatunnel_version)
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
        return 0
    code = server.serve_stdio()
    # end now: the stdin reader and the analysis thread may be blocked (a read, a long lint), and
    # interpreter shutdown would wait for them or trip over the stdin lock the reader holds
    import os
    import sys

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="stlint lsp", description="stlint language server")
    add_arguments(ap)
    return run(ap.parse_args(argv))
