"""A broken `[tool.stlint]` is shown once per distinct problem, not on every settings change or
watched-file event (real server over stdio)."""

from __future__ import annotations

import asyncio

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc

JOB = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n' \
      'sink {\n  Console {}\n}\n'


async def settle(client, doc: Doc) -> None:
    """Let the server load the settings (a pull lint) and deliver what it sends meanwhile."""
    await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(text_document=doc.ident()))
    await asyncio.sleep(0.3)


def shown(client) -> list[str]:
    return [m.message for m in client.messages if "tool.stlint" in m.message or "pyproject" in m.message]


async def test_broken_config_is_shown_once_per_problem(client, tmp_path):
    pp = tmp_path / "pyproject.toml"
    pp.write_text('[tool.stlint]\nselect = ["no-such-rule"]\n')
    doc = Doc(client, tmp_path / "job.conf", JOB)
    await settle(client, doc)
    assert len(shown(client)) == 1 and "no-such-rule" in shown(client)[0], client.messages
    for i in range(3):  # settings changes and watched-file events with the same problem: silent
        client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"stlint": {"x": i}}))
        client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
            [T.FileEvent(pp.as_uri(), T.FileChangeType.Changed)]))
        await settle(client, doc)
    Doc(client, tmp_path / "other.conf", JOB)  # another file of the same folder: silent too
    await settle(client, doc)
    assert len(shown(client)) == 1, shown(client)
    # another problem: shown once
    pp.write_text('[tool.stlint]\nignore = ["also-not-a-rule"]\n')
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(pp.as_uri(), T.FileChangeType.Changed)]))
    await settle(client, doc)
    assert len(shown(client)) == 2 and "also-not-a-rule" in shown(client)[1]
    # fixed, then broken again the same way: said again
    pp.write_text('[tool.stlint]\n')
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(pp.as_uri(), T.FileChangeType.Changed)]))
    await settle(client, doc)
    assert len(shown(client)) == 2
    pp.write_text('[tool.stlint]\nignore = ["also-not-a-rule"]\n')
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(pp.as_uri(), T.FileChangeType.Changed)]))
    await settle(client, doc)
    assert len(shown(client)) == 3
