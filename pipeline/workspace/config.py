"""Project settings, read from ``[tool.article-l10n]`` in the project's ``pyproject.toml``.

Everything has a default except the target languages. Paths are relative to the project
root (the folder that holds ``pyproject.toml``); the source, locales and build folders must
be inside it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError, LanguageError
from pipeline.l10n import languages

TOOL_NAME = "article-l10n"
GRANULARITIES = ("sentence", "paragraph")
MEMORY_MATCHES = ("fuzzy", "translated")
PUNCTUATION_STYLES = ("keep", "fullwidth")


@dataclass(frozen=True)
class LanguageSettings:
    """How one target language is filled and gated."""

    code: str  # as configured, canonical POSIX form: "zh_Hans", "en"
    converter: str | None = None  # OpenCC configuration ("tw2s") that fills every entry
    punctuation: str = "keep"  # "fullwidth": ASCII , : ; ? ! ( ) in Chinese sentences become fullwidth
    min_percent: float = 0.0  # the least completeness `check` accepts
    copy_untranslatable: bool = True  # pre-fill segments with no Han characters (already target text)
    names: tuple[str, ...] = ()  # Latin-script names the `names` check lets this language leave out or change


@dataclass(frozen=True)
class Config:
    """The settings of one project."""

    root: Path
    source_dir: Path
    locales_dir: Path
    build_dir: Path
    source_language: str
    languages: tuple[LanguageSettings, ...]
    granularity: str = "sentence"
    memory_matches: str = "fuzzy"  # how exact translation-memory matches arrive: "fuzzy" or "translated"
    glossary: Path | None = None  # the glossary CSV as configured; None: <locales_dir>/glossary.csv if it exists
    names: tuple[str, ...] = ()  # Latin-script names every language may leave out or change (`names` check)

    @property
    def glossary_path(self) -> Path:
        """Where the glossary is (or would be): the configured file or ``<locales_dir>/glossary.csv``."""
        return self.glossary if self.glossary is not None else self.locales_dir / "glossary.csv"

    def allowed_names(self, settings: LanguageSettings) -> frozenset[str]:
        """The names exceptions for one language: the global list plus the language's own."""
        return frozenset(self.names) | frozenset(settings.names)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> LanguageSettings:
        """Settings for a user-typed language code; LanguageError if it is not configured.

        Every command's one message for that: the configured languages, and how to add this one.
        """
        try:
            name = languages.resolve(code, self.language_codes)
        except LanguageError as exc:
            error = LanguageError(exc.message + self._how_to_add(code, exc.suggestion))
            error.suggestion = exc.suggestion
            raise error from None
        return next(lang for lang in self.languages if lang.code == name)

    def _how_to_add(self, code: str, suggestion: str | None = None) -> str:
        """The end of the message for a language that is not configured: how to configure it.

        Not for a code babel reads as another language's (``eng`` is ``en_US``): a typo, not a wish.
        """
        try:
            wanted = languages.canonical(code)
        except LanguageError:
            return ""  # not a language: nothing to add
        if wanted == self.source_language:
            return f"; {wanted} is the source language, not a target"
        if languages.read_as_another(code, wanted):
            return ""
        how = f"put a [tool.{TOOL_NAME}.languages.{wanted}] table in pyproject.toml (docs/settings.md)"
        return f"; to add it, {how}" if suggestion is None else f" Or, to add {wanted}, {how}"


