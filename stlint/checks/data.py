"""Data rules (ST6xx): what flows through the job. SeaTunnel type names in declared schemas,
value ranges SeaTunnel enforces, plugin entries that are not objects, format-specific schema
misuse, field references along the rows of the pipeline (stlint.rowtypes) and the Sql
transform's query (stlint.sqlcheck)."""

from __future__ import annotations

from typing import Iterator

from stlint.checks import Context, rule, suggest
from stlint.diagnostics import Diagnostic, Edit, Fix, Related
from stlint.hocon import HList, HObject, HScalar, to_json
from stlint.rowtypes import TypeError_, facts_of, iter_refs, iter_sink_refs, row_flow, suggest_type


# --------------------------------------------------------------------------------------------
@rule("invalid-schema-type", "ST601", "error", "A schema type name SeaTunnel's type parser rejects.", """
`schema { fields { ... } }` values (and `columns` entries' `type`) are parsed by SeaTunnel's
`SeaTunnelDataTypeConvertorUtil.deserializeSeaTunnelDataType` when the job starts: `string`,
`boolean`, `tinyint`, `smallint`, `int`, `bigint`, `float`, `double`, `decimal(p, s)`, `null`,
`bytes`, `date`, `time`, `timestamp`, `timestamp_tz` (from 2.3.9), `map<K, V>`, `array<T>` (T
a string, boolean or numeric type, or a map from 2.3.10), a nested object for a row, and the aliases
`long`, `short`, `byte`. The accepted names are read from each release's sources by the catalog
build. Any other name fails the job (`COMMON-07 'SeaTunnel' unsupported data type ...`). The fix
writes the SeaTunnel name (safe when it means the same type, such as `integer` -> `int`).

Bad:
```hocon
schema = { fields { id = "integer", name = "varchar(10)", ts = "datetime" } }
```
Good:
```hocon
schema = { fields { id = "int", name = "string", ts = "timestamp" } }
```
""", fix="unsafe")
def invalid_schema_type(ctx: Context) -> Iterator[Diagnostic]:
    facts = facts_of(ctx.catalog)
    if facts is None:
        return
    flow = row_flow(ctx)
    for p, b in flow.bad_types:
        v = b.value
        if v.src is not ctx.source:
            continue
        err = b.error
        assert isinstance(err, TypeError_)
        text = str(v.value) if isinstance(v, HScalar) else ctx.text[v.start:v.end]
        msg = f"SeaTunnel {facts.version} cannot parse the type `{text}` of field `{b.field}`: {err.message} ({err.where})"
        fix = help_ = None
        if isinstance(v, HScalar) and isinstance(v.value, str):
            bad = err.bad
            sug = suggest_type(bad, facts)
            if sug is not None:
                repl, safe = sug
                new = text.replace(bad, repl, 1) if bad in text and bad != text else repl
                raw = ctx.text[v.start:v.end]
                quote = '"' if not raw.startswith('"""') else '"""'
                help_ = f"did you mean `{new}`?"
                fix = Fix("safe" if safe else "unsafe", f"write `{new}`",
                          (Edit(v.start, v.end, f"{quote}{new}{quote}"),))
        yield ctx.diag("invalid-schema-type", v.start, v.end, msg, fix=fix, help=help_, plugin=p.label,
                       option="schema")


