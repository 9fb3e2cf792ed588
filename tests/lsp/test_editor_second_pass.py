"""Issue 13 over a real server: did-you-mean quick fixes, engine-complete snippets, typed option
values, quoted-key completion, plugin_input completion, hover documentation."""

from __future__ import annotations

from lsprotocol import types as T

from lsphelp import client, snippet_client  # noqa: F401  (fixtures)
from lsphelp import Doc, apply_text_edits, rng

FAKE = 'FakeSource {\n    plugin_output = "fake"\n    schema = { fields { id = "int" } }\n  }'


def job(source=FAKE, sink='Console {\n    plugin_input = "fake"\n  }', env='job.mode = "BATCH"') -> str:
    return f"env {{\n  {env}\n}}\nsource {{\n  {source}\n}}\nsink {{\n  {sink}\n}}\n"


def typed(client, tmp_path, text: str) -> tuple[Doc, T.Position]:
    i = text.index("|")
    doc = Doc(client, tmp_path / "job.conf", text.replace("|", ""))
    return doc, T.Position(text.count("\n", 0, i), i - (text.rfind("\n", 0, i) + 1))


async def complete(client, doc: Doc, pos: T.Position, context=None) -> list[T.CompletionItem]:
    res = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos, context=context))
    return list(res.items)


async def actions(client, doc, r):
    return await client.text_document_code_action_async(T.CodeActionParams(
        doc.ident(), r, T.CodeActionContext(diagnostics=[], only=[T.CodeActionKind.QuickFix])))


async def replace_fixes(client, doc, rule: str) -> tuple[T.Diagnostic, list[T.CodeAction]]:
    d = next(d for d in await doc.diagnostics() if d.code == rule)
    acts = [a for a in await actions(client, doc, d.range) if a.title.startswith(f"stlint ({rule}): replace with ")]
    return d, acts


# -- 3. a quick fix per did-you-mean candidate ----------------------------------------------------
async def test_unknown_option_one_action_per_candidate(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", job(source=FAKE.replace("  }", "  smallint.mi = 1\n  }")))
    d, acts = await replace_fixes(client, doc, "unknown-option")
    assert d.message.endswith("did you mean `smallint.min` or `smallint.max`?")
    assert "help:" not in d.message  # the message names the candidates; help does not repeat them
    assert [a.title for a in acts] == ["stlint (unknown-option): replace with smallint.min",
                                       "stlint (unknown-option): replace with smallint.max"]
    assert all(a.kind == T.CodeActionKind.QuickFix for a in acts)
    fixed = apply_text_edits(doc.text, acts[1].edit.changes[doc.uri])
    assert "  smallint.max = 1\n" in fixed
    doc.change(fixed)
    assert "unknown-option" not in {x.code for x in await doc.diagnostics()}


async def test_no_second_action_for_what_the_rule_fix_writes(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", job(source=FAKE.replace("  }", "  row.nun = 1\n  }")))
    d = next(d for d in await doc.diagnostics() if d.code == "unknown-option")
    acts = [a for a in await actions(client, doc, d.range) if "row.num" in a.title]
    assert [a.title for a in acts] == ["stlint (unknown-option): rename to `row.num` (unsafe)"]


