"""`stlint FILE`, bare `stlint`, `stlint --fix FILE`; only jobs are checked (other .conf files are
skipped, included files are fragments, jobs in .yaml/.cfg/.txt are found by content); `--engine`
and `engine =` in the config. Real subprocesses on real files."""

from __future__ import annotations

import json

from clihelp import CLEAN, DUPLICATE, stlint, write  # noqa: F401  (stlint: fixture)

AKKA = 'akka {\n  loglevel = "INFO"\n  actor { provider = "cluster" }\n}\nmy-app { port = 8080 }\n'
NGINX = ("worker_processes 1;\nevents {\n  worker_connections 1024;\n}\nhttp {\n  server {\n    listen 80;\n"
         "    location / { root /var/www; }\n  }\n}\n")
# a job whose env lives in another file: env.conf is a fragment (no source/sink of its own)
MAIN = 'include "common/env.conf"\nsource {\n  FakeSource { plugin_output = "f", schema = { fields { id = "int" } } }\n}\nsink {\n  Console { plugin_input = "f" }\n}\n'
ENV_FRAGMENT = 'env {\n  job.mode = "BATCH"\n  parallelism = 1\n  parallelism = 2\n}\n'
UNNAMED_SINK = ('env {\n  ENV\n}\nsource {\n  FakeSource { plugin_output = "a", schema = { fields { id = "int" } } }\n  FakeSource { plugin_output = "b", schema = { fields { id = "int" } } }\n'
                '}\nsink {\n  Console {}\n}\n')


def _names(p) -> dict[str, list[str]]:
    doc = json.loads(p.stdout)
    return {f["path"]: [d["name"] for d in f["diagnostics"]] for f in doc["files"]}


def test_file_without_subcommand_is_check(stlint, tmp_path):
    write(tmp_path, {"dup.conf": DUPLICATE, "clean.conf": CLEAN})
    a = stlint("dup.conf", "--no-cache", cwd=tmp_path)
    b = stlint("check", "dup.conf", "--no-cache", cwd=tmp_path)
    assert a.returncode == b.returncode == 1 and a.stdout == b.stdout and "duplicate-key" in a.stdout
    assert stlint("clean.conf", "-q", cwd=tmp_path, check_rc=0).stdout == ""
    # bare `stlint` checks `.`
    bare = stlint("--format", "json", cwd=tmp_path)
    assert bare.returncode == 1 and sorted(_names(bare)) == ["clean.conf", "dup.conf"]
    assert stlint(cwd=tmp_path).stdout == stlint("check", cwd=tmp_path).stdout
    # subcommands and top-level flags are unchanged
    assert stlint("--version", cwd=tmp_path, check_rc=0).stdout.startswith("stlint ")
    assert "duplicate-key" in stlint("rules", cwd=tmp_path, check_rc=0).stdout


