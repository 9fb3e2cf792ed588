"""Field-name completion (stlint.lsp.fields) over stdio: the incoming row's fields in options that
name them and in a Sql query, from the last lint result (never a lint on the completion request)."""

from __future__ import annotations

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc, apply_text_edits

SOURCE = """env { job.mode = BATCH }
source {
  FakeSource {
    plugin_output = "fake"
    schema = { fields { id = "int", name = "string", "odd name" = "double" } }
  }
  Jdbc {
    plugin_output = "db"
    url = "jdbc:mysql://h/d"
    driver = "d"
    query = "select 1"
  }
}
"""


async def complete(client, doc: Doc, pos: T.Position) -> list[T.CompletionItem]:
    res = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))
    return list(res.items)


async def opened(client, tmp_path, text: str) -> tuple[Doc, T.Position]:
    """Open ``text`` (cursor at ``|``), wait for its lint, return the cursor position."""
    doc = Doc(client, tmp_path / "job.conf", text.replace("|", ""))
    await doc.diagnostics()
    i = text.index("|")
    line = text.count("\n", 0, i)
    return doc, T.Position(line, i - (text.rfind("\n", 0, i) + 1))


def labels(items) -> list[str]:
    return [i.label for i in items]


async def test_replace_field_offers_incoming_fields_with_types(client, tmp_path):
    doc, pos = await opened(client, tmp_path, SOURCE + """transform {
  Replace {
    plugin_input = "fake"
    plugin_output = "r"
    replace_field = "|"
    pattern = "a"
    replacement = "b"
  }
}
sink { Console { plugin_input = "r" } }
""")
    items = await complete(client, doc, pos)
    assert labels(items) == ["id", "name", "odd name"]
    assert [i.detail for i in items] == ["int", "string", "double"]
    assert all(i.kind == T.CompletionItemKind.Field for i in items)
    # inside quotes: the bare name goes in
    new = apply_text_edits(doc.text, [items[1].text_edit])
    assert 'replace_field = "name"' in new


async def test_list_option_skips_fields_already_listed_and_quotes_odd_names(client, tmp_path):
    doc, pos = await opened(client, tmp_path, SOURCE + """transform {
  Filter {
    plugin_input = "fake"
    plugin_output = "f"
    include_fields = [id, |]
  }
}
sink { Console { plugin_input = "f" } }
""")
    items = await complete(client, doc, pos)
    assert labels(items) == ["name", "odd name"]
    assert items[1].text_edit.new_text == '"odd name"'


async def test_row_follows_the_pipeline_and_sink_options(client, tmp_path):
    # the sink reads the FieldMapper's output: its renamed fields
    doc, pos = await opened(client, tmp_path, SOURCE + """transform {
  FieldMapper {
    plugin_input = "fake"
    plugin_output = "m"
    field_mapper { id = key, name = title }
  }
}
sink {
  Jdbc {
    plugin_input = "m"
    url = "jdbc:mysql://h/d"
    driver = "d"
    generate_sink_sql = true
    database = d
    table = t
    primary_keys = ["|"]
  }
}
""")
    assert labels(await complete(client, doc, pos)) == ["key", "title"]


async def test_fieldmapper_keys_are_fields_its_values_are_not(client, tmp_path):
    text = SOURCE + """transform {
  FieldMapper {
    plugin_input = "fake"
    plugin_output = "m"
    field_mapper {
      id = key
      |
    }
  }
}
sink { Console { plugin_input = "m" } }
"""
    doc, pos = await opened(client, tmp_path, text)
    assert labels(await complete(client, doc, pos)) == ["name", "odd name"]
    # a key typed in quotes: the item replaces the quotes too and brings its own
    doc.change(doc.text.replace("id = key\n", 'id = key\n      "na"\n'))
    items = await complete(client, doc, doc.pos('      "na'))
    assert labels(items) == ["name", "odd name"]
    assert '      "odd name"\n' in apply_text_edits(doc.text, [items[1].text_edit])
    doc.change(doc.text.replace('id = key\n      "na"', "id = "))
    p = doc.pos("field_mapper {\n      id = ")
    assert "name" not in labels(await complete(client, doc, p))


