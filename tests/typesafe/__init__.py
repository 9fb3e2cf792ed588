"""Typesafe Config (the reference HOCON implementation) as a test oracle.

Needs Debian's ``libtypesafe-config-java`` (1.3.1; ``/usr/share/java/typesafe-config.jar``)
and a JDK (``javac`` + ``java``).  ``TypesafeDump.java`` beside this file is compiled on
first use into ``tests/typesafe/.build/<hash>/`` (git-ignored; the hash covers the source
and the jar, so edits recompile) and run as ONE long-lived JVM that answers many requests.

    from tests.typesafe import TypesafeRef, available   # or `typesafe`, see fixture.py
    with TypesafeRef() as ref:
        ref.dump_file("/abs/job.conf")
        ref.dump_text("a = ${b}", syntax="conf")        # "conf" | "json" | "properties"

Each dump returns ``{"ok": True, "json": tree}`` or ``{"ok": False, "error_class":
"ConfigException$Parse", "error_message": str, "error_line": int | None}``.  The tree is the
result of parsing (no ConfigFactory.load, no reference.conf) and resolving with
allowUnresolved=True and no environment/system-property fallback.  Ints are ``int``,
doubles ``float`` (but Typesafe itself turns integral numbers such as ``1.0``/``1e3`` into
ints); a value left unresolved is ``{"$unresolved": "<render(concise)>"}``, e.g.
``{"$unresolved": "${b.c}"}``.  See the header of TypesafeDump.java for details.

Environment: ``STLINT_TYPESAFE_JAR`` overrides the jar path.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

__all__ = ["available", "unavailable_reason", "TypesafeRef", "TypesafeError", "JAR_CANDIDATES"]

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "TypesafeDump.java"
BUILD_ROOT = HERE / ".build"
JAR_CANDIDATES = (
    "/usr/share/java/typesafe-config.jar",
    "/usr/share/java/typesafe-config-1.3.1.jar",
)
# Fast start-up; the workload is small per request.
JVM_OPTS = ("-Xss16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto")
DEFAULT_TIMEOUT = 60.0

_lock = threading.Lock()
_classpath: str | None = None
_reason: str | None = None
_checked = False


class TypesafeError(RuntimeError):
    """The JVM died, hung or answered something that is not a JSON line."""


def _find_jar() -> Path | None:
    env = os.environ.get("STLINT_TYPESAFE_JAR")
    for cand in ([env] if env else []) + list(JAR_CANDIDATES):
        if cand and Path(cand).is_file():
            return Path(cand)
    return None


def _prepare() -> None:
    """Find tools and jar, compile once per (source, jar) and remember the outcome."""
    global _classpath, _reason, _checked
    with _lock:
        if _checked:
            return
        _checked = True
        java, javac, jar = shutil.which("java"), shutil.which("javac"), _find_jar()
        if not java or not javac:
            _reason = "java/javac not on PATH (a JDK >= 11 is needed)"
            return
        if jar is None:
            _reason = ("Typesafe Config jar not found (apt-get install -y libtypesafe-config-java, "
                       "or set STLINT_TYPESAFE_JAR)")
            return
        st = jar.stat()
        digest = hashlib.sha256(SOURCE.read_bytes())
        digest.update(f"\0{jar.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
        out = BUILD_ROOT / digest.hexdigest()[:16]
        if not (out / "TypesafeDump.class").is_file():
            BUILD_ROOT.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=BUILD_ROOT))
            proc = subprocess.run(
                [javac, "-encoding", "UTF-8", "-nowarn", "-cp", str(jar), "-d", str(tmp), str(SOURCE)],
                capture_output=True, text=True,
            )
            if proc.returncode != 0:
                shutil.rmtree(tmp, ignore_errors=True)
                _reason = f"javac failed: {proc.stderr.strip()[:2000]}"
                return
            try:
                tmp.rename(out)  # atomic; loses the race harmlessly if another process won
            except OSError:
                shutil.rmtree(tmp, ignore_errors=True)
        _classpath = os.pathsep.join([str(out), str(jar)])


def unavailable_reason() -> str | None:
    """None when the harness can run, else why not (for pytest.skip)."""
    _prepare()
    return _reason


def available() -> bool:
    """True when a JDK and the Typesafe jar are present and TypesafeDump compiles."""
    return unavailable_reason() is None


class TypesafeRef:
    """One JVM running TypesafeDump, kept open; use as a context manager.

    Requests are strictly one-at-a-time (guarded by a lock).  If the JVM dies or a request
    exceeds ``timeout`` seconds, TypesafeError is raised and the next request starts a
    fresh JVM.
    """

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        reason = unavailable_reason()
        if reason is not None:
            raise TypesafeError(f"Typesafe reference unavailable: {reason}")
        self.timeout = timeout
        self._proc: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._stderr = None
        self._req_lock = threading.Lock()

    # -- process management -------------------------------------------------------------
    def _start(self) -> subprocess.Popen[str]:
        assert _classpath is not None
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        self._proc = subprocess.Popen(
            ["java", *JVM_OPTS, "-cp", _classpath, "TypesafeDump"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            text=True, encoding="utf-8", bufsize=1,
        )
        self._lines = q = queue.Queue()
        stdout = self._proc.stdout

        def pump() -> None:
            for line in stdout:  # type: ignore[union-attr]
                q.put(line)
            q.put(None)  # EOF

        threading.Thread(target=pump, name="typesafe-stdout", daemon=True).start()
        return self._proc

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        try:
            self._stderr.seek(0)
            return self._stderr.read()[-2000:]
        except (OSError, ValueError):
            return ""

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                if proc.stdin:
                    proc.stdin.close()
                proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> "TypesafeRef":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # best effort; prefer `with`
        try:
            self.close()
        except Exception:
            pass

    # -- requests -------------------------------------------------------------------------
    def _request(self, req: dict[str, Any]) -> dict[str, Any]:
        line = json.dumps(req, ensure_ascii=True) + "\n"  # no raw newlines can leak in
        with self._req_lock:
            proc = self._proc if self._proc is not None and self._proc.poll() is None else None
            if proc is None:
                self.close()
                proc = self._start()
            try:
                assert proc.stdin is not None
                proc.stdin.write(line)
                proc.stdin.flush()
                answer = self._lines.get(timeout=self.timeout)
            except queue.Empty:
                self._kill()
                raise TypesafeError(f"no answer within {self.timeout}s for {req!r}") from None
            except OSError as e:
                err = self._stderr_tail()
                self._kill()
                raise TypesafeError(f"JVM pipe broke: {e}; stderr: {err}") from None
            if answer is None:
                err = self._stderr_tail()
                self._kill()
                raise TypesafeError(f"JVM exited while handling {req!r}; stderr: {err}")
        try:
            return json.loads(answer)
        except ValueError:
            raise TypesafeError(f"bad answer line {answer!r}") from None

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
        self.close()

    def dump_file(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """ConfigFactory.parseFile (syntax from the extension) + resolve."""
        return self._request({"path": os.path.abspath(os.fspath(path))})

    def dump_text(self, text: str, syntax: str = "conf") -> dict[str, Any]:
        """ConfigFactory.parseString with syntax "conf", "json" or "properties" + resolve."""
        if syntax not in ("conf", "json", "properties"):
            raise ValueError(f"syntax must be conf, json or properties, not {syntax!r}")
        return self._request({"text": text, "syntax": syntax})
