"""The tools as a model sees them (JSON schemas) and calls them (JSON arguments)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

from remo_async.assistant import tools
from remo_async.assistant.results import ToolResult
from remo_async.store import Store


def _function(name: str, description: str, properties: dict[str, Any], required: list[str]) -> Any:
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            },
        },
    }


_TITLE: Final[Mapping[str, str]] = {
    "type": "string",
    "description": "what the user calls it, in their words",
}
_SHOW_COMPLETED: Final[Mapping[str, str]] = {
    "type": "boolean",
    "description": "include done and cancelled ones",
}
TOOL_SCHEMAS: Final = (
    _function(
        "set_reminder",
        "Create a reminder. `when` is the user's own words for the time ('tomorrow at 10am', "
        "'in 45 minutes') or ISO 8601; it is read in the user's time zone.",
        {
            "title": {"type": "string", "description": "what to remind about, short"},
            "when": {"type": "string"},
            "description": {"type": "string"},
            "recurrence": {
                "type": "string",
                "description": "an RRULE for repeating reminders, e.g. FREQ=WEEKLY;BYDAY=MO",
            },
        },
        ["title", "when"],
    ),
    _function(
        "list_reminders", "List the user's reminders.", {"show_completed": _SHOW_COMPLETED}, []
    ),
    _function(
        "add_todo",
        "Add a todo.",
        {
            "title": {"type": "string"},
            "priority": {"type": "string", "enum": ["low", "medium", "high", "urgent"]},
            "category": {"type": "string", "description": "e.g. work, home, travel"},
        },
        ["title"],
    ),
    _function("list_todos", "List the user's todos.", {"show_completed": _SHOW_COMPLETED}, []),
    _function(
        "complete_todo",
        "Mark a todo as done. If several match, the answer asks which one; ask the user.",
        {"title": _TITLE},
        ["title"],
    ),
    _function(
        "cancel_reminder",
        "Cancel a reminder. If several match, the answer asks which one; ask the user.",
        {"title": _TITLE},
        ["title"],
    ),
    _function(
        "snooze_reminder",
        "Remind again later about the reminder that went off last.",
        {"minutes": {"type": "integer", "minimum": 1, "maximum": 10080}},
        ["minutes"],
    ),
)


@dataclass(frozen=True, slots=True)
class ToolScope:
    """Whose tools these are: the user id never comes from the model."""

    store: Store
    user_id: str
    now: datetime
    zone: str


class BadArguments(ValueError):
    """A model's tool call the tools cannot take; str() is told to the model."""


def _text(args: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = args.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise BadArguments(f"{key} must be a non-empty string")
    return value


def _flag(args: Mapping[str, Any], key: str) -> bool:
    value = args.get(key, False)
    if not isinstance(value, bool):
        raise BadArguments(f"{key} must be true or false")
    return value


async def _set_reminder(args: Mapping[str, Any], on: ToolScope) -> ToolResult:
    return await tools.set_reminder(
        _text(args, "title"),
        _text(args, "when"),
        _text(args, "description", required=False),
        on.user_id,
        store=on.store,
        now=on.now,
        zone=on.zone,
        recurrence=_text(args, "recurrence", required=False) or None,
    )


async def _list_reminders(args: Mapping[str, Any], on: ToolScope) -> ToolResult:
    show = _flag(args, "show_completed")
    return await tools.list_reminders(show, on.user_id, store=on.store, now=on.now, zone=on.zone)


async def _add_todo(args: Mapping[str, Any], on: ToolScope) -> ToolResult:
    return await tools.add_todo(
        _text(args, "title"),
        _text(args, "priority", required=False) or "medium",
        _text(args, "category", required=False) or None,
        on.user_id,
        store=on.store,
        now=on.now,
        zone=on.zone,
    )


async def _list_todos(args: Mapping[str, Any], on: ToolScope) -> ToolResult:
    show = _flag(args, "show_completed")
    return await tools.list_todos(show, on.user_id, store=on.store, now=on.now, zone=on.zone)


async def _complete_todo(args: Mapping[str, Any], on: ToolScope) -> ToolResult:
    title = _text(args, "title")
    return await tools.complete_todo(title, on.user_id, store=on.store, now=on.now, zone=on.zone)


async def _cancel_reminder(args: Mapping[str, Any], on: ToolScope) -> ToolResult:
    title = _text(args, "title")
    return await tools.cancel_reminder(title, on.user_id, store=on.store, now=on.now, zone=on.zone)


async def _snooze_reminder(args: Mapping[str, Any], on: ToolScope) -> ToolResult:
    minutes = args.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise BadArguments("minutes must be a number")
    return await tools.snooze_reminder(
        int(minutes), on.user_id, store=on.store, now=on.now, zone=on.zone
    )


_Tool = Callable[[Mapping[str, Any], ToolScope], Awaitable[ToolResult]]
_TOOLS: Final[Mapping[str, _Tool]] = MappingProxyType(
    {
        "set_reminder": _set_reminder,
        "list_reminders": _list_reminders,
        "add_todo": _add_todo,
        "list_todos": _list_todos,
        "complete_todo": _complete_todo,
        "cancel_reminder": _cancel_reminder,
        "snooze_reminder": _snooze_reminder,
    }
)


async def run_tool(name: str, arguments: str, on: ToolScope) -> ToolResult:
    """Runs one tool call; a bad call comes back as an error text for the model to read."""
    tool = _TOOLS.get(name)
    if tool is None:
        return ToolResult(f"error: there is no tool called {name!r}")
    try:
        args = json.loads(arguments or "{}")
        if not isinstance(args, dict):
            raise BadArguments("arguments must be a JSON object")
        return await tool(args, on)
    except ValueError as exc:  # json.JSONDecodeError and BadArguments are ValueErrors
        return ToolResult(f"error: {exc}")
