"""The guard every feature handler wears: an exception is logged to the client and an empty
result returned, so the server keeps serving."""

from __future__ import annotations

import functools
import os
import traceback
from typing import Any, Callable

from lsprotocol import types as T

# test hook: handler names that raise (STLINT_LSP_FAULTS=hover,completion) to prove the guard
_FAULTS = frozenset(n for n in os.environ.get("STLINT_LSP_FAULTS", "").split(",") if n)


def guarded(default: Callable[[], Any]):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(ls, params):
            try:
                if fn.__name__ in _FAULTS:
                    raise RuntimeError(f"injected fault in {fn.__name__}")
                return fn(ls, params)
            except Exception:
                ls.log(f"stlint: {fn.__name__} failed:\n{traceback.format_exc()}", T.MessageType.Error)
                return default()

        return wrapper

    return deco
