"""Fuzzy but safe matching of what the user calls an item, and how Remo words things."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from remo_async.assistant import wording
from remo_async.assistant.intents.answer_time import asked_title
from remo_async.assistant.intents.create_reminder import ask_when
from remo_async.assistant.matching import find_matches

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
NY = "America/New_York"
TITLES = ["buy milk", "buy oat milk", "take out the trash", "call mum", "Prepare presentation"]


def _find(target: str, titles: list[str] = TITLES) -> list[str]:
    return find_matches(target, titles, title=lambda t: t)


@pytest.mark.parametrize(
    ("said", "found"),
    [
        ("buy milk", ["buy milk"]),  # exact wins over the longer title that holds it
        ("milk", ["buy milk", "buy oat milk"]),  # two: the caller must ask
        ("the trash", ["take out the trash"]),
        ("Take out the trash!", ["take out the trash"]),
        ("call mom", ["call mum"]),  # a near spelling of the whole title
        ("presentation", ["Prepare presentation"]),
        ("present", ["Prepare presentation"]),
        ("call mum tonight", ["call mum"]),  # a title said whole with more around it
        ("walk the dog", []),
        ("", []),
        ("the", []),
    ],
)
def test_matches(said: str, found: list[str]) -> None:
    assert _find(said) == found


def test_two_identical_titles_both_match() -> None:
    assert _find("water plants", ["water plants", "water plants"]) == [
        "water plants",
        "water plants",
    ]


@pytest.mark.parametrize(
    ("at", "zone", "said"),
    [
        (datetime(2026, 11, 25, 17, 0, tzinfo=UTC), "UTC", "today at 5:00 PM"),
        (datetime(2026, 11, 26, 4, 30, tzinfo=UTC), "Asia/Kolkata", "tomorrow at 10:00 AM"),
        (datetime(2026, 11, 27, 0, 5, tzinfo=UTC), "UTC", "on Friday at 12:05 AM"),
        (datetime(2026, 12, 25, 0, 0, tzinfo=UTC), NY, "on Thursday, December 24 at 7:00 PM"),
        (datetime(2027, 3, 3, 9, 0, tzinfo=UTC), "UTC", "on Wednesday, March 3, 2027 at 9:00 AM"),
    ],
)
def test_times_are_said_in_the_users_zone(at: datetime, zone: str, said: str) -> None:
    assert wording.when(at, now=NOW, zone=zone) == said


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ("FREQ=DAILY", "every day"),
        ("FREQ=WEEKLY;BYDAY=MO", "every Monday"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
        ("FREQ=WEEKLY;BYDAY=TU,TH", "every Tuesday and Thursday"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "every Monday, Wednesday and Friday"),
        ("FREQ=HOURLY;INTERVAL=2", "every 2 hours"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every other Monday"),
        ("FREQ=MONTHLY;BYMONTHDAY=1", "every month on the 1st"),
        ("FREQ=YEARLY", "every year"),
    ],
)
def test_rules_are_said_plainly(rule: str, said: str) -> None:
    assert wording.rule_phrase(rule) == said


def test_the_question_for_a_time_reads_back_its_title() -> None:
    for title, phrasing in (("call my mum", "to"), ("the dentist", "about"), ("I'm late", "that")):
        question = ask_when(title, phrasing)  # type: ignore[arg-type]
        assert asked_title(question) == (title, phrasing)
    assert asked_title("OK, I'll remind you to call mum.") is None


def test_due_dates_are_said_as_days() -> None:
    assert wording.due_phrase(date(2026, 11, 27), now=NOW, zone="UTC") == "Friday"
    assert wording.due_phrase(date(2026, 11, 26), now=NOW, zone="UTC") == "tomorrow"
