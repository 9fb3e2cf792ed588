"""Build-time generator: grammar/hocon.lark -> stlint/_hocon_tables.py (plain data, no pickle).

Lark analyses the grammar (LALR(1) tables, contextual lexer: which terminals each parser state
accepts, in which order they are tried, which string terminals a regex terminal absorbs); this
module writes the result as Python literals that ``stlint.parser`` runs with its own small driver
and lexer. Lark is needed only here (at build/development time), never when stlint lints.

    python -m stlint.grammar_build          # rewrite stlint/_hocon_tables.py
    python -m stlint.grammar_build --check  # exit 1 if the committed tables are stale

State and rule numbers are canonical (breadth-first from the start state, symbols sorted), so the
output does not depend on hash seeds and a test can compare it with the committed file.
"""

from __future__ import annotations

import hashlib
import pprint
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "_hocon_tables.py"


def grammar_file() -> Path:
    here = Path(__file__).resolve().parent
    for p in (here / "grammar" / "hocon.lark", here.parent / "grammar" / "hocon.lark"):
        if p.is_file():
            return p
    raise FileNotFoundError("grammar/hocon.lark not found next to the stlint package")


def grammar_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(text: str) -> dict:
    """Analyse the grammar with lark and return the tables as plain data."""
    from lark import Lark
    from lark.lexer import PatternStr
    from lark.parsers.lalr_analysis import Shift

    lk = Lark(text, parser="lalr", lexer="contextual", maybe_placeholders=False)
    table = lk.parser.parser.parser.parse_table
    lexer = lk.parser.lexer
    ignore = tuple(sorted(lk.lexer_conf.ignore))

    # -- rules ---------------------------------------------------------------------------------
    rules = sorted(lk.rules, key=lambda r: (r.origin.name, str(r.alias), [s.name for s in r.expansion]))
    rule_no = {id(r): i for i, r in enumerate(rules)}
    out_rules = []
    for r in rules:
        assert not r.options.keep_all_tokens and not r.options.expand1, r
        plan = ""
        for s in r.expansion:
            if s.is_term:
                plan += "d" if s.filter_out else "k"
            else:
                plan += "s" if s.name.startswith("_") else "k"
        name = r.alias or r.origin.name
        out_rules.append((str(r.origin.name), None if r.origin.name.startswith("_") else str(name), plan))

    # -- states (canonical numbering) ------------------------------------------------------------
    start = table.start_states["start"]
    end = table.end_states["start"]
    order = [start]
    seen = {start}
    i = 0
    while i < len(order):
        st = order[i]
        i += 1
        for sym in sorted(table.states[st]):
            action, arg = table.states[st][sym]
            if action is Shift and arg not in seen:
                seen.add(arg)
                order.append(arg)
    if end not in seen:
        seen.add(end)
        order.append(end)
    num = {s: n for n, s in enumerate(order)}
    states = []
    for st in order:
        row = {}
        for sym in sorted(table.states.get(st, {})):
            action, arg = table.states[st][sym]
            row[str(sym)] = num[arg] if action is Shift else -1 - rule_no[id(arg)]
        states.append(row)

    # -- lexers --------------------------------------------------------------------------------
    terms = {t.name: t for t in lk.terminals}
    glob = sorted(lk.terminals, key=lambda x: (-x.priority, -x.pattern.max_width, -len(x.pattern.value), x.name))
    glob_names = [t.name for t in glob]

    def describe(basic) -> tuple:
        sc = basic.scanner  # builds the scanner: absorbed string terminals and their callbacks
        names = [t.name for t in sc.terminals]
        assert names == [n for n in glob_names if n in set(names)], "state lexer order differs from the global order"
        unless = {}
        for name, cb in basic.callback.items():
            unless[name] = {t.pattern.value: t.name for t in cb.scanner.terminals}
            assert all(isinstance(t.pattern, PatternStr) for t in cb.scanner.terminals)
        allowed = sorted(sc.allowed_types - set(ignore))
        return (tuple(names), unless, tuple(allowed))

    lexers: list = []
    lexer_no: dict = {}
    state_lexer = []
    for st in order:
        if st == end:
            state_lexer.append(-1)
            continue
        desc = describe(lexer.lexers[st])
        key = repr(desc)
        if key not in lexer_no:
            lexer_no[key] = len(lexers)
            lexers.append(desc)
        state_lexer.append(lexer_no[key])
    root = describe(lexer.root_lexer)

    return {
        "GRAMMAR_SHA256": grammar_digest(text),
        "TERMINALS": tuple((n, terms[n].pattern.to_regexp(), terms[n].priority) for n in glob_names),
        "IGNORE": ignore,
        "RULES": tuple(out_rules),
        "STATES": tuple(states),
        "START": num[start],
        "END": num[end],
        "LEXERS": tuple(lexers),
        "ROOT_LEXER": root,
        "STATE_LEXER": tuple(state_lexer),
        "SAFE_REDUCE": safe_reductions(states, out_rules, num[end]),
        "DECIDING_DEPTH": deciding_depths(states, out_rules, num[end]),
    }


