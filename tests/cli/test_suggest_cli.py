"""Did-you-mean through the real CLI: no misleading suggestion, the overlay hints appear."""

from __future__ import annotations

import json

from clihelp import stlint, write  # noqa: F401  (stlint: fixture)

JOB = """env {
  job.mode = "BATCH"
  logging.level = "DEBUG"
}
source {
  Kafka {
    bootstrap.servers = "k:9092"
    topic = "t"
    group.id = "g"
    port = 9092
    hostname = "k"
    pool_size = 4
    plugin_output = "k"
  }
}
transform {
  Sql {
    plugin_input = "k"
    plugin_output = "q"
    sql = "select * from k"
  }
}
sink {
  Console { plugin_input = "q" }
}
"""


def test_suggestions_and_hints(stlint, tmp_path):
    write(tmp_path, {"job.conf": JOB})
    p = stlint("job.conf", "--format", "json", "--no-cache", "--select", "unknown-option,unknown-env-option",
               cwd=tmp_path)
    by = {d["option"]: d for d in json.loads(p.stdout)["files"][0]["diagnostics"]}
    assert set(by) == {"logging.level", "group.id", "port", "hostname", "pool_size", "sql"}
    for key in ("port", "hostname", "pool_size"):
        assert "did you mean" not in by[key]["message"] and by[key].get("help") is None, by[key]
    assert "did you mean `consumer.group`?" in by["group.id"]["message"]
    assert "did you mean `query`?" in by["sql"]["message"]
    assert "log levels live in config/log4j2.properties" in by["logging.level"]["message"]
