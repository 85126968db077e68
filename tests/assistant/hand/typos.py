"""Misspelt command words ("remnd", "tomorow", "cancle", "snoze", "remidn", "reminer",
"to-do") and misspelt item names are read as what they misspell.

Checked on Wednesday 2027-06-09 10:30 in UTC and Chatham (+12:45).
"""

from __future__ import annotations

from datetime import timedelta

from tests.assistant.hand.common import (
    CHATHAM_WED,
    UTC_WED,
    Changed,
    Frame,
    NewReminder,
    NewTodo,
    SeedReminder,
    SeedTodo,
)
from tests.assistant.harness import Case, Expectation, Seed


def _cases(frame: Frame) -> list[Case]:
    thu5 = frame.at("2027-06-10 17:00")
    items: tuple[Seed, ...] = (
        SeedReminder("dentist", "dentist", frame.at("2027-06-10 15:00")),
        SeedReminder("tea", "make tea", frame.at("2027-06-09 10:20"), status="fired"),
        SeedTodo("milk", "buy milk"),
        SeedTodo("plumber", "call the plumber"),
    )
    snoozed = {"status": "pending", "reminding_time": frame.now + timedelta(minutes=10)}
    gone = {"status": "cancelled"}
    rows: list[tuple[str, Expectation, tuple[Seed, ...]]] = [
        ("remnd me to call mum tomorrow at 5pm", NewReminder("call mum", thu5), ()),
        ("remind me to call mum tomorow at 5pm", NewReminder("call mum", thu5), ()),
        ("remidn me to call mum tomorrow at 5pm", NewReminder("call mum", thu5), ()),
        ("remnd me to call mum tommorow at 5pm", NewReminder("call mum", thu5), ()),
        ("reminder to call mum tomorow at 5pm", NewReminder("call mum", thu5), ()),
        ("set a reminer for tomorrow at 5pm to call mum", NewReminder("call mum", thu5), ()),
        ("plese remind me to call mum tomorrow at 5pm", NewReminder("call mum", thu5), ()),
        (
            "remind me to call mum on firday at 9am",
            NewReminder("call mum", frame.at("2027-06-11 09:00")),
            (),
        ),
        ("add milk to my todo list", NewTodo("milk"), ()),
        ("add milk to my to-do list", NewTodo("milk"), ()),
        ("cancle the dentist reminder", Changed("reminder.cancelled", ("dentist",), gone), items),
        ("cancel the dentst reminder", Changed("reminder.cancelled", ("dentist",), gone), items),
        ("cancl the dentist", Changed("reminder.cancelled", ("dentist",), gone), items),
        ("snoze", Changed("reminder.updated", ("tea",), snoozed), items),
        ("snoze it", Changed("reminder.updated", ("tea",), snoozed), items),
        ("mark by milk as done", Changed("todo.completed", ("milk",), {"status": "done"}), items),
        ("mark buy mlik as done", Changed("todo.completed", ("milk",), {"status": "done"}), items),
        (
            "mark call the plumbr as done",
            Changed("todo.completed", ("plumber",), {"status": "done"}),
            items,
        ),
        (
            "move the dentsit to friday",
            Changed(
                "reminder.updated", ("dentist",), {"reminding_time": frame.at("2027-06-11 15:00")}
            ),
            items,
        ),
    ]
    return [frame.case(text, expect, "typos", seeds) for text, expect, seeds in rows]


CASES: list[Case] = [case for frame in (UTC_WED, CHATHAM_WED) for case in _cases(frame)]
