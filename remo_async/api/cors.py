"""CORS (the Fetch standard's CORS protocol) for the origins of REMO_CORS_ORIGINS.

A small middleware and a response hook rather than aiohttp-cors: aiohttp-cors registers
each route with its own resource options and answers preflights through the router, so
an OPTIONS of an unknown method would bypass our problem+json errors; here a preflight is
answered before routing, and every answer (problem+json errors and event streams
included) gets its headers in `on_response_prepare`, the one place all answers pass.
"""

from __future__ import annotations

from aiohttp import hdrs, web

from remo_async.api.routes import Handler

METHODS = "GET, POST, PUT, PATCH, DELETE"
REQUEST_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Request-ID"
EXPOSED_HEADERS = "Location, Retry-After, X-Request-ID, Idempotent-Replayed"
MAX_AGE = "600"
"""Seconds a browser may cache a preflight (Chromium caps it at 7,200)."""


class Cors:
    """Answers preflights from allowed origins and marks their answers; others get nothing."""

    def __init__(self, origins: frozenset[str]) -> None:
        self._origins = origins

    def allowed(self, request: web.Request) -> str | None:
        """The request's Origin when it is one of ours, else None."""
        origin = request.headers.get(hdrs.ORIGIN)
        if origin is None or origin.lower() not in self._origins:
            return None
        return origin

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """A preflight (OPTIONS with Access-Control-Request-Method) from an allowed origin:
        204 with the methods and request headers the API uses. Anything else goes on."""
        preflight = (
            request.method == hdrs.METH_OPTIONS
            and hdrs.ACCESS_CONTROL_REQUEST_METHOD in request.headers
        )
        if preflight and self.allowed(request) is not None:
            return web.Response(
                status=204,
                headers={
                    hdrs.ACCESS_CONTROL_ALLOW_METHODS: METHODS,
                    hdrs.ACCESS_CONTROL_ALLOW_HEADERS: REQUEST_HEADERS,
                    hdrs.ACCESS_CONTROL_MAX_AGE: MAX_AGE,
                },
            )
        return await handler(request)

    async def on_response_prepare(self, request: web.Request, response: web.StreamResponse) -> None:
        """Allows and exposes an allowed origin's answer; Vary: Origin on every answer."""
        response.headers.add(hdrs.VARY, hdrs.ORIGIN)
        origin = self.allowed(request)
        if origin is None:
            return
        response.headers[hdrs.ACCESS_CONTROL_ALLOW_ORIGIN] = origin
        response.headers[hdrs.ACCESS_CONTROL_EXPOSE_HEADERS] = EXPOSED_HEADERS
