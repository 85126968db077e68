"""Finding the words of a message that name a time, so the rest can be a title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from remo_async.assistant.when import WhenError, parse_when

# The grammar mirrors when_rules on purpose: a span it finds is read by our own rules, so
# parse_when never falls back to dateparser (slow, and too eager: it reads "may" as May).
_END = r"(?![\w']|:\d)"
_NUMBER_WORD = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?)"
_AMOUNT = rf"(?:\d+(?:\.\d+)?|half\s+an?|an?|{_NUMBER_WORD})"
_PART = rf"(?:{_AMOUNT}\s+{_UNIT}|\d+(?:\.\d+)?\s*(?:{_UNIT}|h|m)){_END}"
_DURATION_BODY = rf"{_PART}(?:(?:\s*,\s*|\s+and\s+|\s*){_PART})*(?:\s+and\s+a\s+half)?"
DURATION: Final = (
    rf"(?:in\s+{_DURATION_BODY}(?:\s+from\s+now)?|{_DURATION_BODY}\s+(?:from\s+now|later))"
)
_DAY_WORD = r"(?:(?:the\s+)?day\s+after\s+tomorrow|tomorrow|tmrw|today|tonight)"
_NEXT_SPAN = r"(?:next\s+(?:week|month))"
# Three-letter "sat" and "sun" are left out: they are English words more often than days.
_WEEKDAY = (
    r"(?:(?:this\s+coming|this|next|coming)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri)\.?"
)
MONTH: Final = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_DOM = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+\d{4})?"
_MONTH_DAY = rf"(?:{MONTH}\s+(?:the\s+)?{_DOM}{_YEAR})"
_DAY_MONTH = rf"(?:(?:the\s+)?{_DOM}\s+(?:of\s+)?{MONTH}{_YEAR})"
_PERIOD = r"(?:morning|afternoon|evening|night)"
_CLOCK = (
    r"(?:(?:12\s+)?(?:noon|midday|midnight)"
    r"|\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?"
    r"|\d{1,2}:\d{2}"
    r"|\d{1,2}\s*o'?clock)"
)
_BARE = r"(?:\d{1,2}(?:[:.]\d{2})?)"
# Components that name a time on their own, longest alternatives first.
_STRONG = (
    rf"(?:{DURATION}|{_DAY_WORD}|{_NEXT_SPAN}|{_WEEKDAY}|{_MONTH_DAY}|{_DAY_MONTH}"
    rf"|(?:this|in\s+the)\s+{_PERIOD}|{_CLOCK}){_END}"
)
# A bare number is a time only after "at" or next to another component ("tomorrow 10").
_FIRST = rf"(?:(?:(?:on|at|by|for)\s+)?{_STRONG}|at\s+{_BARE}{_END})"
_NEXT = rf"(?:\s*,\s*|\s+)(?:(?:at|on|by)\s+)?(?:{_STRONG}|(?:in\s+the\s+)?{_PERIOD}{_END}|{_BARE}{_END})"
_SPAN: Final = re.compile(rf"(?<![\w'])(?:{_FIRST})(?:{_NEXT})*", re.IGNORECASE)
_DAY_NAMED: Final = re.compile(
    rf"(?<![\w'])(?:{DURATION}|{_DAY_WORD}|{_NEXT_SPAN}|{_WEEKDAY}|{_MONTH_DAY}|{_DAY_MONTH}){_END}",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a time phrase sits in a text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Found:
    """The time a text names, the spans that named it, or why it could not be read."""

    at: datetime | None
    spans: tuple[Span, ...] = ()
    problem: str | None = None


def find_spans(text: str) -> list[Span]:
    """Every phrase of text that looks like a time, left to right."""
    return [Span(m.start(), m.end(), m.group()) for m in _SPAN.finditer(text)]


def names_day(text: str) -> bool:
    """Whether text names a day (not only a time of day)."""
    return _DAY_NAMED.search(text) is not None


def find_time(text: str, *, now: datetime, zone: str) -> Found:
    """The time text names, read in zone relative to now; at is None when it names none."""
    readable: list[tuple[Span, datetime]] = []
    problem = None
    for span in find_spans(text):
        try:
            readable.append((span, parse_when(span.text, now=now, zone=zone)))
        except WhenError as exc:
            problem = problem or str(exc)
    if not readable:
        return Found(at=None, problem=problem)
    if len(readable) >= 2:
        # "on friday ... at 3pm": two halves of one time, apart in the sentence.
        (first, _), (second, _) = readable[0], readable[1]
        try:
            joined = parse_when(f"{first.text} {second.text}", now=now, zone=zone)
        except WhenError:
            pass
        else:
            return Found(at=joined, spans=(first, second))
    span, at = max(readable, key=lambda pair: pair[0].end - pair[0].start)
    return Found(at=at, spans=(span,))


def remove_spans(text: str, spans: tuple[Span, ...]) -> str:
    """text without the spans, its spaces tidied."""
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = f"{text[: span.start]} {text[span.end :]}"
    return tidy(text)


_SPACE_BEFORE_MARK: Final = re.compile(r"\s+([,:;.!?])")


def tidy(text: str) -> str:
    """Single spaces, none before punctuation, no stray punctuation at either end."""
    text = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split()))
    return text.strip(" ,;:-–—")
