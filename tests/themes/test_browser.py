"""The HTML edition and the review page in a real browser: the system Chromium under Playwright, from file://.

The project is the real article with a few translations put into the catalogs the way a
translator would: two English sentences (one of them carrying a ``<script>`` and an
``onerror`` handler), a fuzzy entry whose source changed, and a Simplified sentence a
person rewrote. The tests look at what a reader sees: the page language, how many
paragraphs and rows there are, the status figures, what the filter buttons hide, that the
injected script does not run, and that the console stays free of errors.

Each page is kept as a screenshot in a temporary folder (``$SCREENSHOT_DIR`` if set,
else ``screenshots`` in pytest's temporary folder, e.g.
``/tmp/pytest-of-$USER/pytest-current/popen-gw0/screenshots0``).

The browser is the one of ``tests/browser.py``: where Chromium is missing or cannot start,
these tests are skipped with the reason; with ``ARTICLE_L10N_REQUIRE_BROWSER=1`` (as
``.ci/run`` sets) they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from cli import main
from pipeline.po import file as po_file
from pipeline.po.write import render
from pipeline.workspace.project import Project
from tests.browser import errors_of, opened, screenshot
from tests.conftest import FIXED_DATE, make_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

INJECTED = (
    '<script>window.__injected = "script"; document.title = "pwned"</script>'
    '<img src="x" onerror="window.__injected = \'onerror\'">But Chinese AI does not mind.'
)
EN_TRANSLATIONS = {
    "可現在,風向變了。": "But now the wind has changed.",
    "但中國AI不嫌棄。": INJECTED,
}
FUZZY_MSGID = "而這場博弈的分水嶺,就是DeepSeek。"
FUZZY_PREVIOUS = "而這場博弈的分水嶺,就是OpenAI。"
PERSON_MSGID = "可現在,風向變了。"
PERSON_MSGSTR = "可如今，风向变了。"

VISIBLE_ROWS = "[...document.querySelectorAll('tr.segment')].filter(r => r.getClientRects().length > 0)"


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("SCREENSHOT_DIR")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _edit(po: Path, change: dict[str, dict[str, Any]]) -> None:
    """Change entries of a catalog file, as a translator's editor would."""
    parsed = po_file.read(po)
    entries = tuple(replace(e, **change[e.msgid]) if e.msgid in change else e for e in parsed.entries)
    po.write_text(render(replace(parsed, entries=entries)), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article, partly translated, built as HTML and reviewed in both languages."""
    root = make_project(tmp_path_factory.mktemp("browser") / "project")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)
        assert runner.invoke(main, ["--project", str(root), "update"]).exit_code == 0
        en: dict[str, dict[str, Any]] = {msgid: {"msgstr": text} for msgid, text in EN_TRANSLATIONS.items()}
        en[FUZZY_MSGID] = {
            "msgstr": "And the watershed of this contest is DeepSeek.",
            "flags": ("fuzzy",),
            "previous_msgid": FUZZY_PREVIOUS,
        }
        _edit(root / "locales/en/LC_MESSAGES/article.po", en)
        _edit(root / "locales/zh_Hans/LC_MESSAGES/article.po", {PERSON_MSGID: {"msgstr": PERSON_MSGSTR}})
        for command in (["build", "--all", "--format", "all"], ["review"]):
            result = runner.invoke(main, ["--project", str(root), *command])
            assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A tab of its own (a fresh context) in the shared browser, 1280 × 900."""
    with opened(chromium) as context:
        yield context.new_page()


@pytest.fixture
def errors(page: Page) -> list[str]:
    """What ``page`` reports as errors while the test runs."""
    return errors_of(page)


def _blocks(root: Path) -> int:
    project = Project(root)
    return len(list(project.segmented(project.documents()[0]).blocks()))


def _open(page: Page, path: Path) -> None:
    page.goto(path.as_uri())


# ---------------------------------------------------------------- the HTML edition


@pytest.mark.parametrize(("code", "tag"), [("en", "en"), ("zh_Hans", "zh-Hans")])
def test_edition_reads_as_a_page(
    page: Page, errors: list[str], project: Path, screenshots: Path, code: str, tag: str
) -> None:
    _open(page, project / "build" / code / "article.html")
    screenshot(page, screenshots / f"{code}.article.html.png")
    assert page.evaluate("document.documentElement.lang") == tag
    assert page.evaluate("document.characterSet") == "UTF-8"
    paragraphs = page.evaluate("document.querySelectorAll('article p').length")
    assert paragraphs == _blocks(project) == 31  # one per line of the article, as segmented
    # The eleven ![]() lines are comments, not broken images.
    assert page.evaluate("document.images.length") == 0
    comments = page.evaluate(
        "(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT); let n = 0;"
        " while (w.nextNode()) n += w.currentNode.data.includes('image without a source'); return n; })()"
    )
    assert comments == 11
    # A comfortable measure: the text column is far narrower than the 1280 px window.
    assert 500 < page.evaluate("document.querySelector('article').getBoundingClientRect().width") < 800
    assert errors == []


def test_edition_title_and_text(page: Page, errors: list[str], project: Path) -> None:
    _open(page, project / "build" / "en" / "article.html")
    assert page.evaluate("document.title").startswith("如果把全球AI競賽比作一場豪車")
    text = page.evaluate("document.body.innerText")
    assert "But now the wind has changed." in text
    assert "Notice: The content above" in text
    _open(page, project / "build" / "zh_Hans" / "article.html")
    assert "可如今，风向变了。" in page.evaluate("document.body.innerText")
    assert errors == []


def test_injected_script_in_the_edition_shows_as_text(page: Page, errors: list[str], project: Path) -> None:
    _open(page, project / "build" / "en" / "article.html")
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert page.evaluate("document.title") != "pwned"
    assert page.evaluate("document.scripts.length") == 0
    assert INJECTED in page.evaluate("document.body.innerText")
    assert errors == []


# ---------------------------------------------------------------- the review page


def test_review_page_rows_and_figures(page: Page, errors: list[str], project: Path, screenshots: Path) -> None:
    _open(page, project / "build" / "en" / "article.review.html")
    screenshot(page, screenshots / "en.article.review.png")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.querySelectorAll('tr.segment').length") == 58
    assert page.evaluate("document.querySelectorAll('tbody.paragraph').length") == _blocks(project) == 31
    assert page.evaluate("document.querySelectorAll('tbody.image').length") == 11
    figures = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#figures li')]"
        ".map(li => [li.dataset.figure, Number(li.querySelector('strong').textContent)]))"
    )
    assert figures == {"total": 58, "translated": 3, "fuzzy": 1, "untranslated": 54, "obsolete": 0}
    badges = page.evaluate(
        "[...document.querySelectorAll('tr.segment .badge')].reduce((n, b) =>"
        " (n[b.textContent] = (n[b.textContent] || 0) + 1, n), {})"
    )
    assert badges == {"translated": 3, "fuzzy": 1, "untranslated": 54}
    assert page.evaluate("document.getElementById('percent').textContent") == "5.2%"
    # The source and the translation carry their languages.
    assert page.evaluate("document.querySelector('td.source').lang") == "zh-Hant"
    assert page.evaluate("document.querySelector('tr[data-status=translated] td.target').lang") == "en"
    # Untranslated rows show the fallback, marked as such.
    assert page.evaluate("document.querySelectorAll('tr[data-status=untranslated] .fallback').length") == 54
    assert errors == []


