"""POST /chat."""

from __future__ import annotations

from aiohttp import web

from remo_async.api.http import dump, read_body
from remo_async.api.problems import HttpProblem
from remo_async.api.schemas import ChatIn, ChatOut
from remo_async.api.views.common import store_of
from remo_async.domain import MessageCreate, Role
from remo_async.keys import USER_ID

MINIMAL_ANSWER = (
    "I've noted that. I can't act on chat messages yet; you can manage reminders and "
    "todos through the app meanwhile."
)


async def chat(request: web.Request) -> web.Response:
    """Answers a message; the message and the answer are remembered once each."""
    user_id = request[USER_ID]
    body = await read_body(request, ChatIn, allow_form=True)
    if body.user_id is not None and body.user_id != user_id:
        raise HttpProblem(403, "user_id must be the token's user")
    conversations = store_of(request).conversations
    await conversations.add(
        user_id=user_id, data=MessageCreate(role=Role.USER, content=body.message)
    )
    answer = await conversations.add(
        user_id=user_id, data=MessageCreate(role=Role.ASSISTANT, content=MINIMAL_ANSWER)
    )
    return dump(
        ChatOut(
            response=answer.content,
            success=True,
            timestamp=answer.timestamp,
            user_id=user_id,
            actions=[],
        )
    )
