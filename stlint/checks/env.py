"""Env rules (ST2xx): the `env` section's keys and values, and how `job.mode` fits the job's
sources and checkpoints."""

from __future__ import annotations

from typing import Any, Iterator

from stlint.catalog.model import MISSING, UNKNOWN, is_unknown_value
from stlint.checks import Context, did_you_mean, rule, suggest
from stlint import envread
from stlint.diagnostics import Diagnostic, Edit, Fix, Related
from stlint.hocon import HObject, to_json
from stlint.job import PLACEHOLDER_RE

# key families the engines pass through (Flink `execution.*`/`flink.*`, Spark `spark.*`) and the
# config-shade keys (`shade.identifier`, `shade.options`, `shade.properties`) are env options of the
# catalog (overlay; `kind: prefix` for the families): completion and hover offer the same list


class _EnvKey:
    __slots__ = ("path", "field", "value")

    def __init__(self, path: str, field, value):
        self.path = path  # dotted key, e.g. "checkpoint.interval"
        self.field = field  # HField of the last written key
        self.value = value  # HValue


def _env_obj(ctx: Context) -> HObject | None:
    s = ctx.job.sections.get("env")
    return s.value if s is not None and isinstance(s.value, HObject) else None


def _leaves(obj: HObject, prefix: str = "") -> Iterator[_EnvKey]:
    for k, f in obj.fields.items():
        path = prefix + k
        if isinstance(f.value, HObject) and f.value.fields:
            yield from _leaves(f.value, path + ".")
        else:
            yield _EnvKey(path, f, f.value)


def _get(obj: HObject | None, key: str) -> _EnvKey | None:
    """ReadonlyConfig lookup: the flat key first, then the key split on '.' through objects."""
    if obj is None:
        return None
    f = obj.fields.get(key)
    if f is not None:
        return _EnvKey(key, f, f.value)
    if "." not in key:
        return None
    cur: Any = obj
    f = None
    for part in key.split("."):
        if not isinstance(cur, HObject) or part not in cur.fields:
            return None
        f = cur.fields[part]
        cur = f.value
    return _EnvKey(key, f, cur) if f is not None else None


def _literal(v) -> Any:
    """Plain value with `${X:default}` read as its default; UNKNOWN when it depends on a variable
    without default or on an unresolved substitution."""
    data = to_json(v)
    if isinstance(data, str) and "${" in data:
        ms = list(PLACEHOLDER_RE.finditer(data))
        if ms and all(m.group(2) is not None for m in ms):
            return PLACEHOLDER_RE.sub(lambda m: m.group(2), data)
        return UNKNOWN
    if is_unknown_value(data):
        return UNKNOWN
    return data


def _job_mode(ctx: Context) -> tuple[Any, _EnvKey | None]:
    """("BATCH" | "STREAMING" | UNKNOWN, the job.mode entry or None). BATCH when absent."""
    e = _get(_env_obj(ctx), "job.mode")
    if e is None:
        return "BATCH", None
    raw = _literal(e.value)
    if raw is UNKNOWN or isinstance(raw, (dict, list)) or raw is None:
        return UNKNOWN, e
    s = str(raw).upper()
    return (s if s in ("BATCH", "STREAMING") else UNKNOWN), e


# --------------------------------------------------------------------------------------------
@rule("unknown-env-option", "ST201", "warning", "An `env` key SeaTunnel does not read (probably a typo).", """
SeaTunnel ignores `env` keys it does not know, so a misspelt `job.mode` or `parallelism`
silently falls back to the default. Engine pass-through keys (`execution.*` and `flink.*` for
Flink, `spark.*` for Spark) and the config-shade keys (`shade.*`) are accepted, as are any
sub-keys of the map options `custom_parameters` and `tag_filter`. Not reported when the job
targets Spark (`engine = "spark"`, or any `spark.*` env key): the Spark starter passes every env
key to SparkConf (SparkRuntimeEnvironment.createSparkConf, 2.3.13), so no key is ignored there.

Bad:
```hocon
env {
  job.mdoe = "STREAMING"
}
```
Good:
```hocon
env {
  job.mode = "STREAMING"
}
```
""")
def unknown_env_option(ctx: Context) -> Iterator[Diagnostic]:
    obj = _env_obj(ctx)
    cat = ctx.catalog
    if obj is None or cat is None or ctx.engine == "spark":
        return
    spec = cat.env
    families, declared, prefixes, inside = _env_keys(spec)
    for k, f in _outermost_unknown(obj, declared, prefixes, families, inside):
        if f.src is not ctx.source:
            continue
        close = spec.suggest_option(k, 3)  # overlay hints first, then keys with the same word parts
        hint = spec.hint(k)
        msg = f"`{k}` is not an env option SeaTunnel {cat.version} reads"
        if close:
            msg += "; " + did_you_mean(close) + (f" ({hint})" if hint else "")
        elif hint:
            msg += f": {hint}"
        else:
            msg += " (it is ignored)"
        yield ctx.diag("unknown-env-option", f.key_start, f.key_end, msg, option=k,
                       suggestions=ctx.replacements(f.key_start, f.key_end, k, close))


