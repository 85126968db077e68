"""Answering "which one?": "both", "the first one", "the second", "the one at 3pm",
"the oat milk one". Only read while a question is open (memory.choice)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final
from zoneinfo import ZoneInfo

from remo_async.assistant.matching import find_matches
from remo_async.assistant.references import fetch
from remo_async.assistant.results import Item, ToolResult
from remo_async.assistant.time import WhenError, read_exact
from remo_async.assistant.turn import Turn
from remo_async.domain.models import Reminder

LOST: Final = "Sorry, those have changed since I asked. What would you like me to do?"


@dataclass(frozen=True, slots=True)
class Pick:
    """Which of the offered items: "all", a 1-based position ("-1" the last), "at <time>",
    or words of a title."""

    name: ClassVar[str] = "pick"
    which: str


_ALL: Final = re.compile(
    r"^(?:both|all|each|every\s+one)(?:\s+of\s+them|\s+of\s+those|\s+ones?)?$|^the\s+two\s+of\s+them$",
    re.IGNORECASE,
)
_ORDINALS: Final = {
    **dict.fromkeys(("first", "1st", "1", "top", "former", "one"), "1"),
    **dict.fromkeys(("second", "2nd", "2", "two"), "2"),
    **dict.fromkeys(("third", "3rd", "3", "three"), "3"),
    **dict.fromkeys(("fourth", "4th", "4", "four"), "4"),
    **dict.fromkeys(("fifth", "5th", "5", "five"), "5"),
    **dict.fromkeys(("last", "latter", "bottom"), "-1"),
}
_POSITION: Final = re.compile(
    r"^(?:the\s+)?(?:number\s+|no\.?\s*|#)?(?P<n>first|1st|second|2nd|third|3rd|fourth|4th|fifth"
    r"|5th|last|latter|former|top|bottom|[1-5]|one|two|three|four|five)(?:\s+one)?$",
    re.IGNORECASE,
)
_AT: Final = re.compile(
    r"^(?:the\s+)?(?:one\s+)?(?P<at>(?:at|on|for)\s+.+?)(?:\s+one)?$|^the\s+(?P<at2>.+?)\s+one$",
    re.IGNORECASE,
)


def read(text: str, turn: Turn) -> Pick | None:
    """Which of the offered items the user means, or None (no question open, or not this)."""
    if turn.memory.choice is None:
        return None
    text = re.sub(r"(?:\s+please|\s+thanks)$|^(?:oh\s+|um\s+|uh\s+)", "", text.rstrip(".!?"))
    text = text.strip()
    if _ALL.match(text):
        return Pick(which="all")
    m = _POSITION.match(text)
    if m is not None:
        return Pick(which=_ORDINALS[m["n"].lower()])
    m = _AT.match(text)
    if m is not None:
        return Pick(which=m["at"] or m["at2"])
    return None


async def chosen(intent: Pick, turn: Turn) -> list[Item] | ToolResult:
    """The offered items the pick names, or an answer when none (or no longer all) are."""
    choice = turn.memory.choice
    if choice is None:
        return ToolResult(LOST)
    items = await fetch(choice.refs, turn)
    if len(items) != len(choice.refs):
        return ToolResult(LOST)
    which = intent.which
    if which == "all":
        return items
    if which.lstrip("-").isdigit():
        n = int(which)
        if -len(items) <= n - (n > 0) < len(items):
            return [items[n - 1 if n > 0 else n]]
        return ToolResult(f"I only offered {len(items)}. Which one do you mean?")
    picked = _by_time(which, items, turn) or find_matches(which, items, title=lambda i: i.title)
    if len(picked) == 1:
        return picked
    return ToolResult("I'm still not sure which one. Could you say first, second or both?")


def _by_time(said: str, items: list[Item], turn: Turn) -> list[Item]:
    """Offered reminders at the time (or on the day) said, read in the user's zone."""
    try:
        at = read_exact(said, now=turn.now, zone=turn.zone)
    except WhenError:
        return []
    if at is None:
        return []
    tz = ZoneInfo(turn.zone)
    local = at.astimezone(tz)
    reminders = [i for i in items if isinstance(i, Reminder)]
    same_time: list[Item] = [
        r for r in reminders if r.reminding_time.astimezone(tz).time() == local.time()
    ]
    if same_time:
        return same_time
    return [r for r in reminders if r.reminding_time.astimezone(tz).date() == local.date()]
