"""GET /user/{user_id}/events: the user's reminder fires, live, as server-sent events."""

from __future__ import annotations

from aiohttp import web

from remo_async.api.problems import HttpProblem
from remo_async.api.views.common import path_user
from remo_async.dispatch.events import StreamClosed, Subscription
from remo_async.keys import EVENT_HUB, REQUEST_ID, SETTINGS

KEEPALIVE = b": keep-alive\n\n"
# How long EventSource waits before reconnecting after the stream ends.
RECONNECT_MS = 3000


async def stream_events(request: web.Request) -> web.StreamResponse:
    """Streams reminder.fired events until the client leaves or the server shuts down."""
    hub = request.app.get(EVENT_HUB)
    if hub is None:
        raise HttpProblem(404, "live events are not enabled on this server")
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
            await _pump(response, subscription, keepalive=request.app[SETTINGS].events_keepalive)
    except StreamClosed:
        if not response.prepared:
            raise HttpProblem(503, "the server is shutting down") from None
    except ConnectionResetError:
        pass  # the client went away; the subscription is already gone
    return response


async def _pump(
    response: web.StreamResponse, subscription: Subscription, *, keepalive: float
) -> None:
    while True:
        event = await subscription.next(within=keepalive)
        # A keep-alive also finds out, by failing, that a client has gone.
        await response.write(KEEPALIVE if event is None else event.encode())
