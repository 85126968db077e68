"""The LLM engine against a fake OpenAI-compatible server on 127.0.0.1, and its fallback."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from structlog.testing import capture_logs

from remo_async.assistant import BuiltinEngine, LLMEngine, create_assistant
from remo_async.settings import AssistantKind, Settings
from remo_async.store import Store
from tests.helpers import SettableClock

ALICE = "did:privy:alice"
Answer = Callable[[dict[str, Any]], Awaitable[web.StreamResponse]]


def calls(*called: tuple[str, dict[str, Any] | str]) -> Answer:
    """An answer asking for tool calls (arguments as JSON text, or raw text as given)."""

    async def answer(_: dict[str, Any]) -> web.StreamResponse:
        tool_calls = [
            {
                "id": f"call_{i}",
                "type": "function",
                "function": {
                    "name": name,
                    "arguments": args if isinstance(args, str) else json.dumps(args),
                },
            }
            for i, (name, args) in enumerate(called, start=1)
        ]
        message = {"role": "assistant", "content": None, "tool_calls": tool_calls}
        return web.json_response({"choices": [{"message": message, "finish_reason": "tool_calls"}]})

    return answer


def says(text: str) -> Answer:
    """An answer in words."""

    async def answer(_: dict[str, Any]) -> web.StreamResponse:
        message = {"role": "assistant", "content": text}
        return web.json_response({"choices": [{"message": message, "finish_reason": "stop"}]})

    return answer


def raw(body: str, status: int = 200) -> Answer:
    """An answer with any body: garbage, or an error status."""

    async def answer(_: dict[str, Any]) -> web.StreamResponse:
        return web.Response(text=body, status=status, content_type="application/json")

    return answer


class FakeModel:
    """A chat-completions server that plays its answers in order and keeps what it was sent."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[dict[str, Any]] = []
        self.auth: list[str | None] = []
        self.release = asyncio.Event()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(body)
        self.auth.append(request.headers.get("Authorization"))
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        return await answer(body)

    async def hang(self, _: dict[str, Any]) -> web.StreamResponse:
        """An answer that never comes (until the test ends)."""
        await self.release.wait()
        return web.json_response({})


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[FakeModel], Awaitable[str]]]:
    """Starts a fake model on 127.0.0.1; returns its base URL."""
    servers: list[tuple[TestServer, FakeModel]] = []

    async def start(model: FakeModel) -> str:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", model.handle)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append((server, model))
        return str(server.make_url("/v1"))

    yield start
    for server, model in servers:
        model.release.set()
        await server.close()


def llm_settings(store: Store, base_url: str, **extra: Any) -> Settings:
    changes = {
        "assistant": AssistantKind.LLM,
        "llm_base_url": base_url,
        "llm_model": "fake-model",
        "llm_api_key": "sk-test",
        "llm_timeout": 5.0,
        "llm_max_tool_rounds": 3,
        **extra,
    }
    return store.settings.model_copy(update=changes)


async def ask(settings: Settings, store: Store, clock: SettableClock, text: str) -> Any:
    fallback = BuiltinEngine(store=store, clock=clock)
    async with LLMEngine(settings=settings, store=store, clock=clock, fallback=fallback) as llm:
        return await llm.reply(user_id=ALICE, message=text, history=[])


