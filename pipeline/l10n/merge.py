"""Merge a template into a language's catalog without losing translator work. Pure: no I/O.

For every new segment, in order: **unchanged** (or revived from ``#~``), a **trivial edit**
kept as translated, **numbers** or **sentence mood** changed (fuzzy), **joined** from
consecutive old segments or **split** from one (fuzzy), **edited** (the closest old
translation from ``match``, fuzzy), the **translation memory**, else **added** (empty, the
machine conversion, or a copy of text with no Chinese). Old translations no new segment took
become obsolete. The rules, the notes each one writes and why: docs/merge.md.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

from pipeline.bulk import paused_gc
from pipeline.l10n.joins import HEAD, OldParts, may_join
from pipeline.l10n.match import TRIVIAL, Candidate, Match, Matcher
from pipeline.l10n.merge_records import MemoryHit, MergeCounts, Merged
from pipeline.l10n.notes import (
    JOINED_NOTE,
    MEMORY_NOTE,
    NOTE,
    absorb,
    confirmed,
    machine_mark,
    one_line,
    with_note,
)
from pipeline.l10n.places import no_space
from pipeline.po import header
from pipeline.po.layout import squashed
from pipeline.po.model import Catalog, Entry
from pipeline.text.han import has_han

if TYPE_CHECKING:  # a type only: a merge for a language with no converter loads no typography (start-up)
    from pipeline.l10n.convert import MachineFill

_KEY = attrgetter("msgctxt", "msgid")  # an entry's key, as Entry.key gives it
_MSGID = attrgetter("msgid")
_CONTEXT = attrgetter("msgctxt")
_object_new = object.__new__

_SPLIT_PARTS = 8  # a segment split into at most this many is recognised
_CHINESE_LANGUAGE = re.compile(r"zh(?![A-Za-z])", re.IGNORECASE)

_TRIVIAL_WORDS = {
    "whitespace": "white space changed",
    "punctuation": "punctuation changed",
    "variant": "Traditional/Simplified variants changed",
    "gloss": "pinyin gloss removed",
}


def initial_msgstr(msgid: str, machine: MachineFill | None, copy_untranslatable: bool) -> str:
    """What a brand-new entry starts with: the machine conversion, a copy, or nothing."""
    if machine is not None:
        return machine(msgid)
    if copy_untranslatable and not has_han(msgid):
        return msgid
    return ""


class _Merge:
    """The state of one merge; ``run`` does the passes described in the module doc."""

    def __init__(
        self,
        template: Catalog,
        existing: Catalog,
        machine: MachineFill | None,
        copy_untranslatable: bool,
        memory: Mapping[str, MemoryHit],
        memory_translated: bool,
        chinese: bool,
    ) -> None:
        self.new = template.entries
        self.chinese = chinese
        self.existing = existing
        self.machine = machine
        self.copy = copy_untranslatable
        self.memory = memory
        self.memory_translated = memory_translated
        self.old_live = list(existing.live)
        self.old_dead = list(existing.obsolete)
        self.result: list[Entry | None] = [None] * len(self.new)
        self.anchors: list[tuple[int, int]] = []  # (new index, old live index) of exact/trivial matches
        self.used_live: set[int] = set()
        self.joined_parts: set[int] = set()  # old live entries whose translations went into a join
        self.used_dead: set[int] = set()
        self.counts: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self.fuzzy: Counter[str] = Counter()

    # ------------------------------------------------------------ helpers

    def _machine_output(self, entry: Entry) -> bool:
        """True if ``entry``'s msgstr is empty or the converter's work that no person touched.

        The converter's output for the current msgid, or text whose fingerprint comment
        says the converter wrote it: an older converter (or older typography rules) gave
        it, and no person changed it since, so it may be regenerated.
        """
        if self.machine is None:
            return False
        if entry.msgid_plural is not None:  # the converter fills no plural forms: any filled form is a person's
            return not any(entry.msgstr_plural)
        if entry.msgstr in ("", self.machine(entry.msgid)):
            return True
        mark = machine_mark(entry.msgstr)
        # an editor (polib) may have wrapped the comment: its text, joined again, still says it
        return mark in entry.extracted_comments or "".join(mark.split()) in squashed(entry.extracted_comments)

    def _machine_entry(self, entry: Entry, template: Entry, msgstr: str) -> Entry:
        """``entry`` filled by the converter, with the template's comments and the fingerprint."""
        return entry.evolve(
            msgid=template.msgid,
            msgstr=msgstr,
            extracted_comments=(*template.extracted_comments, machine_mark(msgstr)),
        )

    def _blank(self, entry: Entry) -> bool:
        """An entry that holds nothing of anyone's: no msgstr, translator comment or flag (memory may fill it)."""
        return (
            self.machine is None
            and not entry.has_translation
            and not entry.translator_comments
            and not entry.flags
            and entry.msgctxt is None
            and entry.msgid_plural is None
            and entry.previous_msgid is None
        )

    def _from_memory(self, i: int) -> bool:
        """Fill result ``i`` (a new or blank entry) from the translation memory, if it knows the msgid."""
        entry = self.result[i] or self.new[i]
        hit = self.memory.get(entry.msgid) if self.machine is None else None
        if hit is None:
            return False
        if self.copy and not has_han(entry.msgid):  # copied as translated, whatever the memory holds
            return False
        entry = entry.evolve(msgstr=hit.msgstr, translator_comments=(f"{MEMORY_NOTE}{hit.origin}",))
        self.result[i] = entry.with_flag("fuzzy", not self.memory_translated)
        self.counts["memory"] += 1
        return True

    def _carries_work(self, entry: Entry) -> bool:
        """A translation a person made (for machine languages: one they changed)."""
        return entry.has_translation and not (self.machine is not None and self._machine_output(entry))

    def _worth_keeping(self, entry: Entry) -> bool:
        """A person's translation, translator comment or flag: something no command may drop."""
        return self._carries_work(entry) or bool(entry.translator_comments) or any(f != "fuzzy" for f in entry.flags)

    def _settled(self, entry: Entry) -> Entry:
        """``entry`` without what is stale about it, once its translation fits its msgid again.

        A fuzzy entry whose ``#|`` msgid is its msgid (the source came back to the text the
        translation was made for) is translated again; an entry a person un-fuzzied loses its
        ``#|`` fields and this tool's notes on why it was fuzzy. A copy of text with no
        Chinese that the memory made fuzzy is a copy again.
        """
        plain = not entry.flags and not entry.translator_comments
        if plain and entry.previous_msgid is None and entry.previous_msgctxt is None:
            return entry  # nothing stale (most entries): what ``confirmed`` would give
        if entry.fuzzy and entry.previous_msgid is not None:
            if entry.previous_msgid != entry.msgid or entry.previous_msgctxt != entry.msgctxt:
                return entry
            if any(c.startswith(JOINED_NOTE) for c in entry.translator_comments):
                return entry  # a join of translations is a suggestion until a person confirms it
            entry = entry.with_flag("fuzzy", on=False)
        elif entry.fuzzy and self.copy and entry.msgstr == entry.msgid and not has_han(entry.msgid):
            if not entry.translator_comments or any(not c.startswith(MEMORY_NOTE) for c in entry.translator_comments):
                return entry
            return entry.evolve(translator_comments=(), flags=tuple(f for f in entry.flags if f != "fuzzy"))
        return confirmed(entry, self.memory_translated)

    def _refreshed(self, old: Entry, new: Entry) -> Entry:
        old = self._settled(old)
        if old.obsolete or old.extracted_comments != new.extracted_comments or old.references != new.references:
            entry = _object_new(Entry)  # old.evolve(...) without building a dictionary of changes: the hot path
            fields = entry.__dict__
            fields.update(old.__dict__)
            fields["extracted_comments"] = new.extracted_comments
            fields["references"] = new.references
            fields["obsolete"] = False
        else:
            entry = old  # nothing to refresh: the same record
        if self.machine is not None and not entry.fuzzy and self._machine_output(old):
            converted = self.machine(new.msgid)
            if converted != entry.msgstr:
                self.counts["machine"] += 1
            entry = self._machine_entry(entry, new, converted)
        return entry

    def _carried(self, old: Entry, new: Entry, fuzzy: bool, note: str | None) -> Entry:
        previous = old.previous_msgid if (old.fuzzy and old.previous_msgid) else old.msgid
        entry = old.evolve(
            msgid=new.msgid,
            msgctxt=new.msgctxt,
            obsolete=False,
            extracted_comments=new.extracted_comments,
            references=new.references,
            previous_msgctxt=old.msgctxt if fuzzy else old.previous_msgctxt,
            previous_msgid=previous if fuzzy or old.fuzzy else None,
            translator_comments=with_note(old.translator_comments, note) if note else old.translator_comments,
        )
        return self._settled(entry.with_flag("fuzzy", fuzzy or old.fuzzy))

    # ------------------------------------------------------------ passes

    def exact(self) -> None:
        everyone = chain(self.old_live, self.old_dead, self.new)
        # no msgctxt anywhere (most catalogs): the msgid alone is the key, no tuple made and hashed per entry
        key_of = _MSGID if {None}.issuperset(map(_CONTEXT, everyone)) else _KEY
        live = dict(zip(map(key_of, self.old_live), range(len(self.old_live)), strict=True))
        dead = dict(zip(map(key_of, self.old_dead), range(len(self.old_dead)), strict=True))
        result, old_live, refreshed, memory = self.result, self.old_live, self._refreshed, self.memory
        use, anchor = self.used_live.add, self.anchors.append
        plain_only = self.machine is None  # then a plain old entry is refreshed here, as ``_refreshed`` does
        for i, (new, key) in enumerate(zip(self.new, map(key_of, self.new), strict=True)):
            j = live.pop(key, None)
            if j is not None:
                old = old_live[j]
                if not (
                    plain_only
                    and not old.flags
                    and not old.translator_comments
                    and old.previous_msgid is None
                    and old.previous_msgctxt is None
                ):
                    result[i] = refreshed(old, new)
                elif old.extracted_comments != new.extracted_comments or old.references != new.references:
                    entry = result[i] = _object_new(Entry)  # nothing stale about a plain entry: new places only
                    fields = entry.__dict__
                    fields.update(old.__dict__)
                    fields["extracted_comments"] = new.extracted_comments
                    fields["references"] = new.references
                else:
                    result[i] = old
                use(j)
                anchor((i, j))
                if memory and not old.msgstr and self._blank(old):  # a translated entry is not blank
                    self._from_memory(i)
            elif dead and (j := dead.pop(key, None)) is not None:
                self.result[i] = self._refreshed(self.old_dead[j], new)
                self.used_dead.add(j)
                self.counts["revived"] += 1
        self.counts["unchanged"] = len(self.anchors) - self.counts["memory"]

    def similar(self) -> None:
        """Trivial edits, number changes and fuzzy edits, from the unused old translations."""
        sources: list[tuple[str, int]] = []  # ("live"|"dead", index) per candidate
        candidates: list[Candidate] = []
        for j in sorted(set(range(len(self.old_live))) - self.used_live):  # the few not matched exactly
            old = self.old_live[j]
            if self._worth_keeping(old):
                sources.append(("live", j))
                candidates.append(Candidate(old.msgid, float(j)))
        for j, old in enumerate(self.old_dead):
            if j not in self.used_dead and self._worth_keeping(old):
                sources.append(("dead", j))
                candidates.append(Candidate(old.msgid, float(len(self.old_live) + j)))
        if not candidates:
            return
        matcher = Matcher(candidates)
        pending = [i for i, entry in enumerate(self.result) if entry is None]
        for i in pending:  # trivial and number-only edits first: they are certain
            match = matcher.trivial(self.new[i].msgid)
            if match is not None:
                self._apply(i, match, sources[match.candidate])
        self.anchors.sort()
        anchor_new = [a for a, _ in self.anchors]
        self.joined(pending, anchor_new)
        self.split(pending)
        for i in pending:
            if self.result[i] is not None:
                continue
            expected, low, high = self._expected(i, anchor_new)
            match = matcher.fuzzy(self.new[i].msgid, expected, low, high)
            if match is not None:
                self._apply(i, match, sources[match.candidate])

    def joined(self, pending: list[int], anchor_new: list[int]) -> None:
        """New segments that are consecutive old ones put together get their translations joined.

        Linear: old segments are indexed by their first characters, at most ``_JOIN_TRIES``
        starts (the nearest to the expected position) are followed per new segment, each
        along the old ``#:`` order for at most the new text's length. An old segment may be a
        part of several joins, or matched too (``「好！」`` alone and in ``「好！」他說。``).
        """
        parts, new = self._old_parts, self.new
        simple = (i for i in pending if new[i].msgctxt is None and new[i].msgid_plural is None)
        texts = {i: no_space(new[i].msgid) for i in simple if self.result[i] is None}
        maybe = may_join(list(texts.items()), parts.first)
        if not maybe:
            return  # no pending text starts with an old part: the old places are not even read
        index = parts.index({texts[i][:n] for i in maybe for n in range(1, HEAD + 1)})
        for i in maybe:
            if self.result[i] is None and (found := parts.join(index, texts[i], self._expected(i, anchor_new)[0])):
                self._join(i, found)
        self.anchors.sort()

    def split(self, pending: list[int]) -> None:
        """Consecutive new segments that are one old segment cut in pieces each get its translation, fuzzy.

        The similarity match finds the pieces of a long sentence; this finds short ones
        (``「好！」他說。`` → ``「好！」`` + ``他說。``). Linear: each start looks at most
        ``_SPLIT_PARTS`` following segments, one dictionary look-up each.
        """
        whole = self._old_parts.wholes()
        if not whole:
            return
        new = self.new  # only pending segments can be free: the others have their entry
        free = {i for i in pending if self.result[i] is None and new[i].msgctxt is None and new[i].msgid_plural is None}
        keys = {i: no_space(new[i].msgid) for i in free}
        for i in pending:
            if i not in free or not keys[i]:
                continue
            text, run, found = keys[i], [i], None
            for k in range(i + 1, min(i + _SPLIT_PARTS, len(new))):
                if k not in free or not keys[k]:
                    break
                text += keys[k]
                run.append(k)
                if text in whole:
                    found = (whole[text], list(run))
            if found is None:
                continue
            j, pieces = found
            old = self.old_live[j]
            note = f"split into {len(pieces)} segments from: {one_line(old.msgid)}"
            for k in pieces:
                self.result[k] = self._carried(old, self.new[k], fuzzy=True, note=note)
                free.discard(k)
                self.fuzzy["split"] += 1
            self.used_live.add(j)

    @cached_property
    def _old_parts(self) -> OldParts:
        """The old live entries as the parts of joins and splits (for a machine language, a person's work counts)."""
        if self.machine is None:
            return OldParts(self.old_live, None)
        return OldParts(self.old_live, lambda j: self._carries_work(self.old_live[j]))

    def _join(self, i: int, parts: list[int]) -> None:
        """New entry ``i`` from the translations of ``parts``, fuzzy, naming what was joined."""
        olds = [self.old_live[j] for j in parts]
        comments: list[str] = []
        for old in olds:  # a person's comments on any part; this tool's notes on the parts are stale
            comments += [c for c in old.translator_comments if not c.startswith(NOTE) and c not in comments]
        flags: list[str] = ["fuzzy"]
        for old in olds:
            flags += [f for f in old.flags if f not in flags]
        note = f"joined from {len(olds)} segments: " + " + ".join(one_line(old.msgid) for old in olds)
        self.result[i] = self.new[i].evolve(
            msgstr=("" if self.chinese else " ").join(old.msgstr for old in olds),
            translator_comments=(*comments, f"{NOTE} {note}"),
            flags=tuple(flags),
            previous_msgid="\n".join(old.msgid for old in olds),
        )
        self.used_live.update(parts)
        self.joined_parts.update(parts)
        self.anchors.append((i, parts[0]))
        self.fuzzy["joined"] += 1

    def _expected(self, i: int, anchor_new: list[int]) -> tuple[float, float, float]:
        """Where new entry ``i`` is expected in the old catalog, and the gap it lies in."""
        k = bisect.bisect_left(anchor_new, i)
        before = self.anchors[k - 1] if k > 0 else None
        after = self.anchors[k] if k < len(self.anchors) else None
        low = float(before[1]) if before else -1.0
        high = float(after[1]) if after else float(len(self.old_live))
        if before:
            expected = before[1] + (i - before[0])
        elif after:
            expected = after[1] - (after[0] - i)
        else:
            expected = i
        return float(min(max(expected, low), high)), low, high

    def _apply(self, i: int, match: Match, source: tuple[str, int]) -> None:
        where, j = source
        old = self.old_live[j] if where == "live" else self.old_dead[j]
        new = self.new[i]
        if not self._carries_work(old):  # only comments or flags to carry: the text starts afresh
            fresh = self._fresh(new)
            flags = tuple(f for f in old.flags if f != "fuzzy")
            self.result[i] = fresh.evolve(translator_comments=old.translator_comments, flags=flags)
        elif match.kind in TRIVIAL and old.msgctxt == new.msgctxt:
            kept = f"source edit kept as translated: {_TRIVIAL_WORDS[match.kind]}; was: {one_line(old.msgid)}"
            self.result[i] = self._carried(old, new, fuzzy=False, note=kept)
            self.kept[match.kind] += 1
        else:  # a translation made for another context (msgctxt) may not fit: fuzzy, with ``#| msgctxt``
            kind = match.kind if old.msgctxt == new.msgctxt else "context"
            notes = {"numbers": "number changed", "mood": "sentence mood changed", "context": "context changed"}
            detail = match.detail if kind == match.kind else f"was {old.msgctxt!r}"
            note = f"{notes[kind]}: {detail}" if kind in notes else None
            carried = self._carried(old, new, fuzzy=True, note=note)
            self.result[i] = carried
            if carried.fuzzy:
                self.fuzzy[kind] += 1
            else:  # the source came back to the text its translation was made for
                self.kept["reverted"] += 1
        if where == "live":
            self.used_live.add(j)
            if match.kind != "edited":
                self.anchors.append((i, j))
        else:
            self.used_dead.add(j)
            self.counts["revived"] += 1

    def _fresh(self, new: Entry) -> Entry:
        """A brand-new entry: machine-filled, copied, or empty."""
        self.counts["added"] += 1
        if self.machine is not None:
            self.counts["machine"] += 1
            self.counts["regenerated"] += 1
            return self._machine_entry(new, new, self.machine(new.msgid))
        return new.evolve(msgstr=initial_msgstr(new.msgid, None, self.copy))

    def remaining(self) -> None:
        """Translation memory, then brand-new entries."""
        for i, new in enumerate(self.new):
            if self.result[i] is None and not self._from_memory(i):
                self.result[i] = self._fresh(new)

    def obsolete(self) -> list[Entry]:
        """Kept obsolete entries (old ones first, in their order), then newly obsolete ones."""
        kept_dead = [e for j, e in enumerate(self.old_dead) if j not in self.used_dead]
        gone = set(range(len(self.old_live))) - self.used_live
        if self.joined_parts:  # a join is a fuzzy suggestion: each part's own text stays, unless still live
            live = {e.msgid for e in self.result if e is not None}
            gone.update(j for j in self.joined_parts if self.old_live[j].msgid not in live)
        unused = (self.old_live[j] for j in sorted(gone))
        newly = [
            e.evolve(obsolete=True, references=(), extracted_comments=()) for e in unused if self._worth_keeping(e)
        ]
        self.counts["obsoleted"] = len(newly)
        by_key = {e.key: e for e in kept_dead}
        for entry in newly:  # the same msgid obsoleted twice: one entry, holding both people's work
            older = by_key.pop(entry.key, None)
            if older is not None:
                entry = absorb(entry, older)
            by_key[entry.key] = entry
        return list(by_key.values())

    def run(self) -> Merged:
        self.exact()
        self.similar()
        self.remaining()
        entries = [e for e in self.result if e is not None] + self.obsolete()
        catalog = replace(self.existing, entries=tuple(entries))
        counts = MergeCounts(
            added=self.counts["added"],
            unchanged=self.counts["unchanged"],
            kept=dict(self.kept),
            fuzzy=dict(self.fuzzy),
            obsoleted=self.counts["obsoleted"],
            revived=self.counts["revived"],
            memory=self.counts["memory"],
            machine_filled=self.counts["machine"],
            regenerated=self.counts["regenerated"],
        )
        return Merged(catalog, counts)


@paused_gc()
def merge(
    template: Catalog,
    existing: Catalog,
    machine: MachineFill | None,
    copy_untranslatable: bool,
    memory: Mapping[str, MemoryHit] | None = None,
    memory_translated: bool = False,
    chinese: bool | None = None,
) -> Merged:
    """Bring ``existing`` in line with ``template``, keeping all translator work.

    ``chinese``: the language writes sentences without a space between them (joined
    translations are put together that way); by default, read from the catalog's ``Language``.
    """
    if chinese is None:
        chinese = bool(_CHINESE_LANGUAGE.match(existing.header_value("Language") or ""))
    merged = _Merge(template, existing, machine, copy_untranslatable, memory or {}, memory_translated, chinese).run()
    return Merged(header.with_creation_date_of(merged.catalog, template, existing), merged.counts)
