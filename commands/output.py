"""What every command prints the same way: messages, warnings and notices, the progress bar,
the run's statistics, and the library's errors as one line with exit status 2."""

from __future__ import annotations

import os
import shlex
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from pipeline import bulk
from pipeline.errors import PipelineError

if TYPE_CHECKING:
    from pipeline import operations
    from pipeline.l10n.counts import Counts
    from pipeline.operations.parallel import Progress, Step
    from pipeline.workspace import lock

SCRIPT = "article-l10n"  # the installed command (pyproject.toml [project.scripts])


def echo(message: str = "", err: bool = False) -> None:
    click.echo(message, err=err)


def program() -> str:
    """This program as it was run, for the hints in messages: ``article-l10n`` (the installed
    script), ``python path/to/cli.py`` as typed, or ``python cli.py``. The library gets it as
    ``Project.program``."""
    context = click.get_current_context(silent=True)
    name = context.find_root().info_name if context is not None else None
    if name == SCRIPT:
        return SCRIPT
    run = sys.argv[0] if sys.argv else ""
    if os.path.basename(run) == "cli.py" and run != "cli.py":  # python path/to/cli.py: say that path
        return f"python {shlex.quote(run)}"
    return "python cli.py"


class InputError(click.ClickException):
    """Bad input or usage reported by the library: exit status 2."""

    exit_code = PipelineError.exit_code


class Command(click.Command):
    """A command whose help names the program as it was run (``python cli.py`` in the docstrings)."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        written = self.help
        self.help = None if written is None else written.replace("python cli.py", program())
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = written


# The group's own options, which people also put after the command (`status --project DIR`).
GROUP_OPTIONS = {"--project": "DIR", "--lock-timeout": "SECONDS"}


class Group(Command, click.Group):
    """Turns the library's errors into one line on stderr and exit status 2; its help, as ``Command``'s,
    names the program as it was run."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with bulk.frozen_survivors():  # a command's bulk records are not walked by the collector again
                return super().invoke(ctx)
        except PipelineError as exc:
            raise InputError(exc.format()) from None
        except click.NoSuchOption as exc:
            value = GROUP_OPTIONS.get(exc.option_name)
            if value is None or exc.ctx is None or exc.ctx.parent is None:
                raise
            name, command = exc.option_name, exc.ctx.info_name
            raise click.UsageError(
                f"{name} goes before the command: {program()} {name} {value} {command} ...",
                exc.ctx,
            ) from None


def print_waiting(waiting: lock.Waiting) -> None:
    limit = "" if waiting.timeout is None else f", for up to {waiting.timeout:g} s (--lock-timeout)"
    echo(f"waiting for another article-l10n command on this project to finish ({waiting.path}){limit}", err=True)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def counts_json(counts: Counts) -> dict[str, Any]:
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


def print_notices(
    catalogs: tuple[operations.CatalogResult, ...], reread: tuple[str, ...], dry_run: bool = False
) -> None:
    """What a write changed about a file besides its entries, and files merged twice."""
    for item in catalogs:
        for notice in item.notices:
            echo(f"note: {item.path}: {'would be ' if dry_run else ''}{notice}", err=True)
    for path in reread:
        echo(f"note: {path} was saved by someone while this ran; read and merged again", err=True)


def print_warnings(warnings: tuple[Any, ...], known: tuple[Any, ...] = ()) -> None:
    """Each warning of a changed document; those of unchanged ones (printed before) as one count."""
    for warning in warnings:
        echo(warning.format(), err=True)
    if known:
        documents = len({w.path for w in known})
        echo(
            f"{plural(len(known), 'source warning')} in {plural(documents, 'unchanged document')}, "
            f"as before ({program()} check lists the sentences they are in, as [source-damage])",
            err=True,
        )


def print_stats(stats: operations.RunStats | None, started: float) -> None:
    if stats is None:
        return
    where = "1 process" if stats.processes == 1 else f"{stats.processes} processes"
    echo(
        f"{plural(stats.documents, 'document')}: {stats.cached} unchanged (from the cache), "
        f"{stats.processed} processed on {where}, in {time.perf_counter() - started:.2f} s",
        err=True,
    )


# ---------------------------------------------------------------- the progress bar


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


# Looked up through this module when called (``output.stdout_is_terminal()``), so that a test
# can replace them here.
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
