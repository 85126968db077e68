"""The fuzz tests' server (a real `remo-async serve` on DynamoDB Local), seed and counts."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from remo_async.embedded import free_port
from remo_async.settings import Settings
from remo_async.store import Store
from tests.conftest import make_settings, migrate
from tests.faults.conftest import ServerProcess, server_env

DEFAULT_EXAMPLES = 25
"""Examples per route in `make test`; REMO_FUZZ_EXAMPLES raises it (e.g. 1000) locally."""


@dataclass
class Tally:
    """What the fuzz tests sent, for the terminal summary."""

    seed: int | str = 0
    requests: int = 0
    routes: set[str] = field(default_factory=set)
    statuses: dict[int, int] = field(default_factory=dict)

    def count(self, route: str, status: int) -> None:
        self.requests += 1
        self.routes.add(route)
        self.statuses[status] = self.statuses.get(status, 0) + 1


TALLY = Tally()


def examples_per_route() -> int:
    return int(os.environ.get("REMO_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))


def pytest_configure(config: pytest.Config) -> None:
    # hypothesis' own --hypothesis-seed=N explores; without it the seed is 0, as in CI.
    given = config.getoption("hypothesis_seed", None)
    if given is not None:
        TALLY.seed = int(given) if str(given).lstrip("-").isdigit() else str(given)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not TALLY.requests:
        return
    statuses = ", ".join(f"{s}: {n}" for s, n in sorted(TALLY.statuses.items()))
    terminalreporter.write_line(
        f"fuzz: {TALLY.requests} generated requests over {len(TALLY.routes)} routes, "
        f"seed {TALLY.seed} (up to {examples_per_route()} examples per route; "
        f"REMO_FUZZ_EXAMPLES=N for more, --hypothesis-seed=N for others); statuses {statuses}"
    )


@dataclass
class FuzzServer:
    """A running server, its environment (for the CLI) and its log."""

    process: ServerProcess
    env: dict[str, str]
    settings: Settings
    log_offset: int = 0

    @property
    def port(self) -> int:
        return self.process.port

    def new_log_records(self) -> list[dict[str, Any]]:
        """The server's log lines since the last call."""
        text = self.process.log_text()
        fresh, self.log_offset = text[self.log_offset :], len(text)
        records = []
        for line in fresh.splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                records.append({"raw": line})
        return records


async def _migrate(settings: Settings) -> None:
    async with Store.open(settings) as store:
        await migrate(store)


@pytest.fixture(scope="session")
def fuzz_server(
    dynamodb_local_endpoint: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FuzzServer]:
    """`remo-async serve` with dev auth on fresh, migrated tables; no dispatcher.

    The dispatcher is off so that nothing but the fuzzed requests changes a user's data
    (a reminder due now would fire between two snapshots of GET /data).
    """
    settings = make_settings(dynamodb_local_endpoint)
    asyncio.run(_migrate(settings))
    env = server_env(settings, port=free_port(), REMO_DISPATCH_ENABLED="false")
    # A loop of its own, run only to start and stop the child: the tests are synchronous.
    loop = asyncio.new_event_loop()
    server = ServerProcess(env, log=tmp_path_factory.mktemp("fuzz") / "server.log")
    try:
        loop.run_until_complete(server.start())
        yield FuzzServer(process=server, env=env, settings=settings)
    finally:
        loop.run_until_complete(server.kill())
        loop.close()
