"""A catalog file as stored: the one loader, and what the next write changes about the file.

``load`` is how every part of the pipeline reads a catalog file (``.po``, ``.pot`` or ``.mo``):
the bytes are read once and handed on with the parsed catalog, so a caller that also needs
their fingerprint (to guard the next write) or their hash (the cache) does not read again.
Errors are ``CatalogError`` naming the file and, for bad syntax or encoding, the line.

Every catalog the pipeline writes is UTF-8, with LF line endings, no byte order mark and a
header whose ``Content-Type`` says ``charset=UTF-8`` (the ``msgcat --no-wrap`` layout).
Translators' files come from many editors and systems: in a legacy charset (ISO-8859-1,
KOI8-R…), with CRLF line endings, a BOM, or no header. They are read as they are; the next
write converts them, and ``prepare`` says so in one notice per change, for the command to
show. The writing is ``fs``'s.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import CatalogError
from pipeline.po import header
from pipeline.po.decode import Decoded, decode_file
from pipeline.po.mo import parse_mo
from pipeline.po.model import Catalog
from pipeline.po.parse import parse
from pipeline.po.write import first_line
from pipeline.workspace import fs


@dataclass(frozen=True)
class CatalogFile:
    """A catalog read from disk, with what the next write must know about the file."""

    catalog: Catalog
    fingerprint: str  # of the bytes read: the write checks the file still holds them
    charset: str  # the charset the header declared ("UTF-8" when none)
    bom: bool  # the file started with a UTF-8 byte order mark
    crlf: bool  # the file had CRLF line endings (some or all)
    data: bytes = b""  # the bytes read (or written), for a caller that hashes or splices them


def load(path: Path, display: Path | str | None = None, known: CatalogFile | None = None) -> CatalogFile | None:
    """The catalog file at ``path``, or None if there is none. The only function that reads catalog files.

    ``display``: the name errors give (default: ``path``). ``known``: a previous load of the
    same file, returned as it is when the file still holds the same bytes (no second parse).
    A ``.mo`` file is read as a compiled catalog.
    """
    shown = display if display is not None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", shown) from None
    if known is not None and known.fingerprint == fs.fingerprint(data):
        return known
    return from_bytes(data, shown, compiled=path.suffix == ".mo")


def from_bytes(data: bytes, display: Path | str, compiled: bool = False) -> CatalogFile:
    """A catalog file's bytes, decoded and parsed (``compiled``: a ``.mo`` file's): ``load`` without the reading.

    For bytes already in hand, e.g. a catalog about to be written, parsed back so that its
    entries carry their line numbers. CatalogError naming ``display`` and the line.
    """
    if compiled:
        return CatalogFile(parse_mo(data, display), fs.fingerprint(data), "UTF-8", False, False, data)

    def parsed() -> tuple[Decoded, Catalog]:
        decoded = decode_file(data, display)
        return decoded, parse(decoded.text, display, decoded.charset)

    fingerprint, (decoded, catalog) = fs.digest_beside(data, parsed)  # the fingerprint: the file's digest
    return CatalogFile(
        catalog=catalog,
        fingerprint=fingerprint,
        charset=decoded.charset,
        bom=decoded.bom,
        crlf=b"\r" in data and b"\r\n" in data,  # a byte first: a two-byte search of 14 MB takes 13 ms
        data=data,
    )


def read(path: Path, display: Path | str | None = None) -> Catalog:
    """The catalog at ``path``, which must exist (``load``, for a caller that has no use for absence)."""
    found = load(path, display)
    if found is None:
        raise CatalogError("cannot read: No such file or directory", display if display is not None else path)
    return found.catalog


def header_value(data: bytes, name: str) -> str | None:
    """Header field ``name`` of a catalog file's bytes, read from the first entry alone (no parse of the rest).

    None when the file has no such field or its first entry is not readable (a full ``load`` then says why).
    """
    end = data.find(b"\n\n")
    head = data if end < 0 else data[: end + 1]
    try:
        found = from_bytes(head, "")
    except CatalogError:
        return None
    return found.catalog.header_value(name)


def written(cat: Catalog, data: bytes) -> CatalogFile:
    """The file just written as ``data`` (this tool's layout: UTF-8, LF, no BOM) holding ``cat``."""
    return CatalogFile(cat, fs.fingerprint(data), "UTF-8", False, False, data)


def prepare(read: CatalogFile | None, merged: Catalog) -> tuple[Catalog, tuple[str, ...]]:
    """The catalog as it will be written (header declaring UTF-8), and the notices of what that changes.

    ``read``: the file as it was read (None: there was none); ``merged``: the new content.
    """
    result = header.utf8_header(merged)
    if read is None:
        return result, ()
    notices: list[str] = []
    before = header.declared_charset(read.catalog) if read.catalog.has_header else None
    if not header.is_utf8(read.charset):
        notices.append(f"converted from {read.charset} to UTF-8 (the header's charset says so too)")
    elif before is not None and not header.is_utf8(before):
        notices.append(f"header charset {before} replaced by UTF-8, the file's encoding")
    if read.bom:
        notices.append("byte order mark removed")
    if read.crlf:
        notices.append("CRLF line endings written as LF")
    if not read.catalog.has_header and result.has_header:
        notices.append("header added (the file had none)")
    return result, tuple(notices)


_FEW = 32  # up to this many msgids, look for each in the file; more: read every msgid line
_QUOTED_LINE = re.compile(rb'^(?:msgid )?"(.*)"$', re.MULTILINE)


def may_hold(paths: Sequence[Path], msgids: Collection[str]) -> list[bool]:
    """For each catalog file (as this tool writes it): may it have an entry of one of ``msgids``? Without parsing.

    Each msgid starts with a line ``msgid "…"`` (or ``"…"`` after ``msgid ""``) in the
    writer's escaping: looking for those lines finds every such entry (and a few others).
    True for a file that is gone or unreadable (reading it properly then says what it is).
    """
    wanted = {first_line(msgid).encode("utf-8") for msgid in msgids}
    quoted = [b'"' + line + b'"\n' for line in wanted]
    found = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            found.append(True)
            continue
        if len(quoted) <= _FEW:
            found.append(any(line in data for line in quoted))
        else:
            found.append(not wanted.isdisjoint(_QUOTED_LINE.findall(data)))
    return found
