"""The build's mechanical scan for startup checks outside optionRule() (stlint/catalog/runtime_scan.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stlint.catalog.extract import build_catalog
from stlint.catalog.model import Catalog
from stlint.catalog.schema import validate_catalog

RUNTIME_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "runtime"


@pytest.fixture(scope="module")
def built():
    return build_catalog(str(RUNTIME_FIXTURE), "fixture")


def _runtime(cat, kind, name):
    p = next(p for p in cat["plugins"] if p["kind"] == kind and p["name"] == name)
    return p.get("runtime", [])


def test_validated_plugin_follows_create_method_into_constructors(built):
    cat, _ = built
    rs = _runtime(cat, "source", "RtSource")
    assert [(r["type"], r["options"], r["message"], r["where"]) for r in rs] == [
        ("required", ["host"], "host must be set", "connectors/src/main/java/com/rt/config/RtConfig.java:16"),
        ("required", ["port"], "port is required", "connectors/src/main/java/com/rt/config/RtConfig.java:19"),
        ("required", ["schema"], "Schema config need option [schema], please correct your config first",
         "api/src/main/java/org/apache/seatunnel/api/table/catalog/CatalogTableUtil.java:8"),
    ]
    # RtSource.prepare() is never called for a factory-created source: its check is not taken;
    # a CheckResult that only selects a branch (no throw) is no requirement
    assert not any(r["options"] in (["never"], ["columns"]) for r in rs)


def test_conditional_checks_are_reported_not_emitted(built):
    cat, report = built
    assert not any("password" in r["options"] for r in _runtime(cat, "source", "RtSource"))
    assert any("conditional check not emitted: connectors/src/main/java/com/rt/config/RtConfig.java:21 (password)" in n
               for n in report.notes)


def test_legacy_plugin_prepare_through_superclass(built):
    cat, _ = built
    rs = _runtime(cat, "sink", "LegacySink")
    assert [(r["type"], r["options"], r["message"], r.get("strict")) for r in rs] == [
        ("required", ["path", "host"], "please specify [%s] as non-empty", True),
        ("one_of", ["user", "token"], "please specify at least one config of [%s] as non-empty", True),
    ]
    assert rs[0]["where"] == "connectors/src/main/java/com/rt/legacy/BaseLegacySink.java:10"


def test_scanned_catalog_is_valid_and_evaluates(built):
    cat, _ = built
    validate_catalog(json.loads(json.dumps(cat)))
    rt = Catalog(json.loads(json.dumps(cat)))
    legacy = rt.find("sink", "LegacySink")
    assert legacy.validated is False  # the declared rule is skipped, the prepare() checks are not
    vs = legacy.evaluate({"host": "h"})
    assert [(v.kind, v.options, v.message) for v in vs] == [
        ("missing-required", ("path",), "`path` is required"),
        ("missing-required", ("user", "token"), "one of `user`, `token` is required"),
    ]
    assert vs[0].runtime.message == "please specify [%s] as non-empty"
    assert vs[0].runtime.location == "BaseLegacySink.java:10"
    assert legacy.evaluate({"host": "h", "path": "/p", "token": "t"}) == []
    src = rt.find("source", "RtSource")
    assert [v.options for v in src.evaluate({"host": "h", "port": 1})] == [("schema",)]


@pytest.mark.skipif(not os.environ.get("STLINT_SEATUNNEL_SRC"),
                    reason="set STLINT_SEATUNNEL_SRC to an extracted SeaTunnel source tree "
                           "(git archive <release commit> | tar -x) to scan a real release")
def test_scan_of_a_real_release_cites_real_lines(tmp_path):
    root = os.environ["STLINT_SEATUNNEL_SRC"]
    cat, report = build_catalog(root, "real")
    found = [(p, r) for p in cat["plugins"] for r in p.get("runtime", [])]
    assert found, "the scan finds the legacy prepare() checks of every release"
    for p, r in found:
        path, line = r["where"].rsplit(":", 1)
        text = Path(root, path).read_text(encoding="utf-8").splitlines()
        near = "\n".join(text[max(0, int(line) - 2):int(line) + 2])
        if r["options"] == ["schema"]:
            assert "Schema config need option [schema]" in near, r
        else:
            assert any(w in near for w in ("CheckConfigUtil", "Preconditions", "checkNotNull", "checkArgument",
                                           "orElseThrow")), (p["name"], r)
    assert not [u for u in report.unresolved if "runtime scan" in u]
