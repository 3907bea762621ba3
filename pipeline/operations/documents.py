"""Many documents: the runner that does a command's work on every document, with the cache and the workers.

``run_documents`` skips the documents whose outputs the cache (``pipeline.workspace.cache``) knows
to be current and sends the others to ``_process`` on worker processes
(``pipeline.operations.parallel``), then writes each document's files with ``commit``. ``Work``
says what to make of each document; ``DocumentOutcome`` is what comes back, made of the
per-file records every command reports (``FileResult``, ``CatalogResult``,
``BuiltDocument``). extract, update, check and build all run through here; status uses
its cache helpers to count catalogs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from pipeline.bulk import paused_gc
from pipeline.editions import assemble
from pipeline.editions import html as html_stage
from pipeline.errors import PipelineError
from pipeline.l10n import counts as status_stage
from pipeline.l10n import languages
from pipeline.l10n import merge as merge_stage
from pipeline.l10n.counts import Counts
from pipeline.l10n.merge import MemoryHit, MergeCounts
from pipeline.l10n.template import SourceWarning
from pipeline.operations import parallel
from pipeline.operations.parallel import Progress, Step
from pipeline.operations.plan import (
    CatalogPlan,
    PlannedFile,
    memory_pairs,
    plan_catalog,
    plan_document,
    planned_file,
    translation_memory,
    write_planned,
)
from pipeline.po import file as po_file
from pipeline.po.model import Catalog
from pipeline.workspace import cache
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile, Project, timestamp


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
class FileResult:
    path: str
    changed: bool  # written (or, with --check/--dry-run, would be written)
    created: bool = False


@dataclass(frozen=True)
class CatalogResult:
    language: str
    domain: str
    path: str
    changed: bool
    created: bool
    counts: MergeCounts
    notices: tuple[str, ...] = ()  # conversions of the file on this write: charset, line endings, BOM, header


def catalog_result(plan: CatalogPlan) -> CatalogResult:
    """What a command reports about a planned catalog."""
    return CatalogResult(
        plan.language, plan.domain, plan.file.display, plan.file.changed, plan.file.created, plan.counts, plan.notices
    )


@dataclass(frozen=True)
class BuiltDocument:
    language: str
    document: str
    path: str
    segments: int
    translated: int
    changed: bool
    format: str = "md"
    # build --no-update: segments of the source its catalog does not have (the source changed
    # since the last update; they fall back to the source); -1: there is no catalog at all
    stale: int = 0

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
    # (language, catalog, hash, translations, whether the language copies text with nothing to translate)
    memory: tuple[tuple[str, str, str, list[tuple[str, str]], bool], ...] = ()
    cached: bool = False


@dataclass(frozen=True)
class _Batch:
    """Everything a worker needs besides the document: sent to each worker process once."""

    project: Project
    work: Work
    now: str
    memories: Mapping[str, Mapping[str, MemoryHit]]


class Made:
    """The files a worker made for one document, with how each was made (for the cache)."""

    def __init__(self) -> None:
        self.files: list[PlannedFile] = []
        self.facts: list[cache.Fact] = []
        self.counts: list[tuple[str, str, Counts]] = []
        self.memory: list[tuple[str, str, str, list[tuple[str, str]], bool]] = []

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
    made = Made()
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
            settings = project.target(code)
            if settings.converter is None:  # what the next run's translation memory will read
                pairs = memory_pairs(cplan.catalog)
                made.memory.append((code, cplan.file.display, merged_content, pairs, settings.copy_untranslatable))
            merged[code] = (cplan.catalog, cplan.file.display, merged_content)
            catalogs.append(catalog_result(cplan))
    else:
        document = project.segmented(file, data)
    editions: list[BuiltDocument] = []
    unique = {s.text for s in document.segments()}
    for code in work.editions:
        inputs: dict[str, str | None] = dict(source)
        translations: dict[str, str] = {}
        shown: dict[str, str] = {}  # what the edition shows: the translations and the fallbacks that are not the source
        stale = 0
        if code != project.config.source_language:
            current: Catalog
            catalog_content: str | None
            if code in merged:
                current, name, catalog_content = merged[code]
            else:  # the catalog as it is on disk (build --no-update)
                current, name, catalog_content = catalog_on_disk(project, project.target(code), file, made)
                stale = _stale(current, catalog_content, unique)
            inputs[name] = catalog_content
            translations = {e.msgid: e.msgstr for e in current.live if e.translated and e.msgctxt is None}
            shown = translations | machine_fallbacks(project, project.target(code), unique, translations)
        done = len(unique) if code == project.config.source_language else sum(1 for t in unique if t in translations)
        source_language = project.config.source_language
        # a Markdown edition in a target language: paragraphs as CommonMark reads them (docs/editions.md)
        separate = code != source_language and file.suffix == ".md"
        text = assemble.render(document, shown, languages.is_chinese(code), separate)
        # the HTML page is made from the separated text in every language: a hard-wrapped
        # paragraph on one line, each paragraph line apart (html.py reads a line as a paragraph)
        page_text = text
        if "html" in work.formats and not separate:
            page_text = assemble.render(document, shown, languages.is_chinese(code), True)
        untranslated = frozenset[int]()
        if "html" in work.formats and code != source_language:  # those paragraphs get lang= in the page
            untranslated = assemble.untranslated_lines(document, shown, languages.is_chinese(source_language), True)
        edition = _Edition(code, text, len(unique), done, (source_language, untranslated), stale, page_text)
        for built, planned in _editions(project, file, edition, work.formats):
            info = {"segments": built.segments, "translated": built.translated, "stale": stale}
            made.add(planned, inputs, info)
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


def _stale(current: Catalog, content: str | None, unique: set[str]) -> int:
    """How many of a document's segments its catalog lacks (-1: no catalog file)."""
    if content is None:
        return -1 if unique else 0
    known = {e.msgid for e in current.live if e.msgctxt is None}
    return sum(1 for text in unique if text not in known)


