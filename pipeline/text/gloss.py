"""Pinyin glosses: ``競(jìng)賽`` -> ``競賽``.

A gloss is a Han character followed by a parenthesised reading that is a valid reading
of *that very character* (tone marks, tone numbers or no tone). Every other parenthesis
is content and stays: ``(芯片)``, ``(including ...)``, and a capitalised romanisation
without a tone, which is a name the article gives (``張(Chang)忠謀``, ``魏(Wei)哲家``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipeline.text.han import HAN

# Latin letters with pinyin diacritics, optionally a tone number; both parenthesis kinds.
_GLOSS = re.compile(
    rf"(?P<char>[{HAN}])(?P<open>[(（])(?P<reading>[a-zA-Z\u00c0-\u024f\u0300-\u036f]{{1,8}}[1-5]?)(?P<close>[)）])"
)


@cache
def _readings(char: str) -> frozenset[str]:
    """All readings of one character, with tone marks, tone numbers and without tone."""
    from pypinyin import Style, pinyin  # imported on first use: 0.1 s, and most texts have no gloss

    found: set[str] = set()
    # The neutral tone is written with no number (``me``) or as tone 5 (``me5``); the gloss
    # pattern accepts 5, so its readings must include it too.
    for style, five in ((Style.TONE, False), (Style.TONE3, False), (Style.TONE3, True), (Style.NORMAL, False)):
        for reading in pinyin(char, style=style, heteronym=True, errors="ignore", neutral_tone_with_five=five)[0:1]:
            found.update(r.lower() for r in reading)
    return frozenset(found)


def _normalise(reading: str) -> str:
    return unicodedata.normalize("NFC", reading).lower().replace("v", "ü")


def is_reading(char: str, reading: str) -> bool:
    """True if ``reading`` is a pinyin reading of ``char``."""
    readings = _readings(char)
    wanted = _normalise(reading)
    return wanted in readings or wanted.replace("ü", "v") in readings


def is_name(reading: str) -> bool:
    """A capitalised romanisation with no tone (``張(Chang)``, ``魏(Wei)``, ``WEI``): a person's
    name given in the text, not a reading gloss. Glosses are lower case or carry a tone."""
    toned = reading[-1:].isdigit() or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", reading))
    return reading != reading.lower() and not toned


def strip_glosses(text: str) -> str:
    """Remove every pinyin gloss from ``text``; leave all other parentheses alone."""
    if "(" not in text and "（" not in text:
        return text

    def keep_char(match: re.Match[str]) -> str:
        char, reading = match.group("char", "reading")
        return char if is_reading(char, reading) and not is_name(reading) else match.group(0)

    return _GLOSS.sub(keep_char, text)
