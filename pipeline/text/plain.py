"""A line's segmented parts as plain tuples and back: what the segment cache stores.

Plain (strings, integers, booleans, tuples) so that ``marshal`` writes and reads it fast, and
position-free: a segment's line and paragraph are kept relative to the line and to the
paragraph count before it, so a line that moved (a paragraph inserted above) is reused.
See docs/many-documents.md ("The segment cache").
"""

from __future__ import annotations

from typing import Any

from pipeline.text.model import Block, Part, Segment

# A block: (segments, gaps, cell, escape, kind, source_gaps); a segment:
# (text, line - number, paragraph - first, sentence, damage, role, source).
Plain = tuple[Any, ...]


def from_parts(parts: tuple[Part, ...], number: int, first: int) -> Plain:
    """``parts`` of line ``number`` (1-based), whose first block is paragraph ``first + 1``."""
    return tuple(
        part
        if isinstance(part, str)
        else (
            tuple(
                (s.text, s.line - number, s.paragraph - first, s.sentence, s.damage, s.role, s.source)
                for s in part.segments
            ),
            part.gaps,
            part.cell,
            part.escape,
            part.kind,
            part.source_gaps,
        )
        for part in parts
    )


def parts(kept: Plain, number: int, first: int) -> tuple[tuple[Part, ...], int]:
    """The parts ``from_parts`` kept, now on line ``number`` after ``first`` paragraphs; and how many blocks."""
    made: list[Part] = []
    blocks = 0
    for part in kept:
        if isinstance(part, str):
            made.append(part)
            continue
        segments, gaps, cell, escape, kind, source_gaps = part
        made.append(
            Block(
                tuple(
                    Segment(text, number + line, first + paragraph, sentence, damage, role, source)
                    for text, line, paragraph, sentence, damage, role, source in segments
                ),
                gaps,
                cell,
                escape,
                kind,
                source_gaps,
            )
        )
        blocks += 1
    return tuple(made), blocks
