"""Multi-turn dialogues: a question and its answer, "which one?" answered, it/that after a
create and after touching an item, a casual snooze after a real fire, a duplicate warned.

Each turn is scored on its own; keys name the items created or seeded, "@N" the N-th item
the previous answer names (its "which one?" list, in its order).
"""

from __future__ import annotations

from datetime import timedelta

from tests.assistant.hand.common import (
    KOLKATA_WED,
    NY_SPRING,
    UTC_WED,
    Ask,
    Changed,
    Frame,
    NewReminder,
    NewTodo,
    SeedReminder,
    SeedTodo,
)
from tests.assistant.harness import Dialogue, Say, Seed

DONE = {"status": "done"}
GONE = {"status": "cancelled"}


def _asked(frame: Frame) -> list[Dialogue]:
    rows = (
        ("remind me to call mum", "call mum", "tomorrow at 10am", "2027-06-10 10:00"),
        ("remind me to water the plants", "water the plants", "at 6pm", "2027-06-09 18:00"),
        (
            "can you remind me to pay the gas bill?",
            "pay the gas bill",
            "friday morning",
            "2027-06-11 09:00",
        ),
        ("remind me to book the hall", "book the hall", "half past four", "2027-06-09 16:30"),
        (
            "please remind me to ring the vet",
            "ring the vet",
            "next monday at 9",
            "2027-06-14 09:00",
        ),
        ("remind me about the dentist", "the dentist", "friday at 3pm", "2027-06-11 15:00"),
    )
    made = [
        Dialogue(
            f"ask/answer {first!r}",
            "dialogue-ask",
            (Say(first, Ask()), Say(answer, NewReminder(title, frame.at(local)))),
            frame.zone,
            frame.now,
        )
        for first, title, answer, local in rows
    ]
    made.append(
        Dialogue(
            "ask/answer in 2 hours",
            "dialogue-ask",
            (
                Say("remind me to move the car", Ask()),
                Say("in 2 hours", NewReminder("move the car", frame.after(hours=2))),
            ),
            frame.zone,
            frame.now,
        )
    )
    return made


def _which(frame: Frame) -> list[Dialogue]:
    milks: tuple[Seed, ...] = (SeedTodo("milk", "buy milk"), SeedTodo("oat", "buy oat milk"))
    dentists: tuple[Seed, ...] = (
        SeedReminder("d1", "dentist checkup", frame.at("2027-06-10 15:00")),
        SeedReminder("d2", "dentist cleaning", frame.at("2027-06-11 11:00")),
    )
    answers = (
        ("both", ("milk", "oat")),
        ("the first one", ("@1",)),
        ("the second", ("@2",)),
        ("the second one", ("@2",)),
        ("first one please", ("@1",)),
    )
    made = [
        Dialogue(
            f"which one? {answer!r}",
            "dialogue-which",
            (
                Say("mark the milk one as done", Ask()),
                Say(answer, Changed("todo.completed", keys, DONE)),
            ),
            frame.zone,
            frame.now,
            milks,
        )
        for answer, keys in answers
    ]
    for answer, keys in (
        ("the one at 3pm", ("d1",)),
        ("both", ("d1", "d2")),
        ("the second", ("@2",)),
    ):
        made.append(
            Dialogue(
                f"which dentist? {answer!r}",
                "dialogue-which",
                (
                    Say("cancel the dentist reminder", Ask()),
                    Say(answer, Changed("reminder.cancelled", keys, GONE)),
                ),
                frame.zone,
                frame.now,
                dentists,
            )
        )
    return made


