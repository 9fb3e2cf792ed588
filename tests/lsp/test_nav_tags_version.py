"""Diagnostic tags, document highlights, the Sql transform's FROM table in navigation, document
links, the per-file SeaTunnel version, and no stale findings after a deleted `}` (real server
over stdio)."""

from __future__ import annotations

import asyncio

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import LanguageClient

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import CONFIG, Doc, apply_text_edits, init_params, rng

SQL_JOB = """env {
  job.mode = "BATCH"
}
source {
  FakeSource {
    plugin_output = "fake"
    schema = { fields { id = "int" } }
  }
}
transform {
  Sql {
    plugin_input = "fake"
    plugin_output = "out"
    query = "select id from fake where id > 0"
  }
}
sink {
  Console {
    plugin_input = "out"
  }
}
"""


def by_rule(diags):
    return {d.code: d for d in diags}


async def test_deprecated_struck_through_unused_faded(client, tmp_path):
    # `result_table_name` is the deprecated name of `plugin_output`; Copy's output "nobody" is read by no one
    text = SQL_JOB.replace('plugin_output = "fake"', 'result_table_name = "fake"').replace(
        'transform {\n', 'transform {\n  Copy {\n    plugin_input = "fake"\n    plugin_output = "nobody"\n'
                         '    fields { a = id }\n  }\n')
    doc = Doc(client, tmp_path / "job.conf", text)
    ds = await doc.diagnostics()
    d = by_rule(ds)
    assert list(d["deprecated-option"].tags) == [T.DiagnosticTag.Deprecated]
    assert list(d["unused-plugin-output"].tags) == [T.DiagnosticTag.Unnecessary]
    assert "nobody" in doc.text.splitlines()[d["unused-plugin-output"].range.start.line]
    assert all(not x.tags for x in ds if x.code not in ("deprecated-option", "unused-plugin-output")), ds


