"""workspace/diagnostic over the CLI's discovery and cache, and re-checking open documents when
a file they include changes (real server over stdio)."""

from __future__ import annotations

import asyncio

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from lsphelp import REPO, SERVER, Doc, _make_client, init_params

OK = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n' \
     'sink {\n  Console {}\n}\n'
TYPO = OK.replace("Console", "Consol")

POLL = ClientServerConfig(server_command=SERVER, client_factory=_make_client,
                          server_env={"STLINT_LSP_WORKSPACE_POLL": "1", "PYTHONPATH": str(REPO)})


@pytest_lsp.fixture(config=POLL)
async def ws_client(lsp_client: LanguageClient, tmp_path):
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "a.conf").write_text(TYPO)
    (tmp_path / "jobs" / "b.conf").write_text(OK)
    (tmp_path / "README.md").write_text("source {\n")  # not a job: never reported
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.conf").write_text(TYPO)  # hidden folders are skipped, as by the CLI
    await lsp_client.initialize_session(init_params(tmp_path))
    yield
    await lsp_client.shutdown_session()


def by_name(reports) -> dict:
    return {r.uri.rsplit("/", 1)[-1]: r for r in reports}


async def test_workspace_diagnostics_list_every_job(ws_client, tmp_path):
    rep = await ws_client.workspace_diagnostic_async(T.WorkspaceDiagnosticParams(previous_result_ids=[]))
    got = by_name(rep.items)
    assert set(got) == {"a.conf", "b.conf"}, list(got)
    assert [d.code for d in got["a.conf"].items] == ["unknown-plugin"]
    assert got["a.conf"].items[0].range.start.line == 7 and list(got["b.conf"].items) == []
    assert all(r.kind == "full" and r.version is None and r.result_id for r in got.values())
    prev = [T.PreviousResultId(r.uri, r.result_id) for r in rep.items]
    # nothing changed: after the poll time, every report is "unchanged"
    rep2 = await ws_client.workspace_diagnostic_async(T.WorkspaceDiagnosticParams(previous_result_ids=prev))
    assert {r.kind for r in rep2.items} == {"unchanged"} and len(rep2.items) == 2
    # a file fixed on disk: a watched-file event answers the waiting request with the new report
    a = tmp_path / "jobs" / "a.conf"
    pending = asyncio.ensure_future(ws_client.workspace_diagnostic_async(
        T.WorkspaceDiagnosticParams(previous_result_ids=prev)))
    await asyncio.sleep(0.2)
    a.write_text(OK)
    ws_client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(a.as_uri(), T.FileChangeType.Changed)]))
    rep3 = by_name((await pending).items)
    assert rep3["a.conf"].kind == "full" and list(rep3["a.conf"].items) == []
    assert rep3["b.conf"].kind == "unchanged"
    # an open document is reported from the editor's text, with its version
    doc = Doc(ws_client, tmp_path / "jobs" / "b.conf", OK)
    doc.change(TYPO)
    await doc.diagnostics()
    rep4 = by_name((await ws_client.workspace_diagnostic_async(T.WorkspaceDiagnosticParams(previous_result_ids=[]))).items)
    assert rep4["b.conf"].version == 2 and [d.code for d in rep4["b.conf"].items] == ["unknown-plugin"]


async def test_open_document_rechecked_when_its_include_changes(ws_client, tmp_path):
    common = tmp_path / "jobs" / "common.conf"
    common.write_text('env {\n  job.mode = "BATCH"\n}\n')
    text = 'include "common.conf"\n' + OK.split("}\n", 1)[1]  # env comes from the include
    doc = Doc(ws_client, tmp_path / "jobs" / "c.conf", text)
    assert await doc.diagnostics() == []
    n = len(ws_client.published)
    common.write_text("other = 1\n")  # the include no longer gives env
    ws_client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(common.as_uri(), T.FileChangeType.Changed)]))

    async def republished():
        while True:
            for p in ws_client.published[n:]:
                if p.uri == doc.uri:
                    return p.diagnostics
            await asyncio.sleep(0.01)

    diags = await asyncio.wait_for(republished(), 10)
    assert [d.code for d in diags] == ["missing-section"]


SMALL_LIMIT = ClientServerConfig(server_command=SERVER, client_factory=_make_client,
                                 server_env={"STLINT_LSP_WORKSPACE_POLL": "1", "PYTHONPATH": str(REPO),
                                             "STLINT_MAX_FILE_SIZE": "1000"})


@pytest_lsp.fixture(config=SMALL_LIMIT)
async def big_client(lsp_client: LanguageClient, tmp_path):
    (tmp_path / "ok.conf").write_text(OK)
    (tmp_path / "big.conf").write_text(OK + "# padding\n" * 100)  # over the 1000-byte limit
    await lsp_client.initialize_session(init_params(tmp_path))
    yield
    await lsp_client.shutdown_session()


async def test_a_file_over_the_size_limit_is_a_finding(big_client, tmp_path):
    """Like `stlint check`: the refusal is a finding of the file at 1:1, not a log line."""
    rep = await big_client.workspace_diagnostic_async(T.WorkspaceDiagnosticParams(previous_result_ids=[]))
    got = by_name(rep.items)
    assert set(got) == {"ok.conf", "big.conf"} and list(got["ok.conf"].items) == []
    (d,) = got["big.conf"].items
    assert d.code == "file-too-large" and d.range.start == T.Position(0, 0)
    assert d.message.startswith(f"file is {len(OK) + 1000} bytes, more than 1000 bytes, stlint's size limit")
