"""A project on disk: its settings, where its files live, and reading them.

This is the I/O edge for reading: the stage modules get data, never paths to open.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import LanguageError, SourceError
from pipeline.l10n import glossary as glossary_file
from pipeline.l10n import languages
from pipeline.l10n.glossary import Glossary
from pipeline.po import file as po_file
from pipeline.po.file import CatalogFile
from pipeline.po.model import Catalog
from pipeline.text.source import SUFFIXES, decode, parse, read_bytes
from pipeline.workspace import cache, config, lock, segments
from pipeline.workspace.config import Config, LanguageSettings

if TYPE_CHECKING:
    from pipeline.l10n.convert import MachineFill
    from pipeline.text.segment import Document

# Characters a document's file name may not have: it becomes a gettext domain, part of
# catalog paths and of ``#:`` references (one per line; a name with spaces goes between
# U+2068 and U+2069 there, pipeline/po/references.py, so it may not hold those two).
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\\\u0085\u2028\u2029\u2068\u2069]")


@dataclass(frozen=True)
class DocumentFile:
    """A source file and its gettext domain."""

    path: Path
    domain: str

    @property
    def suffix(self) -> str:
        """``.md`` or ``.txt``, however the file spells it (``NOTES.MD``): what its edition is named with."""
        return self.path.suffix.lower()


EDITION_SUFFIXES = (*SUFFIXES, ".html")  # what build and review write below build/<lang>/
REVIEW_SUFFIX = ".review.html"


@dataclass(frozen=True)
class Orphan:
    """A file where the tool writes whose source document is gone (deleted, or moved without it).

    Its name gives the domain; ``suffixes``: the source document's possible suffixes (an
    edition in the source's format names it; a template, catalog or HTML page does not).
    """

    path: Path
    kind: str  # "template", "catalog" or "edition"
    language: str | None  # None for a template
    domain: str
    suffixes: tuple[str, ...] = SUFFIXES


class Project:
    """Settings plus file locations of one project (the folder with pyproject.toml)."""

    def __init__(
        self,
        root: Path,
        settings: Config | None = None,
        lock_timeout: float | None = lock.DEFAULT_TIMEOUT,
        on_lock_wait: Callable[[lock.Waiting], None] | None = None,
        glossary: Glossary | None = None,
        program: str = "python cli.py",
        segment_cache: segments.Use = segments.READ_ONLY,
        helpers: int = 0,
    ) -> None:
        self.root = root
        self.segment_cache = segment_cache  # runs that write keep each document's segmentation (segments.py)
        self.helpers = helpers  # processes ``segmented`` may fork to segment part of a big document (text/halves.py)
        self.program = program  # how the user runs the commands, for the hints in messages
        self._settings = settings
        self._lock = lock.ProjectLock(root / lock.FILENAME, lock.FILENAME, lock_timeout, on_lock_wait)
        if glossary is not None:  # already read (a worker process gets the parent's)
            self.__dict__["glossary"] = glossary
        self._loaded = LoadedCatalogs()

    def shares_loads(self, other: Project) -> None:
        """Use ``other``'s catalogs read so far (the runner's copy of a project, working in the same process)."""
        self._loaded = other._loaded

    def __getstate__(self) -> dict[str, object]:
        """What a worker process gets (when spawned, not forked): all but the lock, which only the parent takes."""
        return {name: value for name, value in self.__dict__.items() if name not in ("_lock", "_loaded")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = lock.ProjectLock(self.root / lock.FILENAME, lock.FILENAME)
        self._loaded = LoadedCatalogs()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the project's lock (``pipeline.workspace.lock``) for a whole read-merge-write.

        The settings are read first: a folder that is no project gets no lock file.
        """
        _ = self.config
        with self._lock.held():
            yield

    @cached_property
    def config(self) -> Config:
        return self._settings or config.load(self.root)

    # ------------------------------------------------------------ languages

    def target(self, code: str) -> LanguageSettings:
        """A configured target language from a user-typed code."""
        return self.config.language(code)

    def resolve_language(self, code: str) -> str:
        """A target language or the source language, from a user-typed code (else ``target``'s error)."""
        with suppress(LanguageError):
            return languages.resolve(code, (self.config.source_language,))
        return self.target(code).code

    @property
    def traditional_source(self) -> bool:
        return self.config.source_language.endswith("_Hant")

    def machine(self, settings: LanguageSettings, ahead: Iterable[str] = ()) -> MachineFill | None:
        """The language's machine filler, or None; ``ahead``: texts to convert in one batch now (faster)."""
        if settings.converter is None:
            return None  # a language people translate: no filler (``machine_filler``'s answer), nothing loaded
        from pipeline.l10n.convert import batched, machine_filler  # OpenCC: only commands that fill (start-up)

        fill = machine_filler(settings.converter, settings.punctuation, self.traditional_source)
        if fill is None or settings.converter is None:
            return fill
        return batched(fill, settings.converter, settings.punctuation, self.traditional_source, ahead)

    # ------------------------------------------------------------ paths

    def display(self, path: Path) -> str:
        """A path as shown to people and in references: relative to the root, with '/'."""
        text = str(path)
        prefix = str(self.root).rstrip(os.sep) + os.sep
        if text.startswith(prefix):  # the usual case, without pathlib's parsing (thousands of calls per run)
            return text[len(prefix) :].replace(os.sep, "/")
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def template_path(self, domain: str) -> Path:
        return self.config.locales_dir / f"{domain}.pot"

    def catalog_path(self, language: str, domain: str) -> Path:
        return self.config.locales_dir / language / "LC_MESSAGES" / f"{domain}.po"

    def build_path(self, language: str, document: DocumentFile) -> Path:
        return self.config.build_dir / language / f"{document.domain}{document.suffix}"

    def review_path(self, language: str, document: DocumentFile) -> Path:
        return self.config.build_dir / language / f"{document.domain}{REVIEW_SUFFIX}"

    # ------------------------------------------------------------ orphans

    def orphan_templates(self, documents: Iterable[DocumentFile]) -> list[Orphan]:
        """The ``*.pot`` files below the locales folder that belong to no document, in path order."""
        domains = {d.domain for d in documents}
        return [
            Orphan(path, "template", None, domain)
            for path, domain in _managed(self.config.locales_dir, (".pot",))
            if domain not in domains
        ]

    def orphan_catalogs(self, language: str, documents: Iterable[DocumentFile]) -> list[Orphan]:
        """The ``*.po`` files of a language that belong to no document (a deleted or renamed one), in path order."""
        domains = {d.domain for d in documents}
        folder = self.config.locales_dir / language / "LC_MESSAGES"
        return [
            Orphan(path, "catalog", language, domain)
            for path, domain in _managed(folder, (".po",))
            if domain not in domains
        ]

    def orphan_editions(self, language: str, documents: Iterable[DocumentFile]) -> list[Orphan]:
        """The editions and pages below ``build/<language>/`` that no document gives, in path order."""
        folder = self.config.build_dir / language
        expected: set[Path] = set()
        for document in documents:
            edition = self.build_path(language, document)
            expected.update((edition, edition.with_suffix(".html"), self.review_path(language, document)))
        found = []
        for path, domain in _managed(folder, EDITION_SUFFIXES):
            if path in expected:
                continue
            if path.name.endswith(REVIEW_SUFFIX):
                found.append(Orphan(path, "edition", language, domain.removesuffix(".review")))
            elif path.suffix == ".html":
                found.append(Orphan(path, "edition", language, domain))
            else:
                found.append(Orphan(path, "edition", language, domain, (path.suffix,)))
        return found

    def orphans(self, documents: Iterable[DocumentFile]) -> list[Orphan]:
        """Every template, catalog and edition no current document gives: templates, then catalogs and
        editions per language (in the configured order; editions of the source language last).

        Only names this tool writes are considered (``*.pot``; ``*.po`` below
        ``<locales>/<lang>/LC_MESSAGES/`` of a configured language; ``*.md``, ``*.txt`` and
        ``*.html`` below ``<build>/<lang>/``), so a README, the glossary, the lock and the cache
        are never reported. Nothing is deleted: a catalog holds translators' work.
        """
        documents = list(documents)
        found = self.orphan_templates(documents)
        for code in self.config.language_codes:
            found += self.orphan_catalogs(code, documents)
        for code in (*self.config.language_codes, self.config.source_language):
            found += self.orphan_editions(code, documents)
        return found

    # ------------------------------------------------------------ reading

    def documents(self) -> list[DocumentFile]:
        """Every ``*.md``/``*.txt`` file below the source folder (``.MD`` too), in path order; each domain once."""
        folder = self.config.source_dir
        if not folder.is_dir():
            raise SourceError(
                "source folder not found; create it or set source_dir in pyproject.toml", self.display(folder)
            )
        root = self.root.resolve()
        found: dict[str, DocumentFile] = {}
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.suffix.lower() not in SUFFIXES or any(part.startswith(".") for part in relative.parts):
                continue
            shown = self.display(path)
            bad = _BAD_NAME.search(relative.as_posix())
            if bad:
                raise SourceError(
                    f"the file name has the character {bad.group()!r}, which cannot be part of a catalog name or "
                    "reference; rename the file",
                    repr(shown)[1:-1],
                )
            try:
                target = path.resolve(strict=True)
            except FileNotFoundError:
                raise SourceError("a link to nothing (its target is missing); remove it", shown) from None
            except (OSError, RuntimeError):  # a loop of links
                raise SourceError("a link that cannot be resolved (a loop of links?); remove it", shown) from None
            if not target.is_relative_to(root):
                raise SourceError("links outside the project; copy the file into the source folder instead", shown)
            if path.is_file():
                domain = relative.with_suffix("").as_posix()
                twin = found.get(domain)
                if twin is not None:
                    raise SourceError(
                        f"same gettext domain {domain!r} as {self.display(twin.path)}; rename one of the two",
                        self.display(path),
                    )
                found[domain] = DocumentFile(path, domain)
        if not found:
            raise SourceError(
                f"no documents (*.md or *.txt files) in the source folder; {_add_one(folder, self)}",
                self.display(folder),
            )
        return list(found.values())

    def source_bytes(self, document: DocumentFile) -> bytes:
        return read_bytes(document.path, Path(self.display(document.path)))

    def segmented(self, document: DocumentFile, data: bytes | None = None) -> Document:
        """The document read (``data``: its bytes, when already read), normalised and segmented.

        Only the lines the segment cache (``segments``) lacks are segmented; a run that
        writes keeps what it segmented there.
        """
        from pipeline.text.segment import segment  # the segmenter and markdown-it: only for runs that segment

        shown = Path(self.display(document.path))
        text = decode(self.source_bytes(document) if data is None else data, shown)
        source = parse(text, shown, document.domain)
        use = self.segment_cache
        if not use.read and not use.write:
            return segment(source, self.config.granularity, self.traditional_source)
        memo = segments.open_memo(self.root, document.domain, self.segment_environment, fresh=not use.read)
        found = segment(source, self.config.granularity, self.traditional_source, memo, self.helpers)
        if use.write:
            memo.save()
        return found

    @cached_property
    def segment_environment(self) -> str:
        """What segment cache entries are valid for: the code, libraries and settings (``cache.environment``)."""
        return cache.environment(self.config)

    def has_glossary(self) -> bool:
        """Whether the project has a glossary: one configured, or the default file present."""
        return self.config.glossary is not None or self.config.glossary_path.is_file()

    @cached_property
    def glossary(self) -> Glossary:
        """The project glossary; empty when none is configured and the default file is absent."""
        path = self.config.glossary_path
        if not self.has_glossary():
            return Glossary()
        if path.suffix.lower() == ".tbx":  # a terminology tool's glossary (issue 16)
            from pipeline.exchange import tbx

            return tbx.read_glossary(path, self.display(path), self.config.source_language)
        return glossary_file.read(path, self.display(path))

    def read_catalog(self, path: Path) -> Catalog | None:
        """The catalog at ``path``, or None if there is none yet."""
        found = self.load_catalog(path)
        return None if found is None else found.catalog

    def load_catalog(self, path: Path, known: CatalogFile | None = None, keep: bool = False) -> CatalogFile | None:
        """The catalog file at ``path`` with what a rewrite of it must know (its fingerprint…), or None.

        ``po.file.load``, with errors naming the file as the project shows it; ``known``: see there.
        ``keep``: the file will be read again in this run (the translation memory reads the
        catalogs the merges read next): the next read gets this parse if the bytes are the same.
        """
        return self._loaded.load(path, self.display(path), known, keep)


