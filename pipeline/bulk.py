"""Bulk work on many small records, with Python's cyclic garbage collector paused meanwhile.

Parsing, merging or writing a 50,000-entry catalog makes a few hundred thousand small
objects and no reference cycles, and the collector would walk all of them again and again
as they pile up: a quarter of a parse's time. Paused, nothing changes but that: garbage is
still freed by reference counting at once, and the collector resumes afterwards.

In a command's process the collector may also leave alone what a bulk section made and
kept (``frozen_survivors``): those records have no cycles, and each collection after the
section would otherwise walk all of them again (a tenth of an ``update``'s time).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze = False  # see frozen_survivors


@contextmanager
def frozen_survivors() -> Iterator[None]:
    """For a block (a command): what each bulk section leaves alive goes to the collector's
    permanent generation (``gc.freeze``), never walked again; freed by reference counting as
    ever. Given back to the collector at the end (``gc.unfreeze``). Not for a long-running
    server (cyclic garbage made in a bulk section would be kept until the end of the block)."""
    global _freeze
    before = _freeze
    _freeze = True
    try:
        yield
    finally:
        _freeze = before
        if not before:
            gc.unfreeze()


def keep_collecting() -> None:
    """Within ``frozen_survivors``: freeze nothing more (the process turned out to be a long-running server)."""
    global _freeze
    _freeze = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for a block (or, as ``@paused_gc()``, a function); nestable."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if _freeze:
                gc.freeze()
            gc.enable()
