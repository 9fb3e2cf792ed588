"""The Sql transform's `query`: parsed with sqlglot (imported only when a job has a Sql transform).

SeaTunnel parses the query with JSqlParser (ZetaSQLEngine.init) and accepts one plain
`SELECT ... FROM <table>` (no join, sub-query, schema-qualified or aliased table). sqlglot's MySQL
dialect is the closest match (back-quoted identifiers; a double-quoted text is a string).

``analyse(plugin, value, row, memo)`` returns a ``SqlInfo`` (memoised in ``memo``, the lint's
``ctx.memo``, per value object and input row: the row flow and four rules ask): the syntax error
with its offset in the file, the FROM table, the referenced columns with their offsets, and the
output row (when the input row is known and every select item has a name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from stlint.hocon import HScalar, HValue

DIALECT = "mysql"
# keywords some SeaTunnel functions take as arguments (DATEDIFF(a, b, 'DAY'), TIMESTAMPADD(HOUR, ...))
DATE_PARTS = frozenset({"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND",
                        "MICROSECOND", "NANOSECOND", "DAYOFWEEK", "DAYOFYEAR", "EPOCH", "DOW", "DOY"})


@dataclass
class SqlInfo:
    error: tuple[int, int, str] | None = None  # (start, end, message) in the file
    table: tuple[str, int, int] | None = None  # FROM table name and its range (whole query if unknown)
    columns: list[tuple[str, int, int]] = field(default_factory=list)  # referenced root column names
    output: dict | None = None  # output row (None: unknown)
    select_names: list[str] = field(default_factory=list)


def _offsets(v: HScalar, text: str) -> tuple[int, bool]:
    """(offset in the file of the string's first character, exact: every character maps 1:1)."""
    raw = text[v.start:v.end]
    if raw.startswith('"""'):
        return v.start + 3, True
    if raw.startswith('"'):
        return v.start + 1, raw[1:-1] == v.value
    return v.start, raw == v.value


def _line_col_to_index(s: str, line: int, col: int) -> int:
    lines = s.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(x) + 1 for x in lines[:line - 1]) + max(0, min(col, len(lines[line - 1])))


def analyse(plugin, value: HValue | None, row: dict | None, memo: dict | None = None) -> SqlInfo | None:
    if not isinstance(value, HScalar) or not isinstance(value.value, str) or "${" in value.value:
        return None
    if memo is None:
        return _analyse(value, row)
    cache = memo.setdefault("sqlcheck.analyse", {})
    key = (id(value), id(row))
    hit = cache.get(key)
    if hit is not None and hit[0] is value and hit[1] is row:
        return hit[2]
    info = _analyse(value, row)
    cache[key] = (value, row, info)  # the objects are kept: their ids stay theirs for the lint
    return info


