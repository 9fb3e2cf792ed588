"""What a plugin block needs, from the rule engine itself, and the snippet text for it.

``needs(spec)`` asks the catalog's evaluator (the same ``PluginSpec.evaluate`` the
``missing-required-option`` / ``exclusive-options`` rules run) what an empty block lacks, adds a
type-correct stand-in for the first thing it names and asks again, until nothing required is
missing. So a snippet holds exactly what the checker needs: absolutely required options,
one choice for a one-of / exclusive group, conditional requirements active under the defaults
(the Jdbc sink's `query`, since `generate_sink_sql` defaults to false), startup (runtime) checks,
and never an option that has a default. Nothing here re-implements a rule.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

SNIPPET_CHOICE_ESC = re.compile(r"([$}\\,|])")  # inside ${1|a,b|}
SNIPPET_TEXT_ESC = re.compile(r"([$}\\])")  # inside ${1:text} and plain snippet text
BARE_KEY = re.compile(r"[A-Za-z0-9_.-]+")
MAX_STEPS = 40

_NEEDS: dict[tuple[int, str, str], tuple["Need", ...]] = {}


@dataclass(frozen=True)
class Need:
    """One line of a plugin snippet: a key (or a choice of keys) the engine requires."""

    keys: tuple[str, ...]  # one key, or the alternatives of a one-of / exclusive group (first = chosen)
    why: str  # "required" | "one of" | "exactly one of" | the evaluator's message (conditional, runtime)


def stand_in(o) -> object:
    """The value a snippet's placeholder stands for (first choice; type-correct)."""
    if o is None:
        return "x"
    if o.enum_values:
        return _first_choice(o)
    t = o.type
    if t == "boolean":
        return True
    if t in ("int", "long"):
        return 1
    if t in ("float", "double"):
        return 1.5
    if t == "list":
        return []
    if t in ("map", "object"):
        return {}
    return "x"


def _first_choice(o) -> str:
    return choices(o)[0]


def choices(o) -> list[str]:
    """Enum values (or true/false) with the default first, or [] when free text."""
    if o is None:
        return []
    if o.enum_values:
        out = list(o.enum_values)
    elif o.type == "boolean":
        out = ["true", "false"]
    else:
        return []
    if o.has_default and not o.default_dynamic:
        d = o.default if not isinstance(o.default, bool) else ("true" if o.default else "false")
        if isinstance(d, str) and d in out:
            out.remove(d)
            out.insert(0, d)
    return out


def needs(spec) -> tuple[Need, ...]:
    """What an otherwise empty block of ``spec`` must contain for the engine to accept it (cached)."""
    ck = (id(spec), spec.kind, spec.name)
    got = _NEEDS.get(ck)
    if got is not None:
        return got
    config: dict[str, object] = {}
    out: list[Need] = []
    for _ in range(MAX_STEPS):
        todo = [v for v in spec.evaluate(config) if v.kind in ("missing-required", "exclusive") and v.entry is None
                and not any(k in config for k in v.options)]
        if not todo:
            break
        v = todo[0]
        # a multi-table list (`tables_configs`, `table_list`) is the advanced alternative: offer it last
        tables = {t.option for t in spec.tables}
        keys = tuple(sorted(v.options, key=lambda k: k in tables))
        first = keys[0]
        config[first] = stand_in(spec.option(first))
        if len(keys) > 1:
            why = "exactly one of" if v.kind == "exclusive" else "one of"
        else:
            why = "required" if v.message == f"`{first}` is required" and v.runtime is None else v.message
        out.append(Need(keys, why))
    res = tuple(out)
    _NEEDS[ck] = res
    return res


def key_text(k: str) -> str:
    return k if BARE_KEY.fullmatch(k) else json.dumps(k, ensure_ascii=False)


def value_snippet(o, i: int, *, with_default: bool = True) -> str:
    """A typed value placeholder (tab stop ``i``): ``"$1"`` for strings, the default as the
    placeholder text, a choice list for enums and booleans, ``[ $1 ]`` / ``{ $1 }``."""
    ch = choices(o)
    if ch:
        return "${%d|%s|}" % (i, ",".join(SNIPPET_CHOICE_ESC.sub(r"\\\1", c) for c in ch))
    t = o.type if o is not None else "string"
    default = None
    if with_default and o is not None and o.has_default and not o.default_dynamic and o.default is not None:
        if isinstance(o.default, (str, int, float)) and not isinstance(o.default, bool):
            default = str(o.default)
    if t == "list":
        return f"[ ${i} ]"
    if t in ("map", "object"):
        return f"{{ ${i} }}"
    if t == "string" or t == "enum":
        return f'"${{{i}:{_esc(default)}}}"' if default else f'"${i}"'
    if default:
        return f"${{{i}:{_esc(default)}}}"
    return f"${i}"


def _esc(text: str) -> str:
    return SNIPPET_TEXT_ESC.sub(r"\\\1", text)


def value_plain(o) -> str:
    """The plain-text value for clients without snippets."""
    ch = choices(o)
    if ch:
        return ch[0]
    t = o.type if o is not None else "string"
    return {"string": '""', "list": "[]", "map": "{}", "object": "{}"}.get(t, "")


def plugin_snippet(spec, name: str, snippets: bool) -> str:
    """The text of a whole plugin block: ``name {`` + one line per ``Need`` + ``}``."""
    lines = []
    i = 1
    for need in needs(spec) if spec is not None else ():
        o = spec.option(need.keys[0])
        if len(need.keys) > 1 and snippets:
            key = "${%d|%s|}" % (i, ",".join(SNIPPET_CHOICE_ESC.sub(r"\\\1", key_text(k)) for k in need.keys))
            i += 1
            types = {(spec.option(k).type if spec.option(k) else "string") for k in need.keys}
            val = f'"${i}"' if types == {"string"} else f"${i}"
            i += 1
        elif snippets:
            key = key_text(need.keys[0])
            val = value_snippet(o, i, with_default=False)
            i += 1
        else:
            key = key_text(need.keys[0])
            val = value_plain(o)
        lines.append(f"  {key} = {val}")
    if snippets:
        return f"{name} {{\n" + ("\n".join(lines) if lines else "  $0") + "\n}" + ("$0" if lines else "")
    return f"{name} {{\n" + "\n".join(lines) + ("\n" if lines else "") + "}"


def needs_words(spec) -> list[str]:
    """``url``, ``one of `query`, `table_path` ``... for documentation."""
    out = []
    for n in needs(spec):
        if len(n.keys) == 1:
            out.append(f"`{n.keys[0]}`")
        else:
            out.append(n.why + " " + ", ".join(f"`{k}`" for k in n.keys))
    return out
