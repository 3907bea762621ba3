"""What the editor shows, and what a save does to a catalog: pure functions over records.

The page lists a document's segments in article order, grouped by paragraph, each with its
catalog entry (``rows``); a long document is cut into pages of whole paragraphs (``pages``).
A save (``apply_save``) changes one entry of the catalog as read from disk *now*, and only if
that entry is still what the translator's page was based on (its ``version``): otherwise
``EntryConflict`` carries both texts. Nothing here touches the disk (``app`` does, under the
project lock, through ``fs``).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from pipeline.l10n.counts import FUZZY, MACHINE, PERSON, TRANSLATED, UNTRANSLATED, status_of
from pipeline.l10n.glossary import Glossary
from pipeline.l10n.notes import MACHINE_MARK, NOTE, machine_mark
from pipeline.markdown import images
from pipeline.po import header
from pipeline.po.model import Catalog, Entry
from pipeline.po.write import render
from pipeline.text import damage
from pipeline.text.segment import Block, Document, Segment

MachineFill = Callable[[str], str]
PAGE_SEGMENTS = 200  # segments per page: a 50,000-segment document is 250 pages of whole paragraphs
STATES = {
    TRANSLATED: "translated",
    MACHINE: "translated",
    PERSON: "translated",
    FUZZY: "fuzzy",
    UNTRANSLATED: "untranslated",
}

_LIST = re.compile(r"\s*(?:[-+*]|\d{1,9}[.)])\s")


@dataclass(frozen=True)
class Row:
    """One segment of the article with its entry (None: the catalog has none yet)."""

    index: int  # 0-based, in article order
    segment: Segment
    kind: str  # paragraph, heading, item, quote, cell
    entry: Entry | None
    status: str  # review's status word (translated, machine-converted, …)

    @property
    def state(self) -> str:
        """translated, fuzzy or untranslated."""
        return STATES[self.status]


@dataclass(frozen=True)
class Image:
    """A line of the source that holds only images, shown in place as context."""

    line: int
    images: tuple[tuple[str, str], ...]  # (alt text, URL)


@dataclass(frozen=True)
class Paragraph:
    kind: str
    rows: tuple[Row, ...]

    @property
    def number(self) -> int:
        return self.rows[0].segment.paragraph

    @property
    def line(self) -> int:
        return self.rows[0].segment.line


Item = Paragraph | Image


def block_kind(parts: tuple[object, ...], block: Block) -> str:
    """What kind of block: heading, list item, quote, table cell or paragraph (from the line's markers)."""
    if block.cell:
        return "cell"
    if block.kind in ("image description", "image title"):
        return "image"  # an image's alt text or title (segment.py): read beside the image shown above it
    lead = ""
    for part in parts:
        if part is block:
            break
        if isinstance(part, str):
            lead += part
    stripped = lead.lstrip()
    if stripped.startswith("#"):
        return "heading"
    if stripped.startswith(">"):
        return "quote"
    if _LIST.match(lead):
        return "item"
    return "paragraph"


@dataclass(frozen=True)
class Place:
    """One block of the document: its line (1-based), the block, the index of its first segment."""

    line: int
    block: Block
    first: int


Chunk = tuple[Place, tuple[int, ...]]  # a block and which of its segments are shown (offsets in it)


def outline(document: Document) -> tuple[Place, ...]:
    """Every block of the document in article order: cheap, so that only the page shown is built in full."""
    out: list[Place] = []
    index = 0
    for number, parts in enumerate(document.lines, start=1):
        for part in parts:
            if isinstance(part, Block) and part.segments:
                out.append(Place(number, part, index))
                index += len(part.segments)
    return tuple(out)


def entries_of(catalog: Catalog) -> dict[str, Entry]:
    """The catalog's live entries without a context, by msgid (how a segment finds its entry)."""
    return {e.msgid: e for e in catalog.live if e.msgctxt is None}


def state_of(entry: Entry | None, machine: MachineFill | None) -> str:
    return STATES[status_of(entry, machine)]


def chunks(places: tuple[Place, ...], keep: Callable[[Segment], bool] | None = None) -> tuple[Chunk, ...]:
    """The blocks with the segments a view shows: every one, or those ``keep`` accepts (a filter)."""
    if keep is None:
        return tuple((place, tuple(range(len(place.block.segments)))) for place in places)
    out: list[Chunk] = []
    for place in places:
        kept = tuple(i for i, segment in enumerate(place.block.segments) if keep(segment))
        if kept:
            out.append((place, kept))
    return tuple(out)


def pages(found: tuple[Chunk, ...], size: int = PAGE_SEGMENTS) -> list[tuple[int, int]]:
    """The chunks cut into pages of about ``size`` segments, never inside a paragraph: (start, end) ranges."""
    out: list[tuple[int, int]] = []
    start = count = 0
    for at, (_, kept) in enumerate(found):
        count += len(kept)
        if count >= size:
            out.append((start, at + 1))
            start, count = at + 1, 0
    if start < len(found) or not out:
        out.append((start, len(found)))
    return out


def page_of(found: tuple[Chunk, ...], cut: list[tuple[int, int]], index: int) -> int:
    """The page (0-based) holding the segment at ``index`` (article order); 0 if no page shows it."""
    for number, (start, end) in enumerate(cut):
        for place, kept in found[start:end]:
            if place.first + kept[0] <= index <= place.first + kept[-1]:
                return number
    return 0


def next_open(
    places: tuple[Place, ...], entries: dict[str, Entry], machine: MachineFill | None, after: int
) -> int | None:
    """The index of the first untranslated or fuzzy segment after ``after``, else the first before it; None if none."""
    for low, high in ((after + 1, sys.maxsize), (0, after)):
        for place in places:
            if place.first + len(place.block.segments) <= low or place.first >= high:
                continue
            for i, segment in enumerate(place.block.segments):
                index = place.first + i
                if low <= index < high and state_of(entries.get(segment.text), machine) != "translated":
                    return index
    return None


def page_items(
    document: Document,
    found: tuple[Chunk, ...],
    span: tuple[int, int],
    entries: dict[str, Entry],
    machine: MachineFill | None,
    with_images: bool = True,
) -> tuple[Item, ...]:
    """The items of one page (``span`` of ``found``): paragraphs of rows, and the image lines among them.

    An image line goes before the first block after it (its description follows as rows of its
    own); the last page also takes those after the last block.
    """
    start, end = span
    out: list[Item] = []
    seen = found[start - 1][0].line if start > 0 else 0  # lines up to here were another page's

    def images_up_to(last: int) -> None:
        nonlocal seen
        if with_images:
            for number in range(seen + 1, last + 1):
                text = document.source.lines[number - 1]
                shown = images.image_line(text) if "![" in text else ()
                if shown:
                    out.append(Image(number, shown))
        seen = max(seen, last)

    for place, kept in found[start:end]:
        images_up_to(place.line)
        parts = document.lines[place.line - 1]
        kind = block_kind(parts, place.block)
        rows = []
        for i in kept:
            segment = place.block.segments[i]
            entry = entries.get(segment.text)
            rows.append(Row(place.first + i, segment, kind, entry, status_of(entry, machine)))
        out.append(Paragraph(kind, tuple(rows)))
    if end >= len(found):
        images_up_to(len(document.source.lines))
    return tuple(out)


def rows(found: tuple[Item, ...]) -> Iterator[Row]:
    for item in found:
        if isinstance(item, Paragraph):
            yield from item.rows


# ---------------------------------------------------------------- the source, marked up


@dataclass(frozen=True)
class Span:
    """A piece of a source sentence: plain text, a glossary term, or a damaged span (with a note)."""

    text: str
    kind: str = ""  # "", "term" or "damage"
    note: str = ""


def source_spans(text: str, glossary: Glossary, language: str, traditional: bool) -> tuple[Span, ...]:
    """``text`` cut into spans: glossary terms of ``language`` (longest first) and damaged spans marked."""
    marks: list[tuple[int, int, str, str]] = []
    for found in damage.find(text, traditional):
        marks.append((found.start, found.end, "damage", found.describe()))
    for term in glossary.matches(text, language):
        start = text.find(term.source)
        while start != -1:
            marks.append((start, start + len(term.source), "term", term.describe()))
            start = text.find(term.source, start + len(term.source))
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2] != "damage"))
    spans: list[Span] = []
    at = 0
    for start, end, kind, note in marks:
        if start < at:
            continue  # overlaps a mark already made (damage and longer terms first)
        if start > at:
            spans.append(Span(text[at:start]))
        spans.append(Span(text[start:end], kind, note))
        at = end
    if at < len(text):
        spans.append(Span(text[at:]))
    return tuple(spans)


