"""One writing command at a time per project: a lock file around every read-merge-write.

``update``, ``build``, ``review`` and ``extract`` hold ``filelock``'s OS lock on
``.article-l10n.lock`` from the first read to the last write, so two of them run one after the
other; the kernel frees it when the process ends however it ends, so a crash never leaves a
stale lock. The library never prints: a command that has to wait calls ``on_wait`` once, then
waits up to ``timeout`` seconds and raises ``LockError``. See docs/robustness.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import LockError, OutputError

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
        self._lock = FileLock(str(path))

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the ``with`` block; wait for it (``on_wait`` first) if another process has it."""
        try:
            try:
                self._lock.acquire(timeout=0)
            except Timeout:
                if self.on_wait is not None:
                    self.on_wait(Waiting(self.display, self.timeout))
                try:
                    self._lock.acquire(timeout=-1 if self.timeout is None else self.timeout)
                except Timeout:
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
