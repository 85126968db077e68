"""`make run` for a newcomer: a taken port or a second run is one line; dev mode beyond
loopback warns; the no-Java fallback stays quiet; the console's address is printed."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from remo_async.cli import console_address, dev_exposure
from remo_async.embedded import EmbeddedError, MotoServer
from remo_async.embedded.workspace import single_run
from remo_async.settings import AuthMode
from tests.conftest import make_settings


def _serve_embedded(cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REMO_")}
    return subprocess.run(
        [sys.executable, "-m", "remo_async", "serve", "--embedded"],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_taken_port_is_one_line_saying_how_to_choose_another(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _serve_embedded(tmp_path, REMO_PORT=str(port))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"remo-async serve: port {port} is in use; ")
    assert "make run REMO_PORT=8090" in done.stderr
    # Nothing was started or published: no endpoint file for export/doctor to follow.
    assert not (tmp_path / ".remo" / "endpoint").exists()


def test_a_second_run_in_the_same_folder_is_refused_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".remo").mkdir()
    (tmp_path / ".remo" / "endpoint").write_text("http://127.0.0.1:1234\n")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        with single_run("http://127.0.0.1:8080/"):
            done = _serve_embedded(tmp_path, REMO_PORT="0")
            with pytest.raises(EmbeddedError, match="already running"), single_run("x"):
                pass
    finally:
        os.chdir(here)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "`make run` is already running from this folder" in done.stderr
    assert f"pid {os.getpid()}, http://127.0.0.1:8080/" in done.stderr
    # The first run's endpoint file is left as it was.
    assert (tmp_path / ".remo" / "endpoint").read_text() == "http://127.0.0.1:1234\n"
    with single_run("free again", data_dir=tmp_path / ".remo"):  # released on exit
        pass


@pytest.mark.parametrize(
    ("host", "warns"),
    [
        ("127.0.0.1", False),
        ("localhost", False),
        ("::1", False),
        ("0.0.0.0", True),
        ("", True),
        ("192.168.1.5", True),
        ("remo.example.com", True),
    ],
)
def test_dev_mode_beyond_loopback_warns(host: str, warns: bool) -> None:
    settings = make_settings("http://unused", host=host)
    warning = dev_exposure(settings)
    assert (warning is not None) == warns
    if warning:
        assert "WARNING" in warning
        assert "/dev/token" in warning
    privy = make_settings(
        "http://unused",
        host=host,
        auth_mode=AuthMode.PRIVY,
        privy_app_id="app",
        privy_verification_key="pem",
        cursor_secret="c" * 16,
    )
    assert dev_exposure(privy) is None


def test_the_console_address_is_one_a_browser_opens() -> None:
    assert console_address(make_settings("http://x", host="0.0.0.0", port=8090)) == (
        "http://127.0.0.1:8090/"
    )
    assert console_address(make_settings("http://x", host="::1", port=80)) == "http://[::1]:80/"


def test_the_moto_fallback_does_not_log_each_call() -> None:
    logger = logging.getLogger("werkzeug")
    logger.setLevel(logging.NOTSET)
    with MotoServer():
        assert not logger.isEnabledFor(logging.INFO)
