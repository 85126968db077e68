"""POST /chat."""

from __future__ import annotations

from aiohttp import web

from remo_async.api.http import dump, is_form, loads, read_body, read_form, validate
from remo_async.api.problems import HttpProblem
from remo_async.api.schemas import ChatForm, ChatIn, ChatOut
from remo_async.api.views.common import store_of
from remo_async.assistant.base import Reply
from remo_async.domain import MessageCreate, Role
from remo_async.keys import ASSISTANT, USER_ID
from remo_async.store.errors import QuotaExceeded


async def _chat_body(request: web.Request) -> ChatIn:
    if not is_form(request):
        return await read_body(request, ChatIn, forms=True)
    form = await read_form(request, ChatForm)
    history = loads(form.conversation_history or "[]", what="conversation_history")
    return validate(
        ChatIn,
        {"message": form.message, "conversation_history": history, "user_id": form.user_id},
    )


async def chat(request: web.Request) -> web.Response:
    """Answers a message; the message and the answer are remembered once each."""
    user_id = request[USER_ID]
    body = await _chat_body(request)
    if body.user_id is not None and body.user_id != user_id:
        raise HttpProblem(403, "user_id must be the token's user")
    conversations = store_of(request).conversations
    # The client's history is context for this turn only; memory keeps each turn once.
    await conversations.add(
        user_id=user_id, data=MessageCreate(role=Role.USER, content=body.message)
    )
    try:
        reply = await request.app[ASSISTANT].reply(
            user_id=user_id,
            message=body.message,
            history=[turn.model_dump() for turn in body.conversation_history],
        )
    except QuotaExceeded as exc:
        # A limit is an answer, not an error: the message is stored, so the turn is too.
        things = "pending reminders" if exc.kind == "reminders" else "open todos"
        reply = Reply(
            text=f"You already have {exc.limit} {things}, the most I can keep. "
            "Finish or cancel some and ask me again.",
            actions=[],
        )
    answer = await conversations.add(
        user_id=user_id, data=MessageCreate(role=Role.ASSISTANT, content=reply.text)
    )
    return dump(
        ChatOut.model_validate(
            {
                "response": answer.content,
                "success": True,
                "timestamp": answer.timestamp,
                "user_id": user_id,
                "actions": reply.actions,
            }
        )
    )
