"""parse_message: what a chat message asks for, as plain data (pure; no I/O)."""

from __future__ import annotations

from datetime import datetime

from remo_async.assistant.intents import Intent, read_turn
from remo_async.assistant.text import MAX_MESSAGE
from remo_async.assistant.turn import Turn

__all__ = ["MAX_MESSAGE", "parse_message"]


def parse_message(text: str, *, now: datetime, zone: str) -> Intent:
    """What a message asks for, with times read in zone relative to now; never raises for text.

    Read as a first message (no history, no memory): "both" or "the first one" are then
    not answers to anything.
    """
    return read_turn(text, Turn.offline(now=now, zone=zone))
