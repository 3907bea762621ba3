"""Backslash escapes that keep a text from changing the Markdown structure around it.

A translation is inline Markdown in a block that belongs to the source: where it begins a
block, a start Markdown would read as a new block (``# ``, ``> ``, ``- ``, ``1. ``, ``---``,
a code fence, ``<div>``, a link definition ``[x]: url``…) gets a backslash; in a table cell
an unescaped ``|`` does; at its end, a lone backslash would escape what the source puts after it
(a cell's ``|``, an alt text's ``]``, the next sentence's ``**``), and in a heading a closing run
of ``#`` would be read as the heading's closing sequence.
"""

from __future__ import annotations

import re

# Block starts (CommonMark, after the indentation, which is stripped): the group is where a backslash goes.
_BLOCK_START = re.compile(
    r"(#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$|`{3,}|~{3,}"
    r"|\[[^\]]*\]:|<[A-Za-z!/?])"
    r"|\d{1,9}([.)])(?:[ \t]|$)"
)
_CLOSING_HASHES = re.compile(r"(?<![^ \t])(#+[ \t]*)$")  # after white space (or alone): ATX's closing sequence
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def block_start(text: str) -> str:
    """``text`` (indentation already stripped) with a block start at its beginning escaped."""
    match = _BLOCK_START.match(text)
    if match:
        at = match.start(1) if match.group(1) is not None else match.start(2)
        text = f"{text[:at]}\\{text[at:]}"
    return text


def pipes(text: str) -> str:
    """``text`` with each unescaped ``|`` escaped (in a table cell it would end the cell)."""
    return _UNESCAPED_PIPE.sub(r"\1\\|", text)


def characters(text: str, chars: str) -> str:
    """``text`` with each unescaped character of ``chars`` escaped."""
    return re.sub(f"(?<!\\\\)((?:\\\\\\\\)*)([{re.escape(chars)}])", r"\1\\\2", text)


def trailing_backslash(text: str) -> str:
    """``text`` with a backslash that ends it unescaped doubled: it would escape the next character."""
    return text + "\\" if (len(text) - len(text.rstrip("\\"))) % 2 else text


def heading_end(text: str) -> str:
    """``text`` (the end of an ATX heading) with a final run of ``#`` after white space escaped (``C \\#``)."""
    return _CLOSING_HASHES.sub(r"\\\1", text)
