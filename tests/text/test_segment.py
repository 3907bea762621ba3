"""Markdown-aware segmentation: what is translatable, and what passes through."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.text import damage, source
from pipeline.text.model import block_of, segment_of
from pipeline.text.segment import Block, Document, Segment, segment

ARTICLE = Path(__file__).resolve().parents[2] / "source" / "article.md"

Shape = tuple[str | list[str], ...]


def doc(text: str, granularity: str = "sentence", traditional: bool = True) -> Document:
    return segment(source.parse(text, Path("x.md"), "x"), granularity, traditional)


def shape(text: str, granularity: str = "sentence") -> list[Shape]:
    """Each line as its literal pieces (str) and blocks (the list of their segment texts)."""
    return [
        tuple(part if isinstance(part, str) else [s.text for s in part.segments] for part in parts)
        for parts in doc(text, granularity).lines
    ]


def texts(text: str, granularity: str = "sentence", traditional: bool = True) -> list[str]:
    return [s.text for s in doc(text, granularity, traditional).segments()]


@pytest.fixture(scope="module")
def article() -> Document:
    return segment(source.read(ARTICLE, "article"))


# ---------------------------------------------------------------- the real article


def test_the_article_gives_58_segments(article: Document) -> None:
    segments = list(article.segments())
    assert len(segments) == 58
    assert segments[0].text.startswith("如果把全球AI競賽比作一場豪車?yán)悾")
    assert segments[1] == Segment("可現在,風向變了。", line=2, paragraph=2, sentence=1)
    assert segments[-1].text.startswith("Notice: The content above (including the pictures")
    assert (segments[-1].line, segments[-1].paragraph, segments[-1].sentence) == (42, 31, 1)
    assert all(s.text == s.text.strip() and s.text for s in segments)


def test_the_article_in_paragraphs_gives_one_segment_per_line(article: Document) -> None:
    paragraphs = segment(article.source, "paragraph")
    segments = list(paragraphs.segments())
    assert len(segments) == 31
    assert len(list(paragraphs.blocks())) == 31
    assert all(s.sentence == 1 for s in segments)
    text_lines = [line for line in article.source.lines if line != "![]()"]
    assert [s.text for s in segments] == text_lines


def test_the_article_images_pass_through(article: Document) -> None:
    images = [number for number, parts in enumerate(article.lines, start=1) if parts == ("![]()",)]
    assert images == [3, 6, 10, 15, 18, 22, 26, 30, 33, 36, 40]
    assert all(len(parts) == 1 and isinstance(parts[0], Block) for parts in article.lines if parts != ("![]()",))


def test_the_article_numbers_lines_paragraphs_and_sentences(article: Document) -> None:
    line_14 = [s for s in article.segments() if s.line == 14]
    assert [(s.paragraph, s.sentence) for s in line_14] == [(11, 1), (11, 2), (11, 3)]
    assert line_14[0].text == "29萬美元是什么概念?"


def test_the_article_damage_is_on_its_segments(article: Document) -> None:
    damaged = [(s.line, s.paragraph, s.sentence, len(s.damage)) for s in article.segments() if s.damage]
    assert damaged == [(1, 1, 1, 2), (16, 12, 2, 1), (23, 17, 1, 2), (37, 27, 2, 1)]
    first = next(article.segments())
    assert "'?yán)悾敲丛谶@'" in first.damage[0]
    assert "'?yàn)楸幌拗屏隧敿?jí)'" in first.damage[1]


def test_a_sentence_gets_only_the_damage_inside_it(article: Document) -> None:
    line_16 = [s for s in article.segments() if s.line == 16]
    assert [len(s.damage) for s in line_16] == [0, 1, 0]
    assert line_16[0].text == "憑什么?"


def test_the_document_keeps_its_source(article: Document) -> None:
    assert article.domain == "article"
    assert len(article.lines) == len(article.source.lines) == 42


# ---------------------------------------------------------------- Markdown structure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ATX headings: the markers stay out, closing #s too
        ("# 標題", [("# ", ["標題"])]),
        ("### 第三級標題", [("### ", ["第三級標題"])]),
        ("  # 標題 ##  ", [("  # ", ["標題"], " ##  ")]),
        ("#\t標題", [("#\t", ["標題"])]),
        ("# 問題? 答案。", [("# ", ["問題?", "答案。"])]),
        ("#", [("#",)]),
        ("# #", [("# #",)]),  # an empty heading: the closing # is no text
        ("# 標題#", [("# ", ["標題#"])]),  # no space before it: text
        # setext headings: the text line is translatable, the underline passes
        ("標題\n===", [(["標題"],), ("===",)]),
        ("Setext 標題\n---", [(["Setext 標題"],), ("---",)]),
        # list items
        ("- 第一項。第二句。", [("- ", ["第一項。", "第二句。"])]),
        ("* 項目", [("* ", ["項目"])]),
        ("+ 項目", [("+ ", ["項目"])]),
        ("1. 第一\n2. 第二", [("1. ", ["第一"]), ("2. ", ["第二"])]),
        ("1) 項目", [("1) ", ["項目"])]),
        ("- [ ] 任務", [("- [ ] ", ["任務"])]),
        ("- 外層\n  - 內層", [("- ", ["外層"]), ("  - ", ["內層"])]),
        ("- a\n\n  第二段", [("- ", ["a"]), (), ("  ", ["第二段"])]),
        # block quotes
        ("> 引用。", [("> ", ["引用。"])]),
        ("> 引用。\n> 第二行", [("> ", ["引用。"]), ("> ", ["第二行"])]),
        ("> > 雙層", [("> > ", ["雙層"])]),
        ("> - 引用裡的項目", [("> - ", ["引用裡的項目"])]),
        # table cells, one block each; the delimiter row passes
        (
            "| 名稱 | 說明 |\n|---|---|\n| AI | 人工智能 |",
            [("| ", ["名稱"], " | ", ["說明"], " |"), ("|---|---|",), ("| ", ["AI"], " | ", ["人工智能"], " |")],
        ),
        ("a | b\n--|--\nc | d", [(["a"], " | ", ["b"]), ("--|--",), (["c"], " | ", ["d"])]),
        ("| `a\\|b` | c |\n|--|--|", [("| ", ["`a\\|b`"], " | ", ["c"], " |"), ("|--|--|",)]),
        ("| 空 |  |\n|--|--|", [("| ", ["空"], " |  |"), ("|--|--|",)]),
        # a pipe with no delimiter row is just text
        ("| a |", [(["| a |"],)]),
        # passed through: blank lines, images, code, HTML, rules, link definitions
        ("", []),
        ("段一\n\n段二", [(["段一"],), (), (["段二"],)]),
        ("   ", [("   ",)]),
        ("段一\n   \n段二", [(["段一"],), ("   ",), (["段二"],)]),
        ("![]()", [("![]()",)]),
        ("![圖](a.png) ![](b.png)", [("![", ["圖"], "](a.png) ![](b.png)")]),  # a description is translated
        ("```\n代碼。\n```", [("```",), ("代碼。",), ("```",)]),
        ("~~~python\nprint('你好')\n~~~", [("~~~python",), ("print('你好')",), ("~~~",)]),
        ("    縮進的代碼。", [("    縮進的代碼。",)]),
        ("\t- tab", [("\t- tab",)]),
        ("<div>\n文字\n</div>", [("<div>",), ("文字",), ("</div>",)]),
        ("<!-- 註釋 -->", [("<!-- 註釋 -->",)]),
        ("***", [("***",)]),
        ("[a]: http://example.com", [("[a]: http://example.com",)]),
        # front matter
        ("---\ntitle: 標題\n---\n正文。", [("---",), ("title: 標題",), ("---",), (["正文。"],)]),
        ("+++\ntitle = '標題'\n+++\n正文。", [("+++",), ("title = '標題'",), ("+++",), (["正文。"],)]),
        ("---\ntitle: 標題\ntags:\n  - 科技\n---", [("---",), ("title: 標題",), ("tags:",), ("  - 科技",), ("---",)]),
        # not front matter: a thematic break, prose, another break; the prose is extracted
        ("---\n\n第一段。\n\n---\n第二段。", [("---",), (), (["第一段。"],), (), ("---",), (["第二段。"],)]),
        # inline markup stays in the segment
        (
            "這是**粗體**和`代碼`以及[連結](http://x.com)。",
            [(["這是**粗體**和`代碼`以及[連結](http://x.com)。"],)],
        ),
        ("文字 ![](a.png)", [(["文字 ![](a.png)"],)]),
        ("文字<br>換行", [(["文字<br>換行"],)]),
        # a paragraph is a line: Chinese articles put one paragraph on each line
        ("第一行。\n第二行。", [(["第一行。"],), (["第二行。"],)]),
        ("段落\n    縮進續行", [(["段落"],), ("    ", ["縮進續行"])]),
        # leading and trailing white space stay outside the segment
        ("  前後有空白。  ", [("  ", ["前後有空白。"], "  ")]),
        ("句一。  句二。", [(["句一。", "句二。"],)]),
        # a block of marks or emoji only has nothing to translate: it passes through
        ("「……」", [("「……」",)]),
        ("——", [("——",)]),
        ("👍👍👍", [("👍👍👍",)]),
        ("- ……", [("- ……",)]),
        (
            "| 甲 | 乙 |\n|---|---|\n| 一 | — |",
            [("| ", ["甲"], " | ", ["乙"], " |"), ("|---|---|",), ("| ", ["一"], " | — |")],
        ),
        ("**！！**", [("**！！**",)]),
        ("2024", [(["2024"],)]),  # a number is a word
    ],
)
def test_markdown_structure(text: str, expected: list[Shape]) -> None:
    assert shape(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headings, setext headings and tables inside block quotes and list items
        ("> # 標題", [("> # ", ["標題"])]),
        ("- # 標題", [("- # ", ["標題"])]),
        ("1. ## 標題 ##", [("1. ## ", ["標題"], " ##")]),
        ("> 標題\n> ===", [("> ", ["標題"]), ("> ===",)]),
        ("- 標題\n  ---", [("- ", ["標題"]), ("  ---",)]),
        (
            "> | a | b |\n> |---|---|\n> | c | d |",
            [("> | ", ["a"], " | ", ["b"], " |"), ("> |---|---|",), ("> | ", ["c"], " | ", ["d"], " |")],
        ),
        ("- | a | b |\n  |---|---|", [("- | ", ["a"], " | ", ["b"], " |"), ("  |---|---|",)]),
        # a later line of a paragraph in a container: "2025. " there is text, not a marker
        ("- 第一行\n  2025. 年", [("- ", ["第一行"]), ("  ", ["2025.", "年"])]),
        ("> 第一行\n> 2. 第二行", [("> ", ["第一行"]), ("> ", ["2. 第二行"])]),  # "2." numbers its sentence
        ("> 第一行\n懶惰續行", [("> ", ["第一行"]), (["懶惰續行"],)]),  # a lazy continuation line
        ("- 第一行\n2) 新的列表", [("- ", ["第一行"]), ("2) ", ["新的列表"])]),  # here markdown-it starts a list
        # an image alone in a list item or a quote passes through like any image line
        ("- ![]()", [("- ![]()",)]),
        ("> ![](a.png)", [("> ![](a.png)",)]),
    ],
)
def test_markdown_containers(text: str, expected: list[Shape]) -> None:
    assert shape(text) == expected


def test_line_endings_and_bom_do_not_disturb_the_structure() -> None:
    assert shape("\ufeff# 標題 #\r\n正文。\r- 項目\n") == [("# ", ["標題"], " #"), (["正文。"],), ("- ", ["項目"])]


# ---------------------------------------------------------------- segments and blocks


def test_paragraph_granularity_gives_one_segment_per_block() -> None:
    text = "# 標題。副標題。\n第一句。第二句? 第三句!\n| 甲。乙。 | 丙 |\n|--|--|"
    assert texts(text, "paragraph") == ["標題。副標題。", "第一句。第二句? 第三句!", "甲。乙。", "丙"]
    assert texts(text) == ["標題。", "副標題。", "第一句。", "第二句?", "第三句!", "甲。", "乙。", "丙"]


def test_blocks_record_the_white_space_between_their_segments() -> None:
    (block,) = doc("第一句。第二句?  第三句!\u3000Fourth.").blocks()
    assert [s.text for s in block.segments] == ["第一句。", "第二句?", "第三句!", "Fourth."]
    assert block.gaps == ("", "  ", "\u3000")


def test_segment_numbers() -> None:
    document = doc("# 標題\n\n第一句。第二句。\n- 項目\n\n| a | b |\n|--|--|")
    numbers = [(s.text, s.line, s.paragraph, s.sentence) for s in document.segments()]
    assert numbers == [
        ("標題", 1, 1, 1),
        ("第一句。", 3, 2, 1),
        ("第二句。", 3, 2, 2),
        ("項目", 4, 3, 1),
        ("a", 6, 4, 1),
        ("b", 6, 5, 1),
    ]


def test_repeated_sentences_are_separate_segments() -> None:
    assert texts("好。好。\n好。") == ["好。", "好。", "好。"]


def test_damage_depends_on_the_source_script() -> None:
    (traditional,) = doc("這是简体。").segments()
    assert len(traditional.damage) == 1
    assert "'简'" in traditional.damage[0]
    (simplified,) = doc("這是简体。", traditional=False).segments()
    assert simplified.damage == ()
    (paragraph,) = doc("这是简体。").segments()  # a paragraph in Simplified: no Traditional form, no damage
    assert paragraph.damage == ()


def test_a_question_mark_inside_damage_does_not_split() -> None:
    assert texts("前文这?们後文。下一句。") == ["前文这?们後文。", "下一句。"]
    assert texts("前文这?们後文。下一句。", traditional=False) == ["前文这?", "们後文。", "下一句。"]


# ---------------------------------------------------------------- inline markup is never cut


def test_the_bug_report_line_gives_two_segments() -> None:
    # A sentence boundary inside **…** once gave "重要：**第一句很長。", "第二句也很長。" and "** 接著是普通文字。".
    (block,) = doc("重要：**第一句很長。第二句也很長。** 接著是普通文字。").blocks()
    assert [s.text for s in block.segments] == ["重要：**第一句很長。第二句也很長。**", "接著是普通文字。"]
    assert block.gaps == (" ",)
    assert [s.sentence for s in block.segments] == [1, 2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前文 *第一。第二。* 後文。", ["前文 *第一。第二。*", "後文。"]),  # emphasis
        ("前文 **第一。第二。** 後文。", ["前文 **第一。第二。**", "後文。"]),  # strong
        ("前文 _第一。第二。_ 後文。", ["前文 _第一。第二。_", "後文。"]),
        ("前文 __第一。第二。__ 後文。", ["前文 __第一。第二。__", "後文。"]),
        ("見[第一。第二。](http://x.com)後文。", ["見[第一。第二。](http://x.com)", "後文。"]),  # link text
        ("見 ![第一。第二。](a.png) 後文。", ["見 ![第一。第二。](a.png)", "後文。"]),  # image alt
        ("用 `a。b。` 命令。下一句。", ["用 `a。b。` 命令。", "下一句。"]),  # code span
        ("<b>第一。第二。</b>後文。", ["<b>第一。第二。</b>", "後文。"]),  # inline HTML element
        ("It is **one. Two.** Three.", ["It is **one. Two.**", "Three."]),
        # not markup: split as ever
        ("5 * 3 = 15。再乘 * 2。", ["5 * 3 = 15。", "再乘 * 2。"]),
        ("**未閉合。下一句。", ["**未閉合。", "下一句。"]),
    ],
)
def test_a_paragraph_keeps_its_markup_in_one_segment(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
    assert texts(text, "paragraph") == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# **第一。第二。** 後文。", [("# ", ["**第一。第二。**", "後文。"])]),
        ("- **第一。第二。** 後文。", [("- ", ["**第一。第二。**", "後文。"])]),
        ("> 引用 *第一。第二。* 後文。", [("> ", ["引用 *第一。第二。*", "後文。"])]),
        (
            "| **甲。乙。** 丙。 | `a。b` |\n|--|--|",
            [("| ", ["**甲。乙。**", "丙。"], " | ", ["`a。b`"], " |"), ("|--|--|",)],
        ),
    ],
)
def test_headings_list_items_quotes_and_cells_keep_their_markup(text: str, expected: list[Shape]) -> None:
    assert shape(text) == expected


def test_a_reference_link_is_a_span_where_the_document_defines_it() -> None:
    defined = "見[第一。第二。][ref] 後文。\n\n[ref]: http://x.com"
    assert shape(defined) == [(["見[第一。第二。][ref]", "後文。"],), (), ("[ref]: http://x.com",)]
    # undefined, the brackets are text in Markdown, and nothing holds the sentences together
    assert texts("見[第一。第二。][ref] 後文。") == ["見[第一。", "第二。]", "[ref] 後文。"]


def test_markup_over_two_lines_is_no_span() -> None:
    # Each line is a paragraph of its own (a known limit): emphasis over two lines is not kept whole.
    assert texts("前文 **第一。\n第二。** 後文。") == ["前文 **第一。", "第二。", "** 後文。"]


def test_deeply_nested_lists_and_quotes_are_all_extracted() -> None:
    """markdown-it's CommonMark preset stops at 20 nested blocks: a 10-level list lost its depths."""
    text = "\n".join("  " * i + f"- 第{i}層。" for i in range(30)) + "\n\n" + ">" * 50 + " 深引用。\n"
    document = segment(source.parse(text, Path("x.md"), "x"))
    assert [s.text for s in document.segments()] == [f"第{i}層。" for i in range(30)] + ["深引用。"]


