"""The real `pre-commit try-repo` runs the `stlint-format` hook on a temp git repo."""

from __future__ import annotations

import pytest

from test_precommit import _repo, _try, env  # noqa: F401  (fixture)

MESSY = 'env{\njob.mode="BATCH"   \n}\n'
TIDY = 'env {\n  job.mode = "BATCH"\n}\n'


def test_format_hook_rewrites_and_fails_then_passes(env, tmp_path):  # noqa: F811
    pc, e = env
    repo = _repo(tmp_path, {"job.conf": MESSY}, e)
    out = _try(pc, e, repo, "stlint-format", "job.conf")
    assert out.returncode == 1, out.stdout + out.stderr  # pre-commit: a hook that changed files fails
    assert (repo / "job.conf").read_text() == TIDY
    again = _try(pc, e, repo, "stlint-format", "job.conf")
    assert again.returncode == 0, again.stdout + again.stderr


def test_format_hook_leaves_a_broken_file_alone(env, tmp_path):  # noqa: F811
    pc, e = env
    repo = _repo(tmp_path, {"bad.conf": "env {\n a=1\n"}, e)
    out = _try(pc, e, repo, "stlint-format", "bad.conf")
    assert out.returncode != 0
    assert (repo / "bad.conf").read_text() == "env {\n a=1\n"


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
