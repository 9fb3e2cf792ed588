"""The result cache trusts nothing it did not write for this exact input: planted entries (forged
"no findings", other owners, bad schema), dependencies that are FIFOs or devices, a cache
directory others can write, a missing include that appears later. Real CLI runs; every run has a
subprocess timeout, so a hang fails the test."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from clihelp import BROKEN, CLEAN, stlint, write  # noqa: F401  (stlint: fixture)

from stlint.cache import FORMAT

OTHER_UID = 54321


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "stlint" / f"results-v{FORMAT}").rglob("*.json"))


def _only_entry(stlint) -> Path:
    """The one cache pack (one per directory) of these tests."""
    es = _entries(stlint.cache)
    assert len(es) == 1, es
    return es[0]


def _forge(pack: Path, name: str = "job.conf", *, pack_changes: dict | None = None, **changes) -> None:
    """Change the entry of file ``name`` in a pack (and the pack itself), keeping owner and mode."""
    data = json.loads(pack.read_text())
    data["files"][name].update(changes)
    data.update(pack_changes or {})
    pack.write_text(json.dumps(data))


def _run(stlint, tmp_path, *extra):
    return stlint("check", "job.conf", "-q", *extra, cwd=tmp_path)


def test_forged_no_findings_entry_is_used_only_if_we_own_it(stlint, tmp_path):
    write(tmp_path, {"job.conf": BROKEN})
    assert _run(stlint, tmp_path).returncode == 1
    e = _only_entry(stlint)
    _forge(e, diagnostics=[])
    # an entry written by this user, well-formed, for this key: a hit (the cache is this user's)
    assert _run(stlint, tmp_path).returncode == 0
    # the same entry owned by someone else, or writable by others: never trusted
    os.chown(e, OTHER_UID, OTHER_UID)
    p = _run(stlint, tmp_path)
    assert p.returncode == 1 and "syntax-error" in p.stdout
    _forge(e, diagnostics=[])
    os.chown(e, os.geteuid(), os.getegid())
    os.chmod(e, 0o666)
    p = _run(stlint, tmp_path)
    assert p.returncode == 1 and "syntax-error" in p.stdout


@pytest.mark.parametrize("change", [
    {"pack_changes": {"v": 1}},
    {"pack_changes": {"key": "0" * 64}},  # a pack copied from another directory's name
    {"pack_changes": {"dir": "/elsewhere"}},
    {"pack_changes": {"extra": 1}},
    {"sha": "0" * 64},  # written for other content
    {"stat": "x"},
    {"deps": "x"},
    {"deps": [["/etc/passwd"]]},
    {"diagnostics": [{"name": "syntax-error", "severity": "fatal", "message": "m", "start": 0, "end": 1}]},
    {"diagnostics": [{"name": "syntax-error", "severity": "info", "message": "m", "start": 0, "end": 10**9}]},
    {"diagnostics": [{"name": "syntax-error", "severity": "info", "message": "m", "start": 3, "end": 1}]},
    {"diagnostics": [{"name": "syntax-error", "severity": "info", "message": 5, "start": 0, "end": 1}]},
    {"diagnostics": [{"name": "Syntax Error\x1b[2J", "severity": "info", "message": "m", "start": 0, "end": 1}]},
    {"diagnostics": [{"name": "x", "severity": "info", "message": "m", "start": 0, "end": 1, "evil": 1}]},
    {"diagnostics": [{"name": "x", "severity": "info", "message": "m", "start": 0, "end": 1,
                      "fix": {"applicability": "safe", "message": "f", "edits": [[0, 10**9, "x"]]}}]},
    {"diagnostics": {"0": "no findings"}},
    {"extra": True},
])
def test_malformed_entries_are_misses(stlint, tmp_path, change):
    write(tmp_path, {"job.conf": BROKEN})
    _run(stlint, tmp_path)
    _forge(_only_entry(stlint), **change)
    p = _run(stlint, tmp_path)
    assert p.returncode == 1 and "job.conf:10:1: error syntax-error" in p.stdout, p.stdout


def test_not_json_or_a_symlink_or_a_fifo_entry_is_a_miss(stlint, tmp_path):
    write(tmp_path, {"job.conf": BROKEN, "forged.json": json.dumps({"diagnostics": []})})
    _run(stlint, tmp_path)
    e = _only_entry(stlint)
    for plant in ("garbage", "symlink", "fifo"):
        e.unlink()
        if plant == "garbage":
            e.write_bytes(b"\x00{not json")
        elif plant == "symlink":
            e.symlink_to(tmp_path / "forged.json")
        else:
            os.mkfifo(e)
        p = _run(stlint, tmp_path)
        assert p.returncode == 1 and "syntax-error" in p.stdout, plant


def _plant_dep(stlint, tmp_path, dep: str) -> None:
    """A forged "no findings" entry for job.conf that names ``dep`` as a dependency."""
    write(tmp_path, {"job.conf": BROKEN})
    _run(stlint, tmp_path)
    e = _only_entry(stlint)
    _forge(e, diagnostics=[], deps=[[dep, "0" * 64]])


def test_fifo_dependency_is_not_read(stlint, tmp_path):
    os.mkfifo(tmp_path / "pipe.conf")
    _plant_dep(stlint, tmp_path, str(tmp_path / "pipe.conf"))
    p = _run(stlint, tmp_path)  # reading the FIFO would block until the timeout
    assert p.returncode == 1 and "syntax-error" in p.stdout


@pytest.mark.parametrize("where", ["outside", "symlink-inside"])
def test_dev_zero_dependency_is_not_read(stlint, tmp_path, where):
    dep = "/dev/zero"
    if where == "symlink-inside":
        os.symlink("/dev/zero", tmp_path / "zero.conf")
        dep = str(tmp_path / "zero.conf")
    _plant_dep(stlint, tmp_path, dep)
    p = _run(stlint, tmp_path)  # reading /dev/zero would exhaust memory
    assert p.returncode == 1 and "syntax-error" in p.stdout


def test_dependency_outside_the_jobs_folder_is_a_miss(stlint, tmp_path):
    (tmp_path / "job").mkdir()
    (tmp_path / "secret.conf").write_text("x = 1\n")
    import hashlib

    write(tmp_path / "job", {"job.conf": BROKEN})
    stlint("check", "job.conf", cwd=tmp_path / "job")
    e = _only_entry(stlint)
    digest = hashlib.sha256(b"x = 1\n").hexdigest()  # even with the right digest
    _forge(e, diagnostics=[], deps=[[str(tmp_path / "secret.conf"), digest]])
    assert stlint("check", "job.conf", cwd=tmp_path / "job").returncode == 1


def test_missing_include_that_appears_later_invalidates(stlint, tmp_path):
    write(tmp_path, {"job.conf": 'include "common"\nsource {\n  FakeSource {}\n}\nsink {\n  Console {}\n}\n'})
    args = ("check", "job.conf", "--select", "ST0", "-q")
    first = stlint(*args, cwd=tmp_path)
    assert "missing-section no `env` section" in first.stdout
    assert stlint(*args, cwd=tmp_path).stdout == first.stdout  # a hit
    deps = json.loads(_only_entry(stlint).read_text())["files"]["job.conf"]["deps"]
    assert [Path(p).name for p, d in deps] == ["common.conf", "common.json", "common.properties"]
    assert all(d is None for _, d in deps)
    write(tmp_path, {"common.json": "{\"env\": {}}\n"})
    assert stlint(*args, cwd=tmp_path).stdout == ""


def test_included_file_change_and_removal_invalidate(stlint, tmp_path):
    write(tmp_path, {"job.conf": 'include "common.conf"\nsource {\n  FakeSource {}\n}\nsink {\n  Console {}\n}\n',
                     "common.conf": "env {}\n"})
    args = ("check", "job.conf", "--select", "ST0", "-q")
    assert stlint(*args, cwd=tmp_path).stdout == ""
    (tmp_path / "common.conf").unlink()
    assert "missing-section" in stlint(*args, cwd=tmp_path).stdout


def test_unchanged_files_are_judged_by_stat_and_any_change_falls_back_to_content(stlint, tmp_path):
    write(tmp_path, {"job.conf": BROKEN})
    time.sleep(2.1)  # a file modified within 2 s is "racily clean": its stat is not recorded
    assert _run(stlint, tmp_path).returncode == 1
    pack = _only_entry(stlint)
    entry = json.loads(pack.read_text())["files"]["job.conf"]
    st = os.stat(tmp_path / "job.conf")
    assert entry["stat"] == [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
    # a forged "no findings" for other content: the unchanged stat answers without reading the file
    _forge(pack, diagnostics=[], sha="0" * 64)
    assert _run(stlint, tmp_path).returncode == 0
    # any write changes the ctime (even with size and mtime put back): the content decides again
    os.utime(tmp_path / "job.conf", ns=(st.st_atime_ns, st.st_mtime_ns))
    p = _run(stlint, tmp_path)
    assert p.returncode == 1 and "syntax-error" in p.stdout


def test_cache_dir_writable_by_others_is_not_used(stlint, tmp_path):
    write(tmp_path, {"job.conf": BROKEN})
    top = stlint.cache / "stlint"
    top.mkdir(parents=True)
    os.chmod(top, 0o777)  # e.g. planted by another user in a shared $XDG_CACHE_HOME
    assert _run(stlint, tmp_path).returncode == 1
    assert not (top / f"results-v{FORMAT}").exists()
    os.chmod(top, 0o770)
    os.chown(top, os.geteuid(), OTHER_UID)  # writable by a group that is not the user's own
    assert _run(stlint, tmp_path).returncode == 1
    assert not (top / f"results-v{FORMAT}").exists()
    os.chmod(top, 0o700)
    os.chown(top, OTHER_UID, OTHER_UID)
    assert _run(stlint, tmp_path).returncode == 1
    assert not (top / f"results-v{FORMAT}").exists()
    os.chown(top, os.geteuid(), os.getegid())
    assert _run(stlint, tmp_path).returncode == 1
    assert len(_entries(stlint.cache)) == 1
    assert stat.S_IMODE(os.stat(top / f"results-v{FORMAT}").st_mode) == 0o700


def test_world_writable_non_sticky_parent_is_not_used(stlint, tmp_path):
    write(tmp_path, {"job.conf": BROKEN})
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # anyone could rename our directory away and put theirs in its place
    p = stlint("check", "job.conf", "-q", cwd=tmp_path, env={"XDG_CACHE_HOME": str(shared / "c")})
    assert p.returncode == 1 and not (shared / "c" / "stlint" / f"results-v{FORMAT}").exists()
    os.chmod(shared, 0o1777)  # like /tmp: sticky, fine
    p = stlint("check", "job.conf", "-q", cwd=tmp_path, env={"XDG_CACHE_HOME": str(shared / "c")})
    assert len(_entries(shared / "c")) == 1


def test_prune_by_age_and_total_size(tmp_path):
    from stlint import cache

    d = tmp_path / "results"
    (d / "ab").mkdir(parents=True)
    now = time.time()
    files = {}
    for i, age_days in enumerate([0, 1, 2, 40]):
        f = d / "ab" / f"{i}.json"
        f.write_bytes(b"x" * 1000)
        os.utime(f, (now - age_days * 86400, now - age_days * 86400))
        files[i] = f
    stale_tmp = d / "ab" / "9.123.tmp"
    stale_tmp.write_bytes(b"")
    os.utime(stale_tmp, (now - 7200, now - 7200))
    assert cache.prune(d, now, max_total=10_000) == 2  # the 40-day-old entry and the stale temp file
    assert sorted(p.name for p in (d / "ab").iterdir()) == ["0.json", "1.json", "2.json"]
    assert cache.prune(d, now, max_total=1500) == 2  # oldest first until at most 1500 bytes
    assert sorted(p.name for p in (d / "ab").iterdir()) == ["0.json"]


def test_prune_runs_at_most_daily(stlint, tmp_path):
    write(tmp_path, {"a/job.conf": CLEAN, "b/job.conf": CLEAN, "c/job.conf": CLEAN})
    assert stlint("check", "a/job.conf", cwd=tmp_path).returncode == 0
    res = stlint.cache / "stlint" / f"results-v{FORMAT}"
    old = next(res.rglob("*.json"))
    os.utime(old, (1, 1))  # 1970: older than the age bound
    stamp = res / "pruned"
    assert stamp.exists()
    stlint("check", "b/job.conf", cwd=tmp_path)  # writes another pack
    assert old.exists()  # pruned less than a day ago: not again
    os.utime(stamp, (1, 1))
    stlint("check", "c/job.conf", cwd=tmp_path)
    assert not old.exists() and len(_entries(stlint.cache)) == 2
