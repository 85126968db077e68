"""Commands on a user's data and on the deployment: export, import and doctor."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from remo_async.api.schemas import UserData
from remo_async.doctor import Check, diagnose
from remo_async.embedded.workspace import embedded_overrides, running_endpoint
from remo_async.logs import configure_logging
from remo_async.settings import Settings, load_settings
from remo_async.store import Store
from remo_async.store.restore import Restored
from remo_async.userdata import (
    ImportCounts,
    UserDataError,
    export_user,
    import_user,
    parse_user_data,
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds export, import and doctor to the command line."""
    export = commands.add_parser("export", help="print everything of USER_ID as JSON")
    export.add_argument("user_id", metavar="USER_ID", help="e.g. did:privy:alice")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically), not stdout"
    )
    restore = commands.add_parser(
        "import", help="restore a user from an export; running it twice changes nothing"
    )
    restore.add_argument("file", metavar="FILE", help="a file written by export, or - for stdin")
    doctor = commands.add_parser(
        "doctor", help="check settings, DynamoDB, tables, indexes, TTL, and a round trip"
    )
    for command in (export, restore, doctor):
        command.add_argument(
            "--embedded",
            action="store_true",
            help="use the database of the `make run` (serve --embedded) running from this folder",
        )


def command_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Overrides of the environment's settings: those of `make run` with --embedded."""
    if not args.embedded:
        return {}
    return embedded_overrides(running_endpoint())


def export_command(args: argparse.Namespace) -> int:
    """`export USER_ID [-o FILE]`: the JSON of GET /user/{user_id}/data."""
    if not args.user_id.strip():
        raise UserDataError("USER_ID is empty")
    settings = load_settings(**command_settings(args))
    configure_logging(settings)
    data = asyncio.run(_export(settings, user_id=args.user_id))
    if data.user is None and not (data.reminders or data.todos or data.conversation):
        # Most often a mistyped id: say so rather than hand back an empty backup in silence.
        print(f"remo-async export: note: nothing is stored for {args.user_id}", file=sys.stderr)
    if args.output is None:
        print(data.model_dump_json())
        return 0
    write_atomically(args.output, data.model_dump_json() + "\n")
    print(
        f"wrote {args.output}: {len(data.reminders)} reminders, {len(data.todos)} todos, "
        f"{len(data.conversation)} messages"
    )
    return 0


async def _export(settings: Settings, *, user_id: str) -> UserData:
    async with Store.open(settings) as store:
        return await export_user(store, user_id=user_id)


def write_atomically(path: Path, text: str) -> None:
    """Writes text to path through a temporary file beside it and a rename."""
    try:
        # mkstemp makes the file readable by its owner only, as befits a user's data.
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserDataError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def import_command(args: argparse.Namespace) -> int:
    """`import FILE`: restores what export wrote; items already there are kept as they are."""
    settings = load_settings(**command_settings(args))
    configure_logging(settings)
    data = parse_user_data(_read(args.file))
    counts = asyncio.run(_import(settings, data=data))
    print(f"imported {data.user_id} into the tables {settings.table_prefix}*")
    for kind, counted in counts.items():
        print(f"  {kind}: {_counts_line(counted)}")
    return 0


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UserDataError(f"cannot read {name}: {reason}") from None


async def _import(settings: Settings, *, data: UserData) -> ImportCounts:
    async with Store.open(settings) as store:
        return await import_user(store, data=data)


def _counts_line(counted: Counter[Restored]) -> str:
    line = f"{counted[Restored.RESTORED]} restored, {counted[Restored.PRESENT]} already present"
    if counted[Restored.EXPIRED]:
        line += f", {counted[Restored.EXPIRED]} past retention (not restored)"
    return line


def doctor_command(args: argparse.Namespace) -> int:
    """`doctor`: one line per check; 0 when every check is ok, else 1."""
    checks = asyncio.run(diagnose(say=_say, overrides=command_settings(args)))
    failed = sum(check.status != "ok" for check in checks)
    if failed:
        print(f"doctor: {failed} of {len(checks)} checks did not pass")
        return 1
    print(f"doctor: all {len(checks)} checks ok")
    return 0


def _say(check: Check) -> None:
    print(check.line(), flush=True)
