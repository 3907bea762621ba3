"""Editions as other tools read them: CommonMark paragraphs, images, stale catalogs (issue 11, items 5, 6, 8)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from markdown_it import MarkdownIt

from tests.commands.test_cli import run

_COMMONMARK = MarkdownIt("commonmark")  # what GitHub, a CMS or a static site generator reads


def _commonmark_blocks(markdown: str) -> list[tuple[str, str]]:
    """The paragraphs (their plain text) and images of ``markdown`` as plain CommonMark reads it."""
    blocks: list[tuple[str, str]] = []
    tokens = _COMMONMARK.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or token.hidden:  # a tight list item's: no <p> in HTML
            continue
        children = tokens[index + 1].children or []
        images = [c for c in children if c.type == "image"]
        text = "".join(c.content for c in children if c.type in ("text", "code_inline")).strip()
        blocks += [("image", str(image.attrGet("src") or "")) for image in images]
        if text:
            blocks.append(("p", text))
    return blocks


def _page_blocks(page: str) -> list[tuple[str, str]]:
    """The paragraphs and images of the project's HTML edition (an image without a source is a comment there)."""
    found = re.findall(r'<p(?: lang="[^"]*")?>(.*?)</p>|<img src="([^"]*)"|(<!-- image without a source -->)', page)
    blocks: list[tuple[str, str]] = []
    for paragraph, src, empty in found:
        if empty or src:
            blocks.append(("image", src))
        else:
            blocks.append(("p", re.sub(r"<[^>]+>", "", paragraph).strip()))
    return blocks


def test_target_markdown_editions_have_the_html_editions_paragraphs_and_images(project_dir: Path) -> None:
    result = run(project_dir, "build", "--all", "--format", "all")
    assert result.exit_code == 0, result.output
    for code in ("en", "zh_Hans"):
        folder = project_dir / "build" / code
        markdown = (folder / "article.md").read_text(encoding="utf-8")
        page = (folder / "article.html").read_text(encoding="utf-8")
        expected = _page_blocks(page)
        assert sum(1 for kind, _ in expected if kind == "p") == 31
        assert sum(1 for kind, _ in expected if kind == "image") == 11
        assert _commonmark_blocks(markdown) == expected, code


def test_paragraph_lines_in_a_block_quote_are_paragraphs_too(new_project: object) -> None:
    root = new_project("第一段。\n> 引文一。\n> 引文二。\n> 1986. 年。\n最後一段。\n")  # type: ignore[operator]
    assert run(root, "build", "--lang", "en", "--format", "all").exit_code == 0
    markdown = (root / "build" / "en" / "article.md").read_text(encoding="utf-8")
    page = (root / "build" / "en" / "article.html").read_text(encoding="utf-8")
    blocks = _commonmark_blocks(markdown)
    assert blocks == _page_blocks(page)
    assert [text for _, text in blocks] == ["第一段。", "引文一。", "引文二。", "1986. 年。", "最後一段。"]


def test_a_source_with_a_bom_and_crlf_gives_editions_whose_heading_is_a_heading(new_project: object) -> None:
    root = new_project("\ufeff# 颱風警報\r\n\r\n中央氣象署發布警報。\r\n- 暴風半徑：200 公里\r\n")  # type: ignore[operator]
    assert run(root, "build", "--all", "--format", "all").exit_code == 0
    for code in ("en", "zh_Hans"):
        markdown = (root / "build" / code / "article.md").read_text(encoding="utf-8")
        assert not markdown.startswith("\ufeff"), code
        types = [t.type for t in _COMMONMARK.parse(markdown) if t.nesting == 1]
        assert types == ["heading_open", "paragraph_open", "bullet_list_open", "list_item_open", "paragraph_open"]
    # the source language's edition is the normalised source, BOM and line endings included
    assert run(root, "build", "--lang", "zh_Hant").exit_code == 0
    assert (root / "build" / "zh_Hant" / "article.md").read_bytes().startswith("\ufeff# 颱風警報\r\n".encode())


