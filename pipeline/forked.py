"""Run a function on a forked copy of this process, beside it, and take its result back.

For one big piece of work that can be cut in two (a 5 MB document's segmentation): the copy
needs nothing sent to it, and sends back a ``marshal``led value (plain data: fast both ways).
Where there is no ``fork`` (Windows), with threads running (a fork copies none of them, and
may copy a lock one of them holds) or when the copy fails in any way, there is no result and
the caller does the work itself: the result only ever saves time.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import threading
from collections.abc import Callable
from typing import Any


class Forked:
    """A forked copy of this process, working on one function's result."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid, self._reader = pid, reader

    def result(self) -> Any:
        """The function's value, once the copy has ended; None if it failed (or sent nothing sound)."""
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self._reader, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._reader)
            _, status = os.waitpid(self._pid, 0)
        if not chunks or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None
        try:
            return marshal.loads(b"".join(chunks))
        except (EOFError, ValueError, TypeError):
            return None


def start(function: Callable[[], Any]) -> Forked | None:
    """``function()`` started on a forked copy of this process; None where that cannot be done."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the copy: works, sends, and ends without running anything of its parent's (no atexit, no flush)
        code = 1
        with contextlib.suppress(BaseException):
            os.close(reader)
            data = marshal.dumps(function())
            view = memoryview(data)
            while view:
                view = view[os.write(writer, view) :]
            code = 0
        os._exit(code)
    os.close(writer)
    return Forked(pid, reader)
