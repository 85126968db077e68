"""Pydantic models of the domain; internal attributes (`ttl`, `due_shard`) never appear here."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from remo_async.domain.enums import Priority, ReminderStatus, Role, TodoStatus
from remo_async.domain.recurrence import normalize_rule
from remo_async.domain.rrule_syntax import check_rule_syntax
from remo_async.domain.text import (
    NO_CONTROL_PATTERN,
    refuse_control_characters,
    refuse_lone_surrogates,
    replace_lone_surrogates,
    unencodable_paths,
)
from remo_async.domain.times import GivenDatetime, TimeZoneName, UtcDatetime, check_range

# A constrained str refuses a lone surrogate by itself (pydantic: "string_unicode"); a
# plain str does not (see Recurrence). Labels, one line each, also refuse control
# characters (NUL, ESC, ...) other than tab, CR and LF.
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(refuse_control_characters),
    Field(json_schema_extra={"pattern": NO_CONTROL_PATTERN}),
]
Description = Annotated[str, StringConstraints(max_length=2000)]
Category = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=50),
    AfterValidator(refuse_control_characters),
    Field(json_schema_extra={"pattern": NO_CONTROL_PATTERN}),
]
# Before the rule is parsed: the parser would fail on a lone surrogate with an exception
# pydantic does not report as a validation error.
Recurrence = Annotated[
    str,
    AfterValidator(refuse_lone_surrogates),
    AfterValidator(normalize_rule),
    AfterValidator(check_rule_syntax),
]


def _read_due_date(value: object) -> object:
    # A bare date stays a date; anything with a time part must be a full datetime.
    if isinstance(value, str):
        text = value.strip()
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    return value


def _check_day(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime):
        return check_range(value)
    check_range(datetime.combine(value, datetime.min.time(), tzinfo=UTC))
    return value


DueDate = Annotated[date | UtcDatetime, BeforeValidator(_read_due_date)]
"""A todo's due date as stored: a bare date or a time."""
GivenDueDate = Annotated[DueDate, AfterValidator(_check_day)]
"""A due date a caller gives: within the range of check_range."""
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=100),
    AfterValidator(refuse_control_characters),
    Field(json_schema_extra={"pattern": NO_CONTROL_PATTERN}),
]
# No space and no control character (NUL was stored) in any part (RFC 5322 3.4.1 has none).
_EMAIL_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        max_length=254,
        pattern=rf"^{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}$",
    ),
]
# An Ethereum address, or a base58 Solana address.
Wallet = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, pattern=r"^(0x[0-9a-fA-F]{40}|[1-9A-HJ-NP-Za-km-z]{32,44})$"
    ),
]
PhoneNumber = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+[1-9]\d{1,14}$")]
# http is accepted only with REMO_WEBHOOK_ALLOW_INSECURE (the view checks); the schema
# tells clients what production takes.
HttpsUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000, pattern=r"^https?://[^\s/]+"),
    WithJsonSchema({"type": "string", "maxLength": 2000, "pattern": "^https://[^\\s/]+"}),
]

T = TypeVar("T")

_IN = ConfigDict(extra="forbid")
_OUT = ConfigDict(extra="ignore")


class ReminderCreate(BaseModel):
    """What a caller gives to create a reminder (times already resolved)."""

    model_config = _IN
    title: Title
    description: Description = ""
    reminding_time: GivenDatetime
    timezone: TimeZoneName = "UTC"
    recurrence: Recurrence | None = None


class ReminderUpdate(BaseModel):
    """A partial change to a reminder; fields left unset are kept."""

    model_config = _IN
    title: Title | None = None
    description: Description | None = None
    reminding_time: GivenDatetime | None = None
    timezone: TimeZoneName | None = None
    recurrence: Recurrence | None = None
    status: ReminderStatus | None = None


class Reminder(BaseModel):
    """A reminder as stored and answered."""

    model_config = _OUT
    reminder_id: str
    user_id: str
    title: str
    description: str = ""
    reminding_time: UtcDatetime
    timezone: str = "UTC"
    recurrence: str | None = None
    status: ReminderStatus
    created_at: UtcDatetime
    updated_at: UtcDatetime
    fired_at: UtcDatetime | None = None
    failure: str | None = None
    """Why the dispatcher parked it (status `failed`); None otherwise."""
    recurrence_id: str | None = Field(default=None, exclude=True)
    """Its own time in its series (RFC 5545 3.8.4.4 RECURRENCE-ID, local `YYYYMMDDTHHMMSS`
    in `timezone`), which a gap or a snooze moved `reminding_time` away from; None for a
    first occurrence. Stored and exported (ExportedReminder), not answered."""


class ExportedReminder(Reminder):
    """A reminder as GET /data and `export` give it: with its `recurrence_id`, so that a
    restore loses nothing the store holds (its series keeps its time after a gap or a
    snooze)."""

    recurrence_id: str | None = None


class TodoCreate(BaseModel):
    """What a caller gives to create a todo."""

    model_config = _IN
    title: Title
    description: Description = ""
    priority: Priority = Priority.MEDIUM
    category: Category | None = None
    due_date: GivenDueDate | None = None


class TodoUpdate(BaseModel):
    """A partial change to a todo."""

    model_config = _IN
    title: Title | None = None
    description: Description | None = None
    priority: Priority | None = None
    category: Category | None = None
    due_date: GivenDueDate | None = None
    status: TodoStatus | None = None


class Todo(BaseModel):
    """A todo as stored and answered."""

    model_config = _OUT
    todo_id: str
    user_id: str
    title: str
    description: str = ""
    priority: Priority = Priority.MEDIUM
    category: str | None = None
    due_date: DueDate | None = None
    status: TodoStatus
    created_at: UtcDatetime
    updated_at: UtcDatetime
    completed_at: UtcDatetime | None = None


class UserUpdate(BaseModel):
    """Profile fields a user sets; each optional, unset fields are kept."""

    model_config = _IN
    email: Email | None = None
    wallet: Wallet | None = None
    first_name: Name | None = None
    last_name: Name | None = None
    phone_number: PhoneNumber | None = None


class User(BaseModel):
    """A user's profile."""

    model_config = _OUT
    privy_id: str
    email: str | None = None
    wallet: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class Message(BaseModel):
    """One turn of conversation memory."""

    model_config = _OUT
    user_id: str
    timestamp: str
    role: Role
    content: str


class MessageCreate(BaseModel):
    """A message to remember."""

    model_config = _IN
    role: Role
    content: Annotated[str, StringConstraints(min_length=1, max_length=16000)]


class Page(BaseModel, Generic[T]):
    """One page of a list, with the cursor of the next page (None on the last)."""

    items: list[T]
    next_cursor: str | None = None


class Preferences(BaseModel):
    """A user's preferences: known keys validated, other keys kept as given."""

    model_config = ConfigDict(extra="allow")
    timezone: TimeZoneName = "UTC"
    language: str = Field(default="en", min_length=2, max_length=35, pattern=r"^[A-Za-z0-9-]+$")
    webhook_url: HttpsUrl | None = None

    @model_validator(mode="before")
    @classmethod
    def _mend_unencodable(cls, data: Any) -> Any:
        # Other keys are kept as given (Any): a lone surrogate there (the HTTP API cannot
        # send one; older versions stored some) would fail each answer and each merge.
        # Read as U+FFFD, it is written back mended by the user's next merge.
        return replace_lone_surrogates(data) if unencodable_paths(data) else data

    def extra(self) -> dict[str, Any]:
        """The keys beyond the known ones."""
        return dict(self.__pydantic_extra__ or {})
