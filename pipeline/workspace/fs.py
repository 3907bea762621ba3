"""File writing at the edge: atomic, only when the bytes change, never over a newer file.

A write goes to a temporary file in the same folder (``.NAME.XXXX.tmp``, never read), is
flushed, replaces the target with ``os.replace`` and flushes the folder: a reader, a crash or
``kill -9`` sees the old file or the new one. A file whose bytes would not change is not
touched (its mtime stays); a read-only file is never replaced. A file read to compute the new
content (a catalog a translator edits) is written only if it still has the bytes read, else
``ConflictError``. Why, and what the commands do then: docs/robustness.md.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from pipeline.errors import ConflictError, OutputError

ABSENT = "absent"  # the fingerprint of a file that does not exist


def digest(data: bytes) -> str:
    """The content hash of a file's bytes (SHA-256, hex): the one hash the cache and the write guard use."""
    return hashlib.sha256(data).hexdigest()


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}; check the folder's permissions", shown) from None
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path) from None
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