def test_fix_without_subcommand(stlint, tmp_path):
    text = 'env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    row.num = ${ROWS:10}\n    schema = { fields { id = "int" } }\n  }\n}\nsink {\n  Console {}\n}\n'
    write(tmp_path, {"job.conf": text})
    p = stlint("--fix", "job.conf", "--no-cache", cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert 'row.num = "${ROWS:10}"' in (tmp_path / "job.conf").read_text()


def test_non_jobs_in_directories_are_skipped_and_named_with_v(stlint, tmp_path):
    write(tmp_path, {"application.conf": AKKA, "nginx.conf": NGINX, "job.conf": CLEAN})
    p = stlint(".", "--format", "json", "--no-cache", cwd=tmp_path, check_rc=0)
    assert _names(p) == {"job.conf": []}
    assert p.stderr == ""
    v = stlint(".", "-v", "--no-cache", cwd=tmp_path, check_rc=0)
    assert "stlint: skipped application.conf: not a SeaTunnel job" in v.stderr
    assert "stlint: skipped nginx.conf: not a SeaTunnel job" in v.stderr
    assert "All checks passed! (1 file checked)" in v.stdout


def test_non_job_named_explicitly_gets_one_info_line(stlint, tmp_path):
    write(tmp_path, {"application.conf": AKKA, "nginx.conf": NGINX})
    for name in ("application.conf", "nginx.conf"):
        p = stlint(name, "--format", "json", "--no-cache", cwd=tmp_path, check_rc=0)
        doc = json.loads(p.stdout)
        [d] = doc["files"][0]["diagnostics"]
        assert (d["name"], d["severity"]) == ("not-a-job", "info")
        assert d["message"].startswith("not a SeaTunnel job")
        q = stlint(name, "-q", "--no-cache", cwd=tmp_path, check_rc=0)
        assert q.stdout.count("\n") == 1 and f"{name}:1:1: info not-a-job" in q.stdout


def test_included_file_is_checked_as_a_fragment(stlint, tmp_path):
    write(tmp_path, {"main.conf": MAIN, "common/env.conf": ENV_FRAGMENT})
    p = stlint(".", "--format", "json", "--no-cache", cwd=tmp_path)
    got = _names(p)
    # env.conf: its own mistakes (duplicate-key) but not "no source/sink section"
    assert got == {"common/env.conf": ["duplicate-key"], "main.conf": []}, got
    # named alone, it is still known as included (the job files beside it and one level up are read)
    alone = stlint("common/env.conf", "--format", "json", "--no-cache", cwd=tmp_path)
    assert _names(alone)["common/env.conf"] == ["duplicate-key"]
    write(tmp_path, {"deep/er/x.conf": ENV_FRAGMENT})  # nobody includes this one: an incomplete job
    assert "missing-section" in _names(stlint("deep/er/x.conf", "--format", "json", "--no-cache",
                                              cwd=tmp_path))["deep/er/x.conf"]
    both = stlint("main.conf", "common/env.conf", "--format", "json", "--no-cache", "-v", cwd=tmp_path)
    assert _names(both)["common/env.conf"] == ["duplicate-key"]
    assert "common/env.conf is included by another job: checked as a fragment" in both.stderr
    # without the include it is an incomplete job again
    write(tmp_path, {"main.conf": MAIN.replace('include "common/env.conf"\n', "env {}\n")})
    again = stlint(".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert "missing-section" in _names(again)["common/env.conf"]


def test_jobs_in_other_extensions_are_found_by_content(stlint, tmp_path):
    write(tmp_path, {"jobs/daily.yaml": DUPLICATE, "jobs/hourly.cfg": CLEAN, "jobs/notes.txt": "remember the milk\n",
                     "deploy/values.yaml": "source:\n  repo: x\nsink:\n  bucket: y\n",
                     "docs/howto.md": DUPLICATE})
    p = stlint(".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert _names(p) == {"jobs/daily.yaml": ["duplicate-key"], "jobs/hourly.cfg": []}


def test_engine_flag_and_setting(stlint, tmp_path):
    write(tmp_path, {"job.conf": UNNAMED_SINK.replace("ENV", "parallelism = 1")})
    zeta = _names(stlint("job.conf", "--format", "json", "--no-cache", cwd=tmp_path))["job.conf"]
    assert "missing-plugin-input" in zeta and "unused-plugin-output" in zeta
    for eng in ("flink", "spark"):
        got = _names(stlint("job.conf", "--engine", eng, "--format", "json", "--no-cache", cwd=tmp_path))
        assert got == {"job.conf": []}, (eng, got)
    write(tmp_path, {".stlint.toml": 'engine = "flink"\n'})
    assert _names(stlint("job.conf", "--format", "json", "--no-cache", cwd=tmp_path)) == {"job.conf": []}
    # the flag wins over the file
    assert "missing-plugin-input" in _names(stlint("job.conf", "--engine", "zeta", "--format", "json", "--no-cache",
                                                   cwd=tmp_path))["job.conf"]
    bad = stlint("job.conf", "--engine", "storm", cwd=tmp_path, check_rc=2)
    assert "unknown engine 'storm'; one of zeta, flink, spark" in bad.stderr
    write(tmp_path, {".stlint.toml": 'engine = "storm"\n'})
    bad = stlint("job.conf", cwd=tmp_path, check_rc=2)
    assert "`engine`: unknown engine 'storm'" in bad.stderr


def test_engine_from_env_keys(stlint, tmp_path):
    write(tmp_path, {"flink.conf": UNNAMED_SINK.replace("ENV", "execution.planner = blink"),
                     "spark.conf": UNNAMED_SINK.replace("ENV", 'spark.app.name = "x"\n  spark.foo.bar = 1'),
                     "zeta.conf": UNNAMED_SINK.replace("ENV", "parallelism = 1")})
    got = _names(stlint(".", "--format", "json", "--no-cache", cwd=tmp_path))
    assert got["flink.conf"] == [] and got["spark.conf"] == []
    assert "missing-plugin-input" in got["zeta.conf"]


def test_plugin_name_case_is_opt_in(stlint, tmp_path):
    write(tmp_path, {"job.conf": CLEAN.replace("Console", "console")})
    assert _names(stlint("job.conf", "--format", "json", "--no-cache", cwd=tmp_path)) == {"job.conf": []}
    for flags in (["--extend-select", "plugin-name-case"], ["--extend-select", "ST1"], ["--select", "ALL"]):
        got = _names(stlint("job.conf", "--format", "json", "--no-cache", *flags, cwd=tmp_path))
        assert got == {"job.conf": ["plugin-name-case"]}, flags
    write(tmp_path, {".stlint.toml": 'select = ["ALL"]\n'})
    assert _names(stlint("job.conf", "--format", "json", "--no-cache", cwd=tmp_path)) == {
        "job.conf": ["plugin-name-case"]}
