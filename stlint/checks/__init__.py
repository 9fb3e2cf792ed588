"""Rule registry and the context every rule receives.

A rule is a small pure function ``rule(ctx) -> Iterable[Diagnostic]`` registered with the
``@rule`` decorator in its family module (``structure``, ``plugins``, ``env``, ``graph``,
``secrets``, ``variables``). It reads the job model (``ctx.job``), the positioned syntax tree
(``ctx.doc.syntax``) and the catalog (``ctx.catalog``), and yields diagnostics made with
``ctx.diag(...)``, each optionally carrying a fix (text edits on the original source).

Adding a rule touches one family module and its tests; nothing else.
"""

from __future__ import annotations

import _thread  # threading's lock without importing threading (cold start)
import importlib
import json
import re
from stlint._records import dataclass, field
from typing import Callable, Iterable, Literal

from stlint.diagnostics import Diagnostic, Fix, Related, Severity

FAMILIES = ("structure", "plugins", "env", "graph", "secrets", "variables", "data", "schemakeys", "scope")


@dataclass(frozen=True)
class Rule:
    name: str  # stable kebab-case public identifier
    code: str  # "ST" + 3 digits
    severity: Severity  # default severity
    summary: str  # one line
    doc: str  # one paragraph + bad/good examples (markdown)
    fix: Literal["safe", "unsafe"] | None = None  # fixability
    family: str = ""
    func: Callable[["Context"], Iterable[Diagnostic]] | None = None  # None: emitted by the parser/model
    default: bool = True  # in the default selection; False: opt-in (enabled by name, code, prefix or ALL)


REGISTRY: dict[str, Rule] = {}
_loaded = False  # set once every family module is imported (REGISTRY complete)
_load_lock = _thread.RLock()


def rule(name: str, code: str, severity: Severity, summary: str, doc: str,
         fix: Literal["safe", "unsafe"] | None = None, family: str | None = None, default: bool = True):
    """Register a rule function (or, used as a plain call with a dummy function, a rule whose
    diagnostics come from the parser/model)."""

    def deco(func):
        fam = family or func.__module__.rsplit(".", 1)[-1]
        if name in REGISTRY:
            raise ValueError(f"duplicate rule name {name}")
        if any(r.code == code for r in REGISTRY.values()):
            raise ValueError(f"duplicate rule code {code}")
        REGISTRY[name] = Rule(name, code, severity, summary, doc.strip(), fix, fam, func, default)
        return func

    return deco


def model_rule(name: str, code: str, severity: Severity, summary: str, doc: str,
               fix: Literal["safe", "unsafe"] | None = None, family: str = "structure",
               default: bool = True) -> None:
    """A rule whose diagnostics are produced by the parser or the HOCON model."""
    REGISTRY[name] = Rule(name, code, severity, summary, doc.strip(), fix, family, None, default)


def all_rules() -> dict[str, Rule]:
    """Every registered rule. The first call imports the family modules; a call from another
    thread meanwhile waits for them (the language server asks from its event loop and its analysis
    thread: answering with the rules registered so far made `.stlint.toml`'s `extend-select =
    ["plugin-name-case"]` an "unknown rule", and the editor's file was linted with default
    settings for the rest of the session)."""
    if not _loaded:
        _load_families()
    return REGISTRY


def _load_families() -> None:
    global _loaded
    with _load_lock:  # re-entrant: a family module asking for the rules while it is imported does not deadlock
        if _loaded:
            return
        for fam in FAMILIES:
            try:
                importlib.import_module(f"stlint.checks.{fam}")
            except ModuleNotFoundError as e:  # a family not written yet
                if e.name != f"stlint.checks.{fam}":
                    raise
        _loaded = True


