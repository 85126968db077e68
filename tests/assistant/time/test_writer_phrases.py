"""The time grammar over the test writer's messages: generated (tests/assistant/phrases.py)
and hand-written (tests/assistant/hand/).

Only the time is judged here: the instant and the RRULE the grammar reads, used the way a
reminder's reader uses it (recurrence first, then the time in the rest of the message).
Titles, politeness and intents are the intents' tests. Prints the accuracy per kind.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from remo_async.assistant.time import (
    WhenError,
    find_recurrence,
    find_time,
    first_time,
)
from tests.assistant.hand import CASES as HAND
from tests.assistant.harness_checks import Ask, NewReminder
from tests.assistant.phrases import DEFAULT_SEED, generate

COUNT = 3000
REQUIRED = 0.99


def read_when(text: str, now: datetime, zone: str) -> tuple[datetime | None, str | None]:
    """(instant, RRULE) as a reminder's reader gets them; (None, None) means "ask"."""
    recurrence = find_recurrence(text)
    rest = text
    if recurrence is not None:
        rest = f"{text[: recurrence.start]} {text[recurrence.end :]}"
    found = find_time(rest, now=now, zone=zone)
    if recurrence is None:
        return found.at, None
    time_text = " ".join(span.text for span in found.spans)
    try:
        return first_time(recurrence, time_text, now=now, zone=zone), recurrence.rule
    except WhenError:
        return None, None


def test_generated_times(capsys: pytest.CaptureFixture[str]) -> None:
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    misses: list[str] = []
    for phrase in generate(DEFAULT_SEED, COUNT):
        expect = phrase.expect
        if isinstance(expect, NewReminder):
            want: tuple[datetime | None, str | None] = (expect.at, expect.rule)
        elif isinstance(expect, Ask) and phrase.text.startswith("remind me to "):
            want = (None, None)  # numeric dates and recurrences no rule expresses
        else:
            continue
        seen[phrase.kind] += 1
        got = read_when(phrase.text, phrase.now, phrase.zone)
        if got == want:
            right[phrase.kind] += 1
        else:
            local = phrase.now.astimezone(ZoneInfo(phrase.zone))
            misses.append(
                f"  {phrase.text!r} ({phrase.zone}, {local:%a %Y-%m-%d %H:%M}): {got} != {want}"
            )
    total = sum(right.values()) / sum(seen.values())
    lines = [
        f"{kind:12} {right[kind]:5}/{seen[kind]:<5} {right[kind] / seen[kind]:.1%}"
        for kind in sorted(seen)
    ]
    with capsys.disabled():
        print(f"\ntime grammar on generated messages: {total:.1%}\n" + "\n".join(lines))
        print("\n".join(misses[:40]))
    assert total >= REQUIRED, "\n".join(misses[:40])


HAND_KINDS = ("times", "recurrences", "reminders", "typos")
HAND_REQUIRED = 0.97


def test_hand_written_times(capsys: pytest.CaptureFixture[str]) -> None:
    """Reminder requests of the hand corpus, and the ones it asks about for their time."""
    seen = right = 0
    misses: list[str] = []
    for case in HAND:
        if case.intent not in HAND_KINDS or case.seeds:
            continue
        expect = case.expect
        if isinstance(expect, NewReminder):
            want: tuple[datetime | None, str | None] = (expect.at, expect.rule)
        elif isinstance(expect, Ask) and case.intent == "recurrences":
            want = (None, None)  # a recurrence no rule expresses
        else:
            continue
        seen += 1
        got = read_when(case.text, case.now, case.zone)
        if got == want:
            right += 1
        else:
            misses.append(
                f"  {case.text!r} ({case.zone}, {case.now:%Y-%m-%d %H:%M}Z): {got} != {want}"
            )
    with capsys.disabled():
        print(f"\ntime grammar on the hand corpus: {right}/{seen} = {right / seen:.1%}")
        print("\n".join(misses[:40]))
    assert right / seen >= HAND_REQUIRED, "\n".join(misses[:40])
