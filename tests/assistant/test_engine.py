"""The built-in engine end to end on the store (moto and DynamoDB Local)."""

from __future__ import annotations

from datetime import timedelta

from remo_async.assistant import BuiltinEngine, Reply, create_assistant, wording
from remo_async.domain import (
    MessageCreate,
    Priority,
    ReminderCreate,
    ReminderStatus,
    Role,
    TodoCreate,
    TodoStatus,
)
from remo_async.store import Store
from tests.helpers import SettableClock

ALICE = "did:privy:alice"
BOB = "did:privy:bob"


async def _say(
    engine: BuiltinEngine, text: str, history: list[dict[str, str]] | None = None
) -> Reply:
    return await engine.reply(user_id=ALICE, message=text, history=history or [])


async def test_create_then_cancel_that(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    made = await _say(engine, "remind me to call mum tomorrow at 10am")
    assert made.text == "OK, I'll remind you to call mum tomorrow at 10:00 AM."
    [action] = made.actions
    assert action["type"] == "reminder.created"
    assert action["reminder"]["title"] == "call mum"
    assert action["reminder"]["reminding_time"] == "2026-11-26T10:00:00Z"
    assert action["reminder"]["timezone"] == "UTC"

    clock.advance(minutes=1)
    cancelled = await _say(engine, "actually, cancel that")
    [action] = cancelled.actions
    assert action["type"] == "reminder.cancelled"
    assert action["reminder"]["reminder_id"] == made.actions[0]["reminder"]["reminder_id"]
    stored = await store.reminders.get(user_id=ALICE, record_id=action["reminder"]["reminder_id"])
    assert stored is not None
    assert stored.status is ReminderStatus.CANCELLED
    assert "call mum" in cancelled.text


async def test_times_are_read_and_said_in_the_users_zone(
    store: Store, clock: SettableClock
) -> None:
    await store.users.merge_preferences(privy_id=ALICE, patch={"timezone": "Asia/Kolkata"})
    engine = BuiltinEngine(store=store, clock=clock)
    made = await _say(engine, "remind me tomorrow at 10am to call mum")
    reminder = made.actions[0]["reminder"]
    assert reminder["reminding_time"] == "2026-11-26T04:30:00Z"
    assert reminder["timezone"] == "Asia/Kolkata"
    assert made.text == "OK, I'll remind you to call mum tomorrow at 10:00 AM."


async def test_recurring_reminder(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    made = await _say(engine, "every weekday at 7:30 remind me to stretch")
    reminder = made.actions[0]["reminder"]
    assert reminder["recurrence"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert reminder["reminding_time"] == "2026-11-26T07:30:00Z"
    assert made.text == (
        "OK, I'll remind you to stretch every weekday at 7:30 AM, starting tomorrow."
    )


async def test_two_matching_todos_get_a_question_and_no_action(
    store: Store, clock: SettableClock
) -> None:
    for title in ("buy milk", "buy oat milk"):
        await store.todos.create(user_id=ALICE, data=TodoCreate(title=title))
    engine = BuiltinEngine(store=store, clock=clock)
    asked = await _say(engine, "mark milk as done")
    assert asked.actions == []
    assert "Which one" in asked.text
    assert '"buy milk"' in asked.text
    assert '"buy oat milk"' in asked.text
    pending = [t async for t in store.todos.iterate(user_id=ALICE, status=TodoStatus.PENDING)]
    assert len(pending) == 2

    done = await _say(engine, "mark buy oat milk as done")
    [action] = done.actions
    assert action["type"] == "todo.completed"
    assert action["todo"]["title"] == "buy oat milk"
    assert action["todo"]["status"] == "done"


async def test_unknown_text_acts_on_nothing(store: Store, clock: SettableClock) -> None:
    await store.todos.create(user_id=ALICE, data=TodoCreate(title="tell a joke"))
    engine = BuiltinEngine(store=store, clock=clock)
    for text in ("what's the weather like?", "asdfghjkl", "I love pizza"):
        answer = await _say(engine, text)
        assert answer.actions == []
        assert answer.text == wording.UNKNOWN
    assert [r async for r in store.reminders.iterate(user_id=ALICE)] == []
    [todo] = [t async for t in store.todos.iterate(user_id=ALICE)]
    assert todo.status is TodoStatus.PENDING


async def test_nothing_matching_is_not_found(store: Store, clock: SettableClock) -> None:
    await store.todos.create(user_id=ALICE, data=TodoCreate(title="buy milk"))
    engine = BuiltinEngine(store=store, clock=clock)
    answer = await _say(engine, "mark walk the dog as done")
    assert answer.actions == []
    assert "couldn't find" in answer.text


async def test_todos_added_and_listed_by_priority(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    added = await _say(engine, "add an urgent todo to pay rent #home")
    todo = added.actions[0]
    assert todo["type"] == "todo.created"
    assert (todo["todo"]["priority"], todo["todo"]["category"]) == ("urgent", "home")
    await _say(engine, "add buy milk to my shopping list")
    listed = await _say(engine, "show my urgent todos")
    [action] = listed.actions
    assert action["type"] == "todos.listed"
    assert [t["title"] for t in action["todos"]] == ["pay rent"]
    everything = await _say(engine, "show my todos")
    assert [t["title"] for t in everything.actions[0]["todos"]] == ["pay rent", "buy milk"]
    assert "You have 2 todos" in everything.text


async def test_reminders_listed_for_today_and_upcoming(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    await _say(engine, "remind me at 5pm to go home")
    await _say(engine, "remind me tomorrow at 9am to call the bank")
    today = await _say(engine, "what reminders do I have today?")
    assert [r["title"] for r in today.actions[0]["reminders"]] == ["go home"]
    assert today.actions[0]["type"] == "reminders.listed"
    upcoming = await _say(engine, "upcoming reminders")
    titles = [r["title"] for r in upcoming.actions[0]["reminders"]]
    assert titles == ["go home", "call the bank"]
    assert "today at 5:00 PM" in upcoming.text


async def test_snooze_takes_the_reminder_that_fired_last(
    store: Store, clock: SettableClock
) -> None:
    early = await store.reminders.create(
        user_id=ALICE, data=ReminderCreate(title="stretch", reminding_time=clock.now)
    )
    later = await store.reminders.create(
        user_id=ALICE,
        data=ReminderCreate(title="tea", reminding_time=clock.now + timedelta(minutes=1)),
    )
    await store.reminders.fire(reminder=early, now=clock.now)
    clock.advance(minutes=2)
    await store.reminders.fire(reminder=later, now=clock.now)
    engine = BuiltinEngine(store=store, clock=clock)
    answer = await _say(engine, "snooze that for 10 minutes")
    [action] = answer.actions
    assert action["type"] == "reminder.updated"
    assert action["reminder"]["title"] == "tea"
    assert action["reminder"]["status"] == "pending"
    assert action["reminder"]["reminding_time"] == "2026-11-25T09:12:00Z"


async def test_snooze_with_nothing_fired_does_nothing(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    await _say(engine, "remind me in an hour to stretch")
    answer = await _say(engine, "snooze")
    assert answer.actions == []


async def test_move_it_moves_the_last_reminder(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    await _say(engine, "remind me to water the plants at noon")
    clock.advance(seconds=5)
    made = await _say(engine, "remind me to call dad tomorrow at 10am")
    moved = await _say(engine, "move it to 5pm")
    [action] = moved.actions
    assert action["type"] == "reminder.updated"
    assert action["reminder"]["reminder_id"] == made.actions[0]["reminder"]["reminder_id"]
    # A time of day alone keeps the reminder's own day (tomorrow), as issue 12 agreed.
    assert action["reminder"]["reminding_time"] == "2026-11-26T17:00:00Z"


async def test_cancel_by_name_and_cancel_that_takes_the_latest_item(
    store: Store, clock: SettableClock
) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    await _say(engine, "remind me tonight at 8 to take out the trash")
    await _say(engine, "remind me tomorrow at 8am to feed the cat")
    cancelled = await _say(engine, "cancel the reminder to take out the trash")
    assert cancelled.actions[0]["type"] == "reminder.cancelled"
    assert cancelled.actions[0]["reminder"]["title"] == "take out the trash"
    clock.advance(minutes=1)
    await _say(engine, "add buy stamps to my list")
    that = await _say(engine, "cancel that")
    [action] = that.actions
    assert action["type"] == "todo.updated"
    assert action["todo"]["status"] == "cancelled"


async def test_a_bare_time_answers_the_question_before(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    asked = await _say(engine, "remind me to call my mum")
    assert asked.actions == []
    assert asked.text == "When should I remind you to call your mum?"
    history = [
        {"role": "user", "content": "remind me to call my mum"},
        {"role": "assistant", "content": asked.text},
    ]
    made = await _say(engine, "tomorrow at 10am", history)
    assert made.actions[0]["reminder"]["title"] == "call my mum"
    assert made.text == "OK, I'll remind you to call your mum tomorrow at 10:00 AM."


async def test_a_bare_time_reads_stored_memory_without_history(
    store: Store, clock: SettableClock
) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    question = (await _say(engine, "remind me about the dentist")).text
    for role, content in ((Role.ASSISTANT, question), (Role.USER, "friday at 3pm")):
        await store.conversations.add(user_id=ALICE, data=MessageCreate(role=role, content=content))
    made = await _say(engine, "friday at 3pm")
    reminder = made.actions[0]["reminder"]
    assert (reminder["title"], reminder["reminding_time"]) == (
        "the dentist",
        "2026-11-27T15:00:00Z",
    )
    # Without a question before it, a time alone does nothing.
    other = await engine.reply(user_id=BOB, message="friday at 3pm", history=[])
    assert other.actions == []


async def test_users_only_touch_their_own_items(store: Store, clock: SettableClock) -> None:
    await store.todos.create(user_id=BOB, data=TodoCreate(title="buy milk", priority=Priority.HIGH))
    engine = BuiltinEngine(store=store, clock=clock)
    answer = await _say(engine, "mark buy milk as done")
    assert answer.actions == []
    [bobs] = [t async for t in store.todos.iterate(user_id=BOB)]
    assert bobs.status is TodoStatus.PENDING


async def test_create_assistant_builtin(store: Store, clock: SettableClock) -> None:
    async with create_assistant(store.settings, store=store, clock=clock) as assistant:
        assert isinstance(assistant, BuiltinEngine)
        answer = await assistant.reply(user_id=ALICE, message="hi", history=[])
    assert answer == Reply(text=wording.GREETING, actions=[])


async def test_odd_messages_never_raise(store: Store, clock: SettableClock) -> None:
    engine = BuiltinEngine(store=store, clock=clock)
    odd = [
        "",
        "   ",
        "remind me to " + "call the bank " * 25 + "tomorrow at 10am",
        "add " + "buy milk " * 40,
        "add a todo: call the bank #" + "c" * 60,
        "snooze until yesterday",
        "move it to 5pm",
        "cancel that",
        "mark it as done",
        "remind me today at 8am to do something already past",
        "🙂🙂🙂 remind me 🙂 tomorrow",
        "remind me every 0 hours to blink",
        "remind me on february 30 to do nothing",
    ]
    for text in odd:
        answer = await _say(engine, text)
        assert answer.text, text
    titles = [r.title async for r in store.reminders.iterate(user_id=ALICE)]
    assert max(len(t) for t in titles) == 200  # cut to the longest title a reminder takes
    assert "do nothing" not in titles  # February 30 is not a date: asked, not guessed
    todos = [t async for t in store.todos.iterate(user_id=ALICE)]
    assert max(len(t.title) for t in todos) == 200
    assert all(t.category is None for t in todos)  # a 60-letter #tag is no category
