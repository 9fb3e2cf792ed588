"""Linting runs off the event loop: requests that only need the text (completion) or a result that
is ready (hover on another document) are answered while a large document is linted; changes that
arrive during a lint are coalesced (the latest version wins). Asserted by the order of messages,
never by timing."""

from __future__ import annotations

from lsprotocol import types as T

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc

N = 600  # chained transforms in the large document (a lint of it: ~0.4 s on an idle 2-core machine)
SMALL = 'env {\n  parallelism = 1\n}\nsource {\n  FakeSource {\n    plugin_output = "t0"\n  }\n}\n' \
        'sink {\n  Console {\n    plugin_input = "t0"\n  }\n}\n'


def big(n: int = N, tag: str = "") -> str:
    """A valid job with ``n`` chained Sql transforms (each with a plaintext password): a lint of
    it takes hundreds of milliseconds."""
    parts = ['env {\n  parallelism = 1\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n'
             '    plugin_output = "t0"\n    row.num = 10\n  }\n}\ntransform {\n']
    for i in range(n):
        parts.append(f'  Sql {{\n    plugin_input = "t{i}"\n    plugin_output = "t{i + 1}"\n'
                     f'    query = "select * from t{i}{tag}"\n    password = "pw{i}"\n  }}\n')
    parts.append('}\nsink {\n  Console {\n    plugin_input = "t%d"\n    \n  }\n}\n' % n)
    return "".join(parts)


def published(client, uri: str) -> list[int]:
    return [p.version for p in client.published if p.uri == uri]


async def test_requests_answered_while_a_large_document_is_linted(client, tmp_path):
    small = Doc(client, tmp_path / "small.conf", SMALL)
    await small.diagnostics()
    text = big()
    doc = Doc(client, tmp_path / "big.conf", text)  # didOpen: its lint starts now
    pos = doc.pos("    \n  }\n}\n", after=False, nth=0)
    pos = T.Position(pos.line, 4)  # inside Console { }
    comp = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))
    assert "plugin_input" in {i.label for i in comp.items} or comp.items
    hov = await client.text_document_hover_async(T.HoverParams(small.ident(), small.pos("parall", after=False)))
    assert hov is not None and "parallelism" in hov.contents.value
    assert published(client, doc.uri) == [], "completion/hover waited for the lint of the large document"
    diags = await doc.diagnostics(timeout=120)
    assert len([d for d in diags if d.code == "plaintext-secret"]) == N

    # a change, then completion at once: answered before the diagnostics of that version
    doc.change(big(tag="x"))
    comp = await client.text_document_completion_async(T.CompletionParams(doc.ident(), pos))
    assert comp.items
    assert doc.version not in published(client, doc.uri)
    await doc.diagnostics(timeout=120)


async def test_changes_during_a_lint_are_coalesced(client, tmp_path):
    doc = Doc(client, tmp_path / "big.conf", big())
    await doc.diagnostics(timeout=120)
    first = doc.version
    # the first change starts a lint at once (the server is idle); the next ones arrive while it
    # runs and are coalesced: only the latest version is linted and published after it
    for i in range(5):
        doc.change(big(tag="v" * (i + 1)))
    diags = await doc.diagnostics(timeout=120)
    assert len([d for d in diags if d.code == "plaintext-secret"]) == N
    after = [v for v in published(client, doc.uri) if v > first]
    assert after == [doc.version], after
    # hover on the large document is answered from the result of its current text
    hov = await client.text_document_hover_async(T.HoverParams(doc.ident(), doc.pos("FakeS", after=False)))
    assert hov is not None and "FakeSource" in hov.contents.value


async def test_a_stale_lint_is_stopped(client, tmp_path):
    doc = Doc(client, tmp_path / "big.conf", big())
    await doc.diagnostics(timeout=120)
    doc.change(big(tag="a"))  # starts a lint at once
    stale = doc.version
    doc.change(big(tag="b"))  # arrives while it runs: that lint stops at its next check point
    diags = await doc.diagnostics(timeout=120)
    assert len([d for d in diags if d.code == "plaintext-secret"]) == N
    assert stale not in published(client, doc.uri)
    stopped = [m.message for m in client.log_messages
               if m.message.startswith(f"stlint: stopped linting version {stale} ")]
    assert stopped, [m.message for m in client.log_messages]
