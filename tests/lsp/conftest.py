"""Fixtures for the language-server tests (helpers live in lsphelp.py)."""

from lsphelp import client  # noqa: F401
