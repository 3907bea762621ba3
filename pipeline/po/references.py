"""``#:`` references on disk: a file name with spaces between U+2068 and U+2069, as GNU gettext writes it.

The model keeps each reference as the plain ``name:line`` (or ``name``); only the file's text
quotes a name that has a space or a tab (``#: ⁨source/台北 新聞.md⁩:1``), so that it reads as
one reference and not two. References are separated by spaces, tabs and line breaks only, as
GNU separates them: any other white space (U+3000, U+00A0) is part of a name. Rules and
versions: docs/catalogs.md.
"""

from __future__ import annotations

import re

FSI = "\u2068"  # FIRST STRONG ISOLATE: opens a quoted file name
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: closes it

# A name GNU quotes (a space or a tab), or one that would read as quoted (it starts with U+2068).
_QUOTED_NAME = re.compile(r"[ \t]|^\u2068")
_NAME_LINE = re.compile(r"(.*):([0-9]+)", re.S)
# What str.split() splits at besides the separators (space, tab, LF), and the quote: text with
# none of these splits the fast way (``read``, and the parser's loop itself). The list is
# checked against str.isspace by tests/po/test_references.py.
NOT_PLAIN = re.compile("[\u2068\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_REFERENCE = re.compile("\u2068([^\u2069\n]*)(?:\u2069(?::([0-9]+)(?![^ \t\n]))?)?|[^ \t\n]+")


def written(reference: str) -> str:
    """``reference`` as a ``#:`` line holds it: its file name quoted if it has a space or a tab."""
    if _QUOTED_NAME.search(reference) is None:
        return reference
    found = _NAME_LINE.fullmatch(reference)
    if found is None:
        return f"{FSI}{reference}{PDI}"
    return f"{FSI}{found[1]}{PDI}:{found[2]}"


def plain(joined: str, count: int) -> bool:
    """True if ``count`` references joined by single spaces (``joined``) are written as they are."""
    return joined.count(" ") == count - 1 and "\t" not in joined and FSI not in joined


def joined(references: tuple[str, ...]) -> str:
    """The references of one ``#:`` line, separated by spaces, each as written."""
    places = " ".join(references)
    return places if plain(places, len(references)) else " ".join(map(written, references))


def read(text: str) -> list[str]:
    """The references in the text of ``#:`` lines (without the ``#:``; lines joined by LF)."""
    if NOT_PLAIN.search(text) is None:
        return text.split()
    found = []
    for match in _REFERENCE.finditer(text):
        name, line = match.group(1, 2)
        if name is None:
            found.append(match.group())
        elif line is not None:
            found.append(f"{name}:{line}")
        elif name:
            found.append(name)
    return found
