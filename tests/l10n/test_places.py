"""Where old entries stood (l10n.places): the places of a line, by bisection, are what an index gives."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.l10n.places import Places
from pipeline.po.model import Entry

REFERENCE = st.one_of(
    st.builds(lambda path, line: f"{path}:{line}", st.sampled_from(["a.md", "b.md", ""]), st.integers(0, 6)),
    st.sampled_from(["a.md", "a.md:x", ":"]),  # no line number: not a place
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(REFERENCE, max_size=3), max_size=12), st.integers(1, 4))
def test_the_places_on_a_line_are_those_an_index_of_every_line_gives(refs: list[list[str]], limit: int) -> None:
    places = Places.of([Entry(f"m{j}", references=tuple(r)) for j, r in enumerate(refs)])
    index: dict[tuple[str, int], list[int]] = defaultdict(list)  # what Places kept before: every line's places
    for p, (_, path, line, _) in enumerate(places.found):
        index[(path, line)].append(p)
    for p, (_, path, line, _) in enumerate(places.found):
        assert places.on_line(p, limit) == index[(path, line)][:limit]
