"""Issue 15 in the merge: a new segment that is consecutive old ones put together (new sentence
rules that no longer cut ``「快進來！」媽媽喊道。``) gets their translations joined, fuzzy; and a
segment split in pieces."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.l10n import merge as merge_module
from pipeline.l10n.convert import machine_filler
from pipeline.l10n.joins import OldParts
from pipeline.l10n.match import _no_punctuation
from pipeline.l10n.merge import merge
from pipeline.l10n.places import Places
from pipeline.po.model import Catalog, Entry

_FILL = machine_filler("tw2s", "fullwidth", traditional_source=True)
assert _FILL is not None
TW2S = _FILL


def entry(msgid: str, msgstr: str = "", line: int = 1, **fields: object) -> Entry:
    return Entry(msgid=msgid, msgstr=msgstr, references=(f"a.md:{line}",)).evolve(**fields)


def template(*msgids: str) -> Catalog:
    return Catalog(entries=tuple(entry(m, line=i + 1) for i, m in enumerate(msgids)))


def old(*pairs: tuple[str, str], language: str = "en") -> Catalog:
    entries = tuple(entry(m, s, line=i + 1) for i, (m, s) in enumerate(pairs))
    return Catalog(header=(("Language", language),), entries=entries)


SPEECH = old(("「快進來！」", '"Come in!"'), ("媽媽喊道。", "Mum called."), ("大家都笑了。", "Everyone laughed."))


def test_reported_speech_gets_the_quote_and_its_attribution_joined() -> None:
    merged = merge(template("「快進來！」媽媽喊道。", "大家都笑了。"), SPEECH, None, True)
    first, second = merged.catalog.live
    assert first.msgstr == '"Come in!" Mum called.' and first.fuzzy
    assert first.previous_msgid == "「快進來！」\n媽媽喊道。"
    assert first.translator_comments == ("article-l10n: joined from 2 segments: 「快進來！」 + 媽媽喊道。",)
    assert first.references == ("a.md:1",)
    assert second.msgstr == "Everyone laughed." and not second.fuzzy
    # the join is a suggestion: each part's own translation stays, word for word, as an obsolete entry
    assert [(e.msgid, e.msgstr) for e in merged.catalog.obsolete] == [
        ("「快進來！」", '"Come in!"'),
        ("媽媽喊道。", "Mum called."),
    ]
    assert merged.counts.fuzzy == {"joined": 1}
    again = merge(template("「快進來！」媽媽喊道。", "大家都笑了。"), merged.catalog, None, True)
    assert again.catalog == merged.catalog


def test_a_part_that_is_still_live_elsewhere_is_not_made_obsolete_too() -> None:
    merged = merge(template("「快進來！」媽媽喊道。", "「快進來！」"), SPEECH, None, True).catalog
    assert [e.msgid for e in merged.live] == ["「快進來！」媽媽喊道。", "「快進來！」"]
    assert [e.msgid for e in merged.obsolete] == ["媽媽喊道。", "大家都笑了。"]


def test_a_persons_part_joined_with_machine_output_keeps_its_own_text() -> None:
    """Found by the property test: zh_Hans, a person's text on one part, the converter's on the other."""
    first, second = "憑什么?", "史密斯的焦慮達到了頂峰。"
    start = merge(template(first, second), Catalog(header=(("Language", "zh_Hans"),)), TW2S, True).catalog
    mine = replace(start, entries=(start.entries[0].evolve(msgstr="我的译文"), start.entries[1]))
    merged = merge(template(first + second), mine, TW2S, True).catalog
    (joined,) = merged.live
    assert joined.fuzzy and joined.msgstr.startswith("我的译文")
    assert [(e.msgid, e.msgstr) for e in merged.obsolete] == [(first, "我的译文")]  # the converter's part is not kept


def test_a_chinese_target_joins_without_a_space() -> None:
    cat = old(("「快進來！」", "「快进来！」"), ("媽媽喊道。", "妈妈喊道。"), language="zh_Hans")
    (joined,) = merge(template("「快進來！」媽媽喊道。"), cat, None, True).catalog.live
    assert joined.msgstr == "「快进来！」妈妈喊道。" and joined.fuzzy
    (spaced,) = merge(template("「快進來！」媽媽喊道。"), cat, None, True, chinese=False).catalog.live
    assert spaced.msgstr == "「快进来！」 妈妈喊道。"


def test_white_space_between_the_parts_does_not_matter() -> None:
    cat = old(("Dr. Smith 說：", "Dr. Smith said:"), ("「好。」", '"Fine."'))
    (joined,) = merge(template("Dr. Smith 說： 「好。」"), cat, None, True).catalog.live
    assert joined.msgstr == 'Dr. Smith said: "Fine."' and joined.fuzzy


def test_three_parts_in_old_order() -> None:
    cat = old(("他在信裡寫著「我很好。", "a"), ("別擔心！」", "b"), ("便寄了出去。", "c"))
    (joined,) = merge(template("他在信裡寫著「我很好。別擔心！」便寄了出去。"), cat, None, True).catalog.live
    assert joined.msgstr == "a b c" and joined.previous_msgid == "他在信裡寫著「我很好。\n別擔心！」\n便寄了出去。"
    assert "joined from 3 segments" in joined.translator_comments[-1]


def test_parts_that_were_not_neighbours_are_not_joined() -> None:
    cat = old(("「快進來！」", '"Come in!"'), ("大家都笑了。", "Everyone laughed."), ("媽媽喊道。", "Mum called."))
    merged = merge(template("「快進來！」媽媽喊道。"), cat, None, True).catalog
    assert merged.live[0].msgstr == "" and not merged.live[0].fuzzy


def test_a_part_without_translation_stops_the_join() -> None:
    cat = old(("「快進來！」", '"Come in!"'), ("媽媽喊道。", ""))
    assert merge(template("「快進來！」媽媽喊道。"), cat, None, True).catalog.live[0].msgstr == ""


def test_an_existing_translation_is_never_replaced() -> None:
    cat = old(("「快進來！」", '"Come in!"'), ("媽媽喊道。", "Mum called."), ("「快進來！」媽媽喊道。", "Mine."))
    merged = merge(template("「快進來！」", "媽媽喊道。", "「快進來！」媽媽喊道。"), cat, None, True).catalog
    assert [e.msgstr for e in merged.live] == ['"Come in!"', "Mum called.", "Mine."]
    assert not any(e.fuzzy for e in merged.live)


def test_a_trivial_edit_comes_before_a_join() -> None:
    cat = old(("股市大跌", "Stocks fell"), ("。", "."))
    (kept,) = merge(template("股市大跌。"), cat, None, True).catalog.live
    assert kept.msgstr == "Stocks fell" and not kept.fuzzy  # kept as translated: punctuation changed


def test_a_part_also_standing_alone_serves_both() -> None:
    """``「快進來！」`` stays a segment of its own elsewhere and is the start of a join."""
    cat = Catalog(
        entries=(
            entry("「快進來！」", '"Come in!"', 1, references=("a.md:1", "a.md:2")),
            entry("媽媽喊道。", "Mum called.", 1),
            entry("大家都笑了。", "Everyone laughed.", 2),
        )
    )
    merged = merge(template("「快進來！」媽媽喊道。", "「快進來！」", "大家都笑了。"), cat, None, True).catalog
    assert [e.msgstr for e in merged.live] == ['"Come in!" Mum called.', '"Come in!"', "Everyone laughed."]


def test_a_part_found_at_two_places_is_found_at_the_second() -> None:
    """A msgid at two places is listed at its first: the join at the second place still finds it."""
    cat = Catalog(
        entries=(
            entry("〈再見了！", "Farewell!", 1),
            entry("青春〉是第三章。", "Youth is chapter three.", 1, references=("a.md:1", "a.md:2")),
            entry("〈再见了！", "Farewell (s)!", 2),
        )
    )
    merged = merge(template("〈再見了！青春〉是第三章。", "〈再见了！青春〉是第三章。"), cat, None, True).catalog
    assert [e.msgstr for e in merged.live] == [
        "Farewell! Youth is chapter three.",
        "Farewell (s)! Youth is chapter three.",
    ]


def test_a_catalog_sorted_by_msgid_still_shows_the_neighbours() -> None:
    shuffled = Catalog(header=SPEECH.header, entries=tuple(sorted(SPEECH.entries, key=lambda e: e.msgid)))
    (joined,) = merge(template("「快進來！」媽媽喊道。"), shuffled, None, True).catalog.live
    assert joined.msgstr == '"Come in!" Mum called.'


def test_a_join_stays_fuzzy_and_the_merge_settles() -> None:
    once = merge(template("「快進來！」媽媽喊道。"), SPEECH, None, True).catalog
    twice = merge(template("「快進來！」媽媽喊道。"), once, None, True).catalog
    assert twice == once


def test_a_join_whose_previous_msgid_is_the_msgid_stays_fuzzy() -> None:
    """A segment crossing a line break (hard-wrapped paragraphs): its ``#|`` may equal it."""
    cat = old(("第一句，", "First,"), ("接著第二句。", "then second."))
    once = merge(template("第一句，\n接著第二句。"), cat, None, True).catalog
    assert once.live[0].fuzzy and once.live[0].previous_msgid == once.live[0].msgid
    assert merge(template("第一句，\n接著第二句。"), once, None, True).catalog == once


