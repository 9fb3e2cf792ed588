"""A file that another job in its folder includes is checked as a fragment in the editor too
(like `stlint check`): no missing-section or graph findings, while its own mistakes are shown."""

from __future__ import annotations

from lsphelp import client  # noqa: F401  (fixture)
from lsphelp import Doc

ENV = 'env {\n  job.mode = "BATCH"\n  parallelism = "many"\n}\n'
MAIN = ('include "common.conf"\nsource {\n  FakeSource { plugin_output = "f", schema = { fields { id = "int" } } }\n}\n'
        'sink {\n  Console { plugin_input = "f" }\n}\n')


async def test_included_file_is_a_fragment_in_the_editor(client, tmp_path):
    (tmp_path / "job.conf").write_text(MAIN)
    (tmp_path / "common.conf").write_text(ENV)
    doc = Doc(client, tmp_path / "common.conf", ENV)
    codes = sorted(d.code for d in await doc.diagnostics())
    assert codes == ["invalid-env-value"]  # its own mistake; no "no source/sink section"
    # the same text in a file nobody includes is a (broken) job
    alone = tmp_path / "alone"
    alone.mkdir()
    doc2 = Doc(client, alone / "common.conf", ENV)
    codes = sorted(d.code for d in await doc2.diagnostics())
    assert "missing-section" in codes and "invalid-env-value" in codes