_ENV_KEYS: dict[int, tuple] = {}  # id(env spec) -> (spec, facts): catalog facts, made once per catalog


def _env_keys(spec) -> tuple[tuple[str, ...], set[str], set[str], tuple[str, ...]]:
    """(prefix families, declared keys, their dotted prefixes, the declared keys + "."), per env spec."""
    hit = _ENV_KEYS.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    families = tuple(k for k, o in spec.options.items() if o.kind == "prefix")
    declared = {k for k, o in spec.options.items() if o.kind != "prefix"}
    prefixes = {k[:i] for k in declared for i, c in enumerate(k) if c == "."}
    facts = (families, declared, prefixes, tuple(d + "." for d in declared))
    _ENV_KEYS[id(spec)] = (spec, facts)
    return facts


def _outermost_unknown(obj: HObject, declared: set[str], prefixes: set[str], families: tuple[str, ...],
                       inside: tuple[str, ...], prefix: str = ""):
    for k, f in obj.fields.items():
        path = prefix + k
        if path in declared or path.startswith(families) or path + "." in families:
            continue
        if path.startswith(inside):
            continue  # inside a map option (custom_parameters, tag_filter)
        if path in prefixes:
            if isinstance(f.value, HObject):
                yield from _outermost_unknown(f.value, declared, prefixes, families, inside, path + ".")
            continue
        yield path, f


# --------------------------------------------------------------------------------------------
@rule("invalid-env-value", "ST202", "error", "An `env` value SeaTunnel cannot convert or does not allow, or reads as another value.", """
`job.mode` must be BATCH or STREAMING, `parallelism`, `checkpoint.interval` and the other numeric
keys must be integers, and `savemode.execute.location` is CLUSTER or CLIENT. How strictly depends
on who reads the key, per engine and release (`stlint/envread.py`): Zeta reads most keys with
`ReadonlyConfig.get` (`ConfigUtil.convertValue`, as invalid-option-value: any case for enums, a
fraction truncated, a number picks the enum constant at that position: warnings), but parses
`checkpoint.interval`, `checkpoint.timeout`, `job.retry.*` and `read_limit.*` itself with
`Long.parseLong`/`Integer.parseInt` of the value's text (JobMaster, SubPlan, FlowControlStrategy),
where `2.5` or `" 100"` fails; the Flink and Spark starters read `job.mode` with Typesafe Config's
`getEnum` (the exact name: `batch` fails) and `parallelism` (Flink) with `getInt`. The message
quotes the failure and the file:line of the release. A `"${VAR:default}"` value is checked on its
default.

Bad:
```hocon
env {
  job.mode = "STREAM"
  checkpoint.interval = "10s"
}
```
Good:
```hocon
env {
  job.mode = "STREAMING"
  checkpoint.interval = 10000
}
```
""")
def invalid_env_value(ctx: Context) -> Iterator[Diagnostic]:
    obj = _env_obj(ctx)
    cat = ctx.catalog
    if obj is None or cat is None:
        return
    spec = cat.env
    fields = obj.fields
    for k, s in spec.options.items():
        if s.kind == "prefix":
            continue  # a key family, not one key
        if k not in fields:
            i = k.find(".")
            if i < 0 or k[:i] not in fields:
                continue  # `_get` looks nowhere else: not written (most declared keys)
        e = _get(obj, k)
        if e is None or e.value.src is not ctx.source:
            continue
        raw = _literal(e.value)
        if raw is UNKNOWN or raw is MISSING or raw is None:
            continue
        reads = envread.readers(k, ctx.engine, cat.version)
        v = s.verdict(raw, reads)
        if v is None:
            continue
        err = s.check_value(raw, reads)
        text = ctx.text[e.value.start:e.value.end]
        msg = f"`{k}`: {err}"
        if "${" in text:
            msg += f" (the default in `{text}`)"
        close = suggest(raw, s.enum_values, n=1, cutoff=0.5) if s.enum_values and isinstance(raw, str) else []
        fix = None
        if not v.fail and v.fix is not None and "${" not in text:
            fix = Fix("unsafe", f"write `{v.fix}`", (Edit(e.value.start, e.value.end, v.fix),))
        d = ctx.diag("invalid-env-value", e.value.start, e.value.end, msg,
                     help=did_you_mean(close) or (f"write `{v.fix}`" if fix else None), fix=fix,
                     option=k, suggestions=ctx.replacements(e.value.start, e.value.end, raw, close))
        if not v.fail:
            d.severity = "warning"  # SeaTunnel goes on with another value than the one written
        yield d


