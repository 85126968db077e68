"""Undo reverses the last change the assistant made in this conversation: a create is
deleted; a completion, cancel, snooze or move is restored. It never cancels on its own.
"""

from __future__ import annotations

from datetime import timedelta

from tests.assistant.hand.common import (
    ADELAIDE_WED,
    UTC_WED,
    Changed,
    Frame,
    Listed,
    NewReminder,
    NewTodo,
    Nothing,
    SeedReminder,
    SeedTodo,
)
from tests.assistant.harness import Dialogue, Say, Seed, StateIs

UNDO_WORDS = ("undo", "undo that", "revert")


def _dialogues(frame: Frame) -> list[Dialogue]:
    later = timedelta(seconds=30)
    dentist_at = frame.at("2027-06-10 15:00")
    tea_at = frame.at("2027-06-09 10:20")
    seeds: tuple[Seed, ...] = (
        SeedReminder("dentist", "dentist", dentist_at),
        SeedReminder("tea", "make tea", tea_at, status="fired"),
        SeedTodo("milk", "buy milk"),
    )
    pending = {"status": "pending", "reminding_time": dentist_at}
    steps: list[tuple[str, Say, StateIs]] = [
        (
            "create reminder",
            Say(
                "remind me to call mum tomorrow at 10am",
                NewReminder("call mum", frame.at("2027-06-10 10:00"), key="new"),
            ),
            StateIs({"new": None}),
        ),
        (
            "create todo",
            Say(
                "add stamps to my shopping list", NewTodo("stamps", category="shopping", key="new")
            ),
            StateIs({"new": None}),
        ),
        (
            "complete",
            Say("mark buy milk as done", Changed("todo.completed", ("milk",), {"status": "done"})),
            StateIs({"milk": {"status": "pending"}}),
        ),
        (
            "cancel",
            Say(
                "cancel the dentist reminder",
                Changed("reminder.cancelled", ("dentist",), {"status": "cancelled"}),
            ),
            StateIs({"dentist": pending}),
        ),
        (
            "move",
            Say(
                "move the dentist to friday",
                Changed(
                    "reminder.updated",
                    ("dentist",),
                    {"reminding_time": frame.at("2027-06-11 15:00")},
                ),
            ),
            StateIs({"dentist": pending}),
        ),
        (
            "snooze",
            Say(
                "snooze for 10 minutes",
                Changed(
                    "reminder.updated",
                    ("tea",),
                    {"status": "pending", "reminding_time": frame.after(minutes=10)},
                ),
            ),
            StateIs({"tea": {"status": "fired", "reminding_time": tea_at}}),
        ),
    ]
    made = [
        Dialogue(
            f"undo after {name} ({word!r})",
            "undo",
            (first, Say(word, state, later)),
            frame.zone,
            frame.now,
            seeds,
        )
        for name, first, state in steps
        for word in UNDO_WORDS
    ]
    made.append(
        Dialogue(
            "undo with nothing to undo",
            "undo",
            (Say("undo", Nothing()),),
            frame.zone,
            frame.now,
            seeds,
        )
    )
    made.append(
        Dialogue(
            "undo after a list changes nothing",
            "undo",
            (
                Say("show my todos", Listed(("buy milk",), ("todos.listed",))),
                Say("undo", Nothing(), later),
            ),
            frame.zone,
            frame.now,
            seeds,
        )
    )
    return made


DIALOGUES: list[Dialogue] = [d for frame in (UTC_WED, ADELAIDE_WED) for d in _dialogues(frame)]
