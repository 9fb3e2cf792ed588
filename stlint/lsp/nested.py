"""Completion and hover inside nested values of a plugin block.

* ``schema { ... }``: the keys SeaTunnel's schema parser reads there, per release (catalog
  ``schema_keys``, scanned from ``ReadonlyConfigParser`` / ``CatalogTableUtil`` by
  ``stlint.catalog.schema_scan``): ``fields``, ``columns``, ``primaryKey``, ``constraintKeys``,
  ``table`` ... and inside ``primaryKey { }``, ``columns = [{ }]``, ``constraintKeys = [{ }]``.
* client-settings maps the plugin hands to its client unchanged (``kafka.config``): the client's
  well-known keys from ``rules/client_keys.json`` (data, read on first use).

Only facts from the catalog / data files; nothing here decides what is valid.
"""

from __future__ import annotations

import json
import re
from typing import Any

from stlint.lsp.context import block_members, scan

PLUGIN_KINDS = ("source", "transform", "sink")
_CLIENT_KEYS: dict[str, Any] | None = None
_WORD = re.compile(r"[A-Za-z0-9_.\-]")


def container_path(frames) -> str:
    """`schema`, `schema.primaryKey`, `schema.columns[]` for the frames inside a plugin block
    (a `{` that opens an entry of a list adds nothing; the list adds `key[]`)."""
    parts: list[str] = []
    prev = None
    for f in frames:
        if f.char == "[":
            parts.append((f.key or "") + "[]")
        elif not (prev is not None and prev.char == "[" and not f.key):
            parts.append(f.key)
        prev = f
    return ".".join(parts)


def schema_container(pspec, frames) -> str | None:
    """The schema container the frames (inside a plugin block) are in, or None. An entry of a
    multi-table list (`tables_configs = [{ schema { ... } }]`) has its own `schema`."""
    c = container_path(frames)
    if pspec is not None:
        for t in pspec.tables:
            pre = t.option + "[]."
            if c.startswith(pre):
                c = c[len(pre):]
                break
    if c == "schema" or c.startswith("schema."):
        return c
    return None


def _reads_schema(cat, pspec) -> bool:
    """Whether the plugin reads a `schema` (its own option, or one per multi-table list entry)."""
    return pspec is None or pspec.option("schema") is not None or bool(pspec.tables)


def _schema_doc(cat, container: str, key: str, o) -> str:
    from stlint.lsp.completion import option_detail

    fact = cat.schema_key_fact(container, key) or {}
    head = f"`{container}.{key}`" if container != "schema" else f"`schema.{key}`"
    parts = [f"{head}: {option_detail(o)}"]
    if o.description:
        parts.append(o.description)
    if fact.get("required"):
        parts.append(f"**required**: SeaTunnel fails without it: \"{fact['required']}\"")
    if fact.get("value") == "seatunnel-type":
        parts.append("value: a SeaTunnel type name (`int`, `string`, `decimal(10, 2)`, `array<int>` ...)")
    if o.enum_values:
        parts.append("values: " + ", ".join(f"`{v}`" for v in o.enum_values))
    if fact.get("where"):
        parts.append(f"read by SeaTunnel's schema parser ({fact['where'].rsplit('/', 1)[-1]}, {cat.version})")
    return "\n\n".join(parts)


def schema_key_items(cat, pspec, text: str, ctx, item, snippets: bool) -> list | None:
    """Key completion inside `schema { }`; None when the cursor is not in a schema container."""
    from lsprotocol import types as T

    from stlint.lsp.completion import _key_insert, option_detail

    if len(ctx.frames) < 3 or not _reads_schema(cat, pspec):
        return None
    container = schema_container(pspec, ctx.frames[2:])
    if container is None:
        return None
    specs = cat.schema_keys(container)
    if not specs:
        return None if container == "schema" else []
    present = block_members(text, ctx.frames[-1].open)
    out = []
    for k, o in specs.items():
        if k in present and k != ctx.prefix:
            continue
        fact = cat.schema_key_fact(container, k) or {}
        req = bool(fact.get("required"))
        out.append(item(k, T.CompletionItemKind.Property, _key_insert(k, o, snippets),
                        detail=option_detail(o) + (" · required" if req else ""),
                        doc=lambda k=k, o=o: _schema_doc(cat, container, k, o), sort="0" if req else "3",
                        snippet=snippets))
    return out


