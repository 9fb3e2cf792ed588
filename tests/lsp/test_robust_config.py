"""Robustness on any text, the handler guard, and workspace configuration."""

from __future__ import annotations

import asyncio

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import CONFIG, SERVER, Doc, _make_client, init_params

TEXTS = {
    "empty": "",
    "garbage": "\x00\x01\ufffd{{[[\"\"\"=}}]]\x7f${${\n#\r\n\u2028\U0001F600 = = :",
    "half": 'env {\n  job.mode = "BAT\nsource {\n  Jdbc {\n    url = ${',
    "deep": "a " + "{" * 10_000 + "}" * 10_000 + "\n",
    "deep-open": "x = " + "[{" * 5_000,
}


async def every_request(client, doc: Doc) -> None:
    ident = doc.ident()
    lines = doc.text.split("\n")
    positions = [T.Position(0, 0), T.Position(len(lines) - 1, len(lines[-1])), T.Position(0, 5), T.Position(99, 99)]
    for pos in positions:
        res = await client.text_document_completion_async(T.CompletionParams(ident, pos))
        assert res is not None
        await client.text_document_hover_async(T.HoverParams(ident, pos))
        assert await client.text_document_definition_async(T.DefinitionParams(ident, pos)) is not None
        await client.text_document_references_async(T.ReferenceParams(
            text_document=ident, position=pos, context=T.ReferenceContext(include_declaration=True)))
        await client.text_document_prepare_rename_async(T.PrepareRenameParams(ident, pos))
        await client.text_document_rename_async(T.RenameParams(ident, pos, "n"))
    end = positions[1]
    acts = await client.text_document_code_action_async(T.CodeActionParams(
        ident, T.Range(T.Position(0, 0), end), T.CodeActionContext(diagnostics=[])))
    assert acts is not None
    assert await client.text_document_document_symbol_async(T.DocumentSymbolParams(ident)) is not None
    assert await client.text_document_folding_range_async(T.FoldingRangeParams(ident)) is not None
    rep = await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(text_document=ident))
    assert rep.kind == "full"


async def test_any_text_gets_answers(client, tmp_path):
    for name, text in TEXTS.items():
        doc = Doc(client, tmp_path / f"{name}.conf", text)
        diags = await doc.diagnostics(timeout=60)
        assert isinstance(diags, list)
        await every_request(client, doc)
    errors = [m.message for m in client.log_messages if m.type == T.MessageType.Error]
    assert errors == []


FAULTY = ClientServerConfig(server_command=SERVER, client_factory=_make_client,
                            server_env={"STLINT_LSP_FAULTS": "hover,completion", "PYTHONPATH": str(
                                __import__("lsphelp").REPO)})


@pytest_lsp.fixture(config=FAULTY)
async def faulty(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(init_params(tmp_path))
    yield
    await lsp_client.shutdown_session()


async def test_handler_exception_is_logged_and_server_keeps_serving(faulty, tmp_path):
    doc = Doc(faulty, tmp_path / "job.conf", "sink {\n  Console {}\n}\n")
    h = await faulty.text_document_hover_async(T.HoverParams(doc.ident(), T.Position(1, 3)))
    assert h is None
    c = await faulty.text_document_completion_async(T.CompletionParams(doc.ident(), T.Position(1, 2)))
    assert list(c.items) == []
    msgs = [m.message for m in faulty.log_messages if m.type == T.MessageType.Error]
    assert any("hover failed" in m and "injected fault in hover" in m for m in msgs)
    assert any("completion failed" in m for m in msgs)
    # still serving: diagnostics and symbols work
    await doc.diagnostics()
    syms = await faulty.text_document_document_symbol_async(T.DocumentSymbolParams(doc.ident()))
    assert [s.name for s in syms] == ["sink"]


JOB = "env { parallelism = 1 }\nsource { FakeSource {} }\nsinks { Console {} }\n"


async def test_pyproject_settings_reloaded_on_watched_change(client, tmp_path):
    pp = tmp_path / "pyproject.toml"
    pp.write_text('[tool.stlint]\nignore = ["unknown-section"]\n')
    doc = Doc(client, tmp_path / "job.conf", JOB)
    assert "unknown-section" not in {d.code for d in await doc.diagnostics()}
    pp.write_text('[tool.stlint]\nignore = ["missing-section"]\n')
    n = len(client.published)
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(uri=pp.as_uri(), type=T.FileChangeType.Changed)]))
    for _ in range(500):
        if len(client.published) > n:
            break
        await asyncio.sleep(0.01)
    codes = {d.code for d in client.published[-1].diagnostics}
    assert "unknown-section" in codes and "missing-section" not in codes


