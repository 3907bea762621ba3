"""The records exchange files are written from and read into, and how a catalog entry becomes one.

This module and ``run`` are the only ones of the package that know catalog APIs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from pipeline.po.model import (
    Catalog as Catalog,
)  # re-exported: the package's other modules take catalog types from here
from pipeline.po.model import Entry as Entry

TOOL_NOTE = "article-l10n:"  # the tool's own translator comments start so (merge.py's notes)


@dataclass(frozen=True)
class Note:
    """A note for the translator: ``category`` says what it is (comment, extracted, glossary, previous, …)."""

    category: str
    text: str


@dataclass(frozen=True)
class OutUnit:
    """One catalog entry as it goes out."""

    id: str  # entry_id(): the same entry comes back to it
    source: str
    target: str | None  # None: untranslated
    fuzzy: bool
    base: str  # state_hash() of the entry at export: an import checks nothing changed since
    notes: tuple[Note, ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutFile:
    """One document's catalog as it goes out."""

    document: str  # the gettext domain
    units: tuple[OutUnit, ...]


@dataclass(frozen=True)
class Exchange:
    """What one exchange file holds: one target language, one file per document."""

    source_language: str  # BCP 47
    target_language: str  # BCP 47
    files: tuple[OutFile, ...]


@dataclass(frozen=True)
class InUnit:
    """One unit read back from an exchange file."""

    document: str
    id: str
    source: str
    target: str | None  # None: the unit has no target (or an empty one)
    fuzzy: bool  # the tool says the target needs review
    base: str | None  # the state hash written at export; None when the tool dropped it
    line: int | None = None  # where the unit starts in the file


@dataclass(frozen=True)
class Incoming:
    """An exchange file read back."""

    path: str
    format: str  # "xliff" or "xliff12"
    source_language: str  # as written (BCP 47)
    target_language: str
    units: tuple[InUnit, ...]


def entry_id(msgctxt: str | None, msgid: str) -> str:
    """A unit id for an entry (an XML NMTOKEN): from its key, so that it survives moves."""
    key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
    return "u" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def state_hash(msgstr: str, fuzzy: bool) -> str:
    """What an entry's translation was: compared at import to see whether someone changed it since."""
    return hashlib.sha256(f"{int(fuzzy)}\x00{msgstr}".encode()).hexdigest()[:16]


def entry_state(entry: Entry) -> str:
    return state_hash(entry.msgstr, entry.fuzzy)


def out_unit(entry: Entry) -> OutUnit:
    """A live simple entry as a unit, with the notes a translator needs."""
    notes = [Note("translator", line.strip()) for line in entry.translator_comments if line.strip()]
    for line in entry.extracted_comments:
        text = line.strip()
        if not text or text.startswith("machine-converted"):
            continue
        category = "glossary" if text.startswith("glossary") else "damage" if "damage" in text else "developer"
        notes.append(Note(category, text))
    if entry.fuzzy and entry.has_translation:
        notes.append(Note("review", "needs review: the source changed since this translation was made"))
    if entry.previous_msgid is not None:
        notes.append(Note("previous-source", f"previous source: {entry.previous_msgid}"))
    return OutUnit(
        id=entry_id(entry.msgctxt, entry.msgid),
        source=entry.msgid,
        target=entry.msgstr or None,
        fuzzy=entry.fuzzy,
        base=entry_state(entry),
        notes=tuple(notes),
        references=entry.references,
    )


def out_file(document: str, catalog: Catalog) -> OutFile:
    """A catalog's live simple entries (plurals have no place in a segment), in catalog (article) order."""
    return OutFile(document, tuple(out_unit(e) for e in catalog.live if e.msgid and e.msgid_plural is None))


# ---------------------------------------------------------------- what an import does to entries


def live_by_id(catalog: Catalog) -> dict[str, Entry]:
    """The catalog's live simple entries by unit id."""
    return {entry_id(e.msgctxt, e.msgid): e for e in catalog.live if e.msgid and e.msgid_plural is None}


def translated(entry: Entry, target: str, fuzzy: bool) -> Entry:
    """``entry`` with ``target`` as its translation; a translation confirmed (not fuzzy) loses its ``#|``."""
    if entry.msgstr == target and entry.fuzzy == fuzzy:
        return entry  # the same translation and state: nothing of the entry changes (not even its flags' order)
    flags = tuple(f for f in entry.flags if f != "fuzzy")  # as with_flag("fuzzy", fuzzy), in one copy
    if fuzzy:
        return entry.evolve(msgstr=target, flags=("fuzzy", *flags))
    return entry.evolve(
        msgstr=target, flags=flags, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None
    )


def suggested(entry: Entry, target: str, old_source: str | None, note: str) -> Entry:
    """``entry`` with ``target`` as a fuzzy suggestion made for ``old_source`` (shown as ``#|``)."""
    comments = tuple(c for c in entry.translator_comments if not c.startswith(f"{TOOL_NOTE} from exchange file"))
    return entry.evolve(
        msgstr=target,
        previous_msgid=old_source,
        translator_comments=(*comments, f"{TOOL_NOTE} {note}"),
    ).with_flag("fuzzy", True)


def is_blank(entry: Entry) -> bool:
    """No translation and nothing of a person's (comment, flag): a suggestion may fill it."""
    return not entry.has_translation and not entry.translator_comments and not entry.flags


def with_entries(catalog: Catalog, changed: dict[str, Entry], live: dict[str, Entry]) -> Catalog:
    """``catalog`` with the entries whose unit id is in ``changed`` replaced (order kept).

    ``live`` is ``live_by_id(catalog)``: each entry to replace is found by identity (the object
    the catalog holds), not by hashing every entry's key again (50,000 entries, issue 16).
    """
    if not changed:
        return catalog
    replaced = {id(live[key]): entry for key, entry in changed.items()}
    entries = tuple(replaced.get(id(e), e) for e in catalog.entries)
    return replace(catalog, entries=entries)
