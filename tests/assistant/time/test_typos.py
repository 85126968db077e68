"""Misspelt time words are read as meant; real words never turn into times."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from remo_async.assistant.time import find_recurrence, find_spans, parse_when
from remo_async.assistant.time.typos import english, is_english, meant

NOW = datetime(2027, 6, 9, 9, 0, tzinfo=UTC)  # a Wednesday

SAID = [
    ("tomorow", "tomorrow"),
    ("tommorrow", "tomorrow"),
    ("tommorow", "tomorrow"),
    ("tmrw", "tomorrow"),
    ("wensday", "wednesday"),
    ("wednsday", "wednesday"),
    ("thursdy", "thursday"),
    ("tuseday", "tuesday"),
    ("satuday", "saturday"),
    ("fridya", "friday"),
    ("mornig", "morning"),
    ("evenign", "evening"),
    ("afternon", "afternoon"),
    ("tonite", "tonight"),
]


@pytest.mark.parametrize(("typo", "word"), SAID)
def test_common_typos(typo: str, word: str) -> None:
    assert meant(typo) == word
    assert meant(typo.capitalize()) == word
    forms = ["{}"]
    if word.endswith("day") or word == "tomorrow":
        forms += ["{} at 5pm", "on {} at 10am" if word != "tomorrow" else "{} 10am"]
    for form in forms:
        got = parse_when(form.format(typo), now=NOW, zone="UTC")
        assert got == parse_when(form.format(word), now=NOW, zone="UTC")


@pytest.mark.parametrize(("said", "minutes"), [("10 mins", 10), ("2 hrs", 120), ("5 minuts", 5)])
def test_unit_shorthand_and_typos(said: str, minutes: int) -> None:
    assert (parse_when(f"in {said}", now=NOW, zone="UTC") - NOW).total_seconds() == minutes * 60


KEY_WORDS = ("tomorrow", "wednesday", "thursday", "saturday", "tuesday", "afternoon", "tonight")


@st.composite
def one_slip(draw: st.DrawFn) -> tuple[str, str]:
    """A key word with one slip of the finger: a letter dropped, doubled or swapped."""
    word = draw(st.sampled_from(KEY_WORDS))
    i = draw(st.integers(1, len(word) - 2))
    kind = draw(st.sampled_from(["drop", "double", "swap"]))
    if kind == "drop":
        typo = word[:i] + word[i + 1 :]
    elif kind == "double":
        typo = word[:i] + word[i] + word[i:]
    else:
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    assume(typo != word)
    return typo, word


@given(slip=one_slip())
def test_one_slip_in_a_key_word_is_read_as_meant(slip: tuple[str, str]) -> None:
    typo, word = slip
    assert meant(typo) == word


# Words of ours (and their shapes) a title may not use without meaning a time.
OURS = re.compile(
    r"^(?:tomorrow|today|tonight|morning|afternoon|evening|night|noon|midday|midnight|later"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|every|each|daily|weekly|monthly"
    r"|yearly|hourly|annually|nightly|fortnightly|quarterly|weekend|weekends|weekday|weekdays"
    r"|eod|eow|eom|whenever|biweekly|bimonthly|semimonthly|am|pm|a\.m|p\.m|o'clock|oclock)$"
)
PLAIN = sorted(w for w in english() if w.isalpha() and not OURS.match(w) and meant(w) is None)


@given(words=st.lists(st.sampled_from(PLAIN), min_size=1, max_size=6))
def test_no_time_in_plain_titles(words: list[str]) -> None:
    title = " ".join(words)
    assert find_spans(title) == []
    assert find_spans(f"buy {title}") == []
    assert find_recurrence(title) is None


@given(word=st.sampled_from(PLAIN))
def test_english_words_are_never_corrected(word: str) -> None:
    assert is_english(word)
    assert meant(word) is None or len(word) < 5


def test_a_tomato_is_not_tomorrow() -> None:
    assert meant("tomato") is None
    assert meant("ours") is None
    assert meant("early") is None
    assert find_spans("buy a tomato") == []


@pytest.mark.parametrize(
    ("said", "rule"),
    [
        ("every wensday", "FREQ=WEEKLY;BYDAY=WE"),
        ("every Thursdy and satuday", "FREQ=WEEKLY;BYDAY=TH,SA"),
        ("on tuesdays", "FREQ=WEEKLY;BYDAY=TU"),
        ("every mornig", "FREQ=DAILY"),
    ],
)
def test_typos_in_a_recurrence(said: str, rule: str) -> None:
    text = f"remind me {said} to water the ferns"
    found = find_recurrence(text)
    assert found is not None
    assert found.rule == rule
    assert text[found.start : found.end] == said
