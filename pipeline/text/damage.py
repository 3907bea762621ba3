"""Detect corrupted spans (mojibake) in source text. Detect, never repair.

Encoding accidents leave recognisable marks. Strong marks, any one of which makes a span:
- a ``?`` glued to a pinyin-like syllable and a ``)`` with no ``(``: ``?yán)`` (a gloss whose
  character and opening parenthesis were eaten by a bad re-encoding);
- the Unicode replacement character U+FFFD;
- in a Traditional Chinese text, Han characters that no Traditional character set has
  (they come from GBK bytes decoded at the wrong offset: ``丛谶``, ``橹袊``) — when the text
  has Traditional forms at all: a paragraph in Simplified Chinese (``你觉得AI会取代老师吗？``,
  no character OpenCC would simplify) is Simplified text, not damage.
Weak marks only extend a span that they touch: ``@`` or ``_`` or a single Latin letter
wedged between Han characters (``谶@之``, ``痹O(``), a pinyin gloss after a non-Han
character (``O(shè)``).
Marks less than ``_GAP`` characters apart are one span, unless clause punctuation stands
between them (``設計的,它們``: the comma and its neighbours survived; they are not damage).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pipeline.text.han import HAN, HAN_CHAR

_GAP = 12
_CLAUSE_BREAK = re.compile(r"[,，、;；:：。！？!]")
_TOUCH = 2
_GLUED_QUESTION = re.compile(r"\?[a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,8}\)")
_WEDGED = re.compile(rf"(?<=[{HAN}])(?:[@_]+|[A-Za-z])(?=[{HAN}(])")
_STRAY_GLOSS = re.compile(rf"(?<![{HAN}])\([a-z\u00c0-\u024f\u0300-\u036f]{{1,8}}\)")


@cache
def _t2s() -> Any:
    """OpenCC's Traditional-to-Simplified converter, made when a text first needs it (most never do: start-up)."""
    import opencc

    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Damage:
    """One corrupted span of a text: ``text[start:end]``."""

    start: int
    end: int
    excerpt: str

    def describe(self) -> str:
        return message((self,))


def message(spans: tuple[Damage, ...]) -> str:
    """What a reader is told about corrupted spans: the one wording for segment notes and the check."""
    excerpts = ", ".join(repr(d.excerpt) for d in spans)
    return f"source damaged: corrupted text (mojibake) {excerpts}; compare with the original article"


@lru_cache(maxsize=65536)
def _outside_traditional(char: str) -> bool:
    """True for a Simplified-only Han character: Big5-HKSCS cannot encode it and OpenCC does not simplify it."""
    if not "\u4e00" <= char <= "\u9fff":
        return False
    try:
        char.encode("big5hkscs")
    except UnicodeEncodeError:
        # Big5-HKSCS lacks some Traditional forms that OpenCC itself writes (爲, 僞, 説, 閲);
        # a character that OpenCC simplifies is a Traditional form, not damage.
        return str(_t2s().convert(char)) == char
    return False


def _big5(text: str) -> bool:
    """True if Big5-HKSCS encodes the whole text (the usual case: checked at C speed, not per character)."""
    try:
        text.encode("big5hkscs")
    except UnicodeEncodeError:
        return False
    return True


def find(text: str, traditional: bool = True) -> tuple[Damage, ...]:
    """Corrupted spans of ``text``, in order. ``traditional``: the text is Traditional Chinese."""
    strong: list[tuple[int, int]] = [m.span() for m in _GLUED_QUESTION.finditer(text)]
    if "\ufffd" in text:
        strong += [(i, i + 1) for i, ch in enumerate(text) if ch == "\ufffd"]
    if traditional and not _big5(text):  # a text Big5-HKSCS can encode has no such character
        simplified = [(m.start(), m.end()) for m in HAN_CHAR.finditer(text) if _outside_traditional(m.group())]
        han = "".join(HAN_CHAR.findall(text)) if simplified else ""
        if han and str(_t2s().convert(han)) != han:  # no Traditional form at all: Simplified text
            strong += simplified
    if not strong:
        return ()
    weak = [m.span() for m in _WEDGED.finditer(text)] + [m.span() for m in _STRAY_GLOSS.finditer(text)]
    # Weak marks touching a span join it, and so do the weak marks touching those: in start
    # order, one pass grows each run of marks no more than _TOUCH apart; a run with no strong
    # mark in it is dropped. (Linear after the sort: growing each span against every weak mark
    # until nothing changed took minutes on a long line of mojibake.)
    runs: list[list[int]] = []  # start, end, has a strong mark (0/1)
    for start, end, is_strong in sorted([(s, e, 1) for s, e in strong] + [(s, e, 0) for s, e in weak]):
        if runs and start <= runs[-1][1] + _TOUCH:
            run = runs[-1]
            run[1], run[2] = max(run[1], end), run[2] | is_strong
        else:
            runs.append([start, end, is_strong])
    merged: list[tuple[int, int]] = []
    for start, end, has_strong in runs:
        if not has_strong:
            continue
        if merged and start - merged[-1][1] < _GAP and not _CLAUSE_BREAK.search(text, merged[-1][1], start):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(Damage(s, e, text[s:e]) for s, e in merged)


_CHUNK = 64  # lines encoded together to find those Big5-HKSCS cannot encode


def suspects(lines: Sequence[str], traditional: bool = True) -> frozenset[int]:
    """The indexes of the lines in which ``find`` may find a corrupted span: in any other line, and in
    any part of one, it finds none (no strong mark). Decided for all the lines in a few passes at C
    speed, where ``find`` makes three per text (a big article: 15,000 lines, of which none or a few).
    """
    text = "\n".join(lines)  # no strong mark spans a line break
    marks = [m.start() for m in _GLUED_QUESTION.finditer(text)]
    if "\ufffd" in text:
        marks += [m.start() for m in re.finditer("\ufffd", text)]
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    found = {bisect.bisect_right(starts, mark) - 1 for mark in marks}
    if traditional and not _big5(text):
        for first in range(0, len(lines), _CHUNK):
            chunk = lines[first : first + _CHUNK]
            if not _big5("\n".join(chunk)):
                found.update(first + i for i, line in enumerate(chunk) if not _big5(line))
    return frozenset(found)
