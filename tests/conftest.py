"""Backends for every store test: a moto server and DynamoDB Local, each with its own prefix."""

from __future__ import annotations

import logging
import os
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp.web_app
import pytest
from hypothesis import settings as hypothesis_settings

from remo_async.embedded import DynamoDBLocal, EmbeddedError, MotoServer, java_command
from remo_async.settings import AuthMode, Settings
from remo_async.store import Store
from remo_async.store.migrate import Migrator, default_migrations_dir, load_migrations
from tests.helpers import SettableClock

BACKENDS = ("moto", "dynamodb-local")
DEV_SECRET = "test-dev-secret-0123456789abcdef"
_passed: Counter[str] = Counter()
_skipped: list[str] = []
EXAMPLES: Counter[str] = Counter()
"""Examples hypothesis made, by what they tested: shown in the terminal summary."""


def pytest_configure(config: pytest.Config) -> None:
    # botocore signs every request; local servers accept any credentials.
    os.environ["AWS_ACCESS_KEY_ID"] = "testing"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
    os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
    os.environ.pop("AWS_PROFILE", None)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # Generated tests: the same examples every run (CI), unless a run asks for another
    # seed to explore: pytest --hypothesis-seed=N.
    # No per-example deadline: the machines are shared and noisy (a slow example is not a bug;
    # the benchmarks measure speed).
    hypothesis_settings.register_profile(
        "fixed", derandomize=True, database=None, print_blob=True, deadline=None
    )
    hypothesis_settings.register_profile(
        "explore", derandomize=False, print_blob=True, deadline=None
    )
    explore = config.getoption("hypothesis_seed", default=None) is not None
    hypothesis_settings.load_profile("explore" if explore else "fixed")


def release_served_apps() -> None:
    """Lets go of every aiohttp Application that has served a request in this process.

    aiohttp keeps the middleware chain it builds for a route in a module-level LRU cache of
    1,024 entries keyed by (handler, apps), so each app that answered a request stays alive,
    and with it its Store: an aioboto3 client whose botocore session holds its own copy of
    the DynamoDB service model (about 17 MB an app, measured). One app per process (the
    service) costs nothing; the suite makes an app per test, which grew pytest to about
    9 GB by the end of `make test`. Clearing the cache only costs rebuilding a chain.
    """
    aiohttp.web_app._cached_build_middleware.cache_clear()


@pytest.fixture(autouse=True)
def _release_apps_after_each_test() -> Iterator[None]:
    """Every test's apps become garbage once it ends (see release_served_apps)."""
    yield
    release_served_apps()


def _require_dynamodb_local() -> bool:
    return os.environ.get("REMO_TEST_REQUIRE_DYNAMODB_LOCAL") == "1"


@pytest.fixture(scope="session")
def dynamodb_local_endpoint() -> Iterator[str]:
    """An in-memory DynamoDB Local for the whole session, stopped at its end."""
    if java_command() is None and not _require_dynamodb_local():
        pytest.skip("no Java: DynamoDB Local tests skipped (make test requires them)")
    try:
        with DynamoDBLocal(in_memory=True) as local:
            yield local.endpoint
    except EmbeddedError as exc:
        pytest.fail(f"DynamoDB Local could not start: {exc}")


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """moto's threaded server (moto's in-process mock does not intercept aiobotocore)."""
    with MotoServer() as server:
        yield server.endpoint


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the backend the test runs on.

    Races are parametrized to DynamoDB Local only: moto's server does not make a
    condition check and its write atomic across its threads.
    """
    return str(request.param)


@pytest.fixture
def endpoint(backend: str, request: pytest.FixtureRequest) -> str:
    """The endpoint URL of the test's backend."""
    fixture = "moto_endpoint" if backend == "moto" else "dynamodb_local_endpoint"
    return str(request.getfixturevalue(fixture))


def make_settings(endpoint: str, **overrides: Any) -> Settings:
    """Test settings: dev auth, a fresh table prefix, no .env file."""
    values: dict[str, Any] = {
        "dynamodb_endpoint": endpoint,
        "table_prefix": f"t{uuid.uuid4().hex[:10]}-",
        "auth_mode": AuthMode.DEV,
        "dev_secret": DEV_SECRET,
        "dynamodb_max_attempts": 2,
        "rate_limit": 0,
        "dispatch_enabled": False,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(endpoint: str) -> Settings:
    """Settings of one test: its own table prefix on its backend."""
    return make_settings(endpoint)


@pytest.fixture
def clock() -> SettableClock:
    """A clock the test can move."""
    return SettableClock()


async def migrate(store: Store) -> None:
    """Creates the test's tables."""
    migrations = load_migrations(default_migrations_dir(store.settings))
    await Migrator(
        store.dynamo, settings=store.settings, migrations=migrations, say=_quiet, poll_interval=0.05
    ).apply()


def _quiet(_: str) -> None:
    pass


@pytest.fixture
async def store(settings: Settings, clock: SettableClock) -> AsyncIterator[Store]:
    """A migrated Store on the test's backend, reading the test's clock."""
    async with Store.open(settings, clock=clock) as opened:
        await migrate(opened)
        yield opened


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):  # a strict xfail is no skip
        _skipped.append(report.nodeid)
    if report.when == "call" and report.passed:
        for backend in BACKENDS:
            if f"[{backend}" in report.nodeid or f"-{backend}]" in report.nodeid:
                _passed[backend] += 1


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    counts = ", ".join(f"{b}: {_passed[b]} passed" for b in BACKENDS)
    terminalreporter.write_line(f"backend tests: {counts}")
    for what, count in sorted(EXAMPLES.items()):
        terminalreporter.write_line(f"hypothesis examples: {what}: {count}")
    if EXAMPLES:
        seed = config.getoption("hypothesis_seed", default=None)
        terminalreporter.write_line(
            f"hypothesis seed: {seed if seed is not None else 'fixed (derandomized)'}"
            " (explore another with --hypothesis-seed=N)"
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _require_dynamodb_local() and _skipped:
        # make test promises that every test ran, DynamoDB Local's included.
        print(f"\n{len(_skipped)} test(s) skipped, which make test does not allow: {_skipped[:5]}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
