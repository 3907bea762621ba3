"""Command line: ``python cli.py COMMAND`` (also installed as ``article-l10n``).

This file only parses options, calls ``pipeline.operations`` and prints the result
records. Exit codes: 0 ok, 1 a check failed, 2 bad usage or input.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pipeline import bulk, operations  # each command's module is imported when the command runs (start-up time)
from pipeline.errors import PipelineError
from pipeline.workspace import lock
from pipeline.workspace.project import Project, find_root

if TYPE_CHECKING:
    from pipeline.l10n.counts import Counts
    from pipeline.operations.parallel import Progress, Step
    from pipeline.qa import Finding

pass_project = click.make_pass_decorator(Project)
SCRIPT = "article-l10n"  # the installed command (pyproject.toml [project.scripts])


def echo(message: str = "", err: bool = False) -> None:
    click.echo(message, err=err)


def program() -> str:
    """This program as it was run, for the hints in messages: ``article-l10n`` (the installed
    script) or ``python cli.py``. The library gets it as ``Project.program``."""
    context = click.get_current_context(silent=True)
    name = context.find_root().info_name if context is not None else None
    return SCRIPT if name == SCRIPT else "python cli.py"


class InputError(click.ClickException):
    """Bad input or usage reported by the library: exit status 2."""

    exit_code = PipelineError.exit_code


class Group(click.Group):
    """Turns the library's errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with bulk.frozen_survivors():  # a command's bulk records are not walked by the collector again
                return super().invoke(ctx)
        except PipelineError as exc:
            raise InputError(exc.format()) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The project folder (the one whose pyproject.toml has [tool.article-l10n]). "
    "Default: the current folder or the nearest parent folder that is one.",
)
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=lock.DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="How long update, build, review and extract wait for another such command on the project to finish.",
)
@click.version_option(package_name="article-l10n")
@click.pass_context
def main(ctx: click.Context, root: Path | None, lock_timeout: float) -> None:
    """Localise Markdown articles through gettext catalogs.

    \b
    Typical use:
      python cli.py build --lang en     refresh catalogs, write build/en/article.md
      python cli.py review --lang en    side-by-side page for reviewers
      python cli.py status              how much is translated
      python cli.py check               the CI gate (exit 1 when something is wrong)
    """
    where = root.resolve() if root is not None else find_root(Path.cwd())
    ctx.obj = Project(where, lock_timeout=lock_timeout, on_lock_wait=_print_waiting, program=program())


def _print_waiting(waiting: lock.Waiting) -> None:
    limit = "" if waiting.timeout is None else f", for up to {waiting.timeout:g} s (--lock-timeout)"
    echo(f"waiting for another article-l10n command on this project to finish ({waiting.path}){limit}", err=True)


def _fallback(project: Project, code: str) -> str:
    """What an edition shows for a segment with no usable translation, as the build report names it."""
    if code in project.config.language_codes and project.target(code).converter is not None:
        return "the machine conversion"
    return "the source"


def _print_notices(
    catalogs: tuple[operations.CatalogResult, ...], reread: tuple[str, ...], dry_run: bool = False
) -> None:
    """What a write changed about a file besides its entries, and files merged twice."""
    for item in catalogs:
        for notice in item.notices:
            echo(f"note: {item.path}: {'would be ' if dry_run else ''}{notice}", err=True)
    for path in reread:
        echo(f"note: {path} was saved by someone while this ran; read and merged again", err=True)


def _print_warnings(warnings: tuple[Any, ...], known: tuple[Any, ...] = ()) -> None:
    """Each warning of a changed document; those of unchanged ones (printed before) as one count."""
    for warning in warnings:
        echo(warning.format(), err=True)
    if known:
        documents = len({w.path for w in known})
        echo(
            f"{_plural(len(known), 'source warning')} in {_plural(documents, 'unchanged document')}, "
            f"as before ({program()} check lists the sentences they are in, as [source-damage])",
            err=True,
        )


