"""Env rules (ST2xx) through the real engine and the shipped catalogs."""

from __future__ import annotations

from stlint.checks import all_rules
from stlint.config import Settings
from stlint.engine import lint_text

NEWEST = "2.3.13"


def lint(text: str, *rules: str, version: str | None = None):
    res = lint_text(text, None, Settings(select=list(rules), seatunnel_version=version))
    return [d for d in res.diagnostics if d.name in rules]


def only(text: str, rule: str, **kw):
    ds = lint(text, rule, **kw)
    assert len(ds) == 1, [(d.name, d.message) for d in ds]
    return ds[0]


def job(env: str, source: str = "FakeSource {}") -> str:
    return f"env {{\n{env}\n}}\nsource {{\n  {source}\n}}\nsink {{\n  Console {{}}\n}}\n"


def test_registry_codes_and_severities():
    rules = all_rules()
    want = {"unknown-env-option": ("ST201", "warning"), "invalid-env-value": ("ST202", "error"),
            "streaming-without-checkpoint": ("ST203", "warning"), "batch-with-unbounded-source": ("ST204", "error")}
    for name, (code, sev) in want.items():
        r = rules[name]
        assert (r.code, r.severity, r.family) == (code, sev, "env"), name
        assert "Bad" in r.doc and "Good" in r.doc


# ---------------------------------------------------------------------------- unknown-env-option
def test_unknown_env_option_typo():
    text = job('  job.mdoe = "STREAMING"')
    d = only(text, "unknown-env-option")
    assert text[d.start:d.end] == "job.mdoe" and d.severity == "warning"
    assert d.message == f"`job.mdoe` is not an env option SeaTunnel {NEWEST} reads; did you mean `job.mode`?"
    # not `job.name`: `mdoe` is a swapped `mode`, not a `name`
    # the message names the candidate; help does not repeat it; the candidate is the quick fix's text
    assert d.help is None and d.suggestions == ("job.mode",) and d.option == "job.mdoe"


def test_unknown_env_option_without_suggestion_and_nested():
    text = job("  foo { bar = 1, baz = 2 }")
    d = only(text, "unknown-env-option")
    assert text[d.start:d.end] == "foo"
    assert d.message == f"`foo` is not an env option SeaTunnel {NEWEST} reads (it is ignored)"
    text = job("  checkpoint { interval = 1000, intreval = 5 }")
    d = only(text, "unknown-env-option")
    assert text[d.start:d.end] == "intreval" and d.option == "checkpoint.intreval"


def test_env_pass_through_and_map_keys_are_known():
    text = job('  job.mode = "BATCH"\n  parallelism = 2\n  execution.parallelism = 2\n  execution.planner = blink\n'
               '  flink.pipeline.name = x\n  spark.app.name = "x"\n  spark { executor.memory = "1g" }\n'
               '  shade.identifier = base64\n  shade.options = ["password"]\n'
               '  custom_parameters { anything = 1, "a.b" = 2 }\n  tag_filter { zone = a }\n'
               '  checkpoint { interval = 1000 }\n  read_limit.rows_per_second = 10')
    assert lint(text, "unknown-env-option") == []


# ---------------------------------------------------------------------------- invalid-env-value
def test_invalid_job_mode():
    text = job('  job.mode = "STREAM"')
    d = only(text, "invalid-env-value")
    assert text[d.start:d.end] == '"STREAM"' and d.severity == "error"
    assert d.message == ("`job.mode`: `STREAM` is not one of BATCH, STREAMING: SeaTunnel 2.3.13 fails reading it "
                         "(\"Json parsing exception, value 'STREAM', and expected type "
                         "'org.apache.seatunnel.common.constants.JobMode'\", ConfigUtil.java:79)")
    assert d.help == "did you mean `STREAMING`?" and d.option == "job.mode"


def test_job_mode_any_case_passes():
    for v in ("streaming", "Batch", '"STREAMING"', '"${MODE:batch}"', '"${MODE}"'):
        assert lint(job(f"  job.mode = {v}\n  checkpoint.interval = 1"), "invalid-env-value") == [], v


