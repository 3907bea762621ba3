"""The ``update`` command: refresh the templates and create or merge each language's catalogs.

Runs under the project lock through ``merging``, so a catalog a translator saves
meanwhile is read and merged again instead of overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.l10n.template import SourceWarning
from pipeline.operations.parallel import Progress
from pipeline.operations.plan import merging, target_languages
from pipeline.operations.records import CatalogResult, FileResult, RunStats, Work
from pipeline.operations.runner import run_documents
from pipeline.workspace.project import Project


@dataclass(frozen=True)
class UpdateResult:
    templates: tuple[FileResult, ...]
    catalogs: tuple[CatalogResult, ...]
    warnings: tuple[SourceWarning, ...]  # of the documents whose template changed: news to report
    dry_run: bool = False
    stats: RunStats | None = None
    reread: tuple[str, ...] = ()  # catalogs saved by someone while this ran: read and merged again
    known_warnings: tuple[SourceWarning, ...] = ()  # of unchanged documents: reported before (check lists them)


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
    work = Work(templates=True, catalogs=tuple(t.code for t in target_languages(project, codes)))
    if dry_run:
        return _update(project, work, dry_run, compendia, jobs, force, progress)
    result, reread = merging(project, lambda: _update(project, work, dry_run, compendia, jobs, force, progress))
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
    outcomes, stats, _ = run_documents(
        project, work, write=not dry_run, jobs=jobs, force=force, progress=progress, compendia=compendia
    )
    return UpdateResult(
        tuple(o.template for o in outcomes if o.template is not None),
        tuple(c for code in work.catalogs for o in outcomes for c in o.catalogs if c.language == code),
        tuple(w for o in outcomes if o.template is None or o.template.changed for w in o.warnings),
        dry_run,
        stats,
        known_warnings=tuple(
            w for o in outcomes if o.template is not None and not o.template.changed for w in o.warnings
        ),
    )
