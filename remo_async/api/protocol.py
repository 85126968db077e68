"""The HTTP connection: aiohttp's RequestHandler with problem+json rejections and a clean close.

aiohttp answers a request it cannot parse (a header over its limit, a malformed request
line) itself, before any middleware runs, with a text/plain 400 that quotes the start of
the offending line: for an oversized `Authorization`, the start of the bearer token. Here
those answers are problem+json, 431 for a line or header over the limit, and quote nothing.

At shutdown aiohttp closes idle keep-alive connections outright; a request its client sent
at that moment meets a closed socket, and the client a reset. Here an idle connection closes
lingering: a FIN first, then what the client still sends is read and dropped until it closes.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import structlog
from aiohttp import hdrs, web
from aiohttp.http_exceptions import BadHttpMessage, HttpProcessingError, LineTooLong
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from remo_async.api.problems import problem

log = structlog.get_logger("remo_async.http")

REJECTED: dict[type[BaseException], tuple[int, str]] = {
    LineTooLong: (
        HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
        "the request line or a header field is over the server's limit",
    ),
    BadHttpMessage: (HTTPStatus.BAD_REQUEST, "the request is not well-formed HTTP/1.1"),
    HttpProcessingError: (HTTPStatus.BAD_REQUEST, "the request is not well-formed HTTP/1.1"),
    asyncio.TimeoutError: (HTTPStatus.GATEWAY_TIMEOUT, "the request took too long"),
}
"""What aiohttp rejects, by exception class (looked up along the MRO): status and detail."""
UNEXPECTED = (
    HTTPStatus.INTERNAL_SERVER_ERROR,
    "something went wrong on our side; it has been logged",
)


TOO_MANY_HEADERS = (
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
    "the request has more header fields than the server's limit",
)
"""aiohttp's parser refuses over 128 header fields with a plain BadHttpMessage; RFC 6585 5
answers header fields too large "individually or collectively" with 431."""


def rejection(exc: BaseException | None, status: int) -> tuple[int, str]:
    """The status and detail for what aiohttp rejected; never words from the request."""
    if isinstance(exc, BadHttpMessage) and "Too many headers" in str(exc):
        return TOO_MANY_HEADERS
    for cls in type(exc).__mro__ if exc is not None else ():
        if cls in REJECTED:
            return REJECTED[cls]
    if status == HTTPStatus.GATEWAY_TIMEOUT:
        return REJECTED[asyncio.TimeoutError]
    return UNEXPECTED if status >= 500 else (status, HTTPStatus(status).description)


class Connection(RequestHandler):
    """One HTTP connection: error answers of its own are problem+json, it closes lingering."""

    def __init__(self, manager: web.Server, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._closed: asyncio.Future[None] = self._loop.create_future()
        self._linger_handle: asyncio.TimerHandle | None = None

    @property
    def idle(self) -> bool:
        """True while the connection waits for its client's next request."""
        waiter = self._waiter
        return waiter is not None and not waiter.done() and not self._messages

    def linger(self, within: float) -> asyncio.Future[None]:
        """Closes an idle connection: FIN, then reads and drops until the client closes.

        A request that raced onto the connection is read, so the client sees a clean close
        (it was not taken), never a reset. After `within` seconds the socket closes anyway.
        Returns a future done once the connection is closed.
        """
        transport = self.transport
        if transport is None or transport.is_closing():
            return self._closed
        self.close()  # stops the request loop; aiohttp drops what arrives after this
        if transport.can_write_eof():
            transport.write_eof()
        self._linger_handle = self._loop.call_later(within, self._linger_over)
        return self._closed

    def _linger_over(self) -> None:
        log.info("an idle connection's client did not close in time; closed")
        self.force_close()

    def connection_lost(self, exc: BaseException | None) -> None:
        super().connection_lost(exc)
        if self._linger_handle is not None:
            self._linger_handle.cancel()
        if not self._closed.done():
            self._closed.set_result(None)

    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,  # aiohttp's text, which quotes the request: not used
    ) -> web.StreamResponse:
        """The answer to a request aiohttp rejected, or whose handler failed; closes after."""
        status, detail = rejection(exc, status)
        status = int(status)
        if status >= 500:
            log.error("request failed in the HTTP layer", status=status, exc_info=exc)
        else:
            # The exception's text quotes the request (a token, perhaps): only its class.
            log.info("request rejected", status=status, error=type(exc).__name__)
        if request.writer.output_size > 0:
            raise ConnectionError("an answer was already under way; the connection is closed")
        response = problem(status, detail, headers={hdrs.CONNECTION: "close"})
        response.force_close()  # (the request is HTTP/1.0 to aiohttp: it adds no header)
        return response


class Server(web.Server):
    """aiohttp's low-level server, making Connection protocols."""

    def __call__(self) -> RequestHandler:
        return Connection(self, loop=self._loop, **self._kwargs)


async def close_idle_connections(server: web.Server, *, linger: float) -> None:
    """Closes, lingering, every connection waiting for a request; returns once they closed.

    What clients sent before this is read first (two turns of the event loop: one polls the
    sockets, the next runs their callbacks), so a request already here is served, not dropped.
    """
    for _ in range(2):
        await asyncio.sleep(0)
    closing = [
        connection.linger(linger)
        for connection in server.connections
        if isinstance(connection, Connection) and connection.idle
    ]
    await asyncio.gather(*closing)


class AppRunner(web.AppRunner):
    """web.AppRunner whose connections are Connection: problem+json rejections, clean closes."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()  # starts the app: once
        return Server(
            server.request_handler,
            request_factory=server.request_factory,
            handler_cancellation=server.handler_cancellation,
            loop=asyncio.get_running_loop(),
            **server._kwargs,
        )