def machine_fallbacks(
    project: Project, settings: LanguageSettings, segments: set[str], translations: Mapping[str, str]
) -> dict[str, str]:
    """For a language with a converter, the converter's output for every segment with no usable
    translation (fuzzy, empty or not in the catalog): what ``update`` would fill it with, so that
    a Simplified edition never falls back to Traditional text. Empty for other languages.
    These segments still count as fallbacks, not as translated."""
    missing = sorted(t for t in segments if t not in translations)
    machine = project.machine(settings, ahead=missing) if missing else None
    return {} if machine is None else {t: machine(t) for t in missing}


def catalog_on_disk(
    project: Project, settings: LanguageSettings, file: DocumentFile, made: Made
) -> tuple[Catalog, str, str | None]:
    """A catalog as it is (an empty one if there is none), its file and content hash (None: no file)."""
    path = project.catalog_path(settings.code, file.domain)
    name = project.display(path)
    read = project.load_catalog(path)
    if read is None:
        return Catalog(), name, None
    found = read.catalog
    content = cache.digest(read.data)
    machine = project.machine(settings, ahead=(e.msgid for e in found.entries))
    made.counts.append((name, content, status_stage.count(found, machine)))
    return found, name, content


@dataclass(frozen=True)
class _Edition:
    """One document assembled in one language, before it is written in each format."""

    code: str
    text: str  # the Markdown
    total: int  # distinct segments
    translated: int  # of those, translated
    source: tuple[str, frozenset[int]]  # the source language and the lines left in it
    stale: int = 0  # see BuiltDocument.stale
    page_text: str = ""  # the Markdown the HTML page is made from (see _process)


def _editions(
    project: Project, file: DocumentFile, edition: _Edition, formats: tuple[str, ...]
) -> list[tuple[BuiltDocument, PlannedFile]]:
    """The edition files of one document in one language, one per format."""
    built = []
    for fmt in formats:
        path = project.build_path(edition.code, file)
        text_out = edition.text
        if fmt == "html":
            path = path.with_suffix(".html")
            text_out = html_stage.page(
                edition.page_text or edition.text, edition.code, fallback_title=file.domain, source=edition.source
            )
        planned = planned_file(project, path, text_out)
        document = BuiltDocument(
            edition.code,
            file.domain,
            planned.display,
            edition.total,
            edition.translated,
            planned.changed,
            fmt,
            edition.stale,
        )
        built.append((document, planned))
    return built


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
        BuiltDocument(
            code,
            file.domain,
            fact.output,
            fact.info["segments"],
            fact.info["translated"],
            False,
            fmt,
            fact.info.get("stale", 0),
        )
        for code in work.editions
        for fmt, fact in zip(work.formats, names, strict=False)
    )
    return DocumentOutcome(
        file, warnings, FileResult(template.output, False) if template else None, catalogs, editions, cached=True
    )


def commit(store: cache.Cache | None, outcome: DocumentOutcome) -> None:
    """Write a document's changed files, then record how they were made."""
    for planned in outcome.files:
        if write_planned(planned) and store is not None:
            store.wrote(planned.display)
    if store is not None:
        for fact in outcome.facts:
            store.record(fact)
        for name, content, counts in outcome.counts:
            store.store_counts(name, content, counts_list(counts))
        for language, name, content, pairs, copies in outcome.memory:
            store.store_translations(language, name, content, pairs, automatic if copies else None)


