"""DynamoDB Local as a child process, and moto's server as the fallback without Java."""

from __future__ import annotations

import atexit
import http.client
import importlib.util
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Self

from remo_async.embedded.children import end, log_tail, spawn
from remo_async.embedded.install import JAR, LIB, EmbeddedError, ensure_installed

if TYPE_CHECKING:
    from moto.server import ThreadedMotoServer

LOG_NAME = "dynamodb-local.log"
STARTUP_TIMEOUT = 60.0
POLL_INTERVAL = 0.05


def java_command() -> str | None:
    """Return the path of `java` (JAVA_HOME first, then PATH), or None."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


def free_port() -> int:
    """Return a TCP port that is free on every interface right now."""
    # DynamoDB Local has no bind-address option and listens on all interfaces.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("", 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int) -> bool:
    """Tell whether nothing listens on `port`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # SO_REUSEADDR: connections of a killed server in TIME_WAIT do not block a new one.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("", port))
        except OSError:
            return False
    return True


def _answers_http(host: str, port: int) -> bool:
    """Tell whether anything answers HTTP on host:port."""
    connection = http.client.HTTPConnection(host, port, timeout=1.0)
    try:
        connection.request("GET", "/")
        connection.getresponse().read()
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()
    return True


def _wait_until_up(process: subprocess.Popen[bytes], *, host: str, port: int, log: Path) -> None:
    """Poll until the JVM answers HTTP; raise if it exits or takes too long."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        code = process.poll()
        if code is not None:
            raise EmbeddedError(
                f"DynamoDB Local exited with code {code} before answering: "
                f"{log_tail(log)} (log: {log})"
            )
        if _answers_http(host, port):
            return
        time.sleep(POLL_INTERVAL)
    raise EmbeddedError(
        f"DynamoDB Local did not answer on port {port} within {STARTUP_TIMEOUT:.0f} s: "
        f"{log_tail(log)} (log: {log})"
    )


def _require_java() -> str:
    """Return the path of `java` or raise an EmbeddedError that says how to get it."""
    java = java_command()
    if java is None:
        raise EmbeddedError(
            "Java was not found: install a Java runtime 17+ (e.g. `apt-get install "
            "default-jre-headless`) or set JAVA_HOME to one"
        )
    return java


class DynamoDBLocal:
    """DynamoDB Local as a child process; in memory unless `db_path` is given."""

    def __init__(
        self,
        *,
        port: int | None = None,
        db_path: Path | None = None,
        in_memory: bool = False,
        home: Path | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        if in_memory and db_path is not None:
            raise ValueError("give db_path or in_memory=True, not both")
        self._port = port
        self._db_path = db_path
        self._home = home
        # DynamoDB Local listens on every interface; `host` is where we reach it.
        self._host = "127.0.0.1" if host in ("", "0.0.0.0") else host
        self._process: subprocess.Popen[bytes] | None = None
        self._temp_dir: Path | None = None

    @property
    def endpoint(self) -> str:
        """Return the URL to give boto3 as endpoint_url."""
        if self._port is None:
            raise RuntimeError("DynamoDB Local has no port yet: call start() first")
        return f"http://{self._host}:{self._port}"

    @property
    def port(self) -> int | None:
        """Return the port, chosen at the first start() when none was given."""
        return self._port

    @property
    def pid(self) -> int | None:
        """Return the JVM's process id, or None when never started or stopped."""
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        """Tell whether the JVM is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start DynamoDB Local and return once it answers HTTP."""
        if self.running:
            return
        java = _require_java()
        home = ensure_installed(home=self._home)
        port = self._claim_port()
        command = [java, f"-Djava.library.path={home / LIB}", "-jar", str(home / JAR)]
        command += ["-port", str(port), "-sharedDb", "-disableTelemetry"]
        command += ["-dbPath", str(self._db_path)] if self._db_path else ["-inMemory"]
        log = self._log_path()
        self._process = spawn(command, log=log)
        atexit.register(self.stop)
        try:
            _wait_until_up(self._process, host=self._host, port=port, log=log)
        except BaseException:
            self.kill()
            raise

    def _claim_port(self) -> int:
        """Return the port to listen on: the one given or kept, else a free one."""
        if self._port is None:
            self._port = free_port()
        elif not port_is_free(self._port):
            # DynamoDB Local does not exit when it cannot bind: it would hang until the timeout.
            raise EmbeddedError(
                f"port {self._port} is in use: stop what listens there or pick another"
            )
        return self._port

    def _log_path(self) -> Path:
        """Return the log file: in the db folder, else in a temp folder of our own."""
        if self._db_path is not None:
            self._db_path.mkdir(parents=True, exist_ok=True)
            return self._db_path / LOG_NAME
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="remo-dynamodb-local-"))
        return self._temp_dir / LOG_NAME

    def wait(self) -> int:
        """Block until the JVM exits and return its exit code."""
        if self._process is None:
            raise RuntimeError("DynamoDB Local was not started")
        return self._process.wait()

    def stop(self) -> None:
        """Stop the JVM (SIGTERM, then SIGKILL after 10 s); safe to call again."""
        process, self._process = self._process, None
        if process is not None:
            atexit.unregister(self.stop)
            end(process)
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def kill(self) -> None:
        """SIGKILL the JVM, as a crash would; restart() brings it back."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def restart(self) -> None:
        """Stop and start again on the same port and data folder."""
        self.stop()
        self.start()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def moto_installed() -> bool:
    """True when moto's server (the `embedded` extra) can be imported."""
    return importlib.util.find_spec("moto") is not None


class MotoServer:
    """moto's threaded server, the in-memory fallback when there is no Java (needs the
    `embedded` extra: moto[server] is no runtime dependency of the service)."""

    def __init__(self, *, port: int | None = None, host: str = "127.0.0.1") -> None:
        self._port = port
        self._host = host
        self._server: ThreadedMotoServer | None = None

    @property
    def endpoint(self) -> str:
        """Return the URL to give boto3 as endpoint_url."""
        if self._port is None:
            raise RuntimeError("the moto server has no port yet: call start() first")
        return f"http://{self._host}:{self._port}"

    def start(self) -> None:
        """Start the server in a thread of this process."""
        if self._server is not None:
            return
        # Imported here: moto takes about a second to import and is needed only here.
        from moto.server import ThreadedMotoServer

        if self._port is None:
            self._port = free_port()
        # Its request log (one line per DynamoDB call) would bury what `make run` says.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        server = ThreadedMotoServer(ip_address=self._host, port=self._port, verbose=False)
        server.start()
        self._server = server

    def stop(self) -> None:
        """Stop the server; safe to call again."""
        server, self._server = self._server, None
        if server is not None:
            server.stop()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
