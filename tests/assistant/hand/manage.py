"""Changing a named item: complete (also in the past tense), cancel, casual snooze of the
reminder that fired last, reschedule (relative and absolute) and edit.

Seeds on Wednesday 2027-06-09 10:30 (UTC and New York). A snooze counts from now; "change
X to <time>" keeps the item's own day; "move X to <day>" keeps its time of day.
"""

from __future__ import annotations

from datetime import timedelta

from tests.assistant.hand.common import NY_WED, UTC_WED, Changed, Frame, SeedReminder, SeedTodo
from tests.assistant.harness import Case, Expectation, Seed

Row = tuple[str, Expectation]


def _complete(frame: Frame) -> tuple[tuple[Seed, ...], list[Row]]:
    seeds: tuple[Seed, ...] = (
        SeedTodo("passport", "renew the passport"),
        SeedTodo("invoices", "sort the invoices"),
        SeedTodo("report", "write the report"),
        SeedTodo("laundry", "do the laundry"),
        SeedTodo("milk", "buy milk"),
        SeedTodo("bank", "call the bank"),
        SeedReminder("mum", "call mum", frame.at("2027-06-09 18:00")),
    )

    def done(key: str) -> Changed:
        return Changed("todo.completed", (key,), {"status": "done"})

    rows: list[Row] = [
        ("mark buy milk as done", done("milk")),
        ("I've renewed the passport", done("passport")),
        ("sorted the invoices", done("invoices")),
        ("done with the report", done("report")),
        ("finished the laundry", done("laundry")),
        ("I finished the report", done("report")),
        ("buy milk is done", done("milk")),
        ("complete call the bank", done("bank")),
        ("I called the bank", done("bank")),
        ("tick off buy milk", done("milk")),
        ("check off the laundry", done("laundry")),
        ("I've called mum", Changed("reminder.updated", ("mum",), {"status": "done"})),
        ("mark call mum as done", Changed("reminder.updated", ("mum",), {"status": "done"})),
    ]
    return seeds, rows


def _cancel(frame: Frame) -> tuple[tuple[Seed, ...], list[Row]]:
    seeds: tuple[Seed, ...] = (
        SeedReminder("dentist", "dentist", frame.at("2027-06-10 15:00")),
        SeedReminder("trash", "take out the trash", frame.at("2027-06-09 20:00")),
        SeedTodo("stamps", "buy stamps"),
    )
    gone = {"status": "cancelled"}
    rows: list[Row] = [
        (
            "cancel the reminder to take out the trash",
            Changed("reminder.cancelled", ("trash",), gone),
        ),
        ("cancel the dentist", Changed("reminder.cancelled", ("dentist",), gone)),
        ("remove the dentist reminder", Changed("reminder.cancelled", ("dentist",), gone)),
        ("delete the trash reminder", Changed("reminder.cancelled", ("trash",), gone)),
        ("cancel buy stamps", Changed("todo.updated", ("stamps",), gone)),
        ("don't remind me about the dentist", Changed("reminder.cancelled", ("dentist",), gone)),
        (
            "stop reminding me to take out the trash",
            Changed("reminder.cancelled", ("trash",), gone),
        ),
    ]
    return seeds, rows


def _snooze(frame: Frame) -> tuple[tuple[Seed, ...], list[Row]]:
    seeds: tuple[Seed, ...] = (
        SeedReminder("stretch", "stretch", frame.at("2027-06-09 10:10"), status="fired"),
        SeedReminder("tea", "make tea", frame.at("2027-06-09 10:20"), status="fired"),
        SeedReminder("dentist", "dentist", frame.at("2027-06-10 15:00")),
    )

    def snoozed(minutes: int) -> Changed:
        at = frame.now + timedelta(minutes=minutes)
        return Changed("reminder.updated", ("tea",), {"status": "pending", "reminding_time": at})

    rows: list[Row] = [
        ("not now", snoozed(10)),
        ("later", snoozed(60)),
        ("in 20 min please", snoozed(20)),
        ("remind me again in 10", snoozed(10)),
        ("snooze", snoozed(10)),
        ("snooze for 15 minutes", snoozed(15)),
        ("snooze it for half an hour", snoozed(30)),
        ("snooze that for an hour", snoozed(60)),
        ("remind me again in 5 minutes", snoozed(5)),
        (
            "snooze until 5pm",
            Changed(
                "reminder.updated",
                ("tea",),
                {"status": "pending", "reminding_time": frame.at("2027-06-09 17:00")},
            ),
        ),
    ]
    return seeds, rows


