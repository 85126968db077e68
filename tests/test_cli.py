"""The command line: one-line failures, migrate, and `serve --embedded` end to end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from remo_async.cli import main
from remo_async.embedded import free_port
from remo_async.store.migrate import default_migrations_dir, load_migrations
from tests.conftest import make_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("REMO_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env file is read


def test_invalid_settings_fail_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("remo-async serve: invalid settings: ")
    assert "REMO_PRIVY_APP_ID" in err
    assert "Traceback" not in err


def test_bad_value_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REMO_AUTH_MODE", "dev")
    monkeypatch.setenv("REMO_DEV_SECRET", "0123456789abcdef0123456789abcdef")
    monkeypatch.setenv("REMO_DISPATCH_SHARDS", "zero")
    assert main(["migrate"]) == 2
    assert "REMO_DISPATCH_SHARDS" in capsys.readouterr().err


def test_migrate_then_status(
    endpoint: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(endpoint)
    monkeypatch.setenv("REMO_DYNAMODB_ENDPOINT", endpoint)
    monkeypatch.setenv("REMO_TABLE_PREFIX", settings.table_prefix)
    monkeypatch.setenv("REMO_AUTH_MODE", "dev")
    monkeypatch.setenv("REMO_DEV_SECRET", "0123456789abcdef0123456789abcdef")
    assert main(["migrate", "--status"]) == 0
    assert "0001 0001_initial: pending" in capsys.readouterr().out
    assert main(["migrate"]) == 0
    out = capsys.readouterr().out
    assert f"created table {settings.table_prefix}reminders" in out
    assert f"applied {len(load_migrations(default_migrations_dir(settings)))} migration(s)" in out
    assert main(["migrate"]) == 0
    assert "nothing to apply" in capsys.readouterr().out
    assert main(["migrate", "--status"]) == 0
    assert "0001 0001_initial: applied 20" in capsys.readouterr().out


def test_migrate_reports_an_unreachable_dynamodb(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REMO_DYNAMODB_ENDPOINT", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("REMO_DYNAMODB_MAX_ATTEMPTS", "1")
    monkeypatch.setenv("REMO_AUTH_MODE", "dev")
    monkeypatch.setenv("REMO_DEV_SECRET", "0123456789abcdef0123456789abcdef")
    assert main(["migrate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("remo-async migrate: DynamoDB is unreachable")
    assert err.count("\n") == 1


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_embedded_end_to_end(tmp_path: Path) -> None:
    """make run's command: DynamoDB Local under .remo/, migrated, ready, stopped cleanly."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REMO_", "AWS_"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "remo_async", "serve", "--embedded", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if _get(f"http://127.0.0.1:{port}/readyz") == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, process.communicate()[0]
            time.sleep(0.2)
        else:
            pytest.fail("serve --embedded did not become ready in 90 s")
        assert (tmp_path / ".remo" / "dynamodb" / "shared-local-instance.db").exists()
        jvm = subprocess.run(
            ["pgrep", "-f", f"dbPath {tmp_path}"], capture_output=True, text=True, check=False
        )
        assert jvm.stdout.strip(), "DynamoDB Local should run as a child"
        _backup_and_doctor_against_the_running_server(tmp_path, port, env)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
        assert process.returncode == 0, output
        assert not (tmp_path / ".remo" / "endpoint").exists()
        assert "created table remo-reminders" in output
        assert f"open the web console at http://127.0.0.1:{port}/ " in output
        assert "Traceback" not in output
        time.sleep(0.5)
        after = subprocess.run(
            ["pgrep", "-f", f"dbPath {tmp_path}"], capture_output=True, text=True, check=False
        )
        assert after.stdout.strip() == "", "no orphan DynamoDB Local"
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _cli(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "remo_async", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _backup_and_doctor_against_the_running_server(
    cwd: Path, port: int, env: dict[str, str]
) -> None:
    """doctor, export and import --embedded reach the database of the running make run."""
    doctor = _cli(cwd, env, "doctor", "--embedded")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "checks ok" in doctor.stdout
    token = _cli(cwd, env, "token", "did:privy:alice").stdout.strip()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/user/did:privy:alice/reminders",
        data=json.dumps({"title": "call mum", "reminding_time": "2030-01-01T10:00:00Z"}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201
    export = _cli(cwd, env, "export", "did:privy:alice", "--embedded", "-o", "alice.json")
    assert export.returncode == 0, export.stderr
    saved = json.loads((cwd / "alice.json").read_text())
    assert [r["title"] for r in saved["reminders"]] == ["call mum"]
    first = _cli(cwd, env, "import", "alice.json", "--embedded")
    again = _cli(cwd, env, "import", "alice.json", "--embedded")
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    assert "reminders: 0 restored, 1 already present" in again.stdout


def test_embedded_commands_without_a_running_server_say_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REMO_", "AWS_"))}
    doctor = _cli(tmp_path, env, "doctor", "--embedded")
    assert doctor.returncode == 1
    assert doctor.stderr.startswith("remo-async doctor: no embedded server is running")
    assert doctor.stderr.count("\n") == 1


def test_embedded_falls_back_to_moto_without_java(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from remo_async import cli

    monkeypatch.setattr(cli, "java_command", lambda: None)
    with cli._embedded_dynamodb() as endpoint:
        assert endpoint.startswith("http://127.0.0.1:")
        import boto3

        client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
        assert isinstance(client.list_tables()["TableNames"], list)
    err = capsys.readouterr().err
    assert "DATA LIVES IN MEMORY ONLY" in err
    assert "default-jre-headless" in err


def test_embedded_without_java_nor_moto_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A runtime-only install has no moto: serve --embedded without Java says, in one line,
    what to install, and starts nothing."""
    from remo_async import cli

    monkeypatch.setattr(cli, "java_command", lambda: None)
    monkeypatch.setattr(cli, "moto_installed", lambda: False)
    assert cli.main(["serve", "--embedded"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("remo-async serve: no Java found")
    assert "default-jre-headless" in err
    assert "remo-async[embedded]" in err
