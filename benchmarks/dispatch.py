"""Dispatcher benchmark on DynamoDB Local: throughput against raw UpdateItems, poll cost, lag.

Run: .venv/bin/python benchmarks/dispatch.py [--runs 5] [--reminders 2000] [--future 50000]
Prints medians of several runs and, last, `ratio NAME VALUE` lines.

Every measurement gets a fresh in-memory DynamoDB Local: one JVM slows down as it serves
more requests, which would make whichever measurement comes later look worse.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from _local import bench_settings, median, migrate, percentile

from remo_async.dispatch import Dispatcher
from remo_async.domain import Reminder
from remo_async.domain.rules import due_shard, new_reminder_id
from remo_async.domain.times import format_time, utc_now
from remo_async.embedded import DynamoDBLocal
from remo_async.logs import configure_logging
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store
from remo_async.store.attrs import to_item

CONCURRENCY = 32
WARM_UP_POLLS = 5
WARM_UP = 500  # reminders fired (raw, then by the dispatcher) before a throughput run
POLL_DUE = 20  # reminders due at each measured poll
LAG_LEAD = 45  # seconds between writing the reminders and their common due time
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _item(settings: Settings, user: str, when: datetime) -> dict[str, Any]:
    reminder_id = new_reminder_id()
    return to_item(
        {
            "user_id": user,
            "reminder_id": reminder_id,
            "title": "benchmark",
            "description": "",
            "reminding_time": format_time(when),
            "timezone": "UTC",
            "status": "pending",
            "created_at": format_time(T0),
            "updated_at": format_time(T0),
            "version": 1,
            "due_shard": due_shard(reminder_id, settings.dispatch_shards),
            "ttl": int((when + timedelta(days=365)).timestamp()),
        }
    )


async def load(store: Store, count: int, when: datetime) -> list[dict[str, Any]]:
    """Writes `count` pending reminders due at `when`, spread over 100 users, in batches."""
    items = [_item(store.settings, f"did:privy:u{i % 100}", when) for i in range(count)]
    table = store.reminders.table
    batches = [items[i : i + 25] for i in range(0, len(items), 25)]
    slots = asyncio.Semaphore(8)

    async def write(batch: list[dict[str, Any]]) -> None:
        async with slots:
            pending = [{"PutRequest": {"Item": item}} for item in batch]
            while pending:
                answer = await store.dynamo.call("batch_write_item", RequestItems={table: pending})
                pending = answer.get("UnprocessedItems", {}).get(table, [])

    await asyncio.gather(*(write(b) for b in batches))
    return items


async def raw_fires(store: Store, items: list[dict[str, Any]], now: datetime) -> float:
    """The same conditional UpdateItem the dispatcher issues, straight to aioboto3; calls/s."""
    client = store.dynamo.client
    slots = asyncio.Semaphore(CONCURRENCY)
    moment = format_time(now)

    async def fire(item: dict[str, Any]) -> None:
        async with slots:
            await client.update_item(
                TableName=store.reminders.table,
                Key={"user_id": item["user_id"], "reminder_id": item["reminder_id"]},
                UpdateExpression="SET #s = :fired, fired_at = :now, updated_at = :now, "
                "version = if_not_exists(version, :zero) + :one REMOVE due_shard",
                ConditionExpression="#s = :pending AND reminding_time <= :now",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={
                    ":fired": {"S": "fired"},
                    ":pending": {"S": "pending"},
                    ":now": {"S": moment},
                    ":zero": {"N": "0"},
                    ":one": {"N": "1"},
                },
                ReturnValues="ALL_NEW",
            )

    started = time.perf_counter()
    await asyncio.gather(*(fire(item) for item in items))
    return len(items) / (time.perf_counter() - started)


async def dispatcher_fires(store: Store, count: int, now: datetime) -> float:
    """Reminders fired per second by one poll of the dispatcher."""
    dispatcher = Dispatcher(
        store,
        settings=store.settings,
        clock=lambda: now,
        metrics=Metrics(),
        concurrency=CONCURRENCY,
    )
    started = time.perf_counter()
    fired = await dispatcher.poll_once()
    elapsed = time.perf_counter() - started
    assert len(fired) == count, f"fired {len(fired)} of {count}"
    return count / elapsed


async def throughput(runs: int, count: int) -> tuple[list[float], list[float], list[float]]:
    """Dispatcher fires/s and raw UpdateItems/s, interleaved in each run."""
    service, raw, ratios = [], [], []
    for run in range(runs):
        with fresh_local() as endpoint:
            ratios.append(await _throughput_run(endpoint, run, count, service, raw))
        print(
            f"  run {run + 1}: dispatcher {service[-1]:.0f}/s, raw {raw[-1]:.0f}/s, "
            f"ratio {ratios[-1]:.2f}"
        )
    return service, raw, ratios


async def _throughput_run(
    endpoint: str, run: int, count: int, service: list[float], raw: list[float]
) -> float:
    settings = bench_settings(endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
        # A fresh JVM is cold: warm both paths up (untimed) so neither pays for the JIT.
        warm = T0 - timedelta(days=1)
        await raw_fires(store, await load(store, WARM_UP, warm), warm)
        await load(store, WARM_UP, warm)
        await dispatcher_fires(store, WARM_UP, warm)
        # ABBA order (dispatcher, raw, raw, dispatcher): a drift in DynamoDB Local's speed
        # during the run falls on both sides alike.
        fired, updated = [], []
        for step, path in enumerate(("dispatcher", "raw", "raw", "dispatcher")):
            now = T0 + timedelta(days=run, hours=step)
            items = await load(store, count, now - timedelta(seconds=1))
            if path == "raw":
                updated.append(await raw_fires(store, items, now))
            else:
                fired.append(await dispatcher_fires(store, count, now))
        service.append(sum(fired) / 2)
        raw.append(sum(updated) / 2)
    return service[-1] / raw[-1]


class ReadCounter:
    """Counts the Query calls a client makes and the items DynamoDB read for them."""

    def __init__(self, client: Any) -> None:
        self.queries = 0
        self.items = 0
        client.meta.events.register("after-call.dynamodb.Query", self._seen)

    def _seen(self, parsed: dict[str, Any], **_: Any) -> None:
        self.queries += 1
        self.items += int(parsed.get("ScannedCount", 0))


@contextlib.contextmanager
def fresh_local() -> Iterator[str]:
    """A new in-memory DynamoDB Local for one measurement; its endpoint."""
    with DynamoDBLocal(in_memory=True) as local:
        yield local.endpoint


@dataclasses.dataclass
class PollCost:
    """Medians over the measured polls of one table size."""

    empty_seconds: float  # a poll that finds nothing due
    busy_seconds: float  # a poll that finds POLL_DUE reminders due and fires them
    items_read: float  # items DynamoDB read for the busy poll (Query ScannedCount)


async def poll_cost(future: int, polls: int) -> PollCost:
    """What a poll costs with `future` reminders pending but not yet due."""
    with fresh_local() as endpoint:
        settings = bench_settings(endpoint)
        async with Store.open(settings) as store:
            await migrate(store)
            await load(store, future, T0 + timedelta(days=30))
            counter = ReadCounter(store.dynamo.client)
            empty, busy, reads = [], [], []
            for poll in range(polls + WARM_UP_POLLS):
                now = T0 + timedelta(minutes=poll + 1)
                dispatcher = Dispatcher(
                    store, settings=settings, clock=lambda now=now: now, metrics=Metrics()
                )
                started = time.perf_counter()
                assert await dispatcher.poll_once() == []
                empty_elapsed = time.perf_counter() - started
                await load(store, POLL_DUE, now - timedelta(seconds=1))
                before = counter.items
                started = time.perf_counter()
                fired = await dispatcher.poll_once()
                busy_elapsed = time.perf_counter() - started
                assert len(fired) == POLL_DUE, f"fired {len(fired)} of {POLL_DUE}"
                if poll >= WARM_UP_POLLS:
                    empty.append(empty_elapsed)
                    busy.append(busy_elapsed)
                    reads.append(float(counter.items - before))
            return PollCost(median(empty), median(busy), median(reads))


class LagRecorder:
    """Seconds from each reminder's time to the moment its fire was known."""

    def __init__(self, expected: int) -> None:
        self.lags: list[float] = []
        self.expected = expected
        self.all_heard = asyncio.Event()

    async def reminder_fired(self, reminder: Reminder) -> None:
        self.lags.append(time.time() - reminder.reminding_time.timestamp())
        if len(self.lags) >= self.expected:
            self.all_heard.set()


