"""Web Push and calendar feed CPU costs (no DynamoDB, no network).

Run from the repo root: .venv/bin/python benchmarks/push_and_feed.py
Prints the time to prepare one push (payload, aes128gcm encryption, VAPID JWT); the time
and size of a feed of 1,000 reminders (a third recurring, five zones) and 500 todos,
rendered cold (nothing kept) and again (each unchanged item's component kept); and the
longest the event loop waited (a 1 ms ticker's largest gap) while the largest feed a user
can hold (5,000 pending reminders, 10,000 todos) was rendered cold with render_feed.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from remo_async.domain import Reminder, Todo
from remo_async.feeds import build_feed, render_feed
from remo_async.feeds.ics import RENDERED
from remo_async.push.models import PushKeys
from remo_async.push.payload import encrypt, fired_payload
from remo_async.push.vapid import VapidKey, new_private_pem
from tests.feeds.loop_watch import LoopWatch
from tests.push.service import Browser

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
ZONES = ("UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata")


def _reminders(count: int) -> list[Reminder]:
    return [
        Reminder(
            reminder_id=f"rem_{i:026d}",
            user_id="did:privy:bench",
            title=f"reminder {i}",
            description="take the blue folder" * (i % 3),
            reminding_time=NOW + timedelta(hours=i),
            timezone=ZONES[i % len(ZONES)],
            recurrence="FREQ=WEEKLY;BYDAY=MO,WE" if i % 3 == 0 else None,
            status="pending",
            created_at=NOW,
            updated_at=NOW,
        )
        for i in range(count)
    ]


def _todos(count: int) -> list[Todo]:
    return [
        Todo(
            todo_id=f"todo_{i:026d}",
            user_id="did:privy:bench",
            title=f"todo {i}",
            priority=("low", "medium", "high", "urgent")[i % 4],
            category="home" if i % 2 else None,
            due_date=date(2027, 1, 1) + timedelta(days=i) if i % 2 else None,
            status="pending",
            created_at=NOW,
            updated_at=NOW,
        )
        for i in range(count)
    ]


def _ms(call: object, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - began) * 1000)
    return times


def main() -> None:
    """Prints push_prepare_ms_p50, the feed figures and the event loop's longest wait."""
    browser = Browser()
    keys = PushKeys.model_validate(browser.subscription("https://p.example/x")["keys"])
    vapid = VapidKey.from_pem(new_private_pem(), subject="mailto:ops@example.com")
    reminder = _reminders(1)[0]

    def prepare() -> None:
        encrypt(fired_payload(reminder), keys)
        vapid.authorization("https://fcm.googleapis.com/fcm/send/x", now=NOW)

    print(f"push_prepare_ms_p50 {statistics.median(_ms(prepare, 500)):.3f}")
    reminders, todos = _reminders(1000), _todos(500)

    def cold() -> bytes:
        RENDERED.clear()
        return build_feed(reminders=reminders, todos=todos, now=NOW, name="Remo")

    body = cold()
    print(f"feed_build_ms_p50 {statistics.median(_ms(cold, 5)):.1f}  (cold)")
    print(f"feed_bytes {len(body)}")
    again = _ms(lambda: build_feed(reminders=reminders, todos=todos, now=NOW, name="Remo"), 20)
    print(f"feed_rebuild_ms_p50 {statistics.median(again):.1f}  (unchanged items kept)")
    RENDERED.clear()
    took, stall = asyncio.run(_largest_feed())
    print(f"feed_largest_ms {took:.0f}  (5,000 reminders + 10,000 todos, cold)")
    print(f"feed_loop_stall_ms_max {stall:.1f}  (the event loop's longest wait meanwhile)")


async def _largest_feed() -> tuple[float, float]:
    reminders, todos = _reminders(5000), _todos(10000)
    async with LoopWatch() as watch:
        began = time.perf_counter()
        await render_feed(reminders=reminders, todos=todos, now=NOW, name="Remo")
        took = time.perf_counter() - began
    return took * 1000, watch.longest * 1000


if __name__ == "__main__":
    main()
