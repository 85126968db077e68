"""Access-token verification: Privy ES256 tokens in production, HS256 dev tokens locally."""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from jwt.algorithms import ECAlgorithm
from jwt.utils import base64url_encode

from remo_async.settings import AuthMode, Settings, SettingsError


class AuthError(Exception):
    """The token is missing or not acceptable; str(exc) is a short reason safe to show a client."""


ISSUER = "privy.io"
DEV_AUDIENCE = "remo-dev"
LEEWAY = 60
REQUIRED_CLAIMS = ("exp", "iss", "aud", "sub")
# Privy tokens are well under 1 KiB; refusing huge inputs early bounds the work per request.
MAX_TOKEN_LENGTH = 8192
MAX_SUBJECT_LENGTH = 256
_UNSAFE_SUBJECT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

# Most specific first: InvalidSignatureError is a DecodeError, the rest are InvalidTokenErrors.
_REASONS: tuple[tuple[type[jwt.PyJWTError], str], ...] = (
    (jwt.InvalidAlgorithmError, "algorithm not allowed"),
    (jwt.InvalidSignatureError, "bad signature"),
    (jwt.DecodeError, "malformed token"),
    (jwt.InvalidAudienceError, "wrong audience"),
    (jwt.InvalidIssuerError, "wrong issuer"),
    (jwt.exceptions.InvalidSubjectError, "invalid subject"),
)


@dataclass(frozen=True, slots=True)
class Identity:
    """The user a verified token speaks for."""

    user_id: str
    accepted_until: float
    """Unix time from which the token is refused: its `exp` plus LEEWAY."""


class TokenVerifier:
    """Checks access tokens and remembers the good ones until they expire."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.time,
        cache_size: int = 10_000,
    ) -> None:
        if cache_size < 0:
            raise ValueError("cache_size must not be negative")
        self._clock = clock
        self._cache_size = cache_size
        # SHA-256 of the token -> (user id, moment after which it is no longer accepted).
        # The digest, not the token, so an entry is ~200 bytes whatever the token's length.
        self._cache: OrderedDict[bytes, tuple[str, float]] = OrderedDict()
        self._audience = _audience(settings)
        if settings.auth_mode is AuthMode.DEV:
            self._key = _dev_key(settings)
        else:
            self._key = _privy_key(settings)

    def verify(self, token: str) -> str:
        """The user id (the `sub` claim) of an acceptable token; raises AuthError otherwise."""
        return self.identify(token).user_id

    def identify(self, token: str) -> Identity:
        """Who an acceptable token speaks for, and until when; raises AuthError otherwise."""
        if not token:
            raise AuthError("missing token")
        if len(token) > MAX_TOKEN_LENGTH:
            raise AuthError("malformed token")
        key = hashlib.sha256(token.encode()).digest()
        cached = self._cached(key)
        if cached is not None:
            return cached
        claims = self._decode(token)
        user_id, expires_at = _check_claims(claims, now=self._clock())
        self._remember(key, user_id=user_id, expires_at=expires_at)
        return Identity(user_id, accepted_until=expires_at)

    def remaining(self, identity: Identity) -> float:
        """Seconds until the identity's token is no longer accepted (0 or less: it is not)."""
        return identity.accepted_until - self._clock()

    def _cached(self, key: bytes) -> Identity | None:
        entry = self._cache.get(key)
        if entry is None:
            return None
        user_id, expires_at = entry
        if self._clock() >= expires_at:
            del self._cache[key]
            raise AuthError("token expired")
        self._cache.move_to_end(key)
        return Identity(user_id, accepted_until=expires_at)

    def _remember(self, key: bytes, *, user_id: str, expires_at: float) -> None:
        if self._cache_size == 0:
            return
        self._cache[key] = (user_id, expires_at)
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _decode(self, token: str) -> dict[str, Any]:
        try:
            return jwt.decode(
                token,
                key=self._key,
                # The key is bound to one algorithm; the list must never come from the token.
                algorithms=[self._key.algorithm_name],
                audience=self._audience,
                issuer=ISSUER,
                options={
                    "require": list(REQUIRED_CLAIMS),
                    # PyJWT reads the wall clock itself; times are checked against our clock.
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                    "strict_aud": True,
                },
            )
        except jwt.MissingRequiredClaimError as exc:
            raise AuthError(f"missing claim: {exc.claim}") from None
        except jwt.PyJWTError as exc:
            raise AuthError(_reason(exc)) from None


