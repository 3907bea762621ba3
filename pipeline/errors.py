"""The pipeline's error hierarchy.

The library never prints: it raises one of these, and the command line (``commands/``)
turns them into a one-line message and an exit code. Every error names the file (and line, where there
is one) and says what to do.
"""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """Base class: bad input or bad usage. The CLI exits with status 2."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(self.format())

    def format(self) -> str:
        """``file:line: message``, GNU style, or just the message."""
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class ConfigError(PipelineError):
    """The project's settings are missing or wrong."""


class LanguageError(PipelineError):
    """A language code that is malformed or not configured."""

    suggestion: str | None = None  # the configured language(s) it may be a typo of ("did you mean …?")


class SourceError(PipelineError):
    """A source document cannot be read (missing, not UTF-8, ...)."""


class CatalogError(PipelineError):
    """A ``.po``/``.pot`` file cannot be parsed."""


class OutputError(PipelineError):
    """An output file or folder cannot be written."""


class GlossaryError(PipelineError):
    """The glossary file is missing or malformed (the message names the file and row)."""


class UsageError(PipelineError):
    """A command called with options that make no sense (an unknown output format, …)."""


class ConflictError(PipelineError):
    """A file changed on disk while a command ran (a person saved it): it was not overwritten."""


class LockError(PipelineError):
    """Another command held the project's lock for longer than the lock timeout."""
