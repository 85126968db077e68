"""Faults injected into a real aiobotocore client through its `before-send` event.

A handler registered there runs for every attempt botocore makes, after signing and just
before sending. Returning a response skips the network: botocore parses it as DynamoDB's
own answer, so its retry mode and the store's error translation see a real error. Raising
a botocore exception makes the attempt fail as a network failure would.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import Any

from aiobotocore.awsrequest import AioAWSResponse

Hook = Callable[..., Any]


class _Body:
    """The raw body of an injected response (what aiobotocore reads from aiohttp)."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    async def read(self) -> bytes:
        return self._data


def response(url: str, status: int, headers: dict[str, str], body: bytes) -> AioAWSResponse:
    """An answer as aiobotocore's own HTTP session would hand it to botocore."""
    return AioAWSResponse(url, status, {k.lower(): v for k, v in headers.items()}, _Body(body))


def error_response(url: str, code: str, **fields: Any) -> AioAWSResponse:
    """DynamoDB's 400 answer for an error `code` (awsJson1.0), as aiobotocore would have it."""
    body = json.dumps(
        {"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": "injected", **fields}
    ).encode()
    headers = {
        "content-type": "application/x-amz-json-1.0",
        "content-length": str(len(body)),
        "x-amzn-requestid": uuid.uuid4().hex,
    }
    return response(url, 400, headers, body)


def header(request: Any, name: str) -> str:
    """A header of a prepared request, as text ('' when absent)."""
    value = request.headers.get(name, "")
    return value.decode() if isinstance(value, bytes) else str(value)


def operation_of(request: Any) -> str:
    """The DynamoDB operation a prepared request calls, e.g. PutItem."""
    return header(request, "X-Amz-Target").split(".")[-1]


def attempt_of(request: Any) -> tuple[str, int]:
    """The call a request belongs to (botocore's invocation id) and its attempt number."""
    found = re.search(r"attempt=(\d+)", header(request, "amz-sdk-request"))
    assert found is not None, "botocore's retry headers are missing"
    return header(request, "amz-sdk-invocation-id"), int(found.group(1))


def install(dynamodb_client: Any, handler: Hook, *, name: str) -> Callable[[], None]:
    """Registers handler before every DynamoDB send of that client; returns its removal."""
    events = dynamodb_client.meta.events
    events.register("before-send.dynamodb", handler, unique_id=name)
    return lambda: events.unregister("before-send.dynamodb", unique_id=name)
