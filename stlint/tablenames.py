"""Catalog table names a plugin's rows can carry, read from the options that name tables.

SeaTunnel's Sql transform accepts a `FROM` name equal to its input's `plugin_input` name, `dual`, or
the *catalog table name* of the input rows (`SQLTransform.open` passes
`inputCatalogTable.getTableId().getTableName()`; `ZetaSQLEngine.validateSQL` compares all three,
ZetaSQLEngine.java:131-141 in 2.3.12). That catalog table name is the last part of the table path
the source reads (`TablePath.of("db.schema.table")`), e.g. `emps` for a SqlServer-CDC source with
`table-names = ["company.dbo.emps"]`, or `schema.table` of a source that declares its schema.

`upstream_table_names(job, plugin)` gathers the names the plugin's inputs can carry: the table-path
options of every producer upstream (a transform keeps its input's table id, so producers are
followed back to the sources). It only ever widens what a rule accepts, so an option listed here
that is not a table path can hide a finding but never create one. `None` means the names cannot be
known (a regex such as `table-pattern`, a `${...}` placeholder): a rule then stays quiet.
"""

from __future__ import annotations

from stlint.hocon import HList, HObject, HScalar
from stlint.job import Job, Plugin

# options whose value is a table path (`db.table`, `db.schema.table`) or a list of them:
# CDC sources' `table-names` (JdbcSourceOptions / CDC factories), Jdbc `table_path`, the catalog
# schema's `schema.table` (CatalogTableUtil), and the single-table `table` / `table_name` / `tables`
# options of catalog-backed connectors (Paimon, Iceberg, Hive, Doris, StarRocks, ...)
PATH_KEYS = ("table-names", "table_path", "schema.table", "table", "table_name", "tables")
# lists of objects each naming one table: Jdbc `table_list[].table_path`, `tables_configs[].schema.table`
# (FakeSource and friends), CDC `table-names-config[].table`
LIST_KEYS = (("table_list", ("table_path",)), ("tables_configs", ("schema", "table")),
             ("table-names-config", ("table",)))
# options that select tables by pattern: the names are not knowable from the config
PATTERN_KEYS = ("table-pattern", "table_pattern", "pattern")


def _names(value) -> set[str] | None:
    out: set[str] = set()
    items = value.items if isinstance(value, HList) else [value]
    for it in items:
        if not isinstance(it, HScalar) or it.value is None:
            continue
        s = str(it.value).strip().strip("`\"").lower()
        if "${" in s:
            return None
        if s:
            out.add(s)
            out.add(s.rsplit(".", 1)[-1])
    return out


def _nested(obj: HObject, path: tuple[str, ...]):
    cur = obj
    for p in path:
        if not isinstance(cur, HObject) or p not in cur.fields:
            return None
        cur = cur.fields[p].value
    return cur


def plugin_table_names(plugin: Plugin) -> set[str] | None:
    """Table names (full path and last part, lower case) a plugin's own options name."""
    if plugin.config is None:
        return set()
    out: set[str] = set()
    for k in PATTERN_KEYS:
        if plugin.get(k) is not None:
            return None
    for k in PATH_KEYS:
        o = plugin.get(k)
        if o is None:
            continue
        n = _names(o.value)
        if n is None:
            return None
        out |= n
    for k, sub in LIST_KEYS:
        o = plugin.get(k)
        if o is None or not isinstance(o.value, HList):
            continue
        for it in o.value.items:
            if isinstance(it, HObject):
                v = _nested(it, sub)
                if v is not None:
                    n = _names(v)
                    if n is None:
                        return None
                    out |= n
    return out


def upstream_table_names(job: Job, plugin: Plugin, memo: dict | None = None) -> frozenset[str] | None:
    """Table names the rows reaching `plugin` (through its `plugin_input`) can carry. Pass the same
    `memo` dict for every plugin of one job: each producer is then resolved once (iteratively, so
    long chains need no recursion), keeping a lint linear in the number of plugins."""
    if memo is None:
        memo = {}
    producers = memo.get("producers")
    if producers is None:
        producers = {}
        for p in job.plugins:
            if p.kind != "sink":
                for name, _ in job.outputs(p):
                    producers.setdefault(name, []).append(p)
        memo["producers"] = producers
    done: dict[int, frozenset[str] | None] = memo.setdefault("done", {})

    def feeders(p: Plugin) -> list[Plugin]:
        return [q for name, _ in job.inputs(p) or [] for q in producers.get(name, [])]

    # resolve every producer upstream of `plugin` (post-order; a cycle contributes nothing more)
    stack = [(q, False) for q in feeders(plugin)]
    on_path: set[int] = set()
    while stack:
        q, expanded = stack.pop()
        if id(q) in done:
            continue
        if not expanded:
            if id(q) in on_path:
                continue
            on_path.add(id(q))
            stack.append((q, True))
            if q.kind == "transform":
                stack.extend((r, False) for r in feeders(q) if id(r) not in done)
            continue
        on_path.discard(id(q))
        own = plugin_table_names(q)
        acc: set[str] | None = None if own is None else set(own)
        if acc is not None and q.kind == "transform":
            for r in feeders(q):
                up = done.get(id(r), frozenset())
                if up is None:
                    acc = None
                    break
                acc |= up
        done[id(q)] = None if acc is None else frozenset(acc)
    out: set[str] = set()
    for q in feeders(plugin):
        n = done.get(id(q), frozenset())
        if n is None:
            return None
        out |= n
    return frozenset(out)
