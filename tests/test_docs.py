"""docs/rules.md is generated from the rule registry and current; every rule has its section."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from testpaths import REPO

from stlint.checks import all_rules
from stlint.docs import DOCS_URL, RULES_MD, render, rule_text, rule_url


def test_committed_rules_md_is_current():
    assert RULES_MD.read_text(encoding="utf-8") == render(), "regenerate: python -m stlint.docs"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.run([sys.executable, "-m", "stlint.docs", "--check"], cwd=REPO, env=env, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr


def test_every_rule_has_a_section_with_its_doc():
    text = RULES_MD.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    rules = all_rules()
    assert sorted(headings) == sorted(rules)
    for name, r in rules.items():
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert r.doc.strip() in section and r.summary in section and f"`{r.code}`" in section
        assert "Bad" in section and "Good" in section, name
        # the same text as `stlint rule NAME`
        assert r.doc in rule_text(r) and r.summary in rule_text(r)
    assert "| ST102 | [plugin-name-case](#plugin-name-case) | info | safe | opt-in |" in text


def test_rule_url_points_at_the_anchor(monkeypatch):
    assert rule_url("duplicate-key") == DOCS_URL + "#duplicate-key"
    # GitHub's anchor of `## duplicate-key` is the heading text: kebab names need no slugging
    for name in all_rules():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
    monkeypatch.setenv("STLINT_DOCS_URL", "https://example.org/stlint/rules.html")
    assert rule_url("syntax-error") == "https://example.org/stlint/rules.html#syntax-error"


def test_stdout_of_stlint_rule_matches(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.run([sys.executable, "-m", "stlint", "rule", "ST002"], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=120)
    assert p.stdout == rule_text(all_rules()["duplicate-key"])
