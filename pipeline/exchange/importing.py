"""What an imported exchange file changes in one catalog: pure, no I/O.

A unit comes back to the entry it was exported from (same unit id, i.e. same msgid).
A unit whose target and state are still what was exported (its ``base`` hash) brings
nothing new and is skipped as unchanged, whatever happened to the catalog since.
Whatever could cost someone's work is reported and left alone:

- **source changed**: no live entry has the unit's source any more (the article was edited
  and ``update`` ran since the export). The target is not written. Where a live entry is
  similar enough (``match.similarity`` ≥ ``match.CUTOFF``) and blank, or still holds the
  exported translation that ``update`` carried over (its ``#|`` is the unit's source), it
  gets the target as a *fuzzy suggestion* with the unit's source as ``#|`` and a note;
  otherwise it is only reported, with the closest entry.
- **source differs**: the unit's id names an entry, but its source text is not the entry's
  (edited in the tool, or not our export): not written.
- **conflict**: both the file's target and the catalog's translation changed since the
  export, and they differ: not written. An entry only marked fuzzy since the export (same
  translation) takes the file's target, kept fuzzy with a note (reported as ``kept-fuzzy``).

A target equal to the entry's translation (and state) changes nothing, so importing the
same file twice, or an untouched export, writes nothing. See docs/exchange.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process

from pipeline.exchange.records import (
    Catalog,
    Entry,
    InUnit,
    entry_state,
    is_blank,
    live_by_id,
    state_hash,
    suggested,
    translated,
    with_entries,
)
from pipeline.l10n.match import CUTOFF, similarity


@dataclass(frozen=True)
class Report:
    """A unit that was not imported as it stood, and why."""

    kind: str  # "conflict", "source-changed", "source-differs" (not imported); "suggested", "kept-fuzzy"
    file: str  # the exchange file
    document: str
    unit_id: str
    message: str
    line: int | None = None

    @property
    def imported(self) -> bool:
        """The unit's target went into the catalog (as a fuzzy suggestion or kept fuzzy)."""
        return self.kind in IMPORTED


IMPORTED = frozenset({"suggested", "kept-fuzzy"})


@dataclass(frozen=True)
class Planned:
    """One catalog after an import: its new content and what happened to the units."""

    catalog: Catalog
    translated: int = 0  # units written as translated
    fuzzy: int = 0  # units written as fuzzy (the tool said so)
    unchanged: int = 0  # units whose target was already the entry's translation
    empty: int = 0  # units without a target
    reports: tuple[Report, ...] = ()

    @property
    def refused(self) -> tuple[Report, ...]:
        """The reported units whose target was not imported: a check a script can see."""
        return tuple(r for r in self.reports if not r.imported)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plan(catalog: Catalog, units: Sequence[InUnit], origin: str) -> Planned:
    """The catalog with ``units`` (all of one document) imported into it, and the account of it."""
    entries = live_by_id(catalog)
    changed: dict[str, Entry] = {}
    reports: list[Report] = []
    counts = {"translated": 0, "fuzzy": 0, "unchanged": 0, "empty": 0}
    unmatched: list[InUnit] = []
    for unit in units:
        entry = entries.get(unit.id)
        if entry is None:
            unmatched.append(unit)
            continue
        if unit.target is None:
            counts["empty"] += 1
            continue
        if entry.msgid != unit.source:
            reports.append(
                Report(
                    "source-differs",
                    origin,
                    unit.document,
                    unit.id,
                    f"the unit's source {_short(unit.source)!r} is not the entry's {_short(entry.msgid)!r}; "
                    "not imported",
                    unit.line,
                )
            )
            continue
        new = translated(entry, unit.target, unit.fuzzy)
        if new is entry or untouched(unit):  # translated() returns the entry itself when nothing changes
            counts["unchanged"] += 1  # nothing new for this entry
            continue
        moved_on = unit.base != entry_state(entry) if unit.base else entry.has_translation
        if moved_on and entry.msgstr == unit.target:
            counts["unchanged"] += 1  # the catalog has this text already; its state was set since the export
            continue
        if moved_on and unit.base is not None and entry.fuzzy and unit.base == state_hash(entry.msgstr, False):
            note = f"from exchange file {origin}, unit {unit.id}, while the entry was marked for review: check it"
            changed[unit.id] = suggested(entry, unit.target, entry.previous_msgid, note)
            counts["fuzzy"] += 1
            reports.append(
                Report(
                    "kept-fuzzy",
                    origin,
                    unit.document,
                    unit.id,
                    f"{_short(entry.msgid)!r} was marked fuzzy since the export; the file's "
                    f"{_short(unit.target)!r} was imported, still fuzzy",
                    unit.line,
                )
            )
            continue
        if moved_on:
            reports.append(
                Report(
                    "conflict",
                    origin,
                    unit.document,
                    unit.id,
                    f"the catalog's translation of {_short(entry.msgid)!r} changed since the export "
                    f"(now {_short(entry.msgstr)!r}); the file's {_short(unit.target)!r} was not imported",
                    unit.line,
                )
            )
            continue
        changed[unit.id] = new
        counts["fuzzy" if unit.fuzzy else "translated"] += 1
    suggestions = _suggest(entries, unmatched, changed, origin, reports, counts)
    changed.update(suggestions)
    return Planned(
        with_entries(catalog, changed, entries),
        counts["translated"],
        counts["fuzzy"],
        counts["unchanged"],
        counts["empty"],
        tuple(reports),
    )