# --------------------------------------------------------------------------------------------
@rule("streaming-without-checkpoint", "ST203", "warning", "A STREAMING job without `checkpoint.interval`.", """
A streaming job commits its sinks' transactions and saves its recovery point at each checkpoint.
Without `checkpoint.interval` in `env` the interval is whatever the cluster's `seatunnel.yaml`
says, so how often data becomes visible (and how much is replayed after a failure) changes
with the cluster. State it in the job.

Bad:
```hocon
env {
  job.mode = "STREAMING"
}
```
Good:
```hocon
env {
  job.mode = "STREAMING"
  checkpoint.interval = 10000
}
```
""")
def streaming_without_checkpoint(ctx: Context) -> Iterator[Diagnostic]:
    mode, e = _job_mode(ctx)
    if mode != "STREAMING" or e is None or e.value.src is not ctx.source:
        return
    obj = _env_obj(ctx)
    if _get(obj, "checkpoint.interval") is not None or _get(obj, "execution.checkpoint.interval") is not None:
        return
    yield ctx.diag("streaming-without-checkpoint", e.value.start, e.value.end,
                   "streaming job without `checkpoint.interval`: the checkpoint interval (when sinks commit and "
                   "what a restart replays) then comes from the cluster's seatunnel.yaml",
                   help="add `checkpoint.interval = 10000` (milliseconds) to env", option="job.mode")


