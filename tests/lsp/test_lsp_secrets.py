"""The language server never shows a secret: diagnostics, hover, code action titles, logs.
A code action's edit is a patch (the file's own text) and may carry it."""

from __future__ import annotations

import json

from lsprotocol import types as T
from pygls.protocol import default_converter

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc

SECRETS = ("UrlPw77x", "Zq9PlantedPw", "DefPw55q", "UnqDefPw3", "HadoopK9z", "TopPw0k")
JOB = """db_password = "TopPw0k"
env {
  job.mode = "BATCH"
}
source {
  Jdbc {
    url = "jdbc:mysql://root:UrlPw77x@db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
    user = "root"
    password = "Zq9PlantedPw"
    query = "select 1"
    plugin_output = "t"
  }
}
sink {
  Jdbc {
    plugin_input = "t"
    url = "jdbc:mysql://db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
    user = "root"
    password = "${PW:DefPw55q}"
    token = ${TK:UnqDefPw3}
    auth = ${db_password}
    database = "d"
    table = "t"
    generate_sink_sql = true
    hadoop_conf { "fs.s3a.secret.key" = "HadoopK9z" }
  }
}
"""

_conv = default_converter()


def _dump(x) -> str:
    return json.dumps(_conv.unstructure(x))


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _diag_text(diags) -> str:
    """Diagnostics without the fix edits in their ``data`` (a patch: the file's own text)."""
    out = _conv.unstructure(list(diags))
    for d in out:
        for e in ((d.get("data") or {}).get("fix") or {}).get("edits", []):
            e["newText"] = ""
    return json.dumps(out)


async def test_diagnostics_hover_actions_and_logs_show_no_secret(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    diags = await doc.diagnostics()
    names = {(d.code, d.range.start.line) for d in diags}
    assert {("secret-in-url", 6), ("plaintext-secret", 9), ("plaintext-secret", 20), ("plaintext-secret", 21),
            ("plaintext-secret", 26)} <= names
    assert _leaks(_diag_text(diags)) == []
    # hover everywhere a value could be shown: each key, each placeholder, each value
    lines = JOB.split("\n")
    hovers = []
    for ln, line in enumerate(lines):
        for col in range(0, len(line), 3):
            h = await client.text_document_hover_async(T.HoverParams(doc.ident(), T.Position(ln, col)))
            if h is not None:
                hovers.append(h.contents.value)
    assert any("`${PW}`" in h or "${PW" in h for h in hovers)  # the placeholders were hovered
    assert any("db_password" in h for h in hovers)
    for h in hovers:
        assert _leaks(h) == [], h
    # code actions over the whole document: titles and diagnostics clean; edits are patches
    acts = await client.text_document_code_action_async(T.CodeActionParams(
        doc.ident(), T.Range(T.Position(0, 0), T.Position(len(lines), 0)), T.CodeActionContext(diagnostics=diags)))
    assert acts
    for a in acts:
        assert _leaks(a.title) == [], a.title
        assert _leaks(_diag_text(a.diagnostics or [])) == []
    assert any("UnqDefPw3" in _dump(a.edit) for a in acts if a.edit)  # the quoting fix is a patch
    assert _leaks(" ".join(m.message for m in client.log_messages)) == []


TEMPLATE = """env {
  parallelism = {{ parallelism }}
  job.mode = "{{ mode }}"
}
source {
{% for t in tables %}
  FakeSource {
    plugin_output = "t"
    row.num = "{{ rows }}"
    schema = { fields { id = "int" } }
  }
{% endfor %}
}
sink {
  Console { plugin_input = "t" }
}
"""


async def test_template_file_gets_one_info_over_lsp(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", TEMPLATE)
    diags = await doc.diagnostics()
    assert [(d.code, d.severity, d.range.start.line, d.range.start.character) for d in diags] == [
        ("template-syntax", T.DiagnosticSeverity.Information, 1, 16)]
    # a non-template value mistake is still found
    doc.change(TEMPLATE.replace("Console", "Consol"))
    assert "unknown-plugin" in {d.code for d in await doc.diagnostics()}
