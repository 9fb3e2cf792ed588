"""A document over the file size limit (16 MiB, ``STLINT_MAX_FILE_SIZE``) opened in the editor gets
one ``file-too-large`` diagnostic at 1:1 and no lint: nothing parses it, so the server's memory
grows by a few copies of the text (the protocol's), not by a syntax tree (~75x the text), and
every other request answers at once with nothing. The real server over stdio, raw JSON-RPC."""

from __future__ import annotations

import sys
import time

import pytest

from rawlsp import RawServer

URI = "file:///tmp/stlint-too-large-test.conf"
LIMIT = 16 * 1024 * 1024
# a valid job, padded with comment lines past the limit (a lint of it would take minutes and GBs)
HEAD = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n' \
       'sink {\n  Console {}\n}\n'
MESSAGE = ("document is larger than 16 MiB, stlint's size limit: not checked (set STLINT_MAX_FILE_SIZE to a "
           "number of bytes to raise it)")


def status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field}")


def diagnostics_of(s: RawServer, uri: str, logs: list, timeout: float = 120) -> list:
    """The next publishDiagnostics for ``uri`` (log messages seen meanwhile go to ``logs``)."""
    end = time.monotonic() + timeout
    while True:
        m = s.messages.get(timeout=max(0.1, end - time.monotonic()))
        assert m is not None, s.stderr.decode(errors="replace")
        if m.get("method") == "window/logMessage":
            logs.append(m["params"]["message"])
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
            return m["params"]["diagnostics"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/status")
def test_huge_document_one_diagnostic_no_lint_bounded_memory():
    # (with a version directive, which the server otherwise reads before linting)
    text = "# stlint: seatunnel-version=2.3.10\n" + HEAD + ("# padding line of a generated file\n" * (LIMIT // 35 + 1))
    assert len(text) > LIMIT
    s = RawServer()
    try:
        s.initialize({})  # no pull capability: diagnostics are pushed
        # warm the server up (imports, catalog) so the figure below is the huge document's own
        s.notify("textDocument/didOpen", {"textDocument": {"uri": URI + ".small.conf", "languageId": "hocon",
                                                           "version": 1, "text": HEAD}})
        logs: list[str] = []
        assert diagnostics_of(s, URI + ".small.conf", logs) == []
        base = status_kb(s.proc.pid, "VmRSS")
        s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "hocon", "version": 1,
                                                           "text": text}})
        diags = diagnostics_of(s, URI, logs)
        assert len(diags) == 1, diags
        d = diags[0]
        assert d["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
        assert (d["severity"], d["code"], d["source"], d["message"]) == (1, "file-too-large", "stlint", MESSAGE)
        assert d["codeDescription"]["href"].endswith("#file-too-large")
        # the other features answer with nothing, without parsing the text
        td = {"textDocument": {"uri": URI}}
        pos = {**td, "position": {"line": 1, "character": 3}}
        assert s.call("textDocument/hover", pos)["result"] is None
        assert s.call("textDocument/completion", pos)["result"]["items"] == []
        assert s.call("textDocument/foldingRange", td)["result"] == []
        assert s.call("textDocument/documentSymbol", td)["result"] == []
        assert s.call("textDocument/formatting", {**td, "options": {"tabSize": 2, "insertSpaces": True}}
                      )["result"] is None
        ca = s.call("textDocument/codeAction", {**td, "range": {"start": {"line": 0, "character": 0},
                                                                "end": {"line": 0, "character": 0}},
                                                "context": {"diagnostics": []}})["result"]
        assert [a["title"] for a in ca] == ["stlint (file-too-large): disable for this line"]
        pipe = s.call("stlint/pipeline", td)["result"]
        assert pipe["isJob"] is False and pipe["nodes"] == []
        peak = status_kb(s.proc.pid, "VmHWM")  # measured: ~3.2 copies
        # the text arrives as JSON bytes, then a str in the message, then pygls' document: a few
        # copies; a parse would add ~75x the text (bench/scale.py). Allow 8 copies in all.
        assert (peak - base) * 1024 < 8 * len(text), (base, peak, len(text))
        # cut back under the limit: linted as usual
        s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                            "contentChanges": [{"text": HEAD + "sink { Consol {} }\n"}]})
        diags = diagnostics_of(s, URI, logs)
        assert [d["code"] for d in diags] == ["repeated-section", "unknown-plugin"], diags
        assert not [m for m in logs if "failed" in m or "Traceback" in m], logs
        assert s.call("shutdown")["result"] is None
        s.notify("exit")
        assert s.wait() == 0
    finally:
        s.close()


def test_the_limit_is_the_environment_variable(monkeypatch):
    monkeypatch.setenv("STLINT_MAX_FILE_SIZE", "200")
    s = RawServer()
    try:
        s.initialize({})
        logs: list[str] = []
        s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "hocon", "version": 1,
                                                           "text": HEAD + "#" * 200 + "\n"}})
        diags = diagnostics_of(s, URI, logs)
        assert [(d["code"], d["message"]) for d in diags] == [("file-too-large", MESSAGE.replace("16 MiB",
                                                                                               "200 bytes"))]
        s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                            "contentChanges": [{"text": HEAD}]})
        assert diagnostics_of(s, URI, logs) == []
        # multi-byte text is measured in UTF-8 bytes, like a file: 100 characters, 300 bytes
        s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3},
                                            "contentChanges": [{"text": "# " + "é" * 50 + "\n" + "# " + "€" * 50}]})
        assert [d["code"] for d in diagnostics_of(s, URI, logs)] == ["file-too-large"]
    finally:
        s.close()
