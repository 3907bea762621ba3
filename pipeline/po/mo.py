"""A compiled catalog (``.mo``) as a ``Catalog``, e.g. an old release used as a compendium."""

from __future__ import annotations

import struct
from pathlib import Path

from pipeline.errors import CatalogError
from pipeline.po.model import Catalog, Entry


def parse_mo(data: bytes, path: Path | str) -> Catalog:
    """The messages of a ``.mo`` file's bytes (polib reads them); CatalogError naming ``path`` if they are not one."""
    if b"\x00" not in data:  # every .mo has NUL bytes; polib would take these bytes for a file name
        raise CatalogError("cannot read as a .mo file: Invalid mo file, magic number is incorrect !", path)
    import polib  # loaded for .mo files only (start-up: every command reads catalogs through po.file)

    try:
        mo = polib.mofile(data)
    except (OSError, ValueError, struct.error) as exc:
        raise CatalogError(f"cannot read as a .mo file: {exc}", path) from None
    entries = []
    for e in mo:
        if e.msgid == "":
            continue
        plural = tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural)) if e.msgid_plural else ()
        entries.append(
            Entry(
                msgid=e.msgid,
                msgstr="" if e.msgid_plural else e.msgstr,
                msgctxt=e.msgctxt or None,
                msgid_plural=e.msgid_plural or None,
                msgstr_plural=plural,
            )
        )
    return Catalog(header=tuple(mo.metadata.items()), entries=tuple(entries))