VERIFIER = web.AppKey("verifier", TokenVerifier)
"""The app's TokenVerifier (the auth middleware's; event streams read token expiry from it)."""


def mint_dev_token(
    settings: Settings, user_id: str, *, expires_in: int = 3600, now: float | None = None
) -> str:
    """An HS256 token for user_id signed with the dev secret (dev mode only)."""
    if settings.auth_mode is not AuthMode.DEV:
        raise AuthError("dev tokens can only be minted in dev mode")
    if not user_id:
        raise ValueError("user_id must not be empty")
    if expires_in <= 0:
        raise ValueError("expires_in must be positive")
    issued_at = int(time.time() if now is None else now)
    claims = {
        "iss": ISSUER,
        "aud": _audience(settings),
        "sub": user_id,
        "iat": issued_at,
        "exp": issued_at + expires_in,
    }
    return jwt.encode(claims, _dev_key(settings), algorithm="HS256")


def load_verification_key(settings: Settings) -> str:
    """The Privy verification key as PEM text, checked to be an EC P-256 public key."""
    pem = _read_pem(settings)
    _parse_public_key(pem, source=_key_source(settings))
    return pem


def _audience(settings: Settings) -> str:
    return settings.privy_app_id or DEV_AUDIENCE


def _dev_key(settings: Settings) -> jwt.PyJWK:
    secret = base64url_encode(settings.dev_secret.encode()).decode()
    return jwt.PyJWK({"kty": "oct", "k": secret}, algorithm="HS256")


def _privy_key(settings: Settings) -> jwt.PyJWK:
    public_key = _parse_public_key(_read_pem(settings), source=_key_source(settings))
    return jwt.PyJWK(ECAlgorithm.to_jwk(public_key, as_dict=True), algorithm="ES256")


def _key_source(settings: Settings) -> str:
    if settings.privy_verification_key:
        return "REMO_PRIVY_VERIFICATION_KEY"
    return f"REMO_PRIVY_VERIFICATION_KEY_FILE ({settings.privy_verification_key_file})"


def _read_pem(settings: Settings) -> str:
    if settings.privy_verification_key:
        # .env files and dashboards often carry the PEM on one line with literal "\n".
        return settings.privy_verification_key.replace("\\n", "\n").strip()
    path = settings.privy_verification_key_file
    if path is None:
        raise SettingsError("REMO_PRIVY_VERIFICATION_KEY or _FILE is required in privy mode")
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise SettingsError(
            f"REMO_PRIVY_VERIFICATION_KEY_FILE: cannot read {path}: {reason}"
        ) from None


def _parse_public_key(pem: str, *, source: str) -> ec.EllipticCurvePublicKey:
    try:
        key = load_pem_public_key(pem.encode())
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise SettingsError(f"{source}: not a PEM EC P-256 public key")
    return key


def _check_claims(claims: dict[str, Any], *, now: float) -> tuple[str, float]:
    """The user id and the moment the token stops being accepted; raises AuthError."""
    exp = _numeric_date(claims, "exp")
    if exp is None:
        raise AuthError("missing claim: exp")
    if exp + LEEWAY <= now:
        raise AuthError("token expired")
    for name in ("iat", "nbf"):
        moment = _numeric_date(claims, name)
        if moment is not None and moment > now + LEEWAY:
            raise AuthError("token not yet valid")
    sub = claims.get("sub")
    # A user id is a DynamoDB partition key: keep it well inside the 2 KiB key limit.
    if not isinstance(sub, str) or not sub or len(sub) > MAX_SUBJECT_LENGTH:
        raise AuthError("invalid subject")
    # It becomes a path segment, a partition key and a log field: no control character
    # (a dev token for "did:privy:x\n" stored data under that id) and no lone surrogate.
    if _UNSAFE_SUBJECT.search(sub) is not None:
        raise AuthError("invalid subject")
    return sub, exp + LEEWAY


def _numeric_date(claims: dict[str, Any], name: str) -> float | None:
    """A time claim as a number; PyJWT would take "123" strings and json.loads infinity/NaN."""
    if name not in claims:
        return None
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AuthError(f"invalid claim: {name}")
    try:
        moment = float(value)
    except OverflowError:
        raise AuthError(f"invalid claim: {name}") from None
    if not math.isfinite(moment):
        raise AuthError(f"invalid claim: {name}")
    return moment


def _reason(exc: jwt.PyJWTError) -> str:
    for kind, reason in _REASONS:
        if isinstance(exc, kind):
            return reason
    return "invalid token"
