"""The translation memory: each language's translations, from its catalogs and the compendia.

``translation_memory`` gathers a language's translated entries (``docs/catalogs.md``);
``memories`` builds the memory of each language a run merges, only when something may
need it, and sends again to work the cached documents whose catalogs it may now fill
(the cache keeps each catalog's translations, ``pipeline.workspace.cache``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipeline.errors import PipelineError, UsageError
from pipeline.l10n.merge_records import MemoryHit
from pipeline.operations.records import DocumentOutcome, Work, outputs
from pipeline.po import file as po_file
from pipeline.po.model import Catalog
from pipeline.workspace import cache, fs
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile, Project


def translation_memory(
    project: Project,
    settings: LanguageSettings,
    files: list[DocumentFile],
    compendia: tuple[Path, ...] = (),
    store: cache.Cache | None = None,
    orphans: list[Path] | None = None,
) -> dict[str, MemoryHit]:
    """Translated entries of every catalog of this language, then of each compendium.

    The first translation found for a msgid wins: the catalogs of the documents in document
    order, then the orphaned catalogs of this language (``orphans``, by default those on disk:
    a deleted or renamed document's, whose translations a renamed article gets back), in path
    order, then the compendia (``.po``, or compiled ``.mo``) in the order given. With a
    ``store``, the translations of a catalog it has seen as it is now are not parsed again,
    and those of catalogs no longer read are forgotten.
    """
    memory: dict[str, MemoryHit] = {}
    if orphans is None:
        orphans = [o.path for o in project.orphan_catalogs(settings.code, files)]
    catalogs = [project.catalog_path(settings.code, f.domain) for f in files] + orphans
    if store is not None:
        store.keep_translations(settings.code, [project.display(path) for path in catalogs])
    check_compendia(project, compendia)
    for path in [*catalogs, *compendia]:
        origin = project.display(path)
        is_catalog = path not in compendia
        known = store.translations(settings.code, origin) if store is not None and is_catalog else None
        if known is None:
            if store is not None:
                store.observe([origin])  # before reading, so that a change while it is read shows next time
            found = _translated(project, path, origin, settings.code)
            if found is None:
                continue
            known, content = found
            if store is not None and content is not None and is_catalog:
                store.store_translations(settings.code, origin, content, known)
        for msgid, msgstr in known:
            if msgid not in memory:
                memory[msgid] = MemoryHit(msgstr, origin)
    return memory


_XLIFF = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")


def check_compendia(project: Project, compendia: tuple[Path, ...]) -> None:
    """Refuse, before anything is read, a compendium that is missing or of a kind another command takes."""
    for path in compendia:
        shown = project.display(path)
        suffix = path.suffix.lower()
        if not path.is_file():
            raise PipelineError("compendium not found; give an existing .po, .mo or .tmx file", shown)
        if suffix in _XLIFF:
            raise UsageError(
                "is XLIFF, not a compendium (.po, .mo or .tmx); to take its translations, "
                f"run `{project.program} import {shown}`",
                shown,
            )
        if suffix == ".pot":
            raise UsageError("is a template (no translations); a compendium is a .po, .mo or .tmx file", shown)
        if suffix in (".tbx", ".csv"):
            raise UsageError(
                "is a glossary, not a compendium (.po, .mo or .tmx); "
                'name it in pyproject.toml instead: glossary = "..." (docs/settings.md)',
                shown,
            )


def _translated(
    project: Project, path: Path, origin: str, language: str
) -> tuple[list[tuple[str, str]], str | None] | None:
    """(msgid, msgstr) of a catalog's translated entries and its content hash (None for a .mo or .tmx);
    None: no file."""
    if path.suffix.lower() == ".tmx":  # a CAT tool's translation memory (issue 16)
        from pipeline.exchange import tmx

        return tmx.memory_pairs(path, origin, project.config.source_language, language), None
    read = project.load_catalog(path, keep=True)  # the merge of this catalog, later in the run, reads it again
    if read is None:
        return None
    content = None if path.suffix == ".mo" else fs.digest(read.data)
    return memory_pairs(read.catalog), content


def memory_pairs(found: Catalog) -> list[tuple[str, str]]:
    """What a catalog gives the translation memory: (msgid, msgstr) of its translated simple entries."""
    # e.translated, for a simple live entry, in plain attribute tests: this runs over every entry, twice a merge
    return [
        (e.msgid, e.msgstr)
        for e in found.entries
        if e.msgstr and e.msgctxt is None and e.msgid_plural is None and not e.obsolete and "fuzzy" not in e.flags
    ]


def memories(
    project: Project,
    store: cache.Cache,
    work: Work,
    files: list[DocumentFile],
    outcomes: list[DocumentOutcome | None],
    compendia: tuple[Path, ...],
) -> tuple[dict[str, Mapping[str, MemoryHit]], tuple[str, ...]]:
    """The translation memory of each language merged without a converter, when anything may need it,
    and the languages merged without one (``lone``).

    A memory is needed when a document is to be merged, and also when it may fill a blank entry
    of a catalog the cache let alone: when there are orphaned catalogs (a renamed document's),
    or a run made translations its memory lacked. The documents whose cached catalog may hold
    a blank entry for a msgid the memory has gained since the last run get merged again
    (their ``outcomes`` become None). A language whose one catalog is both the memory's only
    source and the one merged gets none (``lone``: the memory could not fill a single entry).
    """
    codes = [code for code in work.catalogs if project.target(code).converter is None]
    orphans = {code: [o.path for o in project.orphan_catalogs(code, files)] for code in codes}
    needed = any(outcome is None for outcome in outcomes)
    if not needed and not any(orphans[code] or store.memory_pending(code) for code in codes):
        return {}, ()
    memories: dict[str, Mapping[str, MemoryHit]] = {}
    lone = tuple(code for code in codes if lone_catalog(files, outcomes, orphans[code], compendia))
    for code in lone:
        store.merge_alone(code)
    for code in codes:
        if code in lone:
            continue
        settings = project.target(code)
        memory = translation_memory(project, settings, files, compendia, store, orphans[code])
        memories[code] = memory
        news = store.use_memory(code, memory)
        if not any(outcome is not None for outcome in outcomes):
            continue  # no document the cache let alone: every catalog is merged with this memory anyway
        if settings.copy_untranslatable:
            news = [msgid for msgid in news if not automatic(msgid, memory[msgid].msgstr)]
        if news:
            for index in _reached(project, code, news, files, outcomes):
                outcomes[index] = None
                store.forget(o.name for o in outputs(project, files[index], work))
    return memories, lone


def lone_catalog(
    files: list[DocumentFile], outcomes: list[DocumentOutcome | None], orphans: list[Path], compendia: tuple[Path, ...]
) -> bool:
    """True if a language's memory would hold nothing but what its one catalog, about to be merged, holds.

    The memory is then of no use to that merge: it knows a msgid only if the catalog has a
    translated entry with that msgid (and no context), and the merge gives that entry, by key,
    to the template's entry of the msgid before it asks the memory about any entry — new ones
    and blank ones. The proof, and a test: docs/many-documents.md ("The translation memory").
    """
    return len(files) == 1 and outcomes[0] is None and not orphans and not compendia


def automatic(msgid: str, msgstr: str) -> bool:
    """A translation every new entry of ``msgid`` gets anyway where text without Chinese is copied.

    The memory has nothing to bring to a blank entry of such text: with ``copy_untranslatable``
    it is blank only because a person emptied it.
    """
    if msgstr != msgid:
        return False
    from pipeline.l10n import merge  # only commands that merge load it (start-up: extract does not)

    return merge.initial_msgstr(msgid, None, True) == msgid


def _reached(
    project: Project, code: str, news: list[str], files: list[DocumentFile], outcomes: list[DocumentOutcome | None]
) -> list[int]:
    """The cached documents whose catalog of ``code`` may hold one of ``news`` (msgids) as a blank entry.

    The cache vouches that a cached catalog is as this tool wrote it, so looking for the msgid
    lines (``po.file.may_hold``) finds every such entry without parsing the file.
    """
    cached = [index for index, outcome in enumerate(outcomes) if outcome is not None]
    paths = [project.catalog_path(code, files[index].domain) for index in cached]
    return [index for index, found in zip(cached, po_file.may_hold(paths, news), strict=True) if found]