# --------------------------------------------------------------------------------------------
@rule("batch-with-unbounded-source", "ST204", "error", "A BATCH job (the default) with a CDC source that never stops.", """
A CDC source is unbounded while its `stop.mode` is `never`, which is its default, and SeaTunnel
refuses to run an unbounded source in a BATCH job; BATCH is also what a job without `job.mode`
runs as. Either make the job STREAMING or give the source a `stop.mode` that ends the read.

Bad:
```hocon
env {}
source {
  MySQL-CDC {
    url = "jdbc:mysql://db:3306/shop"
    table-names = ["shop.orders"]
  }
}
```
Good:
```hocon
env {
  job.mode = "STREAMING"
  checkpoint.interval = 10000
}
source {
  MySQL-CDC {
    url = "jdbc:mysql://db:3306/shop"
    table-names = ["shop.orders"]
  }
}
```
""")
def batch_with_unbounded_source(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is None:
        return
    mode, e = _job_mode(ctx)
    if mode != "BATCH":
        return
    for p in ctx.job.of_kind("source"):
        if p.config is None or p.config.src is not ctx.source or not isinstance(p.name, str):
            continue
        spec = cat.find("source", p.name)
        if spec is None:
            continue
        sm = spec.options.get("stop.mode")
        by_default = isinstance(sm, type(None)) and spec.name.lower().endswith("-cdc")
        if not by_default and not (sm is not None and str(sm.default).upper() == "NEVER"):
            continue
        o = p.get("stop.mode")
        if o is not None:
            raw = _literal(o.value)
            if raw is UNKNOWN or str(raw).upper() != "NEVER":
                continue
            why = f"`stop.mode` is {raw}"
        else:
            why = "`stop.mode` is never (its default)"
        mode_why = f"job.mode is {to_json(e.value)}" if e is not None else "the job is BATCH (the default: no `job.mode`)"
        o_pn = p.top.get("plugin_name")
        s, t = (o_pn.value_start, o_pn.value_end) if o_pn is not None else (p.name_start, p.name_end)
        related = [Related(e.value.start, e.value.end, "the job mode")] if e is not None else []
        yield ctx.diag("batch-with-unbounded-source", s, t,
                       f"`{spec.name}` never finishes ({why}) but {mode_why}: SeaTunnel refuses an unbounded "
                       "source in a BATCH job",
                       help='set `job.mode = "STREAMING"` in env, or a `stop.mode` that ends the read',
                       plugin=p.label, related=related)


# --------------------------------------------------------------------------------------------
@rule("flink-only-env-key", "ST205", "warning", "Flink starter env keys (`execution.parallelism`, `execution.*`, `flink.*`) on Zeta, which ignores them.", """
`execution.parallelism` and `execution.checkpoint.interval` are the Flink starter's old spellings of
the common `parallelism` and `checkpoint.interval` (ConfigKeyName.java:28,31; the Flink starter
reads them only when the common key is absent and logs that they "will be deprecated",
AbstractFlinkRuntimeEnvironment.java:192-199, 2.3.13). Zeta reads only the common keys: a source
runs with its own `parallelism`, else env `parallelism`, else 1 (MultipleTableJobConfigParser.java:363,
2.3.13), and the checkpoint interval is env `checkpoint.interval`, else the cluster's seatunnel.yaml
(JobMaster.java:348). So `execution.parallelism = 4` on Zeta silently runs with parallelism 1.
Reported for Zeta jobs (the default engine; see `engine`) when the old key would change something:
a parallelism other than the one Zeta uses, a STREAMING job's interval with no `checkpoint.interval`.
The Flink starter's other keys (`execution.planner`, `execution.restart.*`, ... in ConfigKeyName.java;
`flink.*`, copied into Flink's configuration, EnvironmentUtil.java:121, 2.3.13) are read by no Zeta
code either; since they make stlint infer the Flink engine, they are reported only on a job
explicitly checked as Zeta (`--engine zeta` or `engine = "zeta"` in the settings).

Bad:
```hocon
env {
  job.mode = "BATCH"
  execution.parallelism = 4
}
```
Good:
```hocon
env {
  job.mode = "BATCH"
  parallelism = 4
}
```
""")
def flink_only_env_key(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.engine != "zeta":
        return
    obj = _env_obj(ctx)
    if obj is None:
        return
    old = _get(obj, "execution.parallelism")
    if old is not None and old.field.src is ctx.source:
        want = _int(_literal(old.value))
        cur = _get(obj, "parallelism")
        used = _int(_literal(cur.value)) if cur is not None else 1
        sources = [p for p in ctx.job.of_kind("source") if p.config is not None]
        own = bool(sources) and all(p.get("parallelism") is not None for p in sources)
        if want is not None and used is not None and want != used and not own:
            how = (f"`parallelism = {used}` is set and wins on every engine" if cur is not None else
                   f"Zeta reads `parallelism` only, so this job runs with parallelism {used}")
            related = [Related(cur.field.key_start, cur.field.key_end, "the key Zeta reads")] if cur is not None else []
            yield ctx.diag("flink-only-env-key", old.field.key_start, old.field.key_end,
                           f"`execution.parallelism = {want}` is the Flink starter's old spelling: {how}",
                           help=f"write `parallelism = {want}` (the Flink starter reads it too)" if cur is None else "drop `execution.parallelism`",
                           option="execution.parallelism", related=related)
    old = _get(obj, "execution.checkpoint.interval")
    mode, _ = _job_mode(ctx)
    if old is not None and old.field.src is ctx.source and mode == "STREAMING" \
            and _get(obj, "checkpoint.interval") is None:
        yield ctx.diag("flink-only-env-key", old.field.key_start, old.field.key_end,
                       "`execution.checkpoint.interval` is the Flink starter's old spelling: Zeta reads "
                       "`checkpoint.interval` only, so this streaming job checkpoints at the interval of the "
                       "cluster's seatunnel.yaml",
                       help=f"write `checkpoint.interval = {to_json(old.value)}` (the Flink starter reads it too)", option="execution.checkpoint.interval")
    # the other Flink starter keys (ConfigKeyName: execution.planner, execution.restart.*, ...; `flink.*`
    # is copied into Flink's configuration, EnvironmentUtil.java:121): read by no Zeta code. A job with
    # them is a Flink job to the engine inference, so this speaks only when Zeta was chosen explicitly.
    for k in _leaves(obj):
        if k.field.src is not ctx.source or k.path in ("execution.parallelism", "execution.checkpoint.interval"):
            continue
        if k.path.startswith("execution.") or k.path.startswith("flink."):
            yield ctx.diag("flink-only-env-key", k.field.key_start, k.field.key_end,
                           f"`{k.path}` is a Flink starter key: the Zeta engine this job runs on ignores it",
                           help="drop it, or run the job with the Flink starter (`engine = flink`)", option=k.path)


def _int(v: Any) -> int | None:
    if isinstance(v, bool) or v is UNKNOWN or v is None:
        return None
    try:
        return int(str(v).strip())
    except ValueError:
        return None