def untouched(unit: InUnit) -> bool:
    """The unit's target and state are what was exported: the file brings nothing new for it."""
    return unit.base is not None and unit.target is not None and state_hash(unit.target, unit.fuzzy) == unit.base


def _carried(entry: Entry, unit: InUnit) -> bool:
    """``entry`` still holds the translation exported for ``unit``, carried over by ``update`` (``#|`` = its source)."""
    return (
        unit.base is not None
        and entry.previous_msgid == unit.source
        and unit.base in (state_hash(entry.msgstr, False), state_hash(entry.msgstr, True))
    )


def _suggest(
    live: dict[str, Entry],
    units: list[InUnit],
    taken: dict[str, Entry],
    origin: str,
    reports: list[Report],
    counts: dict[str, int],
) -> dict[str, Entry]:
    """Units whose source is no entry's any more: a fuzzy suggestion for a blank similar entry (or one still
    holding the exported translation), else a report."""
    made: dict[str, Entry] = {}
    keys = list(live)
    texts = [live[k].msgid for k in keys]
    for unit in units:
        if unit.target is None:
            counts["empty"] += 1  # nothing to import, so nothing lost
            continue
        if untouched(unit):
            counts["unchanged"] += 1
            continue
        best = process.extractOne(unit.source, texts, scorer=_score, score_cutoff=CUTOFF) if texts else None
        prefix = f"the source {_short(unit.source)!r} is no entry's any more (the article changed since the export)"
        if best is None:
            reports.append(
                Report("source-changed", origin, unit.document, unit.id, f"{prefix}; not imported", unit.line)
            )
            continue
        key = keys[best[2]]
        entry = live[key]
        if entry.msgstr == unit.target and entry.previous_msgid == unit.source:
            counts["unchanged"] += 1  # suggested by an earlier import of this file
            continue
        if key in taken or key in made or not (is_blank(entry) or _carried(entry, unit)):
            reports.append(
                Report(
                    "source-changed",
                    origin,
                    unit.document,
                    unit.id,
                    f"{prefix}; closest entry {_short(entry.msgid)!r} already has a translation; not imported",
                    unit.line,
                )
            )
            continue
        note = f"from exchange file {origin}, unit {unit.id}, whose source was different: check this suggestion"
        made[key] = suggested(entry, unit.target, unit.source, note)
        reports.append(
            Report(
                "suggested",
                origin,
                unit.document,
                unit.id,
                f"{prefix}; offered as a fuzzy suggestion for {_short(entry.msgid)!r}",
                unit.line,
            )
        )
    return made


def _score(a: str, b: str, **_: object) -> float:
    return similarity(a, b)
