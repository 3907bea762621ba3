"""Find the old segment a new segment came from. Pure: no I/O.

Two kinds of match, tried in order: **trivial edits** by equal keys (white space,
punctuation, Traditional/Simplified variants, pinyin glosses, numbers; a change of sentence
mood is a ``mood`` match), then **fuzzy edits** by rapidfuzz similarity (``CUTOFF``), the
nearest expected position winning ties (``TIE``), candidates from the unchanged neighbours
and a character-bigram index so the work stays linear. The scores, the containment rule for
``partial_ratio`` and the index, with the measurements behind them: docs/merge.md
("How the closest old segment is found").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from pipeline.l10n.opencc_calls import opencc_convert
from pipeline.text.gloss import strip_glosses

CUTOFF = 75.0
TIE = 3.0
_PARTIAL_SCALE = 0.95
_PARTIAL_CONTAINED = 95.0
_PARTIAL_MIN_CHARS = 8
_PARTIAL_MIN_SHARE = 1 / 3
_PARTIAL_BOUND = 180.0  # see similarity(): 181 with a margin for rounding
_INDEX_CANDIDATES = 12
_LOCAL_ENOUGH = 90.0  # a candidate between the unchanged neighbours this good ends the search
_COMMON_BIGRAM = 300  # postings longer than this carry little information; skipped
_RAREST_BIGRAMS = 16  # the index counts only a text's rarest bigrams: they say the most, and cost the least
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_SHOWN = re.compile(r"\d+(?:[.,]\d+)*%?")


@dataclass(frozen=True)
class Candidate:
    """An old text that may be the origin of a new one."""

    text: str
    position: float  # where it stood in the old catalog (obsolete entries: after the end)


@dataclass(frozen=True)
class Match:
    """``candidate`` is where the new text came from; ``kind`` says how it changed."""

    candidate: int  # index into the candidate list
    kind: str  # "whitespace", "punctuation", "variant", "gloss", "numbers", "mood", "edited"
    score: float
    detail: str = ""  # e.g. "18% → 19%" for numbers


TRIVIAL = ("whitespace", "punctuation", "variant", "gloss")
# Marks that make a sentence a question or an exclamation (Chinese, ASCII and the rest).
_QUESTION = "?？⁇⁈⁉¿\u037e"
_EXCLAMATION = "!！‼⁈⁉¡"
_MOOD_RUN = re.compile(rf"[{re.escape(_QUESTION + _EXCLAMATION)}]+")
_KIND_ORDER = ("whitespace", "punctuation", "variant", "gloss", "numbers")


def _no_space(text: str) -> str:
    return "".join(text.split())


# The ranges ``punctuation_ranges`` gives for Unicode 14.0.0 (Python 3.11), in hex: kept here because
# computing them (65,536 look-ups) costs every ``update`` about 8 ms. Another Unicode computes its own.
_PUNCTUATION_UNICODE = "14.0.0"
_PUNCTUATION_RANGES = (
    "21-23 25-2a 2c-2f 3a-3b 3f-40 5b-5d 5f 7b 7d a1 a7 ab b6-b7 bb bf 37e 387 55a-55f 589-58a 5be 5c0 "
    "5c3 5c6 5f3-5f4 609-60a 60c-60d 61b 61d-61f 66a-66d 6d4 700-70d 7f7-7f9 830-83e 85e 964-965 970 9fd "
    "a76 af0 c77 c84 df4 e4f e5a-e5b f04-f12 f14 f3a-f3d f85 fd0-fd4 fd9-fda 104a-104f 10fb 1360-1368 "
    "1400 166e 169b-169c 16eb-16ed 1735-1736 17d4-17d6 17d8-17da 1800-180a 1944-1945 1a1e-1a1f 1aa0-1aa6 "
    "1aa8-1aad 1b5a-1b60 1b7d-1b7e 1bfc-1bff 1c3b-1c3f 1c7e-1c7f 1cc0-1cc7 1cd3 2010-2027 2030-2043 "
    "2045-2051 2053-205e 207d-207e 208d-208e 2308-230b 2329-232a 2768-2775 27c5-27c6 27e6-27ef 2983-2998 "
    "29d8-29db 29fc-29fd 2cf9-2cfc 2cfe-2cff 2d70 2e00-2e2e 2e30-2e4f 2e52-2e5d 3001-3003 3008-3011 "
    "3014-301f 3030 303d 30a0 30fb a4fe-a4ff a60d-a60f a673 a67e a6f2-a6f7 a874-a877 a8ce-a8cf a8f8-a8fa "
    "a8fc a92e-a92f a95f a9c1-a9cd a9de-a9df aa5c-aa5f aade-aadf aaf0-aaf1 abeb fd3e-fd3f fe10-fe19 "
    "fe30-fe52 fe54-fe61 fe63 fe68 fe6a-fe6b ff01-ff03 ff05-ff0a ff0c-ff0f ff1a-ff1b ff1f-ff20 ff3b-ff3d "
    "ff3f ff5b ff5d ff5f-ff65"
)


def punctuation_ranges() -> list[tuple[int, int]]:
    """The code points of the BMP's punctuation (categories P*), as ranges of consecutive ones."""
    points = [cp for cp in range(0x10000) if unicodedata.category(chr(cp)).startswith("P")]
    ranges: list[tuple[int, int]] = []
    for cp in points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


