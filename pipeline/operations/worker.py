"""The per-document worker: what a command makes of one document, in memory, on a worker process.

``process`` reads and segments a document, refreshes its template, merges its catalogs and
assembles its editions (``Work`` says which), and returns a ``DocumentOutcome``: the files to
write and, for each, how it was made (a ``cache.Fact``). It writes nothing; the runner
(``runner``) writes and records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pipeline.bulk import paused_gc
from pipeline.errors import CatalogError
from pipeline.l10n import counts, languages
from pipeline.l10n.merge_records import MemoryHit
from pipeline.l10n.template import SourceWarning
from pipeline.operations import recorded
from pipeline.operations.memory import memory_pairs
from pipeline.operations.plan import PlannedFile, TemplatePlan, plan_catalog, plan_document, planned_file
from pipeline.operations.records import (
    EDITION,
    REVIEW,
    BuiltDocument,
    CatalogResult,
    CatalogTranslations,
    CountedCatalog,
    DocumentOutcome,
    FileResult,
    Output,
    ReviewPage,
    Work,
    catalog_info,
    catalog_result,
    edition_info,
    edition_path,
    outputs,
    review_info,
    template_info,
)
from pipeline.po import file as po_file
from pipeline.po.model import Catalog
from pipeline.workspace import cache, fs
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile, Project

if TYPE_CHECKING:
    from pipeline.text.segment import Document


@dataclass(frozen=True)
class Batch:
    """Everything a worker needs besides the document: sent to each worker process once."""

    project: Project
    work: Work
    now: str
    memories: Mapping[str, Mapping[str, MemoryHit]]
    stage: bool = False  # write the changed files beside their targets (``fs.stage``) for the runner to put in place
    # the cache's facts that hold about documents' templates (by domain): their records may stand in for them
    templates: Mapping[str, cache.Fact] = field(default_factory=dict)
    environment: str = ""  # the cache's: what template records are valid for
    keep_templates: bool = False  # keep the record of each template built (runs that write)
    lone: tuple[str, ...] = ()  # languages merged without a memory (``memory.memories``): none kept for the next run


class Made:
    """The files a worker made for one document, with how each was made (for the cache)."""

    def __init__(self) -> None:
        self.files: list[PlannedFile] = []
        self.facts: list[cache.Fact] = []
        self.counts: list[CountedCatalog] = []
        self.memory: list[CatalogTranslations] = []

    def add(
        self,
        planned: PlannedFile,
        inputs: Mapping[str, str | None],
        info: Mapping[str, object],
        content: str | None = None,
    ) -> str:
        """Keep ``planned``; return its content hash (``content``: when known, for a file whose data is not read)."""
        content = fs.digest(planned.data) if content is None else content
        self.files.append(planned)
        self.facts.append(cache.Fact(planned.display, content, inputs, info))
        return content

    def unchanged_without_data(self) -> tuple[PlannedFile, ...]:
        return tuple(f if f.changed else replace(f, data=b"") for f in self.files)


@paused_gc()  # one document's bulk of small records (see bulk.py)
def process(batch: Batch, file: DocumentFile) -> DocumentOutcome:
    """One document's work (runs in a worker process): read, segment, merge, assemble; write nothing."""
    project, work = batch.project, batch.work
    data = project.source_bytes(file)
    source = {project.display(file.path): fs.digest(data)}
    made = Made()
    template: FileResult | None = None
    warnings: tuple[SourceWarning, ...] = ()
    catalogs: list[CatalogResult] = []
    merged: dict[str, tuple[Catalog, str, str]] = {}  # language -> catalog, its file, its content hash
    written: dict[str, bytes] = {}  # language -> the merged catalog's file
    document: Document | None = None
    if work.templates:
        plan: TemplatePlan
        fact = batch.templates.get(file.domain)
        known = None
        if fact is not None and fact.inputs == source:  # vouched for, and the source is still what it was then
            known = recorded.known(project, file, fact, batch.environment)
        if known is not None:  # the .pot is what this source gives: its record stands in for it
            plan, warnings = known, known.warnings
            content = made.add(known.template_file, source, template_info(warnings), known.content)
        else:
            built = plan_document(project, file, batch.now, data)
            plan, document, warnings = built, built.document, built.warnings
            content = made.add(built.template_file, source, template_info(warnings))
            if batch.keep_templates:
                recorded.keep(project, file, batch.environment, content, built.columns)
        planned = plan.template_file
        template = FileResult(planned.display, planned.changed, planned.created)
        for code in work.catalogs:
            cplan = plan_catalog(project, project.target(code), plan, batch.memories.get(code), hashed=True)
            info = catalog_info(cplan.status.total)  # its live entries
            merged_content = made.add(cplan.file, {planned.display: content}, info, cplan.content)
            made.counts.append(CountedCatalog(cplan.file.display, merged_content, cplan.status))
            settings = project.target(code)
            if settings.converter is None and code not in batch.lone:  # what the next run's memory will read
                pairs = memory_pairs(cplan.catalog)
                copies = settings.copy_untranslatable
                made.memory.append(CatalogTranslations(code, cplan.file.display, merged_content, pairs, copies))
            merged[code] = (cplan.catalog, cplan.file.display, merged_content)
            written[code] = cplan.file.data
            catalogs.append(catalog_result(cplan))
    editions: list[BuiltDocument] = []
    reviews: list[ReviewPage] = []
    expected = outputs(project, file, work)
    if work.editions or any(o.kind == REVIEW for o in expected):  # these need the segmented source
        whole = document if document is not None else project.segmented(file, data)
        editions, reviews = _assembled(batch, file, whole, expected, source, merged, written, made)
    outcome = DocumentOutcome(
        file,
        warnings,
        template,
        tuple(catalogs),
        tuple(editions),
        made.unchanged_without_data(),
        tuple(made.facts),
        tuple(made.counts),
        tuple(made.memory),
        reviews=tuple(reviews),
    )
    return staged(outcome) if batch.stage else outcome


