"""Catalog entries remember where they start in their file, for the review page."""

from __future__ import annotations

from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.po.write import render


def test_catalog_entries_know_their_line() -> None:
    text = render(Catalog(header=(("Language", "en"),), entries=(Entry("a", "A"), Entry("b", "B"))))
    parsed = parse(text, "x.po")
    lines = text.split("\n")
    assert [lines[e.line - 1] for e in parsed.entries if e.line] == ['msgid "a"', 'msgid "b"']
    assert parsed.entries == (Entry("a", "A"), Entry("b", "B"))  # the line is not part of equality
    assert render(parsed) == text
