"""The matcher's building blocks: similarity and its shortcut, the bigram index, trivial-edit keys."""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from pipeline.l10n import match
from pipeline.l10n.match import Candidate, Matcher

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))
# A few characters, so that random texts share a lot (what makes partial matches happen).
HAN = st.text(st.sampled_from("中國美的AI是了在一人，。年28%"), min_size=0, max_size=40)


def similarity_without_shortcut(a: str, b: str) -> float:
    """The module doc's definition, with partial_ratio always computed."""
    score = fuzz.ratio(a, b)
    short, long = sorted((match._no_punctuation(a), match._no_punctuation(b)), key=len)
    if len(short) >= 8 and len(short) >= len(long) / 3:
        score = max(score, 0.95 * fuzz.partial_ratio(short, long, score_cutoff=95))
    return float(score)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(HAN, HAN, st.integers(0, 40), st.integers(0, 40))
def test_the_partial_ratio_shortcut_never_changes_a_score(a: str, b: str, start: int, stop: int) -> None:
    """similarity() skips partial_ratio when ratio shows it cannot reach 95: same scores."""
    contained = a[start:stop] + b[:3]  # a piece of a (plus a little): partial matches are likely
    for x, y in ((a, b), (a, contained), (contained, a)):
        assert match.similarity(x, y) == similarity_without_shortcut(x, y)


def test_similarity_examples() -> None:
    sentence = "但在中國開發者手里，正式超過了美國，OpenAI爆出一份報告。"
    assert match.similarity(sentence, sentence) == 100.0
    assert match.similarity(sentence, sentence.replace("正式", "已經")) >= match.CUTOFF
    assert match.similarity(sentence, "電費都交不起的“貧瘠之地”。") < match.CUTOFF
    half = sentence[: len(sentence) // 2] + "。"  # a sentence split in two: the first half is contained
    assert match.similarity(half, sentence) == 95.0  # contained, once punctuation is set aside


def test_the_index_proposes_the_candidate_sharing_the_rarest_bigrams() -> None:
    common = "今天天氣很好我們出去玩吧"  # in every decoy: its bigrams say little
    decoys = [Candidate(common + chr(0x4E00 + 600 + k) * 6, float(k)) for k in range(40)]
    origin = Candidate("黃河遠上白雲間一片孤城萬仞山" + common, 99.0)
    matcher = Matcher([*decoys, origin])
    assert matcher._indexed("黃河遠上白雲間，一片孤城萬仞山。")[0] == len(decoys)


def indexed_by_definition(matcher: Matcher, text: str) -> list[int]:
    """The module doc's ranking, plainly: the text's 16 rarest bigrams counted per candidate, most first."""
    sizes = sorted((len(matcher._postings.get(g, ())), g) for g in match._bigrams(text))
    rarest = [g for size, g in sizes if 0 < size <= match._COMMON_BIGRAM][: match._RAREST_BIGRAMS]
    counts: dict[int, int] = {}
    for gram in rarest:
        for index in matcher._postings[gram]:
            counts[index] = counts.get(index, 0) + 1
    return sorted(counts, key=lambda index: (-counts[index], index))[: match._INDEX_CANDIDATES]


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(HAN, min_size=1, max_size=60), HAN)
def test_the_index_ranks_candidates_as_its_definition_says(olds: list[str], text: str) -> None:
    """Counted in bits (``most_shared``): the same candidates, in the same order, as counting plainly."""
    matcher = Matcher([Candidate(old, float(k)) for k, old in enumerate(olds)])
    assert matcher._indexed(text) == indexed_by_definition(matcher, text)


# A set of indices 0..300 drawn as one string of the characters standing for them, not one
# choice per member (which made generation most of the test's time): every such set, duplicates folded.
_INDEX_SETS = st.text([chr(0x100 + index) for index in range(301)]).map(lambda s: {ord(c) - 0x100 for c in s})


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(_INDEX_SETS, max_size=40), st.integers(1, 20))
def test_counting_in_bits_ranks_as_counting_each_index(sets: list[set[int]], n: int) -> None:
    """Up to 40 sets (counts past 16 and 32 need more levels), indices past a byte and a machine word."""
    counts: dict[int, int] = {}
    for members in sets:
        for index in members:
            counts[index] = counts.get(index, 0) + 1
    expected = sorted(counts, key=lambda index: (-counts[index], index))[:n]
    bits = [sum(1 << index for index in members) for members in sets]
    assert match.most_shared(bits, n) == expected
    assert [match._bitmap(sorted(members)) for members in sets] == bits


def test_trivial_keys_ignore_space_punctuation_width_and_variants() -> None:
    keys = match._keys("中國ＡＩ， 發展。")
    assert keys["punctuation"] == match._keys("中國AI發展")["punctuation"] == "中國AI發展"
    assert keys["variant"] == "中国AI发展"
    assert match._keys("競(jìng)賽")["gloss"] == match._keys("竞赛")["variant"]


def test_the_punctuation_table_is_what_this_unicode_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept table is used for its own Unicode version only; any other computes the ranges."""
    if unicodedata.unidata_version == match._PUNCTUATION_UNICODE:
        assert match._known_ranges() == match.punctuation_ranges()
    monkeypatch.setattr(match, "_PUNCTUATION_UNICODE", "0.0.0")
    assert match._known_ranges() == match.punctuation_ranges()
    assert all(
        unicodedata.category(chr(a))[0] == unicodedata.category(chr(b))[0] == "P" for a, b in match._known_ranges()
    )
