"""Memory stays bounded under a long stream of notifications (pygls 2.1 kept one future per
notification: ~1.9 KB each, see ``stlint.lsp.jsonrpc``)."""

from __future__ import annotations

import json
import sys

import pytest

from rawlsp import RawServer

N = 10_000
URI = "file:///tmp/stlint-memory-test.conf"
TEXT = 'env {\n  parallelism = 1\n}\n'


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def body(obj) -> bytes:
    b = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/status")
def test_20000_notifications_bounded_memory():
    s = RawServer()
    try:
        # a client that pulls diagnostics: didChange only updates the document (no lint), so the
        # figure is the protocol's own cost per notification
        s.initialize({"textDocument": {"diagnostic": {"dynamicRegistration": False}}})
        s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "hocon", "version": 1,
                                                           "text": TEXT}})
        version = 1

        def burst() -> int:
            nonlocal version
            out = []
            for i in range(N):
                if i % 2:
                    out.append(body({"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}}))
                else:
                    version += 1
                    out.append(body({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                        "textDocument": {"uri": URI, "version": version},
                        "contentChanges": [{"text": TEXT.replace("1", str(version % 7 + 1))}]}}))
            s.send(b"".join(out))
            # a request answered after all of them: the burst has been handled
            r = s.call("textDocument/foldingRange", {"textDocument": {"uri": URI}}, timeout=300)
            assert "result" in r, r
            return rss_kb(s.proc.pid)

        base = rss_kb(s.proc.pid)
        first = burst()
        second = burst()
        grown = second - first
        # the leak grew ~19,000 KB per 10,000 notifications; allow a tenth of it (allocator noise)
        assert grown < 1900, (base, first, second)
        assert s.call("shutdown")["result"] is None
        s.notify("exit")
        assert s.wait() == 0
    finally:
        s.close()
