"""Language codes: parse what people type (``zh-Hans``, ``zh_hans``, ``EN``) with babel.

A code is validated by shape *before* babel sees it, so that nothing a user types can
ever become part of a path unless it is a configured language.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

from pipeline.errors import LanguageError

# BCP 47 / POSIX shaped: a 2-3 letter language, then optional script/region/variant parts.
_SHAPE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,3}")
_MAX_LENGTH = 35


def canonical(code: str) -> str:
    """Return the POSIX form babel uses (``zh_Hans``, ``en``, ``pt_BR``).

    Raises LanguageError for anything that is not shaped like a language tag or that
    babel does not know.
    """
    if len(code) > _MAX_LENGTH or not _SHAPE.fullmatch(code):
        shown = code if len(code) <= _MAX_LENGTH else code[:_MAX_LENGTH] + "…"
        raise LanguageError(f"{shown!r} is not a language code (expected something like 'en' or 'zh_Hans')")
    try:
        return str(Locale.parse(code.replace("-", "_")))
    except (ValueError, UnknownLocaleError) as exc:
        raise LanguageError(f"unknown language {code!r}: {exc}") from exc


def bcp47(code: str) -> str:
    """The BCP 47 tag for a POSIX code: ``zh_Hans`` -> ``zh-Hans``."""
    return canonical(code).replace("_", "-")


def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value from babel's CLDR data."""
    from babel.messages.plurals import get_plural  # babel.messages: only for a new catalog (start-up)

    return str(get_plural(Locale.parse(canonical(code)))).strip()


def is_chinese(code: str) -> bool:
    """True for any Chinese variant; Chinese is written without spaces between sentences."""
    return canonical(code).split("_")[0] == "zh"


def resolve(code: str, configured: tuple[str, ...]) -> str:
    """Map a user-typed code onto one of the configured languages, or raise."""
    listed = ", ".join(configured) or "none"
    try:
        wanted = canonical(code)
    except LanguageError as exc:
        raise LanguageError(f"{exc.message}; configured languages: {listed}") from None
    for name in configured:
        if canonical(name) == wanted:
            return name
    raise LanguageError(f"language {code!r} is not configured; configured languages: {listed}")


def direction(code: str) -> str:
    """``rtl`` for a language written right to left (Arabic, Hebrew, …), else ``ltr``."""
    return "rtl" if Locale.parse(canonical(code)).character_order == "right-to-left" else "ltr"


def display_name(code: str) -> str:
    """The language's name in English, from CLDR: ``zh_Hans`` -> ``Chinese (Simplified)``."""
    return str(Locale.parse(canonical(code)).get_display_name("en"))
