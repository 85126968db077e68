"""Bodies, queries and answers of the HTTP API (the OpenAPI document is built from these)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from remo_async.domain.enums import Priority, ReminderStatus, Role, TodoStatus
from remo_async.domain.models import (
    Category,
    Description,
    ExportedReminder,
    Message,
    Page,
    Recurrence,
    Reminder,
    Title,
    Todo,
    User,
)
from remo_async.domain.text import (
    NO_ANY_CONTROL_PATTERN,
    NO_CONTROL_PATTERN,
    refuse_any_control_characters,
    refuse_control_characters,
    refuse_lone_surrogates,
)
from remo_async.domain.times import TimeZoneName
from remo_async.push.models import PushSubscription
from remo_async.store.records import M as RecordModel

TimeInput = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Limit = Annotated[int, Field(ge=1, le=100)]
# Any other string is refused as an altered cursor (400) when it is read.
Cursor = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1024),
    WithJsonSchema(
        {"type": "string", "maxLength": 1024, "pattern": "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"}
    ),
]

_BODY = ConfigDict(extra="forbid")
# The assistant makes titles of its words: refused here, before the message is stored.
ChatMessage = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000),
    AfterValidator(refuse_control_characters),
    Field(json_schema_extra={"pattern": NO_CONTROL_PATTERN}),
]


def _not_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may be left out, but not null")
    return value


def _not_nullable(*names: str) -> Callable[[dict[str, Any]], None]:
    """Removes the null alternative that `X | None = None` puts in these fields' schemas."""

    def edit(schema: dict[str, Any]) -> None:
        for name in names:
            field = schema["properties"][name]
            choices = [c for c in field.pop("anyOf", []) if c.get("type") != "null"]
            if choices:
                field.update(choices[0] if len(choices) == 1 else {"anyOf": choices})
            field.pop("default", None)

    return edit


class ReminderIn(BaseModel):
    """Creates a reminder; reminding_time takes RFC 3339 or plain English."""

    model_config = _BODY
    title: Title
    description: Description = ""
    reminding_time: TimeInput = Field(
        description="RFC 3339; without an offset it is read in `timezone`; or natural "
        "language such as 'tomorrow 10am', 'in 2 hours', 'next friday at 3pm'",
        examples=["2026-12-02T10:00:00Z", "tomorrow 10am"],
    )
    timezone: TimeZoneName | None = Field(
        default=None, description="IANA zone; defaults to the user's preference"
    )
    recurrence: Recurrence | None = Field(default=None, examples=["FREQ=WEEKLY;BYDAY=MO"])


class ReminderPatch(BaseModel):
    """Changes some fields of a reminder; `fired` is the dispatcher's alone.

    Fields that may be left out but not set to null are published without null.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=_not_nullable("title", "reminding_time", "timezone", "status"),
    )
    title: Title | None = None
    description: Description | None = None
    reminding_time: TimeInput | None = None
    timezone: TimeZoneName | None = None
    recurrence: Recurrence | None = Field(default=None, description="null ends the series")
    status: Literal["pending", "done", "cancelled"] | None = None

    _required = field_validator("title", "reminding_time", "timezone", "status", mode="before")(
        _not_null
    )


def _json_integer(value: object) -> object:
    """A JSON number that is an integer (JSON Schema counts 5.0 as one); no string, no bool."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a JSON integer")
    return value


class SnoozeIn(BaseModel):
    """How long to snooze."""

    model_config = _BODY
    minutes: Annotated[int, BeforeValidator(_json_integer)] = Field(ge=1, le=10080)


class TodoIn(BaseModel):
    """Creates a todo; due_date takes an RFC 3339 date or datetime, or plain English."""

    model_config = _BODY
    title: Title
    description: Description = ""
    priority: Priority = Priority.MEDIUM
    category: Category | None = None
    due_date: TimeInput | None = Field(default=None, examples=["2026-12-24", "next friday"])


class TodoPatch(BaseModel):
    """Changes some fields of a todo."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra=_not_nullable("title", "priority", "status")
    )
    title: Title | None = None
    description: Description | None = None
    priority: Priority | None = None
    category: Category | None = None
    due_date: TimeInput | None = None
    status: TodoStatus | None = None

    _required = field_validator("title", "priority", "status", mode="before")(_not_null)


class MessageIn(BaseModel):
    """A message to keep in conversation memory."""

    model_config = _BODY
    role: Role
    content: Annotated[str, StringConstraints(min_length=1, max_length=16000)]


class HistoryTurn(BaseModel):
    """One turn of the client's context; never stored."""

    model_config = ConfigDict(extra="allow")
    role: str = Field(max_length=20)
    content: str = Field(max_length=16000)


class ChatIn(BaseModel):
    """A chat message (JSON or form)."""

    model_config = _BODY
    message: ChatMessage
    conversation_history: list[HistoryTurn] = Field(default_factory=list, max_length=100)
    user_id: Annotated[str, AfterValidator(refuse_lone_surrogates)] | None = None


class ChatForm(BaseModel):
    """A chat message as older clients post it, as a form."""

    model_config = _BODY
    message: ChatMessage
    conversation_history: str = Field(default="[]", description="a JSON array of turns")
    user_id: Annotated[str, AfterValidator(refuse_lone_surrogates)] | None = None