async def lag(count: int) -> tuple[list[float], float]:
    """Lags when `count` reminders fall due in the same second, the dispatcher on a real clock.

    Also returns the floor: seconds that `count` raw conditional UpdateItems take on the
    same DynamoDB Local, which no dispatcher can beat.
    """
    with fresh_local() as endpoint:
        settings = bench_settings(endpoint, dispatch_interval=1.0)
        async with Store.open(settings) as store:
            await migrate(store)
            items = await load(store, count, T0)
            floor = count / await raw_fires(store, items, T0 + timedelta(seconds=1))
            due = (utc_now() + timedelta(seconds=LAG_LEAD)).replace(microsecond=0)
            await load(store, count, due)
            if utc_now() > due - timedelta(seconds=2):
                raise SystemExit(f"loading {count} reminders took over {LAG_LEAD} s: too busy")
            recorder = LagRecorder(count)
            dispatcher = Dispatcher(
                store, settings=settings, clock=utc_now, metrics=Metrics(), notifiers=[recorder]
            )
            task = asyncio.create_task(dispatcher.run())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(recorder.all_heard.wait(), timeout=LAG_LEAD + 120)
            dispatcher.stop()
            await task
            return recorder.lags, floor


def quiet_production_logging() -> None:
    """Production logging (JSON, a line per fire), written nowhere so no terminal is timed."""
    configure_logging(
        bench_settings("http://unused", log_format="json"),
        stream=open(os.devnull, "w"),  # noqa: SIM115 - open for the whole run
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reminders", type=int, default=2000)
    parser.add_argument("--future", type=int, default=50_000)
    parser.add_argument("--polls", type=int, default=30)
    args = parser.parse_args()
    print(f"concurrency {CONCURRENCY}; a fresh in-memory DynamoDB Local per measurement")
    service, raw, ratios = await throughput(args.runs, args.reminders)
    print("poll cost: loading future reminders ...")
    small = await poll_cost(1_000, args.polls)
    large = await poll_cost(args.future, args.polls)
    print(f"lag: {args.reminders:,} reminders due in one second ...")
    lags, floor = await lag(args.reminders)
    p50, p99 = percentile(lags, 0.5), percentile(lags, 0.99)
    print(f"dispatcher fires/s (median of {args.runs}): {median(service):.0f}")
    print(f"raw conditional UpdateItems/s (median of {args.runs}): {median(raw):.0f}")
    for name, cost in (("1,000", small), (f"{args.future:,}", large)):
        print(
            f"poll with {name} future reminders (median of {args.polls}): "
            f"empty {cost.empty_seconds * 1000:.1f} ms; with {POLL_DUE} due "
            f"{cost.busy_seconds * 1000:.1f} ms, {cost.items_read:.0f} items read"
        )
    print(
        f"lag of {len(lags):,}/{args.reminders:,} reminders due in one second: "
        f"p50 {p50:.2f} s, p99 {p99:.2f} s (interval 1 s; goal p99 <= 3 s); "
        f"{args.reminders:,} raw UpdateItems alone take {floor:.2f} s here"
    )
    print(f"lag_p50_s {p50:.2f}")
    print(f"lag_p99_s {p99:.2f}")
    print(f"ratio poll_time_flat {small.empty_seconds / large.empty_seconds:.2f}")
    print(f"ratio dispatch_throughput {median(ratios):.2f}")
    print(f"ratio poll_cost_flat {(small.items_read or 1) / (large.items_read or 1):.2f}")


if __name__ == "__main__":
    quiet_production_logging()
    asyncio.run(main())
