"""The state of one running workbench: the project, lookups by id, caches of what was read, the save lock.

Catalogs are read from disk on every request (Poedit, ``update`` or ``git pull`` may change them
at any time); what is kept is keyed by the bytes' hash or the file's signature, so it is never stale.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline import operations
from pipeline.errors import PipelineError
from pipeline.po import file as po_file
from pipeline.po.model import Catalog
from pipeline.workbench import editor, helpers
from pipeline.workbench.web import BadRequest
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile, Project


class Workbench:
    """The state of one running workbench: the project, caches of what was read, the save lock."""

    def __init__(self, project: Project, compendia: tuple[Path, ...] = (), long_lived: bool = False) -> None:
        self.project = project
        self.long_lived = long_lived  # a server: what it reads is kept out of the cyclic GC (``_kept``)
        self.compendia = compendia  # ``serve --compendium``: more known translations for the suggestions
        self.save_lock = threading.Lock()
        self._documents: dict[str, tuple[str, Any]] = {}  # domain -> (source hash, Document)
        self._memory: dict[str, tuple[tuple[object, ...], list[helpers.Pair]]] = {}
        self._catalogs: dict[Path, po_file.CatalogFile] = {}
        self._outlines: dict[str, tuple[str, tuple[editor.Place, ...]]] = {}  # domain -> (source hash, outline)
        self._entries: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
        self._reading = threading.RLock()  # one reader at a time: a page asked during the warm-up waits for it

    # ------------------------------------------------------------ lookups by id

    def language(self, code: str) -> LanguageSettings:
        if code not in self.project.config.language_codes:
            raise BadRequest(404, f"no such language in this project: {code!r}")
        return self.project.target(code)

    def document(self, domain: str) -> DocumentFile:
        for file in self.project.documents():
            if file.domain == domain:
                return file
        raise BadRequest(404, f"no such document in this project: {domain!r}")

    def source_hash(self, file: DocumentFile) -> str:
        return hashlib.sha256(self.project.source_bytes(file)).hexdigest()[:20]

    def segmented(self, file: DocumentFile) -> Any:
        data = self.project.source_bytes(file)
        digest = hashlib.sha256(data).hexdigest()[:20]
        with self._reading:  # not segmented twice at once (the warm-up and the first page)
            cached = self._documents.get(file.domain)
            if cached is None or cached[0] != digest:
                with self._kept():
                    cached = (digest, self.project.segmented(file, data))
                self._documents[file.domain] = cached
            return cached[1]

    def catalog_file(self, code: str, file: DocumentFile) -> po_file.CatalogFile | None:
        return self.load(self.project.catalog_path(code, file.domain))

    def load(self, path: Path) -> po_file.CatalogFile | None:
        return self.load_bytes(path)[0]

    def load_bytes(self, path: Path) -> tuple[po_file.CatalogFile | None, bytes]:
        """The catalog at ``path`` as it is on disk now; parsed again only when its bytes changed.

        The bytes are read and hashed every time (milliseconds for 50,000 entries); the parse,
        ten times that, is kept per content hash, so it can never be stale.
        """
        with self._reading, self._kept():
            found = self.project.load_catalog(path, self._catalogs.get(path))
            if found is None:
                return None, b""
            self._catalogs[path] = found
        return found, found.data

    @contextlib.contextmanager
    def _kept(self) -> Iterator[None]:
        """Build what the server keeps (a segmented document, a parsed catalog) with the cyclic GC paused,
        then freeze it (``gc.freeze``) so later collections do not scan it again.

        These are acyclic trees of frozen records, freed by reference counting when replaced; the
        cyclic GC only slows their building (a 50,000-segment document: about a third of a cold
        open, with the dictionary's objects scanned again and again). Only in a server (``long_lived``).
        """
        if not self.long_lived:
            yield
            return
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if enabled:
                gc.enable()
            gc.freeze()

    def machine(self, settings: LanguageSettings) -> editor.MachineFill | None:
        return self.project.machine(settings)

    def remember(self, path: Path, written: Catalog, data: bytes) -> None:
        """The catalog just written to ``path`` as ``data``: the next read need not parse it again."""
        self._catalogs[path] = po_file.written(written, data)

    def view(self, code: str, file: DocumentFile) -> tuple[po_file.CatalogFile, Any, tuple[editor.Place, ...]]:
        """The catalog now on disk, the segmented document and its outline (kept while the source is unchanged).

        Only the page shown is built in full (``editor.page_items``): the outline is cheap.
        """
        document = self.segmented(file)
        read = self.catalog_file(code, file)
        if read is None:
            shown = self.project.display(self.project.catalog_path(code, file.domain))
            raise BadRequest(404, f"{shown}: no catalog yet; run `{self.project.program} update` first")
        digest = self._documents[file.domain][0]
        cached = self._outlines.get(file.domain)
        if cached is None or cached[0] != digest:
            cached = (digest, editor.outline(document))
            self._outlines[file.domain] = cached
        return read, document, cached[1]

    def entries(self, code: str, file: DocumentFile, read: po_file.CatalogFile) -> dict[str, Any]:
        """The entries of ``read`` (``code``'s catalog of ``file``) by msgid, kept while its bytes are the same."""
        cached = self._entries.get((code, file.domain))
        if cached is None or cached[0] != read.fingerprint:
            cached = (read.fingerprint, editor.entries_of(read.catalog))
            self._entries[(code, file.domain)] = cached
        return cached[1]

    def warm(self) -> None:
        """Read the dictionary, segment every document and read its catalogs now (``serve``: in the background)."""
        with self._kept():
            helpers.dictionary()
        for file in self.project.documents():
            for code in self.project.config.language_codes:
                with contextlib.suppress(PipelineError, BadRequest):  # shown when the page is asked for
                    self.entries(code, file, self.view(code, file)[0])

    def memory(self, code: str) -> list[helpers.Pair]:
        """Every translated entry of the language: documents' catalogs, orphaned ones, then the compendia
        (all re-read when they change)."""
        files = self.project.documents()
        paths = [self.project.catalog_path(code, f.domain) for f in files]
        paths += [o.path for o in self.project.orphan_catalogs(code, files)]
        key = tuple((str(p), *signature(p)) for p in [*paths, *self.compendia])
        cached = self._memory.get(code)
        if cached is not None and cached[0] == key:
            return cached[1]
        pairs: list[helpers.Pair] = []
        for path in paths:
            if not path.exists():
                continue
            shown = self.project.display(path)
            found = self.load(path)
            if found is not None:
                pairs += [helpers.Pair(s, t, shown) for s, t in operations.memory.memory_pairs(found.catalog)]
        settings = self.project.target(code)
        for path in self.compendia:  # read as ``update --compendium`` reads them (.po, .mo, .tmx)
            hits = operations.memory.translation_memory(self.project, settings, [], (path,), None, [])
            pairs += [helpers.Pair(msgid, hit.msgstr, hit.origin) for msgid, hit in hits.items()]
        self._memory[code] = (key, pairs)
        return pairs


def signature(path: Path) -> tuple[int, int]:
    """The file's modification time and size: whether it changed since it was last read."""
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)
