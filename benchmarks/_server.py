"""Shared by the HTTP benchmarks: a real `remo-async serve` process in production settings.

Production settings means Privy authentication (ES256 tokens checked against a verification
key), JSON request logs written to a file, the dispatcher and the event stream reader on.
Only the per-user rate limit is raised, so that the limiter still runs but never refuses
the benchmark's few users.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from remo_async.embedded import free_port

APP_ID = "bench-app"
CURSOR_SECRET = "bench-cursor-secret-0123456789"
ISSUER = "privy.io"
# High enough never to refuse the benchmark's users, so the limiter runs but never says 429.
RATE_LIMIT = 1_000_000
READY_TIMEOUT = 60.0
# Diagnostics loaded into the server process (as sitecustomize) when asked for; nothing
# of the service's code changes. Tracemalloc: traces allocations from the start and writes
# a snapshot each time the process gets SIGUSR1. Malloc trim: a thread that hands the
# memory glibc holds free back to the system every REMO_BENCH_MALLOC_TRIM seconds.
DIAGNOSTICS_HOOK = """
import ctypes, os, signal, threading, time, tracemalloc

_trim_every = float(os.environ.get("REMO_BENCH_MALLOC_TRIM", "0"))
if _trim_every > 0:
    _trim = ctypes.CDLL("libc.so.6").malloc_trim

    def _trimmer():
        while True:
            time.sleep(_trim_every)
            _trim(0)

    threading.Thread(target=_trimmer, name="bench-malloc-trim", daemon=True).start()

_folder = os.environ.get("REMO_BENCH_TRACEMALLOC_DIR")
if _folder:
    tracemalloc.start(int(os.environ.get("REMO_BENCH_TRACEMALLOC_FRAMES", "10")))
    _taken = [0]

    def _snapshot(signum, frame):
        _taken[0] += 1
        path = os.path.join(_folder, "snapshot-%d" % _taken[0])
        tracemalloc.take_snapshot().dump(path + ".part")
        os.replace(path + ".part", path)

    signal.signal(signal.SIGUSR1, _snapshot)
"""
STOP_TIMEOUT = 30.0


class PrivyKeys:
    """An ES256 key pair standing in for a Privy app's; signs access tokens like Privy."""

    def __init__(self) -> None:
        self._private = ec.generate_private_key(ec.SECP256R1())
        self.public_pem = (
            self._private.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def token(self, user_id: str, *, lifetime: int = 3600) -> str:
        """A Privy-style access token for user_id."""
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": APP_ID,
            "sub": user_id,
            "sid": uuid.uuid4().hex,
            "iat": now,
            "exp": now + lifetime,
        }
        return jwt.encode(claims, self._private, algorithm="ES256")