async def test_unknown_plugin_replace(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", job(sink='Consol {\n    plugin_input = "fake"\n  }'))
    d, acts = await replace_fixes(client, doc, "unknown-plugin")
    assert [a.title for a in acts] == ["stlint (unknown-plugin): replace with Console"]
    doc.change(apply_text_edits(doc.text, acts[0].edit.changes[doc.uri]))
    assert doc.text == job()
    assert "unknown-plugin" not in {x.code for x in await doc.diagnostics()}


async def test_env_key_and_value_replace(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", job(env='job.mdoe = "BATCH"'))
    _, acts = await replace_fixes(client, doc, "unknown-env-option")
    assert [a.title for a in acts] == ["stlint (unknown-env-option): replace with job.mode"]
    assert apply_text_edits(doc.text, acts[0].edit.changes[doc.uri]) == job()
    doc2 = Doc(client, tmp_path / "job2.conf", job(env='job.mode = "BATC"'))
    _, acts = await replace_fixes(client, doc2, "invalid-env-value")
    assert [a.title for a in acts] == ['stlint (invalid-env-value): replace with "BATCH"']
    assert apply_text_edits(doc2.text, acts[0].edit.changes[doc2.uri]) == job()  # the quotes stay


async def test_option_value_and_plugin_input_replace(client, tmp_path):
    sink = ('Jdbc {\n    plugin_input = "fak"\n    url = "u"\n    driver = "d"\n    query = "q"\n'
            '    data_save_mode = DROP_DAT\n  }')
    doc = Doc(client, tmp_path / "job.conf", job(sink=sink))
    _, acts = await replace_fixes(client, doc, "invalid-option-value")
    assert [a.title for a in acts] == ["stlint (invalid-option-value): replace with DROP_DATA"]
    text = apply_text_edits(doc.text, acts[0].edit.changes[doc.uri])
    assert "data_save_mode = DROP_DATA\n" in text
    d, acts = await replace_fixes(client, doc, "undefined-plugin-input")
    assert acts == []  # the candidate is what the rule's own fix writes: one action, not two
    acts = [a for a in await actions(client, doc, d.range) if a.title.startswith("stlint (undefined-plugin-input): read `fake`")]
    assert len(acts) == 1
    doc.change(apply_text_edits(text, acts[0].edit.changes[doc.uri]))
    codes = {x.code for x in await doc.diagnostics()}
    assert not codes & {"invalid-option-value", "undefined-plugin-input"}


# -- 2. snippets the engine accepts; typed option values ------------------------------------------
async def test_source_snippets_offer_a_choice(snippet_client, tmp_path):
    doc, pos = typed(snippet_client, tmp_path, "source {\n  |")
    items = {i.label: i for i in await complete(snippet_client, doc, pos)}
    assert items["Jdbc"].text_edit.new_text == (
        'Jdbc {\n  url = "$1"\n  driver = "$2"\n  ${3|query,table_path,table_list|} = $4\n}$0')  # table_list: a list
    assert items["Kafka"].text_edit.new_text == (
        'Kafka {\n  bootstrap.servers = "$1"\n  ${2|topic,tables_configs,table_list|} = $3\n}$0')
    assert "needs `bootstrap.servers`; exactly one of `topic`" in items["Kafka"].documentation.value
    assert items["MySQL-CDC"].text_edit.new_text.count("${") == 1  # table-names | table-pattern


async def test_accepted_snippet_leaves_no_error(snippet_client, tmp_path):
    doc, pos = typed(snippet_client, tmp_path, job(sink="|"))
    jdbc = next(i for i in await complete(snippet_client, doc, pos) if i.label == "Jdbc")
    body = jdbc.text_edit.new_text.replace('"$1"', '"jdbc:mysql://db/x"').replace('"$2"', '"D"')
    body = body.replace('"$3"', '"insert into t values(?)"').replace("$0", "")
    body = body.replace("\n", "\n  ").replace("{\n  ", '{\n    plugin_input = "fake"\n  ', 1)
    doc.change(apply_text_edits(doc.text, [T.TextEdit(jdbc.text_edit.range, body)]))
    errors = [d for d in await doc.diagnostics() if d.severity == T.DiagnosticSeverity.Error]
    assert errors == []


async def test_option_completion_inserts_a_typed_value(snippet_client, tmp_path):
    doc, pos = typed(snippet_client, tmp_path, 'sink {\n  Jdbc {\n    url = "x"\n    |\n  }\n}\n')
    items = {i.label: i for i in await complete(snippet_client, doc, pos)}
    assert items["driver"].text_edit.new_text == 'driver = "$1"$0'
    assert items["batch_size"].text_edit.new_text == "batch_size = ${1:1000}$0"
    assert items["data_save_mode"].text_edit.new_text == (
        "data_save_mode = ${1|APPEND_DATA,DROP_DATA,CUSTOM_PROCESSING,ERROR_WHEN_DATA_EXISTS|}$0")
    assert items["auto_commit"].text_edit.new_text == "auto_commit = ${1|true,false|}$0"
    assert items["driver"].insert_text_format == T.InsertTextFormat.Snippet
    doc, pos = typed(snippet_client, tmp_path, "source {\n  Kafka {\n    |\n  }\n}\n")
    items = {i.label: i for i in await complete(snippet_client, doc, pos)}
    assert items["kafka.config"].text_edit.new_text == "kafka.config = { $1 }$0"
    assert items["tables_configs"].text_edit.new_text == "tables_configs = [ $1 ]$0"


# -- 5. bugs ----------------------------------------------------------------------------------
async def test_key_inside_quotes(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'env {\n  "job.m|"\n}\n')
    item = next(i for i in await complete(client, doc, pos) if i.label == "job.mode")
    assert item.text_edit.range == rng(1, 2, 1, 9)  # the whole quoted word, both quotes
    assert item.filter_text == '"job.mode'
    assert apply_text_edits(doc.text, [item.text_edit]) == "env {\n  job.mode = \n}\n"
    # an unterminated quote: up to the cursor
    doc, pos = typed(client, tmp_path, 'env {\n  "job.m|\n}\n')
    item = next(i for i in await complete(client, doc, pos) if i.label == "job.mode")
    assert apply_text_edits(doc.text, [item.text_edit]) == "env {\n  job.mode = \n}\n"


async def test_typing_a_quote_opens_no_key_list(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'env {\n  "|\n}\n')
    ctx = T.CompletionContext(T.CompletionTriggerKind.TriggerCharacter, trigger_character='"')
    assert await complete(client, doc, pos, ctx) == []
    # asked for explicitly, the keys come
    assert await complete(client, doc, pos, T.CompletionContext(T.CompletionTriggerKind.Invoked))
    # a quote opening a value still lists the values
    doc, pos = typed(client, tmp_path, 'env {\n  job.mode = "|\n}\n')
    assert {i.label for i in await complete(client, doc, pos, ctx)} == {"BATCH", "STREAMING"}


async def test_plugin_input_no_self_loop_no_repeats_unread_first(client, tmp_path):
    text = ('source {\n  A { plugin_output = "a" }\n  B { plugin_output = "b" }\n  C { plugin_output = "c" }\n}\n'
            'transform {\n  Sql { plugin_input = "a", plugin_output = "out", query = "select 1" }\n'
            '  Sql { plugin_output = "out2"\n    plugin_input = [ "b", | ]\n  }\n}\n')
    doc, pos = typed(client, tmp_path, text)
    items = sorted(await complete(client, doc, pos), key=lambda i: i.sort_text)
    labels = [i.label for i in items]
    assert "out2" not in labels  # its own output: a self-loop
    assert "b" not in labels  # already in the list
    assert labels == ["c", "out", "a"]  # nobody reads c and out yet; a is read by the first Sql
    assert items[0].detail == "output nobody reads yet"


async def test_plaintext_secret_says_the_hint_once(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", job(sink='Jdbc {\n    plugin_input = "fake"\n    url = "u"\n'
                                                      '    driver = "d"\n    query = "q"\n    password = "hunter2"\n  }'))
    d = next(d for d in await doc.diagnostics() if d.code == "plaintext-secret")
    assert d.message.count("-i ") == 1


# -- 1. hover documentation ---------------------------------------------------------------------
async def test_hover_plugin_needs_and_since(client, tmp_path):
    from stlint.catalog import available_versions, load_catalog

    doc = Doc(client, tmp_path / "job.conf", job(source='Jdbc {\n    url = "u"\n    driver = "d"\n    query = "q"\n'
                                                        '    plugin_output = "fake"\n  }'))
    h = await client.text_document_hover_async(T.HoverParams(doc.ident(), doc.pos("Jdbc", after=False)))
    v = h.contents.value
    what = load_catalog().plugin_description("source", "Jdbc")  # what the plugin does (its docs page)
    assert what and v.startswith(f"**Jdbc** · source plugin\n\n{what}\n\n"
                                 "needs `url`; `driver`; one of `query`, `table_path`, `table_list`")
    assert "[Documentation](https://seatunnel.apache.org/docs/2.3.13/connectors/source/Jdbc)" in v
    # an option added in a later release says since when (compare the shipped catalogs)
    new = [v for v in available_versions() if load_catalog(v).find("sink", "Jdbc").option("dialect") is None]
    assert new  # `dialect` is not in every shipped catalog
    doc2 = Doc(client, tmp_path / "job2.conf", job(sink='Jdbc {\n    plugin_input = "fake"\n    url = "u"\n'
                                                        '    driver = "d"\n    query = "q"\n    dialect = "mysql"\n  }'))
    h = await client.text_document_hover_async(T.HoverParams(doc2.ident(), doc2.pos("dialect", after=False)))
    assert "added in SeaTunnel 2.3." in h.contents.value


# -- 4. nested values ---------------------------------------------------------------------------
async def test_schema_field_types(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    schema { fields { id = |')
    items = {i.label: i for i in await complete(client, doc, pos)}
    assert {"int", "bigint", "string", "decimal(10, 2)", "array<string>", "map<string, string>"} <= set(items)
    assert items["decimal(10, 2)"].text_edit.new_text == '"decimal(10, 2)"'  # quoted: a comma ends a HOCON value
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    schema { fields { id = "big|" } }\n  }\n}\n')
    items = {i.label: i for i in await complete(client, doc, pos)}
    assert items["bigint"].text_edit.new_text == "bigint" and items["bigint"].text_edit.range == rng(2, 28, 2, 31)


def test_timestamp_tz_only_where_the_release_has_it():
    from stlint.catalog import load_catalog
    from stlint.lsp.completion import _type_items
    from stlint.lsp.context import scan

    def labels(v):
        return set(_type_items(load_catalog(v), scan("", 0), lambda label, *a, **k: label))

    assert "timestamp_tz" in labels("2.3.9") and "timestamp_tz" not in labels("2.3.8")


async def test_tables_configs_entry_keys(client, tmp_path):
    # catalog `tables`: Jdbc source reads only some keys from each `table_list` entry
    doc, pos = typed(client, tmp_path, 'source {\n  Jdbc {\n    url = "u"\n    driver = "d"\n'
                                       '    table_list = [\n      { table_path = "db.t"\n        |')
    labels = {i.label for i in await complete(client, doc, pos)}
    assert "partition_column" in labels and "query" in labels  # read from each entry
    assert "table_path" not in labels  # already in this entry
    assert "url" not in labels and "table_list" not in labels  # not read from an entry
    # FakeSource reads each `tables_configs` entry as a whole plugin config
    doc, pos = typed(client, tmp_path, 'source {\n  FakeSource {\n    tables_configs = [\n      {\n        |')
    labels = {i.label for i in await complete(client, doc, pos)}
    assert "schema" in labels and "row.num" in labels and "tables_configs" not in labels


async def test_env_keys_one_list_for_completion_hover_and_checker(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'env {\n  sha|\n}\n')
    items = {i.label: i for i in await complete(client, doc, pos)}
    assert {"shade.identifier", "shade.options", "shade.properties"} <= set(items)
    assert "ConfigShade" in items["shade.identifier"].documentation.value
    assert items["execution."].text_edit.new_text == "execution."  # a key family: no ` = `
    doc = Doc(client, tmp_path / "job.conf", job(env='job.mode = "BATCH"\n  shade.identifier = "base64"\n'
                                                     '  execution.parallelism = 2'))
    assert not {"unknown-env-option"} & {d.code for d in await doc.diagnostics()}
    h = await client.text_document_hover_async(T.HoverParams(doc.ident(), doc.pos("shade.identifier", after=False)))
    assert h.contents.value.startswith("**`shade.identifier`** · `string` · default `\"default\"`")
    assert "ConfigShade" in h.contents.value
    h = await client.text_document_hover_async(T.HoverParams(doc.ident(), doc.pos("execution.par", after=False)))
    assert h.contents.value.startswith("**`execution.parallelism`** · one of the `execution.*` keys")


async def test_option_completion_documentation(client, tmp_path):
    from stlint.catalog import load_catalog

    doc, pos = typed(client, tmp_path, 'sink {\n  Jdbc {\n    |\n  }\n}\n')
    items = {i.label: i for i in await complete(client, doc, pos)}
    v = items["url"].documentation.value
    assert load_catalog().find("sink", "Jdbc").option("url").description in v  # withDescription text
    assert "[Documentation](https://seatunnel.apache.org/docs/2.3.13/connectors/sink/Jdbc)" in v
    v = items["data_save_mode"].documentation.value
    assert "values: `DROP_DATA`" in v and "required" not in v  # a default: never required


async def test_completion_resolve_adds_the_release_an_option_appeared_in(client, tmp_path):
    doc, pos = typed(client, tmp_path, 'sink {\n  Jdbc {\n    |\n  }\n}\n')
    items = {i.label: i for i in await complete(client, doc, pos)}
    assert "added in" not in items["dialect"].documentation.value  # the list stays cheap
    got = await client.completion_item_resolve_async(items["dialect"])
    assert got.documentation.value.endswith("\n\nadded in SeaTunnel 2.3.11")
    got = await client.completion_item_resolve_async(items["url"])
    assert "added in" not in got.documentation.value  # in every shipped catalog
