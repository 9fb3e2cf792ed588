"""Did-you-mean through the real engine and catalog: misleading suggestions are gone, near-certain
ones stay, and the known hints (overlay `hints`) appear. Unit cases for the token-aware matcher."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text
from stlint.suggest import suggest, tokens


def diags(text: str, rule: str, version: str | None = None):
    res = lint_text(text, "job.conf", Settings(select=[rule], seatunnel_version=version))
    return [d for d in res.diagnostics if d.name == rule]


def one(text: str, rule: str, key: str, version: str | None = None):
    ds = [d for d in diags(text, rule, version) if d.option == key]
    assert len(ds) == 1, [(d.option, d.message) for d in diags(text, rule, version)]
    return ds[0]


def job(source: str = "FakeSource {}", transform: str = "", sink: str = "Console {}", env: str = 'job.mode = "BATCH"'):
    t = f"transform {{\n  {transform}\n}}\n" if transform else ""
    return f"env {{\n  {env}\n}}\nsource {{\n  {source}\n}}\n{t}sink {{\n  {sink}\n}}\n"


@pytest.mark.parametrize("key", ["port", "hostname", "pool_size"])
def test_misleading_suggestions_are_gone(key):
    # Kafka source has `format`, `username`-like keys and Jdbc `split.size`: sharing letters is not enough
    text = job(source=f'Kafka {{\n    bootstrap.servers = "k:9092"\n    topic = "t"\n    {key} = 1\n  }}')
    d = one(text, "unknown-option", key)
    assert "did you mean" not in d.message and d.help is None, d.message
    assert d.message == f"`{key}` is not a known option of source.Kafka (SeaTunnel ignores keys it does not read)"
    jdbc = job(source=f'Jdbc {{\n    url = "jdbc:mysql://h/d"\n    driver = "x"\n    query = "select 1"\n    {key} = 1\n  }}')
    d = one(jdbc, "unknown-option", key)
    assert "did you mean" not in d.message, d.message


def test_the_old_matcher_suggested_them():
    """The cases above are real: difflib's ratio >= 0.6 finds these pairs."""
    import difflib

    for word, bad in (("port", "format"), ("hostname", "username"), ("pool_size", "split.size")):
        assert difflib.SequenceMatcher(None, word, bad).ratio() >= 0.6
        assert suggest(word, [bad]) == []


def test_near_certain_typos_still_suggested_with_fix():
    d = one(job(source="FakeSource {\n    row.nun = 3\n  }"), "unknown-option", "row.nun")
    assert d.suggestions == ("row.num",) and d.fix is not None
    d = one(job(env='job.mdoe = "BATCH"'), "unknown-env-option", "job.mdoe")
    assert d.suggestions == ("job.mode",)


def test_hint_sql_to_query():
    d = one(job(transform='Sql {\n    sql = "select * from t"\n  }'), "unknown-option", "sql")
    assert d.message == ("`sql` is not a known option of transform.Sql; did you mean `query`? "
                         "(the Sql transform reads its statement from `query`)")
    assert d.help is None and d.suggestions == ("query",)
    assert d.fix is None  # not a typo: no automatic rename


def test_hint_kafka_group_id():
    text = job(source='Kafka {\n    bootstrap.servers = "k:9092"\n    topic = "t"\n    group.id = "g"\n  }')
    d = one(text, "unknown-option", "group.id")
    assert d.message.startswith("`group.id` is not a known option of source.Kafka; did you mean `consumer.group`? ")
    assert "group.id from `consumer.group`" in d.message


def test_hint_logging_level_in_env():
    d = one(job(env='job.mode = "BATCH"\n  logging.level = DEBUG'), "unknown-env-option", "logging.level")
    assert d.message.endswith(": log levels live in config/log4j2.properties (and config/log4j2_client.properties), "
                              "not in the job's env")
    assert d.help is None


