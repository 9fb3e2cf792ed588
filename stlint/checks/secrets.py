"""Secrets (ST4xx): credentials written into the job file.

Messages name the key, never the value.
"""

from __future__ import annotations

import re
from typing import Iterator

from stlint.checks import Context, rule
from stlint.diagnostics import Diagnostic, Edit, Fix
from stlint.hocon import HList, HScalar, to_json
from stlint.job import Option, Plugin

from stlint.redact import (DATA_PARENTS as _DATA_PARENTS, SEATUNNEL_SENSITIVE, SECRET_KEY_PATTERNS,  # noqa: F401
                           is_masked, is_secret_key, key_patterns, snake as _snake, url_default_secret,
                           url_secret_ok, url_secrets)

BUILTIN_SHADES = ("default", "base64")


def _patterns(ctx: Context) -> list[re.Pattern]:
    return key_patterns(getattr(ctx.settings, "sensitive_patterns", None))


class _Shade:
    """env.shade.identifier / env.shade.options as SeaTunnel's ConfigShadeUtils reads them."""

    def __init__(self, ctx: Context) -> None:
        env = ctx.job.env
        ident = env.get("shade.identifier")
        self.identifier = str(to_json(ident.value)) if ident is not None and isinstance(ident.value, HScalar) else "default"
        self.keys = set(SEATUNNEL_SENSITIVE)
        opts = env.get("shade.options")
        if opts is not None:
            v = opts.value
            if isinstance(v, HList):
                self.keys |= {str(to_json(i)) for i in v.items if isinstance(i, HScalar)}
            elif isinstance(v, HScalar) and isinstance(v.value, str):
                self.keys |= {s.strip() for s in v.value.split(",") if s.strip()}

    @property
    def active(self) -> bool:
        """A shade that transforms values (base64, or a custom one: stlint cannot see custom
        ConfigShade jars, so any identifier other than `default` is taken as installed)."""
        return self.identifier != "default"

    def decrypts(self, plugin: Plugin | None, key: str) -> bool:
        """Decryption runs on top-level keys (exact match) of source and sink blocks only."""
        return (plugin is not None and plugin.kind in ("source", "sink") and key in plugin.top
                and key in self.keys)


def _options(ctx: Context) -> Iterator[tuple[Plugin | None, str, Option]]:
    for k, o in ctx.job.env.items():
        yield None, k, o
    for p in ctx.job.plugins:
        for k, o in p.options.items():
            yield p, k, o


def _literal(ctx: Context, o: Option) -> HScalar | None:
    v = o.value
    if not isinstance(v, HScalar) or v.src is not ctx.source or o.placeholders:
        return None
    if v.value is None or isinstance(v.value, bool):
        return None
    if isinstance(v.value, str) and (not v.value.strip() or "${" in v.value or is_masked(v.value)):
        return None
    return v


def _default_secrets(ctx: Context, o: Option) -> Iterator[tuple[int, int, object]]:
    """(start, end, placeholder) of each non-empty, unmasked default of a `${X:default}` in the
    value of a secret key (quoted or not): the default is the secret, in plain text."""
    for ph in o.placeholders:
        if ph.default is None or not ph.default.strip() or is_masked(ph.default):
            continue
        raw = ctx.text[ph.start:ph.end]
        colon = raw.find(":")
        if colon < 0:
            continue
        yield ph.start + colon + 1, ph.end - 1, ph


def var_name(ctx: Context, plugin: Plugin | None, key: str) -> str:
    """A variable name for the secret of ``key``: JDBC_SINK_PASSWORD (SINK2 when two sinks share
    the plugin name), ENV_<KEY> for env."""
    if plugin is None:
        parts = ["ENV", _snake(key)]
    else:
        same = [q for q in ctx.job.plugins if q.kind == plugin.kind and q.name.lower() == plugin.name.lower()]
        kind = plugin.kind if len(same) < 2 else f"{plugin.kind}{same.index(plugin) + 1}"
        parts = [plugin.name, kind, _snake(key)]
    return re.sub(r"[^A-Z0-9]+", "_", "_".join(parts).upper()).strip("_")


