"""The engine hands suppress.apply the model's syntax tree (it parsed the file again before): the
same findings are kept and the same unused-suppression findings made as with a fresh parse of
the text, for directives at every place of generated documents, broken ones included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stlint import suppress
from stlint.diagnostics import Diagnostic
from stlint.hocon import load_text
from stlint.source import Source

_LINES = st.sampled_from([
    "env {", "}", "source {", "sink {", "  FakeSource {", "  Console {", "    a = 1", "    b = [1, {c = 2}]",
    "    # stlint: disable=duplicate-key", "# stlint: disable-next-line=all", "    # stlint: enable=duplicate-key",
    "  # stlint: disable=unknown-option,duplicate-key", "    d { e = 1 }", "x = {", "  # stlint: enable=all",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=14))
def test_model_tree_gives_the_same_result(lines):
    text = "\n".join(lines) + "\n"
    src = Source(text, "job.conf")
    doc = load_text(text, "seatunnel", "job.conf")

    def diags():  # one finding of each kind at every line start
        out = []
        for i in range(src.line_count):
            off = src.line_start(i + 1)
            out += [Diagnostic("duplicate-key", "warning", "x", off, off),
                    Diagnostic("unknown-option", "warning", "y", off, off)]
        return out

    enabled = {"duplicate-key", "unknown-option", "unused-suppression"}
    fresh = suppress.apply(src, diags(), enabled)
    model = suppress.apply(src, diags(), enabled, doc.syntax)
    assert [(d.name, d.start, d.message) for d in fresh] == [(d.name, d.start, d.message) for d in model]
