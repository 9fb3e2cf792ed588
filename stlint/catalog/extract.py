"""Build a connector catalog from a SeaTunnel source tree.

Reads Java files only (with the small parser in `stlint.catalog.java`), never
compiles or runs anything.  Only facts are emitted: plugin names, option keys,
types, defaults, enum values, rule structure and `withDescription` texts; plus
the options each plugin reads outside its rule (`reads.py`).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from typing import Any

from .java.interp import (
    ClassRef, Duration, EnumValue, EXTERNAL_ENUMS, ExternalClass, ExternalEnumValue, Interpreter, JList, JMap, OptionVal, Rule, RuleGroup,
    SourceIndex, TypeInfo, Unknown,
)
from .java.parser import MethodDecl, TypeDecl
from .reads import apply_reads
from .runtime_scan import scan_runtime_requirements
from .schema_scan import scan_schema_keys
from .types_scan import scan_types

FORMAT_VERSION = 1
KIND_INTERFACES = {
    "TableSourceFactory": "source",
    "TableSinkFactory": "sink",
    "TableTransformFactory": "transform",
    "CatalogFactory": "catalog",
}
CREATE_METHOD = {"source": "createSource", "sink": "createSink", "transform": "createTransform", "catalog": "createCatalog"}
SPI_INTERFACES = set(KIND_INTERFACES) | {"Factory", "ChangeStreamTableSourceFactory"}

# candidate holders of the engine-level option declarations, newest first
COMMON_HOLDERS = [
    "org.apache.seatunnel.api.options.ConnectorCommonOptions",
    "org.apache.seatunnel.api.common.CommonOptions",
]
SOURCE_COMMON_HOLDERS = [
    "org.apache.seatunnel.api.options.SourceConnectorCommonOptions",
    "org.apache.seatunnel.api.source.SourceOptions",
]
SINK_COMMON_HOLDERS = [
    "org.apache.seatunnel.api.options.SinkConnectorCommonOptions",
    "org.apache.seatunnel.api.sink.SinkCommonOptions",
]
ENV_HOLDERS = [
    "org.apache.seatunnel.api.options.EnvCommonOptions",
    "org.apache.seatunnel.api.env.EnvCommonOptions",
]
# which common keys each kind accepts (by key); the holders decide which exist in a version
COMMON_KEYS_BY_KIND = {
    "source": ["plugin_name", "plugin_output", "result_table_name", "parallelism", "dag-parsing.mode"],
    "transform": ["plugin_name", "plugin_input", "source_table_name", "plugin_output", "result_table_name", "parallelism"],
    "sink": ["plugin_name", "plugin_input", "source_table_name", "parallelism", "multi_table_sink_replica"],
}


@dataclass
class Report:
    unresolved: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.unresolved.append(f"{where}: {what}")

    def note(self, where: str, what: str) -> None:
        self.notes.append(f"{where}: {what}")

    def render(self) -> str:
        lines = [f"# unresolved constructs: {len(self.unresolved)}"]
        lines += sorted(set(self.unresolved))
        lines.append(f"# notes (resolved with caveats): {len(set(self.notes))}")
        lines += sorted(set(self.notes))
        return "\n".join(lines) + "\n"


class CatalogBuilder:
    def __init__(self, index: SourceIndex, version: str, docs_root: str | None = None, docs_base: str | None = None):
        self.index = index
        self.interp = Interpreter(index)
        self.version = version
        self.report = Report()
        self.docs = _scan_docs(docs_root) if docs_root else {}
        self.docs_root = docs_root
        self.docs_base = docs_base
        self.mapping: dict[str, list[str]] = {}

    # ------------------------------------------------------------- values
    def to_json_value(self, v: Any, where: str) -> tuple[Any, bool]:
        """Returns (json value, resolved)."""
        if isinstance(v, Unknown):
            return None, False
        if isinstance(v, bool) or v is None or isinstance(v, (int, float, str)):
            return v, True
        if isinstance(v, EnumValue):
            s = self.interp.enum_to_string(v)
            if isinstance(s, Unknown):
                return None, False
            return s, True
        if isinstance(v, ExternalEnumValue):
            return v.name, True
        if isinstance(v, JList):
            out = []
            for i in v.items:
                j, ok = self.to_json_value(i, where)
                if not ok:
                    return None, False
                out.append(j)
            return out, True
        if isinstance(v, JMap):
            return {}, True
        if isinstance(v, Duration):
            return v.iso, True
        return None, False

    def type_json(self, ti: TypeInfo, where: str) -> dict[str, Any]:
        out: dict[str, Any] = {"type": ti.type}
        if ti.java:
            out["java_type"] = ti.java
        if ti.type == "enum":
            ext = ti.java.rsplit(".", 1)[-1]
            if ti.enum is None and ext in EXTERNAL_ENUMS:
                out["enum_values"] = list(EXTERNAL_ENUMS[ext])
                self.report.note(where, f"enum {ti.java} is outside the SeaTunnel tree; constant names from the built-in table")
            elif ti.enum is None:
                self.report.add(where, f"enum class {ti.java!r} not found in the source tree (values unknown)")
            else:
                vals = self.interp.enum_values(ti.enum)
                good = [v for v in vals if isinstance(v, str)]
                for v in vals:
                    if isinstance(v, Unknown):
                        self.report.add(where, f"enum value unresolved: {v.reason}")
                out["enum_values"] = good
                out["enum_class"] = ti.enum.fqn
        if ti.type == "list" and ti.element is not None:
            out["element_type"] = ti.element.type
            if ti.element.type == "object" and ti.element.decl is not None:
                keys = jackson_keys(ti.element.decl)
                if keys is not None:  # entries are mapped by Jackson onto this class of the tree
                    out["element_class"] = ti.element.decl.name
                    out["element_keys"] = keys
                    out["element_key_types"] = jackson_key_types(ti.element.decl)
                    out["element_unknown"] = "ignored" if jackson_ignores_unknown(ti.element.decl) else "fails"
            if ti.element.type == "enum" and ti.element.enum is not None:
                out["enum_values"] = [v for v in self.interp.enum_values(ti.element.enum) if isinstance(v, str)]
                out["enum_class"] = ti.element.enum.fqn
        return out

    def option_json(self, o: OptionVal, where: str) -> dict[str, Any]:
        d: dict[str, Any] = {"key": o.key}
        d.update(self.type_json(o.type, f"{where} option {o.key!r}"))
        d["has_default"] = bool(o.has_default)
        if o.has_default:
            val, ok = self.to_json_value(o.default, where)
            if ok:
                d["default"] = val
            else:
                d["default_dynamic"] = True
                d["default_text"] = o.default_text
                reason = o.default.reason if isinstance(o.default, Unknown) else type(o.default).__name__
                self.report.note(where, f"option {o.key!r}: non-literal default `{o.default_text}` recorded as dynamic ({reason})")
        if o.fallback_keys:
            d["fallback_keys"] = list(o.fallback_keys)
        if o.choices is not None:
            ch = []
            for c in o.choices:
                j, ok = self.to_json_value(c, where)
                if ok:
                    ch.append(j)
                else:
                    self.report.add(where, f"option {o.key!r}: single-choice value unresolved ({getattr(c, 'reason', c)})")
            d["choices"] = ch
        if o.origin:
            d["declared_in"] = o.origin
        if o.key.endswith("."):
            d["kind"] = "prefix"  # Options.key("scan.params."): every key starting with it is read
        if o.description:
            d["description"] = _clean_description(o.description)
        return d

    # ------------------------------------------------------------- factories
    def factory_files(self) -> list[str]:
        out = []
        for p in self.index.all_paths():
            norm = p.replace(os.sep, "/")
            if "/src/test/" in norm:
                continue
            txt = self.index.read(p)
            if "@AutoService(Factory.class)" in txt:
                out.append(p)
        return out

    def kinds(self, decl: TypeDecl) -> list[str]:
        found: list[str] = []
        seen: set[int] = set()

        def walk(d: TypeDecl) -> None:
            if id(d) in seen:
                return
            seen.add(id(d))
            for s in d.supertypes:
                k = KIND_INTERFACES.get(s.rsplit(".", 1)[-1])
                if k and k not in found:
                    found.append(k)
            for sup in self.interp.supertypes(d):
                walk(sup)

        walk(decl)
        return found

    def implements_method(self, decl: TypeDecl, name: str) -> bool:
        seen: set[int] = set()

        def walk(d: TypeDecl) -> bool:
            if id(d) in seen or d.name in SPI_INTERFACES:
                return False
            seen.add(id(d))
            if any(m.body is not None for m in d.methods.get(name, [])):
                return True
            return any(walk(s) for s in self.interp.supertypes(d))

        return walk(decl)

    def plugin_entries(self, path: str) -> list[dict[str, Any]]:
        unit = self.index.unit(path)
        if unit is None:
            self.report.add(path, "cannot parse file")
            return []
        decls = [t for t in unit.types if any(a[0].rsplit(".", 1)[-1] == "AutoService" for a in t.annotations)]
        out = []
        for decl in decls:
            ann = next(a for a in decl.annotations if a[0].rsplit(".", 1)[-1] == "AutoService")
            if not any(t.text == "Factory" for t in ann[1]):
                continue
            where = decl.fqn
            kinds = self.kinds(decl)
            m = self.interp.find_method(decl, "factoryIdentifier", 0)
            ident: Any = Unknown("no factoryIdentifier()") if m is None else self.interp.invoke(m, [], ctx=None)
            if not isinstance(ident, str):
                self.report.add(where, f"identifier unresolved: {getattr(ident, 'reason', ident)!r}")
                continue
            if not kinds:
                if ident != "EnvOptionRule":
                    self.report.note(where, f"factory {ident!r} implements no source/sink/transform/catalog SPI; skipped")
                kinds = ["other"]
            rm = self.interp.find_method(decl, "optionRule", 0)
            rule: Any = Unknown("no optionRule()") if rm is None else self.interp.invoke(rm, [])
            for kind in kinds:
                w = f"{kind} {ident} ({decl.fqn})"
                entry: dict[str, Any] = {
                    "kind": kind,
                    "name": ident,
                    "factory": decl.fqn,
                    "validated": kind == "other" or self.implements_method(decl, CREATE_METHOD[kind]),
                }
                entry.update(self.rule_json(rule, w))
                out.append(entry)
        return out

    def rule_json(self, rule: Any, where: str) -> dict[str, Any]:
        options: dict[str, dict[str, Any]] = {}
        groups: list[dict[str, Any]] = []
        if not isinstance(rule, Rule):
            self.report.add(where, f"option rule unresolved: {getattr(rule, 'reason', rule)!r}")
            return {"options": options, "rule": groups, "rule_resolved": False}

        def add_opt(o: Any, gwhere: str) -> tuple[str | None, dict[str, Any] | None]:
            if not isinstance(o, OptionVal):
                self.report.add(where, f"{gwhere}: option unresolved: {getattr(o, 'reason', type(o).__name__)}")
                return None, None
            d = self.option_json(o, where)
            if o.key not in options:
                options[o.key] = d
                return o.key, None
            if _defn(options[o.key]) != _defn(d):
                return o.key, d
            return o.key, None

        for gi, g in enumerate(rule.groups):
            assert isinstance(g, RuleGroup)
            keys: list[str] = []
            overrides: dict[str, dict[str, Any]] = {}
            for o in g.options:
                k, ov = add_opt(o, f"{g.kind}#{gi}")
                if k is None:
                    continue
                keys.append(k)
                if ov is not None:
                    overrides[k] = ov
            gj: dict[str, Any] = {"type": g.kind, "options": keys}
            if overrides:
                gj["overrides"] = overrides
            if g.kind == "conditional":
                tk, tov = add_opt(g.trigger, f"conditional#{gi} trigger")
                if tk is None:
                    continue
                gj["option"] = tk
                if tov is not None:
                    gj["trigger_override"] = tov
                trig: OptionVal = g.trigger  # type: ignore[assignment]
                vals = []
                for v in g.values:
                    j, ok = self.to_json_value(v, where)
                    if not ok:
                        self.report.add(where, f"conditional#{gi} on {tk!r}: value unresolved ({getattr(v, 'reason', v)})")
                        continue
                    vals.append(j)
                    if not _value_matches_type(v, trig.type):
                        self.report.note(
                            where,
                            f"conditional#{gi} on {tk!r}: value {j!r} ({type(v).__name__}) can never equal an option of type "
                            f"{trig.type.type}; SeaTunnel never triggers it (recorded with never_matches)",
                        )
                        gj["never_matches"] = True
                gj["values"] = vals
            groups.append(gj)
        return {"options": options, "rule": groups}

    # ------------------------------------------------------------- common
    def _holder_options(self, holders: list[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for fqn in holders:
            decl = self.index.get(fqn)
            if decl is None:
                continue
            seen: set[int] = set()

            def walk(d: TypeDecl) -> None:
                if id(d) in seen:
                    return
                seen.add(id(d))
                for f in d.fields.values():
                    v = self.interp.field_value(f)
                    if isinstance(v, OptionVal) and v.key not in out:
                        out[v.key] = self.option_json(v, fqn)

            walk(decl)
        return out

    def common_json(self) -> dict[str, Any]:
        base = self._holder_options(COMMON_HOLDERS)
        src = self._holder_options(SOURCE_COMMON_HOLDERS)
        snk = self._holder_options(SINK_COMMON_HOLDERS)
        env = self._holder_options(ENV_HOLDERS)
        pool: dict[str, dict[str, Any]] = {}
        for d in (env, base, src, snk):
            for k, v in d.items():
                pool.setdefault(k, v)
        # keys that are only fallback keys in this version
        fallback_of = {fk: k for k, v in pool.items() for fk in v.get("fallback_keys", [])}
        out: dict[str, Any] = {}
        for kind, keys in COMMON_KEYS_BY_KIND.items():
            kd: dict[str, Any] = {}
            for k in keys:
                if k in pool and k not in fallback_of:
                    kd[k] = pool[k]
            out[kind] = kd
        if not out["source"].get("plugin_name"):
            self.report.add("common", "plugin_name option not found in the API holders")
        return out

    def env_json(self, env_entry: dict[str, Any] | None) -> dict[str, Any]:
        opts = self._holder_options(ENV_HOLDERS)
        if env_entry is not None:
            merged = dict(env_entry["options"])
            for k, v in opts.items():
                merged.setdefault(k, v)
            return {"kind": "env", "name": "env", "validated": True, "options": merged, "rule": env_entry["rule"],
                    "factory": env_entry.get("factory")}
        self.report.note("env", "no EnvOptionRule factory; env options from EnvCommonOptions, no rule")
        return {"kind": "env", "name": "env", "validated": True, "options": opts, "rule": []}

    # ------------------------------------------------------------- all
    def build(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        plugins: list[dict[str, Any]] = []
        env_entry = None
        for path in self.factory_files():
            for entry in self.plugin_entries(path):
                if entry["kind"] == "other":
                    if entry["name"] == "EnvOptionRule":
                        env_entry = entry
                    continue
                plugins.append(entry)
        # identical identifiers of the same kind (e.g. two factories) -> keep the first, report
        seen: dict[tuple[str, str], str] = {}
        uniq = []
        for p in sorted(plugins, key=lambda p: (p["kind"], p["name"].lower(), p["factory"])):
            key = (p["kind"], p["name"].lower())
            if key in seen:
                self.report.note(p["factory"], f"duplicate {p['kind']} identifier {p['name']!r} (also {seen[key]}); kept the first")
                continue
            seen[key] = p["factory"]
            self._docs(p)
            uniq.append(p)
        # plugins listed in plugin-mapping.properties without a factory (legacy, loaded without a rule)
        if self.mapping:
            have = {(p["kind"], p["name"].lower()) for p in uniq}
            for kind, names in self.mapping.items():
                for n in names:
                    if (kind, n.lower()) not in have:
                        uniq.append({"kind": kind, "name": n, "factory": None, "validated": False, "mapping_only": True,
                                     "options": {}, "rule": []})
                        self._docs(uniq[-1])
                        self.report.note(f"{kind} {n}", "in plugin-mapping.properties but no factory: legacy plugin, options unknown")
            mapped = {(k, n.lower()) for k, ns in self.mapping.items() for n in ns}
            for p in uniq:
                if p["kind"] in self.mapping and (p["kind"], p["name"].lower()) not in mapped:
                    self.report.note(f"{p['kind']} {p['name']}", "factory without a plugin-mapping.properties entry")
            uniq.sort(key=lambda p: (p["kind"], p["name"].lower()))
        scan_runtime_requirements(self, uniq)  # startup checks outside optionRule(): runtime_scan.py
        for err in self.index.parse_errors:
            if not err.startswith("duplicate type"):
                self.report.add("parse", err)
        common = self.common_json()
        apply_reads(self, uniq, common, set(ENV_HOLDERS))
        out = {
            "format": FORMAT_VERSION,
            "version": self.version,
            **(meta or {}),
            "common": common,
            "env": self.env_json(env_entry),
            "plugins": uniq,
            "option_keys": self.tree_option_keys(),
        }
        out["types"] = scan_types(self.index)  # schema type names the release accepts: types_scan.py
        sk = scan_schema_keys(self)  # the keys read inside `schema { }`: schema_scan.py
        if sk is not None:
            out["schema_keys"] = sk
        return out

    def tree_option_keys(self) -> list[str]:
        """Every literal `Options.key("...")` and fallback key declared anywhere in the tree's main
        sources: a key in this set may be read by a plugin whose rule does not declare it, so rules must
        not claim that this version ignores it."""
        keys: set[str] = set()
        for p in self.index.all_paths():
            if "/src/test/" in p.replace(os.sep, "/"):
                continue
            txt = self.index.read(p)
            if "Options" not in txt:
                continue
            keys.update(m.group(1) for m in _OPTION_KEY_RE.finditer(txt))
            for m in _FALLBACK_RE.finditer(txt):
                keys.update(_STRING_RE.findall(m.group(1)))
        return sorted(keys)

    def _docs(self, p: dict[str, Any]) -> None:
        if not self.docs or not self.docs_base:
            return
        if p["kind"] not in self.docs:
            return
        section, stems = self.docs[p["kind"]]
        norm = _norm_doc(p["name"])
        stem = stems.get(norm)
        if stem is None and p["kind"] == "transform":
            stem = stems.get(_norm_doc(p["name"].replace("Transform", "")))
        if stem is None:
            self.report.note(f"{p['kind']} {p['name']}", "no docs page found under docs/en/" + section)
            return
        p["docs_url"] = f"{self.docs_base.rstrip('/')}/{section}/{stem}"
        if self.docs_root:
            try:
                with open(os.path.join(self.docs_root, section, stem + ".md"), encoding="utf-8") as fh:
                    desc = docs_description(fh.read())
            except OSError:
                desc = None
            if desc:
                p["description"] = desc
            else:
                self.report.note(f"{p['kind']} {p['name']}", f"docs page {section}/{stem}.md has no description paragraph")


_OPTION_KEY_RE = re.compile(r'\bOptions\s*\.\s*key\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)')
_FALLBACK_RE = re.compile(r'\.\s*withFallbackKeys\s*\(([^)]*)\)')
_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _defn(d: dict[str, Any]) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in d.items() if k not in ("declared_in", "description")))


def _clean_description(text: str) -> str:
    """withDescription text as shown to users: Java source line breaks and indentation folded."""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    return "\n".join(ln for ln in lines if ln) if len(lines) > 1 else text.strip()


def _value_matches_type(v: Any, ti: TypeInfo) -> bool:
    if isinstance(v, EnumValue):
        return ti.type == "enum" and (ti.enum is None or ti.enum is v.decl)
    if isinstance(v, ExternalEnumValue):
        return ti.type == "enum" and ti.java.rsplit(".", 1)[-1] == v.cls
    if isinstance(v, bool):
        return ti.type == "boolean"
    if isinstance(v, str):
        return ti.type == "string"
    if isinstance(v, int):
        return ti.type in ("int", "long") if ti.type != "int" or -(2**31) <= v < 2**31 else False
    if isinstance(v, float):
        return ti.type in ("double", "float")
    return True


def _norm_doc(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


# docs folders per kind: the 2.3.13 docs moved connector-v2/{source,sink} -> connectors/{source,sink}
# and transform-v2 -> transforms; docusaurus ids (hence URLs) follow the folders
DOCS_SECTIONS = {
    "source": ("connector-v2/source", "connectors/source"),
    "sink": ("connector-v2/sink", "connectors/sink"),
    "transform": ("transform-v2", "transforms"),
}


DESCRIPTION_MAX = 400  # characters of a plugin description (hover, completion)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HTML = re.compile(r"<[^>]+>")


def docs_description(md: str) -> str | None:
    """What a plugin does, from its docs page: the first paragraph of the `## Description` section
    (else the `> ...` line under the page title), as plain text (links, HTML tags and emphasis
    removed, lines joined), at most DESCRIPTION_MAX characters (cut at a word, `...` added)."""
    lines = md.splitlines()
    para: list[str] = []
    start = next((i for i, ln in enumerate(lines) if re.match(r"#{2,3}\s+description\s*$", ln.strip(), re.I)), None)
    if start is not None:
        fence = False
        for ln in lines[start + 1:]:
            t = ln.strip()
            if t.startswith("```"):
                fence = not fence
                if para:
                    break
                continue
            if fence:
                continue
            if t.startswith("#"):
                break
            if not t:
                if para:
                    break
                continue
            if t.startswith((":::", "|", "import ", "<!--")) or re.fullmatch(r"<[^>]*>", t):
                if para:
                    break
                continue
            para.append(t.lstrip("> ").strip())
    if not para:
        title = next((i for i, ln in enumerate(lines) if ln.startswith("# ")), None)
        if title is not None:
            for ln in lines[title + 1:]:
                t = ln.strip()
                if not t:
                    continue
                if t.startswith(">") and "<br" not in t:
                    para.append(t.lstrip("> ").strip())
                break
    text = " ".join(p for p in para if p)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HTML.sub("", text)
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return None
    if len(text) > DESCRIPTION_MAX:
        cut = text.rfind(" ", 0, DESCRIPTION_MAX - 3)
        text = text[: cut if cut > 0 else DESCRIPTION_MAX - 3].rstrip(" ,;:") + "..."
    return text


def _scan_docs(docs_root: str) -> dict[str, tuple[str, dict[str, str]]]:
    """kind -> (docs section folder, normalized page name -> page stem)."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for kind, sections in DOCS_SECTIONS.items():
        for section in sections:
            d = os.path.join(docs_root, section)
            if not os.path.isdir(d):
                continue
            m: dict[str, str] = {}
            for f in sorted(os.listdir(d)):
                if f.endswith(".md"):
                    stem = f[:-3]
                    m.setdefault(_norm_doc(stem), stem)
            out[kind] = (section, m)
            break
    return out


