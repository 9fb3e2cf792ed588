"""Command line: ``stlint check``, ``stlint rules``, ``stlint rule``, ``stlint dump``, ``stlint catalog``.

Imports are lazy: ``import stlint.cli`` must stay cheap (cold start of ``stlint check one.conf``).
Exit codes of ``check``: 0 nothing at or above ``--fail-on``, 1 findings, 2 usage or internal
error (bad config, a path that does not exist); never a traceback (``STLINT_DEBUG=1`` shows one). A
file that cannot be read (over the size limit, a FIFO, a device) is a finding of that file
(``stlint.refusal``: file-too-large, unreadable-file), not a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Mapping

from stlint import __version__


class UsageError(Exception):
    """A problem with the command line, a path or a config file: message, exit 2."""


def _print_diags(path: str, src, diags, out=sys.stdout) -> None:
    for d in diags:
        p = src.pos(d.start)
        out.write(f"{path}:{p.line}:{p.column}: {d.severity} {d.name} {d.message}\n")


def cmd_dump(args) -> int:
    from stlint.hocon import load_file, to_json

    try:
        doc = load_file(args.file, args.flavor)  # only a regular file, size-bounded (stlint.files)
    except OSError as e:
        print(f"stlint: cannot read {args.file}: {e.strerror}", file=sys.stderr)
        return 2
    errors = [d for d in doc.diagnostics if d.severity == "error"]
    if errors or doc.resolved is None:
        _print_diags(args.file, doc.source, errors or doc.diagnostics, sys.stderr)
        return 1
    json.dump(to_json(doc.resolved), sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


# --- file discovery --------------------------------------------------------------------------

CONFIG_SUFFIXES = (".conf", ".hocon", ".conf.template", ".config.template")


def _is_json_job(path: str) -> bool:
    """A .json file whose top-level object has `source` or `sink` (a JSON job config)."""
    from stlint.files import read_regular

    try:
        data = read_regular(path)
        if b'"source"' not in data and b'"sink"' not in data:
            return False
        doc = json.loads(data.decode("utf-8-sig"))
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and ("source" in doc or "sink" in doc)


def _git_files(d: str) -> list[str] | None:
    """Files under directory ``d`` (relative to it) that git does not ignore, or None when ``d``
    is not inside a git work tree."""
    import subprocess

    try:
        # core.fsmonitor in an untrusted repository's .git/config would run a command
        p = subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", d, "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"],
                           capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if p.returncode != 0:
        return None
    return sorted({f for f in p.stdout.decode("utf-8", "surrogateescape").split("\0") if f})


def _walk_files(d: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(d):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x != "node_modules")
        rel = os.path.relpath(root, d)
        for f in sorted(files):
            out.append(f if rel == "." else os.path.join(rel, f))
    return out


def _glob_hit(path: str, globs: list[str]) -> bool:
    import fnmatch

    p = path.replace("\\", "/")
    return any(fnmatch.fnmatch(p, g) or fnmatch.fnmatch(p, g.rstrip("/") + "/*") for g in globs)


class SettingsResolver:
    """Settings of each file: the nearest config file at or above it, with the CLI on top."""

    def __init__(self, overrides) -> None:
        self.overrides = overrides
        self._by_dir: dict[str, str | None] = {}
        self._by_file: dict[str | None, object] = {}

    def for_dir(self, d: str):
        from stlint.config import Settings, apply_overrides, find_config, load_config

        if d not in self._by_dir:
            self._by_dir[d] = find_config(d)
        cfg = self._by_dir[d]
        if cfg not in self._by_file:
            base = load_config(cfg) if cfg else Settings()
            self._by_file[cfg] = apply_overrides(base, self.overrides)
        return self._by_file[cfg]


# extensions never sniffed for job content in directories: SeaTunnel reads .properties/.sql
# otherwise, and documentation or code may quote a job at the start of a line
_NOT_JOBS = frozenset("""
.properties .sql .md .markdown .rst .adoc .html .htm .xml .xsd .py .pyc .java .class .jar .scala .kt
.js .ts .go .rs .c .h .cc .cpp .hpp .sh .bash .ps1 .bat .gradle .toml .lock .csv .tsv .parquet .orc .avro
.png .jpg .jpeg .gif .svg .ico .pdf .zip .gz .tgz .bz2 .xz .tar .so .dll .exe .bin .log .iml .ipynb
""".split())


def _sniff(path: str) -> bool:
    """Whether a file with an uninformative extension (.yaml, .cfg, .txt, none...) looks like a
    HOCON job: a line opening `source {` / `sink {` in its first KBs (``engine.looks_like_job``)."""
    from stlint.engine import looks_like_job

    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    return looks_like_job(head)


def _candidate(name: str, fp: str, s) -> bool:
    if name.endswith(CONFIG_SUFFIXES) or (s.include and _glob_hit(fp, s.include)):
        return True
    if name.endswith(".json"):
        return _is_json_job(fp)
    ext = os.path.splitext(name)[1].lower()
    if ext in _NOT_JOBS:
        return False
    return _sniff(fp)


def discover(paths: list[str], resolver: SettingsResolver) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """(display path, absolute path, named explicitly) of every file to check, and the problems
    (missing paths). In directories: the config suffixes, JSON jobs, `include` globs, and any
    other file whose first KBs look like a HOCON job."""
    files: list[tuple[str, str, bool]] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(display: str, ap: str, explicit: bool) -> None:
        if ap not in seen:
            seen.add(ap)
            files.append((display, ap, explicit))

    for arg in paths:
        if arg == "-":
            add("-", "-", True)
            continue
        ap = os.path.abspath(arg)
        if os.path.isfile(ap):
            add(os.path.normpath(arg), ap, True)  # explicit files are always checked
            continue
        if not os.path.isdir(ap):
            if os.path.exists(ap):  # a FIFO, socket or device: refused when read (an unreadable-file finding)
                add(os.path.normpath(arg), ap, True)
            else:
                problems.append(f"{arg}: no such file or directory")
            continue
        listing = _git_files(ap)
        if listing is None:
            listing = _walk_files(ap)
        for rel in listing:
            parts = rel.replace("\\", "/").split("/")
            if any(p.startswith(".") for p in parts[:-1]):
                continue
            fp = os.path.join(ap, rel)
            s = resolver.for_dir(os.path.dirname(fp))
            if s.exclude and _glob_hit(fp, s.exclude):
                continue
            if not os.path.isfile(fp):  # deleted but still in git's index, or a submodule
                continue
            if not _candidate(parts[-1], fp, s):
                continue
            add(os.path.normpath(os.path.join(arg, rel)), fp, False)
    return files, problems


_INCLUDE_RE = re.compile(rb'(?m)^[ \t]*include[ \t]+(?:required[ \t]*\([ \t]*)?(?:file[ \t]*\([ \t]*)?"([^"\r\n]+)"')


def included_files(files: list[tuple[str, str, bool]]) -> set[str]:
    """Absolute paths that some job `include`s (relative to the including file's directory):
    those files are checked as fragments. The includers looked at: the files to check and, for a
    file named on the command line, the config files in its directory and the one above."""
    includers = {ap for _, ap, _ in files if ap != "-"}
    for _, ap, explicit in files:
        if explicit and ap != "-":
            here = os.path.dirname(ap)
            for d in {here, os.path.dirname(here)}:
                try:
                    names = os.listdir(d)
                except OSError:
                    continue
                includers.update(os.path.join(d, n) for n in names if n.endswith(CONFIG_SUFFIXES))
    out: set[str] = set()
    from stlint.files import ReadError, read_regular

    for ap in includers:
        try:
            data = read_regular(ap, limit=4 * 1024 * 1024)  # regular files only (no FIFO), bounded
        except ReadError:
            continue
        if b"include" not in data:
            continue
        for m in _INCLUDE_RE.finditer(data):
            target = os.path.normpath(os.path.join(os.path.dirname(ap), m.group(1).decode("utf-8", "replace")))
            if target != ap:
                out.add(target)
    return out


# --- linting ---------------------------------------------------------------------------------


def _lint_bytes(abs_path: str | None, data: bytes, settings, want_graph: bool = False):
    """Run every enabled rule on one file (the engine does the work): serialized diagnostics,
    the files its includes read and, with ``want_graph``, the job's pipeline graph
    (``graphview.to_dict``; None for a fragment or a file that is not a job), drawn from the
    rules' own analysis in the same pass (no second parse)."""
    from stlint import cache
    from stlint.engine import lint_source
    from stlint.source import Source

    from stlint.lifecycle import end_startup

    try:
        res = lint_source(Source.from_bytes(data, abs_path), settings)
    finally:
        end_startup()  # the first lint loaded what a check needs (stlint/lifecycle.py)
    # every include candidate looked at, found or not: a missing include that appears later is a miss
    deps = sorted({p for i in res.doc.includes for p in getattr(i, "probed", ())})
    graph = None
    if want_graph and res.is_job and not getattr(settings, "fragment", False):
        from stlint.graphview import pipeline, to_dict

        graph = to_dict(pipeline(res, settings))
    return [cache.to_dict(d) for d in res.diagnostics], deps, graph


def _worker(task):
    i, abs_path, data, settings, want_graph = task
    try:
        return i, _lint_bytes(abs_path, data, settings, want_graph), None
    except Exception as e:  # reported by the parent, exit 2
        return i, None, f"{type(e).__name__}: {e}"


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rstlint: {done}/{total} files")
    if done == total:
        sys.stderr.write("\r\x1b[K")
    sys.stderr.flush()


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [x.strip() for v in values for x in v.split(",") if x.strip()]


def _overrides(args):
    from stlint.config import ConfigError, Overrides, validate_engine, validate_selectors, validate_version

    select, ignore, extend = _split(args.select), _split(args.ignore) or [], _split(args.extend_select) or []
    variables = {}
    for kv in args.var or []:
        k, sep, v = kv.partition("=")
        if not sep or not k.strip():
            raise UsageError(f"--var expects KEY=VALUE, got {kv!r}")
        variables[k.strip()] = v
    try:
        for flag, names in (("--select", select or []), ("--ignore", ignore), ("--extend-select", extend)):
            if names:
                validate_selectors(names, flag)
        version = validate_version(args.seatunnel_version, "--seatunnel-version") if args.seatunnel_version else None
        engine = validate_engine(args.engine, "--engine") if args.engine else None
    except ConfigError as e:
        raise UsageError(str(e)) from None
    return Overrides(select, ignore, extend, version, variables, engine)


def cmd_check(args) -> int:
    from stlint import refusal
    from stlint.config import ConfigError
    from stlint.files import ReadError, read_regular, read_stream
    from stlint.output import FileResult, fails, render, use_colour
    from stlint.source import Source

    cwd = os.getcwd()
    resolver = SettingsResolver(_overrides(args))
    paths = args.paths or ["."]
    if args.stdin_filename and "-" not in paths:
        raise UsageError("--stdin-filename needs `-` as the path")
    # with the result cache and no fixes, files are read only when the cache cannot answer from
    # their stat (a warm run of an unchanged tree reads one cache pack per directory)
    lazy = not (args.fix or args.diff or args.format == "report" or args.no_cache)
    try:
        files, problems = discover(paths, resolver)
        fragments = included_files(files)
        tasks = []  # (display, path for linting, bytes or None (not read yet), settings, cacheable, named explicitly)
        refused: dict = {}  # task index -> its file-too-large / unreadable-file finding (None: rule not selected)
        for display, ap, explicit in files:
            if ap == "-":
                display = args.stdin_filename or "-"
                lint_path = os.path.abspath(args.stdin_filename) if args.stdin_filename else None
                settings = resolver.for_dir(os.path.dirname(lint_path) if lint_path else cwd)
                try:
                    data = read_stream(sys.stdin.buffer)
                except ReadError as e:
                    refused[len(tasks)] = refusal.for_error(e, settings, lint_path, "input")
                    data = b""
            else:
                data = None
                lint_path = ap
                settings = resolver.for_dir(os.path.dirname(ap))
                if not lazy:
                    try:
                        data = read_regular(ap)  # regular files only, size-bounded
                    except ReadError as e:
                        refused[len(tasks)] = refusal.for_error(e, settings, ap)
                        data = b""
            if lint_path in fragments:
                from stlint._records import replace

                settings = replace(settings, fragment=True)
            tasks.append((display, lint_path, data, settings, ap != "-", explicit))
    except ConfigError as e:
        raise UsageError(str(e)) from None

    fix_info: dict[int, tuple[str, int]] = {}
    rc = None
    if not args.no_cache:
        from stlint.cache import ResultCache

        rc = ResultCache()  # one per run: the fix pass and the check share the packs read
    if args.fix or args.diff or args.format == "report":
        tasks, fix_info, stdin_out = _apply_fixes(tasks, args, problems, refused, rc)
        if args.diff:
            patches = "".join(p for p, _ in fix_info.values())
            sys.stdout.write(patches)
            for i, d in sorted(refused.items()):  # not read, so nothing to patch: said, not an error here
                if d is not None:
                    print(f"stlint: {tasks[i][0]}: {d.message}", file=sys.stderr)
            for p in problems:
                print(f"stlint: {p}", file=sys.stderr)
            return 2 if problems else (1 if patches else 0)
        if stdin_out is not None:  # `--fix -`: the fixed bytes go to stdout, findings to stderr
            sys.stdout.flush()
            sys.stdout.buffer.write(stdin_out)
            sys.stdout.buffer.flush()
    # the pipeline picture (nodes, edges) rides along in json/report: drawn in the lint's own pass
    # and kept in the result cache; the other formats do not compute it
    graphs = [None] * len(tasks) if args.format in ("json", "report") else None
    results = _run(tasks, args, problems, refused, graphs, rc)
    rules = _LazyRules()  # the text format of cached results needs no rule modules
    out = []
    for i, ((display, lint_path, data, _, _, explicit), diags) in enumerate(zip(tasks, results)):
        if diags is None:
            continue
        if not explicit and any(d.name == "not-a-job" for d in diags):
            if args.verbose:  # found in a directory: skipped quietly
                print(f"stlint: skipped {display}: not a SeaTunnel job (no top-level env, source, transform "
                      "or sink)", file=sys.stderr)
            continue
        if args.verbose and lint_path in fragments:
            print(f"stlint: {display} is included by another job: checked as a fragment", file=sys.stderr)
        patch, nfixed = fix_info.get(i, ("", 0))
        out.append(FileResult(display, Source.from_bytes(data or b"", lint_path), diags,
                              patch=patch if args.format == "report" else "", fixed=nfixed,
                              graph=graphs[i] if graphs is not None else None))
    n_fixed = sum(r.fixed for r in out)
    if args.fix and any(not t[4] for t in tasks):  # stdin: stdout has the fixed text, findings go to stderr
        if stdin_out is None and any(i in refused for i, t in enumerate(tasks) if not t[4]):
            # never an empty stdout with a findings exit code: a caller could take it as the fixed text
            problems.append(f"{args.stdin_filename or '-'}: not fixed (not read): nothing written to stdout")
        text = render(args.format, out, _LazyRules(), colour=False, quiet=args.quiet, cwd=cwd, summary=not problems)
        sys.stderr.write(text)
        for p in problems:
            print(f"stlint: {p}", file=sys.stderr)
        return 2 if problems else (1 if (args.exit_non_zero_on_fix and n_fixed) or
                                   (not args.exit_zero and fails(out, args.fail_on)) else 0)
    text = render(args.format, out, rules, colour=use_colour(sys.stdout), quiet=args.quiet, cwd=cwd,
                  summary=not problems)
    sys.stdout.write(text)
    if args.fix and args.format == "text" and not args.quiet:
        sys.stdout.write(f"Fixed {n_fixed} finding{'s' if n_fixed != 1 else ''}.\n")
    sys.stdout.flush()
    for p in problems:
        print(f"stlint: {p}", file=sys.stderr)
    if problems:
        return 2
    if args.exit_non_zero_on_fix and n_fixed:
        return 1
    if args.exit_zero:
        return 0
    return 1 if fails(out, args.fail_on) else 0


def _apply_fixes(tasks, args, problems, refused=None, rc=None):
    """Apply fixes (``stlint.fixes``) before linting: with --fix the files are rewritten
    (``write_fixed``: atomic, keeping the file's identity, or refused with a reason), with --diff
    or the report format only the patch is kept. ``--fix -`` returns the bytes for stdout: the
    input itself, byte for byte, outside the edits. A file whose cached findings (``rc``, the
    result cache) offer no fix to apply is left as it is without linting it: ``fix_source``
    would choose the same (nothing)."""
    from stlint.fixes import WriteRefused, choose_fixes, encode, fix_source, unified_diff, write_fixed
    from stlint.source import Source

    new_tasks = []
    info: dict[int, tuple[str, int]] = {}
    stdin_out = None
    roots = (os.getcwd(),)
    use_cache = rc is not None and rc.enabled
    keys: dict[int, str] = {}  # settings objects are shared per config file: one key text each
    for i, (display, lint_path, data, settings, cacheable, explicit) in enumerate(tasks):
        if refused and i in refused:  # not read (too large, unreadable): nothing to fix
            new_tasks.append((display, lint_path, data, settings, cacheable, explicit))
            continue
        if use_cache and cacheable:
            sk = keys.get(id(settings))
            if sk is None:
                sk = keys[id(settings)] = settings.key()
            hit = rc.get(lint_path, sk, data)
            if hit is not None and not choose_fixes(hit[0], args.unsafe_fixes):
                new_tasks.append((display, lint_path, data, settings, cacheable, explicit))
                continue
        src = Source.from_bytes(data, lint_path)
        fr = fix_source(src, settings, unsafe=args.unsafe_fixes)
        is_stdin = not cacheable
        if fr.changed:
            patch = (unified_diff(display, src.text, fr.text), len(fr.applied))
            if args.fix and not args.diff:
                new_data = encode(fr.text, src.had_bom)
                if is_stdin:
                    stdin_out = new_data
                else:
                    try:
                        write_fixed(lint_path, new_data, data, roots=roots,
                                    allow_read_only=getattr(args, "fix_read_only", False))
                    except WriteRefused as e:
                        problems.append(f"{display}: {e.message}")
                        new_tasks.append((display, lint_path, data, settings, cacheable, explicit))
                        continue
                data = new_data
            info[i] = patch
        elif args.fix and is_stdin:
            stdin_out = data  # nothing fixed: exactly the input (BOM, invalid bytes and all)
        new_tasks.append((display, lint_path, data, settings, cacheable, explicit))
    return new_tasks, info, stdin_out


class _LazyRules(Mapping):
    """The rule registry, loaded on first use."""

    def _rules(self):
        from stlint.checks import all_rules

        return all_rules()

    def __getitem__(self, k):
        return self._rules()[k]

    def __iter__(self):
        return iter(self._rules())

    def __len__(self):
        return len(self._rules())


def _run(tasks, args, problems: list[str], refused: dict | None = None, graphs: list | None = None, rc=None):
    """Diagnostics per task (None where linting failed), from the cache or the engine. Tasks
    whose bytes are None are read here (and updated in ``tasks``) unless the cache answers
    from the file's stat. ``refused``: task index -> the finding of a file already refused
    (``stlint.refusal``); files refused here are added to it (their bytes become b""). With
    ``graphs`` (a list as long as ``tasks``), each job's pipeline graph is filled in too, from the
    same lint or the cache entry. ``rc``: the run's result cache, if the caller has one."""
    from stlint import cache, refusal
    from stlint._sha import sha256
    from stlint.files import ReadError, read_regular_stat

    refused = {} if refused is None else refused
    want_graph = graphs is not None
    if rc is None and not args.no_cache:
        rc = cache.ResultCache()
    results: list = [None] * len(tasks)
    skeys: list[str | None] = [None] * len(tasks)
    stats: list = [None] * len(tasks)
    todo = []
    by_settings: dict[int, str] = {}  # settings objects are shared per config file: one key text each
    for i, (display, lint_path, data, settings, cacheable, explicit) in enumerate(tasks):
        if i in refused:
            results[i] = [d for d in (refused[i],) if d is not None]
            continue
        use = cacheable and rc is not None and rc.enabled
        if use:
            sk = by_settings.get(id(settings))
            if sk is None:
                sk = by_settings[id(settings)] = settings.key()
            skeys[i] = sk
        if data is None:
            hit, sha = rc.get_by_stat(lint_path, skeys[i], want_graph) if use else (None, None)
            if hit is not None and not hit[0]:
                results[i] = []  # unchanged and clean: not even read
                if want_graph:
                    graphs[i] = hit[1]
                continue
            try:
                data, stats[i] = read_regular_stat(lint_path)  # regular files only, size-bounded
            except ReadError as e:  # a finding of the file (file-too-large, unreadable-file)
                refused[i] = refusal.for_error(e, settings, lint_path)
                results[i] = [d for d in (refused[i],) if d is not None]
                tasks[i] = (display, lint_path, b"", settings, cacheable, explicit)
                continue
            tasks[i] = (display, lint_path, data, settings, cacheable, explicit)
            if hit is not None and sha256(data).hexdigest() == sha:
                results[i] = hit[0]
                if want_graph:
                    graphs[i] = hit[1]
                continue
        if use:
            hit = rc.get(lint_path, skeys[i], data, stats[i], want_graph)
            if hit is not None:
                results[i] = hit[0]
                if want_graph:
                    graphs[i] = hit[1]
                continue
        todo.append((i, lint_path, data, settings, want_graph))
    total = len(todo)
    show = total >= 50 and sys.stderr.isatty()

    def done(n, item):
        i, payload, err = item
        if err is not None:
            problems.append(f"{tasks[i][0]}: internal error: {err}")
        else:
            diags, deps, graph = payload
            results[i] = [cache.from_dict(d) for d in diags]
            if want_graph:
                graphs[i] = graph
            if skeys[i] is not None:
                rc.put(tasks[i][1], skeys[i], tasks[i][2], stats[i], diags, deps,
                       graph if want_graph else cache.NO_GRAPH)
        if show and (n % 10 == 0 or n == total):
            _progress(n, total)

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    if jobs > 1 and total > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from stlint import engine  # noqa: F401  (loaded once, inherited by forked workers)
        from stlint.checks import all_rules

        all_rules()
        from stlint.lifecycle import end_startup

        end_startup()  # the workers inherit the frozen start-up objects (no copy-on-write by the collector)
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=ctx) as ex:
            chunk = max(1, min(16, total // (jobs * 4)))
            for n, item in enumerate(ex.map(_worker, todo, chunksize=chunk), 1):
                done(n, item)
    else:
        for n, task in enumerate(todo, 1):
            done(n, _worker(task))
    if rc is not None:
        rc.flush()
    return results


# --- rules -----------------------------------------------------------------------------------


def _find_rule(name: str):
    from stlint.checks import all_rules

    rules = all_rules()
    if name in rules:
        return rules[name]
    for r in rules.values():
        if r.code.upper() == name.upper():
            return r
    import difflib

    hits = difflib.get_close_matches(name, list(rules) + [r.code for r in rules.values()], n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join('`' + h + '`' for h in hits)}?)" if hits else ""
    raise UsageError(f"unknown rule `{name}`{hint}; `stlint rules` lists them")


def cmd_rules(args) -> int:
    from stlint.checks import all_rules

    rules = sorted(all_rules().values(), key=lambda r: (r.code, r.name))
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "severity": r.severity, "fix": r.fix, "family": r.family,
                    "default": r.default, "summary": r.summary} for r in rules], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    wn = max([len(r.name) for r in rules] + [4])
    print(f"{'code':<6} {'name':<{wn}} {'severity':<8} {'fix':<6} {'default':<7} summary")
    for r in rules:
        print(f"{r.code:<6} {r.name:<{wn}} {r.severity:<8} {r.fix or '-':<6} {'yes' if r.default else 'opt-in':<7} "
              f"{r.summary}")
    opt_in = [r.name for r in rules if not r.default]
    print(f"\nDefault rule set: the {len(rules) - len(opt_in)} rules marked `yes`"
          + (f"; opt-in: {', '.join(opt_in)} (enable with `--extend-select NAME`, "
             "`extend-select = [\"NAME\"]` or `select = [\"ALL\"]`)" if opt_in else "") + ".")
    return 0


