"""Completion, hover, code actions and navigation end to end over stdio."""

from __future__ import annotations

import pytest
import pytest_lsp
from pytest_lsp import LanguageClient
from lsprotocol import types as T

from lsphelp import client, snippet_client  # noqa: F401  (fixtures)
from lsphelp import CONFIG, Doc, apply_text_edits, init_params, rng

JOB = """env {
  job.mode = "BATCH"
  base = "/tmp"
}
source {
  FakeSource {
    plugin_output = "fake"
    row.num = 10
  }
}
sink {
  Jdbc {
    plugin_input = ["fake"]
    url = "${DB_URL}"
    driver = ${env.base}
  }
  Console {
    plugin_input = "fake"
  }
}
"""


async def complete(client, doc: Doc, pos: T.Position) -> list[T.CompletionItem]:
    res = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))
    return list(res.items)


def typed(client, tmp_path, text: str) -> tuple[Doc, T.Position]:
    """Open ``text`` with the cursor at ``|``."""
    i = text.index("|")
    doc = Doc(client, tmp_path / "job.conf", text.replace("|", ""))
    return doc, T.Position(text.count("\n", 0, i), i - (text.rfind("\n", 0, i) + 1))


# -- completion ---------------------------------------------------------------------------------
async def test_complete_sections(client, tmp_path):
    doc, pos = typed(client, tmp_path, "env {}\nso|")
    items = await complete(client, doc, pos)
    assert [i.label for i in sorted(items, key=lambda i: i.sort_text)] == ["source", "transform", "sink"]
    src = next(i for i in items if i.label == "source")
    assert src.text_edit.range == rng(1, 0, 1, 2) and src.text_edit.new_text == "source {\n}"


async def test_complete_plugins_of_the_section_kind_only(client, tmp_path):
    doc, pos = typed(client, tmp_path, "sink {\n  Jd|")
    items = await complete(client, doc, pos)
    labels = {i.label for i in items}
    assert "Jdbc" in labels and "Console" in labels
    assert "FakeSource" not in labels  # a source, not a sink
    jdbc = next(i for i in items if i.label == "Jdbc")
    assert jdbc.detail == "sink plugin"
    assert jdbc.text_edit.range == rng(1, 2, 1, 4)
    # what the engine needs: `query` (generate_sink_sql defaults to false), not the save modes (defaults)
    assert jdbc.text_edit.new_text == 'Jdbc {\n  url = ""\n  driver = ""\n  query = ""\n}'


async def test_plugin_snippet(snippet_client, tmp_path):
    doc, pos = typed(snippet_client, tmp_path, "sink {\n  Jd|")
    jdbc = next(i for i in await complete(snippet_client, doc, pos) if i.label == "Jdbc")
    assert jdbc.insert_text_format == T.InsertTextFormat.Snippet
    assert jdbc.text_edit.new_text == 'Jdbc {\n  url = "$1"\n  driver = "$2"\n  query = "$3"\n}$0'


async def test_complete_option_keys_required_first_not_set(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'sink {\n  Jdbc {\n    url = "x"\n    |\n  }\n}\n')
    items = sorted(await complete(client, doc, pos), key=lambda i: i.sort_text)
    labels = [i.label for i in items]
    # required, not yet set: `query` because generate_sink_sql defaults to false; the save modes have
    # defaults, so they are never "required" (the checker agrees)
    assert labels[:2] == ["driver", "query"]
    assert "url" not in labels  # already set
    assert next(i for i in items if i.label == "data_save_mode").detail == 'enum, default "APPEND_DATA"'
    drv = items[0]
    assert drv.detail == "string · required"
    assert drv.text_edit.range == rng(3, 4, 3, 4) and drv.text_edit.new_text == "driver = "
    bs = next(i for i in items if i.label == "batch_size")
    assert bs.detail == "int, default 1000"
    xa = next(i for i in items if i.label == "xa_data_source_class_name")
    assert xa.detail == "string · conditional"
    assert "required when `is_exactly_once` = `true`" in xa.documentation.value


async def test_conditional_requirement_becomes_active(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'sink {\n  Jdbc {\n    is_exactly_once = true\n    xa|')
    items = {i.label: i for i in await complete(client, doc, pos)}
    assert items["xa_data_source_class_name"].sort_text.startswith("1_")  # now required
    # its rule requires it when is_exactly_once = false, but it has a default: never missing, so optional
    assert items["max_retries"].sort_text.startswith("3_")


async def test_complete_enum_and_boolean_values(client, tmp_path):
    doc, pos = typed(client, tmp_path, "sink {\n  Jdbc {\n    data_save_mode = DR|")
    items = await complete(client, doc, pos)
    assert sorted(i.label for i in items) == ["APPEND_DATA", "CUSTOM_PROCESSING", "DROP_DATA", "ERROR_WHEN_DATA_EXISTS"]
    d = next(i for i in items if i.label == "DROP_DATA")
    assert d.text_edit.range == rng(2, 21, 2, 23) and d.text_edit.new_text == "DROP_DATA"
    doc2, pos2 = typed(client, tmp_path, "sink {\n  Jdbc {\n    auto_commit = |")
    items = await complete(client, doc2, pos2)
    assert [i.label for i in sorted(items, key=lambda i: i.sort_text)] == ["true", "false"]


