"""The commands as functions: extract, update, status, check (with the quality checks), build, review.

Each reads what it needs through ``Project``, calls the pure stages, writes atomically
through ``fs`` and returns a frozen result record. Nothing here prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TypeVar

from . import assemble, cache, catalog, fs, languages, parallel, pofile, qa
from . import extract as extract_stage
from . import glossary as glossary_stage
from . import html as html_stage
from . import merge as merge_stage
from . import review as review_stage
from . import status as status_stage
from .bulk import paused_gc
from .catalog import Catalog
from .config import LanguageSettings
from .errors import CatalogError, ConflictError, OutputError, PipelineError, UsageError
from .extract import SourceWarning
from .merge import MemoryHit, MergeCounts
from .parallel import Progress, Step
from .project import DocumentFile, Project, timestamp
from .qa import Finding
from .segment import Document
from .status import Counts

# ---------------------------------------------------------------- planning (in memory)


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
    template: Catalog
    template_file: PlannedFile
    warnings: tuple[SourceWarning, ...]


@dataclass(frozen=True)
class CatalogPlan:
    language: str
    domain: str
    catalog: Catalog
    file: PlannedFile
    counts: MergeCounts
    status: Counts  # the merged catalog's completeness, as `status` counts it
    notices: tuple[str, ...] = ()  # what the write changes about the file besides entries (charset, …)


def _planned(project: Project, path: Path, text: str, expected: str | None = None) -> PlannedFile:
    data = text.encode("utf-8")
    try:
        old: bytes | None = path.read_bytes()
    except FileNotFoundError:
        old = None
    except (NotADirectoryError, IsADirectoryError):
        blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
        raise OutputError(
            f"cannot write: {project.display(blocker)} is in the way (a file where a folder belongs, or the reverse)",
            project.display(path),
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot read: {exc.strerror}", project.display(path)) from None
    return PlannedFile(path, project.display(path), data, old != data, old is None, expected)


def plan_document(project: Project, file: DocumentFile, now: str, data: bytes | None = None) -> DocumentPlan:
    """Segment one document (``data``: its bytes, when already read) and build its template."""
    document = project.segmented(file, data)
    shown = project.display(file.path)
    template_path = project.template_path(file.domain)
    previous = project.read_catalog(template_path)
    template = extract_stage.template(document, shown, now, previous, project.glossary, project.config.language_codes)
    return DocumentPlan(
        file,
        document,
        template,
        _planned(project, template_path, catalog.render(template)),
        extract_stage.warnings(document, shown),
    )


def plan_documents(project: Project) -> list[DocumentPlan]:
    """Segment every document and build its template."""
    now = timestamp()
    return [plan_document(project, file, now) for file in project.documents()]


def translation_memory(
    project: Project,
    settings: LanguageSettings,
    files: list[DocumentFile],
    compendia: tuple[Path, ...] = (),
    store: cache.Cache | None = None,
) -> dict[str, MemoryHit]:
    """Translated entries of every catalog of this language, then of each compendium.

    The first translation found for a msgid wins: the project's catalogs in document order,
    then the compendia (``.po``, or compiled ``.mo``) in the order given. With a ``store``,
    the translations of a catalog it has seen as it is now are not parsed again.
    """
    memory: dict[str, MemoryHit] = {}
    sources = [project.catalog_path(settings.code, f.domain) for f in files] + list(compendia)
    for path in sources:
        if path in compendia and not path.is_file():
            raise PipelineError("compendium not found", project.display(path))
        origin = project.display(path)
        known = store.translations(settings.code, origin) if store is not None and path not in compendia else None
        if known is None:
            if store is not None:
                store.observe([origin])  # before reading, so that a change while it is read shows next time
            found = _translated(project, path, origin)
            if found is None:
                continue
            known, content = found
            if store is not None and content is not None:
                store.store_translations(settings.code, origin, content, known)
        for msgid, msgstr in known:
            memory.setdefault(msgid, MemoryHit(msgstr, origin))
    return memory


def _translated(project: Project, path: Path, origin: str) -> tuple[list[tuple[str, str]], str | None] | None:
    """(msgid, msgstr) of a catalog's translated entries and its content hash (None for a .mo); None: no file."""
    if path.suffix == ".mo":
        found: Catalog = catalog.read_mo(path, origin)
        content = None
    else:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CatalogError(f"cannot read: {exc.strerror}", origin) from None
        found = pofile.from_bytes(data, origin).catalog
        content = cache.digest(data)
    return _memory_pairs(found), content


def _memory_pairs(found: Catalog) -> list[tuple[str, str]]:
    """What a catalog gives the translation memory: (msgid, msgstr) of its translated simple entries."""
    return [(e.msgid, e.msgstr) for e in found.live if e.translated and e.msgctxt is None and e.msgid_plural is None]


