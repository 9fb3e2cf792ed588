"""SHA-256 for the result cache without importing :mod:`hashlib` at start-up.

``import hashlib`` loads OpenSSL (``_hashlib``: ~2.5 ms of every cold ``stlint check``, which with
a warm cache needs a few hashes of short texts). CPython's own SHA-256 module, the one hashlib
falls back to without OpenSSL, gives the same digests and loads in ~0.1 ms; it is slower on large
inputs (~5 ms per 2 MB against ~1 ms), which the cache meets only for changed files.
"""

from __future__ import annotations

try:
    from _sha2 import sha256  # CPython 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # another interpreter
        from hashlib import sha256

__all__ = ["sha256"]