def test_confirming_a_join_drops_its_note() -> None:
    once = merge(template("「快進來！」媽媽喊道。"), SPEECH, None, True).catalog
    confirmed = once.live[0].with_flag("fuzzy", on=False)
    after = merge(template("「快進來！」媽媽喊道。"), Catalog(entries=(confirmed,)), None, True).catalog.live[0]
    assert not after.fuzzy and after.previous_msgid is None and after.translator_comments == ()


def test_a_persons_comments_and_flags_on_the_parts_are_kept() -> None:
    cat = Catalog(
        entries=(
            entry("「快進來！」", '"Come in!"', 1, translator_comments=("keep it short",), flags=("keep-chinese",)),
            entry("媽媽喊道。", "Mum called.", 1, translator_comments=("article-l10n: number changed: 1 → 2",)),
        )
    )
    (joined,) = merge(template("「快進來！」媽媽喊道。"), cat, None, True).catalog.live
    assert joined.flags == ("fuzzy", "keep-chinese")
    assert joined.translator_comments[0] == "keep it short" and len(joined.translator_comments) == 2


def test_a_machine_language_joins_only_a_persons_work() -> None:
    machine = old(("「快進來！」", TW2S("「快進來！」")), ("媽媽喊道。", TW2S("媽媽喊道。")), language="zh_Hans")
    (converted,) = merge(template("「快進來！」媽媽喊道。"), machine, TW2S, True).catalog.live
    assert converted.msgstr == TW2S("「快進來！」媽媽喊道。") and not converted.fuzzy
    edited = old(("「快進來！」", "「快点进来！」"), ("媽媽喊道。", TW2S("媽媽喊道。")), language="zh_Hans")
    (joined,) = merge(template("「快進來！」媽媽喊道。"), edited, TW2S, True).catalog.live
    assert joined.msgstr == "「快点进来！」" + TW2S("媽媽喊道。") and joined.fuzzy


