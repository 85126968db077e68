"""The wiring of docker-compose.yml and the Dockerfile (Docker itself does not run in CI)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DB_SERVICE = "dynamodb-local"
DATA_DIR = "/home/dynamodblocal/data"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """docker-compose.yml as data."""
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    """The services of docker-compose.yml."""
    found: dict[str, Any] = compose["services"]
    return found


def instructions(name: str) -> list[str]:
    """Return the Dockerfile's instructions of one kind, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    return [line[len(name) :].strip() for line in lines if line.upper().startswith(name + " ")]


def test_services_are_the_three_expected(services: dict[str, Any]) -> None:
    assert set(services) == {DB_SERVICE, "migrate", "app"}


def test_dynamodb_local_keeps_data_in_a_named_volume(
    compose: dict[str, Any], services: dict[str, Any]
) -> None:
    db = services[DB_SERVICE]
    assert db["image"].split(":")[0] == "amazon/dynamodb-local"
    command = db["command"]
    assert command[:2] == ["-jar", "DynamoDBLocal.jar"]
    assert {"-sharedDb", "-disableTelemetry"} <= set(command)
    assert "-inMemory" not in command
    assert command[command.index("-dbPath") + 1] == DATA_DIR
    assert f"dynamodb-data:{DATA_DIR}" in db["volumes"]
    assert "dynamodb-data" in compose["volumes"]
    assert db["user"] == "root"
    assert "8000:8000" in db["ports"]


def test_dynamodb_local_healthcheck_accepts_any_http_answer(services: dict[str, Any]) -> None:
    test = services[DB_SERVICE]["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL"
    assert "localhost:8000" in test[1]
    # DynamoDB Local answers GET / with 400: a check that fails on HTTP errors never passes.
    assert not re.search(r"curl\b[^|]*\s-(f|-fail)\b", test[1])


@pytest.mark.parametrize("name", ["migrate", "app"])
def test_migrate_and_app_reach_dynamodb_local(services: dict[str, Any], name: str) -> None:
    service = services[name]
    assert service["build"] == "."
    env = service["environment"]
    assert env["REMO_DYNAMODB_ENDPOINT"] == f"http://{DB_SERVICE}:8000"
    assert env["REMO_AWS_REGION"] == "us-east-1"
    assert env["AWS_ACCESS_KEY_ID"]
    assert env["AWS_SECRET_ACCESS_KEY"]
    assert env["REMO_HOST"] == "0.0.0.0"
    assert env["REMO_AUTH_MODE"] == "dev"
    assert env["REMO_DEV_SECRET"].startswith("${REMO_DEV_SECRET:-")
    assert service["depends_on"][DB_SERVICE]["condition"] == "service_healthy"


def test_migrate_runs_once_then_exits(services: dict[str, Any]) -> None:
    migrate = services["migrate"]
    assert migrate["command"] == ["remo-async", "migrate"]
    assert migrate["restart"] == "no"
    assert "ports" not in migrate


def test_app_waits_for_migrate_and_has_a_healthcheck(services: dict[str, Any]) -> None:
    app = services["app"]
    assert app["command"] == ["remo-async", "serve"]
    assert "8080:8080" in app["ports"]
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    test = app["healthcheck"]["test"]
    assert test[:2] == ["CMD", "python"]
    assert "/healthz" in test[-1]
    assert ":8080" in test[-1]


def test_dockerfile_installs_the_package_as_non_root() -> None:
    assert instructions("FROM") == ["python:3.11-slim"]
    assert any(re.search(r"pip install\b.*\s/app$", run) for run in instructions("RUN"))
    env = " ".join(instructions("ENV"))
    assert "REMO_MIGRATIONS_DIR=/app/migrations" in env
    copied = " ".join(instructions("COPY"))
    for needed in ("pyproject.toml", "remo_async", "migrations"):
        assert needed in copied
    users = instructions("USER")
    assert users
    assert users[-1] not in {"root", "0"}
    assert instructions("EXPOSE") == ["8080"]
    assert instructions("CMD") == ['["remo-async", "serve"]']
