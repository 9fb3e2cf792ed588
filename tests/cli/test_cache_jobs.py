"""--jobs gives the same output as one process; the result cache hits, and misses on change."""

from __future__ import annotations

import json
from pathlib import Path

from clihelp import BROKEN, CLEAN, DUPLICATE, ORDER, stlint, write  # noqa: F401,F811  (stlint: fixture)

from stlint.cache import FORMAT


def _many(tmp_path: Path) -> None:
    files = {}
    for i in range(12):
        files[f"jobs/{i:02d}/dup.conf"] = DUPLICATE.replace("parallelism = 2", f"parallelism = {i}")
        files[f"jobs/{i:02d}/order.conf"] = ORDER
        files[f"jobs/{i:02d}/case.conf"] = CLEAN.replace("Console", "console")
    files["jobs/broken.conf"] = BROKEN
    write(tmp_path, files)


def test_jobs_2_equals_jobs_1(stlint, tmp_path):
    _many(tmp_path)
    for fmt in ("json", "text", "sarif"):
        # plugin-name-case (case.conf) is opt-in
        one = stlint("check", "jobs", "--no-cache", "--jobs", "1", "--format", fmt, "--extend-select", "ST102",
                     cwd=tmp_path)
        two = stlint("check", "jobs", "--no-cache", "--jobs", "2", "--format", fmt, "--extend-select", "ST102",
                     cwd=tmp_path)
        assert one.returncode == two.returncode == 1
        assert one.stdout == two.stdout
    assert len(json.loads(one.stdout)["runs"][0]["results"]) >= 12 * 3 + 1


def _entries(stlint) -> list[Path]:
    return sorted((stlint.cache / "stlint" / f"results-v{FORMAT}").rglob("*.json"))


def test_cache_hit_gives_identical_output(stlint, tmp_path):
    _many(tmp_path)
    cold = stlint("check", "jobs", "--format", "json", cwd=tmp_path)
    assert len(_entries(stlint)) == 12 + 1  # one pack per directory
    warm = stlint("check", "jobs", "--format", "json", cwd=tmp_path)
    warm2 = stlint("check", "jobs", "--format", "json", "--jobs", "2", cwd=tmp_path)
    assert cold.stdout == warm.stdout == warm2.stdout and cold.returncode == warm.returncode == 1
    for fmt in ("text", "sarif", "github"):
        assert (stlint("check", "jobs", "--format", fmt, cwd=tmp_path).stdout
                == stlint("check", "jobs", "--format", fmt, "--no-cache", cwd=tmp_path).stdout)


def _poison(stlint) -> None:
    """Rewrite every cached message so a hit is visible in the output."""
    for e in _entries(stlint):
        data = json.loads(e.read_text())
        for entry in data["files"].values():
            for d in entry["diagnostics"]:
                d["message"] = "FROM CACHE"
        e.write_text(json.dumps(data))


def test_cache_is_read_and_invalidated_by_content_and_config(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "order.conf": ORDER})
    args = ("check", ".", "--select", "ST0", "-q")
    stlint(*args, cwd=tmp_path)
    _poison(stlint)
    assert stlint(*args, cwd=tmp_path).stdout.count("FROM CACHE") == 2  # both served from the cache
    assert "FROM CACHE" not in stlint(*args, "--no-cache", cwd=tmp_path).stdout
    # content change: that file misses, the other still hits
    (tmp_path / "dup.conf").write_text(DUPLICATE + "\n")
    out = stlint(*args, cwd=tmp_path).stdout.splitlines()
    assert out[0].startswith("dup.conf:4:3: warning duplicate-key `parallelism`") and out[1].endswith("FROM CACHE")
    # config change (a new .stlint.toml, then an edit of it): every file misses
    _poison(stlint)
    (tmp_path / ".stlint.toml").write_text('severity = { section-order = "warning" }\n')
    out = stlint(*args, cwd=tmp_path).stdout
    assert "FROM CACHE" not in out and "order.conf:4:1: warning section-order" in out
    _poison(stlint)
    (tmp_path / ".stlint.toml").write_text('severity = { section-order = "error" }\n')
    assert "order.conf:4:1: error section-order" in stlint(*args, cwd=tmp_path).stdout
    # CLI settings are part of the key too
    _poison(stlint)
    assert "FROM CACHE" not in stlint(*args, "--var", "X=1", cwd=tmp_path).stdout


def test_findings_with_suggestions_are_cached(stlint, tmp_path):
    """A did-you-mean finding carries its replacements (``suggestions``): such an entry is a hit
    (it used to fail validation, so files with a typo were linted again on every run)."""
    write(tmp_path, {"typo.conf": CLEAN.replace("Console", "Consol")})
    args = ("check", ".", "-q")
    first = stlint(*args, cwd=tmp_path).stdout
    assert "did you mean `Console`?" in first
    assert '"suggestions": ["Console"]' in _entries(stlint)[0].read_text()
    _poison(stlint)
    assert stlint(*args, cwd=tmp_path).stdout == first.replace(first.split(" ", 3)[3], "FROM CACHE\n")


def test_cache_follows_included_files(stlint, tmp_path):
    write(tmp_path, {"job.conf": 'include "common.conf"\nsource {\n  FakeSource {}\n}\nsink {\n  Console {}\n}\n',
                     "common.conf": 'env {\n  job.mode = "BATCH"\n}\n'})
    args = ("check", "job.conf", "--select", "ST0", "-q")
    assert stlint(*args, cwd=tmp_path).stdout == ""
    assert stlint(*args, cwd=tmp_path).stdout == ""
    (tmp_path / "common.conf").write_text('envv {\n  job.mode = "BATCH"\n}\n')  # job.conf itself is unchanged
    out = stlint(*args, cwd=tmp_path).stdout
    assert "missing-section" in out


def test_no_cache_writes_nothing(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE})
    stlint("check", ".", "--no-cache", cwd=tmp_path)
    assert _entries(stlint) == []


def test_fix_pass_skips_files_whose_cached_findings_have_no_fix(stlint, tmp_path):
    """--fix/--diff/report lint a file for its fixes only when its cached findings offer one:
    a poisoned entry without the fix is believed (the cache is this user's), a real one is fixed."""
    num = CLEAN.replace('plugin_output = "fake"', 'result_table_name = "fake"')  # deprecated-option, safe fix
    write(tmp_path, {"num.conf": num, "dup.conf": DUPLICATE})
    stlint("check", ".", cwd=tmp_path)  # fills the cache
    assert '+    plugin_output = "fake"' in stlint("check", ".", "--diff", cwd=tmp_path).stdout
    for e in _entries(stlint):  # drop the fixes from the cached findings
        data = json.loads(e.read_text())
        for entry in data["files"].values():
            for d in entry["diagnostics"]:
                d.pop("fix", None)
        e.write_text(json.dumps(data))
    assert stlint("check", ".", "--diff", cwd=tmp_path).stdout == ""  # judged from the cache: nothing to fix
    assert '+    plugin_output = "fake"' in stlint("check", ".", "--diff", "--no-cache", cwd=tmp_path).stdout
    (tmp_path / "num.conf").write_text(num + "\n")  # changed: a miss, linted, fixed
    p = stlint("check", ".", "--fix", "-q", cwd=tmp_path)
    assert (tmp_path / "num.conf").read_text() == CLEAN + "\n"
    assert (tmp_path / "dup.conf").read_text() == DUPLICATE and "dup.conf:4:3: warning duplicate-key" in p.stdout
