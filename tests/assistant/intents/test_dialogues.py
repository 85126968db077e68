"""Multi-turn behaviour on the real store: it/that, which-one answers, undo, edits,
relative moves, casual snoozes, duplicates, and memory shared by two engines (replicas)."""

from __future__ import annotations

from remo_async.assistant import BuiltinEngine, Reply
from remo_async.domain import ReminderCreate, ReminderStatus, TodoStatus, TodoUpdate
from remo_async.store import Store
from tests.helpers import SettableClock

ALICE = "did:privy:alice"


class Talk:
    """One user talking to the engine; each message may go to another replica."""

    def __init__(self, store: Store, clock: SettableClock) -> None:
        self.store, self.clock = store, clock
        self.history: list[dict[str, str]] = []

    async def say(self, text: str, *, history: bool = True) -> Reply:
        # A fresh engine per message: nothing may live in one replica's memory.
        engine = BuiltinEngine(store=self.store, clock=self.clock)
        reply = await engine.reply(
            user_id=ALICE, message=text, history=list(self.history) if history else []
        )
        self.history += [
            {"role": "user", "content": text},
            {"role": "assistant", "content": reply.text},
        ]
        return reply


async def _reminders(store: Store) -> dict[str, tuple[str, str]]:
    return {
        r.title: (r.status.value, r.reminding_time.isoformat())
        async for r in store.reminders.iterate(user_id=ALICE)
    }


async def test_undo_deletes_what_was_created_and_never_cancels(
    store: Store, clock: SettableClock
) -> None:
    talk = Talk(store, clock)
    await talk.say("remind me to call mum tomorrow at 10am")
    nothing_else = await store.reminders.create(
        user_id=ALICE, data=ReminderCreate(title="gym", reminding_time=clock.now.replace(hour=18))
    )
    undone = await talk.say("undo", history=False)
    assert [a["type"] for a in undone.actions] == ["reminder.deleted"]
    assert await _reminders(store) == {"gym": ("pending", "2026-11-25T18:00:00+00:00")}
    again = await talk.say("undo that")
    assert again.actions == []
    assert again.text == "There is nothing for me to undo."
    stored = await store.reminders.get(user_id=ALICE, record_id=nothing_else.reminder_id)
    assert stored is not None
    assert stored.status is ReminderStatus.PENDING


async def test_undo_puts_a_completed_todo_back(store: Store, clock: SettableClock) -> None:
    talk = Talk(store, clock)
    await talk.say("add renew passport to my list, high priority")
    clock.advance(minutes=1)
    done = await talk.say("I've renewed the passport")
    assert [a["type"] for a in done.actions] == ["todo.completed"]
    clock.advance(minutes=1)
    await talk.say("revert")
    [todo] = [t async for t in store.todos.iterate(user_id=ALICE)]
    assert (todo.title, todo.status, todo.priority.value) == (
        "renew passport",
        TodoStatus.PENDING,
        "high",
    )


async def test_undo_leaves_an_item_changed_since_alone(store: Store, clock: SettableClock) -> None:
    talk = Talk(store, clock)
    made = await talk.say("add buy milk to my list")
    todo_id = made.actions[0]["todo"]["todo_id"]
    clock.advance(seconds=5)
    await store.todos.update(
        user_id=ALICE, todo_id=todo_id, changes=TodoUpdate(title="buy oat milk")
    )
    answer = await talk.say("undo")
    assert answer.actions == []
    assert "changed since" in answer.text
    assert await store.todos.get(user_id=ALICE, record_id=todo_id) is not None


async def test_which_one_is_answered_by_both_or_by_position(
    store: Store, clock: SettableClock
) -> None:
    talk = Talk(store, clock)
    for when in ("at 3pm", "at 5pm", "tomorrow at 9am"):
        await talk.say(f"remind me to call the bank {when}")
        clock.advance(seconds=2)
    asked = await talk.say("cancel call the bank", history=False)
    assert asked.actions == []
    assert asked.text.endswith("?")
    second = await talk.say("the second one", history=False)
    assert [a["reminder"]["reminding_time"] for a in second.actions] == ["2026-11-25T17:00:00Z"]
    asked = await talk.say("cancel the bank reminder")
    assert asked.text.endswith("?")
    both = await talk.say("both")
    assert sorted(a["reminder"]["reminding_time"] for a in both.actions) == [
        "2026-11-25T15:00:00Z",
        "2026-11-26T09:00:00Z",
    ]
    assert {s for s, _ in (await _reminders(store)).values()} == {"cancelled"}
    stray = await talk.say("the first one")
    assert stray.actions == []  # the question was answered: nothing is open any more


async def test_my_3pm_and_the_milk_one(store: Store, clock: SettableClock) -> None:
    talk = Talk(store, clock)
    await talk.say("remind me to water the plants at 3pm")
    await talk.say("remind me to ring the plumber tomorrow at 3pm")
    await talk.say("add buy oat milk to my shopping list")
    moved = await talk.say("move my 3pm to 4pm")
    assert [a["reminder"]["title"] for a in moved.actions] == ["water the plants"]
    assert moved.actions[0]["reminder"]["reminding_time"] == "2026-11-25T16:00:00Z"
    done = await talk.say("mark the milk one as done")
    assert [a["todo"]["title"] for a in done.actions] == ["buy oat milk"]


