"""Files stlint does not read, as findings: ``file-too-large`` and ``unreadable-file``.

A file over the size limit (``stlint.files``: 16 MiB, ``STLINT_MAX_FILE_SIZE``), a FIFO, a
device or a file that cannot be opened is not linted; instead it gets one finding at 1:1 that says
why, in every output format and in the editor (where the limit applies to the open buffer, so a
huge document costs no parse). The rules are registered in ``stlint.checks.scope``; they follow
the rule selection and severity overrides like any rule (suppression comments cannot apply: the
file is not read).
"""

from __future__ import annotations

from stlint.diagnostics import Diagnostic
from stlint.files import ReadError, human, max_file_bytes

TOO_LARGE = "file-too-large"
UNREADABLE = "unreadable-file"
_ENV = "STLINT_MAX_FILE_SIZE"


def too_large_message(size: int | None, limit: int, what: str = "file") -> str:
    how = f"is {size} bytes, more than" if size is not None else "is larger than"
    return (f"{what} {how} {human(limit)}, stlint's size limit: not checked (set {_ENV} to a number of "
            f"bytes to raise it)")


def message_of(err: ReadError, what: str = "file") -> tuple[str, str]:
    """(rule name, message) for a file refused by ``stlint.files``."""
    if err.too_large:
        return TOO_LARGE, too_large_message(err.size, err.limit or max_file_bytes(), what)
    return UNREADABLE, f"cannot read the {what}: {err.message}: not checked"


def diagnostic(name: str, message: str, settings=None, path: str | None = None) -> Diagnostic | None:
    """The finding (at offset 0), or None when the settings do not select rule ``name``."""
    from stlint.checks import all_rules

    rule = all_rules()[name]
    severity = rule.severity
    if settings is not None:
        from stlint.config import enabled_rules

        if name not in enabled_rules(settings, path):
            return None
        severity = settings.severity.get(name) or severity
    return Diagnostic(name, severity, message, 0, 0)


def for_error(err: ReadError, settings=None, path: str | None = None, what: str = "file") -> Diagnostic | None:
    name, message = message_of(err, what)
    return diagnostic(name, message, settings, path)


def for_text(text: str, settings=None, path: str | None = None) -> tuple[bool, Diagnostic | None]:
    """(refused, finding) for an editor's buffer: refused when it is over the size limit (the
    finding is None if the rule is not selected; the text is not linted either way)."""
    from stlint.files import text_over_limit

    limit = max_file_bytes()
    if not text_over_limit(text, limit):
        return False, None
    return True, diagnostic(TOO_LARGE, too_large_message(None, limit, "document"), settings, path)


def refused_result(src, settings, diags: list[Diagnostic]):
    """A ``LintResult`` for a text that is not linted: an empty model, these findings."""
    from stlint.engine import LintResult
    from stlint.hocon import Document
    from stlint.job import build_job

    doc = Document(src, "seatunnel", None, None, None, [])
    return LintResult(src.path, doc, build_job(doc), list(diags), is_job=False,
                      version=getattr(settings, "seatunnel_version", None))
