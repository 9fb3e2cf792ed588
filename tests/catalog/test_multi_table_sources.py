"""The overlay's `multi_table` entries against SeaTunnel's sources and the shipped catalogs.

* Every list option of objects named like a per-table list (`tables_configs`, `table_list`,
  `index_list`, `table-names-config`, `table_transform`) in a release's catalog is either described by a `multi_table`
  entry for that release or listed in NOT_PER_TABLE with the reason (no mirror needed).
* With STLINT_SEATUNNEL_GIT set to one or more bare SeaTunnel git dirs (os.pathsep-separated) that
  hold the release commits, each entry's cited file is re-read in every release it claims: entries
  read with ReadonlyConfig.fromMap cite a line next to that call (newest release), and their listed
  keys are declared options (`Options.key("k")` or a fallback key, in the connector or seatunnel-api); Jackson-mapped
  entries (`keys` without fromMap) name each key as a `@JsonProperty("key")` or a field
  `private Type key;` (Lombok @Data: Jackson's property is the field name);
  `block_only` keys are exactly what the cited class's constructor reads from the block."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from stlint.catalog import load_catalog
from stlint.catalog.overlay import load_overlay_yaml

RELEASES = {"2.3.8": "860463186a", "2.3.9": "d61cba233", "2.3.10": "cdc79e13a", "2.3.11": "ba7f5c9e3",
            "2.3.12": "1bc4fbaaa", "2.3.13": "f4ca3102e"}
ORDER = list(RELEASES)
ENTRIES = list(enumerate(load_overlay_yaml().get("multi_table", [])))
TABLE_LIST_NAMES = {"tables_configs", "table_list", "index_list", "table-names-config", "table_transform"}

# (kind, plugin, option) -> why it is no per-table list of the plugin block
NOT_PER_TABLE = {
    ("sink", "Assert", "tables_configs"): "AssertSink reads `tables_configs` inside `rules` (rules.tables_configs), "
                                          "with Typesafe getters; the rule's own keys are not plugin options",
    ("sink", "Iceberg", "table_list"): "the sink only declares the source's option for its catalog "
                                       "(IcebergCatalog.getSelectColumns); the sink writes one table per row's table",
    ("transform", "DataValidator", "table_transform"): "DataValidatorTransformFactory declares the option but builds a "
                                                       "plain DataValidatorTransform, which does not read it",
}


def _releases(text: str) -> list[str]:
    a, _, b = text.partition("-")
    return ORDER[ORDER.index(a):ORDER.index(b or a) + 1]


def _applies(e: dict, version: str) -> bool:
    return version in _releases(e["releases"])


@pytest.mark.parametrize("version", ORDER)
def test_catalog_table_lists_are_described(version):
    cat = load_catalog(version)
    missing = []
    for kind in ("source", "sink", "transform"):
        for name in cat._names.get(kind, []):
            spec = cat.find(kind, name)
            if spec is None:
                continue
            covered = {t.option for t in spec.tables}
            for key, o in spec.options.items():
                if key not in TABLE_LIST_NAMES or o.type != "list" or o.element_type not in ("map", "object"):
                    continue
                if key in covered or (kind, spec.name, key) in NOT_PER_TABLE:
                    continue
                missing.append((kind, spec.name, key))
    assert missing == [], f"{version}: list options of objects with no multi_table entry: {missing}"


def test_entries_name_catalog_plugins():
    for i, e in ENTRIES:
        for rel in _releases(e["releases"]):
            cat = load_catalog(rel)
            for n in e["names"]:
                assert cat.find(e["kind"], n) is not None, (i, rel, n)


def test_block_only_only_on_whole_entries():
    for i, e in ENTRIES:
        if e.get("jackson"):
            assert e.get("keys") is None and not e.get("unknown_fails"), (i, "the catalog gives a Jackson entry's keys")
        if e.get("block_only"):
            assert e.get("keys") is None, (i, "block_only is for entries read as a whole plugin config")
        if e.get("unknown_fails"):
            assert e.get("keys"), (i, "a strict entry lists its keys (or is `jackson`)")


@pytest.mark.parametrize("version", ORDER)
def test_scanned_entry_classes_back_the_jackson_entries(version):
    """The catalog's scan (element_keys) and the overlay agree: a per-table list whose entries Jackson
    maps onto a class has a `jackson` entry, and a `jackson` entry's option has scanned keys."""
    cat = load_catalog(version)
    jackson = {(e["kind"], n.lower(), e["option"]) for _, e in ENTRIES if e.get("jackson") and _applies(e, version)
               for n in e["names"]}
    for kind, name, option in jackson:
        o = cat.find(kind, name).option(option)
        assert o is not None and o.element_keys, (version, kind, name, option)
    for kind in ("source", "sink", "transform"):
        for name in cat._names.get(kind, []):
            spec = cat.find(kind, name)
            for key, o in spec.options.items():
                if key in TABLE_LIST_NAMES and o.element_keys and (kind, spec.name, key) not in NOT_PER_TABLE:
                    assert (kind, spec.name.lower(), key) in jackson, (version, kind, spec.name, key)


# ------------------------------------------------------------------------- against the sources
def _dirs() -> list[str]:
    return [d for d in os.environ.get("STLINT_SEATUNNEL_GIT", "").split(os.pathsep) if d]


