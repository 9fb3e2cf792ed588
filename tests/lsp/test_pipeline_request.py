"""The `stlint/pipeline` request over stdio: the SVG and node positions of the open text, updated
as the document changes; positions are where each plugin's name starts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc

JOB = """source {
  FakeSource { plugin_output = "fake", schema = { fields { id = "int" } } }
}
transform {
  Sql { plugin_input = "fake", plugin_output = "q", query = "select * from fake" }
}
sink {
  Console { plugin_input = "q" }
}
"""


async def pipeline(client, doc: Doc):
    return await client.protocol.send_request_async("stlint/pipeline", {"textDocument": {"uri": doc.uri}})


def as_dict(x):
    if isinstance(x, dict):
        return x
    if isinstance(x, list):
        return [as_dict(i) for i in x]
    if hasattr(x, "_asdict"):
        return {k: as_dict(v) for k, v in x._asdict().items()}
    return x


async def test_pipeline_svg_and_positions(client, tmp_path):
    doc = Doc(client, tmp_path / "job.conf", JOB)
    got = as_dict(await pipeline(client, doc))
    assert got["isJob"] is True and got["version"] == 1
    root = ET.fromstring(got["svg"])
    ids = [g.get("data-id") for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-id")]
    assert ids == ["source0", "transform0", "sink0"]
    where = {n["id"]: (n["line"], n["character"]) for n in got["nodes"]}
    assert where == {"source0": doc_pos(doc, "FakeSource"), "transform0": doc_pos(doc, "Sql"),
                     "sink0": doc_pos(doc, "Console")}
    assert all(n["width"] > 0 and n["height"] > 0 for n in got["nodes"])

    # typing a broken input: the next answer is for the new text, with the missing table drawn
    doc.change(JOB.replace('plugin_input = "q"', 'plugin_input = "qq"'))
    got = as_dict(await pipeline(client, doc))
    assert got["version"] == 2
    assert got["graph"]["dangling"] == [{"to": "sink0", "table": "qq"}]
    assert 'class="dangling"' in got["svg"]


async def test_pipeline_of_unknown_document_and_non_job(client, tmp_path):
    assert await client.protocol.send_request_async(
        "stlint/pipeline", {"textDocument": {"uri": (tmp_path / "nope.conf").as_uri()}}) is None
    doc = Doc(client, tmp_path / "app.conf", "akka { loglevel = INFO }\n")
    got = as_dict(await pipeline(client, doc))
    assert got["isJob"] is False and got["svg"] is None


def doc_pos(doc: Doc, word: str) -> tuple[int, int]:
    p = doc.pos(word, after=False)
    return p.line, p.character
