"""What the merge writes into an entry besides its translation: this tool's notes, the converter's fingerprint.

Notes are translator-comment lines starting with ``NOTE``, so that a person's own comment
lines are never mistaken for them; the fingerprint is an extracted comment. Which notes a
rule writes and when they go: docs/merge.md.
"""

from __future__ import annotations

import hashlib

from pipeline.po.model import Entry

NOTE = "article-l10n:"  # translator comment lines written by this tool start with this
# This tool's notes that say why an entry is fuzzy: stale once the entry is translated again.
JOINED_NOTE = f"{NOTE} joined from "
SPLIT_NOTE = f"{NOTE} split into "
FUZZY_NOTES = (f"{NOTE} number changed: ", f"{NOTE} sentence mood changed: ", JOINED_NOTE, SPLIT_NOTE)
MEMORY_NOTE = f"{NOTE} from translation memory: "


MACHINE_MARK = "machine-converted; fingerprint "


def machine_mark(msgstr: str) -> str:
    """The extracted comment that marks ``msgstr`` as the converter's work.

    If a person edits the msgstr, the fingerprint no longer matches and their text is kept
    forever; if not, the entry may be regenerated even after the converter itself changed.
    """
    return MACHINE_MARK + hashlib.sha1(msgstr.encode("utf-8")).hexdigest()[:12]


def with_note(comments: tuple[str, ...], note: str) -> tuple[str, ...]:
    """The translator comments with this tool's note replaced (a person's lines untouched)."""
    return (*(c for c in comments if not c.startswith(NOTE)), f"{NOTE} {note}")


def absorb(newer: Entry, older: Entry) -> Entry:
    """``newer`` with the translator comments, flags and (as a comment) the translation of
    ``older``, an obsolete entry with the same msgid: nothing of either is lost."""
    comments = list(newer.translator_comments)
    comments += [c for c in older.translator_comments if c not in comments]
    if older.msgstr and older.msgstr != newer.msgstr:
        comments.append(f"earlier translation: {one_line(older.msgstr, limit=100_000)}")
    flags = (*newer.flags, *(f for f in older.flags if f not in newer.flags and f != "fuzzy"))
    return newer.evolve(translator_comments=tuple(comments), flags=flags)


def one_line(text: str, limit: int = 200) -> str:
    flat = text.replace("\n", "\\n")
    return flat if len(flat) <= limit else flat[:limit] + "…"


def confirmed(entry: Entry, memory_translated: bool = False) -> Entry:
    """A translated (not fuzzy) entry without the ``#|`` fields and this tool's notes on why it was fuzzy.

    What is left behind when a person un-fuzzies an entry in an editor (Poedit's "needs
    work" switched off): the translation now stands for the msgid, so those lines are stale.
    The memory's note stays when memory matches arrive translated (it is there by design).
    """
    if entry.fuzzy or not entry.has_translation:
        return entry
    stale = FUZZY_NOTES if memory_translated else (*FUZZY_NOTES, MEMORY_NOTE)
    comments = tuple(c for c in entry.translator_comments if not c.startswith(stale))
    if entry.previous_msgid is None and entry.previous_msgctxt is None and comments == entry.translator_comments:
        return entry
    return entry.evolve(
        translator_comments=comments, previous_msgid=None, previous_msgctxt=None, previous_msgid_plural=None
    )
