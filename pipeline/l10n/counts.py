"""Count how far each catalog is translated. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.l10n.convert import MachineFill
from pipeline.po.model import Catalog


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


def count(catalog: Catalog, machine: MachineFill | None) -> Counts:
    """Counts for one catalog; ``machine`` tells converted entries from a person's."""
    live = catalog.live
    translated = [e for e in live if e.translated]
    fuzzy = sum(1 for e in live if e.fuzzy and e.has_translation)
    machine_count = sum(1 for e in translated if machine is not None and e.msgstr == machine(e.msgid))
    return Counts(
        total=len(live),
        translated=len(translated),
        fuzzy=fuzzy,
        untranslated=len(live) - len(translated) - fuzzy,
        obsolete=len(catalog.obsolete),
        machine=machine_count,
        person=len(translated) - machine_count if machine is not None else 0,
    )
