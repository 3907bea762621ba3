"""The workbench server (``cli.py serve``) through Starlette's test client: rules, pages, saves, conflicts."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
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
from pipeline.po.parse import parse
from pipeline.po.write import render
from pipeline.workbench import editor, helpers
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


def test_one_broken_catalog_shows_in_its_row_and_locks_nobody_out(project: Project) -> None:
    path = en_path(project)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(min(29, len(lines)), "<<<<<<< HEAD\n")
    broken = "".join(lines).encode("utf-8")
    path.write_bytes(broken)
    c = client(project)
    response = c.get("/")
    assert response.status_code == 200
    assert "zh_Hans" in response.text and 'href="/edit/zh_Hans/article"' in response.text
    shown = project.display(path)
    assert re.search(rf"{re.escape(shown)}:\d+: ", response.text)  # file:line: message, in the en row
    assert c.get("/?q=第一句").status_code == 200
    page = c.get("/edit/en/article")
    assert page.status_code == 422 and shown in page.text
    assert c.get("/edit/zh_Hans/article").status_code == 200
    assert path.read_bytes() == broken  # never touched


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


# ---------------------------------------------------------------- pages


def test_overview_lists_languages_documents_and_completeness(project: Project) -> None:
    text = client(project).get("/").text
    assert "/edit/en/article" in text and "/edit/zh_Hans/article" in text
    assert "<progress" in text


def test_overview_search_finds_segments(project: Project) -> None:
    text = client(project).get("/?q=第二").text
    assert "第二句。" in text and "/edit/en/article?at=" in text


def test_editor_shows_segments_in_order_with_kinds_and_images(project: Project) -> None:
    text = client(project).get("/edit/en/article").text
    assert text.index("標題") < text.index("第一句。") < text.index("第二句。") < text.index("項目一。")
    assert "kind-heading" in text and "kind-item" in text and "kind-paragraph" in text
    assert '<img src="https://example.com/a.png"' in text
    # The image's alt text is a segment of its own (issue 11), shown right after the image.
    assert (
        text.index('<img src="https://example.com/a.png"')
        < text.index("kind-image")
        < text.index('<div class="source">圖</div>')
    )


def test_translation_with_script_is_shown_as_text(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第一句。"))
    assert save(c, "第一句。", base, "<script>alert(1)</script>", comment="<b>note</b>").status_code == 200
    text = c.get("/edit/en/article").text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;note&lt;/b&gt;" in text
    preview = c.post(
        "/api/preview",
        json={"lang": "en", "doc": "article", "msgid": "第一句。", "msgstr": "<script>x</script>"},
        headers=ORIGIN,
    ).json()["html"]
    assert "<script>" not in preview


def test_malformed_catalog_is_a_clear_error_and_stays_untouched(project: Project) -> None:
    path = en_path(project)
    bad = path.read_bytes() + b'\nmsgid "broken\n'
    path.write_bytes(bad)
    c = client(project)
    response = c.get("/edit/en/article")
    assert response.status_code == 422
    assert "locales/en/LC_MESSAGES/article.po:" in response.text
    response = save(c, "第一句。", "none", "First.")
    assert response.status_code == 422 and "article.po" in response.json()["error"]
    assert path.read_bytes() == bad


# ---------------------------------------------------------------- saving


def test_save_changes_only_that_entry_and_check_stays_green(project: Project, monkeypatch: Any) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15 08:00 UTC: after the catalog's date
    path = en_path(project)
    before = path.read_text(encoding="utf-8")
    c = client(project)
    response = save(c, "第一句。", editor.version(entry(project, "第一句。")), "First sentence.", comment="mine")
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "translated"
    after = path.read_text(encoding="utf-8")
    old_blocks, new_blocks = before.split("\n\n"), after.split("\n\n")
    assert len(old_blocks) == len(new_blocks)
    changed = [n for o, n in zip(old_blocks, new_blocks, strict=True) if o != n]
    assert len(changed) == 2 and 'msgstr "First sentence."' in changed[1] and "# mine" in changed[1]
    old_header = [line for line in old_blocks[0].splitlines() if "PO-Revision-Date" not in line]
    assert [line for line in changed[0].splitlines() if "PO-Revision-Date" not in line] == old_header
    result = check_passes(project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert operations.update(project).catalogs and not any(c.changed for c in operations.update(project).catalogs)


def test_save_sets_the_revision_date_and_a_save_that_changes_nothing_writes_nothing(
    project: Project, monkeypatch: Any
) -> None:
    path = en_path(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    c = client(project)
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    data = path.read_bytes()
    read = po_file.read(path)
    assert read.header_value("PO-Revision-Date") == "2027-01-15 08:00+0000"
    assert render(read).encode("utf-8") == data  # the spliced file is the layout render writes
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    assert path.read_bytes() == data  # the same text again: nothing changes, not even the date


def test_save_keeps_obsolete_entries_flags_and_header(project: Project) -> None:
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n#, ignore-numbers\n#~ msgid "舊的。"\n#~ msgstr "Old."\n', encoding="utf-8")
    operations.update(project)
    text = path.read_text(encoding="utf-8")
    c = client(project)
    assert save(c, "第二句。", editor.version(entry(project, "第二句。")), "Second.").status_code == 200
    after = path.read_text(encoding="utf-8")
    assert after.replace('msgid "第二句。"\nmsgstr "Second."', 'msgid "第二句。"\nmsgstr ""') == text
    assert '#~ msgid "舊的。"' in after


def test_a_save_into_a_catalog_without_header_gives_it_the_header_update_would(project: Project) -> None:
    """A file written by hand without a header: msgfmt refuses it (no header), so the save adds update's."""
    path = en_path(project)
    with_header = po_file.read(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\n\n", 1)[1], encoding="utf-8")  # the header block gone
    assert not po_file.read(path).has_header
    response = save(client(project), "第二句。", editor.version(entry(project, "第二句。")), "Second.")
    assert response.status_code == 200
    saved = po_file.read(path)
    assert saved.has_header and saved.header_comments == with_header.header_comments
    assert [k for k, _ in saved.header] == [k for k, _ in with_header.header]
    assert saved.header_value("POT-Creation-Date") == with_header.header_value("POT-Creation-Date")
    before = editor.find_entry(with_header, "第二句。")
    assert before is not None and editor.find_entry(saved, "第二句。") == before.evolve(msgstr="Second.")
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def test_unfuzzying_drops_previous_source_and_tool_notes(project: Project) -> None:
    path = en_path(project)
    c = client(project)
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First one.").status_code == 200
    source = project.root / "source" / "article.md"
    source.write_text(ARTICLE.replace("第一句。", "第一個句子。"), encoding="utf-8")
    operations.update(project)
    fuzzy = entry(project, "第一個句子。")
    assert fuzzy.fuzzy and fuzzy.previous_msgid == "第一句。"
    page = c.get("/edit/en/article").text
    assert "<del>" in page or "<ins>" in page  # the #| diff beside the old translation
    response = save(c, "第一個句子。", editor.version(fuzzy), "The first sentence.", comment="checked")
    assert response.status_code == 200
    done = entry(project, "第一個句子。")
    assert not done.fuzzy and done.previous_msgid is None and done.translator_comments == ("checked",)
    assert check_passes(project.root).returncode == 0
    assert path.read_text(encoding="utf-8").count("#|") == 0


def test_toggling_fuzzy_keeps_the_translation(project: Project) -> None:
    c = client(project)
    save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.")
    response = save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.", fuzzy=True)
    assert response.json()["state"] == "fuzzy"
    assert entry(project, "第一句。").fuzzy and entry(project, "第一句。").msgstr == "First."


def test_zh_hans_save_is_a_persons_edit(project: Project) -> None:
    machine = entry(project, "第一句。", "zh_Hans")
    assert any(c.startswith("machine-converted") for c in machine.extracted_comments)
    body = {
        "lang": "zh_Hans",
        "doc": "article",
        "msgid": "第一句。",
        "base": editor.version(machine),
        "msgstr": "头一句。",
        "comment": "",
        "fuzzy": False,
    }
    assert client(project).post("/api/save", json=body, headers=ORIGIN).status_code == 200
    edited = entry(project, "第一句。", "zh_Hans")
    assert edited.msgstr == "头一句。"
    assert not any(c.startswith("machine-converted") for c in edited.extracted_comments)
    result = check_passes(project.root)
    assert result.returncode == 0 and "machine-mark" not in result.stdout, result.stdout


# ---------------------------------------------------------------- concurrent edits


def test_conflict_when_that_entry_changed_on_disk(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第一句。"))
    # Someone else (another tab, Poedit) saves the same entry first.
    assert save(c, "第一句。", base, "Theirs.").status_code == 200
    before = en_path(project).read_bytes()
    response = save(c, "第一句。", base, "Mine.")
    assert response.status_code == 409
    data = response.json()
    assert data["theirs"]["msgstr"] == "Theirs." and data["yours"]["msgstr"] == "Mine."
    assert en_path(project).read_bytes() == before
    # The translator chooses theirs' version as the new base, and saves their own text.
    assert save(c, "第一句。", data["theirs"]["version"], "Mine.").status_code == 200
    assert entry(project, "第一句。").msgstr == "Mine."


def test_other_entries_changed_on_disk_are_kept(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第一句。"))
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('msgid "第二句。"\nmsgstr ""', 'msgid "第二句。"\nmsgstr "Second, in Poedit."'), encoding="utf-8"
    )
    assert save(c, "第一句。", base, "First.").status_code == 200
    assert entry(project, "第二句。").msgstr == "Second, in Poedit."
    assert entry(project, "第一句。").msgstr == "First."


def test_update_refreshing_comments_is_no_conflict(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第二句。"))
    (project.root / "source" / "article.md").write_text(ARTICLE + "\n新的一段。\n", encoding="utf-8")
    operations.update(project)  # references and numbering of other entries change
    assert save(c, "第二句。", base, "Second.").status_code == 200


def test_entry_gone_is_a_conflict(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第二句。"))
    (project.root / "source" / "article.md").write_text(ARTICLE.replace("第二句。", ""), encoding="utf-8")
    operations.update(project)
    response = save(c, "第二句。", base, "Second.")
    assert response.status_code == 409 and response.json()["theirs"] is None


def test_state_reports_a_changed_source(project: Project) -> None:
    c = client(project)
    first = c.get("/api/state?lang=en&doc=article").json()["source"]
    (project.root / "source" / "article.md").write_text(ARTICLE + "\n新的。\n", encoding="utf-8")
    assert c.get("/api/state?lang=en&doc=article").json()["source"] != first
    response = c.post("/api/update", json={"lang": "en"}, headers=ORIGIN)
    assert response.status_code == 200 and response.json()["changed"] == ["locales/en/LC_MESSAGES/article.po"]
    assert entry(project, "新的。").msgstr == ""


# ---------------------------------------------------------------- side panel and checks


def test_live_check_has_checks_ids_severities_and_messages(project: Project) -> None:
    c = client(project)
    body = {"lang": "en", "doc": "article", "msgid": "第一句。", "msgstr": "First 句."}
    findings = c.post("/api/check", json=body, headers=ORIGIN).json()["findings"]
    assert {"check": "cjk-left", "severity": "error"}.items() <= findings[0].items()
    from pipeline.operations.findings import qa_language
    from pipeline.qa import check_entry

    expected = check_entry(
        entry(project, "第一句。").evolve(msgstr="First 句."), qa_language(project, project.target("en"))
    )
    assert [(f["check"], f["message"]) for f in findings] == [(k.id, m) for k, m in expected]
    body["msgstr"] = "First."
    assert c.post("/api/check", json=body, headers=ORIGIN).json()["findings"] == []


def test_suggestions_come_from_other_documents_with_origin(project: Project) -> None:
    (project.root / "source" / "other.md").write_text("第一句!\n", encoding="utf-8")
    operations.update(project)
    other = project.catalog_path("en", "other")
    other.write_text(other.read_text(encoding="utf-8").replace('msgstr ""\n\n', 'msgstr ""\n\n', 1), encoding="utf-8")
    c = client(project)
    save_body = {
        "lang": "en",
        "doc": "other",
        "msgid": "第一句!",
        "msgstr": "The first!",
        "comment": "",
        "fuzzy": False,
        "base": editor.version(editor.find_entry(po_file.read(other), "第一句!")),
    }
    assert c.post("/api/save", json=save_body, headers=ORIGIN).status_code == 200
    data = c.get("/api/suggest", params={"lang": "en", "doc": "article", "msgid": "第一句。"}).json()
    assert data["suggestions"][0]["target"] == "The first!"
    assert data["suggestions"][0]["origin"] == "locales/en/LC_MESSAGES/other.po"
    assert 60 <= data["suggestions"][0]["similarity"] < 100
    assert any(g["word"] == "句" for g in data["dictionary"])
    hits = c.get("/api/concordance", params={"lang": "en", "q": "first"}).json()["hits"]
    assert hits and hits[0]["source"] == "第一句!"


def test_dictionary_longest_match_first() -> None:
    d = helpers.Dictionary(["中國 中国 [Zhong1 guo2] /China/", "中 中 [zhong1] /middle/", "國 国 [guo2] /country/"])
    assert [g.word for g in d.glosses("中國人")] == ["中國"]
    assert [g.word for g in d.glosses("國中")] == ["國", "中"]


def test_the_shipped_dictionary_has_traditional_headwords() -> None:
    glosses = helpers.dictionary().glosses("農村包圍城市")
    assert [g.word for g in glosses] == ["農村", "包圍", "城市"]
    assert "to surround" in glosses[1].meanings


def test_long_document_is_paginated(new_project: Any) -> None:
    root = new_project("".join(f"第{i}段。\n" for i in range(1, 1001)))
    proj = Project(root)
    operations.update(proj, ("en",))
    c = client(proj)
    first = c.get("/edit/en/article").text
    assert first.count('class="seg ') == editor.PAGE_SEGMENTS
    assert "page 1 of 5" in first
    last = c.get("/edit/en/article?page=4").text
    assert "第1000段。" in last and "第1段。" not in last
    assert "第555段。" in c.get("/edit/en/article?at=554").text


# ---------------------------------------------------------------- the command


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


def test_splice_gives_the_bytes_render_gives(project: Project) -> None:
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    found = parse(text, "x.po")
    live = [e for e in found.entries if not e.obsolete]
    for i, old in enumerate(live):  # first, middle and last entries (the last one ends the file)
        new = editor.edited_entry(old, editor.Edit(old.msgid, "", f'Line {i}.\nwith "quotes"', "c", i % 2 == 0), None)
        changed, _ = editor.apply_save(
            found, editor.Edit(old.msgid, editor.version(old), new.msgstr, "c", i % 2 == 0), None
        )
        assert editor.splice(text.encode(), old, new) == render(changed).encode()


def test_splice_keeps_other_entries_layout_of_a_wrapped_file(project: Project) -> None:
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    wrapped = text.replace('msgid "第二句。"', 'msgid ""\n"第二"\n"句。"')
    path.write_text(wrapped, encoding="utf-8")
    c = client(project)
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    after = path.read_text(encoding="utf-8")
    assert after == wrapped.replace('msgid "第一句。"\nmsgstr ""', 'msgid "第一句。"\nmsgstr "First."')


def test_streamed_body_too_large_is_413(project: Project) -> None:
    before = en_path(project).read_bytes()

    def chunks() -> Any:
        for _ in range(30):
            yield b"x" * 50_000

    response = client(project).post("/api/save", content=chunks(), headers=ORIGIN)
    assert response.status_code == 413
    assert en_path(project).read_bytes() == before


def test_filters_show_only_matching_segments(project: Project) -> None:
    c = client(project)
    save(c, "第一句。", editor.version(entry(project, "第一句。")), "First 句.")  # a cjk-left error
    save(c, "第二句。", editor.version(entry(project, "第二句。")), "Second.", fuzzy=True)
    errors = c.get("/edit/en/article?filter=errors").text
    assert 'data-msgid="第一句。"' in errors and 'data-msgid="第二句。"' not in errors
    fuzzy = c.get("/edit/en/article?filter=fuzzy").text
    assert 'data-msgid="第二句。"' in fuzzy and 'data-msgid="第一句。"' not in fuzzy
    untranslated = c.get("/edit/en/article?filter=untranslated").text
    assert 'data-msgid="標題"' in untranslated and 'data-msgid="第二句。"' not in untranslated
    assert c.get("/edit/en/article?filter=bogus").status_code == 400


def test_zh_hans_editor_and_edition_preview(project: Project) -> None:
    c = client(project)
    page = c.get("/edit/zh_Hans/article")
    assert page.status_code == 200 and 'data-msgid="第一句。"' in page.text
    save(c, "第一句。", editor.version(entry(project, "第一句。")), "<b>First</b>.")
    edition = c.get("/edition/en/article")
    assert edition.status_code == 200
    assert "&lt;b&gt;First&lt;/b&gt;." in edition.text and "<b>First" not in edition.text
    assert "script-src" not in edition.headers["content-security-policy"]  # no script at all


# ---------------------------------------------------------------- round 4: scale, navigation, cookies


def test_a_long_document_builds_only_the_page_shown(new_project: Any, monkeypatch: Any) -> None:
    root = new_project("".join(f"第{i}段。\n" for i in range(1, 1001)))
    proj = Project(root)
    operations.update(proj, ("en",))
    c = client(proj)
    c.get("/edit/en/article")  # segment and read once
    calls: list[object] = []
    real = editor.status_of  # type: ignore[attr-defined]

    def counting(entry: Any, machine: Any) -> str:
        calls.append(entry)
        return real(entry, machine)

    monkeypatch.setattr(editor, "status_of", counting)
    page = c.get("/edit/en/article?page=3").text
    assert "第601段。" in page and "第801段。" not in page
    assert len(calls) == editor.PAGE_SEGMENTS  # one row built per segment shown, not one per segment of the document


def test_image_lines_stay_in_place_across_pages(new_project: Any) -> None:
    lines = [f"第{i}段。" if i % 150 else "![](https://example.com/p.png)" for i in range(1, 601)]
    root = new_project("\n".join(lines) + "\n")
    proj = Project(root)
    operations.update(proj, ("en",))
    c = client(proj)
    pages = [c.get(f"/edit/en/article?page={n}").text for n in range(3)]
    assert (
        sum(p.count('<img src="https://example.com/p.png"') for p in pages) == 4
    )  # each image once, on the page where it stands
    first = pages[0]
    assert first.index("第149段。") < first.index("example.com/p.png") < first.index("第151段。")


def _translate_all_but(proj: Project, keep: set[str]) -> None:
    path = en_path(proj)
    found = po_file.read(path)
    entries = tuple(e if e.obsolete or e.msgid in keep else e.evolve(msgstr=f"T {e.msgid}") for e in found.entries)
    path.write_bytes(render(dataclasses.replace(found, entries=entries)).encode())


def test_ctrl_enter_after_the_last_row_of_a_page_goes_to_the_next_open_one(new_project: Any) -> None:
    root = new_project("".join(f"第{i}段。\n" for i in range(1, 1001)))
    proj = Project(root)
    operations.update(proj, ("en",))
    _translate_all_but(proj, {"第10段。", "第700段。"})
    c = client(proj)
    response = c.get("/edit/en/article?after=199", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/edit/en/article?filter=all&at=699"  # page 4, not page 2
    page = c.get(response.headers["location"]).text
    assert 'id="s699"' in page and "page 4 of 5" in page
    # past the last open one, it wraps round to the first
    assert c.get("/edit/en/article?after=699", follow_redirects=False).headers["location"].endswith("at=9")
    # a filtered view stays filtered when it shows the target
    fuzzy_off = c.get("/edit/en/article?filter=untranslated&after=9", follow_redirects=False)
    assert fuzzy_off.headers["location"] == "/edit/en/article?filter=untranslated&at=699"


def test_ctrl_enter_with_nothing_left_open_goes_to_the_next_segment(new_project: Any) -> None:
    root = new_project("第一段。\n\n第二段。\n")
    proj = Project(root)
    operations.update(proj, ("en",))
    _translate_all_but(proj, set())
    c = client(proj)
    assert c.get("/edit/en/article?after=0", follow_redirects=False).headers["location"].endswith("at=1")
    assert c.get("/edit/en/article?after=1", follow_redirects=False).headers["location"].endswith("at=1")
    assert c.get("/edit/en/article?after=x").status_code == 400


def test_the_cookie_is_named_with_the_port_so_two_workbenches_keep_apart(project: Project) -> None:
    other = TestClient(create_app(project, "u" * 32, 8766), base_url="http://127.0.0.1:8766")
    other.cookies.set(COOKIE, TOKEN)  # the cookie of the workbench on port 8765
    assert other.get("/").status_code == 401  # not taken for this one's
    response = other.get("/?token=" + "u" * 32, follow_redirects=False)
    assert response.headers["set-cookie"].startswith(f"{cookie_name(8766)}={'u' * 32};")
    assert cookie_name(8766) != COOKIE


def test_the_edition_preview_says_what_it_shows_and_can_take_the_open_draft(project: Project) -> None:
    c = client(project)
    saved = c.get("/edition/en/article").text
    assert "Workbench preview: the translations saved in locales/en/LC_MESSAGES/article.po" in saved
    assert "not yet saved is not in it" in saved
    drafted = c.get("/edition/en/article", params={"msgid": "第一句。", "draft": "<i>Draft</i> one."}).text
    assert "&lt;i&gt;Draft&lt;/i&gt; one." in drafted and "unsaved text of the segment open" in drafted
    assert en_path(project).read_text(encoding="utf-8").count("Draft") == 0  # a preview writes nothing
    unknown = c.get("/edition/en/article", params={"msgid": "no such", "draft": "Ghost."}).text
    assert "Ghost." not in unknown and "not yet saved is not in it" in unknown


def test_orphans_in_the_overview_and_suggestions_from_orphans_and_compendia(project: Project, tmp_path: Path) -> None:
    other = project.root / "source" / "old.md"
    other.write_text("第一句呀。\n", encoding="utf-8")
    operations.update(project)
    old = project.catalog_path("en", "old")
    old.write_text(
        old.read_text(encoding="utf-8").replace(
            'msgid "第一句呀。"\nmsgstr ""', 'msgid "第一句呀。"\nmsgstr "Old first."'
        ),
        encoding="utf-8",
    )
    other.unlink()  # the document is gone: its catalog is an orphan
    compendium = tmp_path / "known.po"
    compendium.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "第一句啊。"\nmsgstr "Compendium first."\n',
        encoding="utf-8",
    )
    c = TestClient(create_app(project, TOKEN, PORT, compendia=(compendium,)), base_url=BASE)
    c.cookies.set(COOKIE, TOKEN)
    overview = c.get("/").text
    assert "Orphaned catalogs" in overview and "locales/en/LC_MESSAGES/old.po" in overview
    found = c.get("/api/suggest", params={"lang": "en", "doc": "article", "msgid": "第一句。"}).json()["suggestions"]
    origins = {s["origin"]: s["target"] for s in found}
    assert origins["locales/en/LC_MESSAGES/old.po"] == "Old first."
    assert origins[project.display(compendium)] == "Compendium first."


def test_serve_with_a_missing_compendium_is_a_one_line_error(project: Project) -> None:
    process = _serve(project.root, "--port", "0", "--compendium", "nowhere.po")
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.strip().splitlines() == [
        "Error: nowhere.po: compendium not found; give an existing .po, .mo or .tmx file"
    ]


def test_the_lock_is_held_only_while_writing(project: Project) -> None:
    c = client(project)
    assert c.get("/edit/en/article").status_code == 200
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    with Project(project.root, lock_timeout=0).locked():  # update, build, check can run between requests
        pass
    operations.update(project)  # and do: the workbench's next save builds on what they wrote
    assert save(c, "第二句。", editor.version(entry(project, "第二句。")), "Second.").status_code == 200
    assert entry(project, "第一句。").msgstr == "First." and entry(project, "第二句。").msgstr == "Second."


def test_glossary_terms_and_damaged_spans_are_marked_in_the_source(new_project: Any) -> None:
    root = new_project("微軟的總裁說了話。\n\n這是丛谶的文字。\n")
    (root / "locales").mkdir(exist_ok=True)
    (root / "locales" / "glossary.csv").write_text(
        "source,language,target,note\n微軟,en,Microsoft,the company\n", encoding="utf-8"
    )
    proj = Project(root)
    operations.update(proj, ("en",))
    page = client(proj).get("/edit/en/article").text
    assert re.search(r'<mark class="term" title="[^"]*Microsoft[^"]*">微軟</mark>', page)
    assert re.search(r'<mark class="damage" title="[^"]+">[^<]*丛谶[^<]*</mark>', page)
    suggest = client(proj).get("/api/suggest", params={"lang": "en", "doc": "article", "msgid": "微軟的總裁說了話。"})
    assert suggest.json()["glossary"] == [{"source": "微軟", "target": "Microsoft", "note": "the company"}]


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
