"""Where a sentence's inline Markdown is not prose: the spans machine conversion must not touch.

Typography and OpenCC are for prose. A code span, a link's destination and title, an
autolink, a bare URL, an inline HTML tag or a reference label is not prose: changing a
``(`` after ``]`` into ``（`` breaks the link, and converting ``臺灣`` in a URL or a label
breaks what it points at. ``protected`` finds those spans; link text and image alt text
stay outside them (they are prose and are converted).

The same scan, with what each span is (``scan``: code span, link destination, autolink,
URL, tag…), is what the ``markup`` check compares (``pipeline.qa.reading``): conversion
keeps exactly the spans the check reads, so ``https://en.wikipedia.org/wiki/Foo_(bar)`` is
one URL to both, and so is ``HTTPS://…``.

The scanner follows CommonMark where it matters here (backtick runs of any length, escapes,
nested brackets in link text, balanced parentheses in destinations, ``<…>`` destinations,
titles, no links inside links) and is linear in the length of the text whatever it holds —
long runs of ``[``, ``(`` or backticks included — since translators' text is untrusted.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from pipeline.text.han import HAN

Span = tuple[int, int]  # text[start:end]

# What a protected span is (``Protected.kind``).
CODE = "code span"
AUTOLINK = "autolink"
LINK = "link"  # the ``](destination "title")`` of an inline link
IMAGE = "image"  # the same of an image
REFERENCE = "reference"  # the ``][label]`` of a reference link or image
HTML = "HTML tag"  # an inline HTML tag, a declaration or a processing instruction
COMMENT = "HTML comment"
URL = "URL"  # a bare URL


class Protected(NamedTuple):
    """One protected span, ``text[start:end]``, and what it is (a tuple: scanning makes many)."""

    kind: str  # one of CODE, AUTOLINK, LINK, IMAGE, REFERENCE, HTML, COMMENT, URL
    start: int
    end: int
    target: str = ""  # where it points: a destination (no <>), an autolink's or bare URL; a reference's label
    # (a collapsed reference ``[label][]`` is protected whole, from its ``[``: its text is its label)
    opener: int = -1  # LINK, IMAGE, REFERENCE: where the ``[`` of the link text is
    bang: int = -1  # an image's ``!`` (not prose either), else -1


_MAYBE = re.compile(r"[`<\[\]]")  # nothing to protect without one of these, "://" or "www."
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # what a backslash escapes
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]+)>")
_HTML_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|[?!][^<>]*)>")
# A bare URL ends at white space or CJK punctuation, and at a comma, semicolon, ! or ?
# followed by a Han character: a Chinese article goes on right after a URL
# (``見 https://example.net/raw,接著說明``), while Han characters inside one stay
# (``https://zh.wikipedia.org/wiki/臺灣``).
_BARE_URL = re.compile(
    r"(?<![A-Za-z0-9/])(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)"
    rf"(?:[^\s<>\[\]\"“”‘’\u3000-\u303f\uff00-\uffef,;!?]|[,;!?](?![{HAN}]))+"
)
_URL_TAIL = ".,;:!?*_~'"  # not part of a bare URL at its end (as in GFM)
_MAX_NESTING = 32  # parentheses in a link destination (markdown-it's limit: keeps the scan linear)
_MAX_LABEL = 999  # characters of a reference label (CommonMark)


def scan(text: str) -> tuple[Protected, ...]:
    """The protected spans of ``text`` with their kinds, in the order the scan closes them."""
    if not (_MAYBE.search(text) or "://" in text or "www." in text):
        return ()
    return tuple(_Scanner(text).run())


def protected(text: str) -> list[Span]:
    """The spans of ``text`` that are not prose, in order, not overlapping."""
    found = scan(text)
    spans = [(p.start, p.end) for p in found]
    bangs = [(p.bang, p.bang + 1) for p in found if p.bang >= 0]  # the "!" of "![": not an exclamation mark
    return sorted(spans + bangs)  # an image's "!" comes after the spans in its alt text


def link_text(text: str, found: Protected) -> str:
    """The text of a link, image or reference span's ``[…]`` (its alt text for an image)."""
    return text[found.opener + 1 : found.start] if 0 <= found.opener < found.start else ""


