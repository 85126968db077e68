"""The service's own CPU per request, in one process: middlewares, view and store, less aiobotocore.

benchmarks/api.py measures the same thing across processes (server CPU minus the raw
client's), where two shared cores make every figure swing. Here the app handles requests
built in memory (aiohttp's make_mocked_request: no socket, no HTTP parsing, no client in
the process), one at a time, against an in-memory DynamoDB Local; the thread's CPU time
per request is measured, and the CPU spent inside Dynamo.call (aiobotocore: signing,
sending, parsing) is taken out. What is left is ours: routing, token check, validation,
the view, the store's own work, JSON, the log line, metrics.

Run: .venv/bin/python benchmarks/own_work.py [--requests 300] [--operations get,list]
Prints per operation `own_ms NAME X` (our CPU ms per request) and `boto_ms NAME X` (CPU ms
inside Dynamo.call per request, the yardstick: on a loaded machine both grow together,
so compare own/boto between trees run back to back). --profile prints cProfile's top
functions by CPU time (the thread's clock).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import uvloop
from _calls import message_item, reminder_item
from _local import bench_settings, migrate
from aiohttp import streams, web
from aiohttp.test_utils import make_mocked_request
from api import MESSAGES_PER_USER, REMINDERS_PER_USER, batch_put

from remo_async.api.auth import mint_dev_token
from remo_async.app import create_app
from remo_async.domain.times import format_time, utc_now
from remo_async.embedded import DynamoDBLocal
from remo_async.keys import STORE
from remo_async.logs import configure_logging
from remo_async.store import dynamo

OPERATIONS = ("create", "create_idem", "get", "list", "conversation")
USER = "did:privy:bench0001"


class DynamoClock:
    """Adds up the thread CPU spent inside Dynamo.call (aiobotocore's share)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._call = dynamo.Dynamo.call

    def install(self) -> None:
        clock, call = self, self._call

        async def timed(self: dynamo.Dynamo, operation: str, **kwargs: Any) -> dict[str, Any]:
            started = time.thread_time()
            try:
                return await call(self, operation, **kwargs)
            finally:
                clock.seconds += time.thread_time() - started

        dynamo.Dynamo.call = timed  # type: ignore[method-assign]


class _Protocol:
    """What a request body's StreamReader asks of its connection."""

    _reading_paused = False

    def pause_reading(self) -> None:
        pass

    def resume_reading(self, **_: Any) -> None:
        pass


async def run(
    endpoint: str, op: str, args: argparse.Namespace, clock: DynamoClock, sink: Any
) -> None:
    settings = bench_settings(
        endpoint,
        dispatch_enabled=False,
        events_enabled=False,
        log_format="json",
        rate_limit=1_000_000,
    )
    configure_logging(settings, stream=sink)  # JSON lines rendered, written nowhere
    app = create_app(settings)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        request = await _requests(app, op, settings)
        await _measure(app, op, request, args, clock)
    finally:
        await runner.cleanup()


async def _requests(app: web.Application, op: str, settings: Any) -> Callable[[int], Any]:
    store = app[STORE]
    await migrate(store)
    due = (utc_now() + timedelta(days=30)).replace(microsecond=0)
    items = [
        reminder_item(settings, USER, now=utc_now(), due=due) for _ in range(REMINDERS_PER_USER)
    ]
    await batch_put(store, store.reminders.table, items)
    start = utc_now() - timedelta(hours=1)
    messages = [
        message_item(settings, USER, at=start + timedelta(seconds=k), role="user")
        for k in range(MESSAGES_PER_USER)
    ]
    await batch_put(store, store.conversations.table, messages)
    await store.reminders.pending_room(user_id=USER)
    reminder_id = items[0]["reminder_id"]["S"]
    body = json.dumps(
        {
            "title": "Water the plants",
            "description": "the ones on the balcony",
            "reminding_time": format_time(due),
            "timezone": "UTC",
        }
    ).encode()
    headers = {
        "Authorization": f"Bearer {mint_dev_token(settings, USER)}",
        "Content-Type": "application/json",
    }
    paths = {
        "get": f"/user/{USER}/reminders/{reminder_id}",
        "list": f"/user/{USER}/reminders?limit=20",
        "conversation": f"/user/{USER}/conversation?limit=50",
    }

    def request(n: int) -> Any:
        if op in paths:
            return make_mocked_request("GET", paths[op], headers=headers, app=app)
        given = {**headers, "Content-Length": str(len(body))}
        if op == "create_idem":
            given["Idempotency-Key"] = f"key-{n}-{time.time_ns()}"
        payload = streams.StreamReader(_Protocol(), 2**16, loop=asyncio.get_running_loop())  # type: ignore[arg-type]
        payload.feed_data(body)
        payload.feed_eof()
        path = f"/user/{USER}/reminders"
        return make_mocked_request("POST", path, headers=given, app=app, payload=payload)

    return request


async def _measure(
    app: web.Application,
    op: str,
    request: Callable[[int], Any],
    args: argparse.Namespace,
    clock: DynamoClock,
) -> None:
    expected = 201 if op.startswith("create") else 200
    for n in range(50):  # warm-up: caches, pydantic's first calls
        answer = await app._handle(request(n))
        if answer.status != expected:
            raise SystemExit(f"{op}: {answer.status} {getattr(answer, 'body', b'')!r}")
    profiled = args.profile or args.profile_out is not None
    profile = cProfile.Profile(time.thread_time) if profiled else None
    clock.seconds, total = 0.0, 0.0
    for n in range(args.requests):
        made = request(n + 50)
        if profile is not None:
            profile.enable()
        started = time.thread_time()
        answer = await app._handle(made)
        total += time.thread_time() - started
        if profile is not None:
            profile.disable()
        if answer.status != expected:
            raise SystemExit(f"{op}: {answer.status}")
    own = (total - clock.seconds) / args.requests * 1000
    boto = clock.seconds / args.requests * 1000
    print(f"own_ms {op} {own:.3f}")
    print(f"boto_ms {op} {boto:.3f}", flush=True)
    if profile is not None and args.profile_out is not None:
        profile.dump_stats(f"{args.profile_out}.{op}")
    elif profile is not None:
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--operations", default=",".join(OPERATIONS))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--profile-out", help="write each operation's cProfile stats to PROFILE_OUT.<operation>"
    )
    args = parser.parse_args()
    operations = [op for op in args.operations.split(",") if op]
    if set(operations) - set(OPERATIONS):
        parser.error(f"operations are {', '.join(OPERATIONS)}")
    clock = DynamoClock()
    clock.install()
    with DynamoDBLocal(in_memory=True) as local, open(os.devnull, "w") as sink:
        for op in operations:
            uvloop.run(run(local.endpoint, op, args, clock, sink))  # as `serve` runs


if __name__ == "__main__":
    main()
