"""Cut a normalised source into translatable segments, keeping everything else as it is.

Markdown structure comes from markdown-it-py. Translatable: paragraph lines (a line is a
paragraph: Chinese articles put one paragraph on each line, without blank lines between;
in a document with blank lines between paragraphs, a paragraph wrapped mid-sentence is one
block over its lines, see ``structure._hard_wrapped`` and docs/editions.md), ATX and setext
headings, list items, block quotes, table cells, footnote definitions' text, and the alt
texts and titles of image-only lines. Passed through untouched: blank lines, images without a description,
code blocks, HTML blocks, thematic breaks, link definitions and front matter. Markers
(``# ``, ``- ``, ``> ``, ``|``) stay out of the msgid; inline markup stays in it.

Sentences never cut inline markup: emphasis, link text, image alt text, code spans and
inline HTML that hold sentence ends stay in one segment (``markup.py`` finds them with the
document's link definitions, ``sentences.py`` has the rule), so a translator gets both
delimiters of ``**…**`` in one msgid and can put them where the translation needs them.

A ``Document`` keeps, for every line, the literal pieces and the translatable ``Block``s in
order, so ``assemble`` can put the line back together with any translation.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from pipeline.markdown import blocks, images, markup
from pipeline.text import damage, halves, plain, sentences, structure
from pipeline.text.model import BLOCK_KINDS, Block, Document, Part, Segment, block_of, segment_of
from pipeline.text.source import Source
from pipeline.text.structure import (
    HEADING,
    IMAGES,
    NESTED,
    NESTED_TABLE,
    PASS,
    TABLE,
    TEXT,
    Structure,
)

__all__ = ["BLOCK_KINDS", "IMAGE_ALT", "IMAGE_TITLE", "Block", "Document", "Memo", "Part", "Segment", "segment"]


IMAGE_ALT = "image description (alt text): shown and read aloud in place of the image"
IMAGE_TITLE = "image title: shown when the pointer rests on the image"
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:[ \t]*")  # a footnote definition's marker: "[^1]: "
_line_kinds = structure.line_kinds  # called through this module: the tests count its calls


class Memo(Protocol):
    """Segmentation results kept between runs, by the hash of what they were made from (see ``segment``)."""

    def get(self, key: bytes) -> Any: ...  # the plain value stored under ``key`` (None: none)

    def put(self, key: bytes, value: Any) -> None: ...


def segment(
    source: Source, granularity: str = "sentence", traditional: bool = True, memo: Memo | None = None, helpers: int = 0
) -> Document:
    """Segment a normalised source. ``traditional``: the source is Traditional Chinese.

    ``memo``: results of earlier runs (``pipeline.workspace.segments``), by content: the whole
    document by its text (lines and line endings), the block structure by its lines, each line
    (or hard-wrapped paragraph) by its own text and what else shapes its segments; only what it
    lacks is segmented. The memo must belong to this ``granularity``, ``traditional`` and code
    (the caller keys it so). Same result with or without it. ``helpers``: processes this one may
    fork to segment part of a big document (``halves``; with a memo only); same result.
    """
    if memo is None:
        return _segmented(source, granularity, traditional, None, b"")[0]
    structure_key = _key("structure", "\n".join(source.lines))
    document_key = _key("document", structure_key.hex(), "\0".join(source.endings))
    kept = memo.get(document_key)
    if kept is not None:
        found = plain.document(source, kept, memo.get)
        if found is not None:
            return found
    document, keys = _segmented(source, granularity, traditional, memo, structure_key, helpers)
    memo.put(document_key, (structure_key, tuple(keys)))
    return document


def _segmented(
    source: Source, granularity: str, traditional: bool, memo: Memo | None, structure_key: bytes, helpers: int = 0
) -> tuple[Document, list[bytes | None]]:
    """``segment``, and with a ``memo`` each line's memo key (None: passed through; b"": in a
    hard-wrapped paragraph after its first line), which ``plain.document`` reads.

    ``helpers``: with a memo, the second half of a big document may be segmented on a forked
    process meanwhile (``halves``); this process then takes its lines from what that one made.
    """
    found = _remembered_structure(source.lines, memo, structure_key)
    run = _Run(source, found, granularity, traditional)
    count = min(len(source.lines), len(found.kinds))
    helper = halves.start(run.made, found, count, memo) if helpers and memo is not None else None
    if helper is None or memo is None:
        run.lines(0, count, memo)
    else:
        middle, process = helper
        try:
            run.lines(0, middle, memo)
        finally:
            ready = halves.Ready(process.result(), count - middle)  # waited for whatever happens: no process left
        run.lines(middle, count, halves.Prefilled(memo, ready.entries), ready.keys)
    wrapped_lines = frozenset(i for first, last, _ in found.wrapped for i in range(first, last - 1))
    return Document(source, tuple(run.parts), found.joined, frozenset(found.code), wrapped_lines), run.keys


class _Run:
    """One segmentation of a document's lines, in order: their parts and memo keys so far."""

    def __init__(self, source: Source, found: Structure, granularity: str, traditional: bool) -> None:
        self.source, self.found, self.granularity, self.traditional = source, found, granularity, traditional
        self.counter = _Counter(found.references)
        self.starts = {first: (last, nested) for first, last, nested in found.wrapped}
        self.parts: list[tuple[Part, ...]] = []
        self.keys: list[bytes | None] = []

    def made(self, start: int, stop: int, memo: Memo) -> tuple[dict[bytes, Any], list[bytes | None]]:
        """The memo entries that segmenting lines ``start`` to ``stop`` (0-based) makes, which ``memo`` lacks,
        and the lines' memo keys (``keys``)."""
        made: dict[bytes, Any] = {}
        self.lines(start, stop, halves.Recording(memo, made))
        return made, self.keys[-(stop - start) :] if stop > start else []

    def lines(self, start: int, stop: int, memo: Memo | None, given: list[bytes | None] | None = None) -> None:
        """Segment lines ``start`` to ``stop`` (0-based; ``start`` is no line inside a hard-wrapped paragraph).

        ``given``: the lines' memo keys, when known (the forked process sends them: no line hashed twice).
        """
        source, found, granularity, traditional, counter = (
            self.source,
            self.found,
            self.granularity,
            self.traditional,
            self.counter,
        )
        lines, keys, starts = self.parts, self.keys, self.starts
        counter.suspects = frozenset(start + 1 + i for i in damage.suspects(source.lines[start:stop], traditional))
        inside = 0  # lines still to skip: they belong to the hard-wrapped paragraph before
        for number in range(start + 1, stop + 1):
            text, kind = source.lines[number - 1], found.kinds[number - 1]
            if inside:
                inside -= 1
                lines.append(())
                keys.append(b"")
            elif number - 1 in starts:
                last, nested = starts[number - 1]
                kind = NESTED if nested else TEXT
                first = number - 1

                def wrapped(first: int = first, last: int = last, kind: str = kind) -> tuple[Part, ...]:
                    return _wrapped(source, first, last, kind, granularity, traditional, counter)

                if memo is None:
                    lines.append(wrapped())
                else:
                    paragraph = "\0".join(source.lines[first:last])
                    labels = counter.labels() if "[" in paragraph else ""  # a [ may make a link of a reference
                    key = given[number - 1 - start] if given else None
                    if not key:
                        key = _key("wrapped", kind, paragraph, "\0".join(source.endings[first : last - 1]), labels)
                    keys.append(key)
                    lines.append(_remembered(memo, key, number, counter, wrapped))
                inside = last - number
            elif kind == PASS:
                lines.append((text,) if text else ())
                keys.append(None)
            else:
                setext = number - 1 in found.setext
                if memo is None:
                    lines.append(_split_line(text, kind, number, granularity, traditional, counter, setext))
                    continue

                def split(
                    text: str = text, kind: str = kind, number: int = number, setext: bool = setext
                ) -> tuple[Part, ...]:
                    return _split_line(text, kind, number, granularity, traditional, counter, setext)

                key = given[number - 1 - start] if given else None
                if not key:
                    key = _line_key(kind, setext, text, counter.labels() if "[" in text else "")
                keys.append(key)
                lines.append(_remembered(memo, key, number, counter, split, text))