def _known_ranges() -> list[tuple[int, int]]:
    """``punctuation_ranges()``, read from the table when this Python's Unicode is the table's."""
    if unicodedata.unidata_version != _PUNCTUATION_UNICODE:
        return punctuation_ranges()
    return [(int(a, 16), int(b or a, 16)) for a, _, b in (item.partition("-") for item in _PUNCTUATION_RANGES.split())]


@lru_cache(maxsize=1)
def _punctuation() -> re.Pattern[str]:
    """Every Unicode punctuation character of the BMP (categories P*), as one character class.

    A class of ranges: four times faster than ``str.translate`` with a dictionary, which
    raises and catches a ``LookupError`` for every character it keeps.
    """
    members = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in _known_ranges())
    return re.compile(f"[{members}]+")


@lru_cache(maxsize=65536)
def _no_punctuation(text: str) -> str:
    """``text`` without white space and punctuation, NFKC-folded (fullwidth letters and digits too).

    Punctuation goes first: what is left is rarely changed by NFKC, which is then nearly free.
    """
    squashed = _punctuation().sub("", _no_space(text))
    folded = unicodedata.normalize("NFKC", squashed)
    return squashed if folded == squashed else _no_punctuation(folded)  # folding made some: once more


@lru_cache(maxsize=65536)
def _variant(text: str) -> str:
    return _no_punctuation(opencc_convert(text, "t2s"))


def _keys(text: str) -> dict[str, str]:
    """The comparison keys of ``text``, one per kind of trivial edit."""
    variant = _variant(text)
    unglossed = strip_glosses(text)
    gloss = variant if unglossed == text else _variant(unglossed)
    return {
        "whitespace": _no_space(text),
        "punctuation": _no_punctuation(text),
        "variant": variant,
        "gloss": gloss,
        "numbers": _NUMBER.sub("#", gloss),
    }


def _moods(text: str) -> tuple[frozenset[str], ...]:
    """Each run of question and exclamation marks in ``text``, as the set of moods it marks ("q", "e")."""
    return tuple(
        frozenset(("q",) * any(c in _QUESTION for c in run) + ("e",) * any(c in _EXCLAMATION for c in run))
        for run in _MOOD_RUN.findall(text)
    )


_CLOSING = "\"'”’」』）)]】》〉 \t\n"


def _mood_name(text: str) -> str:
    """The mood the end of ``text`` marks (closing quotes and brackets skipped): statement by default."""
    tail = text.rstrip(_CLOSING)
    run = ""
    while tail and (tail[-1] in _QUESTION or tail[-1] in _EXCLAMATION):
        run, tail = tail[-1] + run, tail[:-1]
    question, exclamation = any(c in _QUESTION for c in run), any(c in _EXCLAMATION for c in run)
    if question and exclamation:
        return "question-exclamation"
    return "question" if question else "exclamation" if exclamation else "statement"


