"""textDocument/formatting and rangeFormatting over stdio (stlint.lsp.formatting)."""

from __future__ import annotations

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc, apply_text_edits, rng

MESSY = 'env{\njob.mode="BATCH"   \n}\n\n\n\nsource {\n FakeSource {\n      row.num=10\n }\n}\n'
TIDY = 'env {\n  job.mode = "BATCH"\n}\n\nsource {\n  FakeSource {\n    row.num = 10\n  }\n}\n'


async def test_formatting_honours_tab_size(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", MESSY)
    edits = await client.text_document_formatting_async(
        T.DocumentFormattingParams(doc.ident(), T.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert apply_text_edits(MESSY, edits) == TIDY
    edits = await client.text_document_formatting_async(
        T.DocumentFormattingParams(doc.ident(), T.FormattingOptions(tab_size=4, insert_spaces=False)))
    assert apply_text_edits(MESSY, edits) == TIDY.replace("    row", "\t\trow").replace("  ", "\t")


async def test_formatting_of_a_tidy_or_broken_document_is_no_edit(client, tmp_path):
    doc = Doc(client, tmp_path / "tidy.conf", TIDY)
    edits = await client.text_document_formatting_async(
        T.DocumentFormattingParams(doc.ident(), T.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert not edits
    bad = Doc(client, tmp_path / "bad.conf", "env {\n   a=1\n")
    edits = await client.text_document_formatting_async(
        T.DocumentFormattingParams(bad.ident(), T.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert not edits


async def test_range_formatting_touches_only_the_lines_of_the_range(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", MESSY)
    edits = await client.text_document_range_formatting_async(T.DocumentRangeFormattingParams(
        doc.ident(), rng(7, 0, 9, 3), T.FormattingOptions(tab_size=2, insert_spaces=True)))
    got = apply_text_edits(MESSY, edits)
    assert got == ('env{\njob.mode="BATCH"   \n}\n\n\n\nsource {\n  FakeSource {\n    row.num = 10\n  }\n}\n')


async def test_config_indent_wins_over_the_editor(client, tmp_path):
    (tmp_path / ".stlint.toml").write_text("[format]\nindent = 4\n")
    doc = Doc(client, tmp_path / "job.conf", "env {\njob.mode = \"BATCH\"\n}\n")
    edits = await client.text_document_formatting_async(
        T.DocumentFormattingParams(doc.ident(), T.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert apply_text_edits(doc.text, edits) == "env {\n    job.mode = \"BATCH\"\n}\n"
