"""Middlewares: request context and errors (outermost), then authentication, then idempotency."""

from __future__ import annotations

import math
import random
import re
import time

import structlog
from aiohttp import web
from pydantic import ValidationError

from remo_async.api.auth import AuthError
from remo_async.api.http import field_errors
from remo_async.api.idempotency import replay_or_run
from remo_async.api.problems import HttpProblem, problem, render
from remo_async.api.routes import Handler, Route, route_of
from remo_async.domain.rules import InvalidTransition
from remo_async.keys import METRICS, RATE_LIMITER, REQUEST_ID, USER_ID, VERIFIER
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
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
MAX_BODY_BYTES = 64 * 1024
TOKEN_COOKIE = "privy-token"


def _request_id(request: web.Request) -> str:
    given = request.headers.get("X-Request-ID")
    if given is not None and SAFE_REQUEST_ID.match(given):
        return given
    # 128 random bits as 32 hex digits, like uuid4().hex, without a getrandom() system
    # call per request: an id must be unique, not unguessable (random reseeds after fork).
    return f"{random.getrandbits(128):032x}"


@web.middleware
async def context_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Request id, one log line and metrics per request; every error as problem+json."""
    request_id = _request_id(request)
    request[REQUEST_ID] = request_id
    structlog.contextvars.clear_contextvars()
    route = route_of(request)
    route_name = route.path if route is not None else "unmatched"
    structlog.contextvars.bind_contextvars(request_id=request_id, route=route_name)
    started = time.perf_counter()
    try:
        response = await _answer(request, handler)
    finally:
        structlog.contextvars.unbind_contextvars("route")
    response.headers["X-Request-ID"] = request_id
    seconds = time.perf_counter() - started
    request.app[METRICS].observe_request(
        route=route_name, method=request.method, status=response.status, seconds=seconds
    )
    if response.status >= 400:
        request.app[METRICS].errors.labels(str(response.status)).inc()
    log.info(
        "request",
        method=request.method,
        route=route_name,
        status=response.status,
        duration_ms=round(seconds * 1000, 2),
        user_id=request.get(USER_ID),
    )
    return response


async def _answer(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        if (request.content_length or 0) > MAX_BODY_BYTES:
            raise HttpProblem(413, f"the body is larger than {MAX_BODY_BYTES // 1024} KiB")
        return await handler(request)
    except HttpProblem as exc:
        return render(exc)
    except web.HTTPException as exc:
        return _from_http_exception(exc)
    except ValidationError as exc:
        errors = field_errors(exc)
        return problem(422, "the request is not valid", title="Validation failed", errors=errors)
    except StoreError as exc:
        return _from_store_error(exc)
    except InvalidTransition as exc:
        return problem(409, str(exc), title="Invalid status change")
    except Exception:
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


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def _token(request: web.Request, route: Route) -> str | None:
    token = _bearer(request)
    if token is None and route.token_in_query:
        # Browsers' EventSource cannot set headers. The request log names the route,
        # never the query string, so the token is not written to logs.
        token = request.cookies.get(TOKEN_COOKIE) or request.query.get("access_token") or None
    return token


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """401 without a good token, 403 for another user's path, 429 over the rate limit."""
    route = route_of(request)
    if route is None or not route.auth:
        return await handler(request)
    token = _token(request, route)
    if token is None:
        raise HttpProblem(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    try:
        user_id = request.app[VERIFIER].verify(token)
    except AuthError as exc:
        raise HttpProblem(
            401,
            f"the token was refused: {exc}",
            headers={
                "WWW-Authenticate": f'Bearer error="invalid_token", error_description="{exc}"'
            },
        ) from None
    request[USER_ID] = user_id
    structlog.contextvars.bind_contextvars(user_id=user_id)
    owner = request.match_info.get("user_id")
    if owner is not None and owner != user_id:
        raise HttpProblem(403, "this token does not give access to that user's data")
    wait = request.app[RATE_LIMITER].take(user_id)
    if wait is not None:
        raise HttpProblem(
            429,
            "too many requests; slow down",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )
    if route.creates:
        return await replay_or_run(request, handler, user_id=user_id)
    return await handler(request)
