"""A catalog file's bytes as text: the charset its header declares, refused with the line when wrong.

GNU reads a PO file in the charset of its header's ``Content-Type``; so does this. What cannot
be read faithfully (binary files, UTF-16, bytes not valid in the charset, a legacy charset
declared for UTF-8 bytes) is refused, so that the next write never garbles a translation.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import CatalogError

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
# The header's Content-Type field, wherever the header stands (GNU reads the whole file in its charset).
_CONTENT_TYPE_CHARSET = re.compile(rb'"Content-Type:[^"\n\\]*charset=([A-Za-z0-9_.:-]+)')
_BOM = b"\xef\xbb\xbf"
_MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_ASCII_PROBE = 'msgid "#"\n'  # a charset must write the PO syntax as ASCII does


@dataclass(frozen=True)
class Decoded:
    """A catalog file's text and how it was stored."""

    text: str
    charset: str  # the charset the header declares, as written there; "UTF-8" when it declares none
    bom: bool  # the bytes started with a UTF-8 byte order mark

    @property
    def utf8(self) -> bool:
        return _codec(self.charset) == "utf-8"


def _codec(charset: str) -> str:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return charset.lower()


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_file(data: bytes, path: Path | str) -> Decoded:
    """Decode a catalog's bytes in the charset its header declares (UTF-8 by default).

    Refused, with the line: binary files (a NUL byte: a compiled ``.mo``, UTF-16 text), bytes
    that are not valid in the declared charset, an unknown charset, and a header that declares
    a legacy charset for bytes that are in fact UTF-8 (reading them as declared would garble
    every non-ASCII character, and the next write would make that permanent).
    """
    bom = data.startswith(_BOM)
    skipped = 3 if bom else 0  # so that byte offsets count from the start of the file
    if bom:
        data = data[3:]
    if b"\x00" in data:
        offset = data.index(b"\x00") + skipped
        if data[:4] in _MO_MAGIC:
            what = "a compiled .mo file, not a .po text file; use the .po file it was compiled from"
        elif data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1:2] == b"\x00" or data[:1] == b"\x00":
            what = "UTF-16 (or another wide encoding); convert it to UTF-8, e.g. with iconv"
        else:
            what = "a binary file, not a PO catalog"
        raise CatalogError(f"NUL byte at byte offset {offset}: this is {what}", path, _line_of(data, offset - skipped))
    match = _CONTENT_TYPE_CHARSET.search(data) or _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii") if match else "UTF-8"
    charset = "UTF-8" if declared.upper() == "CHARSET" else declared  # the template placeholder
    codec = _codec(charset)
    header_line = _line_of(data, match.start()) if match else None
    try:
        text = data.decode(charset)
        ascii_compatible = _ASCII_PROBE.encode(charset) == _ASCII_PROBE.encode("ascii")
    except LookupError:
        raise CatalogError(f"unknown charset {charset!r} in the header", path, header_line) from None
    except UnicodeDecodeError as exc:
        raise CatalogError(
            f"bytes not valid {charset} at offset {exc.start + skipped}; "
            "fix the charset in the header or the file's encoding",
            path,
            _line_of(data, exc.start),
        ) from None
    if not ascii_compatible:
        raise CatalogError(
            f"charset {charset} in the header is not ASCII-compatible; PO files cannot use it: convert to UTF-8",
            path,
            header_line,
        )
    if codec != "utf-8" and match is not None:
        high = _NON_ASCII.search(data)
        if high is not None and _is_utf8(data):
            raise CatalogError(
                f"the header declares charset {charset}, but the file is UTF-8 (first non-ASCII byte at offset "
                f"{high.start() + skipped}); change the header to charset=UTF-8",
                path,
                header_line,
            )
    return Decoded(text, charset, bom)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, path: Path | str) -> str:
    """Decode a catalog's bytes using the charset its header declares (UTF-8 by default)."""
    return decode_file(data, path).text
