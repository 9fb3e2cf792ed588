"""The schema rules over a real language server: their did-you-mean suggestions become quick
fixes with no LSP code of their own (stlint/checks/schemakeys.py)."""

from __future__ import annotations

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc, apply_text_edits


def job(schema: str) -> str:
    return ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "fake"\n'
            f'    schema = {schema}\n  }}\n}}\nsink {{\n  Console {{ plugin_input = "fake" }}\n}}\n')


async def actions(client, doc, r):
    return await client.text_document_code_action_async(T.CodeActionParams(
        doc.ident(), r, T.CodeActionContext(diagnostics=[], only=[T.CodeActionKind.QuickFix])))


async def test_unknown_schema_key_one_action_per_candidate(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", job("{ columns = [ { name = id, type = int, column = 9 } ] }"))
    d = next(d for d in await doc.diagnostics() if d.code == "unknown-schema-key")
    assert d.severity == T.DiagnosticSeverity.Warning
    assert d.message.endswith("did you mean `columnScale` or `columnLength`?")
    acts = [a for a in await actions(client, doc, d.range) if a.title.startswith("stlint (unknown-schema-key): replace")]
    assert [a.title for a in acts] == ["stlint (unknown-schema-key): replace with columnScale",
                                       "stlint (unknown-schema-key): replace with columnLength"]
    fixed = apply_text_edits(doc.text, acts[1].edit.changes[doc.uri])
    assert "type = int, columnLength = 9 }" in fixed
    doc.change(fixed)
    assert "unknown-schema-key" not in {x.code for x in await doc.diagnostics()}


async def test_invalid_schema_enum_rename_and_missing_key_error(client, tmp_path):
    text = job("{ columns = [ { name = id } ]\n      constraintKeys = [ { constraintName = i, constraintType = UNIQUE,"
               " constraintColumns = [ { columnName = id } ] } ] }")
    doc = Doc(client, tmp_path / "job.conf", text)
    ds = await doc.diagnostics()
    missing = next(d for d in ds if d.code == "missing-schema-key")
    assert missing.severity == T.DiagnosticSeverity.Error
    assert "schema.columns.* config need option [type]" in missing.message
    d = next(d for d in ds if d.code == "invalid-schema-enum")
    acts = [a for a in await actions(client, doc, d.range) if "UNIQUE_KEY" in a.title]
    assert [a.title for a in acts] == ["stlint (invalid-schema-enum): write `UNIQUE_KEY` (unsafe)"]
    doc.change(apply_text_edits(doc.text, acts[0].edit.changes[doc.uri]))
    assert "constraintType = UNIQUE_KEY," in doc.text
    assert "invalid-schema-enum" not in {x.code for x in await doc.diagnostics()}


async def test_invalid_schema_value_diagnostic_and_wrap_fix(client, tmp_path):
    """ST614 over the real server: `columns` written as an object is an error at the object, and its
    quick fix wraps it in a list; a number for a boolean is a warning."""
    doc = Doc(client, tmp_path / "job.conf", job("{ columns = { name = id, type = bigint, nullable = 1 } }"))
    ds = [d for d in await doc.diagnostics() if d.code == "invalid-schema-value"]
    assert [(d.severity, d.range.start.line, d.range.start.character) for d in ds] == [
        (T.DiagnosticSeverity.Error, 6, 25)]
    assert ds[0].message.startswith("`schema.columns` = `{ name = id, type = bigint, nullable ...` is an object, "
                                    "not a list of objects: SeaTunnel 2.3.13 fails reading it (\"Json parsing exception")
    acts = [a for a in await actions(client, doc, ds[0].range) if a.title.startswith("stlint (invalid-schema-value)")]
    assert [a.title for a in acts] == ["stlint (invalid-schema-value): wrap the object in a list (unsafe)",
                                       "stlint (invalid-schema-value): disable for this line"]
    doc.change(apply_text_edits(doc.text, acts[0].edit.changes[doc.uri]))
    assert "schema = { columns = [ { name = id, type = bigint, nullable = 1 } ] }" in doc.text
    ds = [d for d in await doc.diagnostics() if d.code == "invalid-schema-value"]
    assert [(d.severity, doc.text.splitlines()[d.range.start.line][d.range.start.character:d.range.end.character])
            for d in ds] == [(T.DiagnosticSeverity.Warning, "1")]
    assert "goes on with true" in ds[0].message
