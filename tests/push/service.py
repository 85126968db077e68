"""A push service (RFC 8030) on 127.0.0.1, and a browser's side of a subscription.

The service checks each push as a real one does: the VAPID JWT (RFC 8292) against the
key in the header, with `aud` its own origin, `exp` within 24 hours and a `sub`; then
decrypts the body with the browser's private key. Decryption is written here from
RFC 8291 section 3.4 and RFC 8188 with `cryptography`, independently of the http-ece
library the service encrypts with.
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hkdf(salt: bytes, ikm: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


@dataclass
class Browser:
    """A browser's subscription keys: a P-256 key pair and a 16-byte auth secret."""

    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def public_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )

    def subscription(self, endpoint: str) -> dict[str, Any]:
        """What PushSubscription.toJSON() gives."""
        return {
            "endpoint": endpoint,
            "expirationTime": None,
            "keys": {"p256dh": _b64(self.public_bytes), "auth": _b64(self.auth)},
        }

    def decrypt(self, body: bytes) -> bytes:
        """RFC 8291 3.4 key derivation, RFC 8188 one-record aes128gcm decryption."""
        salt, record_size, id_length = body[:16], int.from_bytes(body[16:20]), body[20]
        sender = body[21 : 21 + id_length]
        ciphertext = body[21 + id_length :]
        assert id_length == 65, "keyid is the sender's uncompressed P-256 key"
        assert len(ciphertext) <= record_size, "one record"
        sender_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), sender)
        secret = self.private_key.exchange(ec.ECDH(), sender_key)
        ikm = _hkdf(self.auth, secret, b"WebPush: info\x00" + self.public_bytes + sender, 32)
        key = _hkdf(salt, ikm, b"Content-Encoding: aes128gcm\x00", 16)
        nonce = _hkdf(salt, ikm, b"Content-Encoding: nonce\x00", 12)
        padded = AESGCM(key).decrypt(nonce, ciphertext, None).rstrip(b"\x00")
        assert padded.endswith(b"\x02"), "the last record's delimiter"
        return padded[:-1]


@dataclass
class Push:
    """One push the service accepted and decrypted."""

    path: str
    headers: dict[str, str]
    body: bytes
    payload: dict[str, Any]


class PushService:
    """Answers each path's scripted statuses in turn (then 201); records what it received."""

    def __init__(self, vapid_public_key: str, subject: str) -> None:
        self.vapid_public_key = vapid_public_key
        self.subject = subject
        self.browsers: dict[str, Browser] = {}
        self.scripts: dict[str, list[int]] = {}
        self.received: list[Push] = []
        self.attempts: list[str] = []
        self.problems: list[str] = []
        self.origin = ""

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/push/{name}", self.handle)
        return app

    def subscribe(self, name: str, *statuses: int) -> dict[str, Any]:
        """A new browser subscription at /push/<name>, answering statuses first."""
        browser = self.browsers[name] = Browser()
        self.scripts[name] = list(statuses)
        return browser.subscription(f"{self.origin}/push/{name}")

    def _check_vapid(self, header: str) -> None:
        scheme, _, params = header.partition(" ")
        assert scheme == "vapid", header
        parts = dict(p.strip().split("=", 1) for p in params.split(","))
        assert parts["k"] == self.vapid_public_key, "k is the server's public key"
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _unb64(parts["k"]))
        claims = jwt.decode(
            parts["t"],
            key,
            algorithms=["ES256"],
            audience=self.origin,
            options={"require": ["aud", "exp", "sub"]},
        )
        assert claims["exp"] <= time.time() + 24 * 3600, "exp within 24 hours (RFC 8292)"
        assert claims["sub"] == self.subject

    async def handle(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        body = await request.read()
        self.attempts.append(name)
        try:
            self._check_vapid(request.headers["Authorization"])
            assert request.headers["Content-Encoding"] == "aes128gcm"
            assert request.headers["Urgency"] == "high"
            assert int(request.headers["TTL"]) >= 0
            assert len(body) <= 4096, f"{len(body)} bytes"
            payload = json.loads(self.browsers[name].decrypt(body))
        except Exception as exc:  # recorded for the test to show
            self.problems.append(f"{name}: {type(exc).__name__}: {exc}")
            return web.Response(status=400)
        script = self.scripts.get(name, [])
        status = script.pop(0) if script else 201
        if status == 201:
            self.received.append(Push(name, dict(request.headers), body, payload))
        return web.Response(status=status)
