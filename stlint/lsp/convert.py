"""LSP protocol helpers: offsets <-> LSP positions, stlint diagnostics -> LSP diagnostics, URIs.

Pure functions over ``stlint.source.Source`` and ``stlint.diagnostics.Diagnostic``; the feature
modules and the server import them from here (this module imports no other ``stlint.lsp``
module, so there is no import cycle).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as T

from stlint.diagnostics import Diagnostic
from stlint.docs import rule_url
from stlint.source import Source

SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
            "info": T.DiagnosticSeverity.Information}

# what an editor should show besides the severity (LSP DiagnosticTag): deprecated keys struck
# through, text that does nothing faded. Keyed by rule name: the rule's meaning, not its message.
RULE_TAGS: dict[str, list[T.DiagnosticTag]] = {
    "deprecated-option": [T.DiagnosticTag.Deprecated],
    "unused-plugin-output": [T.DiagnosticTag.Unnecessary],
    "unused-suppression": [T.DiagnosticTag.Unnecessary],
}


def rng(src: Source, start: int, end: int) -> T.Range:
    a = src.lsp_pos(start)
    b = src.lsp_pos(max(start, end))
    return T.Range(T.Position(*a), T.Position(*b))


def offset_at(src: Source, pos: T.Position) -> int:
    return src.offset_from_lsp(pos.line, pos.character)


def path_of(uri: str) -> str | None:
    """The file system path of a ``file:`` URI (None for other schemes)."""
    u = urlparse(uri)
    if u.scheme != "file":
        return None
    p = unquote(u.path)
    if os.name == "nt" and p.startswith("/") and len(p) > 2 and p[2] == ":":
        p = p[1:]
    return p


_path_of = path_of  # the name the server used before the move


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
        related_information=related, data=data, tags=RULE_TAGS.get(d.name))


def _range_json(r: T.Range) -> dict:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}
