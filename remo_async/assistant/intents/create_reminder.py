"""Creating a reminder: "remind me to X at T", "every weekday at 7:30 ...", or asking when.

Intents: NewReminder (title, time, RRULE) and NeedTime (a title but no time: Remo asks
"When should I remind you to X?"; answer_time reads the reply).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar, Final

from pydantic import ValidationError

from remo_async.assistant import wording
from remo_async.assistant.clauses import (
    COURTESY_AFTER,
    ONE_AT_A_TIME,
    second_request,
    texting_to,
    two_times,
)
from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.intents.titles import unquote, unread_time, vague_title
from remo_async.assistant.results import ToolResult, created, problem_of, reminder_action
from remo_async.assistant.text import strip_politeness
from remo_async.assistant.time import (
    Span,
    WhenError,
    find_recurrence,
    find_spans,
    find_time,
    first_time,
    parse_when,
    remove_spans,
    tidy,
)
from remo_async.assistant.turn import Phrasing, Turn
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.models import Reminder, ReminderCreate

MAX_TITLE: Final = 200
WHAT_ABOUT: Final = "What should I remind you about?"
DUPLICATE_WINDOW: Final = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class NewReminder:
    """Remind the user of title at a time (UTC), once or on an RFC 5545 RRULE."""

    name: ClassVar[str] = "reminder.create"
    title: str
    at: datetime
    recurrence: str | None = None
    phrasing: Phrasing = "to"


@dataclass(frozen=True, slots=True)
class NeedTime:
    """A reminder with no time (or one we could not read, the problem): ask when."""

    name: ClassVar[str] = "reminder.need_time"
    title: str
    problem: str | None = None
    phrasing: Phrasing = "to"


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
    r"|give\s+me\s+a\s+(?:quick\s+)?(?:nudge|ping|shout|buzz|heads[\s-]up)"
    r"|(?:set|create|make|add)\s+(?:me\s+)?(?:an?\s+)?(?:alarm|timer)"
    r"|i(?:'d|\s+would)?\s+(?:need|want|like|could\s+use)\s+(?:a|an|another)\s+reminder"
    r"|i\s+(?:need|have|must|want|gotta|got|should|ought)"
    r")(?:\s+(?:please|pls|plz|kindly))?(?:\s+for\s+me(?=\s+to\b))?"  # "remind me plz to"
    r"(?P<link>\s*[:,-]\s*|\s+(?:(?:for\s+)?regarding|to|about|abt|bout|of|for|that|re|2|4)\s+(?=[^\W\d])|\s+|$)",
    re.IGNORECASE,
)
_WAKE: Final = re.compile(r"^wake\s+me(?:\s+up)?\b", re.IGNORECASE)
OFFER: Final = (
    'I only set reminders you ask for. Should I remind you about "{title}" {when}? '
    'Say "remind me to ..." with the time and I will.'
)
UNREAD: Final = (
    "I couldn't read the time in that. When should I remind you, and about what? "
    'For example "remind me tomorrow at 7:30pm to ring dad".'
)
JOKING: Final = "Ha, got it: I won't set that one."
REPORTED: Final = (
    "I only set reminders you ask me for. Should I remind you of something? "
    'Say "remind me to ..." with a time.'
)
# What may stand before "remind me" in a request: politeness and links, no other words.
_FILLER: Final = re.compile(
    r"\b(?:can|could|would|will|you|u|ya|please|pls|plz|kindly|hey|hi|hello|yo|so|ok|okay|oh|um"
    r"|and|also|then|just|remo|also|again|set|create|add|make|new|a|an|the|me|give|put|in"
    r"|quick|quickly|actually|for|on|at|by|i\s+was\s+thinking|do\s+not|don'?t|note\s+to\s+self"
    r"|help|mind|would\s+you\s+mind|i'?d\s+like|i\s+want|i\s+need|i\s+would\s+like|to)\b"
)
_ASKS: Final = re.compile(
    r"\bremind\b|\breminder\b|(?:(?:do\s+not|don'?t)\s+)?let\s+me\s+forget|help\s+me\s+remember"
    r"|make\s+sure\s+(?:that\s+)?i\b"
    r"|^(?:please\s+|pls\s+|plz\s+)?(?:alert|ping|nudge|notify|buzz)\s+me\b"
    r"|\bgive\s+me\s+a\s+(?:quick\s+)?(?:nudge|ping|shout|buzz|heads[\s-]up)\b"
    r"|\b(?:set|create|make|add)\s+(?:me\s+)?(?:an?\s+)?(?:alarm|timer)\b",
    re.I,
)
_QUESTION: Final = re.compile(
    r"^(?:what|when|where|who|why|how|which|is|are|do|does|did|can|could|should|will|would)\b",
    re.IGNORECASE,
)
_DANGLING: Final = re.compile(r"(?:\s+(?:at|on|by|in|for|to|and|please))+$", re.IGNORECASE)
_LINKS: Final[Mapping[str, Phrasing]] = {"to": "to", "that": "that", "2": "to"}  # texting "2"


def asks_for_reminder(text: str) -> bool:
    """Whether the words ask for a reminder ("remind", "don't let me forget"...)."""
    return _ASKS.search(text) is not None or _WAKE.match(text) is not None


def read(text: str, turn: Turn) -> NewReminder | NeedTime | Chat | None:
    """A reminder the words ask for ("remind me...", "don't let me forget..."), or None.

    The asking words must open the request, after at most a time phrase and politeness:
    "Sam told me to remind him..." or "she said she'd remind me" report, they do not ask.
    """
    if not asks_for_reminder(text):
        return None
    if _JOKING.search(text):
        return Chat(topic="aside", problem=JOKING)
    opened = _opening(text)
    if opened is None:
        return Chat(topic="aside", problem=REPORTED)
    return _read(opened, turn, strict=True)


def _opening(text: str) -> str | None:
    """The request from its reminder words on, with the time phrases said before them;
    None when other words come first ("Sam told me to remind him")."""
    m = _ASKS.search(text) or _WAKE.search(text)
    if m is None:
        return None
    head = text[: m.start()]
    kept: list[str] = []
    recurrence = find_recurrence(head)
    if recurrence is not None:
        kept.append(head[recurrence.start : recurrence.end])
        head = f"{head[: recurrence.start]} {head[recurrence.end :]}"
    spans = tuple(find_spans(head))
    kept += [span.text for span in spans]
    if re.sub(r"[\W_]+", "", _FILLER.sub(" ", remove_spans(head, spans).lower())):
        return None
    rest = text[m.start() :]
    if _LEAD.match(head.strip(" ,:-").lower() + " " + rest) and head.strip():
        rest = text[m.start() :]
    return " ".join([*kept, rest]) if kept else rest


def read_timed(text: str, turn: Turn) -> Chat | None:
    """Words with a time but no request ("my train leaves at 7.15", "call mum at 5"): Remo
    offers a reminder and creates nothing (a statement is not a request); None without a time.
    """
    found = _read(text, turn, strict=False)
    if not isinstance(found, NewReminder):
        return None
    spoken = wording.when(found.at, now=turn.now, zone=turn.zone)
    if found.recurrence is not None:
        spoken = "then"
    return Chat(topic="aside", problem=OFFER.format(title=found.title, when=spoken))


def _read(text: str, turn: Turn, *, strict: bool) -> NewReminder | NeedTime | Chat | None:
    now, zone = turn.now, turn.zone
    asked = asks_for_reminder(text)
    if strict and not asked:
        return None
    if asked:
        text = texting_to(text)  # "remind me tmrw 2 call the dentist"
    recurrence = find_recurrence(text)
    rest = text
    if recurrence is not None:
        rest = f"{text[: recurrence.start]} {text[recurrence.end :]}"
    found = find_time(rest, now=now, zone=zone)
    if not asked and (found.at is None or _QUESTION.match(text) or text.endswith("?")):
        return None
    ends_in_particle = _PARTICLE.search(" " + rest.rstrip(" .!?")) is not None  # "take the car in"
    title, phrasing = title_of(
        remove_spans(rest, found.spans + found.unread),
        keep_particle=_particle(rest, found.spans) or ends_in_particle,
    )
    if not title or vague_title(title):
        return Chat(topic="unknown", problem=WHAT_ABOUT) if asked or title else None
    if unread_time(title):
        return Chat(topic="unknown", problem=UNREAD)
    if second_request(title) or two_times(rest, found.spans):
        return Chat(topic="unknown", problem=ONE_AT_A_TIME)
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


_PARTICLE: Final = re.compile(r"\s(?:on|in|off|up|out|over|down|back|away)\s*$", re.IGNORECASE)
_PREPOSITION: Final = re.compile(r"(?:at|on|by|in|around|for|from|this|next|tomorrow)\b", re.I)


def _particle(text: str, spans: Sequence[Span]) -> bool:
    """Whether a word such as "on" before a time phrase ends the title ("put the kettle on
    at six"), since the phrase brings its own preposition."""
    return any(
        _PARTICLE.search(text[: span.start]) and _PREPOSITION.match(span.text.strip())
        for span in spans
    )


def title_of(text: str, *, keep_particle: bool = False) -> tuple[str, Phrasing]:
    """The title in what is left once the time is taken out, and how it reads after "remind you"."""
    text = strip_politeness(tidy(text))  # "on friday, could you remind me to X?"
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
    text = tidy(text if keep_particle else _DANGLING.sub("", tidy(text)))
    text = unquote(text.rstrip(".!?").strip())
    text = _THANKS_TAIL.sub("", text).strip()  # "gym thx 🙏"
    m = COURTESY_AFTER.search(text)  # "call mum. Thank you so much!"
    text = text[: m.start()].strip() if m else text
    return text[:MAX_TITLE].strip(), phrasing


# A closing "thx", "pls" or run of symbols ("gym thx 🙏"). Commas belong to one part only
# (a comma read as a symbol or as the start of ", please" backtracked exponentially).
_THANKS_TAIL: Final = re.compile(
    r"(?:[\s,]+(?:thx|thanks|thank\s+you|ty|cheers|pls|plz|please)|\s*[^\w\s.!?'\"),\]]++)*"
    r"[\s,]*$",
    re.IGNORECASE,
)
_JOKING: Final = re.compile(
    r"(?:^|[\s,.!(])(?:jk|j/k|just\s+kidding|kidding|joking|just\s+joking|lol\s+no)[\s!.)]*$",
    re.IGNORECASE,
)


def ask_when(title: str, phrasing: Phrasing) -> str:
    """Remo's question for a reminder without a time."""
    return f"When should I remind you {wording.about(title, phrasing)}?"


async def act(intent: NewReminder | NeedTime, turn: Turn) -> ToolResult:
    """Creates the reminder, or asks when (NeedTime, with the problem found if any)."""
    if isinstance(intent, NeedTime):
        question = ask_when(intent.title, intent.phrasing)
        problem = intent.problem
        return ToolResult(f"{wording.sentence(problem)} {question}" if problem else question)
    return await set_reminder(
        intent.title, intent.at, turn, recurrence=intent.recurrence, phrasing=intent.phrasing
    )


async def set_reminder(
    title: str,
    when: str | datetime,
    turn: Turn,
    *,
    description: str = "",
    recurrence: str | None = None,
    phrasing: Phrasing = "to",
) -> ToolResult:
    """Creates a reminder; `when` is a datetime or words/ISO 8601 read in the turn's zone.

    Answers (no action) instead of raising when the time is unreadable or past, or the
    fields fail the model (title 1..200 characters, RRULE as the API accepts it).
    """
    now, zone = turn.now, turn.zone
    try:
        at = when if isinstance(when, datetime) else parse_when(when, now=now, zone=zone)
        if at < now:
            # ISO 8601 with an offset is read as given, even when past; a reminder never is.
            raise WhenError(f"{at.isoformat()} has already passed")
        data = ReminderCreate(
            title=title,
            description=description,
            reminding_time=at,
            timezone=zone,
            recurrence=recurrence or None,
        )
    except WhenError as exc:
        return ToolResult(f"I couldn't read that time: {exc}.")
    except ValidationError as exc:
        return ToolResult(f"I couldn't set that reminder ({problem_of(exc)}).")
    twin = await _recent_twin(title, turn)
    reminder = await turn.store.reminders.create(user_id=turn.user_id, data=data)
    text = wording.reminder_set(reminder, phrasing=phrasing, now=now, zone=zone)
    if twin is not None:
        spoken = wording.when(twin.reminding_time, now=now, zone=zone)
        text += f' You already have a reminder "{twin.title}" {spoken}.'
    return ToolResult(text, [reminder_action("created", reminder)], created(reminder))


async def _recent_twin(title: str, turn: Turn) -> Reminder | None:
    """A pending reminder with the same title created within DUPLICATE_WINDOW."""
    said = " ".join(title.casefold().split())
    since = turn.now - DUPLICATE_WINDOW
    async for reminder in turn.store.reminders.iterate(
        user_id=turn.user_id, status=ReminderStatus.PENDING
    ):
        if reminder.created_at >= since and " ".join(reminder.title.casefold().split()) == said:
            return reminder
    return None
