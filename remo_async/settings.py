"""Settings, read from REMO_* environment variables and a .env file."""

from __future__ import annotations

import enum
import re
from pathlib import Path
from typing import Self

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_ORIGIN = re.compile(r"^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$")
"""An origin as a browser sends it (RFC 6454): scheme, host, optional port."""


class AuthMode(enum.StrEnum):
    PRIVY = "privy"
    DEV = "dev"


class AssistantKind(enum.StrEnum):
    BUILTIN = "builtin"
    LLM = "llm"


class LogFormat(enum.StrEnum):
    AUTO = "auto"
    JSON = "json"
    CONSOLE = "console"


class SettingsError(Exception):
    """A setting is missing or invalid; the message is one line for a person."""


class Settings(BaseSettings):
    """Every knob of the service; validated once at startup."""

    model_config = SettingsConfigDict(
        env_prefix="REMO_", env_file=".env", extra="ignore", frozen=True
    )

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    # serve's event loop: uvloop when installed (the `fast` extra), else asyncio's own.
    uvloop: bool = True

    dynamodb_endpoint: str | None = None
    aws_region: str = "us-east-1"
    table_prefix: str = Field(default="remo-", pattern=r"^[A-Za-z0-9_.-]{0,200}$")
    # Sized for the concurrency one process serves; aiobotocore's default is 10.
    dynamodb_max_connections: int = Field(default=64, ge=1, le=1024)
    dynamodb_max_attempts: int = Field(default=4, ge=1, le=20)
    dynamodb_connect_timeout: float = Field(default=2.0, gt=0)
    dynamodb_read_timeout: float = Field(default=5.0, gt=0)
    migrations_dir: Path | None = None

    auth_mode: AuthMode = AuthMode.PRIVY
    privy_app_id: str = ""
    privy_verification_key: str = ""
    privy_verification_key_file: Path | None = None
    dev_secret: str = ""
    cursor_secret: str = ""

    dispatch_enabled: bool = True
    dispatch_interval: float = Field(default=1.0, gt=0, le=3600)
    dispatch_shards: int = Field(default=8, ge=1, le=1000)

    retention_days: int = Field(default=365, ge=1)
    # Limits per user: pending reminders and open (pending) todos, counted exactly.
    max_pending_reminders: int = Field(default=5000, ge=1)
    max_todos: int = Field(default=10000, ge=1)
    max_push_subscriptions: int = Field(default=20, ge=1)
    """Web Push subscriptions per user; one more is a 409 quota-exceeded."""
    conversation_ttl_days: int = Field(default=30, ge=1)
    rate_limit: float = Field(default=20.0, ge=0)
    webhook_allow_insecure: bool = False
    webhook_timeout: float = Field(default=10.0, gt=0, le=60)
    webhook_attempts: int = Field(default=5, ge=1, le=20)
    # The first retry's delay; each next one doubles, within a one-minute window.
    webhook_backoff: float = Field(default=1.0, ge=0, le=60)

    # The service's address as clients see it (absolute calendar feed URLs); else the
    # request's scheme and Host. Web Push (RFC 8292 VAPID) is off without a key and subject.
    public_url: str = Field(default="", pattern=r"^(https?://[^\s/?#]+(/[^\s?#]*)?)?$")
    vapid_private_key: str = ""
    vapid_private_key_file: Path | None = None
    vapid_subject: str = Field(default="", pattern=r"^((mailto:|https://)\S+)?$")
    webpush_ttl: int = Field(default=86400, ge=0, le=2419200)

    events_enabled: bool = True
    events_keepalive: float = Field(default=15.0, gt=0, le=3600)
    max_event_streams: int = Field(default=10, ge=1)
    """Open event streams per user and replica; one more is a 429."""
    stream_poll_interval: float = Field(default=1.0, gt=0, le=60)

    assistant: AssistantKind = AssistantKind.BUILTIN
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = Field(default=20.0, gt=0, le=300)
    llm_max_tool_rounds: int = Field(default=4, ge=1, le=20)

    log_format: LogFormat = LogFormat.AUTO
    log_level: str = "INFO"
    # Browser origins allowed to call the API (CORS), comma-separated; none by default.
    cors_origins: str = ""

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in filter(None, (o.strip() for o in value.split(","))):
            if not _ORIGIN.match(origin):
                raise ValueError(
                    f"{origin!r} is not an origin such as https://app.example.com "
                    "(scheme, host and optional port; no path, no trailing slash)"
                )
        return value

    @property
    def cors_origin_set(self) -> frozenset[str]:
        """The origins of REMO_CORS_ORIGINS (compared case-insensitively, as browsers send them)."""
        return frozenset(o.strip().lower() for o in self.cors_origins.split(",") if o.strip())

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @model_validator(mode="after")
    def _llm_is_configured(self) -> Self:
        if self.assistant is AssistantKind.LLM and not (self.llm_base_url and self.llm_model):
            raise ValueError(
                "REMO_LLM_BASE_URL and REMO_LLM_MODEL are required when REMO_ASSISTANT=llm"
            )
        return self

    @model_validator(mode="after")
    def _auth_is_configured(self) -> Self:
        if self.auth_mode is AuthMode.PRIVY:
            if not self.privy_app_id:
                raise ValueError("REMO_PRIVY_APP_ID is required when REMO_AUTH_MODE=privy")
            if not (self.privy_verification_key or self.privy_verification_key_file):
                raise ValueError(
                    "REMO_PRIVY_VERIFICATION_KEY or REMO_PRIVY_VERIFICATION_KEY_FILE is "
                    "required when REMO_AUTH_MODE=privy"
                )
            if len(self.cursor_secret) < 16:
                raise ValueError(
                    "REMO_CURSOR_SECRET (16+ characters, the same on every replica) is "
                    "required when REMO_AUTH_MODE=privy"
                )
        elif len(self.dev_secret) < 32:
            # HS256 keys shorter than the hash output are weak (PyJWT warns about them too).
            raise ValueError("REMO_DEV_SECRET must be at least 32 characters in dev mode")
        return self

    def table_name(self, name: str) -> str:
        """The physical name of one of our tables."""
        return f"{self.table_prefix}{name}"

    @property
    def effective_cursor_secret(self) -> bytes:
        """The key that signs list cursors (the dev secret stands in during development)."""
        return (self.cursor_secret or f"cursor:{self.dev_secret}").encode()


def load_settings(**overrides: object) -> Settings:
    """Builds Settings from the environment, turning errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(_one_line(exc)) from None


def _one_line(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        problems.append(f"REMO_{where.upper()}: {message}" if where else message)
    return "invalid settings: " + "; ".join(problems)
