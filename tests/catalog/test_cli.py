from __future__ import annotations

import json

import pytest

from stlint.catalog.cli import main

from .conftest import JAVA_FIXTURES, MIRRORS, mirror


def test_list(capsys):
    assert main(["catalog", "list", "--kind", "transform"]) == 0
    out = capsys.readouterr().out
    assert "transform (16):" in out and "  Sql\n" in out


def test_list_json_old_version(capsys):
    assert main(["catalog", "list", "--seatunnel-version", "2.3.8", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "Jdbc" in data["source"] and "Jdbc" in data["sink"]


def test_show_rule(capsys):
    assert main(["catalog", "show", "Redis", "--kind", "source"]) == 0
    out = capsys.readouterr().out
    assert "all or none of: format, schema" in out
    assert "if mode = SINGLE: requires host, port" in out
    assert "mode: enum; default: \"SINGLE\"" in out


def test_show_conditional_list_and_exclusive(capsys):
    assert main(["catalog", "show", "mysql-cdc"]) == 0
    out = capsys.readouterr().out
    assert "exactly one of: table-names, table-pattern" in out
    assert "server-time-zone: string; default: <dynamic: ZoneId.systemDefault().getId()>" in out


def test_show_marks_options_read_outside_the_rule(capsys):
    assert main(["catalog", "show", "RowKindExtractor", "--kind", "transform"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("transform_type:"))
    assert line.endswith("(read outside optionRule(): org.apache.seatunnel.transform.rowkind."
                         "RowKindExtractorTransformConfig.TRANSFORM_TYPE)")


def test_show_ambiguous_and_unknown(capsys):
    assert main(["catalog", "show", "Jdbc"]) == 2
    assert "pass --kind" in capsys.readouterr().err
    assert main(["catalog", "show", "Kafak", "--kind", "source"]) == 1
    assert "did you mean Kafka" in capsys.readouterr().err


def test_show_env(capsys):
    assert main(["catalog", "show", "env"]) == 0
    out = capsys.readouterr().out
    assert "job.mode: enum; default: \"BATCH\"; values: BATCH, STREAMING" in out


def test_build_on_fixtures(tmp_path, capsys):
    out = tmp_path / "cat" / "fx.json"
    assert main(["catalog", "build", "--seatunnel-src", str(JAVA_FIXTURES), "--version", "9.9.9", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert {p["name"] for p in data["plugins"]} >= {"LiteralSrc", "QualifiedConst", "InheritedId", "S3Fs", "StarImported"}
    report = (tmp_path / "cat" / "fx.report.txt").read_text()
    assert "# unresolved constructs: 0" in report
    idx = json.loads((tmp_path / "cat" / "index.json").read_text())
    assert idx["default"] == "9.9.9" and idx["versions"][0]["file"] == "fx.json"


@pytest.mark.parametrize("version", sorted(MIRRORS))
def test_shipped_catalog_is_reproducible_from_mirror(version, tmp_path, capsys):
    """Rebuilding from the SeaTunnel snapshot gives exactly the shipped file (skips without the mirror)."""
    from stlint.catalog.resources import catalog_dir

    shipped = catalog_dir() / f"{version}.json"
    if not shipped.exists():
        pytest.skip(f"{version} not shipped")
    src = mirror(version)
    meta = json.loads(shipped.read_text())
    out = tmp_path / f"{version}.json"
    args = ["catalog", "build", "--seatunnel-src", str(src), "--version", version, "-o", str(out), "--no-index"]
    if meta.get("source"):
        args += ["--source", meta["source"]]
    assert main(args) == 0
    assert json.loads(out.read_text()) == meta
    assert (tmp_path / f"{version}.report.txt").read_text() == (catalog_dir() / f"{version}.report.txt").read_text()