def _git(args: list[str]) -> str | None:
    for d in _dirs():
        p = subprocess.run(["git", "-C", d, *args], capture_output=True)
        if p.returncode == 0:
            return p.stdout.decode("utf-8", "replace")
    return None


def _has_commit(commit: str) -> bool:
    return _git(["cat-file", "-e", commit + "^{commit}"]) is not None


def _key_of(commit: str, module: str, const: str) -> str | None:
    """The key of option constant `const` declared somewhere under `module` (Options.key("...")
    on the declaration line or the next ones)."""
    out = _git(["grep", "-h", "-A3", "-E", rf"\b{const}\s*=", commit, "--", module])
    if not out:
        return None
    m = re.search(r'Options\s*\.\s*key\(\s*"([^"]+)"', out)
    return m.group(1) if m else None


@pytest.mark.parametrize("i,entry", ENTRIES, ids=[f"{i}-{e['names'][0]}-{e['option']}" for i, e in ENTRIES])
def test_cited_entry_read(i, entry):
    if not _dirs():
        pytest.skip("set STLINT_SEATUNNEL_GIT to SeaTunnel bare git dirs to re-read the cited sources")
    path, line = entry["where"].rsplit(":", 1)
    rels = [r for r in _releases(entry["releases"]) if _has_commit(RELEASES[r])]
    if not rels:
        pytest.skip("no mirror holds these releases")
    for rel in rels:
        text = _git(["show", f"{RELEASES[rel]}:{path}"])
        assert text is not None, f"{rel}: {path} missing"
        from_map = "fromMap" in text
        keys, fails = entry.get("keys"), bool(entry.get("unknown_fails"))
        if entry.get("jackson"):  # the catalog's scan of the entry class, per release
            opts = [load_catalog(rel).find(entry["kind"], n).option(entry["option"]) for n in entry["names"]]
            assert all(o is not None and o.element_keys for o in opts), f"{rel}: the scan found no entry class"
            keys, fails = list(opts[0].element_keys), opts[0].element_unknown == "fails"
            assert all(o.element_keys == opts[0].element_keys for o in opts)
        if keys is None:  # whole-config entries are read with fromMap
            assert from_map, f"{rel}: {path} does not call ReadonlyConfig.fromMap"
        elif from_map and not entry.get("jackson"):  # listed keys of a fromMap entry: declared options
            module = path.split("/src/")[0]
            for k in keys:
                hit = _git(["grep", "-l", "-E", rf'(key|FallbackKeys)\("{re.escape(k)}"\)', RELEASES[rel], "--", module,
                            "seatunnel-api"])
                assert hit, f"{rel}: no Options.key({k!r}) (or fallback key) under {module} or seatunnel-api"
        if keys is not None and (not from_map or entry.get("jackson")):  # Jackson: the class names every key
            cpath = entry.get("class_where") or path
            ctext = text if cpath == path else _git(["show", f"{RELEASES[rel]}:{cpath}"])
            assert ctext is not None, f"{rel}: {cpath} missing"
            for k in keys:
                # a field `private T key;` (or Lombok's `boolean isKey` for the key `key`)
                field = rf"\bprivate [\w.<>, ]+ (?:{re.escape(k)}|is{re.escape(k[:1].upper() + k[1:])})\s*(=[^;]*)?;"
                assert f'"{k}"' in ctext or re.search(field, ctext), f"{rel}: {cpath} lacks {k!r}"
            if fails:
                assert "ignoreUnknown = true" not in ctext, f"{rel}: {cpath} ignores unknown keys"
            else:
                assert "ignoreUnknown = true" in ctext, f"{rel}: {cpath} does not ignore unknown keys"
        if rel == rels[-1]:
            lines = text.splitlines()
            n = int(line)
            assert 0 < n <= len(lines) and lines[n - 1].strip(), f"{entry['where']}: no code at that line"
            if from_map and entry.get("keys") is None or "fromMap" in lines[n - 1]:
                near = "\n".join(lines[max(0, n - 3):n + 2])
                assert "fromMap" in near, f"{entry['where']} is not where the entries are read"
            if entry.get("block_only"):
                _check_block_only(entry, RELEASES[rel], path, text)


def _check_block_only(entry: dict, commit: str, path: str, text: str) -> None:
    """`block_only` = the options the class's constructor reads from the block (its own getters
    and the client map read by a helper it calls), for the newest release cited."""
    cls = path.rsplit("/", 1)[1][:-5]
    start = text.index(f"public {cls}(")
    end = text.index("\n    }\n", start)
    ctor = text[start:end]
    module = path.split("/src/")[0]
    consts = re.findall(r"readonlyConfig\.(?:get|getOptional)\(\s*(?:\w+\.)?([A-Z_]+)\)", ctor)
    keys = set()
    for c in consts:
        k = _key_of(commit, module, c)
        assert k is not None, f"{c}: no Options.key declaration under {module}"
        keys.add(k)
    # helpers the constructor calls with the block (createKafkaProperties: the client map)
    for helper in re.findall(r"(create\w+Properties)\(readonlyConfig\)", ctor):
        body = text[text.index(f"private Properties {helper}("):]
        body = body[:body.index("\n    }\n")]
        for c in re.findall(r"readonlyConfig\.(?:get|getOptional)\(\s*(?:\w+\.)?([A-Z_]+)\)", body):
            keys.add(_key_of(commit, module, c))
    assert keys == set(entry["block_only"]), (keys ^ set(entry["block_only"]))
