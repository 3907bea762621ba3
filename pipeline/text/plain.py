"""A line's segmented parts as plain tuples and back: what the segment cache stores; and a whole
document put back together from those (``document``).

Plain (strings, integers, booleans, tuples) so that ``marshal`` writes and reads it fast, and
position-free: a segment's line and paragraph are kept relative to the line and to the
paragraph count before it, so a line that moved (a paragraph inserted above) is reused.
See docs/many-documents.md ("The segment cache").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.text.model import Document, Part, block_of, segment_of
from pipeline.text.source import Source

# Two forms. "spans", for a line whose parts are pieces of it in order (most lines): lengths
# into the line (which the key holds, so it is at hand); a block is (segments, gap lengths,
# cell, escape, kind), a segment (length, line - number, paragraph - first, sentence, damage,
# role). "full" otherwise (a hard-wrapped paragraph, whose segments join several lines): a
# block is (segments, gaps, cell, escape, kind, source_gaps), a segment (text, line - number,
# paragraph - first, sentence, damage, role, source).
Plain = tuple[Any, ...]


def from_parts(parts: tuple[Part, ...], number: int, first: int, line: str | None = None) -> Plain:
    """``parts`` of line ``number`` (1-based), whose first block is paragraph ``first + 1``.

    ``line``: the source line the parts were made of, if they are its pieces (the short form).
    """
    if line is not None:
        spans = _spans(parts, number, first, line)
        if spans is not None:
            return ("spans", spans)
    full = tuple(
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
    return ("full", full)


def _spans(parts: tuple[Part, ...], number: int, first: int, line: str) -> Plain | None:
    """The short form, or None if the parts are not the line's pieces in order."""
    pieces: list[Any] = []
    texts: list[str] = []  # the pieces of text in order: the line, if the short form fits
    for part in parts:
        if isinstance(part, str):
            pieces.append(len(part))
            texts.append(part)
            continue
        gaps = part.gaps
        if part.source_gaps or len(gaps) != len(part.segments) - 1:
            return None
        segments = []
        for index, s in enumerate(part.segments):
            if s.source:
                return None
            texts.append(s.text)
            segments.append((len(s.text), s.line - number, s.paragraph - first, s.sentence, s.damage, s.role))
            if index < len(gaps):
                texts.append(gaps[index])
        pieces.append((tuple(segments), tuple(map(len, gaps)), part.cell, part.escape, part.kind))
    return tuple(pieces) if "".join(texts) == line else None


def parts(kept: Plain, number: int, first: int, line: str | None = None) -> tuple[tuple[Part, ...], int]:
    """The parts ``from_parts`` kept, now on line ``number`` after ``first`` paragraphs; and how many blocks.

    ``line``: the line, for the short form.
    """
    form, body = kept
    if form == "spans" and line is not None:
        return _from_spans(body, number, first, line)
    made: list[Part] = []
    blocks = 0
    for part in body:
        if isinstance(part, str):
            made.append(part)
            continue
        segments, gaps, cell, escape, kind, source_gaps = part
        made.append(
            block_of(
                tuple(
                    segment_of(text, number + line_offset, first + paragraph, sentence, damage, role, source)
                    for text, line_offset, paragraph, sentence, damage, role, source in segments
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


def _from_spans(body: Plain, number: int, first: int, line: str) -> tuple[tuple[Part, ...], int]:
    made: list[Part] = []
    blocks = 0
    at = 0
    for piece in body:
        if isinstance(piece, int):
            made.append(line[at : at + piece])
            at += piece
            continue
        lengths, gap_lengths, cell, escape, kind = piece
        segments = []
        gaps = []
        last = len(gap_lengths)
        for index, (length, line_offset, paragraph, sentence, damage, role) in enumerate(lengths):
            end = at + length
            segments.append(segment_of(line[at:end], number + line_offset, first + paragraph, sentence, damage, role))
            if index < last:
                at = end + gap_lengths[index]
                gaps.append(line[end:at])
            else:
                at = end
        made.append(block_of(tuple(segments), tuple(gaps), cell, escape, kind))
        blocks += 1
    return tuple(made), blocks


def document(source: Source, kept: Any, get: Callable[[bytes], Any]) -> Document | None:
    """The document a memo's whole-document entry ``kept`` describes (None if the memo lacks a part).

    ``kept``: the structure's key and, per line, its entry's key (``segment._segmented``), so a run
    whose source is unchanged hashes no line and parses nothing; ``get``: the memo's entries by key.
    """
    structure_key, keys = kept
    structure = get(structure_key)
    if structure is None or len(keys) != len(source.lines):
        return None
    _, _, joined, code, _, wrapped = structure
    lines: list[tuple[Part, ...]] = []
    paragraphs = 0
    for number, (text, key) in enumerate(zip(source.lines, keys, strict=True), start=1):
        if key is None:
            lines.append((text,) if text else ())
        elif not key:
            lines.append(())
        else:
            value = get(key)
            if value is None:
                return None
            made, blocks_made = parts(value, number, paragraphs, text)
            paragraphs += blocks_made
            lines.append(made)
    wrapped_lines = frozenset(i for first, last, _ in wrapped for i in range(first, last - 1))
    return Document(source, tuple(lines), dict(joined), frozenset(code), wrapped_lines)
