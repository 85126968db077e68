"""DynamoDB throttling, injected into the real client: DynamoDB Local itself never throttles.

A `before-send` hook on the app's aiobotocore client (tests/faults/inject.py) answers chosen
attempts with the 400 DynamoDB sends when it throttles, without sending them. botocore parses
it as it would the real thing, so its standard retry mode retries with backoff, and what
survives the retries reaches the store's error translation.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiobotocore.awsrequest import AioAWSResponse
from aiohttp.test_utils import TestClient
from botocore.exceptions import ClientError

from remo_async.app import create_app
from remo_async.dispatch import Dispatcher
from remo_async.domain import ReminderCreate
from remo_async.domain.times import utc_now
from remo_async.keys import STORE
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store, StoreUnavailable
from remo_async.store.dynamo import ConditionFailed, translate
from tests.conftest import make_settings
from tests.faults.conftest import FAR_FUTURE, auth
from tests.faults.inject import attempt_of, error_response, install, operation_of

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
THROTTLE_CODES = ("ProvisionedThroughputExceededException", "ThrottlingException")
PROBLEM_JSON = "application/problem+json"


@dataclass
class Attempt:
    operation: str
    number: int
    at: float
    throttled: bool


@dataclass(eq=False)  # hashable: botocore keeps handlers in a mapping
class Throttler:
    """Throttles a share of calls (each call: the attempts botocore makes for one API call).

    A chosen call is throttled on its first attempt, every third one on its first two, or
    on every attempt when `always` is set. Calls are chosen in order, so the share is exact.
    """

    share: float
    always: bool = False
    calls: dict[str, list[Attempt]] = field(default_factory=dict)
    _depth: dict[str, int] = field(default_factory=dict)
    _chosen: int = 0

    def __call__(self, request: Any, **_: Any) -> AioAWSResponse | None:
        invocation, number = attempt_of(request)
        operation = operation_of(request)
        if invocation not in self.calls:
            n = len(self.calls)
            chosen = int((n + 1) * self.share) > int(n * self.share)
            self._chosen += chosen
            self._depth[invocation] = (2 if self._chosen % 3 == 0 else 1) if chosen else 0
            self.calls[invocation] = []
        throttle = self.always or number <= self._depth[invocation]
        attempts = self.calls[invocation]
        attempts.append(Attempt(operation, number, time.monotonic(), throttle))
        if not throttle:
            return None  # sent to DynamoDB Local as usual
        return error_response(request.url, THROTTLE_CODES[len(self.calls) % 2])

    @property
    def injected(self) -> int:
        return sum(a.throttled for attempts in self.calls.values() for a in attempts)

    @property
    def throttled_calls(self) -> int:
        return sum(any(a.throttled for a in attempts) for attempts in self.calls.values())

    def gaps(self) -> Iterator[float]:
        """Seconds between a throttled attempt and the retry that followed it."""
        for attempts in self.calls.values():
            for before, after in itertools.pairwise(attempts):
                yield after.at - before.at


def _settings(endpoint: str, prefix: str, **overrides: Any) -> Settings:
    # No stream reader: its polls would be throttled calls of their own.
    return make_settings(endpoint, table_prefix=prefix, events_enabled=False, **overrides)


async def _app(aiohttp_client: ClientFactory, settings: Settings) -> TestClient[Any, Any]:
    return await aiohttp_client(create_app(settings))


def _hook(client: TestClient[Any, Any], throttler: Throttler) -> Callable[[], None]:
    """Registers throttler on the app's real DynamoDB client; returns its removal."""
    return install(client.app[STORE].dynamo.client, throttler, name="fault-throttler")


