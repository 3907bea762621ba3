"""Where the old entries of a catalog stood, from their ``#:`` references: the neighbours the joins look for."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from pipeline.po.model import Entry


def no_space(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class Places:
    """Where the old live entries stood: one place per ``#:`` reference, in (path, line, catalog) order.

    A catalog sorted by another tool (``msgcat --sort-output``) still shows which segments
    stood next to each other; a msgid found at two places is at both. An entry without a
    reference has one place, at the end, in catalog order.
    """

    entry: list[int]  # the live index at each place
    found: list[tuple[int, str, int, int]]  # (no reference, path, line, live index) of each place, sorted

    def on_line(self, p: int, limit: int) -> list[int]:
        """The first ``limit`` places (in order) on the line of place ``p``: bisections, no index of every line.

        A line's places stand together in the sorted order; an entry without a reference is
        at line ("", its index), which a reference with no path (``:5``) may share.
        """
        found, (_, path, line, _) = self.found, self.found[p]
        start = bisect_left(found, (0, path, line))
        same = list(range(start, min(bisect_left(found, (0, path, line + 1), start), start + limit)))
        if path == "" and len(same) < limit:
            start = bisect_left(found, (1, "", line))
            same += range(start, min(bisect_left(found, (1, "", line + 1), start), start + limit - len(same)))
        return same

    @classmethod
    def of(cls, entries: list[Entry]) -> Places:
        found: list[tuple[int, str, int, int]] = []
        add = found.append
        read: dict[str, tuple[str, int] | None] = {}  # each reference read once: a paragraph's sentences share one
        for j, entry in enumerate(entries):
            references = entry.references
            if len(references) == 1:  # the usual case, without the general case's lists
                reference = references[0]
                if reference in read:
                    place = read[reference]
                else:
                    where, _, number = reference.rpartition(":")
                    place = read[reference] = (where, int(number)) if number.isdigit() else None
                add((0, place[0], place[1], j) if place is not None else (1, "", j, j))
                continue
            split = (r.rpartition(":") for r in references)
            lines = [(path, int(line)) for path, _, line in split if line.isdigit()]
            found += [(0, path, line, j) for path, line in dict.fromkeys(lines)] or [(1, "", j, j)]
        found.sort()
        return cls([j for *_, j in found], found)
