"""`python -m remo_async.embedded install | run`: fetch DynamoDB Local, or run it."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from remo_async.embedded.install import EmbeddedError, ensure_installed, say
from remo_async.embedded.servers import DynamoDBLocal


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line of `python -m remo_async.embedded`."""
    parser = argparse.ArgumentParser(prog="python -m remo_async.embedded", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install", help="download DynamoDB Local into the cache")
    run = commands.add_parser("run", help="run DynamoDB Local in the foreground until Ctrl-C")
    run.add_argument("--port", type=int)
    storage = run.add_mutually_exclusive_group()
    storage.add_argument("--db-path", type=Path, help="keep data in this folder")
    storage.add_argument("--in-memory", action="store_true", help="keep data in memory (default)")
    return parser.parse_args(argv)


def _run_foreground(*, port: int | None, db_path: Path | None) -> int:
    """Run DynamoDB Local until Ctrl-C or SIGTERM; return the exit status."""
    # SIGTERM becomes an exception so the with-block stops the JVM on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with DynamoDBLocal(port=port, db_path=db_path) as db:
        print(db.endpoint, flush=True)
        say(f"DynamoDB Local is up on {db.endpoint} (pid {db.pid}); Ctrl-C stops it")
        code = db.wait()
    say(f"DynamoDB Local exited by itself with code {code}")
    return 1


def main(argv: list[str] | None = None) -> int:
    """Run `install` or `run`; return the process exit status."""
    args = _parse(argv)
    try:
        if args.command == "install":
            print(ensure_installed())
            return 0
        return _run_foreground(port=args.port, db_path=args.db_path)
    except EmbeddedError as error:
        say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
