"""The conversion verdicts through the real CLI: a value SeaTunnel reads as another value is a
warning (it fails the run only with the default `--fail-on warning`), a value it cannot read an
error; the JSON output carries the severities."""

from __future__ import annotations

import json

from clihelp import stlint, write  # noqa: F401  (fixture)

JOB = ('env {\n  job.mode = "BATCH"\n  parallelism = 2.5\n  checkpoint.interval = 2.5\n}\n'
       'source {\n  FakeSource { schema = { fields { id = "int" } } }\n}\n'
       'sink {\n  Jdbc {\n    url = "jdbc:mysql://db/x"\n    driver = "com.mysql.cj.jdbc.Driver"\n    query = "q"\n'
       '    auto_commit = 0\n    batch_size = " 100"\n    max_retries = lots\n  }\n}\n')


def test_conversion_severities_in_json(stlint, tmp_path):  # noqa: F811
    write(tmp_path, {"job.conf": JOB})
    p = stlint("check", "job.conf", "--format", "json", "--no-cache", "--seatunnel-version", "2.3.10",
               "--select", "invalid-option-value,invalid-env-value", cwd=tmp_path, check_rc=1)
    data = json.loads(p.stdout)
    files = data["files"] if isinstance(data, dict) else data
    got = sorted((d["name"], d["severity"], d["message"].split(":")[0 if d["name"] == "invalid-env-value" else 1].strip())
                 for f in files for d in f["diagnostics"])
    assert got == [
        ("invalid-env-value", "error", "`checkpoint.interval`"),  # Long.parseLong("2.5"), JobMaster
        ("invalid-env-value", "warning", "`parallelism`"),  # ReadonlyConfig: truncated to 2
        ("invalid-option-value", "error", "`max_retries`"),
        ("invalid-option-value", "warning", "`auto_commit`"),
    ]
    # only warnings: exit code 0 with --fail-on error
    write(tmp_path, {"ok.conf": JOB.replace("  checkpoint.interval = 2.5\n", "").replace("    max_retries = lots\n", "")})
    stlint("check", "ok.conf", "--no-cache", "--seatunnel-version", "2.3.10", "--fail-on", "error",
           "--select", "invalid-option-value,invalid-env-value", cwd=tmp_path, check_rc=0)
