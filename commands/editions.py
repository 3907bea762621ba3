"""``build`` and ``review``: the localised editions and the review page."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from commands.options import COMPENDIUM, LANG_HELP, pass_project, run_options
from commands.output import echo, print_notices, print_stats, program, progress_bar
from pipeline import operations
from pipeline.workspace.project import Project


@click.command()
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
        print_notices(result.catalogs, result.reread, dry_run=not result.written)
    for doc in () if quiet else result.documents:
        echo(
            f"{doc.language:8} {doc.path}  {doc.counts.translated}/{doc.counts.total} translated "
            f"({doc.counts.percent:g}%), "
            f"{doc.fallback} fell back to {_fallback(project, doc.language)}"
            f"{'' if result.written else ' (not written)'}"
        )
    _print_stale(project, result.documents)
    if verbose:
        print_stats(result.stats, started)
    if not result.written:
        for doc in result.below_minimum:
            echo(
                f"{doc.language} {doc.document}: {doc.counts.percent:g}% is below --min-percent {min_percent:g}",
                err=True,
            )
        echo("nothing written", err=True)
        sys.exit(1)


def _fallback(project: Project, code: str) -> str:
    """What an edition shows for a segment with no usable translation, as the build report names it."""
    if code in project.config.language_codes and project.target(code).converter is not None:
        return "the machine conversion"
    return "the source"


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


@click.command()
@click.option("--lang", "codes", multiple=True, metavar="LANG", help=LANG_HELP)
@click.option("--no-update", is_flag=True, help="Use the catalogs as they are; do not refresh them first.")
@pass_project
def review(project: Project, codes: tuple[str, ...], no_update: bool) -> None:
    """Write the bilingual review page: build/LANG/DOCUMENT.review.html.

    One row per segment: source, translation (or the marked fallback), status, and the
    .po file and line to edit; fuzzy entries show what changed in the source.
    """
    result = operations.review(project, codes, refresh=not no_update)
    print_notices(result.catalogs, result.reread)
    for page in result.pages:
        c = page.counts
        echo(
            f"{page.language:8} {page.path}  {c.translated}/{c.total} translated ({c.percent:g}%), "
            f"{c.fuzzy} fuzzy, {c.untranslated} untranslated"
        )