def _memories(
    project: Project,
    targets: list[LanguageSettings],
    files: list[DocumentFile],
    compendia: tuple[Path, ...],
    refresh: bool = True,
    store: cache.Cache | None = None,
) -> dict[str, dict[str, MemoryHit]]:
    """The translation memory of each target language (none for machine-filled ones)."""
    return {
        t.code: translation_memory(project, t, files, compendia, store) if refresh and t.converter is None else {}
        for t in targets
    }


def plan_catalog(
    project: Project, settings: LanguageSettings, plan: DocumentPlan, memory: Mapping[str, MemoryHit] | None = None
) -> CatalogPlan:
    """Merge a document's template into one language's catalog (in memory).

    The language's catalog gets its own glossary terms only (the template lists every language's).
    """
    template = glossary_stage.localise(plan.template, project.glossary, settings.code)
    path = project.catalog_path(settings.code, plan.file.domain)
    read = project.load_catalog(path)
    existing = read.catalog if read is not None else None
    fresh = _fresh_catalog(project, settings, plan)
    if existing is None:
        existing = fresh
    elif not existing.has_header:  # an emptied file, or one written by hand: give it a proper header
        existing = replace(existing, has_header=True, header=fresh.header, header_comments=fresh.header_comments)
    machine = project.machine(settings, ahead=(e.msgid for e in (*template.entries, *existing.entries)))
    merged = merge_stage.merge(
        template,
        existing,
        machine,
        settings.copy_untranslatable,
        memory,
        memory_translated=project.config.memory_matches == "translated",
    )
    written, notices = pofile.prepare(read, merged.catalog)
    planned = _planned(project, path, catalog.render(written), read.fingerprint if read is not None else fs.ABSENT)
    return CatalogPlan(
        settings.code,
        plan.file.domain,
        written,
        planned,
        merged.counts,
        status_stage.count(written, machine),
        notices if planned.changed else (),
    )


def _fresh_catalog(project: Project, settings: LanguageSettings, plan: DocumentPlan) -> Catalog:
    """An empty catalog with the header a new one gets (babel's Plural-Forms, UTF-8)."""
    pot_date = plan.template.header_value("POT-Creation-Date") or timestamp()
    header = merge_stage.new_header(settings.code, languages.plural_forms(settings.code), plan.file.domain, pot_date)
    return Catalog(
        header=header,
        header_comments=(f"{languages.bcp47(settings.code)} translation of {project.display(plan.file.path)}.",),
    )


def _write(planned: PlannedFile) -> bool:
    if not planned.changed:
        return False
    return fs.write_if_changed(planned.path, planned.data, planned.display, planned.expected)


_Result = TypeVar("_Result")


def _merging(project: Project, run: Callable[[], _Result]) -> tuple[_Result, tuple[str, ...]]:
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


# ---------------------------------------------------------------- many documents: the cache and the workers


@dataclass(frozen=True)
class Work:
    """What a command makes of every document."""

    templates: bool = False  # refresh the template (required for merging catalogs)
    catalogs: tuple[str, ...] = ()  # merge these languages' catalogs
    editions: tuple[str, ...] = ()  # write these languages' editions (the source language's too)
    formats: tuple[str, ...] = ("md",)


@dataclass(frozen=True)
class RunStats:
    """How a command went through the documents."""

    documents: int
    cached: int  # skipped: the cache says their outputs are current
    processed: int
    processes: int  # worker processes used (1: this process)


@dataclass(frozen=True)
class DocumentOutcome:
    """What a command made of one document: the files to write and what to report."""

    file: DocumentFile
    warnings: tuple[SourceWarning, ...]
    template: FileResult | None
    catalogs: tuple[CatalogResult, ...]
    editions: tuple[BuiltDocument, ...]
    files: tuple[PlannedFile, ...] = ()  # in writing order; an unchanged file carries no data
    facts: tuple[cache.Fact, ...] = ()  # how each output was made, for the cache
    counts: tuple[tuple[str, str, Counts], ...] = ()  # (catalog, content hash, status counts)
    memory: tuple[tuple[str, str, str, list[tuple[str, str]]], ...] = ()  # (language, catalog, hash, translations)
    cached: bool = False


@dataclass(frozen=True)
class _Batch:
    """Everything a worker needs besides the document: sent to each worker process once."""

    project: Project
    work: Work
    now: str
    memories: Mapping[str, Mapping[str, MemoryHit]]