def safe_reductions(states: list, rules: list, end: int) -> tuple:
    """Per state, the terminals on which it reduces and, whatever the stack below, the
    reductions end with the terminal shifted. LALR may reduce on a lookahead it then refuses (the
    run-time driver logs such reductions to undo them for error recovery); on these it never does,
    so the driver skips the log. Conservative: the stack below a state is taken to be any path of
    predecessors in the automaton (a superset of the real stacks); a cycle counts as unsafe."""
    pred: list = [set() for _ in states]
    for p, row in enumerate(states):
        for act in row.values():
            if act >= 0:
                pred[act].add(p)
    memo: dict = {}

    def below(s: int, k: int) -> set:
        cur = {s}
        for _ in range(k):
            cur = {p for x in cur for p in pred[x]}
        return cur

    def safe(s: int, ty: str) -> bool:
        if (s, ty) in memo:
            return memo[(s, ty)]
        memo[(s, ty)] = False  # in progress: a cycle is unsafe
        act = states[s].get(ty)
        if act is None:
            ok = False
        elif act >= 0:
            ok = True
        else:
            origin, _name, plan = rules[-1 - act]
            ok = True
            for p in below(s, len(plan)):
                q = states[p].get(origin)
                if q is None:
                    continue  # no real stack has p below this state's top entries
                if q == end or not safe(q, ty):
                    ok = False
                    break
        memo[(s, ty)] = ok
        return ok

    return tuple(tuple(sorted(ty for ty, act in row.items()
                              if act < 0 and ty.isupper() and ty != "$END" and safe(s, ty)))
                 for s, row in enumerate(states))


def deciding_depths(states: list, rules: list, end: int, limit: int = 16) -> tuple:
    """Per state, for the terminals on which it reduces but that ``safe_reductions`` cannot prove
    are then shifted (or, for $END, accepted): how many entries from the top of the state stack
    decide it (the most the
    run-time check ``parser._refused_at`` reads, over every path of predecessors in the automaton,
    a superset of the real stacks). The driver memoises that check on those entries. A terminal
    whose check may read deeper than ``limit`` entries is left out (checked every time)."""
    pred: list = [set() for _ in states]
    for p, row in enumerate(states):
        for act in row.values():
            if act >= 0:
                pred[act].add(p)
    need = -1

    def reads(path: tuple, ty: str) -> int:
        """Entries read by the check on a stack topped by ``path`` (path[0] on top); ``need`` if
        it reads below ``path``; 0 if no real stack has this shape."""
        extra: list = []
        consumed, state, read = 0, path[0], 1
        while True:
            act = states[state].get(ty)
            if act is None or act >= 0:
                return read
            origin, _name, plan = rules[-1 - act]
            n = len(plan)
            if n:
                e = len(extra)
                if n <= e:
                    del extra[e - n:]
                else:
                    consumed += n - e
                    extra.clear()
            if extra:
                base = extra[-1]
            elif consumed >= len(path):
                return need
            else:
                base = path[consumed]
                read = max(read, consumed + 1)
            q = states[base].get(origin)
            if q is None:
                return 0
            if q == end:
                return read
            state = q
            extra.append(state)

    def depth(s: int, ty: str) -> int | None:
        best, work = 0, [(s,)]
        while work:
            path = work.pop()
            r = reads(path, ty)
            if r == need:
                if len(path) >= limit:
                    return None
                work.extend(path + (p,) for p in sorted(pred[path[-1]]))
            else:
                best = max(best, r)
        return best

    safe = safe_reductions(states, rules, end)
    out = []
    for s, row in enumerate(states):
        depths = ((ty, depth(s, ty)) for ty, act in sorted(row.items())
                  if act < 0 and (ty.isupper() or ty == "$END") and ty not in safe[s])
        out.append(tuple((ty, d) for ty, d in depths if d is not None))
    return tuple(out)


def render(data: dict) -> str:
    out = ['"""Parse tables for grammar/hocon.lark, generated by `python -m stlint.grammar_build`.',
           "",
           "Plain data (no pickle). Do not edit: change the grammar and regenerate; a test checks that",
           'this file is current."""',
           "# fmt: off",
           ""]
    for k, v in data.items():
        out.append(f"{k} = {pprint.pformat(v, width=110, sort_dicts=False)}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render(build(grammar_file().read_text(encoding="utf-8")))
    if "--check" in argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run `python -m stlint.grammar_build`", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
