"""Settings: what to check and how (from CLI flags, ``[tool.stlint]`` in pyproject.toml or
``.stlint.toml``; the nearest file wins)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Settings:
    select: list[str] | None = None  # None: every rule
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # per-rule severity override
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> rule names
    seatunnel_version: str | None = None  # None: newest catalog
    vars: dict[str, str] = field(default_factory=dict)  # like SeaTunnel's -i KEY=VALUE
    sensitive_patterns: list[str] = field(default_factory=list)  # extra secret-key regexes
    include: list[str] = field(default_factory=list)  # extra globs of files to check
    exclude: list[str] = field(default_factory=list)
    config_file: str | None = None  # where these came from (for messages)

    def key(self) -> str:
        """Stable text for cache keys."""
        import json

        return json.dumps(self.__dict__, sort_keys=True, default=str)
