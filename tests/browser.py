"""The browser tests' one way to a browser: Playwright for Python driving the system Chromium.

Never a downloaded browser: ``$CHROMIUM``, else ``chromium`` on the PATH, else /usr/bin/chromium
(Debian's package; ``pip install playwright`` downloads none, and ``playwright install`` is not
needed). Where Playwright or Chromium is missing, or Chromium does not start, the browser tests
are skipped with the reason; with ``ARTICLE_L10N_REQUIRE_BROWSER=1`` (``.ci/run`` sets it) they
fail instead. ``tests/conftest.py`` makes one browser per test process (the ``chromium``
fixture), which every browser test shares; each test opens its own context (cookies, storage,
JavaScript on or off) in it.

While it is open, Playwright's event loop counts as running in the test process's main thread
(its sync API works so): a test there that needs ``asyncio.run`` must run it in a thread.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, FloatRect, Page

REQUIRED = os.environ.get("ARTICLE_L10N_REQUIRE_BROWSER") == "1"
_NAMED = os.environ.get("CHROMIUM")  # a path, or a name on the PATH
CHROMIUM = (shutil.which(_NAMED) or _NAMED) if _NAMED else (shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",  # root in a container: the sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--force-color-profile=srgb",  # screenshots in the same colours everywhere
]


def unavailable(reason: str) -> NoReturn:
    """Skip the test for ``reason``; a failure under ARTICLE_L10N_REQUIRE_BROWSER=1."""
    if REQUIRED:
        pytest.fail(f"{reason} (ARTICLE_L10N_REQUIRE_BROWSER=1: the browser tests must run here)")
    pytest.skip(reason)


@contextlib.contextmanager
def launch() -> Iterator[Browser]:
    """A headless system Chromium under Playwright, closed at the end; or a skip (see ``unavailable``)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set $CHROMIUM)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a Chromium that cannot start here
            unavailable(f"Chromium at {CHROMIUM} does not start: {str(exc).strip().splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def opened(browser: Browser, width: int = 1280, height: int = 900, javascript: bool = True) -> Iterator[BrowserContext]:
    """A fresh context (no cookies, no storage) of ``browser`` with a window of ``width`` × ``height``."""
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
    try:
        yield context
    finally:
        context.close()


def errors_of(page: Page, ignore: Callable[[str], bool] = lambda _: False) -> list[str]:
    """The errors ``page`` reports from now on, as they come (the list grows).

    Console errors and failed assertions, uncaught exceptions, and what Chromium logs as an
    error (a resource that does not load, a failed request): but those whose text ``ignore`` accepts.
    """
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "assert") and not ignore(message.text):
            errors.append(f"console.{message.type}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


def screenshot(page: Page, path: Path, max_height: int = 12000) -> Path:
    """A PNG of the whole page, up to ``max_height`` CSS pixels tall, in ``path``."""
    width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    path.parent.mkdir(parents=True, exist_ok=True)
    clip: FloatRect | None = None  # a clip costs a third more: only for a page taller than wanted
    if height > max_height:
        clip = {"x": 0, "y": 0, "width": width, "height": max_height}
    page.screenshot(path=str(path), full_page=True, clip=clip)
    return path