async def test_tool_call_then_a_second_round_with_its_result(
    store: Store, clock: SettableClock, serve: Callable[[FakeModel], Awaitable[str]]
) -> None:
    await store.users.merge_preferences(privy_id=ALICE, patch={"timezone": "Asia/Kolkata"})
    model = FakeModel(
        calls(("set_reminder", {"title": "call mum", "when": "tomorrow at 10am"})),
        says("Sure! I'll remind you to call mum tomorrow at 10 AM."),
    )
    settings = llm_settings(store, await serve(model))
    fallback = BuiltinEngine(store=store, clock=clock)
    async with LLMEngine(settings=settings, store=store, clock=clock, fallback=fallback) as llm:
        reply = await llm.reply(
            user_id=ALICE,
            message="remind me to call mum tomorrow at 10",
            history=[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hi!"}],
        )
    assert reply.text == "Sure! I'll remind you to call mum tomorrow at 10 AM."
    [action] = reply.actions
    assert action["type"] == "reminder.created"
    assert action["reminder"]["reminding_time"] == "2026-11-26T04:30:00Z"
    first, second = model.requests
    assert model.auth == ["Bearer sk-test", "Bearer sk-test"]
    assert first["model"] == "fake-model"
    assert first["tool_choice"] == "auto"
    names = {tool["function"]["name"] for tool in first["tools"]}
    assert names >= {"set_reminder", "list_reminders", "add_todo", "list_todos"}
    assert first["messages"][0]["role"] == "system"
    assert "Asia/Kolkata" in first["messages"][0]["content"]
    assert [m["role"] for m in first["messages"][1:]] == ["user", "assistant", "user"]
    tool_turn, tool_result = second["messages"][-2:]
    assert tool_turn["tool_calls"][0]["function"]["name"] == "set_reminder"
    assert tool_result["role"] == "tool"
    assert tool_result["tool_call_id"] == "call_1"
    assert tool_result["content"] == "OK, I'll remind you to call mum tomorrow at 10:00 AM."
    [stored] = [r async for r in store.reminders.iterate(user_id=ALICE)]
    assert stored.reminder_id == action["reminder"]["reminder_id"]


async def test_the_user_id_never_comes_from_the_model(
    store: Store, clock: SettableClock, serve: Callable[[FakeModel], Awaitable[str]]
) -> None:
    args = {"title": "pay rent", "priority": "urgent", "user_id": "did:privy:mallory"}
    model = FakeModel(calls(("add_todo", args)), says("Added."))
    reply = await ask(llm_settings(store, await serve(model)), store, clock, "add pay rent")
    assert reply.actions[0]["todo"]["user_id"] == ALICE
    assert reply.actions[0]["todo"]["priority"] == "urgent"
    assert [t async for t in store.todos.iterate(user_id="did:privy:mallory")] == []


async def test_bad_arguments_go_back_to_the_model(
    store: Store, clock: SettableClock, serve: Callable[[FakeModel], Awaitable[str]]
) -> None:
    model = FakeModel(
        calls(("set_reminder", "{not json"), ("no_such_tool", {}), ("add_todo", {"title": 5})),
        says("Sorry, I couldn't do that."),
    )
    reply = await ask(llm_settings(store, await serve(model)), store, clock, "do things")
    assert reply.text == "Sorry, I couldn't do that."
    assert reply.actions == []
    results = [m["content"] for m in model.requests[1]["messages"] if m["role"] == "tool"]
    assert len(results) == 3
    assert all(text.startswith("error:") for text in results)


async def test_tool_rounds_are_bounded(
    store: Store, clock: SettableClock, serve: Callable[[FakeModel], Awaitable[str]]
) -> None:
    model = FakeModel(calls(("list_reminders", {})))  # asks for tools forever
    settings = llm_settings(store, await serve(model), llm_max_tool_rounds=2)
    reply = await ask(settings, store, clock, "what are my reminders?")
    assert len(model.requests) == 3
    assert [r["tool_choice"] for r in model.requests] == ["auto", "auto", "none"]
    assert reply.text.startswith("You have no reminders.")
    assert {a["type"] for a in reply.actions} == {"reminders.listed"}


@pytest.mark.parametrize(
    "answer",
    [raw("this is not json"), raw('{"choices": []}'), raw('{"error": "boom"}', status=500)],
    ids=["not-json", "no-choices", "http-500"],
)
async def test_garbage_falls_back_to_the_builtin_engine(
    store: Store,
    clock: SettableClock,
    serve: Callable[[FakeModel], Awaitable[str]],
    answer: Answer,
) -> None:
    model = FakeModel(answer)
    with capture_logs() as logs:
        reply = await ask(
            llm_settings(store, await serve(model)),
            store,
            clock,
            "remind me in 45 minutes to stretch",
        )
    assert reply.text == "OK, I'll remind you to stretch today at 9:45 AM."
    assert reply.actions[0]["type"] == "reminder.created"
    assert [entry["event"] for entry in logs if entry["log_level"] == "warning"] == [
        "assistant.llm_failed"
    ]


async def test_unreachable_model_falls_back(store: Store, clock: SettableClock) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings = llm_settings(store, f"http://127.0.0.1:{port}/v1")
    reply = await ask(settings, store, clock, "add buy milk to my list")
    assert reply.actions[0]["type"] == "todo.created"


async def test_a_model_that_times_out_falls_back(
    store: Store, clock: SettableClock, serve: Callable[[FakeModel], Awaitable[str]]
) -> None:
    model = FakeModel()
    model.answers.append(model.hang)
    settings = llm_settings(store, await serve(model), llm_timeout=0.2)
    reply = await ask(settings, store, clock, "hi")
    assert reply.text.startswith("Hi!")
    assert len(model.requests) == 1


async def test_a_failure_after_acting_does_not_act_twice(
    store: Store, clock: SettableClock, serve: Callable[[FakeModel], Awaitable[str]]
) -> None:
    model = FakeModel(
        calls(("set_reminder", {"title": "stretch", "when": "in 45 minutes"})), raw("", 502)
    )
    reply = await ask(
        llm_settings(store, await serve(model)), store, clock, "remind me in 45 minutes to stretch"
    )
    assert reply.text == "OK, I'll remind you to stretch today at 9:45 AM."
    assert len(reply.actions) == 1
    assert len([r async for r in store.reminders.iterate(user_id=ALICE)]) == 1


async def test_create_assistant_opens_and_closes_the_llm_engine(
    store: Store, clock: SettableClock, serve: Callable[[FakeModel], Awaitable[str]]
) -> None:
    settings = llm_settings(store, await serve(FakeModel(says("Hello from the model."))))
    async with create_assistant(settings, store=store, clock=clock) as assistant:
        assert isinstance(assistant, LLMEngine)
        assert assistant.started
        reply = await assistant.reply(user_id=ALICE, message="hello", history=[])
    assert reply.text == "Hello from the model."
    assert not assistant.started
