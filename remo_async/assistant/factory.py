"""create_assistant: the engine the settings ask for, as an async context manager."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from remo_async.assistant.base import Assistant
from remo_async.assistant.engine import BuiltinEngine
from remo_async.assistant.llm import LLMEngine
from remo_async.domain.times import Clock
from remo_async.settings import AssistantKind, Settings
from remo_async.store import Store


@contextlib.asynccontextmanager
async def create_assistant(
    settings: Settings, *, store: Store, clock: Clock
) -> AsyncIterator[Assistant]:
    """The built-in engine, or the LLM engine (with the built-in one to fall back on)."""
    builtin = BuiltinEngine(store=store, clock=clock)
    if settings.assistant is not AssistantKind.LLM:
        yield builtin
        return
    async with LLMEngine(settings=settings, store=store, clock=clock, fallback=builtin) as llm:
        yield llm
