"""Todo routes."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from remo_async.api.http import dump, read_body, read_query
from remo_async.api.schemas import TodoIn, TodoPatch, TodoQuery
from remo_async.api.views.common import (
    existing_id,
    location,
    path_user,
    read_due,
    record_id,
    split_statuses,
    store_of,
    user_zone,
)
from remo_async.domain import TodoCreate, TodoUpdate
from remo_async.store.listing import ListQuery


async def _due(request: web.Request, fields: dict[str, Any], user_id: str) -> None:
    text = fields.get("due_date")
    if text is not None:
        zone = await user_zone(request, user_id)
        fields["due_date"] = read_due(request, text, zone=zone, field="due_date")


async def create_todo(request: web.Request) -> web.Response:
    """POST /user/{user_id}/todos."""
    user_id = path_user(request)
    fields = (await read_body(request, TodoIn)).model_dump(exclude_none=True)
    await _due(request, fields, user_id)
    todo = await store_of(request).todos.create(
        user_id=user_id, data=TodoCreate.model_validate(fields)
    )
    return dump(
        todo, status=201, headers={"Location": location("user", user_id, "todos", todo.todo_id)}
    )


async def list_todos(request: web.Request) -> web.Response:
    """GET /user/{user_id}/todos."""
    query = read_query(request, TodoQuery)
    listing = ListQuery(
        statuses=split_statuses(query.status),
        order=query.order,
        q=query.q,
        category=query.category,
        priority=None if query.priority is None else query.priority.value,
    )
    page = await store_of(request).todos.list_answer(
        user_id=path_user(request), query=listing, limit=query.limit, cursor=query.cursor
    )
    return dump(page)


async def get_todo(request: web.Request) -> web.Response:
    """GET /user/{user_id}/todos/{todo_id}."""
    todo = await store_of(request).todos.get_answer(
        user_id=path_user(request), record_id=existing_id(request, "todo_id")
    )
    return dump(todo)


async def update_todo(request: web.Request) -> web.Response:
    """PATCH /user/{user_id}/todos/{todo_id}."""
    user_id = path_user(request)
    fields = (await read_body(request, TodoPatch)).model_dump(exclude_unset=True)
    await _due(request, fields, user_id)
    todo = await store_of(request).todos.update(
        user_id=user_id,
        todo_id=existing_id(request, "todo_id"),
        changes=TodoUpdate.model_validate(fields),
    )
    return dump(todo)


async def delete_todo(request: web.Request) -> web.Response:
    """DELETE /user/{user_id}/todos/{todo_id}: 204, also when it was not there."""
    found = record_id(request, "todo_id")
    if found is not None:
        await store_of(request).todos.delete(user_id=path_user(request), record_id=found)
    return web.Response(status=204)
