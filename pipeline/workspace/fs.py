"""File writing at the edge: atomic, only when the bytes change, never over a newer file.

A write goes to a temporary file in the same folder (``.NAME.XXXX.tmp``, never read), is
flushed, replaces the target with ``os.replace`` and flushes the folder: a reader, a crash or
``kill -9`` sees the old file or the new one. A file whose bytes would not change is not
touched (its mtime stays); a read-only file is never replaced. A file read to compute the new
content (a catalog a translator edits) is written only if it still has the bytes read, else
``ConflictError``. Why, and what the commands do then: docs/robustness.md. ``write_all``
writes many files with the same guarantees, their flushes running together (the file system
commits them as one) and each folder flushed once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pipeline.errors import ConflictError, OutputError

ABSENT = "absent"  # the fingerprint of a file that does not exist
_T = TypeVar("_T")


def digest(data: bytes) -> str:
    """The content hash of a file's bytes (SHA-256, hex): the one hash the cache and the write guard use."""
    return hashlib.sha256(data).hexdigest()


_BESIDE = 1 << 20  # bytes: from this size a hash is worth a thread of its own


def digest_beside(data: bytes, work: Callable[[], _T]) -> tuple[str, _T]:
    """``digest(data)`` and ``work()``; for large ``data`` the hash runs on a thread meanwhile.

    hashlib lets go of the interpreter lock while it hashes, so a catalog is hashed while it is
    parsed, on the other core (16 ms a 14 MB catalog). The same values as one after the other.
    """
    if len(data) < _BESIDE:
        return digest(data), work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        hashed = pool.submit(digest, data)
        done = work()
        return hashed.result(), done


def fingerprint(data: bytes | None) -> str:
    """What a file held when it was read (``data``; None: no file): compared before a write."""
    return ABSENT if data is None else digest(data)


def _current(path: Path, shown: Path | str) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise OutputError("is a folder, not a file; move it away", shown) from None
    except OSError as exc:
        raise OutputError(f"cannot read: {exc.strerror}", shown) from None


def _conflict(shown: Path | str) -> ConflictError:
    return ConflictError(
        "changed on disk while this command ran (saved in an editor?); not overwritten, nothing of it is lost",
        shown,
    )


def _temporary_beside(path: Path, shown: Path | str) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder (made if missing), for bytes that will replace ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}; check the folder's permissions", shown) from None


def write_if_changed(path: Path, data: bytes, display: Path | str | None = None, expected: str | None = None) -> bool:
    """Atomically write ``data`` to ``path`` unless it already holds exactly that. True if written.

    ``expected``: the ``fingerprint`` of the file as it was read; the file must still match it
    (checked first, and again just before the replace), else ConflictError and no write.
    A symbolic link is followed (the file it points at is replaced, the link stays); a new
    file gets the permissions the umask allows, an existing one keeps its own.
    """
    shown = display or path
    path = path.resolve() if path.is_symlink() else path
    current = _current(path, shown)
    if current == data:
        return False
    if expected is not None and fingerprint(current) != expected:
        raise _conflict(shown)
    if current is not None and _read_only(path):
        raise OutputError("is read-only; not overwritten (make it writable, e.g. chmod u+w, to update it)", shown)
    fd, tmp = _temporary_beside(path, shown)
    replaced = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if current is not None else _new_file_mode())
        if expected is not None and fingerprint(_current(path, shown)) != expected:
            raise _conflict(shown)
        os.replace(tmp, path)
        replaced = True
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", shown) from None
    finally:
        if not replaced:
            Path(tmp).unlink(missing_ok=True)
    _sync_folder(path.parent)
    return True


@dataclass(frozen=True)
class Write:
    """One file for ``write_all``: the arguments of ``write_if_changed``."""

    path: Path
    data: bytes
    display: Path | str | None = None
    expected: str | None = None


FLUSHING_THREADS = 16  # flushes (fsync) of one batch running at once: the file system groups their commits


@dataclass(frozen=True)
class Written:
    """What ``write_all`` did: whether each file was written, and the first that could not be (its error)."""

    written: list[bool]
    failed: int | None = None  # the index of the file that could not be written; none after it was
    error: Exception | None = None


