"""Output formats of ``stlint check``: pure functions from results to text.

    text    ruff-like lines with a code frame, help and a summary (colour optional)
    json    stable machine format, version 1 (see ``to_json``)
    github  GitHub Actions workflow commands (annotations)
    sarif   SARIF 2.1.0 for GitHub code scanning
    report  per file: errors, warnings, todo_items (info), patch_suggestion
"""

from __future__ import annotations

import json
import os
from stlint._records import dataclass, field
from typing import Iterable, Mapping

from stlint import __version__
from stlint.diagnostics import SEVERITY_RANK, Diagnostic
from stlint.source import Source


# stlint.redact compiles its patterns at import (~1.5 ms): a warm-cache run with nothing to report
# never needs it
def escape_text(*args, **kwargs):
    from stlint.redact import escape_text

    return escape_text(*args, **kwargs)


def mask_line(*args, **kwargs):
    from stlint.redact import mask_line

    return mask_line(*args, **kwargs)

INFORMATION_URI = "https://pypi.org/project/stlint/"
FORMATS = ("text", "json", "github", "sarif", "report")


@dataclass
class FileResult:
    path: str  # as shown to the user
    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    patch: str = ""  # unified diff of the fixes (report format's patch_suggestion)
    fixed: int = 0  # fixes applied to this file by --fix
    graph: dict | None = None  # the job's pipeline (stlint.graphview.to_dict) for json/report; None: not drawn


def _range(src: Source, start: int, end: int) -> dict:
    a, b = src.pos(start), src.pos(end)
    return {"start": {"line": a.line, "column": a.column}, "end": {"line": b.line, "column": b.column}}


def counts(results: Iterable[FileResult]) -> dict[str, int]:
    c = {"error": 0, "warning": 0, "info": 0, "fixable": 0, "fixable_safe": 0}
    for r in results:
        for d in r.diagnostics:
            c[d.severity] = c.get(d.severity, 0) + 1
            if d.fix is not None:
                c["fixable"] += 1
                c["fixable_safe"] += d.fix.applicability == "safe"
    return c


# --- json ------------------------------------------------------------------------------------


def diagnostic_json(src: Source, d: Diagnostic, rules: Mapping) -> dict:
    r = rules.get(d.name)
    fix = None
    if d.fix is not None:
        fix = {"applicability": d.fix.applicability, "message": d.fix.message,
               "edits": [{"range": _range(src, e.start, e.end), "new_text": e.text} for e in d.fix.edits]}
    return {"code": r.code if r else None, "name": d.name, "severity": d.severity, "message": d.message,
            "range": _range(src, d.start, d.end), "plugin": d.plugin, "option": d.option, "help": d.help,
            "fix": fix}


def to_json(results: list[FileResult], rules: Mapping) -> str:
    """``{"version": 1, "files": [{"path", "diagnostics": [...]}], "summary": {...}}``."""
    c = counts(results)
    doc = {
        "version": 1,
        "files": [{"path": r.path, "diagnostics": [diagnostic_json(r.source, d, rules) for d in r.diagnostics],
                   **({"graph": r.graph} if r.graph is not None else {})}
                  for r in results],
        "summary": {"files": len(results), "errors": c["error"], "warnings": c["warning"], "info": c["info"],
                    "fixable": c["fixable"]},
    }
    return json.dumps(doc, ensure_ascii=False) + "\n"


# --- report ----------------------------------------------------------------------------------


def to_report(results: list[FileResult], rules: Mapping) -> str:
    files = []
    for r in results:
        buckets = {"error": [], "warning": [], "info": []}
        for d in r.diagnostics:
            p = r.source.pos(d.start)
            rule = rules.get(d.name)
            buckets[d.severity].append({"name": d.name, "code": rule.code if rule else None,
                                        "message": d.message, "line": p.line, "column": p.column})
        files.append({"path": r.path, "errors": buckets["error"], "warnings": buckets["warning"],
                      "todo_items": buckets["info"], "patch_suggestion": r.patch,
                      **({"graph": r.graph} if r.graph is not None else {})})
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2) + "\n"


# --- github ----------------------------------------------------------------------------------

