"""The phrase generator's messages about items the user already has.

Each case seeds a few reminders and todos (random titles from pools with distinct keywords,
random future local times), picks one as the target and says something about it: complete
(also in the past tense), cancel, reschedule (relative, to a day, to a clock time on the
item's own day), casual snooze of the reminder that fired last, edit, list with a scope, a
"which one?" question for two matches, or a statement that is no request. The expected
change is computed here from the chat conventions agreed in issue 12.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.assistant.harness import Seed, SeedReminder, SeedTodo
from tests.assistant.harness_checks import Ask, Changed, Expectation, Listed, Nothing
from tests.assistant.phrase_when import WEEKDAYS, Now

# (title, what the user calls it)
REMINDERS = (
    ("dentist appointment", "dentist"),
    ("gym session", "gym"),
    ("team standup", "standup"),
    ("yoga class", "yoga"),
    ("piano lesson", "piano"),
    ("haircut", "haircut"),
    ("vet visit", "vet"),
    ("car service", "car service"),
    ("landlord call", "landlord call"),
    ("parents evening", "parents evening"),
)
# (title, past tense, the thing)
TODOS = (
    ("renew the passport", "renewed the passport", "passport"),
    ("sort the invoices", "sorted the invoices", "invoices"),
    ("call the bank", "called the bank", "bank"),
    ("buy milk", "bought milk", "milk"),
    ("water the plants", "watered the plants", "plants"),
    ("pay the rent", "paid the rent", "rent"),
    ("book the flights", "booked the flights", "flights"),
    ("clean the garage", "cleaned the garage", "garage"),
    ("send the contract", "sent the contract", "contract"),
    ("fix the bike", "fixed the bike", "bike"),
)
AMOUNTS = (
    ("an hour", timedelta(hours=1)),
    ("30 minutes", timedelta(minutes=30)),
    ("half an hour", timedelta(minutes=30)),
    ("2 hours", timedelta(hours=2)),
    ("two hours", timedelta(hours=2)),
    ("15 minutes", timedelta(minutes=15)),
    ("a couple of hours", timedelta(hours=2)),
    ("90 minutes", timedelta(minutes=90)),
)


@dataclass(frozen=True)
class Managed:
    text: str
    expect: Expectation
    seeds: tuple[Seed, ...]
    kind: str


@dataclass(frozen=True)
class _Item:
    key: str
    title: str
    name: str
    at: datetime


def _reminders(rng: random.Random, now: Now, count: int) -> list[_Item] | None:
    items, used = [], set()
    for index, (title, name) in enumerate(rng.sample(REMINDERS, count)):
        day, hour = rng.randrange(1, 7), rng.randrange(8, 21)
        while (day, hour) in used:
            day, hour = rng.randrange(1, 7), rng.randrange(8, 21)
        used.add((day, hour))
        at = now.instant(now.today + timedelta(days=day), hour, rng.choice([0, 30]))
        if at is None:
            return None
        items.append(_Item(f"r{index}", title, name, at))
    return items


def _seed(items: list[_Item], *, status: str = "pending") -> tuple[Seed, ...]:
    return tuple(SeedReminder(i.key, i.title, i.at, status=status) for i in items)


def _moved(rng: random.Random, now: Now, item: _Item) -> tuple[str, datetime] | None:
    kind = rng.randrange(4)
    ref = rng.choice([f"the {item.name} reminder", f"the {item.name}"])
    if kind == 0:
        said, delta = rng.choice(AMOUNTS)
        verb = rng.choice(["push {} back {}", "move {} {} later", "postpone {} by {}"])
        return verb.format(ref, said), item.at + delta
    if kind == 1:
        said, delta = rng.choice(AMOUNTS)
        earlier = item.at - delta
        return (f"bring {ref} forward {said}", earlier) if now.ahead(earlier) else None
    local = item.at.astimezone(now.tz)
    if kind == 2:  # to a weekday (not today's), keeping the time of day
        target = rng.choice([d for d in range(7) if d != now.today.weekday()])
        day = now.today + timedelta(days=(target - now.today.weekday()) % 7)
        moved = now.instant(day, local.hour, local.minute)
        return (f"move {ref} to {WEEKDAYS[target]}", moved) if moved else None
    hour, minute = rng.randrange(7, 22), rng.choice([0, 15, 30, 45])
    half = "am" if hour < 12 else "pm"
    said = rng.choice([f"{hour:02d}:{minute:02d}", f"{hour % 12 or 12}:{minute:02d}{half}"])
    at = now.instant(local.date(), hour, minute)
    verb = rng.choice(["change {} to {}", "move {} to {}", "reschedule {} to {}"])
    return (verb.format(ref, said), at) if at and now.ahead(at) else None


def reschedule(rng: random.Random, now: Now) -> Managed | None:
    items = _reminders(rng, now, rng.randrange(2, 4))
    if not items:
        return None
    target = rng.choice(items)
    made = _moved(rng, now, target)
    if made is None:
        return None
    text, at = made
    expect = Changed("reminder.updated", (target.key,), {"reminding_time": at})
    return Managed(text, expect, _seed(items), "reschedule")


def cancel(rng: random.Random, now: Now) -> Managed | None:
    items = _reminders(rng, now, rng.randrange(2, 4))
    if not items:
        return None
    target = rng.choice(items)
    text = rng.choice(
        [
            f"cancel the {target.name} reminder",
            f"delete the {target.name} reminder",
            f"please cancel the {target.name} reminder",
            f"remove the {target.name} reminder",
            f"don't remind me about the {target.name}",
            f"cancel the {target.name}",
        ]
    )
    if rng.random() < 0.1:  # a misspelt command word, as the conventions allow
        text = text.replace("cancel", rng.choice(["cancle", "cancl"]), 1)
    expect = Changed("reminder.cancelled", (target.key,), {"status": "cancelled"})
    return Managed(text, expect, _seed(items), "cancel")


def _todos(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    return [(f"t{i}", *row) for i, row in enumerate(rng.sample(TODOS, count))]


def complete(rng: random.Random, now: Now) -> Managed | None:
    todos = _todos(rng, rng.randrange(2, 5))
    key, title, past, thing = rng.choice(todos)
    text = rng.choice(
        [
            f"mark {title} as done",
            f"{title} is done",
            f"tick off {title}",
            f"I've {past}",
            f"{past}",
            f"just {past}",
            f"done with the {thing}",
            f"mark the {thing} one as done",
            f"I {past}, thanks",
        ]
    )
    seeds = tuple(SeedTodo(k, t) for k, t, _, _ in todos)
    return Managed(text, Changed("todo.completed", (key,), {"status": "done"}), seeds, "complete")


def edit(rng: random.Random, now: Now) -> Managed | None:
    todos = _todos(rng, rng.randrange(2, 4))
    key, title, _, thing = rng.choice(todos)
    seeds = tuple(SeedTodo(k, t) for k, t, _, _ in todos)
    kind = rng.randrange(3)
    if kind == 0:
        priority = rng.choice(["high", "low", "urgent"])
        said = "urgent" if priority == "urgent" and rng.random() < 0.5 else f"{priority} priority"
        fields: dict[str, object] = {"priority": priority}
        text = f"make {title} {said}"
    elif kind == 1:
        new = f"{thing} {rng.choice(['stuff', 'errand', 'job'])}"
        text = rng.choice([f"rename {title} to {new}", f"change the title of {title} to {new}"])
        fields = {"title": new}
    else:
        category = rng.choice(["work", "home", "errands", "admin"])
        text = f"set the category of {title} to {category}"
        fields = {"category": category}
    return Managed(text, Changed("todo.updated", (key,), fields), seeds, "edit")


def snooze(rng: random.Random, now: Now) -> Managed | None:
    fired = [
        SeedReminder(f"f{i}", title, now.at - timedelta(minutes=20 - 8 * i), status="fired")
        for i, (title, _) in enumerate(rng.sample(REMINDERS, rng.randrange(1, 3)))
    ]
    minutes = rng.choice([5, 10, 15, 20, 30, 45])
    text, delta = rng.choice(
        [
            ("not now", 10),
            ("later", 60),
            ("snooze", 10),
            (f"snooze for {minutes} minutes", minutes),
            (f"in {minutes} min please", minutes),
            (f"remind me again in {minutes}", minutes),
            (f"remind me again in {minutes} minutes", minutes),
            ("snooze it for an hour", 60),
            ("snooze that for half an hour", 30),
        ]
    )
    if rng.random() < 0.1:
        text = text.replace("snooze", "snoze", 1)
    at = now.at + timedelta(minutes=delta)
    expect = Changed(
        "reminder.updated", (fired[-1].key,), {"status": "pending", "reminding_time": at}
    )
    return Managed(text, expect, tuple(fired), "snooze")


AMBIGUOUS = (
    ("buy milk", "buy oat milk", "milk"),
    ("call the bank", "call the bank manager", "bank"),
    ("pay the rent", "pay the garage rent", "rent"),
    ("book the flights", "book the return flights", "flights"),
    ("fix the bike", "fix the kids' bike", "bike"),
    ("water the plants", "water the garden plants", "plants"),
)


def which(rng: random.Random, now: Now) -> Managed | None:
    first, second, thing = rng.choice(AMBIGUOUS)
    seeds = (SeedTodo("a", first), SeedTodo("b", second))
    text = rng.choice([f"mark the {thing} one as done", f"cancel the {thing} one"])
    return Managed(text, Ask(), seeds, "which")


def listing(rng: random.Random, now: Now) -> Managed | None:
    items = _reminders(rng, now, rng.randrange(2, 5))
    if not items:
        return None
    kind, seeds = rng.randrange(5), _seed(items)
    reminders = ("reminders.listed",)
    if kind == 0:
        text = rng.choice(["show my reminders", "list my reminders", "what reminders do I have?"])
        return Managed(text, Listed(tuple(i.title for i in items), reminders), seeds, "list")
    if kind == 1:  # from now to the end of Sunday
        sunday = now.today + timedelta(days=6 - now.today.weekday())
        titles = tuple(i.title for i in items if i.at.astimezone(now.tz).date() <= sunday)
        text = rng.choice(["what's on this week", "what do I have this week?"])
        return Managed(text, Listed(titles, reminders), seeds, "list") if titles else None
    if kind == 2:  # now .. now + 3 days
        titles = tuple(i.title for i in items if i.at <= now.at + timedelta(days=3))
        text = rng.choice(
            ["what's on in the next few days", "what do I have in the next few days?"]
        )
        close = any(abs(i.at - now.at - timedelta(days=3)) < timedelta(hours=1) for i in items)
        return (
            None if close or not titles else Managed(text, Listed(titles, reminders), seeds, "list")
        )
    if kind == 3:
        return _category_list(rng)
    day = items[0].at.astimezone(now.tz).date()
    titles = tuple(i.title for i in items if i.at.astimezone(now.tz).date() == day)
    tomorrow = day == now.today + timedelta(days=1)
    name, on = ("tomorrow", "") if tomorrow else (WEEKDAYS[day.weekday()], "on ")
    text = rng.choice(
        [f"what's on {name}", f"what do I have {on}{name}?", f"any reminders {on}{name}?"]
    )
    return Managed(text, Listed(titles, reminders), seeds, "list")


def _category_list(rng: random.Random) -> Managed:
    picked = rng.sample(TODOS, 4)
    shopping, other = picked[:2], picked[2:]
    seeds = tuple(SeedTodo(f"s{i}", row[0], category="shopping") for i, row in enumerate(shopping))
    seeds += tuple(SeedTodo(f"o{i}", row[0], category="work") for i, row in enumerate(other))
    text = rng.choice(
        ["what's on my shopping list", "show me my shopping list", "what's on the shopping list?"]
    )
    titles = tuple(row[0] for row in shopping)
    return Managed(text, Listed(titles, ("todos.listed",)), seeds, "list")


def aside(rng: random.Random, now: Now) -> Managed | None:
    name = rng.choice(["Sam", "Priya", "my brother", "Dad", "Alex"])
    title = rng.choice(TODOS)[0]
    hour = rng.randrange(1, 12)
    text = rng.choice(
        [
            f"should I remind {name} to {title}?",
            f"did {name} remind you to {title}?",
            f"I have a meeting at {hour}",
            f"{rng.choice(['tomorrow', 'friday', 'saturday'])} is my birthday!",
            f"if I asked you to remind me to {title} tomorrow, would you?",
            f"{name} reminded me to {title}",
        ]
    )
    return Managed(text, Nothing(), (), "not-request")


MAKERS = (reschedule, cancel, complete, edit, snooze, which, listing, aside)
