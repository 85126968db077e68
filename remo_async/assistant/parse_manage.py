"""Reading what changes an existing item: complete, cancel, snooze, move."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Final

from remo_async.assistant.intents import Cancel, Chat, Finish, ItemKind, Reschedule, Snooze
from remo_async.assistant.time.spans import find_spans, read_exact, tidy
from remo_async.assistant.time.when import WhenError
from remo_async.assistant.wording import sentence

SNOOZE_DEFAULT: Final = timedelta(minutes=10)
ONE_AT_A_TIME: Final = (
    "I cancel one thing at a time, so nothing is lost by mistake. Which one should I cancel?"
)

_DONE = r"(?:done|complete|completed|finished|off|ticked\s+off|checked\s+off)"
_FINISH: Final = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^(?:mark|tick|check|cross)\s+(?:off\s+)?(?P<t>.+?)\s+(?:as\s+)?{_DONE}$",
        r"^(?:tick|check|cross)\s+off\s+(?P<t>.+)$",
        r"^(?:complete|finish|done(?:\s+with)?|finished|completed)\s*[:,-]?\s+(?P<t>.+)$",
        r"^i(?:'ve|\s+have)?\s+(?:just\s+)?(?:done|finished|completed)\s+(?P<t>.+)$",
        r"^i'?m\s+(?:done|finished)\s+with\s+(?P<t>.+)$",
        rf"^(?P<t>.+?)\s+(?:is|are|was|has\s+been)\s+(?:now\s+|all\s+)?{_DONE}$",
        rf"^(?P<t>)(?:that|it|this)(?:'s|\s+is)\s+(?:all\s+)?{_DONE}$",
        r"^(?P<t>)(?:done|finished|i\s+did\s+it|did\s+it|all\s+done|completed)$",
    )
)
_CANCEL: Final = re.compile(
    r"^(?:cancel|delete|remove|drop|scrap|clear|erase|undo|get\s+rid\s+of|call\s+off"
    r"|(?P<forget>forget(?:\s+about)?))(?:\s+(?P<t>.+))?$",
    re.IGNORECASE,
)
_EVERYTHING: Final = re.compile(
    r"^(?:all|every|everything)\b|^(?:my\s+|the\s+)?(?:reminders|todos|tasks|to-dos|list)$",
    re.IGNORECASE,
)
_STOP: Final = re.compile(
    r"^(?:stop\s+reminding\s+me|(?:don'?t|do\s+not|no\s+need\s+to)\s+remind\s+me)"
    r"(?:\s+(?:to|about|of|that))?(?:\s+(?P<t>.+))?$",
    re.IGNORECASE,
)
_SNOOZE: Final = re.compile(
    r"^(?:snooze|remind\s+me\s+(?:again|later)(?:\s+about\s+(?:it|that|this))?)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_ARTICLE: Final = re.compile(r"^(?:the|my|a|an)\s+", re.IGNORECASE)
_IT_AT: Final = re.compile(r"^(?:it|that|this)\s+(?P<when>.+)$", re.IGNORECASE)
_REMIND_ME: Final = re.compile(r"\bremind\s+me\b|\blet\s+me\s+forget\b", re.IGNORECASE)
_PRONOUNS: Final = re.compile(
    r"^(?:(?:it|that|this|the\s+reminder|that\s+reminder|me|again|for|by|another)(?:\s+|$))+",
    re.IGNORECASE,
)
_UNTIL: Final = re.compile(r"^(?:until|till|til|to|at)\s+(?P<when>.+)$", re.IGNORECASE)
_TO: Final = frozenset({"to", "until", "till"})
_MOVE: Final = re.compile(
    r"^(?:move|reschedule|change|push|shift|postpone|delay|bump|put\s+off|make)\s+(?P<body>.+)$",
    re.IGNORECASE,
)
_SPLIT: Final = re.compile(r"\s+(?:back\s+)?(?P<w>to|until|till|for|at|on)\s+", re.IGNORECASE)
_SHIFT: Final = re.compile(
    r"^(?P<t>.+?)\s+(?:back\s+|forward\s+|later\s+)?(?:by\s+|back\s+)(?P<d>.+)$", re.IGNORECASE
)
_THAT: Final = re.compile(
    r"^(?:it|that|this|that\s+one|this\s+one|the\s+last\s+one|the\s+last\s+(?:reminder|todo|task)"
    r"|(?:the|that|this|my)\s+(?:reminder|todo|task|to-do)|the\s+one\s+i\s+just\s+(?:made|set|added)"
    r"|what\s+i\s+just\s+(?:said|asked|set|added)|(?:it|that|this)\s+(?:reminder|one))?$",
    re.IGNORECASE,
)
_KIND_WORDS: Final = re.compile(
    r"\b(?:the|my|a|that|this)\s+(?P<k1>reminder|todo|to-do|task)s?"
    r"(?:\s+(?:to|about|for|of|called|named|saying|that\s+says))?\b"
    r"|\b(?P<k2>reminder|todo|to-do|task)s?(?:\s+(?:to|about|for|of|called|named))?\b"
    r"|\s+from\s+(?:my\s+|the\s+)?(?P<k3>list|todos|todo\s+list|to-do\s+list|tasks|reminders)$"
    r"|^(?:the|my)\s+",
    re.IGNORECASE,
)


def read_finish(text: str) -> Finish | None:
    """Completing an item: "mark buy milk as done", "finished the report", "done"."""
    if _REMIND_ME.search(text):
        return None  # "remind me when the laundry is done"
    for regex in _FINISH:
        m = regex.match(text)
        if m is not None:
            if find_spans(m["t"] or ""):
                return None  # "finish the report by friday" asks for something new
            target, kind = read_target(m["t"] or "")
            return Finish(target=target, kind=kind)
    return None


def read_cancel(text: str) -> Cancel | Chat | None:
    """Cancelling an item: "cancel the reminder to take out the trash", "cancel that"."""
    m = _STOP.match(text)
    if m is not None:
        target, _ = read_target(m["t"] or "")
        return Cancel(target=target, kind="reminder")
    m = _CANCEL.match(text)
    if m is None:
        return None
    if _EVERYTHING.match(m["t"] or ""):
        return Chat(topic="unknown", problem=ONE_AT_A_TIME)
    target, kind = read_target(m["t"] or "")
    if target is None and m["forget"]:
        return Chat(topic="thanks")  # "forget it" drops the subject; it cancels nothing
    return Cancel(target=target, kind=kind)


def read_target(words: str) -> tuple[str | None, ItemKind | None]:
    """What the user calls an item, and whether they said it is a todo or a reminder."""
    words = tidy(words).rstrip(".!?").strip()
    kind: ItemKind | None = None
    for m in _KIND_WORDS.finditer(words):
        named = (m["k1"] or m["k2"] or m["k3"] or "").lower()
        if named in {"reminder", "reminders"}:
            kind = "reminder"
        elif named:
            kind = "todo"
    if _THAT.fullmatch(words):
        return None, kind
    target = _ARTICLE.sub("", tidy(_KIND_WORDS.sub(" ", words)))
    if not target or _THAT.fullmatch(target):
        return None, kind
    return target, kind


def read_snooze(text: str, *, now: datetime, zone: str) -> Snooze | Chat | None:
    """Snoozing the one that fired: "snooze that for 10 minutes", "snooze until 5pm"."""
    m = _SNOOZE.match(text)
    if m is None:
        return None
    rest = _PRONOUNS.sub("", tidy(m["rest"]).rstrip(".!?"))
    if not rest:
        return Snooze(until=now + SNOOZE_DEFAULT)
    until_word = _UNTIL.match(rest)
    spoken = [until_word["when"]] if until_word else [rest, f"in {rest}"]
    try:
        until = _first_time(spoken, now=now, zone=zone)
    except WhenError as exc:
        return Chat(topic="unknown", problem=f"I couldn't snooze it: {exc}.")
    if until is None:
        return Chat(topic="unknown", problem="For how long should I snooze it?")
    return Snooze(until=until)


def _first_time(candidates: list[str], *, now: datetime, zone: str) -> datetime | None:
    """The first candidate that is all a time phrase; WhenError if that one is past."""
    for text in candidates:
        at = read_exact(text, now=now, zone=zone)
        if at is not None:
            return at
    return None


def read_reschedule(text: str, *, now: datetime, zone: str) -> Reschedule | Chat | None:
    """Moving a reminder: "move it to 5pm", "push the dentist back by an hour"."""
    m = _MOVE.match(text)
    if m is None:
        return None
    body = re.sub(r"\s+instead$", "", m["body"].rstrip(".!?"), flags=re.IGNORECASE)
    try:
        shift = _SHIFT.match(body)
        if shift is not None:
            moved = _first_time([f"in {shift['d']}"], now=now, zone=zone)
            if moved is not None:
                return Reschedule(target=read_target(shift["t"])[0], shift=moved - now)
        it_at = _IT_AT.match(body)  # "make it 6pm"
        if it_at is not None:
            at = _first_time([it_at["when"], f"at {it_at['when']}"], now=now, zone=zone)
            if at is not None:
                return Reschedule(target=None, at=at)
        for split in _SPLIT.finditer(body):
            rest = body[split.end() :]
            word = split["w"].lower()
            spoken = [rest, f"at {rest}"] if word in _TO else [f"{word} {rest}"]
            at = _first_time(spoken, now=now, zone=zone)
            if at is not None:
                return Reschedule(target=read_target(body[: split.start()])[0], at=at)
    except WhenError as exc:
        return Chat(topic="unknown", problem=sentence(str(exc)))
    return None
