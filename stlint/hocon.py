"""Syntax tree -> HOCON values with origins, and resolution in two flavours.

``hocon``     stock HOCON (Typesafe Config): dotted keys nest, objects merge, later wins,
              substitutions resolve against the whole config (self-references see the previous
              value), unresolved ones are kept as markers.
``seatunnel`` what SeaTunnel's patched Typesafe parser does (see shared facts, sections 1, 2, 7):
              the path separator is ``->`` (``job.mode`` is ONE key); an object under a field
              named ``source``/``transform``/``sink`` (any depth, not in .json files) becomes an
              ordered list of plugin objects with a fallback ``plugin_name``; a repeated
              top-level section therefore replaces the first one.

Every value keeps ``start``/``end`` offsets (and the file it came from) so later stages can
point at it. Nothing here raises on bad input: problems become diagnostics.

The model is split by stage: ``stlint.hocon_values`` (value classes, renderings, JSON view),
``stlint.hocon_build`` (syntax tree -> values, includes), ``stlint.hocon_resolve`` (merge,
concatenation, substitution resolution). This module is the public API and re-exports them.
"""

from __future__ import annotations

import os
from typing import Any

from stlint._records import dataclass, field

from stlint.diagnostics import Diagnostic
from stlint.hocon_build import (MAX_INCLUDE_BYTES, MAX_INCLUDE_DEPTH, MAX_INCLUDE_FILES,  # noqa: F401
                                Flavor, IncludeRecord, _Builder, _IncludeState, parse_properties)
from stlint.hocon_resolve import (CycleError, Resolver, ResolveError, join_parts, merge,  # noqa: F401
                                  relativize)
from stlint.hocon_values import (SECTIONS, UNDEFINED, HConcat, HField, HList, HMerge,  # noqa: F401
                                 HObject, HPluginList, HScalar, HSubst, HUnresolved, HValue,
                                 _Undefined, iter_unresolved, java_number, render_path,
                                 render_value, scalar_from_unquoted, to_json, to_json_text)
from stlint.parser import SArray, parse
from stlint.source import Source


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------
@dataclass
class Document:
    """One parsed and resolved file."""

    source: Source
    flavor: str
    syntax: Any  # SObject | SArray | None (the positioned syntax tree)
    tree: HObject | None  # unresolved value tree
    resolved: HValue | None  # after substitution
    diagnostics: list[Diagnostic] = field(default_factory=list)
    includes: list[IncludeRecord] = field(default_factory=list)
    # id(SKey) -> (SKey, path or None) for the keys of this file split in the seatunnel flavour
    # (reused by the rule context instead of splitting every key again)
    key_paths: dict = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def is_json_path(path: str | None) -> bool:
    # Typesafe guesses the syntax from the name: only a lower-case ".json" suffix means JSON
    return bool(path) and path.endswith(".json")


def load_source(src: Source, flavor: str = "seatunnel", *, json_syntax: bool | None = None,
                env: dict[str, str] | None = None, resolve: bool = True) -> Document:
    fl = Flavor.get(flavor)
    if json_syntax is None:
        json_syntax = is_json_path(src.path)
    from stlint import templates

    # a template for another tool (seatunnel flavour only; `hocon` stays Typesafe's reading)
    tpl = templates.tags(src.text) if fl.name == "seatunnel" else []
    pr = parse(templates.neutralise(src.text, tpl) if tpl else src.text)
    diags = list(pr.diagnostics)
    if tpl:
        diags.append(Diagnostic("template-syntax", "info", templates.message(src.text, tpl), tpl[0][0], tpl[0][1]))
    if src.decode_error is not None:
        off, msg = src.decode_error
        diags.insert(0, Diagnostic("syntax-error", "error", msg + " (the file must be UTF-8)", off, off + 1))
    includes: list[IncludeRecord] = []
    key_paths: dict = {}
    tree = None
    resolved = None
    root = pr.root
    if isinstance(root, SArray):
        diags.append(Diagnostic("syntax-error", "error", "a job config must be an object, not a list",
                                root.start, root.start + 1))
        root = None
    if root is not None:
        b = _Builder(fl, json_syntax, diags, src, None, 0, includes, None)
        b.base_of = src.path or None  # its directory is the base of includes (made at the first one)
        if fl.name == "seatunnel" and not json_syntax:
            b.key_memo = key_paths
        if src.path:
            b.state.root_file = src.path  # a file that includes itself is a cycle
        tree = b.object(root, ())
        if resolve and not b.state.unresolved and not tpl:
            # nothing to resolve: the resolved tree is the built one (resolving would copy it)
            resolved = tree
        elif resolve:
            # values with template syntax are marked in place below: on a copy, never on the tree
            r = Resolver(tree, env, share=not tpl)
            try:
                resolved = r.resolve(tree, ())
            except CycleError as e:
                s = e.subst
                diags.append(Diagnostic("syntax-error", "error",
                                        f"substitution `{s.render()}` is part of a cycle", s.start, s.end))
                resolved = None
            except ResolveError as e:
                diags.append(Diagnostic("syntax-error", "error", e.message, e.value.start, e.value.end))
                resolved = None
            except RecursionError:
                diags.append(Diagnostic("syntax-error", "error", "document too deeply nested to resolve", 0, 0))
                resolved = None
    if tpl and resolved is not None:
        resolved = templates.mark_unknown(resolved, src, tpl)  # values with template syntax are unknown
    diags.sort(key=Diagnostic.sort_key)
    return Document(src, flavor, pr.root, tree, resolved, diags, includes, key_paths)


def load_file(path: str | os.PathLike, flavor: str = "seatunnel", **kw) -> Document:
    """Load a job file; a FIFO, device or too large file raises ``stlint.files.ReadError``
    (an OSError) with a message."""
    from stlint.files import read_regular

    data = read_regular(path)
    return load_source(Source.from_bytes(data, str(path)), flavor, **kw)


def load_text(text: str, flavor: str = "seatunnel", path: str | None = None, **kw) -> Document:
    return load_source(Source(text, path), flavor, **kw)
