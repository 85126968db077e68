"""Generated phrasings (issue 12): the engine recovers the meaning the generator composed.

The generator (tests/assistant/phrases.py) knows the meaning of every part it puts in a
message and computes the expected reminder (title, UTC instant, RRULE) or todo itself, from
the chat conventions agreed in issue 12. Every case runs end to end: BuiltinEngine on
DynamoDB Local, a fresh user per case in its own zone, the answer's action and the stored
item both checked.

REMO_PHRASE_SEED (default phrases.DEFAULT_SEED) and REMO_PHRASE_CASES (default CASES) pick
the cases; a failure prints the seed with each missed message, zone and local now.
REMO_PHRASE_MISSES=path also writes the figures and the first REMO_MISSES_SHOWN (30) misses
to that file; REMO_PHRASE_WORKERS (2) sessions run at once. Cost: about 40 ms a case on an
idle 2-core machine with DynamoDB Local (3000 cases took 114 s), several times that under
load, hence 1300 by default (58 to 93 s for 1500 while other suites ran).
"""

from __future__ import annotations

import asyncio
import os
import time
from contextlib import AsyncExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

from remo_async.store import Store
from tests.assistant.harness import (
    Case,
    Dialogue,
    Outcome,
    Results,
    Say,
    misses_text,
    run_case,
    run_dialogue,
)
from tests.assistant.harness_checks import NewReminder, rule_parts
from tests.assistant.phrase_days import day_and_time, time_only
from tests.assistant.phrase_follow import PAUSE
from tests.assistant.phrase_when import Clock, Now
from tests.assistant.phrases import DEFAULT_SEED, ZONES, Phrase, change_days, generate
from tests.helpers import SettableClock

CASES = 1300
SHOWN = int(os.environ.get("REMO_MISSES_SHOWN", "30"))
"""How many misses are printed (and written), grouped by kind."""
WORKERS = int(os.environ.get("REMO_PHRASE_WORKERS", "2"))
"""Sessions run at once (each its own clock and store client)."""
REQUIRED = 0.995
SEED = int(os.environ.get("REMO_PHRASE_SEED", DEFAULT_SEED))
COUNT = int(os.environ.get("REMO_PHRASE_CASES", CASES))


def test_the_generator_is_seeded_and_varied() -> None:
    first, again = generate(SEED, 400), generate(SEED, 400)
    assert first == again
    assert generate(SEED + 1, 50) != first[:50]
    assert len({p.text for p in first}) >= 380
    assert {p.zone for p in first} == set(ZONES)
    kinds = {p.kind for p in first}
    assert kinds >= {"time", "day+time", "day", "relative", "period", "period-end"}
    assert kinds >= {"recurrence", "todo", "ask", "complete", "cancel", "reschedule"}
    assert kinds >= {"snooze", "edit", "list", "which", "not-request", "it-that-undo"}
    on_changes = [p for p in first if p.now.astimezone().date() in _change_days()]
    assert len(on_changes) >= 40


def _change_days() -> set[date]:
    return {d + timedelta(days=k) for z in ZONES for d in change_days(z) for k in (-1, 0, 1)}


def test_expected_reminders_are_ahead_of_now() -> None:
    for phrase in generate(SEED, 2000):
        if isinstance(phrase.expect, NewReminder):
            assert phrase.expect.at > phrase.now, phrase.describe(SEED)


def test_expected_first_occurrences_agree_with_dateutil() -> None:
    """Our own arithmetic against dateutil's RRULE expansion, for rules whose first
    occurrence does not depend on the anchor (BYDAY / BYMONTHDAY, or plain daily)."""
    checked = 0
    for phrase in generate(SEED, 3000):
        expect = phrase.expect
        if not isinstance(expect, NewReminder) or expect.rule is None:
            continue
        parts = rule_parts(expect.rule) or {}
        if not ({"BYDAY", "BYMONTHDAY"} & set(parts) or parts == {"FREQ": ("DAILY",)}):
            continue
        now = Now(phrase.zone, phrase.now)
        local_first = expect.at.astimezone(now.tz).replace(tzinfo=None)
        anchor = datetime.combine(now.today, local_first.time())
        rule = rrulestr(expect.rule, dtstart=anchor)
        if "INTERVAL" in parts:  # every other <weekday>: anchored on the first one itself
            rule = rrulestr(expect.rule, dtstart=local_first)
        after = now.local.replace(tzinfo=None) + timedelta(minutes=2)
        assert rule.after(after) == local_first, phrase.describe(SEED)
        checked += 1
    assert checked >= 300


