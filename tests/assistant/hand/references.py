"""Naming a stored item: "my 3pm", "the milk one", "the dentist reminder"; two matches ask.

Seeds on Wednesday 2027-06-09 10:30 (UTC and Adelaide). "my 3pm" is the pending reminder at
15:00 local, today first, then the next one.
"""

from __future__ import annotations

from tests.assistant.hand.common import (
    ADELAIDE_WED,
    UTC_WED,
    Ask,
    Changed,
    Frame,
    SeedReminder,
    SeedTodo,
)
from tests.assistant.harness import Case, Expectation, Seed

CANCELLED = {"status": "cancelled"}
DONE = {"status": "done"}


def _day(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedReminder("dentist", "dentist appointment", frame.at("2027-06-09 15:00")),
        SeedReminder("gym", "gym session", frame.at("2027-06-09 18:00")),
        SeedReminder("standup", "team standup", frame.at("2027-06-10 09:00")),
        SeedReminder("yoga", "yoga class", frame.at("2027-06-12 09:00")),
    )


def _todos(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedTodo("milk", "buy oat milk", category="shopping"),
        SeedTodo("plumber", "call the plumber"),
        SeedTodo("report", "write the quarterly report", category="work"),
    )


def _milks(frame: Frame) -> tuple[Seed, ...]:
    return (SeedTodo("milk", "buy milk"), SeedTodo("oat", "buy oat milk"))


def _two_dentists(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedReminder("d1", "dentist checkup", frame.at("2027-06-10 15:00")),
        SeedReminder("d2", "dentist cleaning", frame.at("2027-06-17 15:00")),
    )


def _cases(frame: Frame) -> list[Case]:
    def at(local: str) -> dict[str, object]:
        return {"reminding_time": frame.at(local), "status": "pending"}

    day, todos = _day(frame), _todos(frame)
    rows: list[tuple[str, Expectation, tuple[Seed, ...]]] = [
        ("cancel my 3pm", Changed("reminder.cancelled", ("dentist",), CANCELLED), day),
        ("please cancel my 3pm", Changed("reminder.cancelled", ("dentist",), CANCELLED), day),
        ("cancel my 6pm", Changed("reminder.cancelled", ("gym",), CANCELLED), day),
        ("cancel my 9am", Changed("reminder.cancelled", ("standup",), CANCELLED), day),
        (
            "move my 3pm to 4pm",
            Changed("reminder.updated", ("dentist",), at("2027-06-09 16:00")),
            day,
        ),
        (
            "push my 6pm back an hour",
            Changed("reminder.updated", ("gym",), at("2027-06-09 19:00")),
            day,
        ),
        (
            "cancel the dentist reminder",
            Changed("reminder.cancelled", ("dentist",), CANCELLED),
            day,
        ),
        ("delete the gym reminder", Changed("reminder.cancelled", ("gym",), CANCELLED), day),
        ("cancel the yoga one", Changed("reminder.cancelled", ("yoga",), CANCELLED), day),
        (
            "move the standup reminder to friday",
            Changed("reminder.updated", ("standup",), at("2027-06-11 09:00")),
            day,
        ),
        ("mark the milk one as done", Changed("todo.completed", ("milk",), DONE), todos),
        ("the plumber one is done", Changed("todo.completed", ("plumber",), DONE), todos),
        ("tick off the report one", Changed("todo.completed", ("report",), DONE), todos),
        ("cancel the milk one", Changed("todo.updated", ("milk",), CANCELLED), todos),
        ("mark the milk one as done", Ask(), _milks(frame)),
        ("cancel the dentist reminder", Ask(), _two_dentists(frame)),
        ("move the dentist reminder to 4pm", Ask(), _two_dentists(frame)),
    ]
    return [frame.case(text, expect, "references", seeds) for text, expect, seeds in rows]


CASES: list[Case] = [case for frame in (UTC_WED, ADELAIDE_WED) for case in _cases(frame)]
