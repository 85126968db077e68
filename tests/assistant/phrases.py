"""The phrase generator (issue 12): messages composed from parts whose meaning it knows.

Each generated `Phrase` is a message, a user zone, a frozen now (UTC) and the meaning the
chat conventions agreed in issue 12 give it, computed here with our own date arithmetic
(tests/assistant/phrase_when.py, phrase_days.py, phrase_rules.py), never with the parser:
- a reminder: title, exact UTC instant, RRULE (phrase_rules.py) or none;
- a todo: title, priority, category, due date;
- a message that must be asked about (no time, a pronoun title, "12/24", a recurrence no
  RRULE expresses): actions [] and a question;
- a message about seeded items (phrase_manage.py): complete, cancel, reschedule, snooze,
  edit, list, "which one?" for two matches, and statements that are no request;
- a create followed by "it"/"that"/"undo" about what it created (phrase_follow.py).

Parts: openers and politeness ("remind me to", "can you remind me to", "hey remo,", trailing
"please" / "thanks"), word orders (title first, when first, "remind me <when> to <title>"),
titles of 1..6 words (TRICKY ones, holding digits or "at"/"on"/"in", only where the title
comes last, after the when), zones with half-hour, 45-minute and negative offsets, and nows
spread over 2027 with a third on DST change days.

`generate(seed, count)` is deterministic for a seed; REMO_PHRASE_SEED / REMO_PHRASE_CASES
choose them in tests/assistant/test_generated.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from tests.assistant.harness import Seed
from tests.assistant.harness_checks import Ask, Expectation, NewReminder, NewTodo
from tests.assistant.phrase_days import When, day_only, one_off
from tests.assistant.phrase_follow import after_reminder, after_todo
from tests.assistant.phrase_manage import MAKERS
from tests.assistant.phrase_rules import cannot_express, recurring
from tests.assistant.phrase_when import WEEKDAYS, Now

DEFAULT_SEED = 1212
ZONES = (
    *("UTC", "America/New_York", "Europe/London", "Asia/Kolkata"),
    *("Australia/Adelaide", "Pacific/Chatham", "America/St_Johns"),
)
TITLES = (
    *("call mum", "water the plants", "take out the trash", "buy milk and eggs"),
    *("submit the expense report", "check the oven", "stretch", "book the dentist"),
    *("renew my passport", "send Priya the slides", "feed the cat", "pay the electricity bill"),
    *("pick up the dry cleaning", "email the landlord about the leak", "walk the dog"),
    *("take my vitamins", "back up the laptop", "order flowers for grandma", "charge the car"),
    *("review the pull request", "call the bank", "practise piano", "defrost the chicken"),
    *("ring Dad", "empty the dishwasher", "prepare slides for the board meeting", "meditate"),
)
TRICKY_TITLES = (
    *("call mum about the 3 kids", "pay the 2 bills", "read chapter 7", "meet Sam at the station"),
    *("check on grandma", "drop in on Alex", "book a table for 4", "take the 5 boxes to the car"),
    *("stand up at the meeting", "put 2 coins in the meter", "plan the weekend trip"),
    *("prepare the monday meeting notes", "buy a morning paper", "read the weekly newsletter"),
)
"""Titles holding digits or "at"/"on"/"in": only after the when, where nothing is left to
read as time."""
TODO_TITLES = (
    *("milk", "oat milk", "eggs", "renew passport", "pay rent", "call the plumber"),
    *("book flights", "fix the bike", "buy a birthday card", "clean the garage", "sunscreen"),
    *("write the quarterly report", "toothpaste", "return the library books", "new socks"),
)
CATEGORIES = ("shopping", "grocery", "work", "home", "travel", "packing", "garden", "school")
PRIORITY_WORDS = (
    ("urgent: {}", "urgent"),
    ("high priority: {}", "high"),
    ("{}, low priority", "low"),
    ("{}, high priority", "high"),
    ("{} (high priority)", "high"),
    ("{} asap", "urgent"),
    ("{}, urgent", "urgent"),
)
OPENERS = (
    *("remind me to", "remind me to", "please remind me to", "can you remind me to"),
    *("could you remind me to", "set a reminder to", "don't let me forget to"),
    *("hey remo, remind me to", "Remind me to"),
)


@dataclass(frozen=True)
class Phrase:
    text: str
    zone: str
    now: datetime
    expect: Expectation
    kind: str
    seeds: tuple[Seed, ...] = ()
    then: tuple[str, Expectation] | None = None
    """A second turn about the item the first one created (key "new")."""

    def describe(self, seed: int) -> str:
        local = self.now.astimezone(ZoneInfo(self.zone))
        return (
            f"{self.text!r} zone={self.zone} now={local:%a %Y-%m-%d %H:%M %Z} "
            f"({self.now:%Y-%m-%dT%H:%M}Z) seed={seed}"
        )


@cache
def change_days(zone: str) -> tuple[date, ...]:
    """The days of 2027 on which the zone's UTC offset changes."""
    tz, days = ZoneInfo(zone), []
    day = date(2027, 1, 1)
    while day.year == 2027:
        start = datetime(day.year, day.month, day.day, tzinfo=tz).utcoffset()
        end = datetime(day.year, day.month, day.day, 23, 59, tzinfo=tz).utcoffset()
        if start != end:
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def pick_now(rng: random.Random, zone: str) -> Now:
    """A local now: any day of 2027 between 06:00 and 23:00, or around a DST change."""
    tz = ZoneInfo(zone)
    while True:
        changes = change_days(zone)
        if changes and rng.random() < 0.35:
            day = rng.choice(changes) + timedelta(days=rng.choice([-1, 0]))
            hour = rng.randrange(0, 24)
        else:
            day = date(2027, 1, 1) + timedelta(days=rng.randrange(365))
            hour = rng.randrange(6, 23)
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=tz)
        back = local.astimezone(UTC).astimezone(tz)
        if back.replace(tzinfo=None) == local.replace(tzinfo=None):
            return Now(zone, local.astimezone(UTC))