def read_snapshot_meta(root: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    pom = os.path.join(root, "pom.xml")
    if os.path.exists(pom):
        txt = open(pom, encoding="utf-8", errors="replace").read()
        m = re.search(r"<revision>([^<]+)</revision>", txt)
        if m:
            meta["seatunnel_version"] = m.group(1).strip()
    return meta


def plugin_mapping(root: str) -> dict[str, list[str]]:
    """Names from plugin-mapping.properties, per kind."""
    out: dict[str, list[str]] = {"source": [], "sink": [], "transform": []}
    p = os.path.join(root, "plugin-mapping.properties")
    if not os.path.exists(p):
        return out
    for line in open(p, encoding="utf-8"):
        m = re.match(r"\s*seatunnel\.(source|sink|transform)\.([^=\s]+)\s*=", line)
        if m:
            out[m.group(1)].append(m.group(2))
    return out


def is_bare_git_dir(src: str) -> bool:
    return os.path.isdir(os.path.join(src, "objects")) and os.path.exists(os.path.join(src, "HEAD"))


def is_git_dir(src: str) -> bool:
    """A bare git dir (objects/ + HEAD) or a work tree whose `.git` is a dir or a gitfile."""
    return is_bare_git_dir(src) or os.path.exists(os.path.join(src, ".git"))


def materialize(src: str, commit: str | None = None) -> tuple[str, tempfile.TemporaryDirectory | None]:
    """Accept an extracted tree or a git dir (bare or work tree; read via `git archive COMMIT`).

    `commit` selects the snapshot in a git dir (a bare dir defaults to HEAD; a work tree without
    `commit` is read as it is on disk); a plain tree has no commits, so asking for one there is an
    error rather than a silent build of whatever the tree holds.
    """
    if is_bare_git_dir(src) or (commit is not None and is_git_dir(src)):
        rev = commit or "HEAD"
        # only what the extractor reads: Java sources, English docs, the plugin mapping, the root pom
        # (optional paths only when the commit has them: `git archive` fails on a pathspec without match)
        # (module pom files: which in-tree modules a connector depends on, for the reads analysis)
        paths = [":(glob)**/src/main/java/**", ":(glob)**/pom.xml"]
        for opt, spec in (("docs/en", ":(glob)docs/en/**"), ("plugin-mapping.properties", None)):
            if subprocess.run(["git", "-C", src, "cat-file", "-e", f"{rev}:{opt}"], capture_output=True).returncode == 0:
                paths.append(spec or opt)
        tmp = tempfile.TemporaryDirectory(prefix="stlint-st-")
        git = subprocess.Popen(["git", "-C", src, "archive", rev, "--", *paths], stdout=subprocess.PIPE)
        tar = subprocess.run(["tar", "-x", "-C", tmp.name], stdin=git.stdout, capture_output=True)
        git.stdout.close()  # type: ignore[union-attr]
        if git.wait() != 0 or tar.returncode != 0:
            tmp.cleanup()
            raise RuntimeError(f"git archive {rev} failed for {src}")
        return tmp.name, tmp
    if commit is not None:
        raise RuntimeError(f"{src} is not a git dir, cannot read commit {commit}")
    return src, None


def build_catalog(src_root: str, version: str, docs_base: str | None = None) -> tuple[dict[str, Any], Report]:
    root, tmp = materialize(src_root)
    try:
        index = SourceIndex.from_tree(root)
        docs_root = os.path.join(root, "docs", "en")
        b = CatalogBuilder(index, version, docs_root if os.path.isdir(docs_root) else None, docs_base)
        meta = read_snapshot_meta(root)
        b.mapping = plugin_mapping(root)
        cat = b.build(meta)
        return cat, b.report
    finally:
        if tmp is not None:
            tmp.cleanup()


def apply_overlay_fields(cat: dict[str, Any], overlay: dict[str, Any], builder: CatalogBuilder) -> None:
    """Resolve overlay `fields: [Class.FIELD]` entries against the source tree (per version)."""
    interp = builder.interp
    index = builder.index
    by_key = {(p["kind"], p["name"].lower()): p for p in cat["plugins"]}
    for entry in overlay.get("plugins", []):
        fields = entry.get("fields") or []
        if not fields:
            continue
        versions = entry.get("versions")
        if versions is not None and cat["version"] not in versions:
            continue
        plugin = by_key.get((entry["kind"], entry["name"].lower()))
        where = f"overlay {entry['kind']} {entry['name']}"
        if plugin is None:
            builder.report.note(where, "overlay entry not applicable: plugin absent in this version")
            continue
        # a factory-less (mapping-only) plugin has no class to anchor lookups: search the whole tree
        factory = index.get(plugin["factory"]) if plugin.get("factory") else None
        for refs in fields:
            v: Any = Unknown(f"{refs} not found")
            for ref in refs.split("|"):
                v = _resolve_field_ref(ref.strip(), plugin, factory, interp, index)
                if isinstance(v, OptionVal):
                    break
            if not isinstance(v, OptionVal):
                builder.report.add(where, f"overlay field {refs}: {getattr(v, 'reason', v)}")
                continue
            if v.key in plugin["options"] and plugin["options"][v.key].get("source") != "read":
                builder.report.note(where, f"overlay field {ref} ({v.key!r}) is already declared by the rule")
                continue
            d = builder.option_json(v, where)
            d["source"] = "overlay"
            d["reason"] = entry["reason"]
            plugin["options"][v.key] = d


def _resolve_field_ref(ref: str, plugin: dict[str, Any], factory: TypeDecl | None, interp: Interpreter, index: SourceIndex) -> Any:
    cls, _, fname = ref.rpartition(".")
    decl = interp.resolve_type(cls, factory) if factory is not None else None
    if decl is None:
        cands = [fqn for fqn in index.top if fqn.endswith("." + cls)]
        pkg = (plugin.get("factory") or "").rsplit(".", 1)[0]
        cands.sort(key=lambda f: -len(os.path.commonprefix([f, pkg])))
        decl = index.get(cands[0]) if cands else None
    f = interp.find_field(decl, fname) if decl is not None else None
    return interp.field_value(f) if f is not None else Unknown(f"{ref} not found")


# ------------------------------------------------------------------ Jackson-mapped entry classes
_LOMBOK_ACCESSORS = {"Data", "Setter", "Value", "Getter"}


def _ann_name(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _string_arg(tokens) -> str | None:
    """The first string literal of an annotation's arguments (`@JsonProperty("table_path")`)."""
    for t in tokens:
        if t.kind == "str":
            return t.text  # the decoded string value
    return None


def jackson_keys(decl) -> list[str] | None:
    """The JSON keys Jackson maps onto `decl`'s instance fields (ConfigUtil's ObjectMapper: an
    `@JsonProperty("x")` name, else the field name, `isX` booleans as Lombok's `x`; `@JsonIgnore`
    fields left out), or None when the class is no plain data class (no Lombok accessors and no
    `@JsonProperty` fields) or extends another class (its fields are not followed)."""
    if decl.kind != "class" or decl.extends:
        return None
    lombok = any(_ann_name(a) in _LOMBOK_ACCESSORS for a, _ in decl.annotations)
    out: list[str] = []
    annotated = False
    for f in decl.fields.values():
        if f.static:
            continue
        anns = {_ann_name(a): args for a, args in f.annotations}
        if "JsonIgnore" in anns:
            continue
        if "JsonProperty" in anns:
            annotated = True
            name = _string_arg(anns["JsonProperty"]) or f.name
        elif f.type_text == "boolean" and len(f.name) > 2 and f.name.startswith("is") and f.name[2].isupper():
            name = f.name[2].lower() + f.name[3:]  # Lombok: isX()/setX() -> property `x`
        else:
            name = f.name
        out.append(name)
    if not (lombok or annotated):
        return None
    return out


_JAVA_FIELD_TYPES = {"String": "string", "int": "int", "Integer": "int", "long": "long", "Long": "long",
                     "boolean": "boolean", "Boolean": "boolean", "double": "double", "Double": "double",
                     "float": "float", "Float": "float"}


def jackson_key_types(decl) -> dict[str, str]:
    """key -> option type of the field behind it (`list`/`map` for collections, else `object`)."""
    keys = jackson_keys(decl) or []
    fields = [f for f in decl.fields.values() if not f.static
              and "JsonIgnore" not in {_ann_name(a) for a, _ in f.annotations}]
    out = {}
    for k, f in zip(keys, fields):
        t = f.type_text.replace(" ", "")
        base = t.split("<", 1)[0].rsplit(".", 1)[-1]
        out[k] = _JAVA_FIELD_TYPES.get(base) or ("list" if base in ("List", "Set", "Collection")
                                                 else "map" if base == "Map" else "object")
    return out


def jackson_ignores_unknown(decl) -> bool:
    """`@JsonIgnoreProperties(ignoreUnknown = true)` on the class."""
    for a, args in decl.annotations:
        if _ann_name(a) == "JsonIgnoreProperties":
            texts = [t.text for t in args]
            if "ignoreUnknown" in texts and "true" in texts:
                return True
    return False
