"""Secrets family (ST4xx) through the real engine. Messages must never contain the secret."""

from __future__ import annotations

import pytest

from stlint.config import Settings
from stlint.engine import lint_text
from stlint.fixes import apply_edits

SECRET_RULES = ("plaintext-secret", "secret-in-url", "numeric-secret")


def _lint(text, rule, **kw):
    return [d for d in lint_text(text, "job.conf", Settings(**kw)).diagnostics if d.name == rule]


def _fixed(text, d):
    return apply_edits(text, list(d.fix.edits))


def job(source="", sink="", env=""):
    return f"env {{\n  {env}\n}}\nsource {{\n  Jdbc {{\n    {source}\n  }}\n}}\nsink {{\n  Jdbc {{\n    {sink}\n  }}\n}}\n"


# ---- ST401 plaintext-secret -----------------------------------------------------------------
def test_plaintext_password_with_fix():
    text = job(sink='password = "hunter2"')
    [d] = _lint(text, "plaintext-secret")
    assert text[d.start:d.end] == '"hunter2"'
    assert d.severity == "warning"
    assert d.message == ("`password` of sink.Jdbc holds a plaintext secret: write a variable and pass the value "
                         "at submit time with `-i JDBC_SINK_PASSWORD=...`")
    assert d.fix.applicability == "unsafe"
    new = _fixed(text, d)
    assert 'password = "${JDBC_SINK_PASSWORD}"' in new
    assert _lint(new, "plaintext-secret") == []
    assert _lint(new, "placeholder-without-default") == []  # a secret gets no default


def test_plaintext_secret_key_patterns():
    text = job(source='api_key = abc\n    accessKey = "k"\n    username = "root"\n    schema { fields { password = string } }',
               sink='password = "${PW}"\n    token = ""')
    ds = _lint(text, "plaintext-secret")
    assert [(d.option, text[d.start:d.end]) for d in ds] == [("api_key", "abc"), ("accessKey", '"k"')]
    assert ds[1].fix.edits[0].text == '"${JDBC_SOURCE_ACCESS_KEY}"'


def test_sensitive_patterns_setting_extends_the_list():
    text = job(source='my_cookie = "c"')
    assert _lint(text, "plaintext-secret") == []
    [d] = _lint(text, "plaintext-secret", sensitive_patterns=["cookie$"])
    assert d.option == "my_cookie"


def test_shade_base64_decrypts_top_level_source_and_sink_keys_only():
    text = job(env='shade.identifier = "base64"\n  shade.options = ["api_key"]',
               source='password = "aHVudGVyMg=="\n    api_key = "YWJj"\n    conf { password = "x1" }',
               sink='secret = "s"')
    ds = _lint(text, "plaintext-secret")
    assert [d.option for d in ds] == ["conf.password", "secret"]
    assert "the `base64` shade does not decrypt it" in ds[0].message


def test_two_sinks_of_one_kind_get_distinct_variables():
    text = ("env {}\nsource { FakeSource {} }\nsink {\n  Jdbc { password = \"a\" }\n  Jdbc { password = \"b\" }\n}\n")
    ds = _lint(text, "plaintext-secret")
    assert [d.fix.edits[0].text for d in ds] == ['"${JDBC_SINK1_PASSWORD}"', '"${JDBC_SINK2_PASSWORD}"']


# ---- ST402 secret-in-url --------------------------------------------------------------------
@pytest.mark.parametrize("url,secret", [
    ("jdbc:mysql://root:pa55word@db:3306/shop", "pa55word"),
    ("mongodb://admin:m0ng0pw@h1:27017,h2:27017/db", "m0ng0pw"),
    ("jdbc:postgresql://db/shop?user=u&password=pgpw1", "pgpw1"),
    ("jdbc:sqlserver://db:1433;databaseName=x;password=sqlpw1", "sqlpw1"),
    ("jdbc:oracle:thin:scott/tig3r@//db:1521/XE", "tig3r"),
    ("https://bot:httppw9@api.example.com/v1", "httppw9"),
])
def test_secret_in_url(url, secret):
    text = job(source=f'url = "{url}"')
    [d] = _lint(text, "secret-in-url")
    assert text[d.start:d.end] == secret
    assert d.severity == "warning"
    assert d.message.startswith("`url` of source.Jdbc contains ")


