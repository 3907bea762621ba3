"""The commands as functions: extract, update, status, check (with the quality checks), build, review.

Each reads what it needs through ``Project``, calls the pure stages, writes atomically
through ``fs`` and returns a frozen result record. Nothing here prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from . import assemble, catalog, fs, languages, pofile, qa
from . import extract as extract_stage
from . import glossary as glossary_stage
from . import html as html_stage
from . import merge as merge_stage
from . import review as review_stage
from . import status as status_stage
from .catalog import Catalog
from .config import LanguageSettings
from .errors import CatalogError, ConflictError, OutputError, PipelineError, UsageError
from .extract import SourceWarning
from .merge import MemoryHit, MergeCounts
from .project import DocumentFile, Project, timestamp
from .qa import Finding
from .segment import Document
from .status import Counts

# ---------------------------------------------------------------- planning (in memory)


@dataclass(frozen=True)
class PlannedFile:
    """A file the pipeline would write: where, what, and whether that changes it."""

    path: Path
    display: str
    data: bytes
    changed: bool
    created: bool
    expected: str | None = None  # the fingerprint of the file as read, for the merge; None: not guarded


@dataclass(frozen=True)
class DocumentPlan:
    file: DocumentFile
    document: Document
    template: Catalog
    template_file: PlannedFile
    warnings: tuple[SourceWarning, ...]


@dataclass(frozen=True)
class CatalogPlan:
    language: str
    domain: str
    catalog: Catalog
    file: PlannedFile
    counts: MergeCounts
    notices: tuple[str, ...] = ()  # what the write changes about the file besides entries (charset, …)


def _planned(project: Project, path: Path, text: str, expected: str | None = None) -> PlannedFile:
    data = text.encode("utf-8")
    try:
        old: bytes | None = path.read_bytes()
    except FileNotFoundError:
        old = None
    except (NotADirectoryError, IsADirectoryError):
        blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
        raise OutputError(
            f"cannot write: {project.display(blocker)} is in the way (a file where a folder belongs, or the reverse)",
            project.display(path),
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot read: {exc.strerror}", project.display(path)) from None
    return PlannedFile(path, project.display(path), data, old != data, old is None, expected)


def plan_documents(project: Project) -> list[DocumentPlan]:
    """Segment every document and build its template."""
    plans = []
    now = timestamp()
    for file in project.documents():
        document = project.segmented(file)
        shown = project.display(file.path)
        template_path = project.template_path(file.domain)
        previous = project.read_catalog(template_path)
        template = extract_stage.template(
            document, shown, now, previous, project.glossary, project.config.language_codes
        )
        plans.append(
            DocumentPlan(
                file,
                document,
                template,
                _planned(project, template_path, catalog.render(template)),
                extract_stage.warnings(document, shown),
            )
        )
    return plans


def translation_memory(
    project: Project, settings: LanguageSettings, files: list[DocumentFile], compendia: tuple[Path, ...] = ()
) -> dict[str, MemoryHit]:
    """Translated entries of every catalog of this language, then of each compendium.

    The first translation found for a msgid wins: the project's catalogs in document order,
    then the compendia (``.po``, or compiled ``.mo``) in the order given.
    """
    memory: dict[str, MemoryHit] = {}
    sources = [project.catalog_path(settings.code, f.domain) for f in files] + list(compendia)
    for path in sources:
        if path in compendia and not path.is_file():
            raise PipelineError("compendium not found", project.display(path))
        if path.suffix == ".mo":
            found: Catalog | None = catalog.read_mo(path, project.display(path))
        else:
            found = project.read_catalog(path)
        if found is None:
            continue
        origin = project.display(path)
        for entry in found.live:
            if entry.translated and entry.msgctxt is None and entry.msgid_plural is None:
                memory.setdefault(entry.msgid, MemoryHit(entry.msgstr, origin))
    return memory


def _memories(
    project: Project,
    targets: list[LanguageSettings],
    files: list[DocumentFile],
    compendia: tuple[Path, ...],
    refresh: bool = True,
) -> dict[str, dict[str, MemoryHit]]:
    """The translation memory of each target language (none for machine-filled ones)."""
    return {
        t.code: translation_memory(project, t, files, compendia) if refresh and t.converter is None else {}
        for t in targets
    }


def plan_catalog(
    project: Project, settings: LanguageSettings, plan: DocumentPlan, memory: dict[str, MemoryHit] | None = None
) -> CatalogPlan:
    """Merge a document's template into one language's catalog (in memory).

    The language's catalog gets its own glossary terms only (the template lists every language's).
    """
    template = glossary_stage.localise(plan.template, project.glossary, settings.code)
    path = project.catalog_path(settings.code, plan.file.domain)
    read = project.load_catalog(path)
    existing = read.catalog if read is not None else None
    fresh = _fresh_catalog(project, settings, plan)
    if existing is None:
        existing = fresh
    elif not existing.has_header:  # an emptied file, or one written by hand: give it a proper header
        existing = replace(existing, has_header=True, header=fresh.header, header_comments=fresh.header_comments)
    merged = merge_stage.merge(
        template,
        existing,
        project.machine(settings),
        settings.copy_untranslatable,
        memory,
        memory_translated=project.config.memory_matches == "translated",
    )
    written, notices = pofile.prepare(read, merged.catalog)
    planned = _planned(project, path, catalog.render(written), read.fingerprint if read is not None else fs.ABSENT)
    return CatalogPlan(
        settings.code, plan.file.domain, written, planned, merged.counts, notices if planned.changed else ()
    )


def _fresh_catalog(project: Project, settings: LanguageSettings, plan: DocumentPlan) -> Catalog:
    """An empty catalog with the header a new one gets (babel's Plural-Forms, UTF-8)."""
    pot_date = plan.template.header_value("POT-Creation-Date") or timestamp()
    header = merge_stage.new_header(settings.code, languages.plural_forms(settings.code), plan.file.domain, pot_date)
    return Catalog(
        header=header,
        header_comments=(f"{languages.bcp47(settings.code)} translation of {project.display(plan.file.path)}.",),
    )


def _write(planned: PlannedFile) -> bool:
    if not planned.changed:
        return False
    return fs.write_if_changed(planned.path, planned.data, planned.display, planned.expected)


_Result = TypeVar("_Result")


def _merging(project: Project, run: Callable[[], _Result]) -> tuple[_Result, tuple[str, ...]]:
    """Run a read-merge-write under the project lock; if a catalog changed on disk meanwhile, once more.

    A translator may save a catalog between its read and its write: the write notices
    (``fs``: the fingerprint no longer matches) and leaves the file alone. Then everything is
    read and merged again, with the translator's version. If the file changes again, the
    command stops with ``ConflictError`` naming it. Returns the result and the files re-read.
    """
    with project.locked():
        try:
            return run(), ()
        except ConflictError as first:
            try:
                return run(), (first.path or "",)
            except ConflictError as again:
                raise ConflictError(
                    "changed on disk again while this command ran (someone is editing it); not overwritten: "
                    "save it, then run the command again",
                    again.path,
                ) from None


# ---------------------------------------------------------------- extract


@dataclass(frozen=True)
class FileResult:
    path: str
    changed: bool  # written (or, with --check/--dry-run, would be written)
    created: bool = False


@dataclass(frozen=True)
class ExtractResult:
    templates: tuple[FileResult, ...]
    warnings: tuple[SourceWarning, ...]

    @property
    def out_of_date(self) -> tuple[FileResult, ...]:
        return tuple(t for t in self.templates if t.changed)


def extract(project: Project, check: bool = False) -> ExtractResult:
    """Write each document's template; with ``check``, write nothing and report what is stale."""
    if check:
        return _extract(project, check)
    with project.locked():
        return _extract(project, check)


def _extract(project: Project, check: bool) -> ExtractResult:
    plans = plan_documents(project)
    results = []
    for plan in plans:
        if not check:
            _write(plan.template_file)
        results.append(FileResult(plan.template_file.display, plan.template_file.changed, plan.template_file.created))
    return ExtractResult(tuple(results), tuple(w for p in plans for w in p.warnings))


# ---------------------------------------------------------------- update


@dataclass(frozen=True)
class CatalogResult:
    language: str
    domain: str
    path: str
    changed: bool
    created: bool
    counts: MergeCounts
    notices: tuple[str, ...] = ()  # conversions of the file on this write: charset, line endings, BOM, header


@dataclass(frozen=True)
class UpdateResult:
    templates: tuple[FileResult, ...]
    catalogs: tuple[CatalogResult, ...]
    warnings: tuple[SourceWarning, ...]
    dry_run: bool = False
    reread: tuple[str, ...] = ()  # catalogs saved by someone while this ran: read and merged again


def _targets(project: Project, codes: tuple[str, ...]) -> list[LanguageSettings]:
    if not codes:
        return list(project.config.languages)
    chosen: list[LanguageSettings] = []
    for code in codes:
        settings = project.target(code)
        if settings not in chosen:
            chosen.append(settings)
    return chosen


def _plan_update(
    project: Project, targets: list[LanguageSettings], compendia: tuple[Path, ...] = ()
) -> tuple[list[DocumentPlan], list[CatalogPlan]]:
    documents = plan_documents(project)
    memories = _memories(project, targets, [plan.file for plan in documents], compendia)
    catalogs = [plan_catalog(project, t, plan, memories[t.code]) for t in targets for plan in documents]
    return documents, catalogs


def _result(plan: CatalogPlan) -> CatalogResult:
    return CatalogResult(
        plan.language, plan.domain, plan.file.display, plan.file.changed, plan.file.created, plan.counts, plan.notices
    )


def update(
    project: Project, codes: tuple[str, ...] = (), dry_run: bool = False, compendia: tuple[Path, ...] = ()
) -> UpdateResult:
    """Refresh templates and create or merge the catalogs of the given (or all) languages."""
    targets = _targets(project, codes)
    if dry_run:
        return _update(project, targets, dry_run, compendia)
    result, reread = _merging(project, lambda: _update(project, targets, dry_run, compendia))
    return replace(result, reread=reread)


def _update(
    project: Project, targets: list[LanguageSettings], dry_run: bool, compendia: tuple[Path, ...]
) -> UpdateResult:
    documents, catalogs = _plan_update(project, targets, compendia)
    if not dry_run:
        for plan in documents:
            _write(plan.template_file)
        for cplan in catalogs:
            _write(cplan.file)
    return UpdateResult(
        tuple(FileResult(p.template_file.display, p.template_file.changed, p.template_file.created) for p in documents),
        tuple(_result(c) for c in catalogs),
        tuple(w for p in documents for w in p.warnings),
        dry_run,
    )


# ---------------------------------------------------------------- status


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


def status(project: Project, codes: tuple[str, ...] = ()) -> tuple[LanguageStatus, ...]:
    """Completeness per language and document, as the catalogs on disk say."""
    files = project.documents()
    results = []
    for settings in _targets(project, codes):
        machine = project.machine(settings)
        documents = []
        for file in files:
            path = project.catalog_path(settings.code, file.domain)
            found = project.read_catalog(path)
            if found is None:  # no catalog yet: every segment of the document is still to do
                segments = len({s.text for s in project.segmented(file).segments()})
                counts = Counts(total=segments, untranslated=segments)
            else:
                counts = status_stage.count(found, machine)
            documents.append(DocumentStatus(file.domain, project.display(path), counts))
        total = sum((d.counts for d in documents), Counts())
        results.append(LanguageStatus(settings.code, machine is not None, total, tuple(documents)))
    return tuple(results)


# ---------------------------------------------------------------- check


@dataclass(frozen=True)
class Problem:
    """A failed gate condition: a stale, invalid or incomplete catalog."""

    message: str
    path: str | None = None
    line: int | None = None

    def format(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line}: {self.message}" if self.line is not None else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class CheckResult:
    problems: tuple[Problem, ...]
    statuses: tuple[LanguageStatus, ...]
    msgfmt: bool  # whether GNU msgfmt was available to check the files
    findings: tuple[Finding, ...] = ()  # the quality checks' findings, errors and warnings

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == qa.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == qa.WARNING)

    @property
    def ok(self) -> bool:
        """No gate problem and no error-level finding (warnings do not fail)."""
        return not self.problems and not self.errors


