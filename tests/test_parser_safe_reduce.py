"""The driver skips its undo log for reductions that the tables (stlint/grammar_build.py,
``safe_reductions``) prove are followed by a shift, and for those whose fate the top entries of
the state stack decide (``deciding_depths``: the check is memoised on them). If either analysis
were wrong, error recovery would start from stacks already reduced on a refused token: other
messages, positions or trees. Compare the parser with and without the shortcuts on broken
variants of real corpus files."""

from __future__ import annotations

from testpaths import CORPUS, corpus_rows, require_shared
from stlint import parser as P


def _dump(n, out: list) -> None:
    stack = [n]
    while stack:
        x = stack.pop()
        if x is None:
            out.append(None)
            continue
        out.append((type(x).__name__, x.start, x.end, getattr(x, "text", None), getattr(x, "kind", None),
                    getattr(x, "sep", None), getattr(x, "closed", None)))
        if isinstance(x, P.SField):
            out.append(tuple(x.key.parts))
            stack.append(x.value)
        elif isinstance(x, P.SObject):
            stack.extend(reversed(x.members))
            out.append(getattr(x, "recovered", ()))
        elif isinstance(x, P.SArray):
            stack.extend(reversed(x.items))
        elif isinstance(x, P.SConcat):
            stack.extend(reversed(x.parts))


def _result(text: str):
    r = P.parse(text)
    tree: list = []
    _dump(r.root, tree)
    return [(d.start, d.end, d.message) for d in r.diagnostics], tree


def _variants(text: str):
    """Broken copies: one character dropped, or a stray token inserted, at spread positions."""
    step = max(1, len(text) // 25)
    for i in range(0, len(text), step):
        yield text[:i] + text[i + 1:]
        for ins in ("}", "]", "=", ",", "\n", '"', "a b"):
            yield text[:i] + ins + text[i:]


def test_tables_have_safe_reductions():
    # not vacuous: the common tokens after a value or key take the shortcut
    assert len(P._SAFE_REDUCE) == len(P._STATES)
    safe = set().union(*P._SAFE_REDUCE)
    assert {"_NL", "RBRACE", "KV_SEP"} <= safe


def test_shortcut_changes_nothing_on_broken_input(monkeypatch):
    require_shared()
    rows = corpus_rows()[::50]
    texts = [(CORPUS / r["file"]).read_text(encoding="utf-8", errors="replace") for r in rows]
    with_errors = 0
    for text in texts:
        for v in _variants(text):
            fast = _result(v)
            monkeypatch.setattr(P, "_SAFE_REDUCE", [frozenset()] * len(P._STATES))
            monkeypatch.setattr(P, "_DECIDING_DEPTH", [{}] * len(P._STATES))
            slow = _result(v)
            monkeypatch.undo()
            assert fast == slow, v
            with_errors += bool(fast[0])
    assert with_errors > 100  # the variants do exercise recovery


class _NoMemo(dict):
    def __setitem__(self, key, value) -> None:
        pass


def test_deciding_depth_bounds_what_the_check_reads(monkeypatch):
    # the memo of _refused_at is keyed on the top `depth` entries of the state stack: the check
    # must read nothing below them. Run it on those entries alone, over entries that would fail
    # if read, and compare, at every token that takes the memo (no memo: every time).
    require_shared()
    rows = corpus_rows()[::50]
    texts = [(CORPUS / r["file"]).read_text(encoding="utf-8", errors="replace") for r in rows]
    real = P._refused_at
    unreadable = [len(P._STATES)] * 64  # not a state: _STATES[...] raises if the check reads it
    seen = {"checks": 0, "refused": 0}

    def checked(ss, ty):
        d = P._DECIDING_DEPTH[ss[-1]].get(ty)
        r = real(ss, ty)
        if d is not None:
            assert real(unreadable + ss[-d:], ty) == r, (ss, ty, d)
            seen["checks"] += 1
            seen["refused"] += r >= 0
        return r

    monkeypatch.setattr(P, "_refused_at", checked)
    monkeypatch.setattr(P, "_REFUSALS", _NoMemo())
    for text in texts:
        _result(text)
        for v in _variants(text):
            _result(v)
    assert seen["checks"] > 1000 and seen["refused"] > 100, seen  # not vacuous: both outcomes
