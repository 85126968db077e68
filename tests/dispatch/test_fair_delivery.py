"""Webhook and push deliveries are fair between users: one user's flood or hanging
receiver delays and fills only their own share of the queue.

The model test drives FairQueue with generated puts, takes and completions and checks it
against a plain model; the end-to-end test runs a WebhookWorker on DynamoDB Local with one
user whose receiver hangs and one whose receiver answers at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

from remo_async.dispatch.queued import FairQueue
from remo_async.dispatch.webhooks import WebhookWorker
from remo_async.domain import Reminder, ReminderCreate
from remo_async.metrics import Metrics
from remo_async.store import Store
from tests.api.conftest import ALICE, BOB
from tests.helpers import SettableClock
from tests.sse import sample

USERS = ["u0", "u1", "u2"]


def _reminder(user: str, n: int) -> Reminder:
    now = "2026-11-25T09:00:00Z"
    return Reminder.model_validate(
        {
            "reminder_id": f"rem_{user}_{n}",
            "user_id": user,
            "title": f"r{n}",
            "reminding_time": now,
            "status": "fired",
            "created_at": now,
            "updated_at": now,
        }
    )


Step = tuple[str, str]  # ("put", user) | ("take", "") | ("finish", index)


@settings(max_examples=300, deadline=None)
@given(
    size=st.integers(1, 8),
    per_user=st.integers(1, 4),
    in_flight=st.integers(1, 3),
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("put"), st.sampled_from(USERS)),
            st.tuples(st.just("take"), st.just("")),
            st.tuples(st.just("finish"), st.sampled_from(["0", "1", "2"])),
        ),
        max_size=60,
    ),
)
async def test_fair_queue_serves_users_in_turn_within_their_bounds(
    size: int, per_user: int, in_flight: int, steps: list[Step]
) -> None:
    """Against a model: a put is refused exactly when the whole queue or the user's is
    full; a take serves, among users with fires waiting and fewer than `in_flight` being
    delivered, the one whose turn came first (round-robin), each user's fires in order;
    nothing is lost or served twice; join() returns once everything was delivered."""
    queue = FairQueue(size=size, per_user=per_user, in_flight=in_flight)
    waiting: dict[str, deque[Reminder]] = {u: deque() for u in USERS}
    busy: list[Reminder] = []
    turns: list[str] = []  # the model's line of users that may be served
    made = 0

    def offer(user: str) -> None:
        running = sum(r.user_id == user for r in busy)
        if user not in turns and waiting[user] and running < in_flight:
            turns.append(user)

    for kind, arg in steps:
        if kind == "put":
            made += 1
            reminder = _reminder(arg, made)
            queued = sum(len(w) for w in waiting.values())
            fits = queued < size and len(waiting[arg]) < per_user
            assert queue.put(reminder) is fits
            if fits:
                waiting[arg].append(reminder)
                offer(arg)
        elif kind == "take":
            if not turns:
                with pytest.raises(TimeoutError):
                    await asyncio.wait_for(queue.get(), timeout=0.001)
                continue
            user = turns.pop(0)
            expected = waiting[user].popleft()
            assert await asyncio.wait_for(queue.get(), timeout=1) is expected
            busy.append(expected)
            offer(user)
        elif busy:
            done = busy.pop(int(arg) % len(busy))
            queue.done(done)
            offer(done.user_id)
        assert queue.pending() == sum(len(w) for w in waiting.values()) + len(busy)
    # Everything left can still be taken, in turn, and join() then returns.
    while turns or busy:
        if turns:
            user = turns.pop(0)
            expected = waiting[user].popleft()
            assert await asyncio.wait_for(queue.get(), timeout=1) is expected
            busy.append(expected)
            offer(user)
        else:
            done = busy.pop(0)
            queue.done(done)
            offer(done.user_id)
    assert not any(waiting.values())
    assert queue.pending() == 0
    await asyncio.wait_for(queue.join(), timeout=1)


class SlowAndFast:
    """Webhook receivers: /slow/... answers after `delay` seconds, /fast/... at once."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.fast_at: list[float] = []
        self.fast_seen = asyncio.Event()
        self.slow_done = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/slow", self.slow)
        app.router.add_post("/fast", self.fast)
        return app

    async def slow(self, request: web.Request) -> web.Response:
        await request.read()
        await asyncio.sleep(self.delay)
        self.slow_done += 1
        return web.Response(status=204)

    async def fast(self, request: web.Request) -> web.Response:
        await request.read()
        self.fast_at.append(time.monotonic())
        self.fast_seen.set()
        return web.Response(status=204)


async def _fires(store: Store, clock: SettableClock, user: str, count: int) -> list[Reminder]:
    data = ReminderCreate.model_validate(
        {"title": "stand up", "reminding_time": clock.now + timedelta(hours=1)}
    )
    return [await store.reminders.create(user_id=user, data=data) for _ in range(count)]


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_a_users_hanging_webhook_does_not_hold_up_or_crowd_out_others(
    store: Store, clock: SettableClock, aiohttp_server: Any
) -> None:
    """Alice's receiver takes 0.5 s an answer and she has 40 fires at once; Bob's one fire,
    queued after all of hers, is delivered at once. With one FIFO for everyone, Bob waited
    behind her 40 (about 5 s at 4 at a time)."""
    receivers = SlowAndFast(delay=0.5)
    server = await aiohttp_server(receivers.app(), host="127.0.0.1")
    for user, path in ((ALICE, "/slow"), (BOB, "/fast")):
        await store.users.merge_preferences(
            privy_id=user,
            patch={"webhook_url": str(server.make_url(path)), "webhook_secret": "whsec_x"},
        )
    settings_ = store.settings.model_copy(update={"webhook_allow_insecure": True})
    alices, (bobs,) = await _fires(store, clock, ALICE, 40), await _fires(store, clock, BOB, 1)
    metrics = Metrics()
    async with aiohttp.ClientSession() as session:
        worker = WebhookWorker(
            session,
            store=store,
            settings=settings_,
            metrics=metrics,
            concurrency=4,
            queue_size=41,
        )
        worker_task = asyncio.create_task(worker.run())
        try:
            for reminder in alices:
                await worker.reminder_fired(reminder)
            queued_at = time.monotonic()
            await worker.reminder_fired(bobs)
            await asyncio.wait_for(receivers.fast_seen.wait(), timeout=15)
            assert receivers.fast_at[0] - queued_at < 1.5
            assert receivers.slow_done < 10  # Alice's were still going when his arrived
        finally:
            worker_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker_task
    assert sample(metrics, "remo_webhook_deliveries_total", outcome="dropped") == 0


async def test_a_users_flood_is_dropped_from_their_own_share_only() -> None:
    """Past a user's bound only their fires are refused; another user's still fit."""
    queue = FairQueue(size=100, per_user=5, in_flight=2)
    assert [queue.put(_reminder("u0", n)) for n in range(8)] == [True] * 5 + [False] * 3
    assert queue.put(_reminder("u1", 99))
    first, second, third = [await asyncio.wait_for(queue.get(), 1) for _ in range(3)]
    assert [first.user_id, second.user_id, third.user_id] == ["u0", "u1", "u0"]
