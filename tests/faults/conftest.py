"""Fault-test tools: a real `remo-async serve` process, a stream of writes, held requests."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from remo_async.api.auth import mint_dev_token
from remo_async.settings import Settings
from remo_async.store import Store
from tests.conftest import DEV_SECRET, make_settings, migrate

STARTUP_TIMEOUT = 60.0
POLL = 0.05
FAR_FUTURE = "2099-01-01T10:00:00Z"


def token(user_id: str) -> str:
    """A dev-mode access token for user_id (the servers here run with the tests' dev secret)."""
    return mint_dev_token(make_settings("http://unused"), user_id)


def auth(user_id: str) -> dict[str, str]:
    """The Authorization header of user_id."""
    return {"Authorization": f"Bearer {token(user_id)}"}


async def until(condition: Callable[[], bool], *, within: float, what: str) -> None:
    """Polls condition until it holds; fails naming what was awaited after `within` seconds."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within:.0f} s waiting for {what}")
        await asyncio.sleep(POLL)


@pytest.fixture(scope="module")
def table_prefix(dynamodb_local_endpoint: str) -> str:
    """One set of migrated tables for a module's in-process tests (creating them takes seconds)."""
    settings = make_settings(dynamodb_local_endpoint)

    async def create() -> None:
        async with Store.open(settings) as store:
            await migrate(store)

    asyncio.run(create())
    return settings.table_prefix


def server_env(settings: Settings, *, port: int, **extra: str) -> dict[str, str]:
    """The environment of a server process on settings' endpoint and table prefix."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("REMO_")}
    env.update(
        {
            "REMO_DYNAMODB_ENDPOINT": str(settings.dynamodb_endpoint),
            "REMO_TABLE_PREFIX": settings.table_prefix,
            "REMO_AUTH_MODE": "dev",
            "REMO_DEV_SECRET": DEV_SECRET,
            "REMO_HOST": "127.0.0.1",
            "REMO_PORT": str(port),
            "REMO_RATE_LIMIT": "0",
            "REMO_LOG_FORMAT": "json",
            "REMO_LOG_LEVEL": "INFO",
            **extra,
        }
    )
    return env


class ServerProcess:
    """`python -m remo_async serve` as a child process, its stderr (JSON log lines) in a file."""

    def __init__(self, env: dict[str, str], *, log: Path) -> None:
        self._env = env
        self.log = log
        self.port = int(env["REMO_PORT"])
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Starts the server and returns once /healthz answers."""
        with self.log.open("wb") as sink:  # the child keeps its own descriptor
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "remo_async",
                "serve",
                env=self._env,
                cwd=self.log.parent,  # no stray .env file is read
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                # A file, not a pipe: a pipe nobody reads fills up and blocks the server.
                stderr=sink,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        async with aiohttp.ClientSession() as session:
            while True:
                assert self.process.returncode is None, f"server exited: {self.log_text()}"
                with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                    async with session.get(f"{self.base}/healthz", timeout=_timeout(1)) as r:
                        if r.status == 200:
                            return
                assert time.monotonic() < deadline, f"server did not start: {self.log_text()}"
                await asyncio.sleep(0.1)

    def terminate(self) -> None:
        """Sends SIGTERM, as an orchestrator stopping the replica would."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)

    async def wait_exit(self, within: float) -> int:
        """The exit code, failing if the process has not exited within `within` seconds."""
        assert self.process is not None
        try:
            return await asyncio.wait_for(self.process.wait(), within)
        except TimeoutError:
            raise AssertionError(
                f"server still running {within:.0f} s after SIGTERM: {self.log_text()[-3000:]}"
            ) from None

    async def kill(self) -> None:
        """SIGKILLs the server if it still runs (test cleanup)."""
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    def log_text(self) -> str:
        """Everything the server wrote to stderr so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def records(self) -> list[dict[str, Any]]:
        """The server's log lines, parsed (a line that is not JSON becomes {"raw": line})."""
        records = []
        for line in self.log_text().splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                records.append({"raw": line})
        return records

    def assert_clean_log(self) -> None:
        """No traceback, no unhandled error, no 5xx other than 503, nothing unparsable."""
        text = self.log_text()
        assert "Traceback" not in text, text[-5000:]
        for record in self.records():
            assert "raw" not in record, f"a log line that is not JSON: {record['raw']}"
            assert record.get("event") != "unhandled error", record
            assert record.get("level") not in {"error", "critical"}, record
            if str(record.get("logger", "")).startswith("aiohttp"):
                assert record.get("level") not in {"warning", "error"}, record
            status = record.get("status")
            if isinstance(status, int):
                assert status < 500 or status == 503, record


@contextlib.asynccontextmanager
async def running_server(env: dict[str, str], *, log: Path) -> AsyncIterator[ServerProcess]:
    """A started ServerProcess, SIGKILLed on the way out if the test left it running."""
    server = ServerProcess(env, log=log)
    try:
        await server.start()
        yield server
    finally:
        await server.kill()


def _timeout(seconds: float) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(total=seconds)


@dataclass
class Outcome:
    """One write of a WriteStream, as its client saw it."""

    worker: int
    kind: str
    title: str
    started: float
    finished: float = 0.0
    status: int | None = None
    error: str | None = None
    failure: str | None = None
    chain: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None

    @property
    def latency(self) -> float:
        return self.finished - self.started

    @property
    def item_id(self) -> str | None:
        """The created item's id, when the write was answered 201."""
        if self.status != 201 or not isinstance(self.body, dict):
            return None
        return str(self.body["reminder_id" if self.kind == "reminders" else "todo_id"])

    def describe(self) -> str:
        answer = self.error or f"{self.status} {self.body}"
        return f"{self.kind} {self.title!r} after {self.latency:.2f} s: {answer}"


REFUSED = "refused"
RESET = "reset"
DISCONNECTED = "disconnected"
CLOSING = "closing"


def failure_kind(exc: BaseException) -> str:
    """How a request got no answer, in the terms that matter to a client that would retry.

    refused: no connection (the listener is closed), nothing was sent. disconnected: the
    server closed the connection cleanly (FIN) before answering: the request was not taken.
    reset: an RST anywhere in the exception's chain; the request may have been read and the
    client cannot tell. closing: the client wrote to a connection it had seen close (which
    close, aiohttp does not say). os error, timeout: anything else.
    """
    if isinstance(exc, aiohttp.ClientConnectorError):
        return REFUSED
    chain = _chain(exc)
    if any(getattr(e, "errno", None) == errno.ECONNRESET for e in chain):
        return RESET
    if any(isinstance(e, aiohttp.ServerDisconnectedError) for e in chain):
        return DISCONNECTED
    if any(isinstance(e, aiohttp.ClientConnectionResetError) for e in chain):
        return CLOSING  # "Cannot write to closing transport", "Connection lost"
    if any(isinstance(e, ConnectionResetError) for e in chain):
        return RESET
    if isinstance(exc, aiohttp.ClientOSError):
        return "os error"
    if isinstance(exc, TimeoutError):
        return "timeout"
    return type(exc).__name__


def _chain(exc: BaseException) -> list[BaseException]:
    chain = [exc]
    while (cause := chain[-1].__cause__ or chain[-1].__context__) is not None and len(chain) < 8:
        chain.append(cause)
    return chain


class WriteStream:
    """Concurrent clients, each its own user, POSTing reminders and todos with unique titles.

    Every write carries an Idempotency-Key, so the key's claim and release run under faults too.
    """

    def __init__(
        self,
        base: str,
        *,
        workers: int,
        tag: str,
        timeout: float,
        stop_on_no_answer: bool = False,
        stop_on_refused: bool = False,
        keep_alive: bool = False,
        pause_after_503: float = 0.0,
    ) -> None:
        self.base = base
        self.users = [f"did:privy:{tag}-{i}" for i in range(workers)]
        self.tag = tag
        self.outcomes: list[Outcome] = []
        self._timeout = timeout
        self._stop_on_no_answer = stop_on_no_answer
        self._stop_on_refused = stop_on_refused
        self._keep_alive = keep_alive
        self._pause_after_503 = pause_after_503
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> WriteStream:
        # By default one connection per request: the pool must not hide how each request
        # fared. keep_alive=True is the other case: a request can race onto a connection the
        # server is closing.
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(force_close=not self._keep_alive, limit=0),
            timeout=_timeout(self._timeout),
        )
        self._tasks = [
            asyncio.create_task(self._work(i, user)) for i, user in enumerate(self.users)
        ]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def stop(self) -> None:
        """Stops every client after its request in hand."""
        self._stopping.set()
        await asyncio.gather(*self._tasks)
        if self._session is not None:
            await self._session.close()
            self._session = None

    @property
    def done(self) -> bool:
        """True once every client has stopped by itself (stop_on_no_answer)."""
        return all(task.done() for task in self._tasks)

    def answered(self, status: int, *, since: float = 0.0) -> list[Outcome]:
        """Finished writes with that status that started at or after since."""
        return [o for o in self.outcomes if o.status == status and o.started >= since]

    async def _work(self, worker: int, user: str) -> None:
        assert self._session is not None
        headers = auth(user)
        n = 0
        while not self._stopping.is_set():
            kind = ("reminders", "todos")[n % 2]
            title = f"{self.tag}-{worker}-{n}"
            body: dict[str, Any] = {"title": title}
            if kind == "reminders":
                body["reminding_time"] = FAR_FUTURE
            outcome = Outcome(worker=worker, kind=kind, title=title, started=time.monotonic())
            try:
                async with self._session.post(
                    f"{self.base}/user/{user}/{kind}",
                    json=body,
                    headers={**headers, "Idempotency-Key": title},
                ) as response:
                    data = await response.read()
                    outcome.status = response.status
                    outcome.headers = dict(response.headers)
                    outcome.body = json.loads(data) if data else None
            except (aiohttp.ClientError, TimeoutError, ConnectionError) as exc:
                outcome.error = f"{type(exc).__name__}: {exc}"
                outcome.failure = failure_kind(exc)
                outcome.chain = " <- ".join(repr(e) for e in _chain(exc)[1:])
            outcome.finished = time.monotonic()
            self.outcomes.append(outcome)
            n += 1
            if outcome.error is not None and self._stop_on_no_answer:
                return
            if outcome.failure == REFUSED and self._stop_on_refused:
                return
            if outcome.status == 503 and self._pause_after_503:
                # A client backing off, as Retry-After asks (shortened: the test has a budget).
                await asyncio.sleep(self._pause_after_503)


