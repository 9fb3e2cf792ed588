"""Linting needs only the runtime dependencies; pydantic and PyYAML are the `catalog` build extra."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Make the build-only modules unimportable in the child, as on a machine with `pip install stlint`.
_BLOCK = "import sys\nfor m in ('pydantic', 'yaml'): sys.modules[m] = None\nfrom stlint.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _BLOCK, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_build_tools_are_not_runtime_dependencies():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(meta["dependencies"]).lower()
    assert "pydantic" not in runtime and "pyyaml" not in runtime
    extra = " ".join(meta["optional-dependencies"]["catalog"]).lower()
    assert "pydantic" in extra and "pyyaml" in extra


def test_check_format_and_dump_work_without_build_tools(tmp_path):
    r = _run("check", "--no-cache", "--format", "json", "examples/")
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr and '"files"' in r.stdout
    r = _run("dump", "examples/kafka-streaming.conf")
    assert r.returncode == 0 and "Traceback" not in r.stderr
    r = _run("catalog", "show", "Jdbc", "--kind", "source")
    assert r.returncode == 0 and "query" in r.stdout


def test_catalog_rebuild_without_build_tools_says_what_to_install(tmp_path):
    r = _run("catalog", "rebuild", "--seatunnel-git", str(tmp_path))
    assert r.returncode == 2
    assert "stlint[catalog]" in r.stderr and "pydantic" in r.stderr and "Traceback" not in r.stderr