# ---------------------------------------------------------------- options of the commands that process documents

F = TypeVar("F", bound=Callable[..., Any])


def run_options(command: F) -> F:
    """--jobs, --force, --quiet and --verbose, for the commands that go through every document."""
    for option in reversed(
        [
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(min=1),
                metavar="N",
                help="Worker processes for documents that need work (default: one per core; a big one: 2 if idle).",
            ),
            click.option("--force", is_flag=True, help="Ignore the cache: redo every document."),
            click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
            click.option(
                "-v",
                "--verbose",
                is_flag=True,
                help="Also print how many documents were skipped (cache), workers, time.",
            ),
        ]
    ):
        command = option(command)
    return command


class _Bar:
    """A progress bar on stderr, made at the first step (when the number of documents is known)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, step: Step) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=step.total, label=self.label, file=sys.stderr, show_pos=True, item_show_func=lambda x: x
            )
            self.bar.__enter__()
        self.bar.update(step.done - self.bar.pos, step.item or None)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on stderr when it is a terminal; None otherwise (CI, pipes, --quiet)."""
    if quiet or not stderr_is_terminal():
        yield None
        return
    bar = _Bar(label)
    try:
        yield bar
    finally:
        bar.close()


def _print_stats(stats: operations.RunStats | None, started: float) -> None:
    if stats is None:
        return
    where = "1 process" if stats.processes == 1 else f"{stats.processes} processes"
    echo(
        f"{_plural(stats.documents, 'document')}: {stats.cached} unchanged (from the cache), "
        f"{stats.processed} processed on {where}, in {time.perf_counter() - started:.2f} s",
        err=True,
    )


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    "codes",
    multiple=True,
    metavar="LANG",
    help="A target language (zh_Hans, en, fr, ...); repeatable. Default: zh_Hans (filled by OpenCC) and en.",
)
@click.option("--nested", is_flag=True, help="Allow the new project inside an existing project's folder.")
@click.pass_context
def init(ctx: click.Context, folder: Path | None, codes: tuple[str, ...], nested: bool) -> None:
    """Make a new project in FOLDER (default: --project, else the current folder).

    Writes FOLDER/pyproject.toml with the [tool.article-l10n] settings (docs/settings.md) and
    makes FOLDER/source/ and FOLDER/locales/; FOLDER itself is made if its parent exists.
    Writes nothing if FOLDER already has a pyproject.toml, or is inside another project
    (unless --nested).
    """
    given = ctx.find_root().params.get("root")
    where = folder if folder is not None else given if given is not None else Path.cwd()
    result = operations.init(where, codes, nested=nested)
    echo(f"created {_shown(result.settings)}: source {result.source_language}; {', '.join(result.languages)}")
    for made in result.folders:
        echo(f"created {_shown(made)}/")
    if result.outer is not None:
        echo(f"note: inside the project {_shown(result.outer)}; below {_shown(result.root)} commands use the new one")
    project = "" if result.root == Path.cwd() else f" --project {_shown(result.root)}"
    echo(
        f"next: put your article in {_shown(result.root / 'source')}/ (UTF-8 .md or .txt), "
        f"then run {program()}{project} update"
    )


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return path.as_posix()


@main.command()
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a template is out of date.")
@run_options
@pass_project
def extract(project: Project, check: bool, jobs: int | None, force: bool, quiet: bool, verbose: bool) -> None:
    """Write the templates (locales/DOMAIN.pot) from the source documents.

    Prints a warning, with its line, for every corrupted span found in a source whose
    template changed; those of unchanged sources as one count (check lists them).
    """
    started = time.perf_counter()
    with progress_bar("extract", quiet) as progress:
        result = operations.extract(project, check=check, jobs=jobs, force=force, progress=progress)
    if not quiet:
        _print_warnings(result.warnings, result.known_warnings)
        for template in result.templates:
            if check:
                echo(f"{template.path}: {'out of date' if template.changed else 'up to date'}")
            else:
                echo(f"{template.path}: {'written' if template.changed else 'unchanged'}")
    if verbose:
        _print_stats(result.stats, started)
    if check and result.out_of_date:
        sys.exit(1)


