"""Split one block of text into sentences, Chinese and English rules together.

Chinese sentences end at ``。！？`` (and ASCII ``?``/``!`` before Han, a quote, white space or
the end), English ones at ``. ! ?`` + white space + a capital, abbreviations and numbers kept
whole. Nothing inside a title, bracket or quotation (``PAIRS``), a corrupted span or inline
Markdown (the spans of ``pipeline.markdown.markup``) ends a sentence; a short attribution with
a speech verb stays with the quotation before it. The rules, with examples:
docs/sentences.md.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Sequence

from pipeline.markdown.markup import NONE, Spans
from pipeline.text import speech
from pipeline.text.han import HAN_CHAR

_CJK_END = frozenset("。！？｡")
_ASCII_END = frozenset("?!")
_ELLIPSIS = frozenset("…")
_CLOSERS = frozenset("”’」』）)》〉】〕］]\"'")
_QUOTES = frozenset("“‘「『\"'”’」』《")
_RUN = _CJK_END | _ASCII_END | _ELLIPSIS  # marks that end a sentence together when they follow each other
_MARK = re.compile("[" + re.escape("".join(sorted(_CJK_END | _ASCII_END | _ELLIPSIS)) + ".") + "]")
# Abbreviations: a full stop after one of these ends no sentence ("Dr. Smith", "U.S. 待了", "e.g. 這個").
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr sra srta jr st vs etc e.g i.e u.s u.k u.n fig inc ltd co corp dept est approx
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft gen gov sen rep rev col lt sgt
    """.split()  # noqa: SIM905 - a table a reader can scan
)
# Abbreviations that are also ordinary words: only before a number ("No. 5", "Vol. 2"), so
# "I said no. Then he left." still ends at "no.".
NUMBER_ABBREVIATIONS = frozenset(["no", "vol", "pp", "art"])
# Abbreviations that often end a sentence: before one of SENTENCE_STARTERS their full stop ends
# it too ("He moved to the U.S. Then he…"), elsewhere not ("the U.S. Army", "Apple Inc. 今天").
FINAL_ABBREVIATIONS = frozenset(["u.s", "u.k", "u.n", "etc", "inc", "ltd", "co", "corp"])
SENTENCE_STARTERS = frozenset(
    """
    The Then He She It They We I This That These Those There But And However So After When If
    In On At A An His Her Its Our Their My You Yet Still Now Today
    """.split()  # noqa: SIM905 - a table a reader can scan
)
# Any dotted abbreviation of short letter groups (U.S.A., Ph.D., a.m., M.Sc.) is one too, and
# ends a sentence only before a sentence starter, as FINAL_ABBREVIATIONS do ("e.g.", "i.e." never).
_DOTTED = re.compile(r"(?:[a-z]{1,3}\.)+[a-z]{1,3}")
_NEVER_FINAL = frozenset(["e.g", "i.e", "vs"])
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)\b")
_DIGIT_AFTER = re.compile(r"\s*[0-9]")
# Pairs that hold no sentence boundary, as (opening, closing, kind). What lies between a pair's
# marks is one piece of the sentence around it: a title never ends a sentence; a quotation or
# bracket ends one only at its closing mark, and only when it stands alone (it opens the
# sentence, or a colon introduces it: 她說：「好。」我們就出發了。) and its last sentence ends there.
# A pair holds only within the block, closed in nesting order; an opening mark never closed holds
# nothing (the text after it splits as if it were not there), and a title holds at most
# _TITLE_STRETCH characters.
TITLE, BRACKET, QUOTE = "title", "bracket", "quote"
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("《", "》", TITLE),
    ("〈", "〉", TITLE),
    ("（", "）", BRACKET),
    ("(", ")", BRACKET),
    ("【", "】", BRACKET),
    ("〔", "〕", BRACKET),
    ("［", "］", BRACKET),
    ("[", "]", BRACKET),
    ("「", "」", QUOTE),
    ("『", "』", QUOTE),
    ("“", "”", QUOTE),
    ("‘", "’", QUOTE),
    ('"', '"', QUOTE),  # straight quotes open and close in turn
)
_TITLE_STRETCH = 100
_OPENING = {opening: (closing, kind) for opening, closing, kind in PAIRS}
_CLOSING = {closing: opening for opening, closing, _ in PAIRS}
_PAIR_MARK = re.compile("[" + re.escape("".join(sorted({mark for pair in PAIRS for mark in pair[:2]}))) + "]")
_WORD = re.compile(r"\w")  # a letter, digit or Han character: a segment has one
_INTRODUCERS = frozenset("：:")  # direct speech: 他表示：「……。」
_TERMINAL = _CJK_END | _ASCII_END | _ELLIPSIS | {"."}
_LOOK_BACK = 16
# What may stand between a sentence's start and a pair that opens it: space, other opening
# marks, and the Markdown delimiters around them ("**「好。」**", "![…](…)").
_LEADING = frozenset("".join(_OPENING)) | frozenset("*_!")

