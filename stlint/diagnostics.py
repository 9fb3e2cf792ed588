"""Diagnostics and fixes: plain data shared by every stage and front end.

A fix is a list of text edits on the original source (character offsets), so applying it keeps
comments and formatting everywhere else.
"""

from __future__ import annotations

from stlint._records import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Literal["safe", "unsafe"]
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Related:
    start: int
    end: int
    message: str


@dataclass(slots=True)
class Diagnostic:
    name: str  # stable kebab-case rule name, e.g. "syntax-error"
    severity: Severity
    message: str
    start: int  # character offsets into Source.text
    end: int
    fix: Fix | None = None
    help: str | None = None
    plugin: str | None = None  # e.g. "sink.Jdbc"
    option: str | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)
    # secret ranges on the line a code frame shows (masked there; see stlint.redact)
    redact: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    fix_carries_secret: bool = False  # a fix edit contains a secret: not written to the result cache
    # did-you-mean candidates, best first, each the complete replacement text of [start, end)
    # (quoted when the written text is): front ends offer one quick fix per candidate
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.name)
