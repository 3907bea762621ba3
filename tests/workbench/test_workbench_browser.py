"""The workbench in a real browser: the system Chromium under Playwright (the shared one of ``tests/browser.py``).

Skipped when Chromium or Playwright is missing, unless ``ARTICLE_L10N_REQUIRE_BROWSER=1`` (CI): then it fails.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pipeline import operations
from pipeline.po.write import render
from pipeline.workbench import editor, helpers
from pipeline.workbench.app import create_app
from pipeline.workspace import fs
from pipeline.workspace.project import Project
from tests.browser import errors_of, opened

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "# 標題\n\n第一句。第二句。\n\n- 項目一。\n"


@contextlib.contextmanager
def _running(project: Project) -> Iterator[str]:
    """The workbench of ``project`` served on a free port in this process: its URL with the token."""
    import uvicorn

    helpers.dictionary()  # as `serve` does at start (a second's read of CC-CEDICT), not inside a timed wait
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    token = "browser-test-token-0123456789abcdef"
    server = uvicorn.Server(uvicorn.Config(create_app(project, token, port), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/?token={token}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def served(new_project: Any) -> Iterator[tuple[Project, str]]:
    root = new_project(ARTICLE)
    (root / "source" / "other.md").write_text("第二句!\n", encoding="utf-8")
    project = Project(root)
    operations.update(project)
    other = project.catalog_path("en", "other")
    text = other.read_text(encoding="utf-8").replace(
        'msgid "第二句!"\nmsgstr ""', 'msgid "第二句!"\nmsgstr "Second one!"'
    )
    other.write_text(text, encoding="utf-8")
    with _running(project) as url:
        yield project, url


@pytest.fixture
def tab(chromium: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A 1400 × 900 page of its own in the shared browser, and the errors it reports (but a conflict's 409:
    the browser logs every failed request)."""
    with opened(chromium, 1400, 900) as context:
        page = context.new_page()
        yield page, errors_of(page, ignore=lambda text: "409" in text)


