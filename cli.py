"""Command line: ``python cli.py COMMAND`` (also installed as ``article-l10n``).

This file only makes the click group and registers the commands; they live in ``commands/``,
one module per job, and only they print. Exit codes: 0 ok, 1 a check failed, 2 bad usage or
input.
"""

from __future__ import annotations

from pathlib import Path

import click

from commands import catalogs, checking, editions, exchange, project, workbench
from commands.output import Group, print_waiting, program
from pipeline.workspace import lock
from pipeline.workspace.project import Project, find_root


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
    ctx.obj = Project(where, lock_timeout=lock_timeout, on_lock_wait=print_waiting, program=program())


for command in (
    project.init,
    catalogs.extract,
    catalogs.update,
    catalogs.status,
    checking.check,
    editions.build,
    editions.review,
    exchange.export_command,
    exchange.import_command,
    workbench.serve,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
