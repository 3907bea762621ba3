"""The workbench as a translator meets it in a real browser: what a session of use turned up.

A conflict with another editor keeps the other side's comment; a server that stopped says so and
keeps the draft; leaving a page with unsaved text asks first; the page works at 400 px; every
field has a name. The system Chromium under Playwright, as ``test_workbench_browser.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pipeline import operations
from pipeline.po.write import render
from pipeline.workbench import editor
from pipeline.workspace import fs
from pipeline.workspace.project import Project
from tests.browser import errors_of, opened
from tests.workbench.test_workbench_browser import _running

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARTICLE = "# 標題\n\n第一句。第二句。\n\n- 項目一。\n"


@pytest.fixture
def project(new_project: Any) -> Project:
    proj = Project(new_project(ARTICLE))
    operations.update(proj, ("en",))
    return proj


def _page(chromium: Browser, width: int = 1400) -> Iterator[tuple[Page, list[str]]]:
    with opened(chromium, width, 900) as context:
        page = context.new_page()
        yield page, errors_of(page, ignore=lambda text: "409" in text or "ERR_CONNECTION_REFUSED" in text)


@pytest.fixture
def tab(chromium: Browser) -> Iterator[tuple[Page, list[str]]]:
    yield from _page(chromium)


def _write_theirs(project: Project, msgid: str, msgstr: str, comment: str) -> None:
    """Another editor (Poedit, vim) saves ``msgid`` with a text and a translator comment."""
    path = project.catalog_path("en", "article")
    read = project.load_catalog(path)
    assert read is not None
    found = editor.find_entry(read.catalog, msgid)
    theirs, _ = editor.apply_save(read.catalog, editor.Edit(msgid, editor.version(found), msgstr, comment, False), None)
    fs.write_if_changed(path, render(theirs).encode("utf-8"))


def _entry(project: Project, msgid: str) -> Any:
    catalog = project.read_catalog(project.catalog_path("en", "article"))
    assert catalog is not None
    return editor.find_entry(catalog, msgid)


def test_keeping_yours_in_a_conflict_keeps_the_comment_the_other_editor_added(
    project: Project, tab: tuple[Page, list[str]]
) -> None:
    from playwright.sync_api import expect

    page, errors = tab
    expect.set_options(timeout=15_000)
    with _running(project) as url:
        page.goto(url.replace("/?", "/edit/en/article?at=1&"))
        expect(page.locator("#s1.current")).to_be_visible()
        _write_theirs(project, "第一句。", "Theirs.", "checked with the client")
        page.keyboard.type("Mine.")
        page.keyboard.press("Control+Enter")
        conflict = page.locator("#s1 .conflict")
        expect(conflict).to_be_visible()
        expect(conflict.locator(".choice").nth(0)).to_contain_text("checked with the client")  # their comment is shown
        conflict.locator("button.choose").nth(1).click()
        expect(page.locator("#s1 .saved")).to_have_text("saved")
        expect(page.locator("#s1 textarea.comment")).to_have_value("checked with the client")
    found = _entry(project, "第一句。")
    assert found.msgstr == "Mine."
    assert "checked with the client" in found.translator_comments  # I only changed the text: theirs stays
    assert not errors, errors


def test_a_save_when_the_server_is_gone_says_so_and_keeps_the_draft(
    project: Project, tab: tuple[Page, list[str]]
) -> None:
    from playwright.sync_api import expect

    page, errors = tab
    expect.set_options(timeout=15_000)
    with _running(project) as url:
        page.goto(url.replace("/?", "/edit/en/article?"))
        expect(page.locator("#s0.current")).to_be_visible()
        page.keyboard.type("Title, typed while the server stops")
    page.keyboard.press("Control+Enter")  # the server has stopped
    saved = page.locator("#s0 .saved")
    expect(saved).to_contain_text("not saved")
    expect(saved).to_contain_text("serve")
    expect(page.locator("#s0 textarea.target")).to_have_value("Title, typed while the server stops")
    expect(page.locator("#s0.current")).to_be_visible()  # still there, not moved on
    assert not errors, errors  # no uncaught "Failed to fetch"


def test_leaving_the_page_with_unsaved_text_asks_first(project: Project, tab: tuple[Page, list[str]]) -> None:
    from playwright.sync_api import Dialog, expect

    page, errors = tab
    expect.set_options(timeout=15_000)
    asked: list[str] = []

    def dialog(d: Dialog) -> None:
        asked.append(d.type)
        d.dismiss()  # stay on the page

    page.on("dialog", dialog)
    with _running(project) as url:
        page.goto(url.replace("/?", "/edit/en/article?"))
        expect(page.locator("#s0.current")).to_be_visible()
        page.keyboard.type("A draft")
        page.click("a.filter:text('untranslated')")
        expect(page.locator("#s0 textarea.target")).to_have_value("A draft")
        assert asked == ["beforeunload"]
        page.keyboard.press("Control+Enter")  # saved: leaving asks nothing any more
        expect(page.locator("#s0 .state")).to_have_text("translated")
        page.click("a.filter:text('untranslated')")
        expect(page).to_have_url(re.compile(r"\?filter=untranslated$"))
        assert asked == ["beforeunload"]
    assert not errors, errors


def test_the_page_is_usable_400_pixels_wide_and_every_field_has_a_name(
    project: Project, chromium: Browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    for page, errors in _page(chromium, width=400):
        with _running(project) as url:
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 400  # the overview: no sideways scroll
            page.goto(url.replace("/?", "/edit/en/article?"))
            expect(page.locator("#s0.current")).to_be_visible()
            page.screenshot(path=str(tmp_path / "narrow.png"))
            assert page.evaluate("document.documentElement.scrollWidth") <= 400
            # The focused text area is what a tap on it reaches: the side panel does not cover it.
            box = page.locator("#s0 textarea.target").bounding_box()
            assert box is not None
            hit = page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y).className", [box["x"] + box["width"] / 2, box["y"] + 5]
            )
            assert hit == "target"
            unnamed = page.evaluate(
                """Array.from(document.querySelectorAll('input, textarea, select, button'))
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim()
                    && !(e.ariaLabelledByElements || []).some(l => l.textContent.trim()))
                  .map(e => e.outerHTML)"""
            )
            assert unnamed == []
            # Each translation box is named by its own segment's source, as Chromium computes the name.
            expect(page.locator("#s0 textarea.target")).to_have_accessible_name("translation: 標題")
            expect(page.locator("#s1 textarea.target")).to_have_accessible_name("translation: 第一句。")
        assert not errors, errors