def test_segments_and_blocks_made_fast_are_the_records_made_as_usual() -> None:
    """``segment_of`` and ``block_of`` skip ``__new__``'s keywords: the same record, equal and hashed alike."""
    made = segment_of("句。", 3, 2, 1, ("damage",), "role", "source")
    usual = Segment("句。", 3, 2, 1, ("damage",), "role", "source")
    assert made == usual and hash(made) == hash(usual) and type(made) is Segment
    assert made._asdict() == {
        "text": "句。",
        "line": 3,
        "paragraph": 2,
        "sentence": 1,
        "damage": ("damage",),
        "role": "role",
        "source": "source",
    }
    assert segment_of("句。", 1, 1, 1) == Segment("句。", 1, 1, 1)
    block = block_of((made,), (), True, "]", "table cell", ())
    assert block == Block((usual,), (), True, "]", "table cell") and type(block) is Block
    assert block.kind == "table cell" and block.segments[0].paragraph == 2
    assert block_of((made,), ()) == Block((usual,), ())


def test_a_footnote_definition_is_text_with_its_marker_kept_out() -> None:
    # "[^2]: 無空格。" is a link definition to CommonMark (and was passed through untranslated);
    # "[^1]: 有 空格" a paragraph (and its msgid held the marker, which zh_Hans typeset as "[^1]：")
    text = "正文[^1]。\n\n[^1]: 胡適，《紅樓夢考證》，1921 年。\n[^2]: 這是註腳。第二句。\n\n[^3]:無空格。\n\n[x]: https://a.tw\n"
    assert shape(text) == [
        (["正文[^1]。"],),
        (),
        ("[^1]: ", ["胡適，《紅樓夢考證》，1921 年。"]),
        ("[^2]: ", ["這是註腳。", "第二句。"]),
        (),
        ("[^3]:", ["無空格。"]),
        (),
        ("[x]: https://a.tw",),  # a link definition stays as it is
    ]


def test_a_footnote_marker_in_code_or_mid_line_is_not_one() -> None:
    assert shape("```\n[^1]: 代碼。\n```\n") == [("```",), ("[^1]: 代碼。",), ("```",)]
    assert shape("見 [^1]: 這裡。\n") == [(["見 [^1]: 這裡。"],)]


def test_only_the_lines_that_may_hold_damage_are_searched_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    find = damage.find

    def counted(text: str, traditional: bool = True) -> tuple[damage.Damage, ...]:
        searched.append(text)
        return find(text, traditional)

    monkeypatch.setattr(damage, "find", counted)
    document = segment(source.read(ARTICLE, "article"))
    assert len(searched) == 4  # the article's four damaged lines (damage.suspects), none of the others
    assert sorted({s.line for s in document.segments() if s.damage}) == [1, 16, 23, 37]
