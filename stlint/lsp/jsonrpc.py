"""JSON-RPC over stdio for the stlint server: framing that cannot go deaf, an answer to every
request, and no future kept per notification.

pygls 2.1 gets three things wrong, and this module corrects them without patching pygls:

* **Framing.** pygls' reader only recognises a ``Content-Length`` header at the very start of a
  line. After a message whose ``Content-Length`` is too short, the rest of its body is glued to the
  next header line, which is then never recognised again: the server stays alive but deaf.
  ``serve_stdio`` finds the header anywhere on a line (bytes before it are reported on stderr and
  dropped), so the stream resynchronises on the next message. A body that is not JSON is answered
  with ``ParseError`` (id null). A ``Content-Length`` beyond ``MAX_BODY`` ends the process with a
  message on stderr (reading it would exhaust memory).
* **Unanswered requests.** A request whose params do not fit the method's type raised inside the
  JSON decoder and was only logged; a request after ``shutdown`` was dropped. Both now get an
  error response (``InvalidParams`` / ``InvalidRequest``) with the request's id.
* **A leak per notification.** ``JsonRPCProtocol._execute_handler`` stores the future of every
  generator, coroutine or thread handler in ``_request_futures`` under a fresh uuid when it handles a
  *notification* (and for every nested handler that a generator handler yields to), but only the
  response path of *requests* removes entries. pygls' built-in ``didOpen``/``didChange``/
  ``didClose``/``initialized``/``$/setTrace`` handlers are generators, so every keystroke left a
  future (with its callbacks and context) behind: about 1.9 KB each. ``StlintProtocol`` removes the
  entry when the future completes.

The exit status follows the LSP specification: 0 after ``shutdown``, 1 when ``exit`` (or the end of
input) comes without it. pygls raises ``SystemExit`` inside its handler and swallows it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading
from typing import Any, BinaryIO

import attrs
from lsprotocol.types import EXIT
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.io_ import StdoutWriter
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger("stlint.lsp")

HEADER = re.compile(rb"content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n?$", re.IGNORECASE)
MAX_LINE = 1 << 16  # a header line longer than this is garbage anyway
MAX_BODY = 1 << 30  # 1 GiB: beyond that, reading the body would exhaust memory
MAX_WARNINGS = 50
PARSE_ERROR = -32700
INVALID_REQUEST = -32600


@attrs.define
class BadRequest:
    """A request whose params could not be converted to the method's type."""

    id: Any
    method: str
    error: JsonRpcException


@attrs.define
class BadNotification:
    method: str


class _Futures(dict):
    """``_request_futures`` whose ``items()`` is a snapshot: pygls' shutdown cancels the pending
    futures while iterating, and a cancelled future now removes itself (see ``_execute_handler``)."""

    def items(self):
        return list(super().items())


class StlintProtocol(LanguageServerProtocol):
    """pygls' LSP protocol with an answer to every request and no future kept per notification."""

    exit_received = False

    def __init__(self, server, converter) -> None:
        super().__init__(server, converter)
        self._request_futures = _Futures()

    # -- the leak: drop the book-keeping entry of a finished handler ------------------------
    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        futures = self._request_futures

        def done(fut, _id=msg_id, _callback=callback):
            if futures.get(_id) is fut:
                del futures[_id]
            _callback(fut)

        super()._execute_handler(msg_id, handler, done, args, kwargs)

    # -- requests whose params do not fit: answer InvalidParams ------------------------------
    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            method = data.get("method")
            if not isinstance(method, str):
                raise
            if "id" in data:
                msg = f"invalid params for {method}"
                cause = exc.__cause__
                if cause is not None:
                    msg += f" ({type(cause).__name__})"
                return BadRequest(_valid_id(data["id"]), method, JsonRpcInvalidParams(msg))
            return BadNotification(method)

    def handle_message(self, message):
        if isinstance(message, BadRequest):
            self._send_response(message.id, error=message.error.to_response_error())
            return
        if isinstance(message, BadNotification):
            warn(f"dropped a {message.method} notification whose params do not fit its type")
            return
        method = getattr(message, "method", None)
        if method == EXIT:
            self.exit_received = True
        elif self._shutdown and isinstance(method, str) and hasattr(message, "id"):
            self._send_response(message.id, error=JsonRpcInvalidRequest(
                f"{method} after shutdown: the server only accepts exit now").to_response_error())
            return
        super().handle_message(message)

    @property
    def exit_code(self) -> int:
        return 0 if self._shutdown else 1


def _valid_id(v: Any) -> Any:
    return v if isinstance(v, (str, int)) and not isinstance(v, bool) else None


# ---------------------------------------------------------------------------------------------
_warned = 0


