"""Push and pull diagnostics over stdio from a real server process."""

from __future__ import annotations

import asyncio

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc, rng

BAD = """env { parallelism = 1 }
source { FakeSource { plugin_output = "a", schema { fields { id = int } } } }
sinks { Console { plugin_input = "a" } }
"""


async def test_diagnostics_on_open(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", BAD)
    diags = await doc.diagnostics()
    by = {d.code: d for d in diags}
    assert set(by) == {"unknown-section", "missing-section"}
    d = by["unknown-section"]
    assert d.range == rng(2, 0, 2, 5)
    assert d.severity == T.DiagnosticSeverity.Error
    assert d.source == "stlint"
    assert d.message.startswith("unknown section `sinks`; did you mean `sink`?")
    assert d.code_description.href == "https://github.com/stlint/stlint/blob/main/docs/rules.md#unknown-section"
    assert d.data["fix"] == {"applicability": "unsafe", "message": "rename to `sink`",
                             "edits": [{"range": {"start": {"line": 2, "character": 0},
                                                  "end": {"line": 2, "character": 5}}, "newText": "sink"}]}
    assert by["missing-section"].range == rng(3, 0, 3, 0)


async def test_related_information(client, tmp_path):
    text = 'env {\n  parallelism = 1\n  parallelism = 2\n}\nsource { FakeSource {} }\nsink { Console {} }\n'
    doc = Doc(client, tmp_path / "dup.conf", text)
    [d] = [d for d in await doc.diagnostics() if d.code == "duplicate-key"]
    assert d.range == rng(2, 2, 2, 13)
    [rel] = d.related_information
    assert rel.location.uri == doc.uri and rel.location.range == rng(1, 2, 1, 13)
    assert rel.message == "first `parallelism` (ignored)"


async def test_diagnostics_follow_changes_and_versions(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", BAD)
    assert {d.code for d in await doc.diagnostics()} == {"unknown-section", "missing-section"}
    # a burst of edits: only the newest version may be published after it
    good = BAD.replace("sinks", "sink")
    for i in range(5):
        doc.change(BAD.replace("sinks", "sinks" + "x" * i))
    doc.change(good)
    assert await doc.diagnostics() == []
    await asyncio.sleep(0.3)
    after = [p for p in client.published if p.uri == doc.uri]
    versions = [p.version for p in after]
    assert versions == sorted(versions), versions  # never an older version after a newer one
    assert after[-1].version == doc.version and list(after[-1].diagnostics) == []


async def test_syntax_error_while_typing(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", "env {\n  parallelism = 1\n")
    diags = await doc.diagnostics()
    syn = [d for d in diags if d.code == "syntax-error"]
    assert syn and syn[0].severity == T.DiagnosticSeverity.Error


async def test_pull_diagnostics(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", BAD)
    rep = await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(text_document=doc.ident()))
    assert rep.kind == "full"
    assert sorted(d.code for d in rep.items) == ["missing-section", "unknown-section"]
    doc.change(BAD.replace("sinks", "sink"))
    rep = await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(text_document=doc.ident()))
    assert list(rep.items) == []


async def test_close_clears(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", BAD)
    await doc.diagnostics()
    client.text_document_did_close(T.DidCloseTextDocumentParams(doc.ident()))
    for _ in range(200):
        if client.diagnostics.get(doc.uri) is not None and not list(client.diagnostics[doc.uri]):
            break
        await asyncio.sleep(0.01)
    assert list(client.diagnostics[doc.uri]) == []
