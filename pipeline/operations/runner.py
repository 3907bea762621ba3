"""The runner: a command's work on every document, with the cache and the worker processes.

``run_documents`` skips the documents whose outputs (``records.outputs``) the cache
(``pipeline.workspace.cache``) knows to be current, replaying what it knows of them, and
sends the others to ``worker.process`` on worker processes (``parallel``), then writes each
document's files with ``commit``. extract, update, check, build and review run through here;
status uses its cache helpers to count catalogs.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from pipeline.l10n.counts import Counts
from pipeline.operations import parallel
from pipeline.operations.memory import automatic, check_compendia, memories
from pipeline.operations.parallel import Progress, Step
from pipeline.operations.records import DocumentOutcome, Output, RunStats, Work, outputs, replayed
from pipeline.operations.worker import Batch, process
from pipeline.workspace import cache, fs, segments, templates
from pipeline.workspace.project import DocumentFile, Project, timestamp


def cached(
    project: Project, store: cache.Cache, file: DocumentFile, work: Work, made: tuple[Output, ...] | None = None
) -> DocumentOutcome | None:
    """The outcome of ``work`` on ``file`` as the cache knows it, if every output is current; else None.

    ``made``: the document's ``outputs``, when the caller has them."""
    held: dict[Output, Any] = {}
    for output in outputs(project, file, work) if made is None else made:
        fact = store.holds(output.name)
        if fact is None:
            return None
        held[output] = fact.info
    return replayed(project, file, held)


# Documents whose files are written together (``commit``), and at most that many files at once:
# their flushes run together, bounded so that memory and open files stay small.
BATCH_DOCUMENTS = 32
BATCH_FILES = 256


def commit(store: cache.Cache | None, *outcomes: DocumentOutcome) -> None:
    """Write the documents' changed files (together: ``fs.write_all``, or put in place what the workers
    staged: ``fs.replace_all``), then record how they were made.

    If a file cannot be written, the documents before its own are written and recorded, and its error raised.
    """
    if any(o.staged for o in outcomes):
        staged = [(number, item) for number, o in enumerate(outcomes) for item in o.staged]
        done = fs.replace_all([item for _, item in staged])
        _wrote(store, [str(item.display) for (_, item), w in zip(staged, done.written, strict=True) if w])
        complete = len(outcomes) if done.error is None else staged[done.failed or 0][0]
        for outcome in outcomes[:complete]:
            _record(store, outcome)
        if done.error is not None:
            raise done.error
        return
    changed = [(number, planned) for number, o in enumerate(outcomes) for planned in o.files if planned.changed]
    complete = len(outcomes)  # the documents before this one are written
    try:
        for start in range(0, len(changed), BATCH_FILES):
            chunk = changed[start : start + BATCH_FILES]
            complete = chunk[0][0]  # until this chunk is written
            done = fs.write_all([fs.Write(p.path, p.data, p.display, p.expected) for _, p in chunk])
            _wrote(store, [p.display for (_, p), w in zip(chunk, done.written, strict=True) if w])
            if done.error is not None:
                complete = chunk[done.failed or 0][0]
                raise done.error
            complete = len(outcomes)
    finally:
        for outcome in outcomes[:complete]:
            _record(store, outcome)


def _wrote(store: cache.Cache | None, names: list[str]) -> None:
    if store is not None:
        for name in names:
            store.wrote(name)


