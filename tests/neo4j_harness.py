"""A real Neo4j 5.26 Community server for tests, benchmarks and CI — no docker.

The server is the embedded Neo4j runtime from Maven Central plus a tiny
launcher (``tests/neo4j_server``) that opens a Bolt connector on
127.0.0.1, with auth disabled and all data in a throw-away directory.
Needs Java 17+ and Maven on PATH (``JAVA_HOME`` is honoured); the first
build downloads about 160 MB into ``~/.m2`` (cache that directory in CI).

In pytest (``tests/`` on ``sys.path``, plugin loaded with
``pytest_plugins = ["neo4j_harness"]``)::

    def test_something(neo4j_uri):
        from neo4j import GraphDatabase
        with GraphDatabase.driver(neo4j_uri, auth=neo4j_auth()) as driver:
            ...

The session fixture ``neo4j_uri`` yields ``$NEO4J_URI`` when set (your own
server, e.g. ``docker compose up -d --wait``; credentials come from
``NEO4J_USER``/``NEO4J_PASSWORD`` via :func:`neo4j_auth`).  Otherwise it
starts one test server per session.  Without Java or Maven the Neo4j tests
are skipped — except when ``CI=true``, where that is a failure, as is any
failure to build or start the server.

From Python (benchmarks)::

    from neo4j_harness import Neo4jTestServer
    with Neo4jTestServer() as server:
        run_benchmark(server.uri)          # bolt://127.0.0.1:PORT, no auth

From a shell::

    python tests/neo4j_harness.py [--port 7687]

builds if needed, starts a server, prints its URI as the first stdout line
and keeps it running until Ctrl-C / SIGTERM (its data is deleted then).

Environment:

``SINERGI_TEST_NEO4J_HEAP``
    JVM heap (``-Xmx``), default ``1g``; raise it for ~1M-row imports.
``SINERGI_TEST_NEO4J_PAGECACHE``
    page cache in MiB, default ``256``.
"""

from __future__ import annotations

import atexit
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SERVER_DIR = HERE / "neo4j_server"
POM = SERVER_DIR / "pom.xml"
SOURCES = SERVER_DIR / "src"
TARGET = SERVER_DIR / "target"
CLASSES = TARGET / "classes"
LIB = TARGET / "lib"
STAMP = TARGET / ".sinergi-build-ok"
LOCK = TARGET / ".sinergi-build.lock"
MAIN_CLASS = "sinergi.TestNeo4jServer"

DEFAULT_HEAP = "1g"
DEFAULT_PAGECACHE_MB = 256
STARTUP_TIMEOUT = 180.0
BUILD_TIMEOUT = 1800.0

# Flags the Neo4j server scripts pass too; Neo4j's off-heap page cache and
# Netty need the add-opens on Java 17+.
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
]


class Neo4jHarnessError(RuntimeError):
    """The test server could not be built or started."""


class Neo4jBuildError(Neo4jHarnessError):
    """Maven could not build the test server (offline? no ~/.m2 cache?)."""


# --------------------------------------------------------------------------
# tools


def _java() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        for name in ("java", "java.exe"):
            candidate = Path(java_home) / "bin" / name
            if candidate.is_file():
                return str(candidate)
    return shutil.which("java")


def _mvn() -> str | None:
    return shutil.which("mvn")


def missing_tools() -> list[str]:
    """Names of the tools (java, mvn) the test server needs but can't find."""
    missing = []
    if _java() is None:
        missing.append("java")
    if _mvn() is None:
        missing.append("mvn")
    return missing


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


# --------------------------------------------------------------------------
# build


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive inter-process lock (blocks until it is ours)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as fh:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            while True:
                try:
                    fh.seek(0)
                    msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _newest_input_mtime() -> float:
    newest = POM.stat().st_mtime
    for path in SOURCES.rglob("*"):
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
    return newest


def _build_is_fresh() -> bool:
    try:
        stamp = STAMP.stat().st_mtime
    except OSError:
        return False
    if not (CLASSES / "sinergi" / "TestNeo4jServer.class").is_file():
        return False
    if not LIB.is_dir() or not any(LIB.glob("neo4j-*.jar")):
        return False
    return stamp > _newest_input_mtime()


def _classpath() -> str:
    return os.pathsep.join([str(CLASSES), str(LIB / "*")])


