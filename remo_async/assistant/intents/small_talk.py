"""Small talk: greetings, help, thanks, and the answer when nothing else fits (no action)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Final, Literal

from remo_async.assistant import wording
from remo_async.assistant.results import ToolResult
from remo_async.assistant.turn import Turn

Topic = Literal["greeting", "help", "thanks", "unknown", "aside"]


@dataclass(frozen=True, slots=True)
class Chat:
    """Small talk, help, or something we cannot act on; problem, if set, is the answer."""

    name: ClassVar[str] = "chat"
    topic: Topic
    problem: str | None = None


_GREETING: Final = re.compile(
    r"^(?:hi|hello|hey|hiya|heya|yo|howdy|hola|sup|greetings|good\s+(?:morning|afternoon|evening|day)"
    r"|what'?s\s+up|how\s+are\s+you(?:\s+doing)?(?:\s+today)?|how'?s\s+it\s+going)"
    r"(?:[\s,]+(?:there|remo|again|friend|buddy))*[\s!.?]*$",
    re.IGNORECASE,
)
_THANKS: Final = re.compile(
    r"^(?:thanks?(?:\s+you)?|thank\s+you(?:\s+so\s+much|\s+very\s+much)?|thx|ty|cheers|great"
    r"|awesome|perfect|cool|nice|ok(?:ay)?|got\s+it|sounds\s+good|good|alright|all\s+right|k"
    r"|never\s*mind|nevermind|no\s+thanks|nothing|that'?s\s+all|bye|goodbye|see\s+you)"
    r"(?:[\s,!.]+(?:remo|thanks|a\s+lot|very\s+much|so\s+much|again|then))*[\s!.]*$",
    re.IGNORECASE,
)
_HELP: Final = re.compile(
    r"^(?:help|help\s+me|\?+|what\s+can\s+you\s+do|what\s+do\s+you\s+do|how\s+does\s+this\s+work"
    r"|how\s+do\s+(?:i|you)\s+(?:use\s+(?:this|you|remo|it)|work)|commands|menu|options"
    r"|who\s+are\s+you|what\s+are\s+you|what\s+can\s+i\s+(?:say|ask|do)|how\s+can\s+you\s+help)"
    r"(?:[\s,]+(?:remo|me|please))*[\s!.?]*$",
    re.IGNORECASE,
)
_ANSWERS: Final[Mapping[Topic, str]] = {
    "greeting": wording.GREETING,
    "help": wording.HELP,
    "thanks": wording.THANKS,
    "unknown": wording.UNKNOWN,
    "aside": wording.UNKNOWN,
}


def read(text: str, _turn: Turn | None = None) -> Chat | None:
    """A greeting, a request for help or a thanks (the whole message), or None."""
    if _GREETING.match(text):
        return Chat(topic="greeting")
    if _HELP.match(text):
        return Chat(topic="help")
    if _THANKS.match(text):
        return Chat(topic="thanks")
    return None


async def act(intent: Chat, _turn: Turn) -> ToolResult:
    """The answer: the problem found while reading, or the topic's standard text."""
    return ToolResult(intent.problem or _ANSWERS[intent.topic])