_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_TAG_URL = re.compile(r"(?:href|src)\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)


def html_tag(tag: str) -> tuple[str, tuple[str, ...]]:
    """An HTML span's tag as compared (``<b>``, ``</a>``, lower case; a declaration as it is) and
    the URLs of its ``href`` and ``src`` attributes."""
    m = _TAG_NAME.match(tag)
    if m is None:
        return tag, ()
    return f"<{m.group(1)}{m.group(2).lower()}>", tuple(_TAG_URL.findall(tag, m.end()))


def pieces(text: str, spans: list[Span]) -> list[str]:
    """``text`` cut at ``spans``: prose at even indexes, the protected spans at odd ones."""
    out: list[str] = []
    at = 0
    for start, end in spans:
        out += [text[at:start], text[start:end]]
        at = end
    out.append(text[at:])
    return out


class _Scanner:
    """One left-to-right pass over a text (see the module doc)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Protected] = []
        self.destination = ""  # the destination of the inline link _after_bracket last read
        runs: dict[int, list[int]] = {}  # backtick run length -> starts of the runs of that length
        for m in _BACKTICKS.finditer(text):
            runs.setdefault(len(m.group()), []).append(m.start())
        self.runs = runs
        self.comment_end = -1  # where the last search for "-->" found it (-2: none after that point)

    def run(self) -> list[Protected]:
        text, n = self.text, len(self.text)
        openers: list[tuple[int, bool]] = []  # "[" or "![" not yet closed: (position of "[", image?)
        dead_below = -1  # link openers before this position are inactive (no links inside links)
        i = 0
        while i < n:
            ch = text[i]
            if ch == "\\" and i + 1 < n and text[i + 1] in _PUNCTUATION:
                i += 2
            elif ch == "`":
                i = self._code_span(i)
            elif ch == "<":
                i = self._angle(i)
            elif ch == "[":
                openers.append((i, i > 0 and text[i - 1] == "!" and not self._escaped(i - 1)))
                i += 1
            elif ch == "]" and openers:
                start, image = openers.pop()
                end = None if not image and start < dead_below else self._after_bracket(i + 1)
                if end is None:
                    i += 1
                    continue
                at = i
                if text[i + 1] == "(":
                    kind, target = (IMAGE if image else LINK), self.destination
                else:
                    kind, target = REFERENCE, text[i + 2 : end - 1]
                    if end == i + 3:  # "[label][]": the link text is the label, kept whole
                        target, at = text[start + 1 : i], start
                        while self.spans and self.spans[-1].start > start:
                            self.spans.pop()  # spans inside the label are in it
                self.spans.append(Protected(kind, at, end, target, start, start - 1 if image else -1))
                if not image:
                    dead_below = max(dead_below, start)
                i = end
            elif ch in "hHw" and (m := _BARE_URL.match(text, i)):
                i = self._bare_url(m)
            else:
                i += 1
        return self.spans

    def _escaped(self, i: int) -> bool:
        """True if ``text[i]`` follows an odd number of backslashes."""
        j = i
        while j > 0 and self.text[j - 1] == "\\":
            j -= 1
        return (i - j) % 2 == 1

    def _code_span(self, i: int) -> int:
        """At a backtick run: protect the code span it opens; return where scanning goes on."""
        m = _BACKTICKS.match(self.text, i)
        assert m is not None
        end = m.end()
        starts = self.runs.get(end - i, [])  # an escaped first backtick makes the run shorter than found
        k = bisect_left(starts, end)
        if k == len(starts):  # no closing run of that length: the backticks are literal
            return end
        close = starts[k] + (end - i)
        self.spans.append(Protected(CODE, i, close))
        return close

    def _angle(self, i: int) -> int:
        """At ``<``: protect an autolink, an HTML comment or an HTML tag."""
        text = self.text
        m = _AUTOLINK.match(text, i)
        if m is not None:
            self.spans.append(Protected(AUTOLINK, i, m.end(), text[i + 1 : m.end() - 1]))
            return m.end()
        m = None if text.startswith("<!--", i) else _HTML_TAG.match(text, i)
        if m is not None:
            self.spans.append(Protected(HTML, i, m.end()))
            return m.end()
        if text.startswith("<!--", i):
            if self.comment_end != -2 and self.comment_end < i + 4:
                found = text.find("-->", i + 4)
                self.comment_end = -2 if found < 0 else found
            if self.comment_end >= 0:
                self.spans.append(Protected(COMMENT, i, self.comment_end + 3))
                return self.comment_end + 3
        return i + 1

    def _bare_url(self, m: re.Match[str]) -> int:
        """At a bare URL: protect it, without an unbalanced ``)`` and what follows, and without
        trailing punctuation (as GFM ends its autolinks)."""
        url = m.group()
        depth = 0
        for k, ch in enumerate(url):
            depth += (ch == "(") - (ch == ")")
            if depth < 0:
                url = url[:k]
                break
        url = url.rstrip(_URL_TAIL)
        end = m.start() + len(url)
        self.spans.append(Protected(URL, m.start(), end, url))
        return end

    def _after_bracket(self, i: int) -> int | None:
        """After a closing ``]``: the end of ``(destination "title")`` or of ``[label]``, if one follows."""
        text = self.text
        if text.startswith("(", i):
            return self._inline_link(i + 1)
        if text.startswith("[", i):
            j = i + 1
            limit = min(len(text), j + _MAX_LABEL + 1)
            while j < limit and text[j] not in "[]":
                j += 2 if text[j] == "\\" and j + 1 < len(text) else 1
            if j < len(text) and text[j] == "]" and j <= i + _MAX_LABEL + 1:
                return j + 1
        return None

    def _inline_link(self, i: int) -> int | None:
        """From just after ``](``: the end of the destination, optional title and ``)``, or None."""
        text, n = self.text, len(self.text)
        i = self._space(i)
        begin = i
        if i < n and text[i] == "<":
            i += 1
            while i < n and text[i] not in "<>\n":
                i += 2 if text[i] == "\\" and i + 1 < n else 1
            if i >= n or text[i] != ">":
                return None
            i += 1
            self.destination = text[begin + 1 : i - 1]
        else:
            depth = 0
            while i < n:
                ch = text[i]
                if ch == "\\" and i + 1 < n and text[i + 1] in _PUNCTUATION:
                    i += 2
                    continue
                if ch.isspace() or ord(ch) < 0x20:
                    break
                if ch == "(":
                    depth += 1
                    if depth > _MAX_NESTING:
                        return None
                elif ch == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if depth:
                return None
            self.destination = text[begin:i]
        spaced = self._space(i)
        if spaced < n and spaced > i and text[spaced] in "\"'(":
            close = ")" if text[spaced] == "(" else text[spaced]
            j = spaced + 1
            while j < n and text[j] != close:
                if text[j] == "\\" and j + 1 < n:
                    j += 2
                    continue
                if close == ")" and text[j] == "(":
                    return None
                j += 1
            if j >= n:
                return None
            spaced = self._space(j + 1)
        if spaced < n and text[spaced] == ")":
            return spaced + 1
        return None

    def _space(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t\n":
            i += 1
        return i
