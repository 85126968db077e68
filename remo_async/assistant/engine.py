"""The built-in engine: parse_message, then the tools; offline, deterministic and fast."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import structlog

from remo_async.assistant import manage, tools, wording
from remo_async.assistant.base import Reply
from remo_async.assistant.intents import (
    Cancel,
    Chat,
    Finish,
    Intent,
    JustTime,
    NeedTime,
    NewReminder,
    NewTodo,
    Phrasing,
    Reschedule,
    ShowReminders,
    ShowTodos,
    Snooze,
)
from remo_async.assistant.parser import parse_message
from remo_async.assistant.results import ToolResult
from remo_async.assistant.wording import sentence
from remo_async.domain.times import Clock
from remo_async.store import Store

log = structlog.get_logger("remo_async.assistant")

# Remo's own question, which the next message may answer with just a time.
_ASKED: Final = re.compile(r"When should I remind you (?P<link>to|that|about) (?P<title>.+)\?$")
_CHAT: Final[Mapping[str, str]] = {
    "greeting": wording.GREETING,
    "help": wording.HELP,
    "thanks": wording.THANKS,
    "unknown": wording.UNKNOWN,
}
_RECENT_MESSAGES: Final = 4


def ask_when(title: str, phrasing: Phrasing) -> str:
    """Remo's question for a reminder without a time."""
    return f"When should I remind you {wording.about(title, phrasing)}?"


def asked_title(question: str) -> tuple[str, Phrasing] | None:
    """The title and phrasing of an ask_when question, read back; None for other text."""
    m = _ASKED.search(question.strip())
    if m is None:
        return None
    link: Phrasing = "to" if m["link"] == "to" else "that" if m["link"] == "that" else "about"
    title = m["title"].strip('"') if link == "about" else wording.as_mine(m["title"])
    return title, link


@dataclass(frozen=True, slots=True)
class Turn:
    """One message being answered: whose, when, in which zone, after what."""

    store: Store
    user_id: str
    now: datetime
    zone: str
    history: list[dict[str, str]]


class BuiltinEngine:
    """Answers with our own parser and the tools; needs no model."""

    def __init__(self, *, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def reply(self, *, user_id: str, message: str, history: list[dict[str, str]]) -> Reply:
        """Answers message; never raises for user text (StoreUnavailable passes through)."""
        now = self._clock()
        preferences = await self._store.users.get_preferences(privy_id=user_id)
        turn = Turn(self._store, user_id, now, preferences.timezone, history)
        try:
            intent = parse_message(message, now=now, zone=turn.zone)
        except (ValueError, OverflowError, LookupError):
            # The parser reads any text; this is a last guard so a bug costs one answer.
            log.warning("assistant.parse_failed", exc_info=True)
            intent = Chat(topic="unknown")
        result = await act(intent, turn)
        return Reply(text=result.text, actions=result.actions)


async def act(intent: Intent, turn: Turn) -> ToolResult:
    """Does what intent asks, with the tools."""
    store, user_id, now, zone = turn.store, turn.user_id, turn.now, turn.zone
    match intent:
        case NewReminder():
            return await _new_reminder(intent, turn)
        case NeedTime(title=title, problem=problem, phrasing=phrasing):
            question = ask_when(title, phrasing)
            return ToolResult(f"{sentence(problem)} {question}" if problem else question)
        case JustTime(at=at):
            return await _answer_when(at, turn)
        case ShowReminders(scope=scope):
            return await tools.list_reminders(
                scope == "all", user_id, store=store, now=now, zone=zone, scope=scope
            )
        case NewTodo():
            return await _new_todo(intent, turn)
        case ShowTodos():
            return await _show_todos(intent, turn)
        case Finish(target=target, kind=kind):
            return await manage.complete_item(
                target, kind, user_id, store=store, now=now, zone=zone
            )
        case Cancel(target=target, kind=kind):
            return await manage.cancel_item(target, kind, user_id, store=store, now=now, zone=zone)
        case Snooze(until=until):
            return await manage.snooze_last(until, user_id, store=store, now=now, zone=zone)
        case Reschedule(target=target, at=at, shift=shift):
            return await manage.move_reminder(
                target, user_id, at=at, shift=shift, store=store, now=now, zone=zone
            )
        case Chat(topic=topic, problem=problem):
            return ToolResult(problem or _CHAT[topic])
    return ToolResult(wording.UNKNOWN)


async def _new_reminder(intent: NewReminder, turn: Turn) -> ToolResult:
    return await tools.set_reminder(
        intent.title,
        intent.at,
        "",
        turn.user_id,
        store=turn.store,
        now=turn.now,
        zone=turn.zone,
        recurrence=intent.recurrence,
        phrasing=intent.phrasing,
    )


async def _new_todo(intent: NewTodo, turn: Turn) -> ToolResult:
    return await tools.add_todo(
        intent.title,
        intent.priority,
        intent.category,
        turn.user_id,
        store=turn.store,
        now=turn.now,
        zone=turn.zone,
        due=intent.due,
    )


async def _show_todos(intent: ShowTodos, turn: Turn) -> ToolResult:
    return await tools.list_todos(
        intent.status is None,
        turn.user_id,
        store=turn.store,
        now=turn.now,
        zone=turn.zone,
        status=intent.status,
        priority=intent.priority,
        category=intent.category,
    )


async def _answer_when(at: datetime, turn: Turn) -> ToolResult:
    """A bare time answers Remo's last question, if that asked when to remind."""
    asked = _last_question(entry.get("content") for entry in turn.history if _is_remo(entry))
    if asked is None and not turn.history:
        # The client sent no history: our own memory holds the last answer we gave.
        recent = await turn.store.conversations.recent(user_id=turn.user_id, count=_RECENT_MESSAGES)
        asked = _last_question(m.content for m in recent if m.role.value == "assistant")
    if asked is None:
        spoken = wording.when(at, now=turn.now, zone=turn.zone)
        return ToolResult(f"What should I remind you about {spoken}?")
    title, phrasing = asked
    return await tools.set_reminder(
        title,
        at,
        "",
        turn.user_id,
        store=turn.store,
        now=turn.now,
        zone=turn.zone,
        phrasing=phrasing,
    )


def _is_remo(entry: object) -> bool:
    return isinstance(entry, dict) and entry.get("role") == "assistant"


def _last_question(answers: Iterable[object]) -> tuple[str, Phrasing] | None:
    last = None
    for answer in answers:
        last = answer
    return asked_title(last) if isinstance(last, str) else None
