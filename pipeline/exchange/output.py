"""Where ``export -o`` writes, and what it refuses to write over.

``-o`` names a file, or a folder (one that exists, or any name written with a trailing
``/``), into which each file goes under its default name (``LANG.xlf``, ``glossary.tbx``).
Export owns only the exchange files it writes: it never replaces the project's settings,
glossary, documents or catalogs, nor any existing file that is not an exchange file (a
``README.md`` named by mistake), so a slip of ``-o`` cannot destroy a person's work
(docs/exchange.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import OutputError
from pipeline.workspace import cache, lock
from pipeline.workspace.project import Project

SUFFIXES = {"xliff": ".xlf", "xliff12": ".xlf", "tmx": ".tmx", "tbx": ".tbx"}
EXCHANGE_SUFFIXES = (".xlf", ".xliff", ".tmx", ".tbx", ".xml")  # existing files export may replace
CATALOG_SUFFIXES = (".po", ".pot", ".mo")
_AGAIN = "choose another -o: a new file name, or a folder such as out/"


@dataclass(frozen=True)
class Output:
    """What ``-o`` names: a path, and whether it was written as a folder (a trailing ``/``)."""

    path: Path
    folder: bool = False

    @classmethod
    def parse(cls, given: str | Path) -> Output:
        """``-o`` as typed: ``Path`` drops a trailing ``/``, so it is noted before."""
        text = os.fspath(given)
        return cls(Path(text), text.endswith(("/", os.sep)))

    def is_folder(self) -> bool:
        return self.folder or self.path.is_dir()


def target(output: Output, fmt: str, name: str, many: bool) -> Path:
    """Where one output file goes: ``output`` itself, or ``output/NAME.SUFFIX`` when it is a folder."""
    if many or output.is_folder():
        return output.path / f"{name}{SUFFIXES[fmt]}"
    return output.path


def check(project: Project, path: Path, output: Output) -> None:
    """Refuse a file export must not write (``protected``) or whose folder is missing.

    A typo must not make folders: a folder named by ``-o`` for several files may be made,
    when its own parent exists.
    """
    shown = project.display(path)
    if path.is_dir():
        raise OutputError(f"is a folder; {_AGAIN}", shown)
    reason = protected(project, path)
    if reason is not None:
        raise OutputError(f"{reason}; not written (export writes only its own files): {_AGAIN}", shown)
    folder = path.parent
    if folder.is_dir() or (folder == output.path and output.path.parent.is_dir()):
        return
    missing = folder if folder != output.path else output.path.parent
    raise OutputError(f"the folder {project.display(missing)} does not exist; create it first", shown)


def protected(project: Project, path: Path) -> str | None:
    """Why ``path`` is a file export must leave alone (the project's, or not an exchange file), or None."""
    try:
        where = path.resolve()
        root = project.root.resolve()
        settings = project.config
        glossary = settings.glossary_path.resolve()
        source_dir = settings.source_dir.resolve()
        locales_dir = settings.locales_dir.resolve()
    except (OSError, RuntimeError):  # a loop of links: nothing sensible to write to
        return "cannot be resolved (a loop of symbolic links?)"
    inside = where.relative_to(root).parts if where.is_relative_to(root) else ()
    if where == root / "pyproject.toml":
        return "is the project's settings file"
    if where == glossary:
        return "is the project's glossary"
    if where.is_relative_to(source_dir):
        return f"is in the source folder {project.display(settings.source_dir)}/, where only documents belong"
    if where.suffix.lower() in CATALOG_SUFFIXES and (inside or where.is_relative_to(locales_dir)):
        return "is a gettext catalog or template (translators' work; `import` is how XLIFF reaches the catalogs)"
    if where.name == lock.FILENAME or cache.FOLDER in inside:
        return "is the tool's own lock or cache"
    if where.is_file() and where.suffix.lower() not in EXCHANGE_SUFFIXES:
        return f"exists and is not an exchange file ({', '.join(EXCHANGE_SUFFIXES)})"
    return None
