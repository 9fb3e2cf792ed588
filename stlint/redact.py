"""Secrets in a job file, and keeping them out of every output.

One place decides what is a secret (``is_secret_key``, ``is_masked``, ``url_secrets``); the
``plaintext-secret``/``secret-in-url`` rules report them, and ``find`` collects the text ranges of
every secret value in a file so that no output shows one:

* the engine scrubs diagnostic messages, help texts, fix titles and related messages
  (``apply``), whatever rule or parser produced them, and attaches to each diagnostic the secret
  ranges on the line its code frame shows (``Diagnostic.redact``);
* the text format masks those ranges in code frames (``mask_line``), SARIF hashes masked lines;
* the LSP scrubs hover texts with ``Secrets.scrub``;
* the result cache does not store a diagnostic whose fix edits carry a secret.

A patch (``--diff``, the report's ``patch_suggestion``, a fix's edits, a code action's edit) is the
file's own text and may carry it.

Masked values: a value that is visibly not a real secret is not one (nothing to hide, nothing to
report). ``is_masked`` is true for

* one character repeated (``******``, ``xxxx``, ``XXXXXX``, ``....``, ``????``, ``####``, ``----``),
  with at most a short prefix (``AWS_XXXX``, ``sk-xxx``): a run of three or more ``x``/``X``/``*``/
  ``#``/``?``/``.`` that ends the value, after at most 12 word characters and a ``-``/``_``/``:``;
* an angle-bracket placeholder: ``<your access key>``, ``<password>``, also ``[...]``/``{...}`` with
  a letter inside (``{{ secret }}``-style templates are left to template detection);
* a template expression (``{{ db_password }}``, ``{% ... %}``): the template tool fills it in;
* the words ``changeme``/``change_me``/``change-me``, ``replace_me``/``replaceme``,
  ``placeholder``, ``redacted``, ``masked``, ``secret_here``/``password_here``, ``your_password``,
  ``your-token``, ``YOUR_API_KEY``... (``your`` + a separator + a word), in any case.

Weak but real values (``test``, ``pass``, ``123456``, ``dummy``) are secrets: they work somewhere.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from stlint._records import dataclass, field, replace
from typing import Iterable, Iterator

# ConfigShadeUtils.DEFAULT_SENSITIVE_KEYWORDS: the keys SeaTunnel's loader decrypts (and casts to String)
SEATUNNEL_SENSITIVE = ("password", "username", "auth", "token", "access_key", "secret_key")

# Keys that hold a secret (matched on the option's last key segment, camelCase and '-' normalised
# to snake_case, and on the last two segments joined by '_' so that dotted Hadoop keys such as
# `fs.s3a.secret.key` count). `username` is deliberately not here: SeaTunnel's shade treats it as
# sensitive, but a user name is an identifier, not a secret.
SECRET_KEY_PATTERNS = (
    r"(^|_)(password|passwd|pwd|passphrase)$",
    r"(^|_)secret$",
    r"(^|_)(access|auth|api|refresh|bearer|session|security)?_?token$",
    r"^auth$",
    r"(^|_)(secret|access|api|private|account|app|sas|master|encryption|storage|client)_?key$",
    r"(^|_)credentials?$",
)
DEFAULT_KEY_RE = re.compile("|".join(f"(?:{p})" for p in SECRET_KEY_PATTERNS))
# parts of a key path under which names are data, not settings (schema fields, column mappings)
DATA_PARENTS = frozenset({"schema", "fields", "columns", "field_mapper", "mapping", "rows", "primary_key"})

# SeaTunnel's placeholder regex (ConfigBuilder / PlaceholderUtils)
_PLACEHOLDER_RE = re.compile(r"\$\{([^:{}]+)(?::([^}]*))?\}")


_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])([A-Z])")


@lru_cache(maxsize=8192)
def snake(seg: str) -> str:
    s = _CAMEL_HUMP.sub(r"_\1", seg)
    return s.replace("-", "_").lower()


def key_patterns(extra: Iterable[str] | None = None) -> list[re.Pattern]:
    """The default key pattern plus the user's ``sensitive_patterns`` (invalid ones ignored)."""
    out = [DEFAULT_KEY_RE]
    for p in extra or ():
        try:
            out.append(re.compile(p, re.I))
        except re.error:
            pass
    return out


