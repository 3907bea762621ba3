"""The ``review`` command: the bilingual review page ``build/<lang>/<doc>.review.html``.

The page (made by ``pipeline.editions.review_page``) shows source and translation side by side, links
to the lines of the catalog as written, and shows the quality checks' findings under the
rows they concern. The pages are one more kind of work for the runner (``runner``):
documents whose pages, catalogs and template are current are skipped, the others made on
worker processes; nothing is written until every page is made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.operations.plan import merging, target_languages
from pipeline.operations.records import CatalogResult, ReviewPage, Work
from pipeline.operations.runner import commit, run_documents
from pipeline.workspace.project import Project


@dataclass(frozen=True)
class ReviewResult:
    pages: tuple[ReviewPage, ...]
    catalogs: tuple[CatalogResult, ...]
    reread: tuple[str, ...] = ()  # catalogs saved by someone while this ran: read and merged again


def review(
    project: Project,
    codes: tuple[str, ...] = (),
    refresh: bool = True,
    *,
    jobs: int | None = None,
) -> ReviewResult:
    """Write the bilingual review page ``build/<lang>/<doc>.review.html`` of each language.

    Like ``build``, refreshes the catalogs first unless ``refresh`` is False; the page then
    points at the lines of the catalog as written, and shows the quality checks' findings
    under the rows they concern.
    """
    targets = tuple(t.code for t in target_languages(project, codes))
    work = Work(templates=refresh, catalogs=targets if refresh else (), reviews=targets)
    result, reread = merging(project, lambda: _review(project, work, jobs))
    return replace(result, reread=reread)


def _review(project: Project, work: Work, jobs: int | None) -> ReviewResult:
    outcomes, _, store = run_documents(project, work, hold=True, jobs=jobs)
    commit(store, *outcomes)
    store.save()
    return ReviewResult(
        tuple(page for o in outcomes for page in o.reviews), tuple(c for o in outcomes for c in o.catalogs)
    )
