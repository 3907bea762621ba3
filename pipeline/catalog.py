"""Gettext catalogs as plain data: parse with polib, render in one stable layout.

``Catalog`` and ``Entry`` are frozen records; ``parse`` turns text into them and ``render``
turns them back into text. Neither touches the disk (``fs`` does the writing).

The layout ``render`` produces is the one GNU ``msgcat --no-wrap`` produces: strings are
never wrapped except after an embedded ``\\n``; ``#:`` references are filled up to 79
columns. So ``msgcat --no-wrap`` reproduces a catalog byte for byte, and a translator's
editor that keeps long lines makes no diff noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from .errors import CatalogError

REFERENCE_WIDTH = 79


@dataclass(frozen=True)
class Entry:
    """One message. Comment fields hold lines without their ``#`` marker."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    # Where the entry starts in the file it was parsed from (1-based; None when not parsed
    # from a file). Not part of the message: ignored by ==, never rendered.
    line: int | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Has a translation that is not fuzzy (every plural form filled)."""
        if self.fuzzy:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    def with_flag(self, flag: str, on: bool = True) -> Entry:
        """A copy with ``flag`` set or cleared (order of the other flags kept)."""
        flags = tuple(f for f in self.flags if f != flag)
        if on:
            flags = (flag, *flags) if flag == "fuzzy" else (*flags, flag)
        return replace(self, flags=flags)


@dataclass(frozen=True)
class Catalog:
    """A header (ordered fields) plus entries, live ones first in the order given."""

    header: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = field(default=())
    has_header: bool = True

    def header_value(self, name: str) -> str | None:
        for key, value in self.header:
            if key.lower() == name.lower():
                return value
        return None

    def with_header(self, name: str, value: str) -> Catalog:
        """A copy with header field ``name`` set (kept in place, or appended)."""
        fields = list(self.header)
        for i, (key, _) in enumerate(fields):
            if key.lower() == name.lower():
                fields[i] = (key, value)
                break
        else:
            fields.append((name, value))
        return replace(self, header=tuple(fields))

    @property
    def live(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.obsolete)

    @property
    def obsolete(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.obsolete)


# ---------------------------------------------------------------- parsing

_STRING = r'"(?:[^"\\]|\\.)*"'
_VALID_LINE = re.compile(rf"\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*{_STRING}|{_STRING})?\s*")
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")


def decode(data: bytes, path: Path | str) -> str:
    """Decode a catalog's bytes using the charset its header declares (UTF-8 by default)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    match = _CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    if charset.upper() == "CHARSET":  # the template placeholder
        charset = "utf-8"
    try:
        return data.decode(charset)
    except LookupError:
        raise CatalogError(f"unknown charset {charset!r} in the header", path) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(
            f"bytes not valid {charset} at offset {exc.start}; fix the charset in the header or the file's encoding",
            path,
            line,
        ) from None


