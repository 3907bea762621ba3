"""``fs.write_all``: many files written as ``write_if_changed`` writes one — atomic, durable,
guarded — with their flushes together and each folder flushed once."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline.errors import ConflictError, OutputError
from pipeline.workspace import fs


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


class Syscalls:
    """The order of fsync and replace calls, by the path they concern."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, str]] = []
        fsync, replace = os.fsync, os.replace

        def spied_fsync(fd: int) -> None:
            self.calls.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
            fsync(fd)

        def spied_replace(source: str, target: str | Path) -> None:
            self.calls.append(("replace", str(source)))
            replace(source, target)

        monkeypatch.setattr(os, "fsync", spied_fsync)
        monkeypatch.setattr(os, "replace", spied_replace)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc to name the flushed files")
def test_every_file_is_flushed_before_it_replaces_its_target_and_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Syscalls(monkeypatch)
    files = [fs.Write(tmp_path / folder / f"{n}.txt", f"{folder} {n}".encode()) for folder in "ab" for n in range(5)]
    done = fs.write_all(files)
    assert done == fs.Written([True] * 10)
    assert [p.read_text() for p in (f.path for f in files)] == [f"{f} {n}" for f in "ab" for n in range(5)]
    replaced = [path for call, path in spy.calls if call == "replace"]
    flushed = [path for call, path in spy.calls if call == "fsync"]
    assert len(replaced) == 10 and set(replaced) <= set(flushed)  # each temporary file flushed …
    first_replace = spy.calls.index(("replace", replaced[0]))
    assert all(call == "fsync" for call, _ in spy.calls[:first_replace])  # … before any rename
    folders = [path for call, path in spy.calls[first_replace:] if call == "fsync"]
    assert sorted(folders) == [str(tmp_path / "a"), str(tmp_path / "b")]  # then each folder once
    assert leftovers(tmp_path) == []


def test_unchanged_files_are_not_touched(tmp_path: Path) -> None:
    same = tmp_path / "same.txt"
    same.write_bytes(b"same")
    os.utime(same, ns=(1, 1))
    done = fs.write_all([fs.Write(same, b"same"), fs.Write(tmp_path / "new.txt", b"new")])
    assert done.written == [False, True] and done.error is None
    assert same.stat().st_mtime_ns == 1


def test_a_conflict_stops_at_its_file_the_files_before_it_written(tmp_path: Path) -> None:
    guarded = tmp_path / "guarded.po"
    guarded.write_bytes(b"as read")
    read = fs.fingerprint(b"as read")
    guarded.write_bytes(b"saved by a translator")
    files = [
        fs.Write(tmp_path / "before.txt", b"1"),
        fs.Write(guarded, b"merged", "locales/guarded.po", read),
        fs.Write(tmp_path / "after.txt", b"3"),
    ]
    done = fs.write_all(files)
    assert done.written == [True, False, False] and done.failed == 1
    assert isinstance(done.error, ConflictError) and done.error.path == "locales/guarded.po"
    assert guarded.read_bytes() == b"saved by a translator"
    assert (tmp_path / "before.txt").read_bytes() == b"1" and not (tmp_path / "after.txt").exists()
    assert leftovers(tmp_path) == []


def test_a_file_saved_between_the_flush_and_the_replace_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guarded = tmp_path / "guarded.po"
    guarded.write_bytes(b"as read")
    flush = fs._flush_files

    def saved_meanwhile(pending: list[tuple[int, bytes]]) -> list[OSError | None]:
        problems = flush(pending)
        guarded.write_bytes(b"saved meanwhile")
        return problems

    monkeypatch.setattr(fs, "_flush_files", saved_meanwhile)
    files = [fs.Write(tmp_path / "a.txt", b"a"), fs.Write(guarded, b"merged", None, fs.fingerprint(b"as read"))]
    done = fs.write_all(files)
    assert done.written == [True, False] and isinstance(done.error, ConflictError)
    assert guarded.read_bytes() == b"saved meanwhile"
    assert leftovers(tmp_path) == []