def _it(frame: Frame) -> list[Dialogue]:
    create = Say(
        "remind me to call mum tomorrow at 10am",
        NewReminder("call mum", frame.at("2027-06-10 10:00"), key="r"),
    )

    def moved(local: str) -> Changed:
        return Changed("reminder.updated", ("r",), {"reminding_time": frame.at(local)})

    follow = (
        ("move it to 5pm", moved("2027-06-10 17:00")),
        ("cancel that", Changed("reminder.cancelled", ("r",), GONE)),
        ("actually, cancel it", Changed("reminder.cancelled", ("r",), GONE)),
        ("an hour later", moved("2027-06-10 11:00")),
        ("make it an hour later", moved("2027-06-10 11:00")),
        ("bring it forward 30 minutes", moved("2027-06-10 09:30")),
        ("push it back a day", moved("2027-06-11 10:00")),
        ("change it to 8:15", moved("2027-06-10 08:15")),
        ("move it to friday", moved("2027-06-11 10:00")),
        (
            "rename it to call mum and dad",
            Changed("reminder.updated", ("r",), {"title": "call mum and dad"}),
        ),
        ("mark it as done", Changed("reminder.updated", ("r",), DONE)),
    )
    made = [
        Dialogue(
            f"it: {text!r}",
            "dialogue-it",
            (create, Say(text, expect, timedelta(seconds=20))),
            frame.zone,
            frame.now,
        )
        for text, expect in follow
    ]
    todo = Say(
        "add write the report to my work list",
        NewTodo("write the report", category="work", key="t"),
    )
    edits = (
        ("make it high priority", {"priority": "high"}),
        ("rename it to write the annual report", {"title": "write the annual report"}),
        ("call it the big report instead", {"title": "the big report"}),
        ("change the title to finish the report", {"title": "finish the report"}),
        ("set the category to home", {"category": "home"}),
        ("make that urgent", {"priority": "urgent"}),
    )
    made += [
        Dialogue(
            f"it (todo): {text!r}",
            "dialogue-it",
            (todo, Say(text, Changed("todo.updated", ("t",), fields))),
            frame.zone,
            frame.now,
        )
        for text, fields in edits
    ]
    made.append(
        Dialogue(
            "it (todo): done",
            "dialogue-it",
            (todo, Say("mark it as done", Changed("todo.completed", ("t",), DONE))),
            frame.zone,
            frame.now,
        )
    )
    touched: tuple[Seed, ...] = (
        SeedReminder("dentist", "dentist", frame.at("2027-06-10 15:00")),
        SeedReminder("gym", "gym", frame.at("2027-06-10 18:00")),
    )
    made.append(
        Dialogue(
            "it after touching an item",
            "dialogue-it",
            (
                Say(
                    "move the dentist to 4pm",
                    Changed(
                        "reminder.updated",
                        ("dentist",),
                        {"reminding_time": frame.at("2027-06-10 16:00")},
                    ),
                ),
                Say("and cancel it", Changed("reminder.cancelled", ("dentist",), GONE)),
            ),
            frame.zone,
            frame.now,
            touched,
        )
    )
    return made


def _fired(frame: Frame) -> list[Dialogue]:
    rows = (
        ("not now", 10),
        ("later", 60),
        ("in 20 min please", 20),
        ("snooze", 10),
        ("remind me again in 10", 10),
    )
    made = []
    for text, minutes in rows:
        create = Say(
            "remind me in 2 minutes to check the oven",
            NewReminder("check the oven", frame.after(minutes=2), key="r"),
        )
        snoozed = Changed(
            "reminder.updated",
            ("r",),
            {"status": "pending", "reminding_time": frame.after(minutes=3 + minutes)},
        )
        made.append(
            Dialogue(
                f"fired, then {text!r}",
                "dialogue-snooze",
                (create, Say(text, snoozed, advance=timedelta(minutes=3), fire_due=True)),
                frame.zone,
                frame.now,
            )
        )
    return made


def _duplicate(frame: Frame) -> list[Dialogue]:
    at = frame.at("2027-06-09 17:00")
    again = (
        "remind me to call mum at 5pm",
        "remind me at 5pm to call mum",
        "set a reminder to call mum at 5pm",
    )
    return [
        Dialogue(
            f"same title twice within a minute: {text!r}",
            "dialogue-duplicate",
            (
                Say("remind me to call mum at 5pm", NewReminder("call mum", at)),
                Say(
                    text,
                    NewReminder("call mum", at, says="already"),
                    advance=timedelta(seconds=30),
                ),
            ),
            frame.zone,
            frame.now,
        )
        for text in again
    ]


DIALOGUES: list[Dialogue] = [
    dialogue
    for frame in (UTC_WED, KOLKATA_WED)
    for family in (_asked, _which, _it, _fired, _duplicate)
    for dialogue in family(frame)
]
DIALOGUES.append(
    Dialogue(
        "ask/answer across the DST change",
        "dialogue-ask",
        (
            Say("remind me to call mum", Ask()),
            Say("tomorrow at 10am", NewReminder("call mum", NY_SPRING.at("2027-03-14 10:00"))),
        ),
        NY_SPRING.zone,
        NY_SPRING.now,
    )
)
