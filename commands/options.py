"""Options several commands share: the project, --lang, --compendium, and --jobs/--force/--quiet/--verbose."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pipeline.workspace.project import Project

pass_project = click.make_pass_decorator(Project)

LANG_HELP = "Language code (zh_Hans, zh-Hans, en, ...); repeatable. Default: every configured language."

COMPENDIUM = click.option(
    "--compendium",
    "compendia",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A .po, .mo or .tmx file of known translations to pre-fill new and still blank segments from; repeatable.",
)

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
