"""The ``stlint/pipeline`` request: the open job's pipeline, drawn by the server.

Request params ``{"textDocument": {"uri": ...}}``; result ``null`` for a document the server does
not have open, else ``{"uri", "version", "isJob", "svg", "nodes": [{id, kind, plugin, line,
column, offset, x, y, width, height, status}], "graph": graphview.to_dict(...)}``. Lines and
columns are 0-based LSP positions (UTF-16 columns), ready for ``editor.selection``. The SVG is
self-contained (no script, no external reference): a client shows it offline.

Answered from the lint result of the text as it is (the cached one when the document was linted
already, else linted on the analysis thread like every other request that needs a result).
"""

from __future__ import annotations

import asyncio
import traceback
from typing import Any

from lsprotocol import types as T

METHOD = "stlint/pipeline"


def _uri(params: Any) -> str | None:
    td = None
    if isinstance(params, dict):
        td = params.get("textDocument") or params.get("text_document")
    else:
        td = getattr(params, "textDocument", None) or getattr(params, "text_document", None)
    if isinstance(td, dict):
        return td.get("uri")
    return getattr(td, "uri", None)


def answer(res, uri: str, version: int | None, settings) -> dict:
    from stlint.graphview import pipeline, positions, to_dict, to_svg

    src = res.source
    if not res.is_job:
        return {"uri": uri, "version": version, "isJob": False, "svg": None, "nodes": [], "graph": None}
    pl = pipeline(res, settings)
    nodes = positions(pl)
    for n in nodes:
        n["line"], n["character"] = src.lsp_pos(n["offset"])
    return {"uri": uri, "version": version, "isJob": True, "svg": to_svg(pl), "nodes": nodes,
            "graph": to_dict(pl)}


def register(server) -> None:
    @server.feature(METHOD)
    async def stlint_pipeline(ls, params):
        try:
            uri = _uri(params)
            snap = ls.snapshot(uri) if uri else None
            if snap is None:
                return None
            res = ls.cached(snap)
            if res is None:
                res = await asyncio.wrap_future(ls.worker.submit(ls.lint_snapshot, snap))
            return answer(res, uri, snap.version, ls.settings_for(res.source.path))
        except Exception:
            ls.log(f"stlint: {METHOD} failed:\n{traceback.format_exc()}", T.MessageType.Error)
            return None
