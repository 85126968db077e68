"""Every error is problem+json with the right status; never a 500 for bad input."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from remo_async.embedded import free_port
from remo_async.settings import Settings
from tests.api.conftest import ALICE, Api, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock

R = f"/user/{ALICE}/reminders"


async def _problem(response, status: int) -> dict:
    assert response.status == status, await response.text()
    assert response.headers["Content-Type"].startswith("application/problem+json")
    body = await response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= set(body)
    assert "Traceback" not in str(body)
    assert response.headers["X-Request-ID"]
    return body


async def test_malformed_json_is_400(api: Api) -> None:
    for raw in (b"{", b"not json", b"", b"\xff\xfe"):
        response = await api.call("POST", R, data=raw, headers={"Content-Type": "application/json"})
        await _problem(response, 400)


async def test_schema_violations_are_422_naming_fields(api: Api) -> None:
    cases = {
        "missing": ({"title": "x"}, {"reminding_time"}),
        "unknown": ({"title": "x", "reminding_time": "in 1 hour", "colour": "red"}, {"colour"}),
        "type": ({"title": 5, "reminding_time": "in 1 hour"}, {"title"}),
        "too long": ({"title": "x" * 201, "reminding_time": "in 1 hour"}, {"title"}),
        "enum": (
            {"title": "x", "reminding_time": "in 1 hour", "timezone": "Nowhere/City"},
            {"timezone"},
        ),
        "not an object": (["title"], {"body"}),
    }
    for name, (body, fields) in cases.items():
        problem = await _problem(await api.call("POST", R, json=body), 422)
        assert {e["field"] for e in problem["errors"]} == fields, name


async def test_null_for_a_required_field_is_422(api: Api) -> None:
    reminder = await api.ok("POST", R, 201, json={"title": "x", "reminding_time": "in 1 hour"})
    response = await api.call("PATCH", f"{R}/{reminder['reminder_id']}", json={"title": None})
    problem = await _problem(response, 422)
    assert problem["errors"][0]["field"] == "title"


async def test_unknown_route_404_and_wrong_method_405(api: Api) -> None:
    await _problem(await api.call("GET", "/nowhere"), 404)
    response = await api.call("PUT", R, json={})
    await _problem(response, 405)
    assert "POST" in response.headers["Allow"]


async def test_body_over_64_kib_is_413(api: Api) -> None:
    big = {"title": "x", "reminding_time": "in 1 hour", "description": "x" * 70_000}
    await _problem(await api.call("POST", R, json=big), 413)


async def test_request_id_in_and_out(api: Api) -> None:
    mine = await api.call("GET", "/healthz", headers={"X-Request-ID": "abc-123"})
    assert mine.headers["X-Request-ID"] == "abc-123"
    unsafe = await api.call("GET", "/healthz", headers={"X-Request-ID": "bad id\u00e9"})
    assert unsafe.headers["X-Request-ID"] != "bad id\u00e9"
    assert len(unsafe.headers["X-Request-ID"]) == 32


@pytest.mark.parametrize("backend", ["moto"], indirect=True)
async def test_rate_limit_is_429_with_retry_after(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    api = await start_api(aiohttp_client, make_settings(endpoint, rate_limit=2), clock)
    statuses = [(await api.call("GET", R)).status for _ in range(15)]
    assert statuses[:10] == [200] * 10
    assert 429 in statuses
    limited = await api.call("GET", R)
    await _problem(limited, 429)
    assert int(limited.headers["Retry-After"]) >= 1


async def test_dynamodb_unreachable_is_503(
    aiohttp_client: ClientFactory, clock: SettableClock
) -> None:
    settings: Settings = make_settings(
        f"http://127.0.0.1:{free_port()}", dynamodb_connect_timeout=0.3, dynamodb_max_attempts=1
    )
    from remo_async.app import create_app

    client: TestClient = await aiohttp_client(create_app(settings, clock=clock))
    api = Api(client=client, settings=settings, clock=clock)
    for method, path, body in [
        ("GET", R, None),
        ("POST", R, {"title": "x", "reminding_time": "2026-12-01T10:00:00Z"}),
        ("GET", f"/user/{ALICE}", None),
        ("POST", "/chat", {"message": "hi"}),
    ]:
        problem = await _problem(await api.call(method, path, json=body), 503)
        assert "unavailable" in problem["detail"]
    response = await api.call("GET", R)
    assert response.headers["Retry-After"] == "1"


async def test_metrics_count_requests(api: Api) -> None:
    await api.ok("GET", R)
    await api.call("GET", "/nowhere")
    text = await (await api.call("GET", "/metrics", user=None)).text()
    assert (
        'remo_http_requests_total{method="GET",route="/user/{user_id}/reminders",status="200"}'
        in text
    )
    assert 'status="404"' in text
    assert "remo_http_request_duration_seconds_bucket" in text
    assert 'remo_dynamodb_calls_total{operation="query",outcome="ok"}' in text


async def test_ids_that_cannot_be_ours_are_not_found(api: Api) -> None:
    for bad in ("rem_x", "x" * 2000, "todo_01M88EK9508Z3YTB3NZ7R8DVJT", "%F3%8F%8D%90"):
        await _problem(await api.call("GET", f"{R}/{bad}"), 404)
        await _problem(await api.call("PATCH", f"{R}/{bad}", json={"title": "x"}), 404)
        assert (await api.call("DELETE", f"{R}/{bad}")).status == 204
    await _problem(await api.call("GET", f"/user/{ALICE}/todos/rem_x"), 404)


async def test_a_huge_subject_is_refused(api: Api) -> None:
    from remo_async.api.auth import mint_dev_token

    huge = "did:privy:" + "x" * 300
    token = mint_dev_token(api.settings, huge)
    response = await api.call(
        "GET", f"/user/{huge}/reminders", user=None, headers={"Authorization": f"Bearer {token}"}
    )
    await _problem(response, 401)
