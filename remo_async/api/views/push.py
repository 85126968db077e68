"""Web Push routes: the VAPID public key, and a user's push subscriptions."""

from __future__ import annotations

import re

from aiohttp import web

from remo_async.api.http import dump, read_body, read_query
from remo_async.api.problems import HttpProblem
from remo_async.api.schemas import PageQuery
from remo_async.api.views.common import check_outbound_url, location, path_user, store_of
from remo_async.push.models import (
    PublicKeyOut,
    PushSubscriptionIn,
    PushSubscriptionOut,
    PushSubscriptionPage,
)
from remo_async.push.wiring import VAPID

__all__ = [
    "PublicKeyOut",
    "PushSubscriptionIn",
    "PushSubscriptionOut",
    "PushSubscriptionPage",
    "delete_subscription",
    "get_subscription",
    "list_subscriptions",
    "public_key",
    "subscribe",
]

_SUBSCRIPTION_ID = re.compile(r"^push_[0-9a-f]{32}$")


async def public_key(request: web.Request) -> web.Response:
    """GET /webpush/public-key: the applicationServerKey; 404 when push is not configured."""
    vapid = request.app.get(VAPID)
    if vapid is None:
        raise HttpProblem(404, "Web Push is not configured on this server")
    return dump(PublicKeyOut(public_key=vapid.public_key))


async def subscribe(request: web.Request) -> web.Response:
    """POST /user/{user_id}/push-subscriptions: 201 when new, 200 for a known endpoint."""
    user_id = path_user(request)
    data = await read_body(request, PushSubscriptionIn)
    await check_outbound_url(request, data.endpoint, field="endpoint")
    subscription, created = await store_of(request).push.subscribe(user_id=user_id, data=data)
    headers = {
        "Location": location("user", user_id, "push-subscriptions", subscription.subscription_id)
    }
    return dump(
        PushSubscriptionOut.of(subscription), status=201 if created else 200, headers=headers
    )


async def list_subscriptions(request: web.Request) -> web.Response:
    """GET /user/{user_id}/push-subscriptions: a page."""
    query = read_query(request, PageQuery)
    items, next_cursor = await store_of(request).push.page(
        user_id=path_user(request), limit=query.limit, cursor=query.cursor
    )
    page = PushSubscriptionPage(
        items=[PushSubscriptionOut.of(s) for s in items], next_cursor=next_cursor
    )
    return dump(page)


def _subscription_id(request: web.Request) -> str | None:
    value = request.match_info["subscription_id"]
    return value if _SUBSCRIPTION_ID.match(value) else None


async def get_subscription(request: web.Request) -> web.Response:
    """GET /user/{user_id}/push-subscriptions/{subscription_id}: 200 or 404."""
    sid = _subscription_id(request)
    found = None
    if sid is not None:
        found = await store_of(request).push.get(user_id=path_user(request), subscription_id=sid)
    if found is None:
        raise HttpProblem(404, "no such push subscription")
    return dump(PushSubscriptionOut.of(found))


async def delete_subscription(request: web.Request) -> web.Response:
    """DELETE /user/{user_id}/push-subscriptions/{subscription_id}: 204, also when not there."""
    sid = _subscription_id(request)
    if sid is not None:
        await store_of(request).push.delete(user_id=path_user(request), subscription_id=sid)
    return web.Response(status=204)
