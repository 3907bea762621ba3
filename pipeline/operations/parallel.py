"""Run one function over many documents, on several processes when there is enough work.

Results come back in the order of the tasks, whatever the number of workers, so what a
command writes and prints does not depend on ``--jobs``. The first failing task (in task
order) raises its error; tasks after it are not waited for. Progress is reported through
an optional callback after each task (the library never prints).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

Context = TypeVar("Context")
Task = TypeVar("Task")
Result = TypeVar("Result")

# Below this much input (bytes of the documents to process) one process is faster than
# starting workers and sending them the work.
MIN_PARALLEL_BYTES = 200_000
# Tasks sent ahead of the one whose result is awaited: keeps every worker busy while
# bounding the finished results waiting in memory to be consumed in order.
AHEAD_PER_WORKER = 8


@dataclass(frozen=True)
class Step:
    """Progress: ``done`` of ``total`` items finished; ``item`` names the last one."""

    done: int
    total: int
    item: str


Progress = Callable[[Step], None]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def idle_core() -> bool:
    """True if a core is idle for a second process beside this one, as far as the 1-minute load average
    tells: a core and a half of it unused (this process's, the other's, and a margin for the average's
    lag); unknown: False.

    What a second process for one document needs to pay: sharing a core with other work, it ends
    late and its sending back and copy-on-write cost more than the half it takes (docs/architecture.md).
    """
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on this system
        return False
    return load + 1.5 <= default_jobs()


def workers(jobs: int | None, tasks: int, size: int) -> int:
    """How many processes to use for ``tasks`` tasks of ``size`` bytes in all: 1 when that is faster."""
    wanted = default_jobs() if jobs is None else jobs
    if wanted <= 1 or tasks < 2 or size < MIN_PARALLEL_BYTES:
        return 1
    return min(wanted, tasks)


@dataclass(frozen=True)
class _Job(Generic[Context, Task, Result]):
    function: Callable[[Context, Task], Result]
    context: Context


_WORKER_JOB: _Job[Any, Any, Any] | None = None


def _start_worker(job: _Job[Any, Any, Any]) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _run_in_worker(task: Any) -> Any:
    assert _WORKER_JOB is not None, "worker not initialised"
    return _WORKER_JOB.function(_WORKER_JOB.context, task)


def run(
    function: Callable[[Context, Task], Result],
    context: Context,
    tasks: Sequence[Task],
    processes: int = 1,
    discard: Callable[[Result], None] | None = None,
) -> Generator[Result, None, None]:
    """``function(context, task)`` for every task, yielded in task order.

    With ``processes`` > 1 the calls run in that many worker processes; ``function`` must
    be a module-level function, and ``context`` (sent to each worker once) and the tasks
    and results picklable. ``discard`` gets each result made but never yielded (the caller
    stopped early), to undo what making it left behind.
    """
    if processes <= 1:
        for task in tasks:
            yield function(context, task)
        return
    from concurrent.futures import ProcessPoolExecutor  # worker processes only: one process loads no pool (start-up)

    pool = ProcessPoolExecutor(max_workers=processes, initializer=_start_worker, initargs=(_Job(function, context),))
    pending: deque[Future[Result]] = deque()
    remaining = iter(tasks)
    try:
        for task in remaining:
            pending.append(pool.submit(_run_in_worker, task))
            if len(pending) >= processes * AHEAD_PER_WORKER:
                break
        while pending:
            result = pending.popleft().result()
            for task in remaining:
                pending.append(pool.submit(_run_in_worker, task))
                break
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if discard is not None:
            for future in pending:
                if not future.cancelled() and future.exception() is None:
                    discard(future.result())
