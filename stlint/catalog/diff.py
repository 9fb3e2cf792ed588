"""`stlint catalog diff A B`: what changed between two catalog versions.

Compares the runtime view (`Catalog`, overlay applied), i.e. what stlint checks against:
plugins added/removed, options added/removed, renames (a new key that keeps the old key as a
fallback key), type, enum value and default changes, requirement changes, and changes of the
other rule groups (exclusive / bundled / at-least-one / conditional).
"""

from __future__ import annotations

import json
from typing import Any

from .model import Catalog, OptionSpec, PluginSpec

KINDS = ("source", "transform", "sink")


def _type(o: OptionSpec) -> str:
    return o.describe_type()


def _values(o: OptionSpec) -> list[str] | None:
    return list(o.enum_values) if o.enum_values is not None else None


def _default(o: OptionSpec) -> Any:
    if not o.has_default:
        return None
    if o.default_dynamic:
        return f"<dynamic: {o.default_text}>"
    return o.default


def _fmt(v: Any) -> str:
    return "(none)" if v is None else json.dumps(v, ensure_ascii=False)


def _rule_texts(p: PluginSpec) -> set[str]:
    """Rule groups other than plain required/optional, as stable one-line texts."""
    out = set()
    for g in p.rule.groups:
        if g.type in ("required", "optional"):
            continue
        if g.type == "conditional" and g.conditional is not None:
            c = g.conditional
            vals = " | ".join(v if isinstance(v, str) else json.dumps(v) for v in c.values)
            out.add(f"if {c.option} = {vals}: requires {', '.join(c.required)}")
        else:
            label = {"exclusive": "exactly one of", "bundled": "all or none of", "one_of": "at least one of"}.get(g.type, g.type)
            out.add(f"{label}: {', '.join(g.options)}")
    return out


def diff_plugin(a: PluginSpec, b: PluginSpec) -> dict[str, Any]:
    ao, bo = a.options, b.options
    renamed = []
    renamed_old: set[str] = set()
    renamed_new: set[str] = set()
    for k, o in bo.items():
        if k in ao:
            continue
        for fk in o.fallback_keys:
            if fk in ao and fk not in bo:
                renamed.append({"from": fk, "to": k, "fallback": True})
                renamed_old.add(fk)
                renamed_new.add(k)
                break
    req_a, req_b = set(a.rule.required), set(b.rule.required)
    d: dict[str, Any] = {
        "options_added": [{"key": k, "type": _type(bo[k]), "required": k in req_b}
                          for k in sorted(bo) if k not in ao and k not in renamed_new],
        "options_removed": [k for k in sorted(ao) if k not in bo and k not in renamed_old],
        "renamed": sorted(renamed, key=lambda r: r["to"]),
        "type_changed": [],
        "enum_changed": [],
        "default_changed": [],
        "newly_required": [],
        "no_longer_required": [],
    }
    # pairs of (old key, new key) present in both versions (renames compared across keys)
    pairs = [(k, k) for k in sorted(ao) if k in bo] + [(r["from"], r["to"]) for r in d["renamed"]]
    for ka, kb in pairs:
        oa, ob = ao[ka], bo[kb]
        label = kb if ka == kb else f"{ka} -> {kb}"
        if _type(oa) != _type(ob):
            d["type_changed"].append({"key": label, "from": _type(oa), "to": _type(ob)})
        va, vb = _values(oa), _values(ob)
        if va != vb and not (va is None and vb is None):
            sa, sb = set(va or []), set(vb or [])
            if sa != sb:
                d["enum_changed"].append({"key": label, "added": sorted(sb - sa), "removed": sorted(sa - sb),
                                          "from": va, "to": vb})
        if _default(oa) != _default(ob) or oa.has_default != ob.has_default:
            d["default_changed"].append({"key": label, "from": _default(oa), "to": _default(ob)})
        if kb in req_b and ka not in req_a:
            d["newly_required"].append(label)
        if ka in req_a and kb not in req_b:
            d["no_longer_required"].append(label)
    ra, rb = _rule_texts(a), _rule_texts(b)
    d["rules_added"] = sorted(rb - ra)
    d["rules_removed"] = sorted(ra - rb)
    if a.validated != b.validated:
        d["validated"] = {"from": a.validated, "to": b.validated}
    return {k: v for k, v in d.items() if v}