def test_invalid_env_ints_and_enums():
    text = job('  checkpoint.interval = "10s"\n  savemode.execute.location = LOCAL\n'
               '  job.retry.times = "${RT:three}"')
    ds = lint(text, "invalid-env-value")
    got = {d.option: (text[d.start:d.end], d.message) for d in ds}
    assert got == {
        "checkpoint.interval": ('"10s"', "`checkpoint.interval`: `10s` is not a long integer: SeaTunnel 2.3.13 fails "
                                         "reading it (\"Json parsing exception, value '10s', and expected type "
                                         "'java.lang.Long'\", ConfigUtil.java:79)"),
        "savemode.execute.location": ("LOCAL", "`savemode.execute.location`: `LOCAL` is not one of CLIENT, CLUSTER: "
                                               "SeaTunnel 2.3.13 fails reading it (\"Json parsing exception, value "
                                               "'LOCAL', and expected type "
                                               "'org.apache.seatunnel.api.sink.SaveModeExecuteLocation'\", "
                                               "ConfigUtil.java:79)"),
        "job.retry.times": ('"${RT:three}"', "`job.retry.times`: `three` is not an integer: SeaTunnel 2.3.13 fails "
                                             "reading it (NumberFormatException: For input string: \"three\", "
                                             "SubPlan.java:130) (the default in `\"${RT:three}\"`)"),
    }
    assert {d.option: d.severity for d in ds} == {"checkpoint.interval": "error", "savemode.execute.location": "error",
                                                  "job.retry.times": "error"}


def _env_findings(env: str, engine: str | None = None, version: str | None = None):
    text = job(env)
    res = lint_text(text, None, Settings(select=["invalid-env-value"], seatunnel_version=version, engine=engine))
    return {d.option: (text[d.start:d.end], d.severity, d.message) for d in res.diagnostics}


def test_env_values_zeta_converts_are_warnings():
    # Zeta reads parallelism, job.mode and savemode.execute.location with ReadonlyConfig.get
    # (ConfigUtil.convertValue): a fraction is truncated, a number picks the enum constant at its index
    got = _env_findings("  job.mode = 1\n  parallelism = 2.5\n  savemode.execute.location = 0\n"
                        "  checkpoint.interval = 1000", version="2.3.10")
    assert got == {
        "job.mode": ("1", "warning", "`job.mode`: `1` is a number, not one of BATCH, STREAMING: SeaTunnel 2.3.10 goes "
                                     "on with STREAMING (Jackson takes a number as the constant at that position)"),
        "parallelism": ("2.5", "warning", "`parallelism`: `2.5` is not an integer: SeaTunnel 2.3.10 goes on with 2 "
                                          "(Jackson drops the fraction)"),
        "savemode.execute.location": ("0", "warning", "`savemode.execute.location`: `0` is a number, not one of "
                                                      "CLIENT, CLUSTER: SeaTunnel 2.3.10 goes on with CLIENT (Jackson "
                                                      "takes a number as the constant at that position)"),
    }
    # the fix writes what SeaTunnel reads
    d = [d for d in lint(job("  parallelism = 2.5"), "invalid-env-value")]
    assert d[0].fix is None  # (no value SeaTunnel reads as written for a truncated fraction: no fix)
    d = lint(job("  job.mode = 1\n  checkpoint.interval = 1000"), "invalid-env-value")
    assert [e.text for e in d[0].fix.edits] == ["STREAMING"] and d[0].help == "write `STREAMING`"


