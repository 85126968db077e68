"""Reminder routes."""

from __future__ import annotations

from datetime import datetime, timedelta

from aiohttp import web

from remo_async.api.http import dump, read_body, read_query
from remo_async.api.schemas import ReminderIn, ReminderPatch, ReminderQuery, SnoozeIn
from remo_async.api.views.common import (
    existing_id,
    location,
    now_of,
    path_user,
    read_bound,
    read_time,
    record_id,
    split_statuses,
    store_of,
    user_zone,
)
from remo_async.domain import ReminderCreate, ReminderUpdate
from remo_async.store.listing import ListQuery


async def create_reminder(request: web.Request) -> web.Response:
    """POST /user/{user_id}/reminders."""
    user_id = path_user(request)
    body = await read_body(request, ReminderIn)
    zone = body.timezone or await user_zone(request, user_id)
    data = ReminderCreate(
        title=body.title,
        description=body.description,
        reminding_time=read_time(request, body.reminding_time, zone=zone, field="reminding_time"),
        timezone=zone,
        recurrence=body.recurrence,
    )
    reminder = await store_of(request).reminders.create(user_id=user_id, data=data)
    return dump(
        reminder,
        status=201,
        headers={"Location": location("user", user_id, "reminders", reminder.reminder_id)},
    )


async def list_reminders(request: web.Request) -> web.Response:
    """GET /user/{user_id}/reminders: filters and order as store/listing.py serves them.

    `from`/`to` are RFC 3339 (without an offset: in the user's zone); `from` after `to`
    keeps nothing (an empty page).
    """
    query = read_query(request, ReminderQuery)
    user_id = path_user(request)
    bounds: dict[str, datetime | None] = {"from": None, "to": None}
    for name, text in (("from", query.from_), ("to", query.to)):
        if text is not None:
            bounds[name] = read_bound(text, zone=await user_zone(request, user_id), field=name)
    start, end = bounds["from"], bounds["to"]
    listing = ListQuery(
        statuses=split_statuses(query.status),
        order=query.order,
        start=start,
        end=end,
        q=query.q,
    )
    page = await store_of(request).reminders.list_answer(
        user_id=user_id, query=listing, limit=query.limit, cursor=query.cursor
    )
    return dump(page)


async def get_reminder(request: web.Request) -> web.Response:
    """GET /user/{user_id}/reminders/{reminder_id}."""
    reminder = await store_of(request).reminders.get_answer(
        user_id=path_user(request), record_id=existing_id(request, "reminder_id")
    )
    return dump(reminder)


async def update_reminder(request: web.Request) -> web.Response:
    """PATCH /user/{user_id}/reminders/{reminder_id}."""
    user_id, reminder_id = path_user(request), existing_id(request, "reminder_id")
    body = await read_body(request, ReminderPatch)
    store = store_of(request)
    fields = body.model_dump(exclude_unset=True)
    if body.reminding_time is not None:
        zone = body.timezone
        if zone is None:  # the zone a time without offset is read in; the rules read later
            current = await store.reminders.get_or_raise(user_id=user_id, record_id=reminder_id)
            zone = current.timezone
        fields["reminding_time"] = read_time(
            request, body.reminding_time, zone=zone, field="reminding_time"
        )
    changes = ReminderUpdate.model_validate(fields)
    reminder = await store.reminders.update(
        user_id=user_id, reminder_id=reminder_id, changes=changes
    )
    return dump(reminder)


async def delete_reminder(request: web.Request) -> web.Response:
    """DELETE /user/{user_id}/reminders/{reminder_id}: 204, also when it was not there."""
    found = record_id(request, "reminder_id")
    if found is not None:
        await store_of(request).reminders.delete(user_id=path_user(request), record_id=found)
    return web.Response(status=204)


async def snooze_reminder(request: web.Request) -> web.Response:
    """POST /user/{user_id}/reminders/{reminder_id}/snooze."""
    body = await read_body(request, SnoozeIn)
    until = now_of(request) + timedelta(minutes=body.minutes)
    reminder = await store_of(request).reminders.snooze(
        user_id=path_user(request), reminder_id=existing_id(request, "reminder_id"), until=until
    )
    return dump(reminder)
