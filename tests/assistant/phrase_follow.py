"""Second turns for generated creates: "it"/"that" and "undo" right after the create.

The first turn is a generated one-off reminder or todo whose meaning is known; the follow-up
changes it (cancel, move by an amount, to a weekday, to a clock time on its own day, a day
later, rename, done, edits) or undoes it (the create is deleted). Meanings from the chat
conventions agreed in issue 12.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.assistant.harness_checks import Changed, Expectation, NewReminder, NewTodo, StateIs
from tests.assistant.phrase_manage import AMOUNTS
from tests.assistant.phrase_when import WEEKDAYS, Now

PAUSE = timedelta(seconds=20)
"""Time between the create and the follow-up."""
NEW_TITLES = ("call grandma", "water the roses", "phone the plumber", "pay the nursery")


def _undo(rng: random.Random) -> tuple[str, Expectation]:
    return rng.choice(["undo", "undo that", "revert", "undo please"]), StateIs({"new": None})


def _reminder_moves(rng: random.Random, now: Now, at: datetime) -> tuple[str, datetime] | None:
    later = now.at + PAUSE
    kind = rng.randrange(5)
    if kind == 0:
        said, delta = rng.choice(AMOUNTS)
        text = rng.choice(
            [f"push it back {said}", f"make it {said} later", f"move it {said} later"]
        )
        return text, at + delta
    if kind == 1:
        said, delta = rng.choice(AMOUNTS)
        return (
            (f"bring it forward {said}", at - delta)
            if at - delta > later + timedelta(minutes=2)
            else None
        )
    local = at.astimezone(now.tz)
    if kind == 2:
        target = rng.choice([d for d in range(7) if d != now.today.weekday()])
        day = now.today + timedelta(days=(target - now.today.weekday()) % 7)
        moved = now.instant(day, local.hour, local.minute)
        if moved is None or day == local.date():
            return None
        return rng.choice(["move it to {}", "move that to {}"]).format(WEEKDAYS[target]), moved
    if kind == 3:  # across a DST change: a day of 23 or 25 hours? not agreed, so not asked
        moved = now.instant(local.date() + timedelta(days=1), local.hour, local.minute)
        return ("push it back a day", moved) if moved == at + timedelta(days=1) else None
    hour, minute = rng.randrange(6, 23), rng.choice([0, 15, 30, 45])
    said = f"{hour % 12 or 12}:{minute:02d}{'am' if hour < 12 else 'pm'}"
    moved = now.instant(local.date(), hour, minute)
    if moved is None or not moved > later + timedelta(minutes=2):
        return None
    return rng.choice(["change it to {}", "move it to {}"]).format(said), moved


def after_reminder(
    rng: random.Random, now: Now, made: NewReminder
) -> tuple[str, Expectation] | None:
    """A follow-up to a one-off reminder just created (key "new")."""
    kind = rng.randrange(6)
    if kind == 0:
        return _undo(rng)
    if kind == 1:
        text = rng.choice(["cancel that", "cancel it", "actually, cancel that", "delete it"])
        return text, Changed("reminder.cancelled", ("new",), {"status": "cancelled"})
    if kind == 2:
        title = rng.choice(NEW_TITLES)
        return f"rename it to {title}", Changed("reminder.updated", ("new",), {"title": title})
    moved = _reminder_moves(rng, now, made.at)
    if moved is None:
        return None
    return moved[0], Changed("reminder.updated", ("new",), {"reminding_time": moved[1]})


def after_todo(rng: random.Random, now: Now, made: NewTodo) -> tuple[str, Expectation] | None:
    """A follow-up to a todo just created (key "new")."""
    kind = rng.randrange(6)
    if kind == 0:
        return _undo(rng)
    if kind == 1:
        return rng.choice(["mark it as done", "done with that"]), Changed(
            "todo.completed", ("new",), {"status": "done"}
        )
    if kind == 2:
        return rng.choice(["cancel that", "cancel it"]), Changed(
            "todo.updated", ("new",), {"status": "cancelled"}
        )
    if kind == 3:
        priority = rng.choice([p for p in ("low", "high", "urgent") if p != made.priority])
        said = f"make it {'urgent' if priority == 'urgent' else f'{priority} priority'}"
        return said, Changed("todo.updated", ("new",), {"priority": priority})
    if kind == 4:
        title = rng.choice(NEW_TITLES)
        text = rng.choice([f"rename it to {title}", f"call it {title} instead"])
        return text, Changed("todo.updated", ("new",), {"title": title})
    category = rng.choice([c for c in ("work", "home", "errands") if c != made.category])
    return f"set the category to {category}", Changed(
        "todo.updated", ("new",), {"category": category}
    )
