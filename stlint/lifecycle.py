"""The garbage collector over the life of a one-shot ``stlint`` process (cold start).

A cold ``stlint check one.conf`` allocates almost only long-lived objects before and during its
first lint: modules, rules, the catalog (~100k objects). With the collector on, ~20 collections
traverse them during start-up and the interpreter's final collection traverses everything again
at exit: 10-15 ms of a ~60 ms run (bench/cold_start.py). So, when ``stlint.cli.main`` runs as the
program (the console script or ``python -m stlint``; never when called with an argument list, as
tests and other front ends do):

- ``program_start(args)`` of a plain ``check`` turns the collector off; the first finished lint
  (``end_startup``) freezes what exists then (``gc.freeze``: those objects are never traversed
  again) and turns it back on, so every later file is checked with the collector as usual (and
  gctune's thresholds). With ``--jobs`` the parent ends the pause before it starts the workers
  (they inherit the frozen objects, which the collector then never touches: no copy-on-write).
  A run that lints nothing (every file answered by the result cache) allocates no cyclic garbage
  worth collecting and keeps it off.
- ``program_end()`` freezes whatever is left just before the process exits: the interpreter's
  final collection then has nothing to traverse (objects are still freed by reference counting
  and files are closed as usual).

``stlint lsp`` is long-lived: it is never paused.
"""

from __future__ import annotations

import gc

_paused = False


def program_start(args) -> None:
    """After the command line is parsed. Only a plain ``check`` pauses: ``--fix``, ``--diff`` and the
    report format lint every file through stlint.fixes first."""
    global _paused
    if (getattr(args, "command", None) == "check" and not (args.fix or args.diff or args.format == "report")
            and gc.isenabled()):
        gc.disable()
        _paused = True


def end_startup() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def program_end() -> None:
    gc.freeze()