def test_url_without_credentials_or_with_variable():
    for url in ("jdbc:mysql://db:3306/shop?useSSL=false", "jdbc:mysql://root:${PW}@db/x",
                "jdbc:postgresql://db/x?password=${PW}", "mongodb://h1:27017,h2:27017/db", "root@host"):
        assert _lint(job(source=f'url = "{url}"'), "secret-in-url") == [], url


# ---- ST403 numeric-secret -------------------------------------------------------------------
def test_numeric_password_is_error_with_safe_fix():
    text = job(source="password = 012345\n    username = 1001")
    ds = _lint(text, "numeric-secret")
    assert [(d.option, text[d.start:d.end]) for d in ds] == [("password", "012345"), ("username", "1001")]
    assert all(d.severity == "error" and d.fix.applicability == "safe" for d in ds)
    assert ds[0].message == ("`password` of source.Jdbc is an unquoted number: SeaTunnel casts sensitive values to "
                             "String while loading and aborts (ClassCastException); quote the value")
    new = apply_edits(text, [e for d in ds for e in d.fix.edits])
    assert 'password = "012345"' in new and 'username = "1001"' in new
    assert _lint(new, "numeric-secret") == []


def test_numeric_secret_scope():
    # transforms are not processed; nested keys and other keys neither; shade.options extends the list
    text = ("env { shade.options = [pin] }\nsource { Jdbc { pin = 42, port = 3306, conf { password = 1 } } }\n"
            "transform { Sql { password = 1 } }\nsink { Console {} }\n")
    ds = _lint(text, "numeric-secret")
    assert [(d.option, text[d.start:d.end]) for d in ds] == [("pin", "42")]


# ---- messages never leak the value ------------------------------------------------------------
def test_no_message_names_the_secret_value():
    secret = "Zq9SecretValue77"
    text = (f'env {{ shade.properties {{ api_key = "{secret}" }} }}\n'
            f'source {{ Jdbc {{ password = "{secret}", url = "jdbc:mysql://u:{secret}@h/x?password={secret}",\n'
            f'  token = 1{secret[:0]}12345, access_key = {secret} }} }}\n'
            f'sink {{ Http {{ headers {{ token = "{secret}" }}, url = "jdbc:oracle:thin:u/{secret}@h" }} }}\n')
    res = lint_text(text, "job.conf")
    mine = [d for d in res.diagnostics if d.name in SECRET_RULES]
    assert {d.name for d in mine} == set(SECRET_RULES)
    assert len(mine) >= 7
    for d in res.diagnostics:
        for s in (d.message, d.help or "", d.fix.message if d.fix else "", *(r.message for r in d.related)):
            assert secret not in s and "112345" not in s, (d.name, s)


def test_numeric_secret_depends_on_the_seatunnel_version():
    from stlint.config import Settings
    from stlint.engine import lint_text

    text = 'env {}\nsource {\n  Jdbc {\n    url = "jdbc:mysql://h/db"\n    password = 123456\n  }\n}\nsink { Console {} }\n'
    new = [d for d in lint_text(text, None, Settings(select=["numeric-secret"])).diagnostics]
    assert [text[d.start:d.end] for d in new] == ["123456"]
    for old in ("2.3.8", "2.3.9"):
        s = Settings(select=["numeric-secret"], seatunnel_version=old)
        assert lint_text(text, None, s).diagnostics == []  # ConfigShadeUtils used value.toString()


# ---- masked values, dotted Hadoop keys, secrets as placeholder defaults ------------------------
@pytest.mark.parametrize("value", ['"******"', '"xxxx"', '"XXXXXX"', '"AWS_XXXX"', "sk-xxx", '"<your access key>"',
                                   '"changeme"', '"CHANGE_ME"', '"your_password"', '"{{ db_password }}"', '"..."'])
def test_masked_values_hold_no_secret(value):
    assert _lint(job(sink=f"password = {value}"), "plaintext-secret") == []


@pytest.mark.parametrize("value", ['"test"', '"pass"', '"123456"', '"a"', '"dummy"', '"xxxx1"', '"Zq9xxx!"'])
def test_weak_but_real_values_are_secrets(value):
    assert len(_lint(job(sink=f"password = {value}"), "plaintext-secret")) == 1


def test_masked_url_password_is_no_secret():
    assert _lint(job(source='url = "jdbc:mysql://root:******@db/x"'), "secret-in-url") == []
    assert _lint(job(source='url = "jdbc:mysql://root:<password>@db/x"'), "secret-in-url") == []


