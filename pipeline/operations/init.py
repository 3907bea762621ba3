"""The ``init`` command: a new project folder, ready for ``update`` and ``build``.

Writes ``pyproject.toml`` with the ``[tool.article-l10n]`` tables (docs/settings.md), makes
``source/`` and ``locales/``, and writes a ``.gitignore`` for what is not committed (the
editions, the project lock) unless the folder has one. It refuses, writing nothing, a folder that already has a
``pyproject.toml`` (a project's, or another Python project's: never overwritten), a folder
whose parent does not exist (a typo makes no folders), and a folder inside another project
unless ``nested`` is asked for — commands run below it would then find the new project, not
the outer one (``config.nearest``) — and never inside the outer project's source, locales or build
folder (its documents would become the outer project's, its catalogs orphans there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ConfigError, LanguageError, UsageError
from pipeline.l10n import languages
from pipeline.workspace import config, fs, lock

SOURCE_LANGUAGE = "zh_Hant"
DEFAULT_LANGUAGES = ("zh_Hans", "en")  # the project's own: Simplified by OpenCC, English by people
CONVERTERS = {("zh_Hant", "zh_Hans"): "tw2s", ("zh_Hans", "zh_Hant"): "s2twp"}  # OpenCC configurations
_SOURCE_REGION = {"zh_Hant": "TW", "zh_Hans": "CN"}  # where a source language's text is written by default
FOLDERS = ("source", "locales")
# What a project's commands make that is not committed: the editions, the project lock and the
# temporary files a killed write leaves (the cache folder ignores itself).
GITIGNORE = f"""\
# made by article-l10n, not committed: the editions, the project lock, a killed write's temporary files
/build/
/{lock.FILENAME}
.*.tmp
"""

_HEAD = """\
# article-l10n project settings: every key is described in docs/settings.md of article-l10n.
[tool.{tool}]
source_dir = "source"             # the documents: every .md and .txt file below it
locales_dir = "locales"           # templates (.pot) and catalogs (<lang>/LC_MESSAGES/*.po)
build_dir = "build"               # the editions (not committed)
source_language = "{source}"
granularity = "sentence"          # or "paragraph": one entry per block
memory_matches = "fuzzy"          # or "translated": exact memory matches arrive translated
names = []                        # Latin-script names a translation may leave out (the `names` check)
# glossary = "locales/glossary.csv"  # agreed terms (source,language,target,note); used when it exists
"""


@dataclass(frozen=True)
class InitResult:
    """What ``init`` made: the project folder, its settings file and folders, its languages."""

    root: Path
    settings: Path
    folders: tuple[Path, ...]  # the folders this run made (not those already there)
    source_language: str
    languages: tuple[str, ...]
    outer: Path | None  # the project this one is nested in (with ``nested``), else None
    gitignore: bool = True  # whether it wrote .gitignore (False: one was there, left alone)


def settings_text(codes: tuple[str, ...], source: str = SOURCE_LANGUAGE) -> str:
    """The ``pyproject.toml`` of a new project whose target languages are ``codes`` (canonical)."""
    parts = [_HEAD.format(tool=config.TOOL_NAME, source=source)]
    for code in codes:
        converter = CONVERTERS.get((source, _script(code)))
        if converter is not None:
            settings = [
                (f'converter = "{converter}"', "OpenCC: every entry filled by conversion"),
                ('punctuation = "fullwidth"', "ASCII , : ; ? ! ( ) in Chinese sentences become fullwidth"),
                ("min_percent = 100", "check fails unless every entry is filled"),
            ]
        else:
            settings = [
                ("min_percent = 0", "the least completeness `check` accepts"),
                ("copy_untranslatable = true", "segments with no Chinese are copied as they are"),
            ]
        lines = [f"\n[tool.{config.TOOL_NAME}.languages.{code}]", *(f"{k:33} # {why}" for k, why in settings)]
        parts.append("\n".join(lines) + "\n")
    return "".join(parts)


def target_codes(typed: tuple[str, ...], source: str = SOURCE_LANGUAGE) -> tuple[str, ...]:
    """The target languages as typed, validated and canonical, each once (default: zh_Hans and en)."""
    codes: list[str] = []
    for code in typed or DEFAULT_LANGUAGES:
        meant = languages.country_typed(code)
        if meant is not None:
            raise LanguageError(f"--lang {code!r} is a country's code, not a language's; did you mean {meant}?")
        canonical = languages.canonical(code)
        if languages.read_as_another(code, canonical):  # "eng" is en_US, "iw" he_IL: say so, do not guess
            raise LanguageError(
                f"--lang {code!r} would be {canonical}; write the code itself (did you mean {canonical.split('_')[0]}?)"
            )
        if canonical == source:
            raise LanguageError(f"--lang {code}: {source} is the source language, not a target")
        if canonical == f"{source}_{_SOURCE_REGION.get(source)}":  # zh_TW: the article as it is written
            raise LanguageError(
                f"--lang {code}: {canonical} is the source language as it is written ({source}), not a target"
            )
        if canonical not in codes:
            codes.append(canonical)
    return tuple(codes)


def _script(code: str) -> str:
    """The language and script of a canonical code: zh_Hans_CN → zh_Hans (what picks a converter)."""
    parts = code.split("_")
    return "_".join(parts[:2]) if len(parts) > 1 and len(parts[1]) == 4 else parts[0]


def init(folder: Path, typed: tuple[str, ...] = (), nested: bool = False) -> InitResult:
    """Make the project in ``folder`` (made if its parent exists); refuse, writing nothing, as the module says."""
    shown, folder = folder, folder.absolute()  # the messages name the folder as it was typed
    settings = folder / "pyproject.toml"
    codes = target_codes(typed)
    text = settings_text(codes)
    config.from_table(folder, _table(text), settings)  # what init writes, the commands accept (converters too)
    if folder.exists() and not folder.is_dir():
        raise UsageError("is a file, not a folder; give init a folder (new or existing)", shown)
    if not folder.parent.is_dir():
        raise UsageError(f"the folder {shown.parent} does not exist; create it first (init makes one folder)", shown)
    if settings.exists():
        if config.configures(settings):
            raise UsageError(
                "is already a project's settings; nothing written (edit it: docs/settings.md)", shown / "pyproject.toml"
            )
        raise UsageError(
            f"exists (another tool's); init does not write over it: add the [tool.{config.TOOL_NAME}] tables to it "
            "by hand (docs/settings.md) or choose another folder",
            shown / "pyproject.toml",
        )
    outer = _outer(folder)
    if outer is not None:
        _refuse_nesting(folder, shown, outer, nested)
    for name in FOLDERS:
        if (folder / name).exists() and not (folder / name).is_dir():
            raise UsageError(f"is a file; init needs a folder {name}/ here (rename the file)", shown / name)
    made = tuple(folder / name for name in FOLDERS if not (folder / name).is_dir())
    folder.mkdir(exist_ok=True)
    for path in made:
        path.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    wrote_ignore = not ignore.exists()
    if wrote_ignore:
        fs.write_if_changed(ignore, GITIGNORE.encode("utf-8"), ignore, expected=fs.ABSENT)
    fs.write_if_changed(settings, text.encode("utf-8"), settings, expected=fs.ABSENT)  # last: then a project
    return InitResult(folder, settings, made, SOURCE_LANGUAGE, codes, outer, wrote_ignore)


def _table(text: str) -> dict[str, object]:
    import tomllib

    table = tomllib.loads(text)["tool"][config.TOOL_NAME]
    assert isinstance(table, dict)
    return table


def _outer(folder: Path) -> Path | None:
    """The project ``folder`` would be inside, if any (the nearest parent that is one)."""
    return config.nearest(folder.parent)


def _refuse_nesting(folder: Path, shown: Path, outer: Path, nested: bool) -> None:
    """Inside another project: only with ``nested``, and never inside its source, locales or build folder."""
    if not nested:
        raise UsageError(
            f"is inside the project {outer}: commands run below it would use the new project, not that one; "
            "pass --nested if that is what you want, or choose a folder outside it",
            shown,
        )
    try:
        settings = config.load(outer)
    except ConfigError:
        return  # the outer settings are broken: the commands there say so
    for key, what in (("source_dir", "take its documents as its own"), ("locales_dir", "see its files as orphans")):
        inside = getattr(settings, key)
        if folder.resolve().is_relative_to(inside.resolve()):
            raise UsageError(
                f"is inside {key} of the project {outer}, which would {what}; choose a folder outside it", shown
            )
    if folder.resolve().is_relative_to(settings.build_dir.resolve()):
        raise UsageError(f"is inside build_dir of the project {outer}, where editions go; choose another folder", shown)
