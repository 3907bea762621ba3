"""Putting a document back together from translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.editions.assemble import render, untranslated_lines
from pipeline.text import source
from pipeline.text.segment import Document, segment

ARTICLE = Path(__file__).resolve().parents[2] / "source" / "article.md"


def doc(text: str, granularity: str = "sentence") -> Document:
    return segment(source.parse(text, Path("x.md"), "x"), granularity)


@pytest.fixture(scope="module")
def article() -> Document:
    return segment(source.read(ARTICLE, "article"))


# ---------------------------------------------------------------- no translations: the source


@pytest.mark.parametrize("granularity", ["sentence", "paragraph"])
@pytest.mark.parametrize("chinese", [True, False])
def test_no_translations_give_the_normalised_article(article: Document, granularity: str, chinese: bool) -> None:
    document = segment(article.source, granularity)
    assert render(document, {}, chinese) == article.source.text()


def test_the_normalised_article_has_no_glosses_and_no_final_newline(article: Document) -> None:
    text = render(article, {}, True)
    assert "競(jìng)" not in text
    assert text.startswith("如果把全球AI競賽比作一場豪車")
    assert text.endswith("only provides information storage services.")
    assert text.count("\n") == 41


def test_identity_translations_give_the_article_back(article: Document) -> None:
    identity = {s.text: s.text for s in article.segments()}
    assert render(article, identity, True) == article.source.text()
    assert render(article, identity, False) == article.source.text()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "\ufeff# 標題 #\r\n\r\n正文。第二句。  第三句。\r- 項目\n> 引用\n| a | b |\n|--|--|\n```\n代碼\n```\n   ",
        "---\ntitle: x\n---\n正文。",
        "句一。\u3000句二。\r\n",
    ],
)
def test_no_translations_give_the_source_back(text: str) -> None:
    for granularity in ("sentence", "paragraph"):
        assert render(doc(text, granularity), {}, True) == text
        assert render(doc(text, granularity), {}, False) == text


# ---------------------------------------------------------------- translations


def test_a_translated_line_of_the_article(article: Document) -> None:
    english = render(article, {"可現在,風向變了。": "But now the wind has changed."}, False)
    lines = english.split("\n")
    assert lines[1] == "But now the wind has changed."
    source_lines = article.source.text().split("\n")
    assert lines[:1] + lines[2:] == source_lines[:1] + source_lines[2:]


def test_chinese_joins_translated_sentences_with_no_space(article: Document) -> None:
    translations = {
        "這說明什么?": "这说明什么?",
        "說明全球成千上萬的草根開發者,在動手寫代碼、搞創業的時候,"
        "第一反應不再是去抱OpenAI的大腿,而是默認使用了來自中國的技術底座。": "说明全球成千上万的草根开发者。",
        "這種“農村包圍城市”的架勢,讓史密斯驚覺:美國AI正在失去未來的幾十億用戶。": "这种架势。",
    }
    line_27 = render(article, translations, True).split("\n")[26]
    assert line_27 == "这说明什么?说明全球成千上万的草根开发者。这种架势。"


def test_other_languages_join_translated_sentences_with_one_space(article: Document) -> None:
    translations = {
        "這說明什么?": "What does this show?",
        "這種“農村包圍城市”的架勢,讓史密斯驚覺:美國AI正在失去未來的幾十億用戶。": "Smith was alarmed.",
    }
    line_27 = render(article, translations, False).split("\n")[26]
    middle = next(s.text for s in article.segments() if s.line == 27 and s.sentence == 2)
    assert line_27 == f"What does this show? {middle} Smith was alarmed."


def test_untranslated_neighbours_keep_the_source_white_space() -> None:
    document = doc("One.  Two.\u3000Three. Four.")
    assert render(document, {}, False) == "One.  Two.\u3000Three. Four."
    assert render(document, {"One.": "Eins."}, False) == "Eins. Two.\u3000Three. Four."
    assert render(document, {"Two.": "Zwei."}, False) == "One. Zwei. Three. Four."
    assert render(document, {"Two.": "二。"}, True) == "One.二。Three. Four."
    assert render(document, {"Four.": "Vier."}, False) == "One.  Two.\u3000Three. Vier."


def test_chinese_sentences_with_no_space_keep_none() -> None:
    document = doc("第一句。第二句。第三句。")
    assert render(document, {"第二句。": "Second."}, False) == "第一句。 Second. 第三句。"
    assert render(document, {"第二句。": "第二句!"}, True) == "第一句。第二句!第三句。"


def test_chinese_keeps_the_space_between_english_sentences() -> None:
    # a Simplified edition of an English paragraph: its sentences stay apart, as the source had them
    document = doc("Ship small. She quoted 「始於足下」. 然後呢？")
    simplified = {"She quoted 「始於足下」.": "She quoted 「始于足下」."}
    assert render(document, simplified, True) == "Ship small. She quoted 「始于足下」.然後呢？"


def test_a_translation_equal_to_the_source_counts_as_untranslated() -> None:
    document = doc("One.  Two.")
    assert render(document, {"One.": "One.", "Two.": "Two."}, False) == "One.  Two."
    assert render(document, {"One.": "One.", "Two.": "Zwei."}, False) == "One. Zwei."


def test_markers_and_literals_stay_around_translations() -> None:
    text = "# 標題 #\n- 項目。\n> 引用。\n\n| 甲 | 乙 |\n|--|--|\n![]()\n\n    代碼。"
    translations = {"標題": "Title", "項目。": "Item.", "引用。": "Quote.", "甲": "A", "乙": "B", "代碼。": "Code."}
    assert render(doc(text), translations, False) == (
        "# Title #\n- Item.\n> Quote.\n\n| A | B |\n|--|--|\n![]()\n\n    代碼。"
    )


def test_line_endings_bom_and_outer_white_space_stay() -> None:
    text = "\ufeff  第一句。第二句。 \r\n第三句。\r"
    translations = {"第一句。": "First.", "第二句。": "Second.", "第三句。": "Third."}
    assert render(doc(text), translations, False) == "\ufeff  First. Second. \r\nThird.\r"
    assert render(doc(text), translations, True) == "\ufeff  First.Second. \r\nThird.\r"


def test_paragraph_granularity_replaces_whole_blocks() -> None:
    document = doc("第一句。第二句。\n第三句。", "paragraph")
    translations = {"第一句。第二句。": "First. Second."}
    assert render(document, translations, False) == "First. Second.\n第三句。"


def test_the_same_sentence_twice_gets_the_same_translation() -> None:
    assert render(doc("好。好。\n好。"), {"好。": "Good."}, False) == "Good. Good.\nGood."


def test_untranslated_lines_are_those_with_no_translated_segment() -> None:
    document = doc("第一句。第二句。\n第三句。\nAn English line.\n\n| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n")
    translations = {"第一句。": "First.", "丙": "C"}
    lines = untranslated_lines(document, translations, han_only=True)
    assert 0 not in lines  # one of its two sentences is translated
    assert 1 in lines
    assert 2 not in lines  # no Han: not Chinese text, whatever the catalog says
    assert 2 in untranslated_lines(document, translations, han_only=False)
    assert 4 in lines and 6 not in lines  # table rows: a row with one translated cell is not marked


def test_chinese_keeps_the_space_after_a_closing_emphasis_delimiter() -> None:
    document = doc("重要：**第一句很長。第二句也很長。** 接著是普通文字。他說:好。 然後走了。")
    first, second, third, fourth = (s.text for s in document.segments())
    simplified = {
        first: "重要：**很长。也很长。**",
        second: "接着是普通文字。",
        third: "他说:好。",
        fourth: "然后走了。",
    }
    # the space after ** stays (else ** closes nothing); between two plain sentences there is none
    assert render(document, simplified, True) == "重要：**很长。也很长。** 接着是普通文字。他说:好。然后走了。"
