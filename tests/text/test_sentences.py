"""Sentence splitting: Chinese and English rules in one block of text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.markdown import markup
from pipeline.markdown.parser import INLINE_LIMIT
from pipeline.text import damage, source
from pipeline.text.sentences import split

ARTICLE = Path(__file__).resolve().parents[2] / "source" / "article.md"


def parts(text: str, protected: tuple[tuple[int, int], ...] = ()) -> list[str]:
    return [text[start:end] for start, end in split(text, protected)]


@pytest.fixture(scope="module")
def article_lines() -> tuple[str, ...]:
    return source.read(ARTICLE, "article").lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese full stops, exclamation and question marks
        ("可現在,風向變了。", ["可現在,風向變了。"]),
        (
            "硅谷的邏輯一向是“大力出奇跡”。OpenAI、谷歌、Anthropic這些巨頭,走的是典型的土豪路線。",
            ["硅谷的邏輯一向是“大力出奇跡”。", "OpenAI、谷歌、Anthropic這些巨頭,走的是典型的土豪路線。"],
        ),
        ("真的嗎？是的！好。", ["真的嗎？", "是的！", "好。"]),
        ("真的？！是的。", ["真的？！", "是的。"]),
        ("句子｡句子", ["句子｡", "句子"]),
        # ASCII ? and ! before a Han character, a quote, white space or the end
        ("這說明什么?說明全球。", ["這說明什么?", "說明全球。"]),
        ("這說明什么!說明全球。", ["這說明什么!", "說明全球。"]),
        ("問題?!答案。", ["問題?!", "答案。"]),
        ("他問:為什么?“因為”", ["他問:為什么?", "“因為”"]),
        ("他問:為什么?「因為」", ["他問:為什么?", "「因為」"]),
        ("What? Yes! No.", ["What?", "Yes!", "No."]),
        ("結尾?", ["結尾?"]),
        # ... but not inside a word, a number or an address
        ("看這裡:http://x.com/a?b=1 是網址。", ["看這裡:http://x.com/a?b=1 是網址。"]),
        ("是什么?2025年", ["是什么?2025年"]),
        ("Hello!World", ["Hello!World"]),
        # the ellipsis ends a sentence only at the end of the block or before a closing quote
        ("先看第一部分……再看第二部分。", ["先看第一部分……再看第二部分。"]),
        ("先看第一部分……", ["先看第一部分……"]),
        ("先看第一部分……  ", ["先看第一部分……"]),
        ("他說:「好……」然後走了。", ["他說:「好……」", "然後走了。"]),
        ("他說:“好……”然後走了。", ["他說:“好……”", "然後走了。"]),
        ("……開頭。", ["……開頭。"]),
        ("第一……\u3000第二。", ["第一……\u3000第二。"]),
        # a question mark before an ellipsis ends the sentence after both
        ("真的嗎？……後面", ["真的嗎？……", "後面"]),
        # closing quotes and brackets stay with their sentence
        (
            "這位科技大佬的潛臺詞翻譯過來其實就一句話:“壞了,快要跑不過中國人的五菱宏光了。”然後呢。",
            ["這位科技大佬的潛臺詞翻譯過來其實就一句話:“壞了,快要跑不過中國人的五菱宏光了。”", "然後呢。"],
        ),
        ("“……五菱宏光了。”", ["“……五菱宏光了。”"]),
        # an embedded quotation (no colon before it) goes on with its sentence (issue 15)
        ("他說「好。」她說「不。」", ["他說「好。」她說「不。」"]),
        ("他說:「好。」她說:「不。」", ["他說:「好。」", "她說:「不。」"]),
        ("“第一句。”“第二句。”", ["“第一句。”", "“第二句。”"]),
        ("(這是一句。)下一句。", ["(這是一句。)", "下一句。"]),
        ("他說“好!”然後走了。", ["他說“好!”然後走了。"]),
        ("他說:“好!”然後走了。", ["他說:“好!”", "然後走了。"]),
        ('他說:"你好。"她說:"再見。"', ['他說:"你好。"', '她說:"再見。"']),
        # ... but a straight quote that opens the next sentence goes with the next sentence
        ('他很好。"下一句"很好。', ["他很好。", '"下一句"很好。']),
        ('What?"he said"', ["What?", '"he said"']),
        # decimals and names
        ("訓練成本只有29.4萬美元。準確率突破86.7%。", ["訓練成本只有29.4萬美元。", "準確率突破86.7%。"]),
        (
            "但DeepSeek-R1的出世,直接扇了整個硅谷一記響亮的耳光。",
            ["但DeepSeek-R1的出世,直接扇了整個硅谷一記響亮的耳光。"],
        ),
        ("版本 v1.2.3 發布。", ["版本 v1.2.3 發布。"]),
        ("It costs $3.50 now. Fine.", ["It costs $3.50 now.", "Fine."]),
        # English sentences: a full stop, white space, then a capital, a digit or Han
        ("Mr. Smith went home. He slept.", ["Mr. Smith went home.", "He slept."]),
        ("Dr. Who. The end.", ["Dr. Who.", "The end."]),
        ("Use e.g. this one. Next.", ["Use e.g. this one.", "Next."]),
        ("That is, i.e. Paris. Next.", ["That is, i.e. Paris.", "Next."]),
        ("U.S. Army is big. Yes.", ["U.S. Army is big.", "Yes."]),
        ("J. R. R. Tolkien wrote it. Then.", ["J. R. R. Tolkien wrote it.", "Then."]),
        ("He left. 2025 was good.", ["He left.", "2025 was good."]),
        ("He left. (Then he came back.) Ok.", ["He left.", "(Then he came back.)", "Ok."]),
        ("a. b", ["a. b"]),
        ("Hello.中文", ["Hello.中文"]),
        ("Wait... what. Ok.", ["Wait... what.", "Ok."]),
        ("中文。English here. 中文!", ["中文。", "English here.", "中文!"]),
        (
            "Notice: The content above (including the pictures and videos if any) is uploaded. It is stored.",
            ["Notice: The content above (including the pictures and videos if any) is uploaded.", "It is stored."],
        ),
        # white space between sentences is not part of either
        ("句一。  句二。", ["句一。", "句二。"]),
        ("  句一。\u3000句二。  ", ["句一。", "句二。"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert parts(text) == expected


def test_a_question_mark_inside_a_protected_span_does_not_split() -> None:
    text = "前文亂碼?亂碼後文。下一句。"
    assert parts(text) == ["前文亂碼?", "亂碼後文。", "下一句。"]
    assert parts(text, ((2, 6),)) == ["前文亂碼?亂碼後文。", "下一句。"]


def test_a_corrupted_span_found_by_damage_stays_in_one_sentence() -> None:
    text = "如果把全球AI競賽比作一場豪这?们之前,劇本似乎都是定死的。下一句。"
    protected = tuple((d.start, d.end) for d in damage.find(text))
    assert protected  # 这 and 们 are Simplified-only: corrupted in a Traditional text
    assert parts(text, protected) == ["如果把全球AI競賽比作一場豪这?们之前,劇本似乎都是定死的。", "下一句。"]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (2, ["可現在,風向變了。"]),
        (
            4,
            [
                "微軟總裁布拉德·史密斯在接受《金融時報》采訪時,那焦慮真是掩飾不住。",
                "這位科技大佬的潛臺詞翻譯過來其實就一句話:“壞了,我們花大價錢造出來的超跑,快要跑不過中國人的五菱宏光了。”",
            ],
        ),
        (
            13,
            [
                "在2025年初之前,硅谷普遍認為,要訓練一個頂尖的大模型,沒個幾億、幾十億美金門都摸不著。",
                "但DeepSeek-R1的出世,直接扇了整個硅谷一記響亮的耳光:訓練成本只有29.4萬美元。",
            ],
        ),
        (
            14,
            [
                "29萬美元是什么概念?",
                "在硅谷,這可能也就是兩個資深工程師的年薪。",
                "但在中國開發者手里,這筆“小錢”卻造出了一個在數學推理上準確率突破86.7%、直接登上《Nature》封面的超級模型。",
            ],
        ),
        (
            16,
            [
                "憑什么?",
                "因?yàn)橹袊碎_發出了一套叫“GRPO”的新算法,還有那種“計算與記憶解耦”的神奇架構。",
                "簡單來說,美國AI像是一臺油耗極高的巨型卡車,而中國AI則像是一輛經過魔改的賽車,"
                "不僅重量減了一大半,還練成了“給點陽光就燦爛”的極低功耗。",
            ],
        ),
        (
            42,
            [
                "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a "
                "user of NetEase Hao, which is a social media platform and only provides information storage services."
            ],
        ),
    ],
)
def test_real_article_lines(article_lines: tuple[str, ...], number: int, expected: list[str]) -> None:
    text = article_lines[number - 1]
    protected = tuple((d.start, d.end) for d in damage.find(text))
    assert parts(text, protected) == expected


def test_spans_cover_the_text_but_white_space(article_lines: tuple[str, ...]) -> None:
    for text in [*article_lines, "  Mr. Smith.  He left!  “好……”  ", "a\u3000。 b"]:
        spans = split(text)
        position = 0
        for start, end in spans:
            assert position <= start < end <= len(text)
            assert text[position:start].strip() == ""
            assert text[start:end] == text[start:end].strip()
            position = end
        assert text[position:].strip() == ""


# ---------------------------------------------------------------- inline Markdown stays whole

# As markdown-it's block parse leaves the definitions "[ref]: http://x.com" and "[第一。第二。]: http://y.com".
REFERENCES = {"REF": {"href": "http://x.com", "title": ""}, "第一。第二。": {"href": "http://y.com", "title": ""}}


def marked(text: str) -> list[str]:
    """The sentences of ``text`` with its inline Markdown spans kept whole."""
    return [text[start:end] for start, end in split(text, (), markup.find(text, REFERENCES))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bug report's line: the emphasis is one sentence, which takes its closing ** as it takes a quote
        (
            "重要：**第一句很長。第二句也很長。** 接著是普通文字。",
            ["重要：**第一句很長。第二句也很長。**", "接著是普通文字。"],
        ),
        # emphasis and strong emphasis, * and _
        ("前文 *第一。第二。* 後文。", ["前文 *第一。第二。*", "後文。"]),
        ("前文 _第一。第二。_ 後文。", ["前文 _第一。第二。_", "後文。"]),
        ("前文 __第一。第二。__ 後文。", ["前文 __第一。第二。__", "後文。"]),
        ("***第一。第二。*** 後文。", ["***第一。第二。***", "後文。"]),
        # a sentence end inside, not at the close: the sentence goes on past the span
        ("他說 **第一。第二** 然後。下一句。", ["他說 **第一。第二** 然後。", "下一句。"]),
        ("It is **one. Two.** Three. Four.", ["It is **one. Two.**", "Three.", "Four."]),
        ("**What? Yes!** Next.", ["**What? Yes!**", "Next."]),
        ("先看 **第一部分……** 再看。", ["先看 **第一部分……** 再看。"]),  # an ellipsis still ends nothing mid-block
        # closing quotes and brackets around the span stay with the sentence too
        ("(**好。**)下一句。", ["(**好。**)", "下一句。"]),
        ("「**好。**」下一句。", ["「**好。**」", "下一句。"]),
        ("**「好。」** 下一句。", ["**「好。」**", "下一句。"]),
        # link text: inline and reference links (with a definition), link inside emphasis
        ("見[第一。第二。](http://x.com)後文。", ["見[第一。第二。](http://x.com)", "後文。"]),
        ("見[第一。第二。][ref] 後文。", ["見[第一。第二。][ref]", "後文。"]),
        ("見[第一。第二。] 後文。", ["見[第一。第二。]", "後文。"]),  # shortcut and collapsed references
        ("見[第一。第二。][] 後文。", ["見[第一。第二。][]", "後文。"]),
        ("見[第一。第二。][ref]。後文。", ["見[第一。第二。][ref]。", "後文。"]),
        ("見 **[第一。第二。](x)** 後文。", ["見 **[第一。第二。](x)**", "後文。"]),
        # a sentence mark in the destination ends nothing
        ("[連結](http://x.com/a?b=1) 後文。下一句。", ["[連結](http://x.com/a?b=1) 後文。", "下一句。"]),
        ("[Docs](http://x.com/a.) Next one.", ["[Docs](http://x.com/a.) Next one."]),
        # image alt text
        ("![第一。第二。](a.png) 後文。", ["![第一。第二。](a.png)", "後文。"]),
        # code spans: a sentence mark in code ends nothing, even at its end
        ("用 `a。b。` 命令。下一句。", ["用 `a。b。` 命令。", "下一句。"]),
        ("`What? Yes.` Next.", ["`What? Yes.` Next."]),
        ("``a`。b`` 後。", ["``a`。b`` 後。"]),
        # inline HTML: elements, tags, comments, autolinks
        ("<b>第一。第二。</b>後文。", ["<b>第一。第二。</b>", "後文。"]),
        ("<b>外<i>第一。第二。</i></b>後文。", ["<b>外<i>第一。第二。</i></b>", "後文。"]),
        ('<span title="是。否。">文字</span>。下一句。', ['<span title="是。否。">文字</span>。', "下一句。"]),
        ("前<!-- 註。釋 -->後。下一句。", ["前<!-- 註。釋 -->後。", "下一句。"]),
        ("<http://x.com/a。b> 後。", ["<http://x.com/a。b> 後。"]),
        ("第一。<br>第二。", ["第一。<br>", "第二。"]),  # a void tag holds nothing; a <br> stays with what it ends
        ("<b>第一。第二。", ["<b>第一。", "第二。"]),  # an element never closed holds nothing
        # delimiters Markdown does not pair are text and block nothing
        ("5 * 3 = 15。再乘 * 2。", ["5 * 3 = 15。", "再乘 * 2。"]),
        ("snake_case 好。other_case 好。", ["snake_case 好。", "other_case 好。"]),
        ("**未閉合。下一句。", ["**未閉合。", "下一句。"]),
        ("[未閉合。下一句。", ["[未閉合。", "下一句。"]),
        ("`未閉合。下一句。", ["`未閉合。", "下一句。"]),
        ("見[不是連結。][undefined]下一句。", ["見[不是連結。]", "[undefined]下一句。"]),
        ("\\*第一。第二。\\* 後。", ["\\*第一。", "第二。", "\\* 後。"]),  # escaped: no emphasis
        # CommonMark: a ** between a full stop and a Han character does not close (not right-flanking);
        # Markdown shows such markers as they are, so they are text here too
        ("**重要。**接著。", ["**重要。", "**接著。"]),
        # CommonMark, as the HTML edition parses it, has no strikethrough: ~~ is text
        ("~~刪除。這句。~~ 後。", ["~~刪除。", "這句。", "~~ 後。"]),
    ],
)
def test_inline_markup_is_never_cut(text: str, expected: list[str]) -> None:
    assert marked(text) == expected


def test_without_the_spans_the_same_text_splits_as_before() -> None:
    text = "重要：**第一句很長。第二句也很長。** 接著是普通文字。"
    assert parts(text) == ["重要：**第一句很長。", "第二句也很長。", "** 接著是普通文字。"]


def test_spans_and_damage_together() -> None:
    text = "**前文这?们後文。第二句。** 下一句。"
    protected = tuple((d.start, d.end) for d in damage.find(text))
    assert protected
    assert [text[a:b] for a, b in split(text, protected, markup.find(text))] == [
        "**前文这?们後文。第二句。**",
        "下一句。",
    ]


def test_a_long_block_is_not_parsed_for_markup() -> None:
    text = "**" + "好。" * (INLINE_LIMIT // 2) + "**"
    assert markup.find(text) == markup.NONE
    assert markup.find(text[: INLINE_LIMIT - 2] + "**") != markup.NONE


def test_found_spans_are_offsets_into_the_block() -> None:
    text = "見 **粗。** 與 [連結。](http://x) 和 `代碼。` <b>粗。</b>"
    spans = markup.find(text)
    containers = {
        (text[start:end], text[content_start:content_end])
        for start, content_start, content_end, end in spans.containers
    }
    assert containers == {
        ("**粗。**", "*粗。*"),
        ("*粗。*", "粗。"),
        ("[連結。](http://x)", "連結。"),
        ("<b>粗。</b>", "粗。"),
    }
    assert sorted(text[start:end] for start, end in spans.atomic) == sorted(["`代碼。`", "](http://x)", "<b>", "</b>"])
