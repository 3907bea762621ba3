"""Put a document back together from its segments' translations.

Each segment is replaced by its translation, or by its (normalised) source text when
there is none. Consecutive sentences are joined as the target language writes them: no
space in Chinese (but one between English sentences the source spaced), one space elsewhere.
Where both sentences are still the source text, the source's own white space is kept, so
building with no translations gives back the source. In Chinese a space the source had
next to an emphasis or code delimiter is kept too (``**…。** 接著``: CommonMark reads
``**`` between ``。`` and a Han character as no closer).

A translation is the translator's Markdown *inline*: links, emphasis and code stay what
they are. It cannot change the structure around it, which belongs to the source: a line
break in it becomes a space (each paragraph is one line), a start that Markdown would read
as a new block (``# ``, ``> ``, ``- ``, ``1. ``, ``---``, a code fence, ``<div>``, a link
definition ``[x]: url``…) is escaped with a backslash where it begins the block, and a ``|``
in a table cell is escaped. So a translation shows as the text it is, in the Markdown
edition and in the HTML page built from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from pipeline.markdown import blocks as markdown_blocks
from pipeline.markdown import escape as markdown_escape
from pipeline.text.han import HAN_CHAR
from pipeline.text.segment import Block, Document

_LINE_BREAKS = re.compile(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+")
_HAN = HAN_CHAR
_DELIMITERS = frozenset("*_~`")  # emphasis and code delimiters: the space next to one can matter


def render(document: Document, translations: Mapping[str, str], chinese: bool, separate: bool = False) -> str:
    """The document's text with each segment replaced by ``translations[segment text]``.

    A segment missing from ``translations`` stays as its source text (the fallback).
    ``separate`` (target-language editions): a blank line goes between the lines that the
    document writes as one paragraph each but CommonMark would join (``Document.joined``),
    so any CommonMark renderer shows the paragraphs this pipeline reads (and no BOM is
    written: markdown-it reads ``\ufeff# 標題`` as a paragraph). A line moved after
    such a blank line loses its indentation and has a block start escaped (``1986. `` was
    text inside the paragraph and stays text). Without ``separate``, and with no
    translations, the source comes back byte for byte.
    """
    source = document.source
    # a BOM is the source's to keep; before "# 標題" it would hide the heading from CommonMark
    out: list[str] = ["\ufeff"] if source.bom and not separate else []
    markers: str | None = None  # after an added blank line: the markers that start the next line
    for number, (parts, ending) in enumerate(zip(document.lines, source.endings, strict=False)):
        pieces = [part if isinstance(part, str) else _block(part, translations, chinese, separate) for part in parts]
        line = "".join(pieces)
        if markers is not None:  # a lazy continuation line ("> 甲\n乙") gets the paragraph's markers
            own = len(markers) if line.startswith(markers) else len(markdown_blocks.continuation_markers(line))
            line = markers + _as_paragraph_start(line[own:])
        out.append(line)
        if number in document.wrapped:
            continue  # a hard-wrapped paragraph's line break: in its block
        out.append(ending)
        markers = document.joined.get(number) if separate else None
        if markers is not None:
            out.append(markers.rstrip() + (ending or "\n"))  # "" or ">": a paragraph ends here
    return "".join(out)


def _as_paragraph_start(line: str) -> str:
    """A paragraph's later line made to begin a paragraph of its own, reading as the same text."""
    return markdown_escape.block_start(line.lstrip(" \t"))


def output_lines(document: Document, separate: bool) -> list[int]:
    """For each line of ``document`` (0-based), its line in ``render(..., separate)``'s text."""
    where = []
    at = 0
    for number in range(len(document.lines)):
        where.append(at)
        if not (separate and number in document.wrapped):
            at += 1
        if separate and number in document.joined:
            at += 1
    return where


def untranslated_lines(
    document: Document, translations: Mapping[str, str], han_only: bool, separate: bool = False
) -> frozenset[int]:
    """The lines (0-based) that ``render`` leaves wholly in the source language: every segment
    on them lacks a translation. ``han_only``: only lines with a Han character (a Chinese
    source's English paragraph is not Chinese text even when untranslated).

    The numbers are lines of ``render(..., separate)``'s text; the HTML page marks those
    paragraphs with the source's language for screen readers and fonts.
    """
    where = output_lines(document, separate)
    found = set()
    for number, parts in enumerate(document.lines):
        segments = [s for part in parts if not isinstance(part, str) for s in part.segments]
        untranslated = bool(segments) and not any(s.text in translations for s in segments)
        if untranslated and (not han_only or any(HAN_CHAR.search(s.text) for s in segments)):
            found.add(where[number])
    return frozenset(found)


def _block(block: Block, translations: Mapping[str, str], chinese: bool, separate: bool = False) -> str:
    """A block's text. ``separate``: a hard-wrapped paragraph comes out on one line (its
    segments' joined text), else the source's line breaks are kept where its text is."""
    pieces: list[str] = []
    previous_kept = False
    for index, segment in enumerate(block.segments):
        text = translations.get(segment.text, segment.text)
        kept = text == segment.text
        if not kept:
            heading_end = block.kind == "heading" and index == len(block.segments) - 1
            text = as_text(text, index == 0 and not block.escape, block.cell, block.escape, heading_end)
        elif not separate:
            text = segment.original
        if index:
            if previous_kept and kept:
                pieces.append(block.gaps[index - 1] if separate else block.original_gap(index - 1))
            elif not chinese:
                pieces.append(" ")
            elif block.gaps[index - 1] and (pieces[-1][-1:] in _DELIMITERS or text[:1] in _DELIMITERS):
                pieces.append(" ")  # "**…。** 接著": without the space the closing ** closes nothing
            elif block.gaps[index - 1] and _narrow(pieces[-1][-1:]) and _narrow(text[:1]):
                pieces.append(" ")  # English sentences in a Chinese edition: "Ship small. She quoted…"
        pieces.append(text)
        previous_kept = kept
    return "".join(pieces)


def _narrow(ch: str) -> bool:
    """True for a character that is not East Asian wide (a Latin letter, ``.``, ``"``): between
    two of them a Chinese edition keeps the space the source had between its sentences."""
    return bool(ch) and unicodedata.east_asian_width(ch) not in ("W", "F")


def as_text(translation: str, first: bool, cell: bool, escape: str = "", heading_end: bool = False) -> str:
    """``translation`` made unable to change the Markdown structure around it (see the module doc).

    ``first``: it begins its block; ``cell``: it stands in a table cell; ``escape``: characters
    to escape where unescaped (an image description's brackets, its title's quote); ``heading_end``:
    it ends a heading (a final `` #`` would be the closing sequence).
    """
    text = markdown_escape.trailing_backslash(_LINE_BREAKS.sub(" ", translation))
    if escape:
        text = markdown_escape.characters(text, escape)
    if cell:
        text = markdown_escape.pipes(text)
        if text.endswith("\\"):  # markdown-it reads any "\|" as an escaped pipe: a space keeps the cell's end
            text += " "
    if first:
        text = markdown_escape.block_start(text.lstrip(" \t"))
    if heading_end:
        text = markdown_escape.heading_end(text)
    return text
