"""`stlint catalog ...` sub-commands: build, list, show.

`register(subparsers)` is called by `stlint/cli.py`; `python -m stlint.catalog.cli` works standalone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Sequence


def register(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser("catalog", help="connector catalog: build from SeaTunnel sources, list, show plugins")
    sub = p.add_subparsers(dest="catalog_command", metavar="{build,list,show}")
    sub.required = True

    b = sub.add_parser("build", help="extract a catalog from a SeaTunnel source tree (or bare git dir)")
    b.add_argument("--seatunnel-src", required=True, metavar="DIR", help="extracted SeaTunnel source tree or bare git dir")
    b.add_argument("--version", required=True, help="catalog version id, e.g. 2.3.10-dev")
    b.add_argument("-o", "--output", required=True, help="output JSON, e.g. rules/catalog/2.3.10-dev.json")
    b.add_argument("--report", help="where to write the unresolved-constructs report (default: <output>.report.txt)")
    b.add_argument("--overlay", help="overlay.yaml whose `fields` entries are resolved (default: the shipped one)")
    b.add_argument("--source", help="label of the source snapshot (e.g. github:owner/repo)")
    b.add_argument("--source-commit", help="commit of the snapshot (derived automatically from a git dir)")
    b.add_argument("--date", help="date of the snapshot (derived automatically from a git dir)")
    b.add_argument("--no-index", action="store_true", help="do not update index.json next to the output")
    b.set_defaults(catalog_func=cmd_build)

    ls = sub.add_parser("list", help="list plugins of a catalog version")
    ls.add_argument("--kind", choices=["source", "transform", "sink", "catalog"])
    ls.add_argument("--seatunnel-version", help="catalog version (default: newest)")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(catalog_func=cmd_list)

    sh = sub.add_parser("show", help="show a plugin's options and rule")
    sh.add_argument("name")
    sh.add_argument("--kind", choices=["source", "transform", "sink", "env"], help="plugin kind (required if ambiguous)")
    sh.add_argument("--seatunnel-version", help="catalog version (default: newest)")
    sh.set_defaults(catalog_func=cmd_show)
    p.set_defaults(func=lambda args: args.catalog_func(args))
    return p


# ---------------------------------------------------------------------------


def _version_key(v: str) -> tuple:
    nums = tuple(int(x) for x in re.findall(r"\d+", v.split("-")[0]))
    return nums, 0 if "-" in v else 1


def _git_meta(src: str) -> dict[str, str]:
    try:
        out = subprocess.run(["git", "-C", src, "log", "-1", "--format=%H %cs"], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    commit, date = out.split()
    return {"source_commit": commit, "date": date}


def cmd_build(args: argparse.Namespace) -> int:
    from .extract import CatalogBuilder, apply_overlay_fields, materialize, plugin_mapping, read_snapshot_meta
    from .java.interp import SourceIndex
    from .overlay import load_overlay_yaml
    from .schema import validate_catalog

    src = args.seatunnel_src
    meta: dict[str, Any] = {}
    gm = _git_meta(src) if os.path.isdir(src) and os.path.exists(os.path.join(src, "HEAD")) else {}
    if args.source:
        meta["source"] = args.source
    if args.source_commit or gm.get("source_commit"):
        meta["source_commit"] = args.source_commit or gm["source_commit"]
    root, tmp = materialize(src)
    try:
        meta.update(read_snapshot_meta(root))
        index = SourceIndex.from_tree(root)
        docs_root = os.path.join(root, "docs", "en")
        overlay = load_overlay_yaml(Path(args.overlay) if args.overlay else None)
        dev = overlay.get("docs", {}).get("dev_pattern", "https://seatunnel.apache.org/docs/{section}/{page}")
        base = dev.split("{section}")[0]
        builder = CatalogBuilder(index, args.version, docs_root if os.path.isdir(docs_root) else None, base)
        builder.mapping = plugin_mapping(root)
        cat = builder.build(meta)
        apply_overlay_fields(cat, overlay, builder)
    finally:
        if tmp is not None:
            tmp.cleanup()
    validate_catalog(cat)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(cat, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    report_path = Path(args.report) if args.report else out.with_suffix(".report.txt")
    text = builder.report.render()
    header = f"# stlint catalog build report for {args.version}" + (f" (SeaTunnel {meta.get('seatunnel_version')})" if meta.get("seatunnel_version") else "") + "\n"
    report_path.write_text(header + text, encoding="utf-8")
    sys.stdout.write(header + text)
    counts: dict[str, int] = {}
    for p in cat["plugins"]:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    print(f"wrote {out}: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())), file=sys.stderr)
    if not args.no_index:
        _update_index(out, cat, report_path, gm.get("date") or args.date)
    return 0


def _update_index(out: Path, cat: dict[str, Any], report: Path, date: str | None) -> None:
    idx_path = out.parent / "index.json"
    idx: dict[str, Any] = {"default": "", "versions": []}
    if idx_path.exists():
        idx = json.loads(idx_path.read_text(encoding="utf-8"))
    versions = [v for v in idx["versions"] if v["id"] != cat["version"]]
    common = {k: sorted(v) for k, v in cat["common"].items()}
    deprecated = {fk: o["key"] for kd in cat["common"].values() for o in kd.values() for fk in o.get("fallback_keys", [])}
    entry: dict[str, Any] = {"id": cat["version"], "file": out.name}
    for k in ("seatunnel_version", "source_commit"):
        if cat.get(k):
            entry[k] = cat[k]
    if date:
        entry["date"] = date
    entry["report"] = report.name
    entry["common_keys"] = common
    entry["deprecated_keys"] = deprecated
    versions.append(entry)
    versions.sort(key=lambda v: _version_key(v["id"]), reverse=True)
    idx = {"default": versions[0]["id"], "versions": versions}
    idx_path.write_text(json.dumps(idx, indent=1) + "\n", encoding="utf-8")


def cmd_list(args: argparse.Namespace) -> int:
    from . import load_catalog

    cat = load_catalog(args.seatunnel_version)
    kinds = [args.kind] if args.kind else ["source", "transform", "sink"]
    if args.json:
        print(json.dumps({k: cat.names(k) for k in kinds}, indent=1))
        return 0
    print(f"# SeaTunnel catalog {cat.version}")
    for k in kinds:
        names = cat.names(k)
        print(f"{k} ({len(names)}):")
        for n in names:
            spec = cat.find(k, n)
            flag = "" if spec is None or spec.validated else "  [rule not enforced: legacy plugin]"
            print(f"  {n}{flag}")
    return 0


def _fmt_opt(spec: Any) -> str:
    parts = [spec.describe_type()]
    if spec.has_default:
        if spec.default_dynamic:
            parts.append(f"default: <dynamic: {spec.default_text}>")
        else:
            parts.append(f"default: {json.dumps(spec.default, ensure_ascii=False)}")
    vals = spec.choices if spec.choices is not None else spec.enum_values
    if vals:
        parts.append(("one of: " if spec.choices is not None else "values: ") + ", ".join(str(v) for v in vals))
    if spec.fallback_keys:
        parts.append("fallback keys: " + ", ".join(spec.fallback_keys))
    if spec.source == "overlay":
        parts.append(f"(overlay: {spec.reason})")
    return "; ".join(parts)


def cmd_show(args: argparse.Namespace) -> int:
    from . import load_catalog

    cat = load_catalog(args.seatunnel_version)
    if args.kind == "env" or (args.kind is None and args.name.lower() == "env"):
        spec = cat.env
    else:
        kinds = [args.kind] if args.kind else cat.kinds_of(args.name)
        if not kinds:
            sugg = sorted({s for k in ("source", "transform", "sink") for s in cat.suggest(k, args.name)})
            print(f"unknown plugin {args.name!r} in {cat.version}" + (f"; did you mean {', '.join(sugg)}?" if sugg else ""), file=sys.stderr)
            return 1
        if len(kinds) > 1:
            print(f"{args.name!r} exists as {', '.join(kinds)}; pass --kind", file=sys.stderr)
            return 2
        spec = cat.find(kinds[0], args.name)
        if spec is None:
            sugg = cat.suggest(kinds[0], args.name)
            print(f"unknown {kinds[0]} {args.name!r} in {cat.version}" + (f"; did you mean {', '.join(sugg)}?" if sugg else ""), file=sys.stderr)
            return 1
    print(f"{spec.kind} {spec.name}  (SeaTunnel catalog {cat.version})")
    if spec.factory:
        print(f"factory: {spec.factory}")
    if spec.docs_url:
        print(f"docs: {spec.docs_url}")
    if not spec.validated:
        print("note: legacy (fallback) plugin - SeaTunnel does not enforce this rule")
    print("options:")
    for k in sorted(spec.options):
        print(f"  {k}: {_fmt_opt(spec.options[k])}")
    if spec.kind in ("source", "transform", "sink"):
        common = cat.common_keys(spec.kind)
        if common:
            print("common options (every " + spec.kind + "):")
            for k in sorted(common):
                print(f"  {k}: {_fmt_opt(common[k])}")
    r = spec.rule
    print("rule:")
    req = [k for g in r.groups if g.type == "required" and g.source == "rule" for k in g.options]
    if req:
        print("  required: " + ", ".join(req))
    for g in r.groups:
        why = f"   # overlay: {g.reason}" if g.reason else ""
        if g.runtime is not None:  # checked when SeaTunnel builds the plugin, outside optionRule()
            rt = g.runtime
            when = ""
            if rt.present:
                when = f"if {rt.present} is set"
            if g.conditional is not None:
                c = g.conditional
                when += (" and " if when else "if ") + f"{c.option} = " + " | ".join(str(v) for v in c.values)
            what = ("at least one of " if g.type == "one_of" else "requires ") + ", ".join(g.options)
            table = " (each table)" if rt.per_table else ""
            print(f"  at startup: {when + ': ' if when else ''}{what}{table}   # {rt.message!r} at {rt.where}")
        elif g.type == "exclusive":
            print("  exactly one of: " + ", ".join(g.options) + why)
        elif g.type == "bundled":
            print("  all or none of: " + ", ".join(g.options) + why)
        elif g.type == "one_of":
            print("  at least one of: " + ", ".join(g.options) + why)
        elif g.type == "required" and g.source == "overlay":
            print("  required: " + ", ".join(g.options) + why)
        elif g.type == "conditional" and g.conditional is not None:
            c = g.conditional
            vals = " | ".join(json.dumps(v) if not isinstance(v, str) else v for v in c.values)
            never = "  (never triggers: value type differs from the option type)" if c.never_matches else ""
            print(f"  if {c.option} = {vals}: requires {', '.join(c.required)}{never}{why}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stlint")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