def _analyse(value: HScalar, row: dict | None) -> SqlInfo:
    import sqlglot
    from sqlglot import exp

    q = value.value
    src = value.src
    text = src.text if src is not None else ""
    base, exact = _offsets(value, text)
    info = SqlInfo()

    def at(i: int, n: int) -> tuple[int, int]:
        if not exact:
            return value.start, value.end
        return base + i, base + i + max(1, n)

    try:
        tree = sqlglot.parse_one(q, read=DIALECT)
    except sqlglot.errors.ParseError as e:
        err = e.errors[0] if e.errors else {}
        line, col = err.get("line") or 1, err.get("col") or 0
        hl = err.get("highlight") or ""
        end_i = _line_col_to_index(q, line, col)
        start_i = max(0, end_i - len(hl))
        s, t = at(start_i, len(hl))
        desc = err.get("description") or str(e).split(".")[0]
        near = f" near `{hl}`" if hl else ""
        info.error = (s, t, f"{desc}{near} (line {line}, column {col} of the query)")
        return info
    except Exception as e:  # tokenizer errors (unterminated quote, ...)
        info.error = (value.start, value.end, str(e).splitlines()[0][:200])
        return info
    comma = _comma_before_from(q)
    if comma is not None:
        s, t = at(comma, 1)
        info.error = (s, t, "a `,` right before FROM: SeaTunnel's SQL parser (JSqlParser) takes no trailing "
                            "comma after the last select item")
        return info
    if not isinstance(tree, exp.Select):
        return info
    frm = tree.args.get("from_") or tree.args.get("from")
    tname = None
    if frm is not None and isinstance(frm.this, exp.Table) and not tree.args.get("joins"):
        tname = frm.this.name
        idx = _find_word(q, tname, exact)
        s, t = at(idx, len(tname)) if idx >= 0 else (value.start, value.end)
        info.table = (tname, s, t)
    else:
        return info  # a sub-query or a join: SeaTunnel refuses it; not analysed here
    aliases = {a.alias for a in tree.expressions if isinstance(a, exp.Alias)}
    cursor = 0
    for c in tree.find_all(exp.Column):
        if not c.name or isinstance(c.this, exp.Star):
            continue
        parts = [x.name for x in c.parts]
        if len(parts) > 1 and parts[0].lower() == tname.lower():
            parts = parts[1:]  # `t.a`: column a of the FROM table
        name = parts[0]  # `a.b.c`: the root field a of a row column (ZetaSQLType's struct fallback)
        if name in aliases or name.upper() in DATE_PARTS or c.find_ancestor(exp.Anonymous) is not None:
            continue  # a date-part keyword or an argument of a function sqlglot does not know
        idx = _find_word(q, name, exact, cursor)
        if idx < 0:
            idx = _find_word(q, name, exact)
        else:
            cursor = idx + len(name)
        s, t = at(idx, len(name)) if idx >= 0 else (value.start, value.end)
        info.columns.append((name, s, t))
    # output row
    if row is None:
        return info
    out: dict = {}
    lower = {k.lower(): k for k in row}
    for e in tree.expressions:
        if isinstance(e, exp.Star):
            out.update(row)
        elif isinstance(e, exp.Column) and isinstance(e.this, exp.Star):
            out.update(row)
        elif isinstance(e, exp.Alias):
            out[e.alias] = None
        elif isinstance(e, exp.Column) and not e.table:
            k = lower.get(e.name.lower())
            out[e.name] = row.get(k) if k is not None else None
        else:
            return info  # an unnamed expression: SeaTunnel names it after its text
    info.output = out
    return info


# what a `,` token directly followed by a FROM token needs in the text: whitespace (the tokenizer's
# is str.isspace, as \s), then `from` in any case or the start of a comment (MySQL: --, #, /* */)
_COMMA_FROM = re.compile(r",\s*(?:from|--|#|/\*)", re.I)


def _comma_before_from(q: str) -> int | None:
    """Offset of a `,` directly followed by FROM. sqlglot accepts `select a, b, from t`; JSqlParser 4.9,
    which SeaTunnel parses the query with (jsqlparser.version in SeaTunnel's pom.xml), reads a select
    list as SelectItem ("," SelectItem)* (JSqlParserCC.jjt SelectItemsList) and fails on the dangling
    comma. No SQL construct puts a comma right before FROM (EXTRACT/TRIM/SUBSTRING use FROM without one)."""
    if _COMMA_FROM.search(q) is None:
        return None  # no `,` followed by FROM (whitespace or a comment between): no need to tokenize again
    return _comma_from_tokens(q)


def _comma_from_tokens(q: str) -> int | None:
    import sqlglot
    from sqlglot.tokens import TokenType

    try:
        toks = sqlglot.Dialect.get_or_raise(DIALECT).tokenize(q)
    except Exception:
        return None
    for a, b in zip(toks, toks[1:]):
        if a.token_type == TokenType.COMMA and b.token_type == TokenType.FROM:
            return a.start
    return None


def _find_word(q: str, word: str, exact: bool, start: int = 0) -> int:
    """Offset of `word` (case-insensitive, optionally back-quoted, not part of a longer word) at
    or after `start`, or -1. A string search (a regex per word filled re's cache on long jobs)."""
    if not exact or not word:
        return -1
    ql, wl = q.lower(), word.lower()
    if len(ql) != len(q) or len(wl) != len(word):  # a case mapping that changes lengths: the regex
        return _find_word_re(q, word, start)
    n = len(q)
    i = ql.find(wl, start)
    while i >= 0:
        j = i + len(wl)
        s = i - 1 if i > 0 and q[i - 1] == "`" else i
        e = j + 1 if j < n and q[j] == "`" else j
        if s >= start and (s == 0 or not _word_char(q[s - 1])) and (e >= n or not _word_char(q[e])):
            return i
        i = ql.find(wl, i + 1)
    return -1


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_`"


def _find_word_re(q: str, word: str, start: int) -> int:
    import re

    m = re.compile(r"(?<![\w`])`?" + re.escape(word) + r"`?(?![\w`])", re.I).search(q, start)
    if not m:
        return -1
    return m.start() + (1 if q[m.start()] == "`" else 0)