async def test_unknown_row_offers_no_fields(client, tmp_path):
    # a row from a database at run time is not known: no field items (never a guess)
    doc, pos = await opened(client, tmp_path, SOURCE + """transform {
  Replace {
    plugin_input = "db"
    plugin_output = "r"
    replace_field = "|"
  }
}
sink { Console { plugin_input = "r" } }
""")
    assert [i for i in await complete(client, doc, pos) if i.kind == T.CompletionItemKind.Field] == []


async def test_sql_query_fields_and_table(client, tmp_path):
    text = SOURCE + '''transform {
  Sql {
    plugin_input = "fake"
    plugin_output = "s"
    query = """select id, | from fake"""
  }
}
sink { Console { plugin_input = "s" } }
'''
    doc, pos = await opened(client, tmp_path, text)
    items = await complete(client, doc, pos)
    assert labels(items) == ["id", "name", "odd name"]
    assert items[2].text_edit.new_text == "`odd name`"
    # after FROM: the input table; the half-typed word is replaced
    doc.change(doc.text.replace("from fake", "from fa"))
    p = doc.pos("from fa")
    items = await complete(client, doc, p)
    assert labels(items) == ["fake"]
    assert apply_text_edits(doc.text, [items[0].text_edit]).count("from fake") == 1
    # after WHERE (a quoted query string), and nothing after a keyword that takes no column
    doc.change(doc.text.replace('"""select id,  from fa"""', '"select name from fake where n"'))
    p = doc.pos("where n")
    items = await complete(client, doc, p)
    assert labels(items)[:2] == ["id", "name"]
    assert items[0].text_edit.range.start.character == p.character - 1
    doc.change(doc.text.replace("where n", "as x"))
    assert await complete(client, doc, doc.pos("as x")) == []


async def test_completion_uses_last_result_while_typing(client, tmp_path):
    # the text changes and completion is asked at once: the previous lint result answers it
    doc, _ = await opened(client, tmp_path, SOURCE + """transform {
  Split {
    plugin_input = "fake"
    plugin_output = "s"
    separator = ","
    output_fields = [a, b]
    split_field = "n|"
  }
}
sink { Console { plugin_input = "s" } }
""")
    doc.change(doc.text.replace('split_field = "n"', 'split_field = "na"'))
    items = await complete(client, doc, doc.pos('split_field = "na'))
    assert "name" in labels(items)


async def test_copy_values_and_jsonpath_columns(client, tmp_path):
    text = SOURCE + """transform {
  Copy {
    plugin_input = "fake"
    plugin_output = "c"
    fields { id2 = |id }
  }
  JsonPath {
    plugin_input = "c"
    plugin_output = "j"
    columns = [ { src_field = "", dest_field = "x" } ]
  }
}
sink { Console { plugin_input = "j" } }
"""
    doc, pos = await opened(client, tmp_path, text)
    assert labels(await complete(client, doc, pos)) == ["id", "name", "odd name"]
    # JsonPath reads Copy's output: the copied field is there too
    p = doc.pos('src_field = "')
    assert labels(await complete(client, doc, p)) == ["id", "name", "odd name", "id2"]
    # the key of a Copy `fields` entry is a new name, not a field reference
    p = doc.pos("\n    fields { ")
    assert "name" not in labels(await complete(client, doc, p))


async def test_sink_single_name_option(client, tmp_path):
    # an option naming one field (catalog field_refs, shape value): IoTDB's key_device
    doc, pos = await opened(client, tmp_path, SOURCE + """sink {
  IoTDB {
    plugin_input = "fake"
    node_urls = "h:6667"
    username = u
    password = "${P}"
    key_device = |
  }
}
""")
    items = await complete(client, doc, pos)
    assert labels(items) == ["id", "name", "odd name"]
    assert [i.text_edit.new_text for i in items] == ["id", "name", '"odd name"']
