"""Run the catalog's "unknown plugin" and "missing required option" logic over the shared corpus.

Nothing may be reported except the findings allow-listed in corpus_allowlist.yaml (each with a reason).
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import pytest
import yaml

from .conftest import CORPUS_JSONL

ALLOWLIST = Path(__file__).resolve().parent / "corpus_allowlist.yaml"
STRUCTURAL = ("missing-required", "exclusive", "bundled")


def corpus_findings(catalog):
    plugins = 0
    findings = []
    with open(CORPUS_JSONL, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            doc = rec.get("json") or {}
            for kind in ("source", "transform", "sink"):
                section = doc.get(kind)
                if not isinstance(section, list):
                    continue
                for block in section:
                    plugins += 1
                    name = block.get("plugin_name") if isinstance(block, dict) else None
                    spec = catalog.find(kind, name) if isinstance(name, str) else None
                    if spec is None:
                        findings.append({"file": rec["file"], "kind": kind, "plugin": name, "finding": "unknown-plugin",
                                         "options": [], "message": f"unknown {kind} {name!r}"})
                        continue
                    for v in spec.evaluate(block):
                        if v.kind in STRUCTURAL:
                            findings.append({"file": rec["file"], "kind": kind, "plugin": name, "finding": v.kind,
                                             "options": list(v.options), "message": v.message})
    return plugins, findings


def _matches(entry, f):
    if "file" in entry and not fnmatch.fnmatchcase(f["file"], entry["file"]):
        return False
    if "plugin" in entry and entry["plugin"] != f["plugin"]:
        return False
    for k in ("kind", "finding"):
        if k in entry and entry[k] != f[k]:
            return False
    if "options" in entry and list(entry["options"]) != f["options"]:
        return False
    return True


def test_allowlist_entries_have_reasons():
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    assert entries, "empty allow-list"
    for e in entries:
        assert isinstance(e.get("reason"), str) and len(e["reason"]) > 10 and "\n" not in e["reason"].strip(), e
        assert e.get("finding") in ("unknown-plugin",) + STRUCTURAL, e
        assert set(e) <= {"file", "kind", "plugin", "finding", "options", "reason"}, e


def test_corpus_reports_nothing_but_the_allowlist(capsys):
    """The corpus ran in SeaTunnel's CI at 2.3.10 (tests/testpaths.py): check it against that catalog."""
    from stlint.catalog import load_catalog
    from testpaths import CORPUS_SEATUNNEL_VERSION

    if not CORPUS_JSONL.exists():
        pytest.skip(f"corpus not available at {CORPUS_JSONL}")
    catalog = load_catalog(CORPUS_SEATUNNEL_VERSION)
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    plugins, findings = corpus_findings(catalog)
    used = [0] * len(entries)
    unexpected = []
    for f in findings:
        hit = next((i for i, e in enumerate(entries) if _matches(e, f)), None)
        if hit is None:
            unexpected.append(f)
        else:
            used[hit] += 1
    stale = [entries[i] for i, n in enumerate(used) if n == 0]
    with capsys.disabled():
        print(f"\n[catalog corpus] version {catalog.version}: {plugins} plugin blocks checked, "
              f"{len(findings)} findings, {len(findings) - len(unexpected)} allow-listed "
              f"({len(entries)} allow-list entries), {len(unexpected)} unexpected")
    assert plugins > 1500
    assert not unexpected, "unexpected findings:\n" + "\n".join(
        f"{f['file']}: {f['kind']} {f['plugin']}: {f['finding']} {f['message']}" for f in unexpected)
    assert not stale, f"allow-list entries matching nothing: {stale}"
