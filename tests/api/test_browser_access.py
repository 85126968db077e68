"""Browser access (API.md): CORS for listed origins only, POST /dev/token, /docs, the console."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from remo_async.api.routes import ROUTES
from remo_async.settings import AuthMode
from tests.api.conftest import ALICE, Api, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock

APP = "https://app.example.com"
OTHER = "https://evil.example.net"
R = f"/user/{ALICE}/reminders"

# One route of each method the API uses (the route table's, so a new method is not missed).
METHODS = sorted({route.method for route in ROUTES})


@pytest.fixture
async def cors_api(aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock) -> Api:
    settings = make_settings(endpoint, cors_origins=f"{APP}, http://localhost:5173")
    return await start_api(aiohttp_client, settings, clock)


def test_the_api_uses_these_methods() -> None:
    assert METHODS == ["DELETE", "GET", "PATCH", "POST", "PUT"]


@pytest.mark.parametrize("method", METHODS)
async def test_a_preflight_from_an_allowed_origin_is_204_for_each_method(
    cors_api: Api, method: str
) -> None:
    response = await cors_api.client.options(
        R,
        headers={
            "Origin": APP,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == APP
    allowed = {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")}
    assert method in allowed
    asked = response.headers["Access-Control-Allow-Headers"].lower()
    for header in ("authorization", "content-type", "idempotency-key", "x-request-id"):
        assert header in asked
    assert "Origin" in response.headers.getall("Vary")
    assert response.headers["X-Request-ID"]


async def test_an_allowed_origin_sees_answers_and_exposed_headers(cors_api: Api) -> None:
    response = await cors_api.call(
        "POST",
        R,
        headers={"Origin": APP, "Idempotency-Key": "k1"},
        json={"title": "t", "reminding_time": "2030-01-01T09:00:00Z"},
    )
    assert response.status == 201
    assert response.headers["Access-Control-Allow-Origin"] == APP
    exposed = {h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")}
    assert exposed == {"Location", "Retry-After", "X-Request-ID", "Idempotent-Replayed"}
    # An origin is compared as browsers send it, whatever its case in the setting.
    local = await cors_api.call("GET", R, headers={"Origin": "http://localhost:5173"})
    assert local.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"


async def test_problem_answers_carry_cors_headers_for_allowed_origins(cors_api: Api) -> None:
    for path, user, status in ((R, None, 401), (f"/user/{ALICE}/nothing", ALICE, 404)):
        response = await cors_api.call("GET", path, user=user, headers={"Origin": APP})
        assert response.status == status
        assert response.content_type == "application/problem+json"
        assert response.headers["Access-Control-Allow-Origin"] == APP


@pytest.mark.parametrize("origin", [OTHER, "null", APP + ".evil.net", "http://app.example.com"])
async def test_other_origins_get_no_cors_headers(cors_api: Api, origin: str) -> None:
    preflight = await cors_api.client.options(
        R, headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status == 405
    assert not [h for h in preflight.headers if h.lower().startswith("access-control-")]
    answer = await cors_api.call("GET", R, headers={"Origin": origin})
    assert answer.status == 200
    assert not [h for h in answer.headers if h.lower().startswith("access-control-")]


async def test_without_the_setting_no_origin_is_allowed(api: Api) -> None:
    preflight = await api.client.options(
        R, headers={"Origin": APP, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status == 405
    assert "Access-Control-Allow-Origin" not in preflight.headers


@pytest.mark.parametrize("value", ["app.example.com", "https://a.com/", "https://a.com/x", "*"])
def test_a_bad_origin_setting_is_refused(endpoint: str, value: str) -> None:
    with pytest.raises(ValueError, match="not an origin"):
        make_settings(endpoint, cors_origins=value)


async def test_dev_token_signs_in_as_that_user(api: Api) -> None:
    answer = await api.ok("POST", "/dev/token", user=None, json={"user_id": "did:privy:carol"})
    assert answer["expires_in"] > 0
    headers = {"Authorization": f"Bearer {answer['token']}"}
    response = await api.call("GET", "/user/did:privy:carol/reminders", user=None, headers=headers)
    assert response.status == 200
    other = await api.call("GET", R, user=None, headers=headers)
    assert other.status == 403


@pytest.mark.parametrize(
    "body", [{}, {"user_id": ""}, {"user_id": 5}, {"user_id": "a\x00b"}, {"user_id": "x" * 201}]
)
async def test_dev_token_refuses_bad_bodies(api: Api, body: dict[str, Any]) -> None:
    response = await api.call("POST", "/dev/token", user=None, json=body)
    assert response.status == 422


async def test_dev_token_is_404_in_privy_mode(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    pem = key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    settings = make_settings(
        endpoint,
        auth_mode=AuthMode.PRIVY,
        privy_app_id="app-id",
        privy_verification_key=pem,
        cursor_secret="c" * 16,
    )
    api = await start_api(aiohttp_client, settings, clock)
    response = await api.client.post("/dev/token", json={"user_id": ALICE})
    assert response.status == 404
    assert response.content_type == "application/problem+json"


async def test_docs_page_lists_every_route_with_a_curl_example(api: Api) -> None:
    response = await api.client.get("/docs")
    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    for route in ROUTES:
        assert f'id="{route.operation_id}"' in page, route.path
    assert "curl -s -X POST &quot;$API/user/$USER_ID/reminders&quot;" in page
    assert "order" in page
    assert "<script" not in page


async def test_the_console_and_its_files_are_served(api: Api) -> None:
    page = await api.client.get("/")
    assert page.status == 200
    assert page.content_type == "text/html"
    assert "Content-Security-Policy" in page.headers
    html = await page.text()
    assert 'src="/console/app.js"' in html
    script = await api.client.get("/console/app.js")
    assert script.status == 200
    assert script.content_type == "text/javascript"
    icon = await api.client.get("/favicon.ico")
    assert icon.status == 200
    for name in ("../app.py", "nope.js", "index.html", "app.JS", "%2e%2e%2fsettings.py"):
        missing = await api.client.get(f"/console/{name}")
        assert missing.status == 404, name


async def test_the_service_worker_is_served_at_the_root_for_the_consoles_scope(api: Api) -> None:
    # At /sw.js its default scope is "/", the console's page (W3C Service Workers, "scope").
    worker = await api.client.get("/sw.js")  # no token: the browser fetches it by itself
    assert worker.status == 200
    assert worker.content_type == "text/javascript"
    assert worker.headers["Cache-Control"] == "no-cache"  # a new version is picked up
    script = await worker.text()
    assert 'addEventListener("push"' in script
    assert 'addEventListener("notificationclick"' in script
    module = await api.client.get("/console/push.js")
    assert module.status == 200
