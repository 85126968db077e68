"""The route table: registration, authentication, the OpenAPI document and tests read it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from pydantic import BaseModel

import remo_async.api.views.calendar as calendar_views
import remo_async.api.views.push as push_views
from remo_async.api import health
from remo_async.api.schemas import (
    ChatForm,
    ChatIn,
    ChatOut,
    DataQuery,
    Deleted,
    Health,
    MessageIn,
    MessagePage,
    PageQuery,
    PreferencesOut,
    Ready,
    ReminderIn,
    ReminderPage,
    ReminderPatch,
    ReminderQuery,
    SnoozeIn,
    TodoIn,
    TodoPage,
    TodoPatch,
    TodoQuery,
    UserData,
)
from remo_async.api.views import chat, conversation, events, reminders, todos, users
from remo_async.domain import Message, Preferences, Reminder, Todo, User, UserUpdate
from remo_async.keys import ROUTE_INDEX

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Route:
    """One operation of the API."""

    method: str
    path: str
    handler: Handler
    summary: str
    tag: str
    answer: type[BaseModel] | None = None
    status: int = 200
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    auth: bool = True
    creates: bool = False
    """A creating POST: honours Idempotency-Key (409 on reuse) and answers 201 with Location."""
    form: type[BaseModel] | None = None
    """The body's model when sent as a form (older clients)."""
    errors: tuple[int, ...] = ()
    """Error statuses beyond those every user route may answer (400, 401, 403, 422, ...)."""
    also: tuple[int, ...] = ()
    """Other success statuses with the same answer (PUT: 201 when created)."""
    token_in_query: bool = False
    """The token may also come as the privy-token cookie or ?access_token= (EventSource)."""

    @property
    def operation_id(self) -> str:
        """A stable name: the handler's."""
        return self.handler.__name__


R, T, U, C = "/user/{user_id}/reminders", "/user/{user_id}/todos", "/user/{user_id}", "Chat"
REMINDER = R + "/{reminder_id}"
TODO = T + "/{todo_id}"
PUSH = U + "/push-subscriptions"

