"""GET /user/{user_id}/events: the user's reminder fires, live, as server-sent events."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from remo_async.api.auth import VERIFIER, AuthError, Identity
from remo_async.api.problems import HttpProblem
from remo_async.api.views.common import path_user
from remo_async.dispatch.events import (
    StreamClosed,
    Subscription,
    TooManyStreams,
    token_expired_event,
)
from remo_async.keys import EVENT_HUB, REQUEST_ID, SETTINGS, USER_ID

KEEPALIVE = b": keep-alive\n\n"
# How long EventSource waits before reconnecting after the stream ends.
RECONNECT_MS = 3000
STREAMS_RETRY = 30
"""Retry-After (seconds) of a stream refused for the user's streams already open."""


async def stream_events(request: web.Request) -> web.StreamResponse:
    """Streams reminder.fired events until the client leaves, the server shuts down, or the
    token is no longer accepted (its `exp` plus the verifier's leeway): then token.expired."""
    hub = request.app.get(EVENT_HUB)
    if hub is None:
        raise HttpProblem(404, "live events are not enabled on this server")
    identity = _identity(request)
    verifier = request.app[VERIFIER]
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
            # Proxies such as nginx would otherwise buffer the stream.
            "X-Accel-Buffering": "no",
            "X-Request-ID": request[REQUEST_ID],
        }
    )
    try:
        # Subscribed before the headers go out: a client that has them misses no event.
        with hub.subscribe(path_user(request)) as subscription:
            await response.prepare(request)
            await response.write(f"retry: {RECONNECT_MS}\n\n".encode())
            await _pump(
                response,
                subscription,
                keepalive=request.app[SETTINGS].events_keepalive,
                remaining=lambda: verifier.remaining(identity),
            )
            await response.write(token_expired_event(identity.accepted_until).encode())
    except TooManyStreams as exc:
        # RFC 6585 4: too many requests; the user's other streams are still open.
        raise HttpProblem(429, str(exc), headers={"Retry-After": str(STREAMS_RETRY)}) from None
    except StreamClosed:
        if not response.prepared:
            raise HttpProblem(503, "the server is shutting down") from None
    except ConnectionResetError:
        pass  # the client went away; the subscription is already gone
    return response


async def _pump(
    response: web.StreamResponse,
    subscription: Subscription,
    *,
    keepalive: float,
    remaining: Callable[[], float],
) -> None:
    """Writes events, and keep-alives in quiet times, while the token is still accepted."""
    while (left := remaining()) > 0:
        event = await subscription.next(within=min(keepalive, left))
        if event is not None:
            await response.write(event.encode())
        elif left > keepalive:  # a keep-alive's time was quiet (else the token's time is up)
            # A keep-alive also finds out, by failing, that a client has gone.
            await response.write(KEEPALIVE)


def _identity(request: web.Request) -> Identity:
    """The identity of the token the auth middleware accepted for this request.

    The middleware keeps only the user id; the token is found again the way it looks for
    it (header, then cookie, then query) and identified from the verifier's cache.
    """
    from remo_async.api.middleware import TOKEN_COOKIE  # here: the middleware imports views

    scheme, _, bearer = request.headers.get("Authorization", "").partition(" ")
    candidates = (
        bearer.strip() if scheme.lower() == "bearer" else "",
        request.cookies.get(TOKEN_COOKIE, ""),
        request.query.get("access_token", ""),
    )
    verifier = request.app[VERIFIER]
    for token in filter(None, candidates):
        try:
            identity = verifier.identify(token)
        except AuthError:
            continue
        if identity.user_id == request[USER_ID]:
            return identity
    raise HttpProblem(401, "the token was refused: token expired")  # since the middleware
