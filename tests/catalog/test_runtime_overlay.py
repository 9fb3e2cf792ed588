"""Every audited runtime requirement and multi-table entry in rules/overlay.yaml cites SeaTunnel's
source: re-read each cited file at each release the entry claims, from SeaTunnel git mirrors.

Set STLINT_SEATUNNEL_GIT to one or more bare git directories (separated by os.pathsep) that hold
the release commits below (the apache/seatunnel tag 2.3.8, and a dev-history mirror for
2.3.9-2.3.13); releases whose commit none of them has are skipped."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from stlint.catalog.overlay import load_overlay_yaml

# release cut points on upstream `dev` (rules/catalog/README.md explains how they were found)
RELEASES = {"2.3.8": "860463186a", "2.3.9": "d61cba233", "2.3.10": "cdc79e13a", "2.3.11": "ba7f5c9e3",
            "2.3.12": "1bc4fbaaa", "2.3.13": "f4ca3102e"}
ORDER = list(RELEASES)

OVERLAY = load_overlay_yaml()
ENTRIES = [("runtime", i, e) for i, e in enumerate(OVERLAY.get("runtime", []))] + \
          [("multi_table", i, e) for i, e in enumerate(OVERLAY.get("multi_table", []))]


def _releases(text: str) -> list[str]:
    a, _, b = text.partition("-")
    return ORDER[ORDER.index(a):ORDER.index(b or a) + 1]


def _show(commit: str, path: str) -> str | None:
    dirs = [d for d in os.environ.get("STLINT_SEATUNNEL_GIT", "").split(os.pathsep) if d]
    for d in dirs:
        p = subprocess.run(["git", "-C", d, "show", f"{commit}:{path}"], capture_output=True)
        if p.returncode == 0:
            return p.stdout.decode("utf-8", "replace")
    return None


def _needles(e: dict) -> list[str]:
    """What the cited file must contain: the message's literal parts (placeholders `<x>`/`%s`
    dropped), or for an exception without text the key it reads."""
    msg = e.get("message")
    if msg is None or (msg.endswith("Exception") and " " not in msg):
        return []
    # placeholders (`<x>`, `%s`), filled-in values ('null', [password]) and the seams between
    # concatenated string literals (sentence ends) are not in the source text
    return [p for p in re.split(r"<[^>]*>|%s|'[^']*'|\[[^\]]*\]|(?<=\.) ", msg) if len(p.strip()) > 8]


def test_entries_are_well_formed():
    for section, i, e in ENTRIES:
        rels = _releases(e["releases"])
        assert rels, (section, i)
        # applicability agrees with the releases the entry cites
        if "since" in e:
            assert rels[0] == e["since"], (section, i, e["releases"])
        if "until" in e:
            assert rels[-1] == e["until"], (section, i, e["releases"])
        if "since" not in e:
            assert rels[0] == ORDER[0], (section, i, "an entry without `since` must hold from the oldest release")
        if "until" not in e:
            assert rels[-1] == ORDER[-1], (section, i, "an entry without `until` must hold up to the newest release")


@pytest.mark.parametrize("section,i,entry", ENTRIES, ids=[f"{s}-{i}-{e.get('name') or e['names'][0]}" for s, i, e in ENTRIES])
def test_cited_source_says_it(section, i, entry):
    if not os.environ.get("STLINT_SEATUNNEL_GIT"):
        pytest.skip("set STLINT_SEATUNNEL_GIT to SeaTunnel bare git dirs to re-read the cited sources")
    rels = _releases(entry["releases"])
    checked = 0
    for rel in rels:
        text = _show(RELEASES[rel], entry["where"].rsplit(":", 1)[0])
        if text is None:
            continue
        checked += 1
        _at_line(text, entry["where"], [] if entry.get("message_where") else _needles(entry), rel == rels[-1])
        if entry.get("message_where"):
            mtext = _show(RELEASES[rel], entry["message_where"].rsplit(":", 1)[0])
            assert mtext is not None, f"{rel}: {entry['message_where']} missing"
            _at_line(mtext, entry["message_where"], _needles(entry), rel == rels[-1])
    if checked == 0:
        pytest.skip("no mirror holds these releases")


def _at_line(text: str, where: str, needles: list[str], newest: bool) -> None:
    """Every needle is in the file; in the newest release cited, `where`'s line is near them."""
    for needle in needles:
        assert needle in text, f"{where.rsplit(':', 1)[0]} lacks {needle!r}"
    if not newest:
        return
    lines = text.splitlines()
    n = int(where.rsplit(":", 1)[1])
    assert 0 < n <= len(lines) and lines[n - 1].strip(), f"{where}: no code at that line"
    near = "\n".join(lines[max(0, n - 3):n + 2])
    for needle in needles:
        assert needle.strip() in near, f"{where} is not where {needle!r} is"
