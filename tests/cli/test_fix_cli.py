"""`stlint check --fix / --unsafe-fixes / --diff`, stdin fixing and the report's patch, via the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from testpaths import REPO

JOB = ('env {\r\n  job.mode = "BATCH"\r\n}\r\nsource {\r\n  fakesource {\r\n    result_table_name = "a", schema = { fields { id = "int" } }  # keep\r\n'
       '    row.num = ${ROWS:10}\r\n  }\r\n}\r\nsink {\r\n  Console { source_table_name = ["a"] }\r\n}\r\n')
FIXED = ('env {\r\n  job.mode = "BATCH"\r\n}\r\nsource {\r\n  FakeSource {\r\n    plugin_output = "a", schema = { fields { id = "int" } }  # keep\r\n'
         '    row.num = "${ROWS:10}"\r\n  }\r\n}\r\nsink {\r\n  Console { plugin_input = ["a"] }\r\n}\r\n')


PNC = ["--extend-select", "plugin-name-case"]  # opt-in rule: `fakesource` -> `FakeSource` is part of FIXED


def run(args, cwd, stdin=None):
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "stlint", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=env, timeout=120)


def test_diff_writes_nothing_and_exits_1(tmp_path):
    f = tmp_path / "job.conf"
    f.write_bytes(b"\xef\xbb\xbf" + JOB.encode())
    out = run(["check", "job.conf", "--diff", "--no-cache"], tmp_path)
    assert out.returncode == 1
    assert f.read_bytes() == b"\xef\xbb\xbf" + JOB.encode()
    diff = out.stdout.decode()
    assert diff.startswith("--- a/job.conf\n+++ b/job.conf\n")
    assert '-    row.num = ${ROWS:10}\r\n' in diff and '+    row.num = "${ROWS:10}"\r\n' in diff


def test_fix_rewrites_keeping_bom_crlf_comments_and_is_idempotent(tmp_path):
    f = tmp_path / "job.conf"
    f.write_bytes(b"\xef\xbb\xbf" + JOB.encode())
    os.chmod(f, 0o600)
    out = run(["check", "job.conf", "--fix", "--no-cache", *PNC], tmp_path)
    assert out.returncode == 0, out.stdout.decode() + out.stderr.decode()
    assert f.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()
    assert oct(os.stat(f).st_mode & 0o777) == oct(0o600)
    assert "Fixed 4 findings." in out.stdout.decode()
    again = run(["check", "job.conf", "--fix", "--exit-non-zero-on-fix", "--no-cache", *PNC], tmp_path)
    assert again.returncode == 0 and f.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.conf"]


def test_exit_non_zero_on_fix(tmp_path):
    (tmp_path / "job.conf").write_text(JOB)
    out = run(["check", "job.conf", "--fix", "--exit-non-zero-on-fix", "--no-cache"], tmp_path)
    assert out.returncode == 1


def test_unsafe_fixes_only_when_asked(tmp_path):
    text = 'env {}\nsource {\n  FakeSource {\n    plugin_output = "a"\n  }\n}\nsink {\n  Console {\n    plugin_input = ["b"]\n  }\n}\n'
    f = tmp_path / "job.conf"
    f.write_text(text)
    run(["check", "job.conf", "--fix", "--no-cache"], tmp_path)
    assert f.read_text() == text  # undefined-plugin-input's fix is unsafe
    run(["check", "job.conf", "--fix", "--unsafe-fixes", "--no-cache"], tmp_path)
    assert 'plugin_input = ["a"]' in f.read_text()


def test_stdin_fix_prints_fixed_text(tmp_path):
    out = run(["check", "-", "--stdin-filename", "job.conf", "--fix", *PNC], tmp_path, stdin=JOB.encode())
    assert out.stdout.decode() == FIXED
    assert not (tmp_path / "job.conf").exists()


def test_report_format_carries_the_patch(tmp_path):
    f = tmp_path / "job.conf"
    f.write_text(JOB.replace("\r\n", "\n"))
    out = run(["check", "job.conf", "--format", "report", "--no-cache"], tmp_path)
    doc = json.loads(out.stdout)
    patch = doc["files"][0]["patch_suggestion"]
    assert patch.startswith("--- a/job.conf") and '+    row.num = "${ROWS:10}"' in patch
    assert f.read_text() == JOB.replace("\r\n", "\n")  # the report never writes


def test_fix_refuses_a_file_with_syntax_errors(tmp_path):
    text = 'env {\n  job.mode = \n}\nsource {\n  fakesource {}\n}\nsink { Console {} }\n'
    f = tmp_path / "job.conf"
    f.write_text(text)
    out = run(["check", "job.conf", "--fix", "--no-cache"], tmp_path)
    assert out.returncode == 1 and f.read_text() == text
