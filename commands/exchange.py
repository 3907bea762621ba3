"""``export`` and ``import``: exchange with professional translation tools (XLIFF, TMX, TBX; issue 16)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from commands.options import LANG_HELP, pass_project
from commands.output import Command, echo
from pipeline.workspace.project import Project


@click.command(name="export", cls=Command)
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


@click.command(name="import", cls=Command)
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
