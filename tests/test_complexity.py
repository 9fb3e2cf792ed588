"""Complexity classes of the rules on generated inputs: twice the input may cost at most 2.5 times
the time (linear, with room for noise; a quadratic rule costs about 4 times). Sizes are compared with
each other, never with a clock budget: CPU time of this process (``time.process_time``), best of
interleaved repeats, so a busy machine slows both sizes alike. The inputs are the shapes that were
quadratic: the plugin-graph rules on long transform chains (top-down, bottom-up, closed into a
cycle, one name produced and read by many), section-order / repeated-section on repeated top-level
sections. Also: the per-lint facts (key paths, placeholder walk) are computed once per lint.

Larger versions of these shapes, with per-stage and per-rule times: ``python bench/scale.py``."""

from __future__ import annotations

import time

import pytest

from stlint import engine
from stlint.checks import Context, all_rules
from stlint.config import Settings, enabled_rules
from stlint.hocon import _Builder, load_source
from stlint.job import build_job
from stlint.source import Source

FAKE = 'FakeSource { plugin_output = "t0", schema = { fields { id = "int" } } }'


def chain(n: int) -> str:
    rows = [f'  Sql {{ plugin_input = "t{i - 1}", plugin_output = "t{i}", query = "select * from t{i - 1}" }}'
            for i in range(1, n + 1)]
    return f"env {{}}\nsource {{ {FAKE} }}\ntransform {{\n" + "\n".join(rows) + \
        f'\n}}\nsink {{ Console {{ plugin_input = "t{n}" }} }}\n'


def chain_bottom_up(n: int) -> str:
    """Each transform reads the one written after it: Zeta's queue builds one per pass."""
    rows = [f'  Copy {{ plugin_input = "t{i - 1}", plugin_output = "t{i}" }}' for i in range(n, 0, -1)]
    return f"env {{}}\nsource {{ {FAKE} }}\ntransform {{\n" + "\n".join(rows) + \
        f'\n}}\nsink {{ Console {{ plugin_input = "t{n}" }} }}\n'


def cycle(n: int) -> str:
    rows = [f'  Copy {{ plugin_input = "t{n if i == 1 else i - 1}", plugin_output = "t{i}" }}'
            for i in range(1, n + 1)]
    return f"env {{}}\nsource {{ {FAKE} }}\ntransform {{\n" + "\n".join(rows) + \
        f'\n}}\nsink {{ Console {{ plugin_input = "t{n}" }} }}\n'


def one_name(n: int) -> str:
    """n transforms that all produce and read the same name (n x n edges between transforms)."""
    rows = ['  Copy { plugin_input = "x", plugin_output = "x" }'] * n
    return f"env {{}}\nsource {{ {FAKE.replace('t0', 'x')} }}\ntransform {{\n" + "\n".join(rows) + \
        '\n}\nsink { Console { plugin_input = "x" } }\n'


def unknown_inputs(n: int) -> str:
    """n transforms reading names nobody produces (did-you-mean among n outputs each)."""
    rows = [f'  Copy {{ plugin_input = "in{i}", plugin_output = "t{i}" }}' for i in range(n)]
    return f"env {{}}\nsource {{ {FAKE} }}\ntransform {{\n" + "\n".join(rows) + \
        '\n}\nsink { Console { plugin_input = "t0" } }\n'


def env_blocks(n: int) -> str:
    return "".join(f"env {{ parallelism = {i} }}\n" for i in range(n)) + \
        f"source {{ {FAKE} }}\nsink {{ Console {{}} }}\n"


def alternating_sections(n: int) -> str:
    return "env {}\n" + "".join("sink { Console {} }\n" if i % 2 == 0 else f"source {{ {FAKE} }}\n"
                                 for i in range(n))


def _rules_time(text: str, settings: Settings) -> float:
    """CPU time of every enabled rule on one fresh rule context (the model is built outside)."""
    doc = load_source(Source(text, None), "seatunnel")
    job = build_job(doc)
    rules = [r for name, r in all_rules().items()
             if r.func is not None and name in enabled_rules(settings, None)]

    def once() -> float:
        ctx = Context(doc, job, settings)  # fresh: no memo from the previous run
        with engine.gc_tuned():
            t = time.process_time()
            for r in rules:
                for _ in r.func(ctx):
                    pass
            return time.process_time() - t

    return once


def assert_linear(make, n: int, settings: Settings | None = None, repeats: int = 3) -> None:
    settings = settings or Settings()
    small, big = _rules_time(make(n), settings), _rules_time(make(2 * n), settings)
    t1 = t2 = float("inf")
    for _ in range(repeats):  # interleaved: a burst of load hits both sizes
        t1 = min(t1, small())
        t2 = min(t2, big())
    assert t2 < 2.5 * t1, f"{make.__name__}: n={n} {t1:.3f} s, n={2 * n} {t2:.3f} s (x{t2 / t1:.2f})"


@pytest.mark.parametrize("make,n", [(chain, 1500), (chain_bottom_up, 1500), (cycle, 1500), (one_name, 1500),
                                    (unknown_inputs, 600)])
def test_graph_rules_are_linear(make, n):
    assert_linear(make, n)


@pytest.mark.parametrize("engine_name", ["flink", "spark"])
def test_graph_rules_are_linear_on_the_starters(engine_name):
    assert_linear(chain, 1500, Settings(engine=engine_name))
    assert_linear(chain_bottom_up, 1500, Settings(engine=engine_name))


@pytest.mark.parametrize("make,n", [(env_blocks, 3000), (alternating_sections, 3000)])
def test_section_rules_are_linear(make, n):
    assert_linear(make, n)


def test_key_paths_computed_once_per_key_per_lint(monkeypatch):
    """The model splits each key once and the rules reuse those splits (the rule context starts
    from the model's), however many rules look at it."""
    text = chain(50) + 'env { a.b = "${X}", c = "x${Y:1}" }\n'
    calls = 0
    real = _Builder.key_path

    def counting(self, key):
        nonlocal calls
        calls += 1
        return real(self, key)

    monkeypatch.setattr(_Builder, "key_path", counting)
    doc = load_source(Source(text, None), "seatunnel")
    model = calls
    assert model > 0
    calls = 0
    res = engine.lint_source(Source(text, None), Settings())
    assert res.diagnostics is not None
    rules = calls - model  # lint_source builds the model again
    # was about 6 x model before the rule context shared them, then 1 x model; now none
    assert rules == 0, (rules, model)


def test_placeholder_walk_once_per_lint(monkeypatch):
    from stlint.checks import variables

    text = chain(20) + 'env { a = "${X}", c = "x${Y:1}" }\n'
    walks = 0
    real = variables._quoted_placeholders

    def counting(ctx):
        nonlocal walks
        walks += 1
        return real(ctx)

    monkeypatch.setattr(variables, "_quoted_placeholders", counting)
    res = engine.lint_source(Source(text, None), Settings())
    assert any(d.name == "placeholder-without-default" for d in res.diagnostics)
    assert walks == 1
