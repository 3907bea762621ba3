"""A segment's inline Markdown as inline codes that a CAT tool protects, and back, byte for byte.

Markup found by ``pipeline.markdown.markup`` (markdown-it-py's own inline rules) becomes:

- a **paired code** (XLIFF 2 ``<pc>``, 1.2 ``<bpt>``/``<ept>``) for each container whose
  content is prose: emphasis ``*…*``/``**…**``/``_…_``, link text ``[…](url)`` (the closing
  part is ``](url)``), inline HTML elements ``<b>…</b>``;
- a **placeholder** (``<ph>``) for each atomic span: a code span, an autolink, an HTML
  tag, plus the spans ``pipeline.markdown.inline`` protects that Markdown calls prose (bare URLs).

The original text of every code travels in the file (XLIFF 2 ``originalData``, 1.2 the
code's content), and ``join`` puts it back, so the Markdown comes back byte for byte.

XML 1.0 cannot hold most C0 control characters, and parsers turn a CR into LF: each such
character (``ILLEGAL``) is a separate ``Char`` node — XLIFF 2 writes ``<cp hex="…"/>``, 1.2
and TMX a placeholder naming the code point. A code whose original text holds one is not
made a code (its text stays text, with the ``Char`` nodes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.markdown import inline, markup

# What XML 1.0 text cannot hold, or a parser would not give back as written (CR becomes LF).
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
# Nothing to do without one of these: markup (``*_[`<``), a URL, a character XML cannot hold.
_MAYBE = re.compile("[*_\\[`<\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|://|www\\.")


@dataclass(frozen=True)
class Char:
    """A character XML cannot carry as text."""

    char: str


@dataclass(frozen=True)
class Placeholder:
    """An atomic span: its original text."""

    original: str


@dataclass(frozen=True)
class Paired:
    """A container: its opening and closing original text and the content between them."""

    start: str
    end: str
    content: tuple[Node, ...]


Node = str | Char | Placeholder | Paired


def split(text: str) -> tuple[Node, ...]:
    """``text`` as nodes: prose strings, ``Char``, ``Placeholder`` and ``Paired`` codes."""
    if not _MAYBE.search(text):  # most segments: plain prose (one search, no parse)
        return (text,) if text else ()
    spans = markup.find(text)
    containers = _nested(text, spans.containers)
    delimiters = sorted(r for c in containers for r in ((c[0], c[1]), (c[2], c[3])))
    atoms = [a for a in _atoms(text, spans.atomic) if not any(_overlap(a, d) for d in delimiters)]
    regions: list[tuple[int, int, str, int]] = []  # (start, end, kind, container index)
    for index, (start, cstart, cend, end) in enumerate(containers):
        regions += [(start, cstart, "open", index), (cend, end, "close", index)]
    regions += [(s, e, "ph", -1) for s, e in atoms]
    regions.sort()
    stack: list[list[Node]] = [[]]
    at = 0
    for start, end, kind, index in regions:
        _text(stack[-1], text[at:start])
        if kind == "open":
            stack.append([])
        elif kind == "close":
            content = stack.pop()
            c = containers[index]
            stack[-1].append(Paired(text[c[0] : c[1]], text[c[2] : c[3]], tuple(content)))
        else:
            stack[-1].append(Placeholder(text[start:end]))
        at = end
    _text(stack[-1], text[at:])
    return tuple(stack[0])


def join(nodes: tuple[Node, ...] | list[Node]) -> str:
    """The text the nodes stand for (the inverse of ``split``)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Char):
            out.append(node.char)
        elif isinstance(node, Placeholder):
            out.append(node.original)
        else:
            out += [node.start, join(node.content), node.end]
    return "".join(out)


def _text(into: list[Node], text: str) -> None:
    """Append prose, with each character XML cannot hold as a ``Char``."""
    at = 0
    for m in ILLEGAL.finditer(text):
        if m.start() > at:
            into.append(text[at : m.start()])
        into.append(Char(m.group()))
        at = m.end()
    if at < len(text):
        into.append(text[at:])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clean(text: str) -> bool:
    return ILLEGAL.search(text) is None


def _nested(text: str, found: tuple[markup.Container, ...]) -> list[markup.Container]:
    """The containers that nest properly (each inside another's content, or apart), with clean delimiters."""
    kept: list[markup.Container] = []
    stack: list[markup.Container] = []
    for c in sorted(found, key=lambda c: (c[0], -c[3])):
        start, cstart, cend, end = c
        if not (0 <= start < cstart <= cend < end) or not _clean(text[start:cstart] + text[cend:end]):
            continue
        while stack and stack[-1][3] <= start:
            stack.pop()
        if stack and not (stack[-1][1] <= start and end <= stack[-1][2]):
            continue  # crosses its parent's delimiters: its delimiters stay text
        stack.append(c)
        kept.append(c)
    return kept


def _atoms(text: str, atomic: tuple[markup.Atomic, ...]) -> list[tuple[int, int]]:
    """Atomic spans: markdown-it's, then ``inline.protected``'s that overlap none; no overlaps, no controls."""
    spans = sorted(set(atomic))
    for span in inline.protected(text):
        if not any(_overlap(span, s) for s in spans):
            spans.append(span)
    spans.sort()
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if start >= end or (kept and start < kept[-1][1]) or not _clean(text[start:end]):
            continue
        kept.append((start, end))
    return kept
