"""The sentence splitter as it was before issue 15, frozen: the baseline the new rules are measured
against, and the rules an old catalog was made with.

Split one block of text into sentences, Chinese and English rules together.

Chinese sentences end at ``。！？``, and at ASCII ``?``/``!`` when a Han character, a quote,
white space or the end of the block follows. An ellipsis ``……`` ends a sentence only at the
end of the block or before a closing quote. Closing quotes and brackets stay with the
sentence they close. English sentences end at ``. ! ?`` followed by white space and a
capital letter (or the end of the block), except after common abbreviations and initials.
No split happens inside a corrupted span, or inside a number (``29.4``).

Inline Markdown stays whole (the spans come from ``markup.find``): no sentence ends inside
emphasis, link text, image alt text or an inline HTML element, so ``**第一句。第二句。**`` is
one sentence; a sentence mark inside a code span, a URL or an HTML tag ends nothing. A
sentence whose end reaches the closing delimiter takes it, like a closing quote:
``重要：**第一句。第二句。** 接著。`` is ``重要：**第一句。第二句。**`` and ``接著。``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from pipeline.markdown.markup import NONE, Spans
from pipeline.text.han import HAN

_CJK_END = frozenset("。！？｡")
_ASCII_END = frozenset("?!")
_ELLIPSIS = frozenset("…")
_CLOSERS = frozenset("”’」』）)》〉】〕］]\"'")
_QUOTES = frozenset("“‘「『\"'”’」』《")
_HAN_RE = re.compile(rf"[{HAN}]")
_RUN = _CJK_END | _ASCII_END | _ELLIPSIS  # marks that end a sentence together when they follow each other
_MARK = re.compile("[" + re.escape("".join(sorted(_CJK_END | _ASCII_END | _ELLIPSIS)) + ".") + "]")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "no",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "col",
        "lt",
        "sgt",
    ]
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
# How far back _WORD_BEFORE looks: far beyond the longest abbreviation, so a word cut off
# at the window's start is long and no abbreviation either way.
_WORD_WINDOW = 64
_STRAIGHT_QUOTE = re.compile('"')


def split(text: str, protected: Sequence[tuple[int, int]] = (), markup: Spans = NONE) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``.

    The spans are in order, do not overlap, and what lies between them (and around
    them) is white space only. ``protected`` spans (corrupted text) never end a sentence.
    ``markup`` (``markup.find``) is never cut: its atomic spans end no sentence, and a
    sentence ends inside a container only where its end reaches the closing delimiter, and
    then after that delimiter.
    """
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    i = start
    n = len(text)
    context = _Context(text, protected, markup)
    while i < n:
        mark = _MARK.search(text, i)  # only a sentence mark can end a sentence
        if mark is None:
            break
        i = mark.start()
        end = _sentence_end(text, i, context)
        if end is None:
            i += 1
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
        i = start
    if start < n:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


