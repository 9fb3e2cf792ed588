"""Language-server latency: replay typing a real corpus config character by character.

For the median-size and the largest corpus file, start ``stlint lsp --stdio``, open an empty
document and type the file one character per didChange (incremental edits). After each change
wait for the publishDiagnostics of that version (didChange -> publish latency); every 10th
character also ask for completion at the cursor (request -> response latency).

    python bench/lsp_latency.py [--step N] [FILE ...]

``--caps editor`` declares what VS Code and nvim-cmp declare (snippets, Markdown, completion items
resolved lazily: documentation comes on ``completionItem/resolve``); ``--caps plain`` (default)
declares nothing, so every completion list carries its documentation.

At the end, ``--busy`` times a completion sent right after a full-text change, while the server
lints that change (the lint runs off the event loop, so this stays close to an idle completion).

Prints p50/p95/max in ms. Goals (issue 17): didChange -> diagnostics p95 <= 40 ms on the largest
corpus file, <= 15 ms on the median file; completion p95 <= 5 ms. Run by hand; never asserted in
tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "seatunnel"


def corpus_files() -> list[Path]:
    fs = sorted((p.stat().st_size, p) for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".conf", ".hocon"))
    return [fs[len(fs) // 2][1], fs[-1][1]]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


EDITOR_CAPS = T.ClientCapabilities(text_document=T.TextDocumentClientCapabilities(
    completion=T.CompletionClientCapabilities(completion_item=T.ClientCompletionItemOptions(
        snippet_support=True, documentation_format=[T.MarkupKind.Markdown, T.MarkupKind.PlainText],
        resolve_support=T.ClientCompletionItemResolveOptions(properties=["documentation", "detail"]))),
    hover=T.HoverClientCapabilities(content_format=[T.MarkupKind.Markdown])))


async def run(path: Path, step: int, completion_every: int, busy: int, caps: str = "plain") -> dict:
    client = LanguageClient("bench", "1")
    waiters: dict[int, asyncio.Future] = {}

    @client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diags(params: T.PublishDiagnosticsParams):
        f = waiters.pop(params.version, None)
        if f is not None and not f.done():
            f.set_result(time.perf_counter())

    await client.start_io(sys.executable, "-m", "stlint.lsp", "--stdio", env=dict(os.environ, PYTHONPATH=str(REPO)))
    await client.initialize_async(T.InitializeParams(
        capabilities=EDITOR_CAPS if caps == "editor" else T.ClientCapabilities(), root_uri=REPO.as_uri()))
    client.initialized(T.InitializedParams())
    text = path.read_text(encoding="utf-8")
    uri = (Path("/tmp") / path.name).as_uri()
    loop = asyncio.get_running_loop()
    waiters[1] = loop.create_future()
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri=uri, language_id="hocon", version=1, text="")))
    await asyncio.wait_for(waiters.get(1) or asyncio.sleep(0), 30) if 1 in waiters else None
    line = col = 0
    version = 1
    diag_ms: list[float] = []
    comp_ms: list[float] = []
    missed = 0
    i = 0
    while i < len(text):
        chunk = text[i:i + step]
        i += len(chunk)
        version += 1
        fut = loop.create_future()
        waiters[version] = fut
        t0 = time.perf_counter()
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [T.TextDocumentContentChangePartial(range=T.Range(T.Position(line, col), T.Position(line, col)), text=chunk)]))
        for ch in chunk:
            if ch == "\n":
                line, col = line + 1, 0
            else:
                col += 2 if ord(ch) > 0xFFFF else 1
        try:
            t1 = await asyncio.wait_for(fut, 10)
            diag_ms.append((t1 - t0) * 1000)
        except asyncio.TimeoutError:
            missed += 1
        if completion_every and version % completion_every == 0:
            c0 = time.perf_counter()
            await client.text_document_completion_async(T.CompletionParams(T.TextDocumentIdentifier(uri), T.Position(line, col)))
            comp_ms.append((time.perf_counter() - c0) * 1000)
    # completion sent right after a change, while the lint of that change runs (the lint must
    # not hold the event loop): full-text changes of the whole file, completion at its end
    busy_ms: list[float] = []
    for k in range(busy):
        version += 1
        fut = loop.create_future()
        waiters[version] = fut
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [T.TextDocumentContentChangeWholeDocument(text=text + " " * (k % 2))]))
        c0 = time.perf_counter()
        await client.text_document_completion_async(T.CompletionParams(T.TextDocumentIdentifier(uri), T.Position(line, col)))
        busy_ms.append((time.perf_counter() - c0) * 1000)
        try:
            await asyncio.wait_for(fut, 10)
        except asyncio.TimeoutError:
            missed += 1
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"file": path, "size": len(text), "changes": version - 1, "diag": diag_ms, "comp": comp_ms,
            "busy": busy_ms, "missed": missed}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--step", type=int, default=1, help="characters per didChange")
    ap.add_argument("--completion-every", type=int, default=10)
    ap.add_argument("--busy", type=int, default=50,
                    help="completions sent right after a full-text change, while it is linted")
    ap.add_argument("--caps", choices=("plain", "editor"), default="plain",
                    help="client capabilities: none (plain) or those of VS Code / nvim-cmp (editor)")
    a = ap.parse_args()
    files = a.files or corpus_files()
    for f in files:
        r = asyncio.run(run(f, a.step, a.completion_every, a.busy, a.caps))
        print(f"{f.name}: {r['size']} chars, {r['changes']} didChange, {r['missed']} without a publish")
        for k, name in (("diag", "didChange->publishDiagnostics"), ("comp", "completion"),
                        ("busy", "completion during a lint")):
            xs = r[k]
            if xs:
                print(f"  {name:30s} n={len(xs):5d}  p50 {statistics.median(xs):6.1f} ms  "
                      f"p95 {pct(xs, 0.95):6.1f} ms  max {max(xs):6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