async def test_throttled_calls_are_retried_with_backoff(
    aiohttp_client: ClientFactory, dynamodb_local_endpoint: str, table_prefix: str
) -> None:
    settings = _settings(dynamodb_local_endpoint, table_prefix, dynamodb_max_attempts=4)
    client = await _app(aiohttp_client, settings)
    throttler = Throttler(share=0.3)
    unhook = _hook(client, throttler)

    users = [f"did:privy:throttled-{i}" for i in range(15)]

    async def session_of(user: str) -> list[tuple[str, int, int]]:
        base = f"/user/{user}"
        steps: list[tuple[str, str, dict[str, Any] | None, dict[str, str], int]] = [
            ("POST", f"{base}/reminders", _reminder("r1"), {"Idempotency-Key": "k1"}, 201),
            ("POST", f"{base}/reminders", _reminder("r1"), {"Idempotency-Key": "k1"}, 201),
            ("GET", f"{base}/reminders", None, {}, 200),
        ]
        # The rest spread over the users: the wall time is one user's path.
        steps += [
            [("PUT", base, {"first_name": "Tess"}, {}, 201)],
            [("POST", f"{base}/preferences", {"timezone": "Europe/Paris"}, {}, 200)],
            [("POST", f"{base}/todos", {"title": "t1", "priority": "high"}, {}, 201)],
            [("POST", "/chat", {"message": "remind me to stretch in 2 hours"}, {}, 200)],
            [("GET", f"{base}/data", None, {}, 200)],
        ][users.index(user) % 5]
        answers = []
        for method, path, body, headers, expected in steps:
            response = await client.request(
                method, path, json=body, headers={**auth(user), **headers}
            )
            answers.append((f"{method} {path}", response.status, expected))
            await response.read()
        return answers

    started = time.monotonic()
    results = await asyncio.gather(*(session_of(user) for user in users))
    took = time.monotonic() - started
    unhook()
    for answers in results:
        for what, status, expected in answers:
            assert status == expected, (what, status)

    # Exactly 30% of calls were throttled once or twice, and every throttle was retried.
    calls = len(throttler.calls)
    assert calls >= 100
    assert throttler.throttled_calls == int(calls * 0.3)
    for attempts in throttler.calls.values():
        assert [a.number for a in attempts] == list(range(1, len(attempts) + 1))
        assert not attempts[-1].throttled
    retried = sum(len(attempts) - 1 for attempts in throttler.calls.values())
    assert retried == throttler.injected
    gaps = list(throttler.gaps())
    assert sum(gaps) / len(gaps) > 0.1, "botocore should back off before retrying"
    print(  # the figures the README quotes (pytest -s)
        f"\nthrottling: {sum(len(a) for a in results)} requests in {took:.1f} s, {calls} calls, "
        f"{throttler.throttled_calls} throttled ({throttler.injected} attempts), "
        f"mean backoff {sum(gaps) / len(gaps):.2f} s"
    )

    # The key replayed its first answer: one reminder per user, throttled or not.
    for user in users:
        listed = await client.get(f"/user/{user}/reminders", headers=auth(user))
        titles = [item["title"] for item in (await listed.json())["items"]]
        assert titles.count("r1") == 1, titles
    metrics = await (await client.get("/metrics")).text()
    assert re.search(r"^remo_dynamodb_throttles_total 0\.0$", metrics, re.M), metrics
    assert 'outcome="throttled"' not in metrics


