"""pytest-lsp fixtures: a real ``stlint lsp --stdio`` process per test, driven over stdio."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter

REPO = Path(__file__).resolve().parents[2]


def server_command() -> list[str]:
    """``python -m stlint lsp --stdio`` once the CLI registers the subcommand, else the package."""
    r = subprocess.run([sys.executable, "-m", "stlint", "lsp", "--help"], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    if r.returncode == 0 and "--stdio" in r.stdout:
        return [sys.executable, "-m", "stlint", "lsp", "--stdio"]
    return [sys.executable, "-m", "stlint.lsp", "--stdio"]


SERVER = server_command()


def _make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # every publishDiagnostics, in order

    def publish(ls: LanguageClient, params: T.PublishDiagnosticsParams):
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)

    feats = dict(DEFAULT_CLIENT_FEATURES)
    feats[T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, feats)
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=_make_client)


MARKDOWN = T.ClientCapabilities(text_document=T.TextDocumentClientCapabilities(
    hover=T.HoverClientCapabilities(content_format=[T.MarkupKind.Markdown]),
    completion=T.CompletionClientCapabilities(completion_item=T.ClientCompletionItemOptions(
        documentation_format=[T.MarkupKind.Markdown]))))


def init_params(root: Path, **kw) -> T.InitializeParams:
    return T.InitializeParams(
        capabilities=kw.pop("capabilities", MARKDOWN),
        root_uri=root.as_uri(),
        workspace_folders=[T.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        **kw)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(init_params(tmp_path))
    yield
    await lsp_client.shutdown_session()


# a client that accepts snippets and Markdown documentation in completion items
@pytest_lsp.fixture(config=CONFIG)
async def snippet_client(lsp_client: LanguageClient, tmp_path):
    caps = T.ClientCapabilities(text_document=T.TextDocumentClientCapabilities(
        completion=T.CompletionClientCapabilities(completion_item=T.ClientCompletionItemOptions(
            snippet_support=True, documentation_format=[T.MarkupKind.Markdown]))))
    await lsp_client.initialize_session(init_params(tmp_path, capabilities=caps))
    yield
    await lsp_client.shutdown_session()


class Doc:
    """An open document on the test client."""

    def __init__(self, client: LanguageClient, path: Path, text: str) -> None:
        self.client = client
        self.uri = path.as_uri()
        self.text = text
        self.version = 1
        path.write_text(text, encoding="utf-8")
        client.text_document_did_open(T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri=self.uri, language_id="hocon", version=1, text=text)))

    def change(self, text: str) -> None:
        self.version += 1
        self.text = text
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            [T.TextDocumentContentChangeWholeDocument(text=text)]))

    def pos(self, marker: str, after: bool = True, nth: int = 0) -> T.Position:
        """Position of the nth occurrence of ``marker`` (just after it, or at its start)."""
        i = -1
        for _ in range(nth + 1):
            i = self.text.index(marker, i + 1)
        if after:
            i += len(marker)
        line = self.text.count("\n", 0, i)
        col = i - (self.text.rfind("\n", 0, i) + 1)
        return T.Position(line, col)

    async def diagnostics(self, timeout: float = 10.0) -> list[T.Diagnostic]:
        """The diagnostics published for the current version (waits for them)."""

        async def wait():
            while True:
                for p in reversed(self.client.published):
                    if p.uri == self.uri and p.version == self.version:
                        return list(p.diagnostics)
                await asyncio.sleep(0.01)

        return await asyncio.wait_for(wait(), timeout)

    def ident(self) -> T.TextDocumentIdentifier:
        return T.TextDocumentIdentifier(self.uri)


def rng(l1: int, c1: int, l2: int, c2: int) -> T.Range:
    return T.Range(T.Position(l1, c1), T.Position(l2, c2))


def apply_text_edits(text: str, edits: list[T.TextEdit]) -> str:
    """Apply LSP edits (ASCII text: UTF-16 units == characters) to ``text``."""
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)

    def off(p: T.Position) -> int:
        return starts[p.line] + p.character if p.line < len(starts) else len(text)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:off(e.range.start)] + e.new_text + text[off(e.range.end):]
    return text