def check(project: Project) -> CheckResult:
    """The CI gate: catalogs in sync, valid, complete enough, and free of error-level findings. Writes nothing."""
    targets = list(project.config.languages)
    documents, catalogs = _plan_update(project, targets)
    problems: list[Problem] = []
    for plan in documents:
        if plan.template_file.changed:
            problems.append(
                Problem("out of date with the source; run `python cli.py extract`", plan.template_file.display)
            )
    for cplan in catalogs:
        if cplan.file.changed:
            problems.append(Problem(_why_stale(project, cplan), cplan.file.display))
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        for cplan in catalogs:
            if cplan.file.path.exists():
                problems += _msgfmt_check(msgfmt, cplan.file.path, cplan.file.display)
    statuses = status(project)
    for lang_status, settings in zip(statuses, targets, strict=False):
        if not lang_status.counts.meets(settings.min_percent):
            problems.append(
                Problem(
                    f"{lang_status.language}: {lang_status.counts.percent:g}% translated, "
                    f"below the required {settings.min_percent:g}% (min_percent in pyproject.toml)"
                )
            )
    return CheckResult(tuple(problems), statuses, msgfmt is not None, quality(project))


def quality(project: Project, codes: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    """Run the quality checks (``pipeline.qa``) on the catalogs on disk, in file order."""
    findings: list[Finding] = []
    files = project.documents()
    for settings in _targets(project, codes):
        target = _qa_language(project, settings)
        for file in files:
            path = project.catalog_path(settings.code, file.domain)
            found = project.read_catalog(path)
            if found is not None:
                findings += qa.check_catalog(found, project.display(path), target)
    return tuple(findings)


def _findings_by_msgid(project: Project, settings: LanguageSettings, found: Catalog) -> review_stage.Findings:
    """The quality checks' messages for each checked entry of one catalog, for the review page."""
    target = _qa_language(project, settings)
    messages: dict[str, tuple[str, ...]] = {}
    for entry in found.live:
        if qa.checked(entry, target.machine):
            fired = [f"{check.severity} [{check.id}]: {message}" for check, message in qa.check_entry(entry, target)]
            if fired:
                messages[entry.msgid] = tuple(fired)
    return messages


def _qa_language(project: Project, settings: LanguageSettings) -> qa.Language:
    return qa.language(
        settings.code,
        settings.converter,
        traditional_source=project.traditional_source,
        names=project.config.allowed_names(settings),
        glossary=project.glossary,
    )


def _why_stale(project: Project, cplan: CatalogPlan) -> str:
    """Why ``update`` would rewrite a catalog: new source content, or only the file's layout."""
    if cplan.file.created:
        return "missing; run `python cli.py update` to create it"
    on_disk = project.read_catalog(cplan.file.path)
    if on_disk is not None and on_disk.entries == cplan.catalog.entries and on_disk.header == cplan.catalog.header:
        return (
            "same content, different layout (an editor re-wrapped or re-ordered it?); "
            "run `python cli.py update` to rewrite it in the project's layout"
        )
    return "out of date with the source; run `python cli.py update`"


def _msgfmt_check(msgfmt: str, path: Path, display: str) -> list[Problem]:
    run = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    if run.returncode == 0:
        return []
    # msgfmt's verdict ("found 1 fatal error") follows the lines that explain it, which may be
    # warnings (a missing header): keep those too, so the reason is never lost.
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    problems = []
    for line in lines:
        text = line.replace(str(path), display)
        located = re.match(rf"{re.escape(display)}:(\d+): (.*)", text)
        if located:
            problems.append(Problem(f"msgfmt --check: {located.group(2)}", display, int(located.group(1))))
        else:
            problems.append(Problem(f"msgfmt --check: {text}", display))
    return problems or [Problem("msgfmt --check failed", display)]


# ---------------------------------------------------------------- build


FORMATS = ("md", "html")  # edition formats: the localised Markdown, a standalone HTML page


@dataclass(frozen=True)
class BuiltDocument:
    language: str
    document: str
    path: str
    segments: int
    translated: int
    changed: bool
    format: str = "md"

    @property
    def fallback(self) -> int:
        return self.segments - self.translated

    def meets(self, minimum: float) -> bool:
        """At least ``minimum`` percent translated, compared exactly."""
        return self.segments == 0 or self.translated * 100 >= minimum * self.segments

    @property
    def percent(self) -> float:
        return 100.0 if self.segments == 0 else round(100.0 * self.translated / self.segments, 1)


@dataclass(frozen=True)
class BuildResult:
    documents: tuple[BuiltDocument, ...]
    catalogs: tuple[CatalogResult, ...]
    below_minimum: tuple[BuiltDocument, ...]
    written: bool
    reread: tuple[str, ...] = ()  # catalogs saved by someone while this ran: read and merged again


def build(
    project: Project,
    codes: tuple[str, ...],
    refresh: bool = True,
    min_percent: float | None = None,
    compendia: tuple[Path, ...] = (),
    formats: tuple[str, ...] = ("md",),
) -> BuildResult:
    """Refresh catalogs (unless ``refresh`` is False) and write each language's edition.

    ``formats``: ``md`` writes ``build/<lang>/<doc>.md`` (the source's suffix), ``html`` a
    standalone page ``build/<lang>/<doc>.html``. With ``min_percent``, nothing at all is
    written if any edition is below it.
    """
    if not formats or any(f not in FORMATS for f in formats):
        raise UsageError(f"edition formats must be among {', '.join(FORMATS)}, not {', '.join(formats) or 'none'}")
    languages_wanted = list(dict.fromkeys(project.resolve_language(code) for code in codes))
    result, reread = _merging(
        project, lambda: _build(project, languages_wanted, refresh, min_percent, compendia, formats)
    )
    return replace(result, reread=reread)


def _build(
    project: Project,
    languages_wanted: list[str],
    refresh: bool,
    min_percent: float | None,
    compendia: tuple[Path, ...],
    formats: tuple[str, ...],
) -> BuildResult:
    source_language = project.config.source_language
    targets = [project.target(code) for code in languages_wanted if code != source_language]
    documents = plan_documents(project)
    memories = _memories(project, targets, [plan.file for plan in documents], compendia, refresh)
    outputs: list[tuple[BuiltDocument, PlannedFile]] = []
    catalog_plans: list[CatalogPlan] = []
    for plan in documents:
        for code in languages_wanted:
            if code == source_language:
                text = assemble.render(plan.document, {}, languages.is_chinese(code))
                total = len({s.text for s in plan.document.segments()})
                outputs += _editions(project, code, plan, text, total, total, formats)
                continue
            settings = next(t for t in targets if t.code == code)
            if refresh:
                cplan = plan_catalog(project, settings, plan, memories[code])
                catalog_plans.append(cplan)
                current: Catalog = cplan.catalog
            else:
                path = project.catalog_path(code, plan.file.domain)
                current = project.read_catalog(path) or Catalog()
            translations = {e.msgid: e.msgstr for e in current.live if e.translated and e.msgctxt is None}
            text = assemble.render(plan.document, translations, languages.is_chinese(code))
            unique = {s.text for s in plan.document.segments()}
            done = sum(1 for t in unique if t in translations)
            outputs += _editions(project, code, plan, text, len(unique), done, formats)
    below = tuple(
        b for b, _ in outputs if min_percent is not None and not b.meets(min_percent) and b.format == formats[0]
    )
    if below:
        return BuildResult(tuple(b for b, _ in outputs), tuple(_result(c) for c in catalog_plans), below, False)
    for plan in documents:
        if refresh and targets:
            _write(plan.template_file)
    for cplan in catalog_plans:
        _write(cplan.file)
    for _, planned in outputs:
        _write(planned)
    return BuildResult(tuple(b for b, _ in outputs), tuple(_result(c) for c in catalog_plans), (), True)


def _editions(
    project: Project, code: str, plan: DocumentPlan, text: str, total: int, translated: int, formats: tuple[str, ...]
) -> list[tuple[BuiltDocument, PlannedFile]]:
    """The edition files of one document in one language, one per format."""
    built = []
    for fmt in formats:
        path = project.build_path(code, plan.file)
        text_out = text
        if fmt == "html":
            path = path.with_suffix(".html")
            text_out = html_stage.page(text, code, fallback_title=plan.file.domain)
        planned = _planned(project, path, text_out)
        built.append(
            (BuiltDocument(code, plan.file.domain, planned.display, total, translated, planned.changed, fmt), planned)
        )
    return built


# ---------------------------------------------------------------- review


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
    targets = _targets(project, codes)
    result, reread = _merging(project, lambda: _review(project, targets, refresh))
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
            built = project.build_path(settings.code, plan.file)
            text = review_stage.page(collected, context, _findings_by_msgid(project, settings, current))
            planned = _planned(project, built.with_name(f"{built.stem}.review.html"), text)
            result = ReviewPage(
                settings.code, plan.file.domain, planned.display, collected.counts, len(collected.rows), planned.changed
            )
            pages.append((result, planned))
    if refresh:
        for plan in documents:
            _write(plan.template_file)
    for cplan in catalog_plans:
        _write(cplan.file)
    for _, planned in pages:
        _write(planned)
    return ReviewResult(tuple(p for p, _ in pages), tuple(_result(c) for c in catalog_plans))