def _where(plugin: Plugin | None) -> str:
    return plugin.label if plugin is not None else "env"


# --------------------------------------------------------------------------------------------
@rule("plaintext-secret", "ST401", "warning", "A password, token or key written as plain text in the job file.", """
Job files end up in version control, tickets and logs. Keep secrets out of them: write a quoted
variable and pass the value when submitting (`-i JDBC_SINK_PASSWORD=...`), or encrypt the file with
a config shade (`env { shade.identifier = "base64" }` and `seatunnel.sh --encrypt`). Sensitive keys
are SeaTunnel's own (`password`, `auth`, `token`, `access_key`, `secret_key`) plus keys ending in
password/passwd/pwd/secret/token/credential(s) or a `*_key` secret (api, private, access, ...), the
same written as dotted Hadoop keys (`fs.s3a.secret.key`, `fs.s3a.access.key`, also inside
`hadoop_s3_properties`-like maps), and the regular expressions in stlint's `sensitive_patterns`.
`username` is on SeaTunnel's shade list but is an identifier, not a secret, so it is not reported.
A secret written as the default of a variable (`"${PW:hunter2}"`, `${PW:hunter2}`) is a plaintext
secret too: SeaTunnel uses it whenever `-i PW` is missing; the fix removes the default. Visibly
fake values are not reported: one character repeated (`******`, `xxxx`, with a short prefix:
`AWS_XXXX`, `sk-xxx`), angle-bracket placeholders (`<your access key>`), `changeme`-like words,
`your_...`, template expressions (`{{ db_password }}`); see `stlint/redact.py`. With a shade other than `default` the values
SeaTunnel decrypts (SeaTunnel's keys and `shade.options`, top-level keys of sources and sinks) are
taken as encrypted; other places are still reported, because the shade does not touch them. The fix
(unsafe: the job then needs `-i`) replaces the literal by a variable named after plugin and key.

Bad:
```hocon
sink { Jdbc { password = "hunter2" } }
```
Good:
```hocon
sink { Jdbc { password = "${JDBC_SINK_PASSWORD}" } }   # seatunnel.sh ... -i JDBC_SINK_PASSWORD=...
```
""", fix="unsafe")
def plaintext_secret(ctx: Context) -> Iterator[Diagnostic]:
    pats = _patterns(ctx)
    shade = _Shade(ctx)
    for plugin, key, o in _options(ctx):
        if not is_secret_key(key, pats):
            continue
        if shade.active and shade.decrypts(plugin, key):
            continue
        for ds, de, ph in _default_secrets(ctx, o):
            msg = (f"`{key}` of {_where(plugin)} has a plaintext secret as the default of `${{{ph.name}:...}}`: "
                   f"drop the default and pass the value at submit time with `-i {ph.name}=...`")
            fix = Fix("unsafe", f"remove the default (then run with -i {ph.name}=...)", (Edit(ds - 1, de, ""),))
            yield ctx.diag("plaintext-secret", ds, de, msg, fix=fix,
                           plugin=plugin.label if plugin else None, option=key)
        v = _literal(ctx, o)
        if v is None:
            continue
        name = var_name(ctx, plugin, key)
        msg = f"`{key}` of {_where(plugin)} holds a plaintext secret"
        if shade.active:
            msg += (f"; the `{shade.identifier}` shade does not decrypt it (only SeaTunnel's sensitive keys and "
                    "`shade.options`, at the top level of sources and sinks)")
        msg += f": write a variable and pass the value at submit time with `-i {name}=...`"
        fix = Fix("unsafe", f"replace the value with \"${{{name}}}\" (then run with -i {name}=...)",
                  (Edit(v.start, v.end, f'"${{{name}}}"'),))
        yield ctx.diag("plaintext-secret", v.start, v.end, msg, fix=fix, plugin=plugin.label if plugin else None, option=key)


