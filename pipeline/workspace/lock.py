"""One writing command at a time per project: a lock file around every read-merge-write.

``update``, ``build``, ``review`` and ``extract`` hold an OS lock on ``.article-l10n.lock``
(``flock``; ``filelock``'s where there is none, on Windows) from the first read to the last
write, so two of them run one after the other; the kernel frees it when the process ends however
it ends, so a crash never leaves a stale lock. The library never prints: a command that has to
wait calls ``on_wait`` once, then waits up to ``timeout`` seconds and raises ``LockError``. See
docs/robustness.md.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import LockError, OutputError

try:
    import fcntl
except ImportError:  # no flock (Windows): filelock's lock
    fcntl = None  # type: ignore[assignment]

FILENAME = ".article-l10n.lock"
DEFAULT_TIMEOUT = 300.0  # seconds: far longer than any run of this project; a hung holder ends the wait


@dataclass(frozen=True)
class Waiting:
    """Told to ``on_wait`` when another command holds the lock: which file, and how long we wait."""

    path: str  # the lock file, as shown to people
    timeout: float | None  # seconds; None waits for ever


class ProjectLock:
    """The lock of one project. Re-entrant: a command may take it inside another."""

    def __init__(
        self,
        path: Path,
        display: str,
        timeout: float | None = DEFAULT_TIMEOUT,
        on_wait: Callable[[Waiting], None] | None = None,
    ) -> None:
        self.path = path
        self.display = display
        self.timeout = timeout
        self.on_wait = on_wait
        self._lock: Any = _FileLock(str(path)) if fcntl is not None else _filelock(str(path))

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the ``with`` block; wait for it (``on_wait`` first) if another process has it."""
        try:
            try:
                self._lock.acquire(timeout=0)
            except _timeouts():
                if self.on_wait is not None:
                    self.on_wait(Waiting(self.display, self.timeout))
                try:
                    self._lock.acquire(timeout=-1 if self.timeout is None else self.timeout)
                except _timeouts():
                    raise LockError(
                        f"another article-l10n command still holds the project lock after {self.timeout:g} s; "
                        "wait for it to finish or give it longer with --lock-timeout SECONDS",
                        self.display,
                    ) from None
        except OSError as exc:
            raise OutputError(f"cannot create the lock file: {exc.strerror}", self.display) from None
        try:
            yield
        finally:
            self._lock.release()


class _Timeout(Exception):
    """The lock was not free within the time given."""


class _FileLock:
    """An exclusive ``flock`` on a file, re-entrant in each thread: what ``filelock.FileLock`` does on POSIX,
    without loading it (its imports cost every command 15 ms of start-up). Another holder, in this process
    (another thread, or another instance) or in another one, is waited for, polling every ``POLL`` seconds."""

    POLL = 0.05

    def __init__(self, path: str) -> None:
        self._path = path
        self._mine = threading.local()  # this thread's descriptor and how many times it holds the lock

    def acquire(self, timeout: float) -> None:
        """Take the lock, waiting ``timeout`` seconds at most (negative: for ever); ``_Timeout`` if not free by then."""
        mine = self._mine
        if getattr(mine, "count", 0):
            mine.count += 1
            return
        deadline = None if timeout < 0 else time.monotonic() + timeout
        while True:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if deadline is not None and time.monotonic() >= deadline:
                    raise _Timeout(self._path) from None
                time.sleep(self.POLL)
                continue
            except BaseException:
                os.close(fd)
                raise
            if os.fstat(fd).st_nlink == 0:  # the file was deleted meanwhile: lock the one at the path now
                os.close(fd)
                continue
            mine.fd, mine.count = fd, 1
            return

    def release(self) -> None:
        mine = self._mine
        mine.count -= 1
        if mine.count == 0:
            fcntl.flock(mine.fd, fcntl.LOCK_UN)
            os.close(mine.fd)


def _filelock(path: str) -> Any:
    from filelock import FileLock

    return FileLock(path)


def _timeouts() -> tuple[type[BaseException], ...]:
    """What a lock that was not free raises: ours, or filelock's (loaded only where it is used)."""
    if fcntl is not None:
        return (_Timeout,)
    from filelock import Timeout

    return (_Timeout, Timeout)