def test_footnote_definitions_are_converted_and_keep_their_marker(new_project: object) -> None:
    root = new_project("正文[^1]，還有[^2]。\n\n[^1]: 胡適，《紅樓夢考證》，1921 年。\n\n[^2]: 這是註腳。\n")  # type: ignore[operator]
    assert run(root, "build", "--lang", "zh_Hans").exit_code == 0
    markdown = (root / "build" / "zh_Hans" / "article.md").read_text(encoding="utf-8")
    assert markdown == "正文[^1]，还有[^2]。\n\n[^1]: 胡适，《红楼梦考证》，1921 年。\n\n[^2]: 这是注脚。\n"


def test_a_later_line_that_would_start_a_block_stays_text(new_project: object) -> None:
    text = "第一段。\n1986. 年是一個好年。\n    縮排的一行。\n最後一段。\n"
    root = new_project(text)  # type: ignore[operator]
    assert run(root, "build", "--lang", "en", "--format", "all").exit_code == 0
    markdown = (root / "build" / "en" / "article.md").read_text(encoding="utf-8")
    page = (root / "build" / "en" / "article.html").read_text(encoding="utf-8")
    blocks = _commonmark_blocks(markdown)
    assert [kind for kind, _ in blocks] == ["p"] * 4
    assert blocks == _page_blocks(page)


def test_build_no_update_warns_once_per_stale_document(project_dir: Path) -> None:
    other = project_dir / "source" / "other.md"
    other.write_text("另一篇。\n", encoding="utf-8")
    assert run(project_dir, "update").exit_code == 0
    article = project_dir / "source" / "article.md"
    article.write_text(article.read_text(encoding="utf-8") + "新的一段。\n", encoding="utf-8")
    for _ in range(2):  # the second run is answered from the cache: the warning stays
        result = run(project_dir, "build", "--all", "--no-update", "--format", "all")
        assert result.exit_code == 0, result.output
        warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
        assert len(warnings) == 2, result.output  # article in en and in zh_Hans; other.md is current
        assert all("article" in w and "1 segments not in it" in w and "update" in w for w in warnings)
    assert run(project_dir, "update").exit_code == 0
    result = run(project_dir, "build", "--all", "--no-update")
    assert "warning:" not in result.output


IMAGES = '夜市很熱鬧。\n![夜市的燈籠](img/a.png "熱鬧的夜晚")\n\n> ![一張舊照片](old.jpg)\n\n![](empty.png)\n'


def test_image_descriptions_are_converted_for_zh_hans_and_offered_to_translators(new_project: object) -> None:
    from pipeline.po import file as po_file
    from pipeline.po.write import render

    root = new_project(IMAGES)  # type: ignore[operator]
    assert run(root, "build", "--all").exit_code == 0
    simplified = (root / "build" / "zh_Hans" / "article.md").read_text(encoding="utf-8")
    assert '![夜市的灯笼](img/a.png "热闹的夜晚")' in simplified
    assert "> ![一张旧照片](old.jpg)" in simplified
    po = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    found = po_file.read(po)
    by_id = {e.msgid: e for e in found.live}
    assert set(by_id) == {"夜市很熱鬧。", "夜市的燈籠", "熱鬧的夜晚", "一張舊照片"}
    assert any("image description" in c for c in by_id["夜市的燈籠"].extracted_comments)
    assert any("image title" in c for c in by_id["熱鬧的夜晚"].extracted_comments)
    assert not any("image" in c for c in by_id["夜市很熱鬧。"].extracted_comments)
    translations = {"夜市的燈籠": "Lanterns [red] of the market", "熱鬧的夜晚": 'A "lively" night'}
    entries = tuple(e.evolve(msgstr=translations.get(e.msgid, e.msgstr)) for e in found.entries)
    po.write_text(render(replace(found, entries=entries)), encoding="utf-8")
    assert run(root, "build", "--lang", "en").exit_code == 0
    english = (root / "build" / "en" / "article.md").read_text(encoding="utf-8")
    tokens = _COMMONMARK.parse(english)
    images = [c for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "image"]
    described = [(i.attrGet("src"), "".join(c.content for c in i.children or []), i.attrGet("title")) for i in images]
    assert described == [
        ("img/a.png", "Lanterns [red] of the market", 'A "lively" night'),
        ("old.jpg", "一張舊照片", None),
        ("empty.png", "", None),
    ]
