"""Dispatcher benchmark on DynamoDB Local: throughput against raw UpdateItems, poll cost, lag.

Run: .venv/bin/python benchmarks/dispatch.py [--runs 5] [--reminders 2000]
Prints medians of several runs and, last, `ratio NAME VALUE` lines.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from _local import bench_settings, drop_tables, median, migrate, percentile

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


async def throughput(
    endpoint: str, runs: int, count: int
) -> tuple[list[float], list[float], list[float]]:
    """Dispatcher fires/s and raw UpdateItems/s, interleaved (order alternating) run by run."""
    service, raw, ratios = [], [], []
    for run in range(runs):
        settings = bench_settings(endpoint)
        async with Store.open(settings) as store:
            await migrate(store)
            now = T0 + timedelta(days=run)
            items = await load(store, count, now - timedelta(seconds=1))
            if run % 2:
                raw.append(await raw_fires(store, items, now))
                await load(store, count, now - timedelta(seconds=1))
                service.append(await dispatcher_fires(store, count, now))
            else:
                service.append(await dispatcher_fires(store, count, now))
                items = await load(store, count, now - timedelta(seconds=1))
                raw.append(await raw_fires(store, items, now))
            await drop_tables(store)
        ratios.append(service[-1] / raw[-1])
        print(
            f"  run {run + 1}: dispatcher {service[-1]:.0f}/s, raw {raw[-1]:.0f}/s, "
            f"ratio {ratios[-1]:.2f}"
        )
    return service, raw, ratios


async def poll_cost(endpoint: str, future: int, polls: int) -> float:
    """Median seconds of a poll that finds nothing due, with `future` reminders not yet due."""
    settings = bench_settings(endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
        await load(store, future, T0 + timedelta(days=30))
        dispatcher = Dispatcher(store, settings=settings, clock=lambda: T0, metrics=Metrics())
        times = []
        for _ in range(polls):
            started = time.perf_counter()
            assert await dispatcher.poll_once() == []
            times.append(time.perf_counter() - started)
        await drop_tables(store)
        return median(times)


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


async def lag(endpoint: str, count: int) -> list[float]:
    """Lags when `count` reminders fall due in the same second, the dispatcher on a real clock."""
    settings = bench_settings(endpoint, dispatch_interval=1.0)
    async with Store.open(settings) as store:
        await migrate(store)
        due = (utc_now() + timedelta(seconds=LAG_LEAD)).replace(microsecond=0)
        await load(store, count, due)
        if utc_now() > due - timedelta(seconds=2):
            raise SystemExit(f"loading {count} reminders took over {LAG_LEAD} s: machine too busy")
        recorder = LagRecorder(count)
        dispatcher = Dispatcher(
            store, settings=settings, clock=utc_now, metrics=Metrics(), notifiers=[recorder]
        )
        task = asyncio.create_task(dispatcher.run())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(recorder.all_heard.wait(), timeout=LAG_LEAD + 60)
        dispatcher.stop()
        await task
        await drop_tables(store)
        return recorder.lags


def quiet_production_logging() -> None:
    """Production logging (JSON, a line per fire), written nowhere so no terminal is timed."""
    configure_logging(bench_settings("http://unused", log_format="json"))
    logging.getLogger().handlers[0].stream = open(os.devnull, "w")  # noqa: SIM115


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reminders", type=int, default=2000)
    parser.add_argument("--future", type=int, default=50_000)
    args = parser.parse_args()
    with DynamoDBLocal(in_memory=True) as local:
        print(f"DynamoDB Local at {local.endpoint}; concurrency {CONCURRENCY}")
        service, raw, ratios = await throughput(local.endpoint, args.runs, args.reminders)
        print("poll cost: loading future reminders ...")
        small = await poll_cost(local.endpoint, 1_000, 30)
        large = await poll_cost(local.endpoint, args.future, 30)
        lags = await lag(local.endpoint, args.reminders)
    print(f"dispatcher fires/s (median of {args.runs}): {median(service):.0f}")
    print(f"raw conditional UpdateItems/s (median of {args.runs}): {median(raw):.0f}")
    print(f"empty poll, 1,000 future reminders: {small * 1000:.1f} ms (median of 30)")
    print(f"empty poll, {args.future:,} future reminders: {large * 1000:.1f} ms (median of 30)")
    print(
        f"lag of {len(lags)} reminders due in one second: p50 {percentile(lags, 0.5):.2f} s, "
        f"p99 {percentile(lags, 0.99):.2f} s (interval 1 s)"
    )
    print(f"ratio dispatch_throughput {median(ratios):.2f}")
    print(f"ratio poll_cost_flat {small / large:.2f}")
    print(f"lag_p50_s {percentile(lags, 0.5):.2f}")
    print(f"lag_p99_s {percentile(lags, 0.99):.2f}")


if __name__ == "__main__":
    quiet_production_logging()
    asyncio.run(main())
