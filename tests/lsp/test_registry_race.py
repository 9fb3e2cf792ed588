"""The rule registry is complete for every thread (the flaky VS Code e2e run).

The language server reads settings on two threads: its event loop (``stlint/catalogVersion`` for
the status bar, cached-result checks) and its analysis thread (lints, ``workspace/diagnostic``).
``.stlint.toml``'s ``extend-select = ["plugin-name-case"]`` is validated against the rule registry
(``stlint.checks.all_rules``), which imports the rule families on first use. A thread that asked
while another was importing them used to get the rules registered so far: the opt-in rule was
"unknown", the settings fell back to the defaults, and the open file was linted without its
``.stlint.toml`` for the rest of the session (faulty-job.conf lost its plugin-name-case finding,
and with it the quick fix the e2e test applies; files not open, linted by the workspace report
through the CLI's resolver, still had theirs).

Both tests force that interleaving with an import hook that holds the first thread in the middle
of the family imports until the second thread has answered or is waiting for the registry; the
hook records that it ran, so neither test can pass without the race having been set up.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from rawlsp import REPO, SERVER, RawServer

WORKSPACE = REPO / "vscode-extension" / "e2e" / "workspace"

# imported by the interpreter before anything else (sitecustomize on PYTHONPATH)
HOOK = r'''
import importlib.abc, os, sys, threading

HELD = os.environ["STLINT_TEST_HOLD_THREAD"]  # name of the thread to hold mid-import
MARK = os.environ["STLINT_TEST_MARK"]  # file: what the hook saw
answered = threading.Event()  # the other thread got the registry, or waits for it
state = {"held": False}


def note(msg):
    with open(MARK, "a") as f:
        f.write(msg + "\n")


class Gate:
    """Wraps the registry's lock: a thread other than the held one arriving there says so."""

    def __init__(self, lock):
        self.lock = lock

    def __enter__(self):
        if threading.current_thread().name != HELD:
            note("other thread waits for the registry")
            answered.set()
        return self.lock.__enter__()

    def __exit__(self, *a):
        return self.lock.__exit__(*a)


def watch_other():
    """The other thread's answer: all_rules returning to it (wrapped once stlint.checks exists)."""
    checks = sys.modules["stlint.checks"]
    real = checks.all_rules

    def all_rules():
        r = real()
        if threading.current_thread().name != HELD:
            note(f"other thread got {len(r)} rules")
            answered.set()
        return r

    checks.all_rules = all_rules
    for mod in list(sys.modules.values()):  # modules that imported the name already
        if getattr(mod, "all_rules", None) is real:
            mod.all_rules = all_rules
    if hasattr(checks, "_load_lock"):
        checks._load_lock = Gate(checks._load_lock)


class Hold(importlib.abc.MetaPathFinder):
    """Holds the thread importing stlint.checks.plugins before the module runs (in the loader:
    find_spec runs under the global import lock, which would stop every thread's imports)."""

    def find_spec(self, name, path, target=None):
        if (name == "stlint.checks.plugins" and not state["held"]
                and threading.current_thread().name == HELD):
            state["held"] = True
            import importlib.machinery
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            real_exec = spec.loader.exec_module

            def exec_module(module):
                note("held")
                if not answered.wait(60):
                    note("the other thread never asked")
                return real_exec(module)

            spec.loader.exec_module = exec_module
            return spec
        return None


