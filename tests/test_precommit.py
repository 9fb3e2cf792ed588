"""The real `pre-commit` runs this repository's hooks (`pre-commit try-repo`) on a temp git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import REPO

BAD = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    row.num = 10\n}\nsink {\n  Console {}\n}\n'
FIXABLE = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    result_table_name = "a"\n'
           '    schema = { fields { id = "int" } }\n  }\n}\nsink {\n  Console {\n    source_table_name = ["a"]\n  }\n}\n')
CLEAN = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "a"\n'
         '    schema = { fields { id = "int" } }\n  }\n}\nsink {\n  Console {\n    plugin_input = ["a"]\n  }\n}\n')


def _pre_commit() -> list[str] | None:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    pc = _pre_commit()
    if pc is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    home = tmp_path_factory.mktemp("pc-home")
    e = dict(os.environ, PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
             GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid", PRE_COMMIT_COLOR="never")
    e.pop("PYTHONPATH", None)
    return pc, e


def _repo(tmp_path: Path, files: dict[str, str], e) -> Path:
    r = tmp_path / "jobs"
    r.mkdir()
    for name, text in files.items():
        (r / name).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=r, check=True, env=e)
    subprocess.run(["git", "add", "."], cwd=r, check=True, env=e)
    return r


def _try(pc, e, repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([*pc, "try-repo", str(REPO), hook, "--files", *files], cwd=repo, env=e,
                          capture_output=True, text=True, timeout=600)


def test_bad_config_is_blocked_with_the_stlint_message(env, tmp_path):
    pc, e = env
    repo = _repo(tmp_path, {"bad.conf": BAD}, e)
    out = _try(pc, e, repo, "stlint", "bad.conf")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "bad.conf:11:1: error syntax-error expected `}` to close `source {` opened at 4:8" in out.stdout


def test_fix_hook_rewrites_a_fixable_file_and_fails(env, tmp_path):
    pc, e = env
    repo = _repo(tmp_path, {"job.conf": FIXABLE}, e)
    out = _try(pc, e, repo, "stlint-fix", "job.conf")
    assert out.returncode == 1, out.stdout + out.stderr  # pre-commit: a hook that changed files fails
    assert (repo / "job.conf").read_text() == CLEAN
    again = _try(pc, e, repo, "stlint-fix", "job.conf")
    assert again.returncode == 0, again.stdout + again.stderr


def test_clean_file_passes(env, tmp_path):
    pc, e = env
    repo = _repo(tmp_path, {"clean.conf": CLEAN}, e)
    out = _try(pc, e, repo, "stlint", "clean.conf")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Passed" in out.stdout
