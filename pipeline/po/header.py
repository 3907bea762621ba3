"""The one place that makes and updates catalog headers.

A template's header (``extract``), a new translation's (``update`` creating a catalog), the
``POT-Creation-Date`` a merge carries over, the ``Content-Type`` every write declares (UTF-8),
and the dates read back from headers (the TMX export's creation date).
"""

from __future__ import annotations

import calendar
import codecs
import re
import time
from dataclasses import replace

from pipeline.po.model import Catalog

Fields = tuple[tuple[str, str], ...]

UTF8_CONTENT_TYPE = "text/plain; charset=UTF-8"
_CHARSET_PARAM = re.compile(r"charset=[^;\s]*", re.IGNORECASE)


def template_fields(domain: str, creation_date: str) -> Fields:
    """The header fields of a translation template (``.pot``)."""
    return (
        ("Project-Id-Version", domain),
        ("POT-Creation-Date", creation_date),
        ("MIME-Version", "1.0"),
        ("Content-Type", UTF8_CONTENT_TYPE),
        ("Content-Transfer-Encoding", "8bit"),
    )


def translation_fields(language: str, plural_forms: str, domain: str, creation_date: str) -> Fields:
    """The header fields of a translation catalog created from scratch."""
    return (
        ("Project-Id-Version", domain),
        ("POT-Creation-Date", creation_date),
        ("PO-Revision-Date", creation_date),
        ("Last-Translator", "none"),
        ("Language-Team", "none"),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", UTF8_CONTENT_TYPE),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms),
    )


def creation_date(cat: Catalog) -> str | None:
    """The ``POT-Creation-Date``: when the template's content last changed."""
    return cat.header_value("POT-Creation-Date")


def with_creation_date_of(merged: Catalog, template: Catalog, existing: Catalog) -> Catalog:
    """``merged`` with the template's ``POT-Creation-Date`` (as msgmerge does), if both have a header to carry it."""
    date = creation_date(template)
    if date is None or not existing.header:
        return merged
    return merged.with_header("POT-Creation-Date", date)


def with_header_of(existing: Catalog, fresh: Catalog) -> Catalog:
    """``existing`` with ``fresh``'s header if it has none (an emptied file, or one written by hand)."""
    if existing.has_header:
        return existing
    return replace(existing, has_header=True, header=fresh.header, header_comments=fresh.header_comments)


def is_utf8(charset: str) -> bool:
    """``charset`` names UTF-8 (under any of its names)."""
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
    if charset is not None and is_utf8(charset):
        return cat
    if charset is None:
        new = f"{value.rstrip().rstrip(';')}; charset=UTF-8" if value.strip() else UTF8_CONTENT_TYPE
    else:
        new = _CHARSET_PARAM.sub("charset=UTF-8", value, count=1)
    return cat.with_header("Content-Type", new)


REVISION = "PO-Revision-Date"


def revised(cat: Catalog, now: str) -> Catalog:
    """``cat`` after a person's translations changed in it (a workbench save, an import): its
    ``PO-Revision-Date`` moves on to ``now``. A header without the field is left as it is."""
    return cat if cat.header_value(REVISION) is None else cat.with_header(REVISION, now)


def revision_time(cat: Catalog) -> int | None:
    """The ``PO-Revision-Date`` in seconds since the epoch (UTC), or None if absent or unreadable."""
    value = cat.header_value(REVISION) or ""
    try:
        stamp = time.strptime(value[:16], "%Y-%m-%d %H:%M")
    except ValueError:
        return None
    offset = value[16:].strip()
    seconds = calendar.timegm(stamp)
    if len(offset) == 5 and offset[0] in "+-" and offset[1:].isdigit():
        sign = 1 if offset[0] == "+" else -1
        seconds -= sign * (int(offset[1:3]) * 3600 + int(offset[3:]) * 60)
    return seconds
