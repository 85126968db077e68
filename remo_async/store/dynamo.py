"""The process's one DynamoDB client, and the single place where botocore errors are translated."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Callable
from typing import Any

import aioboto3
from aiobotocore.config import AioConfig
from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

from remo_async.settings import Settings
from remo_async.store.errors import RequestRefused, StoreError, StoreUnavailable, TableMissing

THROTTLE_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "LimitExceededException",
    }
)
THROTTLE_REASONS = frozenset({"ThrottlingError", "ProvisionedThroughputExceeded"})
"""Cancellation reasons of a transaction that DynamoDB throttled (not a failed condition)."""
UNAVAILABLE_CODES = frozenset(
    {"InternalServerError", "ServiceUnavailable", "InternalFailure", "UnrecognizedClientException"}
)

CallObserver = Callable[[str, str], None]
"""Told (operation, outcome) after every DynamoDB call; outcome is ok, throttled or error."""


CONDITIONAL_WRITES = frozenset({"put_item", "update_item", "delete_item"})


class ConditionFailed(StoreError):
    """A condition expression did not hold (internal: repositories translate it).

    `current` is the item as the failed condition found it (DynamoDB's attribute-value
    form, None when there was none); `retried` says that botocore had sent the write more
    than once, so an earlier attempt whose answer was lost may be what failed the condition.
    """

    def __init__(
        self,
        message: str,
        *,
        reasons: list[str] | None = None,
        current: dict[str, Any] | None = None,
        retried: bool = False,
    ) -> None:
        super().__init__(message)
        self.reasons = reasons or []
        self.current = current
        self.retried = retried


async def contention_pause(attempt: int) -> None:
    """A jittered, growing pause before an optimistic write is retried, so racers spread out."""
    await asyncio.sleep(random.uniform(0, min(0.25, 0.005 * 2**attempt)))


def client_config(settings: Settings) -> AioConfig:
    """botocore's standard retry mode, a pool sized for our concurrency, bounded timeouts.

    No client-side parameter validation: botocore would walk every request against the
    operation's shape on each call (about a tenth of a call's CPU for a 12-attribute item),
    while every request this service sends is built by its repositories from validated
    models, and DynamoDB checks each one again (a ValidationException, RequestRefused).
    """
    return AioConfig(
        parameter_validation=False,
        # total_max_attempts counts the first attempt; botocore's `max_attempts` key would
        # count retries only (one attempt more than REMO_DYNAMODB_MAX_ATTEMPTS says).
        retries={"mode": "standard", "total_max_attempts": settings.dynamodb_max_attempts},
        max_pool_connections=settings.dynamodb_max_connections,
        connect_timeout=settings.dynamodb_connect_timeout,
        read_timeout=settings.dynamodb_read_timeout,
        tcp_keepalive=True,
    )


@contextlib.asynccontextmanager
async def open_client(settings: Settings, *, service: str = "dynamodb") -> AsyncIterator[Any]:
    """The long-lived aioboto3 client of this process for `service` (enter it once)."""
    session = aioboto3.Session()
    async with session.client(
        service,
        endpoint_url=settings.dynamodb_endpoint,
        region_name=settings.aws_region,
        config=client_config(settings),
    ) as client:
        yield client


class Dynamo:
    """Calls DynamoDB operations; every failure comes out as a StoreError."""

    def __init__(self, client: Any, *, observer: CallObserver | None = None) -> None:
        self.client = client
        self._observer = observer

    async def call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        """Runs one DynamoDB operation (by its snake_case name) with translated errors."""
        method = getattr(self.client, operation)
        if operation in CONDITIONAL_WRITES and "ConditionExpression" in kwargs:
            kwargs.setdefault("ReturnValuesOnConditionCheckFailure", "ALL_OLD")
        outcome = "error"
        try:
            response: dict[str, Any] = await method(**kwargs)
            outcome = "ok"
            return response
        except ClientError as exc:
            if _own_put_landed(operation, kwargs, exc):
                outcome = "ok"
                return {"ResponseMetadata": exc.response.get("ResponseMetadata", {})}
            if throttled(exc):
                outcome = "throttled"
            raise translate(exc) from exc
        except ParamValidationError as exc:
            raise StoreError(f"invalid DynamoDB request: {exc}") from exc
        except (BotoCoreError, TimeoutError, OSError) as exc:
            raise StoreUnavailable(f"DynamoDB is unreachable: {exc}") from exc
        finally:
            if self._observer is not None:
                self._observer(operation, outcome)


def _retried(exc: ClientError) -> bool:
    return int(exc.response.get("ResponseMetadata", {}).get("RetryAttempts", 0)) > 0


def _own_put_landed(operation: str, kwargs: dict[str, Any], exc: ClientError) -> bool:
    """A conditional put that botocore retried failed its condition on exactly its own item.

    The first attempt was written but its answer was lost (a read timeout, a dropped
    connection), and the retry met it: the put succeeded. Without this a create would
    answer 409 for the item it made, and an Idempotency-Key's claim would wait on itself.
    """
    code = exc.response.get("Error", {}).get("Code", "")
    return (
        operation == "put_item"
        and code == "ConditionalCheckFailedException"
        and _retried(exc)
        and exc.response.get("Item") == kwargs.get("Item")
    )


def _cancellation_reasons(exc: ClientError) -> list[str]:
    return [r.get("Code", "None") for r in exc.response.get("CancellationReasons", [])]


def throttled(exc: ClientError) -> bool:
    """True when DynamoDB throttled the call, a transaction's item included."""
    code = exc.response.get("Error", {}).get("Code", "")
    if code == "TransactionCanceledException":
        return not THROTTLE_REASONS.isdisjoint(_cancellation_reasons(exc))
    return code in THROTTLE_CODES


def translate(exc: ClientError) -> StoreError:
    """Maps a botocore ClientError to the store's own errors."""
    error = exc.response.get("Error", {})
    code = error.get("Code", "")
    message = error.get("Message", "")
    if throttled(exc):
        # botocore does not retry a transaction cancelled for throttling: it is a 400 of its
        # own code. Taken for a failed condition it would read as "someone else won".
        return StoreUnavailable("DynamoDB is throttling; retry shortly", retry_after=1)
    if code == "ConditionalCheckFailedException":
        return ConditionFailed(message, current=exc.response.get("Item"), retried=_retried(exc))
    if code == "TransactionCanceledException":
        return ConditionFailed(message, reasons=_cancellation_reasons(exc))
    if code == "ResourceNotFoundException":
        return TableMissing(f"a table is missing ({message}); run `remo-async migrate`")
    if code in UNAVAILABLE_CODES:
        return StoreUnavailable(f"DynamoDB failed: {code}")
    return RequestRefused(f"DynamoDB refused the request: {code}: {message}", code=code)
