"""Unit tests of the small Java tokenizer / parser / interpreter."""

from __future__ import annotations

import pytest

from stlint.catalog.java.interp import ClassRef, EnumValue, Interpreter, OptionVal, Rule, SourceIndex, Unknown
from stlint.catalog.java.lexer import JavaSyntaxError, tokenize
from stlint.catalog.java.parser import parse_unit


def test_tokenizer_literals_and_comments():
    toks = tokenize('/* c */ int x = 0x10; // tail\n String s = "a\\"b\\u0041"; char c = \'\\n\'; long l = 1_000L;')
    texts = [(t.kind, t.text) for t in toks if t.kind in ("num", "str", "char")]
    assert texts == [("num", "0x10"), ("str", 'a"bA'), ("char", "\n"), ("num", "1_000L")]


def test_tokenizer_text_block():
    toks = tokenize('String s = """\n    hello\n      world\n    """;')
    assert [t.text for t in toks if t.kind == "str"] == ["hello\n  world\n"]


def test_tokenizer_rejects_garbage():
    with pytest.raises(JavaSyntaxError):
        tokenize("int x = `;")


def test_generic_commas_do_not_split_fields():
    unit = parse_unit(
        "package p; class A { static final Map<String, Integer> M = new HashMap<String, Integer>(), N = null;"
        " Option<Map<String, Object>> S = Options.key(\"schema\").type(new TypeReference<Map<String, Object>>() {}).noDefaultValue(); }"
    )
    a = unit.types[0]
    assert set(a.fields) == {"M", "N", "S"}


def _interp(src: dict[str, str]) -> Interpreter:
    return Interpreter(SourceIndex(files=src))


def _field(interp: Interpreter, fqn: str, name: str):
    decl = interp.index.get(fqn)
    assert decl is not None, fqn
    return interp.field_value(interp.find_field(decl, name))


def test_constant_expressions():
    it = _interp({"p/A.java": (
        "package p; class A { static final int K = 256 * 1024; static final long L = 60 * 1000L; "
        "static final String S = \"a\" + \".\" + K; static final int NEG = -(3 + 4) / 2; "
        "static final boolean B = !false && true; static final String T = (K > 10) ? \"big\" : \"small\"; "
        "static final String[] ARR = {\"x\", \"y\"}; static final String FIRST = ARR[1]; "
        "static final String F = String.format(\"${%s}\", \"db\"); static final int M = Integer.MAX_VALUE; }")})
    assert _field(it, "p.A", "K") == 262144
    assert _field(it, "p.A", "L") == 60000
    assert _field(it, "p.A", "S") == "a.262144"
    assert _field(it, "p.A", "NEG") == -3  # Java integer division truncates toward zero
    assert _field(it, "p.A", "B") is True
    assert _field(it, "p.A", "T") == "big"
    assert _field(it, "p.A", "FIRST") == "y"
    assert _field(it, "p.A", "F") == "${db}"
    assert _field(it, "p.A", "M") == 2**31 - 1


def test_unresolvable_expression_is_unknown_not_guessed():
    it = _interp({"p/A.java": "package p; import java.time.ZoneId; class A { static final String Z = ZoneId.systemDefault().getId(); }"})
    v = _field(it, "p.A", "Z")
    assert isinstance(v, Unknown)


def test_cyclic_initializers_terminate():
    it = _interp({"p/A.java": "package p; class A { static final String X = Y + \"a\"; static final String Y = X + \"b\"; }"})
    assert isinstance(_field(it, "p.A", "X"), Unknown)


def test_enum_tostring_override_and_constructor_fields():
    it = _interp({"p/E.java": (
        "package p; public enum E { A(\"alpha\", 1), B(\"beta\", 2) { @Override public String toString() { return \"BEE\"; } };"
        " private final String v; private final int n; E(String v, int n) { this.v = v; this.n = n; }"
        " public String getV() { return v; } @Override public String toString() { return v.toUpperCase(); } }")})
    decl = it.index.get("p.E")
    assert it.enum_values(decl) == ["ALPHA", "BEE"]
    assert it.call_on_value(EnumValue(decl, "A"), "getV", [], None) == "alpha"


def test_option_and_rule_builders():
    it = _interp({"p/O.java": (
        "package p; class O { static final Option<Integer> A = Options.key(\"a\").intType().defaultValue(3).withFallbackKeys(\"old_a\");"
        " static final Option<java.util.List<String>> L = Options.key(\"l\").listType().noDefaultValue();"
        " static OptionRule r() { OptionRule.Builder b = OptionRule.builder().required(A); return b.optional(L).build(); } }")})
    a = _field(it, "p.O", "A")
    assert isinstance(a, OptionVal) and a.key == "a" and a.default == 3 and a.fallback_keys == ("old_a",)
    decl = it.index.get("p.O")
    rule = it.invoke(it.find_method(decl, "r", 0), [])
    assert isinstance(rule, Rule)
    assert [(g.kind, [o.key for o in g.options]) for g in rule.groups] == [("required", ["a"]), ("optional", ["l"])]
