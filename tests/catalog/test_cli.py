from __future__ import annotations

import json
import os

import pytest

from stlint.catalog.cli import main

from .conftest import ENV_GIT, JAVA_FIXTURES, git_dir_for, releases


def test_list(capsys):
    assert main(["catalog", "list", "--kind", "transform"]) == 0
    out = capsys.readouterr().out
    assert "transform (20):" in out and out.startswith("# SeaTunnel catalog 2.3.13\n") and "  Sql\n" in out


def test_list_json_old_version(capsys):
    assert main(["catalog", "list", "--seatunnel-version", "2.3.8", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "Jdbc" in data["source"] and "Jdbc" in data["sink"]


def test_show_rule(capsys):
    assert main(["catalog", "show", "Redis", "--kind", "source"]) == 0
    out = capsys.readouterr().out
    from stlint.catalog import load_catalog

    what = load_catalog().plugin_description("source", "Redis")  # its docs page's Description
    assert what and out.splitlines()[1] == what
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


def test_build_plain_tree_refuses_a_commit(tmp_path, capsys):
    out = tmp_path / "fx.json"
    assert main(["catalog", "build", "--seatunnel-src", str(JAVA_FIXTURES), "--commit", "HEAD", "--version", "9.9.9", "-o", str(out)]) == 2
    assert "is not a git dir" in capsys.readouterr().err and not out.exists()


def test_build_from_git_commit_and_gz(tmp_path, capsys):
    """A commit read straight from a bare git dir; `.json.gz` output is compact gzip, byte-stable."""
    import gzip
    import shutil
    import subprocess

    work = tmp_path / "work"
    shutil.copytree(JAVA_FIXTURES, work)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
           "GIT_AUTHOR_DATE": "2020-01-02T00:00:00Z", "GIT_COMMITTER_DATE": "2020-01-02T00:00:00Z",
           "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}

    def git(*a, cwd=work):
        return subprocess.run(["git", *a], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    first = git("rev-parse", "HEAD")
    (work / "api" / "src" / "main" / "java" / "Later.java").write_text("class Later {}\n")
    git("add", "-A")
    git("commit", "-qm", "two")
    bare = tmp_path / "bare.git"
    git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp_path)
    out = tmp_path / "cat" / "fx.json.gz"
    args = ["catalog", "build", "--seatunnel-src", str(bare), "--commit", first, "--version", "9.9.9", "-o", str(out)]
    assert main(args) == 0
    raw = out.read_bytes()
    data = json.loads(gzip.decompress(raw))
    assert data["source_commit"] == first and {p["name"] for p in data["plugins"]} >= {"LiteralSrc", "S3Fs"}
    idx = json.loads((tmp_path / "cat" / "index.json").read_text())
    assert idx["versions"][0]["date"] == "2020-01-02" and idx["versions"][0]["file"] == "fx.json.gz"
    assert "# unresolved constructs: 0" in (tmp_path / "cat" / "fx.report.txt").read_text()
    assert main(args) == 0 and out.read_bytes() == raw  # byte-identical rebuild
    # a work tree with --commit reads that commit through git too: the same catalog, byte for byte
    out2 = tmp_path / "cat2" / "fx.json.gz"
    assert main(["catalog", "build", "--seatunnel-src", str(work), "--commit", first, "--version", "9.9.9", "-o", str(out2)]) == 0
    assert out2.read_bytes() == raw
    capsys.readouterr()
    assert main(["catalog", "build", "--seatunnel-src", str(bare), "--commit", "0" * 40, "--version", "9", "-o", str(tmp_path / "x.json")]) == 2
    assert "not found" in capsys.readouterr().err


def test_rebuild_needs_git_dirs(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv(ENV_GIT, raising=False)
    assert main(["catalog", "rebuild", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert ENV_GIT in err and "--seatunnel-git" in err
    assert main(["catalog", "rebuild", "--seatunnel-git", str(tmp_path), "-o", str(tmp_path)]) == 2
    assert "commits not found" in capsys.readouterr().err
    assert main(["catalog", "rebuild", "--seatunnel-git", str(tmp_path), "--only", "2.3.10-dev", "-o", str(tmp_path)]) == 2
    assert "not in" in capsys.readouterr().err


@pytest.mark.parametrize("version", [r["id"] for r in releases()])
def test_shipped_catalog_is_reproducible(version, tmp_path, capsys):
    """Rebuilding from the recorded commit gives exactly the shipped files (skips without $STLINT_SEATUNNEL_GIT)."""
    import gzip

    from stlint.catalog.resources import catalog_dir

    rel = next(r for r in releases() if r["id"] == version)
    src = git_dir_for(rel["commit"])
    assert main(["catalog", "rebuild", "--seatunnel-git", src, "--only", version, "-o", str(tmp_path)]) == 0
    shipped = catalog_dir() / f"{version}.json.gz"
    # compare the JSON text byte for byte (the gzip container depends on the zlib build)
    assert gzip.decompress((tmp_path / shipped.name).read_bytes()) == gzip.decompress(shipped.read_bytes())
    desc = catalog_dir() / f"{version}.descriptions.json.gz"  # the lazily loaded descriptions file too
    assert gzip.decompress((tmp_path / desc.name).read_bytes()) == gzip.decompress(desc.read_bytes())
    assert (tmp_path / f"{version}.report.txt").read_text() == (catalog_dir() / f"{version}.report.txt").read_text()


# ---------------------------------------------------------------------------- versions


@pytest.mark.parametrize("given, exit_code", [("2.3.10-dev", 2), ("2.4", 2), ("3.0.0", 2), ("2.3.12", 0), ("2.3", 0)])
def test_version_selection(given, exit_code, capsys):
    assert main(["catalog", "list", "--kind", "sink", "--seatunnel-version", given]) == exit_code
    cap = capsys.readouterr()
    if exit_code:
        assert f"no catalog for SeaTunnel version '{given}'; available: 2.3.13, 2.3.12, 2.3.11, 2.3.10, 2.3.9, 2.3.8" in cap.err
        assert cap.out == ""
    else:
        assert cap.out.startswith("# SeaTunnel catalog " + ("2.3.13" if given == "2.3" else given) + "\n")


# ---------------------------------------------------------------------------- diff


def test_diff_jdbc_user_renamed_to_username_in_2312(capsys):
    """2.3.11: JdbcOptions.USER = key("user") (JdbcOptions.java:53 at ba7f5c9e3);
    2.3.12: JdbcCommonOptions.USERNAME = key("username")...withFallbackKeys("user") (JdbcCommonOptions.java:66-70 at
    1bc4fbaaa, #9541), and URL = key("url")...withFallbackKeys("base-url") (line 29-32) used by the CDC sources."""
    assert main(["catalog", "diff", "2.3.11", "2.3.12", "--plugin", "Jdbc"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# SeaTunnel catalog 2.3.11 -> 2.3.12\n")
    assert "source Jdbc:\n" in out and "sink Jdbc:\n" in out
    assert out.count("  renamed user -> username (`user` still accepted as a fallback key)\n") == 2
    assert "  - user\n" not in out and "  + username" not in out
    assert main(["catalog", "diff", "2.3.11", "2.3.12", "--plugin", "MySQL-CDC", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    (c,) = d["changed"]
    assert (c["kind"], c["name"]) == ("source", "MySQL-CDC")
    assert {"from": "base-url", "to": "url", "fallback": True} in c["renamed"]
    assert "base-url" not in c.get("options_removed", []) and "url" not in [o["key"] for o in c.get("options_added", [])]


def test_diff_238_to_239_plugins_and_enums(capsys):
    """2.3.8 (tag 860463186a) has no Sls sink and no RowKindExtractor transform; 2.3.9 (d61cba233) has
    SlsSinkFactory and RowKindExtractorTransformFactory.  FtpConnectionMode's constants were renamed from
    ACTIVE_LOCAL_DATA_CONNECTION_MODE to ACTIVE_LOCAL (FtpConnectionMode.java:24), FtpConfigOptions.java:45 default too."""
    assert main(["catalog", "diff", "2.3.8", "2.3.9", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["from"] == "2.3.8" and d["to"] == "2.3.9"
    assert {"kind": "sink", "name": "Sls"} in d["plugins_added"]
    assert {"kind": "transform", "name": "RowKindExtractor"} in d["plugins_added"]
    assert d["plugins_removed"] == []
    ftp = next(c for c in d["changed"] if (c["kind"], c["name"]) == ("sink", "FtpFile"))
    (e,) = [e for e in ftp["enum_changed"] if e["key"] == "connection_mode"]
    assert e["added"] == ["ACTIVE_LOCAL", "PASSIVE_LOCAL"]
    assert e["removed"] == ["ACTIVE_LOCAL_DATA_CONNECTION_MODE", "PASSIVE_LOCAL_DATA_CONNECTION_MODE"]
    assert {"key": "connection_mode", "from": "ACTIVE_LOCAL_DATA_CONNECTION_MODE", "to": "ACTIVE_LOCAL"} in ftp["default_changed"]
    common = next(c for c in d["changed"] if c["name"] == "common source options")
    assert common["renamed"] == [{"from": "result_table_name", "to": "plugin_output", "fallback": True}]
    assert d["summary"]["plugins_added"] == len(d["plugins_added"])


def test_diff_same_version_is_empty_and_unknown_version_fails(capsys):
    assert main(["catalog", "diff", "2.3.12", "2.3.12"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("# 0 plugins added, 0 plugins removed, 0 options added") and len(out.splitlines()) == 2
    assert main(["catalog", "diff", "2.3.10-dev", "2.3.12"]) == 2
    assert "available: 2.3.13" in capsys.readouterr().err


def test_release_commits_match_the_changelog_cut_points(capsys):
    """The recorded 2.3.9-2.3.13 commits are the cut points the connector changelogs give (skips without sources)."""
    from stlint.catalog.cutpoints import cut_points

    newest = releases()[-1]
    src = git_dir_for(newest["commit"])
    d = cut_points(src, newest["commit"], since="2.3.8")
    assert d["inversions"] == [] and d["on_chain"] > 1000
    cuts = {r["version"]: r["cut"] for r in d["releases"]}
    for r in releases():
        if r["id"] != "2.3.8":  # 2.3.8 is the release tag (on its release branch), not a dev-chain commit
            assert cuts[r["id"]] == r["commit"], r["id"]
    assert main(["catalog", "cutpoints", "--seatunnel-git", src, "--tip", newest["commit"]]) == 0
    assert "0 inversions" in capsys.readouterr().out
