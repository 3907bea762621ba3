"""The ``export`` and ``import`` commands: the I/O edge of the exchange package.

``export`` reads the catalogs as they are on disk (run ``update`` first for fresh ones)
and writes one file per language (the glossary: one file), atomically, only when its
bytes change. ``import`` reads every given file first — any bad one stops the command
before anything is written — then, under the project lock, plans each catalog's import
(``importing.plan``) and writes the catalogs that change, atomically and only if nobody
saved them meanwhile (the fingerprint check of ``fs``), in the catalog layout ``update``
writes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.bulk import paused_gc
from pipeline.errors import LanguageError, UsageError
from pipeline.exchange import importing, tbx, tmx, xliff
from pipeline.exchange.importing import Planned
from pipeline.exchange.output import Output, check, target
from pipeline.exchange.records import Exchange, Incoming, InUnit, out_file
from pipeline.exchange.safexml import ExchangeError
from pipeline.l10n import languages
from pipeline.operations.plan import headed
from pipeline.po import file as po_file
from pipeline.po import header
from pipeline.po.model import Catalog
from pipeline.po.write import render
from pipeline.workspace import fs
from pipeline.workspace.project import DocumentFile, Project, timestamp

FORMATS = ("xliff", "xliff12", "tmx", "tbx")


@dataclass(frozen=True)
class Exported:
    """One file ``export`` wrote (or found already up to date)."""

    path: str
    language: str | None  # None for the glossary
    units: int  # units, translation units or concept entries
    written: bool


@dataclass(frozen=True)
class ImportedCatalog:
    """What an import did (or, with --dry-run, would do) to one catalog."""

    path: str
    language: str
    document: str
    planned: Planned
    changed: bool  # the import changes the catalog (written, or with --dry-run would be)
    written: bool
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    catalogs: tuple[ImportedCatalog, ...]
    files: tuple[str, ...]  # the exchange files read
    dry_run: bool


# ---------------------------------------------------------------- export


def _documents(project: Project, wanted: Sequence[str]) -> list[DocumentFile]:
    documents = project.documents()
    if not wanted:
        return documents
    chosen: list[DocumentFile] = []
    for name in wanted:
        found = next((d for d in documents if name in (d.domain, project.display(d.path))), None)
        if found is None:
            listed = ", ".join(d.domain for d in documents[:10]) + (" …" if len(documents) > 10 else "")
            raise UsageError(f"--document {name!r}: no such document; documents: {listed}")
        if found not in chosen:
            chosen.append(found)
    return chosen


def export_date(catalogs: Sequence[Catalog]) -> str:
    """The TMX creation date: ``SOURCE_DATE_EPOCH`` if set, else the newest ``PO-Revision-Date`` of the
    catalogs (so the same catalogs give the same bytes), else the epoch."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(epoch)))
    newest = max((t for t in map(header.revision_time, catalogs) if t is not None), default=0)
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(newest))


def _catalogs(project: Project, code: str, documents: Sequence[DocumentFile]) -> list[tuple[str, Catalog]]:
    found = []
    for document in documents:
        path = project.catalog_path(code, document.domain)
        read = project.load_catalog(path)
        if read is None:
            raise UsageError(
                f"no catalog yet; run `{project.program} update --lang {code}` first", project.display(path)
            )
        found.append((document.domain, read.catalog))
    return found