def _statuses_pattern(names: list[str]) -> str:
    """One status or several, comma-separated (`pending,fired`)."""
    one = "|".join(names)
    return f"^({one})(,({one}))*$"


ReminderStatuses = Annotated[
    str,
    StringConstraints(max_length=200, pattern=_statuses_pattern([*ReminderStatus])),
    Field(description="one status, or several comma-separated", examples=["pending,fired"]),
]
TodoStatuses = Annotated[
    str,
    StringConstraints(max_length=200, pattern=_statuses_pattern([*TodoStatus])),
    Field(description="one status, or several comma-separated", examples=["pending"]),
]
SearchText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100),
    AfterValidator(refuse_control_characters),
    Field(
        description="case-insensitive text found in the title or the description",
        json_schema_extra={"pattern": NO_CONTROL_PATTERN},
    ),
]
TimeBound = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    Field(
        description="RFC 3339; without an offset it is read in the user's time zone",
        examples=["2026-12-02T00:00:00Z"],
        json_schema_extra={"format": "date-time"},
    ),
]


class ReminderQuery(BaseModel):
    """Query of GET reminders: `from <= reminding_time < to`, ordered by `order`."""

    model_config = _BODY
    status: ReminderStatuses | None = None
    order: Literal["created", "due"] = Field(
        default="created",
        description="created: oldest created first; due: soonest reminding_time first",
    )
    from_: TimeBound | None = Field(default=None, alias="from")
    to: TimeBound | None = Field(default=None, examples=["2026-12-03T00:00:00Z"])
    q: SearchText | None = None
    limit: Limit = 50
    cursor: Cursor | None = None


class TodoQuery(BaseModel):
    """Query of GET todos."""

    model_config = _BODY
    status: TodoStatuses | None = None
    priority: Priority | None = None
    category: Category | None = None
    q: SearchText | None = None
    order: Literal["created", "due", "priority"] = Field(
        default="created",
        description="created: oldest created first; due: soonest due_date first, undated "
        "last; priority: urgent first (then oldest created first)",
    )
    limit: Limit = 50
    cursor: Cursor | None = None


class PageQuery(BaseModel):
    """Query of a plain list."""

    model_config = _BODY
    limit: Limit = 50
    cursor: Cursor | None = None


class DataQuery(BaseModel):
    """Which data DELETE /data removes."""

    model_config = _BODY
    data_type: Literal[
        "reminders", "todos", "conversations", "push_subscriptions", "calendar_feed", "user", "all"
    ] = "all"


class ReminderPage(BaseModel):
    """A page of reminders."""

    items: list[Reminder]
    next_cursor: str | None


class TodoPage(BaseModel):
    """A page of todos."""

    items: list[Todo]
    next_cursor: str | None


class MessagePage(BaseModel):
    """A page of messages: the latest first page, oldest first within it."""

    items: list[Message]
    next_cursor: str | None


# The stores answer Page[M] (records) and Page[Message] (conversations). pydantic caches a
# parametrized class only weakly: once no page is alive, the garbage collector frees the
# class and the next list builds it again (about half a millisecond, and native memory
# that churns the heap; seen in profiles and in the memory soak). Holding them keeps them.
# (Page[M] with the stores' own type variable: that is the class their lists build.)
LIVE_PAGE_CLASSES = (Page[RecordModel], Page[Message])  # type: ignore[valid-type]


class PreferencesOut(BaseModel):
    """A user's preferences."""

    user_id: str
    preferences: dict[str, Any] = Field(
        description="timezone (IANA), language, webhook_url, webhook_secret, and any other keys"
    )


class UserData(BaseModel):
    """Everything kept about a user."""

    user_id: str
    user: User | None
    preferences: dict[str, Any]
    reminders: list[ExportedReminder]
    """Each with its `recurrence_id` (files exported before it have none: null)."""
    todos: list[Todo]
    conversation: list[Message]
    push_subscriptions: list[PushSubscription] = Field(default_factory=list)
    """Web Push subscriptions, keys included (files exported before them have none)."""


class Deleted(BaseModel):
    """How many items of each type were deleted."""

    deleted: dict[str, int]


class ChatAction(BaseModel):
    """Something the assistant did."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(examples=["reminder.created"])


class ChatOut(BaseModel):
    """The assistant's answer."""

    response: str
    success: bool
    timestamp: str
    user_id: str
    actions: list[ChatAction]


class DevTokenIn(BaseModel):
    """Who to mint a dev token for."""

    model_config = _BODY
    user_id: Annotated[
        str,
        StringConstraints(min_length=1, max_length=200),
        AfterValidator(refuse_any_control_characters),
        AfterValidator(refuse_lone_surrogates),
        Field(json_schema_extra={"pattern": NO_ANY_CONTROL_PATTERN}),
    ] = Field(examples=["did:privy:alice"], description="no control characters (not even LF)")


class DevTokenOut(BaseModel):
    """A dev token: `Authorization: Bearer <token>` for `expires_in` seconds."""

    token: str
    expires_in: int


class Health(BaseModel):
    """Liveness."""

    status: Literal["ok"]


class Ready(BaseModel):
    """Readiness: DynamoDB and every table."""

    status: Literal["ready"]
    checks: dict[str, str]


class FieldError(BaseModel):
    """One offending field."""

    field: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