def test_env_values_zeta_parses_some_keys_itself():
    # JobMaster: Long.parseLong(env.get("checkpoint.interval").toString()); SubPlan: Integer.parseInt(...)
    # FlowControlStrategy.fromMap: Integer.parseInt(...): a fraction or white space fails there
    got = _env_findings('  checkpoint.interval = 2.5\n  checkpoint.timeout = " 100"\n  job.retry.times = "3"\n'
                        '  read_limit.rows_per_second = 10.5\n  job.retry.interval.seconds = "2"', version="2.3.10")
    assert got == {
        "checkpoint.interval": ("2.5", "error", "`checkpoint.interval`: `2.5` is not a long integer: SeaTunnel 2.3.10 "
                                                "fails reading it (NumberFormatException: For input string: \"2.5\", "
                                                "JobMaster.java:351)"),
        "checkpoint.timeout": ('" 100"', "error", "`checkpoint.timeout`: ` 100` is not a long integer: SeaTunnel "
                                                  "2.3.10 fails reading it (NumberFormatException: For input string: "
                                                  "\" 100\", JobMaster.java:360)"),
        "read_limit.rows_per_second": ("10.5", "error", "`read_limit.rows_per_second`: `10.5` is not an integer: "
                                                        "SeaTunnel 2.3.10 fails reading it (NumberFormatException: For "
                                                        "input string: \"10.5\", FlowControlStrategy.java:103)"),
    }
    # per release: the line of 2.3.13
    assert _env_findings("  checkpoint.interval = 2.5", version="2.3.13")["checkpoint.interval"][2].endswith(
        "JobMaster.java:351)")


def test_env_values_flink_reads_typesafe_getters():
    # the Flink starter reads job.mode with Config.getEnum (the exact name) and parallelism with
    # Config.getInt (a fraction truncated): RuntimeEnvironment, AbstractFlinkRuntimeEnvironment
    got = _env_findings("  job.mode = batch\n  parallelism = 2.5", engine="flink", version="2.3.10")
    assert got == {
        "job.mode": ("batch", "error", "`job.mode`: `batch` is not one of BATCH, STREAMING (Typesafe Config's getEnum "
                                       "matches the exact name): SeaTunnel 2.3.10 fails reading it (ConfigException: "
                                       "The enum class JobMode has no constant of the name 'batch' (should be one of "
                                       "[BATCH, STREAMING].), RuntimeEnvironment.java:56)"),
        "parallelism": ("2.5", "warning", "`parallelism`: `2.5` is not an integer: SeaTunnel 2.3.10 goes on with 2 "
                                          "(Typesafe Config drops the fraction) (read at "
                                          "AbstractFlinkRuntimeEnvironment.java:180)"),
    }
    assert _env_findings('  job.mode = BATCH\n  parallelism = " 2"', engine="flink", version="2.3.10") == {}
    # on Zeta the same job.mode is fine (ReadonlyConfig matches any case)
    assert _env_findings("  job.mode = batch", engine="zeta", version="2.3.10") == {}


def test_valid_env_values_pass():
    text = job('  checkpoint.interval = "10000"\n  parallelism = 4\n  savemode.execute.location = client\n'
               '  job.retry.times = "${RT:3}"\n  job.name = 12')
    assert lint(text, "invalid-env-value") == []


# ---------------------------------------------------------------------------- streaming-without-checkpoint
def test_streaming_without_checkpoint():
    text = job("  job.mode = Streaming")
    d = only(text, "streaming-without-checkpoint")
    assert text[d.start:d.end] == "Streaming" and d.severity == "warning"
    assert d.message == ("streaming job without `checkpoint.interval`: the checkpoint interval (when sinks commit "
                         "and what a restart replays) then comes from the cluster's seatunnel.yaml")
    assert d.help == "add `checkpoint.interval = 10000` (milliseconds) to env"


def test_streaming_with_checkpoint_or_batch_passes():
    assert lint(job('  job.mode = "STREAMING"\n  checkpoint.interval = 5000'), "streaming-without-checkpoint") == []
    assert lint(job('  job.mode = "STREAMING"\n  checkpoint { interval = 5000 }'), "streaming-without-checkpoint") == []
    assert lint(job('  job.mode = "STREAMING"\n  execution.checkpoint.interval = 5000'),
                "streaming-without-checkpoint") == []
    assert lint(job('  job.mode = "BATCH"'), "streaming-without-checkpoint") == []
    assert lint(job(""), "streaming-without-checkpoint") == []


# ---------------------------------------------------------------------------- batch-with-unbounded-source
CDC = 'MySQL-CDC {\n    url = "jdbc:mysql://db/x"\n    table-names = ["x.t"]\n%s  }'