def test_translate_with_the_keyboard_conflict_and_reload(
    served: tuple[Project, str], tab: tuple[Page, list[str]], tmp_path: Path
) -> None:
    from playwright.sync_api import expect  # here: the module is collected where Playwright is missing

    project, url = served
    page, errors = tab
    expect.set_options(timeout=15_000)  # two shared cores: be patient, the test stays exact
    page.goto(url)
    page.click("a[href='/edit/en/article']")
    seg = page.locator("article.seg")
    focused = page.locator("article.seg.current textarea.target")
    expect(focused).to_be_focused()
    # 1: the heading, keyboard only.
    page.keyboard.type("Title")
    page.keyboard.press("Control+Enter")
    expect(seg.nth(0).locator(".state")).to_have_text("translated")
    # 2: a check error appears as we type, and goes.
    expect(seg.nth(1)).to_have_class("seg state-untranslated current")
    page.keyboard.type("First 句")
    expect(seg.nth(1).locator(".findings li.error")).to_contain_text("[cjk-left]")
    page.keyboard.press("Backspace")
    page.keyboard.type("sentence.")
    expect(seg.nth(1).locator(".findings li")).to_have_count(0)
    page.keyboard.press("Control+Enter")
    # 3: a memory suggestion from the other document, inserted with Alt+1.
    expect(page.locator("#suggestions li.suggestion").first).to_contain_text("Second one!")
    page.keyboard.press("Alt+1")
    expect(seg.nth(2).locator("textarea.target")).to_have_value("Second one!")
    page.keyboard.press("Control+a")
    page.keyboard.type("Second sentence.")
    page.keyboard.press("Control+Enter")
    expect(seg.nth(3)).to_have_class("seg state-untranslated current")
    # 4: someone else saves the list item meanwhile: a conflict, resolved by keeping ours.
    path = project.catalog_path("en", "article")
    read = project.load_catalog(path)
    assert read is not None
    theirs, _ = editor.apply_save(
        read.catalog,
        editor.Edit(
            "項目一。",
            editor.version(editor.find_entry(read.catalog, "項目一。")),
            "An item, by someone else.",
            "",
            False,
        ),
        None,
    )
    fs.write_if_changed(path, render(theirs).encode("utf-8"))
    page.keyboard.type("Item one.")
    page.keyboard.press("Control+Enter")
    conflict = seg.nth(3).locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("An item, by someone else.")
    page.screenshot(path=str(tmp_path / "conflict.png"))
    conflict.locator("button.choose").nth(1).click()
    expect(seg.nth(3).locator(".state")).to_have_text("translated")
    # The help overlay.
    page.locator("#segments").click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    page.locator("body").press("?")
    expect(page.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    # 5: reload: everything kept.
    page.reload()
    values = [seg.nth(i).locator("textarea.target").input_value() for i in range(4)]
    assert values == ["Title", "First sentence.", "Second sentence.", "Item one."]
    seg.nth(1).locator("textarea.target").focus()
    expect(page.locator("#dictionary")).to_contain_text("第一")  # the side panel is the focused segment's
    page.screenshot(path=str(tmp_path / "workbench.png"))
    if os.environ.get("WORKBENCH_SCREENSHOT"):
        shutil.copyfile(tmp_path / "workbench.png", os.environ["WORKBENCH_SCREENSHOT"])
    assert not errors, errors
    cli = [sys.executable, str(ROOT / "cli.py"), "--project", str(project.root)]
    result = subprocess.run([*cli, "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    subprocess.run([*cli, "build", "--lang", "en"], check=True, capture_output=True)
    edition = (project.root / "build" / "en" / "article.md").read_text(encoding="utf-8")
    for text in ("# Title", "First sentence. Second sentence.", "- Item one."):
        assert text in edition


def test_shortcuts_filters_concordance_conflict_choice_and_source_change(
    new_project: Any, tab: tuple[Page, list[str]]
) -> None:
    from playwright.sync_api import expect

    page, errors = tab
    page.on("dialog", lambda dialog: dialog.accept())  # leaving with the concordance's typed word unsaved: go
    root = new_project("".join(f"第{i}段。\n\n" for i in range(1, 261)))  # 260 segments: two pages
    project = Project(root)
    operations.update(project, ("en",))
    path = project.catalog_path("en", "article")
    read = project.load_catalog(path)
    assert read is not None
    catalog = read.catalog
    for entry in catalog.live:
        if entry.msgid not in ("第3段。", "第250段。"):
            catalog, _ = editor.apply_save(
                catalog, editor.Edit(entry.msgid, editor.version(entry), f"T {entry.msgid}", "", False), None
            )
    fs.write_if_changed(path, render(catalog).encode("utf-8"))
    with _running(project) as url:
        expect.set_options(timeout=15_000)
        page.goto(url.replace("/?", "/edit/en/article?"))
        current = page.locator("article.seg.current")
        expect(current).to_have_attribute("id", "s0")
        # Ctrl+Down / Ctrl+Up move by one segment.
        page.keyboard.press("Control+ArrowDown")
        expect(current).to_have_attribute("id", "s1")
        page.keyboard.press("Control+ArrowUp")
        expect(current).to_have_attribute("id", "s0")
        # Ctrl+Enter: save, then the next untranslated one (s2), skipping translated s1.
        page.keyboard.press("Control+Enter")
        expect(current).to_have_attribute("id", "s2")
        # Ctrl+B copies the source; Ctrl+Shift+Enter marks it "needs work"; Ctrl+Enter saves it fuzzy and,
        # nothing being open after it on this page, goes on to the next open one on the next page.
        page.keyboard.press("Control+b")
        expect(page.locator("#s2 textarea.target")).to_have_value("第3段。")
        page.keyboard.press("Control+Shift+Enter")
        expect(page.locator("#s2 input.fuzzy")).to_be_checked()
        page.keyboard.press("Control+Enter")
        expect(page).to_have_url(re.compile(r"/edit/en/article\?filter=all&at=249$"))
        expect(current).to_have_attribute("id", "s249")
        expect(page.locator("#s249 textarea.target")).to_be_focused()
        assert project.read_catalog(path) is not None
        assert editor.find_entry(project.read_catalog(path), "第3段。").fuzzy  # type: ignore[arg-type,union-attr]
        # Ctrl+F: the concordance of the selected text.
        page.keyboard.type("第12段")
        page.keyboard.press("Control+a")
        page.keyboard.press("Control+f")
        expect(page.locator("#concordance-q")).to_have_value("第12段")
        expect(page.locator("#concordance li").first).to_contain_text("T 第12段。")
        # Filters: fuzzy shows s2 only, untranslated s249 only.
        page.click("a.filter:text('fuzzy')")
        expect(page.locator("article.seg")).to_have_count(1)
        expect(page.locator("article.seg")).to_have_attribute("id", "s2")
        page.click("a.filter:text('untranslated')")
        expect(page.locator("article.seg")).to_have_count(1)
        expect(page.locator("article.seg")).to_have_attribute("id", "s249")
        # A conflict shows both texts; keeping the one on disk puts it in the text area.
        read = project.load_catalog(path)
        assert read is not None
        theirs, _ = editor.apply_save(
            read.catalog,
            editor.Edit(
                "第250段。",
                editor.version(editor.find_entry(read.catalog, "第250段。")),
                "Theirs, from Poedit.",
                "",
                False,
            ),
            None,
        )
        fs.write_if_changed(path, render(theirs).encode("utf-8"))
        expect(page.locator("#s249.current")).to_be_visible()  # the filtered page's script has started
        page.locator("#s249 textarea.target").fill("Mine.")
        page.keyboard.press("Control+Enter")
        conflict = page.locator("#s249 .conflict")
        expect(conflict).to_be_visible()
        expect(conflict.locator(".choice").nth(0)).to_contain_text("Theirs, from Poedit.")
        expect(conflict.locator(".choice").nth(1)).to_contain_text("Mine.")
        conflict.locator("button.choose").nth(0).click()
        expect(page.locator("#s249 textarea.target")).to_have_value("Theirs, from Poedit.")
        expect(conflict).to_be_hidden()
        # The source changes on disk: the page says so and runs update on request.
        source = root / "source" / "article.md"
        source.write_text(source.read_text(encoding="utf-8") + "新的一段。\n", encoding="utf-8")
        expect(page.locator("#banner")).to_be_visible(timeout=30_000)
        expect(page.locator("#banner-text")).to_contain_text("source article changed")
        page.click("#run-update")
        expect(page.locator("article.seg[data-msgid='新的一段。']")).to_have_count(1, timeout=30_000)
        expect(page.locator("#banner")).to_be_hidden()
    assert not errors, errors
    assert editor.find_entry(project.read_catalog(path), "新的一段。") is not None  # type: ignore[arg-type]