async def test_it_is_the_item_last_touched_even_on_another_replica(
    store: Store, clock: SettableClock
) -> None:
    talk = Talk(store, clock)
    await talk.say("add file the taxes to my list")
    clock.advance(seconds=5)
    await talk.say("remind me to stretch at 4pm")
    clock.advance(seconds=5)
    await talk.say("mark file the taxes as done")
    clock.advance(seconds=5)
    # "it" is the todo just touched (not the newer reminder), with no client history.
    renamed = await talk.say("rename it to file the tax return", history=False)
    assert [a["todo"]["title"] for a in renamed.actions] == ["file the tax return"]
    made = await talk.say("make it high priority", history=False)
    assert made.actions == [] or made.actions[0]["todo"]["status"] == "done"


async def test_relative_moves_keep_their_meaning(store: Store, clock: SettableClock) -> None:
    talk = Talk(store, clock)
    await talk.say("remind me to take the bins out tomorrow at 8am")
    later = await talk.say("an hour later")
    assert later.actions[0]["reminder"]["reminding_time"] == "2026-11-26T09:00:00Z"
    sooner = await talk.say("bring it forward 30 minutes")
    assert sooner.actions[0]["reminder"]["reminding_time"] == "2026-11-26T08:30:00Z"
    clocked = await talk.say("change it to 7:30")  # its own day, the bare-hour rule: pm
    assert clocked.actions[0]["reminder"]["reminding_time"] == "2026-11-26T19:30:00Z"
    friday = await talk.say("move it to friday")  # its own time of day
    assert friday.actions[0]["reminder"]["reminding_time"] == "2026-11-27T19:30:00Z"


async def test_casual_snoozes_act_on_the_reminder_that_just_fired(
    store: Store, clock: SettableClock
) -> None:
    talk = Talk(store, clock)
    made = await talk.say("remind me to take the pills in 5 minutes")
    clock.advance(minutes=5)
    reminder = await store.reminders.get(
        user_id=ALICE, record_id=made.actions[0]["reminder"]["reminder_id"]
    )
    assert reminder is not None
    await store.reminders.fire(reminder=reminder, now=clock.now)
    snoozed = await talk.say("not now")
    assert snoozed.actions[0]["reminder"]["reminding_time"] == "2026-11-25T09:15:00Z"
    assert snoozed.actions[0]["reminder"]["status"] == "pending"


async def test_pronoun_and_garbled_titles_are_asked_about(
    store: Store, clock: SettableClock
) -> None:
    talk = Talk(store, clock)
    for text in (
        "remind me about it tomorrow at 9",
        "remind me to do that at 5pm",
        "remind me to asdf qwer tomorrow",
        "should I remind Sam to call the vet?",
        "tomorrow is my birthday!",
        "if I asked you to remind me to call mum, would you?",
    ):
        answer = await talk.say(text)
        assert answer.actions == [], text
    assert await _reminders(store) == {}


async def test_a_duplicate_within_a_minute_is_created_with_a_warning(
    store: Store, clock: SettableClock
) -> None:
    talk = Talk(store, clock)
    await talk.say("remind me to call mum at 6pm")
    clock.advance(seconds=20)
    twice = await talk.say("remind me to call mum at 7pm")
    assert [a["type"] for a in twice.actions] == ["reminder.created"]
    assert 'You already have a reminder "call mum" today at 6:00 PM.' in twice.text
    clock.advance(minutes=2)
    thrice = await talk.say("remind me to call mum at 8pm")
    assert "already" not in thrice.text


async def test_undo_of_a_snooze_makes_the_reminder_fired_again(
    store: Store, clock: SettableClock
) -> None:
    talk = Talk(store, clock)
    made = await talk.say("remind me to make tea in 5 minutes")
    reminder_id = made.actions[0]["reminder"]["reminder_id"]
    clock.advance(minutes=5)
    reminder = await store.reminders.get(user_id=ALICE, record_id=reminder_id)
    assert reminder is not None
    await store.reminders.fire(reminder=reminder, now=clock.now)
    await talk.say("snooze for 10 minutes")
    undone = await talk.say("undo")
    assert [a["type"] for a in undone.actions] == ["reminder.updated"]
    back = await store.reminders.get(user_id=ALICE, record_id=reminder_id)
    assert back is not None
    assert (back.status, back.reminding_time.isoformat()) == (
        ReminderStatus.FIRED,
        "2026-11-25T09:05:00+00:00",
    )
    # A fired reminder cancelled and undone can only come back pending (the rules' way).
    await talk.say("cancel make tea")
    await talk.say("undo")
    again = await store.reminders.get(user_id=ALICE, record_id=reminder_id)
    assert again is not None
    assert again.status is ReminderStatus.PENDING