def test_review_fuzzy_row_shows_the_source_change(page: Page, errors: list[str], project: Path) -> None:
    _open(page, project / "build" / "en" / "article.review.html")
    row = "document.querySelector('tr[data-status=fuzzy]')"
    assert page.evaluate(f"{row}.querySelector('.previous del').textContent") == "OpenAI"
    assert page.evaluate(f"{row}.querySelector('.previous ins').textContent") == "DeepSeek"
    assert "And the watershed" in page.evaluate(f"{row}.querySelector('.draft').innerText")
    assert errors == []


def test_review_points_at_the_po_line(page: Page, errors: list[str], project: Path) -> None:
    _open(page, project / "build" / "en" / "article.review.html")
    cells = page.evaluate(
        "[...document.querySelectorAll('tr.segment')].map(r => [r.querySelector('td.source').innerText,"
        " r.querySelector('td.edit').innerText])"
    )
    po = (project / "locales/en/LC_MESSAGES/article.po").read_text(encoding="utf-8").split("\n")
    for source, edit in cells:
        path, line = edit.rsplit(":", 1)
        assert path == "locales/en/LC_MESSAGES/article.po"
        entry = po[int(line) - 1 :]
        msgid = next(text for text in entry if text.startswith("msgid "))
        assert msgid == f'msgid "{source.splitlines()[0]}"'
    assert errors == []


