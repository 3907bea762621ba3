"""Old segments as the parts of joined and split segments (issue 15). Pure: no I/O.

Which old texts may be parts (simple, translated), their texts without white space, and the
chains of old neighbours whose texts put together are a new text. Where the old segments
stood (``places``) is read only when some new text starts with an old part: otherwise no join
can exist. The rules and the bounds on the work: docs/merge.md ("Joined and split segments").
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from pipeline.l10n.places import Places
from pipeline.po.model import Entry

HEAD = 4  # old segments are indexed by their first characters (white space aside)
TRIES = 16  # starts looked at per new segment, the nearest to where it is expected: bounded work
_MSGID = attrgetter("msgid")
_LOOKUPS = 512  # places looked at per new text, at most, to tell whether it is old parts put together


def may_join(texts: list[tuple[int, str]], parts: Mapping[str, int]) -> list[int]:
    """The indices of the ``texts`` (white space removed) that are two or more of ``parts`` put together.

    Only those may be joins: the joins follow the old places (which ones stood next to each
    other) for them alone. A text is kept when it splits into parts, whatever their order,
    or when telling takes more than ``_LOOKUPS`` steps (bounded work).
    """
    if not parts:
        return []
    lengths = set(map(len, parts))
    longest = max(lengths)
    # a part can only end where the text has a character some part ends with (most end a sentence)
    last = re.compile("[" + "".join(map(re.escape, sorted({key[-1] for key in parts}))) + "]")
    return [i for i, text in texts if _parts_put_together(text, parts, lengths, longest, last.finditer)]


def _parts_put_together(
    text: str,
    parts: Mapping[str, int],
    lengths: set[int],
    longest: int,
    last: Callable[[str, int], Iterator[re.Match[str]]],
) -> bool:
    """``text`` is two or more of ``parts`` (of these ``lengths``) one after the other; True too past ``_LOOKUPS``."""
    size, budget = len(text), _LOOKUPS
    starts, seen = [0], {0}  # where a run of parts from the start may end, and the next part start
    while starts:
        start = starts.pop()
        for found in last(text, start):
            end = found.end()
            if (start == 0 and end == size) or end - start > longest:
                break  # the whole text as one part is not a join; no part is longer
            budget -= 1
            if budget < 0:
                return True
            if end - start in lengths and text[start:end] in parts:
                if end == size:
                    return True
                if end not in seen:
                    seen.add(end)
                    starts.append(end)
    return False


class Index(NamedTuple):
    """Where the old entries stood, for the joins of a few new texts."""

    places: Places
    keys: list[str]  # each place's text (white space removed)
    first: dict[int, int]  # each old entry's first place
    starts: dict[str, list[int]]  # the places of the parts, by their first 1 to 4 characters (those asked for)


class OldParts:
    """The old live entries of a merge as the parts of joins and splits.

    ``worked``: for a machine language, whether a person changed old entry ``j`` (a join or a
    split needs one such part; the converter's output is simply converted again); None: all count.
    """

    def __init__(self, old: list[Entry], worked: Callable[[int], bool] | None) -> None:
        self.old = old
        self.worked = worked
        self.keys = list(map("".join, map(str.split, map(_MSGID, old))))  # the texts without white space (no_space)
        # Simple and translated, matched or not: its translation is still one of its text, which a join only copies.
        self.part = [
            e.msgctxt is None and e.msgid_plural is None and (e.msgstr != "" or any(e.msgstr_plural)) for e in old
        ]

    @cached_property
    def first(self) -> dict[str, int]:
        """The first old entry of each non-empty text that may be a part."""
        keys, parts = self.keys, list(compress(range(len(self.keys)), self.part))
        first = dict(zip([keys[j] for j in reversed(parts)], reversed(parts), strict=True))  # the earliest set last
        first.pop("", None)
        return first

    def wholes(self) -> dict[str, int]:
        """The old entries a run of new segments may be the pieces of, by text (the first of each)."""
        if self.worked is None:
            return self.first
        return {key: j for key, j in self.first.items() if self.worked(j)} if self.first else {}

    def index(self, heads: set[str]) -> Index:
        """Where the old entries stood, and the places of the parts whose first characters are among ``heads``.

        ``heads``: the first 1 to 4 characters of the texts ``join`` will be given (``HEAD``).
        """
        places = Places.of(self.old)
        entry, part = places.entry, self.part
        keys = [self.keys[j] for j in entry]
        first = dict(zip(reversed(entry), range(len(entry) - 1, -1, -1), strict=True))  # each entry's first place
        starts: dict[str, list[int]] = defaultdict(list)  # first characters → places
        for p in [p for p, key in enumerate(keys) if key[:HEAD] in heads]:
            if keys[p] and part[entry[p]]:
                starts[keys[p][:HEAD]].append(p)
        return Index(places, keys, first, starts)

    def join(self, index: Index, text: str, expected: float) -> list[int] | None:
        """The old entries, next to each other, whose texts put together are ``text``; the start nearest ``expected``.

        At most ``TRIES`` starts per length of the start's first characters, each followed for at most
        ``text``'s length. Ties go to the start nearest the expected place, then the earlier one.
        """
        first, starts = index.first, index.starts
        near = first.get(min(max(round(expected), 0), len(self.old) - 1), 0)
        found: list[tuple[int, int, list[int]]] = []
        for size in range(1, HEAD + 1):
            bucket = starts.get(text[:size], []) if len(text) >= size else []
            at = bisect.bisect_left(bucket, near)
            for p in bucket[max(at - TRIES // 2, 0) : at + TRIES // 2]:
                parts = self.chain(index, text, p)
                if parts is not None:
                    found.append((abs(p - near), p, parts))
        return min(found)[2] if found else None

    def chain(self, index: Index, text: str, p: int) -> list[int] | None:
        """The old live indices, from place ``p`` on, whose texts put together are ``text`` (two or more).

        Each next part is the next place, or (a msgid found at two places is listed at its
        first) another place on the same line.
        """
        places, keys = index.places, index.keys
        if not text.startswith(keys[p]) or not self.part[places.entry[p]]:
            return None
        parts: list[int] = []
        offset = 0
        while True:
            parts.append(places.entry[p])
            offset += len(keys[p])
            if offset == len(text):
                break
            following = [p + 1] if p + 1 < len(keys) else []
            following += places.on_line(p, TRIES)
            fits = (q for q in following if keys[q] and text.startswith(keys[q], offset))
            p = next((q for q in fits if self.part[places.entry[q]]), -1)
            if p < 0:
                return None
        if len(parts) < 2 or len(set(parts)) < len(parts):
            return None
        if self.worked is not None and not any(self.worked(j) for j in parts):
            return None  # all the converter's output: the new segment is simply converted
        return parts
