"""schemathesis over /openapi.json against a real `remo-async serve` on DynamoDB Local.

Default checks, and never a 5xx. Path user ids are the token's user, so the user routes
are exercised beyond their 403s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from remo_async.api.auth import mint_dev_token
from remo_async.api.middleware import MAX_BODY_BYTES
from remo_async.api.openapi import build_openapi
from remo_async.api.routes import ROUTES
from remo_async.embedded import free_port
from tests.conftest import DEV_SECRET, make_settings

USER = "did:privy:schemathesis"
# The event stream never ends by itself; tests/api/test_events.py covers it.
schema = schemathesis.openapi.from_dict(build_openapi(ROUTES)).exclude(
    path="/user/{user_id}/events"
)


@pytest.fixture(scope="module")
def server(dynamodb_local_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server process with dev auth on a fresh table prefix."""
    test_settings = make_settings(dynamodb_local_endpoint)
    port = free_port()
    env = {
        **os.environ,
        "REMO_DYNAMODB_ENDPOINT": dynamodb_local_endpoint,
        "REMO_TABLE_PREFIX": test_settings.table_prefix,
        "REMO_AUTH_MODE": "dev",
        "REMO_DEV_SECRET": DEV_SECRET,
        "REMO_PORT": str(port),
        "REMO_RATE_LIMIT": "0",
        "REMO_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "-m", "remo_async", "migrate"], env=env, check=True, capture_output=True
    )
    log = tmp_path_factory.mktemp("server") / "stderr.log"
    sink = log.open("wb")  # closed in the finally below
    process = subprocess.Popen(
        [sys.executable, "-m", "remo_async", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        # A file, not a pipe: a pipe nobody reads fills up and blocks the server's logging.
        stderr=sink,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                    break
            except OSError:
                assert process.poll() is None, log.read_text()
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        sink.close()
        errors = log.read_text()
        assert "Traceback" not in errors, errors


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any, server: str) -> None:
    if "user_id" in (case.path_parameters or {}):
        case.path_parameters["user_id"] = USER
    headers = {"Authorization": f"Bearer {mint_dev_token(make_settings('http://x'), USER)}"}
    response = case.call_and_validate(
        base_url=server, headers=headers, excluded_checks=_beyond_the_schema(case)
    )
    assert response.status_code < 500


def _beyond_the_schema(case: Any) -> list[Any]:
    """Skips "schema-valid data is accepted" where validity is more than a schema can say.

    A cursor is valid only if this service signed it (else 400); plain-English times only
    if they read as a time, an RRULE only if it parses, a webhook_url only if its host is
    public (else 422 naming the field), a push endpoint likewise, push keys only if p256dh
    is a point on P-256; a form's conversation_history only if it is a JSON array (else 400).
    """
    body = case.body if isinstance(case.body, dict) else {}
    semantic = (case.query or {}).get("cursor") is not None or any(
        body.get(name) is not None
        for name in (
            "reminding_time",
            "due_date",
            "recurrence",
            "webhook_url",
            "endpoint",
            "keys",
            "conversation_history",
        )
        if name != "conversation_history" or "form" in (case.media_type or "")
    )
    excluded = [positive_data_acceptance] if semantic else []
    # Over 64 KiB the answer is 413 before the body is read, as API.md says.
    if len(json.dumps(case.body, default=str).encode()) > MAX_BODY_BYTES:
        excluded.append(negative_data_rejection)
    return excluded
