"""Segment one big document on two processes: its second half on a forked copy of this one.

The copy segments the lines from the middle on into memo entries (``plain`` tuples, keyed by
content: what the segment cache keeps) and sends them back; meanwhile this process segments the
first half, then takes the second half's lines from those entries as it would from the cache.
Same result as one process (the entries are what segmenting those lines gives, and position-free);
if the copy fails, this process segments them itself. Worth it from ``MIN_LINES`` lines on, with
an idle second core: docs/architecture.md ("What one command costs besides its work").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pipeline import forked
from pipeline.text.structure import PASS, Structure

if TYPE_CHECKING:
    from pipeline.text.segment import Memo

MIN_LINES = 4_000  # below this, forking and sending back cost more than the half saves


Made = tuple[dict[bytes, Any], list[bytes | None]]  # the memo entries made, and each line's memo key


def start(
    made: Callable[[int, int, Memo], Made], found: Structure, count: int, memo: Memo
) -> tuple[int, forked.Forked] | None:
    """Lines ``middle`` to ``count`` started on a forked process (``made``: what segmenting them puts in a
    memo, and their keys); the middle and the process, or None (too small, or no process)."""
    if count < MIN_LINES:
        return None
    middle = _middle(found, count)
    if middle is None:
        return None
    process = forked.start(lambda: made(middle, count, memo))
    return None if process is None else (middle, process)


def _middle(found: Structure, count: int) -> int | None:
    """A passed-through line at or after the middle, outside every hard-wrapped paragraph (None: none)."""
    inside = {i for first, last, _ in found.wrapped for i in range(first, last)}
    for i in range(count // 2, count):
        if found.kinds[i] == PASS and i not in inside:
            return i
    return None


class Ready:
    """What the forked process sent (``result``) for ``lines`` lines: its entries and the lines' keys; none
    of either if it sent nothing sound (failed), so that this process segments and hashes them itself."""

    def __init__(self, result: Any, lines: int) -> None:
        self.entries: dict[bytes, Any] = {}
        self.keys: list[bytes | None] | None = None
        if not (isinstance(result, tuple) and len(result) == 2):
            return
        entries, keys = result
        if not (isinstance(entries, dict) and isinstance(keys, list) and len(keys) == lines):
            return
        if all(key is None or isinstance(key, bytes) for key in keys):
            self.entries, self.keys = entries, keys


class Recording:
    """A memo that reads ``memo`` and keeps what is put into it in ``made`` (the forked process's)."""

    def __init__(self, memo: Memo, made: dict[bytes, Any]) -> None:
        self._memo, self._made = memo, made

    def get(self, key: bytes) -> Any:
        return self._memo.get(key)

    def put(self, key: bytes, value: Any) -> None:
        self._made[key] = value


class Prefilled:
    """``memo``, and the entries the forked process made (``ready``): an entry found there is put into
    ``memo`` when asked for, as if made here."""

    def __init__(self, memo: Memo, ready: dict[bytes, Any]) -> None:
        self._memo = memo
        self._ready = ready

    def get(self, key: bytes) -> Any:
        value = self._memo.get(key)
        if value is None:
            value = self._ready.get(key)
            if value is not None:
                self._memo.put(key, value)
        return value

    def put(self, key: bytes, value: Any) -> None:
        self._memo.put(key, value)
