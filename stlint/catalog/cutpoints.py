"""Release cut points on SeaTunnel's `dev` chain, derived from the connector changelogs.

`docs/en/connectors/changelog/*.md` (at a recent commit) attribute each commit to the release that
shipped it (`|<title>|https://github.com/apache/seatunnel/commit/<sha10>|2.3.12|`).  Walking the
first-parent chain oldest first, the versions of the attributed commits must never go backwards; the
cut point of release N is the chain commit right before the first commit attributed to the next
release (for the newest release: the tip).  `stlint catalog cutpoints` prints the table that
`rules/catalog/README.md` records; used when adding a release to `rules/catalog/releases.json`.
"""

from __future__ import annotations

import re
import subprocess
from typing import Any

_ROW = re.compile(r"commit/([0-9a-f]{7,40})\|\s*(\d+\.\d+\.\d+)\s*\|")


def _git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "-C", git_dir, *args], check=True, capture_output=True, text=True).stdout


def _key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def cut_points(git_dir: str, tip: str, since: str | None = None) -> dict[str, Any]:
    files = [f for f in _git(git_dir, "ls-tree", "--name-only", tip, "docs/en/connectors/changelog/").split()
             if f.endswith(".md")]
    version_of: dict[str, set[str]] = {}
    for f in files:
        for m in _ROW.finditer(_git(git_dir, "show", f"{tip}:{f}")):
            version_of.setdefault(m.group(1)[:10], set()).add(m.group(2))
    chain = _git(git_dir, "rev-list", "--first-parent", tip).split()[::-1]  # oldest first
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    count: dict[str, int] = {}
    on_chain = 0
    for i, c in enumerate(chain):
        for v in version_of.get(c[:10], ()):
            first.setdefault(v, i)
            last[v] = i
            count[v] = count.get(v, 0) + 1
        on_chain += c[:10] in version_of
    versions = sorted(first, key=_key)
    if since:
        versions = [v for v in versions if _key(v) >= _key(since)]
    inversions = []
    for i, c in enumerate(chain):
        for v in version_of.get(c[:10], ()):
            later = [w for w in first if _key(w) > _key(v) and first[w] < i]
            if later and (since is None or _key(v) >= _key(since)):
                inversions.append({"commit": chain[i], "version": v, "after_first_of": sorted(later, key=_key)})
    rows = []
    for v in versions:
        nxt = [w for w in first if _key(w) > _key(v)]
        nf = min((first[w] for w in nxt), default=None)
        cut = chain[nf - 1] if nf is not None else chain[-1]
        rows.append({"version": v, "commits": count[v], "first": chain[first[v]], "last": chain[last[v]],
                     "next_first": chain[nf] if nf is not None else None, "cut": cut})
    return {"tip": chain[-1], "attributed": len(version_of), "on_chain": on_chain, "inversions": inversions,
            "releases": rows}


def render(d: dict[str, Any]) -> str:
    out = [f"# tip {d['tip'][:10]}: {d['attributed']} commits attributed by the changelogs, {d['on_chain']} on the "
           f"first-parent chain, {len(d['inversions'])} inversions",
           "release  commits  last-attributed  next-release-first  cut-point"]
    for r in d["releases"]:
        out.append(f"{r['version']:8s} {r['commits']:7d}  {r['last'][:10]:15s}  {(r['next_first'] or '-')[:10]:18s}  {r['cut']}")
    for inv in d["inversions"]:
        out.append(f"inversion: {inv['commit'][:10]} ({inv['version']}) after the first commit of {', '.join(inv['after_first_of'])}")
    return "\n".join(out) + "\n"