def test_filter_untranslated_hides_translated_rows(
    page: Page, errors: list[str], project: Path, screenshots: Path
) -> None:
    _open(page, project / "build" / "en" / "article.review.html")
    assert page.evaluate(f"{VISIBLE_ROWS}.length") == 58
    page.click("button[data-filter=untranslated]")
    screenshot(page, screenshots / "en.article.review.untranslated.png", max_height=2000)
    statuses = page.evaluate(f"{VISIBLE_ROWS}.map(r => r.dataset.status)")
    assert statuses == ["untranslated"] * 54
    assert page.evaluate("document.querySelector('tr[data-status=translated]').getClientRects().length") == 0
    assert page.evaluate("document.querySelector('button[aria-pressed=true]').dataset.filter") == "untranslated"
    page.click("button[data-filter=needs-work]")
    assert page.evaluate(f"{VISIBLE_ROWS}.length") == 55
    page.click("button[data-filter=fuzzy]")
    assert page.evaluate(f"{VISIBLE_ROWS}.map(r => r.dataset.status)") == ["fuzzy"]
    page.click("button[data-filter=all]")
    assert page.evaluate(f"{VISIBLE_ROWS}.length") == 58
    assert errors == []


def test_injected_script_in_the_review_shows_as_text(page: Page, errors: list[str], project: Path) -> None:
    _open(page, project / "build" / "en" / "article.review.html")
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert page.evaluate("document.title") != "pwned"
    assert page.evaluate("document.scripts.length") == 1  # the page's own filter script
    assert INJECTED in page.evaluate("document.body.innerText")
    assert errors == []


def test_review_machine_filled_language(page: Page, errors: list[str], project: Path, screenshots: Path) -> None:
    _open(page, project / "build" / "zh_Hans" / "article.review.html")
    screenshot(page, screenshots / "zh_Hans.article.review.png")
    assert page.evaluate("document.querySelector('tr.segment td.target').lang") == "zh-Hans"
    statuses = page.evaluate("[...document.querySelectorAll('tr.segment')].map(r => r.dataset.status)")
    assert statuses.count("machine") == 57
    assert statuses.count("person") == 1
    figures = "document.querySelector('[data-figure={}] strong').textContent"
    assert [page.evaluate(figures.format(f)) for f in ("translated", "machine", "person")] == ["58", "57", "1"]
    assert page.evaluate("document.querySelector('tr[data-status=person] .badge').textContent") == (
        "changed by a person"
    )
    assert errors == []


def test_review_without_javascript_shows_every_row(chromium: Browser, project: Path) -> None:
    with opened(chromium, javascript=False) as context:
        page = context.new_page()
        errors = errors_of(page)
        _open(page, project / "build" / "en" / "article.review.html")
        assert page.evaluate(f"{VISIBLE_ROWS}.length") == 58
        assert page.evaluate("document.getElementById('filters').getClientRects().length") == 0  # no dead buttons
        assert "filter buttons need JavaScript" in page.evaluate("document.body.innerText")
        assert errors == []
