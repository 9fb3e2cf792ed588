"""Property test: evaluate never raises and only returns well-formed violations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stlint.catalog import load_catalog

CAT = load_catalog()
PLUGINS = [(k, n) for k in ("source", "transform", "sink") for n in CAT.names(k)]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=8), st.sampled_from(["true", "FALSE", "${x}", "csv", "orc", "SINGLE", "1,2", " 12 "]),
    st.just({"$unresolved": "${X}"}),
)
values = st.recursive(scalars, lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(st.text(max_size=5), c, max_size=3)), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PLUGINS), st.data())
def test_evaluate_total(plugin, data):
    spec = CAT.find(*plugin)
    keys = spec.all_keys() or ["x"]
    config = data.draw(st.dictionaries(st.sampled_from(keys + ["a.b", "unknown"]), values, max_size=6))
    for v in spec.evaluate(config):
        assert v.kind in ("missing-required", "exclusive", "bundled", "invalid-value")
        assert v.options and all(isinstance(o, str) for o in v.options)
        assert isinstance(v.message, str) and v.message