def write_all(files: Sequence[Write]) -> Written:
    """``write_if_changed`` for each file, in order, stopping at the first that cannot be written.

    Every file is written to its temporary file and flushed (all at once, on threads), then
    the temporary files replace their targets in order, each guarded as ``write_if_changed``
    guards it, then each folder is flushed once: every write is as atomic and as durable as
    one ``write_if_changed``. A file that cannot be written (``ConflictError``,
    ``OutputError``) is returned with its error once the files before it are written; none
    after it is. The caller raises the error.
    """
    written = [False] * len(files)
    failed: int | None = None
    temporary: list[tuple[int, Path, str, int]] = []  # index, target, temporary file, its open descriptor
    error: Exception | None = None
    folders: set[Path] = set()
    flushed = False  # the descriptors are closed
    try:
        try:
            for index, item in enumerate(files):
                failed = index
                prepared = _prepare(item)
                failed = None
                if prepared is not None:
                    temporary.append((index, *prepared))
        except (ConflictError, OutputError) as exc:
            error = exc  # the files before it are still written
        flushed = True
        problems = _flush_files([(fd, files[index].data) for index, _, _, fd in temporary])
        for (index, path, tmp, _), problem in zip(temporary, problems, strict=True):
            shown = files[index].display or files[index].path
            try:
                if problem is not None:
                    raise OutputError(f"cannot write: {problem.strerror}", shown)
                expected = files[index].expected
                if expected is not None and fingerprint(_current(path, shown)) != expected:
                    raise _conflict(shown)
                os.replace(tmp, path)
            except OSError as exc:
                failed, error = index, OutputError(f"cannot write: {exc.strerror}", shown)
                break
            except (ConflictError, OutputError) as exc:
                failed, error = index, exc
                break
            written[index] = True
            folders.add(path.parent)
    finally:
        for index, _, tmp, fd in temporary:
            if not flushed:
                with contextlib.suppress(OSError):
                    os.close(fd)
            if not written[index]:
                Path(tmp).unlink(missing_ok=True)
        _flush_folders(sorted(folders))
    return Written(written, failed, error)


def _prepare(item: Write) -> tuple[Path, str, int] | None:
    """The target, temporary file and its descriptor for one file of ``write_all``; None: no change.

    Checks what ``write_if_changed`` checks first: the file as read (``expected``), read-only.
    """
    shown = item.display or item.path
    path = item.path.resolve() if item.path.is_symlink() else item.path
    current = _current(path, shown)
    if current == item.data:
        return None
    if item.expected is not None and fingerprint(current) != item.expected:
        raise _conflict(shown)
    if current is not None and _read_only(path):
        raise OutputError("is read-only; not overwritten (make it writable, e.g. chmod u+w, to update it)", shown)
    try:
        mode = path.stat().st_mode & 0o777 if current is not None else _new_file_mode()
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}; check the folder's permissions", shown) from None
    fd, tmp = _temporary_beside(path, shown)
    try:
        os.fchmod(fd, mode)
    except OSError as exc:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror}", shown) from None
    return path, tmp, fd


@dataclass(frozen=True)
class Staged:
    """New bytes waiting, flushed, in a temporary file beside their target (``stage``), to replace it."""

    path: Path  # the target (a symbolic link resolved)
    temporary: str
    display: Path | str
    expected: str | None = None  # as in ``write_if_changed``


def stage(path: Path, data: bytes, display: Path | str | None = None, expected: str | None = None) -> Staged:
    """Write ``data`` to a temporary file beside ``path``: the costly part of a write, done where
    the data is made (a worker process); ``replace_all`` flushes it and puts it in place."""
    shown = display or path
    target = path.resolve() if path.is_symlink() else path
    fd, tmp = _temporary_beside(target, shown)
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = _new_file_mode()
    except OSError as exc:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror}; check the folder's permissions", shown) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror}", shown) from None
    return Staged(target, tmp, shown, expected)


def discard(staged: Sequence[Staged]) -> None:
    """Remove temporary files that are not to replace their targets."""
    for item in staged:
        Path(item.temporary).unlink(missing_ok=True)