TYPOS = (
    ("remind me", ("remnd me", "remidn me", "remine me")),
    ("tomorrow", ("tomorow", "tommorow", "tomorrw")),
    ("please", ("plese", "pleas")),
    ("reminder", ("reminer", "remider")),
)
"""Misspelt command words (the conventions' fuzzy words), never inside a title."""


def misspell(rng: random.Random, text: str) -> str:
    """One command word of `text` misspelt, or `text` as it is."""
    found = [(word, wrong) for word, wrong in TYPOS if word in text]
    if not found:
        return text
    word, wrong = rng.choice(found)
    return text.replace(word, rng.choice(wrong), 1)


def _polish(rng: random.Random, text: str, opener: str) -> str:
    if opener.startswith(("can you", "could you")) and rng.random() < 0.6:
        return f"{text}?"
    return text + rng.choice(["", "", "", " please", ", thanks", ". thanks!", "."])


def _reminder_text(rng: random.Random, title: str, when: str, *, tricky: bool) -> str:
    opener = rng.choice(OPENERS)
    if rng.random() < 0.06:
        opener, when = misspell(rng, opener), misspell(rng, when)
    bare = opener.removesuffix(" to")
    orders = [f"{bare} {when} to {title}"] if "forget" not in opener else []
    if not opener.startswith("hey"):
        orders += [f"{when}, {opener} {title}", f"{when} {opener} {title}"]
    if not tricky:
        orders += [f"{opener} {title} {when}"] * 3
    return _polish(rng, rng.choice(orders), opener)


def _title(rng: random.Random) -> tuple[str, bool]:
    if rng.random() < 0.15:
        return rng.choice(TRICKY_TITLES), True
    return rng.choice(TITLES), False


def reminder(rng: random.Random, now: Now) -> Phrase | None:
    title, tricky = _title(rng)
    if rng.random() < 0.25:
        made = recurring(rng, now)
        if made is None:
            return None
        text = _reminder_text(rng, title, made.text, tricky=tricky)
        return Phrase(text, now.zone, now.at, NewReminder(title, made.at, made.rule), "recurrence")
    when: When | None = one_off(rng, now)
    if when is None:
        return None
    text = _reminder_text(rng, title, when.text, tricky=tricky)
    return Phrase(text, now.zone, now.at, NewReminder(title, when.at), when.kind)