async def test_complete_env_keys_and_values(client, tmp_path):
    doc, pos = typed(client, tmp_path, "env {\n  parallelism = 2\n  |")
    labels = {i.label for i in await complete(client, doc, pos)}
    assert "job.mode" in labels and "checkpoint.interval" in labels and "parallelism" not in labels
    doc, pos = typed(client, tmp_path, 'env {\n  job.mode = "|')
    items = await complete(client, doc, pos)
    assert sorted(i.label for i in items) == ["BATCH", "STREAMING"]
    assert items[0].text_edit.range == rng(1, 14, 1, 14)


async def test_complete_plugin_input_from_outputs(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source {\n  A { plugin_output = "x" }\n  B { result_table_name = [y, "z"] }\n}\n'
                                       'sink {\n  Console {\n    plugin_input = |')
    items = await complete(client, doc, pos)
    assert [i.label for i in items] == ["x", "y", "z"]
    assert [i.text_edit.new_text for i in items] == ['"x"', '"y"', '"z"']


async def test_complete_variables_and_table_placeholders(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source { A { x = "${DB_HOST}" } }\nsink {\n  Jdbc {\n    table = "${ta|')
    items = {i.label: i for i in await complete(client, doc, pos)}
    assert items["DB_HOST"].detail == "used in this file"
    assert items["table_name"].detail == "table placeholder"
    assert items["table_name"].text_edit.range == rng(3, 15, 3, 17)
    assert items["table_name"].text_edit.new_text == "table_name}"


async def test_completion_in_comment_is_empty(client, tmp_path):
    doc, pos = typed(client, tmp_path, "sink {\n  # Jd|")
    assert list(await complete(client, doc, pos)) == []


# -- hover --------------------------------------------------------------------------------------
async def hover(client, doc, pos):
    return await client.text_document_hover_async(T.HoverParams(doc.ident(), pos))


async def test_hover_option(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    h = await hover(client, doc, doc.pos("url", after=False))
    assert h.range == rng(13, 4, 13, 7)
    v = h.contents.value
    assert v.startswith("**`url`** · `string`")
    assert "**required**" in v
    assert "available in every shipped catalog" in v
    assert "[Documentation](https://seatunnel.apache.org/docs/2.3.13/connectors/sink/Jdbc)" in v
    h = await hover(client, doc, doc.pos("job.mode", after=False))
    assert "allowed values: `BATCH`, `STREAMING`" in h.contents.value
    assert "default `\"BATCH\"`" in h.contents.value


async def test_hover_option_shows_the_description_from_the_catalog(client, tmp_path):
    from stlint.catalog import load_catalog

    want = load_catalog().find("sink", "Jdbc").option("url").description
    assert want  # withDescription(...) text extracted from JdbcOptions
    doc = Doc(client, tmp_path / "job.conf", JOB)
    h = await hover(client, doc, doc.pos("url", after=False))
    assert h.contents.value.split("\n\n")[1] == want


async def test_hover_fallback_key(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", 'sink {\n  Console {\n    source_table_name = "a"\n  }\n}\n')
    h = await hover(client, doc, doc.pos("source_table_name", after=False))
    assert "deprecated: use `plugin_input`" in h.contents.value


async def test_hover_plugin(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    h = await hover(client, doc, doc.pos("Jdbc", after=False))
    assert h.range == rng(11, 2, 11, 6)
    from stlint.catalog import load_catalog

    what = load_catalog().plugin_description("sink", "Jdbc")  # what the plugin does (its docs page)
    assert what.startswith("Write data through jdbc.")
    assert h.contents.value.startswith(
        f"**Jdbc** · sink plugin\n\n{what}\n\nneeds `url`; `driver`; `query`")


async def test_hover_variables(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    h = await hover(client, doc, doc.pos("DB_URL", after=False))
    assert h.range == rng(13, 11, 13, 20)
    assert h.contents.value == "**`${DB_URL}`**: not defined in this file; pass it when submitting the job: `-i DB_URL=value`"
    h = await hover(client, doc, doc.pos("env.base", after=False))
    assert h.contents.value == '**`${env.base}`**: defined in this file at line 3: `env.base = "/tmp"`'


async def test_hover_nothing(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    assert await hover(client, doc, T.Position(20, 0)) is None


# -- code actions -------------------------------------------------------------------------------
BAD = 'env {\n  parallelism = 1\n}\nsource { FakeSource {} }\nsinks {\n  Console {}\n}\n'


async def actions(client, doc, r, only=None, diags=()):
    return await client.text_document_code_action_async(T.CodeActionParams(
        doc.ident(), r, T.CodeActionContext(diagnostics=list(diags), only=only)))


async def test_quick_fix_unsafe_and_disable(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", BAD)
    diags = await doc.diagnostics()
    d = next(d for d in diags if d.code == "unknown-section")
    acts = await actions(client, doc, d.range, diags=[d])
    titles = [a.title for a in acts]
    assert "stlint (unknown-section): rename to `sink` (unsafe)" in titles
    fix = next(a for a in acts if a.title == "stlint (unknown-section): rename to `sink` (unsafe)")
    assert fix.kind == T.CodeActionKind.QuickFix and not fix.is_preferred
    assert apply_text_edits(doc.text, fix.edit.changes[doc.uri]) == BAD.replace("sinks", "sink")
    dis = next(a for a in acts if a.title == "stlint (unknown-section): disable for this line")
    [e] = dis.edit.changes[doc.uri]
    assert e.range == rng(4, 0, 4, 0) and e.new_text == "# stlint: disable-next-line=unknown-section\n"
    # applying it really silences the finding
    doc.change(apply_text_edits(doc.text, [e]))
    assert "unknown-section" not in {d.code for d in await doc.diagnostics()}


async def test_disable_keeps_indentation(client, tmp_path):
    text = 'env {\n  parallelism = 1\n  parallelism = 2\n}\nsource { FakeSource {} }\nsink { Console {} }\n'
    doc = Doc(client, tmp_path / "job.conf", text)
    d = next(d for d in await doc.diagnostics() if d.code == "duplicate-key")
    acts = await actions(client, doc, d.range, only=[T.CodeActionKind.QuickFix])
    dis = next(a for a in acts if a.title == "stlint (duplicate-key): disable for this line")
    [e] = dis.edit.changes[doc.uri]
    assert e.range == rng(2, 0, 2, 0) and e.new_text == "  # stlint: disable-next-line=duplicate-key\n"


async def test_fix_all_only_when_safe_fixes_exist(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", BAD)
    await doc.diagnostics()
    acts = await actions(client, doc, rng(0, 0, 0, 0), only=["source.fixAll.stlint"])
    assert not acts  # the only fix is unsafe


# -- navigation ---------------------------------------------------------------------------------
async def test_definition_and_references(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    locs = await client.text_document_definition_async(T.DefinitionParams(doc.ident(), doc.pos('["fa')))
    assert [l.range for l in locs] == [rng(6, 21, 6, 25)]
    refs = await client.text_document_references_async(T.ReferenceParams(
        text_document=doc.ident(), position=doc.pos('output = "fa'),
        context=T.ReferenceContext(include_declaration=True)))
    assert [r.range for r in refs] == [rng(6, 21, 6, 25), rng(12, 21, 12, 25), rng(17, 20, 17, 24)]
    refs = await client.text_document_references_async(T.ReferenceParams(
        text_document=doc.ident(), position=doc.pos('output = "fa'),
        context=T.ReferenceContext(include_declaration=False)))
    assert len(refs) == 2
    none = await client.text_document_definition_async(T.DefinitionParams(doc.ident(), T.Position(0, 0)))
    assert not none


async def test_rename_output(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    prep = await client.text_document_prepare_rename_async(T.PrepareRenameParams(doc.ident(), doc.pos('output = "fa')))
    assert prep.range == rng(6, 21, 6, 25) and prep.placeholder == "fake"
    bad = await client.text_document_prepare_rename_async(T.PrepareRenameParams(doc.ident(), T.Position(1, 3)))
    assert bad is None
    we = await client.text_document_rename_async(T.RenameParams(doc.ident(), T.Position(12, 22), "gen"))
    new = apply_text_edits(doc.text, we.changes[doc.uri])
    assert new == JOB.replace('"fake"', '"gen"')


async def test_document_symbols(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    syms = await client.text_document_document_symbol_async(T.DocumentSymbolParams(doc.ident()))
    assert [(s.name, s.kind) for s in syms] == [("env", T.SymbolKind.Module), ("source", T.SymbolKind.Module),
                                                 ("sink", T.SymbolKind.Module)]
    sink = syms[2]
    assert sink.range == rng(10, 0, 19, 1) and sink.selection_range == rng(10, 0, 10, 4)
    assert [(c.name, c.kind) for c in sink.children] == [("Jdbc", T.SymbolKind.Class), ("Console", T.SymbolKind.Class)]
    assert [c.name for c in sink.children[0].children] == ["plugin_input", "url", "driver"]
    assert sink.children[0].children[1].range == rng(13, 4, 13, 21)
    assert [c.name for c in syms[0].children] == ["job.mode", "base"]


async def test_folding_ranges(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", "# a\n# b\n" + JOB)
    folds = await client.text_document_folding_range_async(T.FoldingRangeParams(doc.ident()))
    assert [(f.start_line, f.end_line, f.kind) for f in folds] == [
        (0, 1, "comment"), (2, 4, "region"), (6, 10, "region"), (7, 9, "region"),
        (12, 20, "region"), (13, 16, "region"), (18, 19, "region")]


@pytest_lsp.fixture(config=CONFIG)
async def plain_client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(init_params(tmp_path, capabilities=T.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


async def test_plain_text_for_clients_without_markdown(plain_client, tmp_path):
    doc = Doc(plain_client, tmp_path / "job.conf", JOB)
    h = await hover(plain_client, doc, doc.pos("url", after=False))
    assert h.contents.kind == T.MarkupKind.PlainText
