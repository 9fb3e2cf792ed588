"""Whole-workspace diagnostics (``workspace/diagnostic``) and include dependencies.

The files are found with the CLI's discovery (``stlint.cli.discover``: the same suffixes, JSON
jobs, sniffing, ``exclude`` globs and fragments of ``included_files``) and linted through the
CLI's result cache (``stlint.cli._run`` over ``stlint.cache.ResultCache``), so a warm workspace
costs one stat per file. Open documents are answered from the server's own lint of the editor's
text (with their version). Each report carries a result id (a hash of what it says): a client
that sends it back gets "unchanged".
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from lsprotocol import types as T

from stlint.lsp.convert import path_of, to_lsp


def folders(ls) -> list[str]:
    """Local directories of the workspace folders (the root when the client sent none)."""
    out = []
    for f in ls.workspace.folders.values():
        p = path_of(f.uri)
        if p and os.path.isdir(p):
            out.append(p)
    if not out:
        root = ls.workspace.root_path
        if root and os.path.isdir(root):
            out.append(root)
    return out


def _result_id(settings_key: str, diags: list[T.Diagnostic], version: Any) -> str:
    h = hashlib.sha256(settings_key.encode())
    h.update(repr(version).encode())
    for d in diags:
        h.update(f"{d.range}|{d.code}|{d.severity}|{d.message}".encode())
    return h.hexdigest()[:24]


def report(ls, previous: dict[str, str]) -> list[T.WorkspaceDocumentDiagnosticReport]:
    """One report per job file in the workspace folders (runs on the analysis thread)."""
    from stlint import cli
    from stlint.config import ConfigError, Overrides
    from stlint.source import Source

    version = ls.client_options.get("seatunnelVersion")
    overrides = Overrides(seatunnel_version=ls.checked_version(str(version)) if version else None)
    resolver = cli.SettingsResolver(overrides)
    roots = folders(ls)
    if not roots:
        return []
    problems: list[str] = []
    try:
        files, problems = cli.discover(roots, resolver)
        fragments = cli.included_files(files)
    except ConfigError as e:  # a broken [tool.stlint]: said by the document lints; nothing here
        ls.log(f"stlint: workspace diagnostics: {e}", T.MessageType.Warning)
        return []
    out: list[T.WorkspaceDocumentDiagnosticReport] = []
    tasks = []
    for display, ap, explicit in files:
        uri = Path(ap).as_uri()
        snap = ls.snapshot(uri)
        if snap is not None:  # open in the editor: its text, its version
            res = ls.lint_snapshot(snap)
            items = ls.lsp_diagnostics(uri, res, snap.version)
            key = ls.settings_for(ap).key()
            _add(out, uri, items, snap.version, key, previous)
            continue
        try:
            settings = resolver.for_dir(os.path.dirname(ap))
        except ConfigError as e:
            ls.log(f"stlint: workspace diagnostics: {e}", T.MessageType.Warning)
            continue
        if ap in fragments:
            settings = replace(settings, fragment=True)
        tasks.append((display, ap, None, settings, True, explicit))
    results = cli._run(tasks, SimpleNamespace(no_cache=False, jobs=1), problems)
    for (display, ap, data, settings, _c, _e), diags in zip(tasks, results):
        if diags is None:
            continue
        uri = Path(ap).as_uri()
        items: list[T.Diagnostic] = []
        if diags:
            src = Source.from_bytes(data, ap) if data is not None else None
            if src is None:
                continue
            items = [to_lsp(uri, src, d, None) for d in diags]
        _add(out, uri, items, None, settings.key(), previous)
    for p in problems:
        ls.log(f"stlint: workspace diagnostics: {p}", T.MessageType.Warning)
    return out


def _add(out, uri, items, version, key, previous) -> None:
    rid = _result_id(key, items, version)
    if previous.get(uri) == rid:
        out.append(T.WorkspaceUnchangedDocumentDiagnosticReport(uri=uri, result_id=rid, version=version))
    else:
        out.append(T.WorkspaceFullDocumentDiagnosticReport(uri=uri, items=items, version=version, result_id=rid))


def includers(ls, path: str) -> list[str]:
    """URIs of the open documents whose last lint read (or looked for) ``path`` as an include."""
    real = os.path.realpath(path)
    out = []
    for uri, c in list(ls.results.items()):
        incs = getattr(c.result.doc, "includes", ())
        if any(real in getattr(i, "probed", ()) or i.resolved == real for i in incs):
            out.append(uri)
    return out