def _chains_followed(monkeypatch: pytest.MonkeyPatch, n: int, new_text: Callable[[int], str]) -> int:
    """The chains of old neighbours followed in a merge of ``n`` old segments that all start alike."""
    chain = OldParts.chain
    calls = 0

    def counted(self: OldParts, *args: Any) -> list[int] | None:
        nonlocal calls
        calls += 1
        return chain(self, *args)

    pairs = [(f"他說：「第{i}號。", f"t{i}") for i in range(n)]
    with monkeypatch.context() as patch:
        patch.setattr(OldParts, "chain", counted)
        merge(template(*(new_text(i) for i in range(n))), old(*pairs), None, True)
    return calls


def test_the_work_is_linear_when_every_segment_starts_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hostile: every old segment starts with the same characters; the starts followed stay bounded.

    Each new text is old segments put together, but never neighbours (the worst case: every
    start is followed, none joins). A new text that is not old segments put together at all
    (``…號。」他說``) is not followed at all (``joins.may_join``).
    """
    small = _chains_followed(monkeypatch, 200, lambda i: f"他說：「第{i}號。他說：「第{(i + 2) % 200}號。")
    large = _chains_followed(monkeypatch, 400, lambda i: f"他說：「第{i}號。他說：「第{(i + 2) % 400}號。")
    assert 0 < small <= 16 * 200 and large <= 16 * 400
    assert large <= 2.2 * small
    assert _chains_followed(monkeypatch, 400, lambda i: f"他說：「第{i}號。」他說") == 0


SENTENCE = st.text(alphabet="甲乙丙丁戊己庚辛壬癸「」，", min_size=1, max_size=6).map(lambda s: s + "。")


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, min_size=2, max_size=12, unique=True), st.randoms(use_true_random=False))
def test_any_run_of_neighbours_put_together_gets_their_translations(sentences: list[str], rnd: random.Random) -> None:
    """Old segments each ending in 。: however the new rules put neighbours together, each new
    segment gets exactly the translations of its parts, in order."""
    groups: list[list[str]] = [[sentences[0]]]
    for text in sentences[1:]:
        if rnd.random() < 0.5:
            groups[-1].append(text)
        else:
            groups.append([text])
    new = ["".join(g) for g in groups]
    assume(len(set(new)) == len(new))
    old_keys = {_no_punctuation(s) for s in sentences}  # else a trivial edit of an old one: kept as that
    assume(all(len(g) == 1 or _no_punctuation("".join(g)) not in old_keys for g in groups))
    cat = old(*((s, f"T({s})") for s in sentences))
    merged = merge(template(*new), cat, None, True).catalog
    for group, result in zip(groups, merged.live, strict=True):
        assert result.msgstr == " ".join(f"T({s})" for s in group)
        assert result.fuzzy == (len(group) > 1)


def test_a_short_sentence_split_in_two_gives_each_piece_its_translation() -> None:
    """Too short for the similarity match (under 8 characters): found as the pieces of the old one."""
    cat = old(("「好！」他說。", '"Fine!" he said.'), ("大家都笑了。", "Everyone laughed."))
    merged = merge(template("「好！」", "他說。", "大家都笑了。"), cat, None, True)
    first, second, third = merged.catalog.live
    for piece in (first, second):
        assert piece.msgstr == '"Fine!" he said.' and piece.fuzzy and piece.previous_msgid == "「好！」他說。"
        assert piece.translator_comments == ("article-l10n: split into 2 segments from: 「好！」他說。",)
    assert third.msgstr == "Everyone laughed." and not merged.catalog.obsolete
    assert merged.counts.fuzzy == {"split": 2}


def test_a_long_sentence_split_in_two_was_already_found_and_now_says_so() -> None:
    whole = "我昨晚讀完了這本小說，真的很感動。然後我們去吃了一頓很好的晚餐。"
    first, second = whole[:17], whole[17:]
    merged = merge(template(first, second), old((whole, "W")), None, True).catalog
    assert [(e.msgstr, e.fuzzy, e.previous_msgid) for e in merged.live] == [("W", True, whole)] * 2
    assert all(e.translator_comments[-1].startswith("article-l10n: split into 2") for e in merged.live)


def test_old_places_are_read_only_when_a_pending_text_starts_with_an_old_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most updates: no new segment starts with a whole old one, so no join can exist; the old
    ``#:`` places of every entry are then never read (the joins' cost, on 50,000 entries)."""
    calls = 0
    places_of = Places.of

    def counted(entries: list[Entry]) -> Places:
        nonlocal calls
        calls += 1
        return places_of(entries)

    monkeypatch.setattr(Places, "of", counted)
    sentences = [f"第{i}句話在這裡。" for i in range(200)]
    cat = old(*((s, f"S{i}") for i, s in enumerate(sentences)))
    edited = [s.replace("這裡", "那裡") if i % 10 == 0 else s for i, s in enumerate(sentences)]
    merged = merge(template(*edited, "全新的一句話。"), cat, None, True)
    assert calls == 0 and merged.counts.fuzzy == {"edited": 20}
    joined = merge(template(sentences[0] + sentences[1], *sentences[2:]), cat, None, True)
    assert calls == 1 and joined.counts.fuzzy == {"joined": 1}


@settings(max_examples=100, deadline=None)
@given(st.lists(SENTENCE, min_size=2, max_size=12, unique=True), st.randoms(use_true_random=False))
def test_the_prefix_filter_changes_no_merge(sentences: list[str], rnd: random.Random) -> None:
    """``may_join`` only skips texts that cannot be joins: following every pending text gives the same catalog."""
    new: list[str] = []
    for k, text in enumerate(sentences):
        roll = rnd.random()
        if roll < 0.3 and k + 1 < len(sentences):
            new.append(text + sentences[k + 1])  # joined with the next
        elif roll < 0.45:
            new.append(text + rnd.choice(sentences))  # starts with an old one, maybe not a join
        elif roll < 0.6:
            new.append(text[:-1] + "乙" + text[-1])  # edited
        else:
            new.append(text)
    cat = old(*((s, f"T({s})") for s in sentences))
    filtered = merge(template(*dict.fromkeys(new)), cat, None, True)
    with patch.object(merge_module, "may_join", lambda texts, parts: [i for i, _ in texts]):
        followed = merge(template(*dict.fromkeys(new)), cat, None, True)
    assert filtered == followed
