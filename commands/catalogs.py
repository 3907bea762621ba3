"""``extract``, ``update`` and ``status``: the templates and catalogs, and how far they are."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from commands.options import COMPENDIUM, LANG_HELP, pass_project, run_options
from commands.output import counts_json, echo, plural, print_notices, print_stats, print_warnings, program, progress_bar
from pipeline import operations
from pipeline.workspace.project import Project


@click.command()
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
        print_warnings(result.warnings, result.known_warnings)
        for template in result.templates:
            if check:
                echo(f"{template.path}: {'out of date' if template.changed else 'up to date'}")
            else:
                echo(f"{template.path}: {'written' if template.changed else 'unchanged'}")
    if verbose:
        print_stats(result.stats, started)
    if check and result.out_of_date:
        sys.exit(1)


@click.command()
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
        print_warnings(result.warnings, result.known_warnings)
        verb = "would change" if dry_run else "written"
        for item in result.catalogs:
            state = ("created" if item.created else verb) if item.changed else "unchanged"
            echo(f"{item.language:8} {item.path}: {state}; {item.counts.summary()}")
        print_notices(result.catalogs, result.reread, dry_run)
    if verbose:
        print_stats(result.stats, started)


@click.command()
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
                    **counts_json(s.counts),
                    "documents": [{"document": d.document, **counts_json(d.counts)} for d in s.documents],
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
        rows = [(f"({plural(len(s.documents), 'document')})", s.counts)]
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
                f"{s.language}: {plural(len(s.orphans), 'orphaned catalog')} (no source document; "
                f"`{program()} check` says what to do): {shown}"
            )