def _due(rng: random.Random, now: Now) -> tuple[str, date] | None:
    kind = rng.randrange(3)
    if kind == 0:
        return "by tomorrow", now.today + timedelta(days=1)
    if kind == 1:
        target = rng.randrange(7)
        days = (target - now.today.weekday()) % 7
        if days == 0:  # "by friday" on a friday: today or next week? not agreed
            return None
        return f"by {WEEKDAYS[target]}", now.today + timedelta(days=days)
    day = now.today + timedelta(days=rng.randrange(2, 400))
    return f"by {day.isoformat()}", day


def todo(rng: random.Random, now: Now) -> Phrase | None:
    title, category = rng.choice(TODO_TITLES), rng.choice([None, *CATEGORIES])
    kind = rng.randrange(5)
    if kind == 0 and category:
        text = f"for {category}: {title}"
    elif kind == 1 and category:
        text = f"add {title} to my list #{category}"
    elif category:
        text = f"add {title} to {rng.choice(['my', 'the'])} {category} list"
    else:
        text = f"add {title} to my {rng.choice(['list', 'todo list', 'todos'])}"
    due = _due(rng, now) if rng.random() < 0.2 and kind > 1 else None
    if due:
        text = f"{text} {due[0]}"
    priority = "medium"
    if kind > 0 and rng.random() < 0.35:
        form, priority = rng.choice(PRIORITY_WORDS)
        text = form.format(text)
    elif kind > 1 and rng.random() < 0.3:
        text = f"{rng.choice(['could you', 'can you'])} {text}?"
    expect = NewTodo(title, priority, category, due[1] if due else None)
    return Phrase(text, now.zone, now.at, expect, "todo")


def must_ask(rng: random.Random, now: Now) -> Phrase | None:
    title = rng.choice(TITLES)
    kind = rng.randrange(4)
    if kind == 0:
        text = f"{rng.choice(OPENERS)} {title}"
    elif kind == 1:
        when = day_only(rng, now)
        pronoun = rng.choice(["it", "that", "this"])
        text = f"remind me about {pronoun} {when.text if when else 'tomorrow'} at 9"
    elif kind == 2:
        text = f"remind me to {title} on {rng.randrange(1, 13)}/{rng.randrange(13, 29)}"
        if rng.random() < 0.5:
            text = f"remind me to {title} on {rng.randrange(1, 13)}/{rng.randrange(1, 13)}"
    else:
        text = f"remind me to {title} {cannot_express(rng)}"
    return Phrase(text, now.zone, now.at, Ask(), "ask")


def manage(rng: random.Random, now: Now) -> Phrase | None:
    """A message about items the user already has (tests/assistant/phrase_manage.py)."""
    made = rng.choice(MAKERS)(rng, now)
    if made is None:
        return None
    return Phrase(made.text, now.zone, now.at, made.expect, made.kind, made.seeds)


def follow_up(rng: random.Random, now: Now) -> Phrase | None:
    """A generated create, then "it"/"that"/"undo" about what it created."""
    first = reminder(rng, now) if rng.random() < 0.65 else todo(rng, now)
    if first is None:
        return None
    expect = first.expect
    then = None
    if isinstance(expect, NewReminder) and expect.rule is None:
        then = after_reminder(rng, now, expect)
        expect = replace(expect, key="new")
    elif isinstance(expect, NewTodo):
        then = after_todo(rng, now, expect)
        expect = replace(expect, key="new")
    if then is None:
        return None
    return Phrase(first.text, now.zone, now.at, expect, "it-that-undo", then=then)


def generate(seed: int, count: int) -> list[Phrase]:
    """`count` phrases, the same ones for the same seed."""
    rng = random.Random(seed)
    phrases: list[Phrase] = []
    while len(phrases) < count:
        now = pick_now(rng, rng.choice(ZONES))
        maker = rng.choices(
            [reminder, todo, must_ask, manage, follow_up], weights=[55, 12, 5, 18, 10]
        )[0]
        made = maker(rng, now)
        if made is not None:
            phrases.append(made)
    return phrases
