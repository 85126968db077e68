"""Child processes that die with this one, even when it is SIGKILLed (Linux)."""

from __future__ import annotations

import ctypes
import functools
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

STOP_GRACE = 10.0
_PR_SET_PDEATHSIG = 1
_T = TypeVar("_T")


def die_with_parent() -> Callable[[], None] | None:
    """Return a preexec_fn that makes the child get SIGKILL when this process dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    # Load libc before fork: loading it in the child could deadlock on a lock held at fork.
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


def log_tail(path: Path, *, lines: int = 3) -> str:
    """Return the last non-empty lines of a log file, joined on one line."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 8192))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return "no log"
    # Java stack frames say little to a person; the exception lines say what went wrong.
    kept = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith(("at ", "... "))
    ][-lines:]
    return " | ".join(kept) or "empty log"


def _in_lasting_thread(call: Callable[[], _T]) -> _T:
    """Run `call` in the main thread, or else in a thread that lasts as long as the process."""
    # PR_SET_PDEATHSIG fires when the thread that forked the child ends, not the process:
    # a JVM forked from a short-lived worker thread would die with that thread.
    if threading.current_thread() is threading.main_thread():
        return call()
    future: Future[_T] = Future()
    _lasting_thread_queue().put((call, future))
    return future.result()


@functools.cache
def _lasting_thread_queue() -> queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]]:
    """Start, once, a daemon thread that runs the calls put on the returned queue."""
    calls: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()

    def serve() -> None:
        while True:
            call, future = calls.get()
            try:
                future.set_result(call())
            except BaseException as error:
                future.set_exception(error)

    threading.Thread(target=serve, name="remo-dynamodb-local-forker", daemon=True).start()
    return calls


def spawn(command: list[str], *, log: Path) -> subprocess.Popen[bytes]:
    """Start `command` with its output in `log`, dying with this process."""
    return _in_lasting_thread(functools.partial(_popen, command, log=log))


def _popen(command: list[str], *, log: Path) -> subprocess.Popen[bytes]:
    """Popen `command` in its own session, output to `log`, armed to die with its parent."""
    with log.open("ab") as out:
        # Own session: Ctrl-C reaches only Python, which then stops the JVM in order.
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=log.parent,
            start_new_session=True,
            preexec_fn=die_with_parent(),  # noqa: PLW1509 - nothing else kills it if we are SIGKILLed
        )


def end(process: subprocess.Popen[bytes]) -> None:
    """Stop a process: SIGTERM, then SIGKILL after STOP_GRACE seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
    process.wait()
