"""Which new texts may be old parts put together (l10n.joins.may_join): a necessary condition, in bounded work."""

from __future__ import annotations

from pipeline.l10n import joins
from pipeline.l10n.joins import may_join


class CountedParts(dict[str, int]):
    """Old parts that count the look-ups made in them."""

    lookups = 0

    def __contains__(self, key: object) -> bool:
        CountedParts.lookups += 1
        return super().__contains__(key)


def test_a_text_is_kept_only_when_it_is_two_or_more_parts_one_after_the_other() -> None:
    parts = {"「快進來！」": 0, "媽媽喊道。": 1, "大家都笑了。": 2}
    texts = [
        (0, "「快進來！」媽媽喊道。"),  # two parts (neighbours or not: the places tell later)
        (1, "大家都笑了。「快進來！」媽媽喊道。"),  # three, in another order: still kept
        (2, "「快進來！」他說。"),  # starts with a part, the rest is none
        (3, "大家都笑了。"),  # one part alone is no join
        (4, "全新的一句。"),
    ]
    assert may_join(texts, parts) == [0, 1]


def test_the_look_ups_per_text_are_bounded() -> None:
    """Hostile: parts of every length of one repeated character, and a long text of it that no part ends."""
    parts = CountedParts({"甲" * k: k for k in range(1, 300)})
    CountedParts.lookups = 0
    assert may_join([(0, "甲" * 5_000 + "乙")], parts) == [0]  # past the budget: kept, to be safe
    assert CountedParts.lookups <= joins._LOOKUPS + 1
