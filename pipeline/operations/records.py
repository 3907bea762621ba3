"""What the runner's commands report: the per-file records, a document's outcome, and its outputs.

``outputs`` is the one list of the files a ``Work`` makes of a document; the worker
(``worker``) makes them, and the runner (``runner``) replays them from the cache
(``replayed``) when every one is current. What the cache keeps about each output, to
report it again without remaking it, is written and read here, by name (``*_info``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline.l10n.counts import Counts, of_segments
from pipeline.l10n.merge_records import MergeCounts
from pipeline.l10n.template import SourceWarning
from pipeline.operations.plan import CatalogPlan, PlannedFile
from pipeline.workspace import cache, fs
from pipeline.workspace.project import DocumentFile, Project


@dataclass(frozen=True)
class Work:
    """What a command makes of every document."""

    templates: bool = False  # refresh the template (required for merging catalogs)
    catalogs: tuple[str, ...] = ()  # merge these languages' catalogs
    editions: tuple[str, ...] = ()  # write these languages' editions (the source language's too)
    formats: tuple[str, ...] = ("md",)
    reviews: tuple[str, ...] = ()  # write these languages' review pages


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
    """One edition file: its segments, translated or falling back (``counts``, as ``counts.of_segments``)."""

    language: str
    document: str
    path: str
    counts: Counts
    changed: bool
    format: str = "md"
    # build --no-update: segments of the source its catalog does not have (the source changed
    # since the last update; they fall back to the source); -1: there is no catalog at all
    stale: int = 0

    @property
    def fallback(self) -> int:
        """Segments the edition shows untranslated (the source, or a converter's output)."""
        return self.counts.total - self.counts.translated


@dataclass(frozen=True)
class ReviewPage:
    """One review page (``build/<lang>/<doc>.review.html``)."""

    language: str
    document: str
    path: str
    counts: Counts  # the catalog's completeness, as `status` reports it
    segments: int  # rows: the document's segments, a repeated one each time
    changed: bool


# ---------------------------------------------------------------- a document's outputs

TEMPLATE, CATALOG, EDITION, REVIEW = "template", "catalog", "edition", "review"


@dataclass(frozen=True)
class Output:
    """One file a command makes of a document."""

    kind: str  # TEMPLATE, CATALOG, EDITION or REVIEW
    name: str  # as the cache and the reports name it (relative to the project)
    language: str | None = None  # None for a template
    format: str = "md"  # an edition's


def edition_path(project: Project, file: DocumentFile, code: str, fmt: str) -> Path:
    """Where a document's edition in language ``code`` and format ``fmt`` goes."""
    path = project.build_path(code, file)
    return path.with_suffix(".html") if fmt == "html" else path


def outputs(project: Project, file: DocumentFile, work: Work) -> tuple[Output, ...]:
    """The files ``work`` makes of ``file``, in the order it makes them: template, catalogs, editions, reviews."""
    found = []
    if work.templates:
        found.append(Output(TEMPLATE, project.display(project.template_path(file.domain))))
    for code in work.catalogs:
        found.append(Output(CATALOG, project.display(project.catalog_path(code, file.domain)), code))
    for code in work.editions:
        for fmt in work.formats:
            found.append(Output(EDITION, project.display(edition_path(project, file, code, fmt)), code, fmt))
    for code in work.reviews:
        found.append(Output(REVIEW, project.display(project.review_path(code, file)), code, "html"))
    return tuple(found)


# ---------------------------------------------------------------- what the cache keeps of each


def template_info(warnings: Sequence[SourceWarning]) -> dict[str, Any]:
    return {"warnings": [[w.line, w.message] for w in warnings]}


def template_warnings(source: str, info: Mapping[str, Any]) -> tuple[SourceWarning, ...]:
    """The warnings ``template_info`` kept about the source ``source`` (as the project shows its path)."""
    return tuple(SourceWarning(source, line, message) for line, message in info["warnings"])


def catalog_info(entries: int) -> dict[str, Any]:
    return {"entries": entries}


def edition_info(built: BuiltDocument) -> dict[str, Any]:
    return {"segments": built.counts.total, "translated": built.counts.translated, "stale": built.stale}


def review_info(page: ReviewPage) -> dict[str, Any]:
    return {"counts": asdict(page.counts), "segments": page.segments}


@dataclass(frozen=True)
class CountedCatalog:
    """A catalog's status counts, for the cache (``status`` reads them back)."""

    name: str
    content: str  # the content hash of the catalog counted
    counts: Counts


@dataclass(frozen=True)
class CatalogTranslations:
    """What the next run's translation memory reads from a catalog just merged, for the cache."""

    language: str
    name: str
    content: str
    pairs: list[tuple[str, str]]
    copies: bool  # the language copies text with nothing to translate


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
    counts: tuple[CountedCatalog, ...] = ()
    memory: tuple[CatalogTranslations, ...] = ()
    cached: bool = False
    reviews: tuple[ReviewPage, ...] = ()
    # the changed files' new bytes, written and flushed by the worker beside their targets (then
    # ``files`` carry no data): the runner only puts them in place, in document order
    staged: tuple[fs.Staged, ...] = ()


def replayed(project: Project, file: DocumentFile, held: Mapping[Output, Mapping[str, Any]]) -> DocumentOutcome:
    """The outcome the cache knows of: each of ``file``'s outputs, unchanged, with its kept ``info``."""
    shown = project.display(file.path)
    template: FileResult | None = None
    warnings: tuple[SourceWarning, ...] = ()
    catalogs: list[CatalogResult] = []
    editions: list[BuiltDocument] = []
    reviews: list[ReviewPage] = []
    for output, info in held.items():
        if output.kind == TEMPLATE:
            template = FileResult(output.name, False)
            warnings = template_warnings(shown, info)
        elif output.kind == CATALOG:
            unchanged = MergeCounts(unchanged=info["entries"])
            catalogs.append(CatalogResult(output.language or "", file.domain, output.name, False, False, unchanged))
        elif output.kind == REVIEW:
            page_counts = Counts(**info["counts"])
            reviews.append(
                ReviewPage(output.language or "", file.domain, output.name, page_counts, info["segments"], False)
            )
        else:
            counts = of_segments(info["segments"], info["translated"])
            built = BuiltDocument(
                output.language or "", file.domain, output.name, counts, False, output.format, info.get("stale", 0)
            )
            editions.append(built)
    return DocumentOutcome(
        file, warnings, template, tuple(catalogs), tuple(editions), cached=True, reviews=tuple(reviews)
    )