async def test_seatunnel_version_from_configuration(client, tmp_path):
    # LocalFile sink `create_empty_file_when_no_data` (BaseSinkConfig) exists from 2.3.10; AmazonSqs
    # `access_key_id`, used here before, is read by AmazonSqsSinkWriter in 2.3.8 already
    text = "sink {\n  LocalFile {\n    \n  }\n}\n"
    doc = Doc(client, tmp_path / "job.conf", text)
    pos = T.Position(2, 4)
    labels = {i.label for i in (await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))).items}
    assert "create_empty_file_when_no_data" in labels  # newest catalog
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"stlint": {"seatunnelVersion": "2.3.8"}}))
    labels = {i.label for i in (await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))).items}
    assert "create_empty_file_when_no_data" not in labels and "path" in labels


@pytest_lsp.fixture(config=CONFIG)
async def old_client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(init_params(tmp_path, initialization_options={"seatunnelVersion": "2.3.8"}))
    yield
    await lsp_client.shutdown_session()


async def test_seatunnel_version_from_initialization_options(old_client, tmp_path):
    doc = Doc(old_client, tmp_path / "job.conf", "sink {\n  LocalFile {\n    \n  }\n}\n")
    res = await old_client.text_document_completion_async(T.CompletionParams(doc.ident(), T.Position(2, 4)))
    assert "create_empty_file_when_no_data" not in {i.label for i in res.items}
    assert "path" in {i.label for i in res.items}


async def _labels(client, doc, pos):
    return {i.label for i in (await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))).items}


async def test_seatunnel_version_prefix_and_unknown_version_message(client, tmp_path):
    """`2.3` is the newest 2.3.x; an unknown version (old ids such as 2.3.10-dev included) is shown once with
    window/showMessage listing the catalogs, and linting goes on against the newest one (said in the message)."""
    text = "sink {\n  Jdbc {\n    \n  }\n}\n"
    doc = Doc(client, tmp_path / "job.conf", text)
    pos = T.Position(2, 4)

    def configure(v):
        client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"stlint": {"seatunnelVersion": v}}))

    configure("2.3.11")  # Jdbc `user`; JdbcCommonOptions.USERNAME (`username`, fallback `user`) arrives in 2.3.12
    labels = await _labels(client, doc, pos)
    assert "user" in labels and "username" not in labels
    configure("2.3")
    labels = await _labels(client, doc, pos)
    assert "username" in labels and "user" not in labels
    assert [m for m in client.messages if "seatunnelVersion" in m.message] == []
    configure("2.3.10-dev")
    labels = await _labels(client, doc, pos)
    assert "username" in labels  # newest catalog, as the message says
    await doc.diagnostics()
    (tmp_path / "sub").mkdir()
    Doc(client, tmp_path / "sub" / "other.conf", text)  # another folder: settings loaded again, no second message
    await _labels(client, doc, pos)
    for _ in range(200):
        if any("seatunnelVersion" in m.message for m in client.messages):
            break
        await asyncio.sleep(0.01)
    shown = [m for m in client.messages if "seatunnelVersion" in m.message]
    assert len(shown) == 1, shown
    assert shown[0].type == T.MessageType.Error
    assert ("no catalog for SeaTunnel version '2.3.10-dev'; available: 2.3.13, 2.3.12, 2.3.11, 2.3.10, 2.3.9, 2.3.8"
            in shown[0].message)
    assert "newest catalog (2.3.13)" in shown[0].message
