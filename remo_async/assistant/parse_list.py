"""Reading a request to list reminders or todos, and its filters."""

from __future__ import annotations

import re
from typing import Final

from remo_async.assistant.intents import ReminderScope, ShowReminders, ShowTodos
from remo_async.assistant.parse_todo import KNOWN_CATEGORIES
from remo_async.domain.enums import Priority, TodoStatus

_ASKING: Final = re.compile(
    r"^(?:show|list|display|view|see|get|give|tell|read|check|open|pull\s+up|bring\s+up|what|"
    r"what's|whats|which|any|anything|do\s+i|have\s+i|how\s+many|are\s+there|is\s+there|"
    r"my|all|pending|upcoming|open|today's|tomorrow's|completed|done|finished|current|"
    r"remaining|outstanding|active|urgent|high|low|medium|important|i\s+want\s+to\s+see|"
    r"let\s+me\s+see|can\s+i\s+see|where\s+are)\b",
    re.IGNORECASE,
)
_TODO_WORDS: Final = re.compile(
    r"\b(?:todos?|to-?dos?|to\s+dos?|to\s+do\s+list|tasks?|my\s+list|the\s+list|checklist)\b"
    r"|\bwhat\s+(?:do|should)\s+i\s+(?:need\s+to|have\s+to)?\s*do\b|\bwhat'?s\s+left\b",
    re.IGNORECASE,
)
_REMINDER_WORDS: Final = re.compile(
    r"\breminders?\b|\bschedule\b|\bagenda\b|\bcalendar\b|\bplans?\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:on\s+|happening\s+|planned\s+|coming\s+up\b|next\b)"
    r"|\bwhat\s+do\s+i\s+have\b|\bwhat\s+have\s+i\s+got\b|\banything\s+(?:on|planned|today|tomorrow)\b",
    re.IGNORECASE,
)
_SCOPE_WORDS: Final[tuple[tuple[str, ReminderScope], ...]] = (
    (r"done|completed|finished|past|old|previous", "done"),
    (r"today|today's|tonight", "today"),
    (r"tomorrow|tomorrow's|tmrw", "tomorrow"),
    (r"upcoming|next|coming\s+up|future|scheduled|later", "upcoming"),
    (r"all|every|everything|entire", "all"),
    (r"pending|active|open|outstanding|remaining", "pending"),
)
_SCOPES: Final = tuple(
    (re.compile(rf"\b(?:{words})\b", re.IGNORECASE), scope) for words, scope in _SCOPE_WORDS
)
_STATUSES: Final[tuple[tuple[re.Pattern[str], TodoStatus | None], ...]] = tuple(
    (re.compile(rf"\b(?:{words})\b", re.IGNORECASE), status)
    for words, status in (
        (r"cancell?ed", TodoStatus.CANCELLED),
        (r"done|completed|finished|ticked\s+off|checked\s+off", TodoStatus.DONE),
        (r"all|every|everything|entire", None),
    )
)
_TODO_PRIORITIES: Final[tuple[tuple[re.Pattern[str], Priority], ...]] = tuple(
    (re.compile(rf"\b(?:{words})\b", re.IGNORECASE), priority)
    for words, priority in (
        (r"urgent", Priority.URGENT),
        (r"high(?:[- ]priority)?|important", Priority.HIGH),
        (r"low(?:[- ]priority)?", Priority.LOW),
        (r"medium(?:[- ]priority)?|normal[- ]priority", Priority.MEDIUM),
    )
)
_TODO_CATEGORY: Final = re.compile(
    r"#(?P<tag>[\w-]{1,50})|\b(?:for|in|under)\s+(?:the\s+)?(?P<named>[\w-]+)(?:\s+category)?$"
    r"|\b(?P<before>[\w-]+)\s+(?:todos?|tasks|to-?dos)\b",
    re.IGNORECASE,
)


def read_listing(text: str) -> ShowReminders | ShowTodos | None:
    """A request to see reminders or todos, or None."""
    asking = _ASKING.match(text) is not None or text.endswith("?")
    if _TODO_WORDS.search(text) and (asking or len(text.split()) <= 3):
        return _todos(text)
    if _REMINDER_WORDS.search(text) and (asking or len(text.split()) <= 3):
        return ShowReminders(scope=_scope(text))
    return None


def _scope(text: str) -> ReminderScope:
    for regex, scope in _SCOPES:
        if regex.search(text):
            return scope
    return "open"


def _todos(text: str) -> ShowTodos:
    status: TodoStatus | None = TodoStatus.PENDING
    for regex, found in _STATUSES:
        if regex.search(text):
            status = found
            break
    priority = next((p for regex, p in _TODO_PRIORITIES if regex.search(text)), None)
    return ShowTodos(status=status, priority=priority, category=_category(text))


def _category(text: str) -> str | None:
    for m in _TODO_CATEGORY.finditer(text.rstrip("?.! ")):
        if m["tag"]:
            return m["tag"].lower()
        word = (m["named"] or m["before"] or "").lower()
        if word in KNOWN_CATEGORIES:
            return word
    return None
