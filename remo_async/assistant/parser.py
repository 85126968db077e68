"""parse_message: what a chat message asks for, as plain data (pure; no I/O)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final

from remo_async.assistant.intents import READERS, Chat, Intent, small_talk
from remo_async.assistant.time.when import WhenError
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import sentence

MAX_MESSAGE: Final = 4000

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


def normalize(text: str) -> str:
    """At most MAX_MESSAGE characters, straight quotes, single spaces."""
    text = text[:MAX_MESSAGE].replace("’", "'").replace("‘", "'").replace("“", '"')
    return " ".join(text.replace("”", '"').split())


def strip_politeness(text: str) -> str:
    """The request without "hey remo", "could you please" and a closing "thanks"."""
    text = _POLITE.sub("", text, count=1)
    question = text.rstrip().endswith("?")
    text = _TRAILING.sub("", text).strip()
    text = text.rstrip(" .!")
    return f"{text.rstrip('?')}?" if question and text else text


def read_turn(text: str, turn: Turn) -> Intent:
    """What a message asks for in turn (its now, zone and history); never raises for text."""
    clean = normalize(text)
    found: Intent | None = small_talk.read(clean)
    if found is not None:
        return found
    request = strip_politeness(clean)
    if not request:
        return Chat(topic="unknown")
    found = small_talk.read(request)
    if found is not None:
        return found
    for reader in READERS:
        try:
            found = reader(request, turn)
        except WhenError as exc:
            return Chat(topic="unknown", problem=sentence(str(exc)))
        if found is not None:
            return found
    return Chat(topic="unknown")


def parse_message(text: str, *, now: datetime, zone: str) -> Intent:
    """What a message asks for, with times read in zone relative to now; never raises for text."""
    return read_turn(text, Turn.offline(now=now, zone=zone))
