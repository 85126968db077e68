"""SIGTERM to a busy `remo-async serve`: requests in flight finish, the dispatcher stops between
reminders, and the process exits 0 within the shutdown timeout."""

from __future__ import annotations

import asyncio
import socket
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from remo_async.cli import SHUTDOWN_TIMEOUT
from remo_async.domain import ReminderCreate
from remo_async.domain.times import utc_now
from remo_async.embedded import free_port
from remo_async.settings import Settings
from remo_async.store import Store
from remo_async.store.attrs import from_item
from remo_async.store.dynamo import open_client
from tests.conftest import make_settings, migrate
from tests.faults.conftest import (
    FAR_FUTURE,
    REFUSED,
    RESET,
    HeldRequest,
    ServerProcess,
    WriteStream,
    running_server,
    server_env,
    until,
)

pytestmark = pytest.mark.slow

DUE = 600
RECURRING_EVERY = 10  # every tenth due reminder is daily: its fire is a transaction
OWNERS = [f"did:privy:sigterm-owner-{i}" for i in range(4)]
HELD_USER = "did:privy:sigterm-held"
SLOW_UPLOAD = 1.0
SHUTTING_DOWN = "shutting down: no new connections; finishing requests in flight"


async def test_sigterm_under_load(dynamodb_local_endpoint: str, tmp_path: Path) -> None:
    settings = make_settings(dynamodb_local_endpoint, dispatch_enabled=True)
    async with Store.open(settings) as store:
        await migrate(store)
        due = await _make_due_reminders(store)
    env = server_env(
        settings,
        port=free_port(),
        REMO_DISPATCH_ENABLED="true",
        REMO_DISPATCH_INTERVAL="0.1",
        REMO_WEBHOOK_ALLOW_INSECURE="true",
    )
    async with running_server(env, log=tmp_path / "server.log") as server:
        held = await _hold_requests(server)
        async with WriteStream(
            server.base, workers=6, tag="sigterm", timeout=60, stop_on_no_answer=True
        ) as stream:
            await until(lambda: len(stream.answered(201)) >= 12, within=60, what="12 writes")
            await until(
                lambda: _fired_so_far(server) >= 20, within=60, what="the dispatcher at work"
            )
            server.terminate()
            signalled = time.monotonic()
            await until(lambda: _refuses(server.port), within=30, what="the listener to close")
            await until(lambda: SHUTTING_DOWN in server.log_text(), within=30, what="the drain")
            # These requests were accepted before SIGTERM; their bodies arrive only now, a slow
            # upload's worth later: the scenario itself, not a synchronisation (there is no
            # event to wait for: the server is to keep reading them while it drains).
            await asyncio.sleep(SLOW_UPLOAD)
            answers = await asyncio.gather(*(request.finish(within=30) for request in held))
            await until(lambda: stream.done, within=60, what="every client to meet the closed door")
        code = await server.wait_exit(SHUTDOWN_TIMEOUT + 30)
        took = time.monotonic() - signalled
    assert code == 0, server.log_text()[-3000:]
    assert took < SHUTDOWN_TIMEOUT, f"exit took {took:.1f} s"

    for (path, body), (status, answer) in zip(HELD, answers, strict=True):
        assert status == (200 if path == "/chat" else 201), (path, body, status, answer)
    items = await _scan_all(settings)
    titles = Counter(str(item.get("title")) for item in items["reminders"] + items["todos"])
    for path, body in HELD:
        if path != "/chat":
            assert titles[body["title"]] == 1, body

    _assert_stream_answered_or_untouched(stream, titles)
    fired, pending = _assert_fired_whole_or_not_at_all(items, due)
    _assert_clean_shutdown(server)
    print(  # the figures the README quotes (pytest -s)
        f"\nsigterm: exit 0 after {took:.2f} s; {len(held)} held requests answered; "
        f"{len(stream.outcomes)} stream writes; {fired} fired, {pending} left pending"
    )


KEEP_ALIVE_CLIENTS = 16


