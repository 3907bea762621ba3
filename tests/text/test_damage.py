"""Mojibake detection: strong marks make a span, weak marks only extend one."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import damage, source
from pipeline.text.damage import Damage, find

ARTICLE = Path(__file__).resolve().parents[2] / "source" / "article.md"


@pytest.fixture(scope="module")
def article_lines() -> tuple[str, ...]:
    return source.read(ARTICLE, "article").lines


def test_the_real_article_has_damage_on_exactly_four_lines(article_lines: tuple[str, ...]) -> None:
    flagged = {number: find(line) for number, line in enumerate(article_lines, start=1) if find(line)}
    assert sorted(flagged) == [1, 16, 23, 37]
    assert len(flagged[1]) == 2
    assert [len(flagged[n]) for n in (16, 23, 37)] == [1, 2, 1]


def test_the_real_article_spans(article_lines: tuple[str, ...]) -> None:
    assert [d.excerpt for d in find(article_lines[0])] == ["?yán)悾敲丛谶@", "?yàn)楸幌拗屏隧敿?jí)"]
    assert [d.excerpt for d in find(article_lines[15])] == ["?yàn)橹袊碎_"]
    assert [d.excerpt for d in find(article_lines[36])] == ["?yàn)檫@"]
    first, second = find(article_lines[22])  # two spans: the clean "計的,它們" between them
    assert first.excerpt == "?yàn)橹袊P捅旧砭褪菫榱恕暗团渲谩痹O(shè)"
    assert second.excerpt == "?cè)诶吓f"


def test_spans_are_ordered_slices_of_the_text(article_lines: tuple[str, ...]) -> None:
    for line in article_lines:
        spans = find(line)
        for span in spans:
            assert 0 <= span.start < span.end <= len(line)
            assert span.excerpt == line[span.start : span.end]
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_the_damage_leaves_the_clean_text_around_it_alone(article_lines: tuple[str, ...]) -> None:
    line_16 = article_lines[15]
    (span,) = find(line_16)
    assert line_16[: span.start] == "憑什么?因"  # the clean question mark before it is not damage
    assert line_16[span.end :].startswith("發出了一套叫“GRPO”的新算法")


@pytest.mark.parametrize(
    "text",
    [
        "這說明什么?說明全球成千上萬的草根開發者,在動手寫代碼",
        "29萬美元是什么概念?在硅谷,這可能也就是兩個資深工程師的年薪。",
        "至于非洲、拉美、東南亞這些“全球南方”國家?在他們看來",
        "Hugging Face(全球最大的模型托管平臺)爆出一份報告",
        "Notice: The content above (including the pictures and videos if any) is uploaded.",
        "但DeepSeek-R1的出世,直接扇了整個硅谷一記響亮的耳光:訓練成本只有29.4萬美元。",
        "What?yes",  # no closing parenthesis: not a swallowed gloss
        "",
    ],
)
def test_clean_text_is_not_flagged(text: str) -> None:
    assert find(text) == ()


@pytest.mark.parametrize("text", ["中@文", "維生素C片", "痹O(shè)計", "而這場博弈O(shè)", "中_文"])
def test_weak_marks_alone_are_not_damage(text: str) -> None:
    assert find(text) == ()


def test_a_question_mark_glued_to_a_reading_and_a_stray_parenthesis() -> None:
    assert find("前文?yán)後文") == (Damage(2, 7, "?yán)"),)


def test_the_replacement_character_is_damage() -> None:
    assert find("中文\ufffd中文") == (Damage(2, 3, "\ufffd"),)
    assert find("\ufffd", traditional=False) == (Damage(0, 1, "\ufffd"),)


def test_simplified_only_characters_are_damage_only_in_a_traditional_text() -> None:
    assert find("這是简体中文") == (Damage(2, 3, "简"),)
    assert find("這是简体中文", traditional=False) == ()
    assert find("前面丛谶後面") == (Damage(2, 4, "丛谶"),)
    assert find("前面丛谶後面", traditional=False) == ()


@pytest.mark.parametrize(
    "text",
    [
        "这是简体中文",
        "近年来，人工智能技术飞速发展，正在深刻改变教育行业。",
        "教育部官员表示：“我们鼓励学校积极探索，但也要注意保护学生隐私。”",
        "你觉得AI会取代老师吗？欢迎留言讨论！",
    ],
)
def test_a_simplified_paragraph_in_a_traditional_project_is_not_damage(text: str) -> None:
    # no character of it is a Traditional form OpenCC would simplify: Simplified text, not GBK
    # bytes decoded at the wrong offset (which leave Traditional forms around: the article's lines)
    assert find(text) == ()


@pytest.mark.parametrize("text", ["爲了衆人", "僞造", "叄", "他説", "閲讀"])
def test_traditional_forms_missing_from_big5_hkscs_are_not_damage(text: str) -> None:
    # OpenCC writes these Traditional forms (s2t: 为 -> 爲, 伪 -> 僞; s2hk: 说 -> 説, 阅 -> 閲)
    assert find(text) == ()


def test_weak_marks_touching_a_span_join_it() -> None:
    assert find("好丛谶@之後的文字") == (Damage(1, 4, "丛谶@"),)
    assert find("?yán)O(shè)後") == (Damage(0, 11, "?yán)O(shè)"),)


def test_marks_close_together_are_one_span_and_far_apart_two() -> None:
    close = "前文?yán)後文一二三四五?yàn)後"
    assert [d.excerpt for d in find(close)] == ["?yán)後文一二三四五?yàn)"]
    far = "前文?yán)後文一二三四五六七八九十?yàn)後"
    assert [d.excerpt for d in find(far)] == ["?yán)", "?yàn)"]


def test_describe_names_the_excerpt() -> None:
    message = Damage(0, 3, "丛谶@").describe()
    assert "mojibake" in message
    assert "'丛谶@'" in message


def test_outside_traditional_ignores_what_is_not_a_basic_han_character() -> None:
    assert not damage._outside_traditional("a")
    assert not damage._outside_traditional("。")
    assert not damage._outside_traditional("競")
    assert damage._outside_traditional("这")


def test_spans_do_not_merge_across_clause_punctuation() -> None:
    # Line 23 of the article: the comma and 計的/它們 around it survived the bad re-encoding.
    line = "因?yàn)橹袊P捅旧砭褪菫榱恕暗团渲谩痹O(shè)計的,它們?cè)诶吓f的硬件上也能跑"
    assert [d.excerpt for d in find(line)] == ["?yàn)橹袊P捅旧砭褪菫榱恕暗团渲谩痹O(shè)", "?cè)诶吓f"]


@given(st.text(alphabet="可現在风向變了丛谶橹袊爲説閲著着AI,。?()ée\ufffd\U0001f600", max_size=30))
def test_the_big5_shortcut_finds_what_the_per_character_check_finds(text: str) -> None:
    if damage._big5(text):
        assert not any(damage._outside_traditional(ch) for ch in text)
    shortcut = find(text)
    original = damage._big5
    try:
        damage._big5 = lambda text: False  # every text checked per character
        assert find(text) == shortcut
    finally:
        damage._big5 = original


_MOJIBAKE_LINE = st.lists(
    st.sampled_from(
        ["好", "中國", "?yán)", "丛谶", "\ufffd", "(shè)", "@", "a", " ", "。", "，", "?", ")", "臺灣", "爲"]
    ),
    max_size=12,
).map("".join)


@given(st.lists(_MOJIBAKE_LINE, max_size=80), st.booleans())
def test_the_suspect_lines_are_all_the_lines_with_damage(lines: list[str], traditional: bool) -> None:
    """``suspects`` names every line where ``find`` finds something, in the line or in a part of it."""
    found = damage.suspects(lines, traditional)
    for index, line in enumerate(lines):
        if index not in found:
            assert find(line, traditional) == ()
            assert find(line.strip(" 。"), traditional) == ()
        elif find(line, traditional):
            assert index in found


def test_the_real_articles_suspects_are_its_four_damaged_lines(article_lines: tuple[str, ...]) -> None:
    assert sorted(i + 1 for i in damage.suspects(article_lines)) == [1, 16, 23, 37]