def _record(store: cache.Cache | None, outcome: DocumentOutcome) -> None:
    """Record how a written document's files were made."""
    if store is not None:
        for fact in outcome.facts:
            store.record(fact)
        for counted in outcome.counts:
            store.store_counts(counted.name, counted.content, counts_list(counted.counts))
        for kept in outcome.memory:
            automatic_copies = automatic if kept.copies else None
            store.store_translations(kept.language, kept.name, kept.content, kept.pairs, automatic_copies)


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
    check_compendia(project, compendia)
    files = project.documents()
    store = open_cache(project, compendia, force)
    outcomes: list[DocumentOutcome | None] = []
    todo: list[DocumentFile] = []
    for file in files:
        made = outputs(project, file, work)
        hit = cached(project, store, file, work, made)
        outcomes.append(hit)
        if hit is None:
            todo.append(file)
            store.observe([project.display(file.path), *(o.name for o in made)])
    memory, lone = memories(project, store, work, files, outcomes, compendia)  # may send cached documents to work
    todo = [file for file, outcome in zip(files, outcomes, strict=True) if outcome is None]
    done = len(files) - len(todo)
    if progress is not None:
        progress(Step(done, len(files), ""))
    size = sum(file_size(file.path) for file in todo)
    processes = parallel.workers(jobs, len(todo), size)
    # the segment cache: read unless --force, kept up to date by runs that write (workspace/segments.py)
    reuse = segments.Use(read=not force, write=write)
    # one big document: its segmentation may take a second core if one is idle (text/halves.py)
    alone = processes == 1 and len(todo) == 1 and parallel.workers(jobs, 2, size) > 1
    helpers = 1 if alone and parallel.idle_core() else 0
    sent = Project(
        project.root,
        project.config,
        glossary=project.glossary,
        program=project.program,
        segment_cache=reuse,
        helpers=helpers,
    )
    sent.shares_loads(project)  # a catalog the memory read is not parsed again by the merge (in this process)
    batch = Batch(
        sent,
        work,
        timestamp(),
        memory,
        stage=write and not hold,
        templates=current_templates(project, store, work, todo),
        environment=store.environment,
        keep_templates=write,
        lone=lone,
    )
    results = parallel.run(process, batch, todo, processes, discard=lambda outcome: fs.discard(outcome.staged))
    unwritten: list[int] = []  # documents done, their files not written yet (written BATCH_DOCUMENTS at a time)
    try:
        try:
            for index, outcome in enumerate(outcomes):
                if outcome is not None:
                    continue
                outcome = next(results)
                outcomes[index] = outcome
                if write and not hold:
                    unwritten.append(index)
                    if len(unwritten) >= BATCH_DOCUMENTS:
                        _write(store, outcomes, unwritten)
                done += 1
                if progress is not None:
                    progress(Step(done, len(files), outcome.file.domain))
        finally:  # on an error too: the documents before it are written
            _write(store, outcomes, unwritten)
    finally:
        results.close()  # documents made but not taken: their staged files are removed
        if write and not hold:
            store.save()
    if write:
        segments.prune(project.root, (file.domain for file in files))
        templates.prune(project.root, (file.domain for file in files))
    stats = RunStats(len(files), len(files) - len(todo), len(todo), processes)
    return [o for o in outcomes if o is not None], stats, store


def current_templates(
    project: Project, store: cache.Cache, work: Work, files: list[DocumentFile]
) -> dict[str, cache.Fact]:
    """The cache's facts that hold about these documents' templates (by domain): each ``.pot`` is what
    its source gives now, so the worker may take it from its record (``recorded``) instead of building it."""
    found: dict[str, cache.Fact] = {}
    if work.templates:
        for file in files:
            fact = store.holds(project.display(project.template_path(file.domain)))
            if fact is not None:
                found[file.domain] = fact
    return found


def _write(store: cache.Cache, outcomes: list[DocumentOutcome | None], indexes: list[int]) -> None:
    """Write these documents' files (``commit``), then keep their outcomes without the files' bytes."""
    if not indexes:
        return
    done = [o for o in (outcomes[i] for i in indexes) if o is not None]
    try:
        commit(store, *done)
    finally:
        for i in indexes:
            outcome = outcomes[i]
            if outcome is not None:
                files = tuple(replace(f, data=b"") for f in outcome.files)
                outcomes[i] = replace(outcome, files=files, staged=())
        indexes.clear()


def file_size(path: Path) -> int:
    """A file's size in bytes (0 if unreadable): how much work it is, to choose the number of workers."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
