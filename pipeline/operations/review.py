"""The ``review`` command: the bilingual review page ``build/<lang>/<doc>.review.html``.

The page (made by ``pipeline.editions.review_page``) shows source and translation side by side, links
to the lines of the catalog as written, and shows the quality checks' findings under the
rows they concern. Unlike the other writing commands it plans every document itself
(``plan``), without the cache or worker processes of the runner (``documents``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import qa
from pipeline.editions import review_page as review_stage
from pipeline.errors import CatalogError
from pipeline.l10n.counts import Counts
from pipeline.l10n.merge import MemoryHit
from pipeline.operations.check import qa_language
from pipeline.operations.documents import CatalogResult, catalog_result
from pipeline.operations.plan import (
    CatalogPlan,
    PlannedFile,
    merging,
    plan_catalog,
    plan_documents,
    planned_file,
    target_languages,
    translation_memory,
    write_planned,
)
from pipeline.po import catalog
from pipeline.po.catalog import Catalog
from pipeline.workspace import cache
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile, Project


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
    targets = target_languages(project, codes)
    result, reread = merging(project, lambda: _review(project, targets, refresh))
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
            text = review_stage.page(collected, context, _findings_by_msgid(project, settings, current))
            planned = planned_file(project, project.review_path(settings.code, plan.file), text)
            result = ReviewPage(
                settings.code, plan.file.domain, planned.display, collected.counts, len(collected.rows), planned.changed
            )
            pages.append((result, planned))
    if refresh:
        for plan in documents:
            write_planned(plan.template_file)
    for cplan in catalog_plans:
        write_planned(cplan.file)
    for _, planned in pages:
        write_planned(planned)
    return ReviewResult(tuple(p for p, _ in pages), tuple(catalog_result(c) for c in catalog_plans))


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


def _findings_by_msgid(project: Project, settings: LanguageSettings, found: Catalog) -> review_stage.Findings:
    """The quality checks' messages for each checked entry of one catalog, for the review page."""
    target = qa_language(project, settings)
    messages: dict[str, tuple[str, ...]] = {}
    for entry in found.live:
        if qa.checked(entry, target.machine):
            fired = [f"{check.severity} [{check.id}]: {message}" for check, message in qa.check_entry(entry, target)]
            if fired:
                messages[entry.msgid] = tuple(fired)
    return messages
