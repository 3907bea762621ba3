"""Counting translated, fuzzy, untranslated, obsolete and machine-converted entries."""

from __future__ import annotations

from pipeline.l10n.convert import machine_filler
from pipeline.l10n.counts import Counts, count, of_document, status_of
from pipeline.po.model import Catalog, Entry

TW2S = machine_filler("tw2s", "fullwidth", traditional_source=True)


def test_counts() -> None:
    cat = Catalog(
        entries=(
            Entry(msgid="甲", msgstr="A"),
            Entry(msgid="乙", msgstr="B", flags=("fuzzy",)),
            Entry(msgid="丙"),
            Entry(msgid="丁", msgstr="D", obsolete=True),
        )
    )
    counts = count(cat, None)
    assert counts == Counts(total=3, translated=1, fuzzy=1, untranslated=1, obsolete=1)
    assert counts.percent == 33.3


def test_machine_and_person_counts() -> None:
    cat = Catalog(
        entries=(Entry(msgid="可現在,風向變了。", msgstr="可现在，风向变了。"), Entry(msgid="風向", msgstr="方向"))
    )
    counts = count(cat, TW2S)
    assert (counts.machine, counts.person) == (1, 1)


def test_empty_catalog_is_complete_and_counts_add() -> None:
    assert Counts().percent == 100.0
    assert Counts(total=2, translated=1) + Counts(total=2, translated=2) == Counts(total=4, translated=3)


def test_minimum_is_compared_exactly() -> None:
    nearly = Counts(total=2500, translated=2499)
    assert nearly.percent == 100.0  # what people see, rounded
    assert not nearly.meets(100)  # what the gate decides
    assert Counts(total=4, translated=2).meets(50) and not Counts(total=3, translated=1).meets(34)


def test_status_words() -> None:
    assert status_of(None, None) == "untranslated"
    assert status_of(Entry("甲"), None) == "untranslated"
    assert status_of(Entry("甲", "A"), None) == "translated"
    assert status_of(Entry("甲", "A", flags=("fuzzy",)), None) == "fuzzy"
    assert status_of(Entry("甲", flags=("fuzzy",)), None) == "untranslated"  # as `status` counts it
    assert status_of(Entry("風向", "风向"), TW2S) == "machine-converted"
    assert status_of(Entry("風向", "方向"), TW2S) == "changed by a person"


def test_an_empty_catalog_counts_against_its_document() -> None:
    assert Counts().percent == 100.0  # by itself, nothing to translate
    assert of_document(Counts(obsolete=2), 7) == Counts(total=7, untranslated=7, obsolete=2)
    assert of_document(Counts(obsolete=2), 7).percent == 0.0
    assert of_document(Counts(), 0) == Counts()  # an empty document: complete
    started = Counts(total=3, translated=1, untranslated=2)
    assert of_document(started, 7) is started  # a catalog with entries counts as it is


def test_count_tallies_what_status_of_says_of_each_entry() -> None:
    """``count`` takes a short cut for plain entries of a language with no converter: the same tally."""
    entries = (
        Entry("a", "A"),
        Entry("b", ""),
        Entry("c", "C", flags=("fuzzy",)),
        Entry("d", "", flags=("fuzzy",)),
        Entry("e", "E", flags=("python-format",)),
        Entry("f", msgid_plural="fs", msgstr_plural=("F", "")),
        Entry("g", msgid_plural="gs", msgstr_plural=("G", "Gs")),
        Entry("h", msgid_plural="hs"),
        Entry("i", "I", obsolete=True),
    )
    catalog = Catalog(entries=entries)
    statuses = [status_of(e, None) for e in catalog.live]
    counted = count(catalog, None)
    assert (
        (counted.translated, counted.fuzzy, counted.untranslated)
        == (
            statuses.count("translated"),
            statuses.count("fuzzy"),
            statuses.count("untranslated"),
        )
        == (3, 1, 4)
    )
    assert (counted.total, counted.obsolete) == (8, 1)
