"""Session-scoped pytest fixture ``typesafe_ref`` (a running TypesafeRef).

Register it by importing it into a conftest.py or a test module, e.g. in tests/conftest.py:

    from typesafe.fixture import typesafe_ref  # noqa: F401   (tests/ is not a package)
    # or, when the repo root is on sys.path / tests/ is a package:
    from tests.typesafe.fixture import typesafe_ref  # noqa: F401

The fixture skips the test, with the reason, when Typesafe Config or a JDK is missing;
set STLINT_REQUIRE_TYPESAFE=1 (e.g. in CI) to make that a failure instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from . import TypesafeRef, unavailable_reason


def require_or_skip() -> None:
    """Skip (or fail, under STLINT_REQUIRE_TYPESAFE=1) when the harness cannot run."""
    reason = unavailable_reason()
    if reason is None:
        return
    msg = f"Typesafe Config reference unavailable: {reason}"
    if os.environ.get("STLINT_REQUIRE_TYPESAFE", "") not in ("", "0"):
        pytest.fail(msg + " (STLINT_REQUIRE_TYPESAFE is set)", pytrace=False)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def typesafe_ref() -> Iterator[TypesafeRef]:
    require_or_skip()
    with TypesafeRef() as ref:
        yield ref
