"""`stlint format`: hand-written before/after cases, the meaning test over the corpus and the HOCON
spec fixtures (also as CRLF + BOM), generated documents, the CLI and the pre-commit hook."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stlint.formatter import FormatOptions, FormatRefused, format_text
from stlint.hocon import load_text, to_json
from testpaths import CORPUS, REPO, SPEC, require_shared

CASES = [
    # (before, after): each normalisation
    ("a {\nb = 1\n      c = 2\n}\n", "a {\n  b = 1\n  c = 2\n}\n"),                # indentation
    ("a=1\nb   =    2\n", "a = 1\nb = 2\n"),                                     # one space around =
    ("a+=1\n", "a += 1\n"),
    ("a:1\nb   :   2\n", "a: 1\nb: 2\n"),                                        # `:` kept, `key: value`
    ("a:1\nb = 2\nc = 3\n", "a = 1\nb = 2\nc = 3\n"),                          # majority `=`
    ("a:1\nb : 2\nc = 3\n", "a: 1\nb: 2\nc: 3\n"),                             # majority `:`
    ("a:1\nb = 2\n", "a = 1\nb = 2\n"),                                          # a tie: `=`
    ("a{\n  b = 1\n}\n", "a {\n  b = 1\n}\n"),                                   # key {
    ("a    {\n}\n", "a {\n}\n"),
    ("a = 1   \nb = 2\t\n", "a = 1\nb = 2\n"),                                   # trailing white space
    ("a = 1\n\n\n\nb = 2\n", "a = 1\n\nb = 2\n"),                                # one blank line at most
    ("a = 1", "a = 1\n"),                                                        # final newline
    ("a = 1\n\n\n", "a = 1\n"),
    ("a = [\n1,\n      2\n    ]\n", "a = [\n  1,\n  2\n]\n"),                    # multi-line arrays
    ("a {\n  b {\n c = [\n {\n x = 1\n }\n ]\n }\n    }\n",
     "a {\n  b {\n    c = [\n      {\n        x = 1\n      }\n    ]\n  }\n}\n"),  # closing brackets
    # what must not change
    ('a = "x  y"\nb = "\\t\\u0041"\nc = 1.50\nd = 0x1\n', 'a = "x  y"\nb = "\\t\\u0041"\nc = 1.50\nd = 0x1\n'),
    ('x {\n  s = """  keep   \n      this\n   """\n}\n', 'x {\n  s = """  keep   \n      this\n   """\n}\n'),
    ("# head\na {\n   # own line\n  b = 1 # end of line\n  // slashes\n}\n",
     "# head\na {\n  # own line\n  b = 1 # end of line\n  // slashes\n}\n"),
    ('include "other.conf"\na.b.c = 1\n"q.k" = 2\n', 'include "other.conf"\na.b.c = 1\n"q.k" = 2\n'),
    ("z = 1\na = 2\n", "z = 1\na = 2\n"),                                        # never reorder
    ("a = foo bar  baz\n", "a = foo bar  baz\n"),                                # concatenation white space
    ('a = ${x}"s" ${?y}\n', 'a = ${x}"s" ${?y}\n'),
    ("{\n\"a\" : 1,\n\"b\": [1, 2]\n}\n", "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n"),  # JSON
    ("a = [1, 2,\n3]\n", "a = [1, 2,\n  3]\n"),
]


@pytest.mark.parametrize("before,after", CASES)
def test_case(before, after):
    assert format_text(before) == after
    assert format_text(after) == after
    _same_meaning(before, after)


def test_crlf_and_bom_are_kept():
    src = "\ufeffa{\r\n b=1 \r\n}\r\n"
    assert format_text(src) == "\ufeffa {\r\n  b = 1\r\n}\r\n"


def test_indent_options():
    assert format_text("a {\nb = 1\n}\n", FormatOptions(indent=4)) == "a {\n    b = 1\n}\n"
    assert format_text("a {\nb = 1\n}\n", FormatOptions(use_tabs=True)) == "a {\n\tb = 1\n}\n"


def test_syntax_error_is_refused():
    with pytest.raises(FormatRefused):
        format_text("a {\n b = 1\n")


def _dump(text: str, flavor: str) -> str:
    d = load_text(text, flavor)
    return json.dumps(to_json(d.resolved), sort_keys=True, default=str)


def _comments(text: str) -> list[str]:
    return [m.group(0).rstrip() for m in re.finditer(r"(?:#|//)[^\n]*", text)]


def _unsep(text: str) -> str:
    """``text`` without white space, every field separator `:` written `=` (from the parse tree)."""
    from stlint.parser import SArray, SConcat, SField, SObject, parse

    body = text.lstrip("\ufeff")
    chars = list(body)
    stack = [parse(body).root]
    while stack:
        n = stack.pop()
        if isinstance(n, SObject):
            stack.extend(m for m in n.members if isinstance(m, SField))
        elif isinstance(n, SField):
            if n.sep == ":":
                chars[n.sep_start] = "="
            stack.append(n.value)
        elif isinstance(n, (SArray, SConcat)):
            stack.extend(n.items if isinstance(n, SArray) else n.parts)
    return re.sub(r"\s", "", "".join(chars))


def _same_meaning(before: str, after: str) -> None:
    for flavor in ("seatunnel", "hocon"):
        assert _dump(after, flavor) == _dump(before, flavor), flavor
    # only white space (and a field's `=`/`:`) changes: every comment, key, value and bracket survives
    assert _unsep(after) == _unsep(before)
    assert _comments(after) == _comments(before)


def _docs():
    require_shared()
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix in (".conf", ".json", ".hocon")]
    files += [p for p in sorted(SPEC.rglob("*")) if p.is_file() and p.suffix in (".conf", ".json")]
    assert len(files) > 700
    return files


def test_meaning_idempotence_comments_over_corpus_and_spec_fixtures():
    done = refused = 0
    for p in _docs():
        try:
            text = p.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for variant in (text, "\ufeff" + text.replace("\r\n", "\n").replace("\n", "\r\n")):
            try:
                out = format_text(variant)
            except FormatRefused:
                refused += 1
                continue
            assert format_text(out) == out, p
            try:
                _same_meaning(variant, out)
            except AssertionError as e:
                raise AssertionError(f"{p}: {e}") from None
            done += 1
    assert done > 1500
    assert refused < done // 20


_key = st.from_regex(r"[a-z][a-z0-9_.]{0,5}", fullmatch=True).filter(lambda k: ".." not in k and not k.endswith("."))
_scalar = st.one_of(st.integers(-999, 999).map(str), st.from_regex(r'"[a-z ]{0,6}"', fullmatch=True),
                    st.sampled_from(["true", "null", "foo bar", '"""a\n  b """', "${x}", "1.50"]))
_ws = st.sampled_from(["", " ", "   ", "\t"])
_nl = st.sampled_from(["\n", "\n\n\n", " \n", "\n  # note\n", " // c\n"])


@st.composite
def _doc(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        k = draw(_key)
        if depth < 3 and draw(st.booleans()):
            parts.append(f"{draw(_ws)}{k}{draw(_ws)}{{{draw(_nl)}{draw(_doc(depth + 1))}{draw(_ws)}}}{draw(_nl)}")
        elif draw(st.booleans()):
            items = draw(st.lists(_scalar, max_size=3))
            sep = draw(st.sampled_from([",", ",\n", "\n"]))
            parts.append(f"{draw(_ws)}{k}{draw(_ws)}={draw(_ws)}[{draw(_nl)}{sep.join(items)}{draw(_nl)}]{draw(_nl)}")
        else:
            s = draw(st.sampled_from(["=", ":", "+="]))
            parts.append(f"{draw(_ws)}{k}{draw(_ws)}{s}{draw(_ws)}{draw(_scalar)}{draw(_ws)}{draw(_nl)}")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_doc(), st.booleans())
def test_generated_documents(doc, crlf):
    if crlf:
        doc = "\ufeff" + doc.replace("\n", "\r\n")
    try:
        out = format_text(doc)
    except FormatRefused:
        return
    assert format_text(out) == out
    _same_meaning(doc, out)


# --- CLI --------------------------------------------------------------------------------------

def _cli(*args, input=None, cwd=None):
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "stlint", "format", *args], input=input, cwd=cwd, env=env,
                          capture_output=True, timeout=120)


def test_cli_check_diff_write(tmp_path):
    f = tmp_path / "job.conf"
    f.write_bytes(b"env{\n job.mode=\"BATCH\"\n}\n")
    r = _cli("--check", str(f))
    assert r.returncode == 1 and b"would reformat" in r.stdout
    r = _cli("--diff", str(f))
    assert r.returncode == 0 and b"+env {" in r.stdout and b'+  job.mode = "BATCH"' in r.stdout
    assert f.read_bytes() == b"env{\n job.mode=\"BATCH\"\n}\n"
    ino = f.stat().st_ino
    r = _cli(str(f))
    assert r.returncode == 0, r.stderr
    assert f.read_bytes() == b'env {\n  job.mode = "BATCH"\n}\n'
    assert _cli("--check", str(f)).returncode == 0
    del ino  # write_fixed replaces atomically (a new inode is expected)


def test_cli_refuses_syntax_errors_untouched(tmp_path):
    f = tmp_path / "bad.conf"
    f.write_bytes(b"env {\n  a=1\n")
    r = _cli(str(f))
    assert r.returncode == 2 and b"syntax error" in r.stderr
    assert f.read_bytes() == b"env {\n  a=1\n"


def test_cli_stdin():
    r = _cli("-", input=b"\xef\xbb\xbfa{\r\nb=1\r\n}\r\n")
    assert r.returncode == 0 and r.stdout == b"\xef\xbb\xbfa {\r\n  b = 1\r\n}\r\n"
    r = _cli("-", input=b"a = {\n")
    assert r.returncode == 2 and r.stdout == b"a = {\n"


def test_config_indent(tmp_path):
    (tmp_path / ".stlint.toml").write_text("[format]\nindent = 4\n")
    f = tmp_path / "job.conf"
    f.write_text("env {\nparallelism = 1\n}\n")
    assert _cli(str(f)).returncode == 0
    assert f.read_text() == "env {\n    parallelism = 1\n}\n"


def _cost(text: str) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        format_text(text)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("unit", ["a{b=1,c:[1,2]}, ", "k {\n  x=1\n  y = [\n1\n]\n}\n"])
def test_linear(unit):
    """2x input -> < 2.5x time (one long line of fields; many lines)."""
    small, big = unit * 4000, unit * 8000
    _cost(small)
    assert _cost(big) < 2.5 * _cost(small)