def mood_changed(old: str, new: str) -> str:
    """How the sentence mood differs (``"statement → question"``), or "" if it does not.

    The mood is what the question and exclamation marks say (ASCII or fullwidth alike): a
    full stop turned into a question mark, a question mark added or removed anywhere, an
    exclamation turned into a question. ``。`` ↔ ``.`` or ``?`` ↔ ``？`` keeps the mood.
    """
    before, after = _moods(old), _moods(new)
    if before == after:
        return ""
    was, now = _mood_name(old), _mood_name(new)
    if was != now:
        return f"{was} → {now}"
    counted = sum("q" in m for m in after) - sum("q" in m for m in before)
    if counted:
        return "question mark added" if counted > 0 else "question mark removed"
    counted = sum("e" in m for m in after) - sum("e" in m for m in before)
    if counted:
        return "exclamation mark added" if counted > 0 else "exclamation mark removed"
    return "question and exclamation marks moved"


def numbers_changed(old: str, new: str) -> str:
    """``"18% → 19%"``: the numbers that differ, in order."""
    before, after = _NUMBER_SHOWN.findall(old), _NUMBER_SHOWN.findall(new)
    pairs = [f"{a} → {b}" for a, b in zip(before, after, strict=False) if a != b]
    pairs += [f"{a} removed" for a in before[len(after) :]] + [f"{b} added" for b in after[len(before) :]]
    return ", ".join(pairs)


def similarity(a: str, b: str) -> float:
    """0-100: how alike two segments are (see the module doc)."""
    score = fuzz.ratio(a, b)
    short, long = sorted((_no_punctuation(a), _no_punctuation(b)), key=len)  # containment ignores punctuation
    eligible = len(short) >= _PARTIAL_MIN_CHARS and len(short) >= _PARTIAL_MIN_SHARE * len(long)
    # partial_ratio >= 95 needs a common subsequence of 90.5% of the shorter text, so
    # ratio >= 181 * short / (short + long): below that (most pairs) it cannot count.
    if eligible and fuzz.ratio(short, long) >= _PARTIAL_BOUND * len(short) / (len(short) + len(long)):
        partial = fuzz.partial_ratio(short, long, score_cutoff=_PARTIAL_CONTAINED)
        score = max(score, _PARTIAL_SCALE * partial)
    return float(score)


def _bigrams(text: str) -> set[str]:
    squashed = _no_punctuation(text)
    return {squashed[i : i + 2] for i in range(len(squashed) - 1)} or {squashed}


