"""The tools as a model sees them (JSON schemas) and calls them: the intents' own actions.

Each tool is a pydantic argument model, whose JSON Schema is what the model is shown,
and a call of the same action the built-in engine runs. The user id, time and zone come
from the Turn, never from the model.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Any, Final, Generic, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from remo_async.assistant.intents import cancel, complete, list_reminders, list_todos, snooze
from remo_async.assistant.intents.create_reminder import set_reminder
from remo_async.assistant.intents.create_todo import add_todo
from remo_async.assistant.results import ToolResult, problem_of
from remo_async.assistant.turn import Turn
from remo_async.domain.enums import Priority, TodoStatus

_Said = Annotated[
    StrictStr, Field(min_length=1, description="what the user calls it, in their words")
]
_ShowCompleted = Annotated[StrictBool, Field(description="include done and cancelled ones")]


class _Args(BaseModel):
    # Unknown keys (a model's "user_id") are ignored; the schema still says none are allowed.
    model_config = ConfigDict(extra="ignore", json_schema_extra={"additionalProperties": False})


class SetReminderArgs(_Args):
    """Create a reminder. `when` is the user's own words for the time ('tomorrow at 10am',
    'in 45 minutes') or ISO 8601; it is read in the user's time zone."""

    title: Annotated[StrictStr, Field(min_length=1, description="what to remind about, short")]
    when: StrictStr
    description: StrictStr = ""
    recurrence: Annotated[
        StrictStr | None,
        Field(description="an RRULE for repeating reminders, e.g. FREQ=WEEKLY;BYDAY=MO"),
    ] = None


class ListArgs(_Args):
    """List the user's reminders or todos."""

    show_completed: _ShowCompleted = False


class AddTodoArgs(_Args):
    """Add a todo."""

    title: StrictStr
    priority: Priority = Priority.MEDIUM
    category: Annotated[StrictStr | None, Field(description="e.g. work, home, travel")] = None


class NamedArgs(_Args):
    """An item the user names; if several match, the answer asks which one: ask the user."""

    title: _Said


class SnoozeArgs(_Args):
    """Remind again later about the reminder that went off last."""

    minutes: Annotated[StrictInt | StrictFloat, Field(ge=1, le=snooze.MAX_SNOOZE_MINUTES)]


A = TypeVar("A", bound=_Args)


@dataclass(frozen=True, slots=True)
class Tool(Generic[A]):
    """A tool: its name, what the model is told, its argument model and the action it runs."""

    name: str
    description: str
    args: type[A]
    run: Callable[[A, Turn], Awaitable[ToolResult]]

    def schema(self) -> dict[str, Any]:
        """The OpenAI tool entry: {"type": "function", "function": {name, description, ...}}."""
        parameters = self.args.model_json_schema()
        parameters.pop("title", None)
        parameters.pop("description", None)
        parameters.setdefault("required", [])
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": parameters,
            },
        }

    async def call(self, arguments: Mapping[str, Any], turn: Turn) -> ToolResult:
        """Validates the arguments and runs the action; ValidationError for bad ones."""
        return await self.run(self.args.model_validate(arguments), turn)


async def _set_reminder(a: SetReminderArgs, turn: Turn) -> ToolResult:
    return await set_reminder(
        a.title, a.when, turn, description=a.description, recurrence=a.recurrence or None
    )


async def _list_reminders(a: ListArgs, turn: Turn) -> ToolResult:
    return await list_reminders.list_reminders(turn, scope="all" if a.show_completed else "open")


async def _add_todo(a: AddTodoArgs, turn: Turn) -> ToolResult:
    return await add_todo(a.title, a.priority, a.category or None, turn)


async def _list_todos(a: ListArgs, turn: Turn) -> ToolResult:
    return await list_todos.list_todos(
        turn, status=None if a.show_completed else TodoStatus.PENDING
    )


async def _complete_todo(a: NamedArgs, turn: Turn) -> ToolResult:
    return await complete.act(complete.Finish(target=a.title, kind="todo"), turn)


async def _cancel_reminder(a: NamedArgs, turn: Turn) -> ToolResult:
    return await cancel.act(cancel.Cancel(target=a.title, kind="reminder"), turn)


async def _snooze_reminder(a: SnoozeArgs, turn: Turn) -> ToolResult:
    return await snooze.snooze_minutes(int(a.minutes), turn)


_NAMED = "If several match, the answer asks which one; ask the user."
TOOLS: Final[Mapping[str, Tool[Any]]] = MappingProxyType(
    {
        tool.name: tool
        for tool in (
            Tool(
                "set_reminder",
                " ".join((SetReminderArgs.__doc__ or "").split()),
                SetReminderArgs,
                _set_reminder,
            ),
            Tool("list_reminders", "List the user's reminders.", ListArgs, _list_reminders),
            Tool("add_todo", "Add a todo.", AddTodoArgs, _add_todo),
            Tool("list_todos", "List the user's todos.", ListArgs, _list_todos),
            Tool("complete_todo", f"Mark a todo as done. {_NAMED}", NamedArgs, _complete_todo),
            Tool("cancel_reminder", f"Cancel a reminder. {_NAMED}", NamedArgs, _cancel_reminder),
            Tool("snooze_reminder", SnoozeArgs.__doc__ or "", SnoozeArgs, _snooze_reminder),
        )
    }
)
TOOL_SCHEMAS: Final = tuple(tool.schema() for tool in TOOLS.values())


async def run_tool(name: str, arguments: str, turn: Turn) -> ToolResult:
    """Runs one tool call; a bad call comes back as an error text for the model to read."""
    tool = TOOLS.get(name)
    if tool is None:
        return ToolResult(f"error: there is no tool called {name!r}")
    try:
        args = json.loads(arguments or "{}")
        if not isinstance(args, dict):
            return ToolResult("error: arguments must be a JSON object")
        return await tool.call(args, turn)
    except ValidationError as exc:
        return ToolResult(f"error: {problem_of(exc)}")
    except ValueError as exc:  # json.JSONDecodeError
        return ToolResult(f"error: {exc}")