def _key(*fields: str) -> bytes:
    """A short hash of the fields (each after its length, so no two lists of fields give one text), as a memo key."""
    h = hashlib.blake2b(digest_size=16)
    for value in fields:  # piece by piece: a field may be the whole text (no copy of it)
        h.update(f"{len(value)}:".encode())
        h.update(value.encode("utf-8", "surrogatepass"))
    return h.digest()


def _line_key(kind: str, setext: bool, text: str, labels: str) -> bytes:
    """``_key`` of a paragraph line, made faster (one a line): kind and labels hold no NUL, the text comes last."""
    head = f"line\0{kind}\0{'setext' if setext else ''}\0{labels}\0"
    return hashlib.blake2b((head + text).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _remembered(
    memo: Memo,
    key: bytes,
    number: int,
    counter: _Counter,
    make: Callable[[], tuple[Part, ...]],
    line: str | None = None,
) -> tuple[Part, ...]:
    """The parts of line ``number`` from ``memo`` if it has them under ``key``, else made (and kept there).

    ``line``: the source line, when the parts are made of it alone (``plain``'s short form).
    """
    kept = memo.get(key)
    if kept is not None:
        parts, blocks_made = plain.parts(kept, number, counter.value, line)
        counter.value += blocks_made
        return parts
    first = counter.value
    parts = make()
    memo.put(key, plain.from_parts(parts, number, first, line))
    return parts


def _remembered_structure(lines: tuple[str, ...], memo: Memo | None, key: bytes) -> Structure:
    """``_line_kinds`` of the lines, from ``memo`` (under ``key``) when the whole text is as it was."""
    if memo is None:
        return _line_kinds(lines)
    kept = memo.get(key)
    if kept is not None:
        kinds, references, joined, code, setext, wrapped = kept
        return Structure(list(kinds), references, dict(joined), list(code), set(setext), [tuple(w) for w in wrapped])
    found = _line_kinds(lines)
    memo.put(
        key,
        (
            tuple(found.kinds),
            dict(found.references),
            tuple(found.joined.items()),
            tuple(found.code),
            tuple(sorted(found.setext)),
            tuple(found.wrapped),
        ),
    )
    return found


class _Counter:
    """Numbers blocks (paragraphs) across the document; carries its link definitions too."""

    def __init__(self, references: Mapping[str, Any]) -> None:
        self.value = 0
        self.references = references  # markdown-it's env["references"]: [text][ref] is a link
        self._labels: str | None = None
        self.suspects: frozenset[int] | None = None  # lines (1-based) that may hold damage (None: any)

    def next(self) -> int:
        self.value += 1
        return self.value

    def labels(self) -> str:
        """The link definitions, as text: part of the memo key of a line that may refer to one."""
        if self._labels is None:
            self._labels = repr(
                sorted((label, ref.get("href"), ref.get("title")) for label, ref in self.references.items())
            )
        return self._labels


def _split_line(
    text: str, kind: str, number: int, granularity: str, traditional: bool, counter: _Counter, setext: bool = False
) -> tuple[Part, ...]:
    """Turn one line into literal parts and blocks. ``setext``: a line of a setext heading's text."""
    if kind == TEXT and not setext:  # most lines: a paragraph line, no markers (what the general way below gives)
        footnote = _FOOTNOTE.match(text) if text.startswith("[^") else None
        if footnote:  # a footnote's text: "[^1]: " stays out of the msgid, like a list marker
            prefix, text = footnote.group(), text[footnote.end() :]
            return _merge_literals(_unit(prefix, text, "", number, granularity, traditional, counter))
        return _merge_literals(_unit("", text, "", number, granularity, traditional, counter))
    if kind == PASS:
        return (text,) if text else ()
    if kind.startswith(IMAGES):
        markers = structure.markers(text, kind.removeprefix(IMAGES))
        return _merge_literals([markers, *_image_blocks(text[len(markers) :], number, traditional, counter)])
    markers = structure.markers(text, kind)
    text = text[len(markers) :]
    if kind in (TABLE, NESTED_TABLE):
        pieces = blocks.table_cells(text)
        parts: list[Part] = [markers]
        for index, cell in enumerate(pieces):
            if index:
                parts.append("|")
            parts.extend(
                _unit("", cell, "", number, granularity, traditional, counter, in_table=True, kind="table cell")
            )
        return _merge_literals(parts)
    if kind == HEADING:
        heading = blocks.atx_heading(text)
        assert heading is not None  # markdown-it said this line is an ATX heading
        prefix, content, suffix = heading
        prefix = markers + prefix
    else:
        prefix, content, suffix = markers, text, ""
    what = "heading" if kind == HEADING or setext else _container_kind(markers, kind)
    return _merge_literals(_unit(prefix, content, suffix, number, granularity, traditional, counter, kind=what))


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def _wrapped(
    source: Source, first: int, end: int, kind: str, granularity: str, traditional: bool, counter: _Counter
) -> tuple[Part, ...]:
    """A hard-wrapped paragraph (lines ``first`` to ``end``, 0-based) as one block on its first line.

    The segments' text joins the lines as a reader reads them: a line break and the white
    space and markers around it become one space, or nothing between two Chinese characters.
    Each segment and gap keeps the source's own text too, so the source comes back exactly.
    """
    lines = source.lines
    markers = structure.markers(lines[first], kind)
    raw: list[str] = []  # the source from after the first line's markers to the end of the last line
    text: list[str] = []  # the joined text
    where: list[int] = []  # for each character of ``text``, its place in ``raw``
    offset = 0
    body_end = 0  # in raw: just after the last character of text so far
    starts: list[int] = []  # in raw: where each line's content starts
    for i in range(first, end):
        line_markers = markers if i == first else blocks.continuation_markers(lines[i])
        if i > first:
            piece = source.endings[i - 1] + line_markers
            raw.append(piece)
            offset += len(piece)
        content = lines[i][len(line_markers) :]
        starts.append(offset)
        body = structure.without_hard_break(content.strip(), "")[0] if i == end - 1 else content.strip()
        lead = len(content) - len(content.lstrip())
        if body:
            if text and not (_WIDE.match(text[-1]) and _WIDE.match(body[0])):
                text.append(" ")
                where.append(body_end)
            text.extend(body)
            where.extend(range(offset + lead, offset + lead + len(body)))
            body_end = offset + lead + len(body)
        raw.append(content)
        offset += len(content)
    original = "".join(raw)
    joined = "".join(text)
    if not sentences.has_word(joined):  # marks only, or white space markdown-it reads as text (form feeds)
        return (markers + original,)
    damaged = damage.find(joined, traditional)
    if granularity == "paragraph":
        spans = [(0, len(joined))]
    else:
        spans = _sentences(joined, tuple((d.start, d.end) for d in damaged), counter.references)
    paragraph = counter.next()
    segments = []
    for index, (start, stop) in enumerate(spans, start=1):
        here = original[where[start] : where[stop - 1] + 1]
        notes = tuple(d.describe() for d in damaged if d.start < stop and start < d.end)
        line = first + bisect.bisect_right(starts, where[start])  # 1-based: the line the segment starts on
        segments.append(
            Segment(joined[start:stop], line, paragraph, index, notes, "", "" if here == joined[start:stop] else here)
        )
    gaps = tuple(joined[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1))
    source_gaps = tuple(original[where[spans[i][1] - 1] + 1 : where[spans[i + 1][0]]] for i in range(len(spans) - 1))
    block = Block(tuple(segments), gaps, kind=_container_kind(markers, kind), source_gaps=source_gaps)
    return _merge_literals([markers + original[: where[0]], block, original[where[-1] + 1 :]])


def _container_kind(markers: str, kind: str) -> str:
    """What a paragraph line is, from its container markers: a list item, a block quote or a paragraph."""
    if kind == NESTED:
        innermost = markers.rstrip().removesuffix("[ ]").removesuffix("[x]").removesuffix("[X]").rstrip()
        return "block quote" if innermost.endswith(">") else "list item"
    return "paragraph"


_DESCRIPTION: dict[str, Any] = {"escape": "[]", "role": IMAGE_ALT, "kind": "image description"}
_TITLE: dict[str, Any] = {"role": IMAGE_TITLE, "kind": "image title"}


def _image_blocks(content: str, number: int, traditional: bool, counter: _Counter) -> list[Part]:
    """An image-only line: its images' alt texts and titles become blocks, one segment each."""
    parts: list[Part] = []
    at = 0
    for image in images.PARTS.finditer(content):
        parts.append(content[at : image.start()])
        at = image.end()
        opening, alt, middle, space, double, single, close = image.groups()
        parts.extend(_unit(*(opening, alt, middle, number, "paragraph", traditional, counter), **_DESCRIPTION))
        if space is not None:
            quote = '"' if double is not None else "'"
            title = double if double is not None else single
            parts.extend(
                _unit(*(space + quote, title, quote, number, "paragraph"), traditional, counter, **_TITLE, escape=quote)
            )
        parts.append(close)
    parts.append(content[at:])
    return parts


def _unit(
    prefix: str,
    content: str,
    suffix: str,
    number: int,
    granularity: str,
    traditional: bool,
    counter: _Counter,
    in_table: bool = False,
    escape: str = "",
    role: str = "",
    kind: str = "paragraph",
) -> list[Part]:
    """Literal prefix, the block for ``content`` (white space moved outside), literal suffix."""
    stripped = content.strip()
    if not sentences.has_word(stripped):  # nothing to translate: white space, marks or emoji only
        return [prefix + content + suffix]
    lead = content[: len(content) - len(content.lstrip())]
    stripped, trail = structure.without_hard_break(stripped, content[len(content.rstrip()) :])
    suspects = counter.suspects
    damaged = damage.find(stripped, traditional) if suspects is None or number in suspects else ()
    if granularity == "paragraph":
        spans = [(0, len(stripped))]
    else:
        spans = _sentences(stripped, tuple((d.start, d.end) for d in damaged), counter.references)
    paragraph = counter.next()
    if damaged:
        segments = _damaged_segments(stripped, spans, damaged, number, paragraph, role)
    else:
        segments = tuple(
            [
                segment_of(stripped[start:end], number, paragraph, index, (), role)
                for index, (start, end) in enumerate(spans, start=1)
            ]
        )
    if len(spans) == 1:
        gaps: tuple[str, ...] = ()
    else:
        gaps = tuple([stripped[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)])
    return [prefix + lead, block_of(segments, gaps, in_table, escape, kind), trail + suffix]


def _damaged_segments(
    text: str, spans: list[tuple[int, int]], damaged: tuple[damage.Damage, ...], number: int, paragraph: int, role: str
) -> tuple[Segment, ...]:
    """The segments of ``text``, each with the descriptions of the corrupted spans it overlaps."""
    # damage.find gives spans in order, apart: those overlapping a sentence are found by bisection
    # (testing every span for every sentence was quadratic on a long line of mojibake).
    damage_ends = [d.end for d in damaged]

    def overlapping(start: int, end: int) -> tuple[str, ...]:
        found = []
        i = bisect.bisect_right(damage_ends, start)
        while i < len(damaged) and damaged[i].start < end:
            found.append(damaged[i].describe())
            i += 1
        return tuple(found)

    return tuple(
        segment_of(text[start:end], number, paragraph, index, overlapping(start, end), role)
        for index, (start, end) in enumerate(spans, start=1)
    )


def _sentences(
    text: str, protected: tuple[tuple[int, int], ...], references: Mapping[str, Any]
) -> list[tuple[int, int]]:
    """The sentences of ``text``, none of them cutting inline markup.

    The inline parse is only needed, and only done, where there are sentences to keep together.
    """
    spans = sentences.split(text, protected)
    if len(spans) < 2:
        return spans
    spans_found = markup.find(text, references)
    if spans_found is markup.NONE or spans_found == markup.NONE:  # most blocks: no markup (no dataclass __eq__)
        return spans
    return sentences.split(text, protected, spans_found)


def _merge_literals(parts: list[Part]) -> tuple[Part, ...]:
    """Join adjacent literal strings and drop empty ones."""
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + part
                continue
        merged.append(part)
    return tuple(merged)
