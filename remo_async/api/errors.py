"""Every exception a handler raises, as the RFC 9457 problem+json answer it stands for."""

from __future__ import annotations

import structlog
from aiohttp import web
from aiohttp.web_protocol import RequestPayloadError
from pydantic import ValidationError

from remo_async.api.http import field_errors
from remo_async.api.problems import HttpProblem, problem, render
from remo_async.domain.rules import InvalidTransition
from remo_async.store import (
    AlreadyExists,
    Conflict,
    InvalidCursor,
    InvalidValue,
    NotFound,
    QuotaExceeded,
    StoreError,
    StoreUnavailable,
)

log = structlog.get_logger("remo_async.http")

QUOTA_EXCEEDED = "urn:remo-async:problem:quota-exceeded"
MAX_BODY_BYTES = 64 * 1024


def answer_for(exc: Exception) -> web.StreamResponse:
    """The answer for an exception out of a handler: a 4xx it names, else a logged 500.

    Call it in the `except` block that caught exc (a 500 logs the traceback being handled).

    HttpProblem as it says; aiohttp's HTTPException (404, 405, 413, ...) as problem+json
    (a redirect as itself); a body that cannot be decoded (RFC 9110 8.4 Content-Encoding,
    chunked framing) 400; pydantic's ValidationError 422 naming the fields; the store's
    errors 404, 400, 409, 422, 503 with Retry-After; InvalidTransition 409.
    """
    if isinstance(exc, HttpProblem):
        return render(exc)
    if isinstance(exc, web.HTTPException):
        return _from_http_exception(exc)
    if isinstance(exc, RequestPayloadError):  # a body not in its Content-Encoding, bad chunks
        answer = problem(400, "the body could not be read as sent", title="Malformed body")
        answer.force_close()  # the rest of the body is unread: the connection cannot go on
        return answer
    if isinstance(exc, ValidationError):
        errors = field_errors(exc)
        return problem(422, "the request is not valid", title="Validation failed", errors=errors)
    if isinstance(exc, StoreError):
        return _from_store_error(exc)
    if isinstance(exc, InvalidTransition):
        return problem(409, str(exc), title="Invalid status change")
    log.exception("unhandled error")
    return problem(500, "something went wrong on our side; it has been logged")


def _from_http_exception(exc: web.HTTPException) -> web.StreamResponse:
    if exc.status < 400:
        return exc
    headers = {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
    detail = {
        404: "no such route",
        405: "this route does not take that method",
        413: f"the body is larger than {MAX_BODY_BYTES // 1024} KiB",
    }.get(exc.status, exc.reason)
    return problem(exc.status, detail, headers=headers)


def _from_store_error(exc: StoreError) -> web.Response:
    if isinstance(exc, NotFound):
        return problem(404, "not found")
    if isinstance(exc, InvalidCursor):
        return problem(400, str(exc), title="Invalid cursor")
    if isinstance(exc, InvalidValue):
        if exc.field is None:
            return problem(422, str(exc), title="Validation failed")
        errors = [{"field": exc.field, "message": str(exc)}]
        return problem(422, str(exc), title="Validation failed", errors=errors)
    if isinstance(exc, QuotaExceeded):
        return problem(409, str(exc), title="Quota exceeded", type_=QUOTA_EXCEEDED)
    if isinstance(exc, AlreadyExists | Conflict):
        return problem(409, str(exc))
    if isinstance(exc, StoreUnavailable):
        log.warning("dynamodb unavailable", error=str(exc))
        return problem(
            503,
            "the database is unavailable; try again shortly",
            headers={"Retry-After": str(exc.retry_after)},
        )
    log.error("store error", error=str(exc))
    return problem(500, "something went wrong on our side; it has been logged")