# --------------------------------------------------------------------------------------------
@rule("secret-in-url", "ST402", "warning", "Credentials inside a connection URL (user:pass@, password=...).", """
A password inside a JDBC/MongoDB/HTTP URL (`mysql://user:pass@host`, Oracle's `user/pass@host`,
`?password=...`, `;password=...`, or a Kafka JAAS `password="..."`), also as the default of a
variable (`user:${PW:hunter2}@host`), is as exposed as a plaintext
`password` option, and SeaTunnel's log masking does not hide it. Put the user and password into the
connector's `username`/`password` options (as variables), or make the URL itself a variable.

Bad:
```hocon
Jdbc { url = "jdbc:mysql://root:hunter2@db:3306/shop" }
```
Good:
```hocon
Jdbc {
  url = "jdbc:mysql://db:3306/shop"
  user = "root"
  password = "${JDBC_SOURCE_PASSWORD}"
}
```
""")
def secret_in_url(ctx: Context) -> Iterator[Diagnostic]:
    shade = _Shade(ctx)
    for plugin, key, o in _options(ctx):
        v = o.value
        if not isinstance(v, HScalar) or not isinstance(v.value, str) or v.src is not ctx.source:
            continue
        if "=" not in v.value and "@" not in v.value:
            continue
        if shade.active and shade.decrypts(plugin, key):
            continue
        raw = ctx.text[v.start:v.end]
        seen: set[int] = set()
        for s, e, what in url_secrets(raw):
            pw = raw[s:e]
            if s in seen:
                continue
            if not url_secret_ok(pw):
                d = url_default_secret(pw)
                if d is None:
                    continue
                s, e = s + d[0], s + d[1]  # `user:${PW:hunter2}@`: the default is the secret
                what += " (as the default of a variable)"
            seen.add(s)
            yield ctx.diag("secret-in-url", v.start + s, v.start + e,
                           f"`{key}` of {_where(plugin)} contains {what}: move the credentials into variables "
                           "(e.g. the connector's `password` option set from `-i`)",
                           plugin=plugin.label if plugin else None, option=key)


# --------------------------------------------------------------------------------------------
# Catalog versions whose ConfigShadeUtils converts sensitive values with `value.toString()`
# (ConfigShadeUtils.java:134 at 2.3.8 and at 2.3.9 d61cba233); the String cast arrived with 2.3.10
# (ConfigShadeUtils.java:169 at cdc79e13a).
_TOSTRING_SHADE_VERSIONS = frozenset({"2.3.8", "2.3.9"})


@rule("numeric-secret", "ST403", "error", "A sensitive key with an unquoted number: SeaTunnel's loader aborts.", """
While loading every job, SeaTunnel's ConfigShadeUtils runs over the top-level keys `password`,
`username`, `auth`, `token`, `access_key`, `secret_key` (and those in `env.shade.options`) of each
source and sink, and casts their values to String, even with no shade configured. An unquoted
number (or boolean) there is not a String: loading aborts with a ClassCastException. Quoting keeps
exactly the characters written (a number would also lose leading zeros), so the fix is safe.
Only reported when linting for 2.3.10 or later: the 2.3.8/2.3.9 loader converted with `toString()`.

Bad:
```hocon
source { Jdbc { username = 1001, password = 012345 } }
```
Good:
```hocon
source { Jdbc { username = "1001", password = "012345" } }
```
""", fix="safe")
def numeric_secret(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalog
    if cat is not None and cat.version in _TOSTRING_SHADE_VERSIONS:
        return
    shade = _Shade(ctx)
    for plugin in ctx.job.plugins:
        if plugin.kind not in ("source", "sink"):
            continue
        for key, o in plugin.top.items():
            if key not in shade.keys:
                continue
            v = o.value
            if not isinstance(v, HScalar) or v.value is None or isinstance(v.value, str) or v.src is not ctx.source:
                continue
            kind = "boolean" if isinstance(v.value, bool) else "number"
            raw = ctx.text[v.start:v.end]
            yield ctx.diag("numeric-secret", v.start, v.end,
                           f"`{key}` of {plugin.label} is an unquoted {kind}: SeaTunnel casts sensitive values to "
                           "String while loading and aborts (ClassCastException); quote the value",
                           fix=Fix("safe", "quote the value", (Edit(v.start, v.end, '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'),)),
                           plugin=plugin.label, option=key)
