"""The ``serve`` command as a process (URL line, token, busy port, Ctrl+C, compendium); the server's heap."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from pipeline.workbench.app import create_app
from pipeline.workspace.project import Project
from tests.workbench.conftest import BASE, COOKIE, PORT, ROOT, TOKEN, client


def _serve(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "--project", str(root), "serve", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_serve_prints_one_url_line_and_stops_cleanly_on_ctrl_c(project: Project) -> None:
    import signal
    import urllib.request

    process = _serve(project.root, "--port", "0")
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(
            r"workbench: (http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+))  \(Ctrl\+C stops it\)\n", line
        )
        assert match, line
        assert len(match.group(3)) >= 22  # >= 128 bits, URL-safe base64
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())  # keeps the cookie
        with browser.open(match.group(1), timeout=30) as response:  # 303 to "/" without the token, then the page
            assert response.status == 200 and "token" not in response.url
        # The same port again: busy, a one-line error and exit status 2.
        busy = _serve(project.root, "--port", match.group(2))
        _, err = busy.communicate(timeout=60)
        assert busy.returncode == 2
        assert err.strip().splitlines() == [
            f"Error: port {match.group(2)} is in use; choose another with --port N (or --port 0 for a free one)"
        ]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    # No lock left held: update runs at once.
    with Project(project.root, lock_timeout=0).locked():
        pass


def test_each_start_has_a_fresh_token(project: Project) -> None:
    tokens = []
    for _ in range(2):
        process = _serve(project.root, "--port", "0")
        try:
            assert process.stdout is not None
            tokens.append(process.stdout.readline().split("token=")[1].split()[0])
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert tokens[0] != tokens[1]


def test_serve_with_a_missing_compendium_is_a_one_line_error(project: Project) -> None:
    process = _serve(project.root, "--port", "0", "--compendium", "nowhere.po")
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.strip().splitlines() == [
        "Error: nowhere.po: compendium not found; give an existing .po, .mo or .tmx file"
    ]


def test_a_server_builds_what_it_keeps_without_the_cyclic_gc_and_freezes_it(project: Project, monkeypatch: Any) -> None:
    import gc

    seen: list[bool] = []
    real = Project.segmented

    def segmented(self: Project, *args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(self, *args)

    frozen: list[int] = []
    monkeypatch.setattr(Project, "segmented", segmented)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))  # the test process's heap stays as it is
    served = TestClient(create_app(project, TOKEN, PORT, long_lived=True), base_url=BASE)
    served.cookies.set(COOKIE, TOKEN)
    assert served.get("/edit/en/article").status_code == 200
    assert seen == [False] and gc.isenabled() and len(frozen) == 2  # the document, then the catalog
    assert client(project).get("/edit/en/article").status_code == 200  # not a server: the GC as it is
    assert seen == [False, True] and len(frozen) == 2
