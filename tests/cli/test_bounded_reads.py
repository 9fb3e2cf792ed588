"""Only regular files are read, with a size bound: a FIFO, /dev/zero or an oversized file gets a
clear message, never a hang or a MemoryError (every run has a subprocess timeout, so a regression
fails instead of hanging the suite). `dump` says it on stderr with exit 2; `check` reports it as
a finding of the file (`unreadable-file`, `file-too-large`: exit 1, every format, see
tests/cli/test_refusals.py)."""

from __future__ import annotations

import os

import pytest

from clihelp import CLEAN, stlint, write  # noqa: F401  (stlint: fixture)

FIFO_MSG = "is a FIFO (named pipe), not a regular file; stlint only reads regular files"


@pytest.fixture
def fifo(tmp_path):
    p = tmp_path / "pipe.conf"
    os.mkfifo(p)
    return p


def test_dump_refuses_a_fifo(stlint, tmp_path, fifo):
    p = stlint("dump", "pipe.conf", cwd=tmp_path)  # used to block forever in open()/read()
    assert p.returncode == 2
    assert p.stderr == f"stlint: cannot read pipe.conf: {FIFO_MSG}\n"


def test_check_names_a_fifo_instead_of_no_such_file(stlint, tmp_path, fifo):
    p = stlint("check", "pipe.conf", "--no-cache", "-q", cwd=tmp_path)
    assert p.returncode == 1 and p.stderr == ""
    assert p.stdout == f"pipe.conf:1:1: error unreadable-file cannot read the file: {FIFO_MSG}: not checked\n"


def test_a_fifo_found_in_a_directory_is_skipped(stlint, tmp_path, fifo):
    write(tmp_path, {"ok.conf": CLEAN})
    p = stlint("check", ".", "--no-cache", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "pipe.conf" not in p.stdout + p.stderr


def test_dev_zero(stlint, tmp_path):
    p = stlint("dump", "/dev/zero", cwd=tmp_path)
    assert p.returncode == 2
    assert "/dev/zero" in p.stderr and "is a character device, not a regular file" in p.stderr
    p = stlint("check", "/dev/zero", "--no-cache", "-q", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stdout.startswith("/dev/zero:1:1: error unreadable-file cannot read the file: is a character device, "
                               "not a regular file")


def test_size_bound(stlint, tmp_path):
    big = tmp_path / "big.conf"
    with open(big, "wb") as fh:  # sparse: 20 MiB that cost nothing to create
        fh.truncate(20 << 20)
    msg = ("file is 20971520 bytes, more than 16 MiB, stlint's size limit: not checked (set STLINT_MAX_FILE_SIZE "
           "to a number of bytes to raise it)")
    p = stlint("check", "big.conf", "--no-cache", "-q", cwd=tmp_path)
    assert p.returncode == 1 and p.stderr == "" and p.stdout == f"big.conf:1:1: error file-too-large {msg}\n"
    p = stlint("dump", "big.conf", cwd=tmp_path)
    assert p.returncode == 2 and p.stderr == ("stlint: cannot read big.conf: is 20971520 bytes, larger than 16 MiB "
                                              "(stlint's limit; set STLINT_MAX_FILE_SIZE to change it)\n")
    # the limit is configurable, and applies to stdin too
    write(tmp_path, {"ok.conf": CLEAN})
    p = stlint("check", "ok.conf", "--no-cache", "-q", cwd=tmp_path, env={"STLINT_MAX_FILE_SIZE": "100"})
    assert p.returncode == 1 and "ok.conf:1:1: error file-too-large file is 173 bytes, more than 100 bytes" in p.stdout
    p = stlint("check", "-", "--no-cache", "-q", cwd=tmp_path, input=CLEAN, env={"STLINT_MAX_FILE_SIZE": "100"})
    assert p.returncode == 1 and p.stdout.startswith("-:1:1: error file-too-large input is larger than 100 bytes")
    p = stlint("check", "ok.conf", "--no-cache", cwd=tmp_path, env={"STLINT_MAX_FILE_SIZE": str(len(CLEAN))})
    assert p.returncode == 0, p.stderr


def test_included_fifo_and_device(stlint, tmp_path, fifo):
    os.symlink("/dev/zero", tmp_path / "zero.conf")  # its target is outside the folder: not read
    write(tmp_path, {"job.conf": 'include "pipe.conf"\n' + CLEAN, "job2.conf": 'include "zero.conf"\n' + CLEAN})
    p = stlint("check", "job.conf", "job2.conf", "--no-cache", "-q", cwd=tmp_path)
    assert p.stdout.splitlines() == [
        f"job.conf:1:9: error syntax-error cannot read included file: {FIFO_MSG}",
        "job2.conf:1:1: warning unresolved-include `include \"zero.conf\"` points outside the job's directory; "
        "stlint does not read it",
    ]


def test_included_device_inside_the_folder(stlint, tmp_path):
    import stat

    try:
        os.mknod(tmp_path / "zero.conf", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # a second /dev/zero
    except (PermissionError, AttributeError) as e:
        pytest.skip(f"cannot create a device node here: {e}")
    write(tmp_path, {"job.conf": 'include "zero.conf"\n' + CLEAN})
    p = stlint("check", "job.conf", "--no-cache", "-q", cwd=tmp_path)
    assert p.stdout == ("job.conf:1:9: error syntax-error cannot read included file: is a character device, "
                        "not a regular file; stlint only reads regular files\n")
