"""No output shows a secret (issue 11 "secret check", issue 12 "Output that cannot be abused").

A job with a plaintext password, a `user:pass@` URL, secrets as placeholder defaults (quoted and
unquoted) and a dotted Hadoop key goes through every format of the real CLI, twice (the second run
reads the result cache); each secret value may appear only in patches (`--diff`, the report's
`patch_suggestion`, the edits of a fix), never in a message, a code frame, an annotation, a SARIF
fingerprint input or the cache directory."""

from __future__ import annotations

import json

import pytest
from clihelp import stlint, write  # noqa: F401  (stlint: fixture)

SECRETS = ("UrlPw77x", "Zq9PlantedPw", "DefPw55q", "UnqDefPw3", "HadoopK9z", "EnvTok4u", "UrlDefPw8")
JOB = """env {
  job.mode = "BATCH"
  api_token = "EnvTok4u"
}
source {
  Jdbc {
    url = "jdbc:mysql://root:UrlPw77x@db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
    user = "root"
    password = "Zq9PlantedPw"
    query = "select 1"
    plugin_output = "t"
  }
}
sink {
  Jdbc {
    plugin_input = "t"
    url = "jdbc:mysql://u:${UP:UrlDefPw8}@db:3306/shop"
    driver = "com.mysql.cj.jdbc.Driver"
    user = "root"
    password = "${PW:DefPw55q}"
    token = ${TK:UnqDefPw3}
    database = "d"
    table = "t"
    generate_sink_sql = true
    hadoop_conf { "fs.s3a.secret.key" = "HadoopK9z" }
  }
}
"""


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _without_patches(fmt: str, out: str) -> str:
    """The output minus what is a patch (the file's own text after a fix)."""
    if fmt == "json":
        doc = json.loads(out)
        for f in doc["files"]:
            for d in f["diagnostics"]:
                if d["fix"]:
                    for e in d["fix"]["edits"]:
                        e["new_text"] = ""
        return json.dumps(doc)
    if fmt == "report":
        doc = json.loads(out)
        for f in doc["files"]:
            f["patch_suggestion"] = ""
        return json.dumps(doc)
    return out


# the same without the unquoted default, whose fix (a patch) carries the secret: this one is cached
CACHED = JOB.replace("    token = ${TK:UnqDefPw3}\n", "")


def test_cached_entries_hold_no_secret(stlint, tmp_path):
    write(tmp_path, {"cached.conf": CACHED, "job.conf": JOB})
    first = stlint("check", ".", "--format", "json", cwd=tmp_path)
    entries = [f for f in stlint.cache.rglob("*.json") if f.is_file()]
    assert len(entries) == 1  # cached.conf; job.conf's fix carries a secret: never written
    for f in stlint.cache.rglob("*"):
        if f.is_file():
            assert _leaks(f.read_bytes().decode("utf-8", "replace")) == [], f
    second = stlint("check", ".", "--format", "json", cwd=tmp_path)  # cached.conf from the cache
    assert first.stdout == second.stdout
    second = stlint("check", ".", cwd=tmp_path)
    assert _leaks(second.stdout) == [] and '|     password = "******"' in second.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "report"])
def test_no_format_shows_a_secret(stlint, tmp_path, fmt):
    write(tmp_path, {"job.conf": JOB})
    first = stlint("check", "job.conf", "--format", fmt, cwd=tmp_path)
    second = stlint("check", "job.conf", "--format", fmt, cwd=tmp_path)  # from the cache where cached
    assert first.stdout == second.stdout
    for p in (first, second):
        assert _leaks(_without_patches(fmt, p.stdout)) == [], p.stdout
        assert _leaks(p.stderr) == []
    # every secret was found (the findings are there, only the values are hidden)
    if fmt == "json":
        doc = json.loads(first.stdout)
        ranges = [(d["name"], d["range"]["start"]["line"]) for d in doc["files"][0]["diagnostics"]]
        assert {("plaintext-secret", 3), ("secret-in-url", 7), ("plaintext-secret", 10), ("plaintext-secret", 21),
                ("plaintext-secret", 22), ("plaintext-secret", 26),
                ("secret-in-url", 18)} <= set(ranges)
    if fmt == "text":
        assert '|     password = "******"' in first.stdout
        assert '|     url = "jdbc:mysql://root:******@db:3306/shop"' in first.stdout
        assert '|     password = "${PW:******}"' in first.stdout
        assert "|     token = ${TK:******}" in first.stdout
    # the result cache holds no secret either
    cache = stlint.cache
    for f in cache.rglob("*"):
        if f.is_file():
            assert _leaks(f.read_bytes().decode("utf-8", "replace")) == [], f


def test_quiet_verbose_and_a_disabled_rule_show_no_secret(stlint, tmp_path):
    """The masking does not depend on the secret rules: with them disabled, the code frames of
    other findings on a secret's line still mask it."""
    write(tmp_path, {"job.conf": JOB})
    for args in (["-q"], ["-v"], ["--ignore", "ST4"], ["--no-cache", "--ignore", "ST4"]):
        p = stlint("check", "job.conf", *args, cwd=tmp_path)
        assert _leaks(p.stdout + p.stderr) == [], (args, p.stdout)
    p = stlint("check", "job.conf", "--ignore", "ST4", cwd=tmp_path)
    assert "|     token = ${TK:******}" in p.stdout  # unknown-option's frame on the secret's line


def test_a_patch_may_carry_the_secret(stlint, tmp_path):
    """--diff prints the file's own text: the unquoted default becomes quoted, secret included."""
    write(tmp_path, {"job.conf": JOB})
    p = stlint("check", "job.conf", "--diff", cwd=tmp_path)
    assert '+    token = "${TK:UnqDefPw3}"' in p.stdout


def test_masked_code_frame_keeps_the_caret_under_the_value(stlint, tmp_path):
    write(tmp_path, {"job.conf": 'env {\n  job.mode = "BATCH"\n}\nsource {\n  Jdbc {\n'
                                 '    password = "a-very-long-password-1234567890"\n  }\n}\n'})
    p = stlint("check", "job.conf", "--select", "plaintext-secret", cwd=tmp_path)
    lines = p.stdout.splitlines()
    i = lines.index('6 |     password = "******"')
    assert lines[i + 1] == "  |                ^^^^^^^^"
    assert "a-very-long" not in p.stdout


def test_sarif_fingerprints_do_not_depend_on_the_secret(stlint, tmp_path):
    """A fingerprint is a hash of the line: of the masked line, or a short password could be
    found by hashing guesses."""
    def prints(text):
        write(tmp_path, {"job.conf": text})
        doc = json.loads(stlint("check", "job.conf", "--format", "sarif", "--no-cache", cwd=tmp_path).stdout)
        return [(r["ruleId"], r["partialFingerprints"]["stlint/v1"]) for r in doc["runs"][0]["results"]]

    a = prints(CACHED)
    b = prints(CACHED.replace("Zq9PlantedPw", "OtherPw1").replace("UrlPw77x", "Other2"))
    assert a == b and any(rule == "plaintext-secret" for rule, _ in a)
    # a non-secret change on a finding's line still changes its fingerprint
    c = prints(CACHED.replace('password = "Zq9PlantedPw"', 'password  =  "Zq9PlantedPw"'))
    assert a != c
