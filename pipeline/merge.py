"""Merge a template into a language's catalog. Pure: no I/O.

Translator work is never lost: an entry that stays keeps its msgstr, translator comments
and flags; an entry whose segment left the source becomes obsolete (``#~``) with its
translation; an obsolete entry whose segment comes back is revived. Only the template's
parts of an entry (extracted comments, references) are replaced.

Machine-filled languages (``zh_Hans``): an entry whose msgstr is empty or still what the
converter gives is regenerated; one that a person changed is kept as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .catalog import Catalog, Entry
from .convert import MachineFill
from .gloss import HAN

_HAN_RE = re.compile(rf"[{HAN}]")


@dataclass(frozen=True)
class MergeCounts:
    """What a merge did to one catalog."""

    added: int = 0
    unchanged: int = 0
    obsoleted: int = 0
    revived: int = 0
    machine_filled: int = 0

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.unchanged} unchanged, {self.revived} revived, "
            f"{self.obsoleted} obsolete, {self.machine_filled} machine-filled"
        )


@dataclass(frozen=True)
class Merged:
    catalog: Catalog
    counts: MergeCounts


def new_header(language: str, plural_forms: str, domain: str, creation_date: str) -> tuple[tuple[str, str], ...]:
    """Header fields for a catalog created from scratch."""
    return (
        ("Project-Id-Version", domain),
        ("POT-Creation-Date", creation_date),
        ("PO-Revision-Date", creation_date),
        ("Last-Translator", "none"),
        ("Language-Team", "none"),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms),
    )


def has_han(text: str) -> bool:
    return bool(_HAN_RE.search(text))


def initial_msgstr(msgid: str, machine: MachineFill | None, copy_untranslatable: bool) -> str:
    """What a brand-new entry starts with: the machine conversion, a copy, or nothing."""
    if machine is not None:
        return machine(msgid)
    if copy_untranslatable and not has_han(msgid):
        return msgid
    return ""


def merge(
    template: Catalog,
    existing: Catalog,
    machine: MachineFill | None,
    copy_untranslatable: bool,
) -> Merged:
    """Bring ``existing`` in line with ``template``, keeping all translator work."""
    live = {e.key: e for e in existing.live}
    dead = {e.key: e for e in existing.obsolete}
    added = unchanged = revived = filled = 0
    entries: list[Entry] = []
    for new in template.entries:
        old = live.pop(new.key, None)
        if old is None and new.key in dead:
            old = replace(dead.pop(new.key), obsolete=False)
            revived += 1
        elif old is not None:
            unchanged += 1
        if old is None:
            added += 1
            entry = replace(new, msgstr=initial_msgstr(new.msgid, machine, copy_untranslatable))
            filled += machine is not None
        else:
            entry = replace(old, extracted_comments=new.extracted_comments, references=new.references)
            if machine is not None and not entry.fuzzy and entry.msgstr in ("", machine(old.msgid)):
                converted = machine(new.msgid)
                filled += converted != entry.msgstr
                entry = replace(entry, msgstr=converted)
        entries.append(entry)
    obsoleted = [_obsolete(e) for e in live.values() if _worth_keeping(e)]
    entries += list(dead.values()) + obsoleted
    header = existing.header
    pot_date = template.header_value("POT-Creation-Date")
    catalog = replace(existing, entries=tuple(entries))
    if pot_date is not None and header:
        catalog = catalog.with_header("POT-Creation-Date", pot_date)
    counts = MergeCounts(added, unchanged, len(obsoleted), revived, filled)
    return Merged(catalog, counts)


def _worth_keeping(entry: Entry) -> bool:
    """An entry with no translation and no translator comment carries nothing to keep."""
    return bool(entry.msgstr or any(entry.msgstr_plural) or entry.translator_comments)


def _obsolete(entry: Entry) -> Entry:
    return replace(entry, obsolete=True, references=(), extracted_comments=())
