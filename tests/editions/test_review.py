"""The review page: statuses, rows in source order, diffs, escaping, the findings hook."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from pipeline.editions import review_page as review
from pipeline.editions.review_page import Context, ImageLine, Paragraph
from pipeline.l10n.convert import machine_filler
from pipeline.po.model import Catalog, Entry
from pipeline.text.segment import Document, segment
from pipeline.text.source import parse

TW2S = machine_filler("tw2s", "fullwidth", traditional_source=True)
SOURCE = "# 標題\n第一句。第二句。\n![]()\n第一句。\n"
CONTEXT = Context("article", "en", "zh_Hant", "source/article.md", "locales/en/LC_MESSAGES/article.po")


def document(text: str = SOURCE) -> Document:
    return segment(parse(text, Path("source/article.md"), "article"))


def test_rows_follow_the_source_with_paragraphs_and_images() -> None:
    cat = Catalog(entries=(Entry("標題", "Title", line=5), Entry("第一句。", "First.", line=9), Entry("第二句。")))
    collected = review.collect(document(), cat, None)
    kinds = [type(item).__name__ for item in collected.items]
    assert kinds == ["Paragraph", "Paragraph", "ImageLine", "Paragraph"]
    assert [row.segment.text for row in collected.rows] == ["標題", "第一句。", "第二句。", "第一句。"]
    assert [row.status for row in collected.rows] == ["translated", "translated", "untranslated", "translated"]
    assert collected.rows[1].entry is collected.rows[3].entry  # a repeated sentence: one entry, two rows
    assert [row.shown for row in collected.rows] == ["Title", "First.", "第二句。", "First."]
    image = collected.items[2]
    assert isinstance(image, ImageLine) and (image.line, image.markdown, image.sources) == (3, "![]()", ("",))
    assert isinstance(collected.items[1], Paragraph) and collected.items[1].number == 2
    assert collected.counts.total == 3 and collected.counts.translated == 2
    assert collected.row_counts()["translated"] == 3


def test_diff_marks_what_changed() -> None:
    assert review.diff("就是OpenAI。", "就是DeepSeek。") == "就是<del>OpenAI</del><ins>DeepSeek</ins>。"
    assert review.diff("風向變了", "風向沒變") == "風向<ins>沒</ins>變<del>了</del>"
    assert review.diff("a <b> c", "a <i> c") == "a &lt;<del>b</del><ins>i</ins>&gt; c"
    assert review.diff("The old text.", "The new text.") == "The <del>old</del><ins>new</ins> text."


def _page(cat: Catalog, text: str = SOURCE, findings: review.Findings | None = None) -> str:
    return review.page(review.collect(document(text), cat, None), CONTEXT, findings)


def test_a_translation_with_a_script_shows_as_text() -> None:
    injected = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    page = _page(Catalog(entries=(Entry("標題", injected),)))
    assert page.count("<script") == 1  # the page's own filter script, and nothing else
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert "<img" not in page


def test_only_the_pages_own_script_may_run() -> None:
    page = _page(Catalog())
    digest = base64.b64encode(hashlib.sha256(review.SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert f"<script>{review.SCRIPT}</script>" in page


def test_rows_show_status_fallback_and_po_line() -> None:
    cat = Catalog(entries=(Entry("標題", "Title", line=15), Entry("第一句。", "舊譯", flags=("fuzzy",), line=20)))
    page = _page(cat)
    assert page.count('<tr class="segment"') == 4
    assert page.count('<tr class="segment" data-status="translated"') == 1
    assert page.count('<tr class="segment" data-status="fuzzy"') == 2  # the repeated sentence: two rows
    assert page.count('<tr class="segment" data-status="untranslated"') == 1
    assert 'class="badge s-fuzzy">fuzzy</span>' in page
    assert "<code>locales/<wbr>en/<wbr>LC_MESSAGES/<wbr>article.po:15</code>" in page
    assert "fallback: the source is shown" in page
    assert "fuzzy translation, not used" in page
    untranslated = re.search(r'<tr class="segment" data-status="untranslated">.*?</tr>', page)
    assert untranslated is not None and "not in the catalog: run update" in untranslated.group()


def test_fuzzy_rows_show_the_previous_source_as_a_diff() -> None:
    entry = Entry("第二句。", "Second.", flags=("fuzzy",), previous_msgid="第二個句子。")
    page = _page(Catalog(entries=(entry,)))
    assert "changed since translated" in page
    assert "第二<del>個</del>句<del>子</del>。</div>" in page


def test_header_figures_and_filters() -> None:
    cat = Catalog(entries=(Entry("標題", "Title"), Entry("第一句。"), Entry("舊", "old", obsolete=True)))
    page = _page(cat)
    figures = dict(re.findall(r'<li data-figure="(\w+)"><strong>(\d+)</strong>', page))
    assert figures == {"total": "2", "translated": "1", "fuzzy": "0", "untranslated": "1", "obsolete": "1"}
    assert '<nav class="filters" id="filters" aria-label="filter rows" hidden>' in page  # shown by the script
    buttons = re.findall(r'data-filter="([\w-]+)"[^>]*>([\w ]+) <span class="count">(\d+)</span>', page)
    assert buttons == [
        ("all", "all", "4"),
        ("needs-work", "needs work", "3"),
        ("fuzzy", "fuzzy", "0"),
        (
            "untranslated",
            "untranslated",
            "3",
        ),
    ]
    assert "<noscript>" in page
    assert '<html lang="en"' in page and '<td class="text source" lang="zh-Hant">' in page


def test_machine_filled_header_splits_translated() -> None:
    cat = Catalog(entries=(Entry("標題", "标题"), Entry("第一句。", "第一句话。"), Entry("第二句。", "第二句。")))
    page = review.page(review.collect(document(), cat, TW2S), CONTEXT, None)
    assert '<span data-figure="machine"><strong>2</strong> machine-converted</span>' in page
    assert '<span data-figure="person"><strong>1</strong> changed by a person</span>' in page


def test_findings_hook() -> None:
    cat = Catalog(entries=(Entry("標題", "Title"),))
    assert 'class="findings"' not in _page(cat)
    page = _page(cat, findings={"標題": ["msgstr ends without <punctuation>"]})
    assert '<ul class="findings" lang="en"><li>msgstr ends without &lt;punctuation&gt;</li></ul>' in page


def test_source_text_is_escaped() -> None:
    page = _page(Catalog(), text="a <b>bold</b> & more\n")
    assert '<td class="text source" lang="zh-Hant">a &lt;b&gt;bold&lt;/b&gt; &amp; more' in page


def test_translator_comments_and_the_tools_notes_are_shown() -> None:
    entry = Entry(
        "第二句。",
        "Second.",
        flags=("fuzzy",),
        previous_msgid="第2句。",
        translator_comments=("check <this> name", "article-l10n: number changed: 2 removed"),
    )
    page = _page(Catalog(entries=(entry, Entry("標題", "Title"))))
    assert "<li>check &lt;this&gt; name</li><li>article-l10n: number changed: 2 removed</li>" in page
    assert page.count('class="comments"') == 1  # only the entry that has comments


KINDS = (
    "# 標題\n\n一段**粗體**的話。\n\n- 清單的一項。\n\n> 引用的話。\n\n"
    "| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n\n```\nprint(1)\n```\n"
)


def test_rows_say_what_block_they_are_and_code_blocks_are_shown() -> None:
    collected = review.collect(document(KINDS), Catalog(), None)
    paragraphs = [item for item in collected.items if isinstance(item, Paragraph)]
    assert [p.kind for p in paragraphs] == ["heading", "paragraph", "list item", "block quote", *["table cell"] * 4]
    codes = [item for item in collected.items if isinstance(item, review.CodeBlock)]
    assert [(c.line, c.text) for c in codes] == [(13, "```\nprint(1)\n```")]
    page = review.page(collected, CONTEXT)
    for kind in ("heading", "list item", "block quote", "table cell"):
        assert f'<span class="kind">{kind}</span>' in page
    assert '<span class="kind">paragraph</span>' not in page  # the usual case goes without a label
    assert "code block: not translated" in page and "print(1)" in page


def test_inline_markdown_is_rendered_and_still_escaped() -> None:
    cat = Catalog(entries=(Entry("一段**粗體**的話。", "Some **bold** words <script>alert(1)</script> & `a<b`."),))
    page = _page(cat, KINDS)
    assert "一段<strong>粗體</strong>的話。" in page
    assert "Some <strong>bold</strong> words &lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>a&lt;b</code>." in page
    assert "**" not in page
    assert "<script>alert" not in page
