"""File writing at the edge: atomic, and only when the bytes change.

A write goes to a temporary file in the same folder, is flushed to disk, then replaces
the target with ``os.replace``: a reader (or a crash) sees the old file or the new one,
never half of one. A file whose bytes would not change is not touched, so its mtime
stays and tools such as make see nothing new.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_if_changed(path: Path, data: bytes, display: Path | str | None = None) -> bool:
    """Atomically write ``data`` to ``path`` unless it already holds exactly that. True if written.

    A symbolic link is followed (the file it points at is replaced, the link stays); a new
    file gets the permissions the umask allows, an existing one keeps its own.
    """
    shown = display or path
    path = path.resolve() if path.is_symlink() else path
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        raise OutputError("is a folder, not a file; move it away", shown) from None
    except OSError as exc:
        raise OutputError(f"cannot read: {exc.strerror}", shown) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}; check the folder's permissions", shown) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror}", shown) from None
    return True


def _new_file_mode() -> int:
    """0o666 less the process's umask, as ``open()`` would give a new file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
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
