"""The stlint language server (pygls 2.x).

Everything it reports comes from ``stlint.engine.lint_source`` and every edit it offers from
``stlint.fixes``; the feature modules (``completion``, ``hover``, ``actions``, ``navigation``) turn
a lint result into LSP answers with the helpers of ``convert``. This module holds the state (one
lint result per document version, settings) and schedules the work.

Threads. The event loop reads messages, applies document changes and answers requests that only
need the text (completion, folding ranges). Linting runs on one analysis thread, and so do the
requests that need a lint result (hover, code actions, navigation, symbols, pull diagnostics):
each is answered from the result for the text the document had when the request arrived. The
loop never waits for a lint.

Scheduling. didOpen/didChange start a lint at once when none is running for the document (no
debounce when idle). While one runs, further changes are only recorded; when it ends, its result
is published if the document is still at that version, and otherwise the latest text is linted
next (latest version wins; stale versions are never linted or published). With
``initializationOptions.debounceMs`` a client can ask for a fixed delay before each lint instead.

Diagnostics: pushed after didOpen/didChange, never for a version the editor has already
replaced; also served on ``textDocument/diagnostic`` (pull). Clients that can pull get pull only
(no duplicates) unless ``initializationOptions.diagnosticMode`` says ``push``/``both``.

Settings: ``[tool.stlint]`` / ``.stlint.toml`` through ``stlint.config`` (nearest to the file),
then the client's ``seatunnelVersion`` (initializationOptions, ``workspace/didChangeConfiguration``
or ``workspace/configuration`` section ``stlint``). Re-read when those files change (watched
files, or on save).
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import dataclasses
import logging
import os
import queue
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer

from stlint import __version__, refusal
from stlint.config import Settings
from stlint.engine import Cancelled, LintResult, lint_source
from stlint.lsp import actions, completion, hover, navigation, workspace
from stlint.lsp.convert import SEVERITY, offset_at, path_of, rng, to_lsp  # noqa: F401 (re-exported)
from stlint.lsp.handlers import guarded
from stlint.lsp.jsonrpc import StlintProtocol, serve_stdio
from stlint.files import text_over_limit
from stlint.source import Source

_path_of = path_of

log = logging.getLogger("stlint.lsp")

CONFIG_FILES = ("pyproject.toml", ".stlint.toml")
# GIL switch interval while serving (seconds; STLINT_LSP_SWITCH_INTERVAL overrides, for benchmarks):
# measured with a lint running on the analysis thread, 1.5 ms of work on the loop took 44-160 ms
# (p50) at the default 5 ms and 20-24 ms at 0.2 ms; no cost when only one thread runs
SWITCH_INTERVAL = float(os.environ.get("STLINT_LSP_SWITCH_INTERVAL", "0.0002"))

# custom request: which catalog version a document is checked against (VS Code's status bar)
CATALOG_VERSION_REQUEST = "stlint/catalogVersion"
# files whose changes on disk matter (includes, the workspace view); CONFIG_FILES are watched too
JOB_GLOB = "**/*.{conf,hocon,json,properties,template}"
# how long a workspace/diagnostic with nothing new waits for a change before answering "unchanged"
WORKSPACE_POLL = float(os.environ.get("STLINT_LSP_WORKSPACE_POLL", "30"))

# requests answered from a lint result: never computed on the event loop (see StlintServer.offload)
ANALYSIS_REQUESTS = (
    T.TEXT_DOCUMENT_HOVER, T.TEXT_DOCUMENT_CODE_ACTION, T.TEXT_DOCUMENT_DEFINITION,
    T.TEXT_DOCUMENT_REFERENCES, T.TEXT_DOCUMENT_PREPARE_RENAME, T.TEXT_DOCUMENT_RENAME,
    T.TEXT_DOCUMENT_DOCUMENT_SYMBOL, T.TEXT_DOCUMENT_DIAGNOSTIC, T.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT,
    T.TEXT_DOCUMENT_DOCUMENT_LINK,
)
# of those, the ones whose own work is heavy (code actions compute fix-all: several lints)
HEAVY_REQUESTS = (T.TEXT_DOCUMENT_CODE_ACTION,)


@dataclass
class Cached:
    version: int | None
    settings_key: str
    result: LintResult
    text: str  # the document text linted (a refused one's result has an empty source)


@dataclass(frozen=True)
class Snapshot:
    """A document's text and version, taken on the event loop."""

    uri: str
    text: str
    version: int | None


