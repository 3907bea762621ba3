"""The ``status`` command: how complete each language's catalogs on disk are, per document.

Counts come from the cache when it has seen a catalog as it is now; the others are
counted, on worker processes when there are many. Reads the catalogs, writes only the cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import UsageError
from pipeline.l10n.counts import Counts, of_document, of_segments
from pipeline.operations import SORTS, parallel  # SORTS: there for the command line's options (start-up time)
from pipeline.operations.parallel import Progress, Step
from pipeline.operations.plan import target_languages
from pipeline.operations.runner import counts_list, file_size, open_cache
from pipeline.operations.worker import Made, catalog_on_disk
from pipeline.workspace import cache
from pipeline.workspace.project import DocumentFile, Project


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
    orphans: tuple[str, ...] = ()  # catalogs of this language whose document is gone (not counted)


def status(
    project: Project,
    codes: tuple[str, ...] = (),
    sort: str = "name",
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    remember: bool = True,
    store: cache.Cache | None = None,
) -> tuple[LanguageStatus, ...]:
    """Completeness per language and document, as the catalogs on disk say.

    ``sort``: the documents by name (domain), or by ``completeness``, least complete first.
    Counts of catalogs the cache has seen are not counted again; the others are counted
    on ``jobs`` processes when there are many, and kept in the cache unless not ``remember``
    (``store``: the cache, when the caller has it open).
    Orphaned catalogs (no document any more) are listed per language, not counted. A catalog
    with no entries counts against its document's segments, as a missing one does.
    """
    if sort not in SORTS:
        raise UsageError(f"status sorts by {' or '.join(SORTS)}, not {sort!r}")
    files = project.documents()
    targets = target_languages(project, codes)
    store = store if store is not None else open_cache(project, (), force=False)
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
    size = sum(file_size(project.catalog_path(code, file.domain)) for code, file in todo)
    processes = parallel.workers(jobs, len(todo), size)
    for name, content, counts in parallel.run(_count, project, todo, processes):
        found[name] = counts
        if content is not None:
            store.store_counts(name, content, counts_list(counts))
        if progress is not None:
            progress(Step(len(found), len(targets) * len(files), name))
    if remember:
        store.save()
    results = []
    for settings in targets:
        documents = []
        for file in files:
            name = project.display(project.catalog_path(settings.code, file.domain))
            counts = found[name]  # the cache keeps a catalog's own counts: an empty one's depend on its document too
            if counts.total == 0:
                counts = of_document(counts, _segments(project, file))
            documents.append(DocumentStatus(file.domain, name, counts))
        if sort == "completeness":
            documents.sort(key=lambda d: (d.counts.percent, -d.counts.total, d.document))
        total = sum((d.counts for d in documents), Counts())
        orphans = tuple(project.display(o.path) for o in project.orphan_catalogs(settings.code, files))
        results.append(LanguageStatus(settings.code, settings.converter is not None, total, tuple(documents), orphans))
    return tuple(results)


def _count(project: Project, task: tuple[str, DocumentFile]) -> tuple[str, str | None, Counts]:
    """The status counts of one catalog (runs in a worker process), with the catalog's content hash."""
    code, file = task
    made = Made()
    _, name, content = catalog_on_disk(project, project.target(code), file, made)
    if made.counts:
        return name, content, made.counts[0].counts
    return name, None, of_segments(_segments(project, file), 0)  # no catalog yet: all still to do


def _segments(project: Project, file: DocumentFile) -> int:
    """How many distinct segments a document has: the entries its catalog will have."""
    return len({s.text for s in project.segmented(file).segments()})
