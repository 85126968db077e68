"""Header fields over the server's count limit are a 431, as those over its size limit are.

aiohttp's parser refuses more than 128 header fields with a plain BadHttpMessage, which
was answered 400 "not well-formed HTTP/1.1"; API.md and RFC 6585 5 ("header fields
individually or collectively too large") want 431 problem+json quoting nothing. Generated:
any number of header fields of any names and sizes, below and above the limit.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.test_headers import _assert_echoes_nothing, _exchange, _get, _problem, port

__all__ = ["port"]  # the raw server fixture, shared with test_headers
MAX_HEADERS = 128
"""aiohttp's default limit of header fields a request may carry."""


@settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    count=st.one_of(st.integers(0, MAX_HEADERS - 10), st.integers(MAX_HEADERS + 1, 400)),
    value=st.text("abcXYZ019-_ ;=", min_size=0, max_size=40),
    distinct=st.booleans(),
)
async def test_header_fields_over_the_count_limit_are_a_431_quoting_nothing(
    port: int, count: int, value: str, distinct: bool
) -> None:
    secret = f"zq{count}v{value}"
    fields = [f"X-S6-{i if distinct else 'same'}: {secret}" for i in range(count)]
    status, headers, body = await _exchange(port, _get(port, *fields))
    if count <= MAX_HEADERS - 10:
        assert status == 401, body  # the app answered: no token
        return
    _problem(status, headers, body, 431)
    _assert_echoes_nothing(body, secret)
