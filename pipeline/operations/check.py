"""The ``check`` command, the CI gate, and the quality checks (``quality``) it runs.

The gate fails on templates or catalogs out of date with the source, orphaned templates,
catalogs and editions (a deleted or moved document's, still published or still holding
translations), catalogs that ``msgfmt --check`` rejects, languages less complete than their
``min_percent``, and error-level findings of the quality checks (``pipeline.qa``). Writes
nothing but what it found in the cache (the documents found current, ``verdicts``), and
deletes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import qa
from pipeline.l10n.notes import MACHINE_MARK, confirmed
from pipeline.operations import verdicts
from pipeline.operations.parallel import Progress, Step
from pipeline.operations.plan import CatalogPlan, plan_catalog, plan_document
from pipeline.operations.records import Work
from pipeline.operations.runner import commit, run_documents
from pipeline.operations.status import LanguageStatus, status
from pipeline.operations.verdicts import Problem, check_catalogs
from pipeline.po import header
from pipeline.po.layout import meaning
from pipeline.po.model import Catalog, Entry
from pipeline.qa import Finding
from pipeline.workspace.project import Orphan, Project, timestamp


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


def check(
    project: Project, *, jobs: int | None = None, force: bool = False, progress: Progress | None = None
) -> CheckResult:
    """The CI gate: catalogs in sync, valid, complete enough, and free of error-level findings.

    Writes nothing but the cache: the documents it found current, its verdicts (``verdicts``).
    Documents the cache knows to be current are not merged again, nor catalogs it has checked as they are checked again;
    the rest run on ``jobs`` processes (``force``: all of it, the cache unread). ``progress``
    is called after each document, then after each catalog checked.
    """
    targets = list(project.config.languages)
    work = Work(templates=True, catalogs=tuple(t.code for t in targets))
    documents = len(project.documents())
    total = documents * (1 + len(targets))  # each document's gate, then its catalogs' checks
    outcomes, _, store = run_documents(
        project, work, write=False, jobs=jobs, force=force, progress=_scaled(progress, total)
    )
    # A document merged again here whose files would not change is current, as an update that
    # found nothing to write would have found: recorded, so the next check skips it too.
    current = [o for o in outcomes if not o.cached and not any(f.changed for f in o.files)]
    if current:
        commit(store, *current)  # writes no file: records their facts
        store.save()
    catalogs = [c for code in work.catalogs for o in outcomes for c in o.catalogs if c.language == code]
    problems: list[Problem] = []
    for outcome in outcomes:
        if outcome.template is not None and outcome.template.changed:
            problems.append(
                Problem(f"out of date with the source; run `{project.program} extract`", outcome.template.path)
            )
    files = {o.file.domain: o.file for o in outcomes}
    layout: list[Finding] = []  # re-wrapped by an editor, content in sync: a warning, not a failure
    for item in catalogs:
        if item.changed:  # rare: planned again, here, to say why
            dplan = plan_document(project, files[item.domain], timestamp())
            cplan = plan_catalog(project, project.target(item.language), dplan)
            why = _harmless_difference(project, cplan, dplan.template)
            if why is not None:
                layout.append(Finding(why[0], qa.WARNING, item.path, None, "", why[1], item.language))
            else:
                problems.append(Problem(_why_stale(project, cplan), item.path))
    problems += [Problem(orphan_hint(project, o), project.display(o.path)) for o in project.orphans(files.values())]
    msgfmt = verdicts.find_msgfmt()
    done = documents

    def advance(count: int, name: str) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(Step(min(done, total), total, name))

    found = check_catalogs(project, store, msgfmt=msgfmt, jobs=jobs, advance=advance)
    store.save_verdicts()
    problems += found.msgfmt
    if progress is not None and done < total:  # catalogs not made yet: nothing to check
        progress(Step(total, total, ""))
    statuses = status(project, jobs=jobs, remember=False, store=store)  # the gate writes no counts
    for lang_status, settings in zip(statuses, targets, strict=False):
        if not lang_status.counts.meets(settings.min_percent):
            problems.append(
                Problem(
                    f"{lang_status.language}: {lang_status.counts.percent:g}% translated, "
                    f"below the required {settings.min_percent:g}% (min_percent in pyproject.toml)"
                )
            )
    return CheckResult(tuple(problems), statuses, msgfmt is not None, (*found.findings, *layout))


def _scaled(progress: Progress | None, total: int) -> Progress | None:
    """The runner's steps (documents) as the first part of check's ``total`` steps."""
    if progress is None:
        return None
    return lambda step: progress(Step(step.done, total, step.item))


def quality(project: Project, codes: tuple[str, ...] = (), *, jobs: int | None = None) -> tuple[Finding, ...]:
    """Run the quality checks (``pipeline.qa``) on the catalogs on disk, in file order (on ``jobs`` processes)."""
    return check_catalogs(project, None, codes, jobs=jobs).findings


# What ``check`` says of a harmless difference; {update}: the update command as the user runs it.
_LAYOUT = (
    "same content, different layout (an editor re-wrapped or re-ordered it); "
    "the next `{update}` rewrites it in the project's layout"
)
_RECODED = (
    "same content, but its header declares {declared}; "
    "the next `{update}` writes it in UTF-8 and declares charset=UTF-8 (the project's encoding)"
)
_CONFIRMED = (
    "a person confirmed fuzzy entries (the fuzzy flag removed) and left their `#|` lines or this tool's notes; "
    "the next `{update}` drops them"
)
_PERSON_EDIT = (
    "a person edited machine-converted text (its fingerprint no longer matches); "
    "kept for good, and the next `{update}` drops the stale fingerprint"
)


def _harmless_difference(project: Project, cplan: CatalogPlan, template: Catalog) -> tuple[str, str] | None:
    """Why ``update`` would rewrite a catalog whose translations are in sync: (check, message).

    Only its layout differs (an editor re-wrapped or re-ordered it: ``same_meaning``), only
    the machine fingerprints of entries a person edited (update drops them), or only the
    stale ``#|`` lines and notes of entries a person un-fuzzied (update drops them). None:
    the content is out of date.
    """
    found = _difference(project, cplan, template)
    return None if found is None else (found[0], found[1].format(update=f"{project.program} update"))


def _difference(project: Project, cplan: CatalogPlan, template: Catalog) -> tuple[str, str] | None:
    if cplan.file.created:
        return None
    on_disk = cplan.previous
    if on_disk is None:
        return None
    recoded = header.utf8_header(on_disk)  # what the write declares: UTF-8 (msgconv/Poedit may have saved GBK, Latin-1)
    if recoded.header != cplan.catalog.header:
        return None
    found = _entries_difference(project, on_disk, cplan, template)
    if found is not None and recoded is not on_disk and found[0] == "layout":
        charset = header.declared_charset(on_disk)
        declared = f"charset={charset}" if charset else "no charset"
        return ("layout", _RECODED.format(declared=declared, update="{update}"))
    return found


def _entries_difference(
    project: Project, on_disk: Catalog, cplan: CatalogPlan, template: Catalog
) -> tuple[str, str] | None:
    planned = cplan.catalog.entries
    if on_disk.entries == planned:
        return ("layout", _LAYOUT)
    if _without_marks(on_disk.entries) == _without_marks(planned):
        return ("machine-mark", _PERSON_EDIT)
    if same_meaning(on_disk.entries, planned, template):
        return ("layout", _LAYOUT)
    memory_translated = project.config.memory_matches == "translated"
    if same_meaning(tuple(confirmed(e, memory_translated) for e in on_disk.entries), planned, template):
        return ("confirmed", _CONFIRMED)
    return None


# The converter's fingerprint comment, however an editor wrapped it (see notes.machine_mark).
_MACHINE_MARK_TEXT = re.compile(r"machine-\s*converted;\s*fingerprint\s+[0-9a-f]{12}")


def same_meaning(on_disk: tuple[Entry, ...], planned: tuple[Entry, ...], template: Catalog) -> bool:
    """True if the entries on disk say what ``update`` would write, whatever their layout (``po.layout.meaning``).

    Also allowed: the machine fingerprints missing (``msgmerge`` replaces the ``#.`` lines;
    ``update`` adds them back to the converter's unchanged output), and the template's own
    ``#.`` lines (which list every language's glossary terms) where ``update`` writes the
    language's: what ``msgmerge catalog.po template.pot`` brings; and obsolete entries without
    their ``#~|`` lines (polib drops them). Entries may stand in any order.
    """
    if len(on_disk) != len(planned):
        return False
    wanted = {(e.obsolete, e.key): e for e in planned}
    if len(wanted) != len(planned):
        return False
    comments = {e.key: e.extracted_comments for e in template.entries}
    for entry in on_disk:
        expected = wanted.pop((entry.obsolete, entry.key), None)
        if expected is None:
            return False
        if entry.obsolete and entry.previous_msgid is None:  # polib drops the #~| lines: nobody's work
            expected = expected.evolve(previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
        found = meaning(_unmarked(entry))
        if found != meaning(_unmarked(expected)):
            if entry.obsolete or entry.key not in comments:
                return False
            if found != meaning(_unmarked(expected.evolve(extracted_comments=comments[entry.key]))):
                return False
    return True


def _unmarked(entry: Entry) -> Entry:
    """``entry`` with its extracted comments as one line without the machine fingerprint."""
    text = " ".join(entry.extracted_comments)
    if "fingerprint" in text:
        text = _MACHINE_MARK_TEXT.sub(" ", text)
    return entry.evolve(extracted_comments=(text,))


def _without_marks(entries: tuple[Entry, ...]) -> list[Entry]:
    return [
        e.evolve(extracted_comments=tuple(c for c in e.extracted_comments if not c.startswith(MACHINE_MARK)))
        for e in entries
    ]


def _why_stale(project: Project, cplan: CatalogPlan) -> str:
    """Why ``update`` would change a catalog's content."""
    if cplan.file.created:
        return f"missing; run `{project.program} update` to create it"
    return f"out of date with the source; run `{project.program} update`"


def orphan_hint(project: Project, orphan: Orphan) -> str:
    """What ``check`` says about an orphaned file: whose document is missing, and what to do."""
    source = project.display(project.config.source_dir / orphan.domain) + " or ".join(orphan.suffixes)
    if orphan.kind == "edition":
        todo = "delete the file (a deleted article stays published until then)"
    else:
        todo = "delete the file, or move it along with its article (git mv)"
    return f"orphaned {orphan.kind}, no source document {source}: {todo}"
