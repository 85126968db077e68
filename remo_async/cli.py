"""The command line: remo-async serve | migrate | token | export | import | doctor | vapid-key."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import structlog
from aiohttp import web

from remo_async.api.auth import AuthError, mint_dev_token
from remo_async.api.protocol import AppRunner, close_idle_connections
from remo_async.app import create_app, drain
from remo_async.cli_data import add_commands, doctor_command, export_command, import_command
from remo_async.embedded import (
    DynamoDBLocal,
    EmbeddedError,
    MotoServer,
    java_command,
    moto_installed,
)
from remo_async.embedded.servers import port_is_free
from remo_async.embedded.workspace import (
    DATA_DIR,
    embedded_overrides,
    published_endpoint,
    single_run,
)
from remo_async.logs import configure_logging
from remo_async.push.commands import vapid_key_command
from remo_async.settings import AuthMode, Settings, SettingsError, load_settings
from remo_async.store import Store, StoreError
from remo_async.store.migrate import Migrator, default_migrations_dir, load_migrations
from remo_async.userdata import UserDataError

log = structlog.get_logger("remo_async.cli")

SHUTDOWN_TIMEOUT = 15.0
"""Seconds requests in flight get to finish after SIGTERM."""
LINGER = 2.0
"""Then, seconds a request that came in at the last moment gets before it is cancelled; and
seconds an idle keep-alive connection, closed with a FIN, waits for its client to close."""


class CommandError(Exception):
    """A command failed; the message is one line for a person."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="remo-async", description="The Remo backend.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the HTTP API and the dispatcher")
    serve.add_argument(
        "--embedded",
        action="store_true",
        help="start a local DynamoDB (data under .remo/), migrate, and serve with dev auth",
    )
    serve.add_argument("--host", help="address to listen on (REMO_HOST)")
    serve.add_argument("--port", type=int, help="port to listen on (REMO_PORT)")
    migrate = commands.add_parser("migrate", help="apply pending migrations")
    migrate.add_argument("--status", action="store_true", help="list migrations and exit")
    token = commands.add_parser("token", help="print a dev-mode access token for USER_ID")
    token.add_argument("user_id", metavar="USER_ID", help="e.g. did:privy:alice")
    token.add_argument("--expires-in", type=int, default=3600, metavar="SECONDS")
    commands.add_parser(
        "vapid-key",
        help="print a new VAPID private key (PEM, stdout) and its public key (stderr)",
    )
    add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs one command; failures print one line and exit non-zero."""
    args = _parser().parse_args(argv)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "serve": _serve,
        "migrate": _migrate,
        "token": _token,
        "export": export_command,
        "import": import_command,
        "doctor": doctor_command,
        "vapid-key": vapid_key_command,
    }
    try:
        return handlers[args.command](args)
    except (
        SettingsError,
        CommandError,
        EmbeddedError,
        StoreError,
        AuthError,
        UserDataError,
    ) as exc:
        print(f"remo-async {args.command}: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, SettingsError) else 1
    except KeyboardInterrupt:
        return 130


async def run_migrations(settings: Settings, *, status_only: bool = False) -> None:
    """Applies pending migrations (or prints their status) against settings' DynamoDB."""
    migrations = load_migrations(default_migrations_dir(settings))
    async with Store.open(settings) as store:
        migrator = Migrator(store.dynamo, settings=settings, migrations=migrations)
        if status_only:
            for migration, applied in await migrator.status():
                state = f"applied {applied}" if applied else "pending"
                print(f"{migration.version:04d} {migration.name}: {state}")
            return
        applied_now = await migrator.apply()
        if applied_now:
            print(f"applied {len(applied_now)} migration(s); tables are ACTIVE")


def _migrate(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings)
    asyncio.run(run_migrations(settings, status_only=args.status))
    return 0


def _token(args: argparse.Namespace) -> int:
    secret = os.environ.get("REMO_DEV_SECRET")
    if not secret:
        kept = DATA_DIR / "dev-secret"
        if not kept.exists():
            raise CommandError(
                "no dev secret: set REMO_DEV_SECRET, or run this where `make run` keeps .remo/"
            )
        secret = kept.read_text().strip()
    settings = load_settings(auth_mode=AuthMode.DEV, dev_secret=secret)
    if args.expires_in <= 0:
        raise CommandError("--expires-in must be a positive number of seconds")
    print(mint_dev_token(settings, args.user_id, expires_in=args.expires_in))
    return 0


