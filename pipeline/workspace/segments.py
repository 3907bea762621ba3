"""The segment cache: each document's segmentation kept by content, so only what changed is segmented.

One file per document, ``.article-l10n-cache/segments/<hash of the domain>.bin``: the
``segment.Memo`` entries of its last run (the whole document by the hash of its lines and line
endings, listing the keys of the others; its block structure by the hash of the whole text;
each paragraph line by the hash of its text and kind; ``text.plain`` has the values) as one
``marshal``led dict. The file starts with a header: format, the environment hash
(``cache.environment``: the code, libraries, Python and settings, so granularity and source
script too) and the payload's hash. A file that is unreadable, damaged, of another format or
another environment is ignored and made again, never trusted; ``--force`` ignores it. A save
keeps only the entries this run used, so the file holds one document's lines and no more; a run
over the project deletes the files of documents that are gone (``prune``). Writes are atomic
(``fs``), not flushed to disk: a lost or torn write is caught by the hash. Why and how fast:
docs/many-documents.md ("The segment cache").
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError
from pipeline.workspace import cache, fs

FOLDER = "segments"
MAGIC = b"article-l10n segment cache\n"
FORMAT = 1


@dataclass(frozen=True)
class Use:
    """How a run uses the segment cache: ``read`` it (not with ``--force``), ``write`` it (runs that write)."""

    read: bool = True
    write: bool = False


READ_ONLY = Use()


def path(root: Path, domain: str) -> Path:
    """The cache file of the document ``domain``: named by a hash (a domain may have folders, any characters)."""
    name = hashlib.blake2b(domain.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return root / cache.FOLDER / FOLDER / f"{name}.bin"


class SegmentCache:
    """One document's memo for ``segment.segment``: the entries kept, and those this run used or made."""

    def __init__(self, file: Path, environment: str, kept: dict[bytes, Any]) -> None:
        self.file = file
        self.environment = environment
        self._kept = kept
        self._used: dict[bytes, Any] = {}
        self.made = 0  # entries this run had to make: what was segmented

    def get(self, key: bytes) -> Any:
        value = self._kept.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: bytes, value: Any) -> None:
        self._used[key] = value
        self.made += 1

    @property
    def changed(self) -> bool:
        """True if the file would change: entries made, or kept ones no longer used."""
        return self.made > 0 or self._used.keys() != self._kept.keys()

    def save(self) -> None:
        """Write the entries this run used (atomically), if that changes the file. Not writable: no error."""
        if not self.changed:
            return
        payload = marshal.dumps(self._used)
        header = f"{FORMAT} {self.environment} {_digest(payload)}\n".encode()
        folder = self.file.parent.parent
        with contextlib.suppress(OutputError):  # a read-only project: the next run segments again
            if not (folder / ".gitignore").exists():
                fs.write_if_changed(folder / ".gitignore", b"# Made by article-l10n: a cache, never committed.\n*\n")
                fs.write_if_changed(folder / "CACHEDIR.TAG", cache.CACHEDIR_TAG)
            fs.replace_cache_file(self.file, MAGIC + header + payload)  # validated when read: no fsync
        self._kept, self.made = dict(self._used), 0


def prune(root: Path, domains: Iterable[str]) -> None:
    """Delete the cache files of documents that are gone (deleted or renamed): only current ones stay."""
    cache.prune_files(root / cache.FOLDER / FOLDER, {path(root, domain).name for domain in domains})


def open_memo(root: Path, domain: str, environment: str, fresh: bool = False) -> SegmentCache:
    """The segment cache of document ``domain``; empty if ``fresh``, absent, damaged or of another environment."""
    file = path(root, domain)
    kept: dict[bytes, Any] = {}
    if not fresh:
        try:
            data = file.read_bytes()
        except OSError:
            data = b""
        kept = _entries(data, environment)
    return SegmentCache(file, environment, kept)


def _entries(data: bytes, environment: str) -> dict[bytes, Any]:
    """The entries of a cache file's bytes, or none if it is not a sound file of this format and environment."""
    if not data.startswith(MAGIC):
        return {}
    header, newline, payload = data[len(MAGIC) :].partition(b"\n")
    expected = f"{FORMAT} {environment} {_digest(payload)}".encode()
    if not newline or header != expected:
        return {}
    try:
        entries = marshal.loads(payload)  # the payload is the one this code wrote: its hash matched
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(entries, dict) or not all(isinstance(key, bytes) for key in entries):
        return {}
    return entries


def _digest(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=32).hexdigest()
