"""Count how far each catalog is translated. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pipeline.po.model import Catalog, Entry

if TYPE_CHECKING:  # a type only: counting loads no OpenCC (start-up)
    from pipeline.l10n.convert import MachineFill

# The status of an entry, as the review page and the workbench show it (``status_of``).
TRANSLATED = "translated"
MACHINE = "machine-converted"
PERSON = "changed by a person"
FUZZY = "fuzzy"
UNTRANSLATED = "untranslated"
STATUSES = (TRANSLATED, MACHINE, PERSON, FUZZY, UNTRANSLATED)


@dataclass(frozen=True)
class Counts:
    """Completeness of one catalog (``document``) or of a whole language (``document`` None)."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    machine: int = 0  # translated entries that are exactly the converter's output
    person: int = 0  # translated entries a person changed (machine-filled languages only)

    def meets(self, minimum: float) -> bool:
        """At least ``minimum`` percent translated, compared exactly (99.96% is not 100%)."""
        return self.total == 0 or self.translated * 100 >= minimum * self.total

    @property
    def percent(self) -> float:
        """Translated share of live entries; an empty catalog counts as complete."""
        return 100.0 if self.total == 0 else round(100.0 * self.translated / self.total, 1)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            *(
                getattr(self, f) + getattr(other, f)
                for f in ("total", "translated", "fuzzy", "untranslated", "obsolete", "machine", "person")
            )
        )


def of_segments(total: int, translated: int) -> Counts:
    """The completeness of a document's ``total`` distinct segments, ``translated`` of them translated.

    What an edition reports (the rest fall back), and what a document with no catalog yet has.
    """
    return Counts(total=total, translated=translated, untranslated=total - translated)


def of_document(counts: Counts, segments: int) -> Counts:
    """A catalog's ``counts`` as its document's completeness, the document having ``segments`` distinct segments.

    A catalog with no live entries while its document has segments (emptied, or older than
    every sentence) has not been started: 0 of ``segments``, not 0 of 0 = 100%. Its obsolete
    entries still count. Any other catalog counts as it is.
    """
    if counts.total or not segments:
        return counts
    return replace(of_segments(segments, 0), obsolete=counts.obsolete)


def status_of(entry: Entry | None, machine: MachineFill | None) -> str:
    """The status of a catalog entry (None: no entry); ``machine`` tells converted entries from a person's.

    The one rule of what is translated, fuzzy or untranslated: ``count`` tallies these.
    """
    if entry is None:
        return UNTRANSLATED
    if entry.translated:
        if machine is None:
            return TRANSLATED
        return MACHINE if entry.msgstr == machine(entry.msgid) else PERSON
    if entry.fuzzy and entry.has_translation:
        return FUZZY
    return UNTRANSLATED


def count(catalog: Catalog, machine: MachineFill | None) -> Counts:
    """Counts for one catalog: its live entries by ``status_of``, and its obsolete ones."""
    live = catalog.live
    tally = dict.fromkeys(STATUSES, 0)
    plain = 0  # entries with no flag nor plural, of a language with no converter: translated if their msgstr is
    filled = 0
    for entry in live:
        if machine is None and not entry.flags and entry.msgid_plural is None:  # ``status_of``, in short: most entries
            plain += 1
            filled += bool(entry.msgstr)
        else:
            tally[status_of(entry, machine)] += 1
    tally[TRANSLATED] += filled
    tally[UNTRANSLATED] += plain - filled
    translated = tally[TRANSLATED] + tally[MACHINE] + tally[PERSON]
    return Counts(
        total=len(live),
        translated=translated,
        fuzzy=tally[FUZZY],
        untranslated=tally[UNTRANSLATED],
        obsolete=len(catalog.obsolete),
        machine=tally[MACHINE],
        person=tally[PERSON],
    )
