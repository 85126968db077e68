"""Families the third unseen batch (tests/assistant/test_unseen_third.py) found misread,
tested as kinds over generated phrasings:

- a lead-in before a request ("quick one -", "btw", "before I forget,", "listen,", "just a
  heads up,", "um so like") reads as the request without it;
- dictated punctuation ("... period", "full stop", "question mark", "exclamation mark",
  "milk comma eggs") is the mark it names, never part of the title; "the trial period" and
  "my period", "a comma" keep their word;
- a correction right after Remo set a reminder ("no, 7", "sorry I meant 6", "wait, I meant
  tomorrow") moves that reminder; with nothing just set it moves nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant import BuiltinEngine
from remo_async.assistant.intents import NewReminder, read_turn
from remo_async.assistant.turn import Turn
from remo_async.store import Store
from tests.helpers import SettableClock

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday; London is on UTC
TURN = Turn.offline(now=NOW, zone="Europe/London")
REQUESTS = st.sampled_from(
    (
        "remind me at 4 to move the car",
        "can you remind me at 5 to feed the cat",
        "remind me to return the library books on saturday",
        "add printer ink to my work list",
        "cancel the gym reminder",
        "what's on tomorrow",
    )
)
LEADS = st.sampled_from(
    (
        "quick one -",
        "quick q",
        "btw",
        "by the way,",
        "just a heads up,",
        "heads up:",
        "um so like",
        "listen,",
        "right,",
        "look,",
        "before I forget,",
    )
)


@given(LEADS, REQUESTS)
def test_a_lead_in_reads_as_the_request_without_it(lead: str, request: str) -> None:
    assert read_turn(f"{lead} {request}", TURN) == read_turn(request, TURN)


TASKS = st.sampled_from(("call mum", "email the landlord", "take the pizza out", "stretch"))
MARKS = st.sampled_from(
    ("period", "full stop", "question mark", "exclamation mark", "period thank you")
)


@given(TASKS, MARKS, st.sampled_from(("remind me to {t} at 5 {m}", "remind me at 5 to {t} {m}")))
def test_dictated_punctuation_is_not_part_of_the_title(task: str, mark: str, shape: str) -> None:
    said = shape.format(t=task, m=mark)
    got = read_turn(said, TURN)
    assert got == NewReminder(title=task, at=datetime(2026, 11, 25, 17, tzinfo=UTC)), said


@given(st.sampled_from(("milk", "eggs", "bread", "oat milk")), st.sampled_from(("eggs", "jam")))
def test_a_dictated_comma_is_a_comma(first: str, second: str) -> None:
    got = read_turn(f"remind me to buy {first} comma {second} at 5", TURN)
    assert isinstance(got, NewReminder)
    assert got.title == f"buy {first}, {second}"


@given(
    st.sampled_from(
        (
            "cancel the free trial period",
            "log my period",
            "end the grace period",
            "add a comma to the essay",
            "fix the comma in the title",
        )
    )
)
def test_period_or_comma_as_a_noun_stays_in_the_title(task: str) -> None:
    got = read_turn(f"remind me to {task} at 5", TURN)
    assert isinstance(got, NewReminder)
    assert got.title == task


CORRECTIONS = (
    ("no, {h}", "clock"),
    ("no {h}", "clock"),
    ("sorry I meant {h}", "clock"),
    ("wait, I meant {h}", "clock"),
    ("oops, make that {h}", "clock"),
    ("no, I meant tomorrow", "day"),
    ("wait, tomorrow", "day"),
)
SEVEN = ("7", "7pm", "seven", "19:00")


async def test_a_correction_right_after_a_reminder_moves_it(
    store: Store, clock: SettableClock
) -> None:
    """'no, 7' after 'remind me to call mum at 6' moves that reminder; with nothing just
    set, a correction moves nothing. Every shape x every way of saying 7 pm."""
    for n, (shape, kind) in enumerate(CORRECTIONS):
        for m, hour in enumerate(SEVEN):
            user = f"did:privy:correct-{n}-{m}"
            said = shape.format(h=hour)
            engine = BuiltinEngine(store=store, clock=clock)
            alone = await engine.reply(user_id=user, message=said, history=[])
            assert not alone.actions, said
            await engine.reply(user_id=user, message="remind me to call mum at 6", history=[])
            moved = await engine.reply(user_id=user, message=said, history=[])
            assert [a["type"] for a in moved.actions] == ["reminder.updated"], (said, moved.text)
            [reminder] = [r async for r in store.reminders.iterate(user_id=user)]
            want = datetime(2026, 11, 25, 19 if kind == "clock" else 18, tzinfo=UTC)
            assert reminder.reminding_time == want + timedelta(days=kind == "day"), said