def replace_all(files: Sequence[Staged]) -> Written:
    """Flush staged files (all at once, on threads), put them in place in order, each guarded as
    ``write_if_changed`` guards it (read-only, the file as read), then flush each folder once;
    stops at the first that cannot be (its temporary file and those after it are removed, the
    error returned)."""
    written = [False] * len(files)
    folders: set[Path] = set()
    failed: int | None = None
    error: Exception | None = None
    try:
        problems = _flush_staged([item.temporary for item in files])
        for index, item in enumerate(files):
            try:
                if problems[index] is not None:
                    raise OutputError(f"cannot write: {problems[index]}", item.display)
                if item.expected is not None and fingerprint(_current(item.path, item.display)) != item.expected:
                    raise _conflict(item.display)
                if _read_only(item.path):
                    raise OutputError(
                        "is read-only; not overwritten (make it writable, e.g. chmod u+w, to update it)", item.display
                    )
                os.replace(item.temporary, item.path)
            except IsADirectoryError:
                failed, error = index, OutputError("is a folder, not a file; move it away", item.display)
                break
            except OSError as exc:
                failed, error = index, OutputError(f"cannot write: {exc.strerror}", item.display)
                break
            except (ConflictError, OutputError) as exc:
                failed, error = index, exc
                break
            written[index] = True
            folders.add(item.path.parent)
    finally:
        discard([item for item, done in zip(files, written, strict=True) if not done])
        _flush_folders(sorted(folders))
    return Written(written, failed, error)


def _flush_staged(paths: list[str]) -> list[str | None]:
    """Flush each file's data to disk, on threads; the error of each (its text), if any."""

    def flush(path: str) -> str | None:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError as exc:
            return exc.strerror or str(exc)
        try:
            os.fsync(fd)
        except OSError as exc:
            return exc.strerror or str(exc)
        finally:
            os.close(fd)
        return None

    if len(paths) <= 1:
        return [flush(path) for path in paths]
    with ThreadPoolExecutor(max_workers=min(FLUSHING_THREADS, len(paths))) as pool:
        return list(pool.map(flush, paths))


def _flush_files(pending: list[tuple[int, bytes]]) -> list[OSError | None]:
    """Write each (descriptor, data), flush it to disk and close it, on threads; the error of each, if any."""

    def flush(item: tuple[int, bytes]) -> OSError | None:
        fd, data = item
        try:
            handle = os.fdopen(fd, "wb")
        except OSError as exc:
            os.close(fd)
            return exc
        try:
            with handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            return exc
        return None

    if len(pending) <= 1:
        return [flush(item) for item in pending]
    with ThreadPoolExecutor(max_workers=min(FLUSHING_THREADS, len(pending))) as pool:
        return list(pool.map(flush, pending))


def _flush_folders(folders: list[Path]) -> None:
    """Flush each folder's entries (the renames) to disk, on threads."""
    if len(folders) <= 1:
        for folder in folders:
            _sync_folder(folder)
        return
    with ThreadPoolExecutor(max_workers=min(FLUSHING_THREADS, len(folders))) as pool:
        list(pool.map(_sync_folder, folders))


def _read_only(path: Path) -> bool:
    """The file says it must not be written: no write permission for its owner (``chmod a-w``),
    or none for this process. The atomic replace would go through anyway (it needs only the
    folder's permission), so this is checked first."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk; a no-op where the system cannot."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _new_file_mode() -> int:
    """0o666 less the process's umask, as ``open()`` would give a new file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def replace_cache_file(path: Path, data: bytes) -> None:
    """Atomically replace a cache file with ``data``, without flushing it to disk.

    For files a reader validates (a hash of their content in their header) and rebuilds
    when damaged: a crash may lose the write or leave garbage, never a half-valid file, and
    skipping the two ``fsync`` calls saves milliseconds per file (a cold build writes
    one per document). OutputError if it cannot be written.
    """
    fd, tmp = _temporary_beside(path, path)
    replaced = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _new_file_mode())
        os.replace(tmp, path)
        replaced = True
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path) from None
    finally:
        if not replaced:
            Path(tmp).unlink(missing_ok=True)
