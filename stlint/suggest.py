"""Did-you-mean that only offers near-certain candidates.

Keys are compared as word parts (split on `_`, `.`, `-`, spaces and camelCase, lower-cased), not
as raw strings: `row.nun` -> `row.num` and `rowNum` -> `row_num` are offered, but `port` ->
`format`, `hostname` -> `username` or `pool_size` -> `split.size` are not (they share letters, not
words). A candidate is near when

- it spells the same words (`batchSize` / `batch_size` / `batch.size`), or the words joined differ
  by one typo (two for keys of ten letters or more; under five letters only a missing, extra or
  swapped letter), or
- every word part of one side matches a part of the other (equal, one typo, or a prefix of at least
  four letters: `STREAM` -> `STREAMING`), and the other side has at most one part more: when two
  parts match (`hive_metastore_uris` -> `metastore_uri`), or one matches exactly and the extra part
  was left out (`APPEND` -> `APPEND_DATA`) or names the plugin kind (`KuduSource` -> `Kudu`); not
  `datetime_format` -> `format`.

Stdlib only (the runtime catalog uses it too).
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Iterable

_KIND_WORDS = frozenset({"source", "sink", "transform"})
_SPLIT = re.compile(r"[\s_.\-/:]+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")


def tokens(s: str) -> list[str]:
    return list(_tokens(s))


@lru_cache(maxsize=8192)
def _tokens(s: str) -> tuple[str, ...]:
    # cached: the same catalog keys are the candidates of every lookup
    out: list[str] = []
    for part in _SPLIT.split(s):
        if part:
            out.extend(t.lower() for t in _CAMEL.findall(part))
    return tuple(out)


@lru_cache(maxsize=8192)
def _joined(toks: tuple[str, ...]) -> str:
    return "".join(toks)


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition counts 1), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _typos(n: int) -> int:
    return 0 if n < 2 else (1 if n < 10 else 2)


def _one_typo(a: str, b: str) -> bool:
    """Within the typo budget of the shorter string; in words under five letters only a missing,
    extra or swapped letter (`fak` -> `fake`), not a different one (`port` -/-> `sort`)."""
    la, lb = len(a), len(b)
    short = la if la < lb else lb
    k = _typos(short)
    if not k or (la - lb if la > lb else lb - la) > k:
        return False
    # each edit adds or removes at most one letter of the letter sets (a swap none): a cheap
    # lower bound of the distance that rules out most pairs before the alignment table
    if len(set(a).symmetric_difference(b)) > 2 * k or _osa(a, b, k) > k:
        return False
    return not (short < 5 and len(a) == len(b) and sorted(a) != sorted(b))


@lru_cache(maxsize=65536)
def _near_token(a: str, b: str) -> int:
    """2: equal; 1: one typo or a 4+ letter prefix; 0: different words."""
    if a == b:
        return 2
    if a.isdigit() or b.isdigit():
        return 0
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return 1
    return 1 if _one_typo(a, b) else 0


def _covered(wt: tuple[str, ...], ct: tuple[str, ...]) -> bool:
    """Every part of ``wt`` is near some part of ``ct``."""
    for a in wt:
        for b in ct:
            if _near_token(a, b):
                break
        else:
            return False
    return True


def _covered_by(ct: tuple[str, ...], wt: tuple[str, ...]) -> bool:
    """Every part of ``ct`` is near some part of ``wt`` (asked in the (word, candidate) order)."""
    for b in ct:
        for a in wt:
            if _near_token(a, b):
                break
        else:
            return False
    return True


def _match(wt: tuple[str, ...], ct: tuple[str, ...], wj: str | None = None, cj: str | None = None) -> float:
    """A score > 0 when ``ct`` is a near-certain reading of ``wt`` (``wj``/``cj``: their joined
    parts, when the caller has them)."""
    if wj is None:
        wj = _joined(wt)
    if cj is None:
        cj = _joined(ct)
    if not wj or not cj:
        return 0.0
    if wj == cj:
        return 100.0
    la, lb = len(wj), len(cj)
    k = _typos(la if la < lb else lb)  # `_one_typo`'s first test, without the call for most pairs
    best = 80.0 if k and (la - lb if la > lb else lb - la) <= k and _one_typo(wj, cj) else 0.0
    if abs(len(wt) - len(ct)) > 1:
        # the word parts can only match when every part of one side matches one of the other
        # and the other side has at most one part more
        return best
    # ... so at least one side has a near part on the other for each of its parts (most pairs of
    # words fail this at their first part; the matching below is for the few that pass)
    if not (_covered(wt, ct) or _covered_by(ct, wt)):
        return best
    # word parts: greedy one-to-one matching, exact matches first (lists stay in index order)
    free_w, free_c = list(range(len(wt))), list(range(len(ct)))
    exact = near = 0
    for want in (2, 1):
        for i in tuple(free_w):
            for j in free_c:
                if _near_token(wt[i], ct[j]) == want:
                    free_w.remove(i)
                    free_c.remove(j)
                    exact += want == 2
                    near += want == 1
                    break
    matched = exact + near
    if not matched or (free_w and free_c):
        return best
    # every part of one side matched and the other side has at most one part more: fine when two
    # or more parts match (`hive_metastore_uris` -> `metastore_uri`); with one matching part it
    # must match exactly and the extra part be left out (`APPEND` -> `APPEND_DATA`) or only name
    # the plugin kind (`KuduSource` -> `Kudu`): not `datetime_format` -> `format`, `row.nun` -> `rows`
    def spare(extra: list[int], toks: tuple[str, ...], added: bool) -> bool:
        if not extra:
            return True
        if len(extra) > 1:
            return False
        if matched >= 2:  # `hive_metastore_uris` -> `metastore_uri`
            return True
        return exact == matched and (not added or all(toks[i] in _KIND_WORDS for i in extra))

    if matched and ((not free_w and spare(free_c, ct, False)) or (not free_c and spare(free_w, wt, True))):
        best = max(best, 10.0 * exact + 5.0 * near - 3.0 * (len(free_w) + len(free_c)), 1.0)
    return best


def suggest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Near-certain candidates for ``word``, best first (see the module doc)."""
    return suggest_prepared(word, prepare(candidates), n)


def prepare(candidates: Iterable[str]) -> list[tuple[str, tuple[str, ...], str]]:
    """The candidates as ``suggest_prepared`` takes them: (text, word parts, parts joined), each
    once, in order. A fixed candidate list (a plugin's keys) is prepared once and kept."""
    out = []
    for c in dict.fromkeys(candidates):
        if isinstance(c, str):
            t = _tokens(c)
            out.append((c, t, _joined(t)))
    return out


def suggest_prepared(word: str, prepared: list[tuple[str, tuple[str, ...], str]], n: int = 3) -> list[str]:
    """``suggest`` over candidates made by ``prepare``."""
    wt = _tokens(word)
    wj = _joined(wt)
    scored = []
    low = word.lower()
    for c, ct, cj in prepared:
        if c == word:
            continue
        s = _match(wt, ct, wj, cj)
        if s > 0:
            scored.append((-s, -difflib.SequenceMatcher(None, low, c.lower()).ratio(), c))
    scored.sort()
    return [c for _, _, c in scored[:n]]