def warn(msg: str) -> None:
    """A protocol problem, on stderr (the client shows it in the server's output)."""
    global _warned
    _warned += 1
    if _warned > MAX_WARNINGS:
        return
    if _warned == MAX_WARNINGS:
        msg += " (further protocol problems are not reported)"
    try:
        sys.stderr.write(f"stlint lsp: {msg}\n")
        sys.stderr.flush()
    except Exception:  # pragma: no cover - stderr gone
        pass
    log.warning(msg)


class _Fatal:
    def __init__(self, message: str) -> None:
        self.message = message


class _Reader(threading.Thread):
    """Reads framed messages from stdin (blocking) and hands bodies to the event loop."""

    def __init__(self, stdin: BinaryIO, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue) -> None:
        super().__init__(name="stlint-lsp-reader", daemon=True)
        self.stdin = stdin
        self.loop = loop
        self.queue = queue

    def post(self, item: Any) -> None:
        self.loop.call_soon_threadsafe(self.queue.put_nowait, item)

    def run(self) -> None:
        try:
            self.post(self._read())
        except Exception as e:  # stdin broken
            self.post(_Fatal(f"cannot read stdin: {e}"))

    def _read(self) -> Any:
        length: int | None = None
        stdin = self.stdin
        while True:
            line = stdin.readline(MAX_LINE)
            if not line:
                return None
            if length is None:
                m = HEADER.search(line)
                if m is None:
                    if line.strip():
                        warn(f"skipped {len(line)} bytes that are not an LSP header")
                    continue
                if m.start():
                    warn(f"skipped {m.start()} bytes before a Content-Length header "
                         "(the previous message was shorter or longer than its Content-Length)")
                length = int(m.group(1))
                if length > MAX_BODY:
                    return _Fatal(f"Content-Length {length} exceeds the limit of {MAX_BODY} bytes")
                continue
            if line.strip():
                continue  # another header (Content-Type)
            body = stdin.read(length) if length else b""
            if len(body) < length:
                return None
            self.post(body)
            length = None


def _dispatch(proto: StlintProtocol, body: bytes) -> bool:
    """Handle one message body; False once the server must stop (``exit``)."""
    try:
        message = json.loads(body, object_hook=proto.structure_message)
    except ValueError as e:  # not JSON (JSONDecodeError, UnicodeDecodeError)
        warn(f"a message body of {len(body)} bytes is not valid JSON ({type(e).__name__}); answered ParseError")
        proto._send_data({"jsonrpc": "2.0", "id": None,
                          "error": {"code": PARSE_ERROR, "message": "Parse error: the body is not valid JSON"}})
        return True
    except JsonRpcException as e:
        warn(f"dropped a message that does not fit JSON-RPC: {type(e).__name__}")
        return True
    except RecursionError:
        warn(f"dropped a message of {len(body)} bytes nested too deeply to decode")
        proto._send_data({"jsonrpc": "2.0", "id": None,
                          "error": {"code": PARSE_ERROR, "message": "Parse error: nested too deeply"}})
        return True
    if not attrs.has(type(message)):
        rid = message.get("id") if isinstance(message, dict) else None
        if isinstance(message, dict) and "method" not in message and ("result" in message or "error" in message):
            warn("dropped a response without a jsonrpc member")
            return True
        warn("answered InvalidRequest to a message that is not a JSON-RPC 2.0 object")
        proto._send_data({"jsonrpc": "2.0", "id": _valid_id(rid),
                          "error": {"code": INVALID_REQUEST, "message": "Invalid request: not a JSON-RPC 2.0 message"}})
        return True
    try:
        proto.handle_message(message)
    except SystemExit:
        return False
    except Exception as e:
        warn(f"failed to handle {getattr(message, 'method', 'a message')}: {type(e).__name__}: {e}")
    return True


def serve_stdio(server, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """Run ``server`` (a pygls ``LanguageServer`` built with ``StlintProtocol``) over stdio until
    ``exit`` or the end of input; returns the exit status."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    proto: StlintProtocol = server.protocol

    async def main() -> int:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        proto.set_writer(StdoutWriter(stdout))
        hook = getattr(server, "attach_loop", None)
        if hook is not None:
            hook(loop)
        _Reader(stdin, loop, queue).start()
        while True:
            item = await queue.get()
            if item is None:
                break
            if isinstance(item, _Fatal):
                warn(item.message + "; exiting")
                return 1
            try:
                going = _dispatch(proto, item)
            except BrokenPipeError:
                warn("the client closed the connection")
                break
            if not going:
                break
            # let tasks the message started take their first step before the next message (an
            # async handler such as didChangeConfiguration applies its settings there)
            await asyncio.sleep(0)
        return proto.exit_code

    try:
        return asyncio.run(main())
    except BrokenPipeError:
        return proto.exit_code
    finally:
        if server._stop_event is not None:
            server._stop_event.set()
