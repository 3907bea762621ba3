"""A function run on a forked copy of this process: its value comes back, a failure gives none."""

from __future__ import annotations

import os

import pytest

from pipeline import forked


def test_the_value_comes_back() -> None:
    process = forked.start(lambda: {b"k": ("spans", (3, ((1, 0, 0, 1, (), ""),)))})
    assert process is not None
    assert process.result() == {b"k": ("spans", (3, ((1, 0, 0, 1, (), ""),)))}


def test_the_work_is_done_in_another_process() -> None:
    here = os.getpid()
    process = forked.start(os.getpid)
    assert process is not None
    assert process.result() not in (None, here)


def _fails() -> None:
    raise RuntimeError("boom")


@pytest.mark.parametrize("function", [_fails, lambda: object()], ids=["raises", "not marshallable"])
def test_a_failure_gives_no_value_and_leaves_no_process(function: object) -> None:
    process = forked.start(function)  # type: ignore[arg-type]
    assert process is not None
    assert process.result() is None
    with pytest.raises(ChildProcessError):
        os.waitpid(process._pid, os.WNOHANG)  # the copy was waited for


def test_no_fork_while_threads_run() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert forked.start(lambda: 1) is None
    finally:
        stop.set()
        thread.join()
