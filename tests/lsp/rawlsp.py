"""A raw LSP peer: the real ``stlint lsp --stdio`` process, driven with bytes we frame ourselves
(so framing errors can be sent on purpose)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from typing import Any

from lsphelp import REPO, SERVER


def frame(obj: Any, length_delta: int = 0) -> bytes:
    body = json.dumps(obj).encode()
    return f"Content-Length: {len(body) + length_delta}\r\n\r\n".encode() + body


class RawServer:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.proc = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=REPO, env=env)
        self.messages: queue.Queue = queue.Queue()
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()
        self.next_id = 0

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line in (b"\r\n", b"\n") and length is not None:
                    break
            self.messages.put(json.loads(out.read(length)))

    def _read_err(self) -> None:
        for line in self.proc.stderr:
            self.stderr += line

    def send(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def request(self, method: str, params: Any = None, raw_id: Any = None) -> Any:
        """Send a request; returns its id."""
        if raw_id is None:
            self.next_id += 1
            raw_id = self.next_id
        msg = {"jsonrpc": "2.0", "id": raw_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(frame(msg))
        return raw_id

    def notify(self, method: str, params: Any = None) -> None:
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(frame(msg))

    def response(self, rid: Any, timeout: float = 30) -> dict:
        """The response to request ``rid`` (notifications from the server are skipped)."""
        while True:
            m = self.messages.get(timeout=timeout)
            if m is None:
                raise EOFError("the server closed its output")
            if "method" not in m and m.get("id") == rid:
                return m

    def call(self, method: str, params: Any = None, timeout: float = 30) -> dict:
        return self.response(self.request(method, params), timeout)

    def initialize(self, capabilities: dict | None = None) -> dict:
        r = self.call("initialize", {"processId": None, "rootUri": None, "capabilities": capabilities or {}})
        self.notify("initialized", {})
        return r

    def wait(self, timeout: float = 30) -> int:
        return self.proc.wait(timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except Exception:
                pass
