"""`PluginSpec.written_options` (the options `evaluate` type-checks) never leaves out an option that
`get_raw` finds in a config, in every shipped release, and keeps the declaration order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stlint.catalog import available_versions, load_catalog
from stlint.catalog.model import MISSING, get_raw


def _found(spec, config):
    return [(k, s) for k, s in spec.options.items() if get_raw(s, config)[0] is not MISSING]


def _check(spec, config):
    written = spec.written_options(config)
    found = _found(spec, config)
    assert [k for k, _ in written if (k, spec.options[k]) in found] == [k for k, _ in found]
    keys = list(spec.options)
    assert [keys.index(k) for k, _ in written] == sorted(keys.index(k) for k, _ in written)  # declaration order


def _shapes(key: str):
    """The ways a job may write `key`: flat, and nested at each dot."""
    yield {key: 1}
    parts = key.split(".")
    for i in range(1, len(parts)):
        d: object = 1
        for p in reversed(parts[i:]):
            d = {p: d}
        yield {".".join(parts[:i]): d} if i > 1 else {parts[0]: d}


@pytest.mark.parametrize("version", available_versions())
def test_every_option_written_alone_is_kept(version):
    cat = load_catalog(version)
    n = 0
    for kind in ("source", "transform", "sink"):
        for name in cat.names(kind):
            spec = cat.find(kind, name)
            for s in spec.options.values():
                for key in (s.key, *s.fallback_keys):
                    for config in _shapes(key):
                        _check(spec, config)
                        n += 1
    assert n > 1000


CAT = load_catalog()
PLUGINS = [(k, n) for k in ("source", "transform", "sink") for n in CAT.names(k)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PLUGINS), st.data())
def test_written_options_cover_lookup(plugin, data):
    spec = CAT.find(*plugin)
    names = sorted({p for s in spec.options.values() for k in (s.key, *s.fallback_keys)
                    for p in (k, k.split(".")[0], k.rsplit(".", 1)[-1])} | {"x", "a.b"})
    leaf = st.one_of(st.integers(), st.text(max_size=3), st.none())
    value = st.recursive(leaf, lambda c: st.dictionaries(st.sampled_from(names), c, max_size=3), max_leaves=5)
    config = data.draw(st.dictionaries(st.sampled_from(names), value, max_size=8))
    _check(spec, config)
