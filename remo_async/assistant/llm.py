"""An engine over an OpenAI-compatible chat-completions server, falling back to the built-in one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, Final
from zoneinfo import ZoneInfo

import aiohttp
import structlog

from remo_async.assistant.base import Assistant, Reply
from remo_async.assistant.llm_tools import TOOL_SCHEMAS, run_tool
from remo_async.assistant.turn import Turn
from remo_async.domain.times import Clock
from remo_async.settings import Settings
from remo_async.store import Store

log = structlog.get_logger("remo_async.assistant")

HISTORY_TURNS: Final = 20
_PROMPT: Final = (
    "You are Remo, a personal assistant that keeps the user's reminders and todos. "
    "It is now {now} in the user's time zone, {zone}. Use the tools to act; pass times in the "
    "user's own words ('tomorrow at 10am'), they are read in the user's zone. Only tools do "
    "things: never say something was done unless a tool did it. If a tool's answer asks a "
    "question, ask the user. Answer in one or two short, friendly sentences."
)


class ModelError(Exception):
    """The model could not be reached, timed out, or answered something unusable."""


@dataclass(frozen=True, slots=True)
class ToolCall:
    """One function call the model asked for."""

    id: str
    name: str
    arguments: str


@dataclass(slots=True)
class _Done:
    """What the tools did so far in one turn, kept if the model fails half way."""

    texts: list[str] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)

    def reply(self) -> Reply:
        return Reply(text=" ".join(self.texts), actions=self.actions)


class LLMEngine:
    """Answers through a model with tool calling; one aiohttp session, opened by start()."""

    def __init__(
        self, *, settings: Settings, store: Store, clock: Clock, fallback: Assistant
    ) -> None:
        self._url = settings.llm_base_url.rstrip("/") + "/chat/completions"
        self._model = settings.llm_model
        self._api_key = settings.llm_api_key
        self._timeout = aiohttp.ClientTimeout(total=settings.llm_timeout)
        self._max_rounds = settings.llm_max_tool_rounds
        self._store = store
        self._clock = clock
        self._fallback = fallback
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        """Opens the HTTP session; call once before reply()."""
        if self._session is None:
            headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
            self._session = aiohttp.ClientSession(headers=headers)

    @property
    def started(self) -> bool:
        """Whether the HTTP session is open."""
        return self._session is not None

    async def close(self) -> None:
        """Closes the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> LLMEngine:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def reply(self, *, user_id: str, message: str, history: list[dict[str, str]]) -> Reply:
        """The model's answer; the built-in engine's when the model fails before acting."""
        now = self._clock()
        zone = (await self._store.users.get_preferences(privy_id=user_id)).timezone
        scope = Turn(now=now, zone=zone, history=history, user_id=user_id, db=self._store)
        done = _Done()
        try:
            return await self._converse(_messages(message, history, now, zone), scope, done)
        except ModelError as exc:
            log.warning("assistant.llm_failed", reason=str(exc), acted=bool(done.actions))
        if done.actions:
            return done.reply()  # something was done: answering again would do it twice
        return await self._fallback.reply(user_id=user_id, message=message, history=history)

    async def _converse(self, messages: list[dict[str, Any]], scope: Turn, done: _Done) -> Reply:
        """Rounds of model answers and tool calls, until the model answers in words."""
        for round_number in range(self._max_rounds + 1):
            last = round_number == self._max_rounds
            message = await self._complete(messages, tools_allowed=not last)
            calls = _tool_calls(message)
            if not calls:
                return Reply(text=_content(message), actions=done.actions)
            if last:
                break
            messages.append(_assistant_turn(message, calls))
            for call in calls:
                result = await run_tool(call.name, call.arguments, scope)
                if not result.text.startswith("error:"):
                    done.texts.append(result.text)
                done.actions.extend(result.actions)
                messages.append({"role": "tool", "tool_call_id": call.id, "content": result.text})
        if not done.texts:
            raise ModelError("the model kept calling tools without answering")
        return done.reply()

    async def _complete(self, messages: list[dict[str, Any]], *, tools_allowed: bool) -> Any:
        """The model's next message (the "message" of the first choice)."""
        if self._session is None:
            raise ModelError("the engine was not started")
        payload = {
            "model": self._model,
            "messages": messages,
            "tools": list(TOOL_SCHEMAS),
            "tool_choice": "auto" if tools_allowed else "none",
        }
        try:
            async with self._session.post(self._url, json=payload, timeout=self._timeout) as resp:
                if resp.status != 200:
                    raise ModelError(f"the model server answered HTTP {resp.status}")
                data = await resp.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ModelError(f"the model server is unreachable: {exc!r}") from None
        except ValueError:
            raise ModelError("the model server did not answer JSON") from None
        return _first_message(data)


def _messages(
    message: str, history: list[dict[str, str]], now: datetime, zone: str
) -> list[dict[str, Any]]:
    local = now.astimezone(ZoneInfo(zone))
    system = _PROMPT.format(now=local.strftime("%A %Y-%m-%d %H:%M"), zone=zone)
    turns = [
        {"role": turn["role"], "content": turn["content"]}
        for turn in history[-HISTORY_TURNS:]
        if isinstance(turn, dict)
        and turn.get("role") in ("user", "assistant")
        and isinstance(turn.get("content"), str)
    ]
    return [{"role": "system", "content": system}, *turns, {"role": "user", "content": message}]


def _first_message(data: Any) -> dict[str, Any]:
    choices = data.get("choices") if isinstance(data, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise ModelError("the model's answer has no choices")
    message = choices[0].get("message")
    if not isinstance(message, dict):
        raise ModelError("the model's answer has no message")
    return message


def _tool_calls(message: dict[str, Any]) -> list[ToolCall]:
    raw = message.get("tool_calls") or []
    if not isinstance(raw, list):
        raise ModelError("tool_calls is not a list")
    calls = []
    for i, entry in enumerate(raw):
        function = entry.get("function") if isinstance(entry, dict) else None
        name = function.get("name") if isinstance(function, dict) else None
        if not isinstance(function, dict) or not isinstance(name, str):
            raise ModelError("a tool call has no function name")
        arguments = function.get("arguments", "{}")
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments)  # some servers send an object, not a string
        call_id = entry.get("id")
        calls.append(
            ToolCall(call_id if isinstance(call_id, str) else f"call_{i}", name, arguments)
        )
    return calls


def _content(message: dict[str, Any]) -> str:
    content = message.get("content")
    if not isinstance(content, str) or not content.strip():
        raise ModelError("the model answered with no text")
    return content.strip()


def _assistant_turn(message: dict[str, Any], calls: list[ToolCall]) -> dict[str, Any]:
    """The model's turn as it goes back to it, with the calls in the standard shape."""
    content = message.get("content")
    return {
        "role": "assistant",
        "content": content if isinstance(content, str) else None,
        "tool_calls": [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in calls
        ],
    }