async def test_throttled_beyond_retries_is_503_never_500(
    aiohttp_client: ClientFactory, dynamodb_local_endpoint: str, table_prefix: str
) -> None:
    attempts = 3
    settings = _settings(dynamodb_local_endpoint, table_prefix, dynamodb_max_attempts=attempts)
    client = await _app(aiohttp_client, settings)
    throttler = Throttler(share=1.0, always=True)
    unhook = _hook(client, throttler)
    user = "did:privy:throttled-always"
    requests: list[tuple[str, str, dict[str, Any] | None, dict[str, str]]] = [
        ("POST", f"/user/{user}/reminders", _reminder("r"), {}),
        ("POST", f"/user/{user}/reminders", _reminder("k"), {"Idempotency-Key": "k"}),
        ("POST", f"/user/{user}/todos", {"title": "t"}, {}),
        ("GET", f"/user/{user}/reminders", None, {}),
        ("PUT", f"/user/{user}", {"first_name": "Tess"}, {}),
        ("POST", "/chat", {"message": "remind me to stretch in 2 hours"}, {}),
        ("GET", "/readyz", None, {}),
    ]

    async def call(method: str, path: str, body: Any, headers: dict[str, str]) -> float:
        started = time.monotonic()
        response = await client.request(method, path, json=body, headers={**auth(user), **headers})
        problem = await response.json(content_type=None)
        assert response.status == 503, (method, path, response.status, problem)
        assert int(response.headers["Retry-After"]) >= 1
        assert response.headers["Content-Type"].startswith(PROBLEM_JSON)
        assert problem["status"] == 503
        return time.monotonic() - started

    took = await asyncio.gather(*(call(*request) for request in requests))
    # botocore's standard mode waits at most 1 s, then 2 s: a request makes at most two
    # DynamoDB calls once one has failed (a key's claim, then its release).
    assert max(took) < 2 * (1 + 2) + 3.0, took
    for call_attempts in throttler.calls.values():
        assert [a.number for a in call_attempts] == list(range(1, attempts + 1))

    metrics = await (await client.get("/metrics")).text()
    assert re.search(
        r'^remo_dynamodb_calls_total\{operation="put_item",outcome="throttled"\} [1-9]',
        metrics,
        re.M,
    ), metrics
    surfaced = re.search(r"^remo_dynamodb_throttles_total (\S+)$", metrics, re.M)
    assert surfaced is not None
    assert float(surfaced.group(1)) >= len(requests)

    unhook()  # DynamoDB has capacity again: the same process serves at once
    response = await client.post(
        f"/user/{user}/reminders", json=_reminder("after"), headers=auth(user)
    )
    assert response.status == 201, await response.text()


def test_a_transaction_cancelled_for_throttling_is_unavailable_not_a_lost_race() -> None:
    def cancelled(*reasons: str) -> ClientError:
        return ClientError(
            {
                "Error": {"Code": "TransactionCanceledException", "Message": "cancelled"},
                "CancellationReasons": [{"Code": reason} for reason in reasons],
            },
            "TransactWriteItems",
        )

    assert isinstance(translate(cancelled("None", "ThrottlingError")), StoreUnavailable)
    assert isinstance(translate(cancelled("ProvisionedThroughputExceeded")), StoreUnavailable)
    lost = translate(cancelled("ConditionalCheckFailed", "None"))
    assert isinstance(lost, ConditionFailed)
    assert lost.reasons == ["ConditionalCheckFailed", "None"]


async def test_dispatcher_retries_a_recurring_fire_that_was_throttled(
    dynamodb_local_endpoint: str, table_prefix: str
) -> None:
    """A throttled fire transaction is an error to retry, not a fire another replica won."""
    settings = _settings(dynamodb_local_endpoint, table_prefix)
    async with Store.open(settings) as store:
        data = ReminderCreate(
            title="daily", reminding_time=utc_now() - timedelta(seconds=1), recurrence="FREQ=DAILY"
        )
        made = await store.reminders.create(user_id="did:privy:throttled-fire", data=data)

        def cancel_transactions(request: Any, **_: Any) -> AioAWSResponse | None:
            if operation_of(request) != "TransactWriteItems":
                return None
            return error_response(
                request.url,
                "TransactionCanceledException",
                CancellationReasons=[{"Code": "ThrottlingError"}, {"Code": "None"}],
            )

        uninstall = install(store.dynamo.client, cancel_transactions, name="fault-tx")
        metrics = Metrics()
        dispatcher = Dispatcher(store, settings=settings, clock=utc_now, metrics=metrics)
        assert await dispatcher.poll_once() == []
        assert metrics.fire_losses._value.get() == 0
        assert metrics.dispatch_errors.labels("fire")._value.get() == 1
        uninstall()
        fired = await dispatcher.poll_once()
        assert [r.reminder_id for r in fired] == [made.reminder_id]


def _reminder(title: str) -> dict[str, str]:
    return {"title": title, "reminding_time": FAR_FUTURE}
