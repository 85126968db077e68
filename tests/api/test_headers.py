"""What aiohttp rejects before the app sees it: problem+json that quotes nothing of the request.

These drive the runner `remo-async serve` uses (remo_async.api.protocol.AppRunner) over a raw
socket: an HTTP client would refuse to send most of these requests.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from remo_async.api.protocol import AppRunner
from remo_async.app import MAX_LINE_BYTES, create_app
from remo_async.settings import Settings
from remo_async.store import Store
from tests.conftest import make_settings, migrate

ALICE = "did:privy:alice"
MEMORY = 8  # a quoted run of this many characters of the request counts as an echo


@pytest.fixture
async def port(dynamodb_local_endpoint: str) -> AsyncIterator[int]:
    """The app served as `remo-async serve` serves it, on a free port."""
    settings: Settings = make_settings(dynamodb_local_endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
    runner = AppRunner(create_app(settings), handle_signals=False, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        yield runner.addresses[0][1]
    finally:
        await runner.cleanup()


async def _exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Sends raw bytes; the status, headers and body of the answer (read to the close)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), 30)
    finally:
        writer.close()
        await writer.wait_closed()
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, value in (x.split(":", 1) for x in lines)}
    return int(status_line.split()[1]), headers, body


def _assert_echoes_nothing(body: bytes, secret: str) -> None:
    text = body.decode()
    for start in range(len(secret) - MEMORY + 1):
        assert secret[start : start + MEMORY] not in text, f"the answer quotes the request: {text}"


def _problem(status: int, headers: dict[str, str], body: bytes, expected: int) -> dict[str, Any]:
    assert status == expected, body
    assert headers["content-type"].startswith("application/problem+json"), headers
    assert headers.get("connection") == "close", headers
    problem: dict[str, Any] = json.loads(body)
    assert problem["status"] == expected
    assert {"type", "title", "detail"} <= set(problem)
    return problem


def _get(port: int, *header_lines: str, path: str = f"/user/{ALICE}/reminders") -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", *header_lines, "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def test_an_authorization_header_over_the_limit_is_431_quoting_nothing(port: int) -> None:
    token = secrets.token_urlsafe(MAX_LINE_BYTES)  # over 64 KiB: past the server's limit
    answer = await _exchange(port, _get(port, f"Authorization: Bearer {token}"))
    problem = _problem(*answer, 431)
    assert problem["title"] == "Request Header Fields Too Large"
    _assert_echoes_nothing(answer[2], token)
    assert "Bearer" not in answer[2].decode()


async def test_a_header_name_over_the_limit_is_431(port: int) -> None:
    name = "X-" + secrets.token_hex(MAX_LINE_BYTES // 2)
    answer = await _exchange(port, _get(port, f"{name}: 1"))
    _problem(*answer, 431)
    _assert_echoes_nothing(answer[2], name)


async def test_a_20_kb_token_reaches_the_app_and_is_401_quoting_nothing(port: int) -> None:
    """Under the 64 KiB limit the app answers: the token is not valid, and is not quoted."""
    token = secrets.token_urlsafe(15_000)  # 20,000 characters
    answer = await _exchange(port, _get(port, f"Authorization: Bearer {token}"))
    _assert_echoes_nothing(answer[2], token)
    assert answer[0] == 401, answer[2]
    assert answer[1]["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "request_line",
    [
        "GET /nowhere HTTP/1.1 extra-{secret}",
        "G{secret}<> / HTTP/1.1",
        "GET /{secret} HTTP/9.9",
    ],
)
async def test_a_malformed_request_line_is_400_quoting_nothing(
    port: int, request_line: str
) -> None:
    secret = secrets.token_hex(16)
    raw = f"{request_line.format(secret=secret)}\r\nHost: x\r\n\r\n".encode()
    answer = await _exchange(port, raw)
    _problem(*answer, 400)
    _assert_echoes_nothing(answer[2], secret)


async def test_a_malformed_header_is_400_quoting_nothing(port: int) -> None:
    secret = secrets.token_hex(16)
    answer = await _exchange(port, _get(port, f"Bad Header{secret}: x"))
    _problem(*answer, 400)
    _assert_echoes_nothing(answer[2], secret)
