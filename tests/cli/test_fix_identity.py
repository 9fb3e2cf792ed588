"""`--fix` keeps the user's file: symlinks, owner, group, mode, extended attributes; refuses hard
links, read-only files (unless --fix-read-only) and files changed since they were read; a failed
write is exit 2, never "Fixed 1 finding."; `--fix -` echoes its input byte for byte outside the
edits. Real CLI runs on real files (the tests run as root where they change owners)."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys

import pytest

from testpaths import REPO
from stlint.fixes import WriteRefused, write_fixed

# (FakeSource needs `schema` or `tables_configs` from 2.3.10: FakeSourceFactory.optionRule() exclusive)
JOB = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  fakesource {\n    plugin_output = "a"\n' \
      '    schema = { fields { id = "int" } }\n  }\n}\nsink {\n  Console { plugin_input = ["a"] }\n}\n'
FIXED = JOB.replace("fakesource", "FakeSource")


def run(args, cwd, stdin=None, preexec=None):
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "stlint", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=env, timeout=120, preexec_fn=preexec)


def fix(cwd, *paths, extra=()):
    # the fix used throughout: plugin-name-case (opt-in rule, so selected here)
    return run(["check", *paths, "--fix", "--no-cache", "--extend-select", "plugin-name-case", *extra], cwd)


def test_symlink_is_written_through_to_its_target(tmp_path):
    (tmp_path / "real.conf").write_text(JOB)
    os.symlink("real.conf", tmp_path / "link.conf")
    p = fix(tmp_path, "link.conf")
    assert p.returncode == 0, p.stderr
    assert os.readlink(tmp_path / "link.conf") == "real.conf"
    assert (tmp_path / "real.conf").read_text() == FIXED


def test_symlink_to_outside_is_refused(tmp_path):
    outside = tmp_path / "outside"
    work = tmp_path / "work"
    outside.mkdir()
    work.mkdir()
    (outside / "real.conf").write_text(JOB)
    os.symlink(outside / "real.conf", work / "link.conf")
    p = fix(work, "link.conf")
    assert p.returncode == 2
    assert (outside / "real.conf").read_text() == JOB and os.path.islink(work / "link.conf")
    assert f"stlint: link.conf: is a symlink to {outside / 'real.conf'}, outside the current directory" in p.stderr.decode()
    assert b"Fixed 1 finding" not in p.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_owner_group_and_mode_are_kept(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)
    os.chown(f, 12345, 23456)
    os.chmod(f, 0o640)
    p = fix(tmp_path, "job.conf")
    assert p.returncode == 0, p.stderr
    st = os.stat(f)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o640)
    assert f.read_text() == FIXED and sorted(os.listdir(tmp_path)) == ["job.conf"]


def test_extended_attributes_are_kept(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)
    try:
        os.setxattr(f, "user.origin", b"kept")
    except (OSError, AttributeError) as e:
        pytest.skip(f"user.* extended attributes unsupported here: {e}")
    p = fix(tmp_path, "job.conf")
    assert p.returncode == 0, p.stderr
    assert f.read_text() == FIXED and os.getxattr(f, "user.origin") == b"kept"


def test_hard_linked_file_is_refused(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)
    os.link(f, tmp_path / "other.conf")
    p = fix(tmp_path, "job.conf")
    assert p.returncode == 2
    assert "stlint: job.conf: has 2 hard links; replacing it would break them" in p.stderr.decode()
    assert f.read_text() == JOB and os.stat(f).st_nlink == 2
    assert b"Fixed 1 finding" not in p.stdout


def test_read_only_file_is_refused_unless_asked(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)
    os.chmod(f, 0o444)
    p = fix(tmp_path, "job.conf")
    assert p.returncode == 2 and f.read_text() == JOB
    assert "stlint: job.conf: is read-only; not writing (use --fix-read-only to write it anyway)" in p.stderr.decode()
    p = fix(tmp_path, "job.conf", extra=("--fix-read-only",))
    assert p.returncode == 0, p.stderr
    assert f.read_text() == FIXED and stat.S_IMODE(os.stat(f).st_mode) == 0o444
    assert "Fixed 1 finding." in p.stdout.decode()


def test_write_failure_is_exit_2_not_fixed(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)

    def small_files():  # writing more than 64 bytes fails with EFBIG (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))

    p = run(["check", "job.conf", "--fix", "--no-cache", "--extend-select", "plugin-name-case"], tmp_path,
            preexec=small_files)
    assert p.returncode == 2
    assert "stlint: job.conf: cannot write the fixed file: File too large" in p.stderr.decode()
    assert "Fixed 1 finding" not in p.stdout.decode()
    assert f.read_text() == JOB and sorted(os.listdir(tmp_path)) == ["job.conf"]


def test_file_changed_since_read_is_not_overwritten(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB)
    edited = JOB + "# saved by the user while stlint ran\n"
    f.write_text(edited)
    with pytest.raises(WriteRefused, match="changed since stlint read it"):
        write_fixed(str(f), FIXED.encode(), JOB.encode())
    assert f.read_text() == edited and sorted(os.listdir(tmp_path)) == ["job.conf"]
    f.write_text(JOB)  # back to what was read: written
    assert write_fixed(str(f), FIXED.encode(), JOB.encode()) == str(f)
    assert f.read_text() == FIXED


def test_stdin_without_fixes_is_echoed_byte_for_byte(tmp_path):
    clean = FIXED.encode()
    for data in (b"\xef\xbb\xbf" + clean, clean.replace(b"\n", b"\r\n"),
                 clean.replace(b'"BATCH"', b'"BAT\xff\xfeCH"'),  # invalid UTF-8: not fixed, not touched
                 b"\xef\xbb\xbf" + JOB.encode().replace(b'"BATCH"', b'"\xc3"')):
        p = run(["check", "-", "--stdin-filename", "job.conf", "--fix", "--extend-select", "plugin-name-case"], tmp_path, stdin=data)
        assert p.stdout == data, (data, p.stdout)


def test_stdin_with_fixes_keeps_bom_and_crlf(tmp_path):
    data = b"\xef\xbb\xbf" + JOB.replace("\n", "\r\n").encode()
    p = run(["check", "-", "--stdin-filename", "job.conf", "--fix", "--extend-select", "plugin-name-case"], tmp_path, stdin=data)
    assert p.stdout == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