class HeldRequest:
    """A request the server has begun to handle while its body is held back.

    Sent with `Expect: 100-continue`: aiohttp answers `100 Continue` from inside its request
    handler, so once that line is read the request is in progress on the server, for certain.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, body: bytes):
        self._reader = reader
        self._writer = writer
        self._body = body

    @classmethod
    async def open(cls, port: int, path: str, body: dict[str, Any], *, user: str) -> HeldRequest:
        """Sends the head of a POST and waits for the server's 100 Continue."""
        payload = json.dumps(body).encode()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        head = (
            f"POST {path} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {token(user)}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n"
            "Expect: 100-continue\r\n"
            "Connection: close\r\n\r\n"
        )
        writer.write(head.encode())
        await writer.drain()
        interim = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        assert interim.startswith(b"HTTP/1.1 100 "), interim
        return cls(reader, writer, payload)

    async def finish(self, within: float) -> tuple[int, Any]:
        """Sends the body; the final status and JSON body (raises if the connection is reset)."""
        try:
            self._writer.write(self._body)
            await self._writer.drain()
            raw = await asyncio.wait_for(self._reader.read(), within)  # to EOF: Connection: close
        finally:
            self._writer.close()
            with contextlib.suppress(ConnectionError):
                await self._writer.wait_closed()
        head, _, rest = raw.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 "), f"no answer, the connection closed: {raw[:200]!r}"
        status = int(head.split()[1])
        length = next(
            (
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")[1:]
                if line.lower().startswith(b"content-length:")
            ),
            len(rest),
        )
        body = rest[:length]
        return status, json.loads(body) if body else None
