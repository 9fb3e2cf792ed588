"""The completion scanner resumes from states saved for the previous text (stlint.lsp.context):
the context it finds must equal a scan from the start, whatever was edited where."""

from __future__ import annotations

import random

from stlint.lsp import context
from testpaths import CORPUS, require_shared


def fresh(text: str, end: int):
    context._LAST = ("", [])
    return context.scan(text, end)


def corpus_texts() -> list[str]:
    require_shared()
    files = sorted((p.stat().st_size, p) for p in CORPUS.rglob("*.conf"))
    return [files[-1][1].read_text(encoding="utf-8"), files[-2][1].read_text(encoding="utf-8")]


def test_resumed_scan_equals_a_fresh_scan():
    rnd = random.Random(13)
    inserts = ['"', '"""', "{", "}", "[", "]", "#", "//", "${", "\n", "a = ", ",", "x", '\\"', "}}"]
    for base in corpus_texts():
        assert len(base) > 4 * context.CHECKPOINT_EVERY
        text = base
        for step in range(300):
            # typing: the cursor moves forward, sometimes an edit far behind or ahead of it
            at = rnd.randrange(len(text) + 1)
            if step % 3:
                text = text[:at] + rnd.choice(inserts) + text[at:]
            else:
                text = text[:at] + text[at + rnd.randrange(1, 40):]
            end = rnd.randrange(len(text) + 1)
            got = context.scan(text, end)  # resumes from the previous text's states
            states = context._LAST
            assert got == fresh(text, end), (step, at, end)
            context._LAST = states
    # typing one character at a time at the end of a growing prefix: every scan resumes
    text = corpus_texts()[0]
    context._LAST = ("", [])
    for n in range(len(text) - 3000, len(text), 37):
        assert context.scan(text[:n], n) == fresh(text[:n], n)


def test_resume_skips_the_unchanged_prefix(monkeypatch):
    """The scan after a keystroke near the end reads only the text after the last saved state."""
    text = corpus_texts()[0]
    context._LAST = ("", [])
    context.scan(text, len(text))
    searched: list[int] = []
    real = context.TOKEN

    class Spy:
        def search(self, s, i, end):
            searched.append(i)
            return real.search(s, i, end)

    monkeypatch.setattr(context, "TOKEN", Spy())
    edited = text[:-10] + "x" + text[-10:]
    context.scan(edited, len(edited) - 10)
    assert min(searched) >= len(text) - 10 - context.CHECKPOINT_EVERY - 200
