"""Hard-wrapped paragraphs (issue 15): one paragraph over several lines, as CommonMark reads it.

In a document that separates paragraphs with blank lines, a paragraph whose line breaks fall
inside sentences is one block; the source-language build gives the source back byte for
byte, the editions put each such paragraph on one line. One paragraph per line with no
blank lines (the article) keeps line = paragraph.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.editions import assemble
from pipeline.po import file as po_file
from pipeline.po.write import render
from pipeline.text.segment import segment
from pipeline.text.source import parse
from tests.commands.test_cli import run
from tests.editions.test_editions import _commonmark_blocks, _page_blocks

WRAPPED = (
    "# 標題\n"
    "\n"
    "這是一個被折行的段落，句子\n"
    "跨過了換行。第二句也跨過\n"
    "換行，然後結束。\n"
    "\n"
    "This paragraph is wrapped the way the Rust book\n"
    "wraps its text. A second sentence\n"
    "ends here.\n"
    "\n"
    "> 引文也可以\n"
    "> 折行。\n"
    "\n"
    "- 清單項目也會\n"
    "  折行。\n"
    "\n"
    "單獨一行的段落。\n"
)


def _segments(text: str) -> list[tuple[str, int]]:
    document = segment(parse(text, Path("a.md"), "a"))
    return [(s.text, s.line) for s in document.segments()]


def test_sentences_cross_the_line_breaks_of_a_wrapped_paragraph() -> None:
    assert _segments(WRAPPED) == [
        ("標題", 1),
        ("這是一個被折行的段落，句子跨過了換行。", 3),  # two Chinese characters join without a space
        ("第二句也跨過換行，然後結束。", 4),
        ("This paragraph is wrapped the way the Rust book wraps its text.", 7),  # Latin text: one space
        ("A second sentence ends here.", 8),
        ("引文也可以折行。", 11),
        ("清單項目也會折行。", 14),
        ("單獨一行的段落。", 17),
    ]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
@pytest.mark.parametrize(
    "text",
    [
        WRAPPED,
        "a b\n  c d.  \ne f\n\n g.\nh\n",  # indentation and trailing spaces inside the paragraph
        "> 一\n> 二\n>\n> 三\n四\n",  # a lazy continuation line
        "段落一\n\n段落二的\n![](x.png)\n圖片之後。\n",
    ],
)
def test_the_source_comes_back_byte_for_byte(text: str, ending: str) -> None:
    text = text.replace("\n", ending)
    document = segment(parse(text, Path("a.md"), "a"))
    assert assemble.render(document, {}, True) == text
    assert not any("\n" in s.text or "\r" in s.text for s in document.segments())


def test_one_paragraph_per_line_without_blank_lines_keeps_line_as_paragraph() -> None:
    # no blank line between paragraphs anywhere (the article's form): a line that does not
    # end a sentence is still a paragraph of its own
    text = "第一章 起源\n這是第一段。\n這是第二段，沒有句號\n這是第三段。\n"
    assert [line for _, line in _segments(text)] == [1, 2, 3, 4]
    # blank lines between paragraphs, but each line ends a sentence: read the same either way
    text = "第一段。\n第二段。\n\n第三段。\n"
    assert [line for _, line in _segments(text)] == [1, 2, 4]


def test_the_article_is_unchanged() -> None:
    from tests.conftest import ARTICLE

    source = parse(ARTICLE.read_text(encoding="utf-8"), ARTICLE, "article")
    document = segment(source)
    assert not document.wrapped
    assert sum(1 for _ in document.segments()) == 58


def test_editions_keep_a_sensible_layout(new_project: Callable[..., Path]) -> None:
    root = new_project(WRAPPED)
    assert run(root, "build", "--all", "--format", "all").exit_code == 0
    assert run(root, "build", "--lang", "zh_Hant", "--format", "all").exit_code == 0
    assert (root / "build" / "zh_Hant" / "article.md").read_text(encoding="utf-8") == WRAPPED
    for code in ("en", "zh_Hans"):
        markdown = (root / "build" / code / "article.md").read_text(encoding="utf-8")
        page = (root / "build" / code / "article.html").read_text(encoding="utf-8")
        assert _commonmark_blocks(markdown) == _page_blocks(page), code
        assert len([b for b in _page_blocks(page) if b[0] == "p"]) == 4  # two wrapped, the quote's, one line
    simplified = (root / "build" / "zh_Hans" / "article.md").read_text(encoding="utf-8")
    assert "这是一个被折行的段落，句子跨过了换行。第二句也跨过换行，然后结束。\n" in simplified
    page = (root / "build" / "zh_Hant" / "article.html").read_text(encoding="utf-8")
    assert "<p>這是一個被折行的段落，句子跨過了換行。第二句也跨過換行，然後結束。</p>" in page


def test_a_catalog_made_with_line_as_paragraph_keeps_its_translations(
    new_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_project(WRAPPED)
    po = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    with monkeypatch.context() as before:  # the rules before hard-wrapped paragraphs: each line alone
        before.setattr("pipeline.text.structure._hard_wrapped", lambda lines, paragraphs: [])
        assert run(root, "update", "--lang", "en").exit_code == 0
        old = po_file.read(po)
        translated = tuple(e.evolve(msgstr=f"EN[{e.msgid}]") for e in old.entries)
        po.write_text(render(old.__class__(old.header, old.header_comments, (), translated)), encoding="utf-8")
    # other code is another cache environment: its segment cache is not this code's
    shutil.rmtree(root / ".article-l10n-cache")
    old_translations = {e.msgstr for e in translated}
    assert run(root, "update", "--lang", "en").exit_code == 0
    new = po_file.read(po)
    everything = "\n".join(e.msgstr for e in new.entries)
    assert all(t in everything for t in old_translations), "a translation was lost"
    by_id = {e.msgid: e for e in new.live}
    # a sentence within one line keeps its msgid and its translation
    assert by_id["標題"].translated and by_id["單獨一行的段落。"].translated
    # a sentence made of two old lines finds both through the merge: fuzzy, their translations joined
    joined = by_id["This paragraph is wrapped the way the Rust book wraps its text."]
    assert joined.fuzzy
    assert joined.msgstr == "EN[This paragraph is wrapped the way the Rust book] EN[wraps its text.]"
    assert by_id["第二句也跨過換行，然後結束。"].msgstr == "EN[第二句也跨過] EN[換行，然後結束。]"
    assert all(e.msgstr for e in new.live), [e.msgid for e in new.live if not e.msgstr]
    # every old translation went into a new entry; those joined are also kept word for word, obsolete
    joined_parts = {part for e in new.live if e.fuzzy and e.previous_msgid for part in e.previous_msgid.split("\n")}
    assert {e.msgid for e in new.obsolete} == joined_parts - set(by_id)
    assert {e.msgid for e in new.obsolete} >= {"This paragraph is wrapped the way the Rust book", "wraps its text."}
    assert run(root, "update", "--lang", "en").exit_code == 0
    assert po_file.read(po) == new  # twice changes nothing


@pytest.mark.parametrize("text", ["|\n\n\x0c\n\x0c", "段落一。\n\n\x0c\n\x0b\n\x0c\n"])
def test_a_paragraph_of_white_space_markdown_reads_as_text_comes_back_whole(text: str) -> None:
    """Form feeds are text to markdown-it but white space to str.strip: such a wrapped "paragraph"
    has nothing to translate, and every one of its lines stays (the later ones were dropped)."""
    document = segment(parse(text, Path("a.md"), "a"))
    assert all(s.text.strip() for s in document.segments())
    assert assemble.render(document, {}, True) == text
    assert assemble.render(document, {}, False) == text


VERSE = (
    "詩人的新作：\n"
    "\n"
    "雨落在窗外的第七天，  \n"
    "我學會了把你的名字  \n"
    "寫在霧氣裡，\n"
    "又輕輕擦掉。\n"
    "\n"
    "街燈一盞一盞亮起\\\n"
    "像誰在遠方\\\n"
    "數著未寄出的信。\n"
    "\n"
    "路徑是 C:\\\\\n"
    "下一行。\n"
)


def test_a_hard_line_break_ends_a_verse_line() -> None:
    """Two spaces or a backslash at a line's end (a hard break) end its segment; the lines between
    two hard breaks are read as one; the backslash stays out of the msgid, an escaped one is text."""
    assert _segments(VERSE) == [
        ("詩人的新作：", 1),
        ("雨落在窗外的第七天，", 3),
        ("我學會了把你的名字", 4),
        ("寫在霧氣裡，又輕輕擦掉。", 5),
        ("街燈一盞一盞亮起", 8),
        ("像誰在遠方", 9),
        ("數著未寄出的信。", 10),
        ("路徑是 C:\\\\ 下一行。", 12),
    ]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_verse_comes_back_byte_for_byte(ending: str) -> None:
    text = VERSE.replace("\n", ending)
    document = segment(parse(text, Path("a.md"), "a"))
    assert assemble.render(document, {}, True) == text
