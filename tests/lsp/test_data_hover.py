"""Hover on a table name shows its row type (stlint.rowtypes.table_hover), over stdio."""

from __future__ import annotations

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc

JOB = """env {}
source {
  FakeSource {
    plugin_output = "fake"
    schema = { fields { id = "int", name = "string" } }
  }
  Jdbc {
    plugin_output = "db"
    url = "jdbc:mysql://h/d"
    driver = "d"
    query = "select 1"
  }
}
transform {
  Copy {
    plugin_input = "fake"
    plugin_output = "copied"
    fields { name2 = name }
  }
}
sink {
  Console { plugin_input = "copied" }
  Console { plugin_input = "db" }
}
"""


async def hover(client, doc, pos):
    return await client.text_document_hover_async(T.HoverParams(doc.ident(), pos))


async def test_hover_table_name_shows_row_type(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    h = await hover(client, doc, doc.pos('"copied" }', after=False))
    v = h.contents.value
    assert v.startswith("**table `copied`**")
    assert "| `id` | `int` |" in v and "| `name2` | `string` |" in v
    h = await hover(client, doc, doc.pos('"fake"\n    schema', after=False))
    assert h.contents.value.startswith("**table `fake`**")
    # a row from a database is not known: no row hover
    h = await hover(client, doc, doc.pos('"db" }', after=False))
    assert h is None or "**table" not in h.contents.value