# --------------------------------------------------------------------------------------------
@rule("plugin-not-an-object", "ST602", "error", "An entry of source/transform/sink that is not a plugin block.", """
Each entry of `source`, `transform` and `sink` must be a block `Name { ... }`. A YAML-style line
such as `- sql: "select ..."` makes the section hold a string instead; SeaTunnel fails reading it
as a plugin config (ConfigValueType mismatch: `... has type STRING rather than OBJECT`).

Bad:
```hocon
transform {
  - sql: "select * from t"
}
```
Good:
```hocon
transform {
  Sql { query = "select * from t" }
}
```
""")
def plugin_not_an_object(ctx: Context) -> Iterator[Diagnostic]:
    for name in ("source", "transform", "sink"):
        sec = ctx.job.sections.get(name)
        if sec is None or not isinstance(sec.value, HList) or sec.value.src is not ctx.source:
            continue
        for it in sec.value.items:
            if isinstance(it, HObject) or it.src is not ctx.source:
                continue
            kind = {HScalar: "a string" if isinstance(getattr(it, "value", None), str) else "a value",
                    HList: "a list"}.get(type(it), "a value")
            text = ctx.text[it.start:it.end]
            short = text if len(text) <= 40 else text[:37] + "..."
            yield ctx.diag("plugin-not-an-object", it.start, it.end,
                           f"`{name}` entry `{short}` is {kind}, not a plugin block: SeaTunnel fails reading it "
                           f"as a plugin config (it must be an object such as `Name {{ ... }}`)",
                           help="write the plugin as a block: `Name { option = value }`")


# --------------------------------------------------------------------------------------------
# (key, where: "env" | "plugin", minimum, SeaTunnel's message, source of the bound (2.3.10 line))
RANGES = (
    ("parallelism", "env", 1, "the parallelism of task <= 0",
     "seatunnel-engine-server/.../checkpoint/TaskStatistics.java:45 (checkArgument(parallelism > 0))"),
    ("parallelism", "plugin", 1, "the parallelism of task <= 0",
     "seatunnel-engine-server/.../checkpoint/TaskStatistics.java:45 (checkArgument(parallelism > 0))"),
    ("checkpoint.interval", "env", 10, "The minimum checkpoint interval is 10 mills.",
     "seatunnel-engine-common/.../config/server/CheckpointConfig.java:47 (MINIMAL_CHECKPOINT_TIME = 10), "
     "set from env by JobMaster.java:349"),
    ("checkpoint.timeout", "env", 10, "The minimum checkpoint timeout is 10 mills.",
     "seatunnel-engine-common/.../config/server/CheckpointConfig.java:54 (MINIMAL_CHECKPOINT_TIME = 10), "
     "set from env by JobMaster.java:359"),
)


def _int_literal(v):
    if not isinstance(v, HScalar) or isinstance(v.value, bool):
        return None
    if isinstance(v.value, int):
        return v.value
    if isinstance(v.value, str):
        s = v.value.strip()
        if s.lstrip("-").isdigit():
            return int(s)
    return None


