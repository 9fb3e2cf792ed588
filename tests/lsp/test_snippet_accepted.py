"""Accepting a plugin snippet leaves no missing-required-option / exclusive-options finding.

Every plugin of every shipped catalog: its completion snippet (the text the editor inserts) is
expanded the way a user accepting it does (first choice of each choice list, each placeholder
filled with a value of the option's type), put in a job, and linted by the real engine with that
catalog version. One lint per version and kind (all plugins of the kind in one job), cached.
"""

from __future__ import annotations

import functools
import re

import pytest

from stlint.catalog import available_versions, load_catalog
from stlint.config import Settings
from stlint.engine import lint_source
from stlint.lsp.snippets import plugin_snippet
from stlint.source import Source

KINDS = ("source", "transform", "sink")
CHOICE = re.compile(r"\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}")
DEFAULT = re.compile(r"\$\{(\d+):((?:[^}\\]|\\.)*)\}")
TABSTOP = re.compile(r"\$(\d+)")
LINE = re.compile(r"^(\s*)(\"[^\"]*\"|[^\s=]+) = (.*)$")


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def _first_choice(m: re.Match) -> str:
    parts = re.split(r"(?<!\\),", m.group(2))
    return _unescape(parts[0])


def _fill(value: str, o) -> str:
    """A filled-in value for one placeholder, by the option's type."""
    if re.fullmatch(r'"\$\d+"', value):
        return '"x"'
    if re.fullmatch(r"\[ \$\d+ \]", value):
        return "[]"
    if re.fullmatch(r"\{ \$\d+ \}", value):
        return "{}"
    t = o.type if o is not None else "string"
    if t in ("int", "long"):
        return "1"
    if t in ("float", "double"):
        return "1.5"
    if t == "boolean":
        return "true"
    if t == "list":
        return "[]"
    if t in ("map", "object"):
        return "{}"
    return '"x"'


def expand(snippet: str, spec) -> str:
    """The plain text a user gets by accepting ``snippet`` and tabbing through it."""
    text = CHOICE.sub(_first_choice, snippet)
    text = DEFAULT.sub(lambda m: _unescape(m.group(2)), text)
    out = []
    for line in text.split("\n"):
        m = LINE.match(line)
        if m and TABSTOP.search(m.group(3)):
            key = m.group(2).strip('"')
            line = f"{m.group(1)}{m.group(2)} = {_fill(m.group(3), spec.option(key))}"
        out.append(TABSTOP.sub("", line))
    return "\n".join(out)


def _plugins() -> list[tuple[str, str, str]]:
    out = []
    for v in available_versions():
        cat = load_catalog(v)
        for kind in KINDS:
            out += [(v, kind, n) for n in cat.names(kind)]
    return out


PLUGINS = _plugins()


@functools.lru_cache(maxsize=None)
def _findings(version: str, kind: str) -> tuple[str, dict[str, list[str]]]:
    cat = load_catalog(version)
    blocks = []
    for n in cat.names(kind):
        spec = cat.find(kind, n)
        blocks.append("  " + expand(plugin_snippet(spec, n, True), spec).replace("\n", "\n  "))
    text = f"{kind} {{\n" + "\n".join(blocks) + "\n}\n"
    res = lint_source(Source(text, "/tmp/snippets.conf"), Settings(seatunnel_version=version))
    by: dict[str, list[str]] = {}
    for d in res.diagnostics:
        if d.name in ("missing-required-option", "exclusive-options"):
            by.setdefault(d.plugin or "", []).append(d.message)
    return text, by


@pytest.mark.parametrize(("version", "kind", "name"), PLUGINS, ids=[f"{v}-{k}.{n}" for v, k, n in PLUGINS])
def test_accepted_snippet_satisfies_the_engine(version, kind, name):
    text, by = _findings(version, kind)
    assert f"  {name} {{" in text
    assert by.get(f"{kind}.{name}", []) == []


def test_expansion_fills_choices_and_types():
    cat = load_catalog("2.3.13")
    spec = cat.find("source", "Jdbc")
    assert expand(plugin_snippet(spec, "Jdbc", True), spec) == (
        'Jdbc {\n  url = "x"\n  driver = "x"\n  query = "x"\n}')
    spec = cat.find("sink", "Jdbc")
    assert expand(plugin_snippet(spec, "Jdbc", True), spec) == (
        'Jdbc {\n  url = "x"\n  driver = "x"\n  query = "x"\n}')


def test_the_check_can_fail():
    # the required-only snippet of before (no `query`) is what the engine rejects
    cat = load_catalog("2.3.13")
    text = 'sink {\n  Jdbc {\n    url = "x"\n    driver = "x"\n  }\n}\n'
    res = lint_source(Source(text, "/tmp/j.conf"), Settings(seatunnel_version="2.3.13"))
    assert [(d.name, d.plugin) for d in res.diagnostics if d.name == "missing-required-option"] == [
        ("missing-required-option", "sink.Jdbc")]  # the label the parametrized test looks up
    assert "  query = " in plugin_snippet(cat.find("sink", "Jdbc"), "Jdbc", True)