class _Context:
    """Facts about the whole block, computed once, so that each sentence end costs O(log n).

    (Asking them of the text at every candidate end made a long block quadratic: a 10 MB
    line took minutes.)
    """

    def __init__(self, text: str, protected: Sequence[tuple[int, int]], markup: Spans) -> None:
        self.text = text
        self._run: tuple[int, int] | None = None  # see run_end
        self._closers: dict[int, int] = {}  # see past_closers
        self.quotes = [m.start() for m in _STRAIGHT_QUOTE.finditer(text)]  # where every '"' stands
        self.content_end = len(text.rstrip())  # past the last character that is not white space
        spans = sorted([*protected, *markup.atomic])
        self.protected_starts = [start for start, _ in spans]
        self.protected_ends = list(itertools.accumulate((end for _, end in spans), max))
        # Every markup span, atomic or container, is a stretch no sentence may end strictly inside.
        whole = sorted([*markup.atomic, *((start, end) for start, _, _, end in markup.containers)])
        self.span_starts = [start for start, _ in whole]
        self.span_ends = list(itertools.accumulate((end for _, end in whole), max))
        # Where a container's closing delimiter begins: its content's start and its end.
        self.closing: dict[int, list[tuple[int, int]]] = {}
        for _, content_start, content_end, end in markup.containers:
            self.closing.setdefault(content_end, []).append((content_start, end))

    def protected(self, i: int) -> bool:
        """True if ``i`` lies in a protected span."""
        index = bisect.bisect_right(self.protected_starts, i) - 1
        return index >= 0 and i < self.protected_ends[index]

    def inside(self, k: int) -> bool:
        """True if a sentence ending just before ``k`` would cut a span in two."""
        index = bisect.bisect_left(self.span_starts, k) - 1  # the spans that start before k
        return index >= 0 and k < self.span_ends[index]

    def closed_at(self, k: int, mark: int) -> int | None:
        """The end of a container whose closing delimiter begins at ``k`` and whose content holds ``mark``."""
        ends = [end for content_start, end in self.closing.get(k, ()) if content_start <= mark]
        return max(ends) if ends else None

    def quotes_before(self, k: int) -> int:
        return bisect.bisect_left(self.quotes, k)

    def run_end(self, i: int) -> int:
        """The last index of the run of sentence marks that goes on from ``i`` (``？！``, ``……``).

        Remembered: every mark of a long run (``!!!…``) is asked in turn, and walking the
        rest of the run each time made such a line quadratic.
        """
        if self._run is not None and self._run[0] <= i <= self._run[1]:
            return self._run[1]
        j = i
        while j + 1 < len(self.text) and self.text[j + 1] in _RUN:
            j += 1
        self._run = (i, j)
        return j

    def past_closers(self, k: int) -> int:
        """Past the closing quotes and brackets from ``k`` (a link's ``]`` and an opening ``"`` stop it).

        Remembered for the same reason as ``run_end``.
        """
        if k not in self._closers:
            end = k
            while (
                end < len(self.text)
                and self.text[end] in _CLOSERS
                and end not in self.closing  # a link's "]" closes its text, not a quotation
                and not _opens(self.text, end, self)
            ):
                end += 1
            self._closers[k] = end
        return self._closers[k]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _sentence_end(text: str, i: int, context: _Context) -> int | None:
    """If a sentence ends at ``text[i]``, return the index just past it (closers included)."""
    ch = text[i]
    if ch not in _CJK_END and ch not in _ASCII_END and ch not in _ELLIPSIS and ch != ".":
        return None
    if context.protected(i):
        return None
    j = context.run_end(i)  # runs such as ？！ or ?! or …… end together
    k, closed, markup = _closed_end(text, i, j + 1, context)
    if context.inside(k):
        return None  # inside emphasis, a link's text, an HTML element…: the sentence goes on
    if markup and _MARK.match(text, k):
        return None  # "[好。](x)。": the mark after the markup ends the sentence
    nxt = text[k] if k < len(text) else ""
    if ch in _CJK_END:
        return k
    if ch in _ELLIPSIS:
        return k if (closed or k >= context.content_end) else None
    if ch in _ASCII_END:
        if nxt == "" or nxt.isspace() or nxt in _QUOTES or _HAN_RE.match(nxt):
            return k
        return None
    # ASCII full stop: English rules.
    if text[i + 1 : i + 2] == "." or text[i - 1 : i] == ".":
        return None  # "..." is a pause, like the Chinese ellipsis
    if nxt and not nxt.isspace():
        return None
    if _is_abbreviation(text[max(0, i + 1 - _WORD_WINDOW) : i + 1]):
        return None
    following = text[_skip_space(text, k) : _skip_space(text, k) + 2]
    if following == "":
        return k
    first = following.lstrip("\"'“‘(")[:1] or following[:1]
    return k if (first.isupper() or first.isdigit() or bool(_HAN_RE.match(first))) else None


def _closed_end(text: str, mark: int, k: int, context: _Context) -> tuple[int, bool, bool]:
    """Past the closing quotes, brackets and markup delimiters that follow the marks ending at ``k``.

    Also whether a quote or bracket closed (an ellipsis ends a sentence before one), and
    whether markup did.
    """
    closed = markup = False
    while True:
        past = context.past_closers(k)
        closed, k = closed or past > k, past
        end = context.closed_at(k, mark)
        if end is None:
            return k, closed, markup
        k, markup = end, True


def _opens(text: str, k: int, context: _Context) -> bool:
    """True if the straight quote ``text[k]`` opens a quotation rather than closing one."""
    # ``"`` looks the same both ways: after an even number of them it opens the next
    # sentence's quotation (``好。"下一句"``) and must not be glued to this sentence.
    return text[k] == '"' and context.quotes_before(k) % 2 == 0


def _is_abbreviation(before: str) -> bool:
    """True if the full stop ending ``before`` belongs to an abbreviation or an initial."""
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower().rstrip(".") in _ABBREVIATIONS
