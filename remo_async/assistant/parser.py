"""parse_message: what a chat message asks for, as plain data (pure; no I/O)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Final

from remo_async.assistant.intents import Chat, Intent, JustTime
from remo_async.assistant.parse_list import read_listing
from remo_async.assistant.parse_manage import (
    read_cancel,
    read_finish,
    read_reschedule,
    read_snooze,
)
from remo_async.assistant.parse_reminder import read_reminder
from remo_async.assistant.parse_todo import read_todo
from remo_async.assistant.time.spans import read_exact
from remo_async.assistant.time.when import WhenError
from remo_async.assistant.wording import sentence

MAX_MESSAGE: Final = 4000

_GREETING: Final = re.compile(
    r"^(?:hi|hello|hey|hiya|heya|yo|howdy|hola|sup|greetings|good\s+(?:morning|afternoon|evening|day)"
    r"|what'?s\s+up|how\s+are\s+you(?:\s+doing)?(?:\s+today)?|how'?s\s+it\s+going)"
    r"(?:[\s,]+(?:there|remo|again|friend|buddy))*[\s!.?]*$",
    re.IGNORECASE,
)
_THANKS: Final = re.compile(
    r"^(?:thanks?(?:\s+you)?|thank\s+you(?:\s+so\s+much|\s+very\s+much)?|thx|ty|cheers|great"
    r"|awesome|perfect|cool|nice|ok(?:ay)?|got\s+it|sounds\s+good|good|alright|all\s+right|k"
    r"|never\s*mind|nevermind|no\s+thanks|nothing|that'?s\s+all|bye|goodbye|see\s+you)"
    r"(?:[\s,!.]+(?:remo|thanks|a\s+lot|very\s+much|so\s+much|again|then))*[\s!.]*$",
    re.IGNORECASE,
)
_HELP: Final = re.compile(
    r"^(?:help|help\s+me|\?+|what\s+can\s+you\s+do|what\s+do\s+you\s+do|how\s+does\s+this\s+work"
    r"|how\s+do\s+(?:i|you)\s+(?:use\s+(?:this|you|remo|it)|work)|commands|menu|options"
    r"|who\s+are\s+you|what\s+are\s+you|what\s+can\s+i\s+(?:say|ask|do)|how\s+can\s+you\s+help)"
    r"(?:[\s,]+(?:remo|me|please))*[\s!.?]*$",
    re.IGNORECASE,
)
_POLITE: Final = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|oh|um|so|and|also|alright)\s+remo\b[\s,!.:]*|remo[\s,!.:]+"
    r"|(?:ok|okay|oh|um|so|and|also|alright|yes|yeah|great|thanks|actually|wait|hmm|no|sorry)"
    r"[,!.]?\s+(?=\w)"
    r"|please[,]?\s+|pls\s+|plz\s+|kindly\s+|quick(?:ly)?[,]?\s+"
    r"|(?:can|could|would|will)\s+you(?:\s+please)?\s+|i(?:'d|\s+would)\s+like\s+you\s+to\s+"
    r"|i\s+want\s+you\s+to\s+|go\s+ahead\s+and\s+)+",
    re.IGNORECASE,
)
_TRAILING: Final = re.compile(
    r"(?:[\s,]+(?:please|pls|plz|thanks|thank\s+you|thx|remo|ok|okay)\b)+[\s.!?]*$", re.IGNORECASE
)

_Reader = Callable[[str, datetime, str], Intent | None]


def _normalize(text: str) -> str:
    text = text[:MAX_MESSAGE].replace("’", "'").replace("‘", "'").replace("“", '"')
    return " ".join(text.replace("”", '"').split())


def _strip_politeness(text: str) -> str:
    """The request without "hey remo", "could you please" and a closing "thanks"."""
    text = _POLITE.sub("", text, count=1)
    question = text.rstrip().endswith("?")
    text = _TRAILING.sub("", text).strip()
    text = text.rstrip(" .!")
    return f"{text.rstrip('?')}?" if question and text else text


def _small_talk(text: str) -> Chat | None:
    if _GREETING.match(text):
        return Chat(topic="greeting")
    if _HELP.match(text):
        return Chat(topic="help")
    if _THANKS.match(text):
        return Chat(topic="thanks")
    return None


def _just_time(text: str, now: datetime, zone: str) -> Intent | None:
    try:
        at = read_exact(text, now=now, zone=zone)
    except WhenError as exc:
        return Chat(topic="unknown", problem=sentence(str(exc)))
    return None if at is None else JustTime(at=at)


# Order matters: a command verb at the start wins over a time anywhere in the sentence.
_READERS: Final[tuple[_Reader, ...]] = (
    lambda text, now, zone: read_snooze(text, now=now, zone=zone),
    lambda text, _now, _zone: read_cancel(text),
    lambda text, _now, _zone: read_finish(text),
    lambda text, now, zone: read_reschedule(text, now=now, zone=zone),
    lambda text, _now, _zone: read_listing(text),
    lambda text, now, zone: read_todo(text, now=now, zone=zone),
    lambda text, now, zone: read_reminder(text, now=now, zone=zone, strict=True),
    _just_time,
    lambda text, now, zone: read_reminder(text, now=now, zone=zone, strict=False),
)


def parse_message(text: str, *, now: datetime, zone: str) -> Intent:
    """What a message asks for, with times read in zone relative to now; never raises for text."""
    clean = _normalize(text)
    found = _small_talk(clean)
    if found is not None:
        return found
    request = _strip_politeness(clean)
    if not request:
        return Chat(topic="unknown")
    found = _small_talk(request)
    if found is not None:
        return found
    for reader in _READERS:
        try:
            intent = reader(request, now, zone)
        except WhenError as exc:
            return Chat(topic="unknown", problem=sentence(str(exc)))
        if intent is not None:
            return intent
    return Chat(topic="unknown")