def test_dotted_hadoop_keys_are_secrets():
    text = job(sink='hadoop_s3_properties {\n      "fs.s3a.secret.key" = "s3cr3t"\n      "fs.s3a.access.key" = "AKIA1"\n'
                    '      "fs.s3a.endpoint" = "e"\n    }\n    fs.s3a.secret.key = "top"')
    ds = _lint(text, "plaintext-secret")
    assert sorted((d.option, text[d.start:d.end]) for d in ds) == [
        ("fs.s3a.secret.key", '"top"'), ("hadoop_s3_properties.fs.s3a.access.key", '"AKIA1"'),
        ("hadoop_s3_properties.fs.s3a.secret.key", '"s3cr3t"')]
    # not every dotted `.key` is a secret
    assert _lint(job(sink='"partition.key" = "a"\n    "ssl.key" = "b"'), "plaintext-secret") == []


def test_secret_as_placeholder_default_quoted_and_unquoted():
    text = job(sink='password = "${PW:hunter2}"\n    token = ${TK:t0ken}\n    secret = "${S:}"\n    auth = "${A:******}"')
    ds = _lint(text, "plaintext-secret")
    assert [(d.option, text[d.start:d.end]) for d in ds] == [("password", "hunter2"), ("token", "t0ken")]
    assert ds[0].message == ("`password` of sink.Jdbc has a plaintext secret as the default of `${PW:...}`: drop the "
                             "default and pass the value at submit time with `-i PW=...`")
    assert "hunter2" not in ds[0].message + ds[0].fix.message + (ds[0].help or "")
    assert _fixed(text, ds[0]).count('password = "${PW}"') == 1


def test_every_message_is_scrubbed_even_from_other_rules():
    # unquoted-placeholder-default quotes the raw text in its message: the secret default is masked
    text = job(sink="token = ${TK:t0kenVal}")
    ds = lint_text(text, "job.conf", Settings()).diagnostics
    assert ds and all("t0kenVal" not in d.message and "t0kenVal" not in (d.help or "") for d in ds)
    d = next(d for d in ds if d.name == "unquoted-placeholder-default")
    assert "${TK:******}" in d.message
    assert d.fix_carries_secret  # its fix edit (a patch) carries the secret: not cached


def test_scrub_matches_whole_values_only_and_many_secrets():
    from stlint.redact import Secrets

    s = Secrets()
    s.values = {"pass", "hunter2", "a", "p@ss:w0rd"}
    s.finish()
    assert s.scrub("url root:hunter2@h, pass; passes a b ab") == "url root:******@h, ******; passes ****** b ab"
    assert s.scrub("x=p@ss:w0rd!") == "x=******!"
    assert s.scrub("nothing here") == "nothing here"
    # thousands of secrets: one pass over the text, every one found
    many = Secrets()
    many.values = {f"pw{i:05d}x" for i in range(5000)}
    many.finish()
    text = " ".join(f"`pw{i:05d}x`" for i in range(0, 5000, 7))
    assert "pw" not in many.scrub(text)
    assert many.scrub("pw00001xy pw00001") == "pw00001xy pw00001"


def test_url_password_as_a_variable_default():
    text = job(source='url = "jdbc:mysql://root:${PW:urlDefPw}@db/x"')
    [d] = _lint(text, "secret-in-url")
    assert text[d.start:d.end] == "urlDefPw"
    assert "(as the default of a variable)" in d.message and "urlDefPw" not in d.message
    assert _lint(job(source='url = "jdbc:mysql://root:${PW}@db/x"'), "secret-in-url") == []
    assert _lint(job(source='url = "jdbc:mysql://root:${PW:****}@db/x"'), "secret-in-url") == []


def test_code_frame_masks_the_secret_value_under_another_key_and_vars_secrets():
    """A frame shows its whole line: a secret's value written there under a key that is no
    secret's (`"pass word"`), or the value of a secret-named `vars` entry, is masked too."""
    from stlint.output import FileResult, to_text
    from stlint.checks import all_rules

    text = job(source='password = "hunter2"\n    "pass word" = "hunter2"\n    note = "s3cr3t-var"')
    res = lint_text(text, "job.conf", Settings(vars={"DB_PASSWORD": "s3cr3t-var"}))
    lines = {res.source.pos(d.start).line for d in res.diagnostics}
    assert {7, 8} <= lines  # unknown-option on both lines: their frames are shown
    out = to_text([FileResult("job.conf", res.source, res.diagnostics)], all_rules())
    assert "hunter2" not in out and "s3cr3t-var" not in out
    assert '"pass word" = "******"' in out and 'note = "******"' in out
