"""VAPID (RFC 8292): the server's P-256 key, and the Authorization header of each push.

The JWT is signed ES256 with PyJWT (already the service's JWT library); its claims are
`aud` (the endpoint's origin), `exp` (12 hours ahead; RFC 8292 section 2 allows at most
24) and `sub` (a `mailto:` or `https:` contact for the push service's operator).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from yarl import URL

from remo_async.push.models import b64url
from remo_async.settings import Settings, SettingsError

TOKEN_LIFETIME = dt.timedelta(hours=12)
KEY_FILE = "vapid-private.pem"
DEV_SUBJECT = "mailto:remo-dev@example.com"
"""The subject `serve --embedded` uses when REMO_VAPID_SUBJECT is not set."""


@dataclass(frozen=True)
class VapidKey:
    """The application server's key pair and contact (RFC 8292 sections 2 and 3)."""

    private_key: ec.EllipticCurvePrivateKey
    subject: str

    @classmethod
    def from_pem(cls, pem: bytes, *, subject: str) -> VapidKey:
        """The key in a PEM (PKCS#8 or SEC1); ValueError unless it is a P-256 private key."""
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"not a PEM private key without a password ({exc})") from None
        if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
            raise ValueError("the VAPID key must be an EC P-256 (prime256v1) private key")
        return cls(private_key=key, subject=subject)

    @property
    def public_key(self) -> str:
        """The public key, uncompressed point in base64url: the applicationServerKey."""
        raw = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(raw)

    def authorization(self, endpoint: str, *, now: dt.datetime) -> str:
        """The `Authorization: vapid t=<JWT>,k=<public key>` value for a push to endpoint."""
        claims = {
            "aud": audience(endpoint),
            "exp": int((now + TOKEN_LIFETIME).timestamp()),
            "sub": self.subject,
        }
        token = jwt.encode(claims, self.private_key, algorithm="ES256")
        return f"vapid t={token},k={self.public_key}"


def audience(endpoint: str) -> str:
    """The origin of an endpoint (RFC 6454): scheme, host and any non-default port."""
    return str(URL(endpoint).origin())


def new_private_pem() -> bytes:
    """A fresh P-256 private key as PKCS#8 PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_vapid(settings: Settings) -> VapidKey | None:
    """The configured key, or None when push is not configured (neither key nor subject).

    Raises SettingsError for half a configuration or a key that cannot be read.
    """
    has_key = bool(settings.vapid_private_key or settings.vapid_private_key_file)
    if not has_key and not settings.vapid_subject:
        return None
    if not has_key or not settings.vapid_subject:
        raise SettingsError(
            "Web Push needs both REMO_VAPID_PRIVATE_KEY (or REMO_VAPID_PRIVATE_KEY_FILE) and "
            "REMO_VAPID_SUBJECT (mailto: or https:)"
        )
    if settings.vapid_private_key:
        pem, where = settings.vapid_private_key.encode(), "REMO_VAPID_PRIVATE_KEY"
    else:
        path = settings.vapid_private_key_file
        assert path is not None  # has_key
        where = f"REMO_VAPID_PRIVATE_KEY_FILE ({path})"
        try:
            pem = path.read_bytes()
        except OSError as exc:
            raise SettingsError(f"{where}: cannot read it: {exc.strerror or exc}") from None
    try:
        return VapidKey.from_pem(pem, subject=settings.vapid_subject)
    except ValueError as exc:
        raise SettingsError(f"{where}: {exc}") from None


def kept_key_file(data_dir: Path) -> Path:
    """The VAPID key `serve --embedded` keeps under data_dir, made once (mode 0600)."""
    path = data_dir / KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_bytes(new_private_pem())
    return path