LANG_HELP = "Language code (zh_Hans, zh-Hans, en, ...); repeatable. Default: every configured language."


COMPENDIUM = click.option(
    "--compendium",
    "compendia",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A .po, .mo or .tmx file of known translations to pre-fill new and still blank segments from; repeatable.",
)


@main.command()
@click.option("--lang", "codes", multiple=True, metavar="LANG", help=LANG_HELP)
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@COMPENDIUM
@run_options
@pass_project
def update(
    project: Project,
    codes: tuple[str, ...],
    dry_run: bool,
    compendia: tuple[Path, ...],
    jobs: int | None,
    force: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Create or merge each language's catalog from the source.

    Unchanged segments keep their translation (even if moved). Edited ones get the
    closest old translation, marked fuzzy with the old text as #| msgid; trivial
    edits (white space, punctuation, Traditional/Simplified variants, pinyin glosses)
    stay translated with a note. Gone segments become obsolete (#~) entries with their
    translations and are revived when they come back. Translator comments and flags are
    always kept. New segments, and blank ones (no translation, comment or flag), already
    translated in another catalog of the language (an orphaned one too: a renamed
    document's old catalog) or a --compendium are pre-filled (fuzzy unless
    memory_matches = "translated").
    """
    started = time.perf_counter()
    with progress_bar("update", quiet) as progress:
        result = operations.update(
            project, codes, dry_run=dry_run, compendia=compendia, jobs=jobs, force=force, progress=progress
        )
    if not quiet:
        _print_warnings(result.warnings, result.known_warnings)
        verb = "would change" if dry_run else "written"
        for item in result.catalogs:
            state = ("created" if item.created else verb) if item.changed else "unchanged"
            echo(f"{item.language:8} {item.path}: {state}; {item.counts.summary()}")
        _print_notices(result.catalogs, result.reread, dry_run)
    if verbose:
        _print_stats(result.stats, started)


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "total": counts.total,
        "translated": counts.translated,
        "fuzzy": counts.fuzzy,
        "untranslated": counts.untranslated,
        "obsolete": counts.obsolete,
        "percent": counts.percent,
        "machine_converted": counts.machine,
        "changed_by_person": counts.person,
    }


@main.command()
@click.option("--lang", "codes", multiple=True, metavar="LANG", help=LANG_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: columns for people; json: one JSON document for tools (always lists the documents).",
)
@click.option("--documents", "per_document", is_flag=True, help="List every document under its language's total.")
@click.option(
    "--sort",
    type=click.Choice(operations.SORTS),
    default="name",
    show_default=True,
    help="Order of the documents: by name, or by completeness (least complete first).",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per core).")
@pass_project
def status(project: Project, codes: tuple[str, ...], fmt: str, per_document: bool, sort: str, jobs: int | None) -> None:
    """How much of each language is translated: a total per language, and per document with --documents.

    The JSON output always lists the documents (in the --sort order).
    """
    with progress_bar("status", quiet=False) as progress:
        statuses = operations.status(project, codes, sort, jobs=jobs, progress=progress)
    if fmt == "json":
        data = {
            "languages": [
                {
                    "language": s.language,
                    **_counts_json(s.counts),
                    "documents": [{"document": d.document, **_counts_json(d.counts)} for d in s.documents],
                    "orphaned_catalogs": list(s.orphans),
                }
                for s in statuses
            ]
        }
        echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = max([20, *(len(d.document) for s in statuses for d in s.documents)] if per_document else [20])
    header = (
        f"{'language':10} {'document':{width}} {'total':>6} {'done':>6} {'fuzzy':>6} {'todo':>6} {'obsolete':>8} "
        f"{'%':>6}"
    )
    echo(header)
    echo("-" * len(header))
    for s in statuses:
        rows = [(f"({_plural(len(s.documents), 'document')})", s.counts)]
        if per_document:
            rows += [(d.document, d.counts) for d in s.documents]
        for name, c in rows:
            line = (
                f"{s.language:10} {name:{width}} {c.total:6} {c.translated:6} {c.fuzzy:6} "
                f"{c.untranslated:6} {c.obsolete:8} {c.percent:5.1f}%"
            )
            if s.machine_filled:
                line += f"  ({c.machine} machine-converted, {c.person} changed by a person)"
            echo(line)
    for s in statuses:
        if s.orphans:
            shown = ", ".join(s.orphans[:3]) + (f" and {len(s.orphans) - 3} more" if len(s.orphans) > 3 else "")
            echo(
                f"{s.language}: {_plural(len(s.orphans), 'orphaned catalog')} (no source document; "
                f"`{program()} check` says what to do): {shown}"
            )


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for GitHub Actions annotations.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per core).")
@click.option("--force", is_flag=True, help="Check everything again, ignoring what the cache knows.")
@pass_project
def check(project: Project, fmt: str, jobs: int | None, force: bool) -> None:
    """The CI gate: exit 1 unless every catalog is in sync, valid, complete enough and error-free.

    In sync: `extract` and `update` would change nothing. Valid: GNU `msgfmt --check`
    passes (when gettext is installed). Complete: each language meets its min_percent.
    Error-free: no quality check of severity error fires on a translated entry
    (warnings are reported only). A translator silences one check on one entry with the
    flag ignore-<id>.
    """
    # a bar on a terminal only: not for tools reading json or annotations, nor a report piped away
    quiet = fmt != "text" or not stdout_is_terminal()
    try:
        with progress_bar("check", quiet) as progress:
            result = operations.check(project, jobs=jobs, force=force, progress=progress)
    except PipelineError as exc:
        if fmt == "text":
            raise
        # A tool reading stdout gets machine output even when the input cannot be read.
        {"json": _check_json_error, "github": _check_github_error}[fmt](project, exc)
        echo(f"Error: {exc.format()}", err=True)  # and the usual line for people reading the log
        sys.exit(exc.exit_code)
    if fmt == "github":
        _check_github(project, result)
    else:
        (_check_json if fmt == "json" else _check_text)(result)
    if not result.msgfmt:
        echo("note: msgfmt not found; install GNU gettext to check catalog syntax too", err=True)
    if not result.ok:
        sys.exit(1)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _summary(result: operations.CheckResult) -> str:
    return (
        f"{_plural(len(result.problems), 'problem')}, {_plural(len(result.errors), 'error')}, "
        f"{_plural(len(result.warnings), 'warning')}"
    )


def _by_file(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    """Findings grouped by catalog (in the order met), errors first, then by line."""
    from pipeline.qa import CHECKS

    order = {check: index for index, check in enumerate(CHECKS)}  # file-level ones (layout) after them
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    for group in groups.values():
        group.sort(key=lambda f: (f.severity != "error", f.line or 0, order.get(f.check, len(order))))
    return groups


def _check_text(result: operations.CheckResult) -> None:
    for problem in result.problems:
        echo(problem.format())
    for path, group in _by_file(result.findings).items():
        errors = sum(1 for f in group if f.severity == "error")
        echo(f"{path}: {_plural(errors, 'error')}, {_plural(len(group) - errors, 'warning')}")
        for finding in group:
            echo(f"  {finding.format()}")
    for s in result.statuses:
        echo(f"{s.language}: {s.counts.translated}/{s.counts.total} translated ({s.counts.percent:g}%)")
    if result.ok:
        echo(f"check passed: {_summary(result)}")
    else:
        echo(f"check failed: {_summary(result)}", err=True)


def _check_json(result: operations.CheckResult) -> None:
    data = {
        "ok": result.ok,
        "summary": {"problems": len(result.problems), "errors": len(result.errors), "warnings": len(result.warnings)},
        "problems": [{"path": p.path, "line": p.line, "message": p.message} for p in result.problems],
        "findings": [dataclasses.asdict(f) for f in result.findings],
        "languages": [{"language": s.language, **_counts_json(s.counts)} for s in result.statuses],
        "msgfmt": result.msgfmt,
    }
    echo(json.dumps(data, ensure_ascii=False, indent=2))


def _check_json_error(_: Project, exc: PipelineError) -> None:
    """``check --format json`` when the input cannot be read: the error, where it is, and nothing checked."""
    data = {
        "ok": False,
        "error": {"path": exc.path, "line": exc.line, "message": exc.message},
        "summary": {"problems": 0, "errors": 0, "warnings": 0},
        "problems": [],
        "findings": [],
        "languages": [],
        "msgfmt": None,
    }
    echo(json.dumps(data, ensure_ascii=False, indent=2))


def _check_github_error(project: Project, exc: PipelineError) -> None:
    path, line = _placed(project, exc.path, exc.line)
    echo(_annotation("error", exc.message, path, line, "article-l10n check"))


def _placed(project: Project, path: str | None, line: int | None) -> tuple[str, int]:
    """Where GitHub shows an annotation: a whole-file finding on line 1, a project-wide one on the settings."""
    if path is None:
        path, line = project.display(project.root / "pyproject.toml"), None
    return path, line or 1


def _github_escape(text: str, in_property: bool = False) -> str:
    """Escape a workflow-command value (GitHub Actions' rules)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def _annotation(kind: str, message: str, path: str, line: int, title: str) -> str:
    """A workflow command; file= and line= always, so that GitHub can place it."""
    properties = f"file={_github_escape(path, True)},line={line},title={_github_escape(title, True)}"
    return f"::{kind} {properties}::{_github_escape(message)}"


def _check_github(project: Project, result: operations.CheckResult) -> None:
    for problem in result.problems:
        echo(_annotation("error", problem.message, *_placed(project, problem.path, problem.line), "article-l10n check"))
    for path, group in _by_file(result.findings).items():
        for f in group:
            message = f'[{f.check}] "{f.msgid_start}": {f.message}' if f.msgid_start else f"[{f.check}] {f.message}"
            echo(_annotation(f.severity, message, *_placed(project, path, f.line), f"article-l10n {f.check}"))
    echo(f"check {'passed' if result.ok else 'failed'}: {_summary(result)}")


@main.command()
@click.option(
    "--lang",
    "codes",
    multiple=True,
    metavar="LANG",
    help="Language to build; repeatable. The source language gives the normalised source.",
)
@click.option("--all", "all_languages", is_flag=True, help="Build every configured language.")
@click.option("--no-update", is_flag=True, help="Use the catalogs as they are; do not refresh them first.")
@click.option(
    "--min-percent",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit 1 and write nothing if an edition is less than N% translated.",
)
@COMPENDIUM
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "all"]),
    default="md",
    show_default=True,
    help="md: the localised Markdown; html: a standalone web page (DOCUMENT.html); all: both.",
)
@run_options
@pass_project
def build(
    project: Project,
    codes: tuple[str, ...],
    all_languages: bool,
    no_update: bool,
    min_percent: float | None,
    compendia: tuple[Path, ...],
    fmt: str,
    jobs: int | None,
    force: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Write the localised editions: build/LANG/DOCUMENT.md (or .html).

    Untranslated and fuzzy segments fall back to the (normalised) source text; in a
    language with a converter (zh_Hans), to the converter's output for it. With
    --all, every document in every configured language. Documents whose files are
    current are skipped (the cache in .article-l10n-cache/; --force ignores it).
    """
    if all_languages:
        codes = codes + project.config.language_codes
    if not codes:
        raise click.UsageError("say which language to build: --lang LANG (repeatable) or --all")
    formats = operations.FORMATS if fmt == "all" else (fmt,)
    started = time.perf_counter()
    with progress_bar("build", quiet) as progress:
        result = operations.build(
            project,
            codes,
            refresh=not no_update,
            min_percent=min_percent,
            formats=formats,
            compendia=compendia,
            jobs=jobs,
            force=force,
            progress=progress,
        )
    if not quiet:
        _print_notices(result.catalogs, result.reread, dry_run=not result.written)
    for doc in () if quiet else result.documents:
        echo(
            f"{doc.language:8} {doc.path}  {doc.counts.translated}/{doc.counts.total} translated "
            f"({doc.counts.percent:g}%), "
            f"{doc.fallback} fell back to {_fallback(project, doc.language)}"
            f"{'' if result.written else ' (not written)'}"
        )
    _print_stale(project, result.documents)
    if verbose:
        _print_stats(result.stats, started)
    if not result.written:
        for doc in result.below_minimum:
            echo(
                f"{doc.language} {doc.document}: {doc.counts.percent:g}% is below --min-percent {min_percent:g}",
                err=True,
            )
        echo("nothing written", err=True)
        sys.exit(1)


def _print_stale(project: Project, documents: tuple[Any, ...]) -> None:
    """build --no-update: one warning per document and language whose catalog is behind the source."""
    seen: set[tuple[str, str]] = set()
    for doc in documents:
        if not doc.stale or (doc.language, doc.document) in seen:
            continue
        seen.add((doc.language, doc.document))
        po = project.display(project.catalog_path(doc.language, doc.document))
        what = "has no catalog" if doc.stale < 0 else f"changed since {po} was updated ({doc.stale} segments not in it)"
        echo(
            f"warning: {doc.document} ({doc.language}) {what}: the edition shows the source there; "
            f"run {program()} update (or build without --no-update)",
            err=True,
        )


@main.command()
@click.option("--lang", "codes", multiple=True, metavar="LANG", help=LANG_HELP)
@click.option("--no-update", is_flag=True, help="Use the catalogs as they are; do not refresh them first.")
@pass_project
def review(project: Project, codes: tuple[str, ...], no_update: bool) -> None:
    """Write the bilingual review page: build/LANG/DOCUMENT.review.html.

    One row per segment: source, translation (or the marked fallback), status, and the
    .po file and line to edit; fuzzy entries show what changed in the source.
    """
    result = operations.review(project, codes, refresh=not no_update)
    _print_notices(result.catalogs, result.reread)
    for page in result.pages:
        c = page.counts
        echo(
            f"{page.language:8} {page.path}  {c.translated}/{c.total} translated ({c.percent:g}%), "
            f"{c.fuzzy} fuzzy, {c.untranslated} untranslated"
        )


# ---------------------------------------------------------------- exchange with translation tools (issue 16)


@main.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xliff", "xliff12", "tmx", "tbx"]),
    required=True,
    help="xliff: XLIFF 2.0; xliff12: XLIFF 1.2 for older tools; tmx: the translation memory (TMX 1.4b); "
    "tbx: the glossary (TBX-Basic).",
)
@click.option("--lang", "codes", multiple=True, metavar="LANG", help=LANG_HELP)
@click.option(
    "--document", "documents", multiple=True, metavar="D", help="Only this document (domain or path); repeatable."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    required=True,
    help="The file to write, or a folder: an existing one or a name ending in / (then one LANG.xlf/.tmx per "
    "language, glossary.tbx). The file's folder must exist; a folder named here is made if its parent exists. "
    "Never writes over the project's settings, glossary, documents or catalogs, nor a file that is no export.",
)
@pass_project
def export_command(project: Project, fmt: str, codes: tuple[str, ...], documents: tuple[str, ...], output: str) -> None:
    """Write the catalogs (or memory, or glossary) for professional translation tools.

    XLIFF: one <file> per document, one unit per catalog entry in article order, inline
    Markdown as protected inline codes; `python cli.py import` takes the result back. The
    catalogs are exported as they are: run `python cli.py update` first.
    """
    from pipeline.exchange import run as exchange

    for item in exchange.export(project, fmt, output, codes, documents):
        what = {"tbx": "concept entries", "tmx": "translation units"}.get(fmt, "units")
        label = item.language or "glossary"
        echo(f"{label:8} {item.path}: {'written' if item.written else 'unchanged'}; {item.units} {what}")


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@pass_project
def import_command(project: Project, files: tuple[Path, ...], dry_run: bool) -> None:
    """Take translations back from FILES: XLIFF 2.x or 1.2 files made by `python cli.py export`.

    Each unit goes back to its entry; a unit the tool left as exported is skipped. Not
    written, and reported: a unit whose source is no entry's any more (the article changed;
    a blank similar entry gets it as a fuzzy suggestion), and a conflict — both the file's
    target and the catalog's translation changed since the export. Importing the same file
    twice changes nothing. Exit status: 0 when every unit was imported or unchanged, 1 when
    a reported unit was not imported, 2 for a bad file. A .po, .mo or .tmx file is refused:
    `python cli.py update --compendium FILE` takes those.
    """
    from pipeline.exchange import run as exchange

    result = exchange.import_files(project, files, dry_run=dry_run)
    verb = "would change" if dry_run else "written"
    for item in result.catalogs:
        p = item.planned
        state = verb if item.changed else "unchanged"
        echo(
            f"{item.language:8} {item.path}: {state}; {p.translated} translated, {p.fuzzy} fuzzy, "
            f"{p.unchanged} unchanged, {p.empty} without target, {len(p.reports)} reported"
        )
        for report in p.reports:
            where = f"{report.file}:{report.line}" if report.line else report.file
            echo(f"{where}: {report.kind}: {item.document}, unit {report.unit_id}: {report.message}", err=True)
        for notice in item.notices:
            echo(f"note: {item.path}: {'would be ' if dry_run else ''}{notice}", err=True)
    if any(item.planned.refused for item in result.catalogs):
        sys.exit(1)  # a check a script can see: some units were reported and not imported


# ---------------------------------------------------------------- serve (the translator's workbench)


@main.command()
@click.option("--lang", "codes", multiple=True, metavar="LANG", help="Show only these languages (default: every one).")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port; 0 picks a free one."
)
@click.option("--no-browser", is_flag=True, help="Only print the URL; do not open a browser.")
@click.option(
    "--compendium",
    "compendia",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A .po, .mo or .tmx file of known translations the suggestions also come from; repeatable.",
)
@pass_project
def serve(project: Project, codes: tuple[str, ...], port: int, no_browser: bool, compendia: tuple[Path, ...]) -> None:
    """Open the translator's workbench: a local web editor over the project's catalogs.

    Listens on 127.0.0.1 only and prints one line with the URL to open (it carries a fresh
    random token). Saves go to the same .po files, one entry at a time. Ctrl+C stops it.
    """
    import errno
    import socket
    import threading
    import webbrowser

    import uvicorn

    from pipeline.workbench import app as workbench_app
    from pipeline.workbench import security

    bulk.keep_collecting()  # a server runs long: the collector as usual (see bulk.frozen_survivors)
    shown = tuple(project.target(code).code for code in codes)
    for path in compendia:
        if not path.is_file():
            raise InputError(f"{path}: compendium not found; give an existing .po, .mo or .tmx file")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used: {exc.strerror}"
        raise InputError(f"port {port} {reason}; choose another with --port N (or --port 0 for a free one)") from None
    sock.listen(128)
    actual = sock.getsockname()[1]
    token = security.new_token()
    application = workbench_app.create_app(
        project, token, actual, shown, warm=True, compendia=compendia, long_lived=True
    )
    url = f"http://127.0.0.1:{actual}/?token={token}"
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning", lifespan="off"))
    echo(f"workbench: {url}  (Ctrl+C stops it)")
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])  # Ctrl+C: uvicorn finishes the requests in flight (a save included), then stops
    except KeyboardInterrupt:  # uvicorn re-raises the signal once it has shut down: a normal end
        pass
    finally:
        sock.close()


if __name__ == "__main__":
    main()
