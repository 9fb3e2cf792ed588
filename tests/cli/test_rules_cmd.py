"""`stlint rules` and `stlint rule NAME`."""

from __future__ import annotations

import json

from clihelp import stlint  # noqa: F401  (fixture)

from stlint.checks import all_rules


def test_rules_lists_every_registered_rule(stlint, tmp_path):
    p = stlint("rules", cwd=tmp_path, check_rc=0)
    lines = p.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fix", "default", "summary"]
    rules = all_rules()
    table = lines[1:1 + len(rules)]
    rows = {ln.split()[1]: ln.split(None, 5) for ln in table}
    assert set(rows) == set(rules)
    for name, r in rules.items():
        code, nm, sev, fix, default, summary = rows[name]
        assert (code, nm, sev, fix, default, summary) == (r.code, r.name, r.severity, r.fix or "-",
                                                          "yes" if r.default else "opt-in", r.summary)
    assert [ln.split()[0] for ln in table] == sorted(r.code for r in rules.values())
    # the default rule set is stated, opt-in rules named
    assert lines[-1].startswith(f"Default rule set: the {sum(r.default for r in rules.values())} rules marked `yes`; "
                                "opt-in: plugin-name-case")
    assert rows["plugin-name-case"][4] == "opt-in" and rows["duplicate-key"][4] == "yes"
    js = json.loads(stlint("rules", "--format", "json", cwd=tmp_path).stdout)
    assert {(x["code"], x["name"], x["severity"], x["fix"], x["default"]) for x in js} == {
        (r.code, r.name, r.severity, r.fix, r.default) for r in rules.values()}


def test_rule_by_name_or_code_prints_the_doc(stlint, tmp_path):
    r = all_rules()["duplicate-key"]
    by_name = stlint("rule", "duplicate-key", cwd=tmp_path, check_rc=0).stdout
    assert by_name == stlint("rule", r.code, cwd=tmp_path).stdout == stlint("rule", r.code.lower(), cwd=tmp_path).stdout
    assert by_name.startswith(f"duplicate-key ({r.code})\n")
    assert "default severity: warning" in by_name and "fixable: no" in by_name
    assert r.doc in by_name and "Bad:" in by_name and "Good:" in by_name
    assert "fixable: yes (unsafe)" in stlint("rule", "section-order", cwd=tmp_path).stdout


def test_unknown_rule_is_exit_2_with_a_suggestion(stlint, tmp_path):
    p = stlint("rule", "duplicat-key", cwd=tmp_path, check_rc=2)
    assert p.stderr == "stlint: unknown rule `duplicat-key` (did you mean `duplicate-key`?); `stlint rules` lists them\n"
