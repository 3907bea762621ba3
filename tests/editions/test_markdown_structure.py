"""A translated edition keeps the source's Markdown structure: what a translation ends with,
hard line breaks and front matter (docs/editions.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from pipeline.editions import html
from pipeline.editions.assemble import render
from pipeline.text import source
from pipeline.text.segment import Document, segment

_MD = MarkdownIt("commonmark").enable("table")


def doc(text: str) -> Document:
    return segment(source.parse(text, Path("x.md"), "x"))


def msgids(document: Document) -> list[str]:
    return [s.text for parts in document.lines for part in parts if not isinstance(part, str) for s in part.segments]


def edition(text: str, translate: Callable[[str], str]) -> str:
    document = doc(text)
    return render(document, {m: translate(m) for m in msgids(document)}, False, separate=True)


def shape(text: str) -> list[tuple[str, int, str]]:
    """The block structure CommonMark (plus tables) reads, and each cell's and heading's text."""
    tokens = _MD.parse(text)
    return [(t.type, t.level, t.content if t.type in ("fence", "code_block", "html_block") else "") for t in tokens]


def cells(text: str) -> list[str]:
    tokens = _MD.parse(text)
    return [tokens[i + 1].content for i, t in enumerate(tokens[:-1]) if t.type in ("td_open", "th_open")]


# ---------------------------------------------------------------- hard line breaks


VERSE = "前文。\n\n這一行有硬換行  \n下一行接著。\\\n再下一行。\n\n> 引言一。\\\n> 引言二。\n"


def test_lines_ending_with_a_hard_break_stay_one_paragraph_in_a_translation() -> None:
    out = edition(VERSE, lambda m: f"T({m})")
    assert out == (
        "T(前文。)\n\nT(這一行有硬換行)  \nT(下一行接著。)\\\nT(再下一行。)\n\n> T(引言一。)\\\n> T(引言二。)\n"
    )
    assert shape(out) == shape(VERSE)


def test_the_html_edition_shows_hard_breaks_and_no_backslash() -> None:
    page = html.body(edition(VERSE, lambda m: m))
    assert "\\" not in page
    assert page.count("<br>") == 3
    assert "<p>這一行有硬換行<br>\n下一行接著。<br>\n再下一行。</p>" in page


def test_lines_without_a_hard_break_are_still_separated() -> None:
    assert edition("甲行。  \n乙行。\n丙行。\n", lambda m: m) == "甲行。  \n乙行。\n\n丙行。\n"


# ---------------------------------------------------------------- front matter in the HTML edition


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_front_matter_is_not_shown_in_the_html_edition(ending: str) -> None:
    text = ending.join(["---", "title: 註腳與程式碼", "tags: [測試]", "---", "", "# 標題", "", "正文。", ""])
    page = html.page(text, "zh_Hant")
    assert "title:" not in page and "<hr>" not in page and "<h2>" not in page
    assert "<title>標題</title>" in page
    assert "<h1>標題</h1>" in html.body(text)


def test_front_matter_lines_keep_their_numbers_for_the_language_mark() -> None:
    text = "+++\ntitle = '甲'\n+++\n正文。\n"
    assert html.body(text, ("zh-Hant", frozenset({3}))) == '<p lang="zh-Hant">正文。</p>\n'


def test_a_document_of_front_matter_only_gives_an_empty_body() -> None:
    assert html.body("---\ntitle: 甲\n---") == ""


# ---------------------------------------------------------------- what a translation ends with


def test_a_translation_ending_with_a_backslash_does_not_join_table_cells() -> None:
    text = "|甲|乙|\n|---|---|\n|一|二|\n"
    out = edition(text, lambda m: "x\\")
    assert shape(out) == shape(text)
    assert cells(out) == ["x\\\\", "x\\\\", "x\\\\", "x\\\\"]  # each cell shows "x\"


def test_a_translation_ending_with_a_backslash_escapes_nothing_after_it() -> None:
    text = "![燈籠](a.png)\n\n第一句。**第二句。**\n"
    out = edition(text, lambda m: "x\\")
    assert shape(out) == shape(text)
    assert out == "![x\\\\](a.png)\n\nx\\\\ x\\\\\n"
    assert '<img src="a.png" alt="x\\">' in html.body(out)


@pytest.mark.parametrize(
    ("text", "translation", "shown"),
    [
        ("# 學習 C#\n", "Learning C #", "Learning C #"),
        ("## 標題 ##\n", "Notes #", "Notes #"),
        ("# 標題\n", "##", "##"),
        ("標題\n===\n", "A #", "A #"),
        ("# 學習 C#\n", "Learning C#", "Learning C#"),
    ],
)
def test_a_heading_keeps_a_translation_that_ends_with_hashes(text: str, translation: str, shown: str) -> None:
    out = edition(text, lambda m: translation)
    tokens = _MD.parse(out)
    assert tokens[0].type == "heading_open"
    assert tokens[1].children is not None
    assert "".join(c.content for c in tokens[1].children) == shown


# ---------------------------------------------------------------- identity: the source back


@pytest.mark.parametrize("text", [VERSE, "|甲|乙|\n|---|---|\n|一|二|\n", "# 學習 C# #\n", "---\na: 1\n---\n正文。\n"])
def test_identity_translations_give_the_source_back(text: str) -> None:
    document = doc(text)
    assert render(document, {m: m for m in msgids(document)}, True) == text


# ---------------------------------------------------------------- lazy continuation lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("> 第一行。\n懶惰續行。\n\n其他。\n", "> T(第一行。)\n>\n> T(懶惰續行。)\n\nT(其他。)\n"),
        ("> > 甲。\n> 乙。\n\n丙。\n", "> > T(甲。)\n> >\n> > T(乙。)\n\nT(丙。)\n"),
        ("1. 第一步。\n第二行。\n\n2. 第二步。\n", "1. T(第一步。)\n\n   T(第二行。)\n\n2. T(第二步。)\n"),
        ("> - 甲。\n> 乙。\n>\n> - 丙。\n", "> - T(甲。)\n>\n>   T(乙。)\n>\n> - T(丙。)\n"),
        ("- [ ] 待辦。\n  第二行。\n\n- [x] 完成。\n", "- [ ] T(待辦。)\n\n  T(第二行。)\n\n- [x] T(完成。)\n"),
    ],
)
def test_a_lazy_continuation_line_stays_in_its_container(text: str, expected: str) -> None:
    out = edition(text, lambda m: f"T({m})")
    assert out == expected
    # the same containers as the source: only the paragraphs were separated
    assert containers(out) == containers(text)


def containers(text: str) -> list[str]:
    return [t.type for t in _MD.parse(text) if t.type not in ("paragraph_open", "paragraph_close", "inline")]
