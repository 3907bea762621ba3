"""The catalog model (po.model): header fields, flags, evolve."""

from __future__ import annotations

import pytest

from pipeline.po.model import Catalog, Entry
from tests.po.strategies import HEADER, round_trip


def test_header_order_is_kept() -> None:
    cat = Catalog(header=(("Zeta", "1"), ("Alpha", "2"), ("Content-Type", "text/plain; charset=UTF-8")))
    assert round_trip(cat).header == cat.header


def test_with_header_replaces_in_place() -> None:
    cat = Catalog(header=HEADER).with_header("language", "zh_Hans").with_header("X-New", "1")
    assert cat.header == (("Content-Type", "text/plain; charset=UTF-8"), ("Language", "zh_Hans"), ("X-New", "1"))


def test_with_flag() -> None:
    entry = Entry(msgid="a", msgstr="b", flags=("python-format",))
    assert entry.with_flag("fuzzy").flags == ("fuzzy", "python-format")
    assert entry.with_flag("fuzzy").with_flag("fuzzy", on=False) == entry


def test_evolve_refuses_unknown_fields() -> None:
    with pytest.raises(TypeError, match="no field"):
        Entry("a").evolve(msgidd="b")
    assert Entry("a").evolve(msgstr="b") == Entry("a", "b")
