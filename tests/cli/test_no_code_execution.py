"""Checking a directory never runs code from it: a repository's .git/config (core.fsmonitor)
is not executed by the file discovery (`git ls-files`)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from clihelp import CLEAN, stlint, write  # noqa: F401  (stlint: fixture)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_fsmonitor_of_an_untrusted_repository_is_not_run(stlint, tmp_path):
    repo = tmp_path / "untrusted"
    write(repo, {"job.conf": CLEAN})
    marker = tmp_path / "pwned"
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "job.conf"], check=True)
    # what a downloaded archive or a nested checkout could carry
    subprocess.run([*git, "config", "core.fsmonitor", f"touch {marker}; false"], check=True)
    subprocess.run([*git, "ls-files"], check=True, capture_output=True)
    if not marker.exists():
        pytest.skip("this git does not run core.fsmonitor for ls-files: nothing to guard against")
    marker.unlink()
    p = stlint("check", "untrusted", "--no-cache", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert not marker.exists()