class LoadedCatalogs:
    """Catalog files read in this run and kept for their next read, so that a file read twice
    (for the translation memory, then for the merge) is parsed once. A kept parse is given out
    once, when the file still holds the same bytes, and only the last few are kept (a run over
    many documents must not hold them all in memory)."""

    KEPT = 8

    def __init__(self) -> None:
        self._files: dict[Path, po_file.CatalogFile] = {}

    def load(self, path: Path, display: str, known: CatalogFile | None, keep: bool) -> CatalogFile | None:
        """``po.file.load(path, display, known)``, without the parse when ``path`` was kept with these bytes."""
        earlier = self._files.pop(path, None)
        found = po_file.load(path, display, known if known is not None else earlier)
        if found is not None and keep:
            self._files[path] = found
            if len(self._files) > self.KEPT:
                del self._files[next(iter(self._files))]
        return found


def _add_one(folder: Path, project: Project) -> str:
    """What to do about a source folder with no documents: rename a file of another kind (``.markdown``), or add one."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            if path.suffix.lower() in _MARKDOWN_SUFFIXES:
                return f"add one ({project.display(path)} is not read: rename it to {path.stem}.md)"
            return f"add one ({project.display(path)} is not read: only .md and .txt files are)"
    return "add one"


_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".text")


def _managed(folder: Path, suffixes: tuple[str, ...]) -> list[tuple[Path, str]]:
    """The files below ``folder`` with one of ``suffixes`` (hidden ones skipped), with the name each
    gives a domain: its path below the folder without the suffix, in path order."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.suffix not in suffixes or any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            found.append((path, relative.with_suffix("").as_posix()))
    return found


def find_root(start: Path) -> Path:
    """The nearest folder, from ``start`` up, whose pyproject.toml configures this tool.

    Lets people run commands from ``source/`` or ``locales/en/``, as git does. Falls back to
    ``start`` (which then fails with a clear message when a command needs the settings).
    """
    return config.nearest(start) or start


def timestamp() -> str:
    """Now, in the PO header format; ``SOURCE_DATE_EPOCH`` fixes it for reproducible runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))
