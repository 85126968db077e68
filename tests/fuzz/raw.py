"""A raw HTTP/1.1 client: sends exactly the bytes a fuzz example chose, reads one answer."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
from dataclasses import dataclass, field
from typing import Any

TIMEOUT = 30.0
SHOWN = 300


@dataclass
class Request:
    """One generated request; target is the path and query, already percent-encoded."""

    method: str
    target: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    path_user: str | None = None
    """The {user_id} the path names (None for routes without one)."""

    def __repr__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """The request, shortened to what a person reads in a failure message."""
        headers = {
            name: value if len(value) <= 80 else f"{value[:40]}...({len(value)} chars)"
            for name, value in self.headers
            if name != "Authorization"
        }
        auth = next((v for n, v in self.headers if n == "Authorization"), None)
        body = self.body if self.body is None or len(self.body) <= SHOWN else self.body[:SHOWN]
        more = "" if self.body is None or len(self.body) <= SHOWN else f"...({len(self.body)} B)"
        target = self.target if len(self.target) <= SHOWN else self.target[:SHOWN] + "..."
        return (
            f"{self.method} {target} auth={_auth_kind(auth)} headers={headers} body={body!r}{more}"
        )


def _auth_kind(header: str | None) -> str:
    if header is None:
        return "none"
    return header[:20] + "..." if len(header) > 20 else header


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """The body as strict JSON (NaN, Infinity are refused, as a client's parser would)."""
        return json.loads(self.body, parse_constant=_refuse_constant)

    def describe(self) -> str:
        body = self.body[:SHOWN] + (b"..." if len(self.body) > SHOWN else b"")
        return f"{self.status} {self.headers.get('Content-Type')} {body!r}"


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"the answer holds {name}, which is not JSON")


class NoAnswer(AssertionError):
    """The server closed the connection without an HTTP answer."""


def send(port: int, request: Request, *, stream: bool = False) -> Answer:
    """Sends request on a new connection (Connection: close) and reads the answer.

    stream: a text/event-stream answer is not read past its head (it never ends).
    """
    head = [f"{request.method} {request.target} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    head += [f"{name}: {value}" for name, value in request.headers]
    if request.body is not None:
        head.append(f"Content-Length: {len(request.body)}")
    head.append("Connection: close")
    raw = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "surrogateescape")
    raw += request.body or b""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        # The server may answer (413, 431) before it has read everything.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(raw)
        response = http.client.HTTPResponse(sock, method=request.method)
        try:
            response.begin()
        except (http.client.RemoteDisconnected, ConnectionResetError) as exc:
            raise NoAnswer(f"no answer ({type(exc).__name__}) to {request.describe()}") from None
        if stream and (response.getheader("Content-Type") or "").startswith("text/event-stream"):
            return Answer(response.status, response.headers, b"")
        try:
            body = response.read()
        except (http.client.IncompleteRead, ConnectionResetError) as exc:
            raise NoAnswer(f"a cut answer ({exc!r}) to {request.describe()}") from None
        return Answer(response.status, response.headers, body)
