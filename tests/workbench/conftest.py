"""The workbench tests' shared project, test client and helpers (``cli.py serve`` through Starlette's test client)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2; httpx (in the venv) still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from pipeline import operations
from pipeline.po import file as po_file
from pipeline.po.model import Entry
from pipeline.po.write import render
from pipeline.workbench import editor
from pipeline.workbench.app import create_app
from pipeline.workbench.security import cookie_name
from pipeline.workspace.project import Project

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "t" * 32
PORT = 8765
COOKIE = cookie_name(PORT)
BASE = f"http://127.0.0.1:{PORT}"
ORIGIN = {"Origin": BASE}
ARTICLE = """\
# 標題

第一句。第二句。

![圖](https://example.com/a.png)

- 項目一。
"""


@pytest.fixture
def project(new_project: Any) -> Project:
    root = new_project(ARTICLE)
    proj = Project(root)
    operations.update(proj)
    return proj


def client(project: Project, cookie: bool = True) -> TestClient:
    c = TestClient(create_app(project, TOKEN, PORT), base_url=BASE)
    if cookie:
        c.cookies.set(COOKIE, TOKEN)
    return c


def en_path(project: Project) -> Path:
    return project.catalog_path("en", "article")


def entry(project: Project, msgid: str, code: str = "en") -> Entry:
    found = editor.find_entry(po_file.read(project.catalog_path(code, "article")), msgid)
    assert found is not None
    return found


def save(c: TestClient, msgid: str, base: str, msgstr: str, **more: Any) -> Any:
    body = {
        "lang": "en",
        "doc": "article",
        "msgid": msgid,
        "base": base,
        "msgstr": msgstr,
        "comment": "",
        "fuzzy": False,
    }
    body.update(more)
    return c.post("/api/save", json=body, headers=ORIGIN)


def check_passes(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "--project", str(root), "check"], capture_output=True, text=True
    )


def translate_all_but(proj: Project, keep: set[str]) -> None:
    path = en_path(proj)
    found = po_file.read(path)
    entries = tuple(e if e.obsolete or e.msgid in keep else e.evolve(msgstr=f"T {e.msgid}") for e in found.entries)
    path.write_bytes(render(dataclasses.replace(found, entries=entries)).encode())
