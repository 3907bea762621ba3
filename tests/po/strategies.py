"""Catalogs for the po tests: a header, a round trip, and hypothesis strategies of awkward entries."""

from __future__ import annotations

import os

from hypothesis import strategies as st

from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render
from tests.conftest import piece_lists

HEADER = (("Content-Type", "text/plain; charset=UTF-8"), ("Language", "en"))


def round_trip(cat: Catalog) -> Catalog:
    return parse(render(cat), "x.po")


# Examples per property: 300 by default; HYPOTHESIS_EXAMPLES=10000 pytest tests/po runs more.
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))

# NUL and EOT cannot be in a PO string at all (GNU ends the string at NUL and reserves EOT
# as the context separator): the reader refuses both, so no catalog holds them.
CHAR = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\x04")
# What breaks naive PO writers and readers, drawn often rather than by luck.
AWKWARD_PIECES = [
    *('"', "\\", "\t", "\r", "\n", "\r\n", "\\n", '\\"', '"\n"', "\x01", "\x1b", "\x7f", "\x85"),
    *("\u2028", "\ufeff", "\u3000", " ", "#", "#~ ", "msgid ", 'msgstr "', "%s", "{0}"),
    *("𝄞", "😀", "𠀋", "🇹🇼", "中", "。", "é", "e\u0301"),  # astral characters, CJK, combining marks
]


PIECES = piece_lists(AWKWARD_PIECES, CHAR, 12, 6).map("".join)
# Long strings (long lines on disk: never wrapped): a piece repeated, cheap to draw.
LONG = st.builds(lambda piece, times: piece * times, st.text(CHAR, min_size=1, max_size=8), st.integers(100, 2000))
TEXT = st.one_of(st.text(CHAR, max_size=40), PIECES, LONG)
# TEXT's non-empty strings, made so rather than filtered (a msgid is never empty): every draw counts.
NONEMPTY_TEXT = st.one_of(
    st.text(CHAR, min_size=1, max_size=40),
    piece_lists(AWKWARD_PIECES, CHAR, 12, 6, nonempty=True).map("".join),
    LONG,
)
# A comment is one line; a translator comment keeps inner and trailing white space, the
# others are stripped by the format.
LINE_CHAR = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\x04\n\r")
LINE = st.one_of(
    st.text(LINE_CHAR, max_size=40),
    piece_lists([a for a in AWKWARD_PIECES if "\n" not in a and "\r" not in a], LINE_CHAR, None, 5).map("".join),
)
WORD = st.text(
    st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters=",#\u0085\u2028\u2029"),
    min_size=1,
    max_size=12,
).filter(lambda w: w == w.strip() and w.split() == [w])
# A WORD that may stand in a reference: without U+2069 (below), left out of the alphabet rather than filtered.
REFERENCE_WORD = st.text(
    st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters=",#\u0085\u2028\u2029\u2069"),
    min_size=1,
    max_size=12,
).filter(lambda w: w == w.strip() and w.split() == [w])
# A reference: a word, or a file name with spaces or tabs (written between U+2068 and U+2069),
# with or without a line number. U+2069 ends a quoted name, so no name holds it (a document
# name may not: workspace/project.py); nor a line break.
NAME_CHAR = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\x04\n\r\u2069")
NAME_PIECE_TEXTS = [" ", "\t", "  ", "\u3000", "\u2068", "台北", ".md", ":"]


# Strategies are made once, here, never inside a composite: a strategy made anew at each draw is
# validated and its properties worked out anew each time, which cost the po tests a third of
# their time. The composites below draw in the same order from the same strategies as before.
NAME_PIECES = piece_lists(NAME_PIECE_TEXTS, NAME_CHAR, 7, 6)
SPACE_AT = tuple(st.integers(0, n) for n in range(8))  # where the space goes among n pieces
SPACER = st.sampled_from([" ", "\t", "  "])


@st.composite
def spaced_names(draw: st.DrawFn) -> str:
    """1 to 8 pieces, at least one of them a space or a tab, put at any place: built so, never
    filtered (most lists of pieces hold none: drawing until one did wasted most of those draws)."""
    pieces = draw(NAME_PIECES)
    pieces.insert(draw(SPACE_AT[len(pieces)]), draw(SPACER))
    return "".join(pieces)


SPACED_NAME = spaced_names()
REFERENCE = st.one_of(
    REFERENCE_WORD,
    st.builds(lambda name, n: name if n is None else f"{name}:{n}", SPACED_NAME, st.none() | st.integers(0, 10**6)),
)
MAYBE_TEXT = st.none() | TEXT
PLURAL_MSGSTRS = st.lists(TEXT, min_size=1, max_size=3)
FLAGS = st.lists(WORD, max_size=3, unique=True)
PLAIN_FLAGS = st.lists(WORD, max_size=2, unique=True)
TRANSLATOR_COMMENTS = st.lists(LINE.map(lambda c: c.rstrip()), max_size=2)
EXTRACTED_COMMENTS = st.lists(LINE.map(lambda c: c.strip()), max_size=2)
REFERENCES = st.lists(REFERENCE, max_size=3)
PLAIN_REFERENCES = st.lists(REFERENCE, max_size=12)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    plural = draw(st.booleans())
    return Entry(
        msgid=draw(NONEMPTY_TEXT),
        msgstr="" if plural else draw(TEXT),
        msgctxt=draw(MAYBE_TEXT),
        msgid_plural=draw(TEXT) if plural else None,
        msgstr_plural=tuple(draw(PLURAL_MSGSTRS)) if plural else (),
        flags=tuple(draw(FLAGS)),
        translator_comments=tuple(draw(TRANSLATOR_COMMENTS)),
        extracted_comments=tuple(draw(EXTRACTED_COMMENTS)),
        references=tuple(draw(REFERENCES)),
        previous_msgctxt=draw(MAYBE_TEXT),
        previous_msgid=draw(MAYBE_TEXT),
        previous_msgid_plural=draw(TEXT) if plural and draw(st.booleans()) else None,
        obsolete=draw(st.booleans()),
    )


@st.composite
def plain_entries(draw: st.DrawFn) -> Entry:
    """Entries the writer's and the reader's fast paths handle: no context, plural or ``#|``."""
    return Entry(
        msgid=draw(NONEMPTY_TEXT),
        msgstr=draw(TEXT),
        flags=tuple(draw(PLAIN_FLAGS)) if draw(st.booleans()) else (),
        translator_comments=tuple(draw(TRANSLATOR_COMMENTS)),
        extracted_comments=tuple(draw(EXTRACTED_COMMENTS)),
        references=tuple(draw(PLAIN_REFERENCES)),
    )
