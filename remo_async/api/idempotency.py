"""Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): the first answer is
replayed for 24 h on the routes that honour it (Route.idempotent)."""

from __future__ import annotations

import asyncio
import hashlib
import time

import structlog
from aiohttp import web

from remo_async.api.problems import HttpProblem
from remo_async.api.routes import Handler
from remo_async.domain.text import has_lone_surrogate
from remo_async.store import StoreError
from remo_async.store.idempotency import Answer, IdempotencyRepository

log = structlog.get_logger("remo_async.idempotency")

HEADER = "Idempotency-Key"
WAIT_FOR_FIRST = 10.0
POLL = 0.05


async def replay_or_run(
    request: web.Request,
    handler: Handler,
    keys: IdempotencyRepository,
    *,
    user_id: str,
    given: str,
) -> web.StreamResponse:
    """Runs the request once per user, route and key; a retry gets the first answer (with
    Idempotent-Replayed: true), the same key with another body a 409, a retry while the
    first still runs waits for its answer (up to WAIT_FOR_FIRST seconds, then a 409)."""
    if not 1 <= len(given) <= 255:
        raise HttpProblem(400, f"{HEADER} must be 1 to 255 characters")
    body = await request.read()
    fingerprint = hashlib.sha256(body).hexdigest()
    key = item_key(user_id, f"{request.method} {request.path}", given)
    deadline = time.monotonic() + WAIT_FOR_FIRST
    while True:
        held = await keys.claim(key=key, fingerprint=fingerprint, user_id=user_id)
        if held is None:
            return await _run(
                request, handler, keys, key=key, fingerprint=fingerprint, user_id=user_id
            )
        if held.fingerprint != fingerprint:
            raise HttpProblem(409, f"this {HEADER} was used with a different body")
        if held.done:
            return _replay(held)
        # The first request with this key is still running: wait for its answer.
        if time.monotonic() > deadline:
            raise HttpProblem(
                409, f"a request with this {HEADER} is in progress", headers={"Retry-After": "1"}
            )
        await asyncio.sleep(POLL)


MAX_KEY_BYTES = 1024
"""Composed keys up to this many UTF-8 bytes are stored as they are (DynamoDB allows 2,048
bytes of partition key); longer ones, and any a lone surrogate makes unencodable, by hash."""


def item_key(user_id: str, route: str, given: str) -> str:
    """The idempotency item's key: `user\nMETHOD path\nkey`, or `sha256:<hex>` of it when
    that is over MAX_KEY_BYTES or not valid UTF-8. The user id is in the path too, and both
    may be 4-byte characters: 255 of them in the header overflowed DynamoDB's key limit
    (a 500). Keys that fit keep their old form, so replays span an upgrade."""
    key = f"{user_id}\n{route}\n{given}"
    raw = key.encode("utf-8", "surrogatepass")
    if len(raw) <= MAX_KEY_BYTES and not has_lone_surrogate(key):
        return key
    return "sha256:" + hashlib.sha256(raw).hexdigest()


async def _run(
    request: web.Request,
    handler: Handler,
    keys: IdempotencyRepository,
    *,
    key: str,
    fingerprint: str,
    user_id: str,
) -> web.StreamResponse:
    try:
        response = await handler(request)
    except BaseException:
        await asyncio.shield(keys.release(key=key))
        raise
    if isinstance(response, web.Response) and 200 <= response.status < 300:
        body = response.body if isinstance(response.body, bytes) else b""
        answer = Answer(
            fingerprint=fingerprint,
            status=response.status,
            body=body.decode(),
            location=response.headers.get("Location"),
        )
        try:
            # Shielded: a client that hangs up now must not leave the claim without its answer.
            await asyncio.shield(keys.complete(key=key, answer=answer, user_id=user_id))
        except StoreError as exc:
            # The create stands: a 503 would invite a retry that, after the claim's lease,
            # makes it twice. Give the real answer; the key stays claimed (a retry within
            # the lease gets 409), as if this process had stopped right here.
            log.warning("idempotent answer not stored", error=str(exc), status=response.status)
    else:
        await keys.release(key=key)
    return response


def _replay(answer: Answer) -> web.Response:
    headers = {"Idempotent-Replayed": "true"}
    if answer.location:
        headers["Location"] = answer.location
    return web.Response(
        status=answer.status or 200,
        text=answer.body or "",
        content_type="application/json",
        headers=headers,
    )