class _Made:
    """The files a worker made for one document, with how each was made (for the cache)."""

    def __init__(self) -> None:
        self.files: list[PlannedFile] = []
        self.facts: list[cache.Fact] = []
        self.counts: list[tuple[str, str, Counts]] = []
        self.memory: list[tuple[str, str, str, list[tuple[str, str]]]] = []

    def add(self, planned: PlannedFile, inputs: Mapping[str, str | None], info: Mapping[str, object]) -> str:
        """Keep ``planned``; return its content hash."""
        content = cache.digest(planned.data)
        self.files.append(planned)
        self.facts.append(cache.Fact(planned.display, content, inputs, info))
        return content

    def unchanged_without_data(self) -> tuple[PlannedFile, ...]:
        return tuple(f if f.changed else replace(f, data=b"") for f in self.files)


@paused_gc()  # one document's bulk of small records (see bulk.py)
def _process(batch: _Batch, file: DocumentFile) -> DocumentOutcome:
    """One document's work (runs in a worker process): read, segment, merge, assemble; write nothing."""
    project, work = batch.project, batch.work
    data = project.source_bytes(file)
    source = {project.display(file.path): cache.digest(data)}
    made = _Made()
    template: FileResult | None = None
    warnings: tuple[SourceWarning, ...] = ()
    catalogs: list[CatalogResult] = []
    merged: dict[str, tuple[Catalog, str, str]] = {}  # language -> catalog, its file, its content hash
    if work.templates:
        plan = plan_document(project, file, batch.now, data)
        document, warnings = plan.document, plan.warnings
        planned = plan.template_file
        content = made.add(planned, source, {"warnings": [[w.line, w.message] for w in warnings]})
        template = FileResult(planned.display, planned.changed, planned.created)
        for code in work.catalogs:
            cplan = plan_catalog(project, project.target(code), plan, batch.memories.get(code))
            merged_content = made.add(cplan.file, {planned.display: content}, {"entries": len(cplan.catalog.live)})
            made.counts.append((cplan.file.display, merged_content, cplan.status))
            if project.target(code).converter is None:  # what the next run's translation memory will read
                made.memory.append((code, cplan.file.display, merged_content, _memory_pairs(cplan.catalog)))
            merged[code] = (cplan.catalog, cplan.file.display, merged_content)
            catalogs.append(_result(cplan))
    else:
        document = project.segmented(file, data)
    editions: list[BuiltDocument] = []
    unique = {s.text for s in document.segments()}
    for code in work.editions:
        inputs: dict[str, str | None] = dict(source)
        translations: dict[str, str] = {}
        if code != project.config.source_language:
            current: Catalog
            catalog_content: str | None
            if code in merged:
                current, name, catalog_content = merged[code]
            else:  # the catalog as it is on disk (build --no-update)
                current, name, catalog_content = _catalog_on_disk(project, project.target(code), file, made)
            inputs[name] = catalog_content
            translations = {e.msgid: e.msgstr for e in current.live if e.translated and e.msgctxt is None}
        done = len(unique) if code == project.config.source_language else sum(1 for t in unique if t in translations)
        text = assemble.render(document, translations, languages.is_chinese(code))
        for built, planned in _editions(project, code, file, text, len(unique), done, work.formats):
            made.add(planned, inputs, {"segments": built.segments, "translated": built.translated})
            editions.append(built)
    return DocumentOutcome(
        file,
        warnings,
        template,
        tuple(catalogs),
        tuple(editions),
        made.unchanged_without_data(),
        tuple(made.facts),
        tuple(made.counts),
        tuple(made.memory),
    )


