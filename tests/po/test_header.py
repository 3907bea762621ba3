"""po.header: the one place that makes and updates catalog headers."""

from __future__ import annotations

import pytest

from pipeline.po import header
from pipeline.po.model import Catalog, Entry


def test_a_template_and_a_new_translation_declare_utf8_and_their_dates() -> None:
    pot = Catalog(header=header.template_fields("article", "2026-01-01 00:00+0000"))
    assert header.creation_date(pot) == "2026-01-01 00:00+0000"
    assert pot.header_value("Content-Type") == header.UTF8_CONTENT_TYPE
    po = Catalog(header=header.translation_fields("en", "nplurals=2; plural=(n != 1);", "article", "D"))
    assert [po.header_value(k) for k in ("Language", "POT-Creation-Date", "PO-Revision-Date")] == ["en", "D", "D"]
    assert po.header_value("Plural-Forms") == "nplurals=2; plural=(n != 1);"


def test_a_merge_carries_the_templates_creation_date_into_a_catalog_with_a_header() -> None:
    template = Catalog(header=(("POT-Creation-Date", "new"),))
    merged = Catalog(header=(("POT-Creation-Date", "old"),), entries=(Entry("甲"),))
    assert header.creation_date(header.with_creation_date_of(merged, template, merged)) == "new"
    headless = Catalog(has_header=False)
    assert header.with_creation_date_of(merged, template, headless) is merged
    assert header.with_creation_date_of(merged, Catalog(), merged) is merged


def test_a_catalog_without_a_header_gets_the_fresh_one() -> None:
    fresh = Catalog(header=(("Language", "en"),), header_comments=("English.",))
    bare = Catalog(entries=(Entry("甲"),), has_header=False)
    fixed = header.with_header_of(bare, fresh)
    assert fixed.has_header and fixed.header == fresh.header and fixed.entries == bare.entries
    assert header.with_header_of(fresh, Catalog()) is fresh


@pytest.mark.parametrize(
    ("content_type", "written"),
    [
        (None, "text/plain; charset=UTF-8"),
        ("text/plain; charset=UTF-8", "text/plain; charset=UTF-8"),
        ("text/plain; charset=utf8", "text/plain; charset=utf8"),  # UTF-8 under another name: kept
        ("text/plain; charset=ISO-8859-1", "text/plain; charset=UTF-8"),
        ("text/plain", "text/plain; charset=UTF-8"),
        ("", "text/plain; charset=UTF-8"),
    ],
)
def test_every_write_declares_utf8(content_type: str | None, written: str) -> None:
    cat = Catalog(header=() if content_type is None else (("Content-Type", content_type),))
    assert header.utf8_header(cat).header_value("Content-Type") == written
    assert header.utf8_header(Catalog(has_header=False)).header == ()


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("2026-01-01 00:00+0000", 1767225600),
        ("2026-01-01 01:00+0100", 1767225600),
        ("2026-01-01 00:00", 1767225600),
        ("YEAR-MO-DA HO:MI+ZONE", None),
        (None, None),
    ],
)
def test_revision_time_reads_the_po_revision_date(value: str | None, seconds: int | None) -> None:
    cat = Catalog(header=() if value is None else (("PO-Revision-Date", value),))
    assert header.revision_time(cat) == seconds
