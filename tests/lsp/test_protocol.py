"""JSON-RPC robustness of a real ``stlint lsp --stdio`` process, with raw bytes: every request
gets an answer, framing errors resynchronise (or end the process with a message), and the exit
status follows the LSP specification."""

from __future__ import annotations

import json

import pytest

from rawlsp import RawServer, frame

INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
PARSE_ERROR = -32700


@pytest.fixture
def server():
    s = RawServer()
    yield s
    s.close()


def test_invalid_params_get_invalid_params(server):
    server.initialize()
    for params in ({"textDocument": 5, "position": {"line": 0, "character": 0}}, None, [1, 2]):
        rid = server.request("textDocument/hover", params)
        r = server.response(rid)
        assert r["error"]["code"] == INVALID_PARAMS, r
        assert "textDocument/hover" in r["error"]["message"]
    # a string id comes back as it was sent
    rid = server.request("textDocument/completion", {"textDocument": {}}, raw_id="abc")
    assert server.response("abc")["error"]["code"] == INVALID_PARAMS
    # and the server still answers good requests
    assert server.call("shutdown") == {"jsonrpc": "2.0", "id": server.next_id, "result": None}


def test_requests_after_shutdown_get_invalid_request(server):
    server.initialize()
    assert server.call("shutdown")["result"] is None
    r = server.call("textDocument/hover", {"textDocument": {"uri": "file:///x.conf"},
                                           "position": {"line": 0, "character": 0}})
    assert r["error"]["code"] == INVALID_REQUEST
    assert "shutdown" in r["error"]["message"]
    assert server.call("shutdown")["error"]["code"] == INVALID_REQUEST
    server.notify("exit")
    assert server.wait() == 0


def test_exit_without_shutdown_is_status_1(server):
    server.initialize()
    server.notify("exit")
    assert server.wait() == 1


def test_end_of_input_without_shutdown_is_status_1(server):
    server.initialize()
    server.proc.stdin.close()
    assert server.wait() == 1


def test_short_content_length_resynchronises(server):
    server.initialize()
    # the body is 10 bytes longer than announced: its tail is glued to the next header line
    server.send(frame({"jsonrpc": "2.0", "id": 50, "method": "shutdown"}, length_delta=-10))
    r = server.response(None)  # the truncated body is not JSON
    assert r["error"]["code"] == PARSE_ERROR
    r = server.call("textDocument/foldingRange", {"textDocument": {"uri": "file:///none.conf"}})
    assert r["result"] in (None, [])
    server.notify("exit")
    server.wait()
    assert b"before a Content-Length header" in server.stderr


def test_long_content_length_loses_at_most_the_next_message(server):
    server.initialize()
    server.send(frame({"jsonrpc": "2.0", "id": 60, "method": "shutdown"}, length_delta=+5)
                + frame({"jsonrpc": "2.0", "id": 61, "method": "textDocument/foldingRange",
                         "params": {"textDocument": {"uri": "file:///a.conf"}}}))
    assert server.response(None)["error"]["code"] == PARSE_ERROR
    r = server.call("textDocument/foldingRange", {"textDocument": {"uri": "file:///b.conf"}})
    assert "result" in r


def test_garbage_between_messages(server):
    server.initialize()
    server.send(b"hello\r\n\x00\xff garbage\n\r\n")
    server.send(b"Content-Length: 7\r\n\r\nnotjson")
    assert server.response(None)["error"]["code"] == PARSE_ERROR
    server.send(frame([1, 2, 3]))
    assert server.response(None)["error"]["code"] == INVALID_REQUEST
    server.send(frame({"id": 9, "method": "shutdown"}))  # no "jsonrpc": not JSON-RPC 2.0
    assert server.response(9)["error"]["code"] == INVALID_REQUEST
    server.send(b"Content-Length: 9\r\n\r\n" + b"[" * 9)
    assert server.response(None)["error"]["code"] == PARSE_ERROR
    deep = b"[" * 100_000 + b"]" * 100_000
    server.send(b"Content-Length: %d\r\n\r\n" % len(deep) + deep)
    assert server.response(None)["error"]["code"] == PARSE_ERROR
    assert server.call("shutdown")["result"] is None


def test_huge_content_length_exits_with_a_message(server):
    server.initialize()
    server.send(b"Content-Length: 99999999999999\r\n\r\n{}")
    assert server.wait() == 1
    assert b"exceeds the limit" in server.stderr


def test_header_case_and_content_type(server):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": None, "rootUri": None, "capabilities": {}}}).encode()
    server.send(b"content-length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"
                % len(body) + body)
    assert "capabilities" in server.response(1)["result"]
