"""Every user route, every method: 401 without a token, 403 with another user's.

The matrix is generated from the route table, so a new route cannot escape it.
"""

from __future__ import annotations

import pytest

from remo_async.api.routes import ROUTES, Route
from remo_async.app import create_app
from remo_async.settings import Settings
from tests.api.conftest import ALICE, BOB, Api, ClientFactory
from tests.helpers import SettableClock

USER_ROUTES = [r for r in ROUTES if r.auth]
PATH_USER_ROUTES = [r for r in USER_ROUTES if "{user_id}" in r.path]


def _path(route: Route, user_id: str) -> str:
    return route.path.format(
        user_id=user_id, reminder_id="rem_x", todo_id="todo_x", subscription_id="push_x"
    )


def _id(route: Route) -> str:
    return f"{route.method} {route.path}"


@pytest.fixture
async def bare_api(aiohttp_client: ClientFactory, settings: Settings, clock: SettableClock) -> Api:
    """The app without tables: refusals must come before any read."""
    client = await aiohttp_client(create_app(settings, clock=clock))
    return Api(client=client, settings=settings, clock=clock)


def test_every_route_but_the_public_ones_needs_a_token() -> None:
    public = {r.path for r in ROUTES if not r.auth}
    # The VAPID key is public by design; a calendar feed's secret is its own credential.
    assert public == {
        "/healthz",
        "/readyz",
        "/metrics",
        "/openapi.json",
        "/webpush/public-key",
        "/calendar/{secret}.ics",
        # The web console and this reference; /dev/token answers 404 outside dev mode.
        "/",
        "/docs",
        "/console/{name}",
        "/favicon.ico",
        "/sw.js",
        "/dev/token",
    }
    assert all(r.path.startswith("/user/{user_id}") or r.path == "/chat" for r in USER_ROUTES)


@pytest.mark.parametrize("route", USER_ROUTES, ids=_id)
async def test_no_token_is_401(bare_api: Api, route: Route) -> None:
    api = bare_api
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer not.a.token"},
    ):
        response = await api.call(
            route.method, _path(route, ALICE), user=None, headers=headers, json={}
        )
        assert response.status == 401, headers
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.headers["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("route", PATH_USER_ROUTES, ids=_id)
async def test_another_users_token_is_403(bare_api: Api, route: Route) -> None:
    api = bare_api
    response = await api.call(route.method, _path(route, ALICE), user=BOB, json={})
    assert response.status == 403
    body = await response.json()
    assert ALICE not in body["detail"]


async def test_chat_for_another_user_is_403(api: Api) -> None:
    response = await api.call("POST", "/chat", user=BOB, json={"message": "hi", "user_id": ALICE})
    assert response.status == 403


async def test_an_item_of_another_user_is_simply_not_found(api: Api) -> None:
    reminder = await api.ok(
        "POST",
        f"/user/{BOB}/reminders",
        201,
        user=BOB,
        json={"title": "bob's", "reminding_time": "in 1 hour"},
    )
    todo = await api.ok("POST", f"/user/{BOB}/todos", 201, user=BOB, json={"title": "bob's"})
    for method, path, body in [
        ("GET", f"/user/{ALICE}/reminders/{reminder['reminder_id']}", None),
        ("PATCH", f"/user/{ALICE}/reminders/{reminder['reminder_id']}", {"title": "mine"}),
        ("POST", f"/user/{ALICE}/reminders/{reminder['reminder_id']}/snooze", {"minutes": 5}),
        ("GET", f"/user/{ALICE}/todos/{todo['todo_id']}", None),
        ("PATCH", f"/user/{ALICE}/todos/{todo['todo_id']}", {"title": "mine"}),
    ]:
        response = await api.call(method, path, json=body)
        assert response.status == 404, (method, path)
    for path in (
        f"/user/{ALICE}/reminders/{reminder['reminder_id']}",
        f"/user/{ALICE}/todos/{todo['todo_id']}",
    ):
        assert (await api.call("DELETE", path)).status == 204
    assert (await api.ok("GET", f"/user/{BOB}/reminders/{reminder['reminder_id']}", user=BOB))[
        "title"
    ] == "bob's"
    assert (await api.ok("GET", f"/user/{BOB}/todos/{todo['todo_id']}", user=BOB))["title"] == (
        "bob's"
    )
    assert (await api.ok("GET", f"/user/{ALICE}/data"))["reminders"] == []
