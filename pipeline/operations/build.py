"""The ``build`` command: write each language's edition of every document (Markdown, HTML).

Refreshes the catalogs first (unless told not to); with ``min_percent``, writes nothing
at all if any edition is below it. The editions themselves are made per document by the
runner (``runner``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.operations.parallel import Progress
from pipeline.operations.plan import merging
from pipeline.operations.records import BuiltDocument, CatalogResult, RunStats, Work
from pipeline.operations.runner import commit, run_documents
from pipeline.workspace.project import Project

FORMATS = ("md", "html")  # edition formats: the localised Markdown, a standalone HTML page


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
    (see ``pipeline.workspace.cache``; ``force`` ignores the cache); the others run on ``jobs``
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
    result, reread = merging(project, lambda: _build(project, work, min_percent, compendia, jobs, force, progress))
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
    outcomes, stats, store = run_documents(
        project, work, hold=hold, jobs=jobs, force=force, progress=progress, compendia=compendia
    )
    built = tuple(b for o in outcomes for b in o.editions)
    catalogs = tuple(c for o in outcomes for c in o.catalogs)
    below = tuple(
        b for b in built if min_percent is not None and not b.counts.meets(min_percent) and b.format == work.formats[0]
    )
    if below:
        return BuildResult(built, catalogs, below, False, stats)
    if hold:
        commit(store, *outcomes)
        store.save()
    return BuildResult(built, catalogs, (), True, stats)