class Matcher:
    """Matches new texts against a fixed list of old candidates."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.candidates = list(candidates)
        self._by_key: dict[str, dict[str, int]] = {kind: {} for kind in _KIND_ORDER}
        for index, candidate in enumerate(self.candidates):
            for kind, key in _keys(candidate.text).items():
                if key:
                    self._by_key[kind].setdefault(key, index)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for index, candidate in enumerate(self.candidates):
            for gram in _bigrams(candidate.text):
                self._postings[gram].append(index)
        self._bitmaps: dict[str, int] = {}  # a posting as a set of bits, made when first looked up
        order = sorted(range(len(self.candidates)), key=lambda i: self.candidates[i].position)
        self._positions = [self.candidates[i].position for i in order]
        self._order = order

    def trivial(self, text: str) -> Match | None:
        """A candidate equal to ``text`` but for a trivial edit or numbers.

        The keys drop punctuation, so ``29.4萬`` and ``294萬`` share one: an edit is only
        trivial when the numbers, as written, are the same too; otherwise it is a number change.
        Nor is a change of sentence mood (a statement turned into a question: ``mood_changed``)
        trivial: it is a "mood" match, whose detail names the change.
        """
        for kind, key in _keys(text).items():
            index = self._by_key[kind].get(key) if key else None
            if index is not None:
                old = self.candidates[index].text
                mood = mood_changed(old, text) if kind != "whitespace" else ""
                if mood:
                    numbers = numbers_changed(old, text)
                    return Match(index, "mood", 100.0, f"{mood}, {numbers}" if numbers else mood)
                if kind == "numbers" or _NUMBER_SHOWN.findall(old) != _NUMBER_SHOWN.findall(text):
                    return Match(index, "numbers", 100.0, numbers_changed(old, text))
                return Match(index, kind, 100.0)
        return None

    def fuzzy(self, text: str, expected: float, low: float, high: float) -> Match | None:
        """The closest candidate scoring at least CUTOFF; near ``expected`` on a tie.

        Candidates positioned strictly between ``low`` and ``high`` (the unchanged
        neighbours) are always looked at; others only if the bigram index proposes them.
        """
        local = self._between(low, high)
        scored = self._scored(text, local)
        if not scored or max(score for score, _ in scored) < _LOCAL_ENOUGH:  # moved as well as edited?
            seen = set(local)
            scored += self._scored(text, [i for i in self._indexed(text) if i not in seen])
        if not scored:
            return None
        best = max(score for score, _ in scored)
        near = [(abs(self.candidates[i].position - expected), i, score) for score, i in scored if score >= best - TIE]
        _, index, score = min(near)
        return Match(index, "edited", score)

    def _scored(self, text: str, indices: list[int]) -> list[tuple[float, int]]:
        scores = ((similarity(text, self.candidates[i].text), i) for i in indices)
        return [(score, i) for score, i in scores if score >= CUTOFF]

    def _between(self, low: float, high: float) -> list[int]:
        start = bisect.bisect_right(self._positions, low)
        stop = bisect.bisect_left(self._positions, high)
        return self._order[start:stop] if stop - start <= 64 else []

    def _indexed(self, text: str) -> list[int]:
        """The candidates sharing the most of ``text``'s rarest bigrams (ties: the earlier candidate).

        Deterministic: the result must not depend on the hash seed of the run.
        """
        postings, bitmaps = self._postings, self._bitmaps
        get = postings.get
        sizes = [(len(get(gram, ())), gram) for gram in _bigrams(text)]
        rarest = sorted([item for item in sizes if 0 < item[0] <= _COMMON_BIGRAM])[:_RAREST_BIGRAMS]
        sets = []
        for _, gram in rarest:
            bits = bitmaps.get(gram)
            if bits is None:
                bits = bitmaps[gram] = _bitmap(postings[gram])
            sets.append(bits)
        return most_shared(sets, _INDEX_CANDIDATES)


def _bitmap(indices: list[int]) -> int:
    """The set of ``indices`` (ascending) as an integer's bits."""
    bits = bytearray(indices[-1] // 8 + 1 if indices else 0)
    for index in indices:
        bits[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(bits, "little")


def most_shared(sets: list[int], n: int) -> list[int]:
    """The ``n`` indices in most of the bit ``sets``, most first, ties the lower index first.

    What counting each index's sets (``Counter``) and sorting them gives, four times faster: the
    counts are added up as bits, in a handful of operations on whole integers per set (bit
    ``i`` of ``levels[k]`` is bit ``k`` of index ``i``'s count), then read off by count, highest
    first, each count's indices in ascending order.
    """
    levels: list[int] = []
    for carry in sets:
        k = 0
        while carry:
            if k == len(levels):
                levels.append(carry)
                break
            level = levels[k]
            levels[k] = level ^ carry
            carry &= level
            k += 1
    counted = 0
    for level in levels:
        counted |= level
    found: list[int] = []
    for count in range((1 << len(levels)) - 1, 0, -1):
        bits = counted  # the indices counted ``count`` times: bit by bit of the count
        for k, level in enumerate(levels):
            bits &= level if count >> k & 1 else ~level
            if not bits:
                break
        while bits and len(found) < n:
            lowest = bits & -bits
            found.append(lowest.bit_length() - 1)
            bits ^= lowest
        if len(found) == n:
            break
    return found
