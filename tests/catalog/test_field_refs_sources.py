"""Every `field_refs` entry of rules/overlay.yaml cites SeaTunnel's source: re-read the cited line at
each release the entry claims. The line holds the message's text, or for SeaTunnelRowType.indexOf's
`can't find field [x]` the call that looks the field up (the message itself is in
SeaTunnelRowType.java, also checked).

Set STLINT_SEATUNNEL_GIT to one or more bare git directories (separated by os.pathsep) that hold
the release commits (the apache/seatunnel tag 2.3.8, and a dev-history mirror for 2.3.9-2.3.13);
releases whose commit none of them has are skipped."""

from __future__ import annotations

import os
import re

import pytest

from stlint.catalog.overlay import load_overlay_yaml

from tests.catalog.test_runtime_overlay import ORDER, RELEASES, _releases, _show

ENTRIES = list(enumerate(load_overlay_yaml().get("field_refs", [])))
ROW_TYPE = "seatunnel-api/src/main/java/org/apache/seatunnel/api/table/type/SeaTunnelRowType.java"


def test_entries_are_well_formed():
    assert ENTRIES
    for i, e in ENTRIES:
        rels = _releases(e["releases"])
        assert rels, i
        assert rels[0] == e.get("since", ORDER[0]), (i, e["releases"])
        assert rels[-1] == e.get("until", ORDER[-1]), (i, e["releases"])
        assert "{field}" in e["message"] or e["severity"] == "error", i


@pytest.mark.parametrize("i,entry", ENTRIES, ids=[f"{i}-{e['plugins'][0]}-{e['option']}" for i, e in ENTRIES])
def test_cited_line_says_it(i, entry):
    if not os.environ.get("STLINT_SEATUNNEL_GIT"):
        pytest.skip("set STLINT_SEATUNNEL_GIT to SeaTunnel bare git dirs to re-read the cited sources")
    path, line = entry["where"].rsplit(":", 1)
    checked = 0
    for rel in _releases(entry["releases"]):
        text = _show(RELEASES[rel], path)
        if text is None:
            continue
        checked += 1
        lines = text.splitlines()
        n = int(line)
        assert 0 < n <= len(lines), (rel, entry["where"])
        near = "\n".join(lines[max(0, n - 3):n + 2])
        msg = entry["message"]
        if msg.startswith("can't find field"):
            assert "indexOf" in lines[n - 1], (rel, entry["where"], lines[n - 1])
            rt = _show(RELEASES[rel], ROW_TYPE)
            assert rt is not None and "can't find field [%s]" in rt, rel
        elif entry["severity"] == "error":
            for part in re.split(r"\{[a-z]+\}", msg):
                part = part.strip(" ,:")
                if len(part) > 5:
                    assert part in near, (rel, entry["where"], part)
        else:  # a warning: the line that drops the name
            assert lines[n - 1].strip(), (rel, entry["where"])
    if checked == 0:
        pytest.skip("no mirror holds these releases")