def _serve(args: argparse.Namespace) -> int:
    overrides: dict[str, Any] = {}
    if args.host:
        overrides["host"] = args.host
    if args.port is not None:
        overrides["port"] = args.port
    if not args.embedded:
        settings = load_settings(**overrides)
        configure_logging(settings)
        _warn_if_exposed(settings)
        _run(settings)
        return 0
    # Before DynamoDB Local starts: a second make run, or a taken port, is one line.
    planned = load_settings(**overrides, **embedded_overrides("http://127.0.0.1:1"))
    address = console_address(planned)
    with single_run(address):
        if not port_is_free(planned.port):
            raise CommandError(
                f"port {planned.port} is in use; choose another: make run REMO_PORT=8090 "
                "(or remo-async serve --embedded --port 8090)"
            )
        with _embedded_dynamodb() as endpoint:
            settings = load_settings(**overrides, **embedded_overrides(endpoint))
            configure_logging(settings)
            asyncio.run(run_migrations(settings))
            _warn_if_exposed(settings)
            memory = " DATA LIVES IN MEMORY ONLY (no Java)." if java_command() is None else ""
            print(
                f"remo-async: open the web console at {address} (dev sign-in: any user id; "
                f"API reference: {address}docs).{memory} Ctrl-C stops it."
            )
            _run(settings)
    return 0


def console_address(settings: Settings) -> str:
    """The URL a person opens: the listen address, with a wildcard host read as loopback."""
    host = settings.host if settings.host not in ("", "0.0.0.0", "::") else "127.0.0.1"
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{settings.port}/"


def dev_exposure(settings: Settings) -> str | None:
    """The warning for dev authentication on an address beyond loopback; None otherwise."""
    if settings.auth_mode is not AuthMode.DEV:
        return None
    try:
        loopback = settings.host == "localhost" or ipaddress.ip_address(settings.host).is_loopback
    except ValueError:
        loopback = False
    if loopback:
        return None
    return (
        f"remo-async: WARNING: dev authentication on {settings.host or '*'}, beyond loopback: "
        "anyone who can reach this port can get a token for ANY user (POST /dev/token, "
        "or the dev secret) and read or change their data. Use REMO_AUTH_MODE=privy, or "
        "REMO_HOST=127.0.0.1."
    )


def _warn_if_exposed(settings: Settings) -> None:
    warning = dev_exposure(settings)
    if warning is not None:
        print(warning, file=sys.stderr)
        log.warning("dev authentication beyond loopback", host=settings.host)


def _run(settings: Settings) -> None:
    loop_factory = event_loop_factory(settings)
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        runner.run(serve(settings))


def event_loop_factory(settings: Settings) -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop for serve when REMO_UVLOOP is on (the default) and it is installed.

    None means asyncio's own loop. uvloop (libuv) runs the same aiohttp server and
    aiobotocore client with less CPU per request (README, Benchmarks).
    """
    if not settings.uvloop:
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def serve(settings: Settings) -> None:
    """Serves until SIGINT or SIGTERM, then stops gracefully and returns.

    On the signal: the listener closes, the dispatcher starts no new fire, event streams
    end, answers say `Connection: close` (a request on a kept-alive connection is still
    served), and requests in flight get up to SHUTDOWN_TIMEOUT to finish (their bodies still
    being read: aiohttp's own shutdown would stop reading them). Then idle keep-alive
    connections close lingering: a request racing onto one meets a clean close, never a
    reset. Then the cleanup contexts run in reverse: dispatcher, webhooks, store.
    """
    app = create_app(settings)
    runner = AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=LINGER)
    await runner.setup()
    assert runner.server is not None  # set up
    try:
        site = web.TCPSite(runner, settings.host, settings.port)
        try:
            await site.start()
        except OSError as exc:
            where = f"{settings.host}:{settings.port}"
            raise CommandError(
                f"cannot listen on {where}: {exc.strerror or exc} (choose another port with "
                "REMO_PORT or --port)"
            ) from None
        loop = type(asyncio.get_running_loop())
        log.info("serving", host=settings.host, port=settings.port, event_loop=loop.__module__)
        await _until_signalled()
        await site.stop()
        left = await drain(app, within=SHUTDOWN_TIMEOUT)
        if left:
            log.warning("requests still in flight at the shutdown timeout; cancelled", count=left)
        await close_idle_connections(runner.server, linger=LINGER)
    finally:
        await runner.cleanup()
    log.info("stopped")


async def _until_signalled() -> None:
    """Returns at the first SIGINT or SIGTERM; later ones are ignored until the process exits."""
    loop = asyncio.get_running_loop()
    signalled = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, signalled.set)
    await signalled.wait()


@contextmanager
def _embedded_dynamodb() -> Iterator[str]:
    if java_command() is None:
        if not moto_installed():
            raise CommandError(
                "no Java found, so DynamoDB Local cannot run, and the in-memory fallback "
                "(moto) is not installed: apt-get install default-jre-headless, or "
                "pip install 'remo-async[embedded]' (make run installs it)"
            )
        print(
            "remo-async: WARNING: no Java found, so DynamoDB Local cannot run. Falling back to "
            "an in-process moto server: DATA LIVES IN MEMORY ONLY and is lost on exit. "
            "Install a Java runtime (apt-get install default-jre-headless) to keep data.",
            file=sys.stderr,
        )
        with MotoServer() as moto:
            yield moto.endpoint
        return
    local = DynamoDBLocal(db_path=(DATA_DIR / "dynamodb").resolve())
    with local, published_endpoint(local.endpoint):
        print(f"remo-async: DynamoDB Local at {local.endpoint}, data in {DATA_DIR}/dynamodb")
        yield local.endpoint
