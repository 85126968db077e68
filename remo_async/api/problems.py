"""RFC 9457 problem+json answers."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import orjson
from aiohttp import web

from remo_async.domain.text import replace_lone_surrogates

PROBLEM_TYPE = "application/problem+json"


def problem(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> web.Response:
    """One problem+json response; never carries a traceback."""
    body = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    try:
        encoded = orjson.dumps(body)
    except orjson.JSONEncodeError:
        # A detail or field name may quote text UTF-8 cannot encode: an error answer must
        # still be one.
        encoded = orjson.dumps(replace_lone_surrogates(body))
    return web.Response(
        status=status,
        body=encoded,
        content_type=PROBLEM_TYPE,
        headers=headers,
    )


class HttpProblem(Exception):
    """Raised by views and middlewares; the error middleware renders it as problem+json."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title
        self.headers = headers or {}
        self.errors = errors


def render(exc: HttpProblem) -> web.Response:
    """An HttpProblem as problem+json."""
    extra: dict[str, Any] = {} if exc.errors is None else {"errors": exc.errors}
    return problem(exc.status, exc.detail, title=exc.title, headers=exc.headers, **extra)
