"""POST /chat honours Idempotency-Key: a retried message acts, and is remembered, once."""

from __future__ import annotations

import asyncio

import pytest

from tests.api.conftest import ALICE, BOB, Api

CHAT = "/chat"
REMINDERS = f"/user/{ALICE}/reminders"
TODOS = f"/user/{ALICE}/todos"
CONVERSATION = f"/user/{ALICE}/conversation"
RETRIES = 4

# Each message makes one thing; a retry that ran again would make it twice.
MESSAGES = {
    "reminder": ("remind me to call mum tomorrow at 10am", REMINDERS),
    "todo": ("add buy milk to my todo list", TODOS),
}


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
@pytest.mark.parametrize("kind", sorted(MESSAGES))
async def test_a_chat_message_retried_concurrently_acts_and_is_stored_once(
    api: Api, kind: str
) -> None:
    message, made = MESSAGES[kind]
    key = {"Idempotency-Key": f"chat-{kind}"}
    answers = await asyncio.gather(
        *(api.call("POST", CHAT, json={"message": message}, headers=key) for _ in range(RETRIES))
    )
    assert [a.status for a in answers] == [200] * RETRIES
    bodies = [await a.json() for a in answers]
    assert all(body == bodies[0] for body in bodies), "every retry gets the first answer"
    assert [a.headers.get("Idempotent-Replayed") for a in answers].count("true") == RETRIES - 1
    assert len(bodies[0]["actions"]) == 1
    items = (await api.ok("GET", made))["items"]
    assert len(items) == 1, f"{len(items)} made by {RETRIES} retries of one message"
    conversation = (await api.ok("GET", CONVERSATION))["items"]
    assert [(m["role"], m["content"]) for m in conversation] == [
        ("user", message),
        ("assistant", bodies[0]["response"]),
    ], "one stored turn: the message and its answer, once each"
    # A later retry, after the first has finished, is a replay too.
    again = await api.call("POST", CHAT, json={"message": message}, headers=key)
    assert again.status == 200
    assert await again.json() == bodies[0]
    assert len((await api.ok("GET", made))["items"]) == 1


async def test_chat_idempotency_key_is_the_users_and_the_bodys(api: Api) -> None:
    key = {"Idempotency-Key": "same-key"}
    first = await api.ok("POST", CHAT, json={"message": "add eggs to my todo list"}, headers=key)
    assert len(first["actions"]) == 1
    # The same key with another message is a mistake, not a retry: 409, nothing done.
    other = await api.call("POST", CHAT, json={"message": "add flour to my todo list"}, headers=key)
    assert other.status == 409
    assert other.content_type == "application/problem+json"
    assert [t["title"] for t in (await api.ok("GET", TODOS))["items"]] == ["eggs"]
    # Another user's same key is another key.
    bob = await api.call(
        "POST", CHAT, user=BOB, json={"message": "add eggs to my todo list"}, headers=key
    )
    assert bob.status == 200
    assert "Idempotent-Replayed" not in bob.headers
    assert len((await api.ok("GET", f"/user/{BOB}/todos", user=BOB))["items"]) == 1
    # Without the header every message is a new one.
    await api.ok("POST", CHAT, json={"message": "add eggs to my todo list"})
    assert len((await api.ok("GET", TODOS))["items"]) == 2


async def test_a_chat_refused_releases_its_key(api: Api) -> None:
    key = {"Idempotency-Key": "fix-and-retry"}
    refused = await api.call("POST", CHAT, json={"message": ""}, headers=key)
    assert refused.status == 422
    fixed = await api.call("POST", CHAT, json={"message": "add tea to my todo list"}, headers=key)
    assert fixed.status == 200
