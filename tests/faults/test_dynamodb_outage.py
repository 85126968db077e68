"""DynamoDB Local SIGKILLed under a stream of writes, then started again on the same data.

A real `remo-async serve` process serves throughout and is never restarted.

What "every 201 is there afterwards" can mean on DynamoDB Local: it answers TransactWriteItems
before the transaction is committed. Its SQLiteDBAccess.commitTransaction (DynamoDB Local
1.25.1) queues the COMMIT on its single SQLite thread and returns without waiting for it, while
every other call (GetItem, PutItem, beginTransaction) waits for its own job. A transaction
answered in the moments before a SIGKILL can therefore be rolled back when the restarted
process opens the database (its journal is hot). Our creates of pending reminders and todos are
transactions (the item and the user's pending counter), so the service can answer 201 for such
a write, correctly for DynamoDB, that DynamoDB Local then loses: its Idempotency-Key answer,
stored right after the transaction, fails on the dead process ("idempotent answer not
stored") and the 201 stands, as it must on DynamoDB, where an acknowledged transaction is
durable. Measured apart from the service (SIGKILL under four writing threads, 8 rounds each):
4 of 419 acknowledged TransactWriteItems lost, 0 of 404 PutItem; with the service, under load
("answered 201 but not listed"), 2 failures in 14 runs before this test knew it.

So the test sends a barrier right before the SIGKILL: a consistent GetItem, which runs on
DynamoDB Local's SQLite thread after every COMMIT queued before it was sent. A write answered
201 before the barrier was sent is durable, and must be there, once, as answered. A write
answered after it (a few, in flight at the kill) may be missing, but then entirely (GET by id
404), never twice. Every write answered 201 after the restart must be there.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from remo_async.embedded import DynamoDBLocal, EmbeddedError, free_port, java_command
from remo_async.store import Store
from tests.conftest import _require_dynamodb_local, make_settings, migrate
from tests.faults.conftest import (
    Outcome,
    ServerProcess,
    WriteStream,
    auth,
    running_server,
    server_env,
    until,
)

pytestmark = pytest.mark.slow

WORKERS = 6
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 2.0
MAX_ATTEMPTS = 2
# botocore's standard mode waits at most 2**(n-1) s before attempt n+1.
CALL_BOUND = MAX_ATTEMPTS * (CONNECT_TIMEOUT + READ_TIMEOUT) + sum(
    2**n for n in range(MAX_ATTEMPTS - 1)
)
# A create with an Idempotency-Key: its claim, the put and the key's release; at most two of
# them can fail in full (once the claim fails nothing else runs).
REQUEST_BOUND = 2 * CALL_BOUND + 3.0
PROBLEM_JSON = "application/problem+json"


@pytest.fixture
def own_dynamodb_local(tmp_path: Path) -> DynamoDBLocal:
    """An unstarted DynamoDB Local of this test alone, its data under tmp_path."""
    if java_command() is None and not _require_dynamodb_local():
        pytest.skip("no Java: DynamoDB Local tests skipped (make test requires them)")
    return DynamoDBLocal(db_path=tmp_path / "dynamodb")


async def test_writes_survive_dynamodb_local_killed_and_restarted(
    own_dynamodb_local: DynamoDBLocal, tmp_path: Path
) -> None:
    local = own_dynamodb_local
    try:
        await asyncio.to_thread(local.start)
    except EmbeddedError as exc:
        pytest.fail(f"DynamoDB Local could not start: {exc}")
    try:
        settings = make_settings(local.endpoint)
        env = server_env(
            settings,
            port=free_port(),
            REMO_DYNAMODB_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
            REMO_DYNAMODB_READ_TIMEOUT=str(READ_TIMEOUT),
            REMO_DYNAMODB_MAX_ATTEMPTS=str(MAX_ATTEMPTS),
        )
        async with Store.open(settings) as store:  # the test's own client: the barrier's
            await migrate(store)
            async with running_server(env, log=tmp_path / "server.log") as server:
                await _kill_and_restart_under_load(server, local, store)
    finally:
        await asyncio.to_thread(local.stop)


async def _kill_and_restart_under_load(
    server: ServerProcess, local: DynamoDBLocal, store: Store
) -> None:
    async with (
        WriteStream(
            server.base,
            workers=WORKERS,
            tag="outage",
            timeout=4 * REQUEST_BOUND,
            pause_after_503=0.25,
        ) as stream,
        aiohttp.ClientSession() as session,
    ):
        await until(lambda: len(stream.answered(201)) >= 30, within=60, what="30 writes")

        port = local.port
        barrier_sent = time.monotonic()
        await _barrier(store)
        local.kill()  # SIGKILL: the JVM gets no chance to flush or say goodbye
        killed_at = time.monotonic()
        await until(
            lambda: len([o for o in stream.outcomes if o.started >= killed_at]) >= 4 * WORKERS,
            within=60,
            what="writes while DynamoDB Local is down",
        )
        for _ in range(3):
            await _assert_not_ready(session, server.base)
        restarting_at = time.monotonic()

        await asyncio.to_thread(local.start)  # the same port and data folder
        assert local.port == port
        await _until_ready(session, server.base, within=90)
        ready_at = time.monotonic()
        await until(
            lambda: all(
                sum(1 for o in stream.answered(201, since=ready_at) if o.worker == w) >= 3
                for w in range(WORKERS)
            ),
            within=60,
            what="three writes of every client after recovery",
        )
        await stream.stop()

        outcomes = stream.outcomes
        for outcome in outcomes:
            assert outcome.error is None, f"no answer: {outcome.describe()}"
            assert outcome.status in {201, 503}, outcome.describe()
            assert outcome.latency < REQUEST_BOUND, outcome.describe()
        while_down = [o for o in outcomes if o.started >= killed_at and o.finished < restarting_at]
        assert len(while_down) >= 2 * WORKERS, "too few writes while DynamoDB Local was down"
        for outcome in while_down:
            _assert_unavailable(outcome.status, outcome.headers, outcome.body)
        after = [o for o in outcomes if o.started >= ready_at]
        assert all(o.status == 201 for o in after), [o.describe() for o in after if o.status != 201]
        assert len([o for o in stream.answered(201) if o.finished < barrier_sent]) >= 30

        # Answered after the barrier was sent, begun before the kill: maybe never committed.
        at_risk = {
            o.title
            for o in stream.answered(201)
            if o.finished >= barrier_sent and o.started < killed_at
        }
        lost = await _assert_written_once(session, server.base, stream, at_risk=at_risk)
        metrics = await (await session.get(f"{server.base}/metrics")).text()
        assert 'outcome="error"' in metrics  # the failed calls were counted

    server.terminate()
    assert await server.wait_exit(30) == 0
    server.assert_clean_log()
    slowest = max(o.latency for o in while_down)
    print(  # the figures the README quotes (pytest -s)
        f"\noutage: {len(outcomes)} writes, {len(while_down)} while down (slowest "
        f"{slowest:.2f} s, bound {REQUEST_BOUND:.1f} s), "
        f"{len(stream.answered(201))} created, recovered "
        f"{ready_at - restarting_at:.1f} s after the restart began; "
        f"{len(at_risk)} answered after the barrier, {len(lost)} of them lost by DynamoDB Local"
    )


def _assert_unavailable(status: int | None, headers: dict[str, str], body: Any) -> None:
    assert status == 503, (status, body)
    assert int(headers["Retry-After"]) >= 1
    assert headers["Content-Type"].startswith(PROBLEM_JSON), headers
    assert body["status"] == 503
    assert {"type", "title", "detail"} <= body.keys()


async def _assert_not_ready(session: aiohttp.ClientSession, base: str) -> None:
    async with session.get(f"{base}/readyz") as response:
        body = await response.json(content_type=None)
        _assert_unavailable(response.status, dict(response.headers), body)
        assert body["checks"] == {"dynamodb": "unreachable"}


async def _until_ready(session: aiohttp.ClientSession, base: str, *, within: float) -> None:
    deadline = time.monotonic() + within
    while True:
        async with session.get(f"{base}/readyz") as response:
            if response.status == 200:
                return
            assert response.status == 503, await response.text()
        assert time.monotonic() < deadline, "the service did not become ready again"
        await asyncio.sleep(0.1)


async def _barrier(store: Store) -> None:
    """Returns once every transaction DynamoDB Local answered before this call is committed.

    A consistent GetItem waits for its job on DynamoDB Local's one SQLite thread, which runs
    jobs in order: the COMMITs queued before it ran first (see the module's docstring).
    """
    await store.idempotency.get(key="barrier before the SIGKILL")


async def _assert_written_once(
    session: aiohttp.ClientSession, base: str, stream: WriteStream, *, at_risk: set[str]
) -> list[str]:
    """Every 201 is there, once, as answered; nothing else is there more than once.

    A title in at_risk may instead be missing entirely (its GET is 404); returns those.
    """
    answered: dict[str, Outcome] = {o.title: o for o in stream.answered(201)}
    seen: Counter[str] = Counter()
    for user in stream.users:
        for kind in ("reminders", "todos"):
            items = await _list_all(session, f"{base}/user/{user}/{kind}", user)
            seen.update(item["title"] for item in items)
            for item in items:
                outcome = answered.get(item["title"])
                if outcome is not None:
                    assert outcome.item_id == item[f"{kind[:-1]}_id"], item
    missing = [title for title in answered if seen[title] == 0]
    not_excused = [title for title in missing if title not in at_risk]
    assert not not_excused, f"answered 201 but not listed: {not_excused}"
    twice = [title for title, count in seen.items() if count > 1]
    assert not twice, f"listed more than once: {twice}"
    for outcome in answered.values():
        user = stream.users[outcome.worker]
        url = f"{base}/user/{user}/{outcome.kind}/{outcome.item_id}"
        async with session.get(url, headers=auth(user)) as response:
            if outcome.title in missing:
                assert response.status == 404, outcome.describe()  # lost whole, not half
                continue
            assert response.status == 200, outcome.describe()
            assert (await response.json())["title"] == outcome.title
    return missing


async def _list_all(session: aiohttp.ClientSession, url: str, user: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    params = {"limit": "100"}
    while True:
        async with session.get(url, params=params, headers=auth(user)) as response:
            assert response.status == 200, await response.text()
            page = await response.json()
        items.extend(page["items"])
        if page["next_cursor"] is None:
            return items
        params = {"limit": "100", "cursor": page["next_cursor"]}
