"""The request path's middlewares, outermost first, each built by a factory from what it uses.

    context       request id, the matched Route (once, in request[ROUTE]), one log line,
                  metrics, and every error as problem+json      create_context_middleware
    auth          401 without an acceptable token, 403 for another user's path
                                                                 create_auth_middleware
    rate limit    429 over the user's token bucket               create_rate_limit_middleware
    idempotency   a retried Idempotency-Key gets the first answer  create_idempotency_middleware

Each stage reads what an outer one found (the route, the user) from the request, never
again from the router or the token.
"""

from __future__ import annotations

import math
import random
import re
import time
from collections.abc import Callable, Iterable

import structlog
from aiohttp import web
from aiohttp.typedefs import Middleware

from remo_async.api.auth import AuthError, TokenVerifier
from remo_async.api.errors import MAX_BODY_BYTES, answer_for
from remo_async.api.idempotency import HEADER, replay_or_run
from remo_async.api.problems import HttpProblem
from remo_async.api.ratelimit import RateLimiter
from remo_async.api.routes import ROUTE, Handler, Route
from remo_async.keys import REQUEST_ID, USER_ID
from remo_async.metrics import Metrics
from remo_async.store.idempotency import IdempotencyRepository

__all__ = [
    "MAX_BODY_BYTES",
    "create_auth_middleware",
    "create_context_middleware",
    "create_idempotency_middleware",
    "create_rate_limit_middleware",
]

log = structlog.get_logger("remo_async.http")

SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
TOKEN_COOKIE = "privy-token"
UNMATCHED = "unmatched"
"""The route name of a request no route matched (metrics, log)."""


def _request_id(request: web.Request) -> str:
    given = request.headers.get("X-Request-ID")
    if given is not None and SAFE_REQUEST_ID.match(given):
        return given
    # 128 random bits as 32 hex digits, like uuid4().hex, without a getrandom() system
    # call per request: an id must be unique, not unguessable (random reseeds after fork).
    return f"{random.getrandbits(128):032x}"


def create_context_middleware(routes: Iterable[Route], *, metrics: Metrics) -> Middleware:
    """Request id (X-Request-ID in and out), the matched Route, one log line, metrics, and
    every exception as its problem+json answer (api/errors.py); the outermost of ours.

    The log line carries request_id, route and (once authenticated) user_id, bound once
    as context so lines a handler logs carry them too; the context is cleared at the end.
    """
    index = {(route.method, route.path): route for route in routes}

    @web.middleware
    async def context(request: web.Request, handler: Handler) -> web.StreamResponse:
        request_id = _request_id(request)
        request[REQUEST_ID] = request_id
        resource = request.match_info.route.resource
        method = "GET" if request.method == "HEAD" else request.method  # HEAD is GET's
        route = None if resource is None else index.get((method, resource.canonical))
        if route is not None:
            request[ROUTE] = route
        name = UNMATCHED if route is None else route.path
        structlog.contextvars.bind_contextvars(request_id=request_id, route=name)
        started = time.perf_counter()
        try:
            response = await _answer(request, handler)
            response.headers["X-Request-ID"] = request_id
            seconds = time.perf_counter() - started
            metrics.observe_request(
                route=name, method=request.method, status=response.status, seconds=seconds
            )
            log.info(
                "request",
                method=request.method,
                status=response.status,
                duration_ms=round(seconds * 1000, 2),
            )
            return response
        finally:
            # A keep-alive connection's next request starts from an empty context.
            structlog.contextvars.clear_contextvars()

    return context


async def _answer(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        if (request.content_length or 0) > MAX_BODY_BYTES:
            raise HttpProblem(413, f"the body is larger than {MAX_BODY_BYTES // 1024} KiB")
        return await handler(request)
    except Exception as exc:
        return answer_for(exc)


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


def create_auth_middleware(verifier: TokenVerifier) -> Middleware:
    """401 without an acceptable token on a route that needs one, 403 for another user's
    path; sets request[USER_ID] (RFC 6750 bearer tokens, WWW-Authenticate on a 401)."""

    @web.middleware
    async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
        route = request.get(ROUTE)
        if route is None or not route.auth:
            return await handler(request)
        token = _token(request, route)
        if token is None:
            raise HttpProblem(
                401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"}
            )
        try:
            user_id = verifier.verify(token)
        except AuthError as exc:
            challenge = f'Bearer error="invalid_token", error_description="{exc}"'
            raise HttpProblem(
                401, f"the token was refused: {exc}", headers={"WWW-Authenticate": challenge}
            ) from None
        request[USER_ID] = user_id
        structlog.contextvars.bind_contextvars(user_id=user_id)
        owner = request.match_info.get("user_id")
        if owner is not None and owner != user_id:
            raise HttpProblem(403, "this token does not give access to that user's data")
        return await handler(request)

    return authenticate


def create_rate_limit_middleware(limiter: RateLimiter) -> Middleware:
    """429 with Retry-After (whole seconds, RFC 9110) when the authenticated user's bucket
    is empty; requests without a user (public routes) are not limited."""

    @web.middleware
    async def rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
        user_id = request.get(USER_ID)
        if user_id is not None:
            wait = limiter.take(user_id)
            if wait is not None:
                raise HttpProblem(
                    429,
                    "too many requests; slow down",
                    headers={"Retry-After": str(max(1, math.ceil(wait)))},
                )
        return await handler(request)

    return rate_limit


def create_idempotency_middleware(keys: Callable[[], IdempotencyRepository]) -> Middleware:
    """On a route that honours Idempotency-Key (Route.idempotent), a request with the
    header runs once per user, route and key; a retry gets the first answer replayed, the
    same key with another body a 409 (api/idempotency.py). `keys` gives the repository
    (the store opens after the app is built)."""

    @web.middleware
    async def idempotency(request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.headers.get(HEADER)
        route = request.get(ROUTE)
        if given is None or route is None or not route.idempotent:
            return await handler(request)
        return await replay_or_run(request, handler, keys(), user_id=request[USER_ID], given=given)

    return idempotency