@dataclass
class Context:
    """Everything a rule may read. Rules must not mutate it."""

    doc: "object"  # stlint.hocon.Document (seatunnel flavour)
    job: "object"  # stlint.job.Job
    settings: "object"  # stlint.config.Settings
    _catalog: "object | None" = None
    _catalog_error: str | None = None
    memo: dict = field(default_factory=dict)  # per-job analyses shared by the rules of a family
    _key_paths: dict = field(default_factory=dict, repr=False)  # id(SKey) -> (SKey, path)
    _key_builder: "object | None" = field(default=None, repr=False)
    _engine: str | None = field(default=None, repr=False)
    _has_subst: bool | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # the model split the file's keys already (same flavour, same text): start from those
        kp = getattr(self.doc, "key_paths", None)
        if kp:
            self._key_paths = kp

    # -- per-lint facts, computed once and shared by every rule ---------------------------------
    def key_path(self, f) -> tuple[str, ...] | None:
        """The path of a syntax field's key (``a.b`` -> ("a", "b"), quoted parts unsplit) in the
        seatunnel flavour; None when the key is malformed (the model reports that). Computed
        once per key per lint, whichever rules ask."""
        k = f.key
        hit = self._key_paths.get(id(k))
        if hit is not None and hit[0] is k:
            return hit[1]
        b = self._key_builder
        if b is None:
            from stlint.hocon import Flavor, _Builder

            b = self._key_builder = _Builder(Flavor.get("seatunnel"), False, [], _NoPath(self.source), None,
                                             0, [], None)
        kp = b.key_path(k)
        b.diags.clear()  # the model reported a malformed key already
        self._key_paths[id(k)] = (k, kp)
        return kp

    @property
    def has_subst(self) -> bool:
        """Whether the file's text has a `${` (no substitution or placeholder without one)."""
        h = self._has_subst
        if h is None:
            t = self.doc.source.text
            h = self._has_subst = "$" in t and "${" in t  # `$` alone is one memchr; `${` scans slower
        return h

    @property
    def source(self):
        return self.doc.source

    @property
    def text(self) -> str:
        return self.doc.source.text

    @property
    def version(self) -> str | None:
        return getattr(self.settings, "seatunnel_version", None)

    @property
    def engine(self) -> str:
        """The engine the job targets: "zeta", "flink" or "spark". The `engine` setting
        (`[tool.stlint]`, `--engine`) wins; otherwise the job's `env` keys tell: `spark.*` keys go
        to SparkConf (Spark starter), `execution.*`/`flink.*` are the Flink starter's keys
        (ConfigKeyName.java) except the two old spellings of common keys (see `engine_from_env`);
        else Zeta, SeaTunnel's own engine."""
        e = getattr(self.settings, "engine", None)
        if e:
            return e
        if self._engine is None:
            self._engine = engine_from_env(self.job)
        return self._engine

    @property
    def engine_name(self) -> str:
        return ENGINE_NAMES.get(self.engine, self.engine)

    @property
    def catalog(self):
        """The connector catalog for the chosen SeaTunnel version (loaded once, cached)."""
        if self._catalog is None and self._catalog_error is None:
            from stlint.catalog import load_catalog

            try:
                self._catalog = load_catalog(self.version)
            except KeyError as e:
                self._catalog_error = str(e)
        return self._catalog

    def diag(self, name: str, start: int, end: int, message: str, *, fix: Fix | None = None,
             help: str | None = None, plugin: str | None = None, option: str | None = None,
             related: Iterable[Related] = (), suggestions: Iterable[str] = ()) -> Diagnostic:
        r = REGISTRY[name]
        return Diagnostic(name, r.severity, message, start, end, fix=fix, help=help, plugin=plugin,
                          option=option, related=tuple(related), suggestions=tuple(suggestions))

    def replacements(self, start: int, end: int, written: str, candidates: Iterable[str]) -> tuple[str, ...]:
        """Did-you-mean candidates as replacement texts of ``[start, end)``: quoted like the text there
        when that text is ``written`` (bare or quoted); for a key split over nested objects
        (`row { nun = 1 }`: the range holds `nun`), the last part of the candidates under the same
        parent; none when the range holds something else."""
        here = self.text[start:end]
        if here not in (written, json.dumps(written, ensure_ascii=False)) and "." in written:
            parent = written[:written.rindex(".") + 1]
            candidates = [c[len(parent):] for c in candidates if c.startswith(parent)]
            written = written[len(parent):]
        if here == written:
            quote = False
        elif here == json.dumps(written, ensure_ascii=False):
            quote = True
        else:
            return ()
        return tuple(json.dumps(c, ensure_ascii=False) if quote or not _BARE.fullmatch(c) else c
                     for c in dict.fromkeys(candidates) if c != written and c)


_BARE = re.compile(r"[A-Za-z0-9_.-]+")

class _NoPath:
    """A source seen without its path: a key-path builder needs the text only (with a path it
    would resolve the file's real path, a system call, for nothing)."""

    __slots__ = ("text",)
    path = None

    def __init__(self, src) -> None:
        self.text = src.text


ENGINE_NAMES = {"zeta": "Zeta", "flink": "the Flink starter", "spark": "the Spark starter"}


# The Flink starter's deprecated spellings of the common `parallelism` / `checkpoint.interval`
# (ConfigKeyName.java:28,31, 2.3.13) say nothing about the engine: SeaTunnel's own connector docs
# write them in examples for every engine (2.3.13 docs/en/connectors/source/Kafka.md, Paimon.md,
# PostgreSQL-CDC.md, ... 11 pages), its DataX converter (apache/seatunnel-tools x2seatunnel
# templates) emits `execution.parallelism` for Zeta jobs, and the e2e configs that carry it run on
# every engine, some on Zeta only (kafka_multi_source_to_pg.conf: KafkaFormatIT.java:341-346 in 2.3.10
# disables Flink and Spark). Zeta ignores both keys; the other `execution.*` keys are the Flink starter's own.
_COMMON_ALIASES = frozenset({"execution.parallelism", "execution.checkpoint.interval"})


def engine_from_env(job) -> str:
    """"spark" when `env` has a `spark.*` key, "flink" for `flink.*` or an `execution.*` key other than
    `execution.parallelism` / `execution.checkpoint.interval`, else "zeta"."""
    env = getattr(job, "sections", {}).get("env")
    keys: list[str] = []
    v = getattr(env, "value", None)
    fields = getattr(v, "fields", None)
    if isinstance(fields, dict):
        for k, f in fields.items():
            keys.append(k)
            sub = getattr(getattr(f, "value", None), "fields", None)
            if isinstance(sub, dict):  # `spark { app.name = x }`
                keys.extend(f"{k}.{s}" for s in sub)
    if any(k.startswith("spark.") for k in keys):
        return "spark"
    if any(k.startswith(("execution.", "flink.")) and k not in _COMMON_ALIASES for k in keys):
        return "flink"
    return "zeta"


def did_you_mean(candidates: Iterable[str]) -> str:
    """``did you mean `a`?`` / ``did you mean `a` or `b`?`` / ``did you mean `a`, `b` or `c`?``"""
    c = [f"`{x}`" for x in candidates]
    if not c:
        return ""
    return "did you mean " + (c[0] if len(c) == 1 else ", ".join(c[:-1]) + " or " + c[-1]) + "?"


def suggest(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Near-certain close matches, best first (did-you-mean): same word parts, not just shared
    letters (``stlint.suggest``). ``cutoff`` is accepted for old callers and not used."""
    from stlint.suggest import suggest as near

    return near(word, candidates, n)
