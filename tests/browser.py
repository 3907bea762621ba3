"""A headless Chromium driven over the Chrome DevTools protocol, for the browser tests.

No driver and no third-party package: Chromium is started with ``--remote-debugging-pipe``
and reads protocol commands (JSON, each ended by a NUL byte) on file descriptor 3 and
writes answers and events on descriptor 4. That is all the tests need: open a page, run
JavaScript in it, click like a mouse does, collect console errors, take a screenshot.
Using the pipe rather than chromedriver avoids a second binary whose version must match
the browser's, and a network port.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",  # root in a container: the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--force-color-profile=srgb",
    "--remote-debugging-pipe",
)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class BrowserUnavailable(Exception):
    """Chromium is not installed, or it did not start."""


class BrowserError(Exception):
    """A protocol command failed, or the page threw."""


def find_chromium() -> str | None:
    """The Chromium binary: ``$CHROMIUM`` if set, else the first of CANDIDATES on the PATH."""
    wanted = os.environ.get("CHROMIUM")
    for name in (wanted,) if wanted else CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """One browser process. Use ``new_page()`` for each page under test; ``close()`` at the end."""

    # Only against a hang: a busy machine may be slow to start a browser or load a page.
    def __init__(self, binary: str, profile: Path, log: Path, timeout: float = 120.0) -> None:
        self.timeout = timeout
        self.log = log
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        ends = (to_browser_read, from_browser_write)

        def onto_3_and_4() -> None:  # in the child, before exec: our pipe ends become fds 3 and 4
            copies = [os.dup(fd) for fd in ends]  # (out of the way, should an end already be 3 or 4)
            os.dup2(copies[0], 3)
            os.dup2(copies[1], 4)

        with log.open("wb") as stderr:
            # close_fds=False keeps 3 and 4 open across exec; every other descriptor Python
            # opened is non-inheritable, so nothing else leaks into the browser.
            self.process = subprocess.Popen(
                [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                close_fds=False,
                preexec_fn=onto_3_and_4,  # the test process runs no threads that could hold a lock
            )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._inbox: list[dict[str, Any]] = []
        self.errors: dict[str, list[str]] = {}  # console errors per page (session id)
        try:
            self.version = str(self.send("Browser.getVersion")["product"])
        except (BrowserError, OSError) as exc:
            self.close()
            tail = log.read_text(errors="replace").strip().splitlines()[-5:]
            raise BrowserUnavailable(f"{binary} did not start: {exc}; its log ends: {' | '.join(tail)}") from None

    # ------------------------------------------------------------ protocol

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer."""
        self._next_id += 1
        number = self._next_id
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            written = os.write(self._to_browser, data)
            data = data[written:]
        answer = self._wait(lambda m: m.get("id") == number, f"an answer to {method}")
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    def wait_event(self, method: str, session: str) -> dict[str, Any]:
        """Wait for the next event ``method`` from the page ``session``."""
        event = self._wait(lambda m: m.get("method") == method and m.get("sessionId") == session, method)
        params: dict[str, Any] = event.get("params", {})
        return params

    def discard(self, method: str, session: str) -> None:
        """Forget events ``method`` of ``session`` received so far."""
        self._inbox = [m for m in self._inbox if not (m.get("method") == method and m.get("sessionId") == session)]

    def _wait(self, wanted: Any, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            for index, message in enumerate(self._inbox):
                if wanted(message):
                    return self._inbox.pop(index)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"no {what} within {self.timeout:g} s")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser closed the pipe while waiting for {what}")
            self._buffer += chunk
            *complete, self._buffer = self._buffer.split(b"\0")
            for raw in complete:
                message = json.loads(raw)
                self._observe(message)
                if "id" in message or message.get("method") in _KEPT_EVENTS:
                    self._inbox.append(message)

    def _observe(self, message: dict[str, Any]) -> None:
        """Record console errors, uncaught exceptions and error log entries per page."""
        session, method, params = message.get("sessionId"), message.get("method"), message.get("params", {})
        if session is None or method is None:
            return
        errors = self.errors.setdefault(session, [])
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(
                "console.error: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            errors.append("uncaught: " + str(details.get("exception", {}).get("description", details.get("text"))))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            errors.append("log: " + str(params["entry"].get("text")))

    # ------------------------------------------------------------ pages

    def new_page(self, width: int = 1280, height: int = 900, javascript: bool = True) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = str(self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"])
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        if not javascript:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        return Page(self, str(target), session)

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(BrowserError, OSError):
                self.send("Browser.close")
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)


_KEPT_EVENTS = frozenset({"Page.loadEventFired"})


class Page:
    """A browser tab."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    def _send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def goto(self, url: str) -> None:
        """Load ``url`` and wait for its load event."""
        self.browser.discard("Page.loadEventFired", self.session)
        result = self._send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"cannot load {url}: {result['errorText']}")
        self.browser.wait_event("Page.loadEventFired", self.session)

    def evaluate(self, expression: str) -> Any:
        """Run JavaScript in the page; its value (JSON-able) comes back."""
        result = self._send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(str(details.get("exception", {}).get("description", details.get("text"))))
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """Click the middle of the element as a mouse does (press and release)."""
        where = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        if where is None:
            raise BrowserError(f"nothing matches {selector!r}")
        x, y = where
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params: dict[str, Any] = {"type": kind, "x": x, "y": y}
            if kind != "mouseMoved":
                params |= {"button": "left", "clickCount": 1}
            self._send("Input.dispatchMouseEvent", params)

    def screenshot(self, path: Path, max_height: int = 12000) -> Path:
        """A PNG of the whole page (up to ``max_height`` CSS pixels tall)."""
        size = self._send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], max_height), "scale": 1}
        options = {"format": "png", "clip": clip, "captureBeyondViewport": True, "optimizeForSpeed": True}
        data = self._send("Page.captureScreenshot", options)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))
        return path

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries seen so far."""
        return self.browser.errors.get(self.session, [])

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