def _reschedule(frame: Frame) -> tuple[tuple[Seed, ...], list[Row]]:
    seeds: tuple[Seed, ...] = (
        SeedReminder("dentist", "dentist", frame.at("2027-06-10 15:00")),
        SeedReminder("gym", "gym", frame.at("2027-06-09 18:00")),
    )

    def moved(key: str, local: str) -> Changed:
        return Changed("reminder.updated", (key,), {"reminding_time": frame.at(local)})

    rows: list[Row] = [
        ("move the dentist to friday", moved("dentist", "2027-06-11 15:00")),
        ("push the dentist back an hour", moved("dentist", "2027-06-10 16:00")),
        ("bring the dentist forward 30 minutes", moved("dentist", "2027-06-10 14:30")),
        ("push the dentist back a day", moved("dentist", "2027-06-11 15:00")),
        ("move the dentist an hour later", moved("dentist", "2027-06-10 16:00")),
        ("change the dentist to 4:30pm", moved("dentist", "2027-06-10 16:30")),
        ("change the dentist reminder to 9:45", moved("dentist", "2027-06-10 09:45")),
        ("reschedule the gym to 7pm", moved("gym", "2027-06-09 19:00")),
        ("move the gym to tomorrow", moved("gym", "2027-06-10 18:00")),
        ("move the gym to 8pm tomorrow", moved("gym", "2027-06-10 20:00")),
        ("postpone the dentist by 2 hours", moved("dentist", "2027-06-10 17:00")),
        ("move the dentist to next monday", moved("dentist", "2027-06-14 15:00")),
        ("push the gym back 30 minutes", moved("gym", "2027-06-09 18:30")),
    ]
    return seeds, rows


def _edit(frame: Frame) -> tuple[tuple[Seed, ...], list[Row]]:
    seeds: tuple[Seed, ...] = (
        SeedTodo("report", "write report"),
        SeedTodo("milk", "buy milk", category="shopping"),
        SeedReminder("dentist", "dentist", frame.at("2027-06-10 15:00")),
    )
    todo, reminder = "todo.updated", "reminder.updated"
    rows: list[Row] = [
        ("make write report high priority", Changed(todo, ("report",), {"priority": "high"})),
        ("make buy milk urgent", Changed(todo, ("milk",), {"priority": "urgent"})),
        (
            "set the category of write report to work",
            Changed(todo, ("report",), {"category": "work"}),
        ),
        (
            "rename the dentist reminder to orthodontist",
            Changed(reminder, ("dentist",), {"title": "orthodontist"}),
        ),
        ("rename buy milk to buy oat milk", Changed(todo, ("milk",), {"title": "buy oat milk"})),
        (
            "change the title of write report to write the annual report",
            Changed(todo, ("report",), {"title": "write the annual report"}),
        ),
        ("make buy milk low priority", Changed(todo, ("milk",), {"priority": "low"})),
    ]
    return seeds, rows


CASES: list[Case] = []
for frame in (UTC_WED, NY_WED):
    for intent, family in (
        ("complete", _complete),
        ("cancel", _cancel),
        ("snooze", _snooze),
        ("reschedule", _reschedule),
        ("edit", _edit),
    ):
        seeds, rows = family(frame)
        CASES += [frame.case(text, expect, intent, seeds) for text, expect in rows]
