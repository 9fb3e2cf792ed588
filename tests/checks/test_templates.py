"""Template files (Jinja / Go templates): reported once, values with template syntax unchecked,
everything else still checked, offsets and fixes on the file as written."""

from __future__ import annotations

import subprocess
import sys

from stlint.config import Settings
from stlint.engine import lint_text
from stlint.fixes import fix_source
from stlint.source import Source

from testpaths import REPO

TEMPLATE = """env {
  parallelism = {{ parallelism }}
  job.mode = "{{ mode }}"
  checkpoint.interval = "{{ interval }}"
}
source {
{% for t in tables %}
  Jdbc {
    url = "jdbc:mysql://{{ host }}:3306/db"
    driver = "com.mysql.cj.jdbc.Driver"
    username = "{{ user }}"
    password = "{{ db_password }}"
    query = "select 1"
    fetch_size = {{ fetch }}  {# rows per round trip #}
    plugin_output = "t"
  }
{% endfor %}
}
sink {
  Console { plugin_input = "t" }
}
"""


def _names(text: str, **kw) -> list[tuple[str, str]]:
    return [(d.name, d.severity) for d in lint_text(text, "job.conf", Settings(**kw)).diagnostics]


def test_template_reported_once_and_its_values_not_checked():
    ds = lint_text(TEMPLATE, "job.conf").diagnostics
    assert [(d.name, d.severity) for d in ds] == [("template-syntax", "info")]
    [d] = ds
    assert TEMPLATE[d.start:d.end] == "{{ parallelism }}"
    assert d.message == ("template syntax (`{# ... #}`, `{% ... %}`, `{{ ... }}`, 10 tags): this file is a template "
                         "for another tool, not the job SeaTunnel reads; values containing template syntax are not "
                         "checked")


def test_values_without_template_syntax_are_still_checked():
    text = TEMPLATE.replace('job.mode = "{{ mode }}"', 'job.mode = "BATCHY"').replace("Console", "Consol")
    names = _names(text)
    assert ("invalid-env-value", "error") in names
    assert ("unknown-plugin", "error") in names
    # a real syntax error outside the tags is still one
    assert ("syntax-error", "error") in _names(TEMPLATE.replace('query = "select 1"', 'query = "select 1'))


def test_without_template_syntax_the_same_values_are_findings():
    plain = ('env {\n  parallelism = "many"\n  job.mode = "BATCH"\n}\n'
             'source { FakeSource { plugin_output = "t", row.num = "lots", schema = { fields { id = "int" } } } }\nsink { Console { plugin_input = "t" } }\n')
    assert ("invalid-env-value", "error") in _names(plain)
    assert ("invalid-option-value", "error") in _names(plain)
    tpl = plain.replace('"many"', '"{{ n }}"').replace('"lots"', '"{{ rows }}"')
    assert _names(tpl) == [("template-syntax", "info")]


def test_template_values_are_no_secrets_and_no_placeholders():
    ds = lint_text(TEMPLATE, "job.conf").diagnostics
    assert not any(d.name in ("plaintext-secret", "placeholder-without-default") for d in ds)


def test_fixes_keep_the_template_text():
    text = TEMPLATE.replace("Console", "console")
    r = fix_source(Source(text, "job.conf"), Settings(extend_select=["plugin-name-case"]), unsafe=False)
    assert r.text == TEMPLATE


def test_cli_on_a_template(tmp_path):
    (tmp_path / "job.conf").write_text(TEMPLATE, encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "stlint", "check", "job.conf", "--no-cache"], cwd=tmp_path,
                       capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stdout + p.stderr
    assert "job.conf:2:17: info template-syntax template syntax" in p.stdout
    assert "1 |" not in p.stdout and "2 |   parallelism = {{ parallelism }}" in p.stdout


def test_a_key_written_as_a_tag_is_not_an_unknown_option():
    text = ('env { job.mode = "BATCH" }\nsource { FakeSource { plugin_output = "t", {{ extra_key }} = 1, bad_key = 2, schema = { fields { id = "int" } } } }\n'
            'sink { Console { plugin_input = "t" } }\n')
    ds = lint_text(text, "job.conf").diagnostics
    assert [(d.name, text[d.start:d.end]) for d in ds] == [("template-syntax", "{{ extra_key }}"),
                                                          ("unknown-option", "bad_key")]