def load(root: Path) -> Config:
    """Read the settings from ``root/pyproject.toml``."""
    path = root / "pyproject.toml"
    if not root.is_dir():
        raise ConfigError(
            "the project folder does not exist; check --project DIR (or make a new project there with init)", root
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(_no_settings(root), root) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot parse: {exc}", path) from exc
    table = data.get("tool", {}).get(TOOL_NAME)
    if not isinstance(table, dict):
        raise ConfigError(f"no [tool.{TOOL_NAME}] table; see docs/settings.md for the settings", path)
    return from_table(root, table, path)


def configures(settings: Path) -> bool | None:
    """Whether ``settings`` (a pyproject.toml) has this tool's table; None: no such file."""
    try:
        return f"[tool.{TOOL_NAME}" in settings.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def nearest(start: Path) -> Path | None:
    """The nearest folder, from ``start`` up, whose pyproject.toml configures this tool; None: none."""
    for folder in (start, *start.parents):
        if configures(folder / "pyproject.toml"):
            return folder
    return None


def _no_settings(root: Path) -> str:
    """Why there are no settings in ``root``, and what to do: the project it is inside, if any."""
    above = nearest(root.parent)
    if above is not None:
        return (
            f"no pyproject.toml here; this folder is inside the project {above}: "
            f"pass --project {above} (the folder that holds the settings), or run the command from inside it"
        )
    other = next((f / "pyproject.toml" for f in root.parents if configures(f / "pyproject.toml") is False), None)
    hint = "" if other is None else f" ({other} has no [tool.{TOOL_NAME}] table)"
    return (
        f"no pyproject.toml here, nor a project in a folder above{hint}; run inside a project (a folder whose "
        f"pyproject.toml has a [tool.{TOOL_NAME}] table, or one below it) or pass --project DIR; "
        "init makes a new one (README.md: 'Your own article')"
    )


def from_table(root: Path, table: dict[str, Any], path: Path) -> Config:
    """Validate a settings table (already parsed) into a Config."""

    def get(key: str, kind: type, default: Any) -> Any:
        value = table.get(key, default)
        if not isinstance(value, kind):
            kinds: dict[type, str] = {str: 'a string ("…")', dict: "a table"}
            what = kinds.get(kind, f"a {kind.__name__}")
            raise ConfigError(f"[tool.{TOOL_NAME}] {key} must be {what}, not {value!r}", path)
        return value

    known = {"source_dir", "locales_dir", "build_dir", "source_language", "granularity", "languages"}
    known |= {"glossary", "names", "memory_matches"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"[tool.{TOOL_NAME}] unknown setting(s): {', '.join(unknown)}", path)
    granularity = get("granularity", str, "sentence")
    if granularity not in GRANULARITIES:
        raise ConfigError(f"granularity must be one of {', '.join(GRANULARITIES)}, not {granularity!r}", path)
    memory_matches = get("memory_matches", str, "fuzzy")
    if memory_matches not in MEMORY_MATCHES:
        raise ConfigError(f"memory_matches must be one of {', '.join(MEMORY_MATCHES)}, not {memory_matches!r}", path)
    try:
        source_language = languages.canonical(get("source_language", str, "zh_Hant"))
    except LanguageError as exc:
        raise ConfigError(f"source_language: {exc.message}", path) from exc
    langs_table = get("languages", dict, {})
    if not langs_table:
        raise ConfigError(f"[tool.{TOOL_NAME}.languages] lists no target language", path)
    langs = tuple(_language(code, value, path) for code, value in langs_table.items())
    codes = [lang.code for lang in langs]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise ConfigError(f"[tool.{TOOL_NAME}.languages] lists {', '.join(twice)} more than once", path)
    if source_language in codes:
        raise ConfigError(f"{source_language} is the source language; it cannot be a target language too", path)
    glossary = table.get("glossary")
    if glossary is not None and (not isinstance(glossary, str) or not glossary):
        raise ConfigError(f"[tool.{TOOL_NAME}] glossary must be the path of a CSV (or TBX) file", path)
    return Config(
        root=root,
        source_dir=_folder(root, "source_dir", get("source_dir", str, "source"), path),
        locales_dir=_folder(root, "locales_dir", get("locales_dir", str, "locales"), path),
        build_dir=_folder(root, "build_dir", get("build_dir", str, "build"), path),
        source_language=source_language,
        languages=langs,
        granularity=granularity,
        memory_matches=memory_matches,
        glossary=None if glossary is None else root / glossary,
        names=_names(table.get("names", []), f"[tool.{TOOL_NAME}] names", path),
    )


def _folder(root: Path, key: str, value: str, path: Path) -> Path:
    """A folder setting as a path, refused unless it names a folder inside the project.

    The tool reads every document below ``source_dir`` and writes below ``locales_dir`` and
    ``build_dir``: a folder elsewhere (``/etc``, ``../elsewhere``, a link out of the project)
    or the project folder itself is a mistake, better named here than file by file later.
    """
    folder = root / value
    inside = not Path(value).is_absolute()
    if inside:
        try:
            resolved, top = folder.resolve(), root.resolve()
        except (OSError, RuntimeError):  # a loop of links
            inside = False
        else:
            inside = resolved != top and resolved.is_relative_to(top)
    if not inside:
        raise ConfigError(
            f"[tool.{TOOL_NAME}] {key} must be a folder inside the project (a relative path such as "
            f"{key.removesuffix('_dir')!r}), not {value!r}",
            path,
        )
    return folder


def _names(value: Any, where: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(name, str) and name.strip() for name in value):
        raise ConfigError(f'{where} must be a list of names (strings), such as ["MODEL1"]', path)
    return tuple(name.strip() for name in value)


def _language(code: str, value: Any, path: Path) -> LanguageSettings:
    where = f"[tool.{TOOL_NAME}.languages.{code}]"
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table", path)
    try:
        canonical = languages.canonical(code)
    except LanguageError as exc:
        raise ConfigError(f"{where}: {exc.message}", path) from exc
    known = {"converter", "punctuation", "min_percent", "copy_untranslatable", "names"}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ConfigError(f"{where} unknown setting(s): {', '.join(unknown)}", path)
    converter = value.get("converter")
    if converter is not None and (not isinstance(converter, str) or not converter):
        raise ConfigError(f"{where} converter must be an OpenCC configuration name such as 'tw2s'", path)
    if converter is not None:
        from pipeline.l10n.opencc_calls import check_converter  # OpenCC is loaded only for projects that convert

        try:
            check_converter(converter)
        except ConfigError as exc:
            raise ConfigError(f"{where} {exc.message}", path) from None
    punctuation = value.get("punctuation", "keep")
    if punctuation not in PUNCTUATION_STYLES:
        raise ConfigError(f"{where} punctuation must be one of {', '.join(PUNCTUATION_STYLES)}", path)
    min_percent = value.get("min_percent", 0)
    if isinstance(min_percent, bool) or not isinstance(min_percent, (int, float)) or not 0 <= min_percent <= 100:
        raise ConfigError(f"{where} min_percent must be a number from 0 to 100", path)
    copy = value.get("copy_untranslatable", True)
    if not isinstance(copy, bool):
        raise ConfigError(f"{where} copy_untranslatable must be true or false", path)
    names = _names(value.get("names", []), f"{where} names", path)
    return LanguageSettings(canonical, converter, punctuation, float(min_percent), copy, names)
