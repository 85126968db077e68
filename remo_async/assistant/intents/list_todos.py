"""Listing todos: "show my todos", "what's on my shopping list", "completed tasks"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Final

from remo_async.assistant.intents.create_todo import KNOWN_CATEGORIES, adds
from remo_async.assistant.results import ToolResult
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import count, listing, todo_line
from remo_async.domain.enums import Priority, TodoStatus
from remo_async.domain.models import Todo

# A listed action carries at most this many records; the text says how many there were.
MAX_LISTED: Final = 100


@dataclass(frozen=True, slots=True)
class ShowTodos:
    """List todos; status None is every status."""

    name: ClassVar[str] = "todo.list"
    status: TodoStatus | None = TodoStatus.PENDING
    priority: Priority | None = None
    category: str | None = None


ASKING: Final = re.compile(
    r"^(?:show|list|display|view|see|get|give|tell|read|check|open|pull\s+up|bring\s+up|what|"
    r"what's|whats|which|any|anything|do\s+i|have\s+i|how\s+many|are\s+there|is\s+there|"
    r"my|all|pending|upcoming|open|today's|tomorrow's|completed|done|finished|current|"
    r"remaining|outstanding|active|urgent|high|low|medium|important|i\s+want\s+to\s+see|"
    r"let\s+me\s+see|can\s+i\s+see|where\s+are)\b",
    re.IGNORECASE,
)
_TODO_WORDS: Final = re.compile(
    r"\b(?:todos?|to-?dos?|to\s+dos?|to\s+do\s+list|tasks?|my\s+list|the\s+list|checklist)\b"
    r"|\bwhat\s+(?:do|should)\s+i\s+(?:need\s+to|have\s+to)?\s*do\b|\bwhat'?s\s+left\b"
    r"|\b(?:my|the|our)\s+[\w-]+\s+list\b"
    r"|^what(?:'s|s|\s+is)\s+(?:urgent|important|high[- ]priority)\b"
    r"|^what\s+(?:urgent|important|high[- ]priority)\s+(?:stuff|things|items|tasks)\b",
    re.IGNORECASE,
)
# "what do I need to buy" asks for the shopping list.
_TO_BUY: Final = re.compile(
    r"^what\s+(?:do|should|else\s+do)\s+i\s+(?:need\s+to|have\s+to|gotta)\s+(?:buy|get|pick\s+up|grab)"
    r"(?:\s+(?:from|at|in)\s+(?:the\s+)?(?:shops?|stores?|supermarket|grocery(?:\s+store)?"
    r"|groceries|market|tesco|walmart|target|costco|aldi|lidl))?(?:\s+today|\s+later)?\s*\??$",
    re.I,
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
    r"\b(?:my|the|our)\s+(?P<list>[\w-]{1,50})\s+list\b|#(?P<tag>[\w-]{1,50})|\b(?:for|in|under)\s+(?:the\s+)?(?P<named>[\w-]+)(?:\s+category)?$"
    r"|\b(?P<before>[\w-]+)\s+(?:todos?|tasks|to-?dos)\b",
    re.IGNORECASE,
)


def is_asking(text: str) -> bool:
    """Whether text asks to see something (a question, or "show", "list", "my"...)."""
    return ASKING.match(text) is not None or text.endswith("?")


def read(text: str, _turn: Turn) -> ShowTodos | None:
    """A request to see todos, with its status, priority and category filters, or None."""
    if _TO_BUY.match(text):
        return ShowTodos(category="shopping")
    if not (_TODO_WORDS.search(text) and (is_asking(text) or len(text.split()) <= 3)):
        return None
    if adds(text):
        return None  # "could you add bread to my list?"
    status: TodoStatus | None = TodoStatus.PENDING
    for regex, found in _STATUSES:
        if regex.search(text):
            status = found
            break
    priority = next((p for regex, p in _TODO_PRIORITIES if regex.search(text)), None)
    return ShowTodos(status=status, priority=priority, category=_category(text))


def _category(text: str) -> str | None:
    for m in _TODO_CATEGORY.finditer(text.rstrip("?.! ")):
        if m["tag"] or (m["list"] and m["list"].lower() not in ("todo", "to-do", "task")):
            return (m["tag"] or m["list"]).lower()
        word = (m["named"] or m["before"] or "").lower()
        if word in KNOWN_CATEGORIES:
            return word
    return None


async def act(intent: ShowTodos, turn: Turn) -> ToolResult:
    """Lists the todos, most urgent first."""
    return await list_todos(
        turn, status=intent.status, priority=intent.priority, category=intent.category
    )


async def list_todos(
    turn: Turn,
    *,
    status: TodoStatus | None,
    priority: Priority | None = None,
    category: str | None = None,
) -> ToolResult:
    """Lists todos of status (None: every status), most urgent first."""
    found = [
        t
        async for t in turn.store.todos.iterate(
            user_id=turn.user_id, status=status, priority=priority
        )
        if category is None or (t.category or "").lower() == category.lower()
    ]
    found.sort(key=_most_urgent)
    # Pending is what "todos" means; only other statuses are named.
    said = _STATUS_WORDS.get(status, "") if status else ""
    noun = " ".join(w for w in (said, priority or "", "todo") if w)
    where = f" in #{category}" if category else ""
    if not found:
        text = f"You have no {noun}s{where}."
    else:
        lines = [todo_line(t, now=turn.now, zone=turn.zone) for t in found]
        text = listing(f"You have {count(len(found), noun)}{where}:", lines)
    listed = [t.model_dump(mode="json") for t in found[:MAX_LISTED]]
    return ToolResult(text, [{"type": "todos.listed", "todos": listed}])


_STATUS_WORDS: Final[Mapping[TodoStatus, str]] = {
    TodoStatus.DONE: "completed",
    TodoStatus.CANCELLED: "cancelled",
}
_RANK: Final[Mapping[Priority, int]] = {
    Priority.URGENT: 0,
    Priority.HIGH: 1,
    Priority.MEDIUM: 2,
    Priority.LOW: 3,
}


def _most_urgent(todo: Todo) -> tuple[int, datetime, str]:
    return _RANK[todo.priority], todo.created_at, todo.todo_id
