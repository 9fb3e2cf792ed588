"""The GitHub Action (action.yml at the repository root), run locally: the test takes the `run`
steps out of action.yml and executes them as the runner does (`bash --noprofile --norc -eo pipefail`),
with the inputs passed the way the action passes them (environment variables), on a fixture
repository. The install step really pip-installs this checkout (the action's ref) into a fresh
virtual environment; it needs the package index for the build backend (setuptools, wheel) and
skips, saying so, when that is unreachable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from testpaths import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
EXPR = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")

BAD = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "fake", schema = { fields { id = "int" } }\n  }\n}\n'
       'sink {\n  Jdbc {\n    plugin_input = "fake"\n  }\n}\n')
OK = ('env {\n  job.mode = "BATCH"\n}\nsource {\n  FakeSource {\n    plugin_output = "fake", schema = { fields { id = "int" } }\n  }\n}\n'
      'sink {\n  Console {\n    plugin_input = "fake"\n  }\n}\n')
DAILY = ('env {\n  job.mode = "BATCH"\n  parallelism = 1\n  parallelism = 2\n}\nsource {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n'
         'sink {\n  Console {}\n}\n')
AKKA = 'akka {\n  loglevel = "INFO"\n}\n'


def _steps() -> list[dict]:
    return [s for s in ACTION["runs"]["steps"] if "run" in s]


def _env_for(step: dict, inputs: dict[str, str], venv: Path) -> dict[str, str]:
    defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    values = {**defaults, **inputs}

    def expr(m: re.Match) -> str:
        e = m.group(1)
        if e == "github.action_path":
            return str(REPO)
        if e.startswith("inputs."):
            return values[e[len("inputs."):]]
        raise AssertionError(f"unexpected expression {e!r} in action.yml")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = str(venv / "bin") + os.pathsep + env["PATH"]
    env["XDG_CACHE_HOME"] = str(venv / "cache")
    env.update({k: EXPR.sub(expr, str(v)) for k, v in (step.get("env") or {}).items()})
    return env


def _run(step: dict, inputs: dict[str, str], venv: Path, cwd: Path) -> subprocess.CompletedProcess:
    assert step.get("shell") == "bash"
    script = venv / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd,
                          env=_env_for(step, inputs, venv), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh virtual environment (it sees the system packages for stlint's dependencies) with
    stlint installed by the action's own install step."""
    d = tmp_path_factory.mktemp("action-venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(d)], check=True)
    install = _steps()[0]
    p = _run(install, {}, d, d)
    if p.returncode != 0 and re.search(r"No matching distribution|Could not find a version|NewConnectionError|"
                                       r"Temporary failure in name resolution", p.stdout + p.stderr):
        pytest.skip("the install step needs the package index for the build backend (setuptools, wheel)")
    assert p.returncode == 0, p.stdout + p.stderr
    where = subprocess.run([str(d / "bin" / "python3"), "-c", "import stlint; print(stlint.__file__)"],
                           capture_output=True, text=True, env=_env_for({}, {}, d), cwd=d)
    assert where.stdout.startswith(str(d)), where.stdout  # the installed copy, not a checkout on the path
    return d


@pytest.fixture
def repo(tmp_path) -> Path:
    for name, text in {"jobs/bad.conf": BAD, "jobs/ok.conf": OK, "jobs/daily.yaml": DAILY,
                       "conf/application.conf": AKKA}.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


def test_action_shape():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) >= {"paths", "seatunnel-version", "fail-on", "args", "sarif"}
    steps = _steps()
    assert [s["name"] for s in steps] == ["Install stlint from this action's checkout", "Run stlint"]
    assert '"$STLINT_ACTION_PATH"' in steps[0]["run"] and steps[0]["env"]["STLINT_ACTION_PATH"] == "${{ github.action_path }}"
    for s in steps:  # inputs never spliced into script text (script injection)
        assert "${{" not in s["run"], s["name"]


def test_action_annotates_errors_and_fails(venv, repo):
    p = _run(_steps()[1], {"paths": "."}, venv, repo)
    assert p.returncode == 1, p.stdout + p.stderr
    lines = p.stdout.splitlines()
    errors = [ln for ln in lines if ln.startswith("::error ")]
    assert errors == [  # several missing options of one plugin: one finding
        "::error file=jobs/bad.conf,line=10,col=3,endLine=10,endColumn=7,title=stlint (missing-required-option)::"
        "sink.Jdbc: 3 required settings are missing: `url` is required; `driver` is required; "
        "`query` is required because `generate_sink_sql` is false (its default)",
    ]
    assert [ln for ln in lines if ln.startswith("::warning ")] == [
        "::warning file=jobs/daily.yaml,line=4,col=3,endLine=4,endColumn=14,title=stlint (duplicate-key)::"
        "`parallelism` is set again here; the value at 3:3 is ignored"]
    assert "application.conf" not in p.stdout and "ok.conf" not in p.stdout


def test_action_inputs(venv, repo):
    run = _steps()[1]
    # fail-on error: a warning alone passes
    p = _run(run, {"paths": "jobs/ok.conf\njobs/daily.yaml", "fail-on": "error"}, venv, repo)
    assert p.returncode == 0 and p.stdout.startswith("::warning file=jobs/daily.yaml,line=4,"), p.stdout + p.stderr
    # seatunnel-version reaches --seatunnel-version; args are passed on
    p = _run(run, {"paths": "jobs", "seatunnel-version": "2.3.8", "args": "--select missing-required-option --quiet"},
             venv, repo)
    assert p.returncode == 1 and len(p.stdout.splitlines()) == 1, p.stdout + p.stderr
    bad = _run(run, {"seatunnel-version": "1.0"}, venv, repo)
    assert bad.returncode == 2 and "--seatunnel-version" in bad.stderr
    # SARIF next to the annotations
    p = _run(run, {"paths": "jobs", "sarif": "out/stlint.sarif"}, venv, repo)
    assert p.returncode != 0  # no out/ directory: the step fails with a message
    (repo / "out").mkdir()
    p = _run(run, {"paths": "jobs", "sarif": "out/stlint.sarif"}, venv, repo)
    assert p.returncode == 1 and p.stdout.count("::error ") == 1
    sarif = json.loads((repo / "out/stlint.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["duplicate-key", "missing-required-option"]
