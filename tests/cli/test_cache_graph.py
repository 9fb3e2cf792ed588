"""The pipeline graph of `check --format json|report` rides in the result cache (issue 16): drawn
in the lint's own pass, stored with the findings, validated when read back, redacted, and never
recomputed on a hit. Real CLI runs (subprocesses) on real files; the parse count is taken in
process around the real parser."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from clihelp import CLEAN, DUPLICATE, stlint, write  # noqa: F401  (stlint: fixture)

# fan-out through a transform, a finding inside a node, a dangling input, a masked secret
FAN = """env { job.mode = "BATCH" }
source {
  FakeSource { plugin_output = "raw", schema = { fields { id = "int", name = "string" } } }
  Jdbc {
    url = "jdbc:mysql://root:GraphPw41@db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
    user = "root"
    password = "GraphPw42"
    query = "select id from t"
    plugin_output = "db"
  }
}
transform {
  Sql { plugin_input = "raw", plugin_output = "q", query = "select id from raw" }
}
sink {
  Console { plugin_input = "q" }
  Console { plugin_input = "db" }
  Console { plugin_input = "nowhere" }
}
"""
SECRETS = ("GraphPw41", "GraphPw42")
FILES = {"a/clean.conf": CLEAN, "a/fan.conf": FAN, "b/dup.conf": DUPLICATE,
         "b/notes.conf": "akka { loglevel = INFO }\n"}


def _packs(cache: Path) -> list[Path]:
    from stlint.cache import FORMAT

    return sorted((cache / "stlint" / f"results-v{FORMAT}").rglob("*.json"))


def _entries(cache: Path) -> dict[str, dict]:
    out = {}
    for p in _packs(cache):
        out.update(json.loads(p.read_text())["files"])
    return out


@pytest.mark.parametrize("fmt", ["json", "report"])
def test_cache_hit_is_byte_for_byte_the_no_cache_output(stlint, tmp_path, fmt):
    write(tmp_path, FILES)
    ref = stlint("check", ".", "--format", fmt, "--no-cache", cwd=tmp_path)
    cold = stlint("check", ".", "--format", fmt, cwd=tmp_path)
    warm = stlint("check", ".", "--format", fmt, cwd=tmp_path)
    warm2 = stlint("check", ".", "--format", fmt, "--jobs", "2", cwd=tmp_path)
    assert ref.stdout == cold.stdout == warm.stdout == warm2.stdout
    assert ref.returncode == warm.returncode == 1
    files = {f["path"]: f for f in json.loads(ref.stdout)["files"]}
    fan = files["a/fan.conf"]["graph"]
    assert [(e["from"], e["to"], e["table"], e["via"]) for e in fan["edges"]] == [
        ("source0", "transform0", "raw", "named"), ("transform0", "sink0", "q", "named"),
        ("source1", "sink1", "db", "named"), ("transform0", "sink2", "q", "fallback")]
    assert fan["dangling"] == [{"to": "sink2", "table": "nowhere"}]
    # every entry of a json/report run carries the graph (null for a file that is not a job)
    entries = _entries(stlint.cache)
    assert set(entries) == {"clean.conf", "fan.conf", "dup.conf", "notes.conf"}
    assert all("graph" in e for e in entries.values())
    assert entries["notes.conf"]["graph"] is None and entries["fan.conf"]["graph"] == fan


def test_graph_in_the_cache_is_redacted(stlint, tmp_path):
    write(tmp_path, {"fan.conf": FAN})
    p = stlint("check", ".", "--format", "json", cwd=tmp_path)
    node = json.loads(p.stdout)["files"][0]["graph"]["nodes"][1]
    assert node["plugin"] == "Jdbc" and {"key": "url", "value": "******"} in node["details"]
    raw = "".join(f.read_text() for f in _packs(stlint.cache))
    assert '"graph"' in raw and "select id from t" in raw  # the graph is there, its secrets are not
    assert [s for s in SECRETS if s in raw] == []
    assert [s for s in SECRETS if s in p.stdout] == []


def test_text_runs_do_not_draw_and_a_json_run_after_one_does(stlint, tmp_path):
    write(tmp_path, FILES)
    stlint("check", ".", cwd=tmp_path)
    assert not any("graph" in e for e in _entries(stlint.cache).values())  # text: no graph computed
    for fmt in ("github", "sarif"):
        stlint("check", ".", "--format", fmt, cwd=tmp_path)
        assert not any("graph" in e for e in _entries(stlint.cache).values())
    ref = stlint("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    # entries without a graph are misses for json: linted again, now with the graph
    assert stlint("check", ".", "--format", "json", cwd=tmp_path).stdout == ref.stdout
    assert all("graph" in e for e in _entries(stlint.cache).values())
    # and a text run reads them (graph unused) without rewriting them
    before = [p.read_bytes() for p in _packs(stlint.cache)]
    stlint("check", ".", cwd=tmp_path)
    assert [p.read_bytes() for p in _packs(stlint.cache)] == before


def _poison_graph(cache: Path, name: str, change) -> None:
    for p in _packs(cache):
        data = json.loads(p.read_text())
        if name in data["files"]:
            change(data["files"][name]["graph"])
            p.write_text(json.dumps(data))
            return
    raise AssertionError(f"no entry for {name}")


def _mark(g):
    g["nodes"][0]["plugin"] = "FROM CACHE"


def test_a_graph_read_back_is_the_cached_one(stlint, tmp_path):
    write(tmp_path, {"fan.conf": FAN})
    stlint("check", ".", "--format", "json", cwd=tmp_path)
    _poison_graph(stlint.cache, "fan.conf", _mark)  # well-formed: a hit shows it
    p = stlint("check", ".", "--format", "json", cwd=tmp_path)
    assert json.loads(p.stdout)["files"][0]["graph"]["nodes"][0]["plugin"] == "FROM CACHE"


def _set(path, value):
    def change(g):
        *head, last = path
        x = g
        for k in head:
            x = x[k]
        x[last] = value
    return change


def _also(*changes):
    def change(g):
        _mark(g)
        for c in changes:
            c(g)
    return change


TAMPER = {
    "extra key": _also(_set(("evil",), 1)),
    "missing key": _also(lambda g: g.pop("stuck")),
    "engine": _also(_set(("engine",), "storm")),
    "simple not bool": _also(_set(("simple",), 1)),
    "nodes not a list": lambda g: g.update(nodes={"0": "FROM CACHE"}),
    "node id of another kind": _also(_set(("nodes", 0, "id"), "sink0")),
    "duplicate node id": _also(_set(("nodes", 1, "id"), "source0")),
    "node line beyond the file": _also(_set(("nodes", 0, "line"), 10 ** 9)),
    "node column zero": _also(_set(("nodes", 0, "column"), 0)),
    "line as text": _also(_set(("nodes", 0, "line"), "1")),
    "status": _also(_set(("nodes", 0, "status"), "fatal")),
    "finding severity": _also(lambda g: g["nodes"][0]["findings"].append(
        {"name": "x", "severity": "fatal", "message": "m", "line": 1, "column": 1})),
    "finding name with an escape": _also(lambda g: g["nodes"][0]["findings"].append(
        {"name": "x\x1b[2J", "severity": "info", "message": "m", "line": 1, "column": 1})),
    "detail not a pair": _also(_set(("nodes", 1, "details", 0), ["url", "x"])),
    "edge to an unknown node": _also(_set(("edges", 0, "to"), "sink9")),
    "edge via": _also(_set(("edges", 0, "via"), "magic")),
    "edge row type number": _also(_set(("edges", 0, "row_type"), 5)),
    "dangling to an unknown node": _also(_set(("dangling", 0, "to"), "nope")),
    "stuck unknown": _also(_set(("stuck",), ["transform7"])),
    "graph a list": lambda g: g.clear() or g.update({"0": ["FROM CACHE"]}),
}


@pytest.mark.parametrize("what", sorted(TAMPER))
def test_a_tampered_graph_is_a_miss(stlint, tmp_path, what):
    write(tmp_path, {"fan.conf": FAN})
    ref = stlint("check", ".", "--format", "json", cwd=tmp_path)
    _poison_graph(stlint.cache, "fan.conf", TAMPER[what])
    p = stlint("check", ".", "--format", "json", cwd=tmp_path)
    assert "FROM CACHE" not in p.stdout and p.stdout == ref.stdout
    # the miss was linted again and stored afresh
    assert "FROM CACHE" not in json.dumps(_entries(stlint.cache))


def test_a_graph_of_the_wrong_type_is_a_miss(stlint, tmp_path):
    write(tmp_path, {"fan.conf": FAN})
    ref = stlint("check", ".", "--format", "json", cwd=tmp_path)
    for bad in ("FROM CACHE", ["FROM CACHE"], 1):
        for p in _packs(stlint.cache):
            data = json.loads(p.read_text())
            data["files"]["fan.conf"]["graph"] = bad
            p.write_text(json.dumps(data))
        assert stlint("check", ".", "--format", "json", cwd=tmp_path).stdout == ref.stdout


def _count_parses(monkeypatch) -> list[int]:
    """Count calls of the real parser (``stlint.parser.parse``) wherever a module imported it."""
    import stlint.checks  # noqa: F401  (the modules that may hold the name are loaded)
    import stlint.engine  # noqa: F401
    import stlint.graphview  # noqa: F401
    import stlint.parser

    real = stlint.parser.parse
    calls = [0]

    def counting(*a, **k):
        calls[0] += 1
        return real(*a, **k)

    for mod in list(sys.modules.values()):
        if getattr(mod, "__name__", "").startswith("stlint") and getattr(mod, "parse", None) is real:
            monkeypatch.setattr(mod, "parse", counting)
    return calls


def test_the_graph_is_not_recomputed_on_a_hit(tmp_path, monkeypatch, capsys):
    from stlint import cli

    write(tmp_path, FILES)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    calls = _count_parses(monkeypatch)

    def run(*args) -> str:
        calls[0] = 0
        cli.main(["check", ".", *args])
        return capsys.readouterr().out

    ref = run("--format", "json", "--no-cache")
    assert calls[0] == 4  # one parse per file, the graph drawn from the same parse
    assert run("--format", "json") == ref and calls[0] == 4  # cold cache
    assert run("--format", "json") == ref and calls[0] == 0  # warm: nothing parsed, graph from the cache
    assert json.loads(ref)["files"][1]["graph"]["edges"]
    # the report applies fixes first (a lint per file, and one more per pass of fixes), then checks.
    # With a warm cache a file whose cached findings offer no fix is not parsed at all; a file
    # with a fix is linted and its fixed text re-linted (one pass), the check of it is a hit
    report = run("--format", "report", "--no-cache")
    patched = [f["path"] for f in json.loads(report)["files"] if f["patch_suggestion"]]
    assert len(patched) == 1 and calls[0] == 4 + len(patched) + 4
    run("--format", "report")
    assert run("--format", "report") == report and calls[0] == 2 * len(patched)