_QUOTE_CLOSERS = frozenset("」』”’\"'")


# After a quotation or aside that does not stand alone: white space, then a capital letter is
# an English reader's new sentence ('which means "step by step." The audience loved it.').
_ENGLISH_NEXT = re.compile(r'\s+["“‘(]?[A-Z]')
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
    trails = _MAY_TRAIL.search(text) is not None  # one scan of the block, most of which have no trailer
    while i < n:
        mark = _MARK.search(text, i)  # only a sentence mark can end a sentence
        if mark is None:
            break
        i = mark.start()
        end = _sentence_end(text, i, context)
        if end is None:
            i += 1
            continue
        if trails:
            end = _trailing(text, end)
        spans.append((start, end))
        start = _skip_space(text, end)
        i = start
    if start < n:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return _joined_marks(text, spans)


# What stays with the sentence it follows: line breaks (<br>) and emoji right after its end, and
# a source signed with a dash at the end of the block (「書是一面鏡子。」——利希滕貝格).
_EMOJI = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d\u20e3"
_TRAILER = re.compile(
    rf"(?:[ \t]*<br\s*/?>|[{_EMOJI}])+|\s*(?:——|—|--)[^\s。！？!?][^。！？!?]{{0,15}}$", re.IGNORECASE
)
_MAY_TRAIL = re.compile(rf"[<—{_EMOJI}]|--")


def _trailing(text: str, end: int) -> int:
    """Past the ``<br>`` tags and emoji right after a sentence's ``end``, or its dash signature."""
    found = _TRAILER.match(text, end)
    return found.end() if found else end


def has_word(text: str) -> bool:
    """True if ``text`` holds a letter, digit or Han character: something to translate."""
    return _WORD.search(text) is not None


