"""The ``extract`` command: refresh each document's template (``locales/<domain>.pot``).

With ``check`` it writes nothing and reports which templates are stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.l10n.template import SourceWarning
from pipeline.operations.parallel import Progress
from pipeline.operations.records import FileResult, RunStats, Work
from pipeline.operations.runner import run_documents
from pipeline.workspace.project import Project


@dataclass(frozen=True)
class ExtractResult:
    templates: tuple[FileResult, ...]
    warnings: tuple[SourceWarning, ...]  # of the documents whose template changed: news to report
    stats: RunStats | None = None
    known_warnings: tuple[SourceWarning, ...] = ()  # of unchanged documents: reported before (check lists them)

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
    outcomes, stats, _ = run_documents(
        project, Work(templates=True), write=not check, jobs=jobs, force=force, progress=progress
    )
    return ExtractResult(
        tuple(o.template for o in outcomes if o.template is not None),
        tuple(w for o in outcomes if o.template is None or o.template.changed for w in o.warnings),
        stats,
        tuple(w for o in outcomes if o.template is not None and not o.template.changed for w in o.warnings),
    )
