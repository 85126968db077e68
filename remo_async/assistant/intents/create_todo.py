"""Creating a todo: "add X to my Y list", "todo: X", "urgent: X", "I need to X".

Intent NewTodo: title, priority, category, due date; read() takes the priority,
category ("#home", "for work") and due words ("by friday") out of the title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import ClassVar, Final

from pydantic import ValidationError
from rapidfuzz.distance import OSA

from remo_async.assistant.intents.create_reminder import MAX_TITLE, asks_for_reminder
from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.intents.titles import unquote, vague_title
from remo_async.assistant.results import ToolResult, created, problem_of, todo_action
from remo_async.assistant.time import WhenError, find_spans, parse_due, tidy
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import todo_line
from remo_async.domain.enums import Priority
from remo_async.domain.models import TodoCreate


@dataclass(frozen=True, slots=True)
class NewTodo:
    """Add a todo; due is a date (or a datetime in UTC when a time was said)."""

    name: ClassVar[str] = "todo.create"
    title: str
    priority: Priority = Priority.MEDIUM
    category: str | None = None
    due: date | datetime | None = None


_ITEM = r"(?:todo|to-do|to\s+do|task|item)"
_EXPLICIT: Final = re.compile(
    rf"^(?:add|create|make|new|save|log|put\s+in)\s+(?:a\s+|an\s+|another\s+|new\s+|one\s+)*"
    rf"(?P<pri>[\w-]+(?:\s+priority)?\s+)??{_ITEM}s?"
    r"(?:\s*[:,-]\s*|\s+(?:to|that|for|called|named|saying)\s+|\s+)(?P<title>.+)$"
    rf"|^(?:new\s+)?{_ITEM}\s*[:-]\s*(?P<title2>.+)$"
    r"|^(?:todo|to-do)\s+(?!lists?\b|items?\b|for\b|today\b|tomorrow\b)(?P<title3>\w+\s+.+)$",
    re.IGNORECASE,
)
# A bare line the user tagged as a todo: "pay rent by friday, low priority", "socks #home".
_TAGGED: Final = re.compile(
    r"(?:,\s*|\(\s*|\s+-\s+|\s+)(?:(?:high|low|medium|top)[- ]prio(?:rity)?|urgent|asap"
    r"|not\s+urgent|no\s+rush)\s*\)?$|(?:^|\s)#[\w-]+",
    re.IGNORECASE,
)
_ADDING: Final = re.compile(
    r"^(?:add|put|create|write|jot|note|stick|new|make|save|log)\b|^(?:todo|to-do|task)\s*[:-]"
)


def adds(text: str) -> bool:
    """Whether text asks to add something ("add ...", "todo: ...", "todo buy milk")."""
    m = _EXPLICIT.match(text)
    if _LEADING.match(text) is not None or _ADDING.match(text.lower()) is not None:
        return True
    return m is not None and bool(m["title3"])


_ONTO_LIST: Final = re.compile(
    r"^(?:please\s+)?(?:add|put|write|jot(?:\s+down)?|note(?:\s+down)?|stick)\s+(?P<title>.+?)\s+"
    r"(?:to|on|onto|in|into)\s+(?:my\s+|the\s+|our\s+)?"
    r"(?:(?P<cat>(?!to\b|todo|to-do|task)[\w-]+)\s+)?(?:(?:to\s+do|to-do|todo|task)\s+)?"
    r"(?:list|todos|to-dos|tasks|todo|to\s+dos)$"
    r"|^(?:please\s+)?(?:add|put)\s+(?P<title2>.+?)\s+(?:to|on|onto)\s+(?:my\s+|the\s+|our\s+)?"
    r"(?P<cat2>shopping|groceries|grocery)$",
    re.IGNORECASE,
)
_BARE_ADD: Final = re.compile(r"^(?:add|jot\s+down|note\s+down)\s+(?P<title>.+)$", re.IGNORECASE)
_NEED_TO: Final = re.compile(
    r"^i\s+(?:(?:need|have|got|ought)\s+to|must|should|gotta)\s+(?P<title>.+)$", re.IGNORECASE
)
_AS = r"(?:with\s+|as\s+|at\s+)?(?:an?\s+)?"
# "priority: X" first, so its X is not read again as a loose word.
_PRIORITY_PHRASES: Final = (
    (r"priority\s*[:=]?\s*low", Priority.LOW),
    (r"priority\s*[:=]?\s*urgent", Priority.URGENT),
    (r"priority\s*[:=]?\s*high", Priority.HIGH),
    (r"not\s+urgent|low[- ]prio(?:rity)?|no\s+rush", Priority.LOW),
    (r"(?:urgent(?:ly)?|asap|top[- ]priority|critical)(?:\s+priority)?", Priority.URGENT),
    (r"high[- ]prio(?:rity)?|important", Priority.HIGH),
    (r"(?:medium|normal)[- ]prio(?:rity)?", Priority.MEDIUM),
)
_PRIORITIES: Final = tuple(
    # The separator run is matched from its first character only (the lookbehind): from
    # every position inside a long run of spaces and commas, the search was quadratic.
    (
        re.compile(rf"(?:^|(?<![\s,(])[\s,(]+){_AS}(?:{words})(?=$|[\s,.!):])", re.IGNORECASE),
        priority,
    )
    for words, priority in _PRIORITY_PHRASES
)
_PRIORITY_WORDS: Final[Mapping[str, Priority]] = {
    "urgent": Priority.URGENT,
    "high": Priority.HIGH,
    "important": Priority.HIGH,
    "low": Priority.LOW,
    "medium": Priority.MEDIUM,
    "normal": Priority.MEDIUM,
}
# "for X" names a category only for these, so "buy a gift for mum" keeps its "for mum".
KNOWN_CATEGORIES: Final = frozenset(
    (
        *("work", "home", "personal", "family", "school", "travel", "shopping", "health"),
        *("errands", "finance", "money", "house", "garden", "kids", "office", "study"),
        *("business", "fitness", "chores", "groceries", "admin", "bills"),
    )
)
_HASHTAG: Final = re.compile(r"(?:^|\s)#(?P<cat>[\w-]{1,50})(?![\w-])")
_CATEGORY_END: Final = re.compile(
    r"\s+(?:under|in\s+(?:the\s+)?(?=[\w-]+\s+(?:category|list|section)$)|in\s+category|category\s*:?)"
    r"\s*(?P<cat>[\w-]{1,50})(?:\s+(?:category|list|section))?$"
    r"|\s+for\s+(?P<known>[\w-]+)$",
    re.IGNORECASE,
)
_DUE_LEAD: Final = re.compile(
    r"(?:\s+|^)(?:due(?:\s+(?:on|by))?|before|until|no\s+later\s+than)$", re.I
)


_LEADING: Final = re.compile(
    r"^(?P<pri>urgent|asap|important|(?:high|low|medium|normal|top)[- ]prio(?:rity)?)"
    r"\s*[:,-]\s*(?P<title>.+)$"
    r"|^for\s+(?P<cat>[\w-]{1,50})\s*:\s*(?P<title2>.+)$",
    re.IGNORECASE,
)
_ASKED: Final = re.compile(r"[?]+$")
_HASHTAGS: Final = re.compile(r"(?:^|\s)#[\w-]+")
_PARENS: Final = re.compile(r"\(\s*\)|\s*[()]\s*$|^\s*[()]\s*")
_QUESTION: Final = re.compile(
    r"^(?:what|when|where|who|why|how|which|is|are|do|does|did|should|will|would|show|list)\b", re.I
)
WHAT_TO_ADD: Final = "What should I add to your list?"


def read(text: str, turn: Turn) -> NewTodo | Chat | None:
    """A new todo from "add a todo ...", "add X to my list", "todo: X", "urgent: X",
    "for work: X" or "I need to X"; a question when its title names nothing ("add it")."""
    text = _ASKED.sub("", text).strip()  # "could you add milk to my list?"
    lead = _LEADING.match(text)
    if lead is not None:
        rest = lead["title"] or lead["title2"]
        inner = read(rest, turn) or _with_extras(
            rest, now=turn.now, zone=turn.zone, priority=None, category=None
        )
        if not isinstance(inner, NewTodo):
            return inner
        if lead["pri"]:
            return replace(inner, priority=_take_priority(lead["pri"])[1] or inner.priority)
        return replace(inner, category=lead["cat"].lower())
    found = _read(_plain(text), turn)
    if found is not None and (vague_title(found.title) or _NAMES_NOTHING.search(found.title)):
        return Chat(topic="unknown", problem=WHAT_TO_ADD)
    if found is not None and found.category is not None:
        return replace(found, category=_known_category(found.category))
    return found


# Ways of saying "add to my list" around the title: "add to my list: X",
# "I need to X, put it on my list", "I need to remember to X".
_LIST_FIRST: Final = re.compile(
    r"^(?P<verb>add|put|write|jot\s+down|note\s+down|stick)\s+(?:this\s+|these\s+)?"
    r"(?:to|on|onto)\s+(?:my|the|our)\s+(?:(?P<cat>[\w-]+)\s+)?(?:list|todos|to-dos|tasks)"
    r"\s*[:,-]\s*(?P<title>.+)$",
    re.IGNORECASE,
)
_PUT_IT_ON: Final = re.compile(
    r"\s*[,;.-]\s*(?:and\s+)?(?:please\s+)?(?:put|add|stick|write)\s+(?:it|that|this)\s+"
    r"(?:on|to|onto|in)\s+(?:my|the|our)\s+(?:todo\s+|to-do\s+)?(?:list|todos)(?:\s+please)?$",
    re.IGNORECASE,
)
_REMEMBER: Final = re.compile(r"^(i\s+(?:need|have|got|ought)\s+to)\s+remember\s+to\s+", re.I)
_FOR_CATEGORY: Final = re.compile(
    r"^(?P<head>(?:add|create|make|new)\s+(?:a\s+|an\s+|another\s+|new\s+)*"
    r"(?:todo|to-do|task|item)s?)\s+for\s+(?P<cat>[\w-]+)\s+to\s+(?P<title>.+)$",
    re.IGNORECASE,
)
# A title that is a command about some other item ("tag it", "it's actually", "a note: X").
_NAMES_NOTHING: Final = re.compile(
    r"^(?:it'?s|it\s+is|that'?s|this\s+is)\b|^\w+\s+(?:it|that|this|them)$"
    r"|^(?:(?:a|an|the)\s+)?(?:note|comment|description|label|tag|reminder)\s*[:,-]"
    r"|\b(?:my|the)\s+(?:\w+\s+)?list\b",
    re.IGNORECASE,
)


def _plain(text: str) -> str:
    """The request said as "add X to my (Y) list" when it was said another way."""
    text = _PUT_IT_ON.sub("", text)
    text = _REMEMBER.sub(r"\1 ", text)
    m = _LIST_FIRST.match(text)
    if m is not None:
        cat = f"{m['cat']} " if m["cat"] else ""
        return f"{m['verb']} {m['title']} to my {cat}list"
    m = _FOR_CATEGORY.match(text)
    if m is not None and m["cat"].lower() in KNOWN_CATEGORIES:
        return f"{m['head']}: {m['title']} #{m['cat']}"
    return text


def _known_category(category: str) -> str:
    """A category, or the known one it misspells by one slip ("shoping" is "shopping")."""
    if category in KNOWN_CATEGORIES or len(category) < 5:
        return category
    near = [known for known in KNOWN_CATEGORIES if OSA.distance(category, known) <= 1]
    return near[0] if len(near) == 1 else category


def _read(text: str, turn: Turn) -> NewTodo | None:
    now, zone = turn.now, turn.zone
    if asks_for_reminder(text):
        return None
    priority, category, title = None, None, None
    m = _EXPLICIT.match(text)
    if m is not None:
        title = m["title"] or m["title2"] or m["title3"]
        word = (m["pri"] or "").split(" ")[0].strip().lower()
        priority = _PRIORITY_WORDS.get(word)
        if word and priority is None:
            category = word  # "add a work todo: ..."
    elif (m := _ONTO_LIST.match(_bare(text, turn))) is not None:
        # Matched without a trailing ", urgent" or "by friday", which _with_extras then
        # finds in the whole text.
        title, cat = m["title"] or m["title2"], m["cat"] or m["cat2"]
        category = cat.lower() if cat and cat.lower() not in ("shared", "the") else None
        priority = _take_priority(text)[1]
        category = category or take_category(text)[1]
        due = _take_due(_take_priority(text)[0], now=now, zone=zone)[1]
        found = _with_extras(title, now=now, zone=zone, priority=priority, category=category)
        return found if found is None or due is None else replace(found, due=due)
    elif (m := _BARE_ADD.match(text) or _NEED_TO.match(text)) is not None:
        title = m["title"]
        if m.re is _NEED_TO and find_spans(title):
            return None  # "I need to call the bank at 9" is a reminder
    elif _TAGGED.search(text) and not _QUESTION.match(text):
        title = text
    if title is None:
        return None
    return _with_extras(title, now=now, zone=zone, priority=priority, category=category)


def _bare(text: str, turn: Turn) -> str:
    """text without its priority and due date words ("add X to my list (urgent) by friday")."""
    text = _HASHTAGS.sub(" ", _PARENS.sub(" ", tidy(_take_priority(text)[0])))
    return tidy(_PARENS.sub(" ", tidy(_take_due(text, now=turn.now, zone=turn.zone)[0])))


def _with_extras(
    title: str, *, now: datetime, zone: str, priority: Priority | None, category: str | None
) -> NewTodo | None:
    """The todo, once priority, category and due date words are taken out of its title."""
    title, found_priority = _take_priority(title)
    title, found_category = take_category(title)
    title, due = _take_due(title, now=now, zone=zone)
    title, late_priority = _take_priority(title)  # "pay rent by friday, urgent"
    title, late_category = take_category(title)
    title = _PARENS.sub(" ", tidy(title))  # "book flights (high priority)"
    title = unquote(tidy(title).rstrip(".!?").strip())
    if not title:
        return None
    return NewTodo(
        title=title[:MAX_TITLE].strip(),
        priority=priority or found_priority or late_priority or Priority.MEDIUM,
        category=category or found_category or late_category,
        due=due,
    )


def _take_priority(title: str) -> tuple[str, Priority | None]:
    for regex, priority in _PRIORITIES:
        m = regex.search(title)
        if m is not None:
            return f"{title[: m.start()]} {title[m.end() :]}", priority
    return title, None


def take_category(title: str) -> tuple[str, str | None]:
    """The title without its category words ("#work", "under travel", "for work")."""
    m = _HASHTAG.search(title)
    if m is not None:
        return f"{title[: m.start()]} {title[m.end() :]}", m["cat"].lower()
    m = _CATEGORY_END.search(tidy(title))
    if m is None:
        return title, None
    known = m["known"]
    if known is not None and known.lower() not in KNOWN_CATEGORIES:
        return title, None
    return tidy(title)[: m.start()], (known or m["cat"]).lower()


def _take_due(title: str, *, now: datetime, zone: str) -> tuple[str, date | datetime | None]:
    for span in reversed(find_spans(title)):
        try:
            due = parse_due(span.text, now=now, zone=zone)
        except WhenError:
            continue
        head = title[: span.start].rstrip()
        lead = _DUE_LEAD.search(head)
        if lead is not None:
            head = head[: lead.start()]
        return f"{head} {title[span.end :]}", due
    return title, None


async def act(intent: NewTodo, turn: Turn) -> ToolResult:
    """Adds the todo."""
    return await add_todo(intent.title, intent.priority, intent.category, turn, due=intent.due)


async def add_todo(
    title: str,
    priority: str | Priority,
    category: str | None,
    turn: Turn,
    *,
    due: date | datetime | None = None,
) -> ToolResult:
    """Adds a todo (priority low, medium, high or urgent; category optional).

    Answers (no action) instead of raising when a field fails the model.
    """
    try:
        data = TodoCreate(
            title=title, priority=Priority(priority), category=category or None, due_date=due
        )
    except ValueError as exc:  # pydantic's ValidationError is one too
        problem = problem_of(exc) if isinstance(exc, ValidationError) else str(exc)
        return ToolResult(f"I couldn't add that todo ({problem}).")
    todo = await turn.store.todos.create(user_id=turn.user_id, data=data)
    line = todo_line(todo, now=turn.now, zone=turn.zone).removeprefix("- ")
    return ToolResult(f"Added {line} to your todos.", [todo_action("created", todo)], created(todo))
