"""The route table: registration, authentication, the OpenAPI document and tests read it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from pydantic import BaseModel

from remo_async.api import docs, health
from remo_async.api.schemas import (
    ChatForm,
    ChatIn,
    ChatOut,
    DataQuery,
    Deleted,
    DevTokenIn,
    DevTokenOut,
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
from remo_async.api.views import browser, chat, conversation, events, reminders, todos, users
from remo_async.api.views import calendar as calendar_views
from remo_async.api.views import push as push_views
from remo_async.domain import Message, Preferences, Reminder, Todo, User, UserUpdate
from remo_async.push.models import (
    PushSubscriptionIn,
)

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
    location: bool = False
    """Answers 201 Created with a Location header naming what it made (RFC 9110 15.3.2)."""
    idempotent: bool = False
    """Honours Idempotency-Key: a retry gets the first answer, another body with the key 409."""
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

B = "Browser"
BROWSER_ROUTES = (
    Route("GET", "/", browser.console, "The web console (HTML)", B, auth=False),
    Route("GET", "/docs", docs.docs_view, "This reference as a page (HTML)", B, auth=False),
    Route(
        "GET",
        "/console/{name}",
        browser.console_asset,
        "A file of the web console",
        B,
        auth=False,
        errors=(404,),
    ),
    Route("GET", "/favicon.ico", browser.favicon, "The icon", B, auth=False),
    Route("GET", "/sw.js", browser.service_worker, "The console's service worker", B, auth=False),
    Route(
        "POST",
        "/dev/token",
        browser.dev_token,
        "Dev mode only: a token for any user id (404 in privy mode)",
        B,
        DevTokenOut,
        body=DevTokenIn,
        auth=False,
        errors=(400, 404, 413, 422),
    ),
)

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
        body=PushSubscriptionIn,
        location=True,
        idempotent=True,
        errors=(409,),
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
        location=True,
        idempotent=True,
    ),
    Route(
        "GET",
        R,
        reminders.list_reminders,
        "List reminders: by status, time range and text; oldest created or soonest due first",
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
        location=True,
        idempotent=True,
    ),
    Route(
        "GET",
        T,
        todos.list_todos,
        "List todos: by status, priority, category and text; by creation, due date or priority",
        "Todos",
        TodoPage,
        query=TodoQuery,
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
        location=True,
        idempotent=True,
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
    Route(
        "POST",
        "/chat",
        chat.chat,
        "Talk to Remo",
        C,
        ChatOut,
        body=ChatIn,
        form=ChatForm,
        idempotent=True,
    ),
    *BROWSER_ROUTES,
)


def add_routes(app: web.Application, routes: tuple[Route, ...] = ROUTES) -> None:
    """Registers every route (the context middleware finds each request's Route).

    Each GET route answers HEAD too, as its GET without the body (RFC 9110 9.3.2: a
    general-purpose server MUST support GET and HEAD); calendar clients HEAD a feed for
    its ETag. Not the event stream, whose GET never ends.
    """
    for route in routes:
        if route.method == "GET" and not route.token_in_query:
            app.router.add_get(route.path, route.handler, name=route.operation_id)
        else:
            app.router.add_route(route.method, route.path, route.handler, name=route.operation_id)


ROUTE = web.RequestKey("route", Route)
"""The Route a request matched (the context middleware sets it; absent when none did)."""
