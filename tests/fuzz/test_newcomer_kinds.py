"""Compressed bodies against a real `remo-async serve` (its own HTTP connection handler).

RFC 9110 8.4: a body may come in a Content-Encoding. aiohttp decodes gzip and deflate
itself (and br only with the Brotli package); a coding it cannot decode, or a body that is
not in the coding it names, surfaces in the handler or in the connection. Generated here:
every coding a client may name, with a body that is in it, half of one, or random bytes,
on every write route of the route table. Every answer is below 500; every error is
problem+json and leaves `GET /data` as it was, and a client that keeps its connection
open gets its next request answered. Before the fix a body that was not the deflate or gzip
it said was a 500, on a connection the server then dropped under the client's next request.
"""

from __future__ import annotations

import functools
import gzip
import http.client
import json
import zlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.api.routes import ROUTES
from tests.faults.conftest import token as mint
from tests.fuzz.conftest import TALLY, FuzzServer
from tests.fuzz.raw import Request, send

USER = "did:privy:coded"
BODY = b'{"title": "coded", "reminding_time": "in 1 day", "timezone": "UTC"}'
CODED = sorted([gzip.compress(BODY), zlib.compress(BODY), BODY])
CODINGS = ["gzip", "deflate", "br", "identity", "x-gzip", "gzip, deflate", "zstd", "GZIP", ""]
WRITES = sorted(
    (route.method, route.path.replace("{user_id}", USER))
    for route in ROUTES
    if route.method in ("POST", "PUT", "PATCH")
    and route.path.count("{") == 1
    and route.path.startswith("/user/")
)
"""The write routes whose only path parameter is the user (the others need an item)."""


@functools.cache
def _token() -> str:
    return mint(USER)


def _data(server: FuzzServer) -> Any:
    headers = [("Authorization", f"Bearer {_token()}")]
    answer = send(server.port, Request("GET", f"/user/{USER}/data", headers))
    assert answer.status == 200, answer.describe()
    return answer.json()


@settings(
    max_examples=80,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    write=st.sampled_from(WRITES),
    coding=st.sampled_from(CODINGS),
    body=st.one_of(
        st.sampled_from(CODED),
        st.sampled_from(CODED).map(lambda b: b[: len(b) // 2]),
        st.binary(max_size=64),
    ),
)
def test_a_coded_body_is_never_a_5xx_and_an_error_stores_nothing(
    fuzz_server: FuzzServer, write: tuple[str, str], coding: str, body: bytes
) -> None:
    method, path = write
    before = _data(fuzz_server)
    headers = [
        ("Authorization", f"Bearer {_token()}"),
        ("Content-Type", "application/json"),
        ("Content-Encoding", coding),
    ]
    answer = send(fuzz_server.port, Request(method, path, headers, body))
    TALLY.count(f"{method} {path} (Content-Encoding)", answer.status)
    assert answer.status < 500, (coding, body, answer.describe())
    if answer.status >= 400:
        assert answer.content_type == "application/problem+json", answer.describe()
        problem = json.loads(answer.body)
        assert problem["status"] == answer.status, answer.describe()
        assert _data(fuzz_server) == before, (method, path, coding, body)


@settings(max_examples=20, derandomize=True, database=None, deadline=None)
@given(
    coding=st.sampled_from(["gzip", "deflate"]),
    body=st.one_of(
        st.sampled_from(CODED).map(lambda b: b[: len(b) // 2]), st.binary(min_size=1, max_size=64)
    ),
)
def test_the_next_request_on_a_kept_alive_connection_is_answered(
    fuzz_server: FuzzServer, coding: str, body: bytes
) -> None:
    """After a body that cannot be decoded, the server says Connection: close or goes on."""
    auth = {"Authorization": f"Bearer {_token()}"}
    connection = http.client.HTTPConnection("127.0.0.1", fuzz_server.port, timeout=30)
    try:
        headers = {**auth, "Content-Type": "application/json", "Content-Encoding": coding}
        connection.request("POST", f"/user/{USER}/todos", body=body, headers=headers)
        first = connection.getresponse()
        first.read()
        assert first.status < 500, (coding, body, first.status)
        connection.request("GET", f"/user/{USER}/preferences", headers=auth)
        second = connection.getresponse()  # RemoteDisconnected: the connection was dropped
        assert second.status == 200, second.read()[:300]
        second.read()
    finally:
        connection.close()


GET_TARGETS = [
    "/healthz",
    "/openapi.json",
    "/",
    *sorted(
        route.path.replace("{user_id}", USER)
        for route in ROUTES
        if route.method == "GET"
        and route.auth
        and not route.token_in_query  # the event stream: HEAD would not end
        and route.path.count("{") == 1
    ),
]


@pytest.mark.parametrize("target", GET_TARGETS)
def test_head_answers_as_get_without_a_body(fuzz_server: FuzzServer, target: str) -> None:
    headers = [("Authorization", f"Bearer {_token()}")]
    get = send(fuzz_server.port, Request("GET", target, headers))
    head = send(fuzz_server.port, Request("HEAD", target, headers))
    assert (head.status, head.body) == (get.status, b""), head.describe()
    assert head.headers.get("Content-Type") == get.headers.get("Content-Type")
