"""How the checks read a text: its inline Markdown, and its prose with markup and damage blanked out.

Shared by the checks (``pipeline.qa.checks``): the markup check compares the spans, the
number, name and spacing checks read only the prose around them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.text import damage
from pipeline.text.gloss import HAN

HAN_RE = re.compile(rf"[{HAN}]")
MASK = "\x00"

_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}):[^<>\s]*|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]+)>")
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(<[^<>\n]*>|(?:[^()\s\\]|\\.|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_REFERENCE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)+)\]\[([^\[\]]*)\]")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>")  # comments: see _markup
_HTML_URL = re.compile(r"(?:href|src)\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
# As pipeline.markdown.inline reads one: ",接著" after a URL is the article going on.
_BARE_URL = re.compile(
    rf"(?<![\w/])(?:https?://|www\.)(?:[^\s<>()\[\]\"“”‘’\u3000-\u303f\uff00-\uffef,;!?]|[,;!?](?![{HAN}]))+"
)


@dataclass(frozen=True)
class Markup:
    """The inline Markdown of a text, and the text with its code, URLs and tags blanked out.

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
    kinds: dict[str, Counter[str]] = {k: Counter() for k in ("link", "image", "code span", "HTML tag", "reference")}
    chars = list(text)

    def current() -> str:
        return "".join(chars)

    for m in _CODE_SPAN.finditer(text):
        kinds["code span"][m.group(0)] += 1
        blank(chars, *m.span())
    for m in _AUTOLINK.finditer(current()):
        kinds["link"][m.group(1)] += 1
        blank(chars, *m.span())
    for m in _LINK.finditer(current()):
        kinds["image" if m.group(1) else "link"][m.group(3).strip("<>")] += 1
        blank(chars, m.end(2), m.end())  # the destination and title; the link text stays
    for m in _REFERENCE.finditer(current()):
        kinds["reference"][m.group(3).casefold() or m.group(2).casefold()] += 1
        blank(chars, m.end(2), m.end())
    rest = current()  # comments by hand: a regex tried every unclosed "<!--" up to the end
    start = rest.find("<!--")
    while start != -1 and (end := rest.find("-->", start + 4)) != -1:
        kinds["HTML tag"]["<!-- -->"] += 1
        blank(chars, start, end + 3)
        start = rest.find("<!--", end + 3)
    for m in _HTML_TAG.finditer(current()):
        tag = f"<{m.group(1)}{m.group(2).lower()}>"
        kinds["HTML tag"][tag] += 1
        for url in _HTML_URL.findall(m.group(3) or ""):
            kinds["link"][url] += 1
        blank(chars, *m.span())
    urls: Counter[str] = Counter()
    for m in _BARE_URL.finditer(current()):
        urls[m.group(0).rstrip(".,;:!?")] += 1
        blank(chars, *m.span())
    return Markup(kinds, current(), urls)


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
