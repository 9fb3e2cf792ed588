"""Includes are loaded once per job (memo), cycles are named once, and the number and total size
of included files are bounded with a clear diagnostic. Real files, real parser."""

from __future__ import annotations

import time
from pathlib import Path

from stlint.engine import lint_source
from stlint.hocon import MAX_INCLUDE_FILES, load_file, to_json
from stlint.source import Source

JOB_TAIL = 'source {\n  FakeSource {}\n}\nsink {\n  Console {}\n}\n'


def _fanout(d: Path, n: int, fan: int = 2, filler: int = 0) -> Path:
    """f0 .. f{n-1}: each includes the next ``fan`` files (fan 2: 2^n include paths without a
    memo; fan 1: a plain chain). ``filler`` comment lines per file make reading and parsing a
    file cost something."""
    d.mkdir()
    pad = "".join(f"# filler line {k}: reading and parsing this file costs something\n" for k in range(filler))
    for i in range(n):
        inc = "".join(f'include "f{j}.conf"\n' for j in range(i + 1, i + 1 + fan) if j < n)
        (d / f"f{i}.conf").write_text(inc + pad + f"k{i} = {i}\n")
    job = d / "job.conf"
    job.write_text('include "f0.conf"\nenv {}\n' + JOB_TAIL)
    return job


def test_fanout_of_31_files_loads_each_once(tmp_path):
    job = _fanout(tmp_path / "j", 31)
    doc = load_file(job)
    assert doc.diagnostics == []  # in particular no "includes not fully read" (the bound)
    assert sorted(k for k in to_json(doc.resolved) if k.startswith("k")) == sorted(f"k{i}" for i in range(31))
    # every include statement of every file is processed once: 1 in job.conf + 2 per file but the last two
    assert len(doc.includes) == 1 + 2 * 29 + 1


def _best(jobs: list[Path], repeat: int = 7) -> list[float]:
    """Best time of each job, measured interleaved (a load spike hits both sizes alike)."""
    best = [float("inf")] * len(jobs)
    for _ in range(repeat):
        for i, job in enumerate(jobs):
            t = time.perf_counter()
            load_file(job)
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def test_fanout_costs_what_a_chain_costs(tmp_path):
    """31 files each including the next two cost about what 31 files in a chain cost (each
    file is read and parsed once; only its keys are merged once more). Without the memo the
    fan-out loads files 2^n times (until the bound on included files stops it)."""
    chain = _fanout(tmp_path / "chain", 31, fan=1, filler=2000)
    fan = _fanout(tmp_path / "fan", 31, fan=2, filler=2000)
    _best([chain], 1)  # warm up (grammar tables)
    t_chain, t_fan = _best([chain, fan])
    assert t_fan / t_chain < 2.5, (t_chain, t_fan)


def test_cycle_is_named_once(tmp_path):
    (tmp_path / "a.conf").write_text('include "b.conf"\nx = 1\n')
    (tmp_path / "b.conf").write_text('include "a.conf"\ny = 1\n')
    (tmp_path / "self.conf").write_text('include "self.conf"\nenv {}\n' + JOB_TAIL)
    (tmp_path / "job.conf").write_text('include "a.conf"\nenv {}\n' + JOB_TAIL)
    doc = load_file(tmp_path / "job.conf")
    msgs = [d.message for d in doc.diagnostics]
    note = " (SeaTunnel's parser follows it until includes are nested more than 50 times and loading fails)"
    assert msgs == ["include cycle: a.conf -> b.conf -> a.conf" + note]  # not wrapped in "included file ... has an error"
    doc = load_file(tmp_path / "self.conf")
    assert [(d.name, d.message) for d in doc.diagnostics] == [("syntax-error", "include cycle: self.conf -> self.conf" + note)]


def test_a_file_included_twice_reports_its_error_at_both_includes(tmp_path):
    (tmp_path / "bad.conf").write_text("x = [\n")
    (tmp_path / "job.conf").write_text('include "bad.conf"\nenv {\n  include "bad.conf"\n}\n' + JOB_TAIL)
    doc = load_file(tmp_path / "job.conf")
    errs = [(doc.source.pos(d.start).line, d.message) for d in doc.diagnostics if d.severity == "error"]
    assert [line for line, _ in errs] == [1, 3]
    assert errs[0][1] == errs[1][1] and errs[0][1].startswith("included file `bad.conf` has an error at")


def test_bound_on_the_number_of_included_files(tmp_path):
    n = MAX_INCLUDE_FILES + 5
    for i in range(n):
        (tmp_path / f"p{i}.conf").write_text(f"k{i} = {i}\n")
    text = "".join(f'include "p{i}.conf"\n' for i in range(n)) + "env {}\n" + JOB_TAIL
    src = Source(text, str(tmp_path / "job.conf"))
    res = lint_source(src)
    hits = [d for d in res.diagnostics if d.name == "unresolved-include"]
    assert len(hits) == 1, hits
    d = hits[0]
    assert d.severity == "warning" and src.pos(d.start).line == MAX_INCLUDE_FILES + 1
    assert d.message == (f"includes not fully read: the job includes more than {MAX_INCLUDE_FILES} files "
                         f"(stlint's limit); `p{MAX_INCLUDE_FILES}.conf` and later ones are not read")
    keys = to_json(res.doc.resolved)
    assert f"k{MAX_INCLUDE_FILES - 1}" in keys and f"k{MAX_INCLUDE_FILES}" not in keys


def test_bound_on_the_total_size_of_included_files(tmp_path):
    (tmp_path / "small.conf").write_text("a = 1\n")
    with open(tmp_path / "huge.conf", "wb") as fh:  # sparse: 16 MiB - 1 byte, never read
        fh.truncate((16 << 20) - 1)
    (tmp_path / "job.conf").write_text('include "small.conf"\ninclude "huge.conf"\nenv {}\n' + JOB_TAIL)
    doc = load_file(tmp_path / "job.conf")
    assert [(d.name, doc.source.pos(d.start).line, d.message) for d in doc.diagnostics] == [
        ("unresolved-include", 2, "includes not fully read: the included files of the job exceed 16 MiB "
                                  "(stlint's limit); `huge.conf` is not read")]
    # one file alone over the per-file limit is a read error of that include
    (tmp_path / "job2.conf").write_text('include "huge2.conf"\nenv {}\n' + JOB_TAIL)
    with open(tmp_path / "huge2.conf", "wb") as fh:
        fh.truncate((16 << 20) + 1)
    doc = load_file(tmp_path / "job2.conf")
    assert [d.message for d in doc.diagnostics] == [
        "cannot read included file: is 16777217 bytes, larger than 16 MiB (stlint's limit; set "
        "STLINT_MAX_FILE_SIZE to change it)"]


def test_include_target_that_names_no_file(tmp_path):
    """A NUL or a lone surrogate (written as an escape) in an include target names no file: not
    found (an error when required), never an exception from the file system calls."""
    for target, required in (("a\\u0000.conf", False), ("a\\ud800", False), ("a\\u0000.conf", True)):
        inc = f'include required("{target}")' if required else f'include "{target}"'
        job = tmp_path / "job.conf"
        job.write_text(inc + "\nenv {}\n" + JOB_TAIL)
        res = lint_source(Source(job.read_text(), str(job)))
        errors = [d for d in res.diagnostics if d.name == "syntax-error"]
        if required:
            assert len(errors) == 1 and "not found" in errors[0].message and "\0" not in errors[0].message
            assert errors[0].start == len("include required(")
        else:
            assert errors == [], errors
