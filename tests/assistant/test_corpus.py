"""The parser over the corpus (pure, no DynamoDB): accuracy, and no text ever breaks it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remo_async.assistant.intents import Chat, NewReminder
from remo_async.assistant.parser import parse_message
from remo_async.assistant.text import TOO_LONG
from remo_async.assistant.time import when
from tests.assistant.corpus import CASES, NOW, matches, summarize

REQUIRED_ACCURACY = 0.95
OUR_WORDS = (
    *("remind", "me", "to", "at", "on", "in", "every", "day", "monday", "10", "am", "pm"),
    *("tomorrow", "tonight", "the", "3rd", "of", "december", "45", "minutes", "add", "todo"),
    *("urgent", "#work", "cancel", "mark", "as", "done", "snooze", "move", "it", "for", "by"),
    *("7:30", "noon", "weekend", "next", "week", "12", "?", ",", ":", "please", "every"),
)
ZONES = ("UTC", "America/New_York", "Asia/Kolkata", "Australia/Adelaide", "Europe/London")


def test_corpus_is_big_and_varied() -> None:
    assert len(CASES) >= 150
    assert {case.zone for case in CASES} >= {"UTC", "America/New_York", "Asia/Kolkata"}
    assert len({case.text for case in CASES}) >= 150
    kinds = {case.expect["intent"] for case in CASES}
    assert kinds >= {
        "reminder.create",
        "reminder.list",
        "reminder.snooze",
        "reminder.reschedule",
        "todo.create",
        "todo.list",
        "item.complete",
        "item.cancel",
        "chat",
    }


def test_corpus_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    misses = []
    for case in CASES:
        got = parse_message(case.text, now=case.now, zone=case.zone)
        if not matches(got, case.expect):
            misses.append(
                f"  {case.text!r} ({case.zone}): want {case.expect}, got {summarize(got)}"
            )
    right = len(CASES) - len(misses)
    with capsys.disabled():
        print(f"\nchat engine accuracy: {right}/{len(CASES)} = {right / len(CASES):.1%}")
        print("\n".join(misses))
    assert right / len(CASES) >= REQUIRED_ACCURACY, "\n".join(misses)


@pytest.mark.parametrize("zone", ZONES)
def test_reminder_times_are_never_in_the_past(zone: str) -> None:
    for case in CASES:
        got = parse_message(case.text, now=NOW, zone=zone)
        if isinstance(got, NewReminder):
            assert got.at > NOW, case.text
            assert got.at.tzinfo is not None


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_is_read_without_raising(text: str) -> None:
    got = parse_message(text, now=NOW, zone="Asia/Kolkata")
    assert got.name


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(OUR_WORDS),
        max_size=14,
    )
)
def test_sentences_of_our_own_words_never_raise(words: list[str]) -> None:
    got = parse_message(" ".join(words), now=NOW, zone="America/New_York")
    assert got.name


def test_the_corpus_never_needs_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    # Spans are found with our grammar, so parse_when's slow fallback is never reached.
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("dateparser was used")

    monkeypatch.setattr(when, "_dateparser", refuse)
    for case in CASES:
        parse_message(case.text, now=case.now, zone=case.zone)


def test_unknown_text_is_a_chat_with_no_action() -> None:
    got = parse_message("the quick brown fox jumps over the lazy dog", now=NOW, zone="UTC")
    assert got == Chat(topic="unknown")


def test_a_long_message_is_asked_about_and_a_title_is_cut_at_200() -> None:
    """Over MAX_REQUEST characters a message is asked about (its CPU stays bounded, and a
    3,500-character title cut to 200 would be a guess); under it a long title is cut."""
    text = "remind me to " + "very " * 700 + "important thing tomorrow at 10am"
    assert parse_message(text, now=NOW, zone="UTC") == Chat(topic="unknown", problem=TOO_LONG)
    text = "remind me to " + "very " * 100 + "important thing tomorrow at 10am"
    got = parse_message(text, now=NOW, zone="UTC")
    assert isinstance(got, NewReminder)
    assert got.at == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    assert len(got.title) <= 200
