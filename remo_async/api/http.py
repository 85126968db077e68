"""Reading bodies and queries into models, and writing models out: HTTP helpers for views."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from remo_async.api.problems import HttpProblem

M = TypeVar("M", bound=BaseModel)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


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


async def read_json(request: web.Request) -> Any:
    """The request body as JSON; malformed JSON is a 400."""
    raw = await request.read()
    if not raw.strip():
        raise HttpProblem(400, "a JSON body is required", title="Malformed JSON")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HttpProblem(
            400, f"the body is not valid JSON: {exc}", title="Malformed JSON"
        ) from None


async def read_body(request: web.Request, model: type[M]) -> M:
    """The JSON body validated against model."""
    return validate(model, await read_json(request))


def is_form(request: web.Request) -> bool:
    """True when the body is an HTML form (as older clients send some requests)."""
    return request.content_type in FORM_TYPES


async def read_form(request: web.Request, model: type[M]) -> M:
    """The form body validated against model (the last value of a repeated field wins)."""
    try:
        form = await request.post()
    except ValueError as exc:  # e.g. multipart without a boundary
        raise HttpProblem(400, f"the form cannot be read: {exc}", title="Malformed form") from None
    return validate(model, {k: v for k, v in form.items() if isinstance(v, str)})


def read_query(request: web.Request, model: type[M]) -> M:
    """The query string validated against model (unknown parameters are violations)."""
    return validate(model, dict(request.query), where="query")


def dump(
    value: BaseModel | dict[str, Any] | list[Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> web.Response:
    """A JSON answer; models serialize through pydantic (times as RFC 3339 with Z)."""
    # Straight to bytes: model_dump_json() would decode pydantic's bytes for aiohttp to
    # encode them again.
    body = (
        value.__pydantic_serializer__.to_json(value)
        if isinstance(value, BaseModel)
        else json.dumps(value).encode()
    )
    return web.Response(
        status=status,
        body=body,
        content_type="application/json",
        charset="utf-8",
        headers=headers,
    )
