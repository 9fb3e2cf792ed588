"""Run the rules on one file: parse -> model -> job -> checks -> suppressions.

The CLI, the pre-commit hook and the language server all call ``lint_source``; none of them
re-implements a check or a fix.

Scope: only SeaTunnel jobs are checked. A file is a job when it has a top-level ``env``,
``source``, ``transform`` or ``sink`` (``source.x``/``sink.x`` keys count too); any other file
(an Akka ``application.conf``, an nginx config, a fragment of plugin options) gets one
``not-a-job`` info and nothing else. A *fragment* (a file another job includes) is checked
without the rules that need the whole job (sections present, the plugin graph, variables the
including file may define).
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

from stlint import redact
from stlint._records import dataclass, field, replace
from stlint.gctune import gc_tuned
from stlint.checks import Context, all_rules
from stlint.config import Settings, enabled_rules
from stlint.diagnostics import Diagnostic
from stlint.hocon import Document, load_source
from stlint.job import Job, build_job
from stlint.parser import in_recovered
from stlint.source import Source

JOB_SECTIONS = ("env", "source", "transform", "sink")

# rules whose answer depends on the whole job: silent on a fragment (a file another job includes)
WHOLE_JOB_RULES = frozenset({
    "missing-section", "section-order", "undefined-plugin-input", "unused-plugin-output",
    "duplicate-plugin-output", "missing-plugin-output", "missing-plugin-input", "plugin-graph-cycle",
    "ambiguous-implicit-input", "unresolved-variable", "streaming-without-checkpoint",
    "batch-with-unbounded-source",
})

# a section opened at the start of a line: what a job file has even when it does not parse
_SECTION_LINE = re.compile(rb"^[ \t]*(env|source|transform|sink)[ \t]*(\{|=[ \t]*[\[{]|:[ \t]*[\[{])", re.M)
_SNIFF_BYTES = 8192


@dataclass
class LintResult:
    path: str | None
    doc: Document
    job: Job
    diagnostics: list[Diagnostic] = field(default_factory=list)
    is_job: bool = True
    secrets: redact.Secrets = field(default_factory=lambda: redact.Secrets())
    version: str | None = None  # the catalog the file was checked against (settings + its own directive)
    context: Context | None = None  # the rules' context (their memoised analyses: the plugin graph...)

    @property
    def source(self) -> Source:
        return self.doc.source


def is_job(job: Job) -> bool:
    """A top-level env/source/transform/sink (or a `source.x`-style key), or, when the file does
    not parse, a line that opens one of them."""
    if any(k.split(".", 1)[0] in JOB_SECTIONS for k in job.sections):
        return True
    if any(d.severity == "error" and d.name == "syntax-error" for d in job.doc.diagnostics):
        return bool(_SECTION_LINE.search(job.doc.source.text.encode("utf-8", "surrogatepass")))
    return False


def looks_like_job(head: bytes) -> bool:
    """Cheap sniff of a file's first bytes for directory discovery of files whose extension says
    nothing (.yaml, .cfg, .txt...): a line opening `source {` or `sink {`, and no NUL byte.

    SeaTunnel reads such files as HOCON: ``ConfigBuilder.of`` (seatunnel-core-starter, 2.3.13,
    ConfigBuilder.java:88-92) asks ``ConfigAdapterUtils.selectAdapter`` for an adapter by extension
    (only ``SqlConfigAdapter``, `.sql`, is registered) and otherwise calls ``ofInner`` ->
    ``ConfigFactory.parseFile`` (ConfigBuilder.java:65-67), which picks JSON for `.json`,
    properties for `.properties` and HOCON for every other name."""
    if b"\0" in head:
        return False
    return any(m.group(1) in (b"source", b"sink") for m in _SECTION_LINE.finditer(head[:_SNIFF_BYTES]))


class Cancelled(Exception):
    """``lint_source`` stopped because its ``cancelled`` callback said so."""


def lint_source(src: Source, settings: Settings | None = None, *, fragment: bool = False,
                cancelled: Callable[[], bool] | None = None) -> LintResult:
    """``cancelled`` (optional) is asked between stages and rules; when it returns true the lint
    stops with ``Cancelled`` (the language server: a newer version of the document arrived)."""
    with gc_tuned():
        return _lint_source(src, settings, fragment, cancelled)


def _lint_source(src: Source, settings: Settings | None, fragment: bool,
                 cancelled: Callable[[], bool] | None) -> LintResult:
    settings = settings or Settings()
    rules = all_rules()
    from stlint import refusal

    refused, finding = refusal.for_text(src.text, settings, src.path)
    if refused:  # over the size limit of a file (an editor's buffer, an API caller): not parsed
        return refusal.refused_result(src, settings, [finding] if finding else [])
    settings, version_diag = file_version(src, settings)
    # like `-i KEY=VALUE`: unquoted ${KEY} resolves from these after the config itself
    doc = load_source(src, "seatunnel", env=dict(settings.vars) if settings.vars else None)
    if cancelled is not None and cancelled():
        raise Cancelled()
    job = build_job(doc)
    enabled = enabled_rules(settings, src.path)
    if not is_job(job):
        out = []
        if "not-a-job" in enabled:
            r = rules["not-a-job"]
            out.append(Diagnostic("not-a-job", r.severity, "not a SeaTunnel job (no top-level env, source, transform or "
                         "sink): not checked", 0, 0))
        return LintResult(src.path, doc, job, out, is_job=False, version=settings.seatunnel_version)
    if fragment or settings.fragment:
        enabled = enabled - WHOLE_JOB_RULES
    ctx = Context(doc, job, settings)
    diags: list[Diagnostic] = [version_diag] if version_diag is not None else []
    for d in doc.diagnostics:  # parser/model diagnostics
        r = rules.get(d.name)
        if r is not None and r.func is not None:
            continue  # re-derived (with its fix) by the rule function itself
        diags.append(d)
    for name, r in rules.items():
        if r.func is None or name not in enabled:
            continue
        if cancelled is not None and cancelled():
            raise Cancelled()
        diags.extend(r.func(ctx))
    doc.key_paths = {}  # the rules are done with the model's key splits: not kept with the result
    ctx.memo.pop("syntax.walk", None)  # nor with the walk's node lists (the result keeps ctx)
    out = []
    recovered = _recovered_filter(doc)
    for d in diags:
        if d.name not in enabled and d.name in rules:
            continue
        if recovered is not None and d.name != "syntax-error" and recovered(d.start, d.end):
            continue  # a follow-on of a syntax error: the tree there is recovery's guess
        sev = settings.severity.get(d.name)
        if sev:
            d.severity = sev
        out.append(d)
    from stlint import suppress, templates

    # findings on template text (the model reported the tags once: none without that finding)
    template = any(d.name == "template-syntax" for d in doc.diagnostics)
    if template:
        out = templates.drop_overlapping(out, templates.tags(src.text))
    # suppression blocks end with the syntax tree's objects: the model's tree is the file's own
    # unless template tags were neutralised for it (then suppress parses the text as written)
    out = suppress.apply(src, out, enabled, None if template else doc.syntax)
    out.sort(key=Diagnostic.sort_key)
    # no output shows a secret: scrub texts, mark code-frame ranges (whatever rules are enabled)
    secrets = redact.find(doc, settings)
    redact.apply(secrets, src, out)
    return LintResult(src.path, doc, job, out, secrets=secrets, version=settings.seatunnel_version, context=ctx)


def file_version(src: Source, settings: Settings) -> tuple[Settings, Diagnostic | None]:
    """The settings with the file's own ``# stlint: seatunnel-version=X`` applied (it wins over
    every setting), and an ``invalid-directive`` finding when X names no catalog."""
    from stlint import suppress

    vd = suppress.version_directive(src)
    if vd is None:
        return settings, None
    from stlint.catalog import UnknownVersionError, resolve_version

    try:
        ver = resolve_version(vd.version)
    except UnknownVersionError as e:
        where = f"SeaTunnel {settings.seatunnel_version}" if settings.seatunnel_version else "the newest catalog"
        return settings, Diagnostic("invalid-directive", all_rules()["invalid-directive"].severity,
                                    f"`seatunnel-version={vd.version}`: {e.args[0]}; checking against {where}",
                                    vd.start, vd.end)
    if ver == settings.seatunnel_version:
        return settings, None
    return replace(settings, seatunnel_version=ver), None


def _recovered_filter(doc: Document):
    """Where error recovery re-shaped the syntax tree, semantic findings are follow-ons of the
    syntax error (one finding per real mistake): a predicate on a finding's range (it starts in
    such a region, or one lies inside it: a value quoted whole would show what recovery made of
    the text, `[{...}, "password = x"]`), or None."""
    if not any(d.name == "syntax-error" for d in doc.diagnostics):
        return None
    root = doc.syntax
    if root is None:
        return lambda start, end: True
    regions = getattr(root, "recovered", ())
    if not regions:
        return None

    def recovered(start: int, end: int) -> bool:
        if in_recovered(root, start):
            return True
        i = bisect.bisect_right(regions, (start, 1 << 62))  # the first region starting after `start`
        return i < len(regions) and regions[i][0] < end

    return recovered


def lint_text(text: str, path: str | None = None, settings: Settings | None = None, *,
              fragment: bool = False) -> LintResult:
    return lint_source(Source(text, path), settings, fragment=fragment)
