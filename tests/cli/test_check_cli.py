"""`stlint check`: exit codes, rule selection, --var, stdin, file discovery (.gitignore)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from clihelp import BROKEN, CLEAN, DUPLICATE, ORDER, stlint, write  # noqa: F401,F811  (stlint: fixture)


def names(stdout: str) -> list[tuple[str, str]]:
    doc = json.loads(stdout)
    return sorted((f["path"], d["name"]) for f in doc["files"] for d in f["diagnostics"])


# --- exit codes ------------------------------------------------------------------------------


def test_exit_codes_and_fail_on(stlint, tmp_path):
    write(tmp_path, {"clean.conf": CLEAN, "dup.conf": DUPLICATE, "order.conf": ORDER, "broken.conf": BROKEN})
    S = ("--select", "ST0")
    p = stlint("check", "clean.conf", cwd=tmp_path, check_rc=0)
    assert p.stdout == "All checks passed! (1 file checked)\n"
    stlint("check", "dup.conf", *S, cwd=tmp_path, check_rc=1)  # warning >= default fail-on warning
    stlint("check", "dup.conf", *S, "--fail-on", "error", cwd=tmp_path, check_rc=0)
    stlint("check", "order.conf", *S, cwd=tmp_path, check_rc=0)  # info only
    stlint("check", "order.conf", *S, "--fail-on", "info", cwd=tmp_path, check_rc=1)
    stlint("check", "broken.conf", *S, "--fail-on", "error", cwd=tmp_path, check_rc=1)
    p = stlint("check", "broken.conf", *S, "--exit-zero", cwd=tmp_path, check_rc=0)
    assert "syntax-error" in p.stdout


@pytest.mark.parametrize("args, message", [
    (["missing.conf"], "stlint: missing.conf: no such file or directory"),
    (["clean.conf", "--select", "no-such-rule"], "stlint: --select: unknown rule or code `no-such-rule`"),
    (["clean.conf", "--ignore", "duplicate-keys"], "(did you mean `duplicate-key`?)"),
    (["clean.conf", "--select", "ST9"], "unknown rule or code `ST9`"),
    (["clean.conf", "--var", "NOEQUALS"], "stlint: --var expects KEY=VALUE, got 'NOEQUALS'"),
    (["clean.conf", "--seatunnel-version", "0.0.1"], "no catalog for SeaTunnel version '0.0.1'"),
    (["clean.conf", "--stdin-filename", "x.conf"], "--stdin-filename needs `-` as the path"),
    (["clean.conf", "--format", "xml"], "invalid choice: 'xml'"),
])
def test_usage_errors_exit_2_with_a_message(stlint, tmp_path, args, message):
    write(tmp_path, {"clean.conf": CLEAN})
    p = stlint("check", *args, cwd=tmp_path, check_rc=2)
    assert message in p.stderr


def test_unreadable_file_is_a_finding_and_others_are_reported(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "secret.conf": CLEAN})
    (tmp_path / "secret.conf").chmod(0)
    try:
        with open(tmp_path / "secret.conf", "rb"):
            pytest.skip("running as a user who can read mode-000 files")
    except PermissionError:
        pass
    p = stlint("check", ".", "--format", "json", cwd=tmp_path, check_rc=1)
    assert p.stderr == ""
    assert ("dup.conf", "duplicate-key") in names(p.stdout) and ("secret.conf", "unreadable-file") in names(p.stdout)
    d = next(f for f in json.loads(p.stdout)["files"] if f["path"] == "secret.conf")["diagnostics"][0]
    assert d["message"] == "cannot read the file: Permission denied: not checked"


# --- selection -------------------------------------------------------------------------------


def test_select_ignore_by_name_code_prefix_all(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "order.conf": ORDER, "broken.conf": BROKEN})

    def found(*args):
        return {n for _, n in names(stlint("check", ".", "--format", "json", "--no-cache", *args, cwd=tmp_path).stdout)}

    assert found("--select", "duplicate-key") == {"duplicate-key"}
    assert found("--select", "ST009") == {"section-order"}
    assert found("--select", "st009") == {"section-order"}
    assert found("--select", "ST001,ST002") == {"syntax-error", "duplicate-key"}
    assert found("--select", "ST001", "--select", "ST009") == {"syntax-error", "section-order"}
    assert found("--select", "ST0", "--ignore", "ST00") == set()  # ST001..ST009
    assert found("--select", "ST0", "--ignore", "section-order,ST002") == {"syntax-error"}
    assert found("--select", "ST002", "--extend-select", "section-order") == {"duplicate-key", "section-order"}
    everything = found("--select", "ALL")
    assert {"syntax-error", "duplicate-key", "section-order"} <= everything
    assert found() == everything  # default: every rule
    assert found("--ignore", "ALL") == {"unquoted-placeholder-default"} & everything  # model-only names survive


# --- variables -------------------------------------------------------------------------------


def test_var_defines_job_variables(stlint, tmp_path):
    write(tmp_path, {"vars.conf": CLEAN.replace('plugin_output = "fake"', 'plugin_output = "fake"\n    row.num = ${ROWS}')})
    S = ("--select", "unresolved-variable", "--format", "json")
    assert names(stlint("check", "vars.conf", *S, cwd=tmp_path).stdout) == [("vars.conf", "unresolved-variable")]
    assert names(stlint("check", "vars.conf", *S, "--var", "ROWS=10", cwd=tmp_path).stdout) == []
    # repeatable; the value may contain `=`
    assert names(stlint("check", "vars.conf", *S, "--var", "A=x=y", "--var", "ROWS=1", cwd=tmp_path).stdout) == []
    assert names(stlint("check", "vars.conf", *S, "--var", "ROWSS=1", cwd=tmp_path).stdout) != []


# --- stdin -----------------------------------------------------------------------------------


def test_stdin_with_and_without_filename(stlint, tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path, {"sub/.stlint.toml": 'ignore = ["section-order"]\n'})
    p = stlint("check", "-", "--select", "ST0", input=DUPLICATE, cwd=tmp_path, check_rc=1)
    assert p.stdout.startswith("-:4:3: warning duplicate-key ")
    # the config beside the (virtual) file applies: section-order is ignored in sub/
    ordered = ("check", "-", "--format", "json")
    assert ("sub/job.conf", "section-order") not in names(
        stlint(*ordered, "--stdin-filename", "sub/job.conf", input=ORDER, cwd=tmp_path).stdout)
    assert ("job.conf", "section-order") in names(
        stlint(*ordered, "--stdin-filename", "job.conf", input=ORDER, cwd=tmp_path).stdout)
    # the name decides the syntax: `.json` is read as JSON (a list section is fine there)
    js = '{"env": {"job.mode": "BATCH"}, "source": [{"plugin_name": "FakeSource"}], "sink": [{"plugin_name": "Console"}]}'
    stlint("check", "-", "--stdin-filename", "job.json", "--select", "ST0", input=js, cwd=tmp_path, check_rc=0)
    p = stlint("check", "-", "--stdin-filename", "job.conf", "--select", "ST0", input=js, cwd=tmp_path, check_rc=1)
    assert "list-section-in-hocon" in p.stdout
    # bytes that are not UTF-8 are a finding, not a crash
    p = stlint("check", "-", "--select", "ST0", "-q", input=b"env { a = \xff }\n", cwd=tmp_path)
    assert p.returncode == 1 and b"invalid UTF-8 byte 0xff" in p.stdout


# --- discovery -------------------------------------------------------------------------------

JSON_JOB = '{"env": {"job.mode": "BATCH"}, "source": [{"plugin_name": "FakeSource"}], "sink": [{"plugin_name": "Console"}]}'


def _listed(stlint, cwd, *args) -> list[str]:
    doc = json.loads(stlint("check", *args, "--format", "json", "--select", "ST0", cwd=cwd).stdout)
    return [f["path"] for f in doc["files"]]


def test_directory_walk_finds_configs_and_json_jobs(stlint, tmp_path):
    # SeaTunnel reads any file but .json/.properties/.sql as HOCON: a .txt/.yaml/.cfg whose first lines open
    # `source {`/`sink {` is a job (notes.txt, job.yaml); text that does not (readme.txt, real YAML) is not,
    # and documentation that quotes a job (doc.md) is never sniffed
    write(tmp_path, {"a.conf": CLEAN, "b.hocon": CLEAN, "c.conf.template": CLEAN, "d.config.template": CLEAN,
                     "job.json": JSON_JOB, "package.json": '{"name": "x"}', "notes.txt": CLEAN,
                     "job.yaml": CLEAN, "k8s.yaml": "source:\n  image: x\nsink:\n  name: y\n", "readme.txt": "hello\n",
                     "doc.md": CLEAN, "nested/deeper/e.conf": CLEAN, ".hidden/f.conf": CLEAN,
                     "node_modules/g.conf": CLEAN})
    assert _listed(stlint, tmp_path) == ["a.conf", "b.hocon", "c.conf.template", "d.config.template", "job.json",
                                         "job.yaml", "notes.txt", "nested/deeper/e.conf"]
    assert _listed(stlint, tmp_path / "nested") == ["deeper/e.conf"]
    assert _listed(stlint, tmp_path, "nested", "a.conf", "./a.conf") == ["nested/deeper/e.conf", "a.conf"]
    # an explicit file is checked whatever its name
    assert _listed(stlint, tmp_path, "readme.txt") == ["readme.txt"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_gitignore_is_respected(stlint, tmp_path):
    write(tmp_path, {".gitignore": "build/\n*.local.conf\n", "a.conf": CLEAN, "build/gen.conf": BROKEN,
                     "b.local.conf": BROKEN, "sub/.gitignore": "skip.conf\n", "sub/skip.conf": BROKEN,
                     "sub/keep.conf": CLEAN, "tracked/t.conf": CLEAN, "untracked.conf": DUPLICATE})
    git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(git + ["add", "a.conf", "tracked/t.conf", ".gitignore"], cwd=tmp_path, check=True)
    subprocess.run(git + ["commit", "-qm", "x"], cwd=tmp_path, check=True)
    (tmp_path / "tracked/t.conf").unlink()  # deleted but still in the index: not checked
    assert _listed(stlint, tmp_path) == ["a.conf", "sub/keep.conf", "untracked.conf"]
    assert _listed(stlint, tmp_path / "sub") == ["keep.conf"]
    # explicitly named, an ignored file is still checked
    assert _listed(stlint, tmp_path, "build/gen.conf") == ["build/gen.conf"]


def test_a_crashing_rule_is_exit_2_with_a_message_not_a_traceback(tmp_path):
    """A rule that raises (here one registered by the test) must not hide the other files' results."""
    import os
    import sys

    from clihelp import REPO

    write(tmp_path, {"boom.conf": DUPLICATE.replace("parallelism", "boom"), "dup.conf": DUPLICATE})
    code = (
        "import sys\n"
        "from stlint.checks import all_rules, rule\n"
        "all_rules()\n"
        "@rule('test-crash', 'ST999', 'error', 'crashes', 'doc', family='test')\n"
        "def crash(ctx):\n"
        "    if 'boom' in ctx.text:\n"
        "        raise ValueError('kaboom')\n"
        "    return []\n"
        "from stlint.cli import main\n"
        "sys.exit(main(['check', '.', '--format', 'json', '--select', 'ST002,ST999', '--no-cache']))\n")
    env = dict(os.environ, PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(tmp_path / "cache"))
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 2
    assert p.stderr == "stlint: boom.conf: internal error: ValueError: kaboom\n"
    assert names(p.stdout) == [("dup.conf", "duplicate-key")]