def parse(text: str, path: Path | str) -> Catalog:
    """Parse catalog text. Raises CatalogError naming the file and line on bad syntax."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        if not _VALID_LINE.fullmatch(line):
            raise CatalogError(f"syntax error: {line[:40]!r} is not a PO line; fix or remove it", path, number)
    if not text.strip():
        return Catalog(has_header=False)
    try:
        po = polib.pofile(text if "\n" in text else text + "\n", check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        match = _SYNTAX_LINE.search(str(exc))
        raise CatalogError(
            f"syntax error: {str(exc).split(' (line')[0]}", path, int(match.group(1)) if match else None
        ) from None
    return _from_polib(po)


def read(path: Path, display: Path | str | None = None) -> Catalog:
    """Read and parse a catalog file."""
    shown = display or path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", shown) from None
    return parse(decode(data, shown), shown)


def _from_polib(po: polib.POFile) -> Catalog:
    header_entry_found = po.metadata or po.header or any(e.msgid == "" for e in po)
    entries = tuple(_entry(e) for e in po if e.msgid != "" or e.msgctxt)
    return Catalog(
        header=tuple(po.metadata.items()),
        header_comments=tuple(po.header.split("\n")) if po.header else (),
        header_flags=tuple((po.metadata_is_fuzzy and ["fuzzy"]) or []),
        entries=entries,
        has_header=bool(header_entry_found),
    )


def _entry(e: polib.POEntry) -> Entry:
    plural = tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural)) if e.msgid_plural else ()
    return Entry(
        msgid=e.msgid,
        msgstr=e.msgstr if not e.msgid_plural else "",
        msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural or None,
        msgstr_plural=plural,
        flags=tuple(e.flags),
        translator_comments=tuple(e.tcomment.split("\n")) if e.tcomment else (),
        extracted_comments=tuple(e.comment.split("\n")) if e.comment else (),
        references=tuple(f"{name}:{line}" if line else name for name, line in e.occurrences),
        previous_msgctxt=e.previous_msgctxt,
        previous_msgid=e.previous_msgid,
        previous_msgid_plural=e.previous_msgid_plural,
        obsolete=bool(e.obsolete),
        line=e.linenum,
    )


# ---------------------------------------------------------------- rendering

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_ESCAPE_RE = re.compile(r'[\\"\n\t\r\a\b\f\v]')


def _quote(text: str) -> str:
    return '"' + _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text) + '"'


def _field(keyword: str, text: str, prefix: str = "") -> list[str]:
    """``keyword "text"``, split after each embedded newline as msgcat does."""
    if "\n" in text[:-1]:
        pieces = text.split("\n")
        chunks = [p + "\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
        return [f'{prefix}{keyword} ""'] + [prefix + _quote(c) for c in chunks]
    return [f"{prefix}{keyword} {_quote(text)}"]


def _references(refs: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if len(current) > 2 and len(current) + 1 + len(ref) > REFERENCE_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    lines.append(current)
    return lines


def _comment(marker: str, text: str) -> str:
    return f"{marker} {text}" if text else marker


def _entry_lines(entry: Entry) -> list[str]:
    lines = [_comment("#", c) for c in entry.translator_comments]
    lines += [_comment("#.", c) for c in entry.extracted_comments]
    if entry.references:
        lines += _references(entry.references)
    flags = entry.flags if entry.msgstr or any(entry.msgstr_plural) else tuple(f for f in entry.flags if f != "fuzzy")
    if flags:
        lines.append("#, " + ", ".join(flags))
    mark = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += _field("msgctxt", entry.previous_msgctxt, previous)
    if entry.previous_msgid is not None:
        lines += _field("msgid", entry.previous_msgid, previous)
    if entry.previous_msgid_plural is not None:
        lines += _field("msgid_plural", entry.previous_msgid_plural, previous)
    if entry.msgctxt is not None:
        lines += _field("msgctxt", entry.msgctxt, mark)
    lines += _field("msgid", entry.msgid, mark)
    if entry.msgid_plural is not None:
        lines += _field("msgid_plural", entry.msgid_plural, mark)
        for index, form in enumerate(entry.msgstr_plural or ("",)):
            lines += _field(f"msgstr[{index}]", form, mark)
    else:
        lines += _field("msgstr", entry.msgstr, mark)
    return lines


def render(catalog: Catalog) -> str:
    """The catalog as PO text, in the ``msgcat --no-wrap`` layout."""
    blocks: list[list[str]] = []
    if catalog.has_header:
        head = [_comment("#", c) for c in catalog.header_comments]
        if catalog.header_flags:
            head.append("#, " + ", ".join(catalog.header_flags))
        head += _field("msgid", "")
        head += _field("msgstr", "".join(f"{k}: {v}\n" for k, v in catalog.header))
        blocks.append(head)
    live = [e for e in catalog.entries if not e.obsolete]
    dead = [e for e in catalog.entries if e.obsolete]
    blocks += [_entry_lines(e) for e in live + dead]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n" if blocks else ""
