"""Conversation memory routes."""

from __future__ import annotations

from aiohttp import web

from remo_async.api.http import dump, read_body, read_query
from remo_async.api.schemas import MessageIn, PageQuery
from remo_async.api.views.common import location, path_user, store_of
from remo_async.domain import MessageCreate


async def list_messages(request: web.Request) -> web.Response:
    """GET /user/{user_id}/conversation: the latest page; next_cursor leads to older ones."""
    query = read_query(request, PageQuery)
    page = await store_of(request).conversations.list_answer(
        user_id=path_user(request), limit=query.limit, cursor=query.cursor
    )
    return dump(page)


async def add_message(request: web.Request) -> web.Response:
    """POST /user/{user_id}/conversation."""
    user_id = path_user(request)
    body = await read_body(request, MessageIn)
    message = await store_of(request).conversations.add(
        user_id=user_id, data=MessageCreate(role=body.role, content=body.content)
    )
    return dump(
        message, status=201, headers={"Location": location("user", user_id, "conversation")}
    )


async def delete_messages(request: web.Request) -> web.Response:
    """DELETE /user/{user_id}/conversation: 204, every message gone."""
    await store_of(request).conversations.delete_all(user_id=path_user(request))
    return web.Response(status=204)
