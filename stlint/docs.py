"""Rule documentation: ``docs/rules.md`` generated from the rule registry, and the link each
diagnostic carries (LSP ``codeDescription.href``) to its section.

    python -m stlint.docs            # rewrite docs/rules.md
    python -m stlint.docs --check    # exit 1 when docs/rules.md is not current

Each rule is a section whose heading is the rule's name, so its anchor is ``#<name>``. The base
URL of the page is ``DOCS_URL`` below; set ``STLINT_DOCS_URL`` to point links at a fork, a tag or
an internal mirror.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS_URL = "https://github.com/stlint/stlint/blob/main/docs/rules.md"
RULES_MD = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def docs_url() -> str:
    return os.environ.get("STLINT_DOCS_URL") or DOCS_URL


def rule_url(name: str) -> str:
    """The link of one rule's section (its anchor is the rule's name)."""
    return f"{docs_url()}#{name}"


def rule_facts(r) -> str:
    fix = {"safe": "yes (safe)", "unsafe": "yes (unsafe)"}.get(r.fix or "", "no")
    return (f"default severity: {r.severity}    fixable: {fix}    family: {r.family}    "
            f"default selection: {'yes' if r.default else 'no (opt-in)'}")


def rule_text(r) -> str:
    """What `stlint rule NAME` prints."""
    return f"{r.name} ({r.code})\n\n{rule_facts(r)}\n\n{r.summary}\n\n{r.doc}\n"


def render() -> str:
    from stlint.checks import all_rules

    rules = sorted(all_rules().values(), key=lambda r: (r.code, r.name))
    out = ["# stlint rules", "",
           "<!-- generated from the rule registry by `python -m stlint.docs`; do not edit by hand -->", "",
           "Each rule has a stable name (used in `--select`, `# stlint: disable=NAME` and these anchors), a "
           "code, a default severity and, where it can, a fix. `stlint rule NAME` prints the same text. "
           "Rules marked *opt-in* are not in the default selection: enable them by name, code, code prefix "
           "or `ALL` (`--extend-select`, `select`/`extend-select` in `[tool.stlint]`).", "",
           "| code | rule | severity | fix | default | summary |", "|---|---|---|---|---|---|"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        out.append(f"| {r.code} | [{r.name}](#{r.name}) | {r.severity} | {r.fix or '-'} | "
                   f"{'yes' if r.default else 'opt-in'} | {summary} |")
    for r in rules:
        fix = {"safe": "yes (safe)", "unsafe": "yes (unsafe)"}.get(r.fix or "", "no")
        out += ["", f"## {r.name}", "",
                f"`{r.code}` · default severity **{r.severity}** · fixable: {fix} · family: {r.family} · "
                f"default selection: {'yes' if r.default else 'no (opt-in)'}", "",
                f"*{r.summary}*", "", r.doc.strip()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    text = render()
    if "--check" in argv:
        current = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
        if current != text:
            print(f"{RULES_MD} is out of date; run python -m stlint.docs", file=sys.stderr)
            return 1
        return 0
    RULES_MD.parent.mkdir(exist_ok=True)
    RULES_MD.write_text(text, encoding="utf-8")
    print(f"wrote {RULES_MD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
