"""Linear-time checks that hold on a busy machine: a ratio of two sizes, never a time limit.

A test that asserts "this takes under 2 s" fails on a loaded CI runner and passes a quadratic
algorithm on a fast one. Instead, the same work runs at two sizes, ``size`` and ``FACTOR * size``,
in the same test, and the ratio of their CPU times (this process's, so other processes on the
machine do not count) must stay below ``LINEAR_BOUND``. Linear work gives about ``FACTOR`` (8);
quadratic work gives about ``FACTOR**2`` (64) once it dominates. The bound (24, three times
linear) leaves room for noise, caches and fixed overheads without letting quadratic work through.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

FACTOR = 8
LINEAR_BOUND = 3 * FACTOR


def cpu_seconds(work: Callable[[], object], repeats: int = 2) -> float:
    """The least CPU time of ``repeats`` runs of ``work`` (the least is the one least disturbed)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def growth(prepare: Callable[[int], Callable[[], object]], size: int, repeats: int = 2) -> float:
    """CPU time of the work at ``FACTOR * size`` over its CPU time at ``size`` (the least of ``repeats`` runs).

    ``prepare(n)`` builds the input of size n (not timed) and returns the work to time.
    """
    small, large = prepare(size), prepare(FACTOR * size)
    small()  # warm up: imports, compiled patterns and caches are not part of the growth
    base = max(cpu_seconds(small, repeats), 1e-6)
    ratio = cpu_seconds(large, 1) / base
    if ratio >= LINEAR_BOUND and repeats > 1:
        # Over the bound: measure the large size again, in case a disturbance (another
        # process, a cache) slowed its one run; a linear run needs no second look, which
        # halves the CPU time of these tests (the large size is most of it).
        ratio = min(ratio, cpu_seconds(large, repeats - 1) / base)
    return ratio


def assert_linear(
    prepare: Callable[[int], Callable[[], object]], size: int, what: object = "", repeats: int = 2
) -> None:
    ratio = growth(prepare, size, repeats)
    assert ratio < LINEAR_BOUND, (
        f"{what}: {FACTOR}x the input took {ratio:.1f}x the CPU time (linear: about {FACTOR}x; bound {LINEAR_BOUND}x)"
    )
