"""Checks ``names`` and ``acronyms``: the Latin-script names and acronyms of a Chinese source are kept."""

from __future__ import annotations

import re

from pipeline.l10n.glossary import uses
from pipeline.qa.engine import ERROR, WARNING, Language, register
from pipeline.qa.reading import HAN_RE, listing, without_damage

_LATIN_WORD = r"[A-Za-z0-9][A-Za-z0-9&+]*(?:[-.'’][A-Za-z0-9&+]+)*"
_LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9]){_LATIN_WORD}(?: {_LATIN_WORD})*")


def latin_names(source: str, traditional: bool = True) -> tuple[str, ...]:
    """The Latin-script names and identifiers of a Chinese sentence: ``DeepSeek-R1``, ``Hugging Face``.

    Only sentences with Han characters have them (in an English sentence every word is
    Latin). Numbers on their own, URLs, code spans and corrupted spans do not count.
    """
    if not HAN_RE.search(source):
        return ()
    found: list[str] = []
    for m in _LATIN_RUN.finditer(without_damage(source, traditional)):
        words = m.group().split(" ")
        while words and not any(c.isalpha() for c in words[0]):
            words.pop(0)
        while words and not any(c.isalpha() for c in words[-1]):
            words.pop()
        if words and " ".join(words) not in found:
            found.append(" ".join(words))
    return tuple(found)


# What a Latin word of a Chinese sentence is, by its shape (docs/checks.md): a word of capitals
# only is an acronym (AI, GPU, CEO, APP; GPUs), a word of small letters only a common noun
# (app, email); every other word is part of a proper name (DeepSeek, Nvidia, OpenAI, R1, iPhone).
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
_COMMON_NOUN = re.compile(r"[a-z]+")
# Small words a spelled-out acronym may have between its initials: "Bank of America" for BoA.
_JOINING_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an"})


def latin_terms(source: str, traditional: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The proper names and the acronyms among the Latin-script runs of a Chinese sentence.

    A run is cut at its acronyms and common nouns: ``OpenAI CEO`` is the name ``OpenAI`` and the
    acronym ``CEO``; ``Hugging Face`` stays one name. Common nouns are neither.
    """
    names: list[str] = []
    acronyms: list[str] = []

    def add_name(words: list[str]) -> None:
        while words and not any(c.isalpha() for c in words[-1]):
            words.pop()
        while words and not any(c.isalpha() for c in words[0]):
            words.pop(0)
        if words and " ".join(words) not in names:
            names.append(" ".join(words))

    for run in latin_names(source, traditional):
        words: list[str] = []
        for word in run.split(" "):
            if _ACRONYM.fullmatch(word) or _COMMON_NOUN.fullmatch(word):
                add_name(words)
                words = []
                if _ACRONYM.fullmatch(word) and word not in acronyms:
                    acronyms.append(word)
            else:
                words.append(word)
        add_name(words)
    return tuple(names), tuple(acronyms)


def _has_name(translation: str, name: str) -> bool:
    pattern = rf"(?<![A-Za-z0-9]){re.escape(name)}(?:s|es|'s|’s)?(?![A-Za-z0-9])"
    return re.search(pattern, translation) is not None


def _kept(translation: str, term: str, language: Language) -> bool:
    """The translation has the term, or the glossary's translation of it; or the names setting lets it go."""
    if term in language.names or _has_name(translation, term):
        return True
    found = language.glossary.term(term, language.code)
    return found is not None and uses(translation, found.target)


def spelled_out(acronym: str, translation: str) -> bool:
    """Whether the translation spells the acronym out: its letters begin consecutive words.

    ``AI``: artificial intelligence; ``GPU``: graphics processing units; ``GRPO``: Group Relative
    Policy Optimization. Small joining words (of, and, the…) may come between, and are never
    initials: "chief executive of the company" does not spell CEO.
    """
    letters = acronym.rstrip("s").lower()
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", translation)]
    for start in range(len(words)):
        matched = 0
        for word in words[start:]:
            if matched == len(letters):
                break
            if word in _JOINING_WORDS and matched:  # between initials, never one of them
                continue
            if word in _JOINING_WORDS or not word.startswith(letters[matched]):
                break
            matched += 1
        if matched == len(letters):
            return True
    return False


@register("names", ERROR)
def names(source: str, translation: str, language: Language) -> str | None:
    """A proper name or identifier in Latin script of the source (DeepSeek-R1, MODEL1, Hugging Face) is missing."""
    proper, _ = latin_terms(source, language.traditional_source)
    missing = [name for name in proper if not _kept(translation, name, language)]
    if not missing:
        return None
    return f"not in the translation: {listing(missing, 5)} (a name allowed to change goes in the names setting)"


@register("acronyms", WARNING)
def acronyms(source: str, translation: str, language: Language) -> str | None:
    """An acronym of the source (AI, GPU, CEO, GRPO) is neither in the translation nor spelled out."""
    _, found = latin_terms(source, language.traditional_source)
    missing = [a for a in found if not _kept(translation, a, language) and not spelled_out(a, translation)]
    if not missing:
        return None
    return f"not in the translation, nor spelled out: {listing(missing, 5)} (an acronym; check the meaning is kept)"