def test_clock_words_follow_the_bare_hour_rule() -> None:
    def at(hour: int, minute: int = 0) -> Now:
        return Now("UTC", datetime(2027, 6, 9, hour, minute, tzinfo=UTC))  # a Wednesday

    seven = Clock("seven", 7, 0, bare=True)
    assert seven.hour24(at(6), named_day=False) == 7  # the am reading is still ahead
    assert seven.hour24(at(6), named_day=True) == 19
    assert seven.hour24(at(8), named_day=False) == 19
    assert Clock("nine", 9, 0, bare=True).hour24(at(22), named_day=False) == 9
    assert Clock("twelve", 12, 0, bare=True).hour24(at(6), named_day=False) == 12
    assert at(20).next_ahead(19, 0) == datetime(2027, 6, 10, 19, tzinfo=UTC)
    new_york = Now("America/New_York", datetime(2027, 3, 14, 1, 30, tzinfo=UTC))  # Sat 20:30 EST
    assert new_york.instant(date(2027, 3, 14), 9) == datetime(2027, 3, 14, 13, tzinfo=UTC)
    assert new_york.instant(date(2027, 3, 14), 2, 30) is None  # skipped by the change


def test_when_forms_mean_what_they_say() -> None:
    import random

    rng = random.Random(7)
    now = Now("Asia/Kolkata", datetime(2027, 6, 9, 4, 30, tzinfo=UTC))  # Wed 10:00 IST
    for _ in range(300):
        made = time_only(rng, now) or day_and_time(rng, now)
        if made is None:
            continue
        local = made.at.astimezone(now.tz)
        assert made.at > now.at
        if "tomorrow" in made.text and "after" not in made.text:
            assert local.date() == date(2027, 6, 10), made
        if made.text.endswith("pm") or made.text.endswith("PM"):
            assert local.hour >= 12, made


def _write(path: str, text: str) -> None:
    Path(path).write_text(text)


async def _run(phrases: list[Phrase], store: Store, clock: SettableClock) -> list[Outcome]:
    outcomes = []
    for phrase in phrases:
        if phrase.then is not None:
            text, expect = phrase.then
            turns = (Say(phrase.text, phrase.expect), Say(text, expect, PAUSE))
            dialogue = Dialogue("follow-up", phrase.kind, turns, phrase.zone, phrase.now)
            outcomes += await run_dialogue(store, clock, dialogue)
            continue
        case = Case(phrase.text, phrase.expect, phrase.kind, phrase.zone, phrase.now, phrase.seeds)
        # One message to a fresh user: nothing to remember, so memory is not written.
        outcomes.append(await run_case(store, clock, case, remember=False))
    return outcomes


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_generated_phrases(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """WORKERS sessions at once, each with its own clock and store client on the same tables
    (one clock cannot be at two nows); every case still has a fresh user."""
    phrases = generate(SEED, COUNT)
    started = time.perf_counter()
    async with AsyncExitStack() as stack:
        clocks = [SettableClock() for _ in range(WORKERS)]
        stores = [
            await stack.enter_async_context(Store.open(store.settings, clock=clock))
            for clock in clocks
        ]
        shares = await asyncio.gather(
            *(_run(phrases[i::WORKERS], stores[i], clocks[i]) for i in range(WORKERS))
        )
    results = Results([outcome for share in shares for outcome in share])
    took = time.perf_counter() - started
    summary = (
        f"generated: {len(phrases)} cases, accuracy {results.accuracy:.1%} "
        f"(seed {SEED}, {took:.0f} s)\n{results.report('generated by kind')}"
    )
    misses = misses_text(results, limit=SHOWN, seed=SEED)
    with capsys.disabled():
        print(f"\n{summary}\nfirst misses:\n{misses}")
    if os.environ.get("REMO_PHRASE_MISSES"):
        _write(os.environ["REMO_PHRASE_MISSES"], f"{summary}\n{misses}\n")
    assert results.accuracy >= REQUIRED, f"{summary}\n{misses}"