class LintJob:
    """A push lint on the analysis thread; ``stop`` is set on the loop when it became stale."""

    __slots__ = ("snap", "stop", "future")

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.stop = False
        self.future: cf.Future | None = None

    def cancelled(self) -> bool:
        return self.stop


class Worker:
    """One daemon thread running jobs in order (a daemon, so a long lint never delays exit)."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future:
        fut: cf.Future = cf.Future()
        self.jobs.put((fut, fn, args))
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="stlint-analysis", daemon=True)
                self.thread.start()
        return fut

    def _run(self) -> None:
        while True:
            fut, fn, args = self.jobs.get()
            if not fut.set_running_or_notify_cancel():
                continue  # cancelled before it started (a stale request)
            try:
                fut.set_result(fn(*args))
            except BaseException as e:  # noqa: BLE001 - handed to the waiter
                fut.set_exception(e)
            fut = fn = args = None  # do not keep the last job alive


class StlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("stlint", __version__, protocol_cls=StlintProtocol)
        self.results: dict[str, Cached] = {}
        self.linting: dict[str, LintJob] = {}  # uri -> the push lint queued or running for it
        self.stale: set[str] = set()  # settings changed while a lint ran: lint again
        self.delayed: dict[str, asyncio.TimerHandle] = {}  # fixed debounce only
        self.client_options: dict[str, Any] = {}  # initializationOptions + didChangeConfiguration
        self.settings_cache: dict[str, Settings] = {}
        self.settings_gen = 0  # bumped by settings_changed: a load begun before it is not cached
        self.fragment_cache: dict[str, bool] = {}  # path -> another job in its folder (or above) includes it
        self.push = True
        self.debounce_fixed: float | None = None
        self.lint_time: dict[str, float] = {}
        self.version_warned: set[str] = set()  # unknown seatunnelVersion values already shown to the user
        self.config_warned: dict[str, str] = {}  # config file -> the problem last shown for it
        self.worker = Worker()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.loop_thread: int | None = None
        self._pin = threading.local()
        self._ws_event: asyncio.Event | None = None  # set when a workspace report may have changed

    def attach_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.loop_thread = threading.get_ident()

    def serve_stdio(self) -> int:
        # the analysis thread holds the GIL while it lints; a request on the loop waits up to one
        # switch interval per hand-over (5 ms by default, several hand-overs per request)
        sys.setswitchinterval(SWITCH_INTERVAL)
        return serve_stdio(self)

    def _on_loop(self) -> bool:
        return self.loop is None or self.loop_thread == threading.get_ident()

    # -- logging --------------------------------------------------------------------------
    def log(self, msg: str, kind: T.MessageType = T.MessageType.Log) -> None:
        if not self._on_loop():  # only the loop writes to the client
            self.loop.call_soon_threadsafe(self.log, msg, kind)
            return
        try:
            self.window_log_message(T.LogMessageParams(kind, msg))
        except Exception:  # pragma: no cover - no client attached
            log.info(msg)

    def show(self, msg: str, kind: T.MessageType = T.MessageType.Warning) -> None:
        if not self._on_loop():
            self.loop.call_soon_threadsafe(self.show, msg, kind)
            return
        try:
            self.window_show_message(T.ShowMessageParams(kind, msg))
        except Exception:
            pass

    # -- documents ------------------------------------------------------------------------
    def open_doc(self, uri: str):
        docs = self.workspace.text_documents
        return docs.get(uri) or docs.get(unquote(uri))

    def snapshot(self, uri: str) -> Snapshot | None:
        doc = self.open_doc(uri)
        if doc is None:
            return None
        return Snapshot(uri, doc.source, doc.version)

    def source_of(self, uri: str) -> tuple[Source, int | None] | None:
        """The document as a ``Source`` for the text-only features (completion, folding); None
        for a document over the file size limit (``stlint.refusal``: not analysed at all)."""
        snap = self.snapshot(uri)
        if snap is None or text_over_limit(snap.text):
            return None
        return Source(snap.text, path_of(uri)), snap.version

    # -- settings -------------------------------------------------------------------------
    def settings_for(self, path: str | None) -> Settings:
        """The settings for the file at ``path``: ``[tool.stlint]`` of its directory, the
        client's options, and the open document's own ``# stlint: seatunnel-version=X`` (the
        engine applies that directive too; here so that completion and hover use the same
        catalog as the checker)."""
        s = self._folder_settings(path)
        if path:
            if self._is_fragment(path):  # checked as a fragment, like the CLI does (no whole-job rules)
                s = dataclasses.replace(s, fragment=True)
            return self._with_file_version(path, s)
        return s

    def _folder_settings(self, path: str | None) -> Settings:
        """The settings of ``path``'s folder, cached. Loaded on either thread (the loop answers
        some requests itself); a load that a settings change overtook (the loop cleared the cache
        while the analysis thread was reading the old file or options) is used once, not cached."""
        d = os.path.dirname(os.path.abspath(path)) if path else ""
        s = self.settings_cache.get(d)
        if s is None:
            gen = self.settings_gen
            s = self._load_settings(path)
            if gen == self.settings_gen:
                self.settings_cache[d] = s
        return s

    def _is_fragment(self, path: str) -> bool:
        ap = os.path.abspath(path)
        hit = self.fragment_cache.get(ap)
        if hit is None:
            from stlint.cli import included_files

            hit = self.fragment_cache[ap] = ap in included_files([(ap, ap, True)])
        return hit

    def version_info(self, uri: str | None) -> dict:
        from stlint.catalog import DEFAULT_VERSION, available_versions

        path = path_of(uri) if uri else None
        base = self._folder_settings(path)  # the folder's settings (without the file's directive)
        eff = self._with_file_version(path, base) if path else base
        source = "file" if eff.seatunnel_version != base.seatunnel_version else \
            "settings" if base.seatunnel_version else "default"
        return {"version": eff.seatunnel_version or DEFAULT_VERSION, "source": source,
                "available": list(available_versions()), "default": DEFAULT_VERSION}

    def _with_file_version(self, path: str, s: Settings) -> Settings:
        from stlint.engine import file_version

        doc = self.open_doc(Path(path).as_uri()) if os.path.isabs(path) else None
        if doc is None or "seatunnel-version" not in doc.source or text_over_limit(doc.source):
            return s  # (a document over the size limit is not read at all)
        return file_version(Source(doc.source, path), s)[0]

    def _load_settings(self, path: str | None) -> Settings:
        from stlint import config

        s: Settings | None = None
        find = getattr(config, "find_config", None)
        load = getattr(config, "load_config", None)
        if find is not None and load is not None and path:
            cfg = None
            try:
                cfg = find(os.path.dirname(os.path.abspath(path)))
                if cfg:
                    s = load(cfg)
                    self.config_warned.pop(cfg, None)  # fixed: a later problem is shown again
            except Exception as e:  # a broken config file: say so once per distinct problem, lint with defaults
                self.log(f"stlint: cannot read settings for {path}: {e}", T.MessageType.Warning)
                msg = f"stlint: {e}"
                key = cfg or path
                if self.config_warned.get(key) != msg:
                    self.config_warned[key] = msg
                    self.show(msg)
        if not isinstance(s, Settings):
            s = Settings()
        ver = self.client_options.get("seatunnelVersion")
        if ver:
            s.seatunnel_version = self.checked_version(str(ver))
        return s

    def checked_version(self, ver: str) -> str | None:
        """The client's `seatunnelVersion` if a catalog exists for it; otherwise say so once
        (window/showMessage) and lint with the newest catalog, never silently."""
        from stlint.catalog import UnknownVersionError, resolve_version

        try:
            return resolve_version(ver)  # the catalog id: "2.3" -> the newest 2.3.x
        except UnknownVersionError as e:
            if ver not in self.version_warned:
                self.version_warned.add(ver)
                from stlint.catalog import DEFAULT_VERSION

                msg = (f"stlint: setting `seatunnelVersion`: {e.args[0]}. Checking against the newest catalog "
                       f"({DEFAULT_VERSION}) until the setting names one of these.")
                self.log(msg, T.MessageType.Error)
                self.show(msg, T.MessageType.Error)  # from any thread: the loop writes it
            return None

    def set_client_options(self, opts: Any) -> None:
        if not isinstance(opts, dict):
            return
        if isinstance(opts.get("stlint"), dict):
            opts = opts["stlint"]
        if "seatunnelVersion" in opts and opts["seatunnelVersion"] != self.client_options.get("seatunnelVersion"):
            self.version_warned.clear()  # a new value: an unknown one is said again (once)
        self.client_options.update(opts)
        if "debounceMs" in opts:
            try:
                self.debounce_fixed = max(0.0, float(opts["debounceMs"]) / 1000)
            except (TypeError, ValueError):
                pass

    def workspace_event(self) -> asyncio.Event:
        if self._ws_event is None:
            self._ws_event = asyncio.Event()
        return self._ws_event

    def workspace_changed(self) -> None:
        """Something a workspace report may depend on changed: a waiting workspace/diagnostic answers."""
        if self._ws_event is not None:
            self._ws_event.set()

    def files_changed(self, paths: list[str], skip: str | None = None) -> None:
        """Files changed on disk (saved, or a watched-file event): re-check the open documents
        that include one of them, and tell workspace diagnostics."""
        self.fragment_cache.clear()  # who includes whom may have changed
        again: set[str] = set()
        for p in paths:
            again.update(workspace.includers(self, p))
        again.discard(skip or "")
        for uri in again:
            self.results.pop(uri, None)
            self.schedule(uri, changed_settings=True)
        if again and not self.push:
            try:
                self.workspace_diagnostic_refresh(None)
            except Exception:
                pass
        self.workspace_changed()

    def settings_changed(self) -> None:
        self.workspace_changed()
        self.settings_gen += 1
        self.settings_cache.clear()
        self.fragment_cache.clear()
        self.results.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, changed_settings=True)
        if not self.push:
            try:
                self.workspace_diagnostic_refresh(None)
            except Exception:
                pass

    # -- linting (analysis thread) ----------------------------------------------------------
    def lint_snapshot(self, snap: Snapshot, cancelled: Callable[[], bool] | None = None) -> LintResult:
        """The lint result for ``snap`` (cached per document: version, settings and text)."""
        path = path_of(snap.uri)
        settings = self.settings_for(path)
        key = settings.key()
        c = self.results.get(snap.uri)
        if c is not None and c.version == snap.version and c.settings_key == key and c.text == snap.text:
            return c.result
        t0 = time.perf_counter()
        refused, finding = refusal.for_text(snap.text, settings, path)
        if refused:  # over the file size limit: one file-too-large finding, no parse, no line index
            res = refusal.refused_result(Source("", path), settings, [finding] if finding else [])
        else:
            res = lint_source(Source(snap.text, path), settings, cancelled=cancelled)
            # the rules' per-lint analyses (key paths, value walks: ~20% of a result's memory) are
            # not kept for every open document; the pipeline view draws from a fresh context
            res.context = None
        self.lint_time[snap.uri] = time.perf_counter() - t0
        self.results[snap.uri] = Cached(snap.version, key, res, snap.text)
        return res

    def cached(self, snap: Snapshot) -> LintResult | None:
        c = self.results.get(snap.uri)
        if c is None or c.version != snap.version or c.text != snap.text:
            return None
        src_path = path_of(snap.uri)
        if c.settings_key != self.settings_for(src_path).key():
            return None
        return c.result

    def lint(self, uri: str) -> tuple[LintResult, int | None] | None:
        """The lint result the current request is answered from: inside a request handler on the
        analysis thread, the one for the text the request was made against; else the current text."""
        pin = getattr(self._pin, "value", None)
        if pin is not None and pin[0] == uri:
            return pin[1], pin[2]
        snap = self.snapshot(uri)
        if snap is None:
            return None
        return self.lint_snapshot(snap), snap.version

    def lsp_diagnostics(self, uri: str, res: LintResult, version: int | None) -> list[T.Diagnostic]:
        return [to_lsp(uri, res.source, d, version) for d in res.diagnostics]

    def _answer(self, handler: Callable[[Any], Any], params: Any, snap: Snapshot | None) -> Any:
        if snap is None:
            return handler(params)
        self._pin.value = (snap.uri, self.lint_snapshot(snap), snap.version)
        try:
            return handler(params)
        finally:
            self._pin.value = None

    def offload(self, handler: Callable[[Any], Any], heavy: bool = False) -> Callable[[Any], Any]:
        """Answer a request from the lint result of the document as it is now: on the event loop
        when that result is ready (and the handler is cheap), else on the analysis thread."""

        async def on_analysis_thread(params):
            td = getattr(params, "text_document", None)
            snap = self.snapshot(td.uri) if td is not None else None
            if snap is not None and not heavy:
                res = self.cached(snap)
                if res is not None:  # already linted: answer here, even while another lint runs
                    self._pin.value = (snap.uri, res, snap.version)
                    try:
                        return handler(params)
                    finally:
                        self._pin.value = None
            fut = self.worker.submit(self._answer, handler, params, snap)
            return await asyncio.wrap_future(fut)

        return on_analysis_thread

    # -- scheduling (event loop) ------------------------------------------------------------
    def schedule(self, uri: str, changed_settings: bool = False) -> None:
        """Lint ``uri`` now if no lint runs for it; otherwise once the running one ends."""
        if not self.push:
            return
        job = self.linting.get(uri)
        if job is not None:
            # the running lint is stale: stop it at its next check point; _linted then starts
            # the next lint with the latest text (changes that arrive meanwhile are coalesced)
            job.stop = True
            if changed_settings:
                self.stale.add(uri)
            return
        if self.debounce_fixed:
            old = self.delayed.pop(uri, None)
            if old is not None:
                old.cancel()
            if self.loop is not None:
                self.delayed[uri] = self.loop.call_later(self.debounce_fixed, self._start, uri)
                return
        self._start(uri)

    def _start(self, uri: str) -> None:
        self.delayed.pop(uri, None)
        if uri in self.linting:
            return
        snap = self.snapshot(uri)
        if snap is None:
            return
        if self.loop is None:  # served by pygls' own loop (--tcp): adopt it
            try:
                self.attach_loop(asyncio.get_running_loop())
            except RuntimeError:
                pass
        job = LintJob(snap)
        job.future = fut = self.worker.submit(self._push_lint, job)
        self.linting[uri] = job
        if self.loop is None:  # no event loop (not serving): finish at once
            cf.wait([fut])
            self._linted(job)
            return
        loop = self.loop
        fut.add_done_callback(lambda f: loop.call_soon_threadsafe(self._linted, job))

    def _push_lint(self, job: LintJob) -> dict:
        """On the analysis thread: lint, and build the publishDiagnostics message (converting a
        few thousand diagnostics is work the loop should not do)."""
        snap = job.snap
        res = self.lint_snapshot(snap, job.cancelled)
        params = T.PublishDiagnosticsParams(uri=snap.uri, version=snap.version,
                                            diagnostics=self.lsp_diagnostics(snap.uri, res, snap.version))
        return {"jsonrpc": "2.0", "method": T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                "params": self.protocol._converter.unstructure(params)}

    def _linted(self, job: LintJob) -> None:
        snap, fut = job.snap, job.future
        uri = snap.uri
        if self.linting.get(uri) is job:
            del self.linting[uri]
        stale = uri in self.stale
        self.stale.discard(uri)
        doc = self.open_doc(uri)
        if doc is None or not self.push:
            return  # closed meanwhile
        current = doc.version == snap.version and not stale
        if current:
            try:
                message = fut.result()
            except Cancelled:  # stopped though the document is unchanged: lint it again
                self.schedule(uri)
                return
            except Exception as e:
                self.log("stlint: lint failed:\n" + "".join(traceback.format_exception(e)), T.MessageType.Error)
                return
            self.protocol._send_data(message)  # the loop only writes it
        else:
            if job.stop and fut.exception() is not None and isinstance(fut.exception(), Cancelled):
                self.log(f"stlint: stopped linting version {snap.version} of {uri}: a newer version arrived")
            self.schedule(uri)  # the editor moved on: lint the latest text

    def forget(self, uri: str) -> None:
        t = self.delayed.pop(uri, None)
        if t is not None:
            t.cancel()
        self.results.pop(uri, None)
        self.lint_time.pop(uri, None)
        self.stale.discard(uri)


# ---------------------------------------------------------------------------------------------
def _none():
    return None


def _list():
    return []


def _import_shared_packages() -> None:
    """Import, before the server has more than one thread, the packages that its event loop and
    its analysis thread both import lazily. Python takes a lock per module; a thread importing
    ``stlint.catalog.model`` directly takes the module's lock and then the package's, while a thread
    importing ``stlint.catalog`` takes them in the other order: when both first happen at once
    (the status bar's ``stlint/catalogVersion`` during the first lint), one of them fails with
    ``_DeadlockError``. Once the packages are in, importing a submodule takes no package lock."""
    import stlint.catalog  # noqa: F401 (its __init__ imports .model and .resources)
    from stlint.checks import all_rules

    all_rules()  # the rule families (they import stlint.catalog.model and friends)


def build_server() -> StlintServer:
    _import_shared_packages()
    server = StlintServer()

    @server.feature(T.INITIALIZE)
    @guarded(_none)
    def initialize(ls: StlintServer, params: T.InitializeParams):
        ls.set_client_options(params.initialization_options)
        mode = str(ls.client_options.get("diagnosticMode", "auto"))
        caps = params.capabilities
        can_pull = bool(caps and caps.text_document and caps.text_document.diagnostic)
        ls.push = mode in ("push", "both") or (mode == "auto" and not can_pull)
        return None

    @server.feature(T.INITIALIZED)
    async def initialized(ls: StlintServer, params: T.InitializedParams):
        try:
            caps = ls.client_capabilities
            ws = caps.workspace if caps else None
            wf = ws.did_change_watched_files if ws else None
            if wf is not None and wf.dynamic_registration:
                watchers = [T.FileSystemWatcher(glob_pattern=f"**/{n}") for n in CONFIG_FILES]
                watchers.append(T.FileSystemWatcher(glob_pattern=JOB_GLOB))  # includes, workspace view
                await ls.client_register_capability_async(T.RegistrationParams([T.Registration(
                    "stlint-config-watch", T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    T.DidChangeWatchedFilesRegistrationOptions(watchers))]))
        except Exception:
            ls.log("stlint: could not register file watchers:\n" + traceback.format_exc(), T.MessageType.Warning)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    @guarded(_none)
    def did_open(ls: StlintServer, params: T.DidOpenTextDocumentParams):
        ls.schedule(params.text_document.uri)
        completion.warm(ls, params.text_document.uri)  # plugin snippets, after that lint, in small jobs

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(_none)
    def did_change(ls: StlintServer, params: T.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri)
        ls.workspace_changed()

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    @guarded(_none)
    def did_save(ls: StlintServer, params: T.DidSaveTextDocumentParams):
        path = path_of(params.text_document.uri) or ""
        if os.path.basename(path) in CONFIG_FILES:
            ls.settings_changed()
        elif path:
            ls.files_changed([path], skip=params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(_none)
    def did_close(ls: StlintServer, params: T.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        ls.forget(uri)
        if ls.push:
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.TEXT_DOCUMENT_DIAGNOSTIC,
                    T.DiagnosticOptions(inter_file_dependencies=True, workspace_diagnostics=True,
                                        identifier="stlint"))
    @guarded(lambda: T.RelatedFullDocumentDiagnosticReport(items=[]))
    def pull_diagnostics(ls: StlintServer, params: T.DocumentDiagnosticParams):
        got = ls.lint(params.text_document.uri)
        if got is None:
            return T.RelatedFullDocumentDiagnosticReport(items=[])
        res, version = got
        return T.RelatedFullDocumentDiagnosticReport(items=ls.lsp_diagnostics(params.text_document.uri, res, version))

    @server.feature(CATALOG_VERSION_REQUEST)
    @guarded(_none)
    def catalog_version(ls: StlintServer, params: Any):
        """The SeaTunnel catalog a document is checked against (for the VS Code status bar):
        ``{"version", "source": "file"|"settings"|"default", "available": [...], "default"}``."""
        uri = params.get("uri") if isinstance(params, dict) else getattr(params, "uri", None)
        return ls.version_info(uri)

    @server.feature(T.WORKSPACE_DIAGNOSTIC)
    async def workspace_diagnostics(ls: StlintServer, params: T.WorkspaceDiagnosticParams):
        """Every job of the workspace folders (``stlint.lsp.workspace``). When nothing changed
        since the client's previous result ids, the answer waits (up to WORKSPACE_POLL seconds)
        for a change: clients re-ask as soon as they have an answer."""
        try:
            previous = {p.uri: p.value for p in (params.previous_result_ids or [])}
            ev = ls.workspace_event()
            ev.clear()
            items = await asyncio.wrap_future(ls.worker.submit(workspace.report, ls, previous))
            if previous and all(isinstance(i, T.WorkspaceUnchangedDocumentDiagnosticReport) for i in items):
                try:
                    await asyncio.wait_for(ev.wait(), WORKSPACE_POLL)
                except asyncio.TimeoutError:
                    pass
                items = await asyncio.wrap_future(ls.worker.submit(workspace.report, ls, previous))
            return T.WorkspaceDiagnosticReport(items=items)
        except Exception:
            ls.log("stlint: workspace/diagnostic failed:\n" + traceback.format_exc(), T.MessageType.Error)
            return T.WorkspaceDiagnosticReport(items=[])

    @server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: StlintServer, params: T.DidChangeConfigurationParams):
        try:
            settings = params.settings
            if isinstance(settings, dict) and settings:
                ls.set_client_options(settings)
            else:
                caps = ls.client_capabilities
                if caps and caps.workspace and caps.workspace.configuration:
                    got = await ls.workspace_configuration_async(
                        T.ConfigurationParams([T.ConfigurationItem(section="stlint")]))
                    if got and isinstance(got[0], dict):
                        ls.set_client_options(got[0])
            ls.settings_changed()
        except Exception:
            ls.log("stlint: didChangeConfiguration failed:\n" + traceback.format_exc(), T.MessageType.Error)

    @server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded(_none)
    def did_change_watched(ls: StlintServer, params: T.DidChangeWatchedFilesParams):
        paths = [path_of(c.uri) or "" for c in params.changes]
        if any(os.path.basename(p) in CONFIG_FILES for p in paths):
            ls.settings_changed()
        else:
            ls.files_changed([p for p in paths if p])

    completion.register(server)
    hover.register(server)
    actions.register(server)
    navigation.register(server)
    from stlint.lsp import pipeline  # `stlint/pipeline`: the pipeline view (issue 16)

    pipeline.register(server)
    from stlint.lsp import formatting  # `stlint format` as textDocument/(range)formatting (issue 15)

    formatting.register(server)
    # typing a space or a newline never pops a completion list (a blank line completes when asked)
    copts = server.protocol.fm.feature_options.get(T.TEXT_DOCUMENT_COMPLETION)
    if copts is not None and copts.trigger_characters:
        copts.trigger_characters = [c for c in copts.trigger_characters if c.strip()]
    features = server.protocol.fm.features
    for method in ANALYSIS_REQUESTS:
        if method in features:
            features[method] = server.offload(features[method], heavy=method in HEAVY_REQUESTS)
    return server