def java_command(heap: str | None = None) -> list[str]:
    """The java command line prefix (without PORT DATADIR) for a built server."""
    java = _java()
    if java is None:
        raise Neo4jHarnessError("java not found (install Java 17+ or set JAVA_HOME)")
    heap = heap or os.environ.get("SINERGI_TEST_NEO4J_HEAP") or DEFAULT_HEAP
    return [java, f"-Xmx{heap}", *JVM_FLAGS, "-cp", _classpath(), MAIN_CLASS]


def build_server(heap: str | None = None) -> list[str]:
    """Build the Maven project once and return the java command line prefix.

    The build is skipped while its output is newer than ``pom.xml`` and the
    Java sources; a lock file keeps concurrent processes (e.g. xdist
    workers) from building at the same time.  Append ``PORT DATADIR
    [PAGECACHE_MB]`` to the returned list to run the server.
    """
    missing = missing_tools()
    if missing:
        raise Neo4jHarnessError(f"missing on PATH: {', '.join(missing)}")
    if not _build_is_fresh():
        with _file_lock(LOCK):
            if not _build_is_fresh():  # another process may have built it meanwhile
                _run_maven()
    return java_command(heap)


def _run_maven() -> None:
    cmd = [
        _mvn() or "mvn",
        "-B",
        "-q",
        "-Dstyle.color=never",
        "-f",
        str(POM),
        "process-classes",  # compile + copy runtime jars into target/lib
    ]
    env = dict(os.environ)
    java = _java()
    if java and "JAVA_HOME" not in env:
        # help mvn find the same JDK we run with
        env["JAVA_HOME"] = str(Path(java).resolve().parent.parent)
    try:
        proc = subprocess.run(
            cmd,
            cwd=str(SERVER_DIR),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=BUILD_TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        raise Neo4jBuildError(f"Maven build timed out after {BUILD_TIMEOUT:.0f}s") from exc
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout or "").splitlines()[-30:])
        raise Neo4jBuildError(
            f"Maven build of {SERVER_DIR} failed (exit {proc.returncode}):\n{tail}"
        )
    STAMP.write_text(time.strftime("%Y-%m-%dT%H:%M:%S\n"), encoding="utf-8")


# --------------------------------------------------------------------------
# server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


