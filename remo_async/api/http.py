"""Reading bodies and queries into models, and writing models out: HTTP helpers for views.

JSON is read strictly (RFC 8259, by orjson): NaN, Infinity, a lone surrogate, invalid
UTF-8, a number beyond a double, an integer beyond 64 bits, a key named twice in one
object or nesting deeper than MAX_DEPTH is a 400. A body in a
media type the route does not take is a 415; one without a Content-Type is read as JSON,
as older clients send it (curl -d says it is a form, and a JSON route refuses that).
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

import orjson
import structlog
from aiohttp import hdrs, web
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticSerializationError

from remo_async.api.problems import HttpProblem
from remo_async.domain.text import replace_lone_surrogates

M = TypeVar("M", bound=BaseModel)

log = structlog.get_logger("remo_async.http")

JSON_TYPE = "application/json"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
UTF_8 = (None, "utf-8", "utf8")
MAX_DEPTH = 32
"""Levels of arrays and objects a body may nest; the outermost is level 1."""
_ACCEPT_HEADER = {"POST": "Accept-Post", "PATCH": "Accept-Patch"}


def field_errors(exc: ValidationError, *, prefix: str = "") -> list[dict[str, str]]:
    """Pydantic's errors as [{"field", "message"}], fields named by their dotted path."""
    found = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(part) for part in error["loc"] if not str(part).startswith("function-"))
        message = str(error["msg"]).removeprefix("Value error, ")
        found.append(
            {
                "field": f"{prefix}{path}" if path else prefix.rstrip(".") or "body",
                "message": message,
            }
        )
    return found


def validate(model: type[M], data: Any, *, where: str = "body") -> M:
    """Validates data against model; a violation is a 422 naming each offending field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = field_errors(exc, prefix="" if where == "body" else f"{where}.")
        names = ", ".join(e["field"] for e in errors)
        raise HttpProblem(
            422, f"the {where} is not valid: {names}", title="Validation failed", errors=errors
        ) from None


def loads(raw: bytes | str, *, what: str = "the body") -> Any:
    """Strict JSON at most MAX_DEPTH levels deep; anything else is a 400 naming what."""
    try:
        value = orjson.loads(raw)  # refuses > 1024 levels itself, without recursing
    except orjson.JSONDecodeError as exc:
        raise HttpProblem(400, f"{what} is not valid JSON: {exc}", title="Malformed JSON") from None
    if _deeper_than(value, MAX_DEPTH):
        raise HttpProblem(
            400, f"{what} nests deeper than {MAX_DEPTH} levels", title="Malformed JSON"
        )
    if _count_key_ends(raw) != _key_count(value) and _names_a_key_twice(raw):
        raise HttpProblem(
            400,
            f"{what} names a key twice in one object (RFC 8259 4: names should be unique; "
            "readers differ on which one counts)",
            title="Malformed JSON",
        )
    if _has_long_digits(raw) and _inexact_integer(raw):
        raise HttpProblem(
            400,
            f"{what} holds an integer beyond 64 bits ({INT_MIN}..{UINT_MAX}), "
            "which cannot be kept exactly",
            title="Malformed JSON",
        )
    return value


_KEY_END = re.compile(r'"[ \t\n\r]*:')
_KEY_END_BYTES = re.compile(rb'"[ \t\n\r]*:')


def _count_key_ends(raw: bytes | str) -> int:
    """How often a quote is followed by a colon: once after each key, and more only for an
    escaped quote before a colon inside a string. Equal to the keys orjson kept, no key
    was named twice (orjson keeps the last silently); else _names_a_key_twice decides."""
    if isinstance(raw, str):
        return len(_KEY_END.findall(raw))
    return len(_KEY_END_BYTES.findall(raw))


def _key_count(value: Any) -> int:
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


class _Repeated(Exception):
    pass


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _Repeated
    return found


def _names_a_key_twice(raw: bytes | str) -> bool:
    """Read again by the standard library, which hands over each object's pairs."""
    try:
        json.loads(raw, object_pairs_hook=_unique)
    except _Repeated:
        return True
    except ValueError:  # an integer over 4,300 digits: refused by orjson already
        return False
    return False


INT_MIN, UINT_MAX = -(2**63), 2**64 - 1
"""The integers orjson reads exactly; beyond them it answers a float, another number."""
_LONG_DIGITS = re.compile(r"[0-9]{19}")
_LONG_DIGITS_BYTES = re.compile(rb"[0-9]{19}")


def _has_long_digits(raw: bytes | str) -> bool:
    if isinstance(raw, str):
        return _LONG_DIGITS.search(raw) is not None
    return _LONG_DIGITS_BYTES.search(raw) is not None


def _inexact_integer(raw: bytes | str) -> bool:
    """True when the JSON text holds an integer orjson would read as a float (RFC 8259 6
    leaves the range to the reader: 18446744073709551616 must not come back as 1.8e19).

    Only a body with a run of 19 digits (in a number or a string) is read again, by the
    standard library, which keeps integers exact; orjson has already refused what is not
    strict JSON, and MAX_DEPTH bounds the recursion.
    """
    try:
        stack = [json.loads(raw)]
    except ValueError:  # beyond the standard library's 4,300 digits: not kept either
        return True
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif type(value) is int and not INT_MIN <= value <= UINT_MAX:
            return True
    return False


