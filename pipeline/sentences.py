"""Split one block of text into sentences, Chinese and English rules together.

Chinese sentences end at ``。！？``, and at ASCII ``?``/``!`` when a Han character, a quote,
white space or the end of the block follows. An ellipsis ``……`` ends a sentence only at the
end of the block or before a closing quote. Closing quotes and brackets stay with the
sentence they close. English sentences end at ``. ! ?`` followed by white space and a
capital letter (or the end of the block), except after common abbreviations and initials.
No split happens inside a corrupted span, or inside a number (``29.4``).
"""

from __future__ import annotations

import re

from .gloss import HAN

_CJK_END = frozenset("。！？｡")
_ASCII_END = frozenset("?!")
_ELLIPSIS = frozenset("…")
_CLOSERS = frozenset("”’」』）)》〉】〕］]\"'")
_QUOTES = frozenset("“‘「『\"'”’」』《")
_HAN_RE = re.compile(rf"[{HAN}]")
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


def split(text: str, protected: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``.

    The spans are in order, do not overlap, and what lies between them (and around
    them) is white space only. ``protected`` spans (corrupted text) never end a sentence.
    """
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    i = start
    n = len(text)
    while i < n:
        mark = _MARK.search(text, i)  # only a sentence mark can end a sentence
        if mark is None:
            break
        i = mark.start()
        end = _sentence_end(text, i, protected)
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


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _in(protected: tuple[tuple[int, int], ...], i: int) -> bool:
    return any(start <= i < end for start, end in protected)


def _sentence_end(text: str, i: int, protected: tuple[tuple[int, int], ...]) -> int | None:
    """If a sentence ends at ``text[i]``, return the index just past it (closers included)."""
    ch = text[i]
    if ch not in _CJK_END and ch not in _ASCII_END and ch not in _ELLIPSIS and ch != ".":
        return None
    if _in(protected, i):
        return None
    j = i
    while j + 1 < len(text) and (text[j + 1] in _CJK_END or text[j + 1] in _ASCII_END or text[j + 1] in _ELLIPSIS):
        j += 1  # runs such as ？！ or ?! or …… end together
    after_marks = j + 1
    k = after_marks
    while k < len(text) and text[k] in _CLOSERS and not _opens(text, k):
        k += 1
    closed = k > after_marks
    nxt = text[k] if k < len(text) else ""
    if ch in _CJK_END:
        return k
    if ch in _ELLIPSIS:
        return k if (closed or _rest_is_space(text, k)) else None
    if ch in _ASCII_END:
        if nxt == "" or nxt.isspace() or nxt in _QUOTES or _HAN_RE.match(nxt):
            return k
        return None
    # ASCII full stop: English rules.
    if text[i + 1 : i + 2] == "." or text[i - 1 : i] == ".":
        return None  # "..." is a pause, like the Chinese ellipsis
    if nxt and not nxt.isspace():
        return None
    if _is_abbreviation(text[: i + 1]):
        return None
    following = text[_skip_space(text, k) : _skip_space(text, k) + 2]
    if following == "":
        return k
    first = following.lstrip("\"'“‘(")[:1] or following[:1]
    return k if (first.isupper() or first.isdigit() or bool(_HAN_RE.match(first))) else None


def _opens(text: str, k: int) -> bool:
    """True if the straight quote ``text[k]`` opens a quotation rather than closing one."""
    # ``"`` looks the same both ways: after an even number of them it opens the next
    # sentence's quotation (``好。"下一句"``) and must not be glued to this sentence.
    return text[k] == '"' and text.count('"', 0, k) % 2 == 0


def _rest_is_space(text: str, k: int) -> bool:
    return text[k:].strip() == ""


def _is_abbreviation(before: str) -> bool:
    """True if the full stop ending ``before`` belongs to an abbreviation or an initial."""
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower().rstrip(".") in _ABBREVIATIONS
