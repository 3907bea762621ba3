"""Atomic writes that only happen when the bytes change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.errors import OutputError
from pipeline.workspace.fs import write_if_changed


def test_unchanged_bytes_are_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.po"
    assert write_if_changed(target, b"x")
    before = target.stat().st_mtime_ns
    assert not write_if_changed(target, b"x")
    assert target.stat().st_mtime_ns == before
    assert write_if_changed(target, b"y") and target.read_bytes() == b"y"
    assert [p.name for p in target.parent.iterdir()] == ["b.po"]  # no temporary file left behind


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.po"
    real.write_bytes(b"old")
    link = tmp_path / "link.po"
    link.symlink_to(real)
    write_if_changed(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_permissions_kept_or_from_umask(tmp_path: Path) -> None:
    existing = tmp_path / "x.po"
    existing.write_bytes(b"old")
    existing.chmod(0o600)
    write_if_changed(existing, b"new")
    assert existing.stat().st_mode & 0o777 == 0o600
    old = os.umask(0o027)
    try:
        write_if_changed(tmp_path / "new.po", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.po").stat().st_mode & 0o777 == 0o640


def test_a_folder_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "x.po").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_if_changed(tmp_path / "x.po", b"x")


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    """The atomic rename needs only the folder's permission: the file's own 'no' is checked first."""
    target = tmp_path / "x.po"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="read-only") as caught:
        write_if_changed(target, b"new")
    assert str(caught.value.path) == str(target)
    assert target.read_bytes() == b"old" and target.stat().st_mode & 0o777 == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]  # no temporary file left
    assert not write_if_changed(target, b"old")  # nothing to write: fine
    target.chmod(0o644)
    assert write_if_changed(target, b"new")


@pytest.mark.parametrize("size", [0, 10, (1 << 20) + 1])
def test_a_digest_beside_other_work_is_the_digest(size: int) -> None:
    """Large data is hashed on a thread while the work runs: the same digest, the work's value, its error."""
    import threading

    from pipeline.workspace import fs

    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    threads: list[int] = []
    before = threading.active_count()

    def work() -> int:
        threads.append(threading.active_count() - before)
        return 7

    assert fs.digest_beside(data, work) == (fs.digest(data), 7)
    assert (threads[0] > 0) == (size > 1 << 20)  # a thread for large data only

    def fails() -> int:
        raise OutputError("no", "x")

    with pytest.raises(OutputError):
        fs.digest_beside(data, fails)
