"""`stlint catalog ...` sub-commands: build, rebuild, list, show, diff.

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


ENV_GIT = "STLINT_SEATUNNEL_GIT"


def register(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser("catalog", help="connector catalog: build from SeaTunnel sources, list, show, diff")
    sub = p.add_subparsers(dest="catalog_command", metavar="{build,rebuild,cutpoints,list,show,diff}")
    sub.required = True

    b = sub.add_parser("build", help="extract a catalog from a SeaTunnel source tree (or git dir and commit)")
    b.add_argument("--seatunnel-src", required=True, metavar="DIR", help="extracted SeaTunnel source tree or git dir (bare or work tree)")
    b.add_argument("--commit", help="commit to read from a git dir (default: HEAD)")
    b.add_argument("--version", required=True, help="catalog version id, e.g. 2.3.13")
    b.add_argument("-o", "--output", required=True,
                   help="output file: NAME.json (indented) or NAME.json.gz (compact, gzip; what rules/catalog ships)")
    b.add_argument("--report", help="where to write the unresolved-constructs report (default: NAME.report.txt)")
    b.add_argument("--overlay", help="overlay.yaml whose `fields` entries are resolved (default: the shipped one)")
    b.add_argument("--source", help="label of the source repository (e.g. github:apache/seatunnel)")
    b.add_argument("--source-commit", help="commit of the snapshot (derived automatically from a git dir)")
    b.add_argument("--date", help="date of the snapshot (derived automatically from a git dir)")
    b.add_argument("--no-index", action="store_true", help="do not update index.json next to the output")
    b.set_defaults(catalog_func=cmd_build)

    rb = sub.add_parser("rebuild", help="rebuild every shipped catalog from the commits in rules/catalog/releases.json")
    rb.add_argument("--seatunnel-git", action="append", metavar="GITDIR", default=None,
                    help=f"SeaTunnel git dir (bare or work tree) holding release commits; repeatable "
                         f"(default: ${ENV_GIT}, a {os.pathsep!r}-separated list)")
    rb.add_argument("--only", action="append", metavar="ID", help="rebuild only these release ids (repeatable)")
    rb.add_argument("--releases", metavar="FILE", help="releases data file (default: rules/catalog/releases.json)")
    rb.add_argument("-o", "--output-dir", metavar="DIR", help="where to write catalogs, reports and index.json (default: rules/catalog)")
    rb.add_argument("--overlay", help="overlay.yaml (default: the shipped one)")
    rb.set_defaults(catalog_func=cmd_rebuild)

    cp = sub.add_parser("cutpoints", help="release cut points on the dev chain from the connector changelogs (see rules/catalog/README.md)")
    cp.add_argument("--seatunnel-git", action="append", metavar="GITDIR", default=None,
                    help=f"SeaTunnel git dir holding TIP (default: ${ENV_GIT})")
    cp.add_argument("--tip", required=True, metavar="COMMIT", help="newest commit to read the changelogs and the chain from")
    cp.add_argument("--since", default="2.3.8", metavar="VERSION", help="first release to list (default 2.3.8)")
    cp.set_defaults(catalog_func=cmd_cutpoints)

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

    df = sub.add_parser("diff", help="what changed between two catalog versions (plugins, options, types, enums, requirements, renames)")
    df.add_argument("old", metavar="A", help="older version, e.g. 2.3.11")
    df.add_argument("new", metavar="B", help="newer version, e.g. 2.3.12")
    df.add_argument("--kind", choices=["source", "transform", "sink", "env"], help="only plugins of this kind")
    df.add_argument("--plugin", metavar="NAME", help="only this plugin")
    df.add_argument("--format", choices=["text", "json"], default="text")
    df.set_defaults(catalog_func=cmd_diff)

    def run(args: argparse.Namespace) -> int:
        from . import UnknownVersionError

        if args.catalog_func in (cmd_build, cmd_rebuild):
            missing = _missing_build_deps()
            if missing:
                print(f"stlint: building catalogs needs {', '.join(missing)}: pip install 'stlint[catalog]'", file=sys.stderr)
                return 2
        try:
            return args.catalog_func(args)
        except UnknownVersionError as e:
            print(f"stlint: {e.args[0]}", file=sys.stderr)
            return 2

    p.set_defaults(func=run)
    return p


# ---------------------------------------------------------------------------


def _missing_build_deps() -> list[str]:
    """The `catalog` extra's modules that are not installed (linting never needs them)."""
    import importlib.util

    return [name for name, mod in (("pydantic", "pydantic"), ("pyyaml", "yaml")) if importlib.util.find_spec(mod) is None]


