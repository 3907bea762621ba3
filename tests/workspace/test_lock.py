"""The project lock's flock: re-entrant in a thread, exclusive between threads and processes."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.workspace import lock

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock: POSIX only (filelock elsewhere)")


def test_another_thread_waits_until_it_is_released(tmp_path: Path) -> None:
    shared = lock._FileLock(str(tmp_path / "l"))
    shared.acquire(timeout=0)
    shared.acquire(timeout=0)  # re-entrant in this thread
    outcome: list[str] = []
    tried = threading.Event()

    def other() -> None:
        try:
            shared.acquire(timeout=0)
        except lock._Timeout:
            outcome.append("busy")
        tried.set()
        shared.acquire(timeout=10)
        outcome.append("taken")
        shared.release()

    thread = threading.Thread(target=other)
    thread.start()
    assert tried.wait(10)
    shared.release()
    time.sleep(0.2)
    assert outcome == ["busy"]  # held once more: still mine
    shared.release()
    thread.join(10)
    assert outcome == ["busy", "taken"]


def test_another_process_holding_it_makes_it_time_out(tmp_path: Path) -> None:
    path = tmp_path / "l"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import fcntl,os,sys,time; fd=os.open({str(path)!r}, os.O_RDWR|os.O_CREAT); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(lock._Timeout):
            lock._FileLock(str(path)).acquire(timeout=0.2)
    finally:
        holder.communicate("")
    mine = lock._FileLock(str(path))
    mine.acquire(timeout=0)  # freed by the kernel when the holder ended
    mine.release()
    assert path.read_bytes() == b""
