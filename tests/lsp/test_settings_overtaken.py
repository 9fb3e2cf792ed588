"""A settings load that a settings change overtook is not cached (stlint/lsp/server.py).

The analysis thread can be reading ``.stlint.toml`` (or the client's options) when the event loop
handles a change of them (a watched-file event, didChangeConfiguration) and clears the settings
cache; the old settings that load then returns must not be stored in the cleared cache, or the
folder keeps them until the next change. The loop's handler is run at the point where it can
interleave: right after the real ``load_config`` read the file.
"""

from __future__ import annotations

from lsprotocol import types as T

from stlint import config
from stlint.lsp.server import StlintServer


def test_settings_changed_during_a_load_is_not_overwritten(tmp_path, monkeypatch):
    cfg = tmp_path / ".stlint.toml"
    cfg.write_text('extend-select = ["plugin-name-case"]\n')
    job = tmp_path / "job.conf"
    job.write_text('env {\n  job.mode = "BATCH"\n}\n')
    server = StlintServer()
    for _ in server.protocol.lsp_initialize(T.InitializeParams(  # pygls sets up the workspace
            capabilities=T.ClientCapabilities(), root_uri=tmp_path.as_uri())):
        pass
    real = config.load_config
    calls = []

    def load_then_change(path):
        s = real(path)
        calls.append(path)
        if len(calls) == 1:  # the file changes and the loop handles the event before this load returns
            cfg.write_text('ignore = ["duplicate-key"]\n')
            server.settings_changed()
        return s

    monkeypatch.setattr(config, "load_config", load_then_change)
    first = server.settings_for(str(job))
    assert first.extend_select == ["plugin-name-case"]  # the load that began before the change
    now = server.settings_for(str(job))
    assert len(calls) == 2, calls  # read again, not the overtaken result from the cache
    assert now.extend_select == [] and now.ignore == ["duplicate-key"], now
    assert server.version_info(job.as_uri())["source"] == "default"