def test_batch_default_with_cdc_source():
    text = job("", CDC % "")
    d = only(text, "batch-with-unbounded-source")
    assert text[d.start:d.end] == "MySQL-CDC" and d.severity == "error"
    assert d.message == ("`MySQL-CDC` never finishes (`stop.mode` is never (its default)) but the job is BATCH "
                         "(the default: no `job.mode`): SeaTunnel refuses an unbounded source in a BATCH job")
    assert d.plugin == "source.MySQL-CDC" and d.related == ()


def test_explicit_batch_and_explicit_never():
    text = job('  job.mode = "batch"', CDC % '    stop.mode = "NEVER"\n')
    d = only(text, "batch-with-unbounded-source")
    assert d.message == ("`MySQL-CDC` never finishes (`stop.mode` is NEVER) but job.mode is batch: SeaTunnel "
                         "refuses an unbounded source in a BATCH job")
    assert [text[r.start:r.end] for r in d.related] == ['"batch"']


def test_cdc_by_name_without_stop_mode_option():
    # TiDB-CDC declares no stop.mode: a `-CDC` source is unbounded
    text = job("", 'TiDB-CDC { database-name = "d", table-name = "t" }')
    d = only(text, "batch-with-unbounded-source")
    assert text[d.start:d.end] == "TiDB-CDC"


def test_bounded_or_streaming_passes():
    assert lint(job("", CDC % "    stop.mode = latest\n"), "batch-with-unbounded-source") == []
    assert lint(job('  job.mode = "STREAMING"', CDC % ""), "batch-with-unbounded-source") == []
    assert lint(job('  job.mode = "${MODE}"', CDC % ""), "batch-with-unbounded-source") == []
    assert lint(job("", 'Jdbc { url = "u" }'), "batch-with-unbounded-source") == []


# ---------------------------------------------------------------------------- engines
def test_unknown_env_option_not_on_spark():
    """The Spark starter passes every env key to SparkConf (SparkRuntimeEnvironment.createSparkConf):
    no key is ignored there, so no unknown-env-option; Zeta and Flink still get it."""
    text = job('  spark.executor.memory = "1g"\n  job.mdoe = "BATCH"')
    assert lint(text, "unknown-env-option") == []  # spark.* key: the job targets Spark
    plain = job('  job.mdoe = "BATCH"')
    for engine, n in (("spark", 0), ("zeta", 1), ("flink", 1)):
        res = lint_text(plain, None, Settings(select=["unknown-env-option"], engine=engine))
        assert len(res.diagnostics) == n, (engine, res.diagnostics)
    flink = job('  execution.parallelism = 1\n  job.mdoe = "BATCH"')
    assert [d.option for d in lint(flink, "unknown-env-option")] == ["job.mdoe"]


def test_shade_keys_and_engine_families_come_from_the_catalog():
    # ConfigShadeUtils reads shade.identifier (every release), shade.properties and shade.options (from 2.3.10)
    text = job('  shade.identifier = "base64"\n  shade.options = ["jdbc_password"]\n  shade.properties { k = v }\n'
               '  execution.parallelism = 2\n  spark.app.name = "x"\n  flink.pipeline.name = "y"')
    assert lint(text, "unknown-env-option", "invalid-env-value") == []
    assert lint(text, "unknown-env-option", version="2.3.10") == []
    text = job('  shade.identifier = "base64"\n  shade.options = ["jdbc_password"]\n  shade.properties { k = v }')
    assert lint(text, "unknown-env-option") == []
    old = [text[d.start:d.end] for d in lint(text, "unknown-env-option", version="2.3.9")]
    assert old == ["shade.options", "shade.properties"]  # not read before 2.3.10
    flink = job('  execution.parallelism = 2\n  flink.pipeline.name = "y"\n  execution.whatever.x = 1')
    assert lint(flink, "unknown-env-option") == []
    d = only(job('  shade.identifer = "base64"'), "unknown-env-option")
    assert d.suggestions == ("shade.identifier",)