def is_secret_key(key: str, pats: list[re.Pattern] | None = None) -> bool:
    """``key`` is a flat dotted key (``hadoop_s3_properties.fs.s3a.secret.key``)."""
    if not pats or (len(pats) == 1 and pats[0] is DEFAULT_KEY_RE):
        return _is_secret_default(key)  # the usual case: the same keys recur in every job
    return _is_secret_key(key, pats)


@lru_cache(maxsize=16384)
def _is_secret_default(key: str) -> bool:
    return _is_secret_key(key, [DEFAULT_KEY_RE])


def _is_secret_key(key: str, pats: list[re.Pattern]) -> bool:
    segs = key.split(".")
    if any(s.lower() in DATA_PARENTS for s in segs[:-1]):
        return False
    last = snake(segs[-1])
    if any(p.search(last) for p in pats):
        return True
    if len(segs) > 1 and pats[0].search(snake(segs[-2]) + "_" + last):
        return True  # fs.s3a.secret.key, fs.s3a.access.key, api.key
    return any(p.search(key) for p in pats[1:])


_MASK_RUN = re.compile(r"^[A-Za-z0-9]{0,12}[-_:]?(?:[xX*#?.]{3,}|\*+)$")
_BRACKETS = re.compile(r"^(?:<[^<>]*[A-Za-z][^<>]*>|\[[^\[\]]*[A-Za-z][^\[\]]*\]|\{[^{}]*[A-Za-z][^{}]*\})$")
_WORDS = re.compile(r"^(?:change[-_ ]?me|replace[-_ ]?me|placeholder|redacted|masked|hidden|"
                    r"(?:secret|password|token|key)[-_ ]here|your[-_ ][A-Za-z0-9_ -]+)$", re.I)


_TEMPLATE = re.compile(r"^(?:\{\{.*?\}\}|\{%.*?%\}|\s)+$", re.S)


def is_masked(value: str) -> bool:
    """A visibly fake value (see the module doc): not a secret."""
    v = value.strip()
    if not v:
        return True
    if _TEMPLATE.match(v):
        return True  # filled in by a template tool (stlint.templates)
    if len(set(v)) == 1 and v[0] in "xX*#?.-_":
        return True
    if _MASK_RUN.match(v) and len(set(v[-3:])) == 1:
        return True
    if _BRACKETS.match(v) and not v.startswith("{{"):
        return True
    return bool(_WORDS.match(v))


# --- credentials inside connection strings ----------------------------------------------------
_URL_USERINFO = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://(?P<user>[^:/?#@\s\"'\[\]]*):(?P<pw>[^@/?#\s\"']+)@")
_ORACLE = re.compile(r"jdbc:oracle:[a-z0-9]+:(?P<user>[^/@:\s\"']+)/(?P<pw>[^@\s\"']+)@", re.I)
_QUERY = re.compile(r"[?&;:](?P<k>password|passwd|pwd|secret|client_secret|token|access_token|api_?key|"
                    r"sas_?token|sig)\s*=\s*(?P<pw>[^&;\s\"']+)", re.I)
_JAAS = re.compile(r"LoginModule\b[^;]*?\bpassword\s*=\s*\\?\"(?P<pw>[^\"\\]+)\\?\"", re.I | re.S)


