"""Placeholders the plugin fills itself (catalog `row_placeholders`, overlay section with the
SeaTunnel code that fills them): not SeaTunnel variables; Kafka's topic drops text around it."""

from __future__ import annotations

from stlint.catalog import load_catalog
from stlint.config import Settings
from stlint.engine import lint_text


def _lint(text, rule, **kw):
    return [d for d in lint_text(text, "job.conf", Settings(**kw)).diagnostics if d.name == rule]


def job(*sinks: str, transform: str = "") -> str:
    return ('env { job.mode = "BATCH" }\nsource { FakeSource { plugin_output = "t" } }\n'
            f"transform {{\n{transform}\n}}\nsink {{\n" + "\n".join(sinks) + "\n}\n")


def test_kafka_topic_and_es_index_placeholders_are_row_fields():
    text = job('  Kafka { bootstrap.servers = "k:9092", topic = "${region}" }',
               '  Elasticsearch { hosts = ["h"], index = "idx-${region}-${day}" }',
               '  Easysearch { hosts = ["h"], index = "e-${region}" }')
    assert _lint(text, "placeholder-without-default") == []
    assert _lint(text, "row-placeholder-partial") == []


def test_same_placeholder_elsewhere_is_a_variable():
    # `topic` of a Kafka *source* and `index` of an Elasticsearch *source* are not filled per row
    text = job('  Console {}').replace(
        'FakeSource { plugin_output = "t" }',
        'Kafka { plugin_output = "t", bootstrap.servers = "k", topic = "${T}" }\n'
        '  Elasticsearch { plugin_output = "e", hosts = ["h"], index = "idx-${region}" }')
    assert [text[d.start:d.end] for d in _lint(text, "placeholder-without-default")] == ["${T}", "${region}"]


def test_llm_and_embedding_request_bodies():
    llm = ('  LLM {\n    plugin_input = "t"\n    plugin_output = "u"\n    model_provider = CUSTOM\n    model = "m"\n'
           '    prompt = "p"\n    api_path = "http://x/${model}"\n    custom_config {\n      custom_request_body {\n'
           '        model = "${model}"\n        input = "${input}"\n        prompt = "${prompt} ${other}"\n      }\n    }\n  }\n'
           '  Embedding {\n    plugin_input = "u"\n    plugin_output = "v"\n    model_provider = CUSTOM\n    model = "m"\n'
           '    vectorization_fields { e = f }\n    custom_config { custom_request_body { model = "${model}", x = "${input}", p = "${prompt}" } }\n  }')
    text = job('  Console { plugin_input = "v" }', transform=llm)
    got = [text[d.start:d.end] for d in _lint(text, "placeholder-without-default")]
    # LLM fills model/input/prompt; Embedding only model/input; `${other}` is nobody's
    assert got == ["${other}", "${prompt}"]


def test_file_sink_expressions():
    text = job('  LocalFile { path = "/x", file_format_type = "text", file_name_expression = "${transactionId}_${now}_${uuid}",'
               ' partition_dir_expression = "${k0}=${v0}/${k1}=${v1}/${zz}" }')
    assert [text[d.start:d.end] for d in _lint(text, "placeholder-without-default")] == ["${zz}"]


def test_kafka_topic_with_text_around_the_placeholder():
    text = job('  Kafka { bootstrap.servers = "k:9092", topic = "orders-${region}" }',
               '  Kafka { bootstrap.servers = "k:9092", topic = "${region}-${x}" }',
               '  Kafka { bootstrap.servers = "k:9092", topic = "${PREFIX:o}-${region}" }',
               '  Kafka { bootstrap.servers = "k:9092", topic = "${table_name}" }')
    ds = _lint(text, "row-placeholder-partial")
    assert [(text[d.start:d.end], d.severity) for d in ds] == [("${region}", "warning")] * 3
    assert ds[0].message == ("`topic` of sink.Kafka: SeaTunnel uses the value of the row field `region` as the whole "
                             "topic; `orders-` before it is silently dropped (DefaultSeaTunnelRowSerializer.java:185-219)")
    assert "`-${x}` after it is silently dropped" in ds[1].message
    assert "`o-` before it" not in ds[2].message and "`${PREFIX:o}-` before it" in ds[2].message
    # a `-i` value for the name: SeaTunnel replaces it while loading, the next placeholder counts
    [d] = _lint(text, "row-placeholder-partial", vars={"region": "eu"})
    assert text[d.start:d.end] == "${x}"


def test_every_row_placeholder_entry_cites_seatunnel_code():
    cat = load_catalog()
    for rp in cat._row_ph.values():
        for e in rp:
            assert ".java:" in e["source"], e
            assert e["reason"]