@paused_gc()  # hundreds of thousands of small records and XML elements, no cycles
def export(
    project: Project,
    fmt: str,
    output: Path | str,
    codes: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> tuple[Exported, ...]:
    """Write the exchange file(s) of ``fmt`` for the given (default: every) language and document.

    ``output`` as typed after ``-o`` (a trailing ``/`` names a folder); every path is checked
    (``output.check``: never over the project's own files) before anything is read or written.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Output.parse(output)
    source = languages.bcp47(project.config.source_language)
    if fmt == "tbx":
        path = target(out, fmt, "glossary", False)
        check(project, path, out)
        if not project.has_glossary():
            raise UsageError(
                f"no glossary to export: {project.display(project.config.glossary_path)} does not exist and "
                f"[tool.article-l10n] sets no glossary; write one (docs/settings.md) or export xliff or tmx"
            )
        glossary = project.glossary
        data = tbx.write(glossary, source)
        written = fs.write_if_changed(path, data, project.display(path))
        return (Exported(project.display(path), None, len({t.source for t in glossary.terms}), written),)
    chosen = _documents(project, documents)
    settings = [project.target(c) for c in dict.fromkeys(codes)] if codes else list(project.config.languages)
    many = len(settings) > 1
    if many and out.path.suffix and not out.is_folder():
        raise UsageError(
            f"-o {project.display(out.path)}: {len(settings)} languages give one file each; "
            "name a folder, or choose one language with --lang"
        )
    paths = {language.code: target(out, fmt, language.code, many) for language in settings}
    for path in paths.values():
        check(project, path, out)
    results: list[Exported] = []
    planned: list[tuple[Path, bytes, str, int]] = []
    for language in settings:
        catalogs = _catalogs(project, language.code, chosen)
        if fmt == "tmx":
            pairs = _memory(project, language.code, catalogs, chosen)
            data = tmx.write(
                pairs, source, languages.bcp47(language.code), export_date([c for _, c in catalogs]), __version__
            )
            count = len(pairs)
        else:
            exchange = Exchange(source, languages.bcp47(language.code), tuple(out_file(d, c) for d, c in catalogs))
            data = (xliff.write_xliff2 if fmt == "xliff" else xliff.write_xliff12)(exchange)
            count = sum(len(f.units) for f in exchange.files)
        planned.append((paths[language.code], data, language.code, count))
    for path, data, code, count in planned:  # everything built before anything is written
        results.append(
            Exported(project.display(path), code, count, fs.write_if_changed(path, data, project.display(path)))
        )
    return tuple(results)


def _memory(
    project: Project, code: str, catalogs: list[tuple[str, Catalog]], documents: Sequence[DocumentFile]
) -> list[tmx.Pair]:
    """Every translated pair of the language: the documents' catalogs in order, then orphaned catalogs; each
    source once (the first translation found, as the translation memory of ``update`` takes it)."""
    pairs: dict[str, tmx.Pair] = {}
    sources = [(project.display(project.catalog_path(code, d)), c) for d, c in catalogs]
    for orphan in project.orphan_catalogs(code, documents):
        read = project.load_catalog(orphan.path)
        if read is not None:
            sources.append((project.display(orphan.path), read.catalog))
    for origin, cat in sources:
        for entry in cat.live:
            if entry.translated and entry.msgctxt is None and entry.msgid_plural is None:
                pairs.setdefault(entry.msgid, tmx.Pair(entry.msgid, entry.msgstr, origin))
    return list(pairs.values())


# ---------------------------------------------------------------- reading exchange files (also for update)


def read_incoming(project: Project, path: Path) -> Incoming:
    """An XLIFF 2.x or 1.2 file read and checked against the project (languages, documents)."""
    shown = project.display(path)
    incoming = xliff.read_file(path, shown)
    try:
        source = languages.canonical(incoming.source_language)
    except LanguageError as exc:
        raise ExchangeError(f"source language: {exc.message}", shown) from None
    if source != languages.canonical(project.config.source_language):
        raise ExchangeError(
            f"the source language is {incoming.source_language}, this project's is "
            f"{languages.bcp47(project.config.source_language)}; not an export of this project",
            shown,
        )
    try:
        code = project.target(incoming.target_language).code  # the message says how to add it
    except LanguageError as exc:
        raise ExchangeError(f"target language: {exc.message}", shown) from None
    domains = {d.domain for d in project.documents()}
    for unit in incoming.units:
        if unit.document not in domains:
            raise ExchangeError(
                f"unit {unit.id} belongs to document {unit.document!r}, which this project does not have "
                "(renamed or deleted since the export?)",
                shown,
                unit.line,
            )
    return Incoming(incoming.path, incoming.format, incoming.source_language, code, incoming.units)


# ---------------------------------------------------------------- import


@paused_gc()
def import_files(project: Project, paths: Sequence[Path], dry_run: bool = False) -> ImportResult:
    """Take the translations of XLIFF files back into the catalogs (see ``importing`` for what is safe)."""
    if not paths:
        raise UsageError("name at least one XLIFF file to import")
    for path in paths:
        _not_a_memory(project, path)
    incoming = [read_incoming(project, path) for path in paths]  # all read before anything is planned
    if dry_run:
        return ImportResult(tuple(_plan(project, incoming, write=False)), tuple(i.path for i in incoming), True)
    with project.locked():
        done = _plan(project, incoming, write=True)
    return ImportResult(tuple(done), tuple(i.path for i in incoming), False)


def _not_a_memory(project: Project, path: Path) -> None:
    """A catalog or a TMX file given to ``import``: the command that takes it is ``update --compendium``."""
    suffix = path.suffix.lower()
    shown = project.display(path)
    if suffix == ".pot":
        raise UsageError("is a template (no translations); import takes XLIFF files made by export", shown)
    if suffix in (".po", ".mo", ".tmx"):
        kind = "a translation memory (TMX)" if suffix == ".tmx" else "a gettext catalog"
        raise UsageError(
            f"is {kind}, not XLIFF; to take its translations, run `{project.program} update --compendium {shown}`",
            shown,
        )


def _plan(project: Project, incoming: list[Incoming], write: bool) -> list[ImportedCatalog]:
    groups: dict[tuple[str, str], list[tuple[str, list[InUnit]]]] = {}
    for item in incoming:
        per_document: dict[str, list[InUnit]] = {}
        for unit in item.units:
            per_document.setdefault(unit.document, []).append(unit)
        for document, units in per_document.items():
            groups.setdefault((item.target_language, document), []).append((item.path, units))
    plans = []
    for (code, document), batches in groups.items():
        path = project.catalog_path(code, document)
        shown = project.display(path)
        read = project.load_catalog(path)
        if read is None:
            raise UsageError(f"no catalog to import into; run `{project.program} update --lang {code}` first", shown)
        current = read.catalog
        total: Planned | None = None
        for origin, units in batches:
            step = importing.plan(current, units, origin)
            current = step.catalog
            total = step if total is None else _sum(total, step)
        assert total is not None
        plans.append((path, shown, code, document, read, total))
    results = []
    for path, shown, code, document, read, total in plans:  # every plan made before the first write
        changed = total.catalog != read.catalog
        notices: tuple[str, ...] = ()
        written = False
        if changed:
            done = total.catalog
            if not done.has_header:  # written without one: the header update would give it
                file = next((f for f in project.documents() if f.domain == document), None)
                done = done if file is None else headed(project, project.target(code), file, done)
            dated = header.revised(done, timestamp())  # entries changed: the translation's date moves on
            final, notices = po_file.prepare(read, dated)
            if write:
                written = fs.write_if_changed(path, render(final).encode("utf-8"), shown, expected=read.fingerprint)
        results.append(ImportedCatalog(shown, code, document, total, changed, written, notices))
    return results


def _sum(a: Planned, b: Planned) -> Planned:
    return Planned(
        b.catalog,
        a.translated + b.translated,
        a.fuzzy + b.fuzzy,
        a.unchanged + b.unchanged,
        a.empty + b.empty,
        a.reports + b.reports,
    )
