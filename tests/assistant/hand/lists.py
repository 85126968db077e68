"""List queries with a scope: which stored titles the answer's list actions hold.

Seeds on Wednesday 2027-06-09 10:30 (UTC and Kolkata); the week ends at the end of Sunday
2027-06-13; "the next few days" is now .. now + 3 days.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.assistant.hand.common import (
    KOLKATA_WED,
    UTC_WED,
    Frame,
    Listed,
    SeedReminder,
    SeedTodo,
)
from tests.assistant.harness import Case, Seed

REMINDERS = ("reminders.listed",)
TODOS = ("todos.listed",)


def _week(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedReminder("dentist", "dentist", frame.at("2027-06-09 15:00")),
        SeedReminder("parcel", "pick up the parcel", frame.at("2027-06-10 12:00")),
        SeedReminder("gym", "gym", frame.at("2027-06-11 18:00")),
        SeedReminder("mum", "call mum", frame.at("2027-06-13 11:00")),
        SeedReminder("dinner", "dinner with Sam", frame.at("2027-06-15 19:00")),
        SeedReminder("passport", "renew passport", frame.at("2027-07-20 09:00")),
    )


def _fired(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedReminder("pills", "take the pills", frame.at("2027-06-08 21:00"), status="fired"),
        SeedReminder("stretch", "stretch", frame.at("2027-06-09 09:00"), status="fired"),
        SeedReminder("dentist", "dentist", frame.at("2027-06-09 15:00")),
    )


def _finished(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedReminder("plants", "water the plants", frame.at("2027-06-08 10:00"), status="done"),
        SeedReminder("dentist", "dentist", frame.at("2027-06-09 15:00")),
        SeedTodo("taxes", "file the taxes", status="done"),
        SeedTodo("milk", "milk", category="shopping"),
    )


def _todos(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedTodo("milk", "milk", category="shopping"),
        SeedTodo("eggs", "eggs", category="shopping"),
        SeedTodo("report", "write the report", priority="high", category="work"),
        SeedTodo("rent", "pay rent", priority="urgent", category="home"),
    )


Seeds = Callable[[Frame], tuple[Seed, ...]]
QUERIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], Seeds], ...] = (
    ("what's on this week", ("dentist", "pick up the parcel", "gym", "call mum"), REMINDERS, _week),
    (
        "what do I have this week?",
        ("dentist", "pick up the parcel", "gym", "call mum"),
        REMINDERS,
        _week,
    ),
    (
        "anything coming up this week?",
        ("dentist", "pick up the parcel", "gym", "call mum"),
        REMINDERS,
        _week,
    ),
    ("what's on in the next few days", ("dentist", "pick up the parcel", "gym"), REMINDERS, _week),
    (
        "what have I got over the next few days?",
        ("dentist", "pick up the parcel", "gym"),
        REMINDERS,
        _week,
    ),
    ("what's on friday", ("gym",), REMINDERS, _week),
    ("what do I have on Friday?", ("gym",), REMINDERS, _week),
    ("any reminders on friday?", ("gym",), REMINDERS, _week),
    ("what do I have today", ("dentist",), REMINDERS, _week),
    ("what's on today?", ("dentist",), REMINDERS, _week),
    ("what's on tomorrow?", ("pick up the parcel",), REMINDERS, _week),
    ("what reminders do I have tomorrow", ("pick up the parcel",), REMINDERS, _week),
    (
        "show my reminders",
        ("dentist", "pick up the parcel", "gym", "call mum", "dinner with Sam", "renew passport"),
        REMINDERS,
        _week,
    ),
    (
        "list my reminders please",
        ("dentist", "pick up the parcel", "gym", "call mum", "dinner with Sam", "renew passport"),
        REMINDERS,
        _week,
    ),
    ("what went off today", ("stretch",), REMINDERS, _fired),
    ("which reminders went off today?", ("stretch",), REMINDERS, _fired),
    ("what did I finish", ("water the plants", "file the taxes"), REMINDERS + TODOS, _finished),
    ("what have I finished?", ("water the plants", "file the taxes"), REMINDERS + TODOS, _finished),
    ("what did I get done", ("water the plants", "file the taxes"), REMINDERS + TODOS, _finished),
    ("what's on my shopping list", ("milk", "eggs"), TODOS, _todos),
    ("show me the shopping list", ("milk", "eggs"), TODOS, _todos),
    ("what's on my work list?", ("write the report",), TODOS, _todos),
    ("show my todos", ("milk", "eggs", "write the report", "pay rent"), TODOS, _todos),
    ("what's on my todo list?", ("milk", "eggs", "write the report", "pay rent"), TODOS, _todos),
    ("show my urgent todos", ("pay rent",), TODOS, _todos),
    ("what's on my home list", ("pay rent",), TODOS, _todos),
)

CASES: list[Case] = [
    frame.case(text, Listed(titles, kinds), "lists", seeds(frame))
    for frame in (UTC_WED, KOLKATA_WED)
    for text, titles, kinds, seeds in QUERIES
]