# ---------------------------------------------------------------- saving


def version(entry: Entry | None) -> str:
    """What a save is based on: a hash of what a person may change (msgstr, flags, translator comments).

    Refreshed references or extracted comments (an ``update``) do not change it.
    """
    if entry is None:
        return "none"
    text = "\x00".join((entry.msgstr, "\x01".join(entry.flags), "\x01".join(entry.translator_comments)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def person_comment(entry: Entry | None) -> str:
    """The translator's own comment lines (the tool's notes are not theirs to edit)."""
    if entry is None:
        return ""
    return "\n".join(c for c in entry.translator_comments if not c.startswith(NOTE))


def tool_notes(entry: Entry | None) -> tuple[str, ...]:
    return () if entry is None else tuple(c for c in entry.translator_comments if c.startswith(NOTE))


@dataclass(frozen=True)
class Edit:
    """One save from the page: the entry (by msgid), the version it was based on, the new content."""

    msgid: str
    base: str
    msgstr: str
    comment: str
    fuzzy: bool


class EntryConflict(Exception):
    """The entry on disk is no longer the one the edit was based on."""

    def __init__(self, current: Entry | None) -> None:
        super().__init__("the entry changed on disk")
        self.current = current


def find_entry(catalog: Catalog, msgid: str) -> Entry | None:
    return next((e for e in catalog.entries if e.msgid == msgid and e.msgctxt is None and not e.obsolete), None)


def edited_entry(entry: Entry, edit: Edit, machine: MachineFill | None) -> Entry:
    """``entry`` with the edit applied, as ``update`` would then leave it.

    - the person's comment lines are replaced; the tool's notes stay, unless the entry stops
      being fuzzy: then they and the previous source (``#|``) are stale and go, as the
      translator has reviewed the entry;
    - machine-filled languages: the machine fingerprint goes (a person's edit), unless the text is
      exactly the converter's output for a translated entry, which ``update`` marks as machine work.
    """
    lines = tuple(line.rstrip("\r") for line in edit.comment.replace("\r\n", "\n").split("\n")) if edit.comment else ()
    notes = tool_notes(entry)
    changes: dict[str, object] = {"msgstr": edit.msgstr}
    if not edit.fuzzy and (entry.fuzzy or entry.previous_msgid is not None):
        notes = ()
        changes.update(previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
    changes["translator_comments"] = (*lines, *notes)
    if machine is not None:
        extracted = tuple(c for c in entry.extracted_comments if not c.startswith(MACHINE_MARK))
        if not edit.fuzzy and edit.msgstr and edit.msgstr == machine(entry.msgid):
            extracted = (*extracted, machine_mark(edit.msgstr))
        changes["extracted_comments"] = extracted
    return entry.evolve(**changes).with_flag("fuzzy", edit.fuzzy)


def apply_save(catalog: Catalog, edit: Edit, machine: MachineFill | None) -> tuple[Catalog, Entry]:
    """``catalog`` (as on disk now) with one entry edited; every other entry as it is.

    EntryConflict if that entry is gone or no longer the version the edit was based on.
    """
    for i, entry in enumerate(catalog.entries):
        if entry.obsolete or entry.msgctxt is not None or entry.msgid != edit.msgid:
            continue
        if version(entry) != edit.base:
            raise EntryConflict(entry)
        new = edited_entry(entry, edit, machine)
        entries = (*catalog.entries[:i], new, *catalog.entries[i + 1 :])
        return replace(catalog, entries=entries), new
    raise EntryConflict(None)


def entry_text(entry: Entry) -> str:
    """One entry as ``po.write.render`` writes it (no blank line around it)."""
    return render(Catalog(entries=(entry,), has_header=False))[:-1]


def splice(data: bytes, old: Entry, new: Entry) -> bytes | None:
    """``data`` (a UTF-8 catalog file) with ``old``'s block replaced by ``new``'s; None if it is not one block there.

    Rendering a 50,000-entry catalog takes longer than a save should; a file in the project's
    layout holds each entry as ``render`` writes it, between blank lines, so the new file is the
    old one with one block replaced — the bytes ``render`` would give, and every other entry's
    bytes as they were even where an editor wrapped them. A block that is not found (an editor
    wrapped this very entry) makes the caller render the whole catalog.
    """
    before, after = entry_text(old).encode("utf-8"), entry_text(new).encode("utf-8")
    for lead, tail in ((b"\n\n", b"\n\n"), (b"\n\n", b"\n")):
        needle = lead + before + tail
        at = data.find(needle)
        if at == -1 or (tail == b"\n" and at + len(needle) != len(data)):
            continue
        if data.find(needle, at + 1) != -1:
            return None
        return data[:at] + lead + after + tail + data[at + len(needle) :]
    return None


def stamp_header(data: bytes, old: str, new: str) -> bytes | None:
    """``data`` with the header's ``PO-Revision-Date`` line changed from ``old`` to ``new``; None if it is
    not exactly one such line in the header block (then the caller renders the whole catalog)."""
    end = data.find(b"\n\n")
    head = data if end == -1 else data[:end]
    needle = f'"{header.REVISION}: {old}\\n"\n'.encode()
    at = head.find(needle)
    if at == -1 or head.find(needle, at + 1) != -1:
        return None
    return data[:at] + f'"{header.REVISION}: {new}\\n"\n'.encode() + data[at + len(needle) :]
