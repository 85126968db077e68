"""`remo-async serve` as deployed: its HTTP limits, and a port it cannot have."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import aiohttp

from remo_async.embedded import free_port
from tests.conftest import make_settings
from tests.faults.conftest import running_server, server_env


async def test_long_request_lines_reach_the_app(
    dynamodb_local_endpoint: str, tmp_path: Path
) -> None:
    """64 KiB request lines and headers, as the app is configured (aiohttp's default is 8 KiB)."""
    env = server_env(make_settings(dynamodb_local_endpoint), port=free_port())
    async with (
        running_server(env, log=tmp_path / "server.log") as server,
        aiohttp.ClientSession() as session,
    ):
        long = "x" * 20_000
        async with session.get(f"{server.base}/healthz?padding={long}") as response:
            assert response.status == 200, await response.text()
        async with session.get(f"{server.base}/nowhere", headers={"X-Padding": long}) as response:
            assert response.status == 404
            assert response.content_type == "application/problem+json"
        server.terminate()
        assert await server.wait_exit(30) == 0
    # aiohttp warned on every connection while serve passed its limits the wrong way.
    server.assert_clean_log()


async def test_a_port_in_use_is_one_line_and_exit_1(
    dynamodb_local_endpoint: str, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = server_env(make_settings(dynamodb_local_endpoint), port=port)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "remo_async",
            "serve",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(process.communicate(), 60)
    lines = err.decode().strip().splitlines()
    assert process.returncode == 1, err.decode()
    assert lines[-1].startswith(f"remo-async serve: cannot listen on 127.0.0.1:{port}: "), lines
    assert "Traceback" not in err.decode()
