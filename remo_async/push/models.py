"""Web Push subscriptions: what a browser's PushSubscription.toJSON() sends, and what is kept.

`keys.p256dh` is the browser's P-256 public key as an uncompressed point (65 bytes) and
`keys.auth` its 16-byte authentication secret, both base64url (RFC 8291 section 3).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric import ec
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from remo_async.domain.times import UtcDatetime

MAX_ENDPOINT_LENGTH = 2048
"""Longest endpoint URL taken (push services hand out a few hundred characters)."""


def b64url_decode(text: str) -> bytes:
    """Base64url (RFC 4648 section 5), padded or not; ValueError when it is not."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("is not base64url") from None


def b64url(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _p256_point(text: str) -> str:
    raw = b64url_decode(text)
    if len(raw) != 65 or raw[0] != 4:
        raise ValueError("must be an uncompressed P-256 point (65 bytes) in base64url")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        raise ValueError("is not a point on the P-256 curve") from None
    return text


def _auth_secret(text: str) -> str:
    if len(b64url_decode(text)) != 16:
        raise ValueError("must be 16 bytes in base64url")
    return text


B64 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+={0,2}$", max_length=200)]


class PushKeys(BaseModel):
    """The subscription's keys (RFC 8291): the browser's public key and auth secret."""

    model_config = ConfigDict(extra="forbid")
    p256dh: Annotated[B64, AfterValidator(_p256_point)]
    auth: Annotated[B64, AfterValidator(_auth_secret)]


class PushSubscriptionIn(BaseModel):
    """POST body: the browser's PushSubscription.toJSON()."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    endpoint: Annotated[str, StringConstraints(min_length=1, max_length=MAX_ENDPOINT_LENGTH)]
    keys: PushKeys
    expiration_time: int | None = Field(
        default=None, alias="expirationTime", ge=0, le=253402300799999
    )
    """When the push service ends the subscription, in ms since the epoch (null: never)."""


class PushSubscription(BaseModel):
    """A stored subscription, as GET /data and export carry it."""

    subscription_id: str
    user_id: str
    endpoint: str
    keys: PushKeys
    expiration_time: int | None = None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class PushSubscriptionOut(BaseModel):
    """A subscription as the subscription routes answer it (the keys stay with the server)."""

    subscription_id: str
    endpoint: str
    expiration_time: int | None = None
    created_at: UtcDatetime
    updated_at: UtcDatetime

    @classmethod
    def of(cls, subscription: PushSubscription) -> PushSubscriptionOut:
        """The answer for a stored subscription."""
        return cls.model_validate(subscription.model_dump(exclude={"keys", "user_id"}))


class PushSubscriptionPage(BaseModel):
    """A page of subscriptions."""

    items: list[PushSubscriptionOut]
    next_cursor: str | None


class PublicKeyOut(BaseModel):
    """The VAPID public key: the browser's applicationServerKey (RFC 8292 section 3.2)."""

    public_key: str


def subscription_id(endpoint: str) -> str:
    """The id of an endpoint's subscription: the same endpoint always has the same id."""
    return "push_" + hashlib.sha256(endpoint.encode()).hexdigest()[:32]
