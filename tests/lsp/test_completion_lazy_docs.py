"""Completion documentation on demand: a client that resolves `documentation` lazily (it declares
`completionItem.resolveSupport`, as VS Code and nvim-cmp do) gets lists without it and the text
on `completionItem/resolve`; other clients get it in the list (tests/lsp/test_editor_second_pass.py)."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import LanguageClient

from lsphelp import CONFIG, Doc, init_params

CAPS = T.ClientCapabilities(text_document=T.TextDocumentClientCapabilities(
    completion=T.CompletionClientCapabilities(completion_item=T.ClientCompletionItemOptions(
        snippet_support=True, documentation_format=[T.MarkupKind.Markdown],
        resolve_support=T.ClientCompletionItemResolveOptions(properties=["documentation", "detail"])))))


@pytest_lsp.fixture(config=CONFIG)
async def lazy_client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(init_params(tmp_path, capabilities=CAPS))
    yield
    await lsp_client.shutdown_session()


async def items_at(client, doc: Doc, marker: str) -> dict[str, T.CompletionItem]:
    res = await client.text_document_completion_async(T.CompletionParams(doc.ident(), doc.pos(marker)))
    return {i.label: i for i in res.items}


async def test_documentation_comes_with_resolve(lazy_client, tmp_path):
    from stlint.catalog import load_catalog

    doc = Doc(lazy_client, tmp_path / "job.conf", 'source {\n  Jdbc {\n    url = "u"\n    \n  }\n}\nsink {\n  \n}\n')
    items = await items_at(lazy_client, doc, '"u"\n    ')
    assert items and all(i.documentation is None for i in items.values())  # the list carries no Markdown
    assert items["driver"].detail == "string · required"  # detail and sort order stay in the list
    got = await lazy_client.completion_item_resolve_async(items["driver"])
    assert got.documentation.kind == T.MarkupKind.Markdown
    assert got.documentation.value.startswith("`driver`: string")
    assert load_catalog().find("source", "Jdbc").option("driver").description in got.documentation.value
    # an option added in a later release: resolve adds since when, after the documentation
    dialect = await lazy_client.completion_item_resolve_async(items["dialect"])
    assert dialect.documentation.value.endswith("\n\nadded in SeaTunnel 2.3.11")
    # plugin items: the docs page's description
    plugins = await items_at(lazy_client, doc, "sink {\n  ")
    jdbc = await lazy_client.completion_item_resolve_async(plugins["Jdbc"])
    assert load_catalog().plugin_description("sink", "Jdbc") in jdbc.documentation.value
    # an item of an older list resolves to itself (its documentation table is gone)
    stale = await lazy_client.completion_item_resolve_async(items["username"])
    assert stale.documentation is None
