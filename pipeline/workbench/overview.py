"""The overview's rows when ``status`` cannot count every catalog: one broken file must not hide the others.

``status`` stops at the first catalog it cannot read (a merge-conflict marker, a syntax error);
the workbench then counts each catalog on its own and shows the broken one's one-line error in
its row. Nothing is written. See docs/workbench.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.errors import PipelineError
from pipeline.l10n.counts import Counts, count
from pipeline.operations.plan import target_languages
from pipeline.operations.status import DocumentStatus, LanguageStatus
from pipeline.po import file as po_file
from pipeline.workspace.project import DocumentFile, Project

Load = Callable[[str, DocumentFile], "po_file.CatalogFile | None"]


@dataclass(frozen=True)
class Overview:
    statuses: tuple[LanguageStatus, ...]
    errors: dict[str, str]  # "LANG/DOMAIN" -> the catalog's one-line error


def one_by_one(project: Project, codes: tuple[str, ...], load: Load) -> Overview:
    """Each language's documents counted catalog by catalog; a catalog that cannot be read is an error row."""
    files = project.documents()
    errors: dict[str, str] = {}
    results = []
    for settings in target_languages(project, codes):
        machine = project.machine(settings)
        documents = []
        for file in files:
            path = project.catalog_path(settings.code, file.domain)
            counts = Counts()
            try:
                read = load(settings.code, file)
                if read is None:  # no catalog yet: every segment still to do
                    segments = len({s.text for s in project.segmented(file).segments()})
                    counts = Counts(total=segments, untranslated=segments)
                else:
                    counts = count(read.catalog, machine)
            except PipelineError as exc:
                errors[f"{settings.code}/{file.domain}"] = exc.format()
            documents.append(DocumentStatus(file.domain, project.display(path), counts))
        total = sum((d.counts for d in documents), Counts())
        orphans = tuple(project.display(o.path) for o in project.orphan_catalogs(settings.code, files))
        results.append(LanguageStatus(settings.code, settings.converter is not None, total, tuple(documents), orphans))
    return Overview(tuple(results), errors)