def test_a_read_only_file_and_a_folder_in_the_way(tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_bytes(b"old")
    locked.chmod(stat.S_IRUSR)
    (tmp_path / "folder.md").mkdir()
    try:
        for target in (locked, tmp_path / "folder.md"):
            done = fs.write_all([fs.Write(tmp_path / "first.md", b"x"), fs.Write(target, b"new")])
            assert done.written[1] is False and done.failed == 1 and isinstance(done.error, OutputError)
        assert locked.read_bytes() == b"old"
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert leftovers(tmp_path) == []


def test_permissions_as_write_if_changed_gives_them(tmp_path: Path) -> None:
    kept = tmp_path / "kept.md"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    fs.write_all([fs.Write(kept, b"new"), fs.Write(tmp_path / "fresh.md", b"new")])
    alone = tmp_path / "alone.md"
    fs.write_if_changed(alone, b"new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "fresh.md").stat().st_mode) == stat.S_IMODE(alone.stat().st_mode)


# ---------------------------------------------------------------- staged on a worker, put in place by the runner


def test_a_staged_file_is_flushed_where_it_is_made_and_renamed_in_order(tmp_path: Path) -> None:
    old = tmp_path / "a" / "old.md"
    old.parent.mkdir()
    old.write_bytes(b"old")
    old.chmod(0o640)
    staged = [fs.stage(old, b"new"), fs.stage(tmp_path / "b" / "new.md", b"fresh", "b/new.md")]
    assert old.read_bytes() == b"old" and not (tmp_path / "b" / "new.md").exists()  # nothing in place yet
    assert len(leftovers(tmp_path)) == 2
    done = fs.replace_all(staged)
    assert done == fs.Written([True, True])
    assert old.read_bytes() == b"new" and stat.S_IMODE(old.stat().st_mode) == 0o640
    assert (tmp_path / "b" / "new.md").read_bytes() == b"fresh"
    assert leftovers(tmp_path) == []


def test_a_file_saved_after_it_was_staged_stops_the_replace_at_it(tmp_path: Path) -> None:
    guarded = tmp_path / "guarded.po"
    guarded.write_bytes(b"as read")
    staged = [
        fs.stage(tmp_path / "before.md", b"1"),
        fs.stage(guarded, b"merged", "guarded.po", fs.fingerprint(b"as read")),
        fs.stage(tmp_path / "after.md", b"3"),
    ]
    guarded.write_bytes(b"saved by a translator")
    done = fs.replace_all(staged)
    assert done.written == [True, False, False] and done.failed == 1 and isinstance(done.error, ConflictError)
    assert guarded.read_bytes() == b"saved by a translator" and not (tmp_path / "after.md").exists()
    assert leftovers(tmp_path) == []


def test_a_staged_file_refused_at_its_target(tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_bytes(b"old")
    (tmp_path / "folder.md").mkdir()
    staged = [fs.stage(locked, b"new"), fs.stage(tmp_path / "folder.md", b"new")]
    locked.chmod(stat.S_IRUSR)
    try:
        done = fs.replace_all(staged)
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert done.written == [False, False] and isinstance(done.error, OutputError) and "read-only" in str(done.error)
    locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    done = fs.replace_all([fs.stage(tmp_path / "folder.md", b"new")])
    assert isinstance(done.error, OutputError) and "is a folder" in str(done.error)
    assert locked.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_discarded_stages_leave_nothing(tmp_path: Path) -> None:
    fs.discard([fs.stage(tmp_path / "x.md", b"x"), fs.stage(tmp_path / "y.md", b"y")])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc to name the flushed files")
def test_staged_files_are_flushed_before_any_rename_and_each_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = [fs.stage(tmp_path / folder / f"{n}.md", b"x") for folder in "ab" for n in range(3)]
    spy = Syscalls(monkeypatch)
    assert fs.replace_all(staged).written == [True] * 6
    first_replace = next(i for i, (call, _) in enumerate(spy.calls) if call == "replace")
    assert sorted(path for _, path in spy.calls[:first_replace]) == sorted(s.temporary for s in staged)
    assert [call for call, _ in spy.calls[first_replace : first_replace + 6]] == ["replace"] * 6
    assert sorted(path for _, path in spy.calls[first_replace + 6 :]) == [str(tmp_path / "a"), str(tmp_path / "b")]