_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def gh_escape_data(s: str) -> str:
    """GitHub's workflow-command escapes (``%25``, ``%0D``, ``%0A``); other control characters,
    line separators and bidi overrides become visible escapes (``\\x1b``), so file contents and
    names cannot start a command or colour the log."""
    return escape_text(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def gh_escape_property(s: str) -> str:
    return gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def to_github(results: list[FileResult], rules: Mapping) -> str:
    out = []
    for r in results:
        for d in r.diagnostics:
            a, b = r.source.pos(d.start), r.source.pos(d.end)
            props = {"file": r.path, "line": a.line, "col": a.column, "endLine": b.line, "endColumn": b.column,
                     "title": f"stlint ({d.name})"}
            msg = d.message + (f"\nhelp: {d.help}" if d.help else "")
            ps = ",".join(f"{k}={gh_escape_property(str(v))}" for k, v in props.items())
            out.append(f"::{_GH_LEVEL[d.severity]} {ps}::{gh_escape_data(msg)}\n")
    return "".join(out)


# --- sarif -----------------------------------------------------------------------------------

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _first_paragraph(doc: str) -> str:
    return doc.strip().split("\n\n", 1)[0].replace("\n", " ").strip()


def _artifact_uri(path: str, cwd: str) -> str:
    from urllib.parse import quote

    ap = os.path.abspath(path)
    rel = os.path.relpath(ap, cwd) if not path.startswith("<") else path
    if rel.startswith(".."):
        return "file://" + quote(ap.replace("\\", "/"))
    return quote(rel.replace("\\", "/"))


def to_sarif(results: list[FileResult], rules: Mapping, cwd: str | None = None) -> str:
    cwd = cwd or os.getcwd()
    used = {d.name for r in results for d in r.diagnostics}
    ordered = sorted(rules.values(), key=lambda r: (r.code, r.name))
    descriptors = []
    index: dict[str, int] = {}
    for r in ordered:
        index[r.name] = len(descriptors)
        descriptors.append({
            "id": r.name, "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": _first_paragraph(r.doc) or r.summary},
            "help": {"text": r.doc or r.summary, "markdown": r.doc or r.summary},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"code": r.code, "family": r.family, "fixable": r.fix},
        })
    for name in sorted(used - set(index)):  # emitted by the parser/model without a registry entry
        index[name] = len(descriptors)
        descriptors.append({"id": name, "name": name, "shortDescription": {"text": name},
                            "fullDescription": {"text": name}, "help": {"text": name},
                            "defaultConfiguration": {"level": "warning"}})
    from stlint._sha import sha256

    sarif_results = []
    for r in results:
        uri = _artifact_uri(r.path, cwd)
        seen: dict[tuple[str, str], int] = {}
        for d in r.diagnostics:
            a, b = r.source.pos(d.start), r.source.pos(d.end)
            # the fingerprint hashes the line with its secrets masked (a hash of a short password is
            # as good as the password)
            line_text = "".join(mask_line(r.source.line_text(a.line), r.source.line_start(a.line),
                                          d.redact)).strip()
            k = (d.name, line_text)
            occurrence = seen.get(k, 0)
            seen[k] = occurrence + 1
            fp = sha256(f"{d.name}\0{uri}\0{line_text}\0{occurrence}".encode()).hexdigest()[:32]
            msg = escape_text(d.message + (f"\nhelp: {d.help}" if d.help else ""), keep="\n")
            res = {
                "ruleId": d.name, "ruleIndex": index[d.name], "level": _SARIF_LEVEL[d.severity],
                "message": {"text": msg},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column},
                }}],
                "partialFingerprints": {"stlint/v1": fp},
            }
            props = {k2: v for k2, v in (("plugin", d.plugin), ("option", d.option)) if v}
            if props:
                res["properties"] = props
            sarif_results.append(res)
    doc = {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "stlint", "informationUri": INFORMATION_URI, "version": __version__,
                                "semanticVersion": __version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- text ------------------------------------------------------------------------------------

_STYLE = {"error": "1;31", "warning": "1;33", "info": "1;36", "path": "1", "name": "1", "dim": "2",
          "help": "36", "fix": "32"}


def use_colour(stream, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if env.get("FORCE_COLOR"):
        return True
    if env.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(ch: str) -> int:
    if ch == "\t":
        return 4
    if ch < "\u0300":  # no combining or wide character below U+0300; spares importing unicodedata
        return 1
    import unicodedata  # (a shared library: ~2 ms at start-up)

    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _code_frame(src: Source, d: Diagnostic, paint) -> list[str]:
    a, b = src.pos(d.start), src.pos(d.end)
    line = src.line_text(a.line)
    end_col = b.column if b.line == a.line else len(line) + 1
    end_col = min(end_col, len(line) + 1)
    c0 = min(a.column, len(line) + 1) - 1
    # secrets masked, control characters shown as escapes, tabs as 4 spaces
    pieces = [p if p != "\t" else "    " for p in mask_line(line, src.line_start(a.line), d.redact)]
    pad = sum(_width(ch) for p in pieces[:c0] for ch in p)
    n = max(1, sum(_width(ch) for p in pieces[c0:end_col - 1] for ch in p))
    num = str(a.line)
    g = " " * len(num)
    return [
        f"{g} {paint('dim', '|')}",
        f"{paint('dim', num + ' |')} {''.join(pieces)}",
        f"{g} {paint('dim', '|')} {' ' * pad}{paint(d.severity, '^' * n)}",
    ]


def to_text(results: list[FileResult], rules: Mapping, *, colour: bool = False, quiet: bool = False,
            summary: bool = True) -> str:
    def paint(style: str, s: str) -> str:
        return f"\x1b[{_STYLE[style]}m{s}\x1b[0m" if colour and s else s

    out: list[str] = []
    for r in results:
        for d in r.diagnostics:
            p = r.source.pos(d.start)
            mark = ""
            if d.fix is not None:
                mark = " " + paint("fix", "[*]" if d.fix.applicability == "safe" else "[~]")
            out.append(f"{paint('path', escape_text(r.path))}:{p.line}:{p.column}: {paint(d.severity, d.severity)} "
                       f"{paint('name', d.name)}{mark} {escape_text(d.message)}")
            if not quiet:
                if r.source.text:  # a file that was not read (file-too-large...) has no line to show
                    out.extend(_code_frame(r.source, d, paint))
                if d.help:
                    out.append(f"{' ' * len(str(p.line))} {paint('help', '= help:')} {escape_text(d.help)}")
                out.append("")
    if summary and not quiet:
        out.append(summary_line(results, paint))
    return "\n".join(out) + ("\n" if out else "")


def summary_line(results: list[FileResult], paint=lambda s, t: t) -> str:
    c = counts(results)
    n = len(results)
    files = f"{n} file{'s' if n != 1 else ''}"
    if not (c["error"] or c["warning"] or c["info"]):
        return f"All checks passed! ({files} checked)"
    parts = []
    for sev, word in (("error", "error"), ("warning", "warning"), ("info", "info")):
        k = c[sev]
        label = word + ("s" if k != 1 and sev != "info" else "")
        parts.append(paint(sev, f"{k} {label}") if k else f"{k} {label}")
    with_findings = sum(1 for r in results if r.diagnostics)
    line = f"Found {', '.join(parts)} in {with_findings} of {files}."
    if c["fixable"]:
        unsafe = c["fixable"] - c["fixable_safe"]
        line += (f"\n{c['fixable']} fixable ({c['fixable_safe']} with a safe fix [*], "
                 f"{unsafe} with an unsafe fix [~]).")
    return line


def render(fmt: str, results: list[FileResult], rules: Mapping, **kw) -> str:
    if fmt == "json":
        return to_json(results, rules)
    if fmt == "github":
        return to_github(results, rules)
    if fmt == "sarif":
        return to_sarif(results, rules, kw.get("cwd"))
    if fmt == "report":
        return to_report(results, rules)
    return to_text(results, rules, colour=kw.get("colour", False), quiet=kw.get("quiet", False),
                   summary=kw.get("summary", True))


def fails(results: Iterable[FileResult], fail_on: str) -> bool:
    t = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(d.severity, 0) >= t for r in results for d in r.diagnostics)