def cmd_rule(args) -> int:
    from stlint.docs import rule_text

    sys.stdout.write(rule_text(_find_rule(args.name)))
    return 0


# --- parser ----------------------------------------------------------------------------------


# every subcommand, in help order; `build_parser(only=...)` builds one of them (tests/cli/test_cold_start.py
# checks this list against the full parser)
COMMANDS = ("check", "rules", "rule", "dump", "graph", "format", "catalog", "lsp")


def _columns() -> int:
    """shutil.get_terminal_size().columns without importing shutil (with bz2, lzma, fnmatch: ~2.5 ms
    at every start; argparse asks for the width whenever it builds a parser)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _ArgumentParser(argparse.ArgumentParser):
    """argparse's parser with the shutil-free width above; subcommands inherit the class."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``only`` (a name in COMMANDS) just that subcommand is built: `stlint check`
    then neither imports nor builds the modules of `format`, `graph`, `catalog` and `lsp` (cold start);
    its own help, usage and errors are the same as in the full parser."""
    ap = _ArgumentParser(prog="stlint", description="Linter for Apache SeaTunnel job configs")
    ap.add_argument("--version", action="version", version=f"stlint {__version__}")
    # the metavar argparse would derive from the full set of subcommands (usage lines stay the same)
    sub = ap.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    if only is None or only == "check":
        _add_check(sub)
    if only is None or only in ("rules", "rule", "dump"):
        _add_small(sub)
    if only is None or only == "graph":
        from stlint import graph_cli

        graph_cli.register(sub)
    if only is None or only == "format":
        from stlint import format_cli

        format_cli.register(sub)
    if only is None or only == "catalog":
        try:
            from stlint.catalog import cli as catalog_cli
        except ImportError:
            catalog_cli = None
        if catalog_cli is not None and hasattr(catalog_cli, "register"):
            catalog_cli.register(sub)
    if only is None or only == "lsp":
        from stlint import lsp as lsp_cli  # light: pygls is imported only when the server runs

        lsp_cli.register(sub)
    return ap


def _add_check(sub) -> None:
    c = sub.add_parser("check", help="lint job files (directories are searched for configs); the default command",
                       description="Lint SeaTunnel job files (`stlint FILE...` is `stlint check FILE...`). Directories "
                                   "are searched for *.conf, *.hocon, *.conf.template, *.config.template, JSON job "
                                   "files and other files whose first lines open a `source {` or `sink {`, "
                                   "respecting .gitignore; files that are not jobs are skipped (-v names them). "
                                   "Exit 0: nothing at or above --fail-on; 1: findings; 2: usage or internal error.")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .); `-` reads stdin")
    c.add_argument("--format", choices=["text", "json", "github", "sarif", "report"], default="text")
    c.add_argument("--select", action="append", metavar="RULE",
                   help="only these rules (names, codes, code prefixes, ALL; comma-separated or repeated)")
    c.add_argument("--ignore", action="append", metavar="RULE", help="skip these rules")
    c.add_argument("--extend-select", action="append", metavar="RULE", help="add these rules to the selection")
    c.add_argument("--seatunnel-version", metavar="V", help="catalog version to check against (default: newest)")
    c.add_argument("--engine", metavar="ENGINE", help="zeta, flink or spark: whose plugin-graph and env rules apply "
                   "(default: from the job's env keys, else zeta)")
    c.add_argument("-v", "--verbose", action="store_true", help="name the files skipped as not a job, and fragments")
    c.add_argument("--var", action="append", metavar="KEY=VALUE", help="a job variable, like SeaTunnel's -i (repeatable)")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], default="warning",
                   help="lowest severity that makes the exit code 1 (default: warning)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    c.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="parallel processes (0: one per CPU)")
    c.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    c.add_argument("--stdin-filename", metavar="PATH", help="name of the file read from stdin (with `-`)")
    c.add_argument("-q", "--quiet", action="store_true", help="only the findings, no code frames or summary")
    c.add_argument("--fix", action="store_true", help="apply safe fixes (files are rewritten atomically)")
    c.add_argument("--unsafe-fixes", action="store_true", help="with --fix/--diff: also apply unsafe fixes")
    c.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    c.add_argument("--exit-non-zero-on-fix", action="store_true",
                   help="with --fix: exit 1 when a file was changed (for pre-commit)")
    c.add_argument("--fix-read-only", action="store_true",
                   help="with --fix: also rewrite read-only files (refused by default)")
    c.set_defaults(func=cmd_check)


def _add_small(sub) -> None:
    rl = sub.add_parser("rules", help="list all rules")
    rl.add_argument("--format", choices=["text", "json"], default="text")
    rl.set_defaults(func=cmd_rules)
    r1 = sub.add_parser("rule", help="explain one rule (name or code)")
    r1.add_argument("name")
    r1.set_defaults(func=cmd_rule)

    d = sub.add_parser("dump", help="print the resolved config as JSON")
    d.add_argument("file")
    d.add_argument("--flavor", choices=["seatunnel", "hocon"], default="seatunnel",
                   help="seatunnel (default): what SeaTunnel's parser makes of the file; hocon: stock HOCON")
    d.add_argument("--indent", type=int, default=None)
    d.set_defaults(func=cmd_dump)


_TOP_FLAGS = ("-h", "--help", "--version")


def _default_command(argv: list[str]) -> list[str]:
    """`stlint FILE...`, `stlint --fix FILE...` and bare `stlint` mean `stlint check ...`: a first
    argument that is not a subcommand (or -h/--version) means `check`."""
    if not argv:
        return ["check"]
    if argv[0] in COMMANDS or argv[0] in _TOP_FLAGS:
        return argv
    return ["check", *argv]


def main(argv: list[str] | None = None) -> int:
    """Run a command. Without ``argv`` this is the program (console script, ``python -m stlint``),
    and the process ends when it returns: the collector policy of stlint/lifecycle.py applies."""
    if argv is not None:
        return _main(argv)
    from stlint import lifecycle

    try:
        return _main(sys.argv[1:], lifecycle)
    finally:
        lifecycle.program_end()


def _main(argv: list[str], lifecycle=None) -> int:
    argv = _default_command(list(argv))
    ap = build_parser(argv[0] if argv[0] in COMMANDS else None)
    args = ap.parse_args(argv)
    if lifecycle is not None:
        lifecycle.program_start(args)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except UsageError as e:
        print(f"stlint: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # never a traceback
        if os.environ.get("STLINT_DEBUG"):
            raise
        from stlint.config import ConfigError

        if isinstance(e, ConfigError):
            print(f"stlint: {e}", file=sys.stderr)
        else:
            print(f"stlint: internal error: {type(e).__name__}: {e} (set STLINT_DEBUG=1 for a traceback)",
                  file=sys.stderr)
        return 2