async def test_document_highlight_of_a_table_name(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", SQL_JOB)
    hl = await client.text_document_document_highlight_async(
        T.DocumentHighlightParams(doc.ident(), doc.pos('plugin_output = "fa')))
    got = sorted((h.range.start.line, h.range.start.character, h.range.end.character, h.kind) for h in hl)
    assert got == [(5, 21, 25, T.DocumentHighlightKind.Write), (11, 20, 24, T.DocumentHighlightKind.Read),
                   (13, 28, 32, T.DocumentHighlightKind.Read)]  # the last: `from fake` in the query
    assert not await client.text_document_document_highlight_async(
        T.DocumentHighlightParams(doc.ident(), T.Position(1, 3)))


async def test_sql_from_table_joins_navigation(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", SQL_JOB)
    at_from = doc.pos("from fa")
    locs = await client.text_document_definition_async(T.DefinitionParams(doc.ident(), at_from))
    assert [l.range for l in locs] == [rng(5, 21, 5, 25)]
    refs = await client.text_document_references_async(T.ReferenceParams(
        text_document=doc.ident(), position=doc.pos('output = "fa'),
        context=T.ReferenceContext(include_declaration=False)))
    assert sorted((r.range.start.line, r.range.start.character) for r in refs) == [(11, 20), (13, 28)]
    we = await client.text_document_rename_async(T.RenameParams(doc.ident(), at_from, "gen"))
    assert apply_text_edits(doc.text, we.changes[doc.uri]) == SQL_JOB.replace('"fake"', '"gen"') \
        .replace("from fake", "from gen")
    # a name that is no SQL identifier is back-quoted in the query
    we = await client.text_document_rename_async(T.RenameParams(doc.ident(), at_from, "my-table"))
    new = apply_text_edits(doc.text, we.changes[doc.uri])
    assert "from `my-table` where" in new and 'plugin_output = "my-table"' in new


async def test_sql_join_and_backquoted_tables(client, tmp_path):
    text = SQL_JOB.replace('query = "select id from fake where id > 0"',
                           'query = """select a.id from `fake` a join out2 b on a.id = b.id"""')
    doc = Doc(client, tmp_path / "job.conf", text)
    hl = await client.text_document_document_highlight_async(
        T.DocumentHighlightParams(doc.ident(), doc.pos("from `fa")))
    line = doc.text.splitlines()[13]
    spans = sorted(line[h.range.start.character:h.range.end.character] for h in hl if h.range.start.line == 13)
    assert spans == ["fake"]
    hl = await client.text_document_document_highlight_async(
        T.DocumentHighlightParams(doc.ident(), doc.pos("join ou")))
    assert [(h.range.start.line, line[h.range.start.character:h.range.end.character]) for h in hl] == [(13, "out2")]


async def test_document_links_for_includes_and_plugin_docs(client, tmp_path):
    (tmp_path / "common.conf").write_text('env { parallelism = 1 }\n', encoding="utf-8")
    text = 'include "common.conf"\n' + SQL_JOB
    doc = Doc(client, tmp_path / "job.conf", text)
    links = await client.text_document_document_link_async(T.DocumentLinkParams(doc.ident()))
    inc = [l for l in links if l.range.start.line == 0]
    assert len(inc) == 1 and inc[0].range == rng(0, 9, 0, 20)
    assert inc[0].target == (tmp_path / "common.conf").resolve().as_uri()
    docs = {doc.text.splitlines()[l.range.start.line][l.range.start.character:l.range.end.character]: l.target
            for l in links if l.range.start.line != 0}
    assert set(docs) == {"FakeSource", "Sql", "Console"}
    assert all(u.startswith("https://seatunnel.apache.org/docs/") for u in docs.values()), docs
    assert "FakeSource" in docs["FakeSource"] or "fake" in docs["FakeSource"].lower()


async def test_file_version_directive_in_the_editor(client, tmp_path):
    # plugin_output/plugin_input exist from 2.3.9: checked against 2.3.8 they are findings
    doc = Doc(client, tmp_path / "job.conf", "# stlint: seatunnel-version=2.3.8\n" + SQL_JOB)
    names = sorted(d.code for d in await doc.diagnostics())
    assert names and set(names) == {"option-not-in-version"}
    doc.change("# stlint: seatunnel-version=2.3.13\n" + SQL_JOB)
    assert await doc.diagnostics() == []
    doc.change("# stlint: seatunnel-version=9.9\n" + SQL_JOB)
    ds = await doc.diagnostics()
    assert [d.code for d in ds] == ["invalid-directive"] and ds[0].range == rng(0, 0, 0, 31)
    assert "available: 2.3.13" in ds[0].message


async def test_deleted_env_brace_shows_only_the_syntax_error(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", SQL_JOB)
    assert await doc.diagnostics() == []
    doc.change(SQL_JOB.replace('job.mode = "BATCH"\n}', 'job.mode = "BATCH"\n', 1))
    ds = await doc.diagnostics()
    assert [d.code for d in ds] == ["syntax-error"], [(d.code, d.message) for d in ds]
    assert "expected `}` to close `env {` opened at 1:5" in ds[0].message
    doc.change(SQL_JOB)  # put it back: nothing stale stays
    assert await doc.diagnostics() == []


@pytest_lsp.fixture(config=CONFIG)
async def raw_client(lsp_client: LanguageClient, tmp_path):
    yield
    await lsp_client.shutdown_session()


async def test_no_completion_trigger_on_whitespace_and_new_capabilities(raw_client, tmp_path):
    res = await raw_client.initialize_session(init_params(tmp_path))
    caps = res.capabilities
    trig = caps.completion_provider.trigger_characters
    assert trig and not any(c.isspace() for c in trig), trig
    assert caps.document_highlight_provider and caps.document_link_provider is not None


async def test_catalog_version_request(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", SQL_JOB)
    got = await client.protocol.send_request_async("stlint/catalogVersion", {"uri": doc.uri})
    assert (got.version, got.source, got.default) == ("2.3.13", "default", "2.3.13")
    assert list(got.available)[:1] == ["2.3.13"] and "2.3.8" in got.available
    doc.change("# stlint: seatunnel-version=2.3.11\n" + SQL_JOB)
    got = await client.protocol.send_request_async("stlint/catalogVersion", {"uri": doc.uri})
    assert (got.version, got.source) == ("2.3.11", "file")
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"stlint": {"seatunnelVersion": "2.3.9"}}))
    doc.change(SQL_JOB)
    got = await client.protocol.send_request_async("stlint/catalogVersion", {"uri": doc.uri})
    assert (got.version, got.source) == ("2.3.9", "settings")


async def test_unknown_setting_version_keeps_every_rule_on_the_newest_catalog(client, tmp_path):
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"stlint": {"seatunnelVersion": "9.9"}}))
    doc = Doc(client, tmp_path / "job.conf", SQL_JOB.replace("Console", "Consol"))
    ds = await doc.diagnostics()
    # catalog rules still run (no silent switch-off), against the version the status bar shows
    assert [d.code for d in ds] == ["unknown-plugin"] and "SeaTunnel 2.3.13" in ds[0].message
    got = await client.protocol.send_request_async("stlint/catalogVersion", {"uri": doc.uri})
    assert (got.version, got.source) == ("2.3.13", "default")
    shown = [m for m in client.messages if "seatunnelVersion" in m.message]
    for _ in range(100):
        if shown:
            break
        await asyncio.sleep(0.02)
        shown = [m for m in client.messages if "seatunnelVersion" in m.message]
    assert len(shown) == 1 and "available: 2.3.13" in shown[0].message
