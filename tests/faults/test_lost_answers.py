"""Writes that DynamoDB applied but whose answers were lost, and botocore's retry of them.

A read timeout after DynamoDB has written: botocore sends the same conditional put again,
and the condition now fails on the item the first attempt wrote. Seen once in the outage
test (DynamoDB Local slow just after its restart): an Idempotency-Key's claim waited 10 s
on itself and answered 409 for a write that was never made.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiobotocore.awsrequest import AioAWSResponse
from aiohttp.test_utils import TestClient
from botocore.exceptions import ReadTimeoutError

from remo_async.app import create_app
from remo_async.keys import STORE
from tests.conftest import make_settings
from tests.faults.conftest import FAR_FUTURE, auth
from tests.faults.inject import attempt_of, header, install, operation_of, response

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
USER = "did:privy:lost-answers"


@dataclass(eq=False)  # hashable: botocore keeps handlers in a mapping
class LostAnswers:
    """Sends the first attempt of every PutItem itself; when it was written, loses the answer."""

    session: aiohttp.ClientSession
    lost: list[str] = field(default_factory=list)

    async def __call__(self, request: Any, **_: Any) -> AioAWSResponse | None:
        invocation, attempt = attempt_of(request)
        if operation_of(request) != "PutItem" or attempt > 1:
            return None  # sent as usual
        headers = {name: header(request, name) for name in request.headers}
        async with self.session.post(request.url, data=request.body, headers=headers) as sent:
            answer = await sent.read()
            if sent.status != 200:  # not written: the answer is passed on
                return response(request.url, sent.status, dict(sent.headers), answer)
        self.lost.append(invocation)
        raise ReadTimeoutError(endpoint_url=request.url)  # written, and the answer never came


async def test_a_write_whose_answer_was_lost_is_answered_once_as_made(
    aiohttp_client: ClientFactory, dynamodb_local_endpoint: str, table_prefix: str
) -> None:
    settings = make_settings(
        dynamodb_local_endpoint, table_prefix=table_prefix, events_enabled=False
    )
    client = await aiohttp_client(create_app(settings))
    headers = {**auth(USER), "Idempotency-Key": "lost-1"}
    async with aiohttp.ClientSession() as session:
        lost = LostAnswers(session)
        uninstall = install(client.app[STORE].dynamo.client, lost, name="fault-lost")
        created = await client.post(
            f"/user/{USER}/reminders",
            json={"title": "lost", "reminding_time": FAR_FUTURE},
            headers=headers,
        )
        assert created.status == 201, await created.text()
        todo = await client.post(f"/user/{USER}/todos", json={"title": "lost"}, headers=auth(USER))
        assert todo.status == 201, await todo.text()
        said = await client.post(
            f"/user/{USER}/conversation", json={"role": "user", "content": "hi"}, headers=auth(USER)
        )
        assert said.status == 201, await said.text()
        uninstall()
    # The key's claim, the reminder, the key's answer, the todo, the message.
    assert len(lost.lost) >= 5

    replay = await client.post(
        f"/user/{USER}/reminders",
        json={"title": "lost", "reminding_time": FAR_FUTURE},
        headers=headers,
    )
    assert replay.status == 201
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert (await replay.json()) == (await created.json())
    for kind in ("reminders", "todos"):
        listed = await (await client.get(f"/user/{USER}/{kind}", headers=auth(USER))).json()
        assert [item["title"] for item in listed["items"]] == ["lost"], listed
    conversation = await (await client.get(f"/user/{USER}/conversation", headers=auth(USER))).json()
    assert [m["content"] for m in conversation["items"]] == ["hi"]
