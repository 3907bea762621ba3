"""The pages' templates: autoescaping on, so hostile catalog text and file names show as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from pipeline.editions import html, templating
from pipeline.editions import review_page as review
from pipeline.po.model import Catalog, Entry
from pipeline.text.segment import segment
from pipeline.text.source import parse

HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(2)>')


def test_the_environment_escapes_by_default_and_trusts_only_markup() -> None:
    env = templating.environment("pipeline.editions")
    assert env.autoescape is not False
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    assert env.from_string("{{ x }}").render(x=Markup("<b>")) == "<b>"
    assert templating.environment("pipeline.editions") is env  # one environment, its templates compiled once


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_shows_escaped_on_the_html_edition(hostile: str) -> None:
    translated = html.page(f"# {hostile}\n\n{hostile}\n", "en")
    untitled = html.page("", "en", fallback_title=hostile)  # the file name stands in for a title
    for page in (translated, untitled):
        assert "<script" not in page and "<img" not in page
    tag = hostile.lstrip('">').replace("<", "&lt;").replace(">", "&gt;")  # the element, shown as text
    assert translated.count(tag) == 3  # the title, the heading and the paragraph
    assert untitled.count(tag) == 1 and f"{tag}</title>" in untitled


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_msgstr_comment_and_file_names_show_escaped_on_the_review_page(hostile: str) -> None:
    source = "第一句。第二句。\n"
    document = segment(parse(source, Path("source/article.md"), "article"))
    catalog = Catalog(
        entries=(
            Entry("第一句。", hostile, translator_comments=(hostile,), line=3),
            Entry("第二句。", hostile, flags=("fuzzy",), previous_msgid=hostile),
        )
    )
    context = review.Context(hostile, "en", "zh_Hant", f"source/{hostile}.md", f"locales/{hostile}/article.po")
    page = review.page(review.collect(document, catalog, None), context, {"第一句。": [hostile]})
    assert page.count("<script") == 1  # the page's own filter script, and nothing else
    assert "<img" not in page
    escaped = str(Markup.escape(hostile))
    assert f"<li>{escaped}</li>" in page  # the comment and the finding
    assert f"<code>source/{escaped}.md</code>" in page  # the source's file name
    assert f"<h1>Review: {escaped} — English, en</h1>" in page  # the document's name
    assert "<del>" in page or "<ins>" in page  # the fuzzy entry's diff, built from escaped pieces