def _catalog_on_disk(
    project: Project, settings: LanguageSettings, file: DocumentFile, made: _Made
) -> tuple[Catalog, str, str | None]:
    """A catalog as it is (an empty one if there is none), its file and content hash (None: no file)."""
    path = project.catalog_path(settings.code, file.domain)
    name = project.display(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Catalog(), name, None
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", name) from None
    found = pofile.from_bytes(data, name).catalog
    content = cache.digest(data)
    machine = project.machine(settings, ahead=(e.msgid for e in found.entries))
    made.counts.append((name, content, status_stage.count(found, machine)))
    return found, name, content


def _outputs(project: Project, file: DocumentFile, work: Work) -> list[str]:
    """The files ``work`` makes for ``file``, as the cache names them."""
    names = []
    if work.templates:
        names.append(project.display(project.template_path(file.domain)))
    names += [project.display(project.catalog_path(code, file.domain)) for code in work.catalogs]
    for code in work.editions:
        edition = project.build_path(code, file)
        for fmt in work.formats:
            names.append(project.display(edition.with_suffix(".html") if fmt == "html" else edition))
    return names


def _cached(project: Project, store: cache.Cache, file: DocumentFile, work: Work) -> DocumentOutcome | None:
    """The outcome of ``work`` on ``file`` as the cache knows it, if every output is current; else None."""
    facts = {}
    for name in _outputs(project, file, work):
        fact = store.holds(name)
        if fact is None:
            return None
        facts[name] = fact
    names = iter(facts.values())
    template = next(names) if work.templates else None
    shown = project.display(file.path)
    warnings = (
        tuple(SourceWarning(shown, line, message) for line, message in template.info["warnings"]) if template else ()
    )
    catalogs = tuple(
        CatalogResult(code, file.domain, fact.output, False, False, MergeCounts(unchanged=fact.info["entries"]))
        for code, fact in zip(work.catalogs, names, strict=False)
    )
    editions = tuple(
        BuiltDocument(code, file.domain, fact.output, fact.info["segments"], fact.info["translated"], False, fmt)
        for code in work.editions
        for fmt, fact in zip(work.formats, names, strict=False)
    )
    return DocumentOutcome(
        file, warnings, FileResult(template.output, False) if template else None, catalogs, editions, cached=True
    )


def _commit(store: cache.Cache | None, outcome: DocumentOutcome) -> None:
    """Write a document's changed files, then record how they were made."""
    for planned in outcome.files:
        if _write(planned) and store is not None:
            store.wrote(planned.display)
    if store is not None:
        for fact in outcome.facts:
            store.record(fact)
        for name, content, counts in outcome.counts:
            store.store_counts(name, content, _counts_list(counts))
        for language, name, content, pairs in outcome.memory:
            store.store_translations(language, name, content, pairs)


def _counts_list(counts: Counts) -> list[int]:
    return [getattr(counts, f.name) for f in fields(Counts)]


def _open_cache(project: Project, compendia: tuple[Path, ...], force: bool) -> cache.Cache:
    glossary = [project.config.glossary_path]
    environment = cache.environment(project.config, [*glossary, *compendia])
    return cache.Cache.open(project.root, environment, fresh=force)


def _run(
    project: Project,
    work: Work,
    *,
    write: bool = True,
    hold: bool = False,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    compendia: tuple[Path, ...] = (),
) -> tuple[list[DocumentOutcome], RunStats, cache.Cache]:
    """Do ``work`` on every document, in document order.

    Documents whose outputs the cache knows to be current are skipped; the others run on
    ``jobs`` processes (default: every core) when there is enough work. With ``write``,
    each document's changed files are written as soon as it is done (so an error leaves
    the documents before it written, and none after it), unless ``hold``: then the
    caller writes them with ``_commit`` once it has seen every outcome.
    """
    for path in compendia:
        if not path.is_file():
            raise PipelineError("compendium not found", project.display(path))
    files = project.documents()
    store = _open_cache(project, compendia, force)
    outcomes: list[DocumentOutcome | None] = []
    todo: list[DocumentFile] = []
    for file in files:
        hit = _cached(project, store, file, work)
        outcomes.append(hit)
        if hit is None:
            todo.append(file)
            store.observe([project.display(file.path), *_outputs(project, file, work)])
    done = len(files) - len(todo)
    if progress is not None:
        progress(Step(done, len(files), ""))
    memories = {}
    if todo:
        for code in work.catalogs:
            settings = project.target(code)
            if settings.converter is None:
                memories[code] = translation_memory(project, settings, files, compendia, store)
    size = sum(_size(file.path) for file in todo)
    processes = parallel.workers(jobs, len(todo), size)
    batch = _Batch(Project(project.root, project.config, glossary=project.glossary), work, timestamp(), memories)
    results = iter(parallel.run(_process, batch, todo, processes))
    try:
        for index, outcome in enumerate(outcomes):
            if outcome is not None:
                continue
            outcome = next(results)
            if write and not hold:
                _commit(store, outcome)
                outcome = replace(outcome, files=tuple(replace(f, data=b"") for f in outcome.files))
            outcomes[index] = outcome
            done += 1
            if progress is not None:
                progress(Step(done, len(files), outcome.file.domain))
    finally:
        if write and not hold:
            store.save()
    stats = RunStats(len(files), len(files) - len(todo), len(todo), processes)
    return [o for o in outcomes if o is not None], stats, store


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# ---------------------------------------------------------------- extract


@dataclass(frozen=True)
class FileResult:
    path: str
    changed: bool  # written (or, with --check/--dry-run, would be written)
    created: bool = False


@dataclass(frozen=True)
class ExtractResult:
    templates: tuple[FileResult, ...]
    warnings: tuple[SourceWarning, ...]
    stats: RunStats | None = None

    @property
    def out_of_date(self) -> tuple[FileResult, ...]:
        return tuple(t for t in self.templates if t.changed)


def extract(
    project: Project,
    check: bool = False,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> ExtractResult:
    """Write each document's template; with ``check``, write nothing and report what is stale."""
    if check:
        return _extract(project, check, jobs, force, progress)
    with project.locked():
        return _extract(project, check, jobs, force, progress)


def _extract(project: Project, check: bool, jobs: int | None, force: bool, progress: Progress | None) -> ExtractResult:
    outcomes, stats, _ = _run(project, Work(templates=True), write=not check, jobs=jobs, force=force, progress=progress)
    return ExtractResult(
        tuple(o.template for o in outcomes if o.template is not None),
        tuple(w for o in outcomes for w in o.warnings),
        stats,
    )


# ---------------------------------------------------------------- update


@dataclass(frozen=True)
class CatalogResult:
    language: str
    domain: str
    path: str
    changed: bool
    created: bool
    counts: MergeCounts
    notices: tuple[str, ...] = ()  # conversions of the file on this write: charset, line endings, BOM, header


@dataclass(frozen=True)
class UpdateResult:
    templates: tuple[FileResult, ...]
    catalogs: tuple[CatalogResult, ...]
    warnings: tuple[SourceWarning, ...]
    dry_run: bool = False
    stats: RunStats | None = None
    reread: tuple[str, ...] = ()  # catalogs saved by someone while this ran: read and merged again


def _targets(project: Project, codes: tuple[str, ...]) -> list[LanguageSettings]:
    if not codes:
        return list(project.config.languages)
    chosen: list[LanguageSettings] = []
    for code in codes:
        settings = project.target(code)
        if settings not in chosen:
            chosen.append(settings)
    return chosen


def _result(plan: CatalogPlan) -> CatalogResult:
    return CatalogResult(
        plan.language, plan.domain, plan.file.display, plan.file.changed, plan.file.created, plan.counts, plan.notices
    )


def update(
    project: Project,
    codes: tuple[str, ...] = (),
    dry_run: bool = False,
    compendia: tuple[Path, ...] = (),
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> UpdateResult:
    """Refresh templates and create or merge the catalogs of the given (or all) languages."""
    work = Work(templates=True, catalogs=tuple(t.code for t in _targets(project, codes)))
    if dry_run:
        return _update(project, work, dry_run, compendia, jobs, force, progress)
    result, reread = _merging(project, lambda: _update(project, work, dry_run, compendia, jobs, force, progress))
    return replace(result, reread=reread)


def _update(
    project: Project,
    work: Work,
    dry_run: bool,
    compendia: tuple[Path, ...],
    jobs: int | None,
    force: bool,
    progress: Progress | None,
) -> UpdateResult:
    outcomes, stats, _ = _run(
        project, work, write=not dry_run, jobs=jobs, force=force, progress=progress, compendia=compendia
    )
    return UpdateResult(
        tuple(o.template for o in outcomes if o.template is not None),
        tuple(c for code in work.catalogs for o in outcomes for c in o.catalogs if c.language == code),
        tuple(w for o in outcomes for w in o.warnings),
        dry_run,
        stats,
    )


# ---------------------------------------------------------------- status


@dataclass(frozen=True)
class DocumentStatus:
    document: str
    path: str
    counts: Counts


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    machine_filled: bool
    counts: Counts
    documents: tuple[DocumentStatus, ...]


SORTS = ("name", "completeness")  # orders of the documents in a status: by domain; least complete first


def status(
    project: Project,
    codes: tuple[str, ...] = (),
    sort: str = "name",
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    remember: bool = True,
) -> tuple[LanguageStatus, ...]:
    """Completeness per language and document, as the catalogs on disk say.

    ``sort``: the documents by name (domain), or by ``completeness``, least complete first.
    Counts of catalogs the cache has seen are not counted again; the others are counted
    on ``jobs`` processes when there are many, and kept in the cache unless not ``remember``.
    """
    if sort not in SORTS:
        raise UsageError(f"status sorts by {' or '.join(SORTS)}, not {sort!r}")
    files = project.documents()
    targets = _targets(project, codes)
    store = _open_cache(project, (), force=False)
    found: dict[str, Counts] = {}
    todo: list[tuple[str, DocumentFile]] = []
    for settings in targets:
        for file in files:
            path = project.catalog_path(settings.code, file.domain)
            name = project.display(path)
            stored = store.counts(name)
            if stored is not None:
                found[name] = Counts(*stored)
            else:
                store.observe([name])
                todo.append((settings.code, file))
    size = sum(_size(project.catalog_path(code, file.domain)) for code, file in todo)
    processes = parallel.workers(jobs, len(todo), size)
    for name, content, counts in parallel.run(_count, project, todo, processes):
        found[name] = counts
        if content is not None:
            store.store_counts(name, content, _counts_list(counts))
        if progress is not None:
            progress(Step(len(found), len(targets) * len(files), name))
    if remember:
        store.save()
    results = []
    for settings in targets:
        documents = []
        for file in files:
            name = project.display(project.catalog_path(settings.code, file.domain))
            documents.append(DocumentStatus(file.domain, name, found[name]))
        if sort == "completeness":
            documents.sort(key=lambda d: (d.counts.percent, -d.counts.total, d.document))
        total = sum((d.counts for d in documents), Counts())
        results.append(LanguageStatus(settings.code, settings.converter is not None, total, tuple(documents)))
    return tuple(results)


def _count(project: Project, task: tuple[str, DocumentFile]) -> tuple[str, str | None, Counts]:
    """The status counts of one catalog (runs in a worker process), with the catalog's content hash."""
    code, file = task
    made = _Made()
    _, name, content = _catalog_on_disk(project, project.target(code), file, made)
    if made.counts:
        return name, content, made.counts[0][2]
    segments = len({s.text for s in project.segmented(file).segments()})  # no catalog yet: all still to do
    return name, None, Counts(total=segments, untranslated=segments)


# ---------------------------------------------------------------- check


@dataclass(frozen=True)
class Problem:
    """A failed gate condition: a stale, invalid or incomplete catalog."""

    message: str
    path: str | None = None
    line: int | None = None

    def format(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line}: {self.message}" if self.line is not None else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class CheckResult:
    problems: tuple[Problem, ...]
    statuses: tuple[LanguageStatus, ...]
    msgfmt: bool  # whether GNU msgfmt was available to check the files
    findings: tuple[Finding, ...] = ()  # the quality checks' findings, errors and warnings

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == qa.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == qa.WARNING)

    @property
    def ok(self) -> bool:
        """No gate problem and no error-level finding (warnings do not fail)."""
        return not self.problems and not self.errors


def check(project: Project, *, jobs: int | None = None) -> CheckResult:
    """The CI gate: catalogs in sync, valid, complete enough, and free of error-level findings. Writes nothing.

    Documents the cache knows to be current are not merged again; the rest, and the quality
    checks, run on ``jobs`` processes (``msgfmt --check`` on as many threads).
    """
    targets = list(project.config.languages)
    work = Work(templates=True, catalogs=tuple(t.code for t in targets))
    outcomes, _, _ = _run(project, work, write=False, jobs=jobs)
    catalogs = [c for code in work.catalogs for o in outcomes for c in o.catalogs if c.language == code]
    problems: list[Problem] = []
    for outcome in outcomes:
        if outcome.template is not None and outcome.template.changed:
            problems.append(Problem("out of date with the source; run `python cli.py extract`", outcome.template.path))
    files = {o.file.domain: o.file for o in outcomes}
    for item in catalogs:
        if item.changed:  # rare: planned again, here, to say why
            cplan = plan_catalog(
                project, project.target(item.language), plan_document(project, files[item.domain], timestamp())
            )
            problems.append(Problem(_why_stale(project, cplan), item.path))
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        existing = [item.path for item in catalogs if (project.root / item.path).exists()]
        with ThreadPoolExecutor(max_workers=jobs or parallel.default_jobs()) as pool:
            for found in pool.map(lambda name: _msgfmt_check(msgfmt, project.root / name, name), existing):
                problems += found
    statuses = status(project, jobs=jobs, remember=False)  # the gate writes nothing, not even the cache
    for lang_status, settings in zip(statuses, targets, strict=False):
        if not lang_status.counts.meets(settings.min_percent):
            problems.append(
                Problem(
                    f"{lang_status.language}: {lang_status.counts.percent:g}% translated, "
                    f"below the required {settings.min_percent:g}% (min_percent in pyproject.toml)"
                )
            )
    return CheckResult(tuple(problems), statuses, msgfmt is not None, quality(project, jobs=jobs))


def quality(project: Project, codes: tuple[str, ...] = (), *, jobs: int | None = None) -> tuple[Finding, ...]:
    """Run the quality checks (``pipeline.qa``) on the catalogs on disk, in file order (on ``jobs`` processes)."""
    files = project.documents()
    targets = {settings.code: _qa_language(project, settings) for settings in _targets(project, codes)}
    tasks = [
        (code, path) for code in targets for file in files if (path := project.catalog_path(code, file.domain)).exists()
    ]
    processes = parallel.workers(jobs, len(tasks), sum(_size(path) for _, path in tasks))
    findings = parallel.run(_check_catalog, (project, targets), tasks, processes)
    return tuple(finding for found in findings for finding in found)


def _check_catalog(context: tuple[Project, Mapping[str, qa.Language]], task: tuple[str, Path]) -> tuple[Finding, ...]:
    """The quality checks of one catalog (runs in a worker process)."""
    project, targets = context
    code, path = task
    found = project.read_catalog(path)
    return tuple(qa.check_catalog(found, project.display(path), targets[code])) if found is not None else ()


def _findings_by_msgid(project: Project, settings: LanguageSettings, found: Catalog) -> review_stage.Findings:
    """The quality checks' messages for each checked entry of one catalog, for the review page."""
    target = _qa_language(project, settings)
    messages: dict[str, tuple[str, ...]] = {}
    for entry in found.live:
        if qa.checked(entry, target.machine):
            fired = [f"{check.severity} [{check.id}]: {message}" for check, message in qa.check_entry(entry, target)]
            if fired:
                messages[entry.msgid] = tuple(fired)
    return messages


def _qa_language(project: Project, settings: LanguageSettings) -> qa.Language:
    return qa.language(
        settings.code,
        settings.converter,
        traditional_source=project.traditional_source,
        names=project.config.allowed_names(settings),
        glossary=project.glossary,
    )


def _why_stale(project: Project, cplan: CatalogPlan) -> str:
    """Why ``update`` would rewrite a catalog: new source content, or only the file's layout."""
    if cplan.file.created:
        return "missing; run `python cli.py update` to create it"
    on_disk = project.read_catalog(cplan.file.path)
    if on_disk is not None and on_disk.entries == cplan.catalog.entries and on_disk.header == cplan.catalog.header:
        return (
            "same content, different layout (an editor re-wrapped or re-ordered it?); "
            "run `python cli.py update` to rewrite it in the project's layout"
        )
    return "out of date with the source; run `python cli.py update`"


def _msgfmt_check(msgfmt: str, path: Path, display: str) -> list[Problem]:
    run = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    if run.returncode == 0:
        return []
    # msgfmt's verdict ("found 1 fatal error") follows the lines that explain it, which may be
    # warnings (a missing header): keep those too, so the reason is never lost.
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    problems = []
    for line in lines:
        text = line.replace(str(path), display)
        located = re.match(rf"{re.escape(display)}:(\d+): (.*)", text)
        if located:
            problems.append(Problem(f"msgfmt --check: {located.group(2)}", display, int(located.group(1))))
        else:
            problems.append(Problem(f"msgfmt --check: {text}", display))
    return problems or [Problem("msgfmt --check failed", display)]


# ---------------------------------------------------------------- build


FORMATS = ("md", "html")  # edition formats: the localised Markdown, a standalone HTML page


@dataclass(frozen=True)
class BuiltDocument:
    language: str
    document: str
    path: str
    segments: int
    translated: int
    changed: bool
    format: str = "md"

    @property
    def fallback(self) -> int:
        return self.segments - self.translated

    def meets(self, minimum: float) -> bool:
        """At least ``minimum`` percent translated, compared exactly."""
        return self.segments == 0 or self.translated * 100 >= minimum * self.segments

    @property
    def percent(self) -> float:
        return 100.0 if self.segments == 0 else round(100.0 * self.translated / self.segments, 1)


@dataclass(frozen=True)
class BuildResult:
    documents: tuple[BuiltDocument, ...]
    catalogs: tuple[CatalogResult, ...]
    below_minimum: tuple[BuiltDocument, ...]
    written: bool
    stats: RunStats | None = None
    reread: tuple[str, ...] = ()  # catalogs saved by someone while this ran: read and merged again


def build(
    project: Project,
    codes: tuple[str, ...],
    refresh: bool = True,
    min_percent: float | None = None,
    compendia: tuple[Path, ...] = (),
    formats: tuple[str, ...] = ("md",),
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Refresh catalogs (unless ``refresh`` is False) and write each language's edition.

    ``formats``: ``md`` writes ``build/<lang>/<doc>.md`` (the source's suffix), ``html`` a
    standalone page ``build/<lang>/<doc>.html``. With ``min_percent``, nothing at all is
    written if any edition is below it. Documents whose outputs are current are skipped
    (see ``pipeline.cache``; ``force`` ignores the cache); the others run on ``jobs``
    processes. ``progress`` is called after each document.
    """
    if not formats or any(f not in FORMATS for f in formats):
        raise UsageError(f"edition formats must be among {', '.join(FORMATS)}, not {', '.join(formats) or 'none'}")
    languages_wanted = tuple(dict.fromkeys(project.resolve_language(code) for code in codes))
    source_language = project.config.source_language
    targets = tuple(project.target(code).code for code in languages_wanted if code != source_language)
    work = Work(
        templates=refresh and bool(targets),
        catalogs=targets if refresh else (),
        editions=languages_wanted,
        formats=formats,
    )
    result, reread = _merging(project, lambda: _build(project, work, min_percent, compendia, jobs, force, progress))
    return replace(result, reread=reread)


def _build(
    project: Project,
    work: Work,
    min_percent: float | None,
    compendia: tuple[Path, ...],
    jobs: int | None,
    force: bool,
    progress: Progress | None,
) -> BuildResult:
    hold = min_percent is not None
    outcomes, stats, store = _run(
        project, work, hold=hold, jobs=jobs, force=force, progress=progress, compendia=compendia
    )
    built = tuple(b for o in outcomes for b in o.editions)
    catalogs = tuple(c for o in outcomes for c in o.catalogs)
    below = tuple(
        b for b in built if min_percent is not None and not b.meets(min_percent) and b.format == work.formats[0]
    )
    if below:
        return BuildResult(built, catalogs, below, False, stats)
    if hold:
        for outcome in outcomes:
            _commit(store, outcome)
        store.save()
    return BuildResult(built, catalogs, (), True, stats)


def _editions(
    project: Project,
    code: str,
    file: DocumentFile,
    text: str,
    total: int,
    translated: int,
    formats: tuple[str, ...],
) -> list[tuple[BuiltDocument, PlannedFile]]:
    """The edition files of one document in one language, one per format."""
    built = []
    for fmt in formats:
        path = project.build_path(code, file)
        text_out = text
        if fmt == "html":
            path = path.with_suffix(".html")
            text_out = html_stage.page(text, code, fallback_title=file.domain)
        planned = _planned(project, path, text_out)
        built.append(
            (BuiltDocument(code, file.domain, planned.display, total, translated, planned.changed, fmt), planned)
        )
    return built


# ---------------------------------------------------------------- review


@dataclass(frozen=True)
class ReviewPage:
    language: str
    document: str
    path: str
    counts: Counts  # the catalog's completeness, as `status` reports it
    segments: int
    changed: bool


@dataclass(frozen=True)
class ReviewResult:
    pages: tuple[ReviewPage, ...]
    catalogs: tuple[CatalogResult, ...]
    reread: tuple[str, ...] = ()  # catalogs saved by someone while this ran: read and merged again


def review(
    project: Project,
    codes: tuple[str, ...] = (),
    refresh: bool = True,
) -> ReviewResult:
    """Write the bilingual review page ``build/<lang>/<doc>.review.html`` of each language.

    Like ``build``, refreshes the catalogs first unless ``refresh`` is False; the page then
    points at the lines of the catalog as written, and shows the quality checks' findings
    under the rows they concern.
    """
    targets = _targets(project, codes)
    result, reread = _merging(project, lambda: _review(project, targets, refresh))
    return replace(result, reread=reread)


def _review(
    project: Project,
    targets: list[LanguageSettings],
    refresh: bool,
) -> ReviewResult:
    documents = plan_documents(project)
    memories = _memories(project, targets, [plan.file for plan in documents], (), refresh)
    pages: list[tuple[ReviewPage, PlannedFile]] = []
    catalog_plans: list[CatalogPlan] = []
    for plan in documents:
        for settings in targets:
            path = project.catalog_path(settings.code, plan.file.domain)
            shown = project.display(path)
            if refresh:
                cplan = plan_catalog(project, settings, plan, memories[settings.code])
                catalog_plans.append(cplan)
                # Parsed back from the text about to be written, so entries carry its line numbers.
                current = catalog.parse(cplan.file.data.decode("utf-8"), shown)
            else:
                found = project.read_catalog(path)
                if found is None:
                    raise CatalogError(
                        "no catalog yet: run `python cli.py update`, or review without --no-update", shown
                    )
                current = found
            collected = review_stage.collect(plan.document, current, project.machine(settings))
            context = review_stage.Context(
                plan.file.domain, settings.code, project.config.source_language, project.display(plan.file.path), shown
            )
            built = project.build_path(settings.code, plan.file)
            text = review_stage.page(collected, context, _findings_by_msgid(project, settings, current))
            planned = _planned(project, built.with_name(f"{built.stem}.review.html"), text)
            result = ReviewPage(
                settings.code, plan.file.domain, planned.display, collected.counts, len(collected.rows), planned.changed
            )
            pages.append((result, planned))
    if refresh:
        for plan in documents:
            _write(plan.template_file)
    for cplan in catalog_plans:
        _write(cplan.file)
    for _, planned in pages:
        _write(planned)
    return ReviewResult(tuple(p for p, _ in pages), tuple(_result(c) for c in catalog_plans))
