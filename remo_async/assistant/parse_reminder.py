"""Reading a request for a reminder: its title, its time and its recurrence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Final

from remo_async.assistant.intents import Chat, Intent, NeedTime, NewReminder, Phrasing
from remo_async.assistant.time.recurring import find_recurrence, first_time
from remo_async.assistant.time.spans import find_time, remove_spans, tidy
from remo_async.assistant.time.when import WhenError

MAX_TITLE: Final = 200
WHAT_ABOUT: Final = "What should I remind you about?"

# What asks for a reminder, up to the word that says how the title reads.
_LEAD: Final = re.compile(
    r"^(?:"
    r"remind\s+me(?:\s+again)?"
    r"|(?:please\s+)?(?:set|create|add|make|schedule|put\s+in|give\s+me|new)\s+(?:me\s+)?"
    r"(?:a\s+|an\s+|the\s+|one\s+|another\s+)?(?:new\s+)?(?:quick\s+)?reminder"
    r"|reminder"
    r"|(?:do\s+not|don'?t)\s+let\s+me\s+forget"
    r"|help\s+me\s+remember"
    r"|make\s+sure\s+(?:that\s+)?i(?:\s+remember)?"
    r"|(?:alert|ping|nudge|notify|tell|text|message|buzz)\s+me"
    r"|i\s+(?:need|have|must|want|gotta|got|should|ought)"
    r")(?P<link>\s*[:,-]\s*|\s+(?:to|about|of|for|that|re)\s+|\s+|$)",
    re.IGNORECASE,
)
_WAKE: Final = re.compile(r"^wake\s+me(?:\s+up)?\b", re.IGNORECASE)
_ASKS: Final = re.compile(r"\bremind\b|\breminder\b|let\s+me\s+forget|help\s+me\s+remember", re.I)
_QUESTION: Final = re.compile(
    r"^(?:what|when|where|who|why|how|which|is|are|do|does|did|can|could|should|will|would)\b",
    re.IGNORECASE,
)
_DANGLING: Final = re.compile(r"(?:\s+(?:at|on|by|in|for|to|and|please))+$", re.IGNORECASE)
_LINKS: Final[Mapping[str, Phrasing]] = {"to": "to", "that": "that"}


def asks_for_reminder(text: str) -> bool:
    """Whether the words ask for a reminder ("remind", "don't let me forget"...)."""
    return _ASKS.search(text) is not None or _WAKE.match(text) is not None


def read_reminder(text: str, *, now: datetime, zone: str, strict: bool) -> Intent | None:
    """A new reminder; with strict, only when the words ask for one, else for any timed text."""
    asked = asks_for_reminder(text)
    if strict and not asked:
        return None
    recurrence = find_recurrence(text)
    rest = text
    if recurrence is not None:
        rest = f"{text[: recurrence.start]} {text[recurrence.end :]}"
    found = find_time(rest, now=now, zone=zone)
    if not asked and (found.at is None or _QUESTION.match(text) or text.endswith("?")):
        return None
    title, phrasing = title_of(remove_spans(rest, found.spans + found.unread))
    if not title:
        return Chat(topic="unknown", problem=WHAT_ABOUT) if asked else None
    if recurrence is None:
        if found.at is None:
            return NeedTime(title=title, problem=found.problem, phrasing=phrasing)
        return NewReminder(title=title, at=found.at, phrasing=phrasing)
    time_text = " ".join(span.text for span in found.spans)
    try:
        first = first_time(recurrence, time_text, now=now, zone=zone)
    except WhenError as exc:
        return NeedTime(title=title, problem=str(exc), phrasing=phrasing)
    return NewReminder(title=title, at=first, recurrence=recurrence.rule, phrasing=phrasing)


def title_of(text: str) -> tuple[str, Phrasing]:
    """The title in what is left once the time is taken out, and how it reads after "remind you"."""
    text = tidy(text)
    if _WAKE.match(text):
        return "wake up", "to"
    phrasing: Phrasing = "about"
    m = _LEAD.match(text)
    if m is not None:
        link = m["link"].strip(" :,-").lower()
        phrasing = _LINKS.get(link, "about")
        text = text[m.end() :]
    elif re.match(r"^to\s+", text, re.IGNORECASE):
        text, phrasing = text[3:], "to"
    text = tidy(_DANGLING.sub("", tidy(text)))
    text = unquote(text.rstrip(".!?").strip())
    return text[:MAX_TITLE].strip(), phrasing


def unquote(text: str) -> str:
    """text without the quotes the user put around all of it."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text
