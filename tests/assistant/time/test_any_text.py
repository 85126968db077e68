"""Any text: the grammar answers or raises WhenError, nothing else; and it stays fast."""

from __future__ import annotations

import contextlib
import statistics
import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remo_async.assistant.time import (
    WhenError,
    find_recurrence,
    find_time,
    first_time,
    parse_due,
    parse_when,
    remove_spans,
)
from remo_async.assistant.time.typos import meant
from tests.assistant.phrases import generate
from tests.assistant.time.oracle import moments
from tests.assistant.time.test_writer_phrases import read_when

OUR_WORDS = (
    *("at", "on", "in", "by", "the", "of", "every", "each", "other", "and", "to", "end"),
    *("tomorrow", "tomorow", "tonight", "today", "next", "this", "weekend", "later", "first"),
    *("thing", "half", "past", "quarter", "ten", "twenty", "seven", "twelve", "o'clock"),
    *("noon", "midnight", "monday", "wensday", "june", "1st", "15th", "31st", "2030-06-01"),
    *("2030-02-30", "9.45pm", "25:00", "0", "99999", "a", "an", "couple", "few", "hours"),
    *("minutes", "days", "weeks", "month", "year", "fortnight", "daily", "hourly", "last"),
    *("day", "morning", "evening", "except", "holidays", "blue", "moon", ",", "-", ":"),
)


def _check(text: str, now: datetime, zone: str) -> None:
    for parse in (parse_when, parse_due):
        with contextlib.suppress(WhenError):
            parse(text, now=now, zone=zone)
    found = find_time(text, now=now, zone=zone)
    remove_spans(text, found.spans + found.unread)
    recurrence = find_recurrence(text)
    if recurrence is not None:
        with contextlib.suppress(WhenError):
            first_time(recurrence, " ".join(s.text for s in found.spans), now=now, zone=zone)


@settings(max_examples=300)
@given(text=st.text(max_size=120), moment=moments())
def test_any_text_raises_nothing_but_when_error(text: str, moment: tuple[str, datetime]) -> None:
    _check(text, moment[1], moment[0])


@settings(max_examples=400)
@given(words=st.lists(st.sampled_from(OUR_WORDS), max_size=12), moment=moments())
def test_sentences_of_our_words_raise_nothing_but_when_error(
    words: list[str], moment: tuple[str, datetime]
) -> None:
    _check(" ".join(words), moment[1], moment[0])


def test_the_grammar_reads_a_message_in_well_under_a_millisecond() -> None:
    phrases = generate(7, 300)
    for phrase in phrases:  # the word lists and the zones, loaded once
        read_when(phrase.text, phrase.now, phrase.zone)
    took = []
    for phrase in phrases:
        meant.cache_clear()  # no help from earlier messages' words
        start = time.thread_time()  # CPU time: a loaded machine's waits are not the grammar's
        read_when(phrase.text, phrase.now, phrase.zone)
        took.append(time.thread_time() - start)
    p50 = statistics.median(took)
    print(f"\ntime grammar per message: p50 {p50 * 1e3:.3f} ms over {len(took)} messages")
    assert p50 < 0.001


NOON_WED = datetime(2027, 6, 9, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "at", "rule"),
    [
        ("remind me to read the weekly newsletter tomorrow", "2027-06-10 09:00", None),
        ("at 5pm remind me to prepare the monday meeting notes", "2027-06-09 17:00", None),
        ("remind me to plan the weekend trip at 6pm", "2027-06-09 18:00", None),
        (
            "remind me to buy my daily paper every monday",
            "2027-06-14 09:00",
            "FREQ=WEEKLY;BYDAY=MO",
        ),
        ("remind me on the weekend to clean the car", "2027-06-12 09:00", None),
        ("remind me weekly to water the ferns", "2027-06-10 09:00", "FREQ=WEEKLY"),
        ("remind me about the monday at 10am", "2027-06-14 10:00", None),
    ],
)
def test_words_of_time_that_modify_a_noun_name_no_time(
    text: str, at: str, rule: str | None
) -> None:
    expected = datetime.fromisoformat(at).replace(tzinfo=UTC)
    assert read_when(text, NOON_WED, "UTC") == (expected, rule)