def server_env(
    *, endpoint: str, prefix: str, port: int, keys: PrivyKeys, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment of a production-like server: nothing REMO_* leaks in from our shell."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("REMO_")}
    env.setdefault("AWS_ACCESS_KEY_ID", "bench")
    env.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    env.update(
        {
            "REMO_DYNAMODB_ENDPOINT": endpoint,
            "REMO_TABLE_PREFIX": prefix,
            "REMO_HOST": "127.0.0.1",
            "REMO_PORT": str(port),
            "REMO_AUTH_MODE": "privy",
            "REMO_PRIVY_APP_ID": APP_ID,
            "REMO_PRIVY_VERIFICATION_KEY": keys.public_pem,
            "REMO_CURSOR_SECRET": CURSOR_SECRET,
            "REMO_LOG_FORMAT": "json",
            "REMO_LOG_LEVEL": "INFO",
            "REMO_RATE_LIMIT": str(RATE_LIMIT),
            "REMO_DISPATCH_ENABLED": "true",
            "REMO_EVENTS_ENABLED": "true",
            **(extra or {}),
        }
    )
    return env


def wait_ready(
    url: str,
    process: subprocess.Popen[bytes],
    *,
    patience: float,
    what: Callable[[], str],
    stop: Callable[[], object],
) -> None:
    """Returns once `url` answers 200; stops the process and raises when it does not within
    `patience` seconds, and raises at once when it exits (`what` names it in the error)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{what()} exited")
        if time.monotonic() > deadline:
            stop()
            raise RuntimeError(f"{what()} was not ready in {patience:.0f} s")
        time.sleep(0.1)


@dataclass
class ServerProcess:
    """`python -m remo_async serve` on a fresh table prefix, migrated first; logs to a file."""

    endpoint: str
    keys: PrivyKeys = field(default_factory=PrivyKeys)
    extra_env: dict[str, str] = field(default_factory=dict)
    keep_logs: bool = False
    tracemalloc: bool = False
    malloc_trim: float = 0.0
    profile: Path | None = None
    """Run under pyinstrument (the dev extra); its profile is written here at the stop
    (HTML for a .html file, else text)."""
    prefix: str = field(default_factory=lambda: f"b{uuid.uuid4().hex[:8]}-")
    port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="remo-bench-server-"))
        self.log = self.folder / "server.log"
        self.env = server_env(
            endpoint=self.endpoint,
            prefix=self.prefix,
            port=self.port,
            keys=self.keys,
            extra=self.extra_env,
        )
        if self.tracemalloc or self.malloc_trim:
            hook = self.folder / "hook"
            hook.mkdir()
            (hook / "sitecustomize.py").write_text(DIAGNOSTICS_HOOK)
            self.env["PYTHONPATH"] = os.pathsep.join(
                p for p in (str(hook), self.env.get("PYTHONPATH", "")) if p
            )
        if self.tracemalloc:
            self.env["REMO_BENCH_TRACEMALLOC_DIR"] = str(self.folder)
        if self.malloc_trim:
            self.env["REMO_BENCH_MALLOC_TRIM"] = str(self.malloc_trim)
        self._snapshots = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._sink: Any = None

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The server's process id."""
        if self._process is None:
            raise RuntimeError("the server is not running")
        return self._process.pid

    def migrate(self) -> None:
        """`remo-async migrate` with the server's settings."""
        subprocess.run(
            [sys.executable, "-m", "remo_async", "migrate"],
            env=self.env,
            cwd=self.folder,  # no .env of the checkout is read
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        """Migrates, starts the server and returns once /readyz answers 200."""
        self.migrate()
        self._sink = self.log.open("wb")
        profiler = []
        if self.profile is not None:
            output = str(self.profile.resolve())
            renderer = "html" if self.profile.suffix == ".html" else "text"
            profiler = ["-m", "pyinstrument", "--renderer", renderer, "--outfile", output]
        self._process = subprocess.Popen(
            [sys.executable, *profiler, "-m", "remo_async", "serve"],
            env=self.env,
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            # A file, not a pipe: a pipe nobody reads fills up and blocks the server's logging.
            stderr=self._sink,
        )
        # Tracing every allocation makes the imports alone take tens of seconds.
        patience = READY_TIMEOUT * (4 if self.tracemalloc else 1)
        wait_ready(
            f"{self.base}/readyz",
            self._process,
            patience=patience,
            what=lambda: f"the server (its log ends: {self.log_tail()})",
            stop=self.stop,
        )

    def memory_kib(self) -> dict[str, int]:
        """The server's VmRSS and its parts (RssAnon, RssFile, RssShmem) in KiB."""
        found = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                found[name] = int(value.split()[0])
        return found

    def rss_kib(self) -> int:
        """The server's resident set size (VmRSS) in KiB."""
        return self.memory_kib()["VmRSS"]

    def snapshot(self, timeout: float = 120.0) -> Path:
        """A tracemalloc snapshot of the server now (needs tracemalloc=True); its file."""
        if not self.tracemalloc:
            raise RuntimeError("the server was started without tracemalloc")
        self._snapshots += 1
        path = self.folder / f"snapshot-{self._snapshots}"
        os.kill(self.pid, signal.SIGUSR1)
        deadline = time.monotonic() + timeout
        while not path.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("no tracemalloc snapshot came")
            time.sleep(0.2)
        return path

    def log_tail(self, lines: int = 5) -> str:
        """The last lines of the server's log."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def problems(self) -> list[str]:
        """Log lines that are tracebacks or errors (the benchmark must not cause any)."""
        if not self.log.exists():
            return []
        with self.log.open(errors="replace") as lines:
            return [
                line.strip()
                for line in lines
                if "Traceback" in line or '"level": "error"' in line or '"level":"error"' in line
            ]

    def stop(self) -> int | None:
        """SIGTERM, as a deployment stops it; returns the exit code."""
        process, self._process = self._process, None
        code = None
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                code = process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                code = process.wait()
        if self._sink is not None:
            self._sink.close()
            self._sink = None
        return code

    def cleanup(self) -> None:
        """Removes the log folder unless asked to keep it."""
        if not self.keep_logs:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class BareProcess:
    """benchmarks/_bare.py on the server's tables: the floor any aiohttp front of the same
    DynamoDB calls reaches (no work of the service's)."""

    def __init__(self, endpoint: str, *, prefix: str, due: str) -> None:
        self.port = free_port()
        self._args = [
            sys.executable,
            str(Path(__file__).with_name("_bare.py")),
            endpoint,
            prefix,
            str(self.port),
            due,
        ]
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        """Its base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """Its process id."""
        if self._process is None:
            raise RuntimeError("the bare server is not running")
        return self._process.pid

    def start(self) -> None:
        """Starts it and returns once it answers (the tables must exist)."""
        env = {**os.environ, "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"}
        self._process = subprocess.Popen(self._args, env=env, stdout=subprocess.DEVNULL)
        wait_ready(
            f"{self.base}/ping",
            self._process,
            patience=READY_TIMEOUT,
            what=lambda: "the bare server",
            stop=self.stop,
        )

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers."""
        process, self._process = self._process, None
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Sample:
    """One timed run of a closed loop: operations per second and each latency (seconds)."""

    rate: float
    latencies: list[float]


Operation = Callable[[int], Awaitable[None]]
"""One request or call; given a running number so it can pick its user and item."""


async def closed_loop(operation: Operation, *, concurrency: int, seconds: float) -> Sample:
    """`concurrency` workers, each issuing the next operation as soon as the last answered."""
    latencies: list[float] = []
    clock = time.perf_counter
    stop_at = clock() + seconds

    async def worker(first: int) -> None:
        n = first
        while clock() < stop_at:
            started = clock()
            await operation(n)  # an unexpected answer raises: the benchmark is void
            latencies.append(clock() - started)
            n += concurrency

    started = clock()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    elapsed = clock() - started
    return Sample(rate=len(latencies) / elapsed, latencies=latencies)


def http_client() -> aiohttp.ClientSession:
    """A lean client: keep-alive, no connection limit, no cookies, no decompression."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0),
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=False,
    )
