"""The pushed message: the reminder.fired JSON, encrypted as RFC 8291 `aes128gcm`.

The body is one record (RFC 8188) of at most 4,096 bytes: a 86-byte header (salt, record
size, the sender's 65-byte key), the plaintext, a delimiter byte and a 16-byte tag, so
the plaintext may be 3,993 bytes (RFC 8291 section 4). A description that does not fit
is shortened, with an ellipsis; the rest of the reminder is kept whole.
"""

from __future__ import annotations

import json
import os

import http_ece  # type: ignore[import-untyped]
from cryptography.hazmat.primitives.asymmetric import ec

from remo_async.dispatch.events import FIRED_EVENT
from remo_async.domain import Reminder
from remo_async.push.models import PushKeys, b64url_decode

RECORD_SIZE = 4096
MAX_PLAINTEXT = RECORD_SIZE - 86 - 1 - 16
"""3,993 bytes: a record of 4,096 less the header, the delimiter and the AEAD tag."""
ELLIPSIS = "…"


def _encoded(reminder: Reminder) -> bytes:
    payload = {"event": FIRED_EVENT, "reminder": reminder.model_dump(mode="json")}
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def fired_payload(reminder: Reminder) -> bytes:
    """`{"event": "reminder.fired", "reminder": {...}}` in UTF-8, at most MAX_PLAINTEXT bytes."""
    body = _encoded(reminder)
    if len(body) <= MAX_PLAINTEXT:
        return body
    text = reminder.description
    low, high = 0, len(text)  # the longest prefix that fits, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        trial = reminder.model_copy(update={"description": text[:middle] + ELLIPSIS})
        if len(_encoded(trial)) <= MAX_PLAINTEXT:
            low = middle
        else:
            high = middle - 1
    shortened = reminder.model_copy(update={"description": text[:low] + ELLIPSIS if low else ""})
    return _encoded(shortened)


def encrypt(plaintext: bytes, keys: PushKeys) -> bytes:
    """The aes128gcm body for a subscription: a fresh sender key and salt per message."""
    sender = ec.generate_private_key(ec.SECP256R1())
    body: bytes = http_ece.encrypt(
        plaintext,
        salt=os.urandom(16),
        private_key=sender,
        dh=b64url_decode(keys.p256dh),
        auth_secret=b64url_decode(keys.auth),
        version="aes128gcm",
        rs=RECORD_SIZE,
    )
    return body
