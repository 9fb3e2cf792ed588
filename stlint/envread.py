"""How each engine reads the `env` keys whose value does not (only) go through `ReadonlyConfig.get`.

Every other `env` key is read with `ReadonlyConfig.get` (`ConfigUtil.convertValue`, see
`stlint.configutil`). These are the reads, in the order they run, per engine, with the line of
each release (read from SeaTunnel's sources: Zeta keeps the job's `env` as the Jackson map of
`ReadonlyConfig.getSourceMap()` and parses some values' text itself; the Flink and Spark starters
call Typesafe Config's getters on the raw `env`). A reader is `(kind, where)`; kind "convert",
"parse:int"/"parse:long" (`Integer.parseInt`/`Long.parseLong` of the value's `toString()`) or
"typesafe:int"/"typesafe:long"/"typesafe:enum" (`Config.getInt`/`getLong`/`getEnum`).
"""

from __future__ import annotations

_RELEASES = ("2.3.8", "2.3.9", "2.3.10", "2.3.11", "2.3.12", "2.3.13")

_JOBMASTER = "seatunnel-engine/seatunnel-engine-server/src/main/java/org/apache/seatunnel/engine/server/master/JobMaster.java"
_SUBPLAN = "seatunnel-engine/seatunnel-engine-server/src/main/java/org/apache/seatunnel/engine/server/dag/physical/SubPlan.java"
_FLOW = "seatunnel-core/seatunnel-core-starter/src/main/java/org/apache/seatunnel/core/starter/flowcontrol/FlowControlStrategy.java"
_MTJCP = ("seatunnel-engine/seatunnel-engine-core/src/main/java/org/apache/seatunnel/engine/core/parse/"
          "MultipleTableJobConfigParser.java")
_RUNTIME = "seatunnel-core/seatunnel-core-starter/src/main/java/org/apache/seatunnel/core/starter/execution/RuntimeEnvironment.java"
_FLINK_ENV = ("seatunnel-core/seatunnel-flink-starter/seatunnel-flink-starter-common/src/main/java/org/apache/seatunnel/"
              "core/starter/flink/execution/AbstractFlinkRuntimeEnvironment.java")

# (engine, key) -> [(kind, file, {release: line})]; a release without a line has no such read
_READS: dict[tuple[str, str], list[tuple[str, str, dict[str, int]]]] = {
    ("zeta", "checkpoint.interval"): [
        ("convert", _MTJCP, {"2.3.10": 309, "2.3.11": 309, "2.3.12": 327, "2.3.13": 330}),
        ("parse:long", _JOBMASTER, {"2.3.8": 316, "2.3.9": 329, "2.3.10": 351, "2.3.11": 352, "2.3.12": 349,
                                    "2.3.13": 351}),
    ],
    ("zeta", "checkpoint.timeout"): [
        ("parse:long", _JOBMASTER, {"2.3.8": 325, "2.3.9": 338, "2.3.10": 360, "2.3.11": 361, "2.3.12": 357,
                                    "2.3.13": 359}),
    ],
    ("zeta", "min-pause"): [("parse:long", _JOBMASTER, {"2.3.13": 364})],
    ("zeta", "job.retry.times"): [("parse:int", _SUBPLAN, {r: 130 for r in _RELEASES})],
    ("zeta", "job.retry.interval.seconds"): [("parse:int", _SUBPLAN, {r: 139 for r in _RELEASES})],
    ("zeta", "read_limit.bytes_per_second"): [("parse:int", _FLOW, {r: 101 for r in _RELEASES})],
    ("zeta", "read_limit.rows_per_second"): [("parse:int", _FLOW, {r: 103 for r in _RELEASES})],
    ("flink", "job.mode"): [("typesafe:enum", _RUNTIME, {"2.3.8": 55, "2.3.9": 55, "2.3.10": 56, "2.3.11": 56,
                                                         "2.3.12": 56, "2.3.13": 56})],
    ("spark", "job.mode"): [("typesafe:enum", _RUNTIME, {"2.3.8": 55, "2.3.9": 55, "2.3.10": 56, "2.3.11": 56,
                                                         "2.3.12": 56, "2.3.13": 56})],
    ("flink", "checkpoint.interval"): [("typesafe:int", _RUNTIME, {"2.3.10": 67, "2.3.11": 67, "2.3.12": 67})],
    ("spark", "checkpoint.interval"): [("typesafe:int", _RUNTIME, {"2.3.10": 67, "2.3.11": 67, "2.3.12": 67})],
    ("flink", "parallelism"): [("typesafe:int", _FLINK_ENV, {"2.3.8": 180, "2.3.9": 180, "2.3.10": 180, "2.3.11": 180,
                                                             "2.3.12": 180, "2.3.13": 193})],
}


def readers(key: str, engine: str, version: str | None) -> tuple | None:
    """The reads of `env.<key>` on `engine` in release `version`, or None (ReadonlyConfig.get only)."""
    reads = _READS.get((engine, key))
    if not reads or not version:
        return None
    out = []
    for kind, path, lines in reads:
        line = lines.get(version)
        if line is not None:
            out.append((kind, f"{path}:{line}"))
    return tuple(out) or None