def _joined_marks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a segment of marks only (a stray "」", an opening "「" at the end) to the one before.

    A translator cannot translate punctuation alone.
    """
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and not text[start].isalnum() and not _WORD.search(text, start, end):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


class _Context:
    """Facts about the whole block, computed once, so that each sentence end costs O(log n).

    (Asking them of the text at every candidate end made a long block quadratic: a 10 MB
    line took minutes.)
    """

    def __init__(self, text: str, protected: Sequence[tuple[int, int]], markup: Spans) -> None:
        self.text = text
        self._run: tuple[int, int] | None = None  # see run_end
        self._closers: dict[int, int] = {}  # see past_closers
        self.quotes = [m.start() for m in _STRAIGHT_QUOTE.finditer(text)] if '"' in text else []  # every '"'
        self.content_end = len(text.rstrip())  # past the last character that is not white space
        # the outermost pairs, in order; a link's "]" closes its text, which markup keeps whole
        self.held = _held(text, {content_end for _, _, content_end, _ in markup.containers})
        self.held_starts = [opening for opening, _, _ in self.held]
        # Where a container's closing delimiter begins: its content's start and its end.
        self.closing: dict[int, list[tuple[int, int]]] = {}
        # No protected text and no markup (most blocks): see _simple_end.
        self.simple = _FAST_PATH and not protected and (markup is NONE or markup == NONE)
        if self.simple:
            self.protected_starts = self.protected_ends = self.span_starts = self.span_ends = []
            return
        spans = sorted([*protected, *markup.atomic])
        self.protected_starts = [start for start, _ in spans]
        self.protected_ends = list(itertools.accumulate((end for _, end in spans), max))
        # Every markup span, atomic or container, is a stretch no sentence may end strictly inside.
        whole = sorted([*markup.atomic, *((start, end) for start, _, _, end in markup.containers)])
        self.span_starts = [start for start, _ in whole]
        self.span_ends = list(itertools.accumulate((end for _, end in whole), max))
        for _, content_start, content_end, end in markup.containers:
            self.closing.setdefault(content_end, []).append((content_start, end))

    def holder(self, i: int) -> tuple[int, int, str] | None:
        """The outermost pair whose marks enclose ``i``, if any."""
        if not self.held:
            return None
        index = bisect.bisect_left(self.held_starts, i) - 1
        if index >= 0 and i < self.held[index][1]:
            return self.held[index]
        return None

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


def _held(text: str, links: Collection[int] = ()) -> list[tuple[int, int, str]]:
    """The outermost pairs of ``PAIRS`` in ``text``: ``(opening index, closing index, kind)``.

    One pass with a stack: a closing mark closes the nearest open mark of its pair and
    forgets the marks opened after that one (never closed, they hold nothing); a closing mark
    with no open partner is text. ``open_count`` makes that question O(1), so the pass is linear.
    A "]" at ``links`` or before "(" or "[" closes a Markdown link's text, not an aside: the
    inline markup rules decide about links.
    """
    stack: list[int] = []
    open_count: dict[str, int] = {}
    found: list[tuple[int, int, str]] = []
    for found_mark in _PAIR_MARK.finditer(text):
        index, ch = found_mark.start(), found_mark.group()
        opening = _CLOSING.get(ch)
        if ch == "]" and (index in links or text[index + 1 : index + 2] in ("(", "[")):
            continue
        if opening is not None and open_count.get(opening, 0):
            while True:
                top = stack.pop()
                open_count[text[top]] -= 1
                if text[top] == opening:
                    break
            kind = _OPENING[opening][1]
            if kind != TITLE or index - top <= _TITLE_STRETCH:
                found.append((top, index, kind))
        elif ch in _OPENING:
            stack.append(index)
            open_count[ch] = open_count.get(ch, 0) + 1
    found.sort()
    outermost: list[tuple[int, int, str]] = []
    for pair in found:
        if not outermost or pair[0] > outermost[-1][1]:
            outermost.append(pair)
    return outermost


_INTRODUCED, _OPENS = "introduced", "opens"


def _stands_alone(text: str, opening: int) -> str:
    """How the pair opening at ``opening`` stands alone: ``_INTRODUCED``, ``_OPENS`` or not ("").

    Introduced: a colon (or an English comma) introduces it, direct speech that names its
    speaker before it. Opens: it begins a sentence, or it goes on a quotation interrupted by an
    attribution (「……。」她說，「……。」). Decided by what comes before it (space, opening marks
    and Markdown delimiters looked through, at most _LOOK_BACK characters), not by where the
    current sentence began, so that inline markup, which only ever joins sentences, cannot
    make a quotation stand alone that did not without it.
    """
    k = opening
    limit = max(0, opening - _LOOK_BACK)
    while k > limit and (text[k - 1].isspace() or text[k - 1] in _LEADING):
        k -= 1
    if k == 0:
        return _OPENS
    if text[k - 1] in _INTRODUCERS:
        return _INTRODUCED
    if text[k - 1] == "," and k >= 2 and text[k - 2].isascii() and text[k - 2].isalpha():
        return _INTRODUCED  # English speech: He said, "Go home." Then he left.
    if text[k - 1] in "，," and _interrupted(text, k):
        return _OPENS
    while k > limit and text[k - 1] in _CLOSERS:
        k -= 1
    return _OPENS if k > 0 and text[k - 1] in _TERMINAL else ""


def _interrupted(text: str, comma_end: int) -> bool:
    """True if an attribution ending with the comma before ``comma_end`` follows a closing quote."""
    limit = max(0, comma_end - speech.SPEAKER - 8)  # the speaker, a verb, a suffix, an object, the comma
    for close in range(comma_end - 2, limit - 1, -1):
        if text[close] in _QUOTE_CLOSERS:
            return speech.attribution(text, close + 1) == comma_end
    return False


# False: every sentence end takes the general way (the property tests compare the two).
_FAST_PATH = True
_RUN_OR_CLOSER = _RUN | _CLOSERS


def _sentence_end(text: str, i: int, context: _Context) -> int | None:
    """If a sentence ends at ``text[i]``, return the index just past it (closers included)."""
    ch = text[i]
    if context.simple and ch in _CJK_END and text[i + 1 : i + 2] not in _RUN_OR_CLOSER and context.holder(i) is None:
        # The usual Chinese sentence end: no protected text or markup in the block, a lone
        # mark followed by no closing mark, outside every pair. What the general way gives.
        return i + 1
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
    holder = context.holder(i)
    if holder is not None:
        opening, closing, kind = holder
        if closing >= k or kind == TITLE:
            return None  # inside a title, or short of the pair's close
        stands = _stands_alone(text, opening)
        if not stands and not _ENGLISH_NEXT.match(text, k):
            return None  # an embedded quotation or aside: 標語寫著“禁止吸煙！”非常醒目。
        if kind == QUOTE and stands != _INTRODUCED and speech.attribution(text, k) >= 0:
            return None  # 「快進來！」媽媽喊道。: the attribution belongs to the quotation
    nxt = text[k] if k < len(text) else ""
    if ch in _CJK_END:
        return k
    if ch in _ELLIPSIS:
        return k if (closed or k >= context.content_end) else None
    if ch in _ASCII_END:
        if nxt == "" or nxt.isspace() or nxt in _QUOTES or HAN_CHAR.match(nxt):
            return k
        return None
    # ASCII full stop: English rules.
    if text[i + 1 : i + 2] == "." or text[i - 1 : i] == ".":
        return None  # "..." is a pause, like the Chinese ellipsis
    if nxt and not nxt.isspace():
        return None
    abbreviation = _is_abbreviation(text[max(0, i + 1 - _WORD_WINDOW) : i + 1], text[i + 1 : i + 8])
    if abbreviation and not _ends_anyway(text, i):
        return None
    if _is_enumerator(text, i):
        return None  # "第一點。2. 第二點。": "2." numbers the sentence it begins
    following = text[_skip_space(text, k) : _skip_space(text, k) + 2]
    if following == "":
        return k
    first = following.lstrip("\"'“‘(")[:1] or following[:1]
    return k if (first.isupper() or first.isdigit() or bool(HAN_CHAR.match(first))) else None


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


def _ends_anyway(text: str, i: int) -> bool:
    """True if the abbreviation whose full stop is at ``i`` is one that often ends a sentence
    (``FINAL_ABBREVIATIONS``) and a sentence starter follows: ``the U.S. Then``."""
    match = _WORD_BEFORE.search(text, max(0, i + 1 - _WORD_WINDOW), i + 1)
    word = match.group(1).lower().rstrip(".") if match else ""
    if word not in FINAL_ABBREVIATIONS and (word in _NEVER_FINAL or not _DOTTED.fullmatch(word)):
        return False
    following = _NEXT_WORD.match(text, i + 1)
    return following is not None and following.group(1) in SENTENCE_STARTERS


def _is_enumerator(text: str, i: int) -> bool:
    """True if the full stop at ``i`` follows a number of 1 to 3 digits that begins its sentence
    (after the block's start or a sentence end): an item's number, ``2. 第二點``, not an end."""
    j = i
    while j > 0 and i - j < 4 and text[j - 1].isdigit():
        j -= 1
    if not 1 <= i - j <= 3 or (j > 0 and text[j - 1].isdigit()):
        return False
    k, limit = j, max(0, j - _LOOK_BACK)  # bounded, as every look-back here: linear in the block
    while k > limit and text[k - 1].isspace():
        k -= 1
    while k > limit and text[k - 1] in _CLOSERS:
        k -= 1
    return k == 0 or text[k - 1] in _TERMINAL


def _is_abbreviation(before: str, after: str) -> bool:
    """True if the full stop ending ``before`` belongs to an abbreviation or an initial."""
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    word = word.lower().rstrip(".")
    if word in ABBREVIATIONS or _DOTTED.fullmatch(word):
        return True
    return word in NUMBER_ABBREVIATIONS and bool(_DIGIT_AFTER.match(after))