def url_secrets(raw: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, what) of credentials inside a connection string (offsets into ``raw``)."""
    for m in _ORACLE.finditer(raw):
        yield m.start("pw"), m.end("pw"), "a password in the Oracle `user/password@` part"
    for m in _URL_USERINFO.finditer(raw):
        if raw[m.start():m.end()].lower().startswith("oracle:"):
            continue
        yield m.start("pw"), m.end("pw"), "a password in the URL's user-info (`user:password@`)"
    for m in _QUERY.finditer(raw):
        yield m.start("pw"), m.end("pw"), f"a `{m.group('k')}=` parameter"
    for m in _JAAS.finditer(raw):
        yield m.start("pw"), m.end("pw"), "a password in the JAAS login module settings"


def url_secret_ok(pw: str) -> bool:
    """A URL credential that is a real secret (not a placeholder, not masked)."""
    return "${" not in pw and not pw.startswith("$") and not is_masked(pw)


_PH_DEFAULT = re.compile(r"^\$\{[^:{}]+:([^{}]*)\}$")


def url_default_secret(pw: str) -> tuple[int, int] | None:
    """(start, end) inside ``pw`` of a real secret written as the default of a variable that is
    the whole credential (`user:${PW:hunter2}@host`), else None."""
    m = _PH_DEFAULT.match(pw)
    if m is None or not m.group(1).strip() or is_masked(m.group(1)):
        return None
    return m.start(1), m.end(1)


# --- the secrets of one file -----------------------------------------------------------------
MASK = "******"


@dataclass
class Secrets:
    """Ranges (source offsets, sorted, not overlapping) of secret text in one file, and the
    secret strings themselves (kept in memory only, to scrub texts)."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    values: set[str] = field(default_factory=set)
    keep: set[str] = field(default_factory=set)  # key names equal to a value: not scrubbed
    _re: "_Matcher | None" = None

    def __bool__(self) -> bool:
        return bool(self.spans or self.values)

    def add(self, start: int, end: int, text: str) -> None:
        if end > start and text.strip():
            self.spans.append((start, end))
            self.values.add(text)

    def finish(self) -> "Secrets":
        self.spans.sort()
        merged: list[tuple[int, int]] = []
        for s, e in self.spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        self.spans = merged
        vals = [v for v in self.values if v not in self.keep]
        self._re = _Matcher(vals) if vals else None  # type: ignore[assignment]
        return self

    def scrub(self, s: str | None) -> str | None:
        """``s`` with every secret value replaced by ``******`` (time linear in ``len(s)``,
        whatever the number of secrets)."""
        if not s or self._re is None:
            return s
        hits = self._re.find(s)
        if not hits:
            return s
        out = []
        pos = 0
        for a, b in hits:
            out.append(s[pos:a])
            out.append(MASK)
            pos = b
        out.append(s[pos:])
        return "".join(out)

    def carries(self, s: str) -> bool:
        return self._re is not None and bool(self._re.find(s))

    def within(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """Secret ranges that intersect [start, end)."""
        i = bisect.bisect_left(self.spans, (start, start))
        if i > 0 and self.spans[i - 1][1] > start:
            i -= 1
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                out.append(self.spans[i])
            i += 1
        return tuple(out)


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


_FEW = 16


class _Matcher:
    """Aho-Corasick over the secret values: every occurrence in a text in one pass (time linear in
    the text, not in the number of secrets). An occurrence counts only where it does not continue
    a word (a value starting/ending with a letter, digit or `_` must not have one beside it), so a
    secret `pass` is not found inside `passes`."""

    __slots__ = ("goto", "fail", "depth", "best", "link", "few")

    def __init__(self, words: Iterable[str]) -> None:
        words = [w for w in words if w]
        # a file has a few secrets: a substring test each (C speed) answers most texts at once
        self.few: tuple[str, ...] | None = tuple(words) if len(words) <= _FEW else None
        goto: list[dict[str, int]] = [{}]
        depth = [0]
        term = [False]
        for w in words:
            if not w:
                continue
            st = 0
            for ch in w:
                nxt = goto[st].get(ch)
                if nxt is None:
                    nxt = len(goto)
                    goto[st][ch] = nxt
                    goto.append({})
                    depth.append(depth[st] + 1)
                    term.append(False)
                st = nxt
            term[st] = True
        fail = [0] * len(goto)
        link = [-1] * len(goto)  # nearest proper suffix state that ends a word
        queue = list(goto[0].values())
        qi = 0
        while qi < len(queue):
            st = queue[qi]
            qi += 1
            for ch, nxt in goto[st].items():
                f = fail[st]
                while f and ch not in goto[f]:
                    f = fail[f]
                fn = goto[f].get(ch, 0)
                fail[nxt] = fn if fn != nxt else 0
                link[nxt] = fail[nxt] if term[fail[nxt]] else link[fail[nxt]]
                queue.append(nxt)
        self.goto, self.fail, self.depth, self.link = goto, fail, depth, link
        self.best = [st if term[st] else link[st] for st in range(len(goto))]  # longest word ending here

    def find(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) ranges of secrets in ``text`` (overlapping hits merged)."""
        few = self.few
        if few is not None and not any(w in text for w in few):
            return []  # no secret occurs in the text at all
        goto, fail, depth, best, link = self.goto, self.fail, self.depth, self.best, self.link
        hits: list[tuple[int, int]] = []
        st = 0
        n = len(text)
        i = 0
        for ch in text:
            i += 1
            while st and ch not in goto[st]:
                st = fail[st]
            st = goto[st].get(ch, 0)
            cand = best[st]
            tries = 0
            while cand > 0 and tries < 8:  # longest first; a few shorter ones if a boundary fails
                a = i - depth[cand]
                if not (a > 0 and _word(text[a]) and _word(text[a - 1])) and \
                        not (i < n and _word(text[i - 1]) and _word(text[i])):
                    hits.append((a, i))
                    break
                cand = link[cand]
                tries += 1
        if not hits:
            return hits
        hits.sort()
        merged = [hits[0]]
        for a, b in hits[1:]:
            if a <= merged[-1][1]:
                if b > merged[-1][1]:
                    merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        return merged


# What a secret needs in the text of the field or value holding it, with the default key patterns:
# a secret key's last segment ends in one of these words (SECRET_KEY_PATTERNS: camelCase and `-`
# only add `_`, the segment before only adds a word in front); a credential in a connection string
# has an `@` (user-info, Oracle) or a parameter word (`_QUERY`: password, pwd, secret, token,
# api_key, sas_token, sig; `_JAAS`: password); a backslash may spell any of them in an escape.
_NEEDED = ("pass", "pwd", "secret", "token", "auth", "key", "credential", "sig", "@", "\\")
# A key's parts are joined without what stands between them (`"pas""sword"`, `to"ken"`: the keys
# `password`, `token`; `pas sword` and, in a key that does not parse, `pas!sword` or `pas}sword`:
# `_key_text` joins the parts to `password`), so a word may be spelled with any characters
# between its letters but word characters, `.`, `-` and `\n` (HOCON's only line end): this regex
# finds those too (case-insensitive: `re.I` matches dotless i, long s and the Kelvin sign to ASCII
# letters).
_NEEDED_RE = re.compile(r"(?=[pstakc@\\\u0131\u017f\u212a])(?:"
                        + "|".join(re.escape(w) if len(w) == 1 else r"[^\w.\n-]*".join(w) for w in _NEEDED)
                        + ")", re.I)
# (no needed word has a border, so `bytes.count` counts every occurrence)
_NEEDED_WORDS = tuple(w.encode("ascii") for w in _NEEDED if len(w) > 1)
_NEEDED_BYTES = tuple(w.encode("ascii") for w in _NEEDED)
_ASCII_BETWEEN = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_.\n-"))


def _needed_hits(text: str):
    """(start, end) of every `_NEEDED` word in ``text``, sorted (overlaps possible). An ASCII text
    whose words are all written whole (as many in it as in it without the characters that may
    stand between a word's letters: the usual case) is searched with `find`; any other text
    with ``_NEEDED_RE``."""
    if text.isascii():
        low = text.encode("ascii").lower()
        hits: list[tuple[int, int]] = []
        words = 0
        for w in _NEEDED_BYTES:
            i = low.find(w)
            while i >= 0:
                hits.append((i, i + len(w)))
                i = low.find(w, i + 1)
            if len(w) > 1:
                words = len(hits)
        squeezed = low.translate(None, _ASCII_BETWEEN)
        if words == sum(map(squeezed.count, _NEEDED_WORDS)):
            hits.sort()
            return hits
    return [m.span() for m in _NEEDED_RE.finditer(text)]


def _quiet_ranges(text: str):
    """A predicate on syntax nodes: true when the node's text has none of `_NEEDED`: a field there
    has no secret key and no value there holds a credential, so ``find`` skips it unless it lies
    in a secret's value (a key with no path element, `"" = x`, has its enclosing field's path and
    so its verdict). A search of the text (``_needed_hits``), then a binary search per node."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in _needed_hits(text):  # merged: disjoint, so the ends are sorted too
        if ends and a <= ends[-1]:
            if b > ends[-1]:
                ends[-1] = b
        else:
            starts.append(a)
            ends.append(b)
    n_spans = len(starts)

    def quiet(node) -> bool:
        i = bisect.bisect_right(ends, node.start)  # the first hit ending after the node's start
        return i >= n_spans or starts[i] >= node.end

    return quiet


def _key_text(key) -> list[str]:
    """Path elements of a syntax key, without diagnostics (quoted parts never split; unquoted
    parts split on `.` and `->`, which is all a secret-key match needs)."""
    out = [""]
    for part_text, quoted, _s, _e in key.parts:
        if quoted or ("." not in part_text and "->" not in part_text):
            out[-1] += part_text
        else:
            pieces = part_text.replace("->", ".").split(".")
            out[-1] += pieces[0]
            out.extend(pieces[1:])
    return [p for p in out if p != ""]


def _content(n, text: str) -> tuple[int, int]:
    if n.kind == "quoted":
        return n.start + 1, n.end - 1
    if n.kind == "triple":
        return n.start + 3, n.end - 3
    return n.start, n.end


def find(doc, settings=None) -> Secrets:
    """Every secret range of ``doc``'s own text: values of secret keys (anywhere in the file; the
    literal parts and placeholder defaults, not placeholder names), credentials in connection
    strings, and the values of secret-named ``vars`` given to stlint."""
    return _find(doc, settings, True)


def _find(doc, settings, prune: bool) -> Secrets:
    """``find``; ``prune`` skips the fields and items whose text cannot hold a secret
    (``_quiet_ranges``; False walks everything, the reference the tests compare with)."""
    from stlint.parser import SArray, SConcat, SField, SObject, SScalar, SSubst

    sec = Secrets()
    text = doc.source.text
    pats = key_patterns(getattr(settings, "sensitive_patterns", None) if settings is not None else None)
    for name, val in ((getattr(settings, "vars", None) or {}) if settings is not None else {}).items():
        if is_secret_key(str(name), pats) and str(val).strip() and not is_masked(str(val)):
            sec.values.add(str(val))
    root = doc.syntax
    if root is None:
        return sec.finish()
    stack: list[tuple[object, tuple[str, ...], bool]] = [(root, (), False)]

    def secret_scalar(n, path) -> None:
        if n.kind not in ("quoted", "triple", "unquoted", "number"):
            return
        if n.kind == "unquoted" and n.text in ("true", "false", "null"):
            return
        s, e = _content(n, text)
        raw = text[s:e]
        if "${" in raw and n.kind in ("quoted", "triple"):
            pos = 0
            for m in _PLACEHOLDER_RE.finditer(raw):
                lit = raw[pos:m.start()]
                if lit.strip() and not is_masked(lit):
                    sec.add(s + pos, s + m.start(), lit)
                d = m.group(2)
                if d is not None and d.strip() and not is_masked(d):
                    sec.add(s + m.start(2), s + m.end(2), d)
                pos = m.end()
            lit = raw[pos:]
            if pos and lit.strip() and not is_masked(lit):
                sec.add(s + pos, e, lit)
            return
        if is_masked(n.text):
            return
        sec.add(s, e, raw)
        if n.text != raw:
            sec.values.add(n.text)

    def secret_subst(n) -> None:
        if n.default_at >= 0:
            d = text[n.default_at + 1:n.end - 1]
            if d.strip() and not is_masked(d):
                sec.add(n.default_at + 1, n.end - 1, d)

    # (the syntax of a file with template tags is the parse of a text with the tags blanked: the
    # words of its keys are not those of the file's text, so no pruning there)
    if prune and any(d.name == "template-syntax" for d in doc.diagnostics):
        prune = False
    skip = _quiet_ranges(text) if prune and len(pats) == 1 and pats[0] is DEFAULT_KEY_RE else None
    while stack:
        n, path, secret = stack.pop()
        if isinstance(n, SObject):
            for m in n.members:
                if isinstance(m, SField):
                    if skip is not None and not secret and skip(m):
                        continue  # (an object reached as a secret's value: its `"" = x` fields are secrets too)
                    sub = (path + tuple(_key_text(m.key)))[-32:]  # bounded on deep nesting
                    is_sec = bool(sub) and is_secret_key(".".join(sub), pats)
                    if is_sec:
                        sec.keep.add(sub[-1])
                    stack.append((m.value, sub, is_sec))
        elif isinstance(n, SArray):
            if skip is None or secret:
                stack.extend((i, path, secret) for i in n.items)
            else:
                stack.extend((i, path, secret) for i in n.items if not skip(i))
        elif isinstance(n, SConcat):
            stack.extend((p, path, secret) for p in n.parts)
        elif isinstance(n, SSubst):
            if secret:
                secret_subst(n)
        elif isinstance(n, SScalar):
            if secret:
                secret_scalar(n, path)
            elif n.kind in ("quoted", "triple", "unquoted") and ("@" in n.text or "=" in n.text):
                s, e = _content(n, text)
                raw = text[s:e]
                for a, b, _what in url_secrets(raw):
                    if url_secret_ok(raw[a:b]):
                        sec.add(s + a, s + b, raw[a:b])
                    else:
                        d = url_default_secret(raw[a:b])
                        if d is not None:
                            sec.add(s + a + d[0], s + a + d[1], raw[a + d[0]:a + d[1]])
    return sec.finish()


# --- applying it to diagnostics --------------------------------------------------------------
def apply(sec: Secrets, src, diags: list) -> list:
    """Scrub every text of ``diags`` and attach the ranges to mask in their code frames."""
    if not sec:
        return diags
    for d in diags:
        d.message = sec.scrub(d.message)
        d.help = sec.scrub(d.help)
        if d.suggestions:  # a candidate is a name from the catalog or the job; never offer one carrying a secret
            d.suggestions = tuple(x for x in d.suggestions if not sec.carries(x))
        if d.fix is not None:
            if sec.carries(d.fix.message):
                d.fix = replace(d.fix, message=sec.scrub(d.fix.message))
            if any(sec.carries(e.text) for e in d.fix.edits):
                d.fix_carries_secret = True
        if d.related:
            d.related = tuple(replace(r, message=sec.scrub(r.message)) for r in d.related)
        if sec.spans or sec._re is not None:
            line = src.pos(d.start).line
            ls = src.line_start(line)
            text = src.line_text(line)
            spans = sec.within(ls, ls + len(text) + 1)
            # a secret's value written elsewhere on the line (under a key that is no secret's, or
            # a `vars` secret) is masked too: the frame shows the line, not only the secret's field
            hits = sec._re.find(text) if sec._re is not None else ()
            if hits:
                merged: list[tuple[int, int]] = []
                for a, b in sorted([*spans, *((ls + a, ls + b) for a, b in hits)]):
                    if merged and a <= merged[-1][1]:
                        merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
                    else:
                        merged.append((a, b))
                spans = tuple(merged)
            d.redact = spans
    return diags


# --- showing text safely -----------------------------------------------------------------------
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(_BIDI)) + "]")


