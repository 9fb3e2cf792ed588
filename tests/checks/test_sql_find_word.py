"""sqlcheck._find_word (a string search) finds what the word regex it replaced finds."""

import random

from stlint.sqlcheck import _find_word, _find_word_re


def test_find_word_agrees_with_the_regex():
    rnd = random.Random(7)
    for _ in range(30000):
        q = "".join(rnd.choice("ab_`1 ,.AÄ") for _ in range(rnd.randint(0, 14)))
        w = "".join(rnd.choice("abA_1") for _ in range(rnd.randint(1, 3)))
        start = rnd.randint(0, len(q))
        assert _find_word(q, w, True, start) == _find_word_re(q, w, start), (q, w, start)


def test_find_word_cases():
    assert _find_word("select `id`, id2 from t", "id", True) == 8
    assert _find_word("select id2, ID from t", "id", True) == 12
    assert _find_word("select x from t", "id", True) == -1
    assert _find_word("select id from t", "id", False) == -1


def test_comma_before_from_prefilter_agrees_with_the_tokenizer():
    """The text test in front of the second tokenization misses no `,` token right before FROM."""
    from stlint.sqlcheck import _comma_before_from, _comma_from_tokens

    rnd = random.Random(11)
    pieces = [",", " ", "\n", "\t", "\u00a0", "from", "FROM", "From", "a", "b1", "'", '"', "`", "--", "#", "/*",
              "*/", "select", "x,", ", from", ",/* c */from", ",-- c\nfrom", ",#c\nFROM", "fromage", "(", ")"]
    for _ in range(3000):
        q = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert _comma_before_from(q) == _comma_from_tokens(q), q
    assert _comma_before_from("select a, b, from t") == 11
    assert _comma_before_from("select a, b /* x */ from t") is None
