"""The folder `make run` keeps its state in (.remo/): data, dev secret, VAPID key, endpoint.

`serve --embedded` writes the endpoint of its DynamoDB Local to .remo/endpoint while it
runs, so `export`, `import` and `doctor --embedded` (another process, same folder) reach
the same database with the same dev settings.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from remo_async.embedded.install import EmbeddedError
from remo_async.push.vapid import DEV_SUBJECT, kept_key_file

DATA_DIR = Path(".remo")
ENDPOINT_FILE = "endpoint"
LOCK_FILE = "run.lock"


def dev_secret(data_dir: Path = DATA_DIR) -> str:
    """The embedded server's dev secret, made once and kept under data_dir."""
    path = data_dir / "dev-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def embedded_overrides(endpoint: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Settings that point at the embedded DynamoDB Local, with the dev authentication."""
    # The local database accepts any credentials, but botocore will not sign without some.
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    return {
        "dynamodb_endpoint": endpoint,
        "auth_mode": "dev",
        "dev_secret": os.environ.get("REMO_DEV_SECRET") or dev_secret(data_dir),
        **vapid_overrides(data_dir),
    }


def vapid_overrides(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Web Push on: the VAPID key kept under data_dir, unless the REMO_VAPID_* settings say."""
    if os.environ.get("REMO_VAPID_PRIVATE_KEY") or os.environ.get("REMO_VAPID_PRIVATE_KEY_FILE"):
        return {}
    return {
        "vapid_private_key_file": kept_key_file(data_dir),
        "vapid_subject": os.environ.get("REMO_VAPID_SUBJECT") or DEV_SUBJECT,
    }


@contextlib.contextmanager
def published_endpoint(endpoint: str, data_dir: Path = DATA_DIR) -> Iterator[None]:
    """Keeps data_dir/endpoint naming the running database, and removes it on the way out."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / ENDPOINT_FILE
    path.write_text(endpoint + "\n")
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def running_endpoint(data_dir: Path = DATA_DIR) -> str:
    """The endpoint a running `serve --embedded` published in data_dir."""
    try:
        return (data_dir / ENDPOINT_FILE).read_text().strip()
    except FileNotFoundError:
        raise EmbeddedError(
            f"no embedded server is running from this folder ({data_dir}/{ENDPOINT_FILE} is "
            "missing): start one with `make run`, or drop --embedded and set "
            "REMO_DYNAMODB_ENDPOINT"
        ) from None


@contextlib.contextmanager
def single_run(address: str, data_dir: Path = DATA_DIR) -> Iterator[None]:
    """Holds data_dir/run.lock (an flock, released by the kernel however the process ends)
    while one `serve --embedded` runs from this folder; a second one gets EmbeddedError,
    one line naming the first (its pid and address), and changes nothing of it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise EmbeddedError(
                f"`make run` is already running from this folder ({holder}); stop it with "
                "Ctrl-C there, or run from another folder"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, {address}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock
