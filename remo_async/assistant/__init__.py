"""The assistant: reading what the user means, and acting on it with the tools."""

from remo_async.assistant.base import Assistant, Reply
from remo_async.assistant.engine import BuiltinEngine
from remo_async.assistant.factory import create_assistant
from remo_async.assistant.llm import LLMEngine
from remo_async.assistant.parser import parse_message

__all__ = [
    "Assistant",
    "BuiltinEngine",
    "LLMEngine",
    "Reply",
    "create_assistant",
    "parse_message",
]