class Wrap(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "stlint.checks.structure" and "stlint.checks" in sys.modules and not state.get("wrapped"):
            state["wrapped"] = True
            watch_other()
        return None


sys.meta_path[:0] = [Wrap(), Hold()]
'''


def _hook_env(tmp_path: Path, held: str) -> dict:
    site = tmp_path / "hook"
    site.mkdir()
    (site / "sitecustomize.py").write_text(HOOK)
    env = dict(os.environ, PYTHONPATH=f"{site}{os.pathsep}{REPO}",
               STLINT_TEST_HOLD_THREAD=held, STLINT_TEST_MARK=str(tmp_path / "mark.txt"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    return env


def _marks(tmp_path: Path) -> list[str]:
    p = tmp_path / "mark.txt"
    return p.read_text().splitlines() if p.exists() else []


def test_all_rules_waits_for_another_threads_import(tmp_path):
    """Thread "first" imports the families; thread "second" asks meanwhile and gets all of them."""
    child = textwrap.dedent('''
        import json, sys, threading
        from stlint import checks
        got = {}

        def second():
            got["second"] = sorted(checks.all_rules())

        def first_importing():
            got["first"] = sorted(checks.all_rules())

        import importlib.abc
        class StartSecond(importlib.abc.MetaPathFinder):  # mid-import: let the second thread ask
            done = False
            def find_spec(self, name, path, target=None):
                if name == "stlint.checks.plugins" and not self.done:
                    self.done = True
                    threading.Thread(target=second, name="second").start()
                return None
        sys.meta_path.insert(0, StartSecond())
        t = threading.Thread(target=first_importing, name="first")
        t.start()
        t.join()
        while threading.active_count() > 1:
            for th in threading.enumerate():
                if th is not threading.main_thread():
                    th.join()
        print(json.dumps(got))
    ''')
    env = _hook_env(tmp_path, "first")
    r = subprocess.run([sys.executable, "-c", child], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    marks = _marks(tmp_path)
    assert "held" in marks and "the other thread never asked" not in marks, marks
    assert "plugin-name-case" in got["first"]
    assert got["second"] == got["first"], (len(got["second"]), len(got["first"]), marks)


class HookedServer(RawServer):
    """The real server with the import hook (RawServer's own environment has no PYTHONPATH hook)."""

    def __init__(self, env: dict) -> None:
        self.proc = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=REPO, env=env)
        self.messages = queue.Queue()
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()
        self.next_id = 0


def test_open_file_keeps_its_config_when_the_workspace_report_loads_the_rules(tmp_path):
    """VS Code's start-up order: workspace/diagnostic (the analysis thread reads .stlint.toml
    through the CLI's resolver), then didOpen and the status bar's
    stlint/catalogVersion (the event loop reads the same .stlint.toml meanwhile). The open file's
    pull diagnostics must use `extend-select = ["plugin-name-case"]`, and no settings error is shown.
    Since the server imports the rule families before it serves (``_import_shared_packages``), the
    hook finds no import to hold on the analysis thread; the first test above still forces the
    registry race for in-process callers with threads of their own."""
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    s = HookedServer(_hook_env(tmp_path, "stlint-analysis"))
    try:
        caps = {"textDocument": {"diagnostic": {"dynamicRegistration": False}},
                "workspace": {"configuration": True}}
        s.call("initialize", {"processId": None, "rootUri": ws.as_uri(),
                              "workspaceFolders": [{"uri": ws.as_uri(), "name": "ws"}], "capabilities": caps})
        s.notify("initialized", {})
        path = ws / "faulty-job.conf"
        uri = path.as_uri()
        s.request("workspace/diagnostic", {"previousResultIds": []})
        s.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "seatunnel", "version": 1, "text": path.read_text()}})
        s.request("stlint/catalogVersion", {"uri": uri})
        did = s.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        shown = []
        while True:
            try:
                m = s.messages.get(timeout=60)
            except queue.Empty:
                raise AssertionError((_marks(tmp_path), shown, s.stderr.decode()[-3000:])) from None
            assert m is not None, s.stderr.decode()[-3000:]
            if m.get("method") == "window/showMessage":
                shown.append(m["params"]["message"])
            if "method" not in m and m.get("id") == did:
                report = m["result"]
                break
    finally:
        s.close()
    marks = _marks(tmp_path)
    # the server imported the families on its starting thread (test_import_order.py): the analysis
    # thread never imports them, so the hook had nothing to hold there
    assert "held" not in marks, marks
    codes = sorted({d.get("code") for d in report["items"]})
    assert "plugin-name-case" in codes, (codes, shown, marks)
    assert not shown, shown