@pytest.mark.parametrize("version", ["2.3.8", "2.3.10"])
def test_hint_cdc_url_to_base_url_while_url_is_unknown(version):
    text = job(source='MySQL-CDC {\n    url = "jdbc:mysql://h/d"\n    username = "u"\n    table-names = ["d.t"]\n  }',
               env='job.mode = "STREAMING"\n  checkpoint.interval = 1000')
    d = one(text, "unknown-option", "url", version)
    assert "did you mean `base-url`?" in d.message
    assert "`base-url` up to SeaTunnel 2.3.11, `url` from 2.3.12" in d.message
    # the right key is quiet
    good = text.replace("url =", "base-url =")
    assert [x for x in diags(good, "unknown-option", version) if x.option in ("url", "base-url")] == []


def test_hint_is_dropped_when_the_key_is_a_real_option():
    """A hint only speaks for an unknown key: a catalog where `url` is declared has no `url` hint."""
    from stlint.catalog import load_catalog

    spec = load_catalog("2.3.10").find("source", "MySQL-CDC")  # `url` is a real option from 2.3.12
    assert "url" in spec.hints and "url" not in spec.options
    spec.options["url"] = spec.options["base-url"]
    try:
        assert spec.suggest_option("url")[0] == "base-url"  # still a hint target for suggest
    finally:
        del spec.options["url"]


def test_tokens():
    assert tokens("rowNum") == ["row", "num"]
    assert tokens("row.num") == tokens("row_num") == tokens("row-num") == ["row", "num"]
    assert tokens("HTTPServerURL") == ["http", "server", "url"]


@pytest.mark.parametrize("word,cands,want", [
    ("port", ["format", "sort"], []),            # different words, or a different letter in a short word
    ("hostname", ["username"], []),
    ("pool_size", ["split.size"], []),
    ("group.id", ["consumer.group"], []),
    ("row.nun", ["row.num", "rows"], ["row.num"]),
    ("job.mdoe", ["job.mode", "job.name"], ["job.mode"]),
    ("batchSize", ["batch_size"], ["batch_size"]),
    ("STREAM", ["BATCH", "STREAMING"], ["STREAMING"]),
    ("fak", ["fake"], ["fake"]),
    ("nv", ["env", "source"], ["env"]),
    ("Consol", ["Console", "CosFile"], ["Console"]),
    ("MySQLCDC", ["MySQL-CDC"], ["MySQL-CDC"]),
    ("size", ["map.size", "array.size"], ["map.size", "array.size"]),  # a part left out
    ("APPEND", ["DROP_DATA", "APPEND_DATA"], ["APPEND_DATA"]),
    ("datetime_format", ["format"], []),                # a part added, one left: not near-certain
    ("protobuf_schema", ["schema"], []),
    ("filename_time_format", ["time_format"], ["time_format"]),  # two words shared
    ("hive_metastore_uris", ["metastore_uri"], ["metastore_uri"]),
    ("KuduSource", ["Kudu", "Kafka"], ["Kudu"]),        # the extra word names the plugin kind
    ("Fake", ["FakeSource"], ["FakeSource"]),
])
def test_matcher(word, cands, want):
    assert suggest(word, cands) == want


def test_part_cover_shortcut_changes_no_score(monkeypatch):
    """`_match` returns early when neither side's word parts all have a near part on the other;
    with that test disabled every score is the same (catalog keys against mutated ones)."""
    import random

    from stlint import suggest as sg
    from stlint.catalog import load_catalog

    cat = load_catalog()
    keys = sorted({k for kind in ("source", "sink", "transform") for n in cat.names(kind)
                   for k in cat.find(kind, n).all_keys()})
    rnd = random.Random(13)
    pairs = []
    for _ in range(4000):
        w = list(rnd.choice(keys))
        for _ in range(rnd.randint(0, 3)):
            i = rnd.randint(0, len(w) - 1)
            w[i:i + 1] = rnd.choice(["", w[i] + rnd.choice("aeiorstn_."), rnd.choice("aeiorstn_.")])
        pairs.append(("".join(w) or "x", rnd.choice(keys)))
    fast = [sg._match(sg._tokens(a), sg._tokens(b)) for a, b in pairs]
    monkeypatch.setattr(sg, "_covered", lambda wt, ct: True)
    monkeypatch.setattr(sg, "_covered_by", lambda ct, wt: True)
    assert [sg._match(sg._tokens(a), sg._tokens(b)) for a, b in pairs] == fast
    assert any(s > 0 for s in fast) and any(s == 0 for s in fast)
