"""The workbench's request rules: the token and its cookie, Host and Origin, CSP, body size, ids never paths."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from pipeline.workbench import editor
from pipeline.workbench.app import create_app
from pipeline.workbench.security import cookie_name
from pipeline.workspace.project import Project
from tests.workbench.conftest import COOKIE, ORIGIN, PORT, TOKEN, client, en_path, entry, save

# ---------------------------------------------------------------- the request rules


def test_token_in_url_sets_a_strict_httponly_cookie(project: Project) -> None:
    c = client(project, cookie=False)
    response = c.get(f"/?token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"  # the token leaves the URL
    cookie = response.headers["set-cookie"]
    assert f"{COOKIE}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert c.get("/").status_code == 200  # the cookie alone is enough now


@pytest.mark.parametrize(
    ("asked", "location"),
    [
        (f"/?token={TOKEN}", "/"),
        (f"/edit/en/article?token={TOKEN}&x=1", "/edit/en/article?x=1"),
        (f"/static/workbench.js?token={TOKEN}", "/static/workbench.js"),
    ],
)
def test_every_page_asked_with_the_token_redirects_to_itself_without_it(
    project: Project, asked: str, location: str
) -> None:
    c = client(project, cookie=False)
    response = c.get(asked, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == location
    assert f"{COOKIE}={TOKEN}" in response.headers["set-cookie"] and TOKEN not in response.text
    followed = c.get(f"/?token={TOKEN}")  # a browser follows it: the page, the token gone from the address
    assert followed.status_code == 200 and "token" not in str(followed.url)


def test_no_token_is_401_and_a_wrong_one_403(project: Project) -> None:
    c = client(project, cookie=False)
    assert c.get("/").status_code == 401
    assert c.get("/static/workbench.js").status_code == 401
    assert c.get("/?token=wrong").status_code == 403
    c.cookies.set(COOKIE, "wrong")
    assert c.get("/").status_code == 403
    assert c.get("/api/state?lang=en&doc=article").status_code == 403


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "localhost", "127.0.0.1.nip.io:8765"])
def test_foreign_host_header_is_refused(project: Project, host: str) -> None:
    response = client(project).get("/", headers={"Host": host})
    assert response.status_code == 400


def test_localhost_host_is_accepted(project: Project) -> None:
    assert client(project).get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200


@pytest.mark.parametrize("origin", [None, "http://evil.example", f"http://127.0.0.1:{PORT + 1}", "null"])
def test_writes_must_be_same_origin(project: Project, origin: str | None) -> None:
    before = en_path(project).read_bytes()
    headers = {} if origin is None else {"Origin": origin}
    body = {
        "lang": "en",
        "doc": "article",
        "msgid": "第一句。",
        "base": "x",
        "msgstr": "x",
        "comment": "",
        "fuzzy": False,
    }
    response = client(project).post("/api/save", json=body, headers=headers)
    assert response.status_code == 403
    assert en_path(project).read_bytes() == before


def test_every_response_has_a_csp_allowing_only_own_scripts(project: Project) -> None:
    response = client(project).get("/edit/en/article")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert '<script src="/static/workbench.js">' in response.text
    assert "<script>" not in response.text  # no inline script anywhere


def test_body_too_large_is_413_and_nothing_written(project: Project) -> None:
    before = en_path(project).read_bytes()
    huge = "x" * 1_100_000
    response = save(client(project), "第一句。", "none", huge)
    assert response.status_code == 413
    assert en_path(project).read_bytes() == before


def test_streamed_body_too_large_is_413(project: Project) -> None:
    before = en_path(project).read_bytes()

    def chunks() -> Any:
        for _ in range(30):
            yield b"x" * 50_000

    response = client(project).post("/api/save", content=chunks(), headers=ORIGIN)
    assert response.status_code == 413
    assert en_path(project).read_bytes() == before


def test_the_cookie_is_named_with_the_port_so_two_workbenches_keep_apart(project: Project) -> None:
    other = TestClient(create_app(project, "u" * 32, 8766), base_url="http://127.0.0.1:8766")
    other.cookies.set(COOKIE, TOKEN)  # the cookie of the workbench on port 8765
    assert other.get("/").status_code == 401  # not taken for this one's
    response = other.get("/?token=" + "u" * 32, follow_redirects=False)
    assert response.headers["set-cookie"].startswith(f"{cookie_name(8766)}={'u' * 32};")
    assert cookie_name(8766) != COOKIE


# ---------------------------------------------------------------- ids, never paths


@pytest.mark.parametrize(
    "url",
    [
        "/edit/fr/article",
        "/edit/en/nothing",
        "/edit/en/../../etc/passwd",
        "/edit/en/%2e%2e/pyproject",
        "/edition/xx/article",
    ],
)
def test_unknown_language_or_document_is_404(project: Project, url: str) -> None:
    response = client(project).get(url)
    assert response.status_code == 404


def test_save_with_unknown_ids_is_refused(project: Project) -> None:
    c = client(project)
    for body in ({"lang": "../en", "doc": "article"}, {"lang": "en", "doc": "/etc/passwd"}):
        response = c.post(
            "/api/save", json={**body, "msgid": "a", "base": "", "msgstr": "", "comment": ""}, headers=ORIGIN
        )
        assert response.status_code == 404
    assert c.post("/api/save", content=b"not json", headers=ORIGIN).status_code == 400
    assert c.post("/api/save", json=[1], headers=ORIGIN).status_code == 400
    assert save(c, "第一句。", "none", 5).status_code == 400  # type: ignore[arg-type]


@pytest.mark.parametrize(("field", "value"), [("msgstr", "a\x00b"), ("msgstr", "a\x04b"), ("comment", "x\ud800")])
def test_a_save_no_catalog_could_hold_is_refused_and_writes_nothing(project: Project, field: str, value: str) -> None:
    """NUL or EOT written into the catalog would make every command refuse it; a lone surrogate has no UTF-8."""
    before = en_path(project).read_bytes()
    body: dict[str, object] = {"lang": "en", "doc": "article", "msgid": "第一句。"}
    body["base"] = editor.version(entry(project, "第一句。"))
    body.update({"msgstr": "First.", "comment": "", "fuzzy": False})
    body[field] = value
    # as a browser sends it: JSON with \u escapes (a lone surrogate has no UTF-8 to send otherwise)
    headers = {**ORIGIN, "Content-Type": "application/json"}
    response = client(project).post("/api/save", content=json.dumps(body).encode("ascii"), headers=headers)
    assert response.status_code == 400
    assert "which a catalog cannot hold" in response.json()["error"]
    assert en_path(project).read_bytes() == before
