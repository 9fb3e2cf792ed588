"""Server-side cost of completion requests, without the transport: replay typing the median-size
and the largest corpus file (the text up to every 10th character, completion at its end, as
``bench/lsp_latency.py`` does) straight into the server's completion handler, and time the
handler plus the response's conversion to JSON. The same replay for a plain client (no
capabilities: documentation in every list) and for an editor (VS Code / nvim-cmp capabilities:
snippets, Markdown, documentation resolved on ``completionItem/resolve``).

    python bench/completion_cost.py [--caps plain|editor|both] [FILE ...]

Prints p50/p95 in ms over all requests and over the lists of 20 items or more. Less noisy than
``lsp_latency.py`` on a shared machine (no second process, no pipe); run by hand, never asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "seatunnel"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


def server(caps: str):
    from lsprotocol import types as T
    from pygls.workspace import Workspace

    from stlint.lsp.server import build_server

    ls = build_server()
    ls.protocol._workspace = Workspace(None)
    ls.log = lambda *a, **k: None
    if caps == "plain":
        ls.protocol.client_capabilities = T.ClientCapabilities()
    else:
        item = T.ClientCompletionItemOptions(
            snippet_support=True, documentation_format=[T.MarkupKind.Markdown],
            resolve_support=T.ClientCompletionItemResolveOptions(properties=["documentation", "detail"]))
        ls.protocol.client_capabilities = T.ClientCapabilities(text_document=T.TextDocumentClientCapabilities(
            completion=T.CompletionClientCapabilities(completion_item=item)))
    return ls


def replay(ls, text: str, step: int = 10) -> tuple[list[float], list[int]]:
    from lsprotocol import types as T

    handler = ls.protocol.fm.features[T.TEXT_DOCUMENT_COMPLETION]
    conv = ls.protocol._converter
    uri = "file:///tmp/stlint-bench-completion.conf"
    ms, sizes = [], []
    for i in range(step, len(text), step):
        t = text[:i]
        ls.workspace.put_text_document(T.TextDocumentItem(uri=uri, language_id="hocon", version=i, text=t))
        pos = T.Position(t.count("\n"), i - (t.rfind("\n") + 1))
        t0 = time.perf_counter()
        r = handler(T.CompletionParams(T.TextDocumentIdentifier(uri), pos))
        json.dumps(conv.unstructure(r))
        ms.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(r.items))
    return ms, sizes


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--caps", choices=("plain", "editor", "both"), default="both")
    a = ap.parse_args()
    if a.files:
        files = a.files
    else:
        fs = sorted((p.stat().st_size, p) for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".conf", ".hocon"))
        files = [fs[len(fs) // 2][1], fs[-1][1]]
    for caps in (("plain", "editor") if a.caps == "both" else (a.caps,)):
        ls = server(caps)
        for f in files:
            text = f.read_text(encoding="utf-8")
            replay(ls, text, 97)  # first-use costs (catalog, plugin specs) out of the sample
            ms, sizes = replay(ls, text)
            big = [m for m, n in zip(ms, sizes) if n >= 20]
            print(f"{caps:6s} {f.name} ({len(text)} chars): n={len(ms)} p50 {statistics.median(ms):.2f} ms "
                  f"p95 {pct(ms, .95):.2f} ms; lists of >= 20 items n={len(big)} p50 {statistics.median(big):.2f} ms "
                  f"p95 {pct(big, .95):.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
