"""The seed's tools, called as the engines call them, on the store."""

from __future__ import annotations

from datetime import timedelta

from remo_async.assistant import tools
from remo_async.domain import ReminderCreate, ReminderStatus, ReminderUpdate, TodoCreate, TodoStatus
from remo_async.domain.models import TodoUpdate
from remo_async.store import Store
from tests.helpers import SettableClock

ALICE = "did:privy:alice"
NY = "America/New_York"


async def test_set_reminder_reads_words_and_iso(store: Store, clock: SettableClock) -> None:
    on = {"store": store, "now": clock.now, "zone": NY}
    spoken = await tools.set_reminder("call mum", "tomorrow at 10am", "", ALICE, **on)
    assert spoken.actions[0]["reminder"]["reminding_time"] == "2026-11-26T15:00:00Z"
    iso = await tools.set_reminder(
        "stand-up", "2026-11-30T09:30:00-05:00", "daily", ALICE, **on, recurrence="FREQ=DAILY"
    )
    reminder = iso.actions[0]["reminder"]
    assert (reminder["reminding_time"], reminder["recurrence"]) == (
        "2026-11-30T14:30:00Z",
        "FREQ=DAILY",
    )
    assert reminder["description"] == "daily"
    assert iso.text == "OK, I'll remind you to stand-up every day at 9:30 AM, starting Monday."


async def test_set_reminder_refuses_without_raising(store: Store, clock: SettableClock) -> None:
    on = {"store": store, "now": clock.now, "zone": "UTC"}
    for when, rule in (
        ("2026-11-01T09:00:00Z", None),  # past
        ("whenever you like", None),
        ("tomorrow", "FREQ=SOMETIMES"),
    ):
        result = await tools.set_reminder("x", when, "", ALICE, **on, recurrence=rule)
        assert result.actions == []
        assert result.text.startswith("I couldn't")
    empty = await tools.set_reminder("  ", "tomorrow", "", ALICE, **on)
    assert empty.actions == []
    assert [r async for r in store.reminders.iterate(user_id=ALICE)] == []


async def test_list_reminders_open_or_all(store: Store, clock: SettableClock) -> None:
    soon = clock.now + timedelta(hours=1)
    kept = await store.reminders.create(
        user_id=ALICE, data=ReminderCreate(title="kept", reminding_time=soon)
    )
    gone = await store.reminders.create(
        user_id=ALICE, data=ReminderCreate(title="gone", reminding_time=soon)
    )
    await store.reminders.update(
        user_id=ALICE,
        reminder_id=gone.reminder_id,
        changes=ReminderUpdate(status=ReminderStatus.CANCELLED),
    )
    on = {"store": store, "now": clock.now, "zone": "UTC"}
    open_ = await tools.list_reminders(False, ALICE, **on)
    assert [r["reminder_id"] for r in open_.actions[0]["reminders"]] == [kept.reminder_id]
    assert open_.text == 'You have 1 reminder:\n- "kept" today at 10:00 AM'
    every = await tools.list_reminders(True, ALICE, **on)
    assert {r["title"] for r in every.actions[0]["reminders"]} == {"kept", "gone"}
    assert "(cancelled)" in every.text


async def test_todos_added_listed_and_completed(store: Store, clock: SettableClock) -> None:
    on = {"store": store, "now": clock.now, "zone": "UTC"}
    added = await tools.add_todo("file taxes", "high", "finance", ALICE, **on)
    assert added.text == 'Added "file taxes" (high, #finance) to your todos.'
    refused = await tools.add_todo("x", "whenever", None, ALICE, **on)
    assert refused.actions == []
    done = await store.todos.create(user_id=ALICE, data=TodoCreate(title="old one"))
    await store.todos.update(
        user_id=ALICE, todo_id=done.todo_id, changes=TodoUpdate(status=TodoStatus.DONE)
    )
    pending = await tools.list_todos(False, ALICE, **on)
    assert [t["title"] for t in pending.actions[0]["todos"]] == ["file taxes"]
    everything = await tools.list_todos(True, ALICE, **on)
    assert {t["title"] for t in everything.actions[0]["todos"]} == {"file taxes", "old one"}
    completed = await tools.complete_todo("taxes", ALICE, **on)
    assert completed.actions[0]["type"] == "todo.completed"
    assert completed.actions[0]["todo"]["completed_at"] == "2026-11-25T09:00:00Z"


async def test_cancel_and_snooze_tools(store: Store, clock: SettableClock) -> None:
    on = {"store": store, "now": clock.now, "zone": "UTC"}
    await tools.set_reminder("dentist", "in 5 minutes", "", ALICE, **on)
    missing = await tools.cancel_reminder("gym", ALICE, **on)
    assert missing.actions == []
    cancelled = await tools.cancel_reminder("dentist", ALICE, **on)
    assert cancelled.actions[0]["type"] == "reminder.cancelled"
    nothing = await tools.snooze_reminder(10, ALICE, **on)
    assert nothing.actions == []
