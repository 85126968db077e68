"""Finding the words of a message that name a time, so the rest can be a title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Final
from zoneinfo import ZoneInfo

from remo_async.assistant.time.corrections import CORRECTION
from remo_async.assistant.time.repeat_words import attributive
from remo_async.assistant.time.rewrite import rewrite
from remo_async.assistant.time.when import WhenError, parse_when

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
# Three-letter "sat" and "sun" are English words too ("the cat sat", "in the sun"): they are
# days only where a day is: before a part of the day or a clock ("sat at 10", "sun 9am")
# unless a subject or determiner comes first ("I sat at 5", "the sun at 6"), or after
# "on"/"next"/"this"/"by"/"till"/"remind me"/"move ... to" at a phrase's end, or alone.
_SAT_SUN_AFTER = r"(?=\s*(?:$|[,.!?]|(?:to|at|for|and|about|by|please|instead)\b))"
_NOT_SUBJECT = "".join(
    rf"(?<!\b{w}\s)"
    for w in ("the", "a", "in", "i", "we", "he", "she", "they", "you", "it", "who", "cat", "dog")
)
_SAT_SUN = (
    r"(?:(?:sat|sun)(?=\s+(?:morning|afternoon|evening|night)\b)"
    rf"|{_NOT_SUBJECT}(?:sat|sun)(?=\s+(?:at\s+)?\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?m\b|o'?clock\b)?"
    r"(?![\w:.]))"
    r"|(?:(?<=\bon\s)|(?<=\bnext\s)|(?<=\bthis\s)|(?<=\bby\s)|(?<=\btill\s)|(?<=\buntil\s)"
    rf"|(?<=\bme\s)|(?<=\bcoming\s)|(?<=[-,:;]\s)"
    r"|(?<=(?:day|sat|sun|mon|ues|wed|eds|thu|urs|fri|row)\sand\s))"
    rf"(?:sat|sun){_SAT_SUN_AFTER}"
    # "move it to sat" (not "go to sun"), or "sat" alone
    r"|(?:(?<=\bto\s)(?<!\bgo\sto\s)(?<!\bwent\sto\s)|^)(?:sat|sun)(?=\s*(?:$|[.!?])))"
)
_WEEKDAY = (
    r"(?:(?:this\s+coming|this|next|coming)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    rf"|mon|tues?|weds?|thu(?:rs?)?|fri|{_SAT_SUN})\.?"
)
MONTH: Final = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_DOM = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+\d{4})?"
_MONTH_DAY = rf"(?:{MONTH}\s+(?:the\s+)?{_DOM}{_YEAR})"
# Not "7 july 4th": that is a time and a month-day.
_DAY_MONTH = rf"(?:(?:the\s+)?{_DOM}\s+(?:of\s+)?{MONTH}{_YEAR}(?!\s+\d{{1,2}}(?:st|nd|rd|th)\b))"
_PERIOD = r"(?:morning|afternoon|evening|night)"
_CLOCK = (
    r"(?:(?:12\s+)?(?:noon|midday|midnight)"
    r"|\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?"
    r"|\d{1,2}:\d{2}"
    r"|\d{1,2}\s*o'?clock)"
)
_BARE = r"(?:\d{1,2}(?:[:.]\d{2})?)"
_WEEKEND = r"(?:(?:this\s+coming|this|next|coming|the)\s+)?weekend"
_PERIOD_END = (
    r"(?:(?:the\s+)?end\s+of\s+(?:next\s+(?:week|month)|(?:the\s+|this\s+)?(?:day|week|month))"
    r"|eod|eow|eom)"
)
_ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_LATER = r"(?:first\s+thing(?:\s+in\s+the\s+morning)?|later(?:\s+(?:today|on))?)"
_ORDINAL_DAY = r"the\s+\d{1,2}(?:st|nd|rd|th)"
# Components that name a time on their own, longest alternatives first.
_STRONG = (
    rf"(?:{DURATION}|{_ISO_DATE}|{_PERIOD_END}|{_DAY_WORD}|{_NEXT_SPAN}|{_WEEKDAY}|{_MONTH_DAY}"
    rf"|{_DAY_MONTH}|{_WEEKEND}|{_ORDINAL_DAY}|{_LATER}|(?:this|in\s+the)\s+{_PERIOD}|{_CLOCK})"
    rf"{_END}"
)
# A bare number is a time only after "at" or next to another component ("tomorrow 10").
# "on the friday", "at the 5 o'clock": an article after the preposition changes nothing.
_FIRST = rf"(?:(?:(?:on|at|by|for|around)\s+(?:the\s+)?)?{_STRONG}|(?:at|around)\s+{_BARE}{_END})"
_NEXT = (
    rf"(?:\s*,\s*|\s+)(?:(?:at|on|by)\s+)?"
    rf"(?:{_STRONG}|(?:in\s+the\s+)?{_PERIOD}{_END}|{_BARE}{_END}|\d{{1,2}}(?:st|nd|rd|th){_END})"
)
# A correction and what replaces the time before it: "at 5 no wait 6", "in 10 min, no, 20 min".
_FIX = (
    rf"(?:\s*,\s*|\s+)(?:{CORRECTION}(?:\s*,\s*|\s+))+(?!later\b)(?:(?:at|on|by|in)\s+)?"
    rf"(?:{_STRONG}|{_DURATION_BODY}|{_BARE}{_END})"
)
_SPAN: Final = re.compile(rf"(?<![\w'])(?:{_FIRST})(?:{_NEXT}|{_FIX})*+", re.IGNORECASE)
MAX_SPANS: Final = 6  # no sentence names more times than this and means one of them
_DURATION_RE: Final = re.compile(rf"(?<![\w']){DURATION}", re.IGNORECASE)
_DAY_PART: Final = re.compile(
    rf"(?<![\w'])(?:{_ISO_DATE}|{_PERIOD_END}|{_DAY_WORD}|{_NEXT_SPAN}|{_WEEKDAY}|{_MONTH_DAY}"
    rf"|{_DAY_MONTH}|{_WEEKEND}|{_ORDINAL_DAY}){_END}",
    re.IGNORECASE,
)
_CLOCK_PART: Final = re.compile(
    r"\d|\b(?:noon|midday|midnight|morning|afternoon|evening|night)\b", re.IGNORECASE
)
_AROUND: Final = re.compile(r"\baround\s+", re.IGNORECASE)
_SPOKEN_END: Final = re.compile(
    r"[\s,]+(?:period|full\s+stop|exclamation\s+(?:mark|point)|question\s+mark)$", re.IGNORECASE
)
_PREPOSITION_THE: Final = re.compile(r"(?:on|at|by|for|around)\s+(?=the\s)", re.IGNORECASE)


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
    unread: tuple[Span, ...] = ()  # looked like a time but could not be read (e.g. past)
    # Two times for one request ("at 3pm and again at 5pm", "on sat and sun at 10"): both,
    # in the order said, with at None and a problem, so the caller asks (or makes one each).
    times: tuple[datetime, ...] = ()


def find_spans(text: str) -> list[Span]:
    """Every phrase of text that looks like a time, left to right."""
    said = rewrite(text)
    spans = []
    for m in _SPAN.finditer(said.text):
        lead = _PREPOSITION_THE.match(m.group())  # "for the 2027-04-02 trip": still a noun's
        if attributive(said.text, m.start() + (lead.end() if lead else 0), m.end()):
            continue  # "the monday meeting notes", "plan the weekend trip"
        start, end = said.origin(m.start(), m.end())
        spans.append(Span(start, end, text[start:end]))
    return spans


def read_exact(text: str, *, now: datetime, zone: str) -> datetime | None:
    """The time text names when all of it is a time phrase, else None; WhenError if past.

    A closing mark, typed or dictated ("at 5 period", "tomorrow full stop"), is not part of it.
    """
    text = _SPOKEN_END.sub("", text.strip().rstrip(".!?").strip()).rstrip(".!?").strip()
    if _SPAN.fullmatch(rewrite(text).text) is None:
        return None
    return read_span(text, now=now, zone=zone)


def read_span(text: str, *, now: datetime, zone: str) -> datetime:
    """The time a span names ("around 5" is read as "at 5"); WhenError if it cannot be."""
    return parse_when(_AROUND.sub("at ", text), now=now, zone=zone)


def find_time(text: str, *, now: datetime, zone: str) -> Found:
    """The time text names, read in zone relative to now; at is None when it names none."""
    readable: list[tuple[Span, datetime]] = []
    unread: list[Span] = []
    problem = None
    for span in find_spans(text)[:MAX_SPANS]:
        try:
            readable.append((span, read_span(span.text, now=now, zone=zone)))
        except WhenError as exc:
            problem = problem or str(exc)
            unread.append(span)
    if not readable:
        return Found(at=None, problem=problem, unread=tuple(unread))
    if len(readable) >= 2 and _halves(readable[0][0].text, readable[1][0].text):
        # "on friday ... at 3pm": two halves of one time, apart in the sentence.
        first, second = readable[0][0], readable[1][0]
        try:
            joined = read_span(f"{first.text} {second.text}", now=now, zone=zone)
        except WhenError:
            pass
        else:
            return Found(at=joined, spans=(first, second))
    pairs = [(first, second) for (first, _), (second, _) in pairwise(readable)]
    bare = _bare_second(text, readable[0][0])  # "at 6 or 7", "at 5 and 6"
    if bare is not None and (len(readable) == 1 or readable[1][0].start >= bare.end):
        pairs.insert(0, (readable[0][0], bare))
    for first, second in pairs:
        pair = _two_times(text, first, second, now=now, zone=zone)
        if pair is not None:
            spans, times = pair
            shown = " and ".join(f"{t.astimezone(ZoneInfo(zone)):%a %H:%M}" for t in times)
            problem = f"that names two times ({shown}), and one reminder has one time"
            return Found(at=None, spans=spans, problem=problem, times=times)
    # Of times that do not go together, the first is the one "remind me <when> to ..." names;
    # the rest stay in the title ("on monday to book the hotel for friday").
    span, at = readable[0]
    return Found(at=at, spans=(span,))


# What joins two times of one request: "and", "&", "or", "plus" alone between them, or
# "(and) (then) again" right before the second ("at 5 to leave and then again at 5:15").
_JOINED: Final = re.compile(
    r"\s*,?\s*(?:and|&|or|plus)(?:\s+(?:then|also))?(?:\s+again)?\s*(?:at\s+)?", re.I
)
_BARE_AFTER: Final = re.compile(
    r"\s*,?\s*(?:and|&|or)(?:\s+again)?\s+(?:at\s+)?(?P<n>\d{1,2}(?:[:.]\d{2})?)(?![\w'.:])", re.I
)
_BARE_CLOCK: Final = re.compile(r"\d{1,2}(?:[:.]\d{2})?")


def _bare_second(text: str, first: Span) -> Span | None:
    """A bare number right after a time of day and "and"/"or": a second time ("at 6 or 7")."""
    m = _BARE_AFTER.match(text, first.end)
    if m is None or not _CLOCK_PART.search(_DAY_PART.sub(" ", rewrite(first.text).text)):
        return None
    return Span(m.start("n"), m.end("n"), m["n"])


_AGAIN: Final = re.compile(r"(?:\s*,\s*|\s+)(?:(?:and|&)\s+)?(?:then\s+)?again\s*,?\s*$", re.I)


def _two_times(
    text: str, first: Span, second: Span, *, now: datetime, zone: str
) -> tuple[tuple[Span, ...], tuple[datetime, datetime]] | None:
    """The spans and times of two times said for one request, or None.

    A day said with only one of them goes with both ("on sat and sun at 10" is Saturday
    and Sunday at 10, "tomorrow at 9 and at 5" tomorrow at 9 and at 5).
    """
    between = text[first.end : second.start]
    again = _AGAIN.search(between)
    if _JOINED.fullmatch(between):
        spans: tuple[Span, ...] = (Span(first.start, second.end, text[first.start : second.end]),)
    elif again is not None:
        start = first.end + again.start()
        spans = (first, Span(start, second.end, text[start : second.end]))
    else:
        return None
    said = [rewrite(span.text).text for span in (first, second)]
    said = [f"at {one}" if _BARE_CLOCK.fullmatch(one) else one for one in said]
    days = [" ".join(m.group() for m in _DAY_PART.finditer(one)) for one in said]
    clocks = [_DAY_PART.sub(" ", one) for one in said]
    times = []
    for i, one in enumerate(said):
        other = 1 - i
        day = days[other] if not days[i] else ""
        clock = clocks[other] if not _CLOCK_PART.search(clocks[i]) else ""
        try:
            times.append(read_span(f"{day} {one} {clock}".strip(), now=now, zone=zone))
        except WhenError:
            return None
    return spans, (times[0], times[1])


def _halves(first: str, second: str) -> bool:
    """Whether one span names only a day and the other only a time of day.

    Only such a pair reads as one time by our rules; any other would go to dateparser.
    """
    first, second = rewrite(first).text, rewrite(second).text
    days = [_DAY_PART.search(text) is not None for text in (first, second)]
    clocks = [_CLOCK_PART.search(_DAY_PART.sub(" ", text)) is not None for text in (first, second)]
    durations = [_DURATION_RE.search(text) is not None for text in (first, second)]
    return days.count(True) == 1 and clocks.count(True) == 1 and not any(durations)


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
