"""stlint/envread.py cites, per engine and release, where SeaTunnel reads an `env` key otherwise
than with ReadonlyConfig.get alone: re-read each cited line at its release and check it is that
read (the call and the key's constant).

Set STLINT_SEATUNNEL_GIT to one or more bare git directories (separated by os.pathsep) that hold
the release commits (the apache/seatunnel tag 2.3.8, and a dev-history mirror for 2.3.9-2.3.13);
releases whose commit none of them has are skipped."""

from __future__ import annotations

import os

import pytest

from stlint import envread

from tests.catalog.test_runtime_overlay import RELEASES, _show

# the call on the cited line, per kind
_CALL = {"convert": "envOptions.get(", "parse:long": "Long.parseLong(", "parse:int": "Integer.parseInt(",
         "typesafe:enum": "getEnum(", "typesafe:int": "getInt(", "typesafe:long": "getLong("}
# the key's constant in EnvCommonOptions (or the literal key of the older code)
_KEY = {"checkpoint.interval": ("CHECKPOINT_INTERVAL",), "checkpoint.timeout": ("CHECKPOINT_TIMEOUT",),
        "min-pause": ("CHECKPOINT_MIN_PAUSE",), "job.retry.times": ("JOB_RETRY_TIMES",),
        "job.retry.interval.seconds": ("JOB_RETRY_INTERVAL_SECONDS",), "read_limit.bytes_per_second": ("bps",),
        "read_limit.rows_per_second": ("cps",), "job.mode": ("JOB_MODE", '"job.mode"'), "parallelism": ("PARALLELISM",)}

FACTS = [(engine, key, kind, path, rel, line) for (engine, key), reads in envread._READS.items()
         for kind, path, lines in reads for rel, line in lines.items()]


def test_facts_cover_known_releases():
    assert FACTS and {f[4] for f in FACTS} <= set(RELEASES)
    assert envread.readers("checkpoint.interval", "zeta", "2.3.10") == (
        ("convert", envread._MTJCP + ":309"), ("parse:long", envread._JOBMASTER + ":351"))
    assert envread.readers("checkpoint.interval", "zeta", "2.3.8") == (("parse:long", envread._JOBMASTER + ":316"),)
    assert envread.readers("parallelism", "zeta", "2.3.10") is None


@pytest.mark.parametrize("engine,key,kind,path,rel,line", FACTS,
                         ids=[f"{f[0]}-{f[1]}-{f[2]}-{f[4]}" for f in FACTS])
def test_cited_line_reads_the_key(engine, key, kind, path, rel, line):
    if not os.environ.get("STLINT_SEATUNNEL_GIT"):
        pytest.skip("set STLINT_SEATUNNEL_GIT to SeaTunnel bare git dirs to re-read the cited sources")
    text = _show(RELEASES[rel], path)
    if text is None:
        pytest.skip(f"no git dir holds release {rel}")
    lines = text.splitlines()
    near = "\n".join(lines[max(0, line - 4):line + 6])  # (a call split over lines; a local read just before)
    assert _CALL[kind] in lines[line - 1], (rel, path, line, lines[line - 1])
    assert any(k in near for k in _KEY[key]), (rel, path, line, near)