class Neo4jTestServer:
    """A throw-away Neo4j server on 127.0.0.1 (auth disabled unless a password is given).

    Use as a context manager, or call :meth:`start` / :meth:`stop`.
    Attributes once started: ``uri`` (``bolt://127.0.0.1:PORT``), ``port``,
    ``pid``, ``home`` (the server's data/logs directory; ``logs/debug.log``
    is Neo4j's own log) and ``stderr_path``.
    """

    def __init__(
        self,
        port: int | None = None,
        *,
        heap: str | None = None,
        pagecache_mb: int | None = None,
        startup_timeout: float = STARTUP_TIMEOUT,
        password: str | None = None,
        read_only: bool = False,
    ) -> None:
        self._requested_port = port
        #: With a password, auth is on and user ``neo4j`` has it; ``read_only``
        #: makes the ``neo4j`` database read-only (Community has no read-only users).
        self.password = password
        self.read_only = read_only
        self.heap = heap
        self.pagecache_mb = int(
            pagecache_mb or os.environ.get("SINERGI_TEST_NEO4J_PAGECACHE") or DEFAULT_PAGECACHE_MB
        )
        self.startup_timeout = startup_timeout
        self.port: int | None = None
        self.uri: str | None = None
        self.tmpdir: Path | None = None
        self.home: Path | None = None
        self.stderr_path: Path | None = None
        self._proc: subprocess.Popen | None = None
        self._stderr_fh = None
        self._lines: queue.Queue[str | None] = queue.Queue()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def __enter__(self) -> Neo4jTestServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> Neo4jTestServer:
        if self._proc is not None:
            return self
        command = build_server(self.heap)
        # a free port can be grabbed by someone else before Neo4j binds it
        attempts = 1 if self._requested_port else 3
        for attempt in range(attempts):
            try:
                self._launch(command, self._requested_port or _free_port())
                return self
            except _PortTaken as exc:
                if attempt == attempts - 1:
                    raise Neo4jHarnessError(str(exc)) from None
        return self

    def _launch(self, command: list[str], port: int) -> None:
        self.tmpdir = Path(tempfile.mkdtemp(prefix="sinergi-neo4j-"))
        self.home = self.tmpdir / "home"
        self.stderr_path = self.tmpdir / "server-stderr.log"
        self.port = port
        self._stderr_fh = open(self.stderr_path, "wb")  # noqa: SIM115 - closed in stop()
        self._lines = queue.Queue()
        atexit.register(self.stop)
        self._proc = subprocess.Popen(
            [
                *command,
                str(port),
                str(self.home),
                str(self.pagecache_mb),
                self.password or "-",
                "true" if self.read_only else "false",
            ],
            stdin=subprocess.PIPE,  # the server stops when this pipe closes
            stdout=subprocess.PIPE,
            stderr=self._stderr_fh,
            cwd=str(self.tmpdir),
        )
        threading.Thread(
            target=self._pump_stdout, args=(self._proc, self._lines), daemon=True
        ).start()
        try:
            self.uri = self._wait_ready(port)
        except Neo4jHarnessError as exc:
            port_taken = self._proc.poll() is not None and self._stderr_mentions_bind()
            self.stop()
            if port_taken:
                raise _PortTaken(f"port {port} is already in use: {exc}") from None
            raise
        except BaseException:
            self.stop()
            raise

    @staticmethod
    def _pump_stdout(proc: subprocess.Popen, lines: queue.Queue[str | None]) -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", errors="replace").strip())
        lines.put(None)

    def _wait_ready(self, port: int) -> str:
        assert self._proc is not None
        deadline = time.monotonic() + self.startup_timeout
        uri = None
        while uri is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Neo4jHarnessError(
                    f"Neo4j did not report READY within {self.startup_timeout:.0f}s"
                    + self._diagnostics()
                )
            try:
                line = self._lines.get(timeout=min(0.5, remaining))
            except queue.Empty:
                if self._proc.poll() is not None:
                    self._raise_died()
                continue
            if line is None:  # stdout closed: the JVM is exiting
                with suppress(subprocess.TimeoutExpired):
                    self._proc.wait(timeout=10)
                self._raise_died()
            elif line.startswith("READY "):
                uri = line.split(" ", 1)[1].strip()
        while not _port_open(port):
            if self._proc.poll() is not None:
                self._raise_died()
            if time.monotonic() > deadline:
                raise Neo4jHarnessError(
                    f"Neo4j said READY but port {port} does not accept connections"
                    + self._diagnostics()
                )
            time.sleep(0.1)
        return uri

    def _raise_died(self) -> None:
        code = self._proc.returncode if self._proc else None
        raise Neo4jHarnessError(
            f"Neo4j test server exited with code {code} before it was ready" + self._diagnostics()
        )

    def _stderr_mentions_bind(self) -> bool:
        text = ""
        if self.stderr_path:
            text += _tail(self.stderr_path, 200)
        if self.home:
            text += _tail(self.home / "logs" / "debug.log", 200)
        return "Address already in use" in text or "BindException" in text

    def _diagnostics(self) -> str:
        parts = []
        if self._stderr_fh:
            self._stderr_fh.flush()
        if self.stderr_path:
            tail = _tail(self.stderr_path)
            if tail:
                parts.append(f"--- server stderr (tail) ---\n{tail}")
        if self.home:
            tail = _tail(self.home / "logs" / "debug.log", 20)
            if tail:
                parts.append(f"--- logs/debug.log (tail) ---\n{tail}")
        return ("\n" + "\n".join(parts)) if parts else " (no server output)"

    def kill(self) -> None:
        """SIGKILL the server, as a crash or a power cut would (then :meth:`stop` cleans up)."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()

    def stop(self) -> None:
        """Shut the server down cleanly (kill it if it hangs), delete its data."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                try:
                    if proc.stdin:
                        proc.stdin.close()  # EOF -> orderly shutdown
                except OSError:
                    pass
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.terminate()  # SIGTERM -> shutdown hook
                    try:
                        proc.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
            for stream in (proc.stdin, proc.stdout):
                try:
                    if stream:
                        stream.close()
                except OSError:
                    pass
        if self._stderr_fh is not None:
            self._stderr_fh.close()
            self._stderr_fh = None
        if self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None
        atexit.unregister(self.stop)


class _PortTaken(Neo4jHarnessError):
    pass


# --------------------------------------------------------------------------
# pytest


