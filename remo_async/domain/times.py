"""Time formats: stored times are fixed-width UTC strings so string order is time order."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import available_timezones

from pydantic import AfterValidator, GetJsonSchemaHandler, PlainSerializer

_SECONDS = "%Y-%m-%dT%H:%M:%SZ"
_MICROS = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    """Converts an aware datetime to UTC; naive datetimes are a programming error here.

    Raises ValueError for a naive time, or one UTC cannot hold (before year 1, after 9999).
    """
    if value.tzinfo is None:
        raise ValueError("a time zone offset is required")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the time is out of range") from None


EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 12, 31, 23, 59, 59, tzinfo=UTC)
"""Times a caller may give: stored times keep four-digit years (string order is time
order), and a record's TTL (retention after the time) stays within what Python holds."""


def check_range(value: datetime) -> datetime:
    """Refuses a time before EARLIEST or after LATEST (ValueError)."""
    if not EARLIEST <= value <= LATEST:
        raise ValueError("the time must be between 1970-01-01 and 9000-12-31")
    return value


def format_time(value: datetime) -> str:
    """`YYYY-MM-DDTHH:MM:SSZ`: the stored and answered form of every time but messages'.

    By isoformat rather than strftime: it runs for each time of every answer and write,
    and strftime costs about twice as much (it also left years before 1000 unpadded).
    isoformat always writes `YYYY-MM-DDTHH:MM:SS` first (microseconds and offset follow),
    so a UTC time is cut after the seconds; others are converted first.
    """
    if value.tzinfo is not UTC:
        value = to_utc(value)
    return value.isoformat()[:19] + "Z"


def format_timestamp(value: datetime) -> str:
    """`YYYY-MM-DDTHH:MM:SS.ffffffZ`: the conversation sort key, unique per user."""
    return to_utc(value).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


_STORED_SECONDS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def parse_stored(value: str) -> datetime:
    """Reads a time written by format_time or format_timestamp (ValueError otherwise).

    format_time's form by fromisoformat (strptime costs about seven times as much, and a
    write reads a reminder's time back once); anything else, by the strict formats.
    """
    if _STORED_SECONDS.fullmatch(value) is not None:
        try:
            return datetime.fromisoformat(value[:19]).replace(tzinfo=UTC)
        except ValueError:
            pass  # no such day or hour: strptime says so, as before
    fmt = _MICROS if "." in value else _SECONDS
    return datetime.strptime(value, fmt).replace(tzinfo=UTC)


NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Files of a zoneinfo tree that are not places: the host's own zone, a POSIX default,
and tzdata's placeholder."""


def check_timezone(name: str) -> str:
    """Accepts an IANA zone name such as `Europe/Berlin` and returns it.

    Exactly the names of the published enum (`available_timezones()` less NOT_ZONES):
    a folder of the zone tree ("Europe") or its `posix/` and `right/` copies would load
    in zoneinfo or fail with an OSError, but dateparser (pytz) cannot read them.
    Raises ValueError for any other name.
    """
    if name not in _zone_names():
        raise ValueError(f"unknown IANA time zone {name!r}")
    return name


def mend_timezone(name: object) -> str:
    """A stored zone as a published name: older releases also stored the zone tree's
    `posix/` and `right/` copies (`posix/Europe/Paris` is read as `Europe/Paris`); any
    other unknown name is read as UTC."""
    if isinstance(name, str):
        bare = name.removeprefix("posix/").removeprefix("right/")
        if bare in _zone_names():
            return bare
    return "UTC"


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones()) - NOT_ZONES


UtcDatetime = Annotated[
    datetime,
    AfterValidator(to_utc),
    PlainSerializer(format_time, return_type=str, when_used="json"),
]
"""An aware time, kept in UTC, answered as `YYYY-MM-DDTHH:MM:SSZ`."""

GivenDatetime = Annotated[UtcDatetime, AfterValidator(check_range)]
"""A time a caller gives (reminding_time, due_date): a UtcDatetime within EARLIEST..LATEST."""


class _ZoneNames:
    """Publishes the IANA zone names as the JSON schema's enum (computed when asked)."""

    def __get_pydantic_json_schema__(self, core: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"type": "string", "enum": sorted(_zone_names()), "examples": ["Europe/Berlin"]}


TimeZoneName = Annotated[str, AfterValidator(check_timezone), _ZoneNames()]

Clock = Callable[[], datetime]
"""Where the store and the dispatcher read the time; tests pass one they can set."""
