"""Moving a reminder: "move it to friday at 5pm", "push the dentist back an hour",
"bring it forward 30 minutes", "an hour later", "change it to 7:30" (the item's own day),
"move it to friday" (the item's own time of day)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import ClassVar, Final
from zoneinfo import ZoneInfo

from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.intents.snooze import first_time
from remo_async.assistant.references import CHANGED, choose, each, read_target
from remo_async.assistant.results import Item, ToolResult, changed, reminder_action
from remo_async.assistant.time import WhenError, find_spans, read_exact, remove_spans, to_utc
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import sentence, when
from remo_async.domain.models import Reminder, ReminderUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound


@dataclass(frozen=True, slots=True)
class Reschedule:
    """Move a reminder (target None: "it") to at (UTC), by shift, to a time of day on its
    own day (clock, the user's words such as "7:30"), or to a day keeping its time of day."""

    name: ClassVar[str] = "reminder.reschedule"
    target: str | None
    at: datetime | None = None
    shift: timedelta | None = None
    clock: str | None = None
    day: date | None = None


_MOVE: Final = re.compile(
    r"^(?:move|reschedule|change|push|shift|postpone|delay|bump|put\s+off|make(?!\s+sure\b))\s+(?P<body>.+)$",
    re.IGNORECASE,
)
MAX_SPLITS: Final = 6
_SPLIT: Final = re.compile(r"\s+(?:back\s+)?(?P<w>to|until|till|for|at|on)\s+", re.IGNORECASE)
_SHIFT: Final = re.compile(
    r"^(?P<t>.+?)\s+(?:back\s+|forward\s+|later\s+)?(?:by\s+|back\s+)(?P<d>.+)$", re.IGNORECASE
)
_SOONER: Final = re.compile(
    r"^(?:bring|move|pull|shift|push)\s+(?P<t>.+?)\s+(?:forward|earlier|up|ahead)\s+(?:by\s+)?"
    r"(?P<d>.+)$|^(?:bring|move|pull|shift|make)\s+(?P<t2>.+?)\s+(?P<d2>.+?)\s+(?:earlier|sooner)$"
    r"|^(?P<d3>.+?)\s+(?:earlier|sooner)$",
    re.IGNORECASE,
)
_LATER: Final = re.compile(
    r"^(?:(?:move|push|make|shift|put)\s+(?P<t>.+?)\s+)?(?P<d>(?:an?|one|two|three|four|five|\d+"
    r"|half\s+an|a\s+couple\s+of|a\s+few)\s+[\w\s]+?)\s+later$",
    re.IGNORECASE,
)
_IT_AT: Final = re.compile(r"^(?:it|that|this)\s+(?P<when>.+)$", re.IGNORECASE)
_TO: Final = frozenset({"to", "until", "till"})
_DAY_WORDS: Final = re.compile(
    r"\b(?:today|tonight|tomorrow|tmrw|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|\w+day"
    r"|weekend|week|month|year|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january"
    r"|february|march|april|june|july|august|september|october|november|december|next|in"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}|\d{1,2}(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_CLOCK_WORDS: Final = re.compile(
    r"\d[:.]\d\d|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b(?:noon|midday|midnight|o'?clock|morning"
    r"|afternoon|evening|night|tonight|half\s+past|quarter|past|at)\b|^\s*\d{1,2}\s*$",
    re.IGNORECASE,
)
_MARKED: Final = re.compile(r"am|pm|a\.m\.|p\.m\.|noon|midday|midnight|morning|evening|night")


def read(text: str, turn: Turn) -> Reschedule | Chat | None:
    """A move to a time, by a shift, to a time of day or to a day; or None."""
    text = said_fully(text)
    try:
        return _relative(text, turn) or _absolute(text, turn)
    except WhenError as exc:
        return Chat(topic="unknown", problem=sentence(str(exc)))


# A correction of what Remo just set, only a time after it: "no, 7", "wait, I meant
# tomorrow", "sorry, make that 6am". It moves the reminder last created or touched.
_CORRECTION: Final = re.compile(
    r"^(?:no|nope|nah|wait|sorry|oops|actually)\b[\s,!.:-]*(?:(?:no|wait|sorry)\b[\s,!.:-]*)*"
    r"(?:(?:i\s+meant|i\s+mean|i\s+said|make\s+(?:it|that))\s+)?(?P<when>[^,]+?)[\s.!?]*$",
    re.IGNORECASE,
)


def correction(text: str, turn: Turn) -> Reschedule | None:
    """A correction of the reminder last created or touched to the time said, or None."""
    m = _CORRECTION.match(text)
    if m is None or turn.memory.last is None or turn.memory.last.kind != "reminder":
        return None
    try:
        return _when(m["when"], None, turn)
    except WhenError:
        return None


_NO_OBJECT: Final = re.compile(
    r"^(?P<v>push|move|delay|postpone|bump|shift|reschedule)\s+(?=(?:to|by|till|until|for|back"
    r"|forward)\b)",
    re.IGNORECASE,
)
_BY: Final = re.compile(r"^(?P<way>earlier|sooner|later)\s+by\s+(?P<d>.+)$", re.IGNORECASE)
_INSTEAD: Final = re.compile(
    r"^(?:(?:can|could)\s+(?:we|you)\s+(?:do|make\s+it)\s+|make\s+it\s+|how\s+about\s+)?"
    r"(?P<when>.+?)\s+instead\??$",
    re.IGNORECASE,
)


def said_fully(text: str) -> str:
    """A move said in short, as "move it ...": "push to next monday", "delay by 2 hours",
    "earlier by an hour", "friday instead", "can we do 2pm instead"."""
    m = _NO_OBJECT.match(text)
    if m is not None:
        return f"{m['v']} it {text[m.end() :]}"
    m = _BY.match(text)
    if m is not None:
        way = "bring it forward" if m["way"].lower() != "later" else "push it back"
        return f"{way} {m['d']}"
    m = _INSTEAD.match(text)
    if m is not None and _only_time(m["when"]):
        return f"move it to {m['when']}"
    return text


def _only_time(text: str) -> bool:
    """Whether text is nothing but time phrases ("2pm", "friday at 10")."""
    spans = tuple(find_spans(text))
    return bool(spans) and not re.sub(r"[\W_]+|\b(?:at|on|to|for)\b", "", remove_spans(text, spans))


def _relative(text: str, turn: Turn) -> Reschedule | None:
    text = text.rstrip(".!?")
    for regex, sign in ((_SOONER, -1), (_LATER, 1)):
        m = regex.match(text)
        if m is not None:
            groups = m.groupdict()
            said = groups.get("d") or groups.get("d2") or groups.get("d3") or ""
            moved = first_time([f"in {said}"], turn)
            if moved is not None:
                who = groups.get("t") or groups.get("t2") or ""
                return Reschedule(target=read_target(who)[0], shift=sign * (moved - turn.now))
    return None


def _absolute(text: str, turn: Turn) -> Reschedule | None:
    m = _MOVE.match(text)
    if m is None:
        return None
    body = re.sub(r"\s+instead$", "", m["body"].rstrip(".!?"), flags=re.IGNORECASE)
    shift = _SHIFT.match(body)
    if shift is not None:
        moved = first_time([f"in {shift['d']}"], turn)
        if moved is not None:
            return Reschedule(target=read_target(shift["t"])[0], shift=moved - turn.now)
    it_at = _IT_AT.match(body)  # "make it 6pm"
    if it_at is not None:
        found = _when(it_at["when"], None, turn)
        if found is not None:
            return found
    # A move names its new time within its first few words: trying every split of a long
    # message read the rest once per split (seconds of CPU on the event loop at 4,000 chars).
    for split in islice(_SPLIT.finditer(body), MAX_SPLITS):
        rest = body[split.end() :]
        word = split["w"].lower()
        spoken = rest if word in _TO else f"{word} {rest}"
        found = _when(spoken, read_target(body[: split.start()])[0], turn)
        if found is not None:
            return found
    return None


_WEEK_LATER: Final = re.compile(
    r"^(?:(?:till|until|til|to|for|into)\s+)?(?:next|the\s+following)\s+week$", re.IGNORECASE
)


def _when(spoken: str, target: str | None, turn: Turn) -> Reschedule | None:
    """The move spoken names: a time of day only, a day only, or both; "next week" (no
    day named) is the same day and time a week later."""
    if _WEEK_LATER.match(spoken):
        return Reschedule(target=target, shift=timedelta(days=7))
    at = first_time([spoken, f"at {spoken}"], turn)
    if at is None:
        return None
    said = spoken.removeprefix("at ").strip()
    has_day, has_clock = _DAY_WORDS.search(said), _CLOCK_WORDS.search(spoken)
    if has_clock and not has_day:
        return Reschedule(target=target, clock=said)
    if has_day and not has_clock:
        return Reschedule(target=target, day=at.astimezone(ZoneInfo(turn.zone)).date())
    return Reschedule(target=target, at=at)


async def act(intent: Reschedule, turn: Turn) -> ToolResult:
    """Moves the named reminder (None: "it")."""
    items = await choose(intent.target, ("reminder",), turn)
    return items if isinstance(items, ToolResult) else await apply(intent, items, turn)


async def apply(intent: Reschedule, items: list[Item], turn: Turn) -> ToolResult:
    """Moves each reminder."""
    return await each(items, lambda item: _move(intent, item, turn))


def new_time(intent: Reschedule, item: Reminder, turn: Turn) -> datetime | None:
    """Where intent moves item: at, shifted from its time (now if it is past), the clock on
    its own local day (the bare-hour rule read on that day), or the day at its time of day."""
    tz = ZoneInfo(turn.zone)
    local = item.reminding_time.astimezone(tz)
    if intent.at is not None:
        return intent.at
    if intent.shift is not None:
        return max(item.reminding_time, turn.now) + intent.shift
    if intent.day is not None:
        return to_utc(datetime.combine(intent.day, local.time().replace(tzinfo=None)), tz)
    if intent.clock is None:
        return None
    midnight = to_utc(datetime.combine(local.date(), time()), tz)
    try:
        at = read_exact(f"at {intent.clock}", now=midnight, zone=turn.zone)
    except WhenError:
        return None
    if at is None:
        return None
    wall = at.astimezone(tz).replace(tzinfo=None)
    today = turn.now.astimezone(tz).date()
    am_ahead = local.date() == today and at > turn.now
    if not _MARKED.search(intent.clock.lower()) and 1 <= wall.hour <= 7 and not am_ahead:
        wall += timedelta(hours=12)  # the bare-hour rule: 1..7 is pm
    return to_utc(wall, tz)


async def _move(intent: Reschedule, item: Item, turn: Turn) -> ToolResult:
    if not isinstance(item, Reminder):
        return ToolResult("")  # only reminders were looked for
    moved_to = new_time(intent, item, turn)
    if moved_to is None or moved_to <= turn.now:
        return ToolResult("That time has already passed; when should it be instead?")
    # The store re-arms a fired reminder moved ahead, on the copy its write replaces
    # (domain.rules.status_after_move): the rule is not repeated here.
    changes = ReminderUpdate(reminding_time=moved_to)
    try:
        moved = await turn.store.reminders.update(
            user_id=turn.user_id, reminder_id=item.reminder_id, changes=changes
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    spoken = when(moved_to, now=turn.now, zone=turn.zone).removeprefix("on ")
    return ToolResult(
        f'OK, I moved "{moved.title}" to {spoken}.',
        [reminder_action("updated", moved)],
        changed(item, moved),
    )
