"""Opaque list cursors: signed, and bound to the user and the list they came from."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

import orjson

from remo_async.store.attrs import Item
from remo_async.store.errors import InvalidCursor

_SIG_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class CursorCodec:
    """Turns a DynamoDB start key into a cursor string and back."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:_SIG_BYTES]

    def encode(self, *, user_id: str, list_id: str, key: Item) -> str:
        """A cursor that only decodes for the same user and list."""
        data = {"u": user_id, "l": list_id, "k": key}
        try:
            raw = orjson.dumps(data)
        except orjson.JSONEncodeError:  # a lone surrogate (a token's sub may hold one)
            raw = json.dumps(data, separators=(",", ":")).encode()
        return f"{_b64(raw)}.{_b64(self._sign(raw))}"

    def decode(self, cursor: str, *, user_id: str, list_id: str) -> Item:
        """The start key inside a cursor; InvalidCursor if it was altered or is foreign."""
        try:
            body, sig = cursor.split(".", 1)
            raw, given = _unb64(body), _unb64(sig)
            good = hmac.compare_digest(given, self._sign(raw))
        except (ValueError, binascii.Error):
            raise InvalidCursor("the cursor is malformed") from None
        # base64 decoding drops characters outside its alphabet, extra padding and unused
        # low bits: only the very text encode made is the cursor (any other is altered).
        if good and f"{_b64(raw)}.{_b64(given)}" != cursor:
            raise InvalidCursor("the cursor was altered or was not issued by this service")
        if not good:
            raise InvalidCursor("the cursor was altered or was not issued by this service")
        data: dict[str, Any] = json.loads(raw)
        if data.get("u") != user_id or data.get("l") != list_id:
            raise InvalidCursor("the cursor belongs to another list")
        key = data.get("k")
        if not isinstance(key, dict):
            raise InvalidCursor("the cursor is malformed")
        return key
