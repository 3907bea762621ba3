"""The template records: what each document's template holds, kept so that it is not built again.

When the cache holds the fact that a document's ``.pot`` is what its source gives now
(``cache.Cache.holds``), a command that merges catalogs needs the template's entries but not
its segmentation or its bytes: the record gives them. One file per document,
``.article-l10n-cache/templates/<hash of the domain>.bin``: a header line (format, the cache
environment, the content hash of the ``.pot`` it describes, the payload's hash), then the
``marshal``led payload (what it holds: ``operations.recorded``). A record is used only for the
very ``.pot`` content it was made with, in the same environment; one that is unreadable,
damaged, of another format, environment or template is ignored (the template is built again),
never trusted. Writes are atomic, not flushed: a torn write is caught by the hash. Why:
docs/many-documents.md ("The template records").
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError
from pipeline.workspace import cache, fs

FOLDER = "templates"
MAGIC = b"article-l10n template record\n"
FORMAT = 1


def path(root: Path, domain: str) -> Path:
    """The record of the document ``domain``: named by a hash (a domain may have folders, any characters)."""
    name = hashlib.blake2b(domain.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return root / cache.FOLDER / FOLDER / f"{name}.bin"


def save(root: Path, domain: str, environment: str, template: str, payload: tuple[Any, ...]) -> None:
    """Keep ``payload`` as the record of the template whose content hash is ``template``. Not writable: no error."""
    data = marshal.dumps(payload)
    header = f"{FORMAT} {environment} {template} {_digest(data)}\n".encode()
    file = path(root, domain)
    folder = file.parent.parent
    with contextlib.suppress(OutputError):  # a read-only project: the next run builds the template again
        if not (folder / ".gitignore").exists():
            fs.write_if_changed(folder / ".gitignore", b"# Made by article-l10n: a cache, never committed.\n*\n")
            fs.write_if_changed(folder / "CACHEDIR.TAG", cache.CACHEDIR_TAG)
        fs.replace_cache_file(file, MAGIC + header + data)  # validated when read: no fsync


def load(root: Path, domain: str, environment: str, template: str) -> Any:
    """The payload recorded for the template with content hash ``template`` in ``environment``; None if there
    is no sound record of it."""
    try:
        data = path(root, domain).read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    header, newline, payload = data[len(MAGIC) :].partition(b"\n")
    if not newline or header != f"{FORMAT} {environment} {template} {_digest(payload)}".encode():
        return None
    try:
        return marshal.loads(payload)  # the payload this code wrote: its hash matched
    except (EOFError, ValueError, TypeError):
        return None


def prune(root: Path, domains: Iterable[str]) -> None:
    """Delete the records of documents that are gone (deleted or renamed): only current ones stay."""
    cache.prune_files(root / cache.FOLDER / FOLDER, {path(root, domain).name for domain in domains})


def _digest(payload: bytes) -> str:
    return fs.digest(payload)  # SHA-256: the cache's one hash, and the fastest here (the CPU does it)