@rule("value-out-of-range", "ST603", "error", "A number outside the range SeaTunnel's engine accepts.", """
SeaTunnel's Zeta engine checks some numbers when it builds the job: `parallelism` (in `env` and
on a plugin) must be at least 1 (TaskStatistics: "the parallelism of task <= 0"), and
`checkpoint.interval` / `checkpoint.timeout` at least 10 milliseconds (CheckpointConfig: "The
minimum checkpoint interval is 10 mills."). Each finding names the source of the bound. Checked
on Zeta only (the Flink and Spark starters hand these to their engines).

Bad:
```hocon
env {
  parallelism = 0
  checkpoint.interval = 0
}
```
Good:
```hocon
env {
  parallelism = 1
  checkpoint.interval = 10000
}
```
""")
def value_out_of_range(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.engine != "zeta":
        return
    from stlint.checks.env import _env_obj, _get

    env = _env_obj(ctx)
    for key, where, lo, message, src in RANGES:
        if where == "env":
            e = _get(env, key)
            vals = [(e.value, "env")] if e is not None else []
        else:
            vals = []
            for p in ctx.job.plugins:
                o = p.top.get(key)
                if o is not None:
                    vals.append((o.value, p.label))
        for v, owner in vals:
            if v.src is not ctx.source:
                continue
            n = _int_literal(v)
            if n is None or n >= lo:
                continue
            yield ctx.diag("value-out-of-range", v.start, v.end,
                           f"`{key}` = {n} in {owner}: SeaTunnel requires at least {lo} "
                           f"(\"{message}\", {src})",
                           help=f"use a value of at least {lo}", option=key,
                           plugin=None if owner == "env" else owner)


# --------------------------------------------------------------------------------------------
ENVELOPE = ("before", "after", "op")
ENVELOPE_FORMATS = {"debezium_json": ("before", "after", "op", "source", "ts_ms"),
                    "canal_json": ("data", "old", "type", "database", "table"),
                    "maxwell_json": ("data", "old", "type", "database", "table"),
                    "ogg_json": ("before", "after", "op_type", "table")}


@rule("schema-is-cdc-envelope", "ST604", "warning", "A CDC-format source whose schema declares the change envelope.", """
With `format = debezium_json` (or `canal_json`, `maxwell_json`, `ogg_json`) SeaTunnel reads the
change envelope itself and applies the declared `schema` to the row *images* (Debezium's
`before`/`after`, Canal's `data`/`old`). A schema that declares the envelope's own fields
(`before`, `after`, `op`, `ts_ms` ...) makes every column of every row null. Declare the
table's columns instead.

Bad:
```hocon
Kafka {
  format = debezium_json
  schema = { fields { before = "string", after = "string", op = "string", ts_ms = "bigint" } }
}
```
Good:
```hocon
Kafka {
  format = debezium_json
  schema = { fields { id = "int", name = "string" } }
}
```
""")
def schema_is_cdc_envelope(ctx: Context) -> Iterator[Diagnostic]:
    for p in ctx.job.of_kind("source"):
        if p.config is None or p.config.src is not ctx.source:
            continue
        fmt = p.top.get("format")
        if fmt is None or not isinstance(fmt.value, HScalar):
            continue
        f = str(fmt.value.value).lower()
        env = ENVELOPE_FORMATS.get(f)
        if env is None:
            continue
        sf = p.config.fields.get("schema")
        if sf is None or not isinstance(sf.value, HObject):
            continue
        fields = sf.value.fields.get("fields")
        if fields is None or not isinstance(fields.value, HObject):
            continue
        names = list(fields.value.fields)
        hit = [n for n in names if n.lower() in env]
        if len(hit) < 2:
            continue
        # only envelope fields declared: no column matches anything in the row images; mixed with the
        # table's columns, those columns are read fine and only the envelope names come out null
        effect = ("so every column would be null" if len(hit) == len(names) else
                  "looked up inside the row images they would be null (the other columns are read as declared)")
        yield ctx.diag("schema-is-cdc-envelope", fields.key_start, fields.value.end,
                       f"{p.label}: with `format = {f}` the schema describes the table's rows, not the change "
                       f"envelope; {', '.join('`' + h + '`' for h in hit)} are envelope fields, {effect}",
                       help="declare the table's columns (those inside the change's row images)",
                       plugin=p.label, option="schema",
                       related=[Related(fmt.value.start, fmt.value.end, "the format")])


# --------------------------------------------------------------------------------------------
# did-you-mean over a row costs its width: findings x width would be quadratic on wide rows with
# many bad names, so each rule run compares at most this many candidates (then no suggestion)
SUGGEST_BUDGET = 100_000


class _RowText:
    """Per rule run: a row's short text for messages and did-you-mean within the budget."""

    def __init__(self):
        self.budget = SUGGEST_BUDGET
        self.texts: dict[int, str] = {}
        self.lower: dict[int, set[str]] = {}

    def cols(self, row, limit: int = 160) -> str:
        t = self.texts.get(id(row))
        if t is None:
            parts, n = [], 0
            for k, v in row.items():
                piece = f"{k} {v or '?'}"
                n += len(piece) + 2
                if n > limit:
                    parts.append("...")
                    break
                parts.append(piece)
            t = self.texts[id(row)] = ", ".join(parts)
        return t

    def names(self, row, limit: int = 160) -> str:
        parts, n = [], 0
        for k in row:
            n += len(k) + 2
            if n > limit:
                parts.append("...")
                break
            parts.append(k)
        return "[" + ", ".join(parts) + "]"

    def has_ignoring_case(self, row, name: str) -> bool:
        s = self.lower.get(id(row))
        if s is None:
            s = self.lower[id(row)] = {k.lower() for k in row}
        return name.lower() in s

    def suggest(self, name: str, row) -> list[str]:
        if self.budget < len(row):
            return []
        self.budget -= len(row)
        return suggest(name, list(row), n=1)


# --------------------------------------------------------------------------------------------
@rule("unknown-field", "ST605", "error", "A transform names a field the incoming row does not have.", """
Transforms check their field options against the schema of the table they read when the job
starts (`TRANSFORM_COMMON-01 The input field '<field>' of '<transform>' transform not found in
upstream schema`): Replace `replace_field`, Split `split_field`, Copy `src_field`/`fields`
values, Filter `include_fields`/`exclude_fields`, FieldMapper keys, JsonPath `columns.src_field`.
stlint follows the row along `plugin_input`/`plugin_output` from sources that declare their
schema (FakeSource, Kafka, Http, ...) through the transforms whose output follows from their
options (Copy, Filter, FieldMapper, Replace, Split, JsonPath, FieldRename with its `specific` and
`replacements_with_regex` renames as each release applies them, Metadata, FilterRowKind, Sql). Where
the row
comes from a database at run time (Jdbc, CDC, file sources ...) nothing is reported.

Bad:
```hocon
source { FakeSource { plugin_output = "in", schema = { fields { name = "string" } } } }
transform { Replace { plugin_input = "in", replace_field = "nmae", pattern = "a", replacement = "b" } }
```
Good:
```hocon
source { FakeSource { plugin_output = "in", schema = { fields { name = "string" } } } }
transform { Replace { plugin_input = "in", replace_field = "name", pattern = "a", replacement = "b" } }
```
""", fix="unsafe")
def unknown_field(ctx: Context) -> Iterator[Diagnostic]:
    rt = _RowText()
    for ref, row in iter_refs(ctx):
        if ref.name in row:
            continue
        close = rt.suggest(ref.name, row)
        fix = help_ = None
        if close and ref.plugin.config.src is ctx.source:
            raw = ctx.text[ref.start:ref.end]
            if raw.strip('"') == ref.name:
                q = '"' if raw.startswith('"') else ""
                fix = Fix("unsafe", f"write `{close[0]}`", (Edit(ref.start, ref.end, f"{q}{close[0]}{q}"),))
            help_ = f"did you mean `{close[0]}`?"
        cols = rt.cols(row)
        yield ctx.diag("unknown-field", ref.start, ref.end,
                       f"{ref.plugin.label}: `{ref.option}` names `{ref.name}`, which the incoming row does not have "
                       f"({cols}); SeaTunnel fails: The input field '{ref.name}' of '{ref.plugin.name}' transform "
                       "not found in upstream schema",
                       fix=fix, help=help_, plugin=ref.plugin.label, option=ref.option)


# --------------------------------------------------------------------------------------------
@rule("unknown-sink-field", "ST609", "error", "A sink option names a field the incoming row does not have.", """
Some sink options name fields of the row the sink reads: Jdbc, Elasticsearch and Easysearch
`primary_keys`, Kafka and Pulsar `partition_key_fields`, Rocketmq `partition.key.fields`, file
sinks' `partition_by` and `sink_columns`, Hbase `rowkey_column`/`version_column`, IoTDB
`key_device`/`key_timestamp`/`key_measurement_fields`, InfluxDB `key_time`/`key_tags`, Cassandra
`fields`, MongoDB `primary-key` (the catalog's `field_refs`, from `rules/overlay.yaml`, per
release). When the incoming row is known (see `unknown-field`), a name it lacks is an error where
SeaTunnel fails on it (the message quotes SeaTunnel's, with the file and line of the release: e.g.
`can't find field [x]` when the Jdbc sink builds its upsert statements) and a warning where
SeaTunnel goes on without it (file sinks drop an unknown `sink_columns` entry, MongoDB leaves it out
of its upsert filter). Options under which SeaTunnel does not look the names up (a Jdbc sink with
its own `query`) are not checked.

Bad:
```hocon
source { FakeSource { plugin_output = "in", schema = { fields { id = "int", name = "string" } } } }
sink { Jdbc { plugin_input = "in", url = "jdbc:mysql://h/db", driver = "com.mysql.cj.jdbc.Driver",
  generate_sink_sql = true, database = db, table = t, primary_keys = ["ID"] } }
```
Good:
```hocon
source { FakeSource { plugin_output = "in", schema = { fields { id = "int", name = "string" } } } }
sink { Jdbc { plugin_input = "in", url = "jdbc:mysql://h/db", driver = "com.mysql.cj.jdbc.Driver",
  generate_sink_sql = true, database = db, table = t, primary_keys = ["id"] } }
```
""", fix="unsafe")
def unknown_sink_field(ctx: Context) -> Iterator[Diagnostic]:
    rt = _RowText()
    for ref, row in iter_sink_refs(ctx):
        e = ref.entry
        if ref.name in row or (e.get("ignore_case") and rt.has_ignoring_case(row, ref.name)):
            continue
        close = rt.suggest(ref.name, row)
        fix = help_ = None
        if close:
            raw = ctx.text[ref.start:ref.end]
            if raw.strip('"') == ref.name:
                q = '"' if raw.startswith('"') else ""
                fix = Fix("unsafe", f"write `{close[0]}`", (Edit(ref.start, ref.end, f"{q}{close[0]}{q}"),))
            help_ = f"did you mean `{close[0]}`?"
        cols = rt.cols(row)
        where = e["where"].rsplit("/", 1)[-1]
        said = e["message"].replace("{field}", ref.name).replace("{row}", rt.names(row))
        p = ref.plugin
        if e["severity"] == "error":
            msg = (f"{p.label}: `{e['option']}` names `{ref.name}`, which the incoming row does not have ({cols}); "
                   f"SeaTunnel {ctx.catalog.version} fails: {said} ({where})")
        else:
            msg = (f"{p.label}: `{e['option']}` names `{ref.name}`, which the incoming row does not have ({cols}); "
                   f"{said} ({where})")
        d = ctx.diag("unknown-sink-field", ref.start, ref.end, msg, fix=fix, help=help_, plugin=p.label,
                     option=e["option"])
        if e["severity"] != "error":
            d.severity = e["severity"]  # SeaTunnel goes on without the field (per catalog entry)
        yield d


# --------------------------------------------------------------------------------------------
def _sql_plugins(ctx: Context):
    flow = row_flow(ctx)
    for p in ctx.job.of_kind("transform"):
        if (p.name or "").lower() != "sql" or p.config is None or p.config.src is not ctx.source:
            continue
        q = p.config.fields.get("query")
        if q is None or not isinstance(q.value, HScalar) or q.value.src is not ctx.source:
            continue
        from stlint.sqlcheck import analyse

        info = analyse(p, q.value, flow.incoming.get(id(p)), ctx.memo)
        if info is not None:
            yield p, info, flow


@rule("sql-syntax-error", "ST606", "error", "A Sql transform query that does not parse.", """
The Sql transform parses `query` when the job starts (ZetaSQLEngine.init: "SQL parse failed").
stlint parses it with sqlglot and points at the line and column inside the (triple-quoted)
string; what sqlglot tolerates but JSqlParser 4.9 (SeaTunnel's parser) rejects is reported too: a
`,` right before `FROM` (`select a, b, from t`).

Bad:
```hocon
Sql { query = "select id, name form t" }
```
Good:
```hocon
Sql { query = "select id, name from t" }
```
""")
def sql_syntax_error(ctx: Context) -> Iterator[Diagnostic]:
    for p, info, _ in _sql_plugins(ctx):
        if info.error is None:
            continue
        s, e, msg = info.error
        yield ctx.diag("sql-syntax-error", s, e, f"{p.label}: the query does not parse: {msg}",
                       plugin=p.label, option="query")


@rule("sql-table-mismatch", "ST607", "warning", "A Sql query reading a table that is not the transform's input.", """
A Sql transform reads the one table named by its `plugin_input`; the `FROM` name is not looked up.
SeaTunnel only logs a warning when it is neither the input name, nor the input rows' catalog table
name (the last part of the table path the source reads: `table-names = ["db.dbo.emps"]` gives
`emps`; also `table_path`, `schema.table`), nor `dual` ("SQL table name ... is not equal to input
table name", ZetaSQLEngine.java:134 in 2.3.10), and runs the query on the input anyway, so a `FROM`
naming another table is misleading at best.

Bad:
```hocon
Sql { plugin_input = "orders", plugin_output = "o2", query = "select * from customers" }
```
Good:
```hocon
Sql { plugin_input = "orders", plugin_output = "o2", query = "select * from orders" }
```
""")
def sql_table_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    for p, info, flow in _sql_plugins(ctx):
        if info.table is None:
            continue
        inputs = ctx.job.inputs(p)
        if not inputs or len(inputs) != 1:
            continue
        want = inputs[0][0]
        name, s, e = info.table
        if "${" in want or name.lower() in (want.lower(), "dual"):
            continue
        # the catalog table name (`schema.table` of the source) is accepted too: not known here
        # unless the upstream declares it, so only report when the upstream is a plain source/transform
        if _catalog_table_names(ctx, want) & {name.lower()}:
            continue
        # ... and so is the table name the upstream source reads (`table-names`, `table_path`, ...)
        from stlint.tablenames import upstream_table_names

        up = upstream_table_names(ctx.job, p, ctx.memo.setdefault("sql-table-mismatch", {}))
        if up is None or name.lower() in up:
            continue
        yield ctx.diag("sql-table-mismatch", s, e,
                       f"{p.label}: the query reads `{name}` but the transform's input is `{want}`; SeaTunnel "
                       "ignores the FROM name and runs the query on its input",
                       help=f"write `FROM {want}`", plugin=p.label, option="query",
                       related=[Related(inputs[0][1].value_start, inputs[0][1].value_end, "the input table")])


def _catalog_table_names(ctx: Context, table: str) -> set[str]:
    """Table names a declared schema gives (`schema.table = "db.t"` -> t, db.t); once per lint."""
    got = ctx.memo.get("catalog-table-names")
    if got is not None:
        return got
    out: set[str] = set()
    ctx.memo["catalog-table-names"] = out
    for p in ctx.job.plugins:
        if p.config is None:
            continue
        sf = p.config.fields.get("schema")
        if sf is not None and isinstance(sf.value, HObject):
            t = sf.value.fields.get("table")
            if t is not None and isinstance(t.value, HScalar):
                s = str(t.value.value).lower()
                out.add(s)
                out.add(s.rsplit(".", 1)[-1])
    return out


@rule("sql-unknown-column", "ST608", "error", "A Sql query naming a column the input row does not have.", """
When the transform's input row is known (see `unknown-field`), every column the query names must
be a field of it; SeaTunnel fails building the output schema with "can't find field [x]"
(ZetaSQLType.java:145 in 2.3.10). Compared without regard to case, and a `a.b` reference only
needs the row field `a`.

Bad:
```hocon
Sql { plugin_input = "in", query = "select id, nmae from in" }
```
Good:
```hocon
Sql { plugin_input = "in", query = "select id, name from in" }
```
""")
def sql_unknown_column(ctx: Context) -> Iterator[Diagnostic]:
    for p, info, flow in _sql_plugins(ctx):
        row = flow.incoming.get(id(p))
        if row is None or info.error is not None:
            continue
        rt = _RowText()
        seen = set()
        for name, s, e in info.columns:
            if rt.has_ignoring_case(row, name) or (name, s) in seen:
                continue
            seen.add((name, s))
            close = rt.suggest(name, row)
            yield ctx.diag("sql-unknown-column", s, e,
                           f"{p.label}: the query names `{name}`, which the input row does not have "
                           f"({rt.cols(row)}); SeaTunnel fails: can't find field [{name}]",
                           help=f"did you mean `{close[0]}`?" if close else None, plugin=p.label, option="query")


_ = to_json  # re-exported helpers stay importable
