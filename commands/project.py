"""``init``: make a new project."""

from __future__ import annotations

from pathlib import Path

import click

from commands.output import echo, program
from pipeline import operations


@click.command()
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
    ignore = _shown(result.root / ".gitignore")
    if result.gitignore:
        echo(f"created {ignore}: build/ and the project lock are not committed")
    else:
        from pipeline.operations.init import GITIGNORE

        lines = [line for line in GITIGNORE.splitlines() if not line.startswith("#")]
        echo(f"note: {ignore} is there already: add {' '.join(lines)} to it (editions, lock, temporary files)")
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
