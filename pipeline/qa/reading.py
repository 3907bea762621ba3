"""How the checks read a text: its inline Markdown, and its prose with markup and damage blanked out.

Shared by the checks (``pipeline.qa.checks``): the markup check compares the spans, the
number, name and spacing checks read only the prose around them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.markdown import inline
from pipeline.text import damage
from pipeline.text.han import HAN_CHAR

HAN_RE = HAN_CHAR  # one compiled pattern for the whole package (text/han.py)
MASK = "\x00"


@dataclass(frozen=True)
class Markup:
    """The inline Markdown of a text, and the text with its protected spans blanked out.

    ``kinds["link"]`` holds the destinations of Markdown links, autolinks and HTML links;
    ``urls`` the bare URLs, kept apart because a bare URL is no link in the edition.
    """

    kinds: dict[str, Counter[str]] = field(hash=False)
    masked: str
    urls: Counter[str] = field(default_factory=Counter, hash=False)


def blank(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = MASK * (end - start)


@lru_cache(maxsize=4096)
def markup(text: str) -> Markup:
    """What ``pipeline.markdown.inline`` protects in ``text`` (the spans conversion keeps), as the checks compare it."""
    kinds: dict[str, Counter[str]] = {k: Counter() for k in ("link", "image", "code span", "HTML tag", "reference")}
    urls: Counter[str] = Counter()
    chars = list(text)
    for found in inline.scan(text):
        kind = found.kind
        if kind == inline.CODE:
            kinds["code span"][text[found.start : found.end]] += 1
        elif kind in (inline.AUTOLINK, inline.LINK):
            kinds["link"][found.target] += 1
        elif kind == inline.IMAGE:
            kinds["image"][found.target] += 1
        elif kind == inline.REFERENCE:
            kinds["reference"][found.target.casefold() or inline.link_text(text, found).casefold()] += 1
        elif kind == inline.COMMENT:
            kinds["HTML tag"]["<!-- -->"] += 1
        elif kind == inline.HTML:
            tag, tag_urls = inline.html_tag(text[found.start : found.end])
            kinds["HTML tag"][tag] += 1
            for url in tag_urls:
                kinds["link"][url] += 1
        else:
            urls[found.target] += 1
        blank(chars, found.start, found.end)  # a link's text stays: it is prose
        if found.bang >= 0:
            blank(chars, found.bang, found.bang + 1)  # an image's "!"
    return Markup(kinds, "".join(chars), urls)


@lru_cache(maxsize=4096)
def without_damage(text: str, traditional: bool) -> str:
    """``text`` with its markup blanked out and its corrupted spans too."""
    chars = list(markup(text).masked)
    for span in damage.find(text, traditional):
        blank(chars, span.start, span.end)
    return "".join(chars)


def listing(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