ROUTES: tuple[Route, ...] = (
    Route("GET", "/metrics", health.metrics_view, "Prometheus metrics", "Operations", auth=False),
    Route("GET", "/openapi.json", health.openapi_view, "This document", "Operations", auth=False),
    Route("GET", "/healthz", health.healthz, "Liveness", "Operations", Health, auth=False),
    Route(
        "GET", "/readyz", health.readyz, "Readiness", "Operations", Ready, auth=False, errors=(503,)
    ),
    Route("GET", U, users.get_user, "Get the profile", "Profile", User, errors=(404,)),
    Route(
        "PUT",
        U,
        users.put_user,
        "Create or update the profile",
        "Profile",
        User,
        body=UserUpdate,
        also=(201,),
    ),
    Route(
        "GET",
        U + "/preferences",
        users.get_preferences,
        "Get preferences",
        "Profile",
        PreferencesOut,
    ),
    Route(
        "POST",
        U + "/preferences",
        users.post_preferences,
        "Merge preferences",
        "Profile",
        PreferencesOut,
        body=Preferences,
    ),
    Route("GET", U + "/data", users.get_data, "Everything about the user", "Profile", UserData),
    Route(
        "DELETE",
        U + "/data",
        users.delete_data,
        "Delete the user's data",
        "Profile",
        Deleted,
        query=DataQuery,
    ),
    Route(
        "GET",
        "/webpush/public-key",
        push_views.public_key,
        "The VAPID public key (applicationServerKey)",
        "Push",
        push_views.PublicKeyOut,
        auth=False,
        errors=(404,),
    ),
    Route(
        "POST",
        PUSH,
        push_views.subscribe,
        "Subscribe a browser (PushSubscription.toJSON()); the same endpoint again: 200",
        "Push",
        push_views.PushSubscriptionOut,
        status=201,
        also=(200,),
        body=push_views.PushSubscriptionIn,
        creates=True,
    ),
    Route(
        "GET",
        PUSH,
        push_views.list_subscriptions,
        "List push subscriptions",
        "Push",
        push_views.PushSubscriptionPage,
        query=PageQuery,
    ),
    Route(
        "GET",
        PUSH + "/{subscription_id}",
        push_views.get_subscription,
        "Get a push subscription",
        "Push",
        push_views.PushSubscriptionOut,
        errors=(404,),
    ),
    Route(
        "DELETE",
        PUSH + "/{subscription_id}",
        push_views.delete_subscription,
        "Delete a push subscription",
        "Push",
        status=204,
    ),
    Route(
        "POST",
        U + "/calendar-feed",
        calendar_views.create_feed,
        "A new secret calendar feed address (earlier ones stop working)",
        "Calendar",
        calendar_views.CalendarFeedOut,
        status=201,
    ),
    Route(
        "DELETE",
        U + "/calendar-feed",
        calendar_views.delete_feed,
        "Revoke the calendar feed address",
        "Calendar",
        status=204,
    ),
    Route(
        "GET",
        "/calendar/{secret}.ics",
        calendar_views.get_feed,
        "The iCalendar feed (text/calendar; the secret is the credential)",
        "Calendar",
        auth=False,
        also=(304,),
        errors=(404,),
    ),
    Route(
        "POST",
        R,
        reminders.create_reminder,
        "Create a reminder",
        "Reminders",
        Reminder,
        status=201,
        body=ReminderIn,
        creates=True,
    ),
    Route(
        "GET",
        R,
        reminders.list_reminders,
        "List reminders, oldest first",
        "Reminders",
        ReminderPage,
        query=ReminderQuery,
    ),
    Route(
        "GET",
        REMINDER,
        reminders.get_reminder,
        "Get a reminder",
        "Reminders",
        Reminder,
        errors=(404,),
    ),
    Route(
        "PATCH",
        REMINDER,
        reminders.update_reminder,
        "Change a reminder",
        "Reminders",
        Reminder,
        body=ReminderPatch,
        errors=(404, 409),
    ),
    Route(
        "DELETE", REMINDER, reminders.delete_reminder, "Delete a reminder", "Reminders", status=204
    ),
    Route(
        "POST",
        REMINDER + "/snooze",
        reminders.snooze_reminder,
        "Snooze a reminder",
        "Reminders",
        Reminder,
        body=SnoozeIn,
        errors=(404, 409),
    ),
    Route(
        "POST",
        T,
        todos.create_todo,
        "Create a todo",
        "Todos",
        Todo,
        status=201,
        body=TodoIn,
        creates=True,
    ),
    Route(
        "GET", T, todos.list_todos, "List todos, oldest first", "Todos", TodoPage, query=TodoQuery
    ),
    Route("GET", TODO, todos.get_todo, "Get a todo", "Todos", Todo, errors=(404,)),
    Route(
        "PATCH",
        TODO,
        todos.update_todo,
        "Change a todo",
        "Todos",
        Todo,
        body=TodoPatch,
        errors=(404, 409),
    ),
    Route("DELETE", TODO, todos.delete_todo, "Delete a todo", "Todos", status=204),
    Route(
        "GET",
        U + "/conversation",
        conversation.list_messages,
        "Latest messages",
        "Conversation",
        MessagePage,
        query=PageQuery,
    ),
    Route(
        "POST",
        U + "/conversation",
        conversation.add_message,
        "Remember a message",
        "Conversation",
        Message,
        status=201,
        body=MessageIn,
        creates=True,
    ),
    Route(
        "DELETE",
        U + "/conversation",
        conversation.delete_messages,
        "Forget every message",
        "Conversation",
        status=204,
    ),
    Route(
        "GET",
        U + "/events",
        events.stream_events,
        "Live reminder events (text/event-stream)",
        "Events",
        token_in_query=True,
        errors=(404,),
    ),
    Route("POST", "/chat", chat.chat, "Talk to Remo", C, ChatOut, body=ChatIn, form=ChatForm),
)


def add_routes(app: web.Application, routes: tuple[Route, ...] = ROUTES) -> None:
    """Registers every route and indexes them for the middlewares."""
    index: dict[tuple[str, str], Route] = {}
    for route in routes:
        app.router.add_route(route.method, route.path, route.handler, name=route.operation_id)
        index[(route.method, route.path)] = route
    app[ROUTE_INDEX] = index


def route_of(request: web.Request) -> Route | None:
    """The Route a request matched, or None (unknown path, wrong method)."""
    resource = request.match_info.route.resource
    if resource is None:
        return None
    return request.app[ROUTE_INDEX].get((request.method, resource.canonical))
