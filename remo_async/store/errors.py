"""Errors the store raises; no botocore ClientError leaves the store."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises."""


class NotFound(StoreError):
    """The item is not there (or has expired)."""


class AlreadyExists(StoreError):
    """A create met an item with the same key; nothing was overwritten."""


class Conflict(StoreError):
    """Concurrent writers kept changing the item; the change was not applied."""


class QuotaExceeded(StoreError):
    """A create (or re-arm) would take the user past a limit per user; nothing was written."""

    def __init__(self, message: str, *, kind: str, limit: int) -> None:
        super().__init__(message)
        self.kind = kind
        self.limit = limit


class InvalidCursor(StoreError):
    """A list cursor was altered, or belongs to another user or list."""


class InvalidValue(StoreError):
    """A value breaks a storage rule (such as the size of preferences).

    `field` names the offending field when there is one (answered as a 422 naming it).
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StoreUnavailable(StoreError):
    """DynamoDB is unreachable, throttling after retries, or its tables are missing."""

    def __init__(self, message: str, *, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TableMissing(StoreUnavailable):
    """A table the service needs does not exist (yet): run `remo-async migrate`."""


class RequestRefused(StoreError):
    """DynamoDB refused a request for a reason the caller may want to inspect."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code
