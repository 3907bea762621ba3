"""A catalog file as stored: what was read from it, and what the next write changes about it.

Every catalog the pipeline writes is UTF-8, with LF line endings, no byte order mark and a
header whose ``Content-Type`` says ``charset=UTF-8`` (the ``msgcat --no-wrap`` layout).
Translators' files come from many editors and systems: in a legacy charset (ISO-8859-1,
KOI8-R…), with CRLF line endings, a BOM, or no header. They are read as they are; the next
write converts them, and ``prepare`` says so in one notice per change, for the command to
show. Pure: the bytes come from ``Project``, the writing is ``fs``'s.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.po import catalog
from pipeline.po.catalog import Catalog
from pipeline.workspace import fs

_CHARSET_PARAM = re.compile(r"charset=[^;\s]*", re.IGNORECASE)
UTF8_CONTENT_TYPE = "text/plain; charset=UTF-8"


@dataclass(frozen=True)
class CatalogFile:
    """A catalog read from disk, with what the next write must know about the file."""

    catalog: Catalog
    fingerprint: str  # of the bytes read: the write checks the file still holds them
    charset: str  # the charset the header declared ("UTF-8" when none)
    bom: bool  # the file started with a UTF-8 byte order mark
    crlf: bool  # the file had CRLF line endings (some or all)


def from_bytes(data: bytes, display: Path | str) -> CatalogFile:
    """Decode and parse a catalog file's bytes (CatalogError naming ``display`` and the line)."""
    decoded = catalog.decode_file(data, display)
    return CatalogFile(
        catalog=catalog.parse(decoded.text, display, decoded.charset),
        fingerprint=fs.fingerprint(data),
        charset=decoded.charset,
        bom=decoded.bom,
        crlf=b"\r\n" in data,
    )


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def declared_charset(cat: Catalog) -> str | None:
    """The charset the header's Content-Type declares, or None."""
    value = cat.header_value("Content-Type")
    match = _CHARSET_PARAM.search(value or "")
    return match.group()[len("charset=") :] if match else None


def utf8_header(cat: Catalog) -> Catalog:
    """``cat`` with a header that declares UTF-8 (unchanged if it does already, or has no header)."""
    if not cat.has_header:
        return cat
    value = cat.header_value("Content-Type")
    if value is None:
        return cat.with_header("Content-Type", UTF8_CONTENT_TYPE)
    charset = declared_charset(cat)
    if charset is not None and _is_utf8(charset):
        return cat
    if charset is None:
        new = f"{value.rstrip().rstrip(';')}; charset=UTF-8" if value.strip() else UTF8_CONTENT_TYPE
    else:
        new = _CHARSET_PARAM.sub("charset=UTF-8", value, count=1)
    return cat.with_header("Content-Type", new)


def prepare(read: CatalogFile | None, merged: Catalog) -> tuple[Catalog, tuple[str, ...]]:
    """The catalog as it will be written (header declaring UTF-8), and the notices of what that changes.

    ``read``: the file as it was read (None: there was none); ``merged``: the new content.
    """
    written = utf8_header(merged)
    if read is None:
        return written, ()
    notices: list[str] = []
    before = declared_charset(read.catalog) if read.catalog.has_header else None
    if not _is_utf8(read.charset):
        notices.append(f"converted from {read.charset} to UTF-8 (the header's charset says so too)")
    elif before is not None and not _is_utf8(before):
        notices.append(f"header charset {before} replaced by UTF-8, the file's encoding")
    if read.bom:
        notices.append("byte order mark removed")
    if read.crlf:
        notices.append("CRLF line endings written as LF")
    if not read.catalog.has_header:
        notices.append("header added (the file had none)")
    return written, tuple(notices)
