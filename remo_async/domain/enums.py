"""The closed vocabularies of the domain."""

import enum


class ReminderStatus(enum.StrEnum):
    PENDING = "pending"
    FIRED = "fired"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"
    """The dispatcher could not fire it (see `failure`); out of the due-index until changed."""


class TodoStatus(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    CANCELLED = "cancelled"


class Priority(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


class Role(enum.StrEnum):
    USER = "user"
    ASSISTANT = "assistant"
