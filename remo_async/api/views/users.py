"""Profile, preferences and all-data routes."""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from remo_async.api.http import dump, read_body, read_json, read_query, validate
from remo_async.api.problems import HttpProblem
from remo_async.api.schemas import DataQuery, Deleted, PreferencesOut
from remo_async.api.views.common import check_outbound_url, path_user, store_of
from remo_async.domain import Preferences, UserUpdate
from remo_async.store import Store
from remo_async.userdata import export_user


async def get_user(request: web.Request) -> web.Response:
    """GET /user/{user_id}: 404 before the first PUT."""
    user = await store_of(request).users.get(privy_id=path_user(request))
    if user is None:
        raise HttpProblem(404, "no profile has been saved for this user yet")
    return dump(user)


async def put_user(request: web.Request) -> web.Response:
    """PUT /user/{user_id}: 201 when created, 200 when updated."""
    changes = await read_body(request, UserUpdate)
    user, created = await store_of(request).users.save(privy_id=path_user(request), changes=changes)
    return dump(user, status=201 if created else 200)


def _preferences_out(user_id: str, preferences: Preferences) -> PreferencesOut:
    return PreferencesOut(user_id=user_id, preferences=preferences.model_dump(exclude_none=True))


async def get_preferences(request: web.Request) -> web.Response:
    """GET /user/{user_id}/preferences: defaults when none were saved."""
    user_id = path_user(request)
    preferences = await store_of(request).users.get_preferences(privy_id=user_id)
    return dump(_preferences_out(user_id, preferences))


async def post_preferences(request: web.Request) -> web.Response:
    """POST /user/{user_id}/preferences: merges a partial object."""
    user_id = path_user(request)
    patch = await read_json(request)
    if not isinstance(patch, dict):
        raise HttpProblem(
            422,
            "preferences must be a JSON object",
            title="Validation failed",
            errors=[{"field": "body", "message": "must be a JSON object"}],
        )
    if "webhook_secret" in patch:
        raise HttpProblem(
            422,
            "webhook_secret is made by the service",
            title="Validation failed",
            errors=[{"field": "webhook_secret", "message": "is read-only"}],
        )
    validate(Preferences, patch)  # names the offending fields before anything is written
    await _check_webhook(request, patch.get("webhook_url"))
    store = store_of(request)
    if patch.get("webhook_url"):
        patch["webhook_secret"] = await _webhook_secret(store, user_id)
    merged = await store.users.merge_preferences(privy_id=user_id, patch=patch)
    return dump(_preferences_out(user_id, merged))


async def _check_webhook(request: web.Request, url: Any) -> None:
    if url is not None:
        await check_outbound_url(request, str(url).strip(), field="webhook_url")


async def _webhook_secret(store: Store, user_id: str) -> str:
    # Made once, when a webhook is first set; kept across URL changes.
    current = await store.users.get_preferences(privy_id=user_id)
    secret = current.extra().get("webhook_secret")
    return secret if isinstance(secret, str) else f"whsec_{secrets.token_urlsafe(32)}"


async def get_data(request: web.Request) -> web.Response:
    """GET /user/{user_id}/data: everything, all pages."""
    return dump(await export_user(store_of(request), user_id=path_user(request)))


async def delete_data(request: web.Request) -> web.Response:
    """DELETE /user/{user_id}/data?data_type=...: nothing of that type is left."""
    query = read_query(request, DataQuery)
    deleted = await store_of(request).delete_user_data(
        user_id=path_user(request), data_type=query.data_type
    )
    return dump(Deleted(deleted=deleted))
