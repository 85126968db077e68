"""What every view needs: the store, the clock, the path's user, and time input."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from aiohttp import web

from remo_async.api.problems import HttpProblem
from remo_async.assistant.time.when import WhenError, parse_due, parse_when
from remo_async.dispatch.webhook_urls import UnsafeWebhook, check_webhook_url
from remo_async.keys import CLOCK, SETTINGS, STORE
from remo_async.store import Store


def store_of(request: web.Request) -> Store:
    """The process's Store."""
    return request.app[STORE]


def now_of(request: web.Request) -> datetime:
    """The current time as the app's clock tells it."""
    return request.app[CLOCK]()


def path_user(request: web.Request) -> str:
    """The {user_id} of the path (the auth middleware has checked it is the token's)."""
    return request.match_info["user_id"]


_RECORD_ID = re.compile(r"^(rem|todo)_[0-9A-HJKMNP-TV-Z]{26}$")


def record_id(request: web.Request, name: str) -> str | None:
    """The path's item id, or None when it cannot be one of ours (so it is not there)."""
    value = request.match_info[name]
    return value if _RECORD_ID.match(value) else None


def existing_id(request: web.Request, name: str) -> str:
    """The path's item id; a 404 when it cannot be one of ours."""
    value = record_id(request, name)
    if value is None:
        raise HttpProblem(404, "not found")
    return value


def location(*parts: str) -> str:
    """A Location header value from path segments."""
    return "/" + "/".join(quote(part, safe="") for part in parts)


async def user_zone(request: web.Request, user_id: str) -> str:
    """The user's preferred time zone (UTC when none is set)."""
    preferences = await store_of(request).users.get_preferences(privy_id=user_id)
    return preferences.timezone


async def check_outbound_url(request: web.Request, url: str, *, field: str) -> None:
    """A 422 naming `field` unless `url` may be called by the service: https to public
    addresses only (no SSRF; webhook_urls.check_webhook_url), unless
    REMO_WEBHOOK_ALLOW_INSECURE. Sending checks again, as DNS can change."""
    try:
        _check_url_text(url)
        allow_insecure = request.app[SETTINGS].webhook_allow_insecure
        await check_webhook_url(url, allow_insecure=allow_insecure)
    except UnicodeError:  # a host name the resolver's IDNA codec refuses
        raise _url_problem(field, "has a host that is not a DNS name") from None
    except UnsafeWebhook as exc:
        raise _url_problem(field, str(exc)) from None


def _url_problem(field: str, message: str) -> HttpProblem:
    return HttpProblem(
        422,
        f"{field} {message}",
        title="Validation failed",
        errors=[{"field": field, "message": message}],
    )


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _check_url_text(url: str) -> None:
    """UnsafeWebhook unless url is written as a URL a client can request: no space or
    control character (RFC 3986 has none), and a host that is an IP literal or a DNS name
    (labels of 1..63 characters once IDNA-encoded, RFC 1035 2.3.4). The resolver raised
    UnicodeError for `https://a..b/` (a 500), and a space went through to be stored."""
    if _SPACE_OR_CONTROL.search(url) is not None:
        raise UnsafeWebhook("must not contain spaces or control characters (RFC 3986)")
    try:
        host = urlsplit(url).hostname
    except ValueError:
        raise UnsafeWebhook("is not a URL") from None
    if not host or host.startswith("[") or ":" in host:
        return  # no host (check_webhook_url names it) or an IPv6 literal
    try:
        encoded = host.removesuffix(".").encode("idna")
    except UnicodeError:
        raise UnsafeWebhook(f"has a host that is not a DNS name ({host})") from None
    if not encoded or len(encoded) > 253:
        raise UnsafeWebhook(f"has a host that is not a DNS name ({host})")


def _invalid(field: str, exc: WhenError) -> HttpProblem:
    return HttpProblem(
        422,
        f"{field}: {exc}",
        title="Validation failed",
        errors=[{"field": field, "message": str(exc)}],
    )


_RFC3339_INSTANT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?"
    r"(?:[Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def rfc3339_instant(text: str) -> datetime | None:
    """An RFC 3339 date-time with its offset (section 5.6) as UTC; None for anything else.

    What clients send most is read at once: parse_when reads such a time the same way,
    after its English rewriting rules (about 0.15 ms a time). A time it would refuse (a
    day that does not exist, beyond what Python holds) is None too, and parse_when says why.
    """
    if _RFC3339_INSTANT.fullmatch(text) is None:
        return None
    try:
        return datetime.fromisoformat(text.upper()).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


_LEAP_SECOND = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:)60"
    r"((?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})?)"
)


def _second_before_leap(text: str) -> str:
    """text with a leap second (`23:59:60`, RFC 3339 section 5.7) written as the second
    before it (a datetime holds no second 60); any other text as it is. Only the seconds
    field is touched: a minute or an offset of 60 stays, and stays invalid."""
    found = _LEAP_SECOND.fullmatch(text)
    return text if found is None else f"{found[1]}59{found[2]}"


def _leap_second(text: str) -> datetime | None:
    """An RFC 3339 date-time with its offset at a leap second, read as the second before
    it, as read_bound reads one; else None."""
    found = _LEAP_SECOND.fullmatch(text)
    if found is None or not found[2]:
        return None
    try:
        return datetime.fromisoformat(_second_before_leap(text).upper()).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def read_time(request: web.Request, text: str, *, zone: str, field: str) -> datetime:
    """A point in time from RFC 3339 or plain English; unreadable input is a 422 naming field."""
    instant = rfc3339_instant(text) or _leap_second(text)
    if instant is not None:
        return instant
    try:
        return parse_when(text, now=now_of(request), zone=zone)
    except WhenError as exc:
        raise _invalid(field, exc) from None


def split_statuses(text: str | None) -> tuple[str, ...]:
    """`pending,fired` as ("fired", "pending"): each once, sorted (the schema checked each)."""
    return () if text is None else tuple(sorted(set(text.split(","))))


def read_bound(text: str, *, zone: str, field: str) -> datetime:
    """An RFC 3339 time of a list's query (`from`, `to`); without an offset, read in zone.

    Anything else is a 422 naming `query.<field>`. (fromisoformat also takes ISO 8601
    forms RFC 3339 lacks, such as a week date; they are read as ISO 8601 says.)
    """
    # RFC 3339 allows a lower-case t and z, and a leap second (read as the second before).
    plain = _second_before_leap(text).upper()
    try:
        moment = datetime.fromisoformat(plain)
    except ValueError:
        moment = None
    if moment is None or len(text) < 10:
        message = "must be an RFC 3339 date-time, e.g. 2026-12-02T00:00:00Z"
        raise HttpProblem(
            422,
            f"query.{field}: {message}",
            title="Validation failed",
            errors=[{"field": f"query.{field}", "message": message}],
        )
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=ZoneInfo(zone))


def read_due(request: web.Request, text: str, *, zone: str, field: str) -> date | datetime:
    """A due date or time, as read_time reads times."""
    instant = rfc3339_instant(text) or _leap_second(text)
    if instant is not None:
        return instant
    try:
        return parse_due(text, now=now_of(request), zone=zone)
    except WhenError as exc:
        raise _invalid(field, exc) from None
