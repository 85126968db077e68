"""A message that is only a time: the answer to Remo's "When should I remind you ...?"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Final

from remo_async.assistant import references, wording
from remo_async.assistant.intents.create_reminder import set_reminder
from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.intents.snooze import last_fired, snooze
from remo_async.assistant.results import ToolResult
from remo_async.assistant.time import WhenError, read_exact
from remo_async.assistant.turn import Phrasing, Turn


@dataclass(frozen=True, slots=True)
class JustTime:
    """Only a time (UTC): the answer to "when should I remind you?"."""

    name: ClassVar[str] = "time"
    at: datetime


# Remo's own question, which the next message may answer with just a time.
_ASKED: Final = re.compile(r"When should I remind you (?P<link>to|that|about) (?P<title>.+)\?$")
_ASKED_REACH: Final = 400  # the question with a 200-character title fits
_RECENT_MESSAGES: Final = 4
# A bare time with no question open snoozes a reminder that went off this recently.
JUST_FIRED: Final = references.JUST_FIRED


def read(text: str, turn: Turn) -> JustTime | Chat | None:
    """The whole message as one time phrase ("at 5pm", "tomorrow"), or None."""
    try:
        at = read_exact(text, now=turn.now, zone=turn.zone)
    except WhenError as exc:
        return Chat(topic="unknown", problem=wording.sentence(str(exc)))
    return None if at is None else JustTime(at=at)


def asked_title(question: str) -> tuple[str, Phrasing] | None:
    """The title and phrasing of an ask_when question, read back; None for other text."""
    # Only the end can be the question: a 16,000-character answer is not searched whole.
    m = _ASKED.search(question.strip()[-_ASKED_REACH:])
    if m is None:
        return None
    link: Phrasing = "to" if m["link"] == "to" else "that" if m["link"] == "that" else "about"
    title = m["title"].strip('"') if link == "about" else wording.as_mine(m["title"])
    return title, link


async def act(intent: JustTime, turn: Turn) -> ToolResult:
    """A bare time answers Remo's last question, if that asked when to remind."""
    asked = _last_question(entry.get("content") for entry in turn.history if _is_remo(entry))
    if asked is None and not turn.history:
        # The client sent no history: our own memory holds the last answer we gave.
        recent = await turn.store.conversations.recent(user_id=turn.user_id, count=_RECENT_MESSAGES)
        asked = _last_question(m.content for m in recent if m.role.value == "assistant")
    if asked is None:
        fired = await last_fired(turn, within=JUST_FIRED)
        if fired is not None:  # "in 20 min please" when a reminder just went off
            return await snooze(fired, intent.at, turn)
        spoken = wording.when(intent.at, now=turn.now, zone=turn.zone)
        return ToolResult(f"What should I remind you about {spoken}?")
    title, phrasing = asked
    return await set_reminder(title, intent.at, turn, phrasing=phrasing)


def _is_remo(entry: object) -> bool:
    return isinstance(entry, dict) and entry.get("role") == "assistant"


def _last_question(answers: Iterable[object]) -> tuple[str, Phrasing] | None:
    last = None
    for answer in answers:
        last = answer
    return asked_title(last) if isinstance(last, str) else None
