"""The stlint language server (pygls 2.x).

Everything it reports comes from ``stlint.engine.lint_source`` and every edit it offers from
``stlint.fixes``; this module only converts between offsets and LSP positions, keeps one lint
result per document version and schedules the work.

Diagnostics: pushed after didOpen and (debounced) after each didChange, never for a version the
editor has already replaced; also served on ``textDocument/diagnostic`` (pull). Clients that
can pull get pull only (no duplicates) unless ``initializationOptions.diagnosticMode`` says
``push``/``both``.

Settings: ``[tool.stlint]`` / ``.stlint.toml`` through ``stlint.config`` (nearest to the file),
then the client's ``seatunnelVersion`` (initializationOptions, ``workspace/didChangeConfiguration``
or ``workspace/configuration`` section ``stlint``). Re-read when those files change (watched
files, or on save).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import unquote, urlparse

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer

from stlint import __version__
from stlint.config import Settings
from stlint.diagnostics import Diagnostic
from stlint.docs import rule_url
from stlint.engine import LintResult, lint_source
from stlint.source import Source

log = logging.getLogger("stlint.lsp")

CONFIG_FILES = ("pyproject.toml", ".stlint.toml")
SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
            "info": T.DiagnosticSeverity.Information}
MIN_DEBOUNCE = 0.005
MAX_DEBOUNCE = 0.150


def rng(src: Source, start: int, end: int) -> T.Range:
    a = src.lsp_pos(start)
    b = src.lsp_pos(max(start, end))
    return T.Range(T.Position(*a), T.Position(*b))


def offset_at(src: Source, pos: T.Position) -> int:
    return src.offset_from_lsp(pos.line, pos.character)


@dataclass
class Cached:
    version: int | None
    settings_key: str
    result: LintResult


class StlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("stlint", __version__)
        self.results: dict[str, Cached] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.client_options: dict[str, Any] = {}  # initializationOptions + didChangeConfiguration
        self.settings_cache: dict[str, Settings] = {}
        self.push = True
        self.debounce_fixed: float | None = None
        self.lint_time: dict[str, float] = {}
        self.version_warned: set[str] = set()  # unknown seatunnelVersion values already shown to the user

    # -- logging --------------------------------------------------------------------------
    def log(self, msg: str, kind: T.MessageType = T.MessageType.Log) -> None:
        try:
            self.window_log_message(T.LogMessageParams(kind, msg))
        except Exception:  # pragma: no cover - no client attached
            log.info(msg)

    # -- documents ------------------------------------------------------------------------
    def open_doc(self, uri: str):
        docs = self.workspace.text_documents
        return docs.get(uri) or docs.get(unquote(uri))

    def source_of(self, uri: str) -> tuple[Source, int | None] | None:
        doc = self.open_doc(uri)
        if doc is None:
            return None
        return Source(doc.source, _path_of(uri)), doc.version

    # -- settings -------------------------------------------------------------------------
    def settings_for(self, path: str | None) -> Settings:
        d = os.path.dirname(os.path.abspath(path)) if path else ""
        s = self.settings_cache.get(d)
        if s is None:
            s = self._load_settings(path)
            self.settings_cache[d] = s
        return s

    def _load_settings(self, path: str | None) -> Settings:
        from stlint import config

        s: Settings | None = None
        find = getattr(config, "find_config", None)
        load = getattr(config, "load_config", None)
        if find is not None and load is not None and path:
            try:
                cfg = find(os.path.dirname(os.path.abspath(path)))
                if cfg:
                    s = load(cfg)
            except Exception as e:  # a broken config file: say so, lint with defaults
                self.log(f"stlint: cannot read settings for {path}: {e}", T.MessageType.Warning)
                try:
                    self.window_show_message(T.ShowMessageParams(T.MessageType.Warning, f"stlint: {e}"))
                except Exception:
                    pass
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
                try:
                    self.window_show_message(T.ShowMessageParams(T.MessageType.Error, msg))
                except Exception:  # pragma: no cover - no client attached
                    pass
            return None

    def set_client_options(self, opts: Any) -> None:
        if not isinstance(opts, dict):
            return
        if isinstance(opts.get("stlint"), dict):
            opts = opts["stlint"]
        self.client_options.update(opts)
        if "debounceMs" in opts:
            try:
                self.debounce_fixed = max(0.0, float(opts["debounceMs"]) / 1000)
            except (TypeError, ValueError):
                pass

    def settings_changed(self) -> None:
        self.settings_cache.clear()
        self.version_warned.clear()
        self.results.clear()
        for uri in list(self.workspace.text_documents):
            self.publish(uri)
        if not self.push:
            try:
                self.workspace_diagnostic_refresh(None)
            except Exception:
                pass

    # -- linting --------------------------------------------------------------------------
    def lint(self, uri: str) -> tuple[LintResult, int | None] | None:
        got = self.source_of(uri)
        if got is None:
            return None
        src, version = got
        settings = self.settings_for(src.path)
        key = settings.key()
        c = self.results.get(uri)
        if c is not None and c.version == version and c.settings_key == key and c.result.source.text == src.text:
            return c.result, version
        t0 = time.perf_counter()
        res = lint_source(src, settings)
        self.lint_time[uri] = time.perf_counter() - t0
        self.results[uri] = Cached(version, key, res)
        return res, version

    def lsp_diagnostics(self, uri: str, res: LintResult, version: int | None) -> list[T.Diagnostic]:
        return [to_lsp(uri, res.source, d, version) for d in res.diagnostics]

    def publish(self, uri: str) -> None:
        if not self.push:
            return
        got = self.lint(uri)
        if got is None:
            return
        res, version = got
        doc = self.open_doc(uri)
        if doc is None or doc.version != version:
            return  # the editor has moved on; a newer lint is scheduled
        self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=self.lsp_diagnostics(uri, res, version)))

    def debounce(self, uri: str) -> float:
        if self.debounce_fixed is not None:
            return self.debounce_fixed
        # coalescing only pays when a lint is slow: wait about twice the last lint's time
        return min(MAX_DEBOUNCE, max(MIN_DEBOUNCE, 2 * self.lint_time.get(uri, 0.0)))

    def schedule(self, uri: str) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        if not self.push:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.publish(uri)
            return
        self.pending[uri] = loop.create_task(self._later(uri, self.debounce(uri)))

    async def _later(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            self.pending.pop(uri, None)
            self.publish(uri)
        except asyncio.CancelledError:
            pass
        except Exception:
            self.log("stlint: lint failed:\n" + traceback.format_exc(), T.MessageType.Error)


def _path_of(uri: str) -> str | None:
    u = urlparse(uri)
    if u.scheme != "file":
        return None
    p = unquote(u.path)
    if os.name == "nt" and p.startswith("/") and len(p) > 2 and p[2] == ":":
        p = p[1:]
    return p


def to_lsp(uri: str, src: Source, d: Diagnostic, version: int | None) -> T.Diagnostic:
    related = [T.DiagnosticRelatedInformation(T.Location(uri, rng(src, r.start, r.end)), r.message)
               for r in d.related] or None
    data: dict[str, Any] = {"rule": d.name, "version": version}
    if d.fix is not None:
        data["fix"] = {
            "applicability": d.fix.applicability,
            "message": d.fix.message,
            "edits": [{"range": _range_json(rng(src, e.start, e.end)), "newText": e.text} for e in d.fix.edits],
        }
    msg = d.message
    if d.help and d.help not in msg:
        msg += "\nhelp: " + d.help
    return T.Diagnostic(
        range=rng(src, d.start, d.end), message=msg, severity=SEVERITY.get(d.severity, T.DiagnosticSeverity.Warning),
        code=d.name, code_description=T.CodeDescription(rule_url(d.name)), source="stlint",
        related_information=related, data=data)


def _range_json(r: T.Range) -> dict:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


# ---------------------------------------------------------------------------------------------
def guarded(default: Callable[[], Any]):
    """An exception in a handler is logged to the client and an empty result returned; the
    server keeps serving."""

    def deco(fn):
        @functools.wraps(fn)
        def wrapper(ls: StlintServer, params):
            try:
                if fn.__name__ in _FAULTS:
                    raise RuntimeError(f"injected fault in {fn.__name__}")
                return fn(ls, params)
            except Exception:
                ls.log(f"stlint: {fn.__name__} failed:\n{traceback.format_exc()}", T.MessageType.Error)
                return default()

        return wrapper

    return deco


# test hook: handler names that raise (STLINT_LSP_FAULTS=hover,completion) to prove the guard
_FAULTS = frozenset(n for n in os.environ.get("STLINT_LSP_FAULTS", "").split(",") if n)


def _none():
    return None


def _list():
    return []


def build_server() -> StlintServer:
    from stlint.lsp import actions, completion, hover, navigation

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
                await ls.client_register_capability_async(T.RegistrationParams([T.Registration(
                    "stlint-config-watch", T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    T.DidChangeWatchedFilesRegistrationOptions(watchers))]))
        except Exception:
            ls.log("stlint: could not register file watchers:\n" + traceback.format_exc(), T.MessageType.Warning)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    @guarded(_none)
    def did_open(ls: StlintServer, params: T.DidOpenTextDocumentParams):
        uri = params.text_document.uri
        if ls.push:
            ls.publish(uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(_none)
    def did_change(ls: StlintServer, params: T.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    @guarded(_none)
    def did_save(ls: StlintServer, params: T.DidSaveTextDocumentParams):
        if os.path.basename(_path_of(params.text_document.uri) or "") in CONFIG_FILES:
            ls.settings_changed()

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(_none)
    def did_close(ls: StlintServer, params: T.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        t = ls.pending.pop(uri, None)
        if t is not None:
            t.cancel()
        ls.results.pop(uri, None)
        ls.lint_time.pop(uri, None)
        if ls.push:
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.TEXT_DOCUMENT_DIAGNOSTIC,
                    T.DiagnosticOptions(inter_file_dependencies=False, workspace_diagnostics=False,
                                        identifier="stlint"))
    @guarded(lambda: T.RelatedFullDocumentDiagnosticReport(items=[]))
    def pull_diagnostics(ls: StlintServer, params: T.DocumentDiagnosticParams):
        got = ls.lint(params.text_document.uri)
        if got is None:
            return T.RelatedFullDocumentDiagnosticReport(items=[])
        res, version = got
        return T.RelatedFullDocumentDiagnosticReport(items=ls.lsp_diagnostics(params.text_document.uri, res, version))

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
        if any(os.path.basename(_path_of(c.uri) or "") in CONFIG_FILES for c in params.changes):
            ls.settings_changed()

    completion.register(server)
    hover.register(server)
    actions.register(server)
    navigation.register(server)
    return server