def counts_list(counts: Counts) -> list[int]:
    """Status counts as the cache stores them: the fields of ``Counts``, in order."""
    return [getattr(counts, f.name) for f in fields(Counts)]


def open_cache(project: Project, compendia: tuple[Path, ...], force: bool) -> cache.Cache:
    """The project's cache for these settings, glossary and compendia; empty with ``force``."""
    glossary = [project.config.glossary_path]
    environment = cache.environment(project.config, [*glossary, *compendia])
    return cache.Cache.open(project.root, environment, fresh=force)


def run_documents(
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
    caller writes them with ``commit`` once it has seen every outcome.
    """
    for path in compendia:
        if not path.is_file():
            raise PipelineError("compendium not found", project.display(path))
    files = project.documents()
    store = open_cache(project, compendia, force)
    outcomes: list[DocumentOutcome | None] = []
    todo: list[DocumentFile] = []
    for file in files:
        hit = _cached(project, store, file, work)
        outcomes.append(hit)
        if hit is None:
            todo.append(file)
            store.observe([project.display(file.path), *_outputs(project, file, work)])
    memories = _memories(project, store, work, files, outcomes, compendia)  # may send cached documents to work
    todo = [file for file, outcome in zip(files, outcomes, strict=True) if outcome is None]
    done = len(files) - len(todo)
    if progress is not None:
        progress(Step(done, len(files), ""))
    size = sum(file_size(file.path) for file in todo)
    processes = parallel.workers(jobs, len(todo), size)
    batch = _Batch(Project(project.root, project.config, glossary=project.glossary), work, timestamp(), memories)
    results = iter(parallel.run(_process, batch, todo, processes))
    try:
        for index, outcome in enumerate(outcomes):
            if outcome is not None:
                continue
            outcome = next(results)
            if write and not hold:
                commit(store, outcome)
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


def _memories(
    project: Project,
    store: cache.Cache,
    work: Work,
    files: list[DocumentFile],
    outcomes: list[DocumentOutcome | None],
    compendia: tuple[Path, ...],
) -> dict[str, Mapping[str, MemoryHit]]:
    """The translation memory of each language merged without a converter, when anything may need it.

    A memory is needed when a document is to be merged, and also when it may fill a blank entry
    of a catalog the cache let alone: when there are orphaned catalogs (a renamed document's),
    or a run made translations its memory lacked. The documents whose cached catalog may hold
    a blank entry for a msgid the memory has gained since the last run get merged again
    (their ``outcomes`` become None).
    """
    codes = [code for code in work.catalogs if project.target(code).converter is None]
    orphans = {code: [o.path for o in project.orphan_catalogs(code, files)] for code in codes}
    needed = any(outcome is None for outcome in outcomes)
    if not needed and not any(orphans[code] or store.memory_pending(code) for code in codes):
        return {}
    memories: dict[str, Mapping[str, MemoryHit]] = {}
    for code in codes:
        settings = project.target(code)
        memory = translation_memory(project, settings, files, compendia, store, orphans[code])
        memories[code] = memory
        news = store.use_memory(code, memory)
        if settings.copy_untranslatable:
            news = [msgid for msgid in news if not automatic(msgid, memory[msgid].msgstr)]
        if news:
            for index in _reached(project, code, news, files, outcomes):
                outcomes[index] = None
                store.forget(_outputs(project, files[index], work))
    return memories


def automatic(msgid: str, msgstr: str) -> bool:
    """A translation every new entry of ``msgid`` gets anyway where text without Chinese is copied.

    The memory has nothing to bring to a blank entry of such text: with ``copy_untranslatable``
    it is blank only because a person emptied it.
    """
    return msgstr == msgid and merge_stage.initial_msgstr(msgid, None, True) == msgid


def _reached(
    project: Project, code: str, news: list[str], files: list[DocumentFile], outcomes: list[DocumentOutcome | None]
) -> list[int]:
    """The cached documents whose catalog of ``code`` may hold one of ``news`` (msgids) as a blank entry.

    The cache vouches that a cached catalog is as this tool wrote it, so each msgid in it starts
    with a line ``msgid "…"`` (or ``"…"`` after ``msgid ""``) in the writer's escaping:
    looking for those lines finds every such entry (and a few translated ones, merged again
    for nothing), without parsing the file.
    """
    cached = [index for index, outcome in enumerate(outcomes) if outcome is not None]
    paths = [project.catalog_path(code, files[index].domain) for index in cached]
    return [index for index, found in zip(cached, po_file.may_hold(paths, news), strict=True) if found]


def file_size(path: Path) -> int:
    """A file's size in bytes (0 if unreadable): how much work it is, to choose the number of workers."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
