"""What a catalog says, whatever layout an editor wrote it in: equality up to re-wrapping.

``check`` uses it to tell a catalog that only an editor re-wrapped (harmless: the next
``update`` rewrites it in the project's layout) from one whose content is out of date.
"""

from __future__ import annotations

from pipeline.po.model import Entry


def meaning(entry: Entry) -> tuple[object, ...]:
    """What ``entry`` says, whatever layout an editor wrote it in: equal for equal meaning.

    Editors re-wrap comments: polib wraps ``#.`` and ``#:`` lines at its ``wrapwidth``, GNU
    msgcat/msgmerge fill ``#:`` references up to 79 columns, others join them. So extracted
    comments count as their text without white space (lines joined, a break at a space or
    after a hyphen alike), references as their sequence of words, and flags as a set.
    Everything else (msgids, msgstrs, translator comments, ``#|`` fields, obsolete) counts as is.
    """
    return (
        entry.obsolete,
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        entry.msgstr_plural,
        tuple(sorted(set(entry.flags))),
        entry.translator_comments,
        squashed(entry.extracted_comments),
        tuple(" ".join(entry.references).split()),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


def squashed(lines: tuple[str, ...]) -> str:
    """Comment lines as one text without any white space: the same however they were wrapped."""
    return "".join("".join(lines).split())