def neo4j_auth() -> tuple[str, str] | None:
    """Driver auth for the server behind ``neo4j_uri``.

    ``(NEO4J_USER or "neo4j", NEO4J_PASSWORD)`` when you point the tests at
    your own server with ``NEO4J_URI`` and set a password; ``None`` (no
    auth) for the harness's own test server.
    """
    if not os.environ.get("NEO4J_URI"):
        return None
    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        return None
    return (os.environ.get("NEO4J_USER") or "neo4j", password)


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """Bolt URI of a real Neo4j server: ``$NEO4J_URI`` or a fresh test server."""
    external = os.environ.get("NEO4J_URI")
    if external:
        yield external
        return
    missing = missing_tools()
    if missing:
        if _in_ci():
            pytest.fail(
                "Neo4j tests need Java 17+ and Maven in CI "
                f"(missing: {', '.join(missing)}); or set NEO4J_URI",
                pytrace=False,
            )
        pytest.skip("Neo4j tests skipped: no Java/Maven on this machine")
    try:
        build_server()
    except Neo4jBuildError as exc:
        if _in_ci():
            pytest.fail(f"building the test Neo4j server failed: {exc}", pytrace=False)
        first = str(exc).splitlines()[0]
        pytest.skip(f"Neo4j tests skipped: could not build the test server ({first})")
    server = Neo4jTestServer()
    try:
        server.start()
    except Neo4jHarnessError as exc:
        pytest.fail(f"could not start the test Neo4j server: {exc}", pytrace=False)
    try:
        yield server.uri  # type: ignore[misc]
    finally:
        server.stop()


#: The password of user ``neo4j`` on the :func:`neo4j_secured` servers.
SECURED_PASSWORD = "rahasia-pps-tepus"


@pytest.fixture(scope="module")
def neo4j_secured() -> Iterator[tuple[Neo4jTestServer, Neo4jTestServer]]:
    """Two more test servers with authentication on (user ``neo4j``,
    :data:`SECURED_PASSWORD`), started side by side: a writable one (tests may
    kill it) and one whose ``neo4j`` database is read-only (a refused write).
    Always the harness's own servers, whatever ``NEO4J_URI`` says."""
    from concurrent.futures import ThreadPoolExecutor

    options = [
        {"password": SECURED_PASSWORD, "pagecache_mb": 32},
        {"password": SECURED_PASSWORD, "pagecache_mb": 32, "read_only": True},
    ]
    with ThreadPoolExecutor(2) as pool:
        started = [pool.submit(_start, **o) for o in options]
    servers = [f.result() for f in started]
    try:
        failed = [s for s in servers if isinstance(s, BaseException)]
        if failed:
            message = f"could not start a test Neo4j server: {failed[0]}"
            if _in_ci():
                pytest.fail(message, pytrace=False)
            pytest.skip(message.splitlines()[0])
        writable, read_only = servers
        assert isinstance(writable, Neo4jTestServer) and isinstance(read_only, Neo4jTestServer)
        yield writable, read_only
    finally:
        for server in servers:
            if isinstance(server, Neo4jTestServer):
                server.stop()


def _start(**options: object) -> Neo4jTestServer | BaseException:
    missing = missing_tools()
    if missing:
        return Neo4jHarnessError(f"missing on PATH: {', '.join(missing)}")
    try:
        build_server()
        return Neo4jTestServer(**options).start()  # type: ignore[arg-type]
    except Neo4jHarnessError as exc:
        return exc


# --------------------------------------------------------------------------
# command line


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="Run a throw-away Neo4j 5.26 test server (no auth) until Ctrl-C."
    )
    parser.add_argument("--port", type=int, help="Bolt port (default: a free one)")
    parser.add_argument(
        "--heap", help="JVM heap, e.g. 2g (default: $SINERGI_TEST_NEO4J_HEAP or 1g)"
    )
    parser.add_argument("--pagecache-mb", type=int, help="page cache in MiB (default 256)")
    args = parser.parse_args(argv)

    stop_event = threading.Event()

    def _on_signal(signum: int, frame: object) -> None:
        stop_event.set()

    signal.signal(signal.SIGINT, _on_signal)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_signal)

    started = time.monotonic()
    try:
        server = Neo4jTestServer(args.port, heap=args.heap, pagecache_mb=args.pagecache_mb)
        server.start()
    except Neo4jHarnessError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with server:
        print(server.uri, flush=True)
        print(
            f"Neo4j test server ready in {time.monotonic() - started:.1f}s "
            f"(pid {server.pid}, data in {server.home}); Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
        while not stop_event.wait(1.0):
            if server._proc is None or server._proc.poll() is not None:
                print("error: the Neo4j server exited", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