async def test_sigterm_resets_no_keep_alive_request(
    dynamodb_local_endpoint: str, tmp_path: Path
) -> None:
    """16 clients posting over keep-alive connections when SIGTERM comes (issue 11, item 4).

    A request that races onto a connection the server is closing may see a clean close (a
    FIN: the client may take it as not sent, and it was not), never a reset.
    """
    settings = make_settings(dynamodb_local_endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
    env = server_env(settings, port=free_port())
    async with running_server(env, log=tmp_path / "server.log") as server:
        async with WriteStream(
            server.base,
            workers=KEEP_ALIVE_CLIENTS,
            tag="keepalive",
            timeout=60,
            keep_alive=True,
            stop_on_refused=True,
        ) as stream:
            await until(lambda: len(stream.answered(201)) >= 300, within=120, what="300 writes")
            server.terminate()
            await until(lambda: stream.done, within=60, what="every client to meet the closed door")
        code = await server.wait_exit(SHUTDOWN_TIMEOUT + 30)
    failures = Counter(o.failure for o in stream.outcomes if o.failure is not None)
    print(  # the figures the README quotes (pytest -s)
        f"\nsigterm, {KEEP_ALIVE_CLIENTS} keep-alive clients: {len(stream.outcomes)} requests, "
        f"{len(stream.answered(201))} answered 201; without an answer: {dict(failures)}"
    )
    for kind in failures:
        first = next(o for o in stream.outcomes if o.failure == kind)
        print(f"  {kind}: {first.error} {first.chain}")
    assert code == 0, server.log_text()[-3000:]
    assert failures[RESET] == 0, [o.describe() for o in stream.outcomes if o.failure == RESET]
    assert failures[REFUSED] == KEEP_ALIVE_CLIENTS, failures  # each client ends at the door
    items = await _scan_all(settings)
    titles = Counter(str(item.get("title")) for item in items["reminders"] + items["todos"])
    _assert_stream_answered_or_untouched(stream, titles)
    server.assert_clean_log()


async def test_a_request_racing_onto_a_closing_idle_connection_meets_a_clean_close(
    dynamodb_local_endpoint: str, tmp_path: Path
) -> None:
    """An idle keep-alive connection closes with a FIN; what its client sends next is read."""
    settings = make_settings(dynamodb_local_endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
    env = server_env(settings, port=free_port())
    loop = asyncio.get_running_loop()
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    async with running_server(env, log=tmp_path / "server.log") as server:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.setblocking(False)
            await loop.sock_sendall(sock, request)
            answer = await asyncio.wait_for(_read_answer(loop, sock), 30)
            assert answer.startswith(b"HTTP/1.1 200 "), answer
            assert b"connection: close" not in answer.lower()  # kept alive, now idle
            server.terminate()
            # The server closes the idle connection: a FIN...
            assert await asyncio.wait_for(loop.sock_recv(sock, 1024), 30) == b""
            # ...which this client has not noticed: its next request races onto the connection.
            try:
                await loop.sock_sendall(sock, request)
                sock.shutdown(socket.SHUT_WR)  # after a reset: ENOTCONN
                code = await server.wait_exit(SHUTDOWN_TIMEOUT + 30)
                tail = await loop.sock_recv(sock, 1024)  # after a reset: ECONNRESET
            except OSError as exc:
                raise AssertionError(f"the racing request drew a reset: {exc!r}") from exc
            assert tail == b"", tail  # dropped unanswered, the client may send it elsewhere
    assert code == 0, server.log_text()[-3000:]
    server.assert_clean_log()


async def _read_answer(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> bytes:
    """One HTTP answer with a Content-Length body, read from a non-blocking socket."""
    raw = b""
    while b"\r\n\r\n" not in raw:
        raw += await loop.sock_recv(sock, 65536)
    head, _, body = raw.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += await loop.sock_recv(sock, 65536)
    return raw


HELD: list[tuple[str, dict[str, Any]]] = [
    (f"/user/{HELD_USER}/reminders", {"title": "held reminder 1", "reminding_time": FAR_FUTURE}),
    (f"/user/{HELD_USER}/reminders", {"title": "held reminder 2", "reminding_time": FAR_FUTURE}),
    (f"/user/{HELD_USER}/todos", {"title": "held todo 1"}),
    (f"/user/{HELD_USER}/todos", {"title": "held todo 2"}),
    ("/chat", {"message": "add buy held milk to my todos"}),
    ("/chat", {"message": "hello"}),
]


async def _make_due_reminders(store: Store) -> dict[str, dict[str, Any]]:
    """DUE reminders due a second ago, spread over OWNERS; by title."""
    when = utc_now() - timedelta(seconds=1)
    slots = asyncio.Semaphore(32)

    async def make(n: int) -> tuple[str, dict[str, Any]]:
        title = f"due {n}"
        recurrence = "FREQ=DAILY" if n % RECURRING_EVERY == 0 else None
        data = ReminderCreate(title=title, reminding_time=when, recurrence=recurrence)
        async with slots:
            made = await store.reminders.create(user_id=OWNERS[n % len(OWNERS)], data=data)
        return title, {"reminder_id": made.reminder_id, "recurring": recurrence is not None}

    return dict(await asyncio.gather(*(make(n) for n in range(DUE))))


async def _hold_requests(server: ServerProcess) -> list[HeldRequest]:
    return [await HeldRequest.open(server.port, path, body, user=HELD_USER) for path, body in HELD]


def _fired_so_far(server: ServerProcess) -> int:
    return server.log_text().count('"event": "reminder fired"')


def _refuses(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) != 0


async def _scan_all(settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """Every item of the reminders, todos and conversations tables, read directly."""
    tables: dict[str, list[dict[str, Any]]] = {}
    async with open_client(settings) as client:
        for table in ("reminders", "todos", "conversations"):
            paginator = client.get_paginator("scan")
            pages = paginator.paginate(TableName=settings.table_name(table), ConsistentRead=True)
            tables[table] = [from_item(item) async for page in pages for item in page["Items"]]
    return tables


def _assert_stream_answered_or_untouched(stream: WriteStream, titles: Counter[str]) -> None:
    """A write was answered 201, or got no answer at all and left nothing behind."""
    for outcome in stream.outcomes:
        if outcome.error is None:
            assert outcome.status == 201, outcome.describe()
            assert titles[outcome.title] == 1, outcome.describe()
        else:
            assert titles[outcome.title] == 0, f"unanswered but written: {outcome.describe()}"
    assert len(stream.answered(201)) >= 12


def _assert_fired_whole_or_not_at_all(
    items: dict[str, list[dict[str, Any]]], due: dict[str, dict[str, Any]]
) -> tuple[int, int]:
    """Each due reminder is pending in due-index, or fired with its follow-ups all done."""
    spoken = Counter(
        str(message["content"])
        for message in items["conversations"]
        if message["user_id"] in OWNERS and message["role"] == "assistant"
    )
    by_title: dict[str, list[dict[str, Any]]] = {}
    for item in items["reminders"]:
        by_title.setdefault(str(item["title"]), []).append(item)
    fired = pending = 0
    for title, made in due.items():
        series = by_title[title]
        first = next(item for item in series if item["reminder_id"] == made["reminder_id"])
        if first["status"] == "fired":
            fired += 1
            assert "due_shard" not in first, first
            assert first.get("fired_at"), first
            assert spoken[f"Reminder: {title}"] == 1, f"fired but not told exactly once: {title}"
            # A daily reminder's next occurrence is written in the fire's transaction.
            assert len(series) == (2 if made["recurring"] else 1), series
        else:
            pending += 1
            assert first["status"] == "pending", first
            assert "due_shard" in first, first
            assert not first.get("fired_at"), first
            assert spoken[f"Reminder: {title}"] == 0, f"told but not fired: {title}"
            assert len(series) == 1, series
    assert fired >= 20, "the dispatcher should have been firing when SIGTERM came"
    assert pending > 0, "the dispatcher should have stopped before firing everything"
    return fired, pending


def _assert_clean_shutdown(server: ServerProcess) -> None:
    server.assert_clean_log()
    events = [record.get("event") for record in server.records()]
    assert "dispatcher did not stop in time; cancelled" not in events
    order = [
        SHUTTING_DOWN,
        "dispatcher stopped",
        "stopped",
    ]
    positions = [events.index(event) for event in order]
    assert positions == sorted(positions), events[-20:]
    assert events[-1] == "stopped", events[-5:]