def _common_as_plugin(cat: Catalog, kind: str) -> PluginSpec:
    from .model import RuleSpec

    return PluginSpec(kind, f"common {kind} options", dict(cat.common_keys(kind)), RuleSpec([]), None, True, None)


def diff_catalogs(a: Catalog, b: Catalog, kind: str | None = None, plugin: str | None = None) -> dict[str, Any]:
    kinds = [kind] if kind else [*KINDS, "env"]
    added, removed, changed = [], [], []
    for k in kinds:
        if k == "env":
            pairs = [("env", a.env, b.env)]
        else:
            an = {n.lower(): n for n in a.names(k)}
            bn = {n.lower(): n for n in b.names(k)}
            if plugin:
                an = {x: n for x, n in an.items() if x == plugin.lower()}
                bn = {x: n for x, n in bn.items() if x == plugin.lower()}
            added += [{"kind": k, "name": bn[x]} for x in sorted(bn) if x not in an]
            removed += [{"kind": k, "name": an[x]} for x in sorted(an) if x not in bn]
            pairs = [(bn[x], a.find(k, an[x]), b.find(k, bn[x])) for x in sorted(an) if x in bn]
            if not plugin:
                pairs.insert(0, (f"common {k} options", _common_as_plugin(a, k), _common_as_plugin(b, k)))
        for name, pa, pb in pairs:
            if pa is None or pb is None:
                continue
            d = diff_plugin(pa, pb)
            if d:
                changed.append({"kind": k, "name": name, **d})
    summary: dict[str, int] = {"plugins_added": len(added), "plugins_removed": len(removed)}
    for key in ("options_added", "options_removed", "renamed", "type_changed", "enum_changed", "default_changed",
                "newly_required", "no_longer_required", "rules_added", "rules_removed"):
        summary[key] = sum(len(c.get(key, [])) for c in changed)
    return {"from": a.version, "to": b.version, "summary": summary, "plugins_added": added, "plugins_removed": removed,
            "changed": changed}


def render_text(d: dict[str, Any]) -> str:
    lines = [f"# SeaTunnel catalog {d['from']} -> {d['to']}"]
    s = d["summary"]
    lines.append("# " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in s.items()))
    if d["plugins_added"]:
        lines.append("plugins added:")
        lines += [f"  + {p['kind']} {p['name']}" for p in d["plugins_added"]]
    if d["plugins_removed"]:
        lines.append("plugins removed:")
        lines += [f"  - {p['kind']} {p['name']}" for p in d["plugins_removed"]]
    for c in d["changed"]:
        lines.append(f"{c['kind']} {c['name']}:" if c["kind"] != c["name"] else f"{c['name']}:")
        for o in c.get("options_added", []):
            lines.append(f"  + {o['key']} ({o['type']}{', required' if o['required'] else ''})")
        for k in c.get("options_removed", []):
            lines.append(f"  - {k}")
        for r in c.get("renamed", []):
            lines.append(f"  renamed {r['from']} -> {r['to']} (`{r['from']}` still accepted as a fallback key)")
        for t in c.get("type_changed", []):
            lines.append(f"  type of {t['key']}: {t['from']} -> {t['to']}")
        for e in c.get("enum_changed", []):
            parts = []
            if e["added"]:
                parts.append("added " + ", ".join(e["added"]))
            if e["removed"]:
                parts.append("removed " + ", ".join(e["removed"]))
            if e["from"] is None:
                parts = ["now restricted to " + ", ".join(e["to"] or [])]
            elif e["to"] is None:
                parts = ["no longer a fixed value list"]
            lines.append(f"  values of {e['key']}: " + "; ".join(parts))
        for t in c.get("default_changed", []):
            lines.append(f"  default of {t['key']}: {_fmt(t['from'])} -> {_fmt(t['to'])}")
        for k in c.get("newly_required", []):
            lines.append(f"  now required: {k}")
        for k in c.get("no_longer_required", []):
            lines.append(f"  no longer required: {k}")
        for r in c.get("rules_added", []):
            lines.append(f"  + rule {r}")
        for r in c.get("rules_removed", []):
            lines.append(f"  - rule {r}")
        if "validated" in c:
            v = c["validated"]
            lines.append("  rule now enforced by SeaTunnel" if v["to"] else "  rule no longer enforced (legacy plugin)")
    return "\n".join(lines) + "\n"
