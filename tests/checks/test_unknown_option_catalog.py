"""unknown-option against what connectors read (catalog `source: "read"` options), prefix options, map
options and the passthrough hint; plus the corpus expectation of every remaining unknown-option."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from testpaths import CORPUS, corpus_rows, require_shared
from stlint.catalog import load_catalog
from stlint.config import Settings
from stlint.engine import lint_source, lint_text
from stlint.source import Source

RULES = ["unknown-option", "invalid-option-value"]


def lint(text: str, *rules: str):
    res = lint_text(text, None, Settings(select=list(rules or RULES)))
    return [d for d in res.diagnostics if d.name in (rules or RULES)]


def job(source: str = "FakeSource { schema = { fields { a = string } } }", sink: str = "Console {}",
        transform: str | None = None) -> str:
    t = f"transform {{\n  {transform}\n}}\n" if transform else ""
    return f"env {{\n  job.mode = \"BATCH\"\n}}\nsource {{\n  {source}\n}}\n{t}sink {{\n  {sink}\n}}\n"


def test_options_read_outside_option_rule_are_known():
    # the issue's examples: read by the plugins' config classes, not declared in optionRule()
    text = job(source='Paimon {\n    warehouse = "/w"\n    database = "d"\n    table = "t"\n    catalog_name = "c"\n  }',
               transform='RowKindExtractor {\n    transform_type = FULL\n  }',
               sink='Hive {\n    table_name = "d.t"\n    metastore_uri = "thrift://m:9083"\n'
                    '    hive_site_path = "/etc/hive/hive-site.xml"\n  }')
    assert lint(text, "unknown-option") == []
    cat = load_catalog()
    assert cat.find("source", "Paimon").option("catalog_name").source == "read"
    assert cat.find("sink", "Hive").option("hive_site_path").source == "read"
    assert cat.find("transform", "RowKindExtractor").option("transform_type").source == "read"
    # and a typo next to them is still reported
    d = lint(job(source='Paimon {\n    warehouse = "/w"\n    database = "d"\n    table = "t"\n    catalog_nam = "c"\n  }'),
             "unknown-option")
    assert [x.message for x in d] == ["`catalog_nam` is not a known option of source.Paimon; did you mean `catalog_name`?"]


def test_read_options_are_known_in_every_release_that_reads_them():
    # each shipped catalog carries its own reads: an older target gets neither unknown-option nor
    # option-not-in-version ("added in ...") for a key its release reads too
    text = job(source='FakeSource {\n    schema = { fields { a = string } }\n    string.length = 5\n  }',
               sink='Paimon {\n    warehouse = "/w"\n    database = "d"\n    table = "t"\n    catalog_name = "c"\n  }')
    for version in ("2.3.8", "2.3.9", "2.3.10"):
        res = lint_text(text, None, Settings(select=["unknown-option", "option-not-in-version"], seatunnel_version=version))
        assert [(d.name, d.option) for d in res.diagnostics] == [], version


def test_read_options_are_type_checked_and_carry_descriptions():
    spec = load_catalog().find("source", "FakeSource")
    o = spec.option("string.length")
    assert o.source == "read" and o.type == "int" and o.description
    d = lint(job(source='FakeSource {\n    schema = { fields { a = string } }\n    string.length = "ten"\n  }'),
             "invalid-option-value")
    assert [x.message for x in d] == [
        "source.FakeSource: `string.length`: `ten` is not an integer: SeaTunnel 2.3.13 fails reading it (\"Json parsing "
        "exception, value 'ten', and expected type 'java.lang.Integer'\", ConfigUtil.java:79)"]


def test_map_option_sub_keys_are_never_flagged():
    text = job(source='Kafka {\n    bootstrap.servers = "h:9092"\n    topic = "t"\n'
                      '    kafka.config {\n      max.poll.records = 500\n      "client.id" = "x"\n    }\n  }')
    assert lint(text, "unknown-option") == []


def test_prefix_option_keys_are_known():
    spec = load_catalog().find("source", "StarRocks")
    assert spec.option("scan.params.").kind == "prefix"
    src = ('StarRocks {\n    nodeUrls = ["h:8030"]\n    username = "u"\n    password = ""\n    database = "d"\n'
           '    table = "t"\n    scan.params.scanner_thread_pool_thread_num = 3\n    scan { params { keep_alive_min = 2 } }\n'
           '    scan.param.typo = 1\n  }')
    d = lint(job(source=src), "unknown-option")
    assert [x.option for x in d] == ["scan.param.typo"]


def test_client_property_at_top_level_gets_the_passthrough_hint():
    text = job(source='Kafka {\n    bootstrap.servers = "h:9092"\n    topic = "t"\n    max.poll.records = 5\n  }')
    d = lint(text, "unknown-option")
    assert [x.message for x in d] == [
        "`max.poll.records` is not a known option of source.Kafka; a client property goes inside `kafka.config { }`"]
    assert d[0].help == "put it inside `kafka.config { }`: source.Kafka passes that map to its client"
    assert text[d[0].start:d[0].end] == "max.poll.records"
    # `group.id` has its own overlay hint (SeaTunnel sets it from `consumer.group`); the map stays the alternative
    d = lint(text.replace("max.poll.records = 5", 'group.id = "g"'), "unknown-option")
    assert [x.message for x in d] == [
        "`group.id` is not a known option of source.Kafka; did you mean `consumer.group`? (KafkaSourceConfig sets "
        "the client's group.id from `consumer.group`)"]
    assert d[0].help == "if it is a client property, put it inside `kafka.config { }`"
    # sink side too (KafkaSinkWriter), from the same catalog metadata
    d = lint(job(sink='Kafka {\n    bootstrap.servers = "h:9092"\n    topic = "t"\n    request.timeout.ms = 100\n  }'),
             "unknown-option")
    assert [x.help for x in d] == ["put it inside `kafka.config { }`: sink.Kafka passes that map to its client"]
    # v1 style `kafka.`-prefixed client key: the key to write inside the map loses the prefix
    d = lint(job(sink='Kafka {\n    bootstrap.servers = "h:9092"\n    topic = "t"\n    kafka.request.timeout.ms = 100\n  }'),
             "unknown-option")
    assert [x.help for x in d] == ["put `request.timeout.ms` inside `kafka.config { }`: sink.Kafka passes that map to its client"]


def test_no_passthrough_hint_where_it_does_not_apply():
    # not a dotted client-style key
    d = lint(job(source='Kafka {\n    bootstrap.servers = "h:9092"\n    topic = "t"\n    GroupId = "g"\n  }'),
             "unknown-option")
    assert len(d) == 1 and "kafka.config" not in d[0].message and "kafka.config" not in (d[0].help or "")
    # a plugin without a passthrough map
    d = lint(job(source='FakeSource {\n    schema = { fields { a = string } }\n    group.id = "g"\n  }'),
             "unknown-option")
    assert len(d) == 1 and "goes inside" not in d[0].message and d[0].help is None


# ---------------------------------------------------------------------------- corpus
EXPECTED = Path(__file__).resolve().parent / "corpus_expected_unknown_option.yaml"


def test_corpus_unknown_options_are_all_expected(capsys):
    """Every unknown-option on the shared corpus (default catalog) is listed with the reason it is true."""
    require_shared()
    import yaml

    entries = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    for e in entries:
        assert set(e) <= {"file", "plugin", "options", "reason"} and len(e.get("reason", "")) > 15, e
    # the corpus runs in SeaTunnel's CI at 2.3.10 (its snapshot predates the 2.3.10 cut)
    settings = Settings(select=["unknown-option"], seatunnel_version="2.3.10")
    used = [0] * len(entries)
    unexpected = []
    total = 0
    for row in corpus_rows():
        p = CORPUS / row["file"]
        res = lint_source(Source(p.read_bytes().decode("utf-8", "replace"), str(p)), settings)
        for d in res.diagnostics:
            if d.name != "unknown-option":
                continue
            total += 1
            for i, e in enumerate(entries):
                if fnmatch.fnmatchcase(row["file"], e["file"]) and fnmatch.fnmatchcase(d.plugin or "", e.get("plugin", "*")) \
                        and ("options" not in e or d.option in e["options"]):
                    used[i] += 1
                    break
            else:
                unexpected.append(f"{row['file']}: {d.plugin} {d.option}")
    with capsys.disabled():
        print(f"\n[unknown-option corpus] {total} findings, {len(entries)} classes")
    assert not unexpected, "\n".join(unexpected)
    assert all(used), [e for e, n in zip(entries, used) if not n]