def unsafe_char(ch: str) -> bool:
    """A character that must not reach a terminal or a CI log as it is: C0/C1 controls, DEL,
    line/paragraph separators and bidirectional overrides (Trojan Source)."""
    o = ord(ch)
    return o < 0x20 or 0x7F <= o <= 0x9F or ch in "\u2028\u2029" or ch in _BIDI


def visible(ch: str) -> str:
    o = ord(ch)
    if o <= 0xFF:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{o:02x}")
    return f"\\u{o:04x}"


def escape_text(s: str, keep: str = "") -> str:
    """``s`` with unsafe characters (``unsafe_char``) written as visible escapes (``\\x1b``);
    characters in ``keep`` stay as they are."""
    if _UNSAFE.search(s) is None:  # the common case, without a Python-level loop per character
        return s
    if not any(unsafe_char(c) and c not in keep for c in s):
        return s
    return "".join(visible(c) if unsafe_char(c) and c not in keep else c for c in s)


def mask_line(line: str, line_start: int, spans: Iterable[tuple[int, int]]) -> list[str]:
    """One display piece per character of ``line``: a secret range becomes ``******`` (on its
    first character, the others empty), unsafe characters their visible escape."""
    pieces = [visible(c) if unsafe_char(c) and c != "\t" else c for c in line]
    for s, e in spans:
        a = max(s - line_start, 0)
        b = min(e - line_start, len(line))
        if a >= b:
            continue
        pieces[a] = MASK
        for i in range(a + 1, b):
            pieces[i] = ""
    return pieces
