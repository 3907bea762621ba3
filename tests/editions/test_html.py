"""The HTML edition: escaping, language, title, one paragraph per line, empty images."""

from __future__ import annotations

import re

import pytest

from pipeline.editions import html
from pipeline.l10n import languages


def test_a_translation_with_markup_shows_as_text() -> None:
    markdown = (
        "<script>alert('x')</script>\n"
        '<img src="x" onerror="alert(1)">\n'
        "[click](javascript:alert(1))\n"
        "**bold** and `<code>`"
    )
    page = html.page(markdown, "en")
    assert "<script" not in page.lower()
    assert "<img" not in page
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;" in page
    assert 'href="javascript' not in page  # not made into a link
    assert "<strong>bold</strong>" in page and "<code>&lt;code&gt;</code>" in page


def test_title_is_escaped_too() -> None:
    page = html.page("# A </title><script>x</script> heading", "en")
    assert "<title>A &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; heading</title>" in page


@pytest.mark.parametrize(
    ("code", "tag"), [("en", "en"), ("zh_Hans", "zh-Hans"), ("zh-hant", "zh-Hant"), ("zh_Hant", "zh-Hant")]
)
def test_html_lang_is_the_bcp47_tag(code: str, tag: str) -> None:
    assert f'<html lang="{tag}" dir="ltr">' in html.page("text", code)


def test_right_to_left_languages_get_dir_rtl() -> None:
    assert languages.direction("ar") == "rtl"
    assert '<html lang="ar" dir="rtl">' in html.page("نص", "ar")


def test_a_standalone_offline_page() -> None:
    page = html.page("Hello.", "en")
    assert page.startswith("<!DOCTYPE html>\n<html")
    assert '<meta charset="utf-8">' in page
    assert "script-src" not in page and "default-src 'none'" in page  # no script may run
    assert not re.search(r"<link|<script|@import|url\(|https?://", page)  # nothing fetched
    assert "Noto Sans CJK SC" in page and "PingFang TC" in page  # CJK-friendly font stack
    assert page.endswith("</html>\n")


def test_title_from_the_first_heading() -> None:
    assert html.title("Intro line.\n\n## The *real* title\n\n# Later") == "The real title"


def test_title_from_the_first_sentence() -> None:
    assert html.title("![]()\n可現在,風向變了。但中國AI不嫌棄。") == "可現在,風向變了。"
    assert html.title("It began. Then it ended.") == "It began."


def test_title_is_shortened_and_has_a_fallback() -> None:
    title = html.title("字" * 200)
    assert len(title) == html.TITLE_LENGTH and title.endswith("…")
    assert html.title("![]()\n", fallback="article") == "article"


def test_each_line_is_a_paragraph_as_segment_reads_it() -> None:
    body = html.body("第一段。\n第二段。\n\n第三段。")
    assert body == "<p>第一段。</p>\n<p>第二段。</p>\n<p>第三段。</p>\n"


def test_lines_of_a_tight_list_item_stay_in_the_item() -> None:
    assert html.body("- one\ncontinued\n- two") == "<ul>\n<li>one<br>\ncontinued</li>\n<li>two</li>\n</ul>\n"


def test_block_quote_lines_are_paragraphs() -> None:
    assert html.body("> a\n> b") == "<blockquote>\n<p>a</p>\n<p>b</p>\n</blockquote>\n"


def test_images_without_a_source_are_not_broken_images() -> None:
    body = html.body("段落一。\n![]()\n段落二。 ![圖說]() ![](pic.png)")
    assert "<img" in body and body.count("<img") == 1  # only the one with a source
    assert 'src="pic.png"' in body
    assert "<!-- image without a source -->" in body
    assert '<span class="image-missing">[圖說]</span>' in body
    assert body.count("<p>") == 2


def test_bom_and_tables() -> None:
    body = html.body("\ufeff| a | b |\n|---|--:|\n| 1 | 2 |")
    assert "\ufeff" not in body
    assert "<table>" in body and '<td style="text-align:right">2</td>' in body


def test_lines_left_in_the_source_language_say_so() -> None:
    markdown = "# 標題\n\n第一段。\nTranslated line.\n\n- 項目\n- Item\n"
    page = html.page(markdown, "en", source=("zh_Hant", frozenset({0, 2, 5})))
    assert '<h1 lang="zh-Hant">標題</h1>' in page
    assert '<p lang="zh-Hant">第一段。</p>' in page
    assert "<p>Translated line.</p>" in page
    assert '<li lang="zh-Hant">項目</li>' in page and "<li>Item</li>" in page
    # A page in the source's own language marks nothing.
    assert (
        "lang=" not in html.body(markdown)
        and 'lang="zh-Hant"'
        not in html.page(markdown, "zh_Hant", source=("zh_Hant", frozenset({0}))).split("<body>")[1]
    )


def test_the_last_item_of_a_tight_list_is_marked_too() -> None:
    markdown = "- 這個問題很複雜。\n- 第二項目。\n\n1. 第一。\n"
    page = html.body(markdown, ("zh-Hant", frozenset({0, 1, 3})))
    assert page.count('<li lang="zh-Hant">') == 3