def _deeper_than(value: Any, limit: int) -> bool:
    # Level by level, at most limit + 1 of them: no recursion, and each container is
    # looked at once (a 64 KiB body holds a few thousand at most).
    level = [value] if isinstance(value, dict | list) else []
    for _ in range(limit):
        if not level:
            return False
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, dict | list)
        ]
    return bool(level)


def _is_json_type(media_type: str) -> bool:
    return media_type == JSON_TYPE or media_type.endswith("+json")


def _unsupported(request: web.Request, *, forms: bool) -> HttpProblem:
    taken = [JSON_TYPE, *(FORM_TYPES if forms else ())]
    header = _ACCEPT_HEADER.get(request.method)
    return HttpProblem(
        415,
        f"this route takes {' or '.join(taken)} (UTF-8; a +json type is read as JSON), "
        f"not {request.headers[hdrs.CONTENT_TYPE][:100]!r}",
        headers={header: ", ".join(taken)} if header else None,
    )


async def read_json(request: web.Request, *, forms: bool = False) -> Any:
    """The request body as strict JSON: a 415 for another media type, a 400 when malformed.

    forms: the route also takes forms (said in the 415's detail; the view reads them).
    """
    if hdrs.CONTENT_TYPE in request.headers:
        media_type, charset = request.content_type.lower(), request.charset
        if not _is_json_type(media_type) or (charset and charset.lower()) not in UTF_8:
            raise _unsupported(request, forms=forms)
    raw = await request.read()
    if not raw.strip():
        raise HttpProblem(400, "a JSON body is required", title="Malformed JSON")
    return loads(raw)


async def read_body(request: web.Request, model: type[M], *, forms: bool = False) -> M:
    """The JSON body validated against model."""
    return validate(model, await read_json(request, forms=forms))


def is_form(request: web.Request) -> bool:
    """True when the body is an HTML form (as older clients send some requests)."""
    return request.content_type.lower() in FORM_TYPES


async def read_form(request: web.Request, model: type[M]) -> M:
    """The form body validated against model (the last value of a repeated field wins)."""
    charset = request.charset
    if (charset and charset.lower()) not in UTF_8:
        raise _unsupported(request, forms=True)
    try:
        form = await request.post()
    except (ValueError, LookupError) as exc:  # no boundary, not UTF-8, an unknown charset
        raise HttpProblem(400, f"the form cannot be read: {exc}", title="Malformed form") from None
    return validate(model, {k: v for k, v in form.items() if isinstance(v, str)})


def read_query(request: web.Request, model: type[M]) -> M:
    """The query string validated against model (unknown parameters are violations).

    A parameter given twice is a 422 naming it: dict() kept the first silently, so
    `DELETE /data?data_type=all&data_type=todos` deleted everything, and
    `?status=pending&status=fired` listed only pending reminders.
    """
    query = request.query
    if len(query) != len(set(query)):
        repeated = sorted({name for name in query if len(query.getall(name)) > 1})
        errors = [
            {"field": f"query.{name}", "message": "is given more than once"} for name in repeated
        ]
        names = ", ".join(error["field"] for error in errors)
        raise HttpProblem(
            422, f"the query is not valid: {names}", title="Validation failed", errors=errors
        )
    return validate(model, dict(query), where="query")


def dump(
    value: BaseModel | dict[str, Any] | list[Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> web.Response:
    """A JSON answer; models serialize through pydantic (times as RFC 3339 with Z)."""
    return web.Response(
        status=status,
        body=encode(value),
        content_type=JSON_TYPE,
        charset="utf-8",
        headers=headers,
    )


def encode(value: BaseModel | dict[str, Any] | list[Any]) -> bytes:
    """value as JSON bytes; a lone surrogate (stored by an older version) is sent as U+FFFD."""
    try:
        return _encode(value)
    except (PydanticSerializationError, orjson.JSONEncodeError) as exc:
        log.warning("answer held text UTF-8 cannot encode; sent as U+FFFD", error=str(exc))
    if not isinstance(value, BaseModel):
        return orjson.dumps(replace_lone_surrogates(value), option=orjson.OPT_UTC_Z)
    try:
        plain = value.model_dump(mode="json")  # times and enums as answered
    except (UnicodeEncodeError, PydanticSerializationError):
        # In a free-form key (preferences): validated again, mended, as its own class.
        mended = type(value).model_validate(replace_lone_surrogates(value.model_dump()))
        return _encode(mended)
    return orjson.dumps(replace_lone_surrogates(plain))


def _encode(value: BaseModel | dict[str, Any] | list[Any]) -> bytes:
    # Straight to bytes: model_dump_json() would decode pydantic's bytes for aiohttp to
    # encode them again.
    if isinstance(value, BaseModel):
        return value.__pydantic_serializer__.to_json(value)
    return orjson.dumps(value, option=orjson.OPT_UTC_Z)
