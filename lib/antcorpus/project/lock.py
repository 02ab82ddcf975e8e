"""One build at a time: the runner and the publisher hold an flock on build/.lock.

A second build waits (saying for whom) up to $ANTCORPUS_LOCK_WAIT seconds (default
600), then stops with a message naming the process that holds the lock. The lock is
the kernel's, so it is released even when its holder is killed.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..config import build_dir

DEFAULT_WAIT = 600.0  # seconds; a full build takes about 1.5 minutes
POLL = 0.2


class BuildLocked(SystemExit):
    """Another build held the lock for longer than we were willing to wait."""


def lock_path() -> Path:
    """The lock file: build/.lock (or under $ANTCORPUS_BUILD)."""
    return build_dir() / ".lock"


def holder(fh) -> str:
    """The pid and step written by the process holding the lock (or 'unknown')."""
    fh.seek(0)
    return fh.read().strip() or "unknown"


def acquire(fh, path: Path, wait: float) -> None:
    """Take the lock on `fh`, waiting up to `wait` seconds; SystemExit after that."""
    deadline, told = time.monotonic() + wait, False
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        who = holder(fh)
        if time.monotonic() >= deadline:
            raise BuildLocked(
                f"another build (pid {who}) still holds {path} after {wait:.0f} s;"
                " let it finish (or stop that process) and run again"
                " (ANTCORPUS_LOCK_WAIT sets how long to wait)"
            )
        if not told:
            print(
                f"waiting for another build (pid {who}) to finish,"
                f" up to {wait:.0f} s ...",
                flush=True,
            )
            told = True
        time.sleep(POLL)


@contextmanager
def build_lock(step: str, wait: float | None = None) -> Iterator[None]:
    """Hold the build lock for `step` (notebooks, site); wait or fail clearly."""
    path = lock_path()
    if wait is None:
        wait = float(os.environ.get("ANTCORPUS_LOCK_WAIT") or DEFAULT_WAIT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as fh:
        acquire(fh, path, wait)
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}, {step}\n")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