def _version_key(v: str) -> tuple:
    nums = tuple(int(x) for x in re.findall(r"\d+", v.split("-")[0]))
    return nums, 0 if "-" in v else 1


def _git_meta(src: str, commit: str | None = None) -> dict[str, str]:
    try:
        out = subprocess.run(["git", "-C", src, "log", "-1", "--format=%H %cs", commit or "HEAD", "--"], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    commit, date = out.split()
    return {"source_commit": commit, "date": date}


def catalog_stem(path: Path) -> str:
    name = path.name
    for suf in (".json.gz", ".json"):
        if name.endswith(suf):
            return name[: -len(suf)]
    return path.stem


def intern_declared_in(cat: dict[str, Any]) -> dict[str, Any]:
    """A copy whose options name their declaring class by index into `declared_in_table` (each
    class once): a quarter of the JSON, and of its parse time, went to repeating them.
    `stlint.catalog.model.Catalog` resolves the indexes back to names."""
    out = json.loads(json.dumps(cat))
    table: dict[str, int] = {}

    def walk(o: Any) -> None:
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "declared_in" and isinstance(v, str):
                    o[k] = table.setdefault(v, len(table))
                else:
                    walk(v)
        elif isinstance(o, list):
            for x in o:
                walk(x)

    walk(out)
    out["declared_in_table"] = list(table)
    return out


def descriptions_path(out: Path) -> Path:
    """`2.3.13.json.gz` -> `2.3.13.descriptions.json.gz` (beside the catalog)."""
    return out.with_name(catalog_stem(out) + ".descriptions.json.gz")


def split_descriptions(cat: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(catalog without descriptions, descriptions file). Texts only hover, completion and docs show
    go to a file of their own that the check path never reads (a quarter of the catalog's JSON
    was description text): plugin descriptions by kind and name, option descriptions by declaring
    class and key (each declaration once; `stlint.catalog.model.Catalog.option_description`).
    An option without a declaring class, or whose class and key carry two different texts,
    keeps its description inline."""
    out = json.loads(json.dumps(cat))
    seen: dict[tuple[str, str], set[str]] = {}

    def entries(o: Any):
        if isinstance(o, dict):
            if isinstance(o.get("key"), str) and isinstance(o.get("description"), str) and isinstance(o.get("declared_in"), str):
                yield o
            for v in o.values():
                yield from entries(v)
        elif isinstance(o, list):
            for x in o:
                yield from entries(x)

    for o in entries(out):
        seen.setdefault((o["declared_in"], o["key"]), set()).add(o["description"])
    options: dict[str, dict[str, str]] = {}
    for o in entries(out):
        k = (o["declared_in"], o["key"])
        if len(seen[k]) == 1:
            options.setdefault(k[0], {})[k[1]] = o.pop("description")
    plugins: dict[str, dict[str, str]] = {}
    for p in out.get("plugins", []):
        d = p.pop("description", None)
        if d:
            plugins.setdefault(p["kind"], {})[p["name"]] = d
    desc = {"format": 1, "version": cat.get("version"), "plugins": plugins, "options": options}
    return out, desc


def _gz_json(data: Any, out: Path) -> None:
    import gzip

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def dump_catalog(cat: dict[str, Any], out: Path) -> None:
    """`.json.gz`: compact JSON, gzip with a fixed header (mtime 0) so rebuilds are byte-identical;
    the descriptions go to `<stem>.descriptions.json.gz` beside it (`split_descriptions`)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.name.endswith(".gz"):
        main, desc = split_descriptions(cat)
        _gz_json(intern_declared_in(main), out)
        _gz_json(json.loads(json.dumps(desc, sort_keys=True)), descriptions_path(out))
    else:
        out.write_text(json.dumps(cat, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def build_one(src: str, version: str, out: Path, *, commit: str | None = None, source: str | None = None,
              source_commit: str | None = None, date: str | None = None, overlay_path: str | None = None,
              report: Path | None = None, update_index: bool = True, quiet: bool = False) -> dict[str, Any]:
    from .extract import CatalogBuilder, apply_overlay_fields, is_bare_git_dir, is_git_dir, materialize, plugin_mapping, read_snapshot_meta
    from .java.interp import SourceIndex
    from .overlay import load_overlay_yaml
    from .schema import validate_catalog

    meta: dict[str, Any] = {}
    gm = _git_meta(src, commit) if is_bare_git_dir(src) or (commit and is_git_dir(src)) else {}
    if commit and not is_git_dir(src):
        raise RuntimeError(f"{src} is not a git dir, cannot read commit {commit}")
    if commit and not gm:
        raise RuntimeError(f"commit {commit} not found in {src}")
    if source:
        meta["source"] = source
    if source_commit or gm.get("source_commit"):
        meta["source_commit"] = source_commit or gm["source_commit"]
    root, tmp = materialize(src, commit)
    try:
        meta.update(read_snapshot_meta(root))
        index = SourceIndex.from_tree(root)
        docs_root = os.path.join(root, "docs", "en")
        overlay = load_overlay_yaml(Path(overlay_path) if overlay_path else None)
        dev = overlay.get("docs", {}).get("dev_pattern", "https://seatunnel.apache.org/docs/{section}/{page}")
        base = dev.split("{section}")[0]
        builder = CatalogBuilder(index, version, docs_root if os.path.isdir(docs_root) else None, base)
        builder.mapping = plugin_mapping(root)
        cat = builder.build(meta)
        apply_overlay_fields(cat, overlay, builder)
    finally:
        if tmp is not None:
            tmp.cleanup()
    validate_catalog(cat)
    dump_catalog(cat, out)
    report_path = report or out.with_name(catalog_stem(out) + ".report.txt")
    text = builder.report.render()
    header = f"# stlint catalog build report for {version}" + (f" (SeaTunnel {meta.get('seatunnel_version')})" if meta.get("seatunnel_version") else "") + "\n"
    if meta.get("source_commit"):
        header += f"# source: {meta.get('source') or '?'} {meta['source_commit']}\n"
    report_path.write_text(header + text, encoding="utf-8")
    if not quiet:
        sys.stdout.write(header + text)
    counts: dict[str, int] = {}
    for p in cat["plugins"]:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    n_opts = sum(len(p["options"]) for p in cat["plugins"])
    print(f"wrote {out}: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) + f", {n_opts} plugin options, "
          f"{len(builder.report.unresolved)} unresolved", file=sys.stderr)
    if update_index:
        _update_index(out, cat, report_path, gm.get("date") or date)
    return cat


def cmd_build(args: argparse.Namespace) -> int:
    try:
        build_one(args.seatunnel_src, args.version, Path(args.output), commit=args.commit, source=args.source,
                  source_commit=args.source_commit, date=args.date, overlay_path=args.overlay,
                  report=Path(args.report) if args.report else None, update_index=not args.no_index)
    except RuntimeError as e:
        print(f"stlint: {e}", file=sys.stderr)
        return 2
    return 0


def releases_file() -> Path:
    from .resources import catalog_dir

    return catalog_dir() / "releases.json"


def load_releases(path: Path | None = None) -> list[dict[str, Any]]:
    with open(path or releases_file(), encoding="utf-8") as fh:
        return list(json.load(fh)["releases"])


def git_dirs_from(values: Sequence[str] | None) -> list[str]:
    """Git dirs from --seatunnel-git (repeatable, each may itself be a list) or $STLINT_SEATUNNEL_GIT."""
    raw = list(values or [])
    if not raw and os.environ.get(ENV_GIT):
        raw = [os.environ[ENV_GIT]]
    out: list[str] = []
    for r in raw:
        out += [p for p in r.split(os.pathsep) if p]
    return out


def find_commit(git_dirs: Sequence[str], commit: str) -> str | None:
    """The first git dir that holds `commit`."""
    for d in git_dirs:
        try:
            r = subprocess.run(["git", "-C", d, "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True)
        except OSError:
            continue
        if r.returncode == 0:
            return d
    return None


def cmd_rebuild(args: argparse.Namespace) -> int:
    import time

    from .resources import catalog_dir

    dirs = git_dirs_from(args.seatunnel_git)
    if not dirs:
        print(f"stlint: no SeaTunnel git dir: pass --seatunnel-git DIR (repeatable) or set {ENV_GIT}="
              f"DIR1{os.pathsep}DIR2 (bare mirrors of github.com/apache/seatunnel or forks that hold the release commits)",
              file=sys.stderr)
        return 2
    rel_path = Path(args.releases) if args.releases else releases_file()
    releases = load_releases(rel_path)
    if args.only:
        unknown = set(args.only) - {r["id"] for r in releases}
        if unknown:
            print(f"stlint: not in {rel_path}: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        releases = [r for r in releases if r["id"] in args.only]
    out_dir = Path(args.output_dir) if args.output_dir else catalog_dir()
    missing = [(r["id"], r["commit"]) for r in releases if find_commit(dirs, r["commit"]) is None]
    if missing:
        print("stlint: commits not found in " + ", ".join(dirs) + ": " + ", ".join(f"{i} {c}" for i, c in missing), file=sys.stderr)
        return 2
    for r in releases:
        src = find_commit(dirs, r["commit"])
        assert src is not None
        t = time.perf_counter()
        build_one(src, r["id"], out_dir / f"{r['id']}.json.gz", commit=r["commit"], source=r.get("source"),
                  overlay_path=args.overlay, quiet=True)
        print(f"built {r['id']} from {r['commit'][:10]} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


def cmd_cutpoints(args: argparse.Namespace) -> int:
    from .cutpoints import cut_points, render

    dirs = git_dirs_from(args.seatunnel_git)
    src = find_commit(dirs, args.tip) if dirs else None
    if src is None:
        print(f"stlint: commit {args.tip} not found: pass --seatunnel-git DIR or set {ENV_GIT}", file=sys.stderr)
        return 2
    sys.stdout.write(render(cut_points(src, args.tip, args.since)))
    return 0


def _update_index(out: Path, cat: dict[str, Any], report: Path, date: str | None) -> None:
    idx_path = out.parent / "index.json"
    idx: dict[str, Any] = {"default": "", "versions": []}
    if idx_path.exists():
        idx = json.loads(idx_path.read_text(encoding="utf-8"))
    versions = [v for v in idx["versions"] if v["id"] != cat["version"] and (out.parent / v["file"]).exists()]
    common = {k: sorted(v) for k, v in cat["common"].items()}
    deprecated = {fk: o["key"] for kd in cat["common"].values() for o in kd.values() for fk in o.get("fallback_keys", [])}
    entry: dict[str, Any] = {"id": cat["version"], "file": out.name}
    for k in ("seatunnel_version", "source", "source_commit"):
        if cat.get(k):
            entry[k] = cat[k]
    if date:
        entry["date"] = date
    entry["report"] = report.name
    if out.name.endswith(".gz") and descriptions_path(out).exists():
        entry["descriptions"] = descriptions_path(out).name
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
    if spec.source == "read":
        parts.append(f"(read outside optionRule(): {spec.declared_in})")
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
    what = cat.plugin_description(spec.kind, spec.name) if spec.kind != "env" else None
    if what:  # its docs page's Description (the release's descriptions file)
        print(what)
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


def cmd_diff(args: argparse.Namespace) -> int:
    from . import load_catalog
    from .diff import diff_catalogs, render_text

    a, b = load_catalog(args.old), load_catalog(args.new)
    d = diff_catalogs(a, b, kind=args.kind, plugin=args.plugin)
    if args.format == "json":
        print(json.dumps(d, indent=1, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(d))
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
