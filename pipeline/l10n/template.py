"""Build a template catalog (``.pot``) from a segmented document. Pure: no I/O.

One entry per distinct segment text, in source order; a sentence that occurs twice is one
entry with two references. The position goes in ``#:`` references and ``#.`` comments,
never in msgctxt, so inserting a paragraph does not disturb any other entry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pipeline.l10n.glossary import Glossary
from pipeline.po import header as _header
from pipeline.po.model import ENTRY_DEFAULTS, Catalog, entry_with
from pipeline.po.write import render_messages

if TYPE_CHECKING:  # the segmenter is loaded by the runs that segment (``Project.segmented``), not by this import
    from pipeline.text.segment import Document, Segment


@dataclass(frozen=True)
class SourceWarning:
    """Something wrong in the source that a person should look at."""

    path: str
    line: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


@dataclass(frozen=True)
class Columns:
    """A template just built, as columns: per message its msgid, extracted comments and references.

    Extracting a big document makes tens of thousands of messages: its ``.pot`` is rendered and
    its record kept from these lists (``render``, ``recorded.keep``) without an ``Entry`` per
    message; ``catalog`` makes the ``Catalog`` when a merge or a comparison needs one.
    """

    header: Catalog  # the header, no entries
    msgids: list[str]
    comments: list[tuple[str, ...]]
    references: list[tuple[str, ...]]

    def catalog(self) -> Catalog:
        """The template as a ``Catalog``."""
        defaults = ENTRY_DEFAULTS
        entries = tuple(
            [
                entry_with(defaults, {"msgid": msgid, "extracted_comments": comments, "references": references})
                for msgid, comments, references in zip(self.msgids, self.comments, self.references, strict=True)
            ]
        )
        return replace(self.header, entries=entries)

    def render(self) -> str:
        """The ``.pot`` text: ``po.write.render(self.catalog())``, without the entries."""
        return render_messages(self.header, self.msgids, self.comments, self.references)

    def with_date(self, date: str) -> Columns:
        """The same template with ``date`` as its creation date."""
        return replace(self, header=self.header.with_header("POT-Creation-Date", date))


def template(
    document: Document,
    reference_path: str,
    creation_date: str,
    previous: Catalog | None,
    glossary: Glossary | None = None,
    codes: tuple[str, ...] = (),
) -> Catalog:
    """The template for ``document``. ``previous``'s creation date is kept if no entry changed.

    With a ``glossary``, every entry whose source contains a term gets a comment per
    language of ``codes`` that has the term: ``glossary (en): 布加迪威龍 = Bugatti Veyron``.
    """
    return dated(build(document, reference_path, creation_date, glossary, codes).catalog(), previous)


def build(
    document: Document,
    reference_path: str,
    creation_date: str,
    glossary: Glossary | None = None,
    codes: tuple[str, ...] = (),
) -> Columns:
    """``template``'s messages as ``Columns`` (no previous template: see ``dated``)."""
    segments = document.all_segments
    texts = [segment.text for segment in segments]
    first = dict(
        zip(reversed(texts), reversed(segments), strict=True)
    )  # each text's first segment (later ones overwritten)
    order = dict.fromkeys(texts)  # the texts in source order
    more: dict[str, list[Segment]] = {}  # the texts that occur more than once: all their segments
    if len(order) != len(texts):
        repeated = {text for text, count in Counter(texts).items() if count > 1}
        for segment in segments:
            if segment.text in repeated:
                more.setdefault(segment.text, []).append(segment)
    glossary = glossary or Glossary()
    glossary.scan(order)  # once per segment: the languages' catalogs use the same answers
    terms = bool(glossary)
    all_comments: list[tuple[str, ...]] = []
    all_references: list[tuple[str, ...]] = []
    add_comments, add_references = all_comments.append, all_references.append
    for text in order:
        notes = glossary.template_comments(text, codes) if terms else ()
        only = first[text]
        # most sentences occur once, with no role nor damage: their comments made here, fast
        if text in more or only.role or only.damage or notes:
            comments, references = _entry(more.get(text, [only]), reference_path, notes)
        else:
            comments = (f"paragraph {only.paragraph}, sentence {only.sentence}",)
            references = (f"{reference_path}:{only.line}",)
        add_comments(comments)
        add_references(references)
    header = Catalog(
        header=_header.template_fields(document.domain, creation_date),
        header_comments=(
            f"Translation template for {reference_path}.",
            "Generated by article-l10n: run `python cli.py extract`; do not edit by hand.",
        ),
    )
    return Columns(header, list(order), all_comments, all_references)


def dated(built: Catalog, previous: Catalog | None) -> Catalog:
    """``built`` with ``previous``'s creation date if no entry changed: the date says when the content last changed."""
    if previous is not None and previous.entries == built.entries:
        date = _header.creation_date(previous)
        if date is not None:
            return built.with_header("POT-Creation-Date", date)
    return built


def _entry(
    segments: list[Segment], reference_path: str, glossary_notes: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The extracted comments and references of the entry of these segments (of one text)."""
    if len(segments) == 1:  # most sentences occur once: the same notes, without the bookkeeping
        only = segments[0]
        notes = [f"paragraph {only.paragraph}, sentence {only.sentence}"]
        if only.role:
            notes.append(only.role)
        notes += dict.fromkeys(only.damage)
        notes += glossary_notes
        return tuple(notes), (f"{reference_path}:{only.line}",)
    where = "; ".join(f"paragraph {s.paragraph}, sentence {s.sentence}" for s in segments)
    notes = [f"{where}"]
    notes += dict.fromkeys(s.role for s in segments if s.role)  # an image's description or title
    seen: set[str] = set()
    for segment in segments:
        for message in segment.damage:
            if message not in seen:
                seen.add(message)
                notes.append(message)
    notes += glossary_notes
    refs = tuple(dict.fromkeys(f"{reference_path}:{s.line}" for s in segments))
    return tuple(notes), refs


def warnings(document: Document, display_path: str) -> tuple[SourceWarning, ...]:
    """One warning per corrupted span, with its line."""
    found: list[SourceWarning] = []
    for segment in document.all_segments:
        for message in segment.damage:
            warning = SourceWarning(display_path, segment.line, message)
            if warning not in found:
                found.append(warning)
    return tuple(found)
