"""The LLM engine's tools (pydantic arguments, the intents' actions), on the store."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from remo_async.assistant.llm_tools import TOOL_SCHEMAS, run_tool
from remo_async.assistant.results import ToolResult
from remo_async.assistant.turn import Turn
from remo_async.domain import ReminderCreate, ReminderStatus, ReminderUpdate, TodoCreate, TodoStatus
from remo_async.domain.models import TodoUpdate
from remo_async.store import Store
from tests.helpers import SettableClock

ALICE = "did:privy:alice"
NY = "America/New_York"


def _turn(store: Store, clock: SettableClock, zone: str) -> Turn:
    return Turn(now=clock.now, zone=zone, user_id=ALICE, db=store)


async def tool(name: str, turn: Turn, **args: Any) -> ToolResult:
    """Calls a tool as the LLM engine does: a name and JSON arguments."""
    return await run_tool(name, json.dumps(args), turn)


def test_each_schema_comes_from_its_argument_model() -> None:
    by_name = {entry["function"]["name"]: entry["function"] for entry in TOOL_SCHEMAS}
    assert set(by_name) == {
        *("set_reminder", "list_reminders", "add_todo", "list_todos"),
        *("complete_todo", "cancel_reminder", "snooze_reminder"),
    }
    reminder = by_name["set_reminder"]["parameters"]
    assert reminder["required"] == ["title", "when"]
    assert reminder["additionalProperties"] is False
    todo = by_name["add_todo"]["parameters"]
    assert todo["properties"]["priority"]["default"] == "medium"
    snooze = by_name["snooze_reminder"]["parameters"]["properties"]["minutes"]
    assert (snooze.get("minimum"), snooze.get("maximum")) == (1, 10080) or "anyOf" in snooze


async def test_set_reminder_reads_words_and_iso(store: Store, clock: SettableClock) -> None:
    on = _turn(store, clock, NY)
    spoken = await tool("set_reminder", on, title="call mum", when="tomorrow at 10am")
    assert spoken.actions[0]["reminder"]["reminding_time"] == "2026-11-26T15:00:00Z"
    iso = await tool(
        "set_reminder",
        on,
        title="stand-up",
        when="2026-11-30T09:30:00-05:00",
        description="daily",
        recurrence="FREQ=DAILY",
    )
    reminder = iso.actions[0]["reminder"]
    assert (reminder["reminding_time"], reminder["recurrence"]) == (
        "2026-11-30T14:30:00Z",
        "FREQ=DAILY",
    )
    assert reminder["description"] == "daily"
    assert iso.text == "OK, I'll remind you to stand-up every day at 9:30 AM, starting Monday."


async def test_set_reminder_refuses_without_raising(store: Store, clock: SettableClock) -> None:
    on = _turn(store, clock, "UTC")
    for when, rule in (
        ("2026-11-01T09:00:00Z", None),  # past
        ("whenever you like", None),
        ("tomorrow", "FREQ=SOMETIMES"),
    ):
        result = await tool("set_reminder", on, title="x", when=when, recurrence=rule)
        assert result.actions == []
        assert result.text.startswith("I couldn't")
    empty = await tool("set_reminder", on, title="  ", when="tomorrow")
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
    on = _turn(store, clock, "UTC")
    open_ = await tool("list_reminders", on)
    assert [r["reminder_id"] for r in open_.actions[0]["reminders"]] == [kept.reminder_id]
    assert open_.text == 'You have 1 reminder:\n- "kept" today at 10:00 AM'
    every = await tool("list_reminders", on, show_completed=True)
    assert {r["title"] for r in every.actions[0]["reminders"]} == {"kept", "gone"}
    assert "(cancelled)" in every.text


async def test_todos_added_listed_and_completed(store: Store, clock: SettableClock) -> None:
    on = _turn(store, clock, "UTC")
    added = await tool("add_todo", on, title="file taxes", priority="high", category="finance")
    assert added.text == 'Added "file taxes" (high, #finance) to your todos.'
    refused = await tool("add_todo", on, title="x", priority="whenever")
    assert refused.actions == []
    assert refused.text.startswith("error: priority")
    done = await store.todos.create(user_id=ALICE, data=TodoCreate(title="old one"))
    await store.todos.update(
        user_id=ALICE, todo_id=done.todo_id, changes=TodoUpdate(status=TodoStatus.DONE)
    )
    pending = await tool("list_todos", on)
    assert [t["title"] for t in pending.actions[0]["todos"]] == ["file taxes"]
    everything = await tool("list_todos", on, show_completed=True)
    assert {t["title"] for t in everything.actions[0]["todos"]} == {"file taxes", "old one"}
    completed = await tool("complete_todo", on, title="taxes")
    assert completed.actions[0]["type"] == "todo.completed"
    assert completed.actions[0]["todo"]["completed_at"] == "2026-11-25T09:00:00Z"


async def test_cancel_and_snooze_tools(store: Store, clock: SettableClock) -> None:
    on = _turn(store, clock, "UTC")
    await tool("set_reminder", on, title="dentist", when="in 5 minutes")
    missing = await tool("cancel_reminder", on, title="gym")
    assert missing.actions == []
    cancelled = await tool("cancel_reminder", on, title="dentist")
    assert cancelled.actions[0]["type"] == "reminder.cancelled"
    nothing = await tool("snooze_reminder", on, minutes=10)
    assert nothing.actions == []
    assert nothing.text.startswith("No reminder has gone off")
    for bad in ("10", True, 0, 10081):
        refused = await tool("snooze_reminder", on, minutes=bad)
        assert refused.text.startswith("error: minutes"), bad
