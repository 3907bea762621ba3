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
    """Map a user-typed code onto one of the configured languages, or raise (with ``suggest``'s guess)."""
    listed = ", ".join(configured) or "none"
    try:
        wanted = canonical(code)
    except LanguageError as exc:
        raise _unknown(f"{exc.message}; configured languages: {listed}", code, configured) from None
    for name in configured:
        if canonical(name) == wanted:
            return name
    raise _unknown(f"language {code!r} is not configured; configured languages: {listed}", code, configured)


def _unknown(message: str, code: str, configured: tuple[str, ...]) -> LanguageError:
    guess = suggest(code, configured)
    error = LanguageError(message if guess is None else f"{message}; did you mean {guess}?")
    error.suggestion = guess
    return error


# Country codes often typed for a language (``jp`` for Japanese), none of them a language's code
# (``uk``, ``br``, ``se`` and ``tw`` are: Ukrainian, Breton, Northern Sami, Twi).
_COUNTRY_TYPED = {"cn": "zh_Hans", "hk": "zh_Hant", "jp": "ja", "kr": "ko", "gr": "el", "cz": "cs", "dk": "da"}
_COUNTRY_TYPED |= {"ua": "uk", "vn": "vi", "us": "en", "gb": "en"}


def read_as_another(code: str, wanted: str) -> bool:
    """True if babel read ``code`` as ``wanted`` under another language code (``eng`` → ``en_US``,
    ``iw`` → ``he_IL``): a typo to point out, not a language to add or to guess."""
    return wanted.split("_")[0] != code.replace("-", "_").split("_")[0].lower()


def country_typed(code: str) -> str | None:
    """The language a country code typed for one most likely means (``jp``: ``ja``), or None."""
    return _COUNTRY_TYPED.get(code.strip().replace("-", "_").lower())


def suggest(code: str, configured: tuple[str, ...]) -> str | None:
    """The configured language(s) a mistyped code most likely means, for a "did you mean …?", or None.

    The same language in another form (``eng``, ``en_US`` or ``english`` for ``en``; ``zh`` for
    ``zh_Hans``, but ``zh_TW`` not for ``zh_Hans``: another script), a country code typed for a
    language (``jp``); for a code babel does not know, a language's English name or the closest
    spelling (difflib).
    """
    typed = code.strip().replace("-", "_").lower()
    same = [c for c in configured if _same_language(_COUNTRY_TYPED.get(typed, code), c)]
    if not same and typed not in _COUNTRY_TYPED and not _known(code):  # fr is no typo of en
        names = {}
        for c in configured:
            locale = Locale.parse(canonical(c))
            names.update({c.lower(): c, str(locale.get_display_name("en")).lower(): c})
            names.setdefault(str(locale.get_language_name("en")).lower(), c)
        if typed in names:
            return names[typed]
        import difflib  # only when a code was mistyped

        same = [names[k] for k in difflib.get_close_matches(typed, list(names), n=1, cutoff=0.6)]
    return " or ".join(dict.fromkeys(same)) or None


def _known(code: str) -> bool:
    try:
        canonical(code)
    except LanguageError:
        return False
    return True


def _same_language(typed: str, configured: str) -> bool:
    """True if ``typed`` names ``configured``'s language, in a script that does not contradict it."""
    try:
        wanted, have = Locale.parse(canonical(typed)), Locale.parse(canonical(configured))
    except (LanguageError, ValueError, UnknownLocaleError):
        return False
    return wanted.language == have.language and (None in (wanted.script, have.script) or wanted.script == have.script)


def direction(code: str) -> str:
    """``rtl`` for a language written right to left (Arabic, Hebrew, …), else ``ltr``."""
    return "rtl" if Locale.parse(canonical(code)).character_order == "right-to-left" else "ltr"


def display_name(code: str) -> str:
    """The language's name in English, from CLDR: ``zh_Hans`` -> ``Chinese (Simplified)``."""
    return str(Locale.parse(canonical(code)).get_display_name("en"))