def schema_value_spec(cat, pspec, ctx):
    """(container, key, spec, fact) of a value position inside a schema container, else None."""
    if len(ctx.frames) < 3 or not _reads_schema(cat, pspec):
        return None
    container = schema_container(pspec, ctx.frames[2:])
    if container is None:
        return None
    specs = cat.schema_keys(container) or {}
    o = specs.get(ctx.key)
    if o is None:
        return None
    return container, ctx.key, o, cat.schema_key_fact(container, ctx.key) or {}


def nested_hover(cat, kind: str, name: str, pspec, text: str, off: int) -> tuple[str, int, int] | None:
    """(markdown, start, end) for a key inside a schema container or a client-settings map, else None."""
    if cat is None:
        return None
    ws = off
    while ws > 0 and _WORD.match(text[ws - 1]):
        ws -= 1
    we = off
    while we < len(text) and _WORD.match(text[we]):
        we += 1
    if we <= ws:
        return None
    rest = text[we:we + 80].lstrip(' \t"')
    if not rest or rest[0] not in "={:[" and not rest.startswith("+="):
        return None
    ctx = scan(text, ws)
    if ctx.where != "key" or len(ctx.frames) < 3 or ctx.frames[0].key not in PLUGIN_KINDS:
        return None
    key = text[ws:we]
    got = client_map(kind, pspec.name if pspec is not None else name, container_path(ctx.frames[2:]))
    if got is not None:
        m, client = got
        d = client["keys"].get(key)
        if d is not None:
            return _client_key_doc(m, client, key, d), ws, we
        return (f"`{key}`: {client['title']}, passed to the client unchanged "
                f"({m['where'].split(' (')[0]}); stlint does not check these keys"), ws, we
    container = schema_container(pspec, ctx.frames[2:])
    if container is None:
        return None
    specs = cat.schema_keys(container)
    if specs is None:
        # inside a map SeaTunnel reads whole (`schema.fields`): the keys are the user's own names
        up = container
        while "." in up:
            parent, _, last = up.rpartition(".")
            o = (cat.schema_keys(parent) or {}).get(last)
            if o is not None:
                what = f" ({o.description})" if o.description else ""
                return (f"`{key}`: an entry of `{up}`{what}; the key is a name of yours, "
                        "not an option"), ws, we
            up = parent
        return None
    o = specs.get(key)
    if o is None:
        return None
    return _schema_doc(cat, container, key, o), ws, we


# ------------------------------------------------------------------ client-settings maps


def client_keys() -> dict[str, Any]:
    global _CLIENT_KEYS
    if _CLIENT_KEYS is None:
        from stlint.catalog.resources import rules_dir

        try:
            with open(rules_dir() / "client_keys.json", encoding="utf-8") as fh:
                _CLIENT_KEYS = json.load(fh)
        except (OSError, ValueError):
            _CLIENT_KEYS = {}
    return _CLIENT_KEYS


def client_map(kind: str, name: str, option: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(map entry, client) when ``option`` of plugin ``kind``/``name`` is a client-settings map."""
    data = client_keys()
    for m in data.get("maps", ()):
        if m["kind"] == kind and m["name"].lower() == str(name).lower() and m["option"] == option:
            client = data.get("clients", {}).get(m["client"])
            if client:
                return m, client
    return None


def client_key_items(kind: str, name: str, option: str, text: str, ctx, item, snippets: bool) -> list | None:
    from lsprotocol import types as T

    from stlint.lsp.snippets import key_text

    got = client_map(kind, name, option)
    if got is None:
        return None
    m, client = got
    present = block_members(text, ctx.frames[-1].open)
    out = []
    for k, d in client["keys"].items():
        if k in present and k != ctx.prefix:
            continue
        vals = d.get("values")
        if snippets and vals:
            val = "${1|" + ",".join(vals) + "|}"
            if not all(re.fullmatch(r"-?[0-9]+|true|false", v) for v in vals):
                val = '"' + val + '"'
        elif snippets:
            val = '"$1"'
        else:
            val = '""'
        out.append(item(k, T.CompletionItemKind.Property, f"{key_text(k)} = {val}" + ("$0" if snippets else ""),
                        detail=client["title"], doc=lambda k=k, d=d: _client_key_doc(m, client, k, d), sort="3",
                        snippet=snippets))
    return out


def _client_key_doc(m, client, k: str, d) -> str:
    doc = [f"`{k}`: {client['title']}" + (f", default `{d['default']}`" if "default" in d else ""), d.get("doc", "")]
    if d.get("values"):
        doc.append("values: " + ", ".join(f"`{v}`" for v in d["values"]))
    doc.append(f"passed to the client unchanged ({m['where'].split(' (')[0]}); source: {client['source']}")
    return "\n\n".join(x for x in doc if x)
