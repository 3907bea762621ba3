"""Where the old entries of a catalog stood, from their ``#:`` references: the neighbours the joins look for."""

from __future__ import annotations

from collections import defaultdict
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
    line: list[tuple[str, int]]  # the (path, line) of each place
    on_line: dict[tuple[str, int], list[int]]  # the places of each line

    @classmethod
    def of(cls, entries: list[Entry]) -> Places:
        found: list[tuple[int, str, int, int]] = []
        add = found.append
        for j, entry in enumerate(entries):
            references = entry.references
            if len(references) == 1:  # the usual case, without the general case's lists
                where, _, number = references[0].rpartition(":")
                add((0, where, int(number), j) if number.isdigit() else (1, "", j, j))
                continue
            split = (r.rpartition(":") for r in references)
            lines = [(path, int(line)) for path, _, line in split if line.isdigit()]
            found += [(0, path, line, j) for path, line in dict.fromkeys(lines)] or [(1, "", j, j)]
        found.sort()
        on_line: dict[tuple[str, int], list[int]] = defaultdict(list)
        for p, (_, path, line, _) in enumerate(found):
            on_line[(path, line)].append(p)
        return cls([j for *_, j in found], [(path, line) for _, path, line, _ in found], on_line)