def _assembled(
    batch: Batch,
    file: DocumentFile,
    document: Document,
    expected: tuple[Output, ...],
    source: Mapping[str, str | None],
    merged: Mapping[str, tuple[Catalog, str, str]],
    written: Mapping[str, bytes],
    made: Made,
) -> tuple[list[BuiltDocument], list[ReviewPage]]:
    """A document's editions and review pages (``expected``: its outputs), from its segmented source."""
    project, work = batch.project, batch.work
    editions: list[BuiltDocument] = []
    unique = {s.text for s in document.segments()} if work.editions else set()  # the editions' counts only
    for code in work.editions:
        from pipeline.editions import assemble  # imported by the commands that build: not by update (start-up)

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
        wanted = [o for o in expected if o.kind == EDITION and o.language == code]
        for built, planned in _editions(project, file, edition, wanted):
            made.add(planned, inputs, edition_info(built))
            editions.append(built)
    reviews: list[ReviewPage] = []
    for output in expected:
        if output.kind == REVIEW:
            page, planned, inputs = _review(project, file, document, output, merged, written, made)
            made.add(planned, {**source, **inputs}, review_info(page))
            reviews.append(page)
    return editions, reviews


def staged(outcome: DocumentOutcome) -> DocumentOutcome:
    """``outcome`` with its changed files written and flushed beside their targets (``fs.stage``), without
    their bytes: the slow part of writing, done here on the worker rather than on the runner's one process."""
    done: list[fs.Staged] = []
    try:
        for planned in outcome.files:
            if planned.changed:
                done.append(fs.stage(planned.path, planned.data, planned.display, planned.expected))
    except BaseException:
        fs.discard(done)
        raise
    files = tuple(replace(f, data=b"") for f in outcome.files)
    return replace(outcome, files=files, staged=tuple(done))


def _review(
    project: Project,
    file: DocumentFile,
    document: Document,
    output: Output,
    merged: Mapping[str, tuple[Catalog, str, str]],
    written: Mapping[str, bytes],
    made: Made,
) -> tuple[ReviewPage, PlannedFile, dict[str, str | None]]:
    """One document's review page in one language, with the catalog it was made from (name: content hash)."""
    from pipeline.editions import review_page  # see process: only the commands that need them import them
    from pipeline.operations.findings import findings_by_msgid

    code = output.language or ""
    settings = project.target(code)
    if code in merged:
        _, shown, content = merged[code]
        # Parsed back from the text about to be written, so entries carry its line numbers.
        current = po_file.from_bytes(written[code], shown).catalog
    else:  # the catalog as it is on disk (review --no-update)
        current, shown, found = catalog_on_disk(project, settings, file, made)
        if found is None:
            raise CatalogError(f"no catalog yet: run `{project.program} update`, or review without --no-update", shown)
        content = found
    collected = review_page.collect(document, current, project.machine(settings))
    context = review_page.Context(file.domain, code, project.config.source_language, project.display(file.path), shown)
    text = review_page.page(collected, context, findings_by_msgid(project, settings, current))
    planned = planned_file(project, project.review_path(code, file), text)
    page = ReviewPage(code, file.domain, planned.display, collected.counts, len(collected.rows), planned.changed)
    return page, planned, {shown: content}


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
    content = fs.digest(read.data)
    machine = project.machine(settings, ahead=(e.msgid for e in found.entries))
    made.counts.append(CountedCatalog(name, content, counts.count(found, machine)))
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
    project: Project, file: DocumentFile, edition: _Edition, wanted: list[Output]
) -> list[tuple[BuiltDocument, PlannedFile]]:
    """The edition files of one document in one language, one per format (``wanted``: their outputs)."""
    from pipeline.editions import html

    built = []
    for output in wanted:
        text_out = edition.text
        if output.format == "html":
            text_out = html.page(
                edition.page_text or edition.text, edition.code, fallback_title=file.domain, source=edition.source
            )
        planned = planned_file(project, edition_path(project, file, edition.code, output.format), text_out)
        document = BuiltDocument(
            edition.code,
            file.domain,
            planned.display,
            counts.of_segments(edition.total, edition.translated),
            planned.changed,
            output.format,
            edition.stale,
        )
        built.append((document, planned))
    return built
