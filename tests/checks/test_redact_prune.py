"""`redact.find` skips the fields whose text cannot hold a secret; it must find exactly what the
full walk finds (ranges, values, kept key names): on the corpus, chosen corner cases (escapes,
`""` keys under a secret, case folding) and generated documents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stlint import redact
from stlint.config import Settings
from stlint.hocon import load_text
from tests.testpaths import CORPUS


def _same(text: str, path: str = "job.conf") -> None:
    doc = load_text(text, "seatunnel", path)
    s = Settings()
    a, b = redact._find(doc, s, True), redact._find(doc, s, False)
    assert (a.spans, a.values, a.keep) == (b.spans, b.values, b.keep), text


def test_corpus():
    if not CORPUS.is_dir():
        pytest.skip("corpus not found (../shared/corpus)")
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix in (".conf", ".json", ".hocon")]
    assert len(files) > 700
    for p in files:
        _same(p.read_bytes().decode("utf-8", "replace"), str(p))


@pytest.mark.parametrize("text", [
    'a { password = "hunter2" }',
    'password = [{ "" = "hunter2" }]',  # a key with no path element inside a secret's value
    'password { "" = "hunter2" }',
    'a { "" = "x", b = "y" }',
    'a { "pass\\u0077ord" = "hunter2" }',  # an escape spells the secret word
    'a { url = "jdbc:mysql://u:p4ss@h/db" }',
    'a { url = "http://h/x?\u017fig=abc" }',  # long s: `sig` to the case-insensitive query pattern
    'a { url = "http://h/x?SIG=abc&t=1" }',
    'a { conf = "LoginModule required username=\\"u\\" PASSWORD=\\"p\\";" }',
    'a { apiKey = "k1", "secret.key" = "k2", fs.s3a.access.key = "k3" }',
    'a { \u212aey = "k" }',  # Kelvin sign: lower() gives `k`
    'a { x { y { token = ${?T} "t" } } }',
    'a = [1, "u:p@h", {password = "p"}]',
    'a { b = "@" }\nsecret = x',
    # a key's parts join without the quotes/blanks between them: the word is split in the text
    'a { "pas""sword" = "hunter2" }',
    'a { b { to"ken" = "t" } }',
    'a { pas sword = "hunter2" }',
    'a { pas\u00a0sword = "hunter2" }',
    'a { "secret" "_key" = "k" }',
    'a { pas\ufeffsword = "hunter2" }',  # HOCON counts the BOM character as a blank
    'a { pas{% if x %}sword = "hunter2" }',  # parsed with the template tag blanked
    'a { b { to{{ x }}ken = "t" } }',
])
def test_corner_cases(text):
    _same(text)


def test_split_words_any_blank():
    """Every character the parser takes for a blank between key parts still finds the word."""
    for cp in [*range(1, 0x3100), 0xfeff]:
        _same(f'a {{ pas{chr(cp)}sword = "hunter2", "se" {chr(cp)}"cret" = "s" }}')


_words = st.sampled_from(["password", "Pass", "pwd", "secret", "token", "auth", "apiKey", "key", "credential",
                          "sig", "name", "url", "x", "schema", "fields", '""', "\u017fig", "a.b", "a->password",
                          '"pas""sword"', 'to"ken"', "pas sword", 'a."k"ey'])
_scalars = st.sampled_from(['"hunter2"', "hunter2", '"u:p@h"', '"http://h/?sig=1"', "1", '"${X:d}"', "${?X}",
                            '"\\u0070w"', '"xxxx"', '"a=b"'])


def _value(depth: int):
    if depth == 0:
        return _scalars
    sub = _value(depth - 1)
    return st.one_of(
        _scalars,
        st.lists(st.tuples(_words, sub), max_size=4).map(lambda kv: "{ " + ", ".join(f"{k} = {v}" for k, v in kv) + " }"),
        st.lists(sub, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_words, _value(3)), min_size=1, max_size=5))
def test_generated(fields):
    _same("\n".join(f"{k} = {v}" for k, v in fields))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("ab_ c.@", min_size=1, max_size=4), min_size=1, max_size=5), st.text("ab_ c.@x", max_size=30))
def test_few_secrets_substring_shortcut(words, text):
    """The matcher's substring test in front of the automaton changes no answer."""
    m = redact._Matcher(words)
    assert m.few is not None
    fast = m.find(text)
    m.few = None
    assert fast == m.find(text)
