"""The segmented document: segments, the blocks that hold them, and each line's parts.

Made by ``segment.segment``; the segment cache (``pipeline.workspace.segments``) stores them
as plain tuples (``plain``). Details of what each field means: ``segment``'s module doc.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from pipeline.text.source import Source


class Segment(NamedTuple):
    """One translatable unit: the msgid and where it comes from.

    A named tuple, not a dataclass: a big article has 50,000, made by segmentation and by the
    segment cache in C (``segment_of``), half the memory of an object with a dictionary
    and read faster (its template, its record). Immutable and compared field by field all the same.
    """

    text: str
    line: int  # 1-based line in the source
    paragraph: int  # 1-based number of its block in the document
    sentence: int  # 1-based number within its block
    damage: tuple[str, ...] = ()  # descriptions of corrupted spans inside it
    role: str = ""  # "" for prose; IMAGE_ALT or IMAGE_TITLE for an image-only line's description
    source: str = ""  # in a hard-wrapped paragraph: the text as the source has it, line breaks and all ("" if ``text``)

    @property
    def original(self) -> str:
        """The segment as the source writes it."""
        return self.source or self.text


class Block(NamedTuple):
    """A run of segments that form one paragraph, heading, list item or table cell (a named tuple: see ``Segment``)."""

    segments: tuple[Segment, ...]
    gaps: tuple[str, ...]  # the white space between consecutive segments in the source
    cell: bool = False  # a table cell: a '|' in a translation would end it
    escape: str = ""  # characters a translation must escape with a backslash (an image's ``]`` or ``"``)
    kind: str = "paragraph"  # what it is in the document: one of BLOCK_KINDS (the review page shows it)
    source_gaps: tuple[str, ...] = ()  # in a hard-wrapped paragraph: the gaps as the source has them

    def original_gap(self, index: int) -> str:
        """The white space after segment ``index`` as the source writes it."""
        return (self.source_gaps or self.gaps)[index]


_new = tuple.__new__


def segment_of(
    text: str, line: int, paragraph: int, sentence: int, damage: tuple[str, ...] = (), role: str = "", source: str = ""
) -> Segment:
    """``Segment(...)`` without the keyword handling of its ``__new__``: segmentation and the segment
    cache make a segment per sentence (50,000 in a big article)."""
    return _new(Segment, (text, line, paragraph, sentence, damage, role, source))


def block_of(
    segments: tuple[Segment, ...],
    gaps: tuple[str, ...],
    cell: bool = False,
    escape: str = "",
    kind: str = "paragraph",
    source_gaps: tuple[str, ...] = (),
) -> Block:
    """``Block(...)`` as ``segment_of``."""
    return _new(Block, (segments, gaps, cell, escape, kind, source_gaps))


BLOCK_KINDS = ("paragraph", "heading", "list item", "block quote", "table cell", "image description", "image title")


Part = str | Block


@dataclass(frozen=True)
class Document:
    """A segmented source: for each line, literal text and blocks in order."""

    source: Source
    lines: tuple[tuple[Part, ...], ...]
    # Lines (0-based) that a CommonMark reader joins with the next into one paragraph while
    # this pipeline reads each as a paragraph of its own (one paragraph per line, no blank
    # line between): a target-language edition puts a blank line after each (see docs/editions.md).
    # Each maps to the paragraph's continuation markers ("" at the top level; "> " in a block
    # quote; "   " in an item "1. "), which the blank line between them and the line after it
    # carry (a lazy continuation line, "> 甲\n乙", is given them: it stays in its container).
    joined: Mapping[int, str] = field(default_factory=dict)
    code: frozenset[int] = frozenset()  # lines (0-based) of code blocks: passed through, never translated
    # Lines (0-based) whose line ending lies inside a hard-wrapped paragraph's block (the block
    # stands on the paragraph's first line and holds the line breaks; see docs/editions.md).
    wrapped: frozenset[int] = frozenset()

    @property
    def domain(self) -> str:
        return self.source.domain

    def blocks(self) -> Iterator[Block]:
        for parts in self.lines:
            for part in parts:
                if isinstance(part, Block):
                    yield part

    def segments(self) -> Iterator[Segment]:
        for block in self.blocks():
            yield from block.segments

    @cached_property
    def all_segments(self) -> tuple[Segment, ...]:
        """``tuple(self.segments())``, made once (a big document has 50,000: its template and warnings read them)."""
        return tuple(
            [segment for parts in self.lines for part in parts if isinstance(part, Block) for segment in part.segments]
        )
