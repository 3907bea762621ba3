"""Planning, in memory: what a command would write for one document, before anything is written.

``plan_document`` segments a source document and builds its template; ``plan_catalog``
merges that template into one language's catalog, using the translation memory
(``memory``) of the language's other catalogs. Each plan carries its files as
``PlannedFile`` records (the bytes, and whether they change the file), so that every
command can decide, report and write separately: the worker and the commands build on this.
``merging`` runs a read-merge-write under the project lock and once more when a
translator saved a catalog meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from pipeline.errors import ConflictError, OutputError
from pipeline.l10n import counts, glossary, languages, template
from pipeline.l10n.counts import Counts
from pipeline.l10n.glossary import Glossary
from pipeline.l10n.merge_records import MemoryHit, MergeCounts
from pipeline.l10n.template import SourceWarning
from pipeline.po import file as po_file
from pipeline.po import header
from pipeline.po.model import Catalog
from pipeline.po.write import render
from pipeline.workspace import fs
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile, Project, timestamp

if TYPE_CHECKING:
    from pipeline.text.segment import Document


@dataclass(frozen=True)
class PlannedFile:
    """A file the pipeline would write: where, what, and whether that changes it."""

    path: Path
    display: str
    data: bytes
    changed: bool
    created: bool
    expected: str | None = None  # the fingerprint of the file as read, for the merge; None: not guarded


@dataclass(frozen=True)
class DocumentPlan:
    file: DocumentFile
    document: Document
    columns: template.Columns  # the template as written, as columns (extract needs no Catalog)
    template_file: PlannedFile
    warnings: tuple[SourceWarning, ...]

    @cached_property
    def template(self) -> Catalog:
        """The template as written, as a ``Catalog`` (made when first asked for: a merge, check)."""
        return self.columns.catalog()

    def localised(self, terms: Glossary, language: str) -> Catalog:
        """The template as ``language``'s catalogs get it: with that language's glossary terms only."""
        return glossary.localise(self.template, terms, language)


class TemplatePlan(Protocol):
    """What merging a document's catalogs needs of its template: a ``DocumentPlan``, or a template
    the cache vouches for (``recorded.KnownTemplate``)."""

    @property
    def file(self) -> DocumentFile: ...

    def localised(self, terms: Glossary, language: str) -> Catalog: ...


@dataclass(frozen=True)
class CatalogPlan:
    language: str
    domain: str
    catalog: Catalog
    file: PlannedFile
    counts: MergeCounts
    status: Counts  # the merged catalog's completeness, as `status` counts it
    notices: tuple[str, ...] = ()  # what the write changes about the file besides entries (charset, …)
    previous: Catalog | None = None  # the catalog as the file held it (None: no file yet)
    content: str | None = None  # the digest of ``file.data``, when asked for (``plan_catalog``'s ``hashed``)


def planned_file(project: Project, path: Path, text: str, expected: str | None = None) -> PlannedFile:
    """The file ``path`` would become with ``text``, compared with what it holds now (``expected``: see PlannedFile)."""
    data = text.encode("utf-8")
    old = _current_bytes(project, path)
    return PlannedFile(path, project.display(path), data, old != data, old is None, expected)


def _current_bytes(project: Project, path: Path) -> bytes | None:
    """What ``path`` holds now (None: no file); OutputError if something is in the way or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except (NotADirectoryError, IsADirectoryError):
        blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
        raise OutputError(
            f"cannot write: {project.display(blocker)} is in the way (a file where a folder belongs, or the reverse)",
            project.display(path),
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot read: {exc.strerror}", project.display(path)) from None


def plan_document(project: Project, file: DocumentFile, now: str, data: bytes | None = None) -> DocumentPlan:
    """Segment one document (``data``: its bytes, when already read) and build its template."""
    document = project.segmented(file, data)
    shown = project.display(file.path)
    built = template.build(document, shown, now, project.glossary, project.config.language_codes)
    pot, planned = _template_file(project, project.template_path(file.domain), built)
    return DocumentPlan(file, document, pot, planned, template.warnings(document, shown))


def _template_file(project: Project, path: Path, built: template.Columns) -> tuple[template.Columns, PlannedFile]:
    """The template as written, keeping the file's creation date when no entry changed (``template.dated``).

    The usual case, nothing changed, costs no parse: written with the file's own date, the
    template gives the file's very bytes. Otherwise the file is parsed and its entries compared.
    """
    current = _current_bytes(project, path)
    date = None if current is None else po_file.header_value(current, "POT-Creation-Date")
    if date is not None:
        kept = built.with_date(date)
        data = kept.render().encode("utf-8")
        if data == current:
            return kept, PlannedFile(path, project.display(path), data, False, False)
    previous = project.read_catalog(path)
    if previous is not None:  # ``template.dated``, without a Catalog when there is no previous template
        dated = template.dated(built.catalog(), previous)
        date = header.creation_date(dated)
        if date is not None:
            built = built.with_date(date)
    return built, planned_file(project, path, built.render())


def plan_documents(project: Project) -> list[DocumentPlan]:
    """Segment every document and build its template."""
    now = timestamp()
    return [plan_document(project, file, now) for file in project.documents()]


def target_languages(project: Project, codes: tuple[str, ...]) -> list[LanguageSettings]:
    """The settings of the languages ``codes`` names, each once, in that order; every target language if none."""
    if not codes:
        return list(project.config.languages)
    chosen: list[LanguageSettings] = []
    for code in codes:
        settings = project.target(code)
        if settings not in chosen:
            chosen.append(settings)
    return chosen


def plan_catalog(
    project: Project,
    settings: LanguageSettings,
    plan: TemplatePlan,
    memory: Mapping[str, MemoryHit] | None = None,
    hashed: bool = False,
) -> CatalogPlan:
    """Merge a document's template into one language's catalog (in memory).

    The language's catalog gets its own glossary terms only (the template lists every language's).
    ``hashed``: give the digest of the planned file too (computed while the catalog is counted).
    """
    from pipeline.l10n import merge  # only commands that merge load it (start-up: extract does not)

    localised = plan.localised(project.glossary, settings.code)
    path = project.catalog_path(settings.code, plan.file.domain)
    read = project.load_catalog(path)
    # none yet: a fresh one; an emptied file, or one written by hand, gets a proper header (babel's plural
    # rules, loaded for these only: start-up)
    if read is None or not read.catalog.has_header:
        fresh = _fresh_catalog(project, settings, plan.file, localised)
        existing = fresh if read is None else header.with_header_of(read.catalog, fresh)
    else:
        existing = read.catalog
    machine = project.machine(settings, ahead=(e.msgid for e in (*localised.entries, *existing.entries)))
    merged = merge.merge(
        localised,
        existing,
        machine,
        settings.copy_untranslatable,
        memory,
        memory_translated=project.config.memory_matches == "translated",
        chinese=languages.is_chinese(settings.code),
    )
    written, notices = po_file.prepare(read, merged.catalog)
    # compared with the file as it is now, not as read: a catalog saved meanwhile is noticed (``merging``)
    planned = planned_file(project, path, render(written), read.fingerprint if read is not None else fs.ABSENT)
    if hashed:
        content, status = fs.digest_beside(planned.data, lambda: counts.count(written, machine))
    else:
        content, status = None, counts.count(written, machine)
    return CatalogPlan(
        settings.code,
        plan.file.domain,
        written,
        planned,
        merged.counts,
        status,
        notices if planned.changed else (),
        None if read is None else read.catalog,
        content,
    )


def _fresh_catalog(project: Project, settings: LanguageSettings, file: DocumentFile, template: Catalog) -> Catalog:
    return fresh_catalog(project, settings, file, header.creation_date(template))


def headed(project: Project, settings: LanguageSettings, file: DocumentFile, catalog: Catalog) -> Catalog:
    """``catalog`` with the header ``update`` gives a file written without one (msgfmt needs one), for the
    writes that are not merges: a workbench save, an import. As it is if it has a header."""
    if catalog.has_header:
        return catalog
    try:
        template = project.template_path(file.domain).read_bytes()
    except OSError:
        template = b""
    pot_date = po_file.header_value(template, "POT-Creation-Date") if template else None
    return header.with_header_of(catalog, fresh_catalog(project, settings, file, pot_date))


def fresh_catalog(project: Project, settings: LanguageSettings, file: DocumentFile, pot_date: str | None) -> Catalog:
    """An empty catalog with the header a new one gets (babel's Plural-Forms, UTF-8).

    ``pot_date``: the template's ``POT-Creation-Date`` (None: now). Also the header a file
    written without one gets on its next write (``update``, a workbench save).
    """
    return Catalog(
        header=header.translation_fields(
            settings.code, languages.plural_forms(settings.code), file.domain, pot_date or timestamp()
        ),
        header_comments=(f"{languages.bcp47(settings.code)} translation of {project.display(file.path)}.",),
    )


def write_planned(planned: PlannedFile) -> bool:
    """Write a planned file if it changes anything (guarded by its ``expected`` fingerprint). True if written."""
    if not planned.changed:
        return False
    return fs.write_if_changed(planned.path, planned.data, planned.display, planned.expected)


_Result = TypeVar("_Result")


def merging(project: Project, run: Callable[[], _Result]) -> tuple[_Result, tuple[str, ...]]:
    """Run a read-merge-write under the project lock; if a catalog changed on disk meanwhile, once more.

    A translator may save a catalog between its read and its write: the write notices
    (``fs``: the fingerprint no longer matches) and leaves the file alone. Then everything is
    read and merged again, with the translator's version. If the file changes again, the
    command stops with ``ConflictError`` naming it. Returns the result and the files re-read.
    """
    with project.locked():
        try:
            return run(), ()
        except ConflictError as first:
            try:
                return run(), (first.path or "",)
            except ConflictError as again:
                raise ConflictError(
                    "changed on disk again while this command ran (someone is editing it); not overwritten: "
                    "save it, then run the command again",
                    again.path,
                ) from None
